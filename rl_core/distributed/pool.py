"""Keyed tasks over a group of restartable actors: every task runs to one result, exactly once.

:class:`ActorPool` deals tasks to idle actors, one task per actor at a time (so a deadline measures the
task, not a queue, and the task of a dead actor is known). What can go wrong, and what happens:

- the actor dies (SIGKILL, OOM, node loss): Ray restarts it (``max_restarts``); the pool waits until it
  answers (``startup_s``), runs ``on_restart`` (e.g. re-deliver the current weights), and re-runs the task;
- the task passes its deadline: the actor is killed and restarted the same way; the task is re-run
  (``on_timeout="retry"``) or completes with a :class:`TaskTimeout` marker (``"give_up"``) that the
  caller turns into a result (the verifier group: a zero reward with status ``timeout``);
- a task fails ``max_task_retries + 1`` times, an actor does not come back, or the actor's code raises:
  :class:`~rlvr.rl_core.distributed.errors.ActorFailedError` naming the actor and the call.

A result is delivered once per key (a key still pending cannot be submitted again), so a re-run never
counts twice: the ref of an attempt that was given up is dropped, never read.
:func:`drive` advances several pools together (rollout chunks feed verification as they finish).
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rlvr.rl_core.distributed.errors import ActorFailedError
from rlvr.rl_core.distributed.runtime import import_ray, remote_error

logger = logging.getLogger(__name__)

#: seconds between restart probes of an actor that is still restarting
PROBE_INTERVAL_S = 0.5


@dataclass(frozen=True)
class TaskTimeout:
    """The result of a ``give_up`` task whose actor ran past the deadline (the actor was restarted)."""

    actor: str
    timeout_s: float


@dataclass
class _Task:
    key: Hashable
    method: str
    args: tuple[Any, ...]
    timeout_s: float
    on_done: Callable[[Hashable, Any], None]
    on_timeout: Literal["retry", "give_up"]
    attempts: int = 0
    failures: list[str] = field(default_factory=list)
    abandoned: bool = False


@dataclass
class _Slot:
    """One actor's state: idle, running ``task`` (ref, deadline), or restarting (ping ref, deadline)."""

    task: _Task | None = None
    ref: Any = None
    deadline: float = float("inf")
    restarting: bool = False
    probe_at: float | None = None  # restarting: when to ask again (a restarting actor refuses calls at once)


class ActorPool:
    """Tasks keyed by the caller over ``actors`` (named ``names``); see the module docstring.

    Every actor must have a ``ready()`` method (the restart probe). ``on_restart(i)`` runs after actor i
    came back, before it gets work again.
    """

    def __init__(
        self,
        actors: Sequence[Any],
        names: Sequence[str],
        *,
        startup_s: float,
        max_task_retries: int,
        on_restart: Callable[[int], None] | None = None,
    ) -> None:
        if len(actors) != len(names) or not actors:
            raise ValueError("an ActorPool needs at least one actor and one name per actor")
        self.actors, self.names = list(actors), list(names)
        self.startup_s, self.max_task_retries = startup_s, max_task_retries
        self.on_restart = on_restart
        self._slots = [_Slot() for _ in actors]
        self._queue: deque[_Task] = deque()
        self._pending: set[Hashable] = set()
        self.stats = {"tasks": 0, "retries": 0, "restarts": 0, "timeouts": 0}

    # ------------------------------------------------------------------------------------------ submit
    def submit(
        self,
        key: Hashable,
        method: str,
        *args: Any,
        timeout_s: float,
        on_done: Callable[[Hashable, Any], None],
        on_timeout: Literal["retry", "give_up"] = "retry",
    ) -> None:
        """Queue ``actor.method(*args)``; ``on_done(key, result)`` runs once, from :meth:`process`."""
        if key in self._pending:
            raise ValueError(f"task {key!r} is already pending in this pool")
        self._pending.add(key)
        self._queue.append(_Task(key, method, args, timeout_s, on_done, on_timeout))
        self.stats["tasks"] += 1
        self._dispatch()

    def abandon(self) -> None:
        """Forget every queued and running task (after an error aborted the call that submitted them): running
        ones finish on their actors, but their results are dropped and they are not re-run."""
        self._queue.clear()
        self._pending.clear()
        for slot in self._slots:
            if slot.task is not None:
                slot.task.abandoned = True

    def refs(self) -> list[Any]:
        """Object refs the pool waits on (running tasks and restart probes)."""
        return [s.ref for s in self._slots if s.ref is not None]

    def next_deadline(self) -> float:
        """The earliest task deadline or pending probe."""
        times = [s.deadline for s in self._slots if s.ref is not None]
        times += [s.probe_at for s in self._slots if s.probe_at is not None]
        return min(times, default=float("inf"))

    @property
    def busy(self) -> bool:
        """Whether any task is queued or running (or an actor restarting)."""
        return bool(self._queue) or any(s.ref is not None or s.restarting for s in self._slots)

    @property
    def restarting(self) -> list[str]:
        """Names of the actors being restarted."""
        return [n for n, s in zip(self.names, self._slots) if s.restarting]

    def settle(self) -> None:
        """Wait until no actor is restarting (each then got ``on_restart``); e.g. before a weight push."""
        drive([self], lambda: not self.restarting)

    # ----------------------------------------------------------------------------------------- process
    def process(self, ready: set[Any]) -> None:
        """Handle finished refs in ``ready`` and every passed deadline; then give idle actors work."""
        ray = import_ray()
        now = time.monotonic()
        for i, slot in enumerate(self._slots):
            if slot.ref is None:
                continue
            if slot.ref in ready:
                ref, deadline = slot.ref, slot.deadline
                slot.ref, slot.deadline = None, float("inf")
                try:
                    value = ray.get(ref)
                except ray.exceptions.ActorUnavailableError:  # restarting (or unreachable): probe again soon
                    if slot.restarting:
                        slot.deadline, slot.probe_at = deadline, min(now + PROBE_INTERVAL_S, deadline)
                    else:
                        self._failed(i, "became unavailable (killed or restarting)")
                except ray.exceptions.RayActorError as e:  # ActorDiedError: restarts exhausted
                    if slot.restarting:
                        raise ActorFailedError(
                            self.names[i], "restart", "it died for good; see distributed.max_restarts"
                        ) from e
                    self._failed(i, "died")
                except Exception as e:
                    call = "ready" if slot.restarting else slot.task.method  # type: ignore[union-attr]
                    raise remote_error(e, self.names[i], call) from e
                else:
                    self._succeeded(i, value)
            elif now >= slot.deadline:
                self._timed_out(i)
        for i, slot in enumerate(self._slots):
            if slot.probe_at is not None and now >= slot.probe_at:
                if now >= slot.deadline:
                    raise ActorFailedError(self.names[i], "restart", f"not back within {self.startup_s:g} s")
                slot.probe_at, slot.ref = None, self.actors[i].ready.remote()
        self._dispatch()

    def _succeeded(self, i: int, value: Any) -> None:
        slot = self._slots[i]
        if slot.restarting:
            slot.restarting = False
            logger.warning("%s is back after a restart", self.names[i])
            if self.on_restart is not None:
                self.on_restart(i)
            return
        task, slot.task = slot.task, None
        assert task is not None
        if not task.abandoned:
            self._pending.discard(task.key)
            task.on_done(task.key, value)

    def _failed(self, i: int, why: str) -> None:
        """Actor i died while running a task: re-queue the task and wait for the restart."""
        slot = self._slots[i]
        logger.warning("%s %s while running %s; restarting it", self.names[i], why, slot.task and slot.task.key)
        self._requeue(i, why)
        self._probe(i)

    def _timed_out(self, i: int) -> None:
        ray = import_ray()
        slot = self._slots[i]
        if slot.restarting:
            raise ActorFailedError(self.names[i], "restart", f"not back within {self.startup_s:g} s")
        task = slot.task
        assert task is not None
        self.stats["timeouts"] += 1
        logger.warning(
            "%s: %s %r passed its %g s deadline; killing the actor",
            self.names[i],
            task.method,
            task.key,
            task.timeout_s,
        )
        ray.kill(self.actors[i], no_restart=False)
        slot.task, slot.ref = None, None
        if task.abandoned:
            self._probe(i)
        elif task.on_timeout == "give_up":
            self._probe(i)  # before the callback, which may submit work that must not land on this actor
            self._pending.discard(task.key)
            task.on_done(task.key, TaskTimeout(self.names[i], task.timeout_s))
        else:
            slot.task = task
            self._requeue(i, f"timed out after {task.timeout_s:g} s")
            self._probe(i)

    def _requeue(self, i: int, why: str) -> None:
        slot = self._slots[i]
        task, slot.task, slot.ref = slot.task, None, None
        if task is None or task.abandoned:
            return
        task.failures.append(f"{self.names[i]}: {why}")
        task.attempts += 1
        if task.attempts > self.max_task_retries:
            raise ActorFailedError(
                self.names[i],
                task.method,
                f"task {task.key!r} failed {task.attempts} times ({'; '.join(task.failures)}); see "
                "distributed.max_task_retries",
            )
        self.stats["retries"] += 1
        self._queue.appendleft(task)

    def _probe(self, i: int) -> None:
        slot = self._slots[i]
        self.stats["restarts"] += 1
        slot.restarting, slot.task = True, None
        slot.ref = self.actors[i].ready.remote()
        slot.deadline = time.monotonic() + self.startup_s

    def _dispatch(self) -> None:
        for i, slot in enumerate(self._slots):
            if not self._queue:
                return
            if slot.ref is None and not slot.restarting:
                task = self._queue.popleft()
                slot.task = task
                slot.ref = getattr(self.actors[i], task.method).remote(*task.args)
                slot.deadline = time.monotonic() + task.timeout_s


def drive(pools: Sequence[ActorPool], until: Callable[[], bool], watch: Sequence[Any] = ()) -> None:
    """Advance ``pools`` until ``until()`` holds (callbacks may submit more work to any pool); ``watch``: other
    refs whose completion should wake the loop to check ``until`` (e.g. a learner step the pools overlap).
    When anything raises, every pool abandons its remaining tasks, so a later call never receives this call's
    results."""
    try:
        _drive(pools, until, watch)
    except BaseException:
        for p in pools:
            p.abandon()
        raise


def _drive(pools: Sequence[ActorPool], until: Callable[[], bool], watch: Sequence[Any] = ()) -> None:
    ray = import_ray()
    while not until():
        refs = [r for p in pools for r in p.refs()]
        deadline = min(p.next_deadline() for p in pools)
        if watch:
            finished = set(ray.wait(list(watch), num_returns=len(watch), timeout=0)[0])
            refs += [r for r in watch if r not in finished]
        if not refs and deadline == float("inf"):
            raise RuntimeError("nothing is running but the work is not done (a callback forgot to submit?)")
        wait = max(0.0, min(deadline - time.monotonic(), 60.0))
        if refs:
            ready, _ = ray.wait(refs, num_returns=1, timeout=wait)
        else:
            time.sleep(wait)
            ready = []
        ready_set = set(ready)
        for p in pools:
            p.process(ready_set)
