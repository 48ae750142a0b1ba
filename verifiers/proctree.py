"""Process trees of verifier workers: find every descendant of a process and kill them all, escapees included.

A verifier may start processes that leave the worker's process group (``setsid``, a double fork): killing
the group misses them and they outlive the run. A worker therefore makes itself a *child subreaper*
(Linux ``prctl(PR_SET_CHILD_SUBREAPER)``): an orphan anywhere below it is re-parented to the worker, not to
PID 1, so the worker's ``/proc`` parent tree holds every process its tasks started. :func:`kill_tree` stops
that tree (SIGSTOP, repeated until a pass finds nothing new, so no member can fork or escape meanwhile),
then SIGKILLs it.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys

logger = logging.getLogger(__name__)

_PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Make this process the reaper of its orphaned descendants (Linux 3.4+); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (from ``/proc/PID/task/*/children``; a full ``/proc`` scan where the
    kernel lacks that file)."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:  # gone
        return []
    out: list[int] = []
    try:
        for tid in tids:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(c) for c in f.read().split())
    except FileNotFoundError:
        return [c for c, parent in _parents().items() if parent == pid]
    except OSError:
        pass
    return out


def _parents() -> dict[int, int]:
    """pid -> parent pid of every visible process."""
    out: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:  # exited meanwhile
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'
        out[int(name)] = int(stat[stat.rfind(b")") + 2 :].split()[1])
    return out


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid`` (children, their children, ...), parents before children."""
    out, todo = [], children(pid)
    while todo:
        p = todo.pop(0)
        out.append(p)
        todo.extend(children(p))
    return out


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except OSError:  # gone already (or a zombie's pid reused by nobody we may signal)
        pass


def kill_tree(pid: int, include_root: bool = True, keep: frozenset[int] = frozenset()) -> int:
    """SIGKILL every descendant of ``pid`` (and ``pid`` itself with ``include_root``) except the processes
    ``keep`` (whose children are killed all the same).

    The tree is frozen first (SIGSTOP until a pass finds no new member), so nothing forks or re-parents
    itself out of reach between listing and killing. Returns how many processes were killed. The caller
    reaps its own children (the root; with a subreaper root, the adopted orphans are reaped by it or, once it
    is gone, by init).
    """
    stopped: set[int] = set()
    if include_root:
        _signal(pid, signal.SIGSTOP)
    for _ in range(1000):  # each pass stops what the previous one found; a tree cannot grow without bound
        new = [p for p in descendants(pid) if p not in stopped and p not in keep]
        if not new:
            break
        for p in new:
            _signal(p, signal.SIGSTOP)
        stopped.update(new)
    for p in stopped:
        _signal(p, signal.SIGKILL)
        _signal(p, signal.SIGCONT)  # a stopped process dies on SIGKILL, but be explicit for ptraced ones
    if include_root:
        _signal(pid, signal.SIGKILL)
    return len(stopped) + int(include_root)


def reap_children() -> None:
    """Collect every exited child of this process (no zombies left), without blocking."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
