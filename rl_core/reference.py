"""The KL reference policy.

The reference for KL regularisation is, with LoRA, the same model with its adapters disabled (no second
copy of the weights); with full fine-tuning, a frozen copy of the initial weights, built only when the
KL coefficient is positive.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import torch

from rlvr.rl_core.forward import PackedBatch, token_logprobs


class ReferencePolicy:
    """The KL reference: adapters disabled on the policy (LoRA) or a frozen copy (full fine-tuning)."""

    def __init__(self, policy: torch.nn.Module) -> None:
        self.policy = policy
        self.shared = hasattr(policy, "disable_adapter")  # a peft model: its base is the reference
        self.model = policy if self.shared else copy.deepcopy(policy).eval().requires_grad_(False)

    def _context(self) -> AbstractContextManager[object]:
        return self.policy.disable_adapter() if self.shared else nullcontext()

    @torch.no_grad()
    def logprobs(self, batch: PackedBatch, temperature: float, share_prefix: bool = True) -> torch.Tensor:
        """(R, T) reference log-probabilities of the completion tokens."""
        with self._context():
            return token_logprobs(self.model, batch, temperature, False, share_prefix=share_prefix)[0]


def reference_logprobs(
    reference: ReferencePolicy | None,
    packs: list[tuple[list[int], PackedBatch]],
    device: torch.device,
    autocast: Callable[[], AbstractContextManager[Any]],
    temperature: float,
    share_prefix: bool = True,
) -> tuple[list[torch.Tensor] | None, dict[str, float]]:
    """The reference stage: the (n, t) reference log-probs of each micro-batch of ``packs`` and the metric
    ``time/reference``; (None, {}) without a reference policy (``kl.beta`` = 0)."""
    if reference is None:
        return None, {}
    t0 = time.perf_counter()
    with autocast():
        ref = [reference.logprobs(p.to(device), temperature, share_prefix) for _, p in packs]
    return ref, {"time/reference": time.perf_counter() - t0}
