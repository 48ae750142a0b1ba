"""Which settings a resumed run may change, checked before anything is loaded.

A checkpoint stores its run's resolved config. :func:`check_resume` compares it with the new one field by
field (dotted names, free-form dicts such as ``task.kwargs`` included): fields under :data:`RESUMABLE`
(budgets, cadences, outputs, fault handling, memory-only knobs and the learning rate, which the trainer then
applies to the restored scheduler) are returned as changes; any other difference raises
:class:`~rlvr.rl_core.config.ConfigError` naming every such field with its saved and new value, since it would
mix two different runs in one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rlvr.rl_core.config import ConfigError, RunConfig, resolve

#: dotted fields (or section prefixes) a resumed run may change
RESUMABLE: tuple[str, ...] = (
    "steps",
    "max_minutes",
    "logging",
    "eval",
    "checkpoint",
    "monitor",
    "faults",
    "optim.lr",
    "optim.micro_batch_size",  # the loss is normalised by the step's totals: memory only
    "model.device",
    "model.gradient_checkpointing",  # memory only
    "rollout.prompt_batch",  # held-out decoding batch
    "reward.timeout_s",
    "reward.isolation",
    "reward.workers",
    "reward.memory_mb",
)


def flatten(d: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` -> ``{"a.b": 1}`` (lists stay whole)."""
    out: dict[str, Any] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping) and v:
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


def resumable(field: str) -> bool:
    return any(field == r or field.startswith(r + ".") for r in RESUMABLE)


def _normalised(saved: Mapping[str, Any]) -> dict[str, Any]:
    """The saved config with defaults filled for fields it predates and keys of an earlier shape moved (raw when
    it no longer resolves)."""
    try:
        return resolve(saved, saved=True).to_dict()
    except ConfigError:
        return dict(saved)


def check_resume(saved: Mapping[str, Any], new: RunConfig) -> list[tuple[str, Any, Any]]:
    """The allowed (field, saved, new) changes; raise ConfigError listing every forbidden one."""
    old, cur = flatten(_normalised(saved)), flatten(new.to_dict())
    missing = object()
    changed = [
        (k, old.get(k, missing), cur.get(k, missing))
        for k in sorted(set(old) | set(cur))
        if old.get(k, missing) != cur.get(k, missing)
    ]
    bad = [(k, a, b) for k, a, b in changed if not resumable(k)]
    if bad:

        def show(v: Any) -> str:
            return "(absent)" if v is missing else repr(v)

        diffs = "; ".join(f"{k}: saved {show(a)}, new {show(b)}" for k, a, b in bad)
        raise ConfigError(
            f"{diffs} — cannot change on resume (it would mix two runs); resume with the saved values or start a "
            f"new run in another directory. Fields that may change on resume: {', '.join(RESUMABLE)}"
        )
    return [(k, a, b) for k, a, b in changed]
