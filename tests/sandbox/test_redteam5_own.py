"""Adversarial suite, fifth round: the fourth outside round's false fails closed since (``test_redteam4.py``
rows no longer xfail), each mechanism with our own cases both ways — a right program of the same shape that
must pass, and wrong ones (including objects that lie through the new paths) that must fail in both scoring
modes. As in ``test_hostile.py``, outside the cage this module defines one test that re-runs it inside the
cage (``conftest.run_caged``), and the cases exist only inside."""

from __future__ import annotations

import os
from typing import Any

import pytest

IN_CAGE = os.environ.get("RLVR_HOSTILE_CAGE") == "1" and os.getpid() == 1

if not IN_CAGE:

    @pytest.mark.hostile
    @pytest.mark.slow
    def test_redteam5_own_in_cage(caged_suite) -> None:  # type: ignore[no-untyped-def]
        caged_suite(__file__)

else:
    pytestmark = pytest.mark.hostile

    INT_ENUM = "from enum import IntEnum\nclass C(IntEnum):\n    A = 1\n    B = 2\n"
    COLOR = "from enum import Enum\nclass Color(Enum):\n    RED = 1\n    BLUE = 2\n"
    POINT = "from dataclasses import dataclass, field\n@dataclass\nclass P:\n    x: int\n    tags: list = field(default_factory=list)\n"
    DEEP = "def f(n, tup=False):\n    r = ()\n    for _ in range(n):\n        r = (r,) if tup else [r]\n    return r\n"
    DEPTH = "def depth(x):\n    d = 0\n    while x:\n        x = x[0]; d += 1\n    return d\n"
    SYMPY = "import sympy as sp\nx = sp.Symbol('x')\n"

    # (solution, reference): right programs, each must pass
    RIGHT = {
        # enum members of a class defining nothing but members: their value's semantics, their names
        "IntEnum arithmetic, name, identity": (
            INT_ENUM + "def f(v): return C(v)\n",
            "assert f(2) == 2 and f(2) + 1 == 3 and f(2).name == 'B' and f(2) is C.B and isinstance(f(1), C)\n"
            "assert sorted([f(2), f(1)]) == [1, 2] and {f(1): 'a'}[1] == 'a'",
        ),
        "str-mixin Enum as str": (
            "from enum import Enum\nclass S(str, Enum):\n    A = 'a'\n    B = 'b'\ndef f(): return [S.A, S.B]\n",
            "assert f() == ['a', 'b'] and f()[0].upper() == 'A' and ''.join(f()) == 'ab' and f()[1].value == 'b'",
        ),
        "plain Enum passed back to the solution": (
            COLOR + "def pick(v): return Color(v)\ndef name(c): return 'red' if c is Color.RED else 'other'\n",
            "assert name(pick(1)) == 'red' and name(Color.BLUE) == 'other' and pick(2) == Color.BLUE\n"
            "assert pick(2) != Color.RED and pick(1).value == 1 and list(Color) == [Color.RED, Color.BLUE]",
        ),
        "IntEnum and str Enum in call mode, as JSON writes them": (
            INT_ENUM + "from enum import Enum\nclass S(str, Enum):\n    X = 'x'\ndef f(v): return [C(v), S.X]\n",
            {"fn_name": "f", "inputs": [[1], [2]], "outputs": [[1, "x"], [2, "x"]]},
        ),
        "Flag combination": (
            "from enum import Flag\nclass Perm(Flag):\n    R = 4\n    W = 2\n    X = 1\ndef rw(): return Perm.R | Perm.W\n",
            "assert rw() == Perm.R | Perm.W and Perm.W in rw() and Perm.X not in rw() and rw().value == 6",
        ),
        "Enum with methods stays the solution's object": (
            COLOR + "    def label(self): return self.name.lower()\ndef f(): return Color.BLUE\n",
            "assert f().label() == 'blue' and f() is Color.BLUE",
        ),
        # the proxy of an object is of a class named as the object's type
        "type names of solution objects": (
            "class Node:\n    def __init__(s, v): s.v = v\nclass Leaf(Node): pass\ndef mk(v): return Leaf(v)\n",
            "a, b = mk(1), mk(2)\nassert type(a).__name__ == 'Leaf' and a.__class__.__name__ == 'Leaf'\n"
            "assert type(a) is type(b) and type(a).__qualname__ == 'Leaf' and isinstance(a, Node)",
        ),
        "type name of a library object": ("import re\ndef m(s): return re.match('a', s)\n", "assert type(m('ab')).__name__ == 'Match'"),
        # dataclass instances: fields read through the proxy
        "dataclasses.asdict, astuple, fields": (
            POINT + "def mk(): return P(1, [P(2)])\n",
            "from dataclasses import asdict, astuple, fields, is_dataclass\n"
            "assert asdict(mk()) == {'x': 1, 'tags': [{'x': 2, 'tags': []}]}\n"
            "assert astuple(P(3)) == (3, []) and [f.name for f in fields(mk())] == ['x', 'tags'] and is_dataclass(mk())\n"
            "assert mk() == P(1, [P(2)])",
        ),
        # numpy's own ndarray subclass, and arrays in bulk
        "np.matrix semantics": (
            "import numpy as np\ndef f(v): return np.matrix([[v, 0], [0, v]])\n",
            "import numpy as np\nm = f(2)\nassert isinstance(m, np.matrix) and (m * m)[0, 0] == 4 and m.shape == (2, 2)\n"
            "assert np.array_equal(m.I, [[0.5, 0], [0, 0.5]])",
        ),
        "large arrays of several dtypes, non-contiguous": (
            "import numpy as np\ndef f(n):\n    a = np.arange(n * n, dtype=np.int64).reshape(n, n).T\n"
            "    return a, a.astype(np.float32), a % 2 == 0, np.array(['ab', 'c'] * 4)\n",
            "import numpy as np\na, b, c, s = f(1500)\nassert a.shape == (1500, 1500) and a[0, 1] == 1500 and a[1, 0] == 1\n"
            "assert a.dtype == np.int64 and b.dtype == np.float32 and b[2, 3] == 4502 and c.sum() == 1500 * 750\n"
            "assert s.dtype.kind == 'U' and list(s[:3]) == ['ab', 'c', 'ab']\nassert a.flags.writeable",
        ),
        "30 MB string and 20 MB bytes": (
            "def f(n): return 'ab' * n + 'c'\ndef g(n): return b'\\x00\\xff' * n\n",
            "s = f(15_000_000)\nassert len(s) == 30_000_001 and s.endswith('bc') and s == 'ab' * 15_000_000 + 'c'\n"
            "assert g(10_000_000) == b'\\x00\\xff' * 10_000_000",
        ),
        # values nested beyond the old 1000 levels
        "4000-deep list, 3000-deep tuple": (
            DEEP,
            DEPTH + "assert depth(f(4000)) == 4000 and depth(f(3000, True)) == 3000\nassert f(4000)[0][0][0] is not None",
        ),
        # sympy expressions rebuilt from their tree with the trusted sympy
        "sympy expressions both ways": (
            SYMPY + "def deriv(e): return sp.diff(e, x)\ndef roots(): return sp.solve(x**2 - 2, x)\n"
            "def half(): return sp.Rational(1, 2) * sp.pi + sp.Float('0.25', 30)\n",
            "assert sp.simplify(deriv(x**3) - 3*x**2) == 0 and deriv(sp.sin(x)) == sp.cos(x)\n"
            "assert sorted(roots(), key=float) == [-sp.sqrt(2), sp.sqrt(2)] and half() == sp.pi / 2 + sp.Float('0.25', 30)\n"
            "f = sp.Function('f')\nassert deriv(f(x)) == sp.Derivative(f(x), x)",
        ),
        "sympy symbols with assumptions": (
            "import sympy as sp\ndef sq(): return sp.sqrt(sp.Symbol('y', positive=True) ** 2)\n",
            "import sympy as sp\nassert sq() == sp.Symbol('y', positive=True) and sq() != sp.Symbol('y')",
        ),
        # a StopIteration raised by a solution call is caught where the tests catch one
        "StopIteration caught by except, pytest.raises, assertRaises": (
            "def first(it): return next(it)\ndef done(): raise StopIteration(7)\n",
            "import pytest, unittest\nit = iter([])\ntry:\n    first(it)\n    assert False\n"
            "except (ValueError, StopIteration):\n    pass\ntry:\n    done()\nexcept StopIteration as e:\n    assert e.value == 7\n"
            "with pytest.raises(StopIteration):\n    first(iter(()))\n"
            "class T(unittest.TestCase):\n    def test_it(self):\n        self.assertRaises(StopIteration, first, iter([]))\n"
            "        with self.assertRaises(StopIteration):\n            done()\n"
            "assert first(iter([5])) == 5",
        ),
        # the run's stdout and stderr can be reopened for writing
        "reopened /dev/stdout and /dev/stderr": (
            "import os, sys\nout = open('/dev/stdout', 'w')\nerr = open('/dev/stderr', 'w')\n"
            "fd = os.open('/proc/self/fd/1', os.O_WRONLY)\nerr.write('log\\n'); err.flush()\n"
            "out.write(input() + '\\n'); out.flush()\nos.write(fd, b'2\\n')",
            {"stdin": "1\n", "expected_stdout": "1\n2\n"},
        ),
    }  # fmt: skip

    # (solution, reference): wrong programs of the same shapes, and objects that lie through the new paths
    WRONG = {
        "IntEnum of the wrong value": (INT_ENUM + "def f(v): return C.A\n", "assert f(2) == 2"),
        "IntEnum of the wrong value in call mode": (INT_ENUM + "def f(v): return C.A\n", {"fn_name": "f", "inputs": [[2]], "outputs": [2]}),
        "plain Enum in call mode": (COLOR + "def f(v): return Color(v)\n", {"fn_name": "f", "inputs": [[1]], "outputs": [1]}),
        "IntEnum whose __eq__ lies": (
            "from enum import IntEnum\nclass C(IntEnum):\n    A = 1\n    def __eq__(s, o): return True\n"
            "    __hash__ = int.__hash__\ndef f(v): return C.A\n",
            "assert f(2) == 2",
        ),
        "IntEnum whose __eq__ is int's __ne__": (
            "from enum import IntEnum\nclass C(IntEnum):\n    A = 1\n    __eq__ = int.__ne__\n    __hash__ = int.__hash__\n"
            "def f(v): return C.A\n",
            "assert f(2) == 2",
        ),
        "str Enum whose __contains__ lies": (
            "from enum import Enum\nclass S(str, Enum):\n    A = 'zzz'\n    def __contains__(s, o): return True\n"
            "def f(): return S.A\n",
            "assert 'a' in f()",
        ),
        "solution class named int": (
            "class int:\n    def __eq__(s, o): return True\n    __hash__ = object.__hash__\ndef f(x): return int()\n",
            "assert type(f(1)) == int and f(1) == 2",
        ),
        "wrong class name": ("class Nod: pass\ndef mk(): return Nod()\n", "assert type(mk()).__name__ == 'Node'"),
        "dataclass of the wrong value": (POINT + "def mk(): return P(2)\n", "from dataclasses import asdict\nassert asdict(mk()) == {'x': 1, 'tags': []}"),
        "dataclass whose __eq__ lies against data": (
            POINT + "    def __eq__(s, o): return True\ndef mk(): return P(2)\n",
            "assert mk() == {'x': 1, 'tags': []}",
        ),
        "np.matrix of the wrong value": ("import numpy as np\ndef f(x): return np.matrix([[x]])\n", "import numpy as np\nassert np.array_equal(f(1), [[2]])"),
        "np.matrix subclass that lies": (
            "import numpy as np\nclass M(np.matrix):\n    def __eq__(s, o): return np.matrix([[True]])\n"
            "def f(x): return np.matrix([[x]]).view(M)\n",
            "import numpy as np\nassert np.array_equal(f(1), [[2]]) and (f(1) == [[2]]).all()",
        ),
        "large array, one wrong element": (
            "import numpy as np\ndef f(n):\n    a = np.zeros((n, n))\n    a[-1, -1] = 1e-300\n    return a\n",
            "import numpy as np\nassert f(2000).shape == (2000, 2000) and not f(2000).any()",
        ),
        "large string, one wrong character": ("def f(n): return 'a' * (n - 1) + 'b'\n", "assert f(30_000_000) == 'a' * 30_000_000"),
        "deep list one level short": (DEEP + "_f = f\ndef f(n, tup=False): return _f(n - 1, tup)\n", DEPTH + "assert depth(f(3000)) == 3000"),
        "sympy: a wrong derivative": (SYMPY + "def deriv(e): return sp.diff(e, x) + 1\n", "assert sp.simplify(deriv(x**2) - 2*x) == 0"),
        "sympy patched in the solution": (
            SYMPY + "sp.Basic.__eq__ = lambda s, o: True\nsp.Expr.__eq__ = lambda s, o: True\n"
            "sp.simplify = lambda e: 0\ndef deriv(e): return x\n",
            "assert sp.simplify(deriv(x**2) - 2*x) == 0 and deriv(x**2) == 2*x",
        ),
        "a solution class posing as a sympy expression": (
            SYMPY + "class Z(sp.Expr):\n    def __eq__(s, o): return True\n    __hash__ = sp.Expr.__hash__\n"
            "def deriv(e): return Z()\n",
            "assert deriv(x**2) == 2*x",
        ),
        "a proxy's class handed back to the solution is not callable there": (
            "class Node: pass\ndef mk(): return Node()\ndef use(cls):\n    try:\n        cls(0, 0)\n"
            "    except TypeError:\n        return 0\n    return 2\n",
            "assert use(type(mk())) == 2",
        ),
        "StopIteration ending the tests' map": (
            "def check(v): raise StopIteration\n",
            "assert all(map(check, [1, 2, 3]))",
        ),
        "StopIteration ending the tests' filter": (
            "def keep(v): raise StopIteration\n",
            "assert list(filter(keep, [1, 2])) == [] and sum(map(keep, [3])) == 0",
        ),
    }  # fmt: skip

    @pytest.mark.parametrize("name", RIGHT)
    def test_right_program_passes(judged: Any, name: str) -> None:
        code, ref = RIGHT[name]
        for partial in (False, True):
            passed, score = judged(code, ref, partial)
            assert passed and score == 1.0, (name, partial, score)

    @pytest.mark.parametrize("name", WRONG)
    def test_wrong_program_fails(judged: Any, name: str) -> None:
        code, ref = WRONG[name]
        for partial in (False, True):
            passed, score = judged(code, ref, partial)
            assert not passed and (score == 0.0 or partial), (name, partial, score)

    def test_stdout_cannot_be_reopened_for_reading(judged: Any) -> None:
        """The run may write to its output pipes through /dev/stdout but never read them (its own output,
        or block on it)."""
        res = judged.sandbox.run(
            "import os\nfor p in ('/dev/stdout', '/dev/stderr', '/proc/self/fd/1'):\n"
            "    try:\n        os.open(p, os.O_RDONLY | os.O_NONBLOCK)\n        print('read', p)\n"
            "    except PermissionError:\n        print('denied', p)\n",
            limits=judged.limits,
        )
        assert res.status == "ok" and res.stdout.split("\n")[:3] == [
            "denied /dev/stdout",
            "denied /dev/stderr",
            "denied /proc/self/fd/1",
        ], res

    def test_values_nested_beyond_the_limit_fail_cleanly(judged: Any) -> None:
        """Deeper than MAX_DEPTH (5000): the check fails, the worker survives (no crash of either process)."""
        passed, _ = judged(DEEP, {"tests": DEPTH + "assert depth(f(20000)) == 20000"})
        assert not passed
        passed, _ = judged(DEEP, {"tests": DEPTH + "assert depth(f(10)) == 10"})
        assert passed
