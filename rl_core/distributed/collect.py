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
    if len(references) != len(prompts):
        raise ValueError(f"{len(prompts)} prompts but {len(references)} references")
    chunks: dict[int, RolloutChunk] = {}
    results: dict[int, list[VerifyResult]] = {}  # prompt index -> its n results
    t0 = time.perf_counter()
    t_gen = [0.0]
    call = next(_CALLS)

    def on_chunk(idx: list[int], chunk: RolloutChunk) -> None:
        chunks[chunk.index] = chunk
        if len(chunks) == tasks:
            t_gen[0] = time.perf_counter() - t0
        for j, p in enumerate(idx):
            texts = chunk.texts[j * n : (j + 1) * n]
            verifiers.submit(
                ("collect", call, p), texts, [references[p]] * n, lambda key, r: results.__setitem__(key[2], r)
            )

    tasks = rollouts.submit(prompts, n, params, version, on_chunk, max_staleness)
    drive([rollouts.pool, verifiers.pool], lambda: len(results) == len(prompts))
    total = time.perf_counter() - t0
    batch = merge_chunks([chunks[i] for i in range(tasks)], n, pad_id)
    flat = [r for p in range(len(prompts)) for r in results[p]]
    m = {"time/generate": t_gen[0], "time/verify_tail": total - t_gen[0], "time/collect": total}
    m["time/generate_actor"] = max(c.generate_s for c in chunks.values())  # the slowest actor's own decoding
    return Collected(batch, flat, m)
