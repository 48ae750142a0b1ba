"""The solution's side: a run's process (forked by the zygote, waiting for its job), which runs a program as
``python main.py`` would, or executes a solution and then serves the trusted tests' requests (lookups,
calls, attributes, iteration) until they are done."""

from __future__ import annotations
import __future__

import _signal
import atexit
import builtins
import json
import os
import sys
import threading
import traceback
import types
from collections.abc import Callable

from .framing import READ_CHUNK
from .isolation import Prepared, apply_limits, set_name
from .values import DEEP, Handles, Memo, decode, encode, set_handles

#: how the solution and the tests are compiled: annotations evaluated when read, not at ``def`` (PEP 563; what
#: Python 3.14 does by default): ``nums: List[int]`` without ``from typing import List`` (LeetCode's preamble
#: has it) does not fail at import, and the tests read them evaluated (``__annotations__``, a signature)
LAZY_ANNOTATIONS = __future__.annotations.compiler_flag


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
    set_name(b"rlvr-run")
    n = list(map(int, values))
    apply_limits(list(zip(n[0::3], n[1::3], n[2::3])))
    os.chdir(Prepared.workdir)
    src = code.decode("utf-8", "surrogatepass")
    if kind in (b"judge", b"module"):
        solution_child(src, 3, os.dup(3), as_module=kind == b"module")
    else:
        os.close(3)
        program_child(src, kind == b"input")


def stdio_for_runs() -> None:
    """Once in the worker, before any fork: give the interpreter's own ``sys.stdin``/``stdout``/``stderr``
    (never used by the worker, which speaks through ``os.read``/``os.write``) the text settings of a run.
    A run's process installs its pipes on fds 0-2 and uses them as they are: nothing to build per run."""
    streams = ((sys.stdin, "surrogateescape"), (sys.stdout, "backslashreplace"), (sys.stderr, "backslashreplace"))
    for f, errors in streams:
        f.reconfigure(encoding="utf-8", errors=errors)  # type: ignore[union-attr]


_SURVIVED = frozenset({"SIGCHLD", "SIGURG", "SIGWINCH", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU"})
#: Signals whose default is to end the process and that are never a fault of the process itself (a real
#: SIGSEGV, SIGBUS, SIGILL or SIGFPE is forced by the kernel, and a handler would re-run the faulting code),
#: nor the judge's own limits (SIGXCPU, SIGXFSZ of the rlimits: their verdicts are the worker's).
_ASYNC_FATAL = tuple(
    getattr(_signal, n)
    for n in ("SIGHUP", "SIGQUIT", "SIGTRAP", "SIGABRT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGTERM", "SIGSTKFLT",
              "SIGVTALRM", "SIGPROF", "SIGIO", "SIGPWR")
    if hasattr(_signal, n)
)  # fmt: skip


def _die_of(sig: int, frame: object = None) -> None:
    """The death by ``sig`` a program's process would die: exit status 128 + the signal, no flushing."""
    os._exit(128 + sig)


def signals_as_a_program() -> None:
    """A run's process is PID 1 of its namespace, where the kernel drops every signal whose action is the
    default, unless an ancestor namespace sends it; a program would die of them. So the run dies of them as a
    program would (exit status 128 + the signal, no flushing, no ``atexit``): the asynchronous ones whose
    default is to end the process get :func:`_die_of` as their handler (a timer's ``SIGALRM``, a ``kill``
    through ``ctypes``; the program may install its own), and ``os.kill``, ``os.killpg``,
    ``signal.raise_signal`` and ``signal.pthread_kill`` aimed at itself with any signal whose default is
    fatal (``SIGKILL`` included) end it at once (``kill(-1)`` spares the caller, as on Linux). Done once in
    the zygote, whose forks inherit it (the zygote sends no signals)."""
    import signal

    for sig in _ASYNC_FATAL:
        if _signal.getsignal(sig) == _signal.SIG_DFL:
            _signal.signal(sig, _die_of)

    def fatal(sig: int) -> bool:
        try:
            name = signal.Signals(sig).name
        except ValueError:
            return False
        return name not in _SURVIVED and signal.getsignal(sig) in (signal.SIG_DFL, _die_of)

    def wrap(call: object, me: object) -> object:
        def aimed(target: object, sig: int = 0, *rest: object) -> object:
            if rest == () and isinstance(sig, int) and me(target) and fatal(sig):  # type: ignore[operator]
                os._exit(128 + sig)
            return call(target, sig, *rest)  # type: ignore[operator]

        return aimed

    raise_signal = signal.raise_signal

    def raised(sig: int) -> None:
        if isinstance(sig, int) and fatal(sig):
            os._exit(128 + sig)
        raise_signal(sig)

    os.kill = wrap(os.kill, lambda pid: pid in (0, os.getpid()) or (pid < -1 and -pid == os.getpgrp()))  # type: ignore[assignment]
    os.killpg = wrap(os.killpg, lambda pg: pg in (0, os.getpgrp()))  # type: ignore[assignment]
    signal.pthread_kill = wrap(signal.pthread_kill, lambda t: True)  # type: ignore[assignment]
    signal.raise_signal = raised
    get, put = signal.getsignal, signal.signal  # (the program sees the default where _die_of stands for it)
    signal.getsignal = lambda sig: signal.SIG_DFL if get(sig) is _die_of else get(sig)  # type: ignore[assignment]

    def set_handler(sig: int, handler: object) -> object:
        old = put(sig, handler)  # type: ignore[arg-type]
        return signal.SIG_DFL if old is _die_of else old

    signal.signal = set_handler  # type: ignore[assignment]


def _main_module() -> types.ModuleType:
    """A fresh ``__main__`` in the workdir, with ``sys.argv`` and ``sys.path`` of ``python main.py``."""
    mod = types.ModuleType("__main__")
    mod.__file__ = Prepared.main_file
    mod.__builtins__ = builtins
    sys.modules["__main__"] = mod
    sys.argv = ["main.py"]
    sys.path[:] = Prepared.sys_path
    return mod


def _exit_code(e: SystemExit) -> int:
    if e.code is None:
        return 0
    if isinstance(e.code, int):
        return e.code & 0xFF
    print(e.code, file=sys.stderr)
    return 1


def _finish(code: int, report: object = None) -> None:
    """Interpreter-like shutdown of a forked child: join non-daemon threads, atexit, flush, _exit. ``report``
    (the solution's socket to the tests): told the exit status (``{"exit": <status>}``) once the shutdown is
    done, as the concatenated file's status after its tests (also when a thread or an ``atexit`` function
    ends the process with ``os._exit``)."""
    if report is not None:

        def reported_exit(status: int) -> None:
            if type(status) is int:
                _report_exit(report, status & 0xFF)
            _REAL_EXIT(status)

        os._exit = reported_exit  # type: ignore[assignment]
    try:
        threading._shutdown()  # type: ignore[attr-defined]
        atexit._run_exitfuncs()
    except SystemExit as e:
        code = _exit_code(e)
    except BaseException:
        traceback.print_exc()
    _flush_open_files(every=report is None)  # (a solution's output is no verdict: its own streams suffice)
    if report is not None:
        _report_exit(report, code)
    _REAL_EXIT(code)


_REAL_EXIT = os._exit


def _exits_reported_at_shutdown() -> None:
    """``atexit.register(os._exit, status)`` registers an exit that :func:`_finish` reports: the function
    registered looks ``os._exit`` up when it runs (a reference taken at registration would skip the report)."""
    register = atexit.register

    def registered(fn: Callable, *args: object, **kwargs: object) -> Callable:
        if fn is _REAL_EXIT:
            register(lambda *a, **k: os._exit(*a, **k), *args, **kwargs)
            return fn
        return register(fn, *args, **kwargs)

    atexit.register = registered  # type: ignore[assignment]


def _report_exit(report: object, code: int) -> None:
    try:
        report.write(b'{"exit": %d}\n' % code)  # type: ignore[attr-defined]
    except BaseException:
        pass


def _flush_open_files(every: bool = True) -> None:
    """Flush what the interpreter's shutdown would: the current and the original standard streams, and
    every other file object still open (text layers before the buffers under them) — output written to
    ``sys.__stdout__`` behind a replaced ``sys.stdout``, an ``os.fdopen(1, 'w')`` or ``open(1, 'w')`` not
    closed, an ``atexit`` writer of the original stream. A run's process ends by ``os._exit``, which flushes
    nothing. ``every``: the other open files too (among the objects made since the worker froze its heap)."""
    import _io
    import gc

    files = [sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__]
    try:  # (the C base classes: a plain type check, not io.IOBase's ABC, six times slower per object)
        found = [f for f in gc.get_objects() if isinstance(f, _io._IOBase)] if every else []
    except BaseException:
        found = []
    text = [f for f in found if isinstance(f, _io._TextIOBase)]
    files += text + [f for f in found if not isinstance(f, _io._TextIOBase)]
    for f in files:
        try:
            if f is not None and not f.closed:
                f.flush()
        except BaseException:
            pass


def _stdin_as_file() -> None:
    """Give the program its input as a file, as judges do: read it all from the worker's pipe into a memfd
    on fd 0, so that ``os.fstat(0).st_size`` is its size and ``open('/dev/stdin')`` reopens it."""
    chunks = []
    while True:
        b = os.read(0, READ_CHUNK)
        if not b:
            break
        chunks.append(b)
    if not chunks:
        return
    fd = os.memfd_create("stdin", 0)
    data = memoryview(b"".join(chunks))
    while data:
        data = data[os.write(fd, data) :]
    os.lseek(fd, 0, os.SEEK_SET)
    os.dup2(fd, 0)
    os.close(fd)


def _as_source_file(src: str, name: str, path: str | None) -> None:
    """The source of the code a run executes, where a file's would be: in ``linecache`` under its compiled
    name (``inspect.getsource``, tracebacks), and, for a program, at ``__file__`` (``open(__file__)``, and
    multiprocessing's ``spawn``/``forkserver`` children, which run the main module's file again), as for
    ``python main.py``."""
    import linecache

    linecache.cache[name] = (len(src), None, src.splitlines(True), name)
    if path is None:
        return
    try:
        with open(path, "x", encoding="utf-8", errors="surrogatepass") as fh:
            fh.write(src)
    except OSError:
        pass


def program_child(src: str, has_input: bool = False) -> None:
    """Run ``src`` as ``__main__`` in this process (its input, if it has one, a file: :func:`_stdin_as_file`)."""
    if has_input:
        _stdin_as_file()
    mod = _main_module()
    _as_source_file(src, "main.py", Prepared.main_file)
    code = 0
    try:
        exec(compile(src, "main.py", "exec", LAZY_ANNOTATIONS, dont_inherit=True), mod.__dict__)
    except SystemExit as e:
        code = _exit_code(e)
    except BaseException:
        traceback.print_exc()
        code = 1
    _finish(code)


#: the special attributes the tests may read of a solution object (its metadata)
_READABLE_DUNDERS = ("__name__", "__qualname__", "__dict__", "__doc__", "__annotations__")
_NUMBER = ("__int__", "__float__", "__index__", "__complex__")
_CONTAINER = ("__iter__", "__len__", "__getitem__", "__contains__")
_PLAIN = (type, types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.ModuleType)


_EVENT_LOOP: list = []  # the solution's event loop, made when the tests first await one of its coroutines


def _event_loop() -> object:
    import asyncio

    if not _EVENT_LOOP or _EVENT_LOOP[0].is_closed():
        _EVENT_LOOP[:] = [asyncio.new_event_loop()]
        asyncio.set_event_loop(_EVENT_LOOP[0])
    return _EVENT_LOOP[0]


def _kinds(x: object) -> str:
    """What an object of the solution's own classes claims to be, from the special methods its class defines
    below ``object``:
    ``n`` a number, ``c`` a container; ``X`` and its :func:`exception_tree` in JSON a class of exceptions
    (the trusted side decides what it makes of it). Of any object: ``t`` true by Python's default (its
    type defines neither ``__bool__`` nor ``__len__``), ``i`` an iterator (``__next__``)."""
    if isinstance(x, type) and issubclass(x, Exception):
        return "X" + json.dumps(exception_tree(x))
    t = type(x)
    extra = ("t" if not hasattr(t, "__bool__") and not hasattr(t, "__len__") else "") + (
        "i" if hasattr(t, "__next__") else ""
    )  # Python's default truth (neither __bool__ nor __len__); an iterator
    if isinstance(x, _PLAIN) or not any(k.__module__ == "__main__" for k in t.__mro__):
        return extra  # (a library's types are what they are: an ndarray is a container and converts to a number)
    names: set[str] = set()
    for klass in t.__mro__[:-1]:
        names.update(vars(klass))
    kinds = ("n" if any(n in names for n in _NUMBER) else "") + ("c" if any(n in names for n in _CONTAINER) else "")
    return kinds + extra


def _type_info(t: type, x: object) -> list:
    """``[name, qualname, dataclass field names or None, standard]`` of an object's type: the trusted side's
    proxy of the object is of a class of that name (``type(x).__name__``; a dataclass's fields for
    ``asdict``). ``standard``: ``["generator"]`` (``coroutine``, ``async_generator``) for such an object,
    ``["function", code, defaults, kwdefaults]`` for a plain function (its code's flags, argument counts and
    names; its defaults when they are data), else None."""
    fields = None
    dc = sys.modules.get("dataclasses")
    if dc is not None and dc.is_dataclass(t):
        try:
            fields = [f.name for f in dc.fields(x)]  # type: ignore[arg-type]
        except Exception:
            fields = None
    standard = None  # (standard types the tests may test for: the trusted side's proxy answers as one)
    if t in (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType):
        standard = [t.__name__]
    elif t is types.FunctionType:
        c = x.__code__  # type: ignore[attr-defined]
        try:
            code = [c.co_flags, c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount,
                    list(c.co_varnames[: c.co_argcount + c.co_kwonlyargcount + 2]), c.co_name[:200]]  # fmt: skip
            defaults = [encode(getattr(x, n), None) for n in ("__defaults__", "__kwdefaults__")]
            standard = ["function", code, *defaults]
        except Exception:
            standard = None
    return [t.__name__, t.__qualname__, fields, standard]


def _value_hash(x: object) -> int | None:
    """The hash of an object whose class defines one of its own (a frozen dataclass), sent with its first
    reference: its proxy hashes alike (as the objects are equal by the solution's ``==``); None for an
    identity hash or none."""
    h = type(x).__hash__
    if h is None or h is object.__hash__:
        return None
    try:
        got = hash(x)
    except BaseException:
        return None
    return got if type(got) is int else None


def _signature(obj: object, enc: Callable[[object], list]) -> list:
    """``inspect.signature`` of a callable as data: ``[[name, kind, default or None, annotation or None],
    ...], return annotation or None`` (each value encoded, so a default or annotation of its own is a
    reference)."""
    import inspect

    sig = inspect.signature(obj, eval_str=True)  # type: ignore[arg-type]
    empty = inspect.Parameter.empty

    def opt(v: object) -> list | None:
        return None if v is empty else enc(v)

    params = [[p.name, int(p.kind), opt(p.default), opt(p.annotation)] for p in sig.parameters.values()]
    return [params, opt(sig.return_annotation)]


#: the special methods a class of the tests deriving from a solution class inherits from it
_INHERITED_DUNDERS = ("__init__", "__str__", "__repr__")


def _members(cls: object, enc: Callable[[object], list]) -> list:
    """What a class of the tests deriving from the solution class ``cls`` inherits, as ``[name, kind,
    encoded value]``: ``m`` a method (its function), ``s`` a staticmethod (its function), ``c`` a
    classmethod (bound to ``cls``), ``p`` a property (its getter), ``d`` a class attribute (its value) — the
    attributes its own classes define (not ``object``'s or a library's), public names and ``__init__``,
    ``__str__``, ``__repr__``."""
    if not isinstance(cls, type):
        raise TypeError("only a class can be derived from")
    out: dict[str, list] = {}
    for klass in cls.__mro__:
        if klass.__module__ != "__main__":
            continue
        for name, v in vars(klass).items():
            if name in out or (name.startswith("_") and name not in _INHERITED_DUNDERS):
                continue
            if isinstance(v, types.FunctionType):
                out[name] = [name, "m", enc(v)]
            elif isinstance(v, staticmethod):
                out[name] = [name, "s", enc(v.__func__)]
            elif isinstance(v, classmethod):
                out[name] = [name, "c", enc(getattr(cls, name))]
            elif isinstance(v, property) and v.fget is not None:
                out[name] = [name, "p", enc(v.fget)]
            elif not callable(v) and not isinstance(v, property):
                out[name] = [name, "d", enc(v)]
    return list(out.values())


def _has_attribute(obj: object, name: str) -> bool:
    """Whether ``name`` is in the object's own ``__dict__`` or its class's (its MRO's): an attribute it has,
    not one ``__getattr__`` would make up (slots and properties are class attributes)."""
    own = getattr(obj, "__dict__", None)
    if isinstance(own, dict) and name in own:
        return True
    mro = obj.__mro__ if isinstance(obj, type) else type(obj).__mro__
    return any(name in vars(k) for k in (*mro, *(type(obj).__mro__ if isinstance(obj, type) else ())))


def exception_tree(t: type, depth: int = 0) -> object:
    """A class of exceptions by its names: a built-in one as its name, another as ``[name, [its bases'
    trees]]`` (``class Sub(Base)`` is ``["Sub", [["Base", ["Exception"]]]]``): what the trusted side rebuilds
    as classes of its own, hierarchy included."""
    if t.__module__ == "builtins" or depth >= 16:
        return next(k for k in t.__mro__ if k.__module__ == "builtins").__name__
    return [t.__name__, [exception_tree(b, depth + 1) for b in t.__bases__]]


def _exception(e: BaseException, ref: object) -> list:
    """``[name, message, built-in base, encoded args or None, encoded attributes or None, its class's
    exception_tree]`` of an exception of the solution."""
    base = next((k for k in type(e).__mro__ if k.__module__ == "builtins"), BaseException)
    try:
        args = encode(tuple(e.args), ref)  # type: ignore[arg-type]
    except BaseException:
        args = None
    try:
        msg = str(e)[:500]
    except BaseException:
        msg = ""
    try:  # the attributes its __init__ set (``e.need``), when they are data
        attrs = encode({k: v for k, v in vars(e).items() if type(k) is str and not k.startswith("_")}, None)
    except BaseException:
        attrs = None
    try:
        tree = exception_tree(type(e))
    except BaseException:
        tree = None
    return [type(e).__name__, msg, base.__name__, args, attrs, tree]


class _Channel:
    """The solution's end of the socket: answers the trusted side's requests and, while it handles one,
    calls back the tests' objects it was given (:class:`TestsObject`)."""

    def __init__(
        self, rfd: int, wfd: int, handles: Handles, ref: object, deref: object, tref: object, env: dict
    ) -> None:
        self.rf = os.fdopen(rfd, "rb", buffering=1 << 16)
        self.out = os.fdopen(wfd, "wb", buffering=0)
        self.handler: object = None
        self.handles, self.ref, self.deref, self.tref, self.env = handles, ref, deref, tref, env

    def write(self, msg: dict) -> None:
        """Send ``msg`` with what changed in the containers both sides hold (:meth:`Handles.outgoing`)."""
        try:
            with DEEP:
                msg.update(self.handles.outgoing(self.ref))  # type: ignore[arg-type]
                data = json.dumps(msg).encode()
        except BaseException as e:
            data = json.dumps({"exc": [type(e).__name__, "unencodable result", type(e).__name__, None]}).encode()
        self.out.write(data + b"\n")

    def read(self) -> dict | None:
        line = self.rf.readline()
        if not line:
            return None
        with DEEP:
            msg = json.loads(line)
            self.handles.incoming(msg, self.deref, self.tref)  # type: ignore[arg-type]
            for name, v in dict(msg.get("set") or {}).items():  # globals the tests bound for this module
                self.env[str(name)] = decode(v, self.deref, Memo(), self.tref)  # type: ignore[arg-type]
        return msg

    def callback(self, msg: dict) -> object:
        """Ask the tests' side to use one of its objects; serve its requests meanwhile; the answer."""
        self.write(msg)
        while True:
            req = self.read()
            if req is None:
                os._exit(0)
            if "op" in req:
                self.handler(req)  # type: ignore[operator]
                continue
            if "cbexc" in req:
                name, text = (list(req["cbexc"]) + ["", ""])[:2]
                cls = getattr(builtins, str(name), None)
                if isinstance(cls, type) and issubclass(cls, Exception):
                    raise cls(str(text))
                raise RuntimeError(f"{name}: {text}")
            return req.get("cbok")


class TestsObject:
    """An object of the tests (a function, a generator, an iterator, a node the tests built) the solution
    was given: calling and iterating it, reading and setting its plain attributes, reading its name, module
    and docstring, and ``isinstance``/``issubclass`` with it as the class are done by the tests' process."""

    __slots__ = ("_tid", "_dec")

    def __init__(self, tid: int, dec: object) -> None:
        self._tid, self._dec = tid, dec

    def __call__(self, *args: object, **kwargs: object) -> object:
        return self._dec("call", self._tid, args, kwargs)  # type: ignore[operator]

    def __iter__(self) -> object:
        return self._dec("iter", self._tid, (), {})  # type: ignore[operator]

    def __next__(self) -> object:
        return self._dec("next", self._tid, (), {})  # type: ignore[operator]

    def __getattr__(self, name: str) -> object:
        if name.startswith("_") and name not in ("__name__", "__qualname__", "__doc__", "__module__"):
            raise AttributeError(name)
        return self._dec("getattr", self._tid, (name,), {})  # type: ignore[operator]

    def __setattr__(self, name: str, value: object) -> None:
        if name in TestsObject.__slots__:
            object.__setattr__(self, name, value)
        else:
            self._dec("setattr", self._tid, (name, value), {})  # type: ignore[operator]

    def __instancecheck__(self, obj: object) -> bool:  # ``isinstance(x, ListNode)`` with the tests' class
        return self._dec("isinstance", self._tid, (obj,), {}) is True  # type: ignore[operator]

    def __subclasscheck__(self, cls: object) -> bool:
        return self._dec("issubclass", self._tid, (cls,), {}) is True  # type: ignore[operator]

    def __repr__(self) -> str:
        return f"<object #{self._tid} of the tests>"


TestsObject.__doc__ = property(lambda self: self.__getattr__("__doc__"))  # type: ignore[assignment]


def _made_by_the_tests(cls: int, use: Callable) -> type:
    """The class of the proxies of the tests' objects of their class ``cls`` (a tid): calling it calls that
    class in the tests' process (the object made is theirs, as any)."""

    def new(klass: type, *args: object, **kwargs: object) -> object:
        return use("call", cls, args, kwargs)

    ns = {"__slots__": (), "__new__": new, "__init__": lambda self, *a, **k: None, "__doc__": TestsObject.__doc__}
    return type("TestsObject", (TestsObject,), ns)


def solution_child(src: str, rfd: int, wfd: int, as_module: bool = False) -> None:
    """Execute the solution, then answer lookup/call requests from the trusted process until EOF. A
    solution that raises or exits while it is executed ends there, as the concatenated file would end
    before its tests: the tests then find it gone (a failure). ``as_module``: executed as a module imported
    under the name ``solution`` (call mode, as APPS and LiveCodeBench import it: its ``if __name__ ==
    '__main__':`` block does not run), else as ``__main__`` (the file's semantics)."""
    mod = _main_module()
    env = mod.__dict__
    if as_module:
        env["__name__"] = "solution"
        sys.modules["solution"] = mod  # (pickle finds its functions by module name: a pool's map)
    _exits_reported_at_shutdown()
    _as_source_file(src, "solution.py", None)
    try:
        exec(compile(src, "solution.py", "exec", LAZY_ANNOTATIONS, dont_inherit=True), env)
    except SystemExit as e:  # as in ``python solution_plus_tests.py``: the file ends before its tests
        _finish(_exit_code(e) or 1)
    except BaseException:
        traceback.print_exc()
        _finish(1)
    objects: list[object] = []
    index: dict[int, int] = {}  # id -> index in objects (held there, so ids stay unique): one ref per object
    handles = Handles(1)
    set_handles(handles)

    def ref(x: object) -> list:
        if isinstance(x, TestsObject):  # an object of the tests goes back as itself
            return ["T", x._tid]
        i = index.get(id(x))
        new = i is None or objects[i] is not x
        if new:
            i = index[id(x)] = len(objects)
            objects.append(x)
        if isinstance(x, type):
            return ["r", i, _kinds(x)]
        h = _value_hash(x) if new else None
        return ["r", i, _kinds(x), _type_info(type(x), x)] + ([] if h is None else [h])

    def deref(i: int, *_: object) -> object:
        return objects[i]

    classes: dict[int, type] = {}  # the tests' classes of their objects the solution holds: a proxy class each

    def tests_object(tid: int, cls: object = None) -> TestsObject:
        """The proxy of the tests' object ``tid``; of a class of theirs ``cls`` (its tid), an instance of a
        class of its own whose call makes an object of that class (``type(node)(5)``)."""
        if type(cls) is not int:
            return TestsObject(tid, use)
        sub = classes.get(cls)
        if sub is None:
            sub = classes[cls] = _made_by_the_tests(cls, use)
        obj = object.__new__(sub)
        TestsObject.__init__(obj, tid, use)
        return obj

    chan = _Channel(rfd, wfd, handles, ref, deref, tests_object, env)

    def use(op: str, tid: int, args: tuple, kwargs: dict) -> object:
        memo = Memo()
        with DEEP:
            msg = {"cb": op, "ref": tid, "args": [encode(a, ref, memo) for a in args],
                   "kwargs": {str(k): encode(v, ref, memo) for k, v in kwargs.items()}}  # fmt: skip
        got = chan.callback(msg)
        return dec(got, Memo())  # type: ignore[arg-type]

    def dec(v: list, memo: Memo | None = None) -> object:
        with DEEP:
            return decode(v, deref, memo, tests_object)

    def enc(x: object, memo: Memo | None = None) -> list:
        with DEEP:
            return encode(x, ref, memo)

    def handle(req: dict) -> None:
        chan.write(answer(req))

    def answer(req: dict) -> dict:
        """The answer to one request (its values encoded: the containers this frame held are gone when the
        answer is sent, so that a temporary is not taken for one the solution keeps)."""
        try:
            op = req["op"]
            if "sys" in req:  # interpreter settings the tests changed (the file would share them)
                digits, limit = (int(n) for n in req["sys"])
                sys.set_int_max_str_digits(digits)
                sys.setrecursionlimit(limit)
            if op == "lookup":  # module globals the tests read (modules by name: the tests' side imports them)
                names = {}
                for n in req["names"]:
                    if n in env and not n.startswith("__"):
                        v = env[n]
                        if type(v) is types.ModuleType:
                            names[n] = ["M", v.__name__, ref(v)[1]]
                        elif (
                            isinstance(v, (types.FunctionType, types.BuiltinFunctionType, type))
                            and isinstance(getattr(v, "__module__", None), str)
                            and v.__module__ not in ("__main__", "builtins")
                        ):
                            names[n] = ["I", v.__module__, v.__qualname__, ref(v)[1]]
                        else:
                            names[n] = enc(v)
                resp = {"ok": names}
            elif op == "resolve":  # call-based: a function, or a method of class Solution (LeetCode)
                n = req["name"]
                fn = env.get(n)
                if fn is None and isinstance(env.get("Solution"), type):
                    fn = getattr(env["Solution"](), n)
                resp = {"ok": encode(fn, ref) if fn is not None else None}
            else:
                obj = objects[req["ref"]]
                if op == "call":
                    memo = Memo()  # (changes to the arguments' containers cross as changes of handles)
                    args = [dec(a, memo) for a in req["args"]]
                    kwargs = {k: dec(a, memo) for k, a in req["kwargs"].items()}
                    val = obj(*args, **kwargs)  # type: ignore[operator]
                    resp = {}
                    if req.get("exc") and isinstance(val, BaseException):  # the tests made one of its exceptions
                        resp["made"] = _exception(val, ref)
                    resp["ok"] = enc(val)
                elif op == "getattr":
                    name = req["name"]
                    if not (name in _READABLE_DUNDERS or not name.startswith("__")):
                        raise AttributeError(name)
                    if not _has_attribute(obj, name):  # a real attribute, not one __getattr__ makes up
                        raise AttributeError(name)
                    if name == "__annotations__":  # (compiled lazily: evaluated when read, as Python 3.14 does)
                        import inspect

                        resp = {"ok": enc(inspect.get_annotations(obj, eval_str=True))}  # type: ignore[arg-type]
                    else:
                        resp = {"ok": enc(getattr(obj, name))}
                elif op == "snap":
                    try:
                        it = iter(obj)  # type: ignore[call-overload]
                    except TypeError:
                        resp = {"len": len(obj)}  # type: ignore[arg-type]
                    else:
                        resp = {"items": enc(list(it))}
                elif op == "str":
                    resp = {"ok": encode(str(obj), ref)}
                elif op == "repr":
                    resp = {"ok": encode(repr(obj), ref)}
                elif op == "bool":
                    resp = {"ok": encode(bool(obj), ref)}
                elif op == "next":  # up to n items of an iterator, and whether it ended
                    items: list = []
                    stop, raised, returned = False, None, None
                    for _ in range(max(1, min(int(req.get("n", 1)), 4096))):
                        try:
                            items.append(next(obj))  # type: ignore[call-overload]
                        except StopIteration as e:
                            stop, returned = True, e.value  # (a generator's return value)
                            break
                        except Exception as e:  # (after items read ahead: raised once the tests reach it)
                            if not items:
                                raise
                            stop, raised = True, _exception(e, ref)
                            break
                    resp = {"ok": enc(items), "stop": stop}
                    if returned is not None:
                        resp["returned"] = enc(returned)
                    if raised is not None:
                        resp["raised"] = raised
                elif op == "await":  # a coroutine of the solution, run to its end in its event loop
                    resp = {"ok": enc(_event_loop().run_until_complete(obj))}  # type: ignore[arg-type]
                elif op == "anext":  # an async generator's next item
                    try:
                        resp = {"ok": enc(_event_loop().run_until_complete(obj.__anext__()))}  # type: ignore[attr-defined]
                    except StopAsyncIteration:
                        resp = {"ok": enc(None), "stop": True}
                elif op == "signature":
                    resp = {"ok": _signature(obj, enc)}
                elif op == "members":
                    resp = {"ok": _members(obj, enc), "abstract": sorted(getattr(obj, "__abstractmethods__", ()))}
                elif op == "binop":  # an operator of the operator module; ``swap``: the object is on the right
                    import operator

                    other = dec(req["arg"])
                    fn = getattr(operator, req["name"])
                    resp = {"ok": enc(fn(other, obj) if req.get("swap") else fn(obj, other))}
                elif op == "unop":
                    import operator

                    resp = {"ok": enc(getattr(operator, req["name"])(obj))}
                elif op == "setattr":
                    name = req["name"]
                    if name.startswith("__"):
                        raise AttributeError(name)
                    setattr(obj, name, dec(req["arg"]))
                    resp = {"ok": enc(None)}
                elif op == "deepcopy":
                    import copy

                    resp = {"ok": enc(copy.deepcopy(obj) if req.get("deep") else copy.copy(obj))}
                elif op == "dunder":
                    args = [dec(a) for a in req["args"]]
                    resp = {"ok": enc(getattr(obj, req["name"])(*args))}
                elif op == "isinstance":  # obj is the class
                    resp = {"ok": encode(isinstance(dec(req["arg"]), obj), ref)}  # type: ignore[arg-type]
                elif op == "issubclass":
                    resp = {"ok": encode(issubclass(dec(req["arg"]), obj), ref)}  # type: ignore[arg-type]
                else:
                    raise ValueError(f"unknown op {op!r}")
        except SystemExit as e:
            resp = {"exc": ["SystemExit", repr(e.code)[:200], "SystemExit", None]}
        except BaseException as e:
            resp = {"exc": _exception(e, ref)}
        for f in (sys.stdout, sys.stderr):  # the run ends when the tests do: show what was printed so far
            try:
                f.flush()
            except BaseException:
                pass
        return resp

    chan.handler = handle
    while True:
        req = chan.read()
        if req is None:
            break
        if "op" not in req:
            break  # (a callback answer nobody asked for)
        handle(req)
    _finish(0, chan.out)
