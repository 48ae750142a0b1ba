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
