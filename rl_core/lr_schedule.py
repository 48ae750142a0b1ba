"""The learning-rate schedule: linear warm-up, then constant, linear or cosine decay to ``optim.min_lr_ratio``."""

from __future__ import annotations

import math
from collections.abc import Callable

import torch

from rlvr.rl_core.config import RunConfig


def lr_lambda(cfg: RunConfig) -> Callable[[int], float]:
    """Multiplier of the base lr at training step s: linear warm-up, then constant / linear / cosine decay."""
    o, total = cfg.optim, cfg.steps

    def f(s: int) -> float:
        if s < o.warmup_steps:
            return (s + 1) / o.warmup_steps
        if o.schedule == "constant":
            return 1.0
        frac = min(1.0, (s - o.warmup_steps) / max(1, total - o.warmup_steps))
        decay = 1 - frac if o.schedule == "linear" else 0.5 * (1 + math.cos(math.pi * frac))
        return o.min_lr_ratio + (1 - o.min_lr_ratio) * decay

    return f


def make_scheduler(optimizer: torch.optim.Optimizer, cfg: RunConfig) -> torch.optim.lr_scheduler.LambdaLR:
    """The schedule of ``cfg`` on ``optimizer``; one scheduler step per optimiser update round."""
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda(cfg))


def rebase_lr(scheduler: torch.optim.lr_scheduler.LambdaLR, base_lrs: list[float], cfg: RunConfig) -> None:
    """Put a restored ``scheduler`` on ``base_lrs`` (this config's: ``optim.lr`` may change on resume), at its
    restored position."""
    scheduler.base_lrs = list(base_lrs)
    factor = lr_lambda(cfg)(scheduler.last_epoch)
    for group, base in zip(scheduler.optimizer.param_groups, base_lrs):
        group["initial_lr"], group["lr"] = base, base * factor
    scheduler._last_lr = [g["lr"] for g in scheduler.optimizer.param_groups]
