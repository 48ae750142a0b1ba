"""The collect stage on the actor groups: generation tasks stream into verification as they finish.

:func:`generate_and_verify` is what the trainer's collect stage calls once per round with the ray backend
(the local backend calls its generator and :func:`rlvr.rl_core.verification.verify`). Each generation task's
chunk is version-checked, then each of its groups (the G completions of one prompt) becomes one
verification task at once, so verifiers work while other prompts are still generating. The result is in
prompt order and has exactly one verification result per completion, whatever restarts happened.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rlvr.rl_core.distributed.pool import drive
from rlvr.rl_core.distributed.rollout import RolloutChunk, RolloutGroup, merge_chunks
from rlvr.rl_core.distributed.verifier import VerifierGroup
from rlvr.rl_core.types import RolloutBatch, SamplingParams
from rlvr.verifiers.base import VerifyResult

_CALLS = itertools.count()


@dataclass
class Collected:
    """One round: the rollout (prompt order; ``extras['policy_version']`` per completion), one result per
    completion, and timings (``time/generate`` the wall time to the last chunk, ``time/verify_tail`` the
    verification still running after it, ``time/generate_actor`` the slowest generation task's time inside its
    actor)."""

    batch: RolloutBatch
    results: list[VerifyResult]
    metrics: dict[str, float] = field(default_factory=dict)


class PendingRound:
    """A round started on the actor groups and not yet collected: its generation tasks and the verification
    of each finished group advance whenever a pool is driven (:func:`~rlvr.rl_core.distributed.pool.drive`,
    also while the learner steps); :meth:`result` drives until every group is verified.

    ``version``: the policy version asked for, checked on every chunk with ``max_staleness``; None: no check
    here (the asynchronous collector admits each group by the version it carries when it takes the round)."""

    def __init__(
        self,
        rollouts: RolloutGroup,
        verifiers: VerifierGroup,
        prompts: list[list[int]],
        references: Sequence[Any],
        n: int,
        params: SamplingParams,
        version: int | None,
        pad_id: int,
        max_staleness: int = 0,
    ) -> None:
        if len(references) != len(prompts):
            raise ValueError(f"{len(prompts)} prompts but {len(references)} references")
        self.rollouts, self.verifiers, self.n, self.pad_id = rollouts, verifiers, n, pad_id
        self.prompts, self.params = prompts, params
        self.chunks: dict[int, RolloutChunk] = {}
        self.results: dict[int, list[VerifyResult]] = {}  # prompt index -> its n results
        self.t0 = time.perf_counter()
        self.t_gen = 0.0
        call = next(_CALLS)

        def on_chunk(idx: list[int], chunk: RolloutChunk) -> None:
            self.chunks[chunk.index] = chunk
            if len(self.chunks) == self.tasks:
                self.t_gen = time.perf_counter() - self.t0
            for j, p in enumerate(idx):
                texts = chunk.texts[j * n : (j + 1) * n]
                verifiers.submit(
                    ("collect", call, p), texts, [references[p]] * n, lambda key, r: self.results.__setitem__(key[2], r)
                )

        self.tasks = rollouts.submit(prompts, n, params, version, on_chunk, max_staleness)

    @property
    def done(self) -> bool:
        """Every group generated and verified."""
        return len(self.results) == len(self.prompts)

    def result(self) -> Collected:
        """Drive the pools until the round is verified; the round in prompt order."""
        drive([self.rollouts.pool, self.verifiers.pool], lambda: self.done)
        total = time.perf_counter() - self.t0
        batch = merge_chunks([self.chunks[i] for i in range(self.tasks)], self.n, self.pad_id)
        flat = [r for p in range(len(self.prompts)) for r in self.results[p]]
        m = {"time/generate": self.t_gen, "time/verify_tail": total - self.t_gen, "time/collect": total}
        m["time/generate_actor"] = max(c.generate_s for c in self.chunks.values())  # the slowest actor's decoding
        return Collected(batch, flat, m)


def generate_and_verify(
    rollouts: RolloutGroup,
    verifiers: VerifierGroup,
    prompts: list[list[int]],
    references: Sequence[Any],
    n: int,
    params: SamplingParams,
    version: int,
    pad_id: int,
    max_staleness: int = 0,
) -> Collected:
    """``n`` completions per prompt from the rollout group at policy ``version``, each group verified."""
    return PendingRound(rollouts, verifiers, prompts, references, n, params, version, pad_id, max_staleness).result()
