"""DAPO overlong handling (Yu et al. 2025 §3.4): soft length penalty and filtering of truncated samples.

With ``max_len`` the length limit L_max and ``buffer`` the soft-punishment cache L_cache, the penalty added to
the reward of a completion of L tokens is::

    0                                         L <= L_max - L_cache
    -(L - (L_max - L_cache)) / L_cache · p    L_max - L_cache < L <= L_max
    -p                                        L > L_max

linear from 0 to -p across the buffer and continuous at both ends (p = ``penalty``, DAPO uses 1).
``buffer = 0`` leaves only the hard -p beyond ``max_len``.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor


def overlong_penalty(lengths: Tensor, max_len: int, buffer: int, penalty: float = 1.0) -> Tensor:
    """(N,) completion lengths in tokens -> (N,) float32 penalties in [-penalty, 0] (see the module)."""
    if max_len < 1:
        raise ValueError(f"reward.overlong_max_len must be >= 1, got {max_len}")
    if not 0 <= buffer <= max_len:
        raise ValueError(f"reward.overlong_buffer must lie in [0, max_len={max_len}], got {buffer}")
    if not (math.isfinite(penalty) and penalty >= 0):
        raise ValueError(f"reward.overlong_penalty must be a finite number >= 0, got {penalty}")
    if lengths.dim() != 1:
        raise ValueError(f"lengths must be (N,), got {tuple(lengths.shape)}")
    if lengths.numel() and bool((lengths < 0).any()):
        raise ValueError("lengths must be >= 0")
    lengths = lengths.to(torch.float64)  # exact for any realistic token count
    start = max_len - buffer
    over = (lengths - start).clamp(min=0)
    soft = -(over / buffer) * penalty if buffer > 0 else torch.zeros_like(lengths)
    shaped = torch.where(lengths > max_len, torch.full_like(lengths, -penalty), soft)
    return (shaped + 0.0).to(torch.float32)  # + 0.0 turns -0.0 into 0.0


def overlong_filter_mask(truncated: Tensor) -> Tensor:
    """(N,) truncation flags -> (N,) bool, True for the completions to keep (those not truncated)."""
    if truncated.dim() != 1:
        raise ValueError(f"truncated must be (N,), got {tuple(truncated.shape)}")
    return ~truncated.bool()
