"""Entry point of one time-limited worker process, run as ``__main__`` with arguments ``RFD WFD [MODULE ...]``.

Preloads MODULE (import) or MODULE:FUNCTION (import and call once). Reads
``(task_id, "module:function", args)`` from file descriptor RFD, answers
``(task_id, "ok", value)`` or ``(task_id, "error", message)`` on WFD. Starts in a fresh interpreter (never
the parent's ``__main__``, never torch), preloads MODULEs, caps its address space, then says
``("ready", pid)``. Exits on end of input. The parent enforces the time limit by killing the process.

Nothing a task starts outlives it: on Linux the process the parent started is a *keeper*, a child subreaper
(:mod:`rlvr.verifiers.proctree`) that runs no user code; it forks the serving worker, so every process a task
starts, ``setsid`` and double-forked ones included, stays below the keeper. After each task the worker kills
every process below the keeper but itself (and those its preloads started); when the worker exits or dies,
or the parent dies, the keeper kills everything below it and exits. The parent kills a worker by freezing
and killing the keeper's whole tree.
"""

from __future__ import annotations

import importlib
import os
import pickle
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, cast

from rlvr.registry import import_object
from rlvr.verifiers.proctree import become_subreaper, children, descendants, kill_tree, reap_children


def _resolve(spec: str, cache: dict[str, Callable[..., Any]]) -> Callable[..., Any]:
    fn = cache.get(spec)
    if fn is None:
        fn = cast(Callable[..., Any], import_object(spec))
        cache[spec] = fn
    return fn


def _die_with_parent() -> None:
    """Exit when the parent process dies, even while a task hangs: the kernel's parent-death SIGKILL (Linux,
    when the parent created this worker from its main thread) and a thread polling ``getppid``."""
    parent = int(os.environ.get("RLVR_WORKER_PARENT", "0"))
    if not parent:
        return
    if os.environ.get("RLVR_WORKER_PDEATHSIG") == "1" and sys.platform.startswith("linux"):
        _set_pdeathsig(signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="rlvr-parent-watch", daemon=True).start()


def _set_pdeathsig(sig: int) -> None:
    """Have the kernel send ``sig`` to this process when its parent (thread) exits (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, sig)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _keep(worker: int, fds: tuple[int, int]) -> int:
    """The keeper: wait until ``worker`` exits or this process's parent dies, kill every process left below
    this one, exit with the worker's status."""
    for fd in fds:  # only the worker holds the pipes: its death is the parent's end of input
        os.close(fd)
    parent = int(os.environ.get("RLVR_WORKER_PARENT", "0"))
    code = 1
    while True:
        try:
            while True:  # reap the worker and any adopted orphan that exited
                pid, status = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
                if pid == worker:
                    code = os.waitstatus_to_exitcode(status)
                    raise ChildProcessError
        except ChildProcessError:
            break
        if parent and os.getppid() != parent:
            break
        signal.sigtimedwait((signal.SIGCHLD, signal.SIGUSR1), 1.0)
    kill_tree(os.getpid(), include_root=False)
    return max(code, 0)


def _fork_keeper(rfd: str, wfd: str) -> None:
    """Split into keeper (returns never: exits with the worker's status) and worker (returns)."""
    if not (sys.platform.startswith("linux") and become_subreaper()):
        return
    waited = {signal.SIGCHLD, signal.SIGUSR1}
    signal.pthread_sigmask(signal.SIG_BLOCK, waited)  # delivered to sigtimedwait, never lost before it
    if os.environ.get("RLVR_WORKER_PDEATHSIG") == "1":
        _set_pdeathsig(signal.SIGUSR1)  # the parent died: wake the keeper now
    child = os.fork()
    if child:
        os._exit(_keep(child, (int(rfd), int(wfd))))
    signal.pthread_sigmask(signal.SIG_UNBLOCK, waited)
    keeper = os.getppid()
    os.environ["RLVR_WORKER_PARENT"] = str(keeper)
    os.environ["RLVR_WORKER_PDEATHSIG"] = "1"  # the keeper forked this worker from its main thread
    os.environ["RLVR_WORKER_KEEPER"] = str(keeper)


def _sweep(keeper: int, keep: frozenset[int]) -> None:
    """Kill every process below ``keeper`` but this worker and ``keep`` (what the last task started)."""
    me = os.getpid()
    if children(me) or any(c != me for c in children(keeper)):
        kill_tree(keeper, include_root=False, keep=keep | {me})
        reap_children()  # this worker's own killed children


def main(argv: list[str]) -> int:
    rfd, wfd, *preload = argv
    os.environ.pop("RLVR_WORKER_KEEPER", None)  # an outer worker's, when a task starts a pool of its own
    _fork_keeper(rfd, wfd)
    limit_mb = int(os.environ.get("RLVR_WORKER_MEMORY_MB", "0"))
    if limit_mb > 0:
        limit = limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    inbox = Connection(int(rfd), writable=False)
    outbox = Connection(int(wfd), readable=False)
    _die_with_parent()
    cache: dict[str, Callable[..., Any]] = {}
    try:
        for spec in preload:  # "module" is imported, "module:function" is also called (a warm-up)
            if ":" in spec:
                _resolve(spec, cache)()
            else:
                importlib.import_module(spec)
    except BaseException as e:  # noqa: BLE001  (report why, so the pool can say it)
        try:
            outbox.send(("failed", f"preloading {spec!r}: {type(e).__name__}: {str(e)[:500]}"))
        except OSError:
            pass
        return 1
    keeper = int(os.environ.get("RLVR_WORKER_KEEPER", "0"))
    kept = frozenset(descendants(keeper)) if keeper else frozenset()  # started by preloads: kept
    try:
        outbox.send(("ready", os.getpid()))
    except OSError:  # the pool let go of this worker while it was starting
        return 0
    while True:
        try:
            msg = inbox.recv()
        except (EOFError, OSError):
            return 0
        if msg is None:
            return 0
        task_id, spec, args = msg
        try:
            reply = (task_id, "ok", _resolve(spec, cache)(*args))
        except BaseException as e:  # noqa: BLE001  (MemoryError, RecursionError: report, keep serving)
            reply = (task_id, "error", f"{type(e).__name__}: {str(e)[:500]}")
        if keeper:
            _sweep(keeper, kept)
        try:  # plain pickle, not multiprocessing's: a torch tensor would travel as a handle to this process's
            data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)  # memory, which the parent cannot open
        except Exception as e:  # an unpicklable value: report it instead
            data = pickle.dumps((task_id, "error", f"unsendable result: {type(e).__name__}: {str(e)[:500]}"))
        try:
            outbox.send_bytes(data)
        except (BrokenPipeError, EOFError, OSError):
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
