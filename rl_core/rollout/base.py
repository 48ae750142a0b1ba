"""The rollout protocol's registry: backends by name, and ``auto``'s choice between them.

Backends are found by name (:func:`register_backend`, :func:`make_generator`); ``auto`` picks vLLM when it
is registered and usable, else ``hf``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import torch

from rlvr.registry import Registry
from rlvr.rl_core.types import Generator

logger = logging.getLogger(__name__)

#: backend name -> factory(model, tokenizer, **options) -> Generator; the vLLM module registers ``vllm`` (it
#: imports its engine lazily), other packages add theirs through the ``rlvr.rollout_backends`` entry points
BACKENDS: Registry[Callable[..., Generator]] = Registry(
    "rollout backend",
    builtin_modules=("rlvr.rl_core.rollout.hf", "rlvr.rl_core.rollout.vllm"),
    entry_point_group="rlvr.rollout_backends",
)


#: on CPU, ``auto`` tries vLLM only for models of at least this many parameters: on SmolLM2-135M it generated
#: several times the transformers loop's tokens/s (benchmarks/rollout_vllm_vs_hf.py); on models of a few
#: million parameters the two are level and the engine's start-up is not repaid
AUTO_VLLM_CPU_MIN_PARAMS = 50_000_000


def auto_order(device: torch.device, num_params: int = 0) -> tuple[str, ...]:
    """Backends ``auto`` tries, in order: vLLM first (when it imports) on a GPU or for a model of at least
    :data:`AUTO_VLLM_CPU_MIN_PARAMS` parameters on CPU, else the transformers loop (which shares each prompt's
    prefill across its G samples without an engine to sync)."""
    if device.type == "cuda" or num_params >= AUTO_VLLM_CPU_MIN_PARAMS:
        return ("vllm", "hf")
    return ("hf",)


def register_backend(name: str) -> Callable[[Callable[..., Generator]], Callable[..., Generator]]:
    """Decorator: register a Generator factory ``(model, tokenizer, **options) -> Generator`` as ``name``."""
    return BACKENDS.register(name)


def available_backends() -> list[str]:
    return sorted(BACKENDS.names())


def make_generator(backend: str, model: torch.nn.Module, tokenizer: Any, **options: Any) -> Generator:
    """The Generator for ``backend`` ("auto", "hf", or any registered name) over the learner's model.
    ``options`` go to the backend's factory (each takes what it knows, e.g. ``prompt_batch`` for hf,
    ``vllm`` and ``seed`` for vllm)."""
    if backend == "auto":
        for name in auto_order(next(model.parameters()).device, sum(p.numel() for p in model.parameters())):
            if name not in BACKENDS:
                continue
            try:
                return BACKENDS[name](model, tokenizer, **options)
            except (ImportError, RuntimeError) as e:  # e.g. vllm not installed or no device for it
                logger.info("rollout backend %s unavailable (%s); trying the next", name, e)
        raise RuntimeError(f"no rollout backend usable; registered: {available_backends()}")
    return BACKENDS[backend](model, tokenizer, **options)
