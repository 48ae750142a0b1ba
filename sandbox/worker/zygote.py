"""The zygote: the parent of every run's process, forked by the worker before any job and never sent a job's
code, input, output or verdict, so that no run starts from memory that held another run's data."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

from .isolation import CLONE_NEWPID, Prepared, check_rc, libc, set_workdir, spawn
from .solution import prepared_child, signals_as_a_program


def zygote_main(sock_fd: int, uid: int | None, namespaces: bool) -> None:
    """The parent of every run's process. The worker forks it at start, before any job, and never sends it
    a job's code, input, output or verdict: a run, which can read everything its own process holds (its
    frames, the gc heap, raw memory), finds nothing of any other run there. First it answers
    ``ready <0|1>``: whether runs get namespaces of their own (``namespaces`` asked for them; a probe
    shows the kernel allows them). Then per request (the run's five descriptors attached, its working
    directory as text) it forks the run's process, confined and waiting for its job
    (:func:`prepared_child`) — PID 1 of a new PID namespace, with its own mount namespace and ``/proc``
    (:func:`own_namespaces`) — answers ``pid <pid>``, waits for it to exit (the kernel kills its whole
    namespace with it) and answers ``exit <wait status> <CPU seconds>``."""
    sock = socket.socket(fileno=sock_fd)
    own_pid_ns = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC) if namespaces else -1

    def fork_run(targets: dict[int, int], body: Callable[[], None]) -> int:
        if own_pid_ns < 0:
            return spawn(b"rlvr-ready", targets, body, uid=uid, own_group=Prepared.own_group)
        check_rc(libc.unshare(CLONE_NEWPID), "unshare(pid)")  # the next child: PID 1 of a new namespace
        try:
            return spawn(b"rlvr-ready", targets, body, uid=uid, namespaces=True)
        finally:
            check_rc(libc.setns(own_pid_ns, CLONE_NEWPID), "setns(pid)")  # (so that the next unshare works)

    if own_pid_ns >= 0:  # probe: can a child have namespaces of its own here, and can we come back?
        try:
            check_rc(libc.setns(own_pid_ns, CLONE_NEWPID), "setns(pid)")
            _, status = os.waitpid(fork_run({2: 1}, lambda: None), 0)  # (its error, if any, to /dev/null)
        except OSError:
            status = 1
        if status != 0:
            os.close(own_pid_ns)
            own_pid_ns = -1
    signals_as_a_program()  # (inherited by every run's process)
    sock.send(b"ready %d" % (own_pid_ns >= 0))
    while True:
        try:
            msg, fds, _, _ = socket.recv_fds(sock, 4096, 5)
        except OSError:
            os._exit(0)
        if not msg:
            os._exit(0)
        try:
            if len(fds) != 5:
                raise OSError("a fork request without its five descriptors")
            set_workdir(msg.decode())
            pid = fork_run(dict(zip((0, 1, 2, 3, 5), fds)), lambda: prepared_child(5))
        except OSError as e:
            sock.send(b"error " + str(e).encode()[:200])
            continue
        finally:
            for fd in fds:
                os.close(fd)
        sock.send(b"pid %d" % pid)
        _, status, usage = os.wait4(pid, 0)
        sock.send(b"exit %d %r" % (status, usage.ru_utime + usage.ru_stime))
