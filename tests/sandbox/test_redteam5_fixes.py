"""Adversarial suite, fifth round: false fails of the outside round closed since (value types in call mode,
``typing.NamedTuple``, the solution's exception hierarchies, hashing, format specs and metadata of a
solution object, generator read-ahead, the tests deriving from a solution class, the tests' class of a
solution object's type name, a solution decorator on the tests' functions, the tests' own source), each mechanism with our own cases both ways — a
right program of the same shape that must pass, and wrong ones (objects that lie through the new paths
included) that must fail in both scoring modes. As in ``test_hostile.py``, outside the cage this module defines
one test that re-runs it inside the cage (``conftest.run_caged``), and the cases exist only inside."""

from __future__ import annotations

import os
from typing import Any

import pytest

IN_CAGE = os.environ.get("RLVR_HOSTILE_CAGE") == "1" and os.getpid() == 1

if not IN_CAGE:

    @pytest.mark.hostile
    @pytest.mark.slow
    def test_redteam5_fixes_in_cage(caged_suite) -> None:  # type: ignore[no-untyped-def]
        caged_suite(__file__)

else:
    pytestmark = pytest.mark.hostile

    NT = "from typing import NamedTuple\nclass Pt(NamedTuple):\n    x: int\n    y: int = 0\n"
    NP = "import numpy as np\n"
    BANK = (
        "class AppError(Exception):\n    pass\nclass DbError(AppError):\n    pass\n"
        "class NotFound(DbError, KeyError):\n    def __init__(self, key, *, table='t'):\n"
        "        super().__init__(key)\n        self.key, self.table = key, table\n"
        "    def __str__(self):\n        return f'no {self.key} in {self.table}'\n"
        "class Other(Exception):\n    pass\n"
    )

    def call(fn: str, inputs: list, outputs: list) -> dict:
        return {"fn_name": fn, "inputs": inputs, "outputs": outputs}

    # (solution, reference): right programs, each must pass in both scoring modes
    RIGHT = {
        # typing.NamedTuple is data, as a collections.namedtuple is
        "NamedTuple fields, default, unpacking, _asdict": (
            NT + "def f():\n    return Pt(3)\n",
            "p = f()\nassert p == (3, 0) and p.x == 3 and p.y == 0 and p[1] == 0 and len(p) == 2\n"
            "a, b = p\nassert (a, b) == (3, 0) and p._asdict() == {'x': 3, 'y': 0} and p._replace(y=5) == (3, 5)",
        ),
        "NamedTuple with a docstring, in a list": (
            "from typing import NamedTuple\nclass Pt(NamedTuple):\n    'A point.'\n    x: int\n    y: int\n"
            "def f():\n    return [Pt(1, 2), Pt(3, 4)]\n",
            "assert [q.x for q in f()] == [1, 3] and f() == [(1, 2), (3, 4)] and type(f()[0]).__name__ == 'Pt'",
        ),
        "NamedTuple in call mode, nested": (
            NT + "def f(a):\n    return {'p': Pt(a, a + 1), 'qs': [Pt(a)]}\n",
            call("f", [[1], [2]], [{"p": [1, 2], "qs": [[1, 0]]}, {"p": [2, 3], "qs": [[2, 0]]}]),
        ),
        # a numpy array is the nested lists of its values (what ``tolist()`` gives) in call mode
        "a 2-D float array in call mode": (
            NP + "def f(n):\n    return np.arange(1, 2 * n + 1).reshape(n, 2) / 2\n",
            call("f", [[2]], [[[0.5, 1.0], [1.5, 2.0]]]),
        ),
        "bool, empty and nested arrays in call mode": (
            NP + "def f(xs):\n    a = np.array(xs)\n    return [a > 1, a[:0], [a, a * 2]]\n",
            call("f", [[[1, 2]]], [[[False, True], [], [[1, 2], [2, 4]]]]),
        ),
        "an array of a LeetCode method in call mode": (
            NP + "class Solution:\n    def twoSum(self, nums, target):\n        return np.array([0, 1])\n",
            call("twoSum", [[[2, 7], 9]], [[0, 1]]),
        ),
        # rounding noise around an expected 0 without float_tol (an absolute 1e-12 under the relative 1e-9)
        "noise around an expected 0": (
            "import math\ndef f(k):\n    return [sum([0.1] * 10) - 1.0, math.sin(math.pi * k), 1.0 + 1e-12 * 0]\n",
            call("f", [[1], [3]], [[0.0, 0.0, 1.0], [0.0, -0.0, 1.0]]),
        ),
        "an exact 0 against the reference's own noise": (
            "def f(x):\n    return 0.0\n",
            call("f", [[1]], [0.1 + 0.2 - 0.3]),
        ),
        # the solution's exception classes keep their hierarchy in the tests
        "except Base catches a Sub two levels down, with its attributes": (
            BANK + "def get(k):\n    raise NotFound(k, table='users')\n",
            "try:\n    get('x')\n    assert False\nexcept AppError as e:\n"
            "    assert isinstance(e, DbError) and isinstance(e, NotFound) and isinstance(e, KeyError)\n"
            "    assert e.key == 'x' and e.table == 'users' and str(e) == 'no x in users'",
        ),
        "a built-in base of a multiple inheritance catches it": (
            BANK + "def get(k):\n    raise NotFound(k)\n",
            "try:\n    get('x')\nexcept KeyError as e:\n    assert type(e).__name__ == 'NotFound'\n"
            "assert issubclass(NotFound, DbError) and issubclass(NotFound, LookupError)\n"
            "assert not issubclass(Other, AppError) and not issubclass(AppError, DbError)",
        ),
        "assertRaises and pytest.raises with a base class": (
            BANK + "def get(k):\n    raise NotFound(k)\n",
            "import unittest, pytest\nclass T(unittest.TestCase):\n    def test_a(self):\n"
            "        with self.assertRaises(DbError) as cm:\n            get('k')\n"
            "        self.assertEqual(cm.exception.key, 'k')\n"
            "def test_b():\n    with pytest.raises(AppError, match='no k in t'):\n        get('k')\n"
            "    assert pytest.raises(LookupError, get, 'k').value.key == 'k'",
        ),
        "the tests make the solution's exception, its __init__ runs": (
            BANK,
            "e = NotFound('z', table='u')\nassert e.key == 'z' and e.table == 'u' and str(e) == 'no z in u'\n"
            "assert isinstance(e, AppError) and e.args == ('z',)\n"
            "try:\n    raise NotFound('q')\nexcept DbError as e2:\n    assert e2.key == 'q'",
        ),
        "the tests subclass the solution's exception": (
            BANK,
            "class Mine(DbError):\n    pass\ntry:\n    raise Mine('m')\nexcept AppError as e:\n    assert e.args == ('m',)",
        ),
        "one class per run: the same class raised twice": (
            BANK + "def get(k):\n    raise NotFound(k)\n",
            "def grab(k):\n    try:\n        get(k)\n    except DbError as e:\n        return e\n"
            "assert type(grab('a')) is type(grab('b')) is NotFound",
        ),
    }

    FROZEN = "from dataclasses import dataclass\n@dataclass(frozen=True)\nclass P:\n    x: int\ndef mk(a):\n    return P(a)\n"
    CARD = (
        "class Card:\n    def __init__(self, r):\n        self.r = r\n    def __eq__(self, o):\n"
        "        return isinstance(o, Card) and o.r == self.r\n    def __hash__(self):\n        return hash(self.r)\n"
        "def card(r):\n    return Card(r)\n"
    )
    MONEY = (
        "class Money:\n    def __init__(self, v):\n        self.v = v\n    def __str__(self):\n        return f'${self.v}'\n"
        "    def __format__(self, spec):\n        return '$' + format(self.v, spec)\n"
    )
    TYPED = (
        "from dataclasses import dataclass\n@dataclass\nclass P:\n    'A point.'\n    x: int\n    y: int = 0\n"
        "    def moved(self, d: int = 1) -> 'P':\n        return P(self.x + d, self.y)\n"
        "def f(a: int, b: 'list[int]' = None, *rest: str, c: P, d=2.5, **kw) -> bool:\n    'Checks.'\n    return True\ndef g(a: int, b: 'list[int]' = None, *rest: str, c, d=2.5, **kw) -> bool:\n    return True\n"
    )
    # the proxy of a solution object: hashing, format specs and metadata as the solution's
    RIGHT.update(
        {
            "frozen dataclasses in sets and as dict keys": (
                FROZEN,
                "assert len({mk(1), mk(1), mk(2)}) == 2 and hash(mk(3)) == hash(mk(3))\n"
                "d = {mk(1): 'a'}\nassert d[mk(1)] == 'a' and mk(2) not in d and d.get(mk(1)) == 'a'\n"
                "assert {mk(1), mk(2)} & {mk(2), mk(3)} == {mk(2)}",
            ),
            "a class's own __hash__ in a Counter": (
                CARD,
                "from collections import Counter\nc = Counter([card(1), card(1), card(2)])\nassert c[card(1)] == 2 and len(c) == 2",
            ),
            "format specs of a solution object": (
                MONEY + "def m(v):\n    return Money(v)\n",
                "assert f'{m(2.5):.2f}' == '$2.50' and format(m(3), '>4') == '$   3' and '{:.1f}'.format(m(1)) == '$1.0'\n"
                "assert f'{m(2)}' == '$2' == str(m(2))",
            ),
            "docstrings and annotations": (
                TYPED,
                "assert f.__doc__ == 'Checks.' and P.__doc__ == 'A point.' and P(1).__doc__ == 'A point.'\n"
                "assert f.__annotations__ == {'a': int, 'b': 'list[int]', 'rest': str, 'c': P, 'return': bool}\n"
                "assert f.__annotations__['c'] is P and P.moved.__annotations__ == {'d': int, 'return': 'P'}",
            ),
            "inspect.signature of functions, classes and methods": (
                TYPED,
                "import inspect\nassert str(inspect.signature(g)) == \"(a: int, b: 'list[int]' = None, *rest: str, c, d=2.5, **kw) -> bool\"\n"
                "s = inspect.signature(f)\nassert list(s.parameters) == ['a', 'b', 'rest', 'c', 'd', 'kw'] and s.parameters['d'].default == 2.5\n"
                "assert s.parameters['rest'].kind is inspect.Parameter.VAR_POSITIONAL and s.return_annotation is bool\n"
                "assert str(inspect.signature(P)) == '(x: int, y: int = 0) -> None'\n"
                "assert list(inspect.signature(P(1).moved).parameters) == ['d']",
            ),
            "annotations naming what the solution never imported (LeetCode's preamble)": (
                "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n"
                "        seen = {}\n        for i, n in enumerate(nums):\n            if target - n in seen:\n"
                "                return [seen[target - n], i]\n            seen[n] = i\n",
                call("twoSum", [[[2, 7, 11], 9], [[3, 3], 6]], [[0, 1], [0, 1]]),
            ),
            "annotations resolved in the solution's process": (
                "import typing\ndef f(x: int) -> list:\n    return x\ndef hints():\n    return typing.get_type_hints(f)\n",
                "assert hints() == {'x': int, 'return': list} and f.__annotations__ == {'x': int, 'return': list}",
            ),
            "next() reads one item: side effects when the tests reach them": (
                "LOG = []\ndef gen():\n    for i in range(5):\n        LOG.append(i)\n        yield i\n",
                "g = gen()\nassert next(g) == 0 and next(g) == 1\nassert LOG == [0, 1]\nassert next(g) == 2 and LOG == [0, 1, 2]",
            ),
            "next() pulls from the tests' iterator as the tests pull": (
                "def pairs(it):\n    for x in it:\n        yield (x, x)\n",
                "pulled = []\ndef src():\n    for i in range(100):\n        pulled.append(i)\n        yield i\n"
                "g = pairs(src())\nassert next(g) == (0, 0) and next(g) == (1, 1)\nassert pulled == [0, 1]\n"
                "assert next(g) == (2, 2) and pulled == [0, 1, 2]",
            ),
            "an error after items read ahead comes where the tests reach it": (
                "def gen():\n    yield 1\n    yield 2\n    raise ValueError('closed')\n",
                "got = []\ntry:\n    for v in gen():\n        got.append(v)\nexcept ValueError as e:\n    assert str(e) == 'closed'\n"
                "assert got == [1, 2]\ng = gen()\nassert [next(g), next(g)] == [1, 2]\n"
                "import pytest\nwith pytest.raises(ValueError):\n    next(g)\nwith pytest.raises(StopIteration):\n    next(g)",
            ),
        }
    )

    # (solution, reference): wrong programs, each must fail in both scoring modes
    WRONG = {
        "NamedTuple, a wrong field": (NT + "def f():\n    return Pt(3, 1)\n", "assert f() == (3, 0)"),
        "NamedTuple in call mode, a wrong field": (
            NT + "def f(a):\n    return Pt(a, a)\n",
            call("f", [[1]], [[1, 2]]),
        ),
        "NamedTuple whose == lies": (
            NT + "    def __eq__(self, o):\n        return True\ndef f():\n    return Pt(0, 0)\n",
            "assert f() == (3, 0)",
        ),
        "NamedTuple whose == lies, call mode": (
            NT + "    def __eq__(self, o):\n        return True\n    def __iter__(self):\n        return iter([1, 2])\n"
            "def f(a):\n    return Pt(0, 0)\n",
            call("f", [[1]], [[1, 2]]),
        ),
        "an array of the wrong shape": (NP + "def f(n):\n    return np.array([[1, 2]])\n", call("f", [[1]], [[1, 2]])),
        "an array one element long": (NP + "def f(n):\n    return np.array([1, 2, 3])\n", call("f", [[1]], [[1, 2]])),
        "a float array for ints": (NP + "def f(n):\n    return np.array([1.0, 2.0])\n", call("f", [[1]], [[1, 2]])),
        "an array for a number": (NP + "def f(n):\n    return np.array([3])\n", call("f", [[1]], [3])),
        "an ndarray subclass whose == lies": (
            NP + "class A(np.ndarray):\n    def __eq__(self, o):\n        return True\n    def tolist(self):\n"
            "        return [1, 2]\ndef f(n):\n    return np.zeros(2).view(A)\n",
            call("f", [[1]], [[1, 2]]),
        ),
        "1e-9 is no noise around 0": ("def f(x):\n    return 1e-9\n", call("f", [[1]], [0.0])),
        "1e-11 is no noise around 0": ("def f(x):\n    return -1e-11\n", call("f", [[1]], [0.0])),
        "0 for an expected 1e-10": ("def f(x):\n    return 0.0\n", call("f", [[1]], [1e-10])),
        "noise for an expected int 0": ("def f(x):\n    return 0.1 + 0.2 - 0.3\n", call("f", [[1]], [0])),
        "a sibling class is not caught by except Base": (
            BANK + "def get(k):\n    raise Other(k)\n",
            "try:\n    get('x')\n    r = 0\nexcept AppError:\n    r = 1\nexcept Exception:\n    r = 2\nassert r == 1",
        ),
        "a Sub not derived from the Base": (
            "class AppError(Exception):\n    pass\nclass DbError(Exception):\n    pass\n"
            "def get(k):\n    raise DbError(k)\n",
            "import pytest\ndef test_a():\n    with pytest.raises(AppError):\n        get('k')\n",
        ),
        "assertRaises of a base the exception lacks": (
            BANK + "def get(k):\n    raise ValueError(k)\n",
            "import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n"
            "        self.assertRaises(AppError, get, 'k')",
        ),
        "the tests make its exception, its __init__ is wrong": (
            "class E(Exception):\n    def __init__(self, need):\n        super().__init__(need)\n        self.need = 0\n",
            "e = E(3)\nassert e.need == 3",
        ),
        "an exception that is also a SystemExit stops nothing": (
            "class Quit(Exception, SystemExit):\n    pass\ndef stop():\n    raise Quit(0)\ndef g(x):\n    return 1\n",
            "assert g(1) == 1\nstop()\nassert g(2) == 2",
        ),
        "an exception that is also a SystemExit, caught as Exception": (
            "class Quit(Exception, SystemExit):\n    pass\ndef stop():\n    raise Quit(0)\ndef g(x):\n    return 1\n",
            "try:\n    stop()\nexcept Exception:\n    pass\nassert g(2) == 2",
        ),
        "a class named like a harness one": (
            "class SolutionStop(Exception):\n    pass\nclass StopTests(SolutionStop):\n    pass\n"
            "def f():\n    raise StopTests()\ndef g(x):\n    return 1\n",
            "assert g(1) == 1\ntry:\n    f()\nexcept Exception:\n    pass\nassert g(2) == 2",
        ),
        "a hierarchy deeper than the description carries": (
            "E = Exception\nfor i in range(60):\n    E = type(f'E{i}', (E,), {})\ndef f():\n    raise E('x')\n"
            "def g(x):\n    return 1\n",
            "try:\n    f()\nexcept Exception:\n    pass\nassert g(2) == 2",
        ),
    }

    SHAPE = (
        "class Shape:\n    SIDES = 4\n    def __init__(self, name):\n        self.name = name\n"
        "    def area(self):\n        raise NotImplementedError\n    def label(self):\n        return self.name.upper()\n"
        "    def describe(self):\n        return f'{self.label()}:{self.area()}'\n"
        "    def __str__(self):\n        return f'<{self.name}>'\n"
        "    @staticmethod\n    def double(x):\n        return 2 * x\n"
        "    @classmethod\n    def kind(cls):\n        return cls.__name__\n"
        "    @property\n    def twice(self):\n        return 2 * self.area()\n"
        "def total(shapes):\n    return sum(s.area() for s in shapes)\n"
    )
    SQ = (
        "class Sq(Shape):\n    def __init__(self, s):\n        super().__init__('sq')\n        self.s = s\n"
        "    def area(self):\n        return self.s ** 2\n"
    )
    ABSTRACT = (
        "from abc import ABC, abstractmethod\nclass Base(ABC):\n    @abstractmethod\n    def a(self):\n        ...\n"
        "    @abstractmethod\n    def b(self):\n        ...\n    def both(self):\n        return self.a() + self.b()\n"
    )
    NODE = (
        "class ListNode:\n    def __init__(self, val=0, next=None):\n        self.val = val\n        self.next = next\n"
    )
    TESTS_NODE = (
        NODE + "    def __eq__(self, other):\n        return isinstance(other, ListNode) and self.val == other.val"
        " and self.next == other.next\n"
        "def mk(vals):\n    head = None\n    for v in reversed(vals):\n        head = ListNode(v, head)\n    return head\n"
    )
    BUILD = "def build(vals):\n    head = None\n    for v in reversed(vals):\n        head = ListNode(v, head)\n    return head\n"
    TREE = (
        "class TreeNode:\n    def __init__(self, val, left=None, right=None):\n"
        "        self.val, self.left, self.right = val, left, right\n"
    )
    # the tests derive from a solution class; the tests' class of a solution object's type name
    RIGHT.update(
        {
            "a tests' subclass: inherited methods call the tests' override and each other": (
                SHAPE,
                SQ + "sq = Sq(3)\nassert sq.describe() == 'SQ:9' and sq.label() == 'SQ' and str(sq) == '<sq>'\n"
                "assert isinstance(sq, Shape) and issubclass(Sq, Shape) and not isinstance(3, Shape)",
            ),
            "a tests' subclass: static and class methods, properties, class attributes": (
                SHAPE,
                SQ + "sq = Sq(2)\nassert sq.SIDES == Sq.SIDES == 4 and Sq.double(3) == 6 and sq.double(1) == 2\n"
                "assert sq.twice == 8 and Sq.kind() == 'Shape'",
            ),
            "a tests' subclass passed to the solution": (SHAPE, SQ + "assert total([Sq(2), Sq(3)]) == 13"),
            "a tests' subclass in a test function and unittest": (
                SHAPE,
                "import unittest\n" + SQ + "def test_a():\n    assert Sq(1).describe() == 'SQ:1'\n"
                "class T(unittest.TestCase):\n    def test_b(self):\n        self.assertEqual(Sq(2).describe(), 'SQ:4')",
            ),
            "abstract methods enforced and satisfied": (
                ABSTRACT,
                "class Half(Base):\n    def a(self):\n        return 1\n"
                "class Full(Half):\n    def b(self):\n        return 2\n"
                "import pytest\nwith pytest.raises(TypeError):\n    Half()\nassert Full().both() == 3 and isinstance(Full(), Base)",
            ),
            "the tests' ListNode compares the solution's nodes": (
                NODE + BUILD,
                TESTS_NODE + "assert build([1, 2]) == mk([1, 2]) and mk([1, 2]) == build([1, 2])\n"
                "assert build([1, 2]) != mk([1, 3]) and not (build([1]) == mk([2]))\n"
                "assert isinstance(build([1]), ListNode) and type(build([1])).__name__ == 'ListNode'",
            ),
            "the tests' TreeNode against the solution's tree": (
                TREE
                + "def bst(vals):\n    root = None\n    def ins(n, v):\n        if n is None:\n            return TreeNode(v)\n"
                "        if v < n.val:\n            n.left = ins(n.left, v)\n        else:\n            n.right = ins(n.right, v)\n"
                "        return n\n    for v in vals:\n        root = ins(root, v)\n    return root\n",
                TREE
                + "    def __eq__(self, o):\n        return isinstance(o, TreeNode) and (self.val, self.left, self.right)"
                " == (o.val, o.left, o.right)\n"
                "assert bst([2, 1, 3]) == TreeNode(2, TreeNode(1), TreeNode(3))",
            ),
        }
    )

    MEMO = (
        "import functools\ndef memoize(fn):\n    cache = {}\n    @functools.wraps(fn)\n    def w(*a):\n"
        "        if a not in cache:\n            cache[a] = fn(*a)\n        return cache[a]\n    return w\n"
    )
    COUNTED = "calls = 0\n@memoize\ndef sq(x):\n    'Squares.'\n    global calls\n    calls += 1\n    return x * x\n"
    # a solution's decorator on the tests' functions; the tests' own source
    RIGHT.update(
        {
            "a solution decorator caching the tests' function over a run of asserts": (
                MEMO,
                COUNTED
                + "assert sq(2) == 4\nassert sq(2) == 4\nassert sq(3) == 9\nassert sq(3) == 9\nassert calls == 2",
            ),
            "a solution decorator calling back twice, in a run of asserts": (
                "def twice(fn):\n    def w(x):\n        return fn(fn(x))\n    return w\n",
                "@twice\ndef inc(v):\n    return v + 1\nassert inc(1) == 3\nassert inc(2) == 4\nassert inc(5) == 7",
            ),
            "functools.wraps keeps the tests' function's name and docstring": (
                MEMO,
                COUNTED
                + "assert sq.__name__ == 'sq' and sq.__qualname__ == 'sq' and sq.__doc__ == 'Squares.' and sq(4) == 16",
            ),
            "inspect.getsource of the tests' own function and class": (
                "def f(x):\n    return 2 * x\n",
                "import inspect\ndef helper():\n    return 1\nclass K:\n    pass\n"
                "assert 'return 1' in inspect.getsource(helper) and inspect.getsource(K) == 'class K:\\n    pass\\n'\n"
                "assert inspect.getsourcelines(helper)[1] == 2 and f(1) == 2",
            ),
        }
    )

    LIAR = "    def __eq__(self, o):\n        return True\n    def __hash__(self):\n        return {h}\n"
    WRONG.update(
        {
            "a hash of data's and an == that lies: never a data key": (
                "class P:\n" + LIAR.format(h="hash((3,))") + "def mk():\n    return P()\n",
                "assert mk() in {(3,)} or {(3,): 1}.get(mk()) == 1",
            ),
            "an == that lies with a hash of an int: never in a set of data": (
                "class P:\n" + LIAR.format(h="3") + "def mk():\n    return P()\n",
                "assert mk() in {3, 4}",
            ),
            "one hash for all, an honest ==: still two": (
                "class P:\n    def __init__(self, x):\n        self.x = x\n    def __eq__(self, o):\n        return self.x == o.x\n"
                "    def __hash__(self):\n        return 0\ndef mk(a):\n    return P(a)\n",
                "assert len({mk(1), mk(2)}) == 1",
            ),
            "an unhashable dataclass in a set": (
                "from dataclasses import dataclass\n@dataclass\nclass P:\n    x: int\ndef mk(a):\n    return P(a)\n",
                "assert len({mk(1), mk(1)}) == 1",
            ),
            "a wrong format": (
                MONEY.replace("'$' +", "'€' +") + "def m(v):\n    return Money(v)\n",
                "assert f'{m(2.5):.2f}' == '$2.50'",
            ),
            "a format that is no str": (
                "class M:\n    def __format__(self, spec):\n        return 2.5\ndef m():\n    return M()\n",
                "assert f'{m():.1f}' == '2.5'",
            ),
            "a wrong docstring": ("def f():\n    'Adds.'\n", "assert f.__doc__ == 'Add two numbers.'"),
            "annotations naming what nothing defines, read": (
                "def f(x: Undefined) -> int:\n    return x\n",
                "assert f.__annotations__ == {'x': int, 'return': int}",
            ),
            "a docstring that is an object whose == lies": (
                "class S:\n    def __eq__(self, o):\n        return True\ndef f():\n    pass\nf.__doc__ = S()\n",
                "assert f.__doc__ == 'Add two numbers.'",
            ),
            "wrong annotations": (
                "def add(a: int, b: float) -> int:\n    return a + b\n",
                "assert add.__annotations__ == {'a': int, 'b': int, 'return': int}",
            ),
            "an annotation whose == lies": (
                "class T:\n    def __eq__(self, o):\n        return True\ndef add(a: T()) -> int:\n    return a\n",
                "assert add.__annotations__ == {'a': int, 'return': int}",
            ),
            "a wrong default in the signature": (
                "def f(a, b=3):\n    return a + b\n",
                "import inspect\nassert inspect.signature(f).parameters['b'].default == 2",
            ),
            "a forged signature": (
                "import sys\nharness = sys._getframe(1).f_globals\nharness['_signature'] = lambda obj, enc: [[['a', 9, None, None]], None]\n"
                "def f(a, b=2):\n    return a + b\n",
                "import inspect\nassert list(inspect.signature(f).parameters) == ['a', 'b']",
            ),
            "a generator that stops early": (
                "def gen():\n    yield 1\n    raise ValueError('x')\n",
                "assert list(gen()) == [1, 2]",
            ),
            "a generator that drains the tests' iterator first": (
                "def pairs(it):\n    items = list(it)\n    for x in items:\n        yield (x, x)\n",
                "pulled = []\ndef src():\n    for i in range(100):\n        pulled.append(i)\n        yield i\n"
                "g = pairs(src())\nassert next(g) == (0, 0)\nassert pulled == [0]",
            ),
            "a generator with a side effect too early": (
                "LOG = []\ndef gen():\n    for i in range(5):\n        LOG.append(i)\n        LOG.append(i + 1)\n        yield i\n",
                "g = gen()\nassert next(g) == 0\nassert LOG == [0]",
            ),
        }
    )

    WRONG.update(
        {
            "a tests' subclass: the solution's method is wrong": (
                SHAPE.replace("{self.label()}:", "{self.name}:"),
                SQ + "assert Sq(3).describe() == 'SQ:9'",
            ),
            "a tests' subclass: an abstract method not marked abstract": (
                ABSTRACT.replace("    @abstractmethod\n    def b", "    def b"),
                "class Half(Base):\n    def a(self):\n        return 1\nimport pytest\nwith pytest.raises(TypeError):\n    Half()",
            ),
            "a tests' subclass: a class attribute whose == lies": (
                "class L:\n    def __eq__(self, o):\n        return True\nclass Shape:\n    SIDES = L()\n",
                "class Sq(Shape):\n    pass\nassert Sq().SIDES == 4",
            ),
            "a tests' subclass: the solution sets a liar on the tests' object": (
                "class L:\n    def __eq__(self, o):\n        return True\nclass Base:\n    def run(self):\n        self.result = L()\n",
                "class D(Base):\n    pass\nd = D()\nd.run()\nassert d.result == 5",
            ),
            "a decorator that does not cache": (
                MEMO.replace("if a not in cache:", "if True:"),
                COUNTED + "assert sq(2) == 4\nassert sq(2) == 4\nassert calls == 1",
            ),
            "a decorator without functools.wraps": (
                "def memoize(fn):\n    def w(*a):\n        return fn(*a)\n    return w\n",
                COUNTED + "assert sq.__name__ == 'sq'",
            ),
            "a decorator reaching for the tests' globals through their function": (
                "def peek(fn):\n    g = fn.__globals__\n    def w(*a):\n        return g['EXPECTED']\n    return w\n",
                "EXPECTED = 7\n@peek\ndef f(x):\n    return x\nassert f(3) == 7",
            ),
            "a decorator reading the tests' function's code": (
                "def peek(fn):\n    consts = fn.__code__.co_consts\n    def w(*a):\n        return consts[1]\n    return w\n",
                "@peek\ndef f(x):\n    return 7 if x else 7\nassert f(3) == 7",
            ),
            "the tests' ListNode: a wrong value": (
                NODE + BUILD.replace("ListNode(v, head)", "ListNode(v + 1, head)"),
                TESTS_NODE + "assert build([1, 2]) == mk([1, 2])",
            ),
            "the tests' ListNode: the solution's == lies": (
                NODE
                + "    def __eq__(self, o):\n        return True\n"
                + BUILD.replace("ListNode(v, head)", "ListNode(0, head)"),
                TESTS_NODE + "assert build([1, 2]) == mk([1, 2])",
            ),
            "the tests' ListNode: a val whose == lies": (
                "class L:\n    def __eq__(self, o):\n        return True\n"
                + NODE
                + BUILD.replace("ListNode(v, head)", "ListNode(L(), head)"),
                TESTS_NODE + "assert build([1, 2]) == mk([1, 2])",
            ),
            "the tests' ListNode: made-up attributes": (
                "class ListNode:\n    def __getattr__(self, n):\n        return None if n == 'next' else 1\ndef build(vals):\n    return ListNode()\n",
                TESTS_NODE + "assert build([1]) == mk([1])",
            ),
            "the tests' ListNode: a node of another name": (
                "class Node:\n    def __init__(self, val=0, next=None):\n        self.val, self.next = val, next\n"
                + BUILD.replace("ListNode(v, head)", "Node(v, head)"),
                TESTS_NODE + "assert isinstance(build([1]), ListNode)",
            ),
        }
    )

    @pytest.mark.parametrize("name", RIGHT)
    def test_right_program_passes(judged: Any, name: str) -> None:
        judged.both_modes(*RIGHT[name], right=True)

    @pytest.mark.parametrize("name", WRONG)
    def test_wrong_program_fails(judged: Any, name: str) -> None:
        judged.both_modes(*WRONG[name], right=False)

    def test_forged_exception_descriptions_are_refused(judged: Any) -> None:
        """A solution that rewrites how its classes are described to the trusted side (the harness's code
        in its own process): a SystemExit, a StopIteration, a huge or cyclic description, names that are not
        strings — never a class of the trusted side's own, never a crash of the tests."""
        forge = (
            "import sys\nharness = sys._getframe(1).f_globals\nassert 'exception_tree' in harness\n"
            "FORGED = {forged}\nharness['exception_tree'] = lambda t, depth=0: FORGED\n"
            "class E(Exception):\n    pass\ndef f():\n    raise E('x')\ndef g(x):\n    return 1\n"
        )
        tests = "assert g(1) == 1\ntry:\n    f()\nexcept Exception:\n    pass\nassert g(2) == 2"
        honest = tests.replace("g(2) == 2", "g(2) == 1")  # (the forging itself works: a right program passes)
        assert judged(forge.format(forged="['E', ['Exception']]"), honest) == (True, 1.0)
        for forged in (
            "'SystemExit'",
            "['E', ['SystemExit']]",
            "['E', ['Exception', 'KeyboardInterrupt']]",
            "['E', ['StopIteration']]",
            "['E', ['GeneratorExit']]",
            "['E', [['F', ['Exception']]] * 8 + ['SystemExit']]",
            "['E', [['E', ['Exception']]] * 300]",
            "['E', [1, 2]]",
            "['E' * 100000, ['Exception']]",
            "'__import__'",
        ):
            for partial in (False, True):
                passed, score = judged(forge.format(forged=forged), tests, partial)
                assert not passed and score <= 0.5, (forged, partial, score)
