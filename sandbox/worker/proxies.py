"""The trusted side of the solution's socket: :class:`Rpc` (one request, one answer, in order; only the
names asked are accepted) and :class:`RemoteRef`, the proxy of a solution object, whose every deciding
operation is decided here with trusted types."""

from __future__ import annotations

import builtins
import collections
import importlib
import json
import os
import sys
import threading
import types
import weakref
from collections.abc import Callable

from .framing import READ_CHUNK, write_all
from .values import DEEP, Handles, Memo, Plain, decode, encode, short_repr

MAX_MESSAGE = 64 << 20  # bytes of one RPC message between the two judge processes


PREFETCH_BYTES = 32 << 10  # bytes of requests the trusted process sends ahead in one write


#: Modules a global of the solution of the same name stands for in the tests, imported by the trusted
#: process itself (as when a file imports ``math`` and its tests use it): pure, side-effect-free stdlib.
TRUSTED_MODULES = frozenset({
    "array", "bisect", "calendar", "cmath", "collections", "copy", "dataclasses", "datetime", "decimal",
    "difflib", "enum", "fractions", "functools", "hashlib", "heapq", "itertools", "json", "math", "numbers",
    "operator", "random", "re", "statistics", "string", "struct", "textwrap", "typing", "unicodedata",
})  # fmt: skip


_PROXY_CLASSES: dict[tuple, type] = {}  # (name, qualname, dataclass fields) -> a RemoteRef subclass


#: How many times the tests waited (slept, waited for an event, joined a thread): :func:`count_waits`.
WAITS = [0]


def count_waits() -> None:
    """Once, in the trusted process: count the tests' waits (``time.sleep``, ``threading.Event.wait``,
    ``Thread.join``). Only a wait of the tests gives the solution's own threads time to change its objects
    under their eyes (``p.stop(); n = len(p); time.sleep(0.3); assert len(p) == n``), so a proxy's snapshot
    is retaken after one; the solution cannot make the tests wait, so an object answering differently each
    time it is asked still gets one snapshot between two calls into it."""
    import time

    def counted(fn: Callable) -> Callable:
        def wait(*args: object, **kwargs: object) -> object:
            WAITS[0] += 1
            try:
                return fn(*args, **kwargs)
            finally:
                WAITS[0] += 1

        wait.__name__, wait.__qualname__, wait.__doc__ = fn.__name__, fn.__qualname__, fn.__doc__
        return wait

    time.sleep = counted(time.sleep)
    threading.Event.wait = counted(threading.Event.wait)  # type: ignore[method-assign]
    threading.Thread.join = counted(threading.Thread.join)  # type: ignore[method-assign]


class SolutionDied(BaseException):
    """The solution process went away or broke the protocol: no later test can pass."""


class SolutionError(Exception):
    """The solution raised an exception that derives from no built-in ``Exception`` type here (a
    ``SystemExit``, a ``BaseException`` of its own)."""


class SolutionStop(Exception):
    """A ``StopIteration`` raised by a solution call, as it crosses: no ``StopIteration`` here (it would
    silently end the ``map`` or generator of the tests that made the call, where the concatenated file's
    would too — a wrong program passing ``all(map(f, xs))``), but caught where the tests catch one (the
    instrumented ``except StopIteration`` also names it); ``value`` as a ``StopIteration``'s."""

    @property
    def value(self) -> object:
        return self.args[0] if self.args else None


SolutionStop.__name__ = SolutionStop.__qualname__ = "StopIteration"  # (as the tests' messages name it)


class Impersonation(TypeError):
    """A solution object that claims two kinds of value at once (a number and a container): it is no value,
    and the check that received it fails."""


#: Builtins never called on the solution's behalf (they would run its strings as code, reach into the
#: tests' namespace or open files in the trusted process).
_NEVER_CALLED = frozenset(
    id(getattr(builtins, n))
    for n in ("eval", "exec", "compile", "open", "getattr", "setattr", "delattr", "vars", "globals", "locals",
              "__import__", "breakpoint", "input", "help", "exit", "quit", "memoryview", "object", "type", "super")
    if hasattr(builtins, n)  # (exit, quit, help: only where site ran)
)  # fmt: skip

_SYS_SETTINGS = (sys.get_int_max_str_digits, sys.getrecursionlimit)


class Rpc:
    """The trusted side of the solution's socket: one request, one answer, in order. Requests known in
    advance (:meth:`prefetch`) are sent together; each is then answered when the tests make it. While it
    waits for an answer, the solution may call back the tests' objects it was given (a function, an
    iterator: :meth:`_serve_callback`). Once the solution broke the protocol or died, ``dead`` stays set
    (tests that swallow the exception cannot undo it)."""

    def __init__(self, rfd: int, wfd: int) -> None:
        self.rfd, self.wfd, self.buf = rfd, wfd, b""
        self.pending: collections.deque[bytes] = collections.deque()  # sent ahead, not yet made by the tests
        self.dead: str | None = None
        self.refused = False  # (dead because a request or a use of the tests' objects was refused)
        self.trusted: list[object] = []  # the tests' objects the solution holds as proxies (callbacks)
        self.trusted_ids: dict[int, int] = {}
        self.exc_classes: dict[tuple[str, tuple], type] = {}
        self.tests_env: dict | None = None  # the tests' globals, once they run
        self.bridges: dict[int, type] = {}  # rid of a solution class -> the base of the tests' classes deriving from it
        self.settings = tuple(get() for get in _SYS_SETTINGS)  # the tests' interpreter settings last sent
        self.epoch = 0  # calls into the solution so far: snapshots of its objects hold until the next one
        self.claimed_modules: dict[str, str] = {}  # name -> the module name a module bound to it reports
        self.remotes: dict[int, RemoteRef] = {}
        self.lock = threading.RLock()
        self.handles = Handles(-1)  # the containers both sides hold (values.HANDLES while the tests run)
        self.serving: dict[int, int] = {}  # thread id -> callbacks of the solution it is running now

    def in_callback(self) -> bool:
        """Whether this thread runs the tests' code because the solution called it back (a check it makes
        then is the solution's doing, not the tests')."""
        return self.serving.get(threading.get_ident(), 0) > 0

    def _outgoing(self) -> dict:
        """What changed in the containers both sides hold, to go with the next message."""
        try:
            with self.lock, DEEP:
                return self.handles.outgoing(self._trusted_ref)
        except (TypeError, ValueError, RecursionError) as e:
            raise self.died(f"harness: the tests' containers could not be sent: {type(e).__name__}") from None

    def prefetch(self, requests: list[dict]) -> None:
        """Send ``requests`` now, in one write, as a prefix of the requests the tests are about to make
        (:func:`prefetch_calls`). The solution answers them one by one, in order, as if they came one at a
        time; :meth:`request` then only reads each answer. At most ``PREFETCH_BYTES``, and only when nothing
        is outstanding: the write then fits the empty socket buffer, so that it cannot block while the
        solution blocks on writing answers nobody reads yet."""
        if self.pending or self.dead or self.trusted:  # (holding an object of the tests, it could call back)
            return
        size, data = 0, []
        for msg in requests:
            line = json.dumps(msg).encode() + b"\n"
            size += len(line)
            if size > PREFETCH_BYTES:
                break
            data.append(line)
        if len(data) > 1:  # (the first carries what changed in the containers both hold; nothing runs between)
            first = json.dumps({**requests[0], **self._outgoing()}).encode() + b"\n"
            write_all(self.wfd, b"".join([first, *data[1:]]))
            self.pending.extend(data)

    def refuse(self, e: Exception) -> Exception:
        """A use of the tests' objects that is not served (an attribute of an object not of the tests' own
        classes, a harness function): the solution gets ``e``, and the run fails whatever it does with it
        (swallowed, a wrong program would pass tests that check the object was not used:
        ``db.delete.assert_not_called()``)."""
        self.dead, self.refused = self.dead or f"{type(e).__name__}: {e}", True
        return e

    def died(self, why: str) -> SolutionDied:
        self.dead = self.dead or why
        return SolutionDied(why)

    def _read(self) -> dict:
        try:
            with DEEP:
                if b"\n" not in self.buf:  # (chunks joined once: a 40 MB message is ~700 reads)
                    chunks, size = [self.buf], len(self.buf)
                    while True:
                        chunk = os.read(self.rfd, READ_CHUNK if size < READ_CHUNK else 1 << 20)
                        if not chunk:
                            raise self.died("the solution process exited")
                        chunks.append(chunk)
                        size += len(chunk)
                        if size > MAX_MESSAGE:
                            raise self.died("the solution sent an oversized message")
                        if b"\n" in chunk:
                            break
                    self.buf = b"".join(chunks)
                line, self.buf = self.buf.split(b"\n", 1)
                resp = json.loads(line)
                if not isinstance(resp, dict):
                    raise self.died("solution protocol broken: not an object")
                self.handles.incoming(resp, self._remote, self._trusted_obj)
        except (SolutionDied, Impersonation):
            raise
        except (
            OSError,
            ValueError,
            RecursionError,
            TypeError,
            KeyError,
            IndexError,
            OverflowError,
            AttributeError,
        ) as e:
            raise self.died(f"solution protocol broken: {type(e).__name__}") from None
        return resp

    def _write(self, msg: dict) -> bytes:
        msg = {**msg, **self._outgoing()}
        with DEEP:
            line = json.dumps(msg).encode() + b"\n"
        write_all(self.wfd, line)
        return line

    def request(self, msg: dict) -> dict:
        """One request and its answer; one at a time (tests may call the solution from threads of their
        own: ``ThreadPoolExecutor().map(f, xs)``)."""
        with self.lock:
            return self._request(msg)

    def _request(self, msg: dict) -> dict:
        if self.dead:
            raise SolutionDied(self.dead)
        settings = tuple(get() for get in _SYS_SETTINGS)
        if settings != self.settings and not self.pending:  # the tests changed what the file would share
            msg = {**msg, "sys": list(settings)}
            self.settings = settings
        try:
            with DEEP:
                line = json.dumps(msg).encode() + b"\n"
            if not self.pending:
                self._write(msg)
            elif self.pending.popleft() != line:  # cannot happen: prefetch_calls sends only what will come
                raise self.died("harness: the tests did not make a prefetched request")
        except SolutionDied:
            raise
        except (OSError, ValueError, RecursionError) as e:
            raise self.died(f"solution protocol broken: {type(e).__name__}") from None
        resp = self._read()
        while "cb" in resp:
            self._serve_callback(resp)
            resp = self._read()
        if "exc" in resp:
            raise self._exception(resp["exc"])
        return resp

    def _exception(self, exc: object) -> BaseException:
        """The solution's exception as a trusted one: a built-in type as itself (with its arguments when
        they are data), a class of the solution's as a class made here under its name, subclassing the
        built-in it derives from (``except ValueError`` catches it, ``except NegError`` too)."""
        name, msg, base, args, attrs, tree = (
            (list(exc) + ["", "", "", None, None, None])[:6]
            if isinstance(exc, list)
            else ("", "", "", None, None, None)
        )
        name, base = str(name), str(base or name)
        cls = self.exception_class(
            tree if tree is not None and name != base else base if name == base else [name, [base]]
        )
        if cls is None:
            return SolutionError(f"{name}: {msg}")
        try:
            decoded = self.value(args) if isinstance(args, list) else None
            fields = self.value(attrs) if isinstance(attrs, list) and name != base else None
        except SolutionDied:
            decoded = fields = None
        a = decoded if type(decoded) is tuple else (str(msg),)
        if name == base:
            e = cls(*a)
        else:  # (a class made here: not its __init__, which would ask the solution to make one)
            e = cls.__new__(cls, *a)
            BaseException.__init__(e, *a)
        if name != base:  # a class of the solution's: its own str() and the attributes its __init__ set
            e._rlvr_str = str(msg)  # type: ignore[attr-defined]
            if type(fields) is dict:
                for k, v in fields.items():
                    if type(k) is str and k.isidentifier() and not k.startswith("_"):
                        setattr(e, k, v)
        return e

    def exception_class(self, tree: object) -> type | None:
        """The class made here for a class of exceptions of the solution, described by its names
        (``solution.exception_tree``): a built-in one is itself; another, a class of that name made here
        whose bases are those made for its bases, so that ``except Base`` catches a ``Sub`` and ``isinstance``
        and ``issubclass`` hold as in the solution (one class per description and run: the class the tests
        read by its name is the one its raised exceptions have). None for what is no ``Exception`` (a
        ``SystemExit``, a ``BaseException`` of its own, a ``StopAsyncIteration``) or no valid description."""
        if tree == "StopIteration":
            return SolutionStop
        try:
            cls = self._made_class(tree, [64], 0)
        except (TypeError, ValueError, RecursionError):
            return None
        return cls if issubclass(cls, Exception) else None

    def _made_class(self, tree: object, budget: list[int], depth: int) -> type:
        budget[0] -= 1
        if budget[0] < 0 or depth > 32:
            raise ValueError("class hierarchy too large")
        if type(tree) is str:
            if tree == "object":  # (a mixin of its own)
                return object
            cls = getattr(builtins, tree, None)  # only an Exception: never a SystemExit, a StopIteration mixed in
            if not (isinstance(cls, type) and issubclass(cls, Exception)) or issubclass(
                cls, (StopIteration, StopAsyncIteration)
            ):
                raise ValueError(f"no built-in class of exceptions: {tree[:50]!r}")
            return cls
        if not (type(tree) is list and len(tree) == 2 and type(tree[0]) is str and type(tree[1]) is list):
            raise ValueError("bad class description")
        name, bases = tree[0][:200], tuple(self._made_class(b, budget, depth + 1) for b in tree[1][:8])
        if not bases:
            raise ValueError("a class without bases")
        key = (name, bases)
        if key not in self.exc_classes:  # (type() raises TypeError for bases no class can have together)
            ns: dict = {"__module__": "solution", "__qualname__": name}
            if any(issubclass(b, BaseException) for b in bases):
                ns["__str__"], ns["__init__"] = _solution_str, _made_by_solution
            self.exc_classes[key] = type(name, bases, ns)
        return self.exc_classes[key]

    def _serve_callback(self, msg: dict) -> None:
        me = threading.get_ident()
        self.serving[me] = self.serving.get(me, 0) + 1
        try:
            self._serve_one(msg)
        finally:
            self.serving[me] -= 1

    def _serve_one(self, msg: dict) -> None:
        """The solution calls back an object of the tests it holds (``call``), or iterates one (``iter``,
        ``next``): run here, as the tests' own code, answered as data or another proxy. Only objects the
        tests gave it, never one of :data:`_NEVER_CALLED`, and never while requests sent ahead are
        outstanding (a callback could make a request of its own)."""
        try:
            obj = self.trusted[int(msg.get("ref", -1))] if int(msg.get("ref", -1)) >= 0 else None
            op = msg.get("cb")
            if obj is None or self.pending or not _callable_back(obj):
                raise self.refuse(TypeError("this object of the tests cannot be used by the solution"))
            if op == "call":
                memo = Memo()
                args = [self.value(a, memo) for a in msg.get("args", [])]
                kwargs = {str(k): self.value(a, memo) for k, a in dict(msg.get("kwargs", {})).items()}
                result = obj(*args, **kwargs)  # type: ignore[operator]
            elif op == "iter":
                result = iter(obj)  # type: ignore[call-overload]
            elif op == "next":
                result = next(obj)  # type: ignore[call-overload]
            elif op == "getattr" and msg.get("args") and self.value(msg["args"][0]) in _TESTS_METADATA:
                result = getattr(obj, self.value(msg["args"][0]), None)  # (``functools.wraps`` of its function)
                if result is not None and type(result) is not str:
                    raise AttributeError("metadata that is no str")
            elif op in ("isinstance", "issubclass") and isinstance(obj, type) and len(msg.get("args", ())) == 1:
                arg = self.value(msg["args"][0])  # (decided here, by the tests' class, of data or a proxy)
                result = isinstance(arg, obj) if op == "isinstance" else isinstance(arg, type) and issubclass(arg, obj)
            elif op in ("getattr", "setattr"):  # a node, a tree the tests built: its plain attributes
                args = [self.value(a) for a in msg.get("args", [])]
                name = args[0] if args else None
                own = _readable_back(obj)
                if type(name) is not str or name.startswith("_") or not (own or _library_readable(obj, name, op)):
                    why = f"this attribute of an object of the tests is not for the solution: {name!r}"
                    raise self.refuse(AttributeError(why))
                if op == "getattr":
                    result = getattr(obj, name)
                else:
                    if len(args) != 2:
                        raise TypeError("setattr takes a name and a value")
                    setattr(obj, name, args[1])
                    result = None
            else:
                raise TypeError(f"unknown callback {op!r}")
            reply: dict = {"cbok": self.enc(result)}
        except SolutionDied:
            raise
        except (Exception, SystemExit, KeyboardInterrupt) as e:  # (a failed check's StopTests unwinds the tests)
            reply = {"cbexc": [type(e).__name__, str(e)[:500]]}
        self._write(reply)

    def _trusted_ref(self, x: object) -> list:
        if isinstance(x, RemoteRef) and x._rpc is self:
            return ["r", x._rid]
        k = self.trusted_ids.get(id(x))
        if k is None or self.trusted[k] is not x:
            k = self.trusted_ids[id(x)] = len(self.trusted)
            self.trusted.append(x)
        t = type(x)
        if t is not type and t not in _NO_OWN_CLASS and _tests_class(t):  # (``type(node)(5)`` in the solution)
            return ["T", k, self._trusted_ref(t)[1]]
        if t.__module__ != "__main__":
            _NO_OWN_CLASS.add(t)
        return ["T", k]

    def _remote(self, rid: int, kinds: object = "", info: object = None, value_hash: object = None) -> object:
        kinds = str(kinds)
        if kinds.startswith("X") and len(kinds) < 1 << 14:  # a class of exceptions of the solution: "X<tree>"
            try:
                cls = self.exception_class(json.loads(kinds[1:]))
            except (ValueError, RecursionError):
                cls = None
            if cls is not None:
                if cls.__module__ == "solution":  # the tests may make one: its class's rid makes it there
                    cls._rlvr_made_by = (self, rid)  # type: ignore[attr-defined]
                return cls
        if "n" in kinds and "c" in kinds:
            raise Impersonation("a solution object that is both a number and a container is no value")
        got = self.remotes.get(rid)  # one proxy per object of the solution: ``is`` holds across answers
        if got is None:
            got = self.remotes[rid] = self._proxy_class(info)(self, rid, kinds)
            if type(value_hash) is int:  # (its class's own hash, sent with its first reference)
                object.__setattr__(got, "_hash", value_hash)
        return got

    def _proxy_class(self, info: object) -> type:
        """The class of the proxy of an object whose type the solution describes as ``[name, qualname,
        dataclass fields or None]``: a subclass of :class:`RemoteRef` under that name (``type(x).__name__``
        reads it), one per description (kept across runs: made of names only, never seen by a solution),
        with the dataclass's fields (``dataclasses.asdict`` and ``fields`` read them through the proxy's
        attributes); RemoteRef itself when none is given."""
        if not (isinstance(info, list) and len(info) in (3, 4) and type(info[0]) is str and type(info[1]) is str):
            return RemoteRef
        name, qualname, fields = info[0][:200], info[1][:400], info[2]
        if not (isinstance(fields, list) and all(type(f) is str and f.isidentifier() for f in fields)):
            fields = None
        standard = _standard(info[3]) if len(info) == 4 else {}
        key = (name, qualname, None if fields is None else tuple(fields), json.dumps(info[3]) if standard else None)
        cls = _PROXY_CLASSES.get(key)
        if cls is None:
            if len(_PROXY_CLASSES) >= 4096:
                _PROXY_CLASSES.clear()
            ns: dict = {
                "__slots__": (),
                "__module__": "solution",
                "__qualname__": qualname,
                "__doc__": _doc,
                **standard,
            }
            if fields is not None:
                try:
                    made = importlib.import_module("dataclasses").make_dataclass(name, list(fields))
                    ns["__dataclass_fields__"] = dict(made.__dataclass_fields__)
                except (TypeError, ValueError):
                    pass
            cls = _PROXY_CLASSES[key] = type(name, (RemoteRef,), ns)
        return cls

    def value(self, v: object, memo: Memo | None = None) -> object:
        """An answer's value, decoded (under the lock: decoding adopts containers, which a request made by
        another thread of the tests compares)."""
        try:
            with self.lock, DEEP:
                return decode(v, self._remote, memo, self._trusted_obj)  # type: ignore[arg-type]
        except Impersonation:
            raise
        except (TypeError, ValueError, KeyError, IndexError, OverflowError, RecursionError, AttributeError) as e:
            raise self.died(f"solution protocol broken: {type(e).__name__}: {short_repr(e)}") from None

    def _trusted_obj(self, k: int, *_: object) -> object:
        return self.trusted[k]

    def enc(self, x: object, memo: Memo | None = None) -> list:
        with self.lock, DEEP:
            return encode(x, self._trusted_ref, memo)

    def lookup(self, names: list[str]) -> dict[str, object]:
        """The solution's module globals among ``names`` (what the tests read and do not define). Only the
        names asked count: an answer naming anything else (a builtin, a dunder) is a broken protocol. A
        module the solution imported under its own name, or a function or class it imported from one of
        :data:`TRUSTED_MODULES`, is imported here, else a proxy."""
        found = self.request({"op": "lookup", "names": names}).get("ok")
        if not isinstance(found, dict) or not set(found) <= set(names):
            raise self.died("solution protocol broken: it answered names it was not asked for")
        out = {}
        self.claimed_modules = {}
        for name, v in found.items():
            if isinstance(v, list) and len(v) == 3 and v[0] == "M":
                self.claimed_modules[name] = str(v[1])
                if v[1] == name and name in TRUSTED_MODULES:
                    out[name] = __import__(name)
                    continue
                v = ["r", v[2]]
            elif isinstance(v, list) and len(v) == 4 and v[0] == "I":
                got = _trusted_import(str(v[1]), str(v[2]))
                if got is not None:
                    out[name] = got
                    continue
                v = ["r", v[3]]
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


#: what the solution may read of any object the tests gave it (a decorator's ``functools.wraps``): strings
_TESTS_METADATA = frozenset({"__name__", "__qualname__", "__doc__", "__module__"})


_STANDARD_TYPES = {"generator": types.GeneratorType, "coroutine": types.CoroutineType,
                   "async_generator": types.AsyncGeneratorType}  # fmt: skip


def _standard(desc: object) -> dict:
    """What a proxy's class answers for a standard type the solution's object is of (``_type_info``'s
    ``standard``): a generator's proxy has that ``__class__`` (``isinstance(r, types.GeneratorType)``,
    ``inspect.isgenerator``, ``collections.abc.Generator`` hold, as for the object), a function's a
    ``__code__`` made here with its flags, argument counts and names (never run: ``inspect.isgeneratorfunction``
    and ``inspect.signature`` read it) and its data defaults. Nothing for a description that is not one."""
    if not (isinstance(desc, list) and desc and type(desc[0]) is str):
        return {}
    kind = _STANDARD_TYPES.get(desc[0])
    if kind is not None:
        return {"__class__": property(lambda self: kind), **_ASYNC_PROTOCOLS.get(desc[0], {})}
    if desc[0] != "function" or len(desc) != 4 or not isinstance(desc[1], list) or len(desc[1]) != 6:
        return {}
    flags, argc, posonly, kwonly, names, fname = desc[1]
    try:
        if not (all(type(n) is int and 0 <= n < 1 << 32 for n in (flags, argc, posonly, kwonly))
                and isinstance(names, list) and all(type(n) is str and n.isidentifier() for n in names)
                and type(fname) is str):  # fmt: skip
            return {}
        defaults, kwdefaults = decode(desc[2]), decode(desc[3])
        if not ((defaults is None or type(defaults) is tuple) and (kwdefaults is None or type(kwdefaults) is dict)):
            return {}
        code = _CODE.replace(co_flags=flags, co_argcount=argc, co_posonlyargcount=posonly, co_kwonlyargcount=kwonly,
                             co_varnames=tuple(names), co_nlocals=len(names), co_name=fname, co_qualname=fname,
                             co_filename="solution.py")  # fmt: skip
    except (TypeError, ValueError, KeyError, IndexError, OverflowError, RecursionError):
        return {}
    return {"__code__": code, "__defaults__": defaults, "__kwdefaults__": kwdefaults}


_CODE = (lambda: None).__code__  # (a template: the proxy's __code__ describes, it never runs)


def _awaited(ref: RemoteRef) -> object:
    """The value of the solution's coroutine ``ref``, run to its end in the solution's own event loop."""
    rpc = ref._rpc
    rpc.epoch += 1
    return rpc.value(rpc.request({"op": "await", "ref": ref._rid}).get("ok"))


def _co_send(self: RemoteRef, value: object) -> object:
    """A coroutine proxy's ``send`` as asyncio's task calls it: it completes at once (``StopIteration``)."""
    if value is not None:
        raise TypeError("can't send non-None value to a just-started coroutine")
    raise StopIteration(_awaited(self))


def _co_throw(self: RemoteRef, typ: object, val: object = None, tb: object = None) -> object:
    raise typ if val is None else val  # type: ignore[misc]


def _co_await(self: RemoteRef) -> object:
    def awaiting() -> object:
        return _awaited(self)
        yield  # (a generator that returns at once)

    return awaiting()


async def _ag_anext(self: RemoteRef) -> object:
    """The next item of the solution's async generator, made in the solution's event loop."""
    rpc = self._rpc
    rpc.epoch += 1
    resp = rpc.request({"op": "anext", "ref": self._rid})
    if resp.get("stop"):
        raise StopAsyncIteration
    return rpc.value(resp.get("ok"))


#: The protocols of the proxy of a solution's coroutine (``await``, asyncio's tasks: ``asyncio.run``,
#: ``gather``) and async generator (``async for``): each step runs in the solution's process, in its own
#: event loop, and its value crosses as any answer (data or a proxy). A coroutine completes in one step:
#: coroutines of the solution run one after another, not interleaved with the tests' own.
_ASYNC_PROTOCOLS: dict[str, dict] = {
    "coroutine": {
        "send": _co_send,
        "__next__": lambda self: _co_send(self, None),  # (a task's step: PyIter_Send takes __next__ for send(None))
        "throw": _co_throw,
        "close": lambda self: None,
        "__await__": _co_await,
    },
    "async_generator": {"__aiter__": lambda self: self, "__anext__": _ag_anext},
}


def _callable_back(obj: object) -> bool:
    """Whether the solution may call or iterate ``obj``, an object the tests gave it: not one of
    :data:`_NEVER_CALLED`, nor anything of the harness's own code (its hooks, its classes)."""
    if id(obj) in _NEVER_CALLED:
        return False
    if (
        isinstance(obj, types.MethodType) and obj.__func__ in _FORWARDS
    ):  # (a solution method the tests' object inherits)
        return True
    harness = _callable_back.__code__.co_filename
    if isinstance(obj, type):  # (its bases too: a proxy's class is a subclass of the harness's RemoteRef)
        funcs = [f for klass in obj.__mro__ for f in vars(klass).values()]
    else:
        funcs = [obj, getattr(obj, "__func__", None)]
    for f in funcs:
        code = getattr(f, "__code__", None) or getattr(f, "gi_code", None)
        if code is not None and code.co_filename == harness:
            return False
    return True


def _readable_back(obj: object) -> bool:
    """Whether the solution may read and set the plain attributes of ``obj``, an object the tests gave it:
    an instance of a class the tests defined (a ``TreeNode``, a ``ListNode``), never a class, a module, a
    function, or an object of the harness's own classes."""
    if isinstance(obj, (type, types.ModuleType, types.FunctionType, types.MethodType)):
        return False
    return _tests_class(type(obj))


_IO_METHODS = frozenset({"read", "readline", "readlines", "write", "writelines", "getvalue", "seek", "tell",
                         "truncate", "flush", "close", "closed", "readable", "writable", "seekable"})  # fmt: skip
#: What the solution may read of the tests' objects of library classes (``getattr`` only): a stream's I/O,
#: a random generator's draws, a path's pure parts (never the file system), by exact type
_LIBRARY_ATTRIBUTES: dict[tuple[str, str], frozenset[str]] = {
    ("_io", "StringIO"): _IO_METHODS,
    ("_io", "BytesIO"): _IO_METHODS,
    ("random", "Random"): frozenset(
        "random randint randrange choice choices shuffle sample uniform gauss normalvariate getrandbits randbytes "
        "seed triangular expovariate betavariate".split()
    ),
    ("pathlib", "PosixPath"): frozenset(
        "name stem suffix suffixes parts parent parents anchor root as_posix with_name with_stem with_suffix "
        "joinpath is_absolute relative_to match".split()
    ),
}
_LIBRARY_ATTRIBUTES[("pathlib", "PurePosixPath")] = _LIBRARY_ATTRIBUTES[("pathlib", "PosixPath")]


def _library_readable(obj: object, name: str, op: str) -> bool:
    """Whether the solution may read attribute ``name`` of ``obj``, an object of a library class the tests
    gave it: one of :data:`_LIBRARY_ATTRIBUTES`, or a ``unittest.mock`` mock's child (a name its class does
    not define: ``db.insert``, which records the calls the tests then assert; never the mock's own API —
    ``reset_mock``, ``assert_*``, ``return_value``, ``side_effect``, ``call_count``). Never set."""
    if op != "getattr":
        return False
    t = type(obj)
    allowed = _LIBRARY_ATTRIBUTES.get((t.__module__, t.__qualname__))
    if allowed is not None:
        return name in allowed
    mock = sys.modules.get("unittest.mock")
    if mock is None or not isinstance(obj, mock.NonCallableMock):
        return False
    return all(k.__module__ == "unittest.mock" for k in t.__mro__[:-1]) and not any(name in vars(k) for k in t.__mro__)


#: library types seen crossing as the tests' objects (never a class the tests defined: not asked again)
_NO_OWN_CLASS: set[type] = set()


def _tests_class(t: type) -> bool:
    """Whether ``t`` is a class the tests defined: of their module, with no code of the harness (a class
    of the solution's it derives from aside) and no library class's machinery."""
    if t.__module__ != "__main__" or issubclass(t, RemoteRef):
        return False
    harness = _callable_back.__code__.co_filename
    mro = [k for k in t.__mro__[:-1] if k not in _BRIDGES]  # (a solution class it derives from: its own code)
    for klass in mro:
        for f in vars(klass).values():
            code = getattr(getattr(f, "__func__", f), "__code__", None)
            if code is not None and code.co_filename == harness:
                return False
    return all(k.__module__ in ("__main__", "builtins") for k in mro)  # (no library class's machinery)


def _trusted_import(module: str, qualname: str) -> object | None:
    """``module.qualname`` imported here when ``module`` is one of :data:`TRUSTED_MODULES` (what the
    solution's ``from math import isclose`` stands for), else None."""
    if module.split(".")[0] not in TRUSTED_MODULES or any(p.startswith("_") for p in qualname.split(".")):
        return None
    try:
        obj: object = importlib.import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except Exception:
        return None
    return obj


def _made_by_solution(self: BaseException, *args: object, **kwargs: object) -> None:
    """``__init__`` of a class of exceptions made here for one of the solution's: the tests make one
    (``raise Insufficient(3)``), so the solution's class makes it in its process (its ``__init__`` sets its
    attributes), and this one takes its arguments, ``str()`` and data attributes, as for a raised one. A
    class the tests never read by its name keeps the arguments only."""
    BaseException.__init__(self, *args)
    made_by = type(self).__dict__.get("_rlvr_made_by")
    if made_by is None:
        return
    rpc, rid = made_by
    rpc.epoch += 1
    req = {"op": "call", "ref": rid, "exc": True, "args": [rpc.enc(a) for a in args]}
    req["kwargs"] = {str(k): rpc.enc(v) for k, v in kwargs.items()}
    made = rpc.request(req).get("made")
    if made is None:
        raise TypeError(f"{type(self).__name__}(...) made no exception in the solution")
    twin = rpc._exception(made)
    self.args = twin.args
    for k, v in vars(twin).items():
        setattr(self, k, v)


def _solution_str(self: BaseException) -> str:
    """``str()`` of an exception of a solution's class: what the solution's ``__str__`` gave."""
    got = getattr(self, "_rlvr_str", None)
    return got if type(got) is str else BaseException.__str__(self)


class RemoteRef:
    """A non-data object living in the solution process: its methods can be called and its attributes read
    (those it really has: never what a ``__getattr__`` makes up); each answer crosses as data or as another
    proxy. Everything that decides a check is decided here, with trusted types, from a **snapshot** taken
    at most once between two calls into the solution (a call may change the object, nothing else may):
    iterating it gives the items it yielded then (``len``, ``in`` and truth work on them; an object that is
    sized but not iterable gives its ``len``), ``str`` is asked once; it has no
    order and no number; a truth value only when sized (non-empty); it equals only itself (or, against
    another solution object, what the solution's ``==`` says: the tests compare two of its objects); its
    hash is the one its class defines (a frozen dataclass: equal objects hash alike, never equal to data),
    else its identity. Its metadata (``__doc__``, ``__annotations__``, ``inspect.signature``) and
    ``format(x, spec)`` are the solution's answers."""

    __slots__ = ("_rid", "_rpc", "_snap", "_kinds", "_buf", "_ended", "_hash", "_bulk", "_raised", "_returned",
                 "__weakref__")  # fmt: skip  # (a weak reference to a proxy: the tests' caches, weakref.ref)

    def __init__(self, rpc: Rpc, rid: int, kinds: str = "") -> None:
        object.__setattr__(self, "_rpc", rpc)
        object.__setattr__(self, "_rid", rid)
        object.__setattr__(self, "_snap", {})
        object.__setattr__(self, "_kinds", kinds)
        object.__setattr__(self, "_buf", collections.deque())  # an iterator's items fetched ahead
        object.__setattr__(self, "_ended", False)
        object.__setattr__(self, "_hash", None)
        object.__setattr__(self, "_bulk", False)  # iterated by a loop (read ahead), not by next() alone
        object.__setattr__(self, "_raised", None)  # what the iterator raised after the items read ahead
        object.__setattr__(self, "_returned", None)  # a generator's return value (its StopIteration's)

    def _ask(self, msg: dict, changes: bool = False) -> object:
        """One request about this object; ``changes``: it runs the solution's code, which may change its
        objects (their snapshots are retaken)."""
        if changes:
            self._rpc.epoch += 1
        return self._rpc.value(self._rpc.request({**msg, "ref": self._rid}).get("ok"))

    def _call_request(self, args: tuple, kwargs: dict, plain: bool = False) -> dict:
        """A call's request; ``plain``: its arguments as copies (a call sent ahead: :func:`prefetch_calls`)."""
        rpc, memo = self._rpc, Memo()
        if plain:
            with Plain():
                return self._call_request(args, kwargs)
        return {
            "op": "call",
            "ref": self._rid,
            "args": [rpc.enc(a, memo) for a in args],
            "kwargs": {str(k): rpc.enc(v, memo) for k, v in kwargs.items()},
        }

    def __call__(self, *args: object, **kwargs: object) -> object:
        """Call it. The arguments' containers cross under handles (:class:`Handles`): what the solution
        changes in them, during the call or later while it keeps them, is changed here in place, and a
        returned argument is that argument."""
        rpc = self._rpc
        rpc.epoch += 1  # (the call may change its objects: their snapshots are retaken)
        resp = rpc.request(self._call_request(args, kwargs, plain=bool(rpc.pending)))
        return rpc.value(resp.get("ok"))

    def __getattr__(self, name: str) -> object:
        if name.startswith("__") and name not in ("__name__", "__qualname__", "__dict__", "__annotations__", "__doc__"):
            raise AttributeError(name)
        return self._rpc.value(self._rpc.request({"op": "getattr", "ref": self._rid, "name": name}).get("ok"))

    def _snapshot(self) -> dict:
        """This object's snapshot: taken at most once between two calls into the solution, and between two
        waits of the tests (:func:`count_waits`: its threads may have run meanwhile)."""
        snap, epoch = self._snap, (self._rpc.epoch, WAITS[0])
        if snap.get("epoch") != epoch:
            snap.clear()
            snap["epoch"] = epoch
        return snap

    def _items(self) -> list:
        """What iterating the object yielded, as a list made here (once between two calls)."""
        snap = self._snapshot()
        if "len" in snap:
            raise TypeError("a sized solution object that is not iterable")
        if "items" not in snap:
            got = self._rpc.request({"op": "snap", "ref": self._rid})
            if "len" in got and "items" not in got:
                n = got["len"]
                if type(n) is not int or n < 0:
                    raise self._rpc.died("solution protocol broken: a bad length")
                snap["len"] = n
                raise TypeError("a sized solution object that is not iterable")
            items = self._rpc.value(got.get("items"))
            if type(items) is not list:
                raise self._rpc.died("solution protocol broken: iteration did not give a list")
            snap["items"] = items
        return snap["items"]

    def __iter__(self):  # type: ignore[no-untyped-def]
        if "i" in self._kinds:  # an iterator (a generator): consumed lazily, as the tests consume it
            object.__setattr__(self, "_bulk", True)
            return self
        return iter(self._items())

    def __next__(self) -> object:
        """The iterator's next item: one per request for ``next(g)``; for a loop over it (``for``,
        ``list``, ``islice``: it was asked for an iterator), in growing batches (1, 2, 4, … 1024 items per
        request), so an infinite generator read with ``islice`` is never drained. What it raises after items
        read ahead is raised when the tests reach it."""
        if "i" not in self._kinds:
            raise TypeError("a solution object that is not an iterator")
        if not self._buf:
            if self._ended:
                raised = self._raised
                if raised is not None:
                    object.__setattr__(self, "_raised", None)
                    raise raised
                raise StopIteration(self._returned) if self._returned is not None else StopIteration
            n = min(1024, 2 * self._snap.get("batch", 0) or 1) if self._bulk else 1
            self._snap["batch"] = n
            self._buf.extend(self._fetch(n))
            if not self._buf:
                raise StopIteration(self._returned) if self._returned is not None else StopIteration
        return self._buf.popleft()

    def _fetch(self, n: int) -> list:
        """Up to ``n`` more items of the iterator (fewer when it ends)."""
        rpc = self._rpc
        rpc.epoch += 1
        resp = rpc.request({"op": "next", "ref": self._rid, "n": n})
        items = rpc.value(resp.get("ok"))
        if type(items) is not list or len(items) > n:
            raise rpc.died("solution protocol broken: bad iterator items")
        object.__setattr__(self, "_ended", bool(resp.get("stop")))
        if "returned" in resp:
            object.__setattr__(self, "_returned", rpc.value(resp["returned"]))
        if "raised" in resp and items:
            object.__setattr__(self, "_raised", rpc._exception(resp["raised"]))
        return items

    def __len__(self) -> int:
        if "i" in self._kinds:  # the items it has left (fetched, not consumed)
            while not self._ended:
                self._buf.extend(self._fetch(4096))
            return len(self._buf)
        try:
            return len(self._items())
        except TypeError:
            if "len" in self._snapshot():
                return self._snap["len"]
            raise

    def __contains__(self, key: object) -> bool:
        if "i" in self._kinds:
            return any(x is key or x == key for x in self)
        return key in self._items()

    def __getitem__(self, key: object) -> object:
        rpc = self._rpc
        msg = {"op": "dunder", "ref": self._rid, "name": "__getitem__", "args": [rpc.enc(key)]}
        return rpc.value(rpc.request(msg).get("ok"))

    def __bool__(self) -> bool:
        """Python's default truth for an object whose type defines neither ``__bool__`` nor ``__len__``
        and that is no container of the solution's (true: a node, a function, a match); else non-emptiness of its
        items or ``len``; else none."""
        if "t" in self._kinds and "c" not in self._kinds:
            return True
        return len(self) > 0

    def __str__(self) -> str:
        snap = self._snapshot()
        if "str" not in snap:
            s = self._rpc.value(self._rpc.request({"op": "str", "ref": self._rid}).get("ok"))
            if type(s) is not str:
                raise TypeError("str() of a solution object gave a non-str")
            snap["str"] = s
        return snap["str"]

    def _bool(self, msg: dict) -> bool:
        r = self._rpc.value(self._rpc.request(msg).get("ok"))
        if type(r) is not bool:
            raise TypeError(f"{msg['op']} on a solution object gave a non-bool")
        return r

    def __eq__(self, other: object) -> bool:
        """Equal to itself; against another solution object, the solution's own ``==`` decides (the tests
        compare two of its objects, so they trust its semantics); against an object of a class the tests
        define, that class's ``__eq__`` decides (the tests' own code); never equal to plain data."""
        if not isinstance(other, RemoteRef):
            return NotImplemented if _readable_back(other) else False  # type: ignore[return-value]
        if other._rid == self._rid:
            return True
        return self._bool({"op": "binop", "ref": self._rid, "name": "eq", "arg": ["r", other._rid]})  # (a == b)

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # type: ignore[override]
        """The class the tests define under the name of the object's type, if they define one (in the file,
        their ``class ListNode`` replaces the solution's, whose functions then make the tests' nodes: the
        tests' ``isinstance(x, ListNode)`` holds, their ``__eq__`` compares its attributes); else the proxy's
        own class. ``type(x)`` is always the proxy's."""
        env, t = self._rpc.tests_env, type(self)
        got = env.get(t.__name__) if env is not None and t is not RemoteRef else None
        return got if isinstance(got, type) and _tests_class(got) else t

    def __instancecheck__(self, obj: object) -> bool:  # isinstance(x, SolutionClass)
        bridge = self._rpc.bridges.get(self._rid)
        if bridge is not None and isinstance(obj, bridge):  # (an instance of a class of the tests deriving from it)
            return True
        return self._bool({"op": "isinstance", "ref": self._rid, "arg": self._rpc.enc(obj)})

    def __subclasscheck__(self, cls: object) -> bool:
        bridge = self._rpc.bridges.get(self._rid)
        if bridge is not None and isinstance(cls, type) and issubclass(cls, bridge):
            return True
        return self._bool({"op": "issubclass", "ref": self._rid, "arg": self._rpc.enc(cls)})

    def __mro_entries__(self, bases: tuple) -> tuple:
        """``class Sq(Shape)`` in the tests, ``Shape`` a class of the solution: the base is a class made here
        (:func:`_bridge`) whose methods are the solution's, run in its process on the tests' object."""
        bridge = self._rpc.bridges.get(self._rid)
        if bridge is None:
            bridge = self._rpc.bridges[self._rid] = _bridge(self)
        return (bridge,)

    def __hash__(self) -> int:
        h = self._hash
        return hash(("RemoteRef", self._rid)) if h is None else h

    def __format__(self, spec: str) -> str:
        """``format(x, spec)``: ``str(x)`` for an empty spec, else the solution's ``__format__``."""
        if not spec:
            return str(self)
        s = self._dunder("__format__", str(spec))
        if type(s) is not str:
            raise TypeError("format() of a solution object gave a non-str")
        return s

    @property
    def __signature__(self) -> object:
        """``inspect.signature`` of the solution's callable, rebuilt here from its parameters' names, kinds,
        defaults and annotations (each a value as any answer is)."""
        inspect = importlib.import_module("inspect")
        rpc = self._rpc
        got = rpc.request({"op": "signature", "ref": self._rid}).get("ok")
        if not (isinstance(got, list) and len(got) == 2 and isinstance(got[0], list) and len(got[0]) <= 1000):
            raise rpc.died("solution protocol broken: a bad signature")
        empty = inspect.Parameter.empty

        def val(v: object) -> object:
            return empty if v is None else rpc.value(v)

        params = []
        for p in got[0]:
            if not (isinstance(p, list) and len(p) == 4 and type(p[0]) is str and type(p[1]) is int):
                raise rpc.died("solution protocol broken: a bad signature")
            kind = inspect._ParameterKind(p[1]) if 0 <= p[1] <= 4 else None
            if kind is None:
                raise rpc.died("solution protocol broken: a bad signature")
            params.append(inspect.Parameter(p[0], kind, default=val(p[2]), annotation=val(p[3])))
        return inspect.Signature(params, return_annotation=val(got[1]))

    def __repr__(self) -> str:
        """The solution's ``repr`` (asked once between two calls, like ``str``); a placeholder if it fails."""
        snap = self._snapshot()
        if "repr" not in snap:
            try:
                r = self._ask({"op": "repr"})
            except BaseException:
                r = None
            snap["repr"] = r if type(r) is str else f"<solution object #{self._rid}>"
        return snap["repr"]

    def __setattr__(self, name: str, value: object) -> None:
        if name.startswith("__"):
            raise TypeError("a solution object's special attributes are read-only here")
        rpc = self._rpc
        self._ask({"op": "setattr", "name": name, "arg": rpc.enc(value)}, changes=True)

    def _dunder(self, name: str, *args: object) -> object:
        """The object's own special method ``name`` (one that runs its code: it may change it)."""
        rpc = self._rpc
        return self._ask({"op": "dunder", "name": name, "args": [rpc.enc(a) for a in args]}, changes=True)

    def __setitem__(self, key: object, value: object) -> None:
        self._dunder("__setitem__", key, value)

    def __delitem__(self, key: object) -> None:
        self._dunder("__delitem__", key)

    def __enter__(self) -> object:
        return self._dunder("__enter__")

    def __exit__(self, *exc: object) -> bool:
        """The object's ``__exit__`` runs (told of no exception: the tests' exceptions do not cross); it
        never suppresses one (a failed check is counted before it unwinds anyway)."""
        self._dunder("__exit__", None, None, None)
        return False

    def __copy__(self) -> object:
        return self._ask({"op": "deepcopy", "deep": False})

    def __deepcopy__(self, memo: object) -> object:
        return self._ask({"op": "deepcopy", "deep": True})

    def _order(self, name: str, other: object) -> bool:
        """``<``, ``<=``, ``>``, ``>=`` between two solution objects: the solution's order (the tests order
        two of its objects, so they test its semantics); never against plain data."""
        if not isinstance(other, RemoteRef) or other._rpc is not self._rpc:
            return NotImplemented  # type: ignore[return-value]
        r = self._ask({"op": "binop", "name": name, "arg": ["r", other._rid]}, changes=True)
        if type(r) is not bool:
            raise TypeError("an order of solution objects gave a non-bool")
        return r

    def __lt__(self, other: object) -> bool:
        return self._order("lt", other)

    def __le__(self, other: object) -> bool:
        return self._order("le", other)

    def __gt__(self, other: object) -> bool:
        return self._order("gt", other)

    def __ge__(self, other: object) -> bool:
        return self._order("ge", other)


#: the classes :func:`_bridge` made (the objects of the tests' classes deriving from them stay readable back)
_BRIDGES: weakref.WeakSet = weakref.WeakSet()
_FORWARDS: weakref.WeakSet = weakref.WeakSet()  # their methods: the solution may call them on the tests' object


def _bridge(cls: RemoteRef) -> type:
    """The base a class of the tests gets for the solution class ``cls``: a class of its name whose methods,
    static and class methods, properties, ``__init__``, ``__str__`` and ``__repr__`` call the solution's own
    on the tests' object (which the solution reaches as any object of the tests: its public attributes and
    methods, by callbacks), whose class attributes are their values, and whose abstract methods are
    abstract (``abc``: a subclass that does not define them cannot be instantiated). As in the file, the
    solution's methods then run on an object of the tests' class (``self.area()`` is the tests' method)."""
    rpc = cls._rpc
    resp = rpc.request({"op": "members", "ref": cls._rid})
    members, abstract = resp.get("ok"), resp.get("abstract")
    if not (isinstance(members, list) and isinstance(abstract, list) and len(members) + len(abstract) <= 4096):
        raise rpc.died("solution protocol broken: bad class members")
    ns: dict = {"__module__": "solution", "__qualname__": str(type(cls).__name__)}
    for m in members:
        if not (isinstance(m, list) and len(m) == 3 and type(m[0]) is str and m[1] in ("m", "s", "c", "p", "d")):
            raise rpc.died("solution protocol broken: bad class members")
        name, kind, value = m[0], m[1], rpc.value(m[2])
        if not name.isidentifier() or (name.startswith("_") and name not in ("__init__", "__str__", "__repr__")):
            continue
        if kind == "d":
            ns[name] = value
        elif not isinstance(value, RemoteRef):
            raise rpc.died("solution protocol broken: bad class members")
        elif kind == "p":
            ns[name] = property(_forward(name, value))
        elif kind == "m":
            ns[name] = _forward(name, value)
        else:  # (a classmethod is bound to the solution's class: ``cls()`` there makes one of its own)
            fwd = _forward(name, value)
            ns[name] = staticmethod(fwd) if kind == "s" else classmethod(lambda k, *a, _f=fwd, **kw: _f(*a, **kw))
    for name in abstract:
        if type(name) is str and name.isidentifier():
            fn = ns.get(name)
            if not callable(fn):
                fn = ns[name] = _abstract
            fn.__isabstractmethod__ = True  # type: ignore[union-attr]
    meta = importlib.import_module("abc").ABCMeta if abstract else type
    bridge = meta(str(type(cls).__name__), (), ns)
    _BRIDGES.add(bridge)
    return bridge


def _forward(name: str, fn: RemoteRef) -> Callable:
    """A function of the tests' side calling ``fn``, a function of the solution's, with the same arguments
    (the tests' object first, for a method); ``__str__``/``__repr__`` must give a str."""

    def forward(*args: object, **kwargs: object) -> object:
        r = fn(*args, **kwargs)
        if name in ("__str__", "__repr__") and type(r) is not str:
            raise TypeError(f"{name} of a solution class gave a non-str")
        return r

    forward.__name__ = forward.__qualname__ = name
    _FORWARDS.add(forward)
    return forward


def _abstract(*args: object, **kwargs: object) -> object:
    """An abstract method of a solution class that none of its classes defines."""
    raise NotImplementedError


def _solution_doc(self: RemoteRef) -> object:
    """``__doc__`` of a solution object: the solution's (a str or None)."""
    doc = self.__getattr__("__doc__")
    if doc is not None and type(doc) is not str:
        raise TypeError("__doc__ of a solution object is no str")
    return doc


_doc = property(_solution_doc)
RemoteRef.__doc__ = _doc  # type: ignore[assignment]  # (after the class: its docstring is its own until here)


def _binop(name: str, swap: bool) -> Callable:
    def op(self: RemoteRef, other: object) -> object:
        """The solution's own operator between two of its objects (its result is its answer, as a method's
        is). Never with plain data: the data may be the tests' expected value, which the solution would
        learn (``abs(f(x) - 2.5) < 1e-9`` against an object whose ``__sub__`` returns 0)."""
        if not isinstance(other, RemoteRef) or other._rpc is not self._rpc:
            return NotImplemented
        return self._ask({"op": "binop", "name": name, "arg": ["r", other._rid], "swap": swap}, changes=True)

    return op


def _unop(name: str) -> Callable:
    def op(self: RemoteRef) -> object:
        return self._ask({"op": "unop", "name": name}, changes=True)

    return op


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor", "lshift",
              "rshift"):  # fmt: skip
    _fn = _name + "_" if _name in ("and", "or") else _name
    setattr(RemoteRef, f"__{_name}__", _binop(_fn, False))
    setattr(RemoteRef, f"__r{_name}__", _binop(_fn, True))
for _name in ("neg", "pos", "invert", "abs"):
    setattr(RemoteRef, f"__{_name}__", _unop(_name))


def prefetch_calls(rpc: Rpc, calls: tuple) -> None:
    """``__rlvr_prefetch__`` of the tests: send ahead the (callee, args, kwargs) calls of a run of asserts
    (:func:`count_asserts`), up to the first callee that is not a solution object (a function of the tests
    may make requests of its own)."""
    requests = []
    for fn, args, kwargs in calls:
        if not isinstance(fn, RemoteRef) or fn._rpc is not rpc:
            break
        requests.append(fn._call_request(args, kwargs, plain=True))
    rpc.prefetch(requests)
