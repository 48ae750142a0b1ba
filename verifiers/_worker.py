"""Entry point of one time-limited worker process, run as ``__main__`` with arguments ``RFD WFD [MODULE ...]``.

Preloads MODULE (import) or MODULE:FUNCTION (import and call once). Reads
``(task_id, "module:function", args)`` from file descriptor RFD, answers
``(task_id, "ok", value)`` or ``(task_id, "error", message)`` on WFD. Starts in a fresh interpreter (never
the parent's ``__main__``, never torch), preloads MODULEs, caps its address space, then says
``("ready", pid)``. Exits on end of input. The parent enforces the time limit by killing the process.
"""

from __future__ import annotations

import importlib
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any


def _resolve(spec: str, cache: dict[str, Callable[..., Any]]) -> Callable[..., Any]:
    fn = cache.get(spec)
    if fn is None:
        module, _, name = spec.partition(":")
        fn = getattr(importlib.import_module(module), name)
        cache[spec] = fn
    return fn


def _die_with_parent() -> None:
    """Exit when the parent process dies, even while a task hangs: the kernel's parent-death SIGKILL (Linux,
    when the parent created this worker from its main thread) and a thread polling ``getppid``."""
    parent = int(os.environ.get("RLVR_WORKER_PARENT", "0"))
    if not parent:
        return
    if os.environ.get("RLVR_WORKER_PDEATHSIG") == "1" and sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="rlvr-parent-watch", daemon=True).start()


def main(argv: list[str]) -> int:
    rfd, wfd, *preload = argv
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
        try:
            outbox.send(reply)
        except (BrokenPipeError, EOFError, OSError):
            return 0
        except Exception as e:  # an unpicklable value: report it instead
            outbox.send((task_id, "error", f"unsendable result: {type(e).__name__}: {e}"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
