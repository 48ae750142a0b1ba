"""Confining a process: the C library calls (``prctl``, ``capset``, ``mount``, ``unshare``), descriptors,
privileges, rlimits, seccomp, namespaces of its own, and :func:`spawn`, the one way the worker and the
zygote fork a child. What every child needs is prepared once, before any fork (:class:`Prepared`)."""

from __future__ import annotations

import _signal
import ctypes
import fcntl
import math
import os
import resource
import signal
import sys
import traceback
from collections.abc import Callable

PR_SET_PDEATHSIG = 1


PR_SET_NAME = 15


PR_SET_DUMPABLE = 4


PR_SET_SECCOMP = 22


PR_SET_NO_NEW_PRIVS = 38


SECCOMP_MODE_FILTER = 2


MS_NOSUID, MS_NODEV, MS_NOEXEC = 2, 4, 8


MS_REC, MS_PRIVATE = 0x4000, 0x40000


MNT_DETACH = 2


CLONE_NEWNS, CLONE_NEWPID = 0x00020000, 0x20000000


libc = ctypes.CDLL(None, use_errno=True)
libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
#: prctl without argument conversion, for forked children (argtypes conversion costs them ~25 page faults
#: a call): small ints only (libffi widens them to the full register) and ctypes buffers/byrefs as pointers.
_prctl = ctypes.CDLL(None, use_errno=True).prctl


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def check_rc(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


class Prepared:
    """What every child's setup needs, built once in the worker before any fork (a forked child then only
    makes the system calls: no Python objects to build, fewer copy-on-write page faults)."""

    seccomp: object = None  # a _SockFprog, or None without a filter
    seccomp_buf: object = None
    seccomp_ref: object = None  # a pointer to ``seccomp`` for prctl
    caps: tuple = ()
    fd_bound: int = 1 << 20  # no descriptor number reaches it (the kernel's fs.nr_open)
    workdir: str = "/tmp"  # of the next run
    main_file: str = "main.py"  # __main__.__file__ of the next run (in its workdir)
    sys_path: tuple = ()  # sys.path of the next run: its workdir first
    pdeath: bool = False  # children ask for SIGKILL when their parent dies (outside a PID namespace)
    own_group: bool = False  # runs get a process group of their own (outside a PID namespace)


def set_workdir(workdir: str) -> None:
    """The working directory, ``__main__.__file__`` and ``sys.path`` of the runs forked from now on."""
    if Prepared.sys_path[:1] != (workdir,):
        Prepared.workdir = workdir
        Prepared.main_file = os.path.join(workdir, "main.py")
        Prepared.sys_path = (workdir, *[p for p in sys.path if p and p != workdir])


def prepare_setup(cfg: dict) -> None:
    """Build the seccomp program and the empty capability sets once (see :class:`Prepared`); set
    ``no_new_privs`` on the worker itself, so that every process it forks inherits it (it cannot be
    unset) and the children need no call of their own for it."""
    Prepared.pdeath = not cfg["ns_init"]  # (a namespace's processes all die with its init)
    Prepared.own_group = not cfg["isolated"]
    bpf = cfg["bpf"]
    if bpf:
        Prepared.seccomp_buf = buf = ctypes.create_string_buffer(bpf, len(bpf))
        Prepared.seccomp = _SockFprog(len(bpf) // 8, ctypes.cast(buf, ctypes.c_void_p))
        Prepared.seccomp_ref = ctypes.byref(Prepared.seccomp)
    hdr, data = _CapHeader(0x20080522, 0), (_CapData * 2)()
    Prepared.caps = (ctypes.byref(hdr), ctypes.byref(data), hdr, data)
    try:
        with open("/proc/sys/fs/nr_open") as f:
            Prepared.fd_bound = max(int(f.read()), Prepared.fd_bound)
    except (OSError, ValueError):
        pass
    check_rc(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def stage_fds(fds: dict[int, int]) -> list[tuple[int, int]]:
    """In the parent, before a fork: (target, copy) pairs whose copies (close-on-exec) sit above every
    target, so that the child installs them with one ``dup2`` each in any order. The caller closes the
    copies after the fork."""
    return [(t, fcntl.fcntl(s, fcntl.F_DUPFD_CLOEXEC, 1024)) for t, s in fds.items()]


def close_gaps(targets: list[int]) -> list[tuple[int, int]]:
    """The ``closerange`` calls that close every descriptor but ``targets`` (one system call per gap)."""
    gaps, lo = [], 0
    for t in sorted(targets):
        if t > lo:
            gaps.append((lo, t))
        lo = t + 1
    return gaps + [(lo, Prepared.fd_bound)]


def _confine(uid: int | None, limits: list[tuple[int, int, int]], files_as: int | None = None) -> None:
    """In a fresh fork, after its descriptors are in place: drop privileges, apply ``limits``
    (:func:`limit_triples`; a prepared run applies its own once the job is known) and seccomp. After this
    the process can hurt nothing but itself. ``no_new_privs`` is inherited from the worker
    (:func:`prepare_setup`). ``files_as``: a saved uid and gid (the trusted tests': the runs'), which the
    process may later take as its filesystem identity alone (:func:`FilesAs`). Everything was computed in
    the parent: each Python object touched here costs the child a copy-on-write page fault."""
    if uid is not None:  # host root: a uid of its own, which drops every capability
        saved = uid if files_as is None else files_as
        os.setgroups([])
        os.setresgid(uid, uid, saved)
        os.setresuid(uid, uid, saved)
    else:  # user namespace: same uid as the worker, so drop the namespace's capabilities explicitly
        check_rc(libc.capset(Prepared.caps[0], Prepared.caps[1]), "capset")
    apply_limits(limits)
    if Prepared.seccomp is not None:
        check_rc(_prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, Prepared.seccomp_ref, 0, 0), "seccomp")
    _signal.signal(signal.SIGINT, _signal.default_int_handler)  # (signal.signal's enum wrapping: ~90 faults)


def own_namespaces() -> None:
    """In a run's process, PID 1 of a PID namespace of its own (:func:`zygote_main`), before it is confined:
    a mount namespace of its own with its own ``/proc`` (it sees its own processes only, numbered from 1,
    so nothing about the processes of earlier runs, e.g. how many they started), and a session of its own
    (out of the worker's process group)."""
    check_rc(libc.unshare(CLONE_NEWNS), "unshare(mount)")
    check_rc(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "private mounts")
    check_rc(libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None), "mount proc")
    os.setsid()


def spawn(name: bytes, fds: dict[int, int], body: Callable[[], None], uid: int | None = None,
          limits: list[tuple[int, int, int]] | tuple = (), confine: bool = True, own_group: bool = False,
          namespaces: bool = False, files_as: int | None = None) -> int:  # fmt: skip
    """Fork a child named ``name`` (one of ``_NAMES``) that installs ``fds`` (target -> source) and closes
    every other descriptor, then enters namespaces of its own (``namespaces``: :func:`own_namespaces`),
    (``confine``) drops privileges to ``uid`` (keeping ``files_as`` as its saved uid), applies ``limits``
    and the seccomp filter (:func:`_confine`), joins a process group of its own (``own_group``) and runs
    ``body``. Returns its pid."""
    staged, gaps = stage_fds(fds), close_gaps(list(fds))
    try:
        pid = _fork()
    except BaseException:
        for _, fd in staged:
            os.close(fd)
        raise
    if pid == 0:
        try:
            set_name(name)  # before the uid changes: a process of a sandbox uid always has its name
            for target, source in staged:
                os.dup2(source, target)
            for lo, hi in gaps:
                os.closerange(lo, hi)
            if Prepared.pdeath:
                _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            if namespaces:
                own_namespaces()
            if confine:
                _confine(uid, list(limits), files_as)
            if own_group:
                os.setpgid(0, 0)  # so that the worker can kill the run's group afterwards
            body()
        except BaseException:
            try:
                os.write(2, traceback.format_exc().encode()[-2000:])
            finally:
                os._exit(120)
        os._exit(0)
    for _, fd in staged:
        os.close(fd)
    return pid


class FilesAs:
    """While held, this process's filesystem identity (``setfsuid``/``setfsgid``: file access and the owner
    of the files it creates; never signals, ``ptrace`` or its own ``/proc``) is its saved uid and gid — the
    trusted tests' process takes the run's, so that the tests and the solution share the run's working
    directory as one program's two halves would (files either writes are the other's, ``tempfile``'s 0700
    directories too); its real and effective ids stay its own. Where the saved ids are its own (a user
    namespace: every process has one uid), nothing changes."""

    def __init__(self) -> None:
        self.own = os.getresuid()[1], os.getresgid()[1]
        self.saved = os.getresuid()[2], os.getresgid()[2]

    def __enter__(self) -> FilesAs:
        if self.saved != self.own:
            libc.setfsgid(self.saved[1])
            libc.setfsuid(self.saved[0])
            if libc.setfsuid(-1) != self.saved[0] or libc.setfsgid(-1) != self.saved[1]:
                raise OSError("setfsuid: the filesystem identity did not change")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.saved != self.own:
            libc.setfsuid(self.own[0])
            libc.setfsgid(self.own[1])


def limit_triples(lim: dict, cfg: dict) -> list[tuple[int, int, int]]:
    """(resource, soft, hard) rlimits of a run, computed by the worker; soft = hard (but for the CPU time's
    SIGXCPU second), so that nothing can raise them again."""
    cpu = max(1, math.ceil(lim["cpu_s"]))
    mb = 1 << 20
    out = [
        (resource.RLIMIT_CPU, cpu, cpu + 1),
        (resource.RLIMIT_AS, int(lim["memory_mb"] * mb), int(lim["memory_mb"] * mb)),
        (resource.RLIMIT_FSIZE, int(lim["fsize_mb"] * mb), int(lim["fsize_mb"] * mb)),
        (resource.RLIMIT_NOFILE, int(lim["nofile"]), int(lim["nofile"])),
        (resource.RLIMIT_CORE, 0, 0),
    ]
    if cfg["isolated"]:  # NPROC counts all of a host user's processes
        out.append((resource.RLIMIT_NPROC, int(lim["nproc"]), int(lim["nproc"])))
    return out


def apply_limits(limits: list[tuple[int, int, int]]) -> None:
    """Set the :func:`limit_triples` on this process."""
    for res, soft, hard in limits:
        resource.setrlimit(res, (soft, hard))


def _fork() -> int:
    """``fork(2)`` through libc, without CPython's after-fork hooks (``threading``'s re-initialisation of
    every thread object and lock, ~150 copy-on-write page faults in the child per fork). They exist for
    threads that held locks at the fork; the worker has a single thread, which is the one forking and holds
    none (a ctypes call releases the GIL, which the child takes again on return). glibc's own fork handling
    (thread id, malloc locks, ``pthread_atfork``) still runs. The one hook that matters, ``random``'s
    re-seeding, is done here, so that runs do not share a random sequence."""
    pid = libc.fork()
    if pid < 0:
        err = ctypes.get_errno()
        raise OSError(err, f"fork: {os.strerror(err)}")
    if pid == 0:
        rnd = sys.modules.get("random")
        if rnd is not None:
            rnd.seed()
    return pid


_NAMES = {
    n: ctypes.create_string_buffer(n)
    for n in (b"rlvr-worker", b"rlvr-zygote", b"rlvr-tests", b"rlvr-ready", b"rlvr-run")
}


def release_free_memory() -> None:
    """Give the kernel back the heap memory ``malloc`` holds free (the worker's start — decompressing and
    compiling its own source — leaves ~12 MB of it): every page still mapped is one more page table entry
    that each fork of the zygote copies, and each run's exit unmaps. (glibc's; other C libraries: nothing.)"""
    trim = getattr(libc, "malloc_trim", None)
    if trim is not None:
        trim(0)


def set_name(name: bytes) -> None:
    """The process name ps shows (one of ``_NAMES``, whose buffers exist before any fork)."""
    _prctl(PR_SET_NAME, _NAMES[name], 0, 0, 0)
