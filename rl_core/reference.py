"""Per-token log-probabilities of completions under the policy or a reference policy.

The reference for KL regularisation is, with LoRA, the same model with its adapters disabled (no second
copy of the weights); with full fine-tuning, a frozen copy of the initial weights, built only when the
KL coefficient is positive.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import torch

from rlvr.rl_core.rollout import left_pad


@dataclass
class PackedBatch:
    """Prompt + completion rows packed for one forward pass (S = P + T).

    input_ids, attention_mask, position_ids: (R, S); prompts left-padded to P, completions right-padded
    to T. completion_ids: (R, T).
    """

    input_ids: torch.Tensor
    attention_mask: torch.Tensor
    position_ids: torch.Tensor
    completion_ids: torch.Tensor

    def to(self, device: torch.device) -> PackedBatch:
        return PackedBatch(*(t.to(device) for t in (self.input_ids, self.attention_mask, self.position_ids, self.completion_ids)))


def pack(prompts: Sequence[Sequence[int]], completion_ids: torch.Tensor, completion_mask: torch.Tensor, pad_id: int) -> PackedBatch:
    """Pack R prompts with their (R, T) completions; trailing all-padding columns are trimmed first."""
    width = int(completion_mask.sum(1).max()) if completion_mask.numel() else 0
    comp = completion_ids[:, :width]
    cmask = completion_mask[:, :width]
    p_ids, p_mask = left_pad(prompts, pad_id)
    ids = torch.cat([p_ids, comp], 1)
    mask = torch.cat([p_mask, cmask], 1)
    pos = (mask.long().cumsum(-1) - 1).clamp_min(0)
    return PackedBatch(ids, mask.long(), pos, comp)


def token_logprobs(
    model: torch.nn.Module, batch: PackedBatch, temperature: float, with_entropy: bool, entropy_grad: bool = False
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """(R, T) log-probabilities of the completion tokens under ``model`` at ``temperature``, and the
    (R, T) entropy (nats) of each next-token distribution when ``with_entropy`` (differentiable only with
    ``entropy_grad``; otherwise computed without building a graph).

    Only the last T + 1 positions go through the LM head (``logits_to_keep``).
    """
    t = batch.completion_ids.shape[1]
    out = model(
        input_ids=batch.input_ids,
        attention_mask=batch.attention_mask,
        position_ids=batch.position_ids,
        use_cache=False,
        logits_to_keep=t + 1,
    )
    logits = out.logits[:, :t, :].float()
    if temperature != 1.0:
        logits = logits / temperature
    lse = logits.logsumexp(-1)
    logp = logits.gather(-1, batch.completion_ids.unsqueeze(-1)).squeeze(-1) - lse
    entropy = None
    if with_entropy:
        with torch.set_grad_enabled(entropy_grad and torch.is_grad_enabled()):
            z = logits if entropy_grad else logits.detach()
            entropy = z.logsumexp(-1) - (z.softmax(-1) * z).sum(-1)
    return logp, entropy


class ReferencePolicy:
    """The KL reference: adapters disabled on the policy (LoRA) or a frozen copy (full fine-tuning)."""

    def __init__(self, policy: torch.nn.Module) -> None:
        self.policy = policy
        self.shared = hasattr(policy, "disable_adapter")  # a peft model: its base is the reference
        self.model = policy if self.shared else copy.deepcopy(policy).eval().requires_grad_(False)

    def _context(self) -> AbstractContextManager[object]:
        return self.policy.disable_adapter() if self.shared else nullcontext()

    @torch.no_grad()
    def logprobs(self, batch: PackedBatch, temperature: float) -> torch.Tensor:
        """(R, T) reference log-probabilities of the completion tokens."""
        with self._context():
            return token_logprobs(self.model, batch, temperature, with_entropy=False)[0]
