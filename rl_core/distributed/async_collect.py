"""Asynchronous training's collect stage: the rounds of the next ``k`` steps generate while the learner trains.

With ``async.max_staleness = k >= 1`` (ray backend) the collect stage of step s, once it holds its groups,
draws round 0 of steps s+1 .. s+k from the prompt sampler (in that order) and starts them on the rollout and
verifier actors at the policy version they hold (s's, before its update). They advance whenever the
controller drives the actor pools: while the learner group steps (:meth:`RayStages.update` overlaps them)
and when step s+j takes its round. Rounds after a step's first (dynamic sampling) run at the current version.

Every group carries the version its completions were sampled with. A group of version v is *admitted* at
learner version s when ``s - v <= k``; an older one is dropped (``async.stale_policy=drop``: its prompt is
consumed, the step trains on fewer groups or dynamic sampling draws another round) or regenerated with the
current weights and waited for (``wait``). The prefetch depth makes the bound hold by construction; the
admission check is what keeps it when something else goes wrong (an actor restarted with old weights).

Exact resume: the prompt indices drawn ahead belong to the sampler's checkpointed state
(:class:`AheadSampler`), so a run killed with rounds in flight regenerates exactly those prompts after
``--resume``; nothing is skipped or used twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

import torch

from rlvr.rl_core.collect import Collector, CollectResult, Group, Round
from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.distributed.collect import Collected
from rlvr.rl_core.distributed.config import async_section
from rlvr.rl_core.distributed.errors import StaleRolloutError
from rlvr.rl_core.prompt_sampler import PromptSampler
from rlvr.rl_core.reward_shaping import ScoreShaping
from rlvr.rl_core.types import Generator, SamplingParams
from rlvr.tasks.base import Example, Task
from rlvr.tasks.dataset import encode_prompt
from rlvr.verifiers.base import Verifier

logger = logging.getLogger(__name__)


class AheadSampler:
    """A :class:`~rlvr.rl_core.prompt_sampler.PromptSampler` that also draws the first round of later steps
    ahead of time; the indices drawn ahead and not yet taken are part of its state (checkpointed and restored
    with it, so a resumed run regenerates them)."""

    def __init__(self, inner: PromptSampler) -> None:
        self.inner = inner
        self.ahead: dict[int, list[int]] = {}  # step -> prompt indices of its round 0, in drawing order

    def next(self, k: int) -> list[int]:
        return self.inner.next(k)

    def draw_ahead(self, step: int, k: int) -> list[int]:
        """Draw ``k`` indices now for round 0 of ``step``."""
        if step in self.ahead:
            raise ValueError(f"step {step} already has prompts drawn ahead")
        self.ahead[step] = self.inner.next(k)
        return self.ahead[step]

    def take(self, step: int) -> list[int] | None:
        """The indices drawn ahead for ``step`` (now consumed), or None."""
        return self.ahead.pop(step, None)

    def state_dict(self) -> dict[str, Any]:
        return {**self.inner.state_dict(), "ahead": [[s, list(idx)] for s, idx in self.ahead.items()]}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore a state of this sampler or of a plain :class:`PromptSampler` (nothing drawn ahead)."""
        self.inner.load_state_dict({k: v for k, v in state.items() if k != "ahead"})
        self.ahead = {int(s): [int(i) for i in idx] for s, idx in state.get("ahead", [])}


def admitted(versions: list[int], current: int, max_staleness: int) -> bool:
    """Whether completions of policy ``versions`` may train at learner version ``current``: every one
    within ``current - max_staleness <= v <= current`` (a version newer than the learner's is never valid)."""
    return all(current - max_staleness <= v <= current for v in versions)


class PendingRound(Protocol):
    def result(self) -> Collected: ...


class AsyncStages(Protocol):
    """What the asynchronous collector needs of the actor groups (:class:`RayStages`)."""

    @property
    def version(self) -> int: ...

    def start_round(
        self, prompts: list[list[int]], references: list[Any], n: int, params: SamplingParams
    ) -> PendingRound: ...


class AsyncCollector(Collector):
    """The collect stage of ``async.max_staleness >= 1`` (see the module docstring). ``stages()`` gives the
    actor groups (started on first use)."""

    def __init__(
        self,
        cfg: RunConfig,
        task: Task,
        tokenizer: Any,
        examples: list[Example],
        sampler: AheadSampler,
        shape: ScoreShaping,
        stages: Callable[[], AsyncStages],
    ) -> None:
        super().__init__(cfg, task, tokenizer, examples, sampler, shape)
        self.sampler: AheadSampler = sampler
        self.stages = stages
        a = async_section(cfg)
        self.k, self.policy = a.max_staleness, a.stale_policy
        #: rounds started ahead: step -> (its prompt indices, the round on the actors)
        self.inflight: dict[int, tuple[list[int], PendingRound]] = {}
        self._counts: dict[str, float] = {}

    # ------------------------------------------------------------------------------------------ rounds
    def __call__(
        self, step: int, generator: Generator, verifier: Verifier, round_fn: Round | None = None
    ) -> CollectResult:
        """The step's groups (its first round the one started ahead, when there is one); then the rounds of
        the next steps are started. Adds the ``async/*`` metrics."""
        self._counts = {"taken": 0.0, "dropped": 0.0, "regenerated": 0.0, "wait": 0.0}
        out = super().__call__(step, generator, verifier, round_fn)
        current = self.stages().version
        out.metrics.update(self._metrics(out.kept, current))
        self.prefetch(step)
        return out

    def _pending(self, step: int, idx: list[int]) -> PendingRound:
        """The round started ahead for ``step`` on prompts ``idx``; started now when there is none (a resumed
        run, an abandoned step) or it was for other prompts."""
        found = self.inflight.pop(step, None)
        if found is not None and found[0] == idx:
            return found[1]
        return self._start_at(step, 0, idx)

    def prefetch(self, step: int) -> None:
        """Start round 0 of steps ``step+1 .. step+k`` (up to ``steps``) that are not running yet, drawing the
        prompts of those not drawn yet; a resumed run's drawn-ahead prompts are regenerated here."""
        for s in [s for s, (idx, _) in self.inflight.items() if self.sampler.ahead.get(s) != idx]:
            del self.inflight[s]  # the sampler was put back (an abandoned step, a resume): not its prompts
        draw = self.selection().draw
        for s in range(step + 1, min(step + self.k, self.cfg.steps) + 1):
            if s in self.inflight:
                continue
            idx = self.sampler.ahead.get(s)
            if idx is None:
                idx = self.sampler.draw_ahead(s, draw)
            self.inflight[s] = (idx, self._start_at(s, 0, idx))

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
        """Round ``index`` of ``step``: round 0 from the round started ahead (else drawn and started now),
        later rounds at the current version; each group admitted by its version (module docstring)."""
        idx = self.sampler.take(step) if index == 0 else None
        if idx is None:
            idx = self.sampler.next(draw)
            pending = self._start_at(step, index, idx)
        else:
            pending = self._pending(step, idx)
        t0 = time.perf_counter()
        c = pending.result()
        waited = time.perf_counter() - t0
        m["time/generate"] += waited
        m["time/wait_rollout"] = m.get("time/wait_rollout", 0.0) + waited
        self._counts["wait"] += waited
        m["sampling/tokens_all_rounds"] += float(c.batch.completion_mask.sum())
        examples = [self.examples[i] for i in idx]
        groups = self._groups(examples, c.batch, c.results)
        versions = c.batch.extras["policy_version"].tolist()
        g = self.cfg.rollout.group_size
        current = self.stages().version
        out: list[Group] = []
        for i, group in enumerate(groups):
            group.versions = versions[i * g : (i + 1) * g]
            self._counts["taken"] += 1
            if admitted(group.versions, current, self.k):
                out.append(group)
                continue
            logger.warning(
                "step %d: group of prompt %s has policy version(s) %s at learner version %d (async.max_staleness "
                "%d): %s",
                step,
                group.example.id,
                sorted(set(group.versions)),
                current,
                self.k,
                "dropped" if self.policy == "drop" else "regenerating it with the current weights",
            )
            if self.policy == "drop":
                self._counts["dropped"] += 1
                continue
            self._counts["regenerated"] += 1
            out.append(self._regenerate(step, index, idx[i], current))
        return out

    def _start_at(self, step: int, index: int, idx: list[int]) -> PendingRound:
        examples = [self.examples[i] for i in idx]
        prompts = [encode_prompt(self.task, e, self.tokenizer) for e in examples]
        refs = [e.reference for e in examples]
        return self.stages().start_round(prompts, refs, self.cfg.rollout.group_size, self.params(step, index))

    def _regenerate(self, step: int, index: int, i: int, current: int) -> Group:
        """The group of prompt ``i`` generated again at the current version (``stale_policy=wait``)."""
        c = self._start_at(step, index, [i]).result()
        group = self._groups([self.examples[i]], c.batch, c.results)[0]
        group.versions = c.batch.extras["policy_version"].tolist()
        if not admitted(group.versions, current, self.k):  # the actors do not hold the pushed weights
            raise StaleRolloutError(
                f"step {step}: prompt {self.examples[i].id} regenerated at learner version {current} came back "
                f"with policy version(s) {sorted(set(group.versions))}"
            )
        return group

    # ----------------------------------------------------------------------------------------- metrics
    def _metrics(self, kept: list[Group], current: int) -> dict[str, float]:
        """``async/*``: staleness of the used completions (mean, max, histogram as fractions over 0..k),
        groups dropped as too stale (count and fraction of the groups taken), regenerated, rounds in flight."""
        c = self._counts
        m = {
            "async/dropped": c["dropped"],
            "async/dropped_fraction": c["dropped"] / c["taken"] if c["taken"] else 0.0,
            "async/regenerated": c["regenerated"],
        }
        stale = torch.tensor([current - v for g in kept for v in (g.versions or [])], dtype=torch.long)
        if stale.numel():
            m["async/staleness_mean"] = float(stale.float().mean())
            m["async/staleness_max"] = float(stale.max())
            hist = torch.bincount(stale.clamp(min=0), minlength=self.k + 1)
            for j in range(self.k + 1):
                m[f"async/staleness_hist/{j}"] = float(hist[j]) / stale.numel()
        return m


def make_collector(
    cfg: RunConfig,
    task: Task,
    tokenizer: Any,
    examples: list[Example],
    sampler: PromptSampler,
    shape: ScoreShaping,
    stages: Callable[[], AsyncStages],
) -> tuple[Collector, PromptSampler | AheadSampler]:
    """The run's collect stage and the sampler the trainer checkpoints: the synchronous :class:`Collector`
    with ``async.max_staleness = 0``, else an :class:`AsyncCollector` over an :class:`AheadSampler`."""
    if async_section(cfg).max_staleness == 0:
        return Collector(cfg, task, tokenizer, examples, sampler, shape), sampler
    ahead = AheadSampler(sampler)
    return AsyncCollector(cfg, task, tokenizer, examples, ahead, shape, stages), ahead
