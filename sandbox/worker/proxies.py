"""The trusted side of the solution's socket: :class:`Rpc` (one request, one answer, in order; only the
names asked are accepted) and :class:`RemoteRef`, the proxy of a solution object, whose every deciding
operation is decided here with trusted types."""

from __future__ import annotations

import builtins
import collections
import json
import os

from .framing import READ_CHUNK, write_all
from .values import decode, encode, short_repr

MAX_MESSAGE = 64 << 20  # bytes of one RPC message between the two judge processes


PREFETCH_BYTES = 32 << 10  # bytes of requests the trusted process sends ahead in one write


#: Modules a global of the solution of the same name stands for in the tests, imported by the trusted
#: process itself (as when a file imports ``math`` and its tests use it): pure, side-effect-free stdlib.
TRUSTED_MODULES = frozenset({
    "array", "bisect", "calendar", "cmath", "collections", "copy", "dataclasses", "datetime", "decimal",
    "difflib", "enum", "fractions", "functools", "hashlib", "heapq", "itertools", "json", "math", "numbers",
    "operator", "random", "re", "statistics", "string", "struct", "textwrap", "typing", "unicodedata",
})  # fmt: skip


class SolutionDied(BaseException):
    """The solution process went away or broke the protocol: no later test can pass."""


class SolutionError(Exception):
    """The solution raised an exception that is not a built-in exception type."""


class Rpc:
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
            raise self.died(f"solution protocol broken: {type(e).__name__}: {short_repr(e)}") from None

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

    def __init__(self, rpc: Rpc, rid: int) -> None:
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


def prefetch_calls(rpc: Rpc, calls: tuple) -> None:
    """``__rlvr_prefetch__`` of the tests: send ahead the (callee, args, kwargs) calls of a run of asserts
    (:func:`count_asserts`), up to the first callee that is not a solution object (a function of the tests
    may make requests of its own)."""
    requests = []
    for fn, args, kwargs in calls:
        if type(fn) is not RemoteRef or fn._rpc is not rpc:
            break
        requests.append(fn._call_request(args, kwargs))
    rpc.prefetch(requests)
