"""The collect stage: rollout → verify → dynamic sampling, until the step holds its groups.

Each round draws prompts, samples G completions for each (the rollout backend), verifies them (the
learner's time-limited verifier: a crash is a zero reward), shapes the scores into rewards (per-round score
shaping, e.g. overlong) and hands the round to the group selection: dynamic sampling (DAPO) keeps the groups
whose rewards vary and asks for another round until B are held; without it one round is kept whole.

The result, :class:`CollectResult`, carries the kept groups, the filtered ones that stand in for the missing
slots, and explicit :class:`Totals` of both (groups, completions, counted tokens): the update stage's loss
normaliser is computed from them.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import torch

from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.dynamic_sampling import GroupBuffer
from rlvr.rl_core.losses import truncation_mask
from rlvr.rl_core.metrics import reward_metrics
from rlvr.rl_core.prompt_sampler import PromptSampler
from rlvr.rl_core.reward_shaping import ScoreShaping
from rlvr.rl_core.rollout import build_rollout_batch
from rlvr.rl_core.seeding import seed_for
from rlvr.rl_core.types import Generator, RolloutBatch, SamplingParams
from rlvr.rl_core.verification import verify
from rlvr.tasks.base import Example, Task
from rlvr.tasks.dataset import encode_prompt
from rlvr.verifiers.base import Verifier, VerifyResult


@dataclass
class Group:
    """One prompt and its G completions, with their verification (what dynamic sampling keeps or drops)."""

    example: Example
    prompt_ids: list[int]
    completions: list[list[int]]
    logprobs: list[list[float]]
    truncated: list[bool]
    texts: list[str]
    results: list[VerifyResult]
    rewards: list[float]
    #: the policy version each completion was sampled with (asynchronous training), else None
    versions: list[int] | None = None


def collate(
    groups: list[Group], pad_id: int, tokenizer: Any, group_size: int
) -> tuple[RolloutBatch, torch.Tensor, list[VerifyResult]]:
    """The K groups as one batch of K·G rows (completions of a group contiguous), their (K, G) float32
    rewards and their K·G verification results."""
    batch = build_rollout_batch(
        [g.prompt_ids for g in groups],
        [c for g in groups for c in g.completions],
        [lp for g in groups for lp in g.logprobs],
        [t for g in groups for t in g.truncated],
        pad_id,
        tokenizer,
        group_size,
        texts=[t for g in groups for t in g.texts],
    )
    if groups and all(g.versions is not None for g in groups):
        batch.extras["policy_version"] = torch.tensor([v for g in groups for v in g.versions], dtype=torch.long)
    rewards = torch.tensor([g.rewards for g in groups], dtype=torch.float32)
    return batch, rewards, [r for g in groups for r in g.results]


def loss_mask(groups: list[Group], overlong_filter: bool) -> torch.Tensor:
    """(rows, T) bool: the tokens of the groups' completions that the loss counts (all generated tokens;
    none of a truncated completion with ``overlong_filter``)."""
    comps = [c for g in groups for c in g.completions]
    lengths = torch.tensor([len(c) for c in comps], dtype=torch.long)
    width = int(lengths.max()) if comps else 0
    mask = torch.arange(width)[None, :] < lengths[:, None]
    if overlong_filter:
        mask = truncation_mask(mask, torch.tensor([t for g in groups for t in g.truncated], dtype=torch.bool))
    return mask


@dataclass(frozen=True)
class Totals:
    """Counts of a set of groups under the loss mask.

    groups: prompts. rows: completions. seqs: completions with at least one counted token. tokens: counted
    tokens (a truncated completion counts none with ``reward.overlong_filter``).
    """

    groups: int = 0
    rows: int = 0
    seqs: int = 0
    tokens: int = 0

    @classmethod
    def of(cls, groups: list[Group], overlong_filter: bool) -> Totals:
        counts = loss_mask(groups, overlong_filter).sum(1)
        return cls(len(groups), int(counts.numel()), int((counts > 0).sum()), int(counts.sum()))

    def __add__(self, other: Totals) -> Totals:
        return Totals(
            self.groups + other.groups, self.rows + other.rows, self.seqs + other.seqs, self.tokens + other.tokens
        )


@dataclass
class CollectResult:
    """One step's groups.

    kept: the groups to train on (B with dynamic sampling when enough were found).
    dropped: up to B − len(kept) filtered (zero-variance) groups, in arrival order: the slots the filter
    emptied. counted: ``dropped`` with ``sampling.count_filtered`` (they join the advantage batch and the
    loss normaliser with zero advantage, as in the step without filtering), else [].
    kept_totals / dropped_totals: :class:`Totals` of ``kept`` / ``dropped``; ``loss_totals``: kept + counted,
    the loss normaliser's input. seen: every group of every round (for the metrics of a skipped step).
    metrics: time and ``sampling/*`` metrics.
    """

    kept: list[Group]
    dropped: list[Group]
    counted: list[Group]
    kept_totals: Totals
    dropped_totals: Totals
    seen: list[Group] = field(repr=False, default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)

    @property
    def loss_totals(self) -> Totals:
        return self.kept_totals + (self.dropped_totals if self.counted else Totals())


class GroupSelection(Protocol):
    """Which groups of the rounds one step keeps (one instance per step)."""

    #: prompts drawn per round
    draw: int

    def add(self, groups: list[Group]) -> bool:
        """Take one round's groups; True when the step has its groups."""
        ...

    def take(self) -> list[Group]: ...

    def metrics(self) -> dict[str, float]: ...


class KeepAll:
    """No dynamic sampling: one round of B prompts, every group kept."""

    def __init__(self, prompts: int) -> None:
        self.draw, self._groups = prompts, []

    def add(self, groups: list[Group]) -> bool:
        self._groups = groups
        return True

    def take(self) -> list[Group]:
        return self._groups

    def metrics(self) -> dict[str, float]:
        return {}


class DynamicSampling:
    """DAPO's dynamic sampling (:class:`~rlvr.rl_core.dynamic_sampling.GroupBuffer`): rounds of
    ``ceil(B x oversample)`` prompts until B groups with varying rewards are held or ``max_rounds`` are used.

    It filters on the rewards the advantages see (scores + score shaping; KL-in-reward is rejected with
    dynamic sampling at load): a kept group has non-zero advantages, a dropped one has none."""

    def __init__(self, prompts: int, oversample: float, max_rounds: int, tol: float, on_exhausted: str) -> None:
        self.draw = math.ceil(prompts * oversample)
        self.buffer: GroupBuffer[Group] = GroupBuffer(prompts, max_rounds, tol, on_exhausted)

    def add(self, groups: list[Group]) -> bool:
        self.buffer.add(groups, torch.tensor([g.rewards for g in groups], dtype=torch.float32))
        return self.buffer.full or self.buffer.exhausted

    def take(self) -> list[Group]:
        return self.buffer.take()

    def metrics(self) -> dict[str, float]:
        return {"sampling/filtered_fraction": self.buffer.filtered_fraction}


class Round(Protocol):
    """One generation + verification round run elsewhere (the ray backend's actor groups): ``n`` completions
    per prompt and one result per completion, in prompt order, with its timings (``time/...`` seconds)."""

    def __call__(
        self, prompts: list[list[int]], references: list[Any], n: int, params: SamplingParams
    ) -> tuple[RolloutBatch, list[VerifyResult], dict[str, float]]: ...


class Collector:
    """The collect stage of one run: draws prompts from ``examples`` with ``sampler`` and builds each step's
    :class:`CollectResult`. The generator and verifier are arguments of each call (the trainer owns them)."""

    def __init__(
        self,
        cfg: RunConfig,
        task: Task,
        tokenizer: Any,
        examples: list[Example],
        sampler: PromptSampler,
        shape: ScoreShaping,
    ) -> None:
        self.cfg, self.task, self.tokenizer = cfg, task, tokenizer
        self.examples, self.sampler, self.shape = examples, sampler, shape
        s, b = cfg.sampling, cfg.rollout.prompts_per_step
        self.selection = (
            (lambda: DynamicSampling(b, s.oversample, s.max_rounds, s.tol, s.on_exhausted))
            if s.dynamic
            else (lambda: KeepAll(b))
        )
        self.count_filtered = s.count_filtered

    def __call__(
        self, step: int, generator: Generator, verifier: Verifier, round_fn: Round | None = None
    ) -> CollectResult:
        """Generate and verify rounds of prompts until the selection holds the step's groups (each round with
        ``generator`` and ``verifier`` here, or by ``round_fn``)."""
        cfg, r = self.cfg, self.cfg.rollout
        selection = self.selection()
        m = {"time/generate": 0.0, "time/verify": 0.0, "sampling/tokens_all_rounds": 0.0}
        seen: list[Group] = []
        rounds, done = 0, False
        while not done:
            groups = self.round(step, rounds, selection.draw, generator, verifier, round_fn, m)
            seen.extend(groups)
            rounds += 1
            done = selection.add(groups)
        kept = selection.take()
        m.update(selection.metrics())
        m["sampling/rounds"] = float(rounds)
        m["sampling/groups"] = float(len(kept))
        kept_ids = {id(g) for g in kept}
        dropped = [g for g in seen if id(g) not in kept_ids][: max(0, r.prompts_per_step - len(kept))]
        overlong_filter = cfg.reward.overlong_filter
        dropped_totals = Totals.of(dropped, overlong_filter)
        m["sampling/filtered_tokens"] = float(dropped_totals.tokens)
        m["sampling/filtered_seqs"] = float(dropped_totals.seqs)
        if not kept:  # a skipped step still reports what verification saw (errors, timeouts, pass rate)
            m.update(reward_metrics(torch.tensor([g.rewards for g in seen]), [x for g in seen for x in g.results]))
        return CollectResult(
            kept=kept,
            dropped=dropped,
            counted=dropped if self.count_filtered else [],
            kept_totals=Totals.of(kept, overlong_filter),
            dropped_totals=dropped_totals,
            seen=seen,
            metrics=m,
        )

    def params(self, step: int, index: int) -> SamplingParams:
        """The sampling parameters of round ``index`` of ``step`` (its seed derived from both)."""
        r = self.cfg.rollout
        return SamplingParams(
            max_new_tokens=r.max_new_tokens,
            temperature=r.temperature,
            top_p=r.top_p,
            stop=tuple(r.stop),
            seed=seed_for(self.cfg.seed, step, index),
        )

    def round(
        self,
        step: int,
        index: int,
        draw: int,
        generator: Generator,
        verifier: Verifier,
        round_fn: Round | None,
        m: dict[str, float],
    ) -> list[Group]:
        """Round ``index`` of ``step``: ``draw`` prompts from the sampler, generated and verified; its groups
        (timings and token counts added to ``m``)."""
        cfg, r = self.cfg, self.cfg.rollout
        examples = [self.examples[i] for i in self.sampler.next(draw)]
        prompts = [encode_prompt(self.task, e, self.tokenizer) for e in examples]
        params = self.params(step, index)
        if round_fn is not None:
            rollout, results, timings = round_fn(prompts, [e.reference for e in examples], r.group_size, params)
            for k, v in timings.items():
                m[k] = m.get(k, 0.0) + v
        else:
            t0 = time.perf_counter()
            rollout = generator.generate(prompts, r.group_size, params)
            m["time/generate"] += time.perf_counter() - t0
            t0 = time.perf_counter()
            refs = [e.reference for e in examples for _ in range(r.group_size)]
            results = verify(verifier, rollout.texts, refs, cfg.reward.clip_scores)
            m["time/verify"] += time.perf_counter() - t0
        m["sampling/tokens_all_rounds"] += float(rollout.completion_mask.sum())
        return self._groups(examples, rollout, results)

    def _groups(self, examples: list[Example], rollout: RolloutBatch, results: list[VerifyResult]) -> list[Group]:
        g = self.cfg.rollout.group_size
        lengths = rollout.completion_mask.sum(1)
        rewards = self.shape(torch.tensor([res.score for res in results], dtype=torch.float32), lengths)
        out = []
        for i, e in enumerate(examples):
            rows = range(i * g, (i + 1) * g)
            out.append(
                Group(
                    example=e,
                    prompt_ids=rollout.prompt_ids[i],
                    completions=[rollout.completion_ids[j, : int(lengths[j])].tolist() for j in rows],
                    logprobs=[rollout.old_logprobs[j, : int(lengths[j])].tolist() for j in rows],
                    truncated=[bool(rollout.truncated[j]) for j in rows],
                    texts=[rollout.texts[j] for j in rows],
                    results=[results[j] for j in rows],
                    rewards=[float(rewards[j]) for j in rows],
                )
            )
        return out
