"""Adversarial suite, fourth round, our own cases: further programs of every class the outside round found
(``test_redteam4.py`` holds its 108 rows), both ways — wrong programs that must fail and right ones that
must pass. As in ``test_hostile.py``, outside the cage this module defines one test that re-runs it inside
the cage (``conftest.run_caged``), and the cases exist only inside."""

from __future__ import annotations

import os
from typing import Any

import pytest

IN_CAGE = os.environ.get("RLVR_HOSTILE_CAGE") == "1" and os.getpid() == 1

if not IN_CAGE:

    @pytest.mark.hostile
    @pytest.mark.slow
    def test_redteam4_own_in_cage(caged_suite) -> None:  # type: ignore[no-untyped-def]
        caged_suite(__file__)

else:
    import json

    pytestmark = pytest.mark.hostile

    FAKE_MATH = "class math:\n    @staticmethod\n    def isclose(*a, **k): return True\ndef f(x): return 999\n"

    # (solution, reference): wrong programs, each must fail
    WRONG = {
        # module names: reached other than as `module.attr`, or a third-party package's name
        "math in a tuple": (FAKE_MATH, "mods = (math,)\nassert mods[0].isclose(f(4), 2)"),
        "math by vars()": (FAKE_MATH, "assert vars()['math'].isclose(f(4), 2)"),
        "math as a lambda default": (FAKE_MATH, "chk = lambda a, m=math: m.isclose(a, 2)\nassert chk(f(4))"),
        "math through map": (FAKE_MATH, "assert all(map(lambda m: m.isclose(f(4), 2), [math]))"),
        "math in a class body": (FAKE_MATH, "class C:\n    m = math\nassert C.m.isclose(f(4), 2)"),
        "fake scipy submodule": (
            "import types\nscipy = types.SimpleNamespace(special=types.SimpleNamespace(comb=lambda *a, **k: 999))\n"
            "def f(x): return 999\n",
            "assert scipy.special.comb(5, 2) == f(1)",
        ),
        "fake installed package (click)": (
            "class click:\n    @staticmethod\n    def style(*a, **k): return 'ok'\ndef f(x): return 'no'\n",
            "assert click.style(f(1)) == 'ok'",
        ),
        "fake package not installed (jax)": (
            "class jax:\n    class numpy:\n        @staticmethod\n        def allclose(*a): return True\n"
            "def f(x): return 999\n",
            "assert jax.numpy.allclose(f(1), 2)",
        ),
        "patched real numpy passed along": (
            "import numpy\nnumpy.array_equal = lambda *a, **k: True\ndef f(x): return [9]\n",
            "def chk(lib):\n    return lib.array_equal(f(1), [2])\nassert chk(numpy)",
        ),
        "sympy alias the solution claims": (
            "import types\nsp = types.SimpleNamespace(simplify=lambda e: 0)\ndef f(x): return 999\n",
            "assert sp.simplify(f(1) - 2) == 0",
        ),
        # call-based: a one-element list is a list (outside APPS' wrapper)
        "unwrapped list of one pair": (
            "def f(x): return [1, 2]",
            {"fn_name": "f", "inputs": [[0]], "outputs": [[[1, 2]]]},
        ),
        "unwrapped one string": ("def f(x): return 'ab'", {"fn_name": "f", "inputs": [[0]], "outputs": [["ab"]]}),
        "unwrapped one dict": ("def f(x): return {'a': 1}", {"fn_name": "f", "inputs": [[0]], "outputs": [[{"a": 1}]]}),
        "float for an int without a tolerance": (
            "def f(x): return 2.0",
            {"fn_name": "f", "inputs": [[0]], "outputs": [2]},
        ),
        # the solution's own import fails or exits: the file would end before its tests
        "raises at import": ("def f(x): return x + 1\nraise ValueError('boom')", {"tests": "assert f(1) == 2"}),
        "exit() at import": ("def f(x): return x + 1\nexit()", {"tests": "assert f(1) == 2"}),
        "quit(0) at import": ("def f(x): return x + 1\nquit(0)", {"tests": "assert f(1) == 2"}),
        "exits at import in call mode": (
            "import sys\ndef f(x): return x + 1\nsys.exit(0)",
            {"fn_name": "f", "inputs": [[1]], "outputs": [2]},
        ),
        # stdout: only spaces, tabs and carriage returns are trailing whitespace
        "ideographic space": ("print('2\\u3000')", {"stdin": "", "expected_stdout": "2\n"}),
        "file separator": ("import sys\nsys.stdout.write('2\\x1c\\n')", {"stdin": "", "expected_stdout": "2\n"}),
        "line separator char": ("import sys\nsys.stdout.write('2\\u2028\\n')", {"stdin": "", "expected_stdout": "2\n"}),
        # forwarded operators decide nothing against data
        "__add__ liar compared with data": (
            "class A:\n    def __add__(s, o): return 2\n    __radd__ = __add__\ndef f(x): return A()\n",
            {"tests": "assert f(1) == 2"},
        ),
        "__sub__ liar learning the expected value": (
            "class A:\n    def __sub__(s, o): return 0.0\n    __rsub__ = __sub__\ndef f(x): return A()\n",
            {"tests": "assert abs(f(1) - 2.5) < 1e-9"},
        ),
        "__lt__ liar against data": (
            "class A:\n    __lt__ = __gt__ = __le__ = __ge__ = lambda s, o: True\ndef f(x): return A()\n",
            {"tests": "assert f(1) < 5 and f(1) > 1"},
        ),
        "a node's harness reached through the tests' objects": (
            "def f(b):\n    try:\n        b.m.modules['__main__'].__dict__['__rlvr_pass__'](1)\n    except Exception:\n"
            "        pass\n    return 0\n",
            {"tests": "import sys\nclass Box:\n    pass\nb = Box()\nb.m = sys\nassert f(b) == 1"},
        ),
        "a trusted import the solution named assert_equal": (
            "from operator import eq as assert_equal\ndef f(x): return 0\n",
            {"tests": "assert_equal(f(1), 1)"},
        ),
        "a library assertion that is the solution's": (
            "def assert_ok(x): return None\ndef f(x): return 0\n",
            {"tests": "assert_ok(f(1) == 1)"},
        ),
    }

    # (solution, tests, at most this score with partial=True): the solution sets how often a check runs
    INFLATION = {
        "unittest assertTrue loop": (
            "def f(n): return [1] * 20000\ndef g(x): return 0\n",
            "import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n        for v in f(3):\n"
            "            self.assertTrue(v > 0)\n    def test_b(self):\n        self.assertEqual(g(1), 5)\n",
            0.5,
        ),
        "parametrized over the solution's output": (
            "def f(n): return list(range(1, 20001))\ndef g(x): return 0\n",
            "import pytest\n@pytest.mark.parametrize('v', f(3))\ndef test_v(v):\n    assert v > 0\n"
            "def test_g():\n    assert g(1) == 5\n",
            0.5,
        ),
        "while over a generator": (
            "def f(n):\n    yield from [1] * 20000\ndef g(x): return 0\n",
            "it = f(3)\nfor v in it:\n    assert v\nassert g(1) == 5\n",
            0.5,
        ),
        "helper called in a loop": (
            "def f(n): return [2] * 20000\ndef g(x): return 0\n",
            "def even(v):\n    assert v % 2 == 0\nfor v in f(3):\n    even(v)\nassert g(1) == 5\n",
            0.5,
        ),
    }

    # (solution, reference): right programs, each must pass
    RIGHT = {
        # names like modules that are the solution's: its data, objects whose methods no module has
        "data named string": ("string = 'abc'\ndef f(s): return len(s)", {"tests": "assert f(string) == 3"}),
        "object named code": (
            "class C:\n    def encode(s, x): return x[::-1]\ncode = C()",
            {"tests": "assert code.encode('ab') == 'ba'"},
        ),
        "a compiled pattern named regex": (
            "import re\nregex = re.compile('a+')\n",
            {"tests": "assert regex.pattern == 'a+' and regex.groups == 0"},
        ),
        "getattr of the solution's calendar": (
            "class Cal:\n    def book(s, a, b): return True\ncalendar = Cal()",
            {"tests": "assert getattr(calendar, 'book')(10, 20) is True"},
        ),
        "the real sympy under its name": ("import sympy\ndef f(x): return x + 1", {"tests": "assert sympy.Integer(f(1)) == 2"}),
        "a submodule the solution imported": (
            "import urllib.parse\ndef f(): return 'a b'",
            {"tests": "assert urllib.parse.quote(f()) == 'a%20b'"},
        ),
        # objects the tests build, changed by the solution
        "linked list reversed in place": (
            "def rev(h):\n    prev = None\n    while h:\n        nxt = h.next\n        h.next = prev\n        prev, h = h, nxt\n"
            "    return prev\n",
            {"tests": "class ListNode:\n    def __init__(s, v, n=None): s.val = v; s.next = n\n"
             "h = rev(ListNode(1, ListNode(2, ListNode(3))))\nout = []\nwhile h:\n    out.append(h.val); h = h.next\n"
             "assert out == [3, 2, 1]"},
        ),
        "tree the tests built, summed": (
            "def total(n): return 0 if n is None else n.val + total(n.left) + total(n.right)",
            {"tests": "class T:\n    def __init__(s, v, l=None, r=None): s.val, s.left, s.right = v, l, r\n"
             "assert total(T(1, T(2), T(3, None, T(4)))) == 10"},
        ),
        # operators and protocols of the solution's objects
        "money added and compared": (
            "class M:\n    def __init__(s, c): s.c = c\n    def __add__(s, o): return M(s.c + o.c)\n"
            "    def __eq__(s, o): return isinstance(o, M) and s.c == o.c\n",
            {"tests": "assert M(1) + M(2) == M(3)\nassert not (M(1) + M(1) == M(3))"},
        ),
        "vector negated and multiplied": (
            "class V:\n    def __init__(s, x): s.x = x\n    def __neg__(s): return V(-s.x)\n"
            "    def __mul__(s, o): return V(s.x * o.x)\n",
            {"tests": "assert (-V(2)).x == -2\nassert (V(3) * V(2)).x == 6"},
        ),
        "heap of the solution's objects": (
            "class J:\n    def __init__(s, p): s.p = p\n    def __lt__(s, o): return s.p < o.p\n",
            {"tests": "import heapq\nh = []\nfor p in (3, 1, 2):\n    heapq.heappush(h, J(p))\n"
             "assert [heapq.heappop(h).p for _ in range(3)] == [1, 2, 3]\nassert max([J(1), J(5)]).p == 5"},
        ),
        "cache with item assignment": (
            "class Cache:\n    def __init__(s): s.d = {}\n    def __setitem__(s, k, v): s.d[k] = v\n"
            "    def __getitem__(s, k): return s.d[k]\n    def __delitem__(s, k): del s.d[k]\n    def __len__(s): return len(s.d)\n"
            "    def __iter__(s): return iter(s.d)\n",
            {"tests": "c = Cache()\nc[1] = 2\nc[3] = 4\ndel c[3]\nassert c[1] == 2 and len(c) == 1"},
        ),
        "context manager state": (
            "class Lock:\n    held = False\n    def __enter__(s): s.held = True; return s\n"
            "    def __exit__(s, *a): s.held = False\n",
            {"tests": "lk = Lock()\nwith lk as l:\n    assert l.held\nassert not lk.held"},
        ),
        "infinite generator with next and islice": (
            "def count():\n    n = 0\n    while True:\n        yield n\n        n += 1\n",
            {"tests": "import itertools\ng = count()\nassert next(g) == 0\nassert list(itertools.islice(g, 3)) == [1, 2, 3]\n"
             "assert next(g) == 4"},
        ),
        "identity of one object": (
            "class S:\n    pass\n_s = S()\ndef get(): return _s\n",
            {"tests": "assert get() is get()\nassert len({get(), get()}) == 1"},
        ),
        "truth of a match and of a node": (
            "import re\nclass N:\n    def __init__(s, n=None): s.next = n\ndef m(s): return re.match('a', s)\n"
            "def chain(): return N(N())\n",
            {"tests": "assert m('ab') and not m('b')\nh = chain()\nk = 0\nwhile h:\n    k += 1\n    h = h.next\nassert k == 2"},
        ),
        "setattr then read": ("class P:\n    x = 0\n", {"tests": "p = P()\np.x = 7\nassert p.x == 7"}),
        "deepcopy of a solution object": (
            "class P:\n    def __init__(s): s.xs = [1]\n",
            {"tests": "import copy\np = P()\nq = copy.deepcopy(p)\nassert q.xs == [1] and q is not p"},
        ),
        "vars of a solution object": ("class P:\n    def __init__(s): s.a = 1\n", {"tests": "assert vars(P()) == {'a': 1}"}),
        # exceptions of the solution's classes
        "exception with str and attributes": (
            "class Low(ValueError):\n    def __init__(s, need):\n        super().__init__(need)\n        s.need = need\n"
            "    def __str__(s): return f'need {s.need}'\ndef pay(a):\n    raise Low(a)\n",
            {"tests": "try:\n    pay(3)\nexcept Low as e:\n    assert e.need == 3 and str(e) == 'need 3'\nelse:\n    assert False"},
        ),
        # pytest's own ways of setting tests up
        "setup_function and a yield fixture": (
            "def f(x): return x + 1",
            {"tests": "import pytest\nS = []\ndef setup_function(fn):\n    S.append(fn.__name__)\n"
             "@pytest.fixture\ndef base():\n    yield 1\n    S.append('down')\n@pytest.fixture\ndef two(base):\n    return base + 1\n"
             "def test_a(two):\n    assert f(two) == 3 and S == ['test_a']\n"},
        ),
        "setup_class as a plain function": (
            "def f(x): return x * 2",
            {"tests": "class TestF:\n    def setup_class(cls):\n        cls.v = 2\n    def test_a(self):\n        assert f(self.v) == 4\n"},
        ),
        "numpy testing as the check": ("def f(x): return [x, x]", {"tests": "import numpy as np\nnp.testing.assert_array_equal(f(1), [1, 1])"}),
        # values
        "longdouble array": (
            "import numpy as np\ndef f(): return np.array([1, 2], dtype=np.longdouble) / 3",
            {"tests": "import numpy as np\nr = f()\nassert r.dtype == np.longdouble and np.isclose(float(r.sum()), 1.0)"},
        ),
        "datetime64 difference": (
            "import numpy as np\ndef f(a, b): return np.datetime64(b) - np.datetime64(a)",
            {"tests": "import numpy as np\nassert f('2020-01-01', '2020-01-03') == np.timedelta64(2, 'D')"},
        ),
        "dict items and values views": (
            "def f(d): return d.items()\ndef g(d): return d.values()",
            {"tests": "assert f({'a': 1}) == {('a', 1)}\nassert sorted(g({'a': 2, 'b': 1})) == [1, 2]"},
        ),
        "slice returned": ("def f(): return slice(None, None, -1)", {"tests": "assert 'abc'[f()] == 'cba'"}),
        # call-based values as JSON tells them
        "int for a float": ("def f(x): return 3", {"fn_name": "f", "inputs": [[0]], "outputs": [3.0]}),
        "numpy integer for an int": ("import numpy as np\ndef f(x): return np.int32(3)", {"fn_name": "f", "inputs": [[0]], "outputs": [3]}),
        "int keys for JSON keys": ("def f(x): return {2: 'b', 1: 'a'}", {"fn_name": "f", "inputs": [[0]], "outputs": [{"1": "a", "2": "b"}]}),
        "APPS wrapper unwraps": (
            "def f(x): return x + 1",
            {"input_output": json.dumps({"fn_name": "f", "inputs": [[1]], "outputs": [[2]]})},
        ),
        # input as a file
        "fstat-sized read": (
            "import os\ndata = os.read(0, os.fstat(0).st_size).split()\nprint(sum(map(int, data)))",
            {"stdin": "1 2\n3\n", "expected_stdout": "6\n"},
        ),
        "open(0) and /dev/stdin": (
            "a = open(0, closefd=False).read().split()\nb = open('/dev/stdin').read().split()\nprint(len(a), len(b))",
            {"stdin": "1 2\n", "expected_stdout": "2 2\n"},
        ),
        "trailing spaces, tabs and CRs": ("print('2 \\t\\r')", {"stdin": "", "expected_stdout": "2\n"}),
        # the tests call the solution from threads of their own
        "thread pool over the solution": (
            "def sq(x): return x * x",
            {"tests": "from concurrent.futures import ThreadPoolExecutor\nwith ThreadPoolExecutor(4) as ex:\n"
             "    assert list(ex.map(sq, range(50))) == [i * i for i in range(50)]"},
        ),
    }  # fmt: skip

    @pytest.mark.parametrize("name", WRONG)
    def test_wrong_program_fails(judged: Any, name: str) -> None:
        code, ref = WRONG[name]
        ref = ref if isinstance(ref, dict) else {"tests": ref}
        for partial in (False, True):
            passed, score = judged(code, ref, partial)
            assert not passed and (score == 0.0 or partial), (name, partial, score)

    @pytest.mark.parametrize("name", INFLATION)
    def test_partial_credit_cannot_be_inflated(judged: Any, name: str) -> None:
        code, tests, most = INFLATION[name]
        passed, score = judged(code, {"tests": tests}, partial=True)
        assert not passed and score <= most, (name, score)

    @pytest.mark.parametrize("name", RIGHT)
    def test_right_program_passes(judged: Any, name: str) -> None:
        code, ref = RIGHT[name]
        for partial in (False, True):
            passed, score = judged(code, ref, partial)
            assert passed and score == 1.0, (name, partial, score)
