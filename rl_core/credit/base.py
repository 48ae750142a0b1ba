"""The credit-assignment interface: token-level advantages from a rollout.

A credit method maps a rollout and its sequence-level rewards/advantages to per-token advantages
(N, T) that the loss consumes in place of the broadcast sequence advantage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch

from rlvr.rl_core.types import Generator, RolloutBatch, SamplingParams
from rlvr.tasks.base import Example, Task


@dataclass
class CreditInputs:
    """Everything a credit method may use. N completions, T = rollout.completion_ids.shape[1].

    rollout: the completions (token ids, mask, texts, group ids).
    rewards: (N,) final scalar reward of each completion (after any shaping).
    advantages: (N,) sequence-level advantages from the configured estimator.
    examples: N examples, the one each completion answers (its reference, its prompt).
    task: the task (its verifier scores continuations).
    generator: samples continuations from the current policy (weights already synced).
    sampling: the sampling parameters used for the rollout.
    tokenizer: the policy's tokenizer (offsets for step spans).
    model: the current policy (e.g. attention weights for redistribution).
    """

    rollout: RolloutBatch
    rewards: torch.Tensor
    advantages: torch.Tensor
    examples: list[Example]
    task: Task
    generator: Generator
    sampling: SamplingParams
    tokenizer: Any
    model: torch.nn.Module


#: A credit method: (inputs, method config) -> token advantages (N, T), 0 on padding.
CreditFn = Callable[[CreditInputs, Any], torch.Tensor]
