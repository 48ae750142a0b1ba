"""The seccomp filter of sandboxed processes, compiled on the host with pyseccomp (libseccomp).

The worker inside the sandbox receives the compiled BPF program and installs it in every child with
``prctl(PR_SET_SECCOMP)``, so neither pyseccomp nor libseccomp has to be importable inside the sandbox.
Default action: allow; the calls below fail with EPERM (the program sees an ordinary error, not a kill).
"""

from __future__ import annotations

import errno
import functools
import logging
import socket
import tempfile

logger = logging.getLogger(__name__)

#: System calls no sandboxed program needs: debugging/reading other processes, namespaces and mounts,
#: kernel keyrings, eBPF, module loading, io_uring (bypasses seccomp), clock and system state.
DENIED_SYSCALLS = (
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd",
    "mount", "umount2", "pivot_root", "chroot", "unshare", "setns",
    "fsopen", "fsmount", "fsconfig", "fspick", "move_mount", "open_tree", "mount_setattr",
    "open_by_handle_at", "name_to_handle_at", "init_module", "finit_module", "delete_module",
    "kexec_load", "kexec_file_load", "reboot", "swapon", "swapoff", "syslog", "acct",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "quotactl", "iopl", "ioperm",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "lookup_dcookie", "vhangup",
)  # fmt: skip

#: Kernel objects that outlive the processes that made them: System V shared memory, message queues and
#: semaphores, and POSIX message queues live in the IPC namespace, which every run of a worker shares, so
#: one run could leave state (or memory outside every limit) for the next. POSIX shared memory and named
#: semaphores are files in /dev/shm, a fresh size-limited tmpfs per run, and stay allowed.
DENIED_IPC = (
    "shmget", "shmat", "shmdt", "shmctl", "msgget", "msgsnd", "msgrcv", "msgctl",
    "semget", "semop", "semtimedop", "semctl", "ipc",
    "mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify", "mq_getsetattr",
)  # fmt: skip

#: A new session is a new scheduling group under the kernel's autogroup: a run that forks busy processes
#: into sessions of their own would get a CPU share per process at its neighbours' expense.
DENIED_SESSIONS = ("setsid",)

#: clone() flags that would create namespaces (NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET).
CLONE_NS_FLAGS = (0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000)


@functools.lru_cache(maxsize=1)
def sandbox_filter_bpf() -> bytes:
    """Compiled BPF of the sandbox filter for the host architecture.

    Denies :data:`DENIED_SYSCALLS`, :data:`DENIED_IPC`, :data:`DENIED_SESSIONS`, sockets of any family but AF_UNIX (multiprocessing needs those; the
    network namespace has no route anyway), clone() with namespace flags, and clone3 (ENOSYS, so libc
    falls back to clone(), whose flags a filter can inspect).
    """
    import pyseccomp as sc

    f = sc.SyscallFilter(defaction=sc.ALLOW)
    for name in DENIED_SYSCALLS + DENIED_IPC + DENIED_SESSIONS:
        try:
            f.add_rule(sc.ERRNO(errno.EPERM), name)
        except OSError as e:  # a syscall this architecture does not have
            logger.debug("seccomp: skipping %s (%s)", name, e)
    f.add_rule(sc.ERRNO(errno.EACCES), "socket", sc.Arg(0, sc.NE, socket.AF_UNIX))
    for flag in CLONE_NS_FLAGS:
        f.add_rule(sc.ERRNO(errno.EPERM), "clone", sc.Arg(0, sc.MASKED_EQ, flag, flag))
    f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    with tempfile.TemporaryFile() as fh:
        f.export_bpf(fh)
        fh.seek(0)
        bpf = fh.read()
    if not bpf or len(bpf) % 8:
        raise RuntimeError(f"libseccomp exported a malformed BPF program ({len(bpf)} bytes)")
    return bpf
