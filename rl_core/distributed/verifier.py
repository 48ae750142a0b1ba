"""Verifier workers: K actors wrapping a verifier's ``verify_batch`` (and so its sandbox pool, which each
actor starts for itself), placeable on CPU-only nodes through custom resources.

A task is one group's completions (or any list). Semantics match the local trainer's: a verifier that
raises falls back to per-sample scoring and a sample that crashes scores 0 with status ``error``. On top,
a hard time limit per completion: a task of n completions whose actor runs past n x
``sample_timeout_s`` (+ ``call_overhead_s``) has its actor killed (and restarted), and each of its
completions is re-run alone; one that passes the limit again scores 0 with status ``timeout`` and the
actor's name in ``error``. Every completion gets exactly one result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from rlvr.rl_core.config import RewardConfig
from rlvr.rl_core.distributed.config import DistributedConfig
from rlvr.rl_core.distributed.pool import ActorPool, TaskTimeout, drive
from rlvr.rl_core.distributed.runtime import kill_all, start_actors
from rlvr.rl_core.distributed.worker import ActorBase
from rlvr.verifiers.base import Verifier, VerifyResult

logger = logging.getLogger(__name__)

#: builds the verifier inside the actor (a verifier holding a sandbox pool cannot travel; its recipe can)
VerifierFactory = Callable[[], Verifier]


class VerifierWorker(ActorBase):
    """One verifier actor: the factory's verifier, guarded as the local trainer guards it when ``reward`` is
    given (``reward.isolation``, ``reward.timeout_s``; scores clipped with ``reward.clip_scores``)."""

    def __init__(self, factory: VerifierFactory, name: str, threads: int, reward: RewardConfig | None = None) -> None:
        super().__init__(name, threads)
        from rlvr.rl_core.verification import guard_verifier

        self.verifier = guard_verifier(factory(), reward) if reward is not None else factory()
        self.verifier.start()  # before the readiness probe answers: a task's deadline is its own time
        self.clip_scores = reward.clip_scores if reward is not None else False

    def verify(self, texts: list[str], references: list[Any]) -> list[VerifyResult]:
        from rlvr.rl_core.verification import verify

        return verify(self.verifier, texts, references, self.clip_scores)


class VerifierGroup:
    """The controller's handle on the K verifier actors (``distributed.verifier``)."""

    def __init__(
        self,
        factory: VerifierFactory,
        dcfg: DistributedConfig,
        worker_cls: type[VerifierWorker] = VerifierWorker,
        reward: RewardConfig | None = None,
    ) -> None:
        vc, t = dcfg.verifier, dcfg.timeouts
        self.dcfg = dcfg
        self.names = [f"verifier-{i}" for i in range(vc.size)]
        self.actors = start_actors(
            worker_cls, dcfg, vc.resources, self.names, lambda i, n: (factory, n, vc.resources.threads, reward)
        )
        self.pool = ActorPool(self.actors, self.names, startup_s=t.startup_s, max_task_retries=dcfg.max_task_retries)
        self._calls = 0

    def deadline(self, n: int) -> float:
        return n * self.dcfg.verifier.sample_timeout_s + self.dcfg.timeouts.call_overhead_s

    def submit(
        self,
        key: Hashable,
        texts: Sequence[str],
        references: Sequence[Any],
        on_done: Callable[[Hashable, list[VerifyResult]], None],
    ) -> None:
        """Verify ``texts`` against ``references``; ``on_done(key, results)`` runs once with one result per
        text, in order (see the module docstring for time limits)."""
        texts, references = list(texts), list(references)
        if len(texts) != len(references):
            raise ValueError(f"got {len(texts)} completions but {len(references)} references")

        def done(k: Hashable, value: Any) -> None:
            if not isinstance(value, TaskTimeout):
                if len(value) != len(texts):
                    raise ValueError(f"{key!r}: the verifier returned {len(value)} results for {len(texts)}")
                on_done(key, value)
            elif len(texts) == 1:
                limit = self.dcfg.verifier.sample_timeout_s
                msg = f"{value.actor}: verification exceeded the hard limit of {limit:g} s per completion"
                on_done(key, [VerifyResult.failure("timeout", msg, duration_s=value.timeout_s)])
            else:  # find the slow completion(s): each alone, with its own limit
                logger.warning(
                    "%s: a task of %d completions timed out; re-running them one by one", value.actor, len(texts)
                )
                parts: dict[int, VerifyResult] = {}

                def one(kj: Hashable, res: list[VerifyResult]) -> None:
                    parts[kj[-1]] = res[0]  # type: ignore[index]
                    if len(parts) == len(texts):
                        on_done(key, [parts[j] for j in range(len(texts))])

                for j in range(len(texts)):
                    self.submit((*_as_tuple(key), "sample", j), [texts[j]], [references[j]], one)

        self.pool.submit(
            key, "verify", texts, references, timeout_s=self.deadline(len(texts)), on_done=done, on_timeout="give_up"
        )

    def verify(
        self, texts: Sequence[str], references: Sequence[Any], group_size: int | None = None
    ) -> list[VerifyResult]:
        """All results at once (blocking), tasks of ``group_size`` completions (default: one task per actor)."""
        n = len(texts)
        size = group_size or max(1, -(-n // len(self.actors)))
        out: dict[int, list[VerifyResult]] = {}
        call, self._calls = self._calls, self._calls + 1
        for k in range(0, n, size):
            self.submit(
                ("verify", call, k),
                texts[k : k + size],
                references[k : k + size],
                lambda key, r: out.__setitem__(key[2], r),
            )
        drive([self.pool], lambda: len(out) == len(range(0, n, size)))
        return [r for k in sorted(out) for r in out[k]]

    def shutdown(self) -> None:
        kill_all(self.actors)


def _as_tuple(key: Hashable) -> tuple[Any, ...]:
    return key if isinstance(key, tuple) else (key,)
