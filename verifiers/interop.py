"""Adapters: any rlvr verifier as a TRL ``reward_funcs`` callable or a verl ``compute_score`` function.

TRL (``GRPOTrainer(reward_funcs=[…])``) calls ``f(prompts=…, completions=…, completion_ids=…, **columns)``
with every dataset column as a list (plus ``trainer_state``, ``log_metric``, ``log_extra``) and expects one
float (or ``None``) per completion. Completions are strings, or, for conversational datasets, lists of
message dicts. verl calls ``compute_score(data_source, solution_str, ground_truth, extra_info)`` per sample
and accepts a float or a dict with ``"score"``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rlvr.verifiers.base import Verifier, VerifyResult, check_batch_lengths

#: TRL keyword arguments that are not dataset columns
_TRL_RESERVED = frozenset(
    {"prompts", "completions", "completion_ids", "trainer_state", "log_metric", "log_extra", "environments"}
)


def completion_text(completion: Any) -> str:
    """The text of a TRL completion: a string, or the assistant content of a list of message dicts."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, Mapping):
        completion = [completion]
    if isinstance(completion, Sequence):
        texts = []
        for msg in completion:
            if not isinstance(msg, Mapping):
                raise TypeError(f"conversational completion must hold message dicts, got {type(msg).__name__}")
            if msg.get("role", "assistant") != "assistant":
                continue
            content = msg.get("content") or ""
            if isinstance(content, list):  # multimodal parts: keep the text ones
                content = "".join(p.get("text", "") for p in content if isinstance(p, Mapping))
            texts.append(content if isinstance(content, str) else str(content))
        return "".join(texts)
    raise TypeError(f"completion must be a string or a list of messages, got {type(completion).__name__}")


def to_trl_reward_func(
    verifier: Verifier,
    reference_column: str | None = "answer",
    context_columns: Sequence[str] = (),
    error_value: float | None = 0.0,
    name: str | None = None,
) -> Callable[..., list[float | None]]:
    """Wrap ``verifier`` as a TRL reward function.

    reference_column: dataset column holding the reference (``None`` for reference-free verifiers such as
    ``format``). context_columns: columns passed on as verifier context. error_value: reward for a check
    that errored or timed out (``None`` lets TRL treat it as missing). The function raises ValueError when a
    column has the wrong number of values (never broadcasts), and logs pass rate and timeout/error rates
    through TRL's ``log_metric`` when given.
    """
    label = name or f"rlvr_{verifier.name or type(verifier).__name__}"

    def reward_func(
        prompts: Sequence[Any] | None = None, completions: Sequence[Any] | None = None, **kwargs: Any
    ) -> list[float | None]:
        if completions is None:
            raise ValueError(f"{label}: called without completions")
        texts = [completion_text(c) for c in completions]
        n = len(texts)
        if prompts is not None and len(prompts) != n:
            raise ValueError(f"{label}: got {len(prompts)} prompts for {n} completions")
        if reference_column is None:
            refs: Sequence[Any] = [None] * n
        elif reference_column not in kwargs:
            columns = sorted(k for k in kwargs if k not in _TRL_RESERVED)
            raise KeyError(f"{label}: dataset column {reference_column!r} missing; columns: {columns}")
        else:
            refs = kwargs[reference_column]
        contexts = None
        if context_columns:
            for col in context_columns:
                if col not in kwargs:
                    raise KeyError(f"{label}: context column {col!r} missing")
                check_batch_lengths(texts, kwargs[col])
            contexts = [{col: kwargs[col][i] for col in context_columns} for i in range(n)]
        check_batch_lengths(texts, refs, contexts)
        results = verifier.verify_batch(texts, list(refs), contexts)
        if len(results) != n:
            raise ValueError(f"{label}: verifier returned {len(results)} results for {n} completions")
        log_metric = kwargs.get("log_metric")
        if callable(log_metric) and n:
            log_metric(f"{label}/pass_rate", sum(r.passed for r in results) / n)
            for status in ("timeout", "error", "no_answer"):
                log_metric(f"{label}/{status}_rate", sum(r.status == status for r in results) / n)
        return [_reward(r, error_value) for r in results]

    reward_func.__name__ = label
    reward_func.__qualname__ = label
    return reward_func


def _reward(r: VerifyResult, error_value: float | None) -> float | None:
    return error_value if r.status in ("error", "timeout") else float(r.score)


def to_verl_compute_score(verifier: Verifier, return_dict: bool = True) -> Callable[..., float | dict[str, Any]]:
    """Wrap ``verifier`` as verl's ``compute_score(data_source, solution_str, ground_truth, extra_info=None)``.

    With ``return_dict`` the result is ``{"score", "acc", "status", "extracted"}`` (same keys for every
    sample, as verl's reward manager requires); otherwise the bare float score. ``extra_info`` (a dict) is
    passed to the verifier as context.
    """

    def compute_score(
        data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any = None, **_: Any
    ) -> float | dict[str, Any]:
        context = dict(extra_info) if isinstance(extra_info, Mapping) else {}
        r = verifier.verify_batch([solution_str], [ground_truth], [context])[0]
        if not return_dict:
            return float(r.score)
        return {"score": float(r.score), "acc": bool(r.passed), "status": r.status, "extracted": r.extracted or ""}

    compute_score.__name__ = f"compute_score_{verifier.name or type(verifier).__name__}"
    return compute_score
