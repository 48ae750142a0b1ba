"""Data passed between the learner's stages (see ARCHITECTURE.md: each arrow is one of these).

Shapes: B prompts, G completions per prompt, N = B·G completions, T = the longest completion in tokens.
Completion tensors are right-padded; masks are True on real (generated) tokens, EOS included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import torch


@dataclass(frozen=True)
class SamplingParams:
    """How completions are sampled (one set per generation call)."""

    max_new_tokens: int = 256
    temperature: float = 1.0
    top_p: float = 1.0
    stop: tuple[str, ...] = ()
    seed: int | None = None


@dataclass
class RolloutBatch:
    """G sampled completions for each of B prompts, completions of one prompt contiguous.

    prompt_ids: B lists of prompt token ids (no padding).
    completion_ids: (N, T) long, right-padded with the pad id.
    completion_mask: (N, T) bool, True on generated tokens (EOS included, padding excluded).
    old_logprobs: (N, T) float32, log-probability of each sampled token under the sampling policy, 0 on padding.
    truncated: (N,) bool, True when generation hit max_new_tokens without EOS or a stop string.
    group_ids: (N,) long, index in [0, B) of each completion's prompt.
    texts: N decoded completions (special tokens removed).
    """

    prompt_ids: list[list[int]]
    completion_ids: torch.Tensor
    completion_mask: torch.Tensor
    old_logprobs: torch.Tensor
    truncated: torch.Tensor
    group_ids: torch.Tensor
    texts: list[str]
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def group_size(self) -> int:
        return self.completion_ids.shape[0] // max(len(self.prompt_ids), 1)

    def __len__(self) -> int:
        return self.completion_ids.shape[0]


@runtime_checkable
class Generator(Protocol):
    """A rollout engine. ``generate`` samples ``n`` completions per prompt; ``sync_weights`` makes the
    engine sample from the learner's current weights (a no-op when the engine *is* the learner's model)."""

    def generate(self, prompts: list[list[int]], n: int, params: SamplingParams) -> RolloutBatch: ...

    def sync_weights(self, model: torch.nn.Module) -> None: ...
