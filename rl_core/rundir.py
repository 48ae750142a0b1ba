"""The run directory belongs to one process at a time, and holds one run.

:class:`RunDirLock` takes an exclusive ``fcntl.flock`` on ``<run_dir>/.lock`` without waiting: a second process
(or a second trainer in the same process) fails at once with :class:`RunDirLocked`, naming the holder. The
kernel drops the lock when its process dies however it dies (SIGKILL included), so no stale lock can block a
later run. :func:`check_fresh` refuses to start a new run over a previous run's checkpoints or metrics;
:func:`set_aside_metrics` keeps the metrics of a run that died before its first checkpoint.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import sys
import time
from pathlib import Path

from rlvr.rl_core.checkpoint import list_checkpoints
from rlvr.rl_core.metrics import METRICS_FILE

logger = logging.getLogger(__name__)

LOCK_FILE = ".lock"


class RunDirError(RuntimeError):
    """The run directory cannot be used as asked (in use, or holding another run)."""


class RunDirLocked(RunDirError):
    """Another process (or another trainer of this process) holds the run directory."""


class RunDirLock:
    """Exclusive, non-blocking lock of a run directory; :meth:`acquire` is idempotent."""

    def __init__(self, run_dir: str | Path) -> None:
        self.run_dir = Path(run_dir)
        self.path = self.run_dir / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> RunDirLock:
        if self._fd is not None:
            return self
        self.run_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _read_holder(fd)
            os.close(fd)
            raise RunDirLocked(
                f"run directory {self.run_dir} is in use by another training process ({holder}); two runs in one "
                "directory would mix their metrics and checkpoints: wait for it, stop it, or pick another --run-dir"
            ) from None
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time(), "argv": sys.argv}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> RunDirLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 65536, 0).decode() or "{}")
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(info["started"]))
        return f"pid {info['pid']} on {info['host']}, since {started}: {' '.join(info.get('argv', []))[:200]}"
    except (ValueError, KeyError, TypeError, OSError):
        return "holder unknown"


def check_fresh(run_dir: str | Path) -> None:
    """Raise :class:`RunDirError` when ``run_dir`` holds a previous run's checkpoints or metrics (a new run
    there would mix with it, and a later ``--resume`` could pick the old run's checkpoints)."""
    run_dir = Path(run_dir)
    found = [p.name for p in list_checkpoints(run_dir)]
    metrics = run_dir / METRICS_FILE
    if metrics.is_file() and metrics.stat().st_size > 0:
        found.append(METRICS_FILE)
    if found:
        raise RunDirError(
            f"run directory {run_dir} holds a previous run ({', '.join(found)}): pass --resume to continue it, "
            "or use another --run-dir (or delete it) to start a new one"
        )


def set_aside_metrics(run_dir: str | Path) -> Path | None:
    """Rename a non-empty ``metrics.jsonl`` (of a run with no checkpoint to resume from) to
    ``metrics.jsonl.orphaned-N`` instead of truncating it; returns the new path."""
    path = Path(run_dir) / METRICS_FILE
    if not path.is_file() or path.stat().st_size == 0:
        return None
    n = 1
    while (dest := path.with_name(f"{METRICS_FILE}.orphaned-{n}")).exists():
        n += 1
    path.rename(dest)
    return dest
