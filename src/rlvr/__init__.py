"""rlvr: reinforcement learning from verifiable rewards.

The public API. Names resolve lazily, so ``import rlvr`` stays light (no torch) until a learner
component is used.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Verifier": "rlvr.verifiers.base",
    "VerifyResult": "rlvr.verifiers.base",
    "register_verifier": "rlvr.verifiers.base",
    "get_verifier": "rlvr.verifiers.base",
    "available_verifiers": "rlvr.verifiers.base",
    "build_verifier": "rlvr.verifiers.combine",
    "extract_answer": "rlvr.verifiers.extract",
    "to_trl_reward_func": "rlvr.verifiers.interop",
    "to_verl_compute_score": "rlvr.verifiers.interop",
    "get_sandbox": "rlvr.sandbox",
    "Limits": "rlvr.sandbox.base",
    "Example": "rlvr.tasks.base",
    "Task": "rlvr.tasks.base",
    "register_task": "rlvr.tasks.registry",
    "get_task": "rlvr.tasks.registry",
    "available_tasks": "rlvr.tasks.registry",
    "load_model": "rlvr.rl_core.models",
    "pass_at_k": "rlvr.tasks.evaluate",
    "evaluate": "rlvr.rl_core.evaluation",
    "RunConfig": "rlvr.rl_core.config",
    "build_trainer": "rlvr.rl_core.trainer",
    "compute_advantages": "rlvr.rl_core.advantages",
    "compute_loss": "rlvr.rl_core.losses",
}


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'rlvr' has no attribute {name!r}") from None
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_EXPORTS))


__all__ = sorted(_EXPORTS)
