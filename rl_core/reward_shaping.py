"""Reward shaping: what turns verifier scores into the rewards the advantages see.

Two stages, each chosen at build time (a no-op when its feature is off):

- score shaping, per generation round before dynamic sampling (it filters on the shaped rewards): DAPO's
  soft overlong punishment (:mod:`rlvr.rl_core.overlong`, ``reward.overlong_buffer_ratio``);
- KL in the reward, after the reference forward: each completion's reward minus ``kl.beta`` x its summed
  per-token KL to the reference, estimated on the sampler's log-probabilities (``kl.in_reward``; RLOO /
  REINFORCE++ style).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import torch
from torch import Tensor

from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.forward import PackedBatch
from rlvr.rl_core.losses import kl_penalty
from rlvr.rl_core.overlong import overlong_penalty
from rlvr.rl_core.types import RolloutBatch

#: (N,) float32 scores, (N,) completion lengths in tokens -> (N,) rewards
ScoreShaping = Callable[[Tensor, Tensor], Tensor]


def unshaped(scores: Tensor, lengths: Tensor) -> Tensor:
    """The scores themselves."""
    return scores


def make_score_shaping(cfg: RunConfig) -> ScoreShaping:
    """The overlong punishment of ``cfg.reward`` (buffer ``round(ratio x rollout.max_new_tokens)``, at least 1
    token), or :func:`unshaped` when ``reward.overlong_buffer_ratio`` is 0."""
    r, max_len = cfg.reward, cfg.rollout.max_new_tokens
    if r.overlong_buffer_ratio <= 0:
        return unshaped
    buffer = max(1, round(r.overlong_buffer_ratio * max_len))

    def overlong(scores: Tensor, lengths: Tensor) -> Tensor:
        return scores + overlong_penalty(lengths, max_len, buffer, r.overlong_penalty)

    return overlong


def sequence_kl(
    batch: RolloutBatch, packs: list[tuple[list[int], PackedBatch]], ref: list[Tensor], estimator: str
) -> Tensor:
    """(N,) summed per-token KL of the sampled completions to the reference (from the sampler's log-probs);
    ``ref``: the (n, t) reference log-probs of each micro-batch of ``packs``."""
    kl = torch.zeros(len(batch))
    for (idx, p), rl in zip(packs, ref):
        t = p.completion_ids.shape[1]
        per_tok = kl_penalty(batch.old_logprobs[idx, :t], rl.cpu(), estimator)
        kl[idx] = (per_tok * batch.completion_mask[idx, :t]).sum(1)
    return kl


class RewardShaping(Protocol):
    """A post-collect shaping: (K, G) rewards -> (K, G) rewards and its metrics."""

    def __call__(
        self,
        rewards: Tensor,
        batch: RolloutBatch,
        packs: list[tuple[list[int], PackedBatch]],
        ref: list[Tensor] | None,
    ) -> tuple[Tensor, dict[str, float]]: ...


class KLInReward:
    """rewards − beta x sequence KL to the reference (``kl.in_reward``); metric ``kl/reward_penalty``."""

    def __init__(self, beta: float, estimator: str) -> None:
        self.beta, self.estimator = beta, estimator

    def __call__(
        self,
        rewards: Tensor,
        batch: RolloutBatch,
        packs: list[tuple[list[int], PackedBatch]],
        ref: list[Tensor] | None,
    ) -> tuple[Tensor, dict[str, float]]:
        if ref is None:
            raise ValueError("KL in the reward needs the reference log-probabilities")
        kl_seq = sequence_kl(batch, packs, ref, self.estimator)
        return rewards - self.beta * kl_seq.view_as(rewards), {"kl/reward_penalty": float(kl_seq.mean()) * self.beta}


def no_reward_shaping(
    rewards: Tensor, batch: RolloutBatch, packs: list[tuple[list[int], PackedBatch]], ref: list[Tensor] | None
) -> tuple[Tensor, dict[str, float]]:
    """The rewards unchanged."""
    return rewards, {}


def make_reward_shaping(cfg: RunConfig) -> RewardShaping:
    """:class:`KLInReward` with ``kl.in_reward`` and a reference policy, else :func:`no_reward_shaping`."""
    if cfg.kl.in_reward and cfg.needs_reference:
        return KLInReward(cfg.kl.beta, cfg.kl.estimator)
    return no_reward_shaping
