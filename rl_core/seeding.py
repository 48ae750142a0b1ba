"""Seeds: the process-wide RNGs at the start of a run, and the sampler seed of each generation call."""

from __future__ import annotations

import random

import numpy as np
import torch


def seed_everything(seed: int) -> None:
    """Seed Python's, NumPy's and torch's global RNGs."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def seed_for(*parts: int) -> int:
    """A seed in [0, 2^61 − 1) derived from ``parts`` (e.g. run seed, step, round): the same parts, the same seed."""
    h = 0
    for p in parts:
        h = (h * 1_000_003 + p) % (2**61 - 1)
    return h
