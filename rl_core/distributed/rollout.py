"""Rollout workers: M actors, each with its own copy of the policy and a generator (``hf`` or vLLM, as
``rollout.backend`` picks), sampling from the weights of the version they last received.

The controller cuts the step's prompts into tasks (``distributed.rollout.prompts_per_task``, default one
per actor). Task i is seeded from the step's seed and i alone (with one task: the step's seed itself, so one
actor samples exactly what the local backend samples), so its completions do not depend on which actor
runs it, nor on whether it ran before on an actor that died. Every chunk comes back as a
:class:`RolloutChunk` carrying the policy version it was sampled with, and the controller rejects a chunk
of another version than the one it asked for (:func:`~rlvr.rl_core.distributed.versioning.check_version`).
A restarted actor has no weights (version -1): the group re-delivers the current version before it gets
work again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace

import torch

from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.distributed.config import DistributedConfig
from rlvr.rl_core.distributed.errors import WeightSyncError
from rlvr.rl_core.distributed.pool import ActorPool, drive
from rlvr.rl_core.distributed.runtime import kill_all, placement_group, remove_placement_group, start_actors
from rlvr.rl_core.distributed.versioning import NO_VERSION, check_version, fingerprint
from rlvr.rl_core.distributed.weight_sync import (
    TRANSPORTS,
    WeightAck,
    WeightGroup,
    WeightUpdate,
    check_payload,
    policy_tensors,
)
from rlvr.rl_core.distributed.worker import ActorBase, build_policy, load_named
from rlvr.rl_core.rollout import build_rollout_batch, make_generator
from rlvr.rl_core.types import RolloutBatch, SamplingParams

logger = logging.getLogger(__name__)


@dataclass
class RolloutChunk:
    """The completions of one generation task: n per prompt, completions of one prompt contiguous, as lists
    (unpadded). policy_version: the weights they were sampled with; actor: who sampled them."""

    index: int
    prompt_ids: list[list[int]]
    completions: list[list[int]]
    logprobs: list[list[float]]
    truncated: list[bool]
    texts: list[str]
    policy_version: int
    actor: str
    generate_s: float


def plan_tasks(prompts: int, actors: int, prompts_per_task: int | None) -> list[list[int]]:
    """Prompt indices of each generation task: consecutive runs of ``prompts_per_task``, or (None) one run
    per actor, as equal as possible."""
    if prompts_per_task is None:
        m = min(actors, prompts)
        bounds = [round(k * prompts / m) for k in range(m + 1)] if m else [0]
        return [list(range(bounds[k], bounds[k + 1])) for k in range(m)]
    return [list(range(k, min(k + prompts_per_task, prompts))) for k in range(0, prompts, prompts_per_task)]


def task_seed(seed: int | None, index: int, tasks: int) -> int | None:
    """The seed of generation task ``index`` of ``tasks``: the step's own with one task, else derived."""
    if seed is None or tasks == 1:
        return seed
    return (seed * 1_000_003 + index + 1) % (2**61 - 1)


class RolloutWorker(ActorBase):
    """One rollout actor: the policy built as the learner builds it, a generator over it, a version."""

    def __init__(self, cfg: RunConfig, name: str, threads: int) -> None:
        super().__init__(name, threads)
        r = cfg.rollout
        self.model, self.tokenizer = build_policy(cfg)
        self.model.eval()
        self.generator = make_generator(
            r.backend,
            self.model,
            self.tokenizer,
            prompt_batch=r.prompt_batch,
            vllm=r.vllm,
            seed=cfg.seed,
            trust_remote_code=cfg.model.trust_remote_code,
        )
        self.version = NO_VERSION
        self._weights: WeightGroup | None = None

    def policy_version(self) -> int:
        return self.version

    def generate(self, index: int, prompts: list[list[int]], n: int, params: SamplingParams) -> RolloutChunk:
        """``n`` completions per prompt with the current weights."""
        t0 = time.perf_counter()
        b = self.generator.generate(prompts, n, params)
        lengths = b.completion_mask.sum(1).tolist()
        return RolloutChunk(
            index=index,
            prompt_ids=[list(p) for p in prompts],
            completions=[b.completion_ids[j, :k].tolist() for j, k in enumerate(lengths)],
            logprobs=[b.old_logprobs[j, :k].tolist() for j, k in enumerate(lengths)],
            truncated=b.truncated.tolist(),
            texts=list(b.texts),
            policy_version=self.version,
            actor=self.name,
            generate_s=time.perf_counter() - t0,
        )

    # ----------------------------------------------------------------------------------------- weights
    def _install(self, update: WeightUpdate, tensors: dict[str, torch.Tensor], t0: float) -> WeightAck:
        check_payload(update, tensors, self.name)
        try:
            load_named(self.model, tensors)
        except (KeyError, ValueError) as e:
            raise WeightSyncError(f"{self.name}: version {update.version}: {e}") from None
        landed = fingerprint({n: p for n, p in self.model.named_parameters() if n in tensors})
        self.generator.sync_weights(self.model)
        self.version = update.version
        return WeightAck(self.name, update.version, landed, time.perf_counter() - t0)

    def receive(self, update: WeightUpdate) -> WeightAck:
        """Install ``update`` (object store or filesystem) and take its version."""
        t0 = time.perf_counter()
        return self._install(update, TRANSPORTS[update.transport]().fetch(update), t0)

    def join_weight_group(self, host: str, port: int, rank: int, world: int, backend: str, timeout_s: float) -> None:
        if self._weights is not None:
            self._weights.close()
        self._weights = WeightGroup(host, port, rank, world, backend, timeout_s)

    def receive_broadcast(self, version: int, full: bool) -> WeightAck:
        """Receive ``version`` from the weight group's broadcast (learner rank 0 sends at the same time)."""
        t0 = time.perf_counter()
        if self._weights is None:
            raise WeightSyncError(f"{self.name}: not in a weight group")
        template = {n: p.detach() for n, p in policy_tensors(self.model, full).items()}
        tensors = self._weights.receive(template, version, self.name)
        load_named(self.model, tensors)
        self.generator.sync_weights(self.model)
        self.version = version
        landed = fingerprint({n: p for n, p in self.model.named_parameters() if n in tensors})
        return WeightAck(self.name, version, landed, time.perf_counter() - t0)


class RolloutGroup:
    """The controller's handle on the M rollout actors (``distributed.rollout``)."""

    def __init__(
        self, cfg: RunConfig, dcfg: DistributedConfig, worker_cls: type[RolloutWorker] = RolloutWorker
    ) -> None:
        rc, t = dcfg.rollout, dcfg.timeouts
        self.cfg, self.dcfg = cfg, dcfg
        self.names = [f"rollout-{i}" for i in range(rc.size)]
        #: re-delivers the current weights to actor i after a restart (set by the weight sync)
        self.resend: Callable[[int], None] | None = None
        self.pg = placement_group(dcfg, dcfg.placement.rollout, rc.resources, rc.size, "rollout")
        try:
            self.actors = start_actors(
                worker_cls, dcfg, rc.resources, self.names, lambda i, name: (cfg, name, rc.resources.threads), self.pg
            )
        except BaseException:
            remove_placement_group(self.pg)
            raise
        self.pool = ActorPool(
            self.actors,
            self.names,
            startup_s=t.startup_s,
            max_task_retries=dcfg.max_task_retries,
            on_restart=self._restarted,
        )
        self._calls = 0

    def _restarted(self, i: int) -> None:
        if self.resend is None:
            raise WeightSyncError(f"{self.names[i]} restarted but no weights were pushed yet")
        self.resend(i)

    def tasks(self, prompts: list[list[int]]) -> list[list[int]]:
        """Prompt indices of each generation task."""
        return plan_tasks(len(prompts), len(self.actors), self.dcfg.rollout.prompts_per_task)

    def submit(
        self,
        prompts: list[list[int]],
        n: int,
        params: SamplingParams,
        version: int | None,
        on_chunk: Callable[[list[int], RolloutChunk], None],
        max_staleness: int = 0,
    ) -> int:
        """Queue the generation of ``n`` completions per prompt; ``on_chunk(prompt_indices, chunk)`` runs for
        every task as it finishes (version-checked against ``version``; None: the caller checks the version each
        chunk carries). Returns the number of tasks."""
        plan = self.tasks(prompts)
        call = self._calls
        self._calls += 1
        timeout = self.dcfg.timeouts.call_s

        for i, idx in enumerate(plan):
            p = replace(params, seed=task_seed(params.seed, i, len(plan)))

            def done(key: Hashable, chunk: RolloutChunk, idx: list[int] = idx) -> None:
                if version is not None:
                    what = f"rollout chunk {chunk.index} from {chunk.actor}"
                    check_version(chunk.policy_version, version, max_staleness, what=what)
                on_chunk(idx, chunk)

            self.pool.submit((call, i), "generate", i, [prompts[j] for j in idx], n, p, timeout_s=timeout, on_done=done)
        return len(plan)

    def generate(
        self, prompts: list[list[int]], n: int, params: SamplingParams, version: int, pad_id: int
    ) -> RolloutBatch:
        """All completions at once (blocking): a RolloutBatch in prompt order (see :func:`merge_chunks`)."""
        chunks: dict[int, RolloutChunk] = {}
        tasks = self.submit(prompts, n, params, version, lambda idx, c: chunks.__setitem__(c.index, c))
        drive([self.pool], lambda: len(chunks) == tasks)
        return merge_chunks([chunks[i] for i in range(tasks)], n, pad_id)

    def shutdown(self) -> None:
        kill_all(self.actors)
        remove_placement_group(self.pg)
        self.pg = None


def merge_chunks(chunks: list[RolloutChunk], n: int, pad_id: int) -> RolloutBatch:
    """One RolloutBatch from chunks in task order; ``extras['policy_version']``: (N,) long per completion."""
    batch = build_rollout_batch(
        [p for c in chunks for p in c.prompt_ids],
        [x for c in chunks for x in c.completions],
        [x for c in chunks for x in c.logprobs],
        [x for c in chunks for x in c.truncated],
        pad_id,
        None,
        n,
        texts=[x for c in chunks for x in c.texts],
    )
    batch.extras["policy_version"] = torch.tensor([c.policy_version for c in chunks for _ in c.completions])
    return batch
