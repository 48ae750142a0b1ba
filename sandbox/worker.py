"""The sandbox worker: runs inside bubblewrap as PID 1 of its own PID namespace. Standard library only.

It is started as ``python -I -c <this file's source>`` (the project checkout is not mounted in the
sandbox) and speaks to the host over its stdin/stdout: frames in (``<length>\\n<json>``), JSON lines out.
Four kinds of process, all forked before any job but the runs:

- the *worker* (this process, the namespace's init): reads jobs, supervises runs, answers the host;
- the *zygote*: forked at start, it forks every run's process and reports its exit. It never receives a
  job's code, input, output or verdict, so a run (which can read all its own process holds: frames, the gc
  heap, raw memory) finds nothing of any other run;
- the *trusted test process* (another uid): runs every judge's tests, with the solution's names replaced
  by proxies (arguments and results cross as type-tagged JSON, compared here with trusted types);
- the run's *solution* process (untrusted): forked by the zygote right after the previous answer, moved into
  the run's cgroup, confined (its own uid, no capabilities, seccomp), it waits for its job, applies the
  job's rlimits and runs the program in-process (no new interpreter: milliseconds).

When the run ends, its wall limit fires or its processes together used its CPU budget, the worker SIGKILLs
every process of the run (it sees the whole namespace and inherits every orphan: daemons and
grandchildren too), and mounts a fresh tmpfs on /tmp and /dev/shm for the next run.

Only the trusted process ever reads the tests, the expected outputs and the run's nonce: it reads them from
the worker's stdin itself and reports straight to the host on the worker's stdout. The nonce proves the
report came from a test run that reached its end.
"""

from __future__ import annotations

import _signal
import ast
import atexit
import base64
import builtins
import collections
import copy
import ctypes
import fcntl
import gc
import json
import math
import os
import resource
import select
import signal
import socket
import sys
import threading
import time
import traceback
import types
import unittest
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
MAX_MESSAGE = 64 << 20  # bytes of one RPC message between the two judge processes
PREFETCH_BYTES = 32 << 10  # bytes of requests the trusted process sends ahead in one write
RESULT_CAP = 1 << 20  # bytes of the trusted process's report
FRAME_HEADER = 20  # bytes of a frame's header: 19 digits and a newline
READ_CHUNK = 1 << 16  # bytes asked of one read of a stream (1 MiB asked cost an mmap + munmap per message)
STARTUP_S = 10.0  # seconds the zygote may take to fork a run
GRACE_S = 5.0  # seconds a killed run's process may take to be reported dead

_libc = ctypes.CDLL(None, use_errno=True)
_libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
#: prctl without argument conversion, for forked children (argtypes conversion costs them ~25 page faults
#: a call): small ints only (libffi widens them to the full register) and ctypes buffers/byrefs as pointers.
_prctl = ctypes.CDLL(None, use_errno=True).prctl


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


# ----------------------------------------------------------------------------------------------- framing
def read_exact(fd: int, n: int) -> bytes:
    chunks, left = [], n
    while left:
        b = os.read(fd, min(left, 1 << 20))
        if not b:
            raise EOFError("stream closed mid-frame")
        chunks.append(b)
        left -= len(b)
    return b"".join(chunks)


def read_frame(fd: int) -> dict | None:
    """Read one frame: a ``FRAME_HEADER``-byte header (the JSON's length, zero-padded, then a newline) and
    the JSON. Byte-exact, never reads ahead (the trusted process reads the next bytes of the same stream).
    None at EOF."""
    header = b""
    while len(header) < FRAME_HEADER:
        b = os.read(fd, FRAME_HEADER - len(header))
        if not b:
            if header:
                raise EOFError("stream closed mid-header")
            return None
        header += b
    if not header.endswith(b"\n") or not header[:-1].isdigit():
        raise ValueError("bad frame header")
    return json.loads(read_exact(fd, int(header)))


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


# ------------------------------------------------------------------------------ type-tagged JSON values
def encode(x: object, ref: object = None, depth: int = 0) -> list:
    """Encode plain data exactly (type tags; subclasses are not data). Anything else becomes ``["r", id]``
    through ``ref`` (solution side) or raises TypeError (trusted side)."""
    if depth > 200:
        raise ValueError("value nested too deeply")
    t = type(x)
    if x is None:
        return ["n"]
    if t is bool:
        return ["b", x]
    if t is int:
        return ["i", hex(x)]
    if t is float:
        return ["f", x.hex()]
    if t is str:
        return ["s", x]
    if t is bytes:
        return ["y", base64.b64encode(x).decode()]
    if t is complex:
        return ["c", x.real.hex(), x.imag.hex()]
    if t in (list, tuple, set, frozenset):
        tag = {list: "l", tuple: "t", set: "S", frozenset: "F"}[t]
        return [tag, [encode(v, ref, depth + 1) for v in x]]
    if t is dict:
        return ["d", [[encode(k, ref, depth + 1), encode(v, ref, depth + 1)] for k, v in x.items()]]
    if ref is None:
        raise TypeError(f"cannot send a {t.__name__} to the solution")
    return ["r", ref(x)]


def decode(v: list, ref: object = None) -> object:
    tag = v[0]
    if tag == "n":
        return None
    if tag == "b":
        return bool(v[1])
    if tag == "i":
        return int(v[1], 16)
    if tag == "f":
        return float.fromhex(v[1])
    if tag == "s":
        if type(v[1]) is not str:
            raise TypeError("bad str")
        return v[1]
    if tag == "y":
        return base64.b64decode(v[1])
    if tag == "c":
        return complex(float.fromhex(v[1]), float.fromhex(v[2]))
    if tag in ("l", "t", "S", "F"):
        items = [decode(e, ref) for e in v[1]]
        return {"l": list, "t": tuple, "S": set, "F": frozenset}[tag](items)
    if tag == "d":
        return {decode(k, ref): decode(e, ref) for k, e in v[1]}
    if tag == "r" and ref is not None:
        return ref(int(v[1]))
    raise TypeError(f"bad value tag {tag!r}")


# ---------------------------------------------------------------------------------- child process setup
class _Prepared:
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
    if _Prepared.sys_path[:1] != (workdir,):
        _Prepared.workdir = workdir
        _Prepared.main_file = os.path.join(workdir, "main.py")
        _Prepared.sys_path = (workdir, *[p for p in sys.path if p and p != workdir])


def prepare_setup(cfg: dict) -> None:
    """Build the seccomp program and the empty capability sets once (see :class:`_Prepared`); set
    ``no_new_privs`` on the worker itself, so that every process it forks inherits it (it cannot be
    unset) and the children need no call of their own for it."""
    _Prepared.pdeath = not cfg["ns_init"]  # (a namespace's processes all die with its init)
    _Prepared.own_group = not cfg["isolated"]
    bpf = cfg["bpf"]
    if bpf:
        _Prepared.seccomp_buf = buf = ctypes.create_string_buffer(bpf, len(bpf))
        _Prepared.seccomp = _SockFprog(len(bpf) // 8, ctypes.cast(buf, ctypes.c_void_p))
        _Prepared.seccomp_ref = ctypes.byref(_Prepared.seccomp)
    hdr, data = _CapHeader(0x20080522, 0), (_CapData * 2)()
    _Prepared.caps = (ctypes.byref(hdr), ctypes.byref(data), hdr, data)
    try:
        with open("/proc/sys/fs/nr_open") as f:
            _Prepared.fd_bound = max(int(f.read()), _Prepared.fd_bound)
    except (OSError, ValueError):
        pass
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


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
    return gaps + [(lo, _Prepared.fd_bound)]


def _confine(uid: int | None, limits: list[tuple[int, int, int]]) -> None:
    """In a fresh fork, after its descriptors are in place: drop privileges, apply ``limits``
    (:func:`limit_triples`; a prepared run applies its own once the job is known) and seccomp. After this
    the process can hurt nothing but itself. ``no_new_privs`` is inherited from the worker
    (:func:`prepare_setup`). Everything was computed in the parent: each Python object touched here costs
    the child a copy-on-write page fault."""
    if uid is not None:  # host root: a uid of its own, which drops every capability
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    else:  # user namespace: same uid as the worker, so drop the namespace's capabilities explicitly
        _check(_libc.capset(_Prepared.caps[0], _Prepared.caps[1]), "capset")
    apply_limits(limits)
    if _Prepared.seccomp is not None:
        _check(_prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, _Prepared.seccomp_ref, 0, 0), "seccomp")
    _signal.signal(signal.SIGINT, _signal.default_int_handler)  # (signal.signal's enum wrapping: ~90 faults)


def own_namespaces() -> None:
    """In a run's process, PID 1 of a PID namespace of its own (:func:`zygote_main`), before it is confined:
    a mount namespace of its own with its own ``/proc`` (it sees its own processes only, numbered from 1,
    so nothing about the processes of earlier runs, e.g. how many they started), and a session of its own
    (out of the worker's process group)."""
    _check(_libc.unshare(CLONE_NEWNS), "unshare(mount)")
    _check(_libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "private mounts")
    _check(_libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None), "mount proc")
    os.setsid()


def spawn(name: bytes, fds: dict[int, int], body: Callable[[], None], uid: int | None = None,
          limits: list[tuple[int, int, int]] | tuple = (), confine: bool = True, own_group: bool = False,
          namespaces: bool = False) -> int:  # fmt: skip
    """Fork a child named ``name`` (one of ``_NAMES``) that installs ``fds`` (target -> source) and closes
    every other descriptor, then enters namespaces of its own (``namespaces``: :func:`own_namespaces`),
    (``confine``) drops privileges to ``uid``, applies ``limits`` and the seccomp filter
    (:func:`_confine`), joins a process group of its own (``own_group``) and runs ``body``. Returns its
    pid."""
    staged, gaps = stage_fds(fds), close_gaps(list(fds))
    try:
        pid = _fork()
    except BaseException:
        for _, fd in staged:
            os.close(fd)
        raise
    if pid == 0:
        try:
            _set_name(name)  # before the uid changes: a process of a sandbox uid always has its name
            for target, source in staged:
                os.dup2(source, target)
            for lo, hi in gaps:
                os.closerange(lo, hi)
            if _Prepared.pdeath:
                _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            if namespaces:
                own_namespaces()
            if confine:
                _confine(uid, list(limits))
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
    pid = _libc.fork()
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


def _set_name(name: bytes) -> None:
    """The process name ps shows (one of ``_NAMES``, whose buffers exist before any fork)."""
    _prctl(PR_SET_NAME, _NAMES[name], 0, 0, 0)


def job_message(kind: str, limits: list[tuple[int, int, int]], code: str) -> bytes:
    """What a prepared run process is sent: ``<kind> <resource soft hard>...\n<code>`` with the
    :func:`limit_triples` as integers. Plain text, not JSON: parsing it in a fresh fork touches (and copies)
    a handful of pages instead of a hundred."""
    header = " ".join([kind] + [str(n) for triple in limits for n in triple])
    return header.encode() + b"\n" + code.encode("utf-8", "surrogatepass")


def prepared_child(job_fd: int) -> None:
    """A run's process, forked before its job arrives: wait for the job, apply its limits, run it."""
    chunks = []
    while True:
        b = os.read(job_fd, READ_CHUNK)
        if not b:
            break
        chunks.append(b)
    os.close(job_fd)
    if not chunks:
        os._exit(0)  # the worker went away, or retired this child
    header, code = b"".join(chunks).split(b"\n", 1)
    kind, *values = header.split()
    _set_name(b"rlvr-run")
    n = list(map(int, values))
    apply_limits(list(zip(n[0::3], n[1::3], n[2::3])))
    os.chdir(_Prepared.workdir)
    src = code.decode("utf-8", "surrogatepass")
    if kind == b"judge":
        solution_child(src, 3, os.dup(3))
    else:
        os.close(3)
        program_child(src)


def stdio_for_runs() -> None:
    """Once in the worker, before any fork: give the interpreter's own ``sys.stdin``/``stdout``/``stderr``
    (never used by the worker, which speaks through ``os.read``/``os.write``) the text settings of a run.
    A run's process installs its pipes on fds 0-2 and uses them as they are: nothing to build per run."""
    streams = ((sys.stdin, "surrogateescape"), (sys.stdout, "backslashreplace"), (sys.stderr, "backslashreplace"))
    for f, errors in streams:
        f.reconfigure(encoding="utf-8", errors=errors)  # type: ignore[union-attr]


def _main_module() -> types.ModuleType:
    """A fresh ``__main__`` in the workdir, with ``sys.argv`` and ``sys.path`` of ``python main.py``."""
    mod = types.ModuleType("__main__")
    mod.__file__ = _Prepared.main_file
    mod.__builtins__ = builtins
    sys.modules["__main__"] = mod
    sys.argv = ["main.py"]
    sys.path[:] = _Prepared.sys_path
    return mod


def _exit_code(e: SystemExit) -> int:
    if e.code is None:
        return 0
    if isinstance(e.code, int):
        return e.code & 0xFF
    print(e.code, file=sys.stderr)
    return 1


def _finish(code: int) -> None:
    """Interpreter-like shutdown of a forked child: join non-daemon threads, atexit, flush, _exit."""
    try:
        threading._shutdown()  # type: ignore[attr-defined]
        atexit._run_exitfuncs()
    except SystemExit as e:
        code = _exit_code(e)
    except BaseException:
        traceback.print_exc()
    for f in (sys.stdout, sys.stderr):
        try:
            f.flush()
        except BaseException:
            pass
    os._exit(code)


def program_child(src: str) -> None:
    """Run ``src`` as ``__main__`` in this process."""
    mod = _main_module()
    code = 0
    try:
        exec(compile(src, "main.py", "exec"), mod.__dict__)
    except SystemExit as e:
        code = _exit_code(e)
    except BaseException:
        traceback.print_exc()
        code = 1
    _finish(code)


# -------------------------------------------------------------------------------- solution-side server
def solution_child(src: str, rfd: int, wfd: int) -> None:
    """Execute the solution, then answer lookup/call requests from the trusted process until EOF."""
    mod = _main_module()
    env = mod.__dict__
    try:
        exec(compile(src, "solution.py", "exec"), env)
    except BaseException:  # SystemExit included: the names it did not define stay undefined
        traceback.print_exc()
    objects: list[object] = []

    def ref(x: object) -> int:
        objects.append(x)
        return len(objects) - 1

    def deref(i: int) -> object:
        return objects[i]

    rf = os.fdopen(rfd, "rb", buffering=1 << 16)
    out = os.fdopen(wfd, "wb", buffering=0)
    for line in rf:
        try:
            req = json.loads(line)
            op = req["op"]
            if op == "lookup":  # module globals the tests read (modules by name: the tests' side imports them)
                names = {}
                for n in req["names"]:
                    if n in env and not n.startswith("__"):
                        v = env[n]
                        names[n] = ["M", v.__name__, ref(v)] if type(v) is types.ModuleType else encode(v, ref)
                resp = {"ok": names}
            elif op == "resolve":  # call-based: a function, or a method of class Solution (LeetCode)
                n = req["name"]
                fn = env.get(n)
                if fn is None and isinstance(env.get("Solution"), type):
                    fn = getattr(env["Solution"](), n)
                resp = {"ok": encode(fn, ref) if fn is not None else None}
            else:
                obj = deref(req["ref"])
                if op == "call":
                    args = [decode(a, deref) for a in req["args"]]
                    kwargs = {k: decode(a, deref) for k, a in req["kwargs"].items()}
                    val = obj(*args, **kwargs)  # type: ignore[operator]
                    resp = {"ok": encode(val, ref)}
                    if any(type(a) in _MUTABLE for a in args):  # in-place changes, mirrored by the tests' side
                        resp["after"] = [encode(a, ref) if type(a) in _MUTABLE else ["n"] for a in args]
                elif op == "getattr":
                    resp = {"ok": encode(getattr(obj, req["name"]), ref)}
                elif op == "iter":
                    resp = {"ok": encode(list(obj), ref)}  # type: ignore[call-overload]
                elif op == "dunder":
                    args = [decode(a, deref) for a in req["args"]]
                    resp = {"ok": encode(getattr(obj, req["name"])(*args), ref)}
                elif op == "isinstance":  # obj is the class
                    resp = {"ok": encode(isinstance(decode(req["arg"], deref), obj), ref)}  # type: ignore[arg-type]
                elif op == "issubclass":
                    resp = {"ok": encode(issubclass(decode(req["arg"], deref), obj), ref)}  # type: ignore[arg-type]
                else:
                    raise ValueError(f"unknown op {op!r}")
        except SystemExit as e:
            resp = {"exc": ["SystemExit", repr(e.code)[:200]]}
        except BaseException as e:
            resp = {"exc": [type(e).__name__, str(e)[:500]]}
        try:
            data = json.dumps(resp).encode()
        except BaseException as e:
            data = json.dumps({"exc": [type(e).__name__, "unencodable result"]}).encode()
        for f in (sys.stdout, sys.stderr):  # the run ends when the tests do: show what was printed so far
            try:
                f.flush()
            except BaseException:
                pass
        out.write(data + b"\n")
    _finish(0)


_MUTABLE = (list, dict, set)


# ---------------------------------------------------------------------------------- trusted test side
TESTS_FILE = "tests.py"  # the tests' file name in tracebacks and ``__file__``
ENTRY_POINT = "__entry_point__"  # the tests' name of a declared entry point (HumanEval's ``check(...)``)
#: Modules a global of the solution of the same name stands for in the tests, imported by the trusted
#: process itself (as when a file imports ``math`` and its tests use it): pure, side-effect-free stdlib.
TRUSTED_MODULES = frozenset({
    "array", "bisect", "calendar", "cmath", "collections", "copy", "dataclasses", "datetime", "decimal",
    "difflib", "enum", "fractions", "functools", "hashlib", "heapq", "itertools", "json", "math", "numbers",
    "operator", "random", "re", "statistics", "string", "struct", "textwrap", "typing", "unicodedata",
})  # fmt: skip


class SolutionDied(BaseException):
    """The solution process went away or broke the protocol: no later test can pass."""


class _StopTests(BaseException):
    """All-or-nothing mode: the first failure decides."""


class SolutionError(Exception):
    """The solution raised an exception that is not a built-in exception type."""


class _Rpc:
    """The trusted side of the solution's socket: one request, one answer, in order. Requests known in
    advance (:meth:`prefetch`) are sent together; each is then answered when the tests make it. Once the
    solution broke the protocol or died, ``dead`` stays set (tests that swallow the exception cannot
    undo it)."""

    def __init__(self, rfd: int, wfd: int) -> None:
        self.rfd, self.wfd, self.buf = rfd, wfd, b""
        self.pending: collections.deque[bytes] = collections.deque()  # sent ahead, not yet made by the tests
        self.dead: str | None = None

    def prefetch(self, requests: list[dict]) -> None:
        """Send ``requests`` now, in one write, as a prefix of the requests the tests are about to make
        (:func:`prefetch_calls`). The solution answers them one by one, in order, as if they came one at a
        time; :meth:`request` then only reads each answer. At most ``PREFETCH_BYTES``, and only when nothing
        is outstanding: the write then fits the empty socket buffer, so that it cannot block while the
        solution blocks on writing answers nobody reads yet."""
        if self.pending or self.dead:
            return
        size, data = 0, []
        for msg in requests:
            line = json.dumps(msg).encode() + b"\n"
            size += len(line)
            if size > PREFETCH_BYTES:
                break
            data.append(line)
        if len(data) > 1:
            write_all(self.wfd, b"".join(data))
            self.pending.extend(data)

    def died(self, why: str) -> SolutionDied:
        self.dead = self.dead or why
        return SolutionDied(why)

    def request(self, msg: dict) -> dict:
        if self.dead:
            raise SolutionDied(self.dead)
        try:
            line = json.dumps(msg).encode() + b"\n"
            if not self.pending:
                write_all(self.wfd, line)
            elif self.pending.popleft() != line:  # cannot happen: prefetch_calls sends only what will come
                raise self.died("harness: the tests did not make a prefetched request")
            while b"\n" not in self.buf:
                chunk = os.read(self.rfd, READ_CHUNK)
                if not chunk:
                    raise self.died("the solution process exited")
                self.buf += chunk
                if len(self.buf) > MAX_MESSAGE:
                    raise self.died("the solution sent an oversized message")
            line, self.buf = self.buf.split(b"\n", 1)
            resp = json.loads(line)
        except SolutionDied:
            raise
        except (OSError, ValueError, RecursionError) as e:
            raise self.died(f"solution protocol broken: {type(e).__name__}") from None
        if not isinstance(resp, dict):
            raise self.died("solution protocol broken: not an object")
        if "exc" in resp:
            name, msg = (list(resp["exc"]) + ["", ""])[:2]
            cls = getattr(builtins, str(name), None)
            if (
                isinstance(cls, type)
                and issubclass(cls, Exception)
                and not issubclass(cls, (StopIteration, StopAsyncIteration))
            ):
                raise cls(str(msg))
            raise SolutionError(f"{name}: {msg}")
        return resp

    def value(self, v: object) -> object:
        try:
            return decode(v, lambda i: RemoteRef(self, i))  # type: ignore[arg-type]
        except (TypeError, ValueError, KeyError, IndexError, OverflowError, RecursionError) as e:
            raise self.died(f"solution protocol broken: {type(e).__name__}: {_short(e)}") from None

    def enc(self, x: object) -> list:
        return encode(x, lambda r: r._rid if isinstance(r, RemoteRef) else _unsendable(r))

    def lookup(self, names: list[str]) -> dict[str, object]:
        """The solution's module globals among ``names`` (what the tests read and do not define). Only the
        names asked count: an answer naming anything else (a builtin, a dunder) is a broken protocol. A
        module the solution imported under its own name is one of :data:`TRUSTED_MODULES` imported here,
        else a proxy."""
        found = self.request({"op": "lookup", "names": names}).get("ok")
        if not isinstance(found, dict) or not set(found) <= set(names):
            raise self.died("solution protocol broken: it answered names it was not asked for")
        out = {}
        for name, v in found.items():
            if isinstance(v, list) and len(v) == 3 and v[0] == "M":
                if v[1] == name and name in TRUSTED_MODULES:
                    out[name] = __import__(name)
                    continue
                v = ["r", v[2]]
            out[name] = self.value(v)
        return out

    def resolve(self, name: str) -> RemoteRef:
        """The solution's callable ``name``: a module-level function or class, or a method of an instance of
        its ``class Solution`` (LeetCode). NameError when there is none."""
        got = self.request({"op": "resolve", "name": name}).get("ok")
        fn = self.value(got) if got is not None else None
        if not isinstance(fn, RemoteRef):
            raise NameError(f"the solution does not define a callable {name!r}")
        return fn


def _unsendable(x: object) -> int:
    raise TypeError(f"a {type(x).__name__} cannot be passed to the solution")


def _sync_in_place(arg: object, after: object) -> None:
    """Mirror in-place mutation of a list/dict/set argument made by the solution."""
    if type(arg) is list and type(after) is list:
        arg[:] = after
    elif type(arg) in (dict, set) and type(after) is type(arg):
        arg.clear()
        arg.update(after)


class RemoteRef:
    """A non-data object living in the solution process: it can be called, its attributes read and it can
    be indexed (each answer crosses as data or as another proxy). Everything that decides a check is
    decided here, with trusted types: it has no truth value, no order and no number; it equals only itself
    (or, against another solution object, what the solution's ``==`` says: the tests compare two of its
    objects); its hash is its identity; ``iter``, ``len`` and ``in`` work on the items it yields, sent as
    data once per use, so that an object whose ``__contains__`` or ``__len__`` lies about its items
    changes nothing."""

    __slots__ = ("_rid", "_rpc")

    def __init__(self, rpc: _Rpc, rid: int) -> None:
        object.__setattr__(self, "_rpc", rpc)
        object.__setattr__(self, "_rid", rid)

    def _call_request(self, args: tuple, kwargs: dict) -> dict:
        rpc = self._rpc
        return {
            "op": "call",
            "ref": self._rid,
            "args": [rpc.enc(a) for a in args],
            "kwargs": {str(k): rpc.enc(v) for k, v in kwargs.items()},
        }

    def __call__(self, *args: object, **kwargs: object) -> object:
        rpc = self._rpc
        resp = rpc.request(self._call_request(args, kwargs))
        after = resp.get("after")
        if isinstance(after, list) and len(after) == len(args):
            for a, v in zip(args, after):
                if type(a) in (list, dict, set):
                    _sync_in_place(a, rpc.value(v))
        return rpc.value(resp.get("ok"))

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._rpc.value(self._rpc.request({"op": "getattr", "ref": self._rid, "name": name}).get("ok"))

    def _items(self) -> list:
        """What iterating the object yields, as a list made here."""
        items = self._rpc.value(self._rpc.request({"op": "iter", "ref": self._rid}).get("ok"))
        if type(items) is not list:
            raise self._rpc.died("solution protocol broken: iteration did not give a list")
        return items

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())

    def __contains__(self, key: object) -> bool:
        return key in self._items()

    def __getitem__(self, key: object) -> object:
        rpc = self._rpc
        msg = {"op": "dunder", "ref": self._rid, "name": "__getitem__", "args": [rpc.enc(key)]}
        return rpc.value(rpc.request(msg).get("ok"))

    def __bool__(self) -> bool:
        raise TypeError("a non-data object from the solution has no truth value here")

    def _bool(self, msg: dict) -> bool:
        r = self._rpc.value(self._rpc.request(msg).get("ok"))
        if type(r) is not bool:
            raise TypeError(f"{msg['op']} on a solution object gave a non-bool")
        return r

    def __eq__(self, other: object) -> bool:
        """Equal to itself; against another solution object, the solution's own ``==`` decides (the tests
        compare two of its objects, so they trust its semantics); never equal to plain data."""
        if not isinstance(other, RemoteRef):
            return False
        if other._rid == self._rid:
            return True
        return self._bool({"op": "dunder", "ref": self._rid, "name": "__eq__", "args": [["r", other._rid]]})

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __instancecheck__(self, obj: object) -> bool:  # isinstance(x, SolutionClass)
        return self._bool({"op": "isinstance", "ref": self._rid, "arg": self._rpc.enc(obj)})

    def __subclasscheck__(self, cls: object) -> bool:
        return self._bool({"op": "issubclass", "ref": self._rid, "arg": self._rpc.enc(cls)})

    def __hash__(self) -> int:
        return hash(("RemoteRef", self._rid))

    def __repr__(self) -> str:
        return f"<solution object #{self._rid}>"

    def __setattr__(self, name: str, value: object) -> None:
        raise TypeError("solution objects are read-only here")


def _wrap_assert(node: ast.Assert) -> ast.Try:
    """One ``assert`` as one counted test: pass, or fail and (all-or-nothing) stop::

        try: <assert>
        except __rlvr_died__: raise
        except BaseException as __rlvr_e__: __rlvr_fail__(<line>, __rlvr_e__)
        else: __rlvr_pass__()

    Built node by node with the assert's location (no template parsing, no tree-wide location pass)."""
    loc = {
        "lineno": node.lineno,
        "col_offset": node.col_offset,
        "end_lineno": node.end_lineno,
        "end_col_offset": node.end_col_offset,
    }

    def load(name: str) -> ast.Name:
        return ast.Name(id=name, ctx=ast.Load(), **loc)

    def call(fn: str, *args: ast.expr) -> ast.Expr:
        return ast.Expr(ast.Call(func=load(fn), args=list(args), keywords=[], **loc), **loc)

    died = ast.ExceptHandler(type=load("__rlvr_died__"), name=None, body=[ast.Raise(**loc)], **loc)
    failed = ast.ExceptHandler(
        type=load("BaseException"),
        name="__rlvr_e__",
        body=[call("__rlvr_fail__", ast.Constant(node.lineno, **loc), load("__rlvr_e__"))],
        **loc,
    )
    return ast.Try(body=[node], handlers=[died, failed], orelse=[call("__rlvr_pass__")], finalbody=[], **loc)


def _literal(node: ast.expr) -> bool:
    """A literal (constants, containers of literals, signed numbers): evaluating it runs no code."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _literal(k) for k in node.keys) and all(_literal(v) for v in node.values)
    return isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)) and _literal(node.operand)


def _prefetchable(node: ast.stmt) -> ast.Call | None | bool:
    """How an ``assert`` joins a run whose calls are sent ahead (:func:`count_asserts`): its one call, of a
    name with literal arguments, compared (if at all) with a literal, literal message (if any): the call;
    no call at all (a literal test, e.g. ``assert True``): None; anything else: False (ends the run). The
    tests can then make no other request of the solution between two calls of a run: a literal runs no
    code, and comparing a call's result (plain data or a solution object) with one runs none either."""
    if not isinstance(node, ast.Assert) or (node.msg is not None and not _literal(node.msg)):
        return False
    test = node.test
    if _literal(test):
        return None
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and _literal(test.comparators[0]):
        test = test.left
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and all(_literal(a) for a in test.args)
        and all(k.arg is not None and _literal(k.value) for k in test.keywords)
    ):
        return test
    return False


def _prefetch(calls: list[ast.Call]) -> ast.Try:
    """``try: __rlvr_prefetch__((f, (args), {kwargs}), ...)`` / ``except BaseException: pass``: the calls of
    a run of asserts, for :func:`prefetch_calls` (any error there leaves the asserts to make their calls)."""
    loc = {k: getattr(calls[0], k) for k in ("lineno", "col_offset", "end_lineno", "end_col_offset")}
    entries = [
        ast.Tuple(
            elts=[
                ast.Name(id=c.func.id, ctx=ast.Load(), **loc),  # type: ignore[attr-defined]
                ast.Tuple(elts=[copy.deepcopy(a) for a in c.args], ctx=ast.Load(), **loc),
                ast.Dict(
                    keys=[ast.Constant(k.arg, **loc) for k in c.keywords],
                    values=[copy.deepcopy(k.value) for k in c.keywords],
                    **loc,
                ),
            ],
            ctx=ast.Load(),
            **loc,
        )
        for c in calls
    ]
    call = ast.Call(func=ast.Name(id="__rlvr_prefetch__", ctx=ast.Load(), **loc), args=entries, keywords=[], **loc)
    swallow = ast.ExceptHandler(type=ast.Name(id="BaseException", ctx=ast.Load(), **loc), name=None,
                                body=[ast.Pass(**loc)], **loc)  # fmt: skip
    return ast.Try(body=[ast.Expr(call, **loc)], handlers=[swallow], orelse=[], finalbody=[], **loc)


def count_asserts(stmts: list[ast.stmt]) -> list[ast.stmt]:
    """``stmts`` with every ``assert`` (at any depth: asserts are statements, so only statement lists are
    walked, never expressions) wrapped by :func:`_wrap_assert`, and a :func:`_prefetch` of their calls
    before each run of two or more consecutive asserts whose calls can be sent ahead (:func:`_prefetchable`):
    HumanEval's ``assert candidate(...) == ...`` lines then cost one round trip to the solution per run,
    not one per line."""
    out: list[ast.stmt] = []
    run: list[ast.Call] = []
    start = 0
    for node in stmts:
        call = _prefetchable(node)
        if call is False:
            if len(run) > 1:
                out.insert(start, _prefetch(run))
            run = []
        elif call is not None:
            if not run:
                start = len(out)
            run.append(call)  # type: ignore[arg-type]
        if isinstance(node, ast.Assert):
            out.append(_wrap_assert(node))
            continue
        for name in ("body", "orelse", "finalbody"):
            sub = getattr(node, name, None)
            if type(sub) is list and sub and isinstance(sub[0], ast.stmt):
                setattr(node, name, count_asserts(sub))
        for part in getattr(node, "handlers", ()) or getattr(node, "cases", ()):  # except / match case
            part.body = count_asserts(part.body)
        out.append(node)
    if len(run) > 1:
        out.insert(start, _prefetch(run))
    return out


_ITEM_TEMPLATE = ast.parse(
    "__rlvr_enter__(NAME)\n"
    "try:\n    pass\n"
    "except BaseException as __rlvr_e__:\n    __rlvr_raised__(NAME, __rlvr_e__)\n    raise\n"
).body


def mark_items(tree: ast.Module) -> None:
    """Make every test a collector finds (module-level ``def test*`` and ``def test*`` of module-level
    classes) report that it ran (so that it runs once) and any exception that escapes it (one failed
    check, as pytest fails the test)::

        __rlvr_enter__('<Class.>test_x')
        try: <body>
        except BaseException as __rlvr_e__: __rlvr_raised__('<Class.>test_x', __rlvr_e__); raise

    A test counts no check of its own: the checks are the ``assert`` statements and ``unittest``
    assertions it executes (a test whose loop the solution emptied checked nothing)."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            _mark_item(node, node.name)
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, ast.FunctionDef) and sub.name.startswith("test"):
                    _mark_item(sub, f"{node.name}.{sub.name}")


def _mark_item(fn: ast.FunctionDef, name: str) -> None:
    head, wrapper = copy.deepcopy(_ITEM_TEMPLATE)
    head.value.args = [ast.Constant(name)]  # type: ignore[attr-defined]
    wrapper.handlers[0].body[0].value.args[0] = ast.Constant(name)  # type: ignore[attr-defined]
    for node in (head, wrapper):
        for sub in ast.walk(node):
            if "lineno" in sub._attributes:
                ast.copy_location(sub, fn.body[0])
    wrapper.body = fn.body  # type: ignore[attr-defined]
    fn.body = [head, wrapper]


def _free_names(tree: ast.AST) -> list[str]:
    """Names the tests read but never bind at module level (builtins included)."""
    loads, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loads if isinstance(node.ctx, ast.Load) else bound).add(node.id)
    for node in tree.body:  # type: ignore[attr-defined]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return sorted(loads - bound)


def _short(x: object, n: int = 200) -> str:
    try:
        s = repr(x)
    except BaseException:
        s = f"<{type(x).__name__}>"
    return s if len(s) <= n else s[:n] + "..."


def _same(got: object, want: object, tol: float) -> bool:
    """Exact value and type; a tuple matches a list (JSON has no tuples); floats within ``tol``."""
    tg, tw = type(got), type(want)
    if tg is tuple and tw is list:
        tg = list
    if tg is not tw:
        return False
    if tw is float:
        if math.isnan(want) and math.isnan(got):  # type: ignore[arg-type]
            return True
        return got == want or (tol > 0 and math.isclose(got, want, rel_tol=tol, abs_tol=tol))  # type: ignore[arg-type]
    if tw is list:
        return len(got) == len(want) and all(_same(g, w, tol) for g, w in zip(got, want))  # type: ignore[arg-type]
    if tw is dict:
        return got.keys() == want.keys() and all(_same(got[k], want[k], tol) for k in want)  # type: ignore[attr-defined,index]
    return got == want


def prefetch_calls(rpc: _Rpc, calls: tuple) -> None:
    """``__rlvr_prefetch__`` of the tests: send ahead the (callee, args, kwargs) calls of a run of asserts
    (:func:`count_asserts`), up to the first callee that is not a solution object (a function of the tests
    may make requests of its own)."""
    requests = []
    for fn, args, kwargs in calls:
        if type(fn) is not RemoteRef or fn._rpc is not rpc:
            break
        requests.append(fn._call_request(args, kwargs))
    rpc.prefetch(requests)


def _is_skip(e: BaseException) -> bool:
    """``unittest.SkipTest`` or pytest's skip outcome: the test did not run, it is no check."""
    return isinstance(e, unittest.SkipTest) or (type(e).__name__ == "Skipped" and "pytest" in type(e).__module__)


class Verdict:
    """The checks of one test run: every executed ``assert`` statement and ``unittest`` assertion counts
    once, passed or failed, and so does a collected test that raises; the first failures are described. A
    failure cannot be taken back: in all-or-nothing mode it decides (``_StopTests`` unwinds the tests, and
    if they swallow it the count still stands)."""

    current: Verdict | None = None  # the run's, for the unittest assertions (count_unittest_assertions)

    def __init__(self, fraction: bool, max_failures: int) -> None:
        self.fraction, self.max_failures = fraction, max_failures
        self.passed = self.total = 0
        self.failures: list[str] = []
        self.completed = False
        self.ran: set[str] = set()  # collected tests that ran (so that the collector runs each once)
        self.counted: list[BaseException] = []  # exceptions already counted as a failure
        self.depth = 0  # unittest assertions in progress (one that calls another is one check)

    def ok(self) -> None:
        self.passed += 1
        self.total += 1

    def fail(self, where: str, e: BaseException | None) -> None:
        self.total += 1
        if e is not None:
            self.counted.append(e)
        if len(self.failures) < self.max_failures:
            why = "" if e is None else f"{type(e).__name__}: {_short(e)}"
            self.failures.append(f"{where}: {why}".strip())
        if not self.fraction:
            raise _StopTests

    def was_counted(self, e: BaseException) -> bool:
        return any(x is e for x in self.counted)

    # the hooks of :func:`mark_items`
    def enter(self, name: str) -> None:
        self.ran.add(name)

    def raised(self, name: str, e: BaseException) -> None:
        if not isinstance(e, (SolutionDied, _StopTests)) and not _is_skip(e) and not self.was_counted(e):
            self.fail(name, e)

    def report(self) -> dict:
        return {"passed": self.passed, "total": self.total, "completed": self.completed, "failures": self.failures}


def _counted_assertion(method: Callable) -> Callable:
    """``method`` (a ``unittest.TestCase`` assertion) counting as one check of the current run: passed when
    it returns, failed when it raises (the outermost one only: ``assertEqual`` calls ``assertListEqual``)."""

    def assertion(self: object, *args: object, **kwargs: object) -> object:
        verdict = Verdict.current
        if verdict is None or verdict.depth:
            return method(self, *args, **kwargs)
        verdict.depth += 1
        try:
            result = method(self, *args, **kwargs)
        except BaseException as e:
            verdict.depth -= 1
            if not isinstance(e, (SolutionDied, _StopTests)) and not _is_skip(e):
                verdict.fail(str(self), e)
            raise
        verdict.depth -= 1
        verdict.ok()
        return result

    assertion._rlvr_counted = True  # type: ignore[attr-defined]
    return assertion


def count_unittest_assertions() -> None:
    """Once per trusted process: every ``unittest.TestCase.assert*`` / ``fail*`` method counts as a check
    (:func:`_counted_assertion`), and every error or failure any ``unittest`` result records (in
    ``setUp``, in a subtest, under the tests' own ``unittest.main()``) counts as a failed one."""
    for name, method in list(vars(unittest.TestCase).items()):
        if (
            name.startswith(("assert", "fail"))
            and type(method) is types.FunctionType
            and not hasattr(method, "_rlvr_counted")
        ):
            setattr(unittest.TestCase, name, _counted_assertion(method))
    result = unittest.TestResult
    if hasattr(result.addError, "_rlvr_counted"):
        return

    def reported(method: Callable, err_at: int) -> Callable:
        def add(self: object, test: object, *args: object) -> object:
            verdict, err = Verdict.current, args[err_at] if len(args) > err_at else None
            if verdict is not None and err is not None:
                e = err[1]  # type: ignore[index]
                if not isinstance(e, (SolutionDied, _StopTests)) and not _is_skip(e) and not verdict.was_counted(e):
                    verdict.counted.append(e)
                    verdict.fail(str(test), e)
            return method(self, test, *args)

        add._rlvr_counted = True  # type: ignore[attr-defined]
        return add

    result.addError, result.addFailure = reported(result.addError, 0), reported(result.addFailure, 0)
    result.addSubTest = reported(result.addSubTest, 1)  # (test, subtest, err)
    unexpected = result.addUnexpectedSuccess

    def add_unexpected_success(self: object, test: object) -> object:
        if Verdict.current is not None:
            Verdict.current.fail(f"{test}: unexpected success", None)
        return unexpected(self, test)

    result.addUnexpectedSuccess = add_unexpected_success
    start = result.startTest

    def start_test(self: object, test: object) -> object:  # a test unittest ran is not run again
        if Verdict.current is not None:
            Verdict.current.ran.add(f"{type(test).__name__}.{getattr(test, '_testMethodName', '')}")
        return start(self, test)

    result.startTest = start_test


def _param_sets(fn: Callable) -> list[tuple[str, dict]]:
    """(id, keyword arguments) of each call pytest would make of ``fn``: one per combination of its
    ``parametrize`` marks; none when a ``skip`` mark (or a true ``skipif``) applies."""
    sets = [("", {})]
    for mark in getattr(fn, "pytestmark", []):
        name, args = getattr(mark, "name", ""), tuple(getattr(mark, "args", ()))
        if name == "skip" or (name == "skipif" and args and args[0]):
            return []
        if name != "parametrize" or len(args) < 2:
            continue
        names = [a.strip() for a in args[0].split(",")] if isinstance(args[0], str) else list(args[0])
        grown = []
        for i, value in enumerate(args[1]):
            values = getattr(value, "values", None)  # pytest.param(...)
            if values is None:
                values = (value,) if len(names) == 1 else tuple(value)
            for ident, kwargs in sets:
                grown.append((f"{ident}-{i}" if ident else str(i), {**kwargs, **dict(zip(names, values))}))
        sets = grown
    return [(f"[{ident}]" if ident else "", kwargs) for ident, kwargs in sets]


def _check_fixtures(fn: Callable, kwargs: dict) -> None:
    """pytest would fail a test whose parameters are neither parametrized nor defaulted: no fixtures here."""
    import inspect

    for p in inspect.signature(fn).parameters.values():
        if p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name not in kwargs:
            raise TypeError(f"fixture {p.name!r} is not available")


def _call_test(verdict: Verdict, where: str, call: Callable[[], object]) -> None:
    """Run one collected test as pytest would; a failure outside its own checks counts once."""
    import inspect

    try:
        result = call()
        if inspect.isgenerator(result) or inspect.iscoroutine(result):
            result.close()
            raise TypeError("a test must not be a generator or a coroutine")
    except (SolutionDied, _StopTests):
        raise
    except BaseException as e:
        if not _is_skip(e) and not verdict.was_counted(e):
            verdict.fail(where, e)


def _test_function(fn: Callable, kwargs: dict) -> object:
    _check_fixtures(fn, kwargs)
    return fn(**kwargs)


def _test_method(cls: type, name: str, kwargs: dict) -> object:
    """One test method on a fresh instance, between its ``setup_method`` and ``teardown_method``."""
    inst = cls()
    method = getattr(inst, name)
    _check_fixtures(method, kwargs)
    if hasattr(inst, "setup_method"):
        inst.setup_method(method)  # type: ignore[attr-defined]
    try:
        return method(**kwargs)
    finally:
        if hasattr(inst, "teardown_method"):
            inst.teardown_method(method)  # type: ignore[attr-defined]


def run_collected(env: dict, defined: list[str], verdict: Verdict) -> None:
    """What pytest would collect among the tests' own definitions (``defined``, in source order) and has
    not run yet: functions ``test*``; methods ``test*`` of classes ``Test*`` without ``__init__`` (a
    fresh instance each); ``unittest.TestCase`` subclasses (run by ``unittest``, every error and failure
    counted)."""
    for name in defined:
        obj = env.get(name)
        if isinstance(obj, types.FunctionType) and name.startswith("test") and obj.__code__.co_filename == TESTS_FILE:
            if name not in verdict.ran:
                for ident, kwargs in _param_sets(obj):
                    _call_test(verdict, name + ident, lambda obj=obj, kwargs=kwargs: _test_function(obj, kwargs))
        elif isinstance(obj, type) and issubclass(obj, unittest.TestCase):
            names = [n for n in unittest.TestLoader().getTestCaseNames(obj) if f"{name}.{n}" not in verdict.ran]
            unittest.TestSuite([obj(n) for n in names]).run(unittest.TestResult())
        elif isinstance(obj, type) and name.startswith("Test") and obj.__init__ is object.__init__:
            methods: list[str] = []
            for klass in reversed(obj.__mro__[:-1]):
                methods += [
                    m for m, f in vars(klass).items() if m.startswith("test") and callable(f) and m not in methods
                ]
            for m in methods:
                if f"{name}.{m}" not in verdict.ran:
                    for ident, kwargs in _param_sets(getattr(obj, m)):
                        call = lambda obj=obj, m=m, kwargs=kwargs: _test_method(obj, m, kwargs)  # noqa: E731
                        _call_test(verdict, f"{name}.{m}{ident}", call)


class _AsMain:
    """While the tests run: their module is ``__main__`` (``unittest.main()`` finds it), ``sys.argv`` is
    that of ``python tests.py``, what they print goes nowhere, and ``unittest`` assertions count for
    ``verdict``."""

    def __init__(self, module: types.ModuleType, verdict: Verdict) -> None:
        self.module, self.verdict = module, verdict

    def __enter__(self) -> None:
        self.saved = sys.modules.get("__main__"), sys.argv, sys.stdout, sys.stderr
        sys.modules["__main__"] = self.module
        sys.argv = [TESTS_FILE]
        self.null = sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        Verdict.current = self.verdict

    def __exit__(self, *exc: object) -> None:
        Verdict.current = None
        main, sys.argv, sys.stdout, sys.stderr = self.saved
        self.null.close()
        if main is not None:
            sys.modules["__main__"] = main


def compile_tests(source: str) -> tuple[types.CodeType, list[str], list[str]]:
    """The instrumented code of a tests' source (:func:`mark_items`, :func:`count_asserts`), the names
    it reads without binding them (:func:`_free_names`) and the functions and classes it defines at
    module level, in order (what a collector looks at)."""
    tree = ast.parse(source, TESTS_FILE)
    free = _free_names(tree)
    defined = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    mark_items(tree)
    tree.body = count_asserts(tree.body)
    return compile(tree, TESTS_FILE, "exec"), free, list(dict.fromkeys(defined))


def run_call_cases(spec: dict, rpc: _Rpc, verdict: Verdict) -> None:
    """Call mode: ``fn_name`` on each input; value and exact type compared here."""
    fn = rpc.resolve(spec["fn_name"])
    tol = float(spec.get("float_tol", 0.0))
    for i, (args, want) in enumerate(zip(spec["inputs"], spec["outputs"])):
        try:
            got = fn(*args)
        except (SolutionDied, _StopTests):
            raise
        except BaseException as e:
            verdict.fail(f"case {i}", e)
            continue
        if _same(got, want, tol) or (type(want) is list and len(want) == 1 and _same(got, want[0], tol)):
            verdict.ok()  # (APPS wraps a return value in a one-element list)
        else:
            verdict.fail(f"case {i}", AssertionError(f"got {_short(got)}, expected {_short(want)}"))


def run_tests_file(spec: dict, rpc: _Rpc, verdict: Verdict, compiled: dict | None) -> bool:
    """Assert mode, with the semantics of ``python solution_plus_tests.py`` followed by ``pytest``: the
    tests run as ``__main__``; the names they read and do not define are the solution's module globals
    (only those: never a builtin, never a dunder); a declared entry point is ``__entry_point__`` (HumanEval's
    ``check(__entry_point__)``: every other name keeps its meaning, a builtin of the entry point's name
    stays the builtin), or, in tests that do not use ``__entry_point__``, its own name (as in the
    concatenated file, even over a builtin); ``sys.exit(0)``
    ends them as it would end the file; then every collected test that has not run is called. Returns
    whether they ran to their end (another exit status does not)."""
    key = spec["tests"]
    if compiled is not None and key in compiled:
        code, free, defined = compiled[key]
    else:
        code, free, defined = compile_tests(key)
        if compiled is not None:
            if len(compiled) >= 256:
                compiled.clear()
            compiled[key] = (code, free, defined)
    module = types.ModuleType("__main__")
    env = module.__dict__
    env.update(__file__=TESTS_FILE, __builtins__=builtins)
    env.update(rpc.lookup([n for n in free if not n.startswith("__") and not hasattr(builtins, n)]))
    entry = spec.get("entry_point") or ""
    if entry:
        env[ENTRY_POINT] = rpc.resolve(entry)
        if entry in free and ENTRY_POINT not in free:  # (when they get it as __entry_point__, never)
            env[entry] = env[ENTRY_POINT]
    env.update(
        __rlvr_died__=(SolutionDied, _StopTests),
        __rlvr_pass__=verdict.ok,
        __rlvr_fail__=lambda line, e: verdict.fail(f"line {line}", e),
        __rlvr_prefetch__=lambda *calls: prefetch_calls(rpc, calls),
        __rlvr_enter__=verdict.enter,
        __rlvr_raised__=verdict.raised,
    )
    with _AsMain(module, verdict):
        try:
            exec(code, env)
        except SystemExit as e:
            if e.code is not None and e.code != 0:
                verdict.failures.append(f"tests exited with status {_short(e.code)}")
                return False
        run_collected(env, defined, verdict)
    return True


def tests_child(spec: dict, rpc: _Rpc, compiled: dict | None = None) -> dict:
    """Run the trusted tests; return the counts (the caller adds the nonce). ``compiled`` caches the
    instrumented code of test sources already seen (G completions of one prompt share their tests)."""
    verdict = Verdict(bool(spec.get("fraction")), int(spec.get("max_failures_reported", 3)))
    try:
        if spec["mode"] == "call":
            run_call_cases(spec, rpc, verdict)
            verdict.completed = True
        else:
            verdict.completed = run_tests_file(spec, rpc, verdict, compiled)
    except _StopTests:
        pass
    except SolutionDied as e:
        verdict.failures.append(f"solution: {e}")
    except BaseException as e:
        verdict.failures.append(f"tests raised {type(e).__name__}: {_short(e)}")
    if rpc.dead and verdict.completed:  # the tests swallowed its death: they cannot have passed
        verdict.completed = False
        verdict.failures.append(f"solution: {rpc.dead}")
    return verdict.report()


def trusted_main(ctl_fd: int, report_fd: int) -> None:
    """The long-lived trusted test process. Per job: a control message (job id, secret length) with the
    socket to that job's solution process attached; the secret half is read from fd 0 (the worker's
    stdin, which the worker does not read meanwhile); the report goes straight to the host on
    ``report_fd`` (the worker's stdout), then ``done`` on the control socket. Neither the tests nor the
    failure messages (which may quote expected values) ever pass through the worker, whose memory every
    later solution process inherits."""
    ctl = socket.socket(fileno=ctl_fd)
    compiled: dict = {}
    count_unittest_assertions()
    while True:
        msg, fds, _, _ = socket.recv_fds(ctl, 1 << 16, 1)
        if not msg:
            os._exit(0)
        job = json.loads(msg)
        secret = json.loads(read_exact(0, int(job["t_bytes"])))
        if secret.get("id") != job["id"] or len(fds) != 1:
            os._exit(3)
        state: dict
        try:
            state = tests_child(secret, _Rpc(fds[0], fds[0]), compiled)
        except BaseException as e:
            state = {"passed": 0, "total": 0, "completed": False, "failures": [f"harness: {e!r}"[:300]]}
        os.close(fds[0])
        state.update(nonce=secret["nonce"], id=job["id"])
        data = json.dumps({"report": state}).encode()
        if len(data) > RESULT_CAP:
            state["failures"] = [f[:200] for f in state["failures"][:1]]
            data = json.dumps({"report": state}).encode()
        write_all(report_fd, data + b"\n")
        ctl.sendall(b"done\n")
        del secret, state, msg, data


# ---------------------------------------------------------------------------------------- the zygote
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
            return spawn(b"rlvr-ready", targets, body, uid=uid, own_group=_Prepared.own_group)
        _check(_libc.unshare(CLONE_NEWPID), "unshare(pid)")  # the next child: PID 1 of a new namespace
        try:
            return spawn(b"rlvr-ready", targets, body, uid=uid, namespaces=True)
        finally:
            _check(_libc.setns(own_pid_ns, CLONE_NEWPID), "setns(pid)")  # (so that the next unshare works)

    if own_pid_ns >= 0:  # probe: can a child have namespaces of its own here, and can we come back?
        try:
            _check(_libc.setns(own_pid_ns, CLONE_NEWPID), "setns(pid)")
            _, status = os.waitpid(fork_run({2: 1}, lambda: None), 0)  # (its error, if any, to /dev/null)
        except OSError:
            status = 1
        if status != 0:
            os.close(own_pid_ns)
            own_pid_ns = -1
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


# ------------------------------------------------------------------------------------- the run's cgroup
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


# ---------------------------------------------------------------------------------------- the worker
class _Drain:
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


class _Run:
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
        self.drains: dict[int, _Drain] = {}
        self.stdin_data = b""

    def close(self) -> None:
        for fd in (self.out, self.err, self.stdin, self.job):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.out = self.err = self.stdin = self.job = -1
        self.t_sock.close()


class Worker:
    """The namespace's init, and the run's supervisor. At start it forks the long-lived trusted test
    process and the zygote; per job it prepares a run (a fresh tmpfs, a process forked by the zygote and
    moved into the run's cgroup), hands it the job, watches it (output, input, the trusted report, the
    wall clock and the CPU budget), kills it and answers."""

    def __init__(self, cfg: dict) -> None:
        prepare_setup(cfg)
        self.cfg = cfg
        self.uid_solution, self.uid_tests = cfg.get("uids") or (None, None)
        self.mounted = False
        self.can_mount = True
        self.cg = RunCgroup(cfg["cgroup"]) if cfg.get("cgroup") else None
        self.z_dead = False
        devnull = os.open("/dev/null", os.O_RDWR)
        self.ctl, ctl_t = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        tlim = limit_triples({**cfg["limits"], "cpu_s": 1 << 30}, cfg)  # long-lived: CPU bounded by the wall clock
        fds = {0: 0, 1: devnull, 2: 2, 3: ctl_t.fileno(), 4: 1}
        self.tpid = spawn(b"rlvr-tests", fds, lambda: trusted_main(3, 4), uid=self.uid_tests, limits=tlim)
        ctl_t.close()
        self.zsock, z_t = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        uid, namespaces = self.uid_solution, cfg["ns_init"] and cfg.get("run_namespaces", True)
        fds = {0: devnull, 1: devnull, 2: 2, 3: z_t.fileno()}
        self.zpid = spawn(b"rlvr-zygote", fds, lambda: zygote_main(3, uid, namespaces), confine=False)
        z_t.close()
        os.close(devnull)
        ready = self._zygote_says(STARTUP_S) or b""
        if not ready.startswith(b"ready "):
            raise RuntimeError(f"the zygote did not start: {ready!r}")
        self.run_namespaces = ready == b"ready 1"  # each run: PID 1 of its own PID namespace, its own /proc
        self.ctl_buf = b""
        self.next: _Run | None = None  # the prepared run
        self.live: _Run | None = None  # the run whose process the zygote has not reported the exit of

    # ------------------------------------------------------------------------------ workdir and processes
    def fresh_tmp(self, lim: dict) -> None:
        """A fresh, size- and inode-limited tmpfs on /tmp and /dev/shm (the only writable places); outside
        a namespace (trusted mode) a fresh directory instead."""
        if not self.cfg.get("mount", True):  # a container: its own fresh tmpfs, one job per container
            return
        if not self.cfg["isolated"]:
            import shutil
            import tempfile

            if self.cfg.get("workdir") and self.cfg["workdir"] != self.cfg["scratch"]:
                shutil.rmtree(self.cfg["workdir"], ignore_errors=True)
            self.cfg["workdir"] = tempfile.mkdtemp(prefix="run-", dir=self.cfg["scratch"])
            return
        if self.can_mount:
            uid = self.uid_solution if self.uid_solution is not None else os.getuid()
            gid = uid if self.uid_solution is not None else os.getgid()
            try:
                for path in (b"/tmp", b"/dev/shm"):
                    if self.mounted:
                        _check(_libc.umount2(path, MNT_DETACH), "umount")
                    opts = f"size={int(lim['disk_mb'])}m,nr_inodes={int(lim['inodes'])},mode=0700,uid={uid},gid={gid}"
                    _check(_libc.mount(b"tmpfs", path, b"tmpfs", MS_NOSUID | MS_NODEV, opts.encode()), "mount tmpfs")
                self.mounted = True
                return
            except OSError as e:
                if self.mounted:
                    raise
                self.can_mount = False  # e.g. some user-namespace setups: wipe bwrap's own tmpfs instead
                os.write(2, f"rlvr sandbox: no per-run tmpfs ({e}); wiping the worker's tmpfs between runs\n".encode())
        import shutil

        for root in ("/tmp", "/dev/shm"):
            for name in os.listdir(root):
                p = os.path.join(root, name)
                if os.path.isdir(p) and not os.path.islink(p):
                    os.chmod(p, 0o700)
                    for d, subdirs, _ in os.walk(p):  # a run may have made its directories unreadable
                        for sub in subdirs:
                            os.chmod(os.path.join(d, sub), 0o700, follow_symlinks=False)
                    shutil.rmtree(p)
                else:
                    os.unlink(p)

    def prepare(self, lim: dict) -> None:
        """Off the critical path, after answering a job: a fresh workdir and the next run's process, forked
        by the zygote, in the run's cgroup, waiting for its job."""
        self.fresh_tmp(lim)  # every run gets a fresh one
        if self.cg is not None:
            self.cg.limit(lim)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        in_r, in_w = os.pipe()
        job_r, job_w = os.pipe()
        u_sock, t_sock = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            socket.send_fds(self.zsock, [self.cfg["workdir"].encode()], [in_r, out_w, err_w, u_sock.fileno(), job_r])
            reply = self._zygote_says(STARTUP_S)
        finally:
            for fd in (out_w, err_w, in_r, job_r):
                os.close(fd)
            u_sock.close()
        if reply is None or not reply.startswith(b"pid "):
            for fd in (out_r, err_r, in_w, job_w):
                os.close(fd)
            t_sock.close()
            raise RuntimeError(f"the zygote did not fork a run: {reply!r}")
        key = (lim["disk_mb"], lim["inodes"], lim["memory_mb"], lim["nproc"])
        run = _Run(int(reply[4:]), {"out": out_r, "err": err_r, "in": in_w, "job": job_w}, t_sock, key)
        self.live = run
        if self.cg is not None:
            self.cg.enter(run.pid)
            run.cpu0 = self.cg.cpu_s()
        self.next = run

    def _zygote_says(self, timeout_s: float) -> bytes | None:
        """The zygote's next message, or None when it is gone or silent for ``timeout_s``."""
        if self.z_dead or not select.select([self.zsock], [], [], timeout_s)[0]:
            self.z_dead = True
            return None
        try:
            msg = self.zsock.recv(256)
        except OSError:
            msg = b""
        if not msg:
            self.z_dead = True
            return None
        return msg

    def _exited(self, msg: bytes | None) -> None:
        """Take the zygote's ``exit`` message about the live run (None: the zygote is gone)."""
        run, self.live = self.live, None
        if run is not None and msg is not None and msg.startswith(b"exit "):
            status, cpu = msg.split()[1:3]
            run.status, run.cpu = int(status), float(cpu)

    def kill_run(self) -> bool:
        """SIGKILL every process of the run (all but this one, the trusted process and the zygote), wait
        for the zygote to report the run's own process and reap the rest. Returns False when the trusted
        process or the zygote is gone. As the namespace's init we see every process in /proc and inherit
        every orphan; outside a namespace (trusted mode) the run's process group and cgroup are killed."""
        alive = True
        if os.getpid() == 1:
            keep = {1, self.tpid, self.zpid}
            deadline = time.monotonic() + GRACE_S
            while True:
                pids = [int(d) for d in os.listdir("/proc") if d.isdigit() and int(d) not in keep]
                if not pids:
                    break
                if time.monotonic() > deadline:  # e.g. a zombie the zygote does not reap: a fresh worker
                    alive = False
                    break
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                if self.live is not None:  # the zygote reaps it
                    self._exited(self._zygote_says(GRACE_S))
                reaped, ok = self._reap(pids)
                alive &= ok
                if not reaped:  # only grandchildren not yet handed to us: let their parents finish dying
                    time.sleep(0.0002)
            if self.live is not None:  # it had exited already: the zygote's report may still be on its way
                self._exited(self._zygote_says(GRACE_S))
        else:
            victims = [self.live.pid] if self.live is not None else []
            for _ in range(1000):
                victims += self.cg.pids() if self.cg is not None else []
                for pid in victims:
                    for kill in (os.killpg, os.kill):
                        try:
                            kill(pid, signal.SIGKILL)
                        except (ProcessLookupError, PermissionError):
                            pass
                if self.live is not None:
                    self._exited(self._zygote_says(GRACE_S))
                alive &= self._reap([])[1]
                if self.cg is None or not self.cg.pids():
                    break
                victims = []
                time.sleep(0.001)
        return alive and not self.z_dead and self._reap([])[1]

    def _reap(self, pids: list[int]) -> tuple[bool, bool]:
        """Wait for each of ``pids`` that is our child (killed: it dies at once), then collect any other
        exited child. Returns (whether any of ``pids`` was reaped, whether the trusted process and the
        zygote live)."""
        alive, reaped = True, False
        for pid in pids:
            try:
                os.waitpid(pid, 0)
                reaped = True
            except ChildProcessError:  # not ours (yet): a grandchild whose parent is still dying
                pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            reaped = True
            if pid in (self.tpid, self.zpid):
                alive = False
        return reaped, alive

    # ------------------------------------------------------------------------------------------ one job
    def run(self, job: dict) -> dict:
        """Run one job: prepare (if the prepared run does not fit its limits), start, watch, kill, answer."""
        lim = job["limits"]
        t_prepare = time.monotonic()
        if self.next is None or self.next.key != (lim["disk_mb"], lim["inodes"], lim["memory_mb"], lim["nproc"]):
            if self.next is not None:
                self.next.close()
                self.next = None
            self.kill_run()  # a prepared run for other limits
            self.prepare(lim)
        run, self.next = self.next, None
        assert run is not None
        t0 = time.monotonic()
        judging = job["kind"] == "judge"
        self.start(run, job, judging)
        status = self.watch(run, lim, judging, t0)
        t1 = time.monotonic()
        t_alive = self.kill_run()
        if judging and run.report is None and not run.t_dead and t_alive:
            self.await_report(run)
        for drain in run.drains.values():  # what is still buffered in the pipes
            while drain.read():
                pass
        run.close()
        res = self.answer(job, run, status, judging)
        res["duration_s"] = time.monotonic() - t0
        res["phases"] = {"mount_s": t0 - t_prepare, "run_s": t1 - t0, "cleanup_s": time.monotonic() - t1}
        if not t_alive or run.t_dead:
            res["recycle"] = True  # the trusted process or the zygote is gone (or stuck): a fresh worker takes over
        return res

    def start(self, run: _Run, job: dict, judging: bool) -> None:
        """Give the prepared run its job (its code and rlimits); when judging, give the trusted process
        the socket to it (the trusted process reads the secret half of the job itself)."""
        code = job["solution" if judging else "program"]
        try:
            write_all(run.job, job_message(job["kind"], limit_triples(job["limits"], self.cfg), code))
        except OSError:
            pass  # the process is gone: reported as its exit status
        os.close(run.job)
        run.job = -1
        if judging:
            ctl_msg = json.dumps({"id": job["id"], "t_bytes": job["t_bytes"]}).encode()
            socket.send_fds(self.ctl, [ctl_msg], [run.t_sock.fileno()])
        cap = int(job["limits"]["output_bytes"])
        run.drains = {run.out: _Drain(run.out, cap), run.err: _Drain(run.err, cap)}
        for fd in run.drains:
            os.set_blocking(fd, False)
        if job.get("stdin"):
            run.stdin_data = job["stdin"].encode()
            os.set_blocking(run.stdin, False)
        else:
            os.close(run.stdin)
            run.stdin = -1

    def watch(self, run: _Run, lim: dict, judging: bool, t0: float) -> str | None:
        """Until the run ends (judging: the trusted report; else its process's exit): drain its output,
        feed its input, and stop it at the wall clock or when its processes together used its CPU
        budget. Returns ``timeout`` or None."""
        stdin = memoryview(run.stdin_data)
        deadline = t0 + float(lim["wall_s"])
        budget = float(lim["cpu_s"])
        # all the run's processes can use at most cg.cpus CPUs at once: the budget cannot run out earlier
        check_at = t0 + budget / self.cg.cpus if self.cg is not None and self.cg.usage else math.inf
        poller = select.poll()
        for fd in run.drains:
            poller.register(fd, select.POLLIN)
        if run.stdin >= 0:
            poller.register(run.stdin, select.POLLOUT)
        ctl_fd, z_fd = self.ctl.fileno(), self.zsock.fileno()
        if judging:
            poller.register(ctl_fd, select.POLLIN)
        poller.register(z_fd, select.POLLIN)
        while True:
            if (judging and (run.report is not None or run.t_dead)) or (not judging and run.exited):
                return None
            now = time.monotonic()
            if now >= deadline:
                return "timeout"
            if now >= check_at:
                used = self.cg.cpu_s() - run.cpu0  # type: ignore[union-attr]
                if used >= budget:
                    return "timeout"
                check_at = now + (budget - used) / self.cg.cpus  # type: ignore[union-attr]
            for fd, _ev in poller.poll(max(0.0, min(deadline, check_at) - now) * 1000):
                if fd == z_fd:
                    poller.unregister(fd)
                    self._exited(self._zygote_says(0))
                    run.exited = True
                elif fd == ctl_fd:
                    run.report, run.t_dead = self._read_report()
                    if run.t_dead:
                        poller.unregister(fd)
                elif fd == run.stdin:
                    try:
                        stdin = stdin[os.write(run.stdin, stdin[:65536]) :]
                    except BlockingIOError:
                        continue
                    except OSError:
                        stdin = stdin[:0]
                    if not stdin:
                        poller.unregister(fd)
                        os.close(run.stdin)
                        run.stdin = -1
                elif not run.drains[fd].read():
                    poller.unregister(fd)

    def await_report(self, run: _Run) -> None:
        """The run timed out while judging: its solution is gone, so the trusted process reports at once,
        unless its own tests are stuck (then it is replaced with the whole worker)."""
        end = time.monotonic() + 1.0
        ctl_fd = self.ctl.fileno()
        while run.report is None and not run.t_dead and time.monotonic() < end:
            if select.select([ctl_fd], [], [], max(0.0, end - time.monotonic()))[0]:
                run.report, run.t_dead = self._read_report()
        run.t_dead = run.t_dead or run.report is None

    def answer(self, job: dict, run: _Run, status: str | None, judging: bool) -> dict:
        """The job's answer to the host (judging: the trusted process reported to it directly)."""
        lim = job["limits"]
        st = run.status
        if (
            status is None
            and st is not None
            and os.WIFSIGNALED(st)
            and os.WTERMSIG(st) in (signal.SIGKILL, signal.SIGXCPU)
            and run.cpu >= 0.95 * float(lim["cpu_s"])
        ):
            status = "timeout"  # killed by RLIMIT_CPU just before the wall clock ran out: the same verdict
        if st is None:
            rc = -signal.SIGKILL
        elif os.WIFSIGNALED(st):
            rc = -os.WTERMSIG(st)
        else:
            rc = os.WEXITSTATUS(st)
        out, err = run.drains.values()  # (stdout's, stderr's)
        res = {
            "id": job["id"],
            "status": status or ("ok" if rc == 0 else "runtime_error"),
            "returncode": rc,
            "stdout": out.text(),
            "stderr": err.text(),
            "stdout_truncated": out.truncated,
            "stderr_truncated": err.truncated,
        }
        if judging:
            res["reported"] = run.report == "done"
            if status is None:
                res["status"] = "ok"
                res["returncode"] = rc if run.exited else None
        return res

    def _read_report(self) -> tuple[str | None, bool]:
        """One newline-terminated report from the trusted process: (report or None, process gone)."""
        try:
            chunk = self.ctl.recv(READ_CHUNK)
        except OSError:
            return None, True
        if not chunk:
            return None, True
        self.ctl_buf += chunk
        if len(self.ctl_buf) > RESULT_CAP + 2:
            return None, True
        if b"\n" not in self.ctl_buf:
            return None, False
        line, self.ctl_buf = self.ctl_buf.split(b"\n", 1)
        return line.decode("utf-8", "replace"), False

    def shutdown(self) -> None:
        """Stop the prepared run, the trusted process and the zygote, reaping all (their CPU time is then
        accounted to the host's children, as for any finished process)."""
        if self.next is not None:
            self.next.close()
        self.kill_run()
        self.ctl.close()  # the trusted process sees EOF and exits
        self.zsock.close()  # and the zygote
        for pid in (self.tpid, self.zpid):
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass

    def serve(self) -> None:
        while True:
            job = read_frame(0)
            if job is None:
                self.shutdown()
                return
            try:
                res = self.run(job)
            except Exception as e:  # report, then let the host replace us
                res = {"id": job.get("id"), "status": "sandbox_error", "error": f"{type(e).__name__}: {e}"}
                res["recycle"] = True
                self.kill_run()
            write_all(1, json.dumps(res).encode() + b"\n")
            if res.get("recycle"):
                return
            try:
                self.prepare(job["limits"])
            except Exception as e:  # the next job prepares again, or reports the failure
                os.write(2, f"rlvr sandbox: could not prepare a run: {e}\n".encode())
                self.next = None


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as namespace init, undelivered from inside
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # no /proc/1/mem, /proc/1/fd for the children
    cfg = read_frame(0)
    if cfg is None:
        return
    cfg["bpf"] = base64.b64decode(cfg.get("bpf") or "")
    cfg["ns_init"] = os.getpid() == 1
    _set_name(b"rlvr-worker")
    stdio_for_runs()
    for name in cfg.get("preimport", []):
        try:
            __import__(name)
        except ImportError:
            pass
    atexit._clear()  # the worker's own (e.g. from .pth files): a run runs only those it registers itself
    gc.freeze()  # forked runs share these objects: their collector never walks (and copies) the pages
    worker = Worker(cfg)
    hello = {"ready": True, "pid": os.getpid(), "uid": os.getuid(), "run_namespaces": worker.run_namespaces}
    write_all(1, json.dumps(hello).encode() + b"\n")
    worker.serve()


if __name__ == "__main__":
    main()
