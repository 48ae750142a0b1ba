"""The sandbox worker: runs inside bubblewrap as PID 1 of its own PID namespace. Standard library only.

It is started as ``python -I -c <this file's source>`` (the project checkout is not mounted in the
sandbox) and speaks to the host over its stdin/stdout: frames in (``<length>\\n<json>``), JSON lines out.
After answering a job it mounts a fresh tmpfs on /tmp and /dev/shm and forks the next run's process, which
drops privileges and installs the seccomp filter, then waits; when the job arrives it applies the job's
rlimits and runs the program in-process (no new interpreter: milliseconds). When the run ends or its wall
limit fires, the worker SIGKILLs every process of the run (it sees the whole namespace and inherits every
orphan: daemons and grandchildren too) and reaps them.

Judging uses two processes that cannot touch each other: the run's *solution* process (untrusted: executes
the completion, then serves calls) and the worker's long-lived *trusted* test process (another uid; runs
the tests with the solution's names replaced by proxies; arguments and results cross as type-tagged JSON).
Only the trusted process ever reads the tests, the expected outputs and the run's nonce: it reads them from
the worker's stdin itself and reports straight to the host on the worker's stdout, so they never exist in
memory a solution process is forked from. The nonce proves the report came from a test run that reached its
end.
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

PR_SET_PDEATHSIG = 1
PR_SET_NAME = 15
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_MODE_FILTER = 2
MS_NOSUID, MS_NODEV = 2, 4
MNT_DETACH = 2
MAX_MESSAGE = 64 << 20  # bytes of one RPC message between the two judge processes
PREFETCH_BYTES = 32 << 10  # bytes of requests the trusted process sends ahead in one write
RESULT_CAP = 1 << 20  # bytes of the trusted process's report
FRAME_HEADER = 20  # bytes of a frame's header: 19 digits and a newline
READ_CHUNK = 1 << 16  # bytes asked of one read of a stream (1 MiB asked cost an mmap + munmap per message)

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


def prepare_setup(cfg: dict) -> None:
    """Build the seccomp program and the empty capability sets once (see :class:`_Prepared`); set
    ``no_new_privs`` on the worker itself, so that every process it forks inherits it (it cannot be
    unset) and the children need no call of their own for it."""
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


def _setup_child(staged: list[tuple[int, int]], gaps: list[tuple[int, int]], pdeath: bool, uid: int | None,
                 limits: list[tuple[int, int, int]]) -> None:  # fmt: skip
    """In a fresh fork: install the ``staged`` descriptors (:func:`stage_fds`), close the ``gaps``
    (:func:`close_gaps`), drop privileges, apply ``limits`` (:func:`limit_triples`; a prepared run applies
    its own once the job is known) and seccomp. After this the process can hurt nothing but itself.
    ``no_new_privs`` is inherited from the worker (:func:`prepare_setup`). Everything was computed in the
    parent: each Python object touched here costs the child a copy-on-write page fault."""
    for target, source in staged:
        os.dup2(source, target)
    for lo, hi in gaps:
        os.closerange(lo, hi)
    if pdeath:  # (a namespace's processes all die with its init; elsewhere ask for it)
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
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


_NAMES = {n: ctypes.create_string_buffer(n) for n in (b"rlvr-worker", b"rlvr-tests", b"rlvr-ready", b"rlvr-run")}


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
    defined = True
    try:
        exec(compile(src, "solution.py", "exec"), env)
    except BaseException:  # SystemExit included: the names it did not define stay undefined
        traceback.print_exc()
        defined = False
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
            if op == "lookup":
                names = {}
                for n in req["names"]:
                    if defined or n in env:
                        if n in env and not n.startswith("__"):
                            names[n] = encode(env[n], ref)
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
class SolutionDied(BaseException):
    """The solution process went away or broke the protocol: no later test can pass."""


class _StopTests(BaseException):
    """All-or-nothing mode: the first failure decides."""


class SolutionError(Exception):
    """The solution raised an exception that is not a built-in exception type."""


class _Rpc:
    """The trusted side of the solution's socket: one request, one answer, in order. Requests known in
    advance (:meth:`prefetch`) are sent together; each is then answered when the tests make it."""

    def __init__(self, rfd: int, wfd: int) -> None:
        self.rfd, self.wfd, self.buf = rfd, wfd, b""
        self.pending: collections.deque[bytes] = collections.deque()  # sent ahead, not yet made by the tests

    def prefetch(self, requests: list[dict]) -> None:
        """Send ``requests`` now, in one write, as a prefix of the requests the tests are about to make
        (:func:`prefetch_calls`). The solution answers them one by one, in order, as if they came one at a
        time; :meth:`request` then only reads each answer. At most ``PREFETCH_BYTES``, and only when nothing
        is outstanding: the write then fits the empty socket buffer, so that it cannot block while the
        solution blocks on writing answers nobody reads yet."""
        if self.pending:
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

    def request(self, msg: dict) -> dict:
        try:
            line = json.dumps(msg).encode() + b"\n"
            if not self.pending:
                write_all(self.wfd, line)
            elif self.pending.popleft() != line:  # cannot happen: prefetch_calls sends only what will come
                raise SolutionDied("harness: the tests did not make a prefetched request")
            while b"\n" not in self.buf:
                chunk = os.read(self.rfd, READ_CHUNK)
                if not chunk:
                    raise SolutionDied("the solution process exited")
                self.buf += chunk
                if len(self.buf) > MAX_MESSAGE:
                    raise SolutionDied("the solution sent an oversized message")
            line, self.buf = self.buf.split(b"\n", 1)
            resp = json.loads(line)
        except SolutionDied:
            raise
        except (OSError, ValueError) as e:
            raise SolutionDied(f"solution protocol broken: {type(e).__name__}") from None
        if not isinstance(resp, dict):
            raise SolutionDied("solution protocol broken: not an object")
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
        except (TypeError, ValueError, KeyError, IndexError, OverflowError) as e:
            raise SolutionDied(f"solution protocol broken: {e}") from None

    def enc(self, x: object) -> list:
        return encode(x, lambda r: r._rid if isinstance(r, RemoteRef) else _unsendable(r))


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
    """A non-data object living in the solution process. It has no truth value and equals only itself:
    an object whose ``__eq__`` always returns True cannot cross."""

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

    def _dunder(self, name: str, *args: object) -> object:
        rpc = self._rpc
        msg = {"op": "dunder", "ref": self._rid, "name": name, "args": [rpc.enc(a) for a in args]}
        return rpc.value(rpc.request(msg).get("ok"))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._rpc.value(self._rpc.request({"op": "iter", "ref": self._rid}).get("ok")))  # type: ignore[call-overload]

    def __len__(self) -> int:
        try:
            n = self._dunder("__len__")
        except AttributeError:
            raise TypeError("solution object has no len()") from None
        if type(n) is not int:
            raise TypeError("__len__ of a solution object returned a non-int")
        return n

    def __getitem__(self, key: object) -> object:
        return self._dunder("__getitem__", key)

    def __contains__(self, key: object) -> bool:
        r = self._dunder("__contains__", key)
        if type(r) is not bool:
            raise TypeError("__contains__ of a solution object returned a non-bool")
        return r

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


def _free_names(tree: ast.AST) -> list[str]:
    """Names the tests read but never bind at module level, and that are not builtins."""
    loads, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loads if isinstance(node.ctx, ast.Load) else bound).add(node.id)
    for node in tree.body:  # type: ignore[attr-defined]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return sorted(n for n in loads - bound if not hasattr(builtins, n))


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


def tests_child(spec: dict, rpc: _Rpc, compiled: dict | None = None) -> dict:
    """Run the trusted tests; return the counts (the caller adds the nonce). ``compiled`` caches the
    instrumented code of test sources already seen (G completions of one prompt share their tests)."""
    state = {"passed": 0, "total": 0, "completed": False, "failures": []}
    max_fail = int(spec.get("max_failures_reported", 3))
    fraction = bool(spec.get("fraction"))

    def fail(where: str, e: BaseException | None) -> None:
        state["total"] += 1
        if len(state["failures"]) < max_fail:
            why = "" if e is None else f"{type(e).__name__}: {_short(e)}"
            state["failures"].append(f"{where}: {why}".strip())
        if not fraction:
            raise _StopTests

    try:
        if spec["mode"] == "call":
            got = rpc.request({"op": "resolve", "name": spec["fn_name"]}).get("ok")
            fn = rpc.value(got) if got is not None else None
            if not isinstance(fn, RemoteRef):
                raise NameError(f"the solution does not define a callable {spec['fn_name']!r}")
            tol = float(spec.get("float_tol", 0.0))
            for i, (args, want) in enumerate(zip(spec["inputs"], spec["outputs"])):
                try:
                    got = fn(*args)
                except (SolutionDied, _StopTests):
                    raise
                except BaseException as e:
                    fail(f"case {i}", e)
                    continue
                if _same(got, want, tol) or (type(want) is list and len(want) == 1 and _same(got, want[0], tol)):
                    # (APPS wraps a return value in a one-element list)
                    state["passed"] += 1
                    state["total"] += 1
                else:
                    fail(f"case {i}", AssertionError(f"got {_short(got)}, expected {_short(want)}"))
        else:
            key = spec["tests"]
            if compiled is not None and key in compiled:
                code, free = compiled[key]
            else:
                tree = ast.parse(key, "tests.py")
                free = _free_names(tree)
                tree.body = count_asserts(tree.body)
                code = compile(tree, "tests.py", "exec")
                if compiled is not None:
                    if len(compiled) >= 256:
                        compiled.clear()
                    compiled[key] = (code, free)
            env: dict = {"__name__": "__rlvr_tests__", "__builtins__": builtins}
            found = rpc.request({"op": "lookup", "names": free})["ok"]
            if not isinstance(found, dict):
                raise SolutionDied("solution protocol broken: lookup")
            for name, v in found.items():
                env[str(name)] = rpc.value(v)

            def ok() -> None:
                state["passed"] += 1
                state["total"] += 1

            env.update(__rlvr_died__=(SolutionDied, _StopTests), __rlvr_pass__=ok)
            env["__rlvr_prefetch__"] = lambda *calls: prefetch_calls(rpc, calls)
            env["__rlvr_fail__"] = lambda line, e: fail(f"line {line}", e)
            exec(code, env)
            if state["total"] == 0:  # tests without asserts: running to the end is the one test
                state["passed"] = state["total"] = 1
        state["completed"] = True
    except _StopTests:
        pass
    except SolutionDied as e:
        state["failures"].append(f"solution: {e}")
    except BaseException as e:
        state["failures"].append(f"tests raised {type(e).__name__}: {_short(e)}")
    return state


def trusted_main(ctl_fd: int, report_fd: int) -> None:
    """The long-lived trusted test process. Per job: a control message (job id, secret length) with the
    socket to that job's solution process attached; the secret half is read from fd 0 (the worker's
    stdin, which the worker does not read meanwhile); the report goes straight to the host on
    ``report_fd`` (the worker's stdout), then ``done`` on the control socket. Neither the tests nor the
    failure messages (which may quote expected values) ever pass through the worker, whose memory every
    later solution process inherits."""
    ctl = socket.socket(fileno=ctl_fd)
    compiled: dict = {}
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


class Worker:
    """The namespace's init. Forks one long-lived trusted test process at start; per job, one child."""

    def __init__(self, cfg: dict) -> None:
        prepare_setup(cfg)
        self.cfg = cfg
        self.uid_solution, self.uid_tests = cfg.get("uids") or (None, None)
        self.mounted = False
        self.can_mount = True
        self.children: list[int] = []
        self.ctl, ctl_t = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        devnull = os.open("/dev/null", os.O_RDWR)
        tlim = limit_triples({**cfg["limits"], "cpu_s": 1 << 30}, cfg)  # long-lived: CPU bounded by the wall clock
        fds = {0: 0, 1: devnull, 2: 2, 3: ctl_t.fileno(), 4: 1}
        self.tpid = self.fork(b"rlvr-tests", fds, tlim, self.uid_tests, lambda: trusted_main(3, 4), setpgid=False)
        self.children.remove(self.tpid)
        ctl_t.close()
        os.close(devnull)
        self.ctl_buf = b""
        self.next: dict | None = None  # the prepared child of the next run
        self.mounted_for: tuple | None = None

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

    def kill_run(self) -> bool:
        """SIGKILL every process of the run (all but this one and the trusted process) and reap them.
        Returns False when the trusted process is gone. As the namespace's init we see every process in
        /proc and inherit every orphan; outside a namespace (trusted mode) only the children's process
        groups can be killed."""
        t_alive = True
        if os.getpid() == 1:
            keep = {1, self.tpid}
            for _ in range(100000):
                pids = [int(d) for d in os.listdir("/proc") if d.isdigit() and int(d) not in keep]
                if not pids:
                    break
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                reaped, alive = self._reap(pids)
                t_alive &= alive
                if not reaped:  # only grandchildren not yet handed to us: let their parents finish dying
                    time.sleep(0.0002)
        else:
            for pid in self.children:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            t_alive &= self._reap(self.children)[1]
        self.children = []
        return t_alive and self._reap([])[1]

    def _reap(self, pids: list[int]) -> tuple[bool, bool]:
        """Wait for each of ``pids`` that is our child (killed: it dies at once), then collect any other
        exited child. Returns (whether any of ``pids`` was reaped, whether the trusted process lives)."""
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
            if pid == self.tpid:
                alive = False
        return reaped, alive

    def fork(  # type: ignore[no-untyped-def]
        self, name: bytes, fds: dict[int, int], limits: list, uid: int | None, body, setpgid: bool = True
    ) -> int:
        """A child named ``name`` (one of ``_NAMES``) that installs ``fds`` (target -> source), drops
        privileges, applies ``limits`` (:func:`limit_triples`) and runs ``body``."""
        staged, gaps = stage_fds(fds), close_gaps(list(fds))
        pdeath, setpgid = not self.cfg["ns_init"], setpgid and not self.cfg["isolated"]
        try:
            pid = _fork()
        except BaseException:
            for _, fd in staged:
                os.close(fd)
            raise
        if pid == 0:
            try:
                _set_name(name)  # before the uid changes: a process of a sandbox uid always has its name
                _setup_child(staged, gaps, pdeath, uid, limits)
                if setpgid:
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
        self.children.append(pid)
        return pid

    def prepare(self, lim: dict) -> None:
        """Off the critical path, after answering a job: a fresh workdir and the next run's process,
        forked and set up, waiting for its job."""
        self.fresh_tmp(lim)  # every run gets a fresh one
        self.mounted_for = (lim["disk_mb"], lim["inodes"])
        _Prepared.workdir = workdir = self.cfg["workdir"]
        if _Prepared.sys_path[:1] != (workdir,):
            _Prepared.main_file = os.path.join(workdir, "main.py")
            _Prepared.sys_path = (workdir, *[p for p in sys.path if p and p != workdir])
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        in_r, in_w = os.pipe()
        job_r, job_w = os.pipe()
        u_sock, t_sock = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        fds = {0: in_r, 1: out_w, 2: err_w, 3: u_sock.fileno(), 5: job_r}
        # "rlvr-ready" until it has a job
        pid = self.fork(b"rlvr-ready", fds, [], self.uid_solution, lambda: prepared_child(5))
        for fd in (out_w, err_w, in_r, job_r):
            os.close(fd)
        u_sock.close()
        self.next = {"pid": pid, "out": out_r, "err": err_r, "in": in_w, "job": job_w, "t_sock": t_sock}

    def run(self, job: dict) -> dict:
        lim = job["limits"]
        tm = time.monotonic()
        if self.next is None or self.mounted_for != (lim["disk_mb"], lim["inodes"]):
            self.kill_run()  # a prepared child for other limits
            self.prepare(lim)
        nxt, self.next = self.next, None
        t0 = time.monotonic()
        deadline = t0 + float(lim["wall_s"])
        cap = int(lim["output_bytes"])
        judging = job["kind"] == "judge"
        upid, out_r, err_r, in_w, t_sock = nxt["pid"], nxt["out"], nxt["err"], nxt["in"], nxt["t_sock"]
        try:
            msg = job_message(job["kind"], limit_triples(lim, self.cfg), job["solution" if judging else "program"])
            write_all(nxt["job"], msg)
        except OSError:
            pass  # the child is gone: reported as its exit status below
        os.close(nxt["job"])
        if judging:
            ctl_msg = json.dumps({"id": job["id"], "t_bytes": job["t_bytes"]}).encode()
            socket.send_fds(self.ctl, [ctl_msg], [t_sock.fileno()])
        t_sock.close()
        stdin_data = (job.get("stdin") or "").encode() if job.get("stdin") is not None else None
        drains = {out_r: _Drain(out_r, cap), err_r: _Drain(err_r, cap)}
        if stdin_data:
            os.set_blocking(in_w, False)
        else:
            os.close(in_w)
            in_w = -1
        stdin_view = memoryview(stdin_data or b"")
        for fd in drains:
            os.set_blocking(fd, False)
        open_fds = set(drains)
        poller = select.poll()
        for fd in open_fds:
            poller.register(fd, select.POLLIN)
        if in_w >= 0:
            poller.register(in_w, select.POLLOUT)
        ctl_fd = self.ctl.fileno()
        if judging:
            poller.register(ctl_fd, select.POLLIN)
        try:
            pidfd = os.pidfd_open(upid)  # readable when the process exits: no polling on the critical path
            poller.register(pidfd, select.POLLIN)
        except (AttributeError, OSError):
            pidfd = -1
        tick = 0.05 if pidfd >= 0 else 0.001
        status, ustatus, report, t_dead = None, None, None, False
        ucpu = 0.0
        while True:
            if ustatus is None:
                p, st, usage = os.wait4(upid, os.WNOHANG)
                if p:
                    ustatus, ucpu = st, usage.ru_utime + usage.ru_stime
            if (judging and (report is not None or t_dead)) or (not judging and ustatus is not None):
                break
            left = deadline - time.monotonic()
            if left <= 0:
                status = "timeout"
                break
            for fd, _ev in poller.poll(min(left, tick) * 1000):
                if fd == pidfd:
                    poller.unregister(fd)
                elif fd == ctl_fd:
                    report, t_dead = self._read_report()
                    if t_dead:
                        poller.unregister(fd)
                elif fd == in_w:
                    try:
                        n = os.write(in_w, stdin_view[:65536])
                        stdin_view = stdin_view[n:]
                    except BlockingIOError:
                        continue
                    except OSError:
                        stdin_view = stdin_view[:0]
                    if not stdin_view:
                        poller.unregister(in_w)
                        os.close(in_w)
                        in_w = -1
                elif not drains[fd].read():
                    poller.unregister(fd)
                    open_fds.discard(fd)
        t1 = time.monotonic()
        if (
            status is None
            and ustatus is not None
            and os.WIFSIGNALED(ustatus)
            and os.WTERMSIG(ustatus) in (signal.SIGKILL, signal.SIGXCPU)
            and ucpu >= 0.95 * float(lim["cpu_s"])
        ):
            status = "timeout"  # killed by RLIMIT_CPU just before the wall clock ran out: the same verdict
        if pidfd >= 0:
            os.close(pidfd)
        t_alive = self.kill_run()
        if judging and report is None and not t_dead and t_alive:
            # the run timed out: its solution is gone, so the trusted process reports at once, unless its
            # own tests are stuck (then it is replaced with the whole worker)
            end = time.monotonic() + 1.0
            while report is None and not t_dead and time.monotonic() < end:
                if select.select([ctl_fd], [], [], max(0.0, end - time.monotonic()))[0]:
                    report, t_dead = self._read_report()
            t_dead = t_dead or report is None
        for fd in list(open_fds):  # what is still buffered in the pipes
            while drains[fd].read():
                pass
        for fd in drains:
            os.close(fd)
        if in_w >= 0:
            os.close(in_w)
        duration = time.monotonic() - t0
        if ustatus is None:
            rc = -signal.SIGKILL
        elif os.WIFSIGNALED(ustatus):
            rc = -os.WTERMSIG(ustatus)
        else:
            rc = os.WEXITSTATUS(ustatus)
        out, err = drains[out_r], drains[err_r]
        res = {
            "id": job["id"],
            "status": status or ("ok" if rc == 0 else "runtime_error"),
            "returncode": rc,
            "stdout": out.text(),
            "stderr": err.text(),
            "stdout_truncated": out.truncated,
            "stderr_truncated": err.truncated,
            "duration_s": duration,
            "phases": {"mount_s": t0 - tm, "run_s": t1 - t0, "cleanup_s": time.monotonic() - t1},
        }
        if not t_alive or t_dead:
            res["recycle"] = True  # the trusted process is gone (or stuck): a fresh worker takes over
        if judging:
            res["reported"] = report == "done"
            if status is None:
                res["status"] = "ok"
                res["returncode"] = rc if ustatus is not None else None
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
        """Stop the trusted process and any prepared run, reaping all (their CPU time is then accounted to
        the host's children, as for any finished process)."""
        self.kill_run()
        self.ctl.close()  # the trusted process sees EOF and exits
        try:
            os.waitpid(self.tpid, 0)
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
            self.prepare(job["limits"])


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
    write_all(1, json.dumps({"ready": True, "pid": os.getpid(), "uid": os.getuid()}).encode() + b"\n")
    worker.serve()


if __name__ == "__main__":
    main()
