"""The value codec between the solution and the tests: exact types, identity, depth (no sandbox needed)."""

from __future__ import annotations

import collections
import datetime
import decimal
import fractions
import json
import sys
import types

import numpy as np
import pytest

from rlvr.sandbox.worker.values import DEEP, MAX_DEPTH, Handles, decode, encode, set_handles

P = collections.namedtuple("P", "x y")
TZ = datetime.timezone(datetime.timedelta(hours=-3, minutes=-30))
VALUES = [
    None, True, 0, -(10**5000), 1.5, float("inf"), 2 + 3j, "é", b"\x00\xff", bytearray(b"ab"), range(1, 10, 3),
    (1, [2]), frozenset({1, 2}), {1, 2}, {"a": [1], (1, 2): {3}},
    fractions.Fraction(-7, 3), decimal.Decimal("1.500"), decimal.Decimal("-Infinity"),
    datetime.date(2020, 2, 29), datetime.datetime(2020, 1, 1, 23, 59, 59, 999, tzinfo=TZ),
    datetime.time(1, 2, 3, 4, fold=1), datetime.timedelta(days=-1, microseconds=5),
    collections.Counter("abca"), collections.OrderedDict([("b", 1), ("a", 2)]),
    collections.defaultdict(list, {"k": [1]}), collections.deque([1, 2], maxlen=5), P(1, [2]),
]  # fmt: skip


def roundtrip(x: object) -> object:
    with DEEP:
        return decode(json.loads(json.dumps(encode(x))))


@pytest.mark.parametrize("x", VALUES, ids=lambda x: type(x).__name__)
def test_values_cross_as_their_exact_type(x: object) -> None:
    y = roundtrip(x)
    assert type(y).__name__ == type(x).__name__ and y == x
    if type(x) is not int:
        assert repr(y) == repr(x)
    if isinstance(x, collections.defaultdict):
        assert y.default_factory is list
    if isinstance(x, collections.deque):
        assert y.maxlen == 5


def test_numpy_values_keep_dtype_and_shape() -> None:
    for x in (np.float32(0.1), np.int8(-3), np.bool_(True), np.complex64(1j)):
        y = roundtrip(x)
        assert type(y) is type(x) and y == x
    a = np.arange(12, dtype=np.uint16).reshape(3, 4)
    b = roundtrip(a)
    assert b.dtype == a.dtype and b.shape == a.shape and (b == a).all()
    s = roundtrip(np.array([["ab", "c"]]))
    assert s.dtype == np.dtype("<U2") and s.shape == (1, 2) and s[0, 0] == "ab"
    o = roundtrip(np.array([[1], "x", None], dtype=object))
    assert o.dtype == object and o[0] == [1] and o[1] == "x" and o[2] is None
    with pytest.raises(TypeError):
        encode(np.zeros(1, dtype=[("a", "i4")]))  # a structured dtype is not allowed, and no reference given


def test_numpy_extended_precision_dates_and_durations_cross_exactly() -> None:
    third = np.longdouble(1) / 3
    for x in (third, np.clongdouble(third + 2j), np.timedelta64(3, "D"), np.datetime64("2020-01-02T03:04")):
        y = roundtrip(x)
        assert type(y) is type(x) and y.dtype == x.dtype and y == x
    a = np.array([[third, 2]], dtype=np.longdouble)
    b = roundtrip(a)
    assert b.dtype == a.dtype and b.shape == a.shape and (b == a).all()
    d = np.array(["2020-01-01", "NaT"], dtype="datetime64[D]")
    e = roundtrip(d)
    assert e.dtype == d.dtype and e[0] == d[0] and np.isnat(e[1])


def test_subclasses_and_other_objects_are_not_data() -> None:
    class MyInt(int):
        pass

    class Sub(collections.namedtuple("S", "a")):
        def lie(self) -> int:
            return 0

    for x in (MyInt(1), Sub(1), object(), datetime.datetime(2020, 1, 1, tzinfo=_Odd())):
        with pytest.raises(TypeError):
            encode(x)
        assert encode(x, lambda o: ["r", 7])[0] in ("r", "TM")  # a reference where one is offered


class _Odd(datetime.tzinfo):
    def utcoffset(self, dt: object) -> datetime.timedelta:
        return datetime.timedelta(0)


def test_identity_and_cycles_survive_one_message() -> None:
    inner = [1]
    x: list = [inner, inner, {"k": inner}]
    x.append(x)
    y = roundtrip(x)
    assert y[0] is y[1] is y[2]["k"] and y[3] is y


class _Sides:
    """Two sides of a crossing, each with its own :class:`Handles` (the trusted side numbers its containers
    -1, -2, ..., the solution's 1, 2, ...), exchanging messages as JSON."""

    def __init__(self) -> None:
        self.handles = {"tests": Handles(-1), "solution": Handles(1)}

    def send(self, side: str, x: object) -> object:
        """``x`` sent from ``side`` with what changed since, received by the other side."""
        other = "solution" if side == "tests" else "tests"
        set_handles(self.handles[side])
        try:
            msg = {"ok": encode(x, _no_ref), **self.handles[side].outgoing(_no_ref)}
            msg = json.loads(json.dumps(msg))
            set_handles(self.handles[other])
            self.handles[other].incoming(msg, None, None)
            return decode(msg["ok"])
        finally:
            set_handles(None)


def _no_ref(x: object) -> list:
    raise AssertionError(f"not data: {x!r}")


def test_handles_keep_identity_and_changes_across_messages() -> None:
    """A container sent again is the same object on the other side; what either side changes in a container
    both hold reaches the other with its next message; one no side holds is forgotten."""
    sides = _Sides()
    mine = [3, 1]
    theirs = sides.send("tests", [mine, {"v": mine}])
    kept = theirs[0]  # the solution keeps the tests' list ...
    assert theirs[1]["v"] is kept
    del theirs
    kept.sort()  # ... and changes it later
    assert sides.send("solution", None) is None and mine == [1, 3]
    mine.append(7)  # the tests change it: the solution's copy follows with the next message
    sides.send("tests", None)
    assert kept == [1, 3, 7]
    again = sides.send("solution", kept)  # sent back: the tests' own list
    assert again is mine
    internal = {"a": [1]}
    first, second = sides.send("solution", internal), sides.send("solution", internal)
    assert first is second  # the same object twice is the same object
    first["a"].append(2)
    sides.send("tests", None)
    assert internal == {"a": [1, 2]}
    del first, second, again
    sides.send("tests", None)  # the tests hold none of the solution's containers now: forgotten on both sides
    assert not [h for h in sides.handles["tests"].objs if h > 0]
    sides.send("solution", None)  # (a release is applied once the values of its message are decoded)
    assert not [h for h in sides.handles["solution"].objs if h > 0]


def test_a_handle_of_the_receivers_numbering_must_be_known() -> None:
    """A side cannot name a container of the other's numbering that it was never given (a forged handle)."""
    tests = Handles(-1)
    set_handles(tests)
    try:
        with pytest.raises(TypeError):
            decode(["H", -5, ["l", []]])
        with pytest.raises(TypeError):
            tests.incoming({"sync": [[3, ["l", []]]]}, None, None)
    finally:
        set_handles(None)


def test_a_module_namespace_crosses_as_a_copy() -> None:
    """``globals()`` handed to the other side (a module's namespace, or one holding the harness's hooks) is
    never an alias it could write back into; the containers in it are."""
    module = types.ModuleType("rlvr_probe_namespace")
    module.xs = [1]  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    handles = Handles(-1)
    set_handles(handles)
    try:
        sent = [encode(ns, lambda x: ["T", 0]) for ns in (vars(module), {"x": [2], "__rlvr_pass__": 0})]
    finally:
        set_handles(None)
        del sys.modules[module.__name__]
    assert [v[0] for v in sent] == ["d", "d"]
    assert sorted(map(repr, handles.objs.values())) == ["[1]", "[2]"]


def test_depth_limit() -> None:
    x: list = []
    for _ in range(MAX_DEPTH - 1):
        x = [x]
    y = roundtrip(x)
    for _ in range(MAX_DEPTH - 1):
        y = y[0]
    assert y == []
    with DEEP, pytest.raises(ValueError):
        encode([[[x]]])  # (a fresh chain: x met again would be a back-reference)


BAD = [
    ["b", 1], ["s", 5], ["@", 3], ["nd", "|V8", [1], [["n"]]], ["zz"], ["DD", "eval", []],
    ["nb", "<f8", [2], "AAAA"], ["nb", "|O", [1], ""], ["nb", "<i4", [-1], ""], ["nm", ["i", "0x1"]],
    ["E", "C", "int", [["__eq__", ["i", "0x1"]]], "__eq__", ["i", "0x1"], None],
    ["E", "C", "os.system", [["A", ["i", "0x1"]]], "A", ["i", "0x1"], None],
    ["SY", ["C", "sympify", [["Int", "0x1"]], None]], ["SY", ["S", "__class__"]], ["SY", ["C", "Add", [], "os"]],
    ["SY", ["Sym", "x", {"__import__('os')": True}]], ["SY", ["C", "Symbol", [], "sympy.core.nope"]],
]  # fmt: skip


@pytest.mark.parametrize("bad", BAD)
def test_bad_messages_raise(bad: list) -> None:
    with pytest.raises((TypeError, ValueError, KeyError, IndexError)):
        decode(bad)


def test_uniform_lists_cross_as_one_array_with_exact_types_and_identity() -> None:
    ints, floats, strs = list(range(-5, 20)), [0.5, -0.0, float("inf")] * 5, ["a", "b"] * 6
    for x, tag in ((ints, "li"), (floats, "lf"), (strs, "ls")):
        assert encode(x)[0] == tag
        y = roundtrip(x)
        assert y == x and [type(v) for v in y] == [type(v) for v in x]
    assert encode([1] * 9 + [True])[0] == "l" and encode([1] * 9 + [1 << 70])[0] == "l"  # mixed: item by item
    both = roundtrip((ints, ints))
    assert both[0] is both[1]  # aliasing survives
    with pytest.raises((TypeError, ValueError)):
        decode(["li", [1, 2.0]])


def test_numpy_arrays_cross_in_bulk_exactly() -> None:
    """Arrays of numbers, bools and strings cross as their bytes (any layout), rebuilt writeable; np.matrix as
    itself."""
    a = np.arange(12, dtype=np.int16).reshape(3, 4).T
    for x in (a, a.astype(">f8"), a % 2 == 0, np.array([["ab", "c"]]), np.zeros((0, 3), np.complex64)):
        assert encode(x)[0] == "nb"
        y = roundtrip(x)
        assert (
            type(y) is np.ndarray and y.dtype == x.dtype and y.shape == x.shape and (y == x).all() and y.flags.writeable
        )
    m = roundtrip(np.matrix([[1, 2]]))
    assert type(m) is np.matrix and (m * m.T)[0, 0] == 5


def test_enum_members_cross_as_mirrors_of_their_values() -> None:
    """An enum member of a class that defines nothing but members is rebuilt as a member of a trusted enum of
    the same kind, members and values (sent back: the original); one with behaviour of its own is no data."""
    import enum

    class C(enum.IntEnum):
        A = 1
        B = 2

    class S(str, enum.Enum):
        X = "x"

    class M(enum.Enum):
        A = 1

        def f(self) -> int:
            return 1

    sent: list = []

    def ref(x: object) -> list:
        sent.append(x)
        return ["r", len(sent) - 1, ""]

    for member, value in ((C.B, 2), (S.X, "x")):
        msg = json.loads(json.dumps(encode(member, ref)))
        assert msg[0] == "E"
        y = decode(msg, lambda *a: None)
        assert y == value and type(y).__name__ == type(member).__name__ and y.name == member.name and y is not member
        assert encode(y, lambda x: pytest.fail("a mirror is sent as its original")) == msg[-1][:2]
    assert encode(M.A, ref)[0] == "r"


def test_sympy_expressions_cross_as_trees() -> None:
    sp = pytest.importorskip("sympy")
    x = sp.Symbol("x", positive=True)
    f = sp.Function("f")
    for e in (
        sp.sin(x) ** 2 + sp.Rational(1, 3) * x + sp.pi,
        sp.Float("0.1", 30),
        f(x).diff(x),
        sp.Piecewise((x, x > 1), (0, True)),
    ):
        msg = encode(e)
        assert msg[0] == "SY"
        assert sp.srepr(roundtrip(e)) == sp.srepr(e)

    class Z(sp.Expr):
        pass

    assert encode(Z(), lambda o: ["r", 0])[0] == "r"  # (a class of the solution's is no sympy data)
