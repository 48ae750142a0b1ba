"""A pool of persistent worker processes that runs checks under a hard wall-clock limit.

Why not ``signal.alarm``: it only works in the main thread, so a grader built on it silently returns 0
inside other frameworks' worker threads. Here the caller (any thread, any process) sends the task to a
worker process and waits on a pipe with a deadline; a worker that overruns is killed (SIGKILL) and replaced,
so a pathological input costs at most the limit and never takes the caller down.

Workers are fresh interpreters running :mod:`rlvr.verifiers._worker` (not ``fork`` of a
process that may hold CUDA or threads, not ``spawn``/``forkserver``, which re-import the caller's
``__main__`` and with it torch). Each preloads the modules it will need, caps its address space
(``memory_limit_mb``) and is retired after ``max_tasks`` tasks so caches cannot grow without bound.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from rlvr.verifiers.proctree import kill_tree

logger = logging.getLogger(__name__)

#: the worker's command line program: drop the current directory from sys.path (a checkout's ``rlvr/`` folder
#: must not shadow the installed package), then run :mod:`rlvr.verifiers._worker` as ``__main__``
_BOOT = (
    "import sys, runpy; sys.path.pop(0); "
    "runpy.run_module('rlvr.verifiers._worker', run_name='__main__', alter_sys=True)"
)


class WorkerStartError(RuntimeError):
    """A worker's preload failed (the message carries the worker's exception)."""


@dataclass
class TaskResult:
    """Outcome of one task: status ``ok`` (value set), ``timeout`` or ``error`` (error set)."""

    status: str
    value: Any = None
    error: str | None = None
    duration_s: float = 0.0


class _Worker:
    def __init__(self, preload: Sequence[str], memory_limit_mb: int, env: Mapping[str, str] | None = None) -> None:
        p2c_r, p2c_w = os.pipe()
        c2p_r, c2p_w = os.pipe()
        env = dict(
            os.environ,
            OMP_NUM_THREADS="1",
            MKL_NUM_THREADS="1",
            RLVR_WORKER_MEMORY_MB=str(memory_limit_mb),
            RLVR_WORKER_PARENT=str(os.getpid()),
            # the kernel's parent-death signal fires when the creating *thread* exits: only safe from the main thread
            RLVR_WORKER_PDEATHSIG="1" if threading.current_thread() is threading.main_thread() else "0",
            **(env or {}),
        )
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _BOOT, str(p2c_r), str(c2p_w), *preload],
                pass_fds=(p2c_r, c2p_w),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
        finally:
            os.close(p2c_r)
            os.close(c2p_w)
        self.outbox = Connection(p2c_w, readable=False)
        self.inbox = Connection(c2p_r, writable=False)
        self.ready = False
        self.broken = False
        self.tasks_done = 0

    def wait_ready(self, timeout_s: float) -> None:
        if self.ready:
            return
        if not self.inbox.poll(timeout_s):
            raise TimeoutError(f"verifier worker did not start within {timeout_s:.0f} s")
        msg = self.inbox.recv()
        if isinstance(msg, tuple) and msg[0] == "failed":
            raise WorkerStartError(f"verifier worker failed to start: {msg[1]}")
        if not (isinstance(msg, tuple) and msg[0] == "ready"):
            raise RuntimeError(f"verifier worker sent {msg!r} instead of ready")
        self.ready = True

    def started(self) -> bool:
        """Whether the worker has reported ready (reads its ready message if one is waiting)."""
        if not self.ready:
            try:
                if not self.broken and self.inbox.poll(0):
                    self.wait_ready(0)
            except Exception:  # died while starting: the caller's wait_ready reports it
                self.broken = True
                return False
        return self.ready

    def kill(self) -> None:
        for conn in (self.outbox, self.inbox):
            try:
                conn.close()
            except OSError:
                pass
        if self.proc.poll() is None:  # everything below the keeper (a subreaper, see _worker), then the keeper
            # The keeper is rlvr's own code and never forks again, so it is not frozen: should this process die
            # between freezing the tree and killing it, the keeper (woken by its parent-death signal) kills it.
            kill_tree(self.proc.pid, include_root=False)
            try:
                os.kill(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            try:  # without a keeper (not Linux), the worker's process group holds what a task spawned
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            logger.warning("verifier worker %d did not exit after SIGKILL", self.proc.pid)

    def close(self) -> None:
        try:
            self.outbox.send(None)
        except OSError:
            pass
        self.kill()


class WorkerPool:
    """``size`` worker processes; :meth:`run_many` spreads tasks over them, each under ``timeout_s``.

    Thread-safe: concurrent callers share the workers; a caller blocks while all are busy.
    """

    def __init__(
        self,
        size: int = 2,
        preload: Sequence[str] = (),
        memory_limit_mb: int = 4096,
        max_tasks: int = 20_000,
        startup_timeout_s: float = 120.0,
        env: Mapping[str, str] | None = None,
    ) -> None:
        if size < 1:
            raise ValueError(f"WorkerPool.size must be >= 1, got {size}")
        self.size = size
        self.preload = tuple(preload)
        self.memory_limit_mb = memory_limit_mb
        self.max_tasks = max_tasks
        self.startup_timeout_s = startup_timeout_s
        self.env = dict(env or {})
        self._pid = os.getpid()
        self._cond = threading.Condition()
        self._idle: list[_Worker] = [self._new_worker() for _ in range(size)]
        self._all: set[_Worker] = set(self._idle)
        self._closed = False
        self._next_id = 0

    def wait_ready(self) -> None:
        """Block until every idle worker has started (each within ``startup_timeout_s``)."""
        with self._cond:
            idle = list(self._idle)
        for w in idle:
            w.wait_ready(self.startup_timeout_s)

    def _new_worker(self) -> _Worker:
        return _Worker(self.preload, self.memory_limit_mb, self.env)

    def _checkout(self, want: int) -> list[_Worker]:
        with self._cond:
            while not self._idle:
                if self._closed:
                    raise RuntimeError("WorkerPool is closed")
                self._cond.wait()
            self._idle.sort(key=lambda w: not w.started())  # ready workers first: a replacement may still start
            take, self._idle = self._idle[:want], self._idle[want:]
            return take

    def _checkin(self, workers: Sequence[_Worker]) -> None:
        with self._cond:
            self._idle.extend(workers)
            self._cond.notify_all()

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        fresh = self._new_worker()
        with self._cond:
            self._all.discard(worker)
            self._all.add(fresh)
        return fresh

    def run(self, func: str, args: tuple[Any, ...], timeout_s: float) -> TaskResult:
        """Run ``func`` (``"module:function"``) on ``args`` in a worker, killing it after ``timeout_s``."""
        return self.run_many([(func, args)], timeout_s)[0]

    def run_many(self, calls: Sequence[tuple[str, tuple[Any, ...]]], timeout_s: float) -> list[TaskResult]:
        """Run every ``(func, args)`` call, in parallel over the workers; results in call order."""
        if os.getpid() != self._pid:
            raise RuntimeError("WorkerPool used in a forked child; create a new pool there")
        results: list[TaskResult | None] = [None] * len(calls)
        if not calls:
            return []
        pending = deque(range(len(calls)))
        free = self._checkout(min(self.size, len(calls)))
        active: dict[Connection, tuple[_Worker, int, float, float]] = {}
        try:
            while pending or active:
                while pending and free:
                    pick = next((k for k, w in enumerate(free) if w.started()), None)
                    if pick is None and active:
                        break  # only replacements still starting: wait for them or for running results
                    worker = free.pop(pick or 0)
                    try:
                        worker.wait_ready(self.startup_timeout_s)
                        idx = pending[0]
                        func, args = calls[idx]
                        self._next_id += 1
                        worker.outbox.send((self._next_id, func, args))
                    except Exception as e:  # a worker that cannot start or take input is replaced
                        logger.warning("verifier worker failed before its task: %s", e)
                        free.append(self._replace(worker))
                        idx = pending.popleft()
                        results[idx] = TaskResult("error", error=f"worker unavailable: {e}")
                        continue
                    pending.popleft()
                    t0 = time.monotonic()
                    active[worker.inbox] = (worker, idx, t0, t0 + timeout_s)
                if not active:
                    continue
                starting = [w.inbox for w in free if not w.ready and not w.broken] if pending else []
                now = time.monotonic()
                soonest = min(deadline for _, _, _, deadline in active.values())
                ready = wait([*active, *starting], timeout=max(0.0, soonest - now))
                now = time.monotonic()
                ready = [c for c in ready if c in active]  # a starting worker is picked up at the loop's top
                for conn in ready:
                    worker, idx, t0, _ = active.pop(conn)  # type: ignore[index]
                    try:
                        _, status, value = conn.recv()  # type: ignore[union-attr]
                    except (EOFError, OSError) as e:
                        code = worker.proc.poll()
                        results[idx] = TaskResult(
                            "error", error=f"worker died (exit {code}): {type(e).__name__}", duration_s=now - t0
                        )
                        free.append(self._replace(worker))
                        continue
                    except Exception as e:  # the whole message was read, but it does not unpickle here
                        status, value = "error", f"unreadable result: {type(e).__name__}: {str(e)[:500]}"
                    if status == "ok":
                        results[idx] = TaskResult("ok", value=value, duration_s=now - t0)
                    else:
                        results[idx] = TaskResult("error", error=str(value), duration_s=now - t0)
                    worker.tasks_done += 1
                    free.append(self._replace(worker) if worker.tasks_done >= self.max_tasks else worker)
                for conn in [c for c, (_, _, _, d) in active.items() if d <= now]:
                    worker, idx, t0, _ = active.pop(conn)
                    results[idx] = TaskResult(
                        "timeout", error=f"time limit of {timeout_s:g} s exceeded", duration_s=now - t0
                    )
                    free.append(self._replace(worker))
        finally:
            for worker, _, _, _ in active.values():  # interrupted mid-flight: their answers would be stale
                free.append(self._replace(worker))
            self._checkin(free)
        return [r if r is not None else TaskResult("error", error="not run") for r in results]

    def close(self) -> None:
        """Stop every worker (idle ones now; busy ones are killed when their caller returns them)."""
        with self._cond:
            self._closed = True
            workers, self._idle = list(self._all), []
            self._cond.notify_all()
        for w in workers:
            w.close()


_POOLS: dict[tuple[int, tuple[str, ...]], WorkerPool] = {}
_POOLS_LOCK = threading.Lock()


def _usable_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


#: a pool may hold this many workers per usable CPU: each worker is a process with its own interpreter and
#: imports, so more only add start-up time and memory (32 took 40 s to answer one line on 2 CPUs)
WORKERS_PER_CPU = 4


def max_pool_size() -> int:
    """The most workers a pool may have here: :data:`WORKERS_PER_CPU` per usable CPU."""
    return WORKERS_PER_CPU * _usable_cpus()


def checked_pool_size(value: object, field: str) -> int | None:
    """``value`` as a pool size (``None``: the default), else a ``ValueError`` naming ``field``: an integer from
    1 to :func:`max_pool_size`."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= max_pool_size():
        raise ValueError(
            f"{field} must be an integer from 1 to {max_pool_size()} ({WORKERS_PER_CPU} per usable CPU), got {value!r}"
        )
    return value


def default_pool_size() -> int:
    """Workers of the shared pool: ``RLVR_VERIFIER_WORKERS`` or min(4, CPU count)."""
    env = os.environ.get("RLVR_VERIFIER_WORKERS")
    if env:
        return max(1, int(env))
    return max(1, min(4, _usable_cpus()))


def shared_pool(preload: Sequence[str], size: int | None = None) -> WorkerPool:
    """The process-wide pool for ``preload`` (created on first use; recreated in a forked child)."""
    key = (size or default_pool_size(), tuple(preload))
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None or pool._pid != os.getpid() or pool._closed:
            pool = WorkerPool(size=key[0], preload=key[1])
            _POOLS[key] = pool
        return pool


@atexit.register
def _close_pools() -> None:
    for pool in list(_POOLS.values()):
        if pool._pid == os.getpid():
            pool.close()
    _POOLS.clear()
