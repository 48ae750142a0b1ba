"""Rollout: sample G completions per prompt with their sampling log-probabilities.

- :mod:`~rlvr.rl_core.rollout.base`: the backend registry and ``auto``'s choice (the :class:`~rlvr.rl_core.types.Generator`
  protocol and the records it returns live in :mod:`rlvr.rl_core.types`);
- :mod:`~rlvr.rl_core.rollout.batch`: padding and :func:`build_rollout_batch`;
- :mod:`~rlvr.rl_core.rollout.hf`: rlvr's KV-cached transformers sampler (``hf``);
- :mod:`~rlvr.rl_core.rollout.vllm`: the vLLM engine (``vllm``), imported with its engine only when used.
"""

from rlvr.rl_core.rollout.base import BACKENDS, auto_order, available_backends, make_generator, register_backend
from rlvr.rl_core.rollout.batch import build_rollout_batch, pad_token_id
from rlvr.rl_core.rollout.hf import HFGenerator

__all__ = [
    "BACKENDS",
    "HFGenerator",
    "auto_order",
    "available_backends",
    "build_rollout_batch",
    "make_generator",
    "pad_token_id",
    "register_backend",
]
