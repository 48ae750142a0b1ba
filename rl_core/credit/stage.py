"""The credit stage: token-level advantages from the sequence advantages (``credit.method``), or the
sequence advantages unchanged (``none``), chosen at build time by :func:`make_credit_stage`."""

from __future__ import annotations

import functools
from typing import Any, Protocol

import torch
from torch import Tensor

from rlvr.rl_core.collect import Group
from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.credit.base import CreditInputs, get_credit
from rlvr.rl_core.types import Generator, RolloutBatch, SamplingParams
from rlvr.rl_core.verification import verify
from rlvr.tasks.base import Task
from rlvr.verifiers.base import Verifier


class CreditStage(Protocol):
    """(batch, its K groups, (N,) rewards, (N,) sequence advantages, generator) -> (advantages (N,) or
    (N, T), metrics)."""

    def __call__(
        self, batch: RolloutBatch, groups: list[Group], rewards: Tensor, adv: Tensor, generator: Generator
    ) -> tuple[Tensor, dict[str, float]]: ...


def sequence_credit(
    batch: RolloutBatch, groups: list[Group], rewards: Tensor, adv: Tensor, generator: Generator
) -> tuple[Tensor, dict[str, float]]:
    """``credit.method=none``: every token of a completion gets its sequence advantage."""
    return adv, {}


class TokenCredit:
    """The registered credit method ``cfg.credit.method``; continuations are sampled with the rollout's
    parameters and scored by the rewards' verifier (its time limit and crash fallback included)."""

    def __init__(self, cfg: RunConfig, task: Task, tokenizer: Any, model: torch.nn.Module, verifier: Verifier) -> None:
        self.cfg, self.task, self.tokenizer, self.model = cfg.credit, task, tokenizer, model
        self.method = get_credit(cfg.credit.method)
        r = cfg.rollout
        self.group_size = r.group_size
        self.sampling = SamplingParams(
            max_new_tokens=r.max_new_tokens, temperature=r.temperature, top_p=r.top_p, stop=tuple(r.stop)
        )
        self.verify_fn = functools.partial(verify, verifier, clip_scores=cfg.reward.clip_scores)

    def __call__(
        self, batch: RolloutBatch, groups: list[Group], rewards: Tensor, adv: Tensor, generator: Generator
    ) -> tuple[Tensor, dict[str, float]]:
        inputs = CreditInputs(
            rollout=batch,
            rewards=rewards,
            scores=torch.tensor([res.score for g in groups for res in g.results], dtype=torch.float32),
            advantages=adv,
            examples=[g.example for g in groups for _ in range(self.group_size)],
            task=self.task,
            generator=generator,
            sampling=self.sampling,
            tokenizer=self.tokenizer,
            model=self.model,
            verify_fn=self.verify_fn,
        )
        token_adv = self.method(inputs, self.cfg)
        if token_adv.shape != batch.completion_ids.shape:
            raise ValueError(
                f"credit method {self.cfg.method!r} returned {tuple(token_adv.shape)}, "
                f"expected {tuple(batch.completion_ids.shape)}"
            )
        return token_adv, inputs.metrics


def make_credit_stage(
    cfg: RunConfig, task: Task, tokenizer: Any, model: torch.nn.Module, verifier: Verifier
) -> CreditStage:
    """:class:`TokenCredit` for a ``credit.method``, :func:`sequence_credit` for ``none``."""
    if cfg.credit.method == "none":
        return sequence_credit
    return TokenCredit(cfg, task, tokenizer, model, verifier)
