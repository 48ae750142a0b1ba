"""The learner's verification stage: every verifier call time-limited, every result checked.

:func:`guard_verifier` gives the verifier the learner calls: the verifier itself when it bounds its own time
(``Verifier.enforces_time_limit``: ``math``, ``code``, ``format``, combinations of those) or with
``reward.isolation: inline``; otherwise an :class:`~rlvr.verifiers.isolated.IsolatedVerifier` running it in
killable worker processes, ``reward.timeout_s`` per completion. :func:`verify` returns one checked result
per completion whatever the verifier does: a crash, a wrong count, a result that is not a
``VerifyResult``, a bad status, or a score that is not one real number in [0, 1] (a 0-d numpy/torch value,
a Fraction or a Decimal counts, and is stored as a float) (also one set after the result was
built) is a zero-reward ``error`` result naming the verifier — or, with ``reward.clip_scores``, an
out-of-range score is clipped into [0, 1].
"""

from __future__ import annotations

import dataclasses
import decimal
import logging
import math
import numbers
from collections.abc import Sequence
from typing import Any

from rlvr.rl_core.config import ConfigError, RewardConfig
from rlvr.verifiers.base import STATUSES, Verifier, VerifyResult
from rlvr.verifiers.isolated import IsolatedVerifier, IsolationError, verifier_name

logger = logging.getLogger(__name__)


def guard_verifier(verifier: Verifier, cfg: RewardConfig) -> Verifier:
    """The time-limited form of ``verifier`` under ``cfg`` (see the module docstring)."""
    if cfg.isolation == "inline" or getattr(verifier, "enforces_time_limit", False):
        return verifier
    try:
        return IsolatedVerifier(verifier, cfg.timeout_s, cfg.workers, cfg.memory_mb)
    except IsolationError as e:
        raise ConfigError(
            f"reward.isolation: {e}. Make the verifier copyable to a process (picklable attributes; its module "
            "importable from sys.path), or set reward.isolation=inline to run it in the learner's process with no "
            "time limit"
        ) from None


def close_verifier(verifier: Any) -> None:
    """Stop the worker processes of an isolated verifier (no-op for others)."""
    if isinstance(verifier, IsolatedVerifier):
        verifier.close()


def _label(verifier: Any) -> str:
    return verifier.label if isinstance(verifier, IsolatedVerifier) else verifier_name(verifier)


def as_real(value: Any) -> float | None:
    """``value`` as a float when it is one real number: a ``numbers.Real`` (int, float, Fraction, numpy scalar), a
    ``Decimal``, or a one-element numpy array / torch tensor of a real dtype; None otherwise (bool, complex,
    str, None, several elements)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        try:
            return float(value)
        except (TypeError, ValueError, OverflowError):
            return None
    item, size = getattr(value, "item", None), getattr(value, "size", None)
    numel = getattr(value, "numel", None)
    n = numel() if callable(numel) else size if isinstance(size, int) else None
    if callable(item) and n == 1 and getattr(value, "dtype", None) is not None:
        try:
            inner = item()
        except Exception:  # noqa: BLE001  (user object: anything may go wrong)
            return None
        return None if isinstance(inner, bool) or not isinstance(inner, numbers.Real) else float(inner)
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def check_result(res: Any, label: str, clip: bool = False) -> tuple[VerifyResult, str | None]:
    """``res`` if it honours VerifyResult's contract (clipped into [0, 1] with ``clip``), else a zero-reward
    ``error`` result; second item: what was wrong (None when nothing)."""
    score = as_real(res.score) if isinstance(res, VerifyResult) else None
    if not isinstance(res, VerifyResult):
        problem = f"returned {type(res).__name__}, not a VerifyResult"
    elif score is None:
        problem = f"returned score {_short(res.score)} ({type(res.score).__name__}), not a number"
    elif not math.isfinite(score):
        problem = f"returned score {res.score}"
    elif res.status not in STATUSES:
        problem = f"returned status {res.status!r}, not one of {STATUSES}"
    elif res.passed and res.status != "ok":
        problem = f"returned passed=True with status {res.status!r}"
    elif not 0.0 <= score <= 1.0:
        if clip:
            return dataclasses.replace(res, score=min(1.0, max(0.0, score))), None
        problem = f"returned score {res.score} outside [0, 1] (reward.clip_scores=true clips it)"
    else:
        return (res if type(res.score) is float else dataclasses.replace(res, score=score)), None
    return VerifyResult.failure("error", f"verifier {label} {problem}"), problem


def verify(
    verifier: Verifier, texts: Sequence[str], references: Sequence[Any], clip_scores: bool = False
) -> list[VerifyResult]:
    """One checked result per completion, whatever the verifier does: a crash of ``verify_batch`` falls back to
    per-sample scoring, a crash there is a zero-reward ``error`` result (logged)."""
    label = _label(verifier)
    results: list[Any] | None = None
    try:
        results = list(verifier.verify_batch(list(texts), list(references)))
        if len(results) != len(texts):
            raise ValueError(f"verify_batch returned {len(results)} results for {len(texts)} completions")
    except Exception as e:  # the verifier is user code: never let it stop training
        logger.warning("verifier %s: verify_batch failed (%s: %s); scoring one by one", label, type(e).__name__, e)
        results = []
        for t, r in zip(texts, references):
            try:
                results.append(verifier.safe_verify(t, r))
            except Exception as e2:
                logger.warning("verifier %s crashed on one sample (%s: %s); reward 0", label, type(e2).__name__, e2)
                results.append(VerifyResult.failure("error", f"verifier {label}: {type(e2).__name__}: {e2}"))
    out, problems = [], []
    for res in results:
        checked, problem = check_result(res, label, clip_scores)
        out.append(checked)
        if problem:
            problems.append(problem)
    if problems:
        logger.warning(
            "verifier %s broke the result contract on %d of %d completions (reward 0, status error), e.g.: %s",
            label,
            len(problems),
            len(out),
            problems[0],
        )
    return out


class VerifierFailureError(RuntimeError):
    """The verifier failed on every completion of too many consecutive steps: the run stops (exit 1)."""


class VerifierHealth:
    """Stops a run whose verifier is broken: after ``max_steps`` consecutive steps in which every completion's
    result is a verifier ``error`` or ``timeout`` (each such step trains on zero rewards or is skipped), raise
    :class:`VerifierFailureError` naming the verifier and the first error, before that step applies anything."""

    def __init__(self, verifier: Verifier, max_steps: int) -> None:
        self.label, self.max_steps, self.consecutive = verifier_name(verifier), max_steps, 0

    def observe(self, step: int, results: Sequence[VerifyResult]) -> None:
        """Count ``results`` (every completion of ``step``); raise when the streak reaches ``max_steps``."""
        failed = [r for r in results if r.status in ("error", "timeout")]
        if not results or len(failed) < len(results):
            self.consecutive = 0
            return
        self.consecutive += 1
        if self.consecutive >= self.max_steps:
            first = failed[0]
            raise VerifierFailureError(
                f"verifier {self.label} failed on all {len(results)} completions of {self.consecutive} consecutive "
                f"steps (last: step {step}; faults.max_verifier_failure_steps={self.max_steps}); first: "
                f"{first.status}: {first.error or 'no message'}. Fix the verifier (check it on a few completions "
                "with `rlvr verify`) or raise reward.timeout_s"
            )
        logger.warning(
            "step %d: verifier %s failed on every completion (%d consecutive; the run stops at %d)",
            step,
            self.label,
            self.consecutive,
            self.max_steps,
        )
