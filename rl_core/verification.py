"""The learner's verification stage: every verifier call time-limited, every result checked.

:func:`guard_verifier` gives the verifier the learner calls: the verifier itself when it bounds its own time
(``Verifier.enforces_time_limit``: ``math``, ``code``, ``format``, combinations of those) or with
``reward.isolation: inline``; otherwise an :class:`~rlvr.verifiers.isolated.IsolatedVerifier` running it in
killable worker processes, ``reward.timeout_s`` per completion. :func:`verify` returns one checked result
per completion whatever the verifier does: a crash, a wrong count, a result that is not a
``VerifyResult``, a bad status, or a score that is not a number in [0, 1] (also one set after the result was
built) is a zero-reward ``error`` result naming the verifier — or, with ``reward.clip_scores``, an
out-of-range score is clipped into [0, 1].
"""

from __future__ import annotations

import dataclasses
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


def check_result(res: Any, label: str, clip: bool = False) -> tuple[VerifyResult, str | None]:
    """``res`` if it honours VerifyResult's contract (clipped into [0, 1] with ``clip``), else a zero-reward
    ``error`` result; second item: what was wrong (None when nothing)."""
    if not isinstance(res, VerifyResult):
        problem = f"returned {type(res).__name__}, not a VerifyResult"
    elif isinstance(res.score, bool) or not isinstance(res.score, numbers.Real):
        problem = f"returned score {res.score!r} ({type(res.score).__name__}), not a number"
    elif not math.isfinite(float(res.score)):
        problem = f"returned score {res.score}"
    elif res.status not in STATUSES:
        problem = f"returned status {res.status!r}, not one of {STATUSES}"
    elif res.passed and res.status != "ok":
        problem = f"returned passed=True with status {res.status!r}"
    elif not 0.0 <= float(res.score) <= 1.0:
        if clip:
            return dataclasses.replace(res, score=min(1.0, max(0.0, float(res.score)))), None
        problem = f"returned score {res.score} outside [0, 1] (reward.clip_scores=true clips it)"
    else:
        return res, None
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
