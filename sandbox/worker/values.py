"""Type-tagged JSON: the only form in which values cross between the solution and the trusted tests.

Data crosses **by value** and is rebuilt on the receiving side as that side's own object of the same exact
type: the builtins (``None``, ``bool``, ``int``, ``float``, ``complex``, ``str``, ``bytes``, ``bytearray``,
``list``, ``tuple``, ``dict``, ``set``, ``frozenset``, ``range``), the built-in classes themselves (``int`` in
an annotation; not exceptions) and an allow-list of standard value types (``Fraction``, ``Decimal``,
``datetime.date``/``datetime``/``time``/``timedelta`` with a fixed-offset or no tz, ``Counter``,
``OrderedDict``, ``defaultdict`` with a builtin factory, ``deque``, plain ``namedtuple`` classes
(``typing.NamedTuple`` too), numpy scalars and arrays of numbers, strings or objects). Subclasses are not
data. Anything else becomes a reference the other side holds as a proxy. Never pickle.

Identity is kept within one message: a mutable container (``list``, ``dict``, ``set``, ``bytearray``,
``Counter``, ``OrderedDict``, ``defaultdict``, ``deque``) met again is sent as a back-reference
(``["@", k]``, k its rank among the containers in pre-order), so aliasing and cycles survive the crossing
(:class:`Memo`). Across messages, while a run's :class:`Handles` is in force, a mutable container crosses
under a **handle** (``["H", h, body]``): the same container sent again is the same object on the other side,
updated in place, and each side tells the other, with every message it sends, what changed in the
containers both still hold (:meth:`Handles.outgoing`): copy-restore semantics for aliases."""

from __future__ import annotations

import base64
import builtins
import collections
import importlib
import json
import math
import operator
import sys
from collections.abc import Callable

#: Nesting levels of one value. The codec recurses in Python frames (no C stack in 3.11: comprehensions, never
#: generator expressions, which nest a C frame per level); the JSON parser and printer recurse in C (~90 bytes a
#: level, two levels per value level, bounded by the recursion limit :data:`DEEP` sets: ~4 MB of C stack at most).
MAX_DEPTH = 5000

_MUTABLE = (list, dict, set, bytearray, collections.Counter, collections.OrderedDict, collections.defaultdict,
            collections.deque)  # fmt: skip
_NP_SCALARS = "biufcUS"  # numpy dtype kinds that cross by value: numbers, bools, strings, (arrays) objects
_NP_ARRAYS = _NP_SCALARS + "O"
_FACTORIES = {f.__name__: f for f in (int, float, str, list, dict, set, tuple, bool, bytes, frozenset)}
_NT_KEYS = frozenset({"__doc__", "__slots__", "_fields", "_field_defaults", "__new__", "_make", "_replace",
                      "__repr__", "_asdict", "__getnewargs__", "__match_args__", "__module__", "__orig_bases__",
                      "__qualname__", "__annotations__", "__static_attributes__", "__firstlineno__"})  # fmt: skip
# (``typing.NamedTuple`` adds ``__annotations__``; 3.13 adds the last two to every class)
_NT_CLASSES: dict[tuple, type] = {}


class Memo:
    """The mutable containers of one message, in pre-order: ``ids`` (encoding) maps ``id`` to rank,
    ``objs`` holds them in rank order (both sides)."""

    __slots__ = ("ids", "objs")

    def __init__(self) -> None:
        self.objs: list = []
        self.ids: dict[int, int] = {}

    def seen(self, x: object) -> int | None:
        return self.ids.get(id(x))

    def add(self, x: object) -> None:
        self.ids[id(x)] = len(self.objs)
        self.objs.append(x)


#: The run's handles (:func:`set_handles`): None outside a run (values then cross as copies only).
HANDLES: Handles | None = None


def set_handles(h: Handles | None) -> None:
    global HANDLES
    HANDLES = h


#: Whether this process is the trusted test process (:func:`set_trusted`): the built-in exception classes,
#: and their instances made of data, cross from the tests to the solution as the solution's own (``except
#: exc:`` with ``ZeroDivisionError`` passed in, ``raise err``, ``issubclass(ValueError, Exception)``), never
#: the other way (a class of exceptions the solution names stays a proxy in the tests).
TRUSTED = False


def set_trusted() -> None:
    global TRUSTED
    TRUSTED = True


class Plain:
    """While in force, values cross as copies only (no handles): requests encoded ahead of time
    (``Rpc.prefetch``), whose literal arguments nobody else holds, must encode alike twice."""

    def __enter__(self) -> None:
        global HANDLES
        self.saved, HANDLES = HANDLES, None

    def __exit__(self, *exc: object) -> None:
        global HANDLES
        HANDLES = self.saved


def _namespace(x: object) -> bool:
    """A module's namespace (the tests' ``globals()``, ``vars(builtins)``): sent as a copy, never an alias
    the other side could write back into (it holds the harness's hooks and the names the tests use)."""
    if "__rlvr_pass__" in x:  # type: ignore[operator]
        return True
    name = x.get("__name__")  # type: ignore[attr-defined]
    return type(name) is str and getattr(sys.modules.get(name), "__dict__", None) is x


class Handles:
    """One side's aliases of one run: the mutable containers that crossed, by handle (this side numbers
    its own ``sign * 1, 2, ...``; the other side's numbers arrive with their containers), each with a
    shallow copy of its contents as last sent or received (its items, held, so that comparing them by
    identity tells whether anything was put in or taken out).

    With each message it sends, a side reports the containers whose contents changed since (``sync``: the
    new contents) and those it no longer holds — only this registry does (``rel``; ``sys.getrefcount``, less
    the references the copies of other containers hold) — which both sides then forget: so a container is
    followed only while *both* sides hold it, and a side's change reaches the other before the other runs
    again."""

    _OWN_REFS = 2  # (the registry's entry and getrefcount's argument)
    #: At most this many containers, and items in them, are followed at once (each message compares every
    #: followed container with its copy, ~1 µs a container, ~40 ns an item); beyond, a container crosses as a
    #: copy, as outside a run.
    MAX_CONTAINERS = 1024
    MAX_ITEMS = 1 << 20

    def __init__(self, sign: int) -> None:
        self.sign, self.count = sign, 0
        self.objs: dict[int, object] = {}
        self.ids: dict[int, int] = {}  # id -> handle, of the containers in objs
        self.copies: dict[int, tuple] = {}  # handle -> (its items as lists or bytes, handles among them)
        self.held: dict[int, int] = {}  # handle -> how many times the copies hold it
        self.released: list[int] = []  # handles the other side released in its last message
        self.declined: list[int] = []  # handles of the other side's containers taken as copies (full)
        self.items = 0  # items in the copies

    def full(self, x: object) -> bool:
        """Whether a container not followed yet would be one too many."""
        return len(self.objs) >= self.MAX_CONTAINERS or self.items + _size(x) > self.MAX_ITEMS

    def handle(self, x: object) -> int | None:
        """``x``'s handle, a new one if it has none; None when it has none and this side is :meth:`full`."""
        h = self.ids.get(id(x))
        if h is None:
            if self.full(x):
                return None
            self.count += 1
            h = self.sign * self.count
            self.objs[h], self.ids[id(x)] = x, h
        return h

    def known(self, h: int) -> object | None:
        """The container of handle ``h``; None for the other side's new one; TypeError for a handle of this
        side's numbering that it does not hold (a forged or stale one)."""
        got = self.objs.get(h)
        if got is None and (h > 0) == (self.sign > 0):
            raise TypeError("an unknown handle")
        return got

    def adopt(self, h: int, x: object) -> None:
        self.objs[h], self.ids[id(x)] = x, h
        self.mark(h)

    def mark(self, h: int) -> None:
        """Copy ``h``'s contents as both sides now have them."""
        self._unmark(h)
        x = self.objs[h]
        n = _size(x)
        self.items += n
        if type(x) is bytearray or _is_array(x):
            self.copies[h] = (_flat(x), (), n)
            return
        parts = (list(x), list(x.values())) if isinstance(x, dict) else (list(x),)  # type: ignore[call-overload,attr-defined]
        ids, kids = self.ids, []
        for part in parts:
            if not ids.keys().isdisjoint(map(id, part)):
                kids += [ids[id(e)] for e in part if id(e) in ids]
        for k in kids:
            self.held[k] = self.held.get(k, 0) + 1
        self.copies[h] = (parts, kids, n)

    def _unmark(self, h: int) -> None:
        old = self.copies.pop(h, None)
        if old is not None:
            self.items -= old[2]
            for k in old[1]:
                if k in self.held:  # (not when it was forgotten first)
                    self.held[k] -= 1

    def forget_reshaped(self, h: int) -> None:
        """An array whose shape or dtype changed in place cannot be updated in place on the other side:
        both forget it (``rel``), and it crosses anew."""
        self._forget(h)
        self.declined.append(h)

    def _forget(self, h: int) -> None:
        self._unmark(h)
        self.held.pop(h, None)
        del self.ids[id(self.objs.pop(h))]

    def outgoing(self, ref: Callable | None) -> dict:
        """What this side tells the other with its next message: ``sync`` ([handle, new contents] of each
        container changed since it was last sent or received) and ``rel`` (the handles of containers only
        this registry still holds, forgotten now). Empty when nothing changed."""
        objs, copies = self.objs, self.copies
        for h in self.released:  # the other side's releases: its values that named them are decoded by now
            if h in objs:
                self._forget(h)
        self.released = []
        changed = [h for h in objs if h in copies and _changed(objs[h], copies[h][0])]
        for h in [h for h in changed if _is_array(objs[h]) and copies[h][0][1:] != _flat(objs[h])[1:]]:
            changed.remove(h)
            self.forget_reshaped(h)
        out: dict = {}
        if changed:
            memo = Memo()
            with DEEP:
                out["sync"] = [[h, _encode_body(objs[h], ref, _first(memo, objs[h]), 0)] for h in changed]
            for h in changed:
                self.mark(h)
        rel: list[int] = []
        held = self.held
        while True:  # (again after a release: a container freed frees those it held)
            dead = [h for h in objs if sys.getrefcount(objs[h]) <= self._OWN_REFS + held.get(h, 0)]
            if not dead:
                break
            for h in dead:
                self._forget(h)
            rel += dead
        rel += self.declined
        self.declined = []
        if rel:
            out["rel"] = rel
        return out

    def incoming(self, msg: dict, ref: Callable | None, tref: Callable | None) -> None:
        """Apply the other side's ``sync`` now and its ``rel`` once the message's values are decoded (with
        the next message this side sends); TypeError or ValueError when malformed."""
        sync, rel = msg.get("sync"), msg.get("rel")
        if sync is not None:
            if not isinstance(sync, list):
                raise TypeError("bad sync")
            memo = Memo()
            with DEEP:
                for entry in sync:
                    if not (isinstance(entry, list) and len(entry) == 2 and type(entry[0]) is int):
                        raise TypeError("bad sync entry")
                    target = self.objs.get(entry[0])
                    if target is None:
                        raise TypeError("a sync for an unknown handle")
                    _fill(target, entry[1], ref, _first(memo, target), tref)
                    self.mark(entry[0])
        if rel is not None:
            if not (isinstance(rel, list) and all(type(h) is int for h in rel)):
                raise TypeError("bad release")
            self.released += rel


def _first(memo: Memo, x: object) -> Memo:
    memo.add(x)
    return memo


def _is_array(x: object) -> bool:
    t = type(x)
    return t.__name__ == "ndarray" and t.__module__ == "numpy"


def _size(x: object) -> int:
    return x.size if _is_array(x) else len(x)  # type: ignore[attr-defined,arg-type]


def _flat(x: object) -> object:
    """A bytearray's bytes; an array's bytes, shape and dtype."""
    if type(x) is bytearray:
        return bytes(x)
    return (x.tobytes(), x.shape, x.dtype.str)  # type: ignore[attr-defined]


def _changed(x: object, copy: object) -> bool:
    """Whether ``x``'s items are no longer those of ``copy`` (the same objects, in the same order), or a
    bytearray's or numpy array's contents no longer the same."""
    if type(x) is bytearray or _is_array(x):
        return _flat(x) != copy
    parts = ((x, copy[0]), (x.values(), copy[1])) if isinstance(x, dict) else ((x, copy[0]),)  # type: ignore[index,attr-defined]
    return any(len(now) != len(then) or not all(map(operator.is_, now, then)) for now, then in parts)  # type: ignore[arg-type]


def _fill(target: object, body: object, ref: Callable | None, memo: Memo, tref: Callable | None) -> None:
    """``target``'s contents replaced in place by a body of its own kind (TypeError for another kind)."""
    if not (isinstance(body, list) and body and type(body[0]) is str):
        raise TypeError("bad container body")
    tag = body[0]
    if tag in _UNIFORM_TYPES:
        items = body[1]
        if type(target) is not list or type(items) is not list:
            raise TypeError("a list sent for a container that is not one")
        if not all(type(e) is _UNIFORM_TYPES[tag] for e in items):
            raise TypeError("bad uniform list")
        target[:] = items
        return
    if tag == "nb" and _is_array(target):
        new = decode(body)
        if new.shape != target.shape or new.dtype != target.dtype:  # type: ignore[attr-defined]
            raise TypeError("an array sent for one of another shape")
        if target.flags.writeable:  # type: ignore[attr-defined]  # (a read-only one stays as it was)
            target[...] = new  # type: ignore[index]
        return
    want = _BODY_TYPES.get(tag)
    if want is None or not isinstance(target, want):
        raise TypeError("a container's contents sent as another kind")
    decode_body(body, ref, memo, tref, target)


class _Deep:
    """Around encoding and parsing only: room for values nested ``MAX_DEPTH`` deep (four frames per level;
    JSON takes two levels per value level, each with its own recursion check). Re-entrant."""

    def __init__(self) -> None:
        self.saved: list[int] = []

    def __enter__(self) -> None:
        old = sys.getrecursionlimit()
        self.saved.append(old)
        if len(self.saved) == 1:  # four frames per level, above whatever depth the caller is at
            sys.setrecursionlimit(old + 5 * MAX_DEPTH)

    def __exit__(self, *exc: object) -> None:
        sys.setrecursionlimit(self.saved.pop())


DEEP = _Deep()


def _is_namedtuple(t: type) -> bool:
    return (
        t.__bases__ == (tuple,)
        and isinstance(t.__dict__.get("_fields"), tuple)
        and set(t.__dict__) <= (_NT_KEYS | set(t.__dict__.get("_fields", ())))
    )


def decoded_namedtuple(t: type) -> bool:
    """Whether ``t`` is a namedtuple class this side made for a value it decoded."""
    fields = t.__dict__.get("_fields")
    return type(fields) is tuple and _NT_CLASSES.get((t.__name__, fields)) is t


def encode(x: object, ref: Callable | None = None, memo: Memo | None = None, depth: int = 0) -> list:
    """Encode data exactly (type tags; subclasses are not data). Anything else becomes a reference through
    ``ref`` (``["r", id]`` from the solution, ``["T", id]`` from the tests), or raises TypeError without
    one."""
    if depth > MAX_DEPTH:
        raise ValueError("value nested too deeply")
    if memo is None:
        memo = Memo()
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
    if t is list or t is dict:  # (the common containers, inline)
        ids = memo.ids
        k = ids.get(id(x))
        if k is not None:
            return ["@", k]
        ids[id(x)] = len(memo.objs)
        memo.objs.append(x)
        if ref is not None and HANDLES is not None and (t is list or not _namespace(x)):
            return _with_handle(HANDLES, x, ref, memo, depth)
        depth += 1
        if t is list:
            fast = _uniform(x) if len(x) > 8 else None  # type: ignore[arg-type]
            if fast is not None:
                return [fast, list(x)]  # type: ignore[call-overload]
            return ["l", [encode(v, ref, memo, depth) for v in x]]  # type: ignore[attr-defined]
        return ["d", [[encode(k, ref, memo, depth), encode(v, ref, memo, depth)] for k, v in x.items()]]  # type: ignore[attr-defined]
    if t is tuple or t is frozenset:
        return ["t" if t is tuple else "F", [encode(v, ref, memo, depth + 1) for v in x]]
    if t in _MUTABLE:
        k = memo.seen(x)
        if k is not None:
            return ["@", k]
        memo.add(x)
        if ref is not None and HANDLES is not None:
            return _with_handle(HANDLES, x, ref, memo, depth)
        return _encode_body(x, ref, memo, depth)
    if t is range:
        return ["R", hex(x.start), hex(x.stop), hex(x.step)]  # type: ignore[attr-defined]
    view = _VIEWS.get(t.__name__)
    if view is not None and t is view[0]():
        return ["V", t.__name__, encode(view[1](x), ref, memo, depth + 1)]
    mod = t.__module__  # (these modules are imported only where such a value exists: not in the worker)
    if mod == "fractions" and t is sys.modules["fractions"].Fraction:
        return ["Q", hex(x.numerator), hex(x.denominator)]  # type: ignore[attr-defined]
    if mod == "decimal" and t is sys.modules["decimal"].Decimal:
        return ["D", str(x)]
    if mod == "datetime" and t.__name__ in ("date", "datetime", "time", "timedelta"):
        if t is getattr(sys.modules["datetime"], t.__name__):
            return _encode_time(x, ref)
    if _is_namedtuple(t):
        fields = [encode(v, ref, memo, depth + 1) for v in x]  # type: ignore[attr-defined]
        return ["NT", t.__name__, list(t._fields), fields]  # type: ignore[attr-defined]
    np = sys.modules.get("numpy")
    if np is not None and t.__module__ == "numpy":
        if t is np.matrix:  # (numpy's own ndarray subclass: the same matrix rebuilt from its array)
            return ["nm", encode(np.asarray(x), None, None, depth + 1)]
        kind = getattr(getattr(x, "dtype", None), "kind", "")
        if (isinstance(x, np.generic) or t is np.ndarray) and (kind in "mM" or _extended(x.dtype)):  # type: ignore[attr-defined]
            return _encode_np_exact(np, x)
        if isinstance(x, np.generic) and kind in _NP_SCALARS:
            return ["ns", x.dtype.str, encode(x.item(), None, None, depth + 1)]  # type: ignore[attr-defined]
        if t is np.ndarray and kind in _NP_SCALARS:  # in bulk: its bytes (a 4M-element array in ~0.1 s)
            if ref is not None and HANDLES is not None and (id(x) in HANDLES.ids or not HANDLES.full(x)):
                k = memo.seen(x)  # (an array of numbers is followed like a container)
                if k is not None:
                    return ["@", k]
                memo.add(x)
                return _with_handle(HANDLES, x, ref, memo, depth)
            return _encode_array(np, x)
        if t is np.ndarray and kind in _NP_ARRAYS:
            items = x.ravel().tolist() if kind != "O" else list(x.ravel())  # type: ignore[attr-defined]
            flat = [encode(v, ref if kind == "O" else None, memo, depth + 1) for v in items]
            return ["nd", x.dtype.str, list(x.shape), flat]  # type: ignore[attr-defined]
    if mod != "builtins":
        got = _encode_mirrored(x, t, ref, depth)
        if got is not None:
            return got
        sympy = sys.modules.get("sympy")
        if sympy is not None and isinstance(x, sympy.Basic):
            try:
                return ["SY", _encode_sympy(sympy, x, depth)]
            except (TypeError, ValueError, AttributeError):
                pass  # (not an expression tree of sympy's own classes: a proxy)
    if t is type and getattr(builtins, x.__name__, None) is x and (TRUSTED or not issubclass(x, BaseException)):  # type: ignore[attr-defined]
        return ["BT", x.__name__]  # type: ignore[attr-defined]  # (``int`` in ``f.__annotations__``: the other side's own)
    if TRUSTED and isinstance(x, BaseException) and getattr(builtins, t.__name__, None) is t:
        return ["BX", t.__name__, [encode(a, ref, memo, depth + 1) for a in x.args]]  # (rebuilt there: data)
    if ref is None:
        raise TypeError(f"cannot send a {t.__name__}")
    return ref(x)


#: Objects rebuilt here as mirrors (an enum member of the other side's class): ``id`` -> (the mirror, how
#: the other side names the original). A mirror sent back is the original again. Cleared for every run.
MIRRORS: dict[int, tuple[object, list]] = {}
_MIRROR_CLASSES: dict[tuple, type] = {}
_ENUM_KINDS = ("IntFlag", "IntEnum", "StrEnum", "Flag")
_ENUM_MIXINS = {int: "int", str: "str", float: "float", object: ""}
_ENUM_SUNDERS = frozenset({"_new_member_", "_member_type_", "_value_repr_", "_generate_next_value_", "_member_names_",
    "_member_map_", "_value2member_map_", "_unhashable_values_", "_use_args_", "_singles_mask_", "_all_bits_",
    "_boundary_", "_flag_mask_", "_inverted_", "_order_"})  # fmt: skip  # (the enum machinery's own names)


def clear_mirrors() -> None:
    MIRRORS.clear()
    _MIRROR_CLASSES.clear()


def _encode_mirrored(x: object, t: type, ref: Callable | None, depth: int) -> list | None:
    """An object of the other side's kind that crosses as data rebuilt into a trusted mirror, or None: an
    ``enum`` member (``["E", class name, kind, [[member, value], ...], member, origin]``) of a class that
    defines nothing but members (no method, property or special method of its own), whose values are data.
    A mirror is sent back as the original it stands for."""
    got = MIRRORS.get(id(x))
    if got is not None and got[0] is x:
        return got[1]
    enum = sys.modules.get("enum")
    if enum is None or not isinstance(t, enum.EnumMeta) or not _plain_enum(enum, t):
        return None
    kind = next((k for k in _ENUM_KINDS if getattr(enum, k, None) in t.__mro__), None)
    if kind is None:
        kind = _ENUM_MIXINS.get(t._member_type_)  # type: ignore[attr-defined]
        if kind is None:
            return None
    try:
        members = [[str(n), encode(m._value_, None, None, depth + 1)] for n, m in t._member_map_.items()]  # type: ignore[attr-defined]
        value = encode(x._value_, None, None, depth + 1)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return None
    name = x._name_ if t._member_map_.get(x._name_) is x else None  # type: ignore[attr-defined]
    return ["E", t.__name__, kind, members, name, value, None if ref is None else ref(x)]


def _encode_sympy(sympy: object, e: object, depth: int) -> list:
    """A sympy expression as its tree, rebuilt by the other side from sympy's own classes (never parsed):
    ``["Sym", name, assumptions]``, ``["Int", hex]``, ``["Rat", hex, hex]``, ``["Flt", mpf, precision]``, a
    singleton ``["S", name]`` (``pi``, ``oo``, ``I``, ``0``), an undefined function applied ``["UF", name,
    args]``, any other class of sympy's ``["C", name, args, None or the module of sympy's defining it]``.
    TypeError for anything else."""
    if depth > MAX_DEPTH:
        raise ValueError("value nested too deeply")
    t = type(e)
    name = t.__name__
    if t is sympy.Symbol:  # type: ignore[attr-defined]
        assumptions = getattr(e, "_assumptions_orig", None)
        if assumptions is None:
            assumptions = e.assumptions0  # type: ignore[attr-defined]
        return ["Sym", e.name, {str(k): bool(v) for k, v in assumptions.items()}]  # type: ignore[attr-defined]
    if t is sympy.Integer:  # type: ignore[attr-defined]
        return ["Int", hex(int(e))]  # type: ignore[call-overload]
    if t is sympy.Rational:  # type: ignore[attr-defined]
        return ["Rat", hex(int(e.p)), hex(int(e.q))]  # type: ignore[attr-defined]
    if t is sympy.Float:  # type: ignore[attr-defined]
        sign, man, exp, bc = e._mpf_  # type: ignore[attr-defined]
        return ["Flt", [int(sign), hex(int(man)), int(exp), int(bc)], int(e._prec)]  # type: ignore[attr-defined]
    args = e.args  # type: ignore[attr-defined]
    if not args and getattr(sympy.S, name, None) is e:  # type: ignore[attr-defined]
        return ["S", name]
    if not isinstance(args, tuple):
        raise TypeError("not a sympy tree")
    if isinstance(t, sympy.core.function.UndefinedFunction):  # type: ignore[attr-defined]
        return ["UF", name, [_encode_sympy(sympy, a, depth + 1) for a in args]]
    home = None if getattr(sympy, name, None) is t else t.__module__  # (a class sympy does not export by name)
    if home is not None and not (
        isinstance(home, str) and home.startswith("sympy.") and getattr(sys.modules.get(home), name, None) is t
    ):
        raise TypeError(f"cannot send a sympy {name}")
    if args and not name.startswith("_"):
        return ["C", name, [_encode_sympy(sympy, a, depth + 1) for a in args], home]
    raise TypeError(f"cannot send a sympy {name}")


def _decode_sympy(v: object) -> object:
    """A sympy expression rebuilt from :func:`_encode_sympy`'s tree with this side's sympy classes, each
    node from its rebuilt arguments (sympy's invariant: ``e.func(*e.args) == e``)."""
    return _sympy_node(importlib.import_module("sympy"), v)


def _sympy_node(sympy: object, v: object) -> object:
    if not isinstance(v, list) or not v or type(v[0]) is not str:
        raise TypeError("bad sympy node")
    tag = v[0]
    if tag == "Sym":
        name, assumptions = v[1], v[2]
        if type(name) is not str or type(assumptions) is not dict:
            raise TypeError("bad sympy symbol")
        if not all(type(k) is str and k.isidentifier() and type(b) is bool for k, b in assumptions.items()):
            raise TypeError("bad sympy assumptions")
        return sympy.Symbol(name, **assumptions)  # type: ignore[attr-defined]
    if tag == "Int":
        return sympy.Integer(int(v[1], 16))  # type: ignore[attr-defined]
    if tag == "Rat":
        return sympy.Rational(int(v[1], 16), int(v[2], 16))  # type: ignore[attr-defined]
    if tag == "Flt":
        sign, man, exp, bc = v[1]
        mpf = (int(sign) & 1, abs(int(man, 16)), int(exp), abs(int(bc)))
        return sympy.Float._new(mpf, max(1, int(v[2])), zero=False)  # type: ignore[attr-defined]  # (normalized there)
    name = v[1]
    if type(name) is not str or not name.isidentifier() or name.startswith("_"):
        raise TypeError("bad sympy name")
    if tag == "S":
        got = getattr(sympy.S, name)  # type: ignore[attr-defined]
        if not isinstance(got, sympy.Basic):  # type: ignore[attr-defined]
            raise TypeError("bad sympy singleton")
        return got
    if not isinstance(v[2], list):
        raise TypeError("bad sympy arguments")
    args = [_sympy_node(sympy, a) for a in v[2]]
    if tag == "UF":
        return sympy.Function(name)(*args)  # type: ignore[attr-defined]
    home = v[3] if len(v) > 3 else None  # a module of sympy's already imported here, or sympy itself
    if home is not None and not (type(home) is str and home.startswith("sympy.")):
        raise TypeError("bad sympy module")
    cls = getattr(sympy if home is None else sys.modules.get(home), name, None)
    if tag != "C" or not (isinstance(cls, type) and issubclass(cls, sympy.Basic)):  # type: ignore[attr-defined]
        raise TypeError("bad sympy class")
    return cls(*args)


def _plain_enum(enum: object, t: type) -> bool:
    """Whether the enum class ``t`` defines nothing beyond its members: every other name of its own classes
    is the enum machinery's (its ``_sunder_`` names, functions of the ``enum`` module, special methods
    copied from a base). What a mirror drops is only ever the class's own behaviour: the mirror itself is a
    trusted enum of the same values."""
    plain = ("__module__", "__qualname__", "__doc__", "__dict__", "__weakref__")
    members, machinery = t._member_map_, getattr(enum, "__file__", None)  # type: ignore[attr-defined]
    for i, k in enumerate(t.__mro__):
        if k.__module__ in ("enum", "builtins"):
            continue
        for name, v in vars(k).items():
            if name in members or name in plain or name in _ENUM_SUNDERS:
                continue
            f = getattr(v, "__func__", v)
            code = getattr(f, "__code__", None)
            if code is not None and code.co_filename == machinery:
                continue
            if not any(
                getattr(b.__dict__.get(name), "__func__", b.__dict__.get(name)) is f for b in t.__mro__[i + 1 :]
            ):
                return False
    return True


def _decode_enum(v: list, ref: Callable | None, tref: Callable | None) -> object:
    """A mirror of the other side's enum member: a member of a class made here (once per run) by the
    functional API of the same kind, with the same members and values."""
    enum = importlib.import_module("enum")
    name, kind, members, member, value, origin = v[1:7]
    if type(name) is not str or kind not in _ENUM_KINDS + tuple(_ENUM_MIXINS.values()) or type(members) is not list:
        raise TypeError("bad enum")
    pairs = [(str(n), decode(e)) for n, e in members]
    if not pairs or not all(n.isidentifier() and not n.startswith("_") for n, _ in pairs):
        raise TypeError("bad enum members")
    key = (name, kind, repr(members))
    cls = _MIRROR_CLASSES.get(key)
    if cls is None:
        if kind in _ENUM_KINDS:
            cls = getattr(enum, kind)(name, pairs, module="solution")
        else:
            mixin = {"int": int, "str": str, "float": float}.get(kind)
            cls = enum.Enum(name, pairs, module="solution", type=mixin)
        _MIRROR_CLASSES[key] = cls
    out = cls[member] if type(member) is str else cls(decode(value))  # type: ignore[index, operator]
    if isinstance(origin, list) and origin and origin[0] in ("r", "T"):
        MIRRORS[id(out)] = (out, [str(origin[0]), int(origin[1])])
    return out


#: Built-in and standard views and wrappers that cross as the data they wrap, rebuilt as the same type:
#: type name -> (the type, its data, a new one from that data).
_VIEWS: dict[str, tuple[Callable, Callable, Callable]] = {
    "dict_keys": (lambda: type({}.keys()), list, lambda v: dict.fromkeys(v).keys()),
    "dict_values": (lambda: type({}.values()), list, lambda v: dict(enumerate(v)).values()),
    "dict_items": (lambda: type({}.items()), list, lambda v: dict(v).items()),
    "mappingproxy": (lambda: type(type.__dict__), dict, lambda v: type(type.__dict__)(v)),
    "slice": (lambda: slice, lambda x: (x.start, x.stop, x.step), lambda v: slice(*v)),
    "UserList": (lambda: collections.UserList, lambda x: x.data, lambda v: collections.UserList(v)),
    "UserDict": (lambda: collections.UserDict, lambda x: x.data, lambda v: collections.UserDict(v)),
    "UserString": (lambda: collections.UserString, lambda x: x.data, lambda v: collections.UserString(v)),
}
_VIEW_DATA = {"dict_keys": list, "dict_values": list, "dict_items": list, "mappingproxy": dict, "slice": tuple,
              "UserList": list, "UserDict": dict, "UserString": str}  # fmt: skip


_UNIFORM = {int: "li", float: "lf", str: "ls"}  # a list of one plain type crosses as a JSON array of it
_UNIFORM_TYPES = {v: k for k, v in _UNIFORM.items()}
_INT_BOUND = 1 << 63  # (larger ints cross as hex, free of the interpreter's digit limit)


def _uniform(x: list) -> str | None:
    """The tag of a list whose items are all plain ints (within 64 bits), all floats or all strs: it crosses
    as a JSON array of them, about ten times faster than item by item (large values: 2M ints)."""
    t = type(x[0])
    if t is int:
        ok = all(type(v) is int and -_INT_BOUND < v < _INT_BOUND for v in x)
    elif t is float or t is str:
        ok = all(type(v) is t for v in x)
    else:
        return None
    return _UNIFORM[t] if ok else None


def _extended(dtype: object) -> bool:
    """numpy's extended precision (``longdouble``, ``clongdouble``): ``item()`` gives the same type back."""
    kind, size = getattr(dtype, "kind", ""), getattr(dtype, "itemsize", 0)
    return (kind == "f" and size > 8) or (kind == "c" and size > 16)


def _encode_np_exact(np: object, x: object) -> list:
    """A numpy scalar or array of extended precision (each number as its shortest round-trip text, complex
    ones as two) or of dates and durations (``datetime64``/``timedelta64``: their 64-bit count of units):
    ``["nx", dtype, shape or None, items]``."""
    dtype = x.dtype  # type: ignore[attr-defined]
    scalar = not hasattr(x, "shape") or x.shape == () and type(x).__name__ != "ndarray"  # type: ignore[attr-defined]
    flat = np.ravel(x)  # type: ignore[attr-defined]
    if dtype.kind in "mM":
        items: list = flat.view("i8").tolist()
    else:
        text = np.format_float_scientific  # type: ignore[attr-defined]
        if dtype.kind == "f":
            items = [text(v, unique=True) for v in flat]
        else:
            items = [[text(v.real, unique=True), text(v.imag, unique=True)] for v in flat]
    return ["nx", dtype.str, None if scalar else list(x.shape), items]  # type: ignore[attr-defined]


def _decode_np_exact(v: list) -> object:
    np = importlib.import_module("numpy")
    dtype = np.dtype(str(v[1]))
    items = v[3]
    if not isinstance(items, list):
        raise TypeError("bad numpy items")
    if dtype.kind in "mM":
        if not all(type(i) is int for i in items):
            raise TypeError("bad numpy items")
        flat = np.array(items, dtype="i8").view(dtype)
    elif _extended(dtype):
        real = dtype.type(0).real.dtype.type

        def num(t: object) -> object:
            if type(t) is not str or len(t) > 64:
                raise TypeError("bad numpy number")
            return real(t)

        if dtype.kind == "f":
            flat = np.array([num(t) for t in items], dtype=dtype)
        else:
            if not all(isinstance(t, list) and len(t) == 2 for t in items):
                raise TypeError("bad numpy complex")
            flat = np.array([dtype.type(num(a)) + dtype.type(num(b)) * 1j for a, b in items], dtype=dtype)
    else:
        raise TypeError("bad numpy dtype")
    if v[2] is None:
        if len(flat) != 1:
            raise TypeError("bad numpy scalar")
        return flat[0]
    return flat.reshape(tuple(int(n) for n in v[2]))


def _encode_array(np: object, x: object) -> list:
    data = base64.b64encode(np.ascontiguousarray(x).tobytes()).decode()  # type: ignore[attr-defined]
    return ["nb", x.dtype.str, list(x.shape), data]  # type: ignore[attr-defined]


def _with_handle(handles: Handles, x: object, ref: Callable, memo: Memo, depth: int) -> list:
    """``["H", handle, contents]``: a mutable container the other side keeps as the same object, or
    ``["h", handle]`` when its items are those both sides last had (a change in a container it holds crosses
    with the message's ``sync``, applied first)."""
    h = handles.handle(x)
    if h is not None and h in handles.copies and h not in handles.released and not _changed(x, handles.copies[h][0]):
        return ["h", h]  # (unchanged since both sides last had it: by handle alone)
    if h is not None and _is_array(x) and h in handles.copies and handles.copies[h][0][1:] != _flat(x)[1:]:
        handles.forget_reshaped(h)  # (its shape or dtype changed in place: from now on another array there)
        h = handles.handle(x)
    body = _encode_body(x, ref, memo, depth)
    if h is None:
        return body
    handles.mark(h)
    return ["H", h, body]


def _encode_body(x: object, ref: Callable | None, memo: Memo, depth: int) -> list:
    """A mutable container's contents, under its own tag (the container itself already has its rank)."""
    t = type(x)
    if _is_array(x):
        return _encode_array(sys.modules["numpy"], x)

    def enc(v: object) -> list:
        return encode(v, ref, memo, depth + 1)

    def pairs(d: dict) -> list:
        return [[enc(k), enc(v)] for k, v in d.items()]

    if t is list:
        fast = _uniform(x) if len(x) > 8 else None  # type: ignore[arg-type]
        if fast is not None:
            return [fast, list(x)]  # type: ignore[call-overload]
        return ["l", [enc(v) for v in x]]  # type: ignore[attr-defined]
    if t is set:
        return ["S", [enc(v) for v in x]]  # type: ignore[attr-defined]
    if t is dict:
        return ["d", pairs(x)]  # type: ignore[arg-type]
    if t is bytearray:
        return ["B", base64.b64encode(x).decode()]  # type: ignore[arg-type]
    if t is collections.Counter:
        return ["C", pairs(x)]  # type: ignore[arg-type]
    if t is collections.OrderedDict:
        return ["O", pairs(x)]  # type: ignore[arg-type]
    if t is collections.defaultdict:
        f = x.default_factory  # type: ignore[attr-defined]
        name = f.__name__ if f is not None and _FACTORIES.get(getattr(f, "__name__", "")) is f else None
        if f is not None and name is None:
            return ["d", pairs(x)]  # type: ignore[arg-type]  # (an unknown factory: a plain dict of its items)
        return ["DD", name, pairs(x)]  # type: ignore[arg-type]
    return ["dq", x.maxlen, [enc(v) for v in x]]  # type: ignore[attr-defined]


def _encode_time(x: object, ref: Callable | None) -> list:
    datetime = sys.modules["datetime"]
    t = type(x)
    if t is datetime.timedelta:
        return ["TD", x.days, x.seconds, x.microseconds]  # type: ignore[attr-defined]
    if t is datetime.date:
        return ["TA", x.year, x.month, x.day]  # type: ignore[attr-defined]
    tz = x.tzinfo  # type: ignore[attr-defined]
    if tz is not None and type(tz) is not datetime.timezone:
        if ref is None:
            raise TypeError(f"cannot send a {t.__name__} with a {type(tz).__name__}")
        return ref(x)
    off = None if tz is None else _encode_time(tz.utcoffset(None), None)
    if t is datetime.time:
        return ["TT", x.hour, x.minute, x.second, x.microsecond, x.fold, off]  # type: ignore[attr-defined]
    fields = [x.year, x.month, x.day, x.hour, x.minute, x.second, x.microsecond, x.fold]  # type: ignore[attr-defined]
    return ["TM", *fields, off]


def decode(v: list, ref: Callable | None = None, memo: Memo | None = None, tref: Callable | None = None) -> object:
    """Rebuild a value as this side's own objects; ``ref(i)`` for ``["r", i, ...]`` (the other side's
    objects, a proxy here), ``tref(i)`` for ``["T", i]``; ``memo`` resolves back-references."""
    if memo is None:
        memo = Memo()
    tag = v[0]
    if tag == "n":
        return None
    if tag == "b":
        if type(v[1]) is not bool:
            raise TypeError("bad bool")
        return v[1]
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
    if tag == "l":  # (the common containers, inline: registered before their items, so cycles resolve)
        out: list = []
        memo.objs.append(out)
        out.extend([decode(e, ref, memo, tref) for e in v[1]])
        return out
    if tag in _UNIFORM_TYPES:
        items, want = v[1], _UNIFORM_TYPES[tag]
        if type(items) is not list or not all(type(e) is want for e in items):
            raise TypeError("bad uniform list")
        memo.objs.append(items)
        return items
    if tag == "d":
        new: dict = {}
        memo.objs.append(new)
        for k, e in v[1]:
            new[decode(k, ref, memo, tref)] = decode(e, ref, memo, tref)
        return new
    if tag == "c":
        return complex(float.fromhex(v[1]), float.fromhex(v[2]))
    if tag == "t":
        return tuple([decode(e, ref, memo, tref) for e in v[1]])
    if tag == "F":
        return frozenset([decode(e, ref, memo, tref) for e in v[1]])
    if tag == "@":
        return memo.objs[int(v[1])]
    if tag == "H":
        return _decode_handle(v, ref, memo, tref)
    if tag == "h":
        got = None if HANDLES is None or type(v[1]) is not int else HANDLES.objs.get(v[1])
        if got is None:
            raise TypeError("an unknown handle")
        memo.objs.append(got)
        return got
    if tag in ("l", "S", "d", "B", "C", "O", "DD", "dq"):
        return decode_body(v, ref, memo, tref, None)
    if tag == "R":
        return range(int(v[1], 16), int(v[2], 16), int(v[3], 16))
    if tag == "Q":
        return importlib.import_module("fractions").Fraction(int(v[1], 16), int(v[2], 16))
    if tag == "D":
        if type(v[1]) is not str:
            raise TypeError("bad Decimal")
        return importlib.import_module("decimal").Decimal(v[1])
    if tag in ("TD", "TA", "TT", "TM"):
        return _decode_time(v)
    if tag == "NT":
        key = (str(v[1]), tuple(str(f) for f in v[2]))
        cls = _NT_CLASSES.get(key)
        if cls is None:
            cls = _NT_CLASSES[key] = collections.namedtuple(key[0], key[1])  # type: ignore[misc]
        return cls(*[decode(e, ref, memo, tref) for e in v[3]])
    if tag == "nx":
        return _decode_np_exact(v)
    if tag == "E":
        return _decode_enum(v, ref, tref)
    if tag == "SY":
        try:
            return _decode_sympy(v[1])
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            raise
        except Exception as e:  # (sympy's own errors: a tree no sympy expression has)
            raise TypeError(f"bad sympy tree: {type(e).__name__}") from None
    if tag == "V":
        name = str(v[1])
        data = decode(v[2], ref, memo, tref)
        if name not in _VIEWS or type(data) is not _VIEW_DATA[name]:
            raise TypeError("bad view")
        if name == "dict_items" and not all(type(p) is tuple and len(p) == 2 for p in data):  # type: ignore[attr-defined]
            raise TypeError("bad dict items")
        if name == "slice" and len(data) != 3:  # type: ignore[arg-type]
            raise TypeError("bad slice")
        return _VIEWS[name][2](data)
    if tag == "nb":
        np = importlib.import_module("numpy")
        dtype, shape = np.dtype(str(v[1])), tuple(int(n) for n in v[2])
        data = base64.b64decode(v[3])
        if dtype.kind not in _NP_SCALARS or min(shape, default=0) < 0 or len(data) != dtype.itemsize * math.prod(shape):
            raise TypeError("bad numpy array")
        return np.frombuffer(data, dtype=dtype).reshape(shape).copy()
    if tag == "nm":
        arr = decode(v[1])
        np = importlib.import_module("numpy")
        if type(arr) is not np.ndarray or arr.ndim > 2:
            raise TypeError("bad numpy matrix")
        return np.asmatrix(arr)
    if tag in ("ns", "nd"):
        np = importlib.import_module("numpy")  # (only when a numpy value was sent: it is importable here)
        dtype = np.dtype(str(v[1]))
        if dtype.kind not in (_NP_SCALARS if tag == "ns" else _NP_ARRAYS):
            raise TypeError("bad numpy dtype")
        if tag == "ns":
            return dtype.type(decode(v[2]))
        shape = tuple(int(n) for n in v[2])
        if dtype.kind != "O":
            return np.array([decode(e) for e in v[3]], dtype=dtype).reshape(shape)
        items = [decode(e, ref, memo, tref) for e in v[3]]
        out = np.empty(len(items), dtype=object)
        out[:] = items if items else out
        return out.reshape(shape)
    if tag == "BT":
        cls = getattr(builtins, str(v[1]), None)
        if not isinstance(cls, type) or (TRUSTED and issubclass(cls, BaseException)):
            raise TypeError("bad built-in class")
        return cls
    if tag == "BX" and not TRUSTED:  # (a built-in exception the tests made: this side's own, rebuilt)
        cls = getattr(builtins, str(v[1]), None)
        if not isinstance(cls, type) or not issubclass(cls, BaseException):
            raise TypeError("bad built-in exception")
        return cls(*[decode(a, ref, memo, tref) for a in v[2]])
    if tag == "r" and ref is not None:
        return ref(int(v[1]), *v[2:5])
    if tag == "T" and tref is not None:
        return tref(int(v[1]), *v[2:3])  # (with the tid of its class, when the tests defined it)
    raise TypeError(f"bad value tag {tag!r}")


def decode_body(v: list, ref: Callable | None, memo: Memo, tref: Callable | None, into: object) -> object:
    """A mutable container: a new one registered in ``memo`` before its items (cycles resolve), or, with
    ``into``, that existing container's contents replaced in place by the items (nothing registered)."""
    tag = v[0]
    if into is None:
        new: object = {
            "l": list, "S": set, "d": dict, "B": bytearray, "C": collections.Counter,
            "O": collections.OrderedDict, "DD": collections.defaultdict,
        }.get(tag, list)()  # fmt: skip
        if tag == "DD":
            new = collections.defaultdict(None if v[1] is None else _FACTORIES[str(v[1])])
        elif tag == "dq":
            new = collections.deque(maxlen=None if v[1] is None else int(v[1]))
        memo.objs.append(new)
        target = new
    else:
        target = into

    def dec(e: list) -> object:
        return decode(e, ref, memo, tref)

    if tag == "B":
        data = base64.b64decode(v[1])
        target[:] = data  # type: ignore[index]
        return target
    items = v[2] if tag in ("DD", "dq") else v[1]
    if tag in ("d", "C", "O", "DD"):
        contents: object = [(dec(k), dec(e)) for k, e in items]
        if not isinstance(target, dict):
            raise TypeError("a mapping sent for a container that is not one")
        target.clear()
        for k, e in contents:  # type: ignore[attr-defined]
            target[k] = e  # (a Counter's update() would count the pairs)
    elif tag == "S":
        if not isinstance(target, set):
            raise TypeError("a set sent for a container that is not one")
        contents = [dec(e) for e in items]
        target.clear()
        target.update(contents)  # type: ignore[arg-type]
    else:
        contents = [dec(e) for e in items]
        if isinstance(target, list):
            target[:] = contents
        elif isinstance(target, collections.deque):
            target.clear()
            target.extend(contents)
        else:
            raise TypeError("a sequence sent for a container that is not one")
    return target


_BODY_TYPES: dict[str, type | tuple[type, ...]] = {
    "l": (list, collections.deque), "S": set, "d": dict, "B": bytearray, "C": collections.Counter,
    "O": collections.OrderedDict, "DD": collections.defaultdict, "dq": collections.deque,
}  # fmt: skip


_HANDLED_TAGS = frozenset({*_BODY_TYPES, *_UNIFORM_TYPES, "nb"})


def _decode_handle(v: list, ref: Callable | None, memo: Memo, tref: Callable | None) -> object:
    """``["H", h, body]``: the container this side holds under ``h``, its contents replaced in place, or a new
    one under ``h`` (the other side's), or, outside a run's handles, a plain copy."""
    h, body = v[1], v[2]
    if type(h) is not int or not isinstance(body, list) or not body or body[0] not in _HANDLED_TAGS:
        raise TypeError("bad handle")
    handles = HANDLES
    if handles is None:
        x = decode(body, ref, memo, tref)
        if _is_array(x):
            memo.objs.append(x)
        return x
    target = handles.known(h)
    if target is None:
        x = decode(body, ref, memo, tref)
        if (type(x) not in _MUTABLE and not _is_array(x)) or id(x) in handles.ids:
            raise TypeError("bad handle")
        if _is_array(x):
            memo.objs.append(x)  # (its rank: given before its body by the sender, which holds no items)
        if handles.full(x):  # (a copy: the other side forgets it with this side's next message)
            handles.declined.append(h)
        else:
            handles.adopt(h, x)
        return x
    memo.objs.append(target)
    _fill(target, body, ref, memo, tref)
    handles.mark(h)
    return target


def _decode_time(v: list) -> object:
    datetime = importlib.import_module("datetime")
    tag = v[0]
    if tag == "TD":
        return datetime.timedelta(int(v[1]), int(v[2]), int(v[3]))
    if tag == "TA":
        return datetime.date(int(v[1]), int(v[2]), int(v[3]))
    tz = None if v[-1] is None else datetime.timezone(_decode_time(v[-1]))  # type: ignore[arg-type]
    if tag == "TT":
        return datetime.time(int(v[1]), int(v[2]), int(v[3]), int(v[4]), tzinfo=tz, fold=int(v[5]))
    y, mo, d, h, mi, s, us, fold = (int(n) for n in v[1:9])
    return datetime.datetime(y, mo, d, h, mi, s, us, tzinfo=tz, fold=fold)


def short_repr(x: object, n: int = 200) -> str:
    try:
        s = repr(x)
    except BaseException:
        s = f"<{type(x).__name__}>"
    return s if len(s) <= n else s[:n] + "..."


#: What :func:`rehearse` sends both ways: the kinds of value most answers are made of.
_REHEARSAL = (0, 7, -5, 1 << 70, 1.5, -0.0, "abc", "", True, False, None, b"ab", [1, 2, 3], [1.0, 2.5], ["x", "y"],
              [1, "a", [2.5, None]], (1, 2), (1, "a"), {"a": 1, "b": [1, 2]}, {1: "x"}, {1, 2}, frozenset({3}),
              [[1, 2], [3]], [(1, 2), (3, 4)], {"k": (1, [2])})  # fmt: skip


def rehearse(rounds: int = 16) -> None:
    """Encode and decode :data:`_REHEARSAL` ``rounds`` times, in the worker before it forks anything: CPython
    3.11 rewrites a function's bytecode in place during its first calls (specialisation), and a forked run
    that does so writes — and copies — those pages. Rehearsed here, the codec's code is specialised once for
    all runs, with made-up values only (no job has arrived yet)."""
    objs: list[object] = []

    def ref(x: object) -> list:
        objs.append(x)
        return ["r", len(objs) - 1]

    handles, saved = Handles(1), HANDLES
    set_handles(handles)
    try:
        for _ in range(rounds):
            with DEEP:
                for x in _REHEARSAL:
                    line = json.dumps({"ok": encode(x, ref, Memo())})
                    decode(json.loads(line)["ok"], lambda i, *_: objs[i], Memo(), None)
                handles.outgoing(ref)
    finally:
        set_handles(saved)
