"""Control groups of the sandbox workers: the limits that bind a run as a whole.

Each worker gets, under the pool process's own cgroup in every hierarchy that holds one of the controllers
below (v1, v2 or both), a directory ``rlvr-sandbox-<pid namespace>-<pool pid>-<start time>-<n>`` with two
children:

- ``sys``: the worker's own processes (the supervisor, the zygote, the trusted test process); the worker is
  placed there before it executes (:func:`enter_command`), so nothing of it ever runs in the pool's group;
- ``run``: the run's processes, moved there by the worker before the run is given any code. Its limits
  bind all of them together: ``memory`` (every page they use, their tmpfs files and shared memory
  included; swap too), ``pids`` (processes and threads), ``cpu`` (one CPU's worth of time per period, and
  a CPU-time budget the worker checks against the group's usage).

One group per worker is also one scheduling group: the kernel shares CPU between groups, not between the
processes in them, so a run that forks many busy processes cannot slow the pool's other runs beyond their
fair share (and autogroup, which gives each session a share of its own, applies to the root group only).

Where no cgroup can be made (not root, no delegation; cgroup v2 whose controllers cannot be enabled under
the pool's own group), :func:`WorkerCgroups.create` returns None and the worker falls back to per-process
rlimits (see docs/sandbox.md).
"""

from __future__ import annotations

import logging
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

CONTROLLERS = ("memory", "pids", "cpu", "cpuacct")
PREFIX = "rlvr-sandbox-"
CPU_PERIOD_US = 100_000
#: CPUs' worth of time a run may use at once (its ``cpu`` quota): one, as the pool runs one job per CPU.
RUN_CPUS = 1.0


@dataclass
class Hierarchy:
    """One mounted cgroup hierarchy: its version, where it is mounted, the pool's group in it (a path
    relative to the mount) and the controllers it gives the sandbox."""

    version: int
    mount: str
    path: str
    controllers: set[str] = field(default_factory=set)

    @property
    def parent(self) -> Path:
        return Path(self.mount) / self.path.lstrip("/")


def hierarchies() -> list[Hierarchy]:
    """The hierarchies holding :data:`CONTROLLERS` that this process could create groups in (v1 first:
    a controller bound to a v1 hierarchy is not available in v2)."""
    try:
        mountinfo = Path("/proc/self/mountinfo").read_text().splitlines()
        membership = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return []
    paths_v1, path_v2 = {}, None
    for line in membership:
        hid, ctrls, path = line.split(":", 2)
        if hid == "0":
            path_v2 = path
        for c in ctrls.split(","):
            paths_v1[c] = path
    out, taken = [], set()
    for line in mountinfo:
        pre, _, post = line.partition(" - ")
        fstype, _src, opts = (post.split() + ["", ""])[:3]
        mount = pre.split()[4]
        if fstype == "cgroup":
            ctrls = {c for c in opts.split(",") if c in CONTROLLERS}
            if ctrls and (ctrls & set(paths_v1)):
                path = paths_v1[next(iter(ctrls & set(paths_v1)))]
                out.append(Hierarchy(1, mount, path, ctrls))
                taken |= ctrls
    for line in mountinfo:
        pre, _, post = line.partition(" - ")
        if post.split()[:1] == ["cgroup2"] and path_v2 is not None:
            h = Hierarchy(2, pre.split()[4], path_v2)
            try:
                available = set((h.parent / "cgroup.controllers").read_text().split())
            except OSError:
                continue
            want = ({"memory", "pids", "cpu"} & available) - taken
            if want:
                h.controllers = want | ({"cpuacct"} - taken)  # v2: cpu.stat in every group
                out.append(h)
            break
    return out


def _write(path: Path, value: str) -> None:
    with open(path, "w") as f:
        f.write(value)


def _kill_and_remove(d: Path) -> None:
    """SIGKILL what is left in group ``d`` and its children, then remove them (retrying while the kernel
    finishes the exits)."""
    for sub in [d / "run", d / "sys", d]:
        if not sub.is_dir():
            continue
        for _ in range(200):
            try:
                pids = [int(p) for p in (sub / "cgroup.procs").read_text().split()]
            except OSError:
                pids = []
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            try:
                sub.rmdir()
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.01)
        else:
            logger.warning("could not remove the sandbox cgroup %s", sub)


def owner_tag(pid: int | str = "self") -> str | None:
    """``<pid namespace inode>-<pid>-<start time>`` of a process: whose groups these are, in a form that
    another process can check (a pid alone is reused, and means another process in another namespace)."""
    try:
        ns = os.stat(f"/proc/{pid}/ns/pid").st_ino
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return f"{ns}-{os.getpid() if pid == 'self' else int(pid)}-{fields[19]}"
    except (OSError, ValueError, IndexError):
        return None


def remove_stale() -> None:
    """Remove the groups of pools whose process is gone (a pool killed before it could clean up): only
    groups made in this PID namespace, whose maker is no longer the process of that pid."""
    mine = owner_tag()
    if mine is None:
        return
    ns = mine.split("-")[0]
    for h in hierarchies():
        try:
            entries = list(h.parent.iterdir())
        except OSError:
            continue
        for d in entries:
            parts = d.name[len(PREFIX) :].split("-")
            if not d.name.startswith(PREFIX) or len(parts) != 4 or parts[0] != ns or not d.is_dir():
                continue  # another namespace's (its pids mean nothing here), or not ours at all
            if owner_tag(parts[1]) == "-".join(parts[:3]):
                continue  # its pool still runs
            _kill_and_remove(d)


class WorkerCgroups:
    """The groups of one worker (see the module docstring). Build with :meth:`create`."""

    _count = 0

    def __init__(self, dirs: list[tuple[Hierarchy, Path]]) -> None:
        self.dirs = dirs

    @classmethod
    def create(cls) -> WorkerCgroups | None:
        """Make the groups of a new worker in every usable hierarchy; None (logged once per reason) when
        none of :data:`CONTROLLERS` can be had."""
        cls._count += 1
        name = f"{PREFIX}{owner_tag()}-{cls._count}"
        made: list[tuple[Hierarchy, Path]] = []
        try:
            for h in hierarchies():
                d = h.parent / name
                d.mkdir()
                made.append((h, d))
                if h.version == 2:
                    enable = " ".join(f"+{c}" for c in sorted(h.controllers - {"cpuacct"}))
                    _write(h.parent / "cgroup.subtree_control", enable)
                    _write(d / "cgroup.subtree_control", enable)
                (d / "sys").mkdir()
                (d / "run").mkdir()
        except OSError as e:
            _note_unavailable(str(e))
            for _, d in made:
                _kill_and_remove(d)
            return None
        if not made:
            _note_unavailable("no cgroup hierarchy with memory, pids or cpu is mounted")
            return None
        self = cls(made)
        try:
            self._fixed_limits()
        except OSError as e:
            _note_unavailable(f"cannot set limits: {e}")
            self.remove()
            return None
        return self

    def _fixed_limits(self) -> None:
        """Limits that do not depend on the job: the run's CPU quota, no swap (v2)."""
        for h, d in self.dirs:
            run = d / "run"
            if "cpu" in h.controllers:
                if h.version == 1:
                    _write(run / "cpu.cfs_period_us", str(CPU_PERIOD_US))
                    _write(run / "cpu.cfs_quota_us", str(int(CPU_PERIOD_US * RUN_CPUS)))
                else:
                    _write(run / "cpu.max", f"{int(CPU_PERIOD_US * RUN_CPUS)} {CPU_PERIOD_US}")
            if "memory" in h.controllers and h.version == 2 and (run / "memory.swap.max").exists():
                _write(run / "memory.swap.max", "0")

    @property
    def sys_procs(self) -> list[str]:
        """``cgroup.procs`` of the worker's own group in every hierarchy (host paths)."""
        return [str(d / "sys" / "cgroup.procs") for _, d in self.dirs]

    @property
    def run_dirs(self) -> list[str]:
        """The run's group in every hierarchy (host paths), for bind mounts into the sandbox."""
        return [str(d / "run") for _, d in self.dirs]

    def spec(self, inside: list[str] | None = None) -> dict:
        """What the worker needs to place, limit and measure a run (``worker.RunCgroup``); ``inside``: the
        run directories as the worker sees them (default: the host paths)."""
        runs = inside or self.run_dirs
        spec: dict = {"procs": [], "memory": [], "memsw": [], "pids": [], "usage": None, "cpus": None}
        for (h, d), run in zip(self.dirs, runs):
            spec["procs"].append(f"{run}/cgroup.procs")
            if "memory" in h.controllers:
                spec["memory"].append(f"{run}/memory.limit_in_bytes" if h.version == 1 else f"{run}/memory.max")
                if h.version == 1 and (d / "run" / "memory.memsw.limit_in_bytes").exists():
                    spec["memsw"].append(f"{run}/memory.memsw.limit_in_bytes")
            if "pids" in h.controllers:
                spec["pids"].append(f"{run}/pids.max")
            if "cpuacct" in h.controllers and spec["usage"] is None:
                spec["usage"] = [f"{run}/cpuacct.usage", "ns"] if h.version == 1 else [f"{run}/cpu.stat", "usec"]
            if "cpu" in h.controllers:
                spec["cpus"] = RUN_CPUS
        return spec

    def remove(self) -> None:
        for _, d in self.dirs:
            _kill_and_remove(d)
        self.dirs = []


_NOTED: set[str] = set()


def _note_unavailable(why: str) -> None:
    if why not in _NOTED:
        _NOTED.add(why)
        logger.warning(
            "sandbox: no cgroups for the workers (%s); runs are bound by per-process rlimits only "
            "(memory and CPU time per process, not per run; see docs/sandbox.md)",
            why,
        )


def enter_command(procs: list[str], argv: list[str]) -> list[str]:
    """``argv`` run by a shell that first moves itself into the groups whose ``cgroup.procs`` are
    ``procs`` (so that the program starts inside them: nothing to move afterwards, no race)."""
    if not procs:
        return argv
    script = 'for f in "$@"; do [ "$f" = -- ] && break; echo 0 > "$f" || exit 97; shift; done; shift; exec "$@"'
    return ["/bin/sh", "-c", script, "sh", *procs, "--", *argv]
