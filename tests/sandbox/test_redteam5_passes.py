"""Adversarial suite, fifth round: the false passes closed since (``test_redteam5.py`` rows no longer xfail),
each class with our own cases both ways — wrong programs that must fail in both scoring modes, and right
programs of the same shape that must pass (several of which failed before: the same mechanism). As in
``test_hostile.py``, outside the cage this module defines one test that re-runs it inside the cage
(``conftest.run_caged``), and the cases exist only inside.

Classes: aliasing across calls (a container crossing is the same object on the other side while both hold it,
changes follow it both ways), globals the tests bind for the solution, a standard type of a solution object
(generators, a function's code), a proxy's snapshot after the tests wait, and a use of the tests' objects
that is refused."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest

IN_CAGE = os.environ.get("RLVR_HOSTILE_CAGE") == "1" and os.getpid() == 1

if not IN_CAGE:

    @pytest.mark.hostile
    @pytest.mark.slow
    def test_redteam5_passes_in_cage(caged_suite) -> None:  # type: ignore[no-untyped-def]
        caged_suite(__file__)

else:
    pytestmark = pytest.mark.hostile

    TEAM = "class Team:\n    def __init__(s):\n        s.m = []\n    def set_members(s, m):\n        s.m = {}\n    def count(s):\n        return len(s.m)\n"
    CONFIG = "class Config:\n    def __init__(s):\n        s._d = {'a': 1}\n    def as_dict(s):\n        return {}\n    def get(s, k):\n        return s._d[k]\n"
    GRID = "class Grid:\n    def __init__(s):\n        s.rows = [[0, 0], [0, 0]]\n    def snapshot(s):\n        return ({}, 2)\n    def at(s, r, c):\n        return s.rows[r][c]\n"
    BUF = "class Buf:\n    def __init__(s):\n        s.b = bytearray(b'ab')\n    def view(s):\n        return {}\n    def data(s):\n        return bytes(s.b)\n"
    WORKER = (
        "import threading, time\nclass W:\n    def __init__(s):\n        s.items = []\n        s.stop_ = False\n"
        "    def __iter__(s):\n        return iter(list(s.items))\n    def __len__(s):\n        return len(s.items)\n"
        "    def start(s):\n        def run():\n            while {cond}:\n                s.items.append(1)\n"
        "                time.sleep(0.01)\n        threading.Thread(target=run, daemon=True).start()\n"
        "    def stop(s):\n        s.stop_ = True\n"
    )
    ORACLE_MAX = (
        "def better(a, b):\n    return (a > b) - (a < b)  # a stand-in for the judge's comparison\n"
        "def best(xs):\n    b = xs[0]\n    for x in xs[1:]:\n        if better(b, x) {op} 0:\n            b = x\n    return b\n"
    )
    ORACLE_TESTS = (
        "def better(a, b):\n    return (len(a) > len(b)) - (len(a) < len(b))\nassert best(['ab', 'b', 'c']) == 'ab'"
    )
    CACHE = (
        "CACHE = False\n_c = {{}}\ndef sq(x):\n    if CACHE:\n        if x not in _c:\n            _c[x] = {cached}\n"
        "        return _c[x]\n    return x * x\n"
    )

    # (solution, tests): wrong programs, each must fail in both scoring modes
    WRONG: dict[str, tuple[str, str]] = {
        # aliasing: what the solution keeps or returns is the tests' object, and changes follow it
        "a setter keeps the caller's list": (
            TEAM.replace("s.m = {}", "s.m = m"),
            "ms = ['a']\nt = Team()\nt.set_members(ms)\nms.append('b')\nassert t.count() == 1",
        ),
        "a getter exposes its internal dict": (
            CONFIG.replace("return {}", "return s._d"),
            "c = Config()\nc.as_dict()['a'] = 2\nassert c.get('a') == 1",
        ),
        "an internal list inside a returned tuple": (
            GRID.replace("return ({}, 2)", "return (s.rows, 2)"),
            "g = Grid()\nrows, n = g.snapshot()\nrows[0][0] = 9\nassert g.at(0, 0) == 0 and n == 2",
        ),
        "a kept argument emptied by a later call": (
            "class Log:\n    def __init__(s, xs):\n        s.xs = xs\n    def flush(s):\n        n = len(s.xs)\n"
            "        s.xs.clear()\n        return n\n",
            "xs = [1, 2]\nlog = Log(xs)\nassert log.flush() == 2\nassert xs == [1, 2], 'flush must not empty the input'",
        ),
        "a cached dict handed out twice": (
            "_memo = {}\ndef config():\n    return _memo\n",
            "a = config()\na['x'] = 1\nassert config() == {}, 'each call returns a fresh dict'",
        ),
        "a kept set grown later": (
            "class Seen:\n    def __init__(s, items):\n        s.items = items\n    def add(s, x):\n        s.items.add(x)\n",
            "base = {1}\ns = Seen(base)\ns.add(2)\nassert base == {1}",
        ),
        "identity across calls: the registered list is the caller's": (
            "R = None\ndef register(xs):\n    global R\n    R = xs\ndef get():\n    return R\n",
            "a = [1]\nregister(a)\nassert get() == a and get() is not a, 'register must copy'",
        ),
        "a bytearray buffer exposed": (
            BUF.replace("return {}", "return s.b"),
            "v = Buf()\nv.view()[0] = 120\nassert v.data() == b'ab'",
        ),
        "a nested list shared between two of its objects": (
            "class A:\n    def __init__(s, cfg):\n        s.cfg = cfg\n    def level(s):\n        return s.cfg['levels'][0]\n",
            "cfg = {'levels': [1, 2]}\na, b = A(cfg), A(cfg)\ncfg['levels'][0] = 5\nassert a.level() == 1 and b.level() == 1",
        ),
        "an internal numpy array exposed": (
            "import numpy as np\nclass Buf:\n    def __init__(s):\n        s.a = np.zeros(3)\n    def view(s):\n"
            "        return s.a\n    def total(s):\n        return float(s.a.sum())\n",
            "v = Buf()\nv.view()[0] = 5\nassert v.total() == 0.0",
        ),
        "a kept numpy array changed by the tests": (
            "class K:\n    def __init__(s, a):\n        s.a = a\n    def mean(s):\n        return float(s.a.mean())\n",
            "import numpy as np\na = np.array([1.0, 3.0])\nk = K(a)\na[0] = 5\nassert k.mean() == 2.0",
        ),
        "in a test function, partial credit kept by site": (
            TEAM.replace("s.m = {}", "s.m = m"),
            "def test_copy():\n    ms = ['a']\n    t = Team()\n    t.set_members(ms)\n    ms.append('b')\n"
            "    assert t.count() == 1\ndef test_ok():\n    assert Team().count() == 0",
        ),
        # the tests' namespace is never an alias: the harness's hooks cannot be rebound through it
        "the tests' globals() written back": (
            "def f(g):\n    g['__rlvr_fail__'] = g['__rlvr_checked__']\n    return 0\n",
            "assert f(globals()) == 1\nassert 1 == 2",
        ),
        # globals the tests bind for the solution (and never read themselves) reach it
        "a flag the tests turn on": (
            CACHE.format(cached="x + x  # bug in the cached path"),
            "CACHE = True\nassert sq(3) == 9 and sq(3) == 9",
        ),
        "a global set through `global` in a function of the tests": (
            "MODE = 'slow'\ndef f(x):\n    return x * 3 if MODE == 'fast' else x * 2\n",
            "def use_fast():\n    global MODE\n    MODE = 'fast'\nuse_fast()\nassert f(2) == 4",
        ),
        "a flag set on the tests' module object": (
            CACHE.format(cached="x + x  # bug in the cached path"),
            "import sys\nsys.modules[__name__].CACHE = True\nassert sq(3) == 9 and sq(3) == 9",
        ),
        "a stub that stands in for the tests' oracle": (ORACLE_MAX.format(op=">"), ORACLE_TESTS),
        # ... and what the tests read themselves stays theirs: no expected value, no reference implementation
        "the tests' expected value read through a global": (
            "expected = None\ndef f():\n    return expected\n",
            "expected = [1, 2]\nassert f() == expected",
        ),
        "the tests' reference implementation read through a global": (
            "def brute(x):\n    return None\ndef f(x):\n    return brute(x)\n",
            "def brute(x):\n    return 2 * x\nfor x in range(3):\n    assert f(x) == brute(x)",
        ),
        "the tests' expected value, bound in a test function": (
            "want = None\ndef f():\n    return want\n",
            "def test_f():\n    want = 3\n    assert f() == want",
        ),
        # a standard type of a solution object
        "a generator where a list is required (inspect.isgenerator)": (
            "def evens(n):\n    return (i for i in range(0, n, 2))\n",
            "import inspect\nr = evens(6)\nassert not inspect.isgenerator(r)\nassert list(r) == [0, 2, 4]",
        ),
        "a generator where a list is required (its __class__)": (
            "def evens(n):\n    yield from range(0, n, 2)\n",
            "import types\nr = evens(6)\nassert r.__class__ is not types.GeneratorType and sorted(r) == [0, 2, 4]",
        ),
        "a coroutine function where a plain one is required": (
            "async def fetch():\n    return 1\n",
            "import inspect\nassert not inspect.iscoroutinefunction(fetch)",
        ),
        "a generator function, in a test function": (
            "def pairs(xs):\n    for i in range(0, len(xs), 2):\n        yield xs[i:i + 2]\n",
            "import inspect\ndef test_plain():\n    assert not inspect.isgeneratorfunction(pairs)\n"
            "    assert list(pairs([1, 2, 3])) == [[1, 2], [3]]",
        ),
        # a proxy's snapshot after the tests wait
        "a worker that ignores stop(), read as a list": (
            WORKER.format(cond="True"),
            "import time\nw = W()\nw.start()\ntime.sleep(0.05)\nw.stop()\na = list(w)\ntime.sleep(0.2)\nassert list(w) == a",
        ),
        "a worker that ignores stop(), waited for with an Event": (
            WORKER.format(cond="True"),
            "import threading\nw = W()\nw.start()\nw.stop()\nn = len(w)\nthreading.Event().wait(0.2)\nassert len(w) == n",
        ),
        # the tests' objects: a refused use fails the run, whatever the solution does with the refusal
        "a swallowed refusal of a MagicMock's method": (
            "def notify(svc, msg):\n    try:\n        svc.send(msg)\n    except Exception:\n        pass\n    return 'ok'\n",
            "from unittest.mock import MagicMock\nsvc = MagicMock()\nassert notify(svc, 'x') == 'ok'\nsvc.send.assert_not_called()",
        ),
        "a swallowed refusal of a StringIO's write": (
            "def log(buf):\n    try:\n        buf.write('x')\n    except AttributeError:\n        pass\n    return 1\n",
            "import io\nb = io.StringIO()\nassert log(b) == 1 and b.getvalue() == ''",
        ),
    }

    # (solution, tests): right programs of the same shapes, each must pass
    RIGHT: dict[str, tuple[str, str]] = {
        "a setter that copies": (
            TEAM.replace("s.m = {}", "s.m = list(m)"),
            "ms = ['a']\nt = Team()\nt.set_members(ms)\nms.append('b')\nassert t.count() == 1",
        ),
        "a getter that copies": (
            CONFIG.replace("return {}", "return dict(s._d)"),
            "c = Config()\nc.as_dict()['a'] = 2\nassert c.get('a') == 1",
        ),
        "a deep copy inside a returned tuple": (
            GRID.replace("return ({}, 2)", "return ([r[:] for r in s.rows], 2)"),
            "g = Grid()\nrows, n = g.snapshot()\nrows[0][0] = 9\nassert g.at(0, 0) == 0 and n == 2",
        ),
        "a graph that keeps the caller's adjacency (by design) sees later edges": (
            "class G:\n    def __init__(s, adj):\n        s.adj = adj\n    def degree(s, v):\n        return len(s.adj[v])\n",
            "adj = {0: [1]}\ng = G(adj)\nadj[0].append(2)\nadj[1] = []\nassert g.degree(0) == 2 and g.degree(1) == 0",
        ),
        "a view of its internal list follows later pushes": (
            "class Stack:\n    def __init__(s):\n        s.items = []\n    def push(s, x):\n        s.items.append(x)\n"
            "    def view(s):\n        return s.items\n",
            "st = Stack()\nv = st.view()\nst.push(1)\nst.push(2)\nassert v == [1, 2] and v is st.view()",
        ),
        "the list it kept, passed again, is the same list": (
            "class K:\n    def __init__(s, xs):\n        s.xs = xs\n    def same(s, ys):\n        return ys is s.xs\n",
            "xs = [3, 1]\nk = K(xs)\nassert k.same(xs) and not k.same(list(xs))\nxs.append(2)\n"
            "assert k.same(xs) and k.xs == [3, 1, 2] and k.xs is xs",
        ),
        "a numpy array scaled in place, then reshaped by the tests": (
            "def scale(a):\n    a *= 2\n",
            "import numpy as np\na = np.arange(3)\nscale(a)\nassert (a == [0, 2, 4]).all()\na.shape = (3, 1)\nscale(a)\n"
            "assert a.shape == (3, 1) and a[2, 0] == 8",
        ),
        "a kept numpy array, copied": (
            "class K:\n    def __init__(s, a):\n        s.a = a.copy()\n    def mean(s):\n        return float(s.a.mean())\n",
            "import numpy as np\na = np.array([1.0, 3.0])\nk = K(a)\na[0] = 5\nassert k.mean() == 2.0 and a[0] == 5",
        ),
        "fresh objects per call": (
            "def get():\n    return [1, 2]\n",
            "a = get()\nb = get()\na.append(3)\nassert a is not b and b == [1, 2] and get() == [1, 2]",
        ),
        "an argument sorted in place, then changed by the tests": (
            "def sort_in_place(xs):\n    xs.sort()\n",
            "xs = [3, 1, 2]\nsort_in_place(xs)\nassert xs == [1, 2, 3]\nxs.append(0)\nsort_in_place(xs)\nassert xs == [0, 1, 2, 3]",
        ),
        "a generator reading a dict the tests change between items": (
            "def scaled(cfg, n):\n    for i in range(n):\n        yield cfg['k'] * i\n",
            "cfg = {'k': 1}\ng = scaled(cfg, 3)\nassert next(g) == 0\ncfg['k'] = 10\nassert next(g) == 10",
        ),
        "a large list held by both, many calls": (
            "def total(xs):\n    return sum(xs)\n",
            "xs = list(range(100000))\nfor _ in range(30):\n    assert total(xs) == 4999950000",
        ),
        "many results dropped by the tests": (
            "def row(i):\n    return [i] * 50\n",
            "for i in range(3000):\n    assert row(i)[0] == i",
        ),
        "a cycle through the solution's objects": (
            "def loop():\n    a = [1]\n    a.append(a)\n    return a\n",
            "x = loop()\nassert x[1] is x and x[0] == 1",
        ),
        # globals the tests bind for the solution
        "a flag the tests turn on, right in both paths": (
            CACHE.format(cached="x * x"),
            "CACHE = True\nassert sq(3) == 9 and sq(3) == 9",
        ),
        "an oracle the solution never defines (LeetCode)": (
            "def guessNumber(n):\n    lo, hi = 1, n\n    while True:\n        mid = (lo + hi) // 2\n        g = guess(mid)\n"
            "        if g == 0:\n            return mid\n        lo, hi = (mid + 1, hi) if g > 0 else (lo, mid - 1)\n",
            "def guess(num):\n    return 0 if num == 6 else (-1 if num > 6 else 1)\nassert guessNumber(10) == 6",
        ),
        "the solution's own stub replaced by the tests' oracle": (ORACLE_MAX.format(op="<"), ORACLE_TESTS),
        "a class the tests provide": (
            "def build(vals):\n    head = None\n    for v in reversed(vals):\n        head = ListNode(v, head)\n    return head\n",
            "class ListNode:\n    def __init__(self, val, nxt=None):\n        self.val, self.next = val, nxt\n"
            "h = build([1, 2])\nassert (h.val, h.next.val, h.next.next) == (1, 2, None)",
        ),
        "a global set through the tests' module object": (
            "SCALE = 1\ndef f(x):\n    return x * SCALE\n",
            "import sys\nm = sys.modules['__main__']\nm.SCALE = 3\nassert f(2) == 6",
        ),
        "a global the tests rebind twice": (
            "SCALE = 1\ndef f(x):\n    return x * SCALE\n",
            "SCALE = 2\nr1 = f(3)\nSCALE = 5\nassert (r1, f(3)) == (6, 15)",
        ),
        # a standard type of a solution object
        "isinstance of a generator, abc too": (
            "def gen(n):\n    yield from range(n)\n",
            "import types, collections.abc, inspect\ng = gen(2)\n"
            "assert isinstance(g, types.GeneratorType) and isinstance(g, collections.abc.Generator) and inspect.isgenerator(g)\n"
            "assert list(g) == [0, 1]",
        ),
        "isgeneratorfunction and a plain function's signature": (
            "def gen(n):\n    yield n\ndef add(a, b=2, *rest, key=None):\n    return a + b\n",
            "import inspect\nassert inspect.isgeneratorfunction(gen) and not inspect.isgeneratorfunction(add)\n"
            "assert list(inspect.signature(add).parameters) == ['a', 'b', 'rest', 'key'] and add(1) == 3",
        ),
        # a proxy's snapshot after the tests wait
        "a worker that stops, polled with sleep": (
            WORKER.format(cond="not s.stop_"),
            "import time\nw = W()\nw.start()\nt = time.time()\nwhile len(w) < 3 and time.time() - t < 3:\n    time.sleep(0.01)\n"
            "w.stop()\ntime.sleep(0.05)\nn = len(w)\ntime.sleep(0.1)\nassert len(w) == n >= 3",
        ),
        # the tests' objects
        "a callback it keeps, called during literal asserts": (
            "class Reg:\n    def __init__(s):\n        s.fs = []\nREG = Reg()\ndef on(f):\n    REG.fs.append(f)\n"
            "def fire(x):\n    return [f(x) for f in REG.fs]\n",
            "on(lambda v: v + 1)\nassert fire(1) == [2]\nassert fire(2) == [3]\nassert fire(3) == [4]",
        ),
        "a Mock the solution never touches": (
            "def f(m):\n    return 1\n",
            "from unittest.mock import Mock\nm = Mock()\nassert f(m) == 1\nm.assert_not_called()",
        ),
        "a node of the tests' class, read and set": (
            "def relink(n):\n    n.next = None\n    return n.val\n",
            "class Node:\n    def __init__(s, v):\n        s.val, s.next = v, s\nn = Node(4)\nassert relink(n) == 4 and n.next is None",
        ),
    }

    # an object whose iteration answers differently each time still gets one snapshot between two calls into
    # it, however long it takes (only the tests' own waits retake it)
    LIAR = (
        "import time\nclass L:\n    n = 0\n    def __iter__(s):\n        L.n += 1\n        time.sleep(0.02)\n"
        "        return iter([9] if L.n == 1 else [1, 2, 3])\ndef f():\n    return L()\n"
    )
    WRONG["an iteration that changes and stalls"] = (LIAR, "r = f()\nassert 9 in r and sorted(r) == [1, 2, 3]")

    @pytest.mark.parametrize("case", list(WRONG))
    def test_wrong_fails(judged: Any, case: str) -> None:
        code, tests = WRONG[case]
        assert judged(code, tests)[0] is False
        passed, score = judged(code, tests, partial=True)
        assert passed is False and score < 1.0

    @pytest.mark.parametrize("case", list(RIGHT))
    def test_right_passes(judged: Any, case: str) -> None:
        code, tests = RIGHT[case]
        t = time.monotonic()
        assert judged(code, tests) == (True, 1.0)
        assert time.monotonic() - t < 10.0  # (the limit: aliases add no round trips of their own)

    def test_a_check_of_the_tests_is_not_the_solutions_to_run(judged: Any) -> None:
        """A function of the tests that holds a check is never sent to the solution, even unused: running it
        with an answer of its own would add a passed check to the score."""
        code = "def check_one(f):\n    pass\ndef solve(x):\n    check_one(lambda v: v)\n    return 0\n"
        tests = "def check_one(f):\n    assert f(1) == 1\nassert solve(3) == 9"
        assert judged(code, tests, partial=True) == (False, 0.0)
