"""Building a run's parts from its config: policy and tokenizer, task, verifiers, rollout generator,
optimiser and schedule, training prompts. The trainer wires what these return."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import torch

from rlvr.registry import import_object, is_import_path
from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.lora import make_optimizer
from rlvr.rl_core.lr_schedule import make_scheduler
from rlvr.rl_core.models import load_from_config
from rlvr.rl_core.prompt_sampler import PromptSampler
from rlvr.rl_core.rollout import make_generator
from rlvr.rl_core.types import Generator
from rlvr.rl_core.verification import guard_verifier
from rlvr.tasks.base import Example, Task
from rlvr.tasks.dataset import drop_long_prompts
from rlvr.tasks.registry import get_task
from rlvr.verifiers.base import Verifier, get_verifier

logger = logging.getLogger(__name__)


def resolve_device(name: str) -> torch.device:
    """``auto``: CUDA when available, else CPU; any other name as torch reads it."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def load_verifier(name: str, kwargs: dict[str, Any]) -> Verifier:
    """A verifier by registered name (built-in, ``@register_verifier``, entry point) or ``module:factory``."""
    if is_import_path(name):
        v = import_object(name)(**kwargs)  # type: ignore[operator]
        if not isinstance(v, Verifier):
            raise TypeError(f"reward.verifier {name!r} produced {type(v).__name__}, not a Verifier")
        return v
    return get_verifier(name, **kwargs)


def load_task(cfg: RunConfig) -> Task:
    """The task by registered name, or by ``module:factory`` import path."""
    name, kwargs = cfg.task.name, cfg.task.kwargs
    if is_import_path(name):
        return import_object(name)(**kwargs)  # type: ignore[operator,no-any-return]
    return get_task(name, **kwargs)


def load_policy(cfg: RunConfig) -> tuple[torch.nn.Module, Any]:
    """The policy and tokenizer named by ``cfg.model`` on its device and dtype."""
    model, tok = load_from_config(cfg.model, seed=cfg.seed)
    model = model.to(device=resolve_device(cfg.model.device), dtype=getattr(torch, cfg.model.dtype))
    return model, tok


def build_verifiers(cfg: RunConfig, task: Task) -> tuple[Verifier, Verifier]:
    """(the rewards' verifier, the held-out evaluation's), both time-limited (``reward.isolation``): the
    task's verifier, or ``reward.verifier`` for the rewards when set."""
    evaluation = guard_verifier(task.verifier, cfg.reward)
    if not cfg.reward.verifier:
        return evaluation, evaluation
    return guard_verifier(load_verifier(cfg.reward.verifier, cfg.reward.verifier_kwargs), cfg.reward), evaluation


def build_generator(cfg: RunConfig, model: torch.nn.Module, tokenizer: Any) -> Generator:
    """The rollout backend of ``rollout.backend`` sampling from ``model``."""
    r = cfg.rollout
    generator = make_generator(
        r.backend,
        model,
        tokenizer,
        prompt_batch=r.prompt_batch,
        vllm=r.vllm,
        seed=cfg.seed,
        trust_remote_code=cfg.model.trust_remote_code,
    )
    logger.info("rollout backend %r resolved to %s", r.backend, type(generator).__name__)
    return generator


def build_optimization(
    cfg: RunConfig, model: torch.nn.Module
) -> tuple[torch.optim.Optimizer, torch.optim.lr_scheduler.LambdaLR]:
    """The optimiser of ``optim`` (the trainable parameters: adapters with LoRA) and its lr schedule."""
    optimizer = make_optimizer(model, cfg.optim, cfg.lora)
    return optimizer, make_scheduler(optimizer, cfg)


def build_prompts(cfg: RunConfig, task: Task, tokenizer: Any) -> tuple[list[Example], PromptSampler]:
    """The training examples whose prompts fit ``rollout.max_prompt_tokens``, and their seeded sampler."""
    examples = drop_long_prompts(task, task.examples("train"), tokenizer, cfg.rollout.max_prompt_tokens)
    return examples, PromptSampler(len(examples), cfg.seed)


def build_autocast(cfg: RunConfig, device: torch.device) -> Callable[[], AbstractContextManager[Any]]:
    """A factory of the forward's autocast context (``model.autocast``; a null context for ``none``)."""
    amp = cfg.model.autocast
    if amp == "none":
        return nullcontext
    return lambda: torch.autocast(device.type, dtype=getattr(torch, amp))
