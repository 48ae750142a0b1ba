"""What every actor of the three groups shares: its name, thread count, the restart probe, and the policy
built exactly as the local trainer builds it (so learner ranks and rollout actors hold the same structure and
parameter names, and weights move between them by name)."""

from __future__ import annotations

import logging
import os
from typing import Any

import torch

from rlvr.rl_core.builders import load_policy
from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.seeding import seed_everything

logger = logging.getLogger(__name__)


class ActorBase:
    """Base of the actor classes: ``name`` (e.g. ``rollout-1``) and torch's thread count."""

    def __init__(self, name: str, threads: int) -> None:
        self.name = name
        torch.set_num_threads(max(1, threads))
        logging.basicConfig(level=logging.INFO, format=f"%(asctime)s {name} %(levelname)s %(name)s: %(message)s")

    def ready(self) -> str:
        """The restart probe: answers once the constructor has run."""
        return self.name

    def pid(self) -> int:
        return os.getpid()

    def node_id(self) -> str:
        import ray

        return ray.get_runtime_context().get_node_id()


def build_policy(cfg: RunConfig) -> tuple[torch.nn.Module, Any]:
    """The policy and tokenizer of ``cfg`` as the local trainer builds them: seeded, loaded on its device
    and dtype, gradient checkpointing, then LoRA adapters."""
    from rlvr.rl_core.lora import apply_lora

    seed_everything(cfg.seed)
    model, tok = load_policy(cfg)
    if cfg.model.gradient_checkpointing:
        model.gradient_checkpointing_enable()
    if cfg.lora.enabled:
        model = apply_lora(model, cfg.lora)
    return model, tok


def load_named(model: torch.nn.Module, tensors: dict[str, torch.Tensor]) -> None:
    """Copy ``tensors`` into the parameters of ``model`` with the same names; every name must exist and
    every shape match (a push that matches nothing is an error, not a silent no-op)."""
    params = dict(model.named_parameters())
    unknown = sorted(set(tensors) - set(params))
    if unknown:
        raise KeyError(f"{len(unknown)} pushed tensors are not parameters of the policy, e.g. {unknown[:3]}")
    with torch.no_grad():
        for n, t in tensors.items():
            p = params[n]
            if p.shape != t.shape:
                raise ValueError(f"pushed tensor {n} has shape {tuple(t.shape)}, the policy's is {tuple(p.shape)}")
            p.copy_(t.to(device=p.device, dtype=p.dtype))
