"""The run's control group, as the worker sees it (the host made it: ``rlvr.sandbox.cgroups``): a run's
processes join it before the run gets any code; its memory and pids limits are set per job, and its CPU
usage is the run's CPU time, all processes together."""

from __future__ import annotations

import os


class RunCgroup:
    """The control group of the worker's runs (made by the host, ``sandbox/cgroups.py``): the worker puts
    each run's process in it before the run gets any code, sets its memory and pids limits per job, and
    reads the CPU time all the run's processes used together."""

    def __init__(self, spec: dict) -> None:
        self.procs = [os.open(p, os.O_WRONLY | os.O_CLOEXEC) for p in spec["procs"]]
        self.procs_path = spec["procs"][0]
        self.memory, self.memsw, self.pids_max = spec["memory"], spec["memsw"], spec["pids"]
        self.usage = spec["usage"]  # [path, "ns" | "usec"] or None
        self.cpus = float(spec["cpus"] or os.cpu_count() or 1)  # CPUs' worth of time it may use at once
        self.applied: tuple | None = None

    def limit(self, lim: dict) -> None:
        """Memory (RAM and swap: every page of every process, tmpfs files and shared memory included) and
        the number of processes of the run as a whole."""
        key = (lim["memory_mb"], lim["nproc"])
        if key == self.applied:
            return
        mem = b"%d" % int(lim["memory_mb"] * (1 << 20))
        for path in self.memsw:  # v1 keeps memsw >= memory: raise it first, lower it last
            _try_write(path, mem)
        for path in self.memory:
            _write_file(path, mem)
        for path in self.memsw:
            _write_file(path, mem)
        for path in self.pids_max:
            _write_file(path, b"%d" % int(lim["nproc"]))
        self.applied = key

    def enter(self, pid: int) -> None:
        data = b"%d" % pid
        for fd in self.procs:
            os.write(fd, data)

    def cpu_s(self) -> float:
        """CPU seconds used by every process that was ever in the group."""
        if self.usage is None:
            return 0.0
        path, unit = self.usage
        with open(path, "rb") as f:
            raw = f.read()
        if unit == "ns":
            return int(raw) / 1e9
        for line in raw.splitlines():
            if line.startswith(b"usage_usec"):
                return int(line.split()[1]) / 1e6
        return 0.0

    def pids(self) -> list[int]:
        with open(self.procs_path, "rb") as f:
            return [int(p) for p in f.read().split()]


def _write_file(path: str, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def _try_write(path: str, data: bytes) -> None:
    try:
        _write_file(path, data)
    except OSError:
        pass
