"""One run as the worker holds it: its process's pid, the worker's ends of its descriptors, what was read of
its output, and what the zygote and the trusted process reported about it."""

from __future__ import annotations

import os
import socket


class Drain:
    """Read a pipe into a capped buffer, counting what was dropped."""

    def __init__(self, fd: int, cap: int) -> None:
        self.fd, self.cap, self.chunks, self.size, self.truncated = fd, cap, [], 0, False

    def read(self) -> bool:
        try:
            b = os.read(self.fd, 1 << 16)
        except BlockingIOError:
            return True
        if not b:
            return False
        room = self.cap - self.size
        if len(b) > room:
            self.truncated = True
            b = b[: max(room, 0)]
        if b:
            self.chunks.append(b)
            self.size += len(b)
        return True

    def text(self) -> str:
        return b"".join(self.chunks).decode("utf-8", errors="replace")


class Run:
    """One run: its process (forked by the zygote) and the worker's ends of its descriptors; then what the
    worker saw of it."""

    def __init__(self, pid: int, fds: dict[str, int], t_sock: socket.socket, key: tuple) -> None:
        self.pid, self.key, self.t_sock = pid, key, t_sock
        self.out, self.err, self.stdin, self.job = fds["out"], fds["err"], fds["in"], fds["job"]
        self.cpu0 = 0.0  # the run cgroup's CPU seconds when it was prepared
        self.status: int | None = None  # wait status, reported by the zygote
        self.cpu = 0.0  # CPU seconds of the run's own process
        self.exited = False  # the run's process exited before the worker killed the run
        self.report: str | None = None  # the trusted process's "done"
        self.t_dead = False  # the trusted process is gone
        self.drains: dict[int, Drain] = {}
        self.stdin_data = b""

    @staticmethod
    def key_of(lim: dict) -> tuple:
        """The limits a prepared run is made for (its tmpfs, its cgroup's): another job needs another run."""
        return (lim["disk_mb"], lim["inodes"], lim["memory_mb"], lim["nproc"])

    def close(self) -> None:
        for fd in (self.out, self.err, self.stdin, self.job):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.out = self.err = self.stdin = self.job = -1
        self.t_sock.close()
