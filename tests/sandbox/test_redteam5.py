"""Adversarial suite, fifth round: the outside red team's 141 wrong verdicts
(``benchmarks/data/sandbox_redteam5.jsonl``), each asserting its expected verdict. As in ``test_hostile.py``,
outside the cage this module defines one test that re-runs it inside the cage (``conftest.run_caged``), and
the cases exist only inside.

A row with ``partial`` is judged with ``partial=true``; a row with ``max_score`` (a wrong program that ends
its own process at the first input it cannot answer) must not pass and score at most that: the score of an
honest wrong program on the same tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

IN_CAGE = os.environ.get("RLVR_HOSTILE_CAGE") == "1" and os.getpid() == 1
ROWS_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "sandbox_redteam5.jsonl"

#: Rows left open, with the reason (docs/sandbox.md, "The fifth outside round").
_REFUSED = (
    "refused: the tests capture the solution's output, warnings or logs, or stub what it shares with them (input, "
    "stdin, environment, random seed, pytest's capsys/monkeypatch), which it does not share here"
)
#: Open rows whose program may pass by chance: two unseeded ``random`` rolls agree one time in six.
UNSEEDED = frozenset({"solution_random_seed"})
OPEN: dict[str, str] = {
    # divergence: stdout/warnings/logging capture
    "io_redirect_stdout": _REFUSED,
    "io_patch_stdout": _REFUSED,
    "io_capsys": _REFUSED,
    "warn_expected": _REFUSED,
    "log_expected": _REFUSED,
    "warn_expected@partial": _REFUSED,
    "log_expected@partial": _REFUSED,
    # divergence: tests patch builtins/modules/mocks
    "io_patch_input": _REFUSED,
    "io_sys_stdin_patch": _REFUSED,
    "solution_random_seed": _REFUSED,
    "tests_env": _REFUSED,
    "tests_monkeypatch_fixture": _REFUSED,
    "dv_input_stub": _REFUSED,
    "dv_input_stub@partial": _REFUSED,
    # documented semantics: main guard reading stdin
    "main_guard_input": "a solution whose __main__ block reads input() fails at import (documented: the file would block there)",
    # documented: pytest.raises is not a check
    "pt_raises_only": "pytest.raises is not counted as a check (documented): tests with no other check are no_tests",
    # a solution's class decorator setting special methods on the tests' class
    "dec_class_decorator": "the solution cannot set attributes of the tests' classes (a special method it sets would "
    "decide the tests' own comparisons, with their expected values)",
}

if not IN_CAGE:

    @pytest.mark.hostile
    @pytest.mark.slow
    def test_redteam5_in_cage(caged_suite) -> None:  # type: ignore[no-untyped-def]
        caged_suite(__file__)

else:
    from rlvr.sandbox.base import Limits
    from rlvr.verifiers.code import CodeVerifier

    pytestmark = pytest.mark.hostile

    ROWS = [json.loads(line) for line in ROWS_FILE.read_text().splitlines() if line.strip()]

    def _param(row: dict) -> object:
        strict = row["id"] not in UNSEEDED
        marks = [pytest.mark.xfail(strict=strict, reason=OPEN[row["id"]])] if row["id"] in OPEN else []
        return pytest.param(row, id=row["id"], marks=marks)

    @pytest.mark.parametrize("row", [_param(r) for r in ROWS])
    def test_row(judged: Any, row: dict) -> None:
        v = CodeVerifier(sandbox=judged.sandbox, timeout_s=judged.limits.wall_s, partial=row["partial"])
        res = v.verify(row["completion"], row["reference"])
        assert res.status != "sandbox_error", res
        assert res.passed is row["expected_passed"], (res.status, res.score, res.details, res.error)
        if row["max_score"] is not None:
            assert res.score <= row["max_score"] + 1e-9, (res.score, res.details)

    # ------------------------------------------------------------------ our own cases, both ways
    # Partial credit cannot be bought by dying: a wrong program that ends its process (or stops the tests)
    # at the first input it cannot answer scores no more than the honest wrong program (right on 1 and 2,
    # wrong from 3 on), whose score is unchanged; the right program still scores 1.
    N = 8
    KILLERS = {
        "os._exit(0)": "import os\n        os._exit(0)",
        "os._exit(1)": "import os\n        os._exit(1)",
        "SIGKILL to itself": "import os, signal\n        os.kill(os.getpid(), signal.SIGKILL)",
        "a segfault": "import ctypes\n        ctypes.string_at(0)",
        "os.abort()": "import os\n        os.abort()",
        "a thread's os._exit": "import os, threading\n        t = threading.Thread(target=os._exit, args=(0,))\n"
        "        t.start(); t.join()",
        "SIGTERM to its group": "import os, signal\n        os.killpg(0, signal.SIGTERM)",
    }

    def _program(body_at_3: str) -> str:
        return f"def f(x):\n    if x >= 3:\n        {body_at_3}\n    return 2 * x\n"

    HONEST = _program("return -1")
    RIGHT = "def f(x):\n    return 2 * x\n"
    _CALLS = [f"f({i}) == {2 * i}" for i in range(1, N + 1)]
    MODES: dict[str, tuple[object, float]] = {  # reference, the honest wrong program's score
        "flat asserts": ({"tests": "\n".join(f"assert {c}" for c in _CALLS)}, 2 / N),
        "list of asserts": ({"tests": [f"assert {c}" for c in _CALLS]}, 2 / N),
        "test_* functions": (
            {"tests": "".join(f"def test_{i}():\n    assert {c}\n" for i, c in enumerate(_CALLS))},
            2 / N,
        ),
        "a Test class": (
            {
                "tests": "class TestF:\n"
                + "".join(f"    def test_{i}(self):\n        assert {c}\n" for i, c in enumerate(_CALLS))
            },
            2 / N,
        ),
        "unittest": (
            {
                "tests": "import unittest\nclass T(unittest.TestCase):\n"
                + "".join(
                    f"    def test_{i}(self):\n        self.assertEqual(f({i + 1}), {2 * i + 2})\n" for i in range(N)
                )
            },
            2 / N,
        ),
        "HumanEval check()": (
            {
                "test": "def check(candidate):\n"
                + "".join(f"    assert candidate({i}) == {2 * i}\n" for i in range(1, N + 1)),
                "entry_point": "f",
            },
            2 / N,
        ),
        "call mode": (
            {"fn_name": "f", "inputs": [[i] for i in range(1, N + 1)], "outputs": [2 * i for i in range(1, N + 1)]},
            2 / N,
        ),
        "a loop of the tests' cases": ({"tests": f"for i in range(1, {N + 1}):\n    assert f(i) == 2 * i\n"}, 0.0),
    }

    @pytest.mark.parametrize("mode", list(MODES))
    def test_partial_honest_and_right_unchanged(judged: Any, mode: str) -> None:
        ref, honest = MODES[mode]
        assert judged(HONEST, ref, partial=True) == (False, pytest.approx(honest))
        assert judged(RIGHT, ref, partial=True) == (True, 1.0)
        assert judged(RIGHT, ref) == (True, 1.0)

    @pytest.mark.parametrize("killer", list(KILLERS))
    @pytest.mark.parametrize("mode", list(MODES))
    def test_partial_not_bought_by_dying(judged: Any, mode: str, killer: str) -> None:
        ref, honest = MODES[mode]
        passed, score = judged(_program(KILLERS[killer]), ref, partial=True)
        assert not passed and score <= honest + 1e-9, (score, honest)

    def test_partial_call_mode_counts_the_cases_not_reached(judged: Any) -> None:
        ref = MODES["call mode"][0]
        # dies at case 3 of 8: 2 right, 6 not reached (failed), one more for the death: 2/9
        assert judged(_program(KILLERS["os._exit(0)"]), ref, partial=True) == (False, pytest.approx(2 / 9))

    def test_partial_not_bought_by_stopping_the_tests(judged: Any) -> None:
        """An exception outside an assert ends the tests as it would end the file: the run is unfinished
        (0), not 2 right of 3 counted; as is a hang (a timeout)."""
        stops = "r1 = f(1)\nassert r1 == 2\nr2 = f(2)\nassert r2 == 4\n" + "".join(
            f"r = f({i})\nassert r == {2 * i}\n" for i in range(3, N + 1)
        )
        raising = _program("raise ValueError('no idea')")
        assert judged(raising, {"tests": stops}, partial=True) == (False, 0.0)
        hang = _program("while True: pass")
        quick = Limits(wall_s=2.0, cpu_s=2.0, memory_mb=1024, disk_mb=8, inodes=512, nproc=16)
        v = CodeVerifier(sandbox=judged.sandbox, timeout_s=quick.wall_s, partial=True)
        res = v.verify(f"```python\n{hang}\n```", MODES["test_* functions"][0])
        assert (res.passed, res.score) == (False, 0.0), res

    # Call mode: a dict whose keys collide once written as JSON is no match.
    def _call(ret: str, want: object) -> tuple[str, dict]:
        return f"def f(x):\n    return {ret}\n", {"fn_name": "f", "inputs": [[1]], "outputs": [want]}

    KEYS_WRONG = {
        "int and str": _call("{1: 5, '1': 2}", {"1": 2}),
        "str then int": _call("{'1': 5, 1: 2}", {"1": 2}),
        "float and str": _call("{1.5: 2, '1.5': 5}", {"1.5": 5}),
        "bool and str": _call("{True: 1, 'true': 1}", {"true": 1}),
        "None and str": _call("{None: 0, 'null': 0}", {"null": 0}),
        "nested in a list": _call("[{2: 'a', '2': 'a'}]", [{"2": "a"}]),
        "nested in a dict": _call("{'k': {3: 0, '3': 0}}", {"k": {"3": 0}}),
    }
    KEYS_RIGHT = {
        "int keys": _call("{1: 2, 3: 4}", {"1": 2, "3": 4}),
        "nested int keys": _call("{1: {2: 3}}", {"1": {"2": 3}}),
        "bool key": _call("{True: 1}", {"true": 1}),
        "str keys": _call("{'1': 2}", {"1": 2}),
    }

    # The working directory: one for the tests and the solution, as for one program; nothing left for the
    # next run, and the solution's files there are no modules of the tests.
    WORKDIR_RIGHT = {
        "solution writes, tests read": (
            "def save(p, s):\n    open(p, 'w').write(s)\n",
            "save('o.txt', 'hi')\nassert open('o.txt').read() == 'hi'",
        ),
        "solution writes /tmp, tests read": (
            "def save(s):\n    open('/tmp/o.txt', 'w').write(s)\n",
            "save('hi')\nassert open('/tmp/o.txt').read() == 'hi'",
        ),
        "tests write, solution reads": (
            "def load(p):\n    return open(p).read()\n",
            "open('i.txt', 'w').write('hi')\nassert load('i.txt') == 'hi'",
        ),
        "tests write with pathlib": (
            "def load(p):\n    return open(p).read()\n",
            "import pathlib\np = pathlib.Path('d') / 'i.txt'\np.parent.mkdir()\np.write_text('x')\nassert load(str(p)) == 'x'",
        ),
        "tempfile.mkdtemp in the tests": (
            "def count(p):\n    return len(open(p).readlines())\n",
            "import os, tempfile\nd = tempfile.mkdtemp()\np = os.path.join(d, 'a.txt')\nopen(p, 'w').write('a\\nb\\n')\nassert count(p) == 2",
        ),
        "NamedTemporaryFile in the tests": (
            "def count(p):\n    return len(open(p).readlines())\n",
            "import tempfile\nwith tempfile.NamedTemporaryFile('w', suffix='.txt') as fh:\n    fh.write('a\\nb\\nc\\n')\n    fh.flush()\n"
            "    assert count(fh.name) == 3",
        ),
        "solution's mkdtemp read by the tests": (
            "import os, tempfile\ndef make():\n    d = tempfile.mkdtemp()\n    open(os.path.join(d, 'x'), 'w').write('1')\n    return d\n",
            "import os\nd = make()\nassert open(os.path.join(d, 'x')).read() == '1' and oct(os.stat(d).st_mode & 0o777) == '0o700'",
        ),
        "solution appends to the tests' file": (
            "def add(p):\n    open(p, 'a').write('b')\n",
            "open('l.txt', 'w').write('a')\nadd('l.txt')\nassert open('l.txt').read() == 'ab'",
        ),
        "one working directory": (
            "import os\ndef cwd():\n    return os.getcwd()\n",
            "import os\nassert cwd() == os.getcwd()",
        ),
        "listdir sees the solution's file": (
            "open('made.txt', 'w').write('')\ndef f():\n    return 1\n",
            "import os\nassert 'made.txt' in os.listdir('.') and f() == 1",
        ),
        "a planted module is not the tests'": (
            "open('/tmp/colorsys.py', 'w').write('def rgb_to_hsv(*a):\\n    return 0\\n')\ndef f():\n    return 0.0\n",
            "import colorsys\nassert colorsys.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0) and f() == 0.0",
        ),
    }
    WORKDIR_WRONG = {
        "writes the wrong text": (
            "def save(p, s):\n    open(p, 'w').write(s[::-1])\n",
            "save('o.txt', 'hi')\nassert open('o.txt').read() == 'hi'",
        ),
        "counts wrong": (
            "def count(p):\n    return 2\n",
            "import os, tempfile\nd = tempfile.mkdtemp()\np = os.path.join(d, 'a.txt')\nopen(p, 'w').write('a\\nb\\nc\\n')\nassert count(p) == 3",
        ),
        "a planted statistics module": (
            "open('/tmp/statistics.py', 'w').write('def mean(*a):\\n    return 2\\n')\n"
            "open('statistics.py', 'w').write('def mean(*a):\\n    return 2\\n')\ndef f():\n    return [5, 5]\n",
            "import statistics\nassert statistics.mean(f()) == 2",
        ),
        "a planted module named like the tests' import": (
            "open('helper_mod.py', 'w').write('OK = True\\n')\ndef f():\n    return 0\n",
            "try:\n    import helper_mod\n    ok = helper_mod.OK\nexcept ImportError:\n    ok = False\nassert ok and f() == 0",
        ),
    }

    def test_workdir_is_no_channel_between_runs(judged_one: Any) -> None:
        """On one worker: what a run's tests and solution wrote is gone for the next run's tests and
        solution, whether in the workdir, /tmp or a tempfile directory."""
        writer = (
            "import os\nopen('/tmp/sol.txt', 'w').write('x')\nopen('/dev/shm/sol', 'w').write('x')\n"
            "def f():\n    return 1\n",
            "import tempfile\nopen('tests.txt', 'w').write('x')\ntempfile.mkdtemp(prefix='leak')\nassert f() == 1",
        )
        reader = (
            "import os\nSEEN = sorted(os.listdir('/tmp')) + sorted(os.listdir('/dev/shm'))\ndef seen():\n    return SEEN\n",
            "import os\nassert seen() == [] and os.listdir('.') == [] and os.listdir('/tmp') == []",
        )
        for code, tests in (writer, reader, writer, reader):
            assert judged_one(code, tests) == (True, 1.0)

    # The solution's globals as they are now: the tests read its data globals again once it may have
    # changed them (a call into it, or time for its threads), as the concatenated file would.
    COUNTER = "count = 0\ndef inc():\n    global count\n    count += 1\ndef reset():\n    {reset}\n"
    STATE_RIGHT = {
        "a counter after calls": (
            COUNTER.format(reset="global count\n    count = 0"),
            "inc()\ninc()\nassert count == 2",
        ),
        "reset then read": (COUNTER.format(reset="global count\n    count = 0"), "inc()\nreset()\nassert count == 0"),
        "in a test function": (
            COUNTER.format(reset="global count\n    count = 0"),
            "def test_reset():\n    inc()\n    reset()\n    assert count == 0",
        ),
        "in a unittest method": (
            COUNTER.format(reset="global count\n    count = 0"),
            "import unittest\nclass T(unittest.TestCase):\n    def test_it(self):\n        inc()\n        inc()\n"
            "        self.assertEqual(count, 2)",
        ),
        "a list appended to": (
            "items = []\ndef add(x):\n    items.append(x)\n",
            "add(1)\nadd(2)\nassert items == [1, 2]",
        ),
        "a global defined by a call": (
            "def init():\n    global CONFIG\n    CONFIG = {'a': 1}\n",
            "init()\nassert CONFIG == {'a': 1}",
        ),
        "a flag set by its thread": (
            "import threading, time\nDONE = False\ndef start():\n    def run():\n        global DONE\n"
            "        time.sleep(0.05)\n        DONE = True\n    threading.Thread(target=run, daemon=True).start()\n",
            "import time\nstart()\nt = time.time()\nwhile not DONE and time.time() - t < 3:\n    time.sleep(0.01)\nassert DONE",
        ),
        "a value pattern of the solution": (
            "class Kind:\n    A = 'a'\ndef kind():\n    return 'a'\nLIMIT = 3\n",
            "match kind():\n    case Kind.A if LIMIT == 3:\n        r = 1\n    case _:\n        r = 0\nassert r == 1",
        ),
        "data named like a module stays data": (
            "string = 'abc'\ndef grow():\n    global string\n    string += 'd'\n",
            "grow()\nassert string == 'abcd'",
        ),
    }
    STATE_WRONG = {
        "reset does nothing": (COUNTER.format(reset="pass"), "inc()\ninc()\nreset()\nassert count == 0"),
        "reset does nothing, in a test function": (
            COUNTER.format(reset="pass"),
            "def test_reset():\n    inc()\n    reset()\n    assert count == 0",
        ),
        "reset does nothing, unittest": (
            COUNTER.format(reset="pass"),
            "import unittest\nclass T(unittest.TestCase):\n    def test_it(self):\n        inc()\n        reset()\n"
            "        self.assertEqual(count, 0)",
        ),
        "a private name registered": (
            "REGISTRY = {}\ndef register(name, private=False):\n    REGISTRY[name] = True\n",
            "register('_s', private=True)\nassert '_s' not in REGISTRY",
        ),
        "clear does nothing": (
            "CACHE = {}\ndef get(k):\n    CACHE[k] = k\n    return k\ndef clear():\n    pass\n",
            "assert get(2) == 2\nclear()\nassert len(CACHE) == 0",
        ),
        "the wrong mark on the board": (
            "board = [['.', '.'], ['.', '.']]\ndef move(r, c):\n    board[r][c] = 'O'\n",
            "move(0, 0)\nassert board[0][0] == 'X'",
        ),
        "its thread ignores stop()": (
            "import threading, time\nCOUNT = 0\ndef start():\n    def run():\n        global COUNT\n"
            "        while True:\n            COUNT += 1\n            time.sleep(0.01)\n"
            "    threading.Thread(target=run, daemon=True).start()\ndef stop():\n    pass\n",
            "import time\nstart()\ntime.sleep(0.05)\nstop()\nn = COUNT\ntime.sleep(0.2)\nassert COUNT == n",
        ),
        "a name the tests star-import": (
            "pi = 99\ndef area(r):\n    return 99\n",
            "from math import *\nassert area(1) == pi",
        ),
        "a name the tests bind through globals()": (
            "LIMIT = 5\ndef under(x):\n    return x < 5\n",
            "globals()['LIMIT'] = 3\nassert under(4) == (4 < LIMIT)",
        ),
        "a global turned into a fake module by a call": (
            "string = 'abc'\nclass Fake:\n    def capwords(self, s):\n        return 'A B'\n"
            "def g(s):\n    global string\n    string = Fake()\n    return 'x'\n",
            "r = g('a b')\nassert string.capwords(r) == 'A B'",
        ),
    }

    # What one file would share, changed by the tests while they call the solution (its output captured,
    # its input stubbed, a function banned or mocked, warnings or logs recorded): the solution cannot see
    # the change, so the request is refused and the run fails — never a pass; tests that change nothing
    # the solution would share, or only around their own code, are judged as before.
    AREA = "def area(w, h):\n    print('computing')\n    return w * h\n"
    SHARED_REFUSED = {
        "no output, redirect_stdout": (
            AREA,
            "import io, contextlib\nbuf = io.StringIO()\nwith contextlib.redirect_stdout(buf):\n    r = area(2, 3)\nassert r == 6 and buf.getvalue() == ''",
        ),
        "no output, redirect_stderr": (
            "import sys\ndef area(w, h):\n    print('x', file=sys.stderr)\n    return w * h\n",
            "import io, contextlib\nbuf = io.StringIO()\nwith contextlib.redirect_stderr(buf):\n    r = area(2, 3)\nassert r == 6 and buf.getvalue() == ''",
        ),
        "print not called, patch": (
            AREA,
            "from unittest.mock import patch\nwith patch('builtins.print') as p:\n    assert area(2, 3) == 6\np.assert_not_called()",
        ),
        "print not called, in a test function": (
            AREA,
            "from unittest.mock import patch\ndef test_quiet():\n    with patch('builtins.print') as p:\n"
            "        assert area(2, 3) == 6\n    p.assert_not_called()",
        ),
        "print not called, started patch": (
            AREA,
            "from unittest.mock import patch\np = patch('builtins.print').start()\nassert area(2, 3) == 6\np.assert_not_called()",
        ),
        "sqrt banned, patch": (
            "import math\ndef isqrt(n):\n    return int(math.sqrt(n))\n",
            "from unittest.mock import patch\nimport math\nwith patch('math.sqrt', side_effect=AssertionError) as m:\n    assert isqrt(16) == 4\nm.assert_not_called()",
        ),
        "sqrt banned, patch.object": (
            "import math\ndef isqrt(n):\n    return int(math.sqrt(n))\n",
            "from unittest import mock\nimport math\nwith mock.patch.object(math, 'sqrt', side_effect=AssertionError) as m:\n    assert isqrt(16) == 4\nm.assert_not_called()",
        ),
        "sorted banned, builtins": (
            "def my_sort(xs):\n    return sorted(xs)\n",
            "import builtins\norig = builtins.sorted\ndef banned(*a, **k):\n    raise AssertionError('no sorted')\nbuiltins.sorted = banned\ntry:\n"
            "    assert my_sort([3, 1, 2]) == [1, 2, 3]\nfinally:\n    builtins.sorted = orig",
        ),
        "no warning, catch_warnings": (
            "import warnings\ndef f(x):\n    warnings.warn('old')\n    return x\n",
            "import warnings\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always')\n    assert f(1) == 1\nassert len(w) == 0",
        ),
        "no warning, assertWarns swallowed": (
            "import warnings\ndef f(x):\n    return x\n",
            "import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n        with self.assertWarns(UserWarning):\n            self.assertEqual(f(1), 1)\n",
        ),
        "no logs, assertNoLogs": (
            "import logging\ndef f(x):\n    logging.getLogger('app').error('bad')\n    return x\n",
            "import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n        with self.assertNoLogs('app', level='ERROR'):\n            self.assertEqual(f(1), 1)\n",
        ),
        "stdin replaced": (
            "def total():\n    return 3\n",
            "import io, sys\nsys.stdin = io.StringIO('1\\n2\\n')\nassert total() == 3",
        ),
        "environment set": (
            "def get():\n    return 'prod'\n",
            "import os\nos.environ['APP_MODE'] = 'prod'\nassert get() == 'prod'",
        ),
        "patch.dict of the environment": (
            "def get():\n    return 'prod'\n",
            "import os\nfrom unittest.mock import patch\nwith patch.dict(os.environ, {'APP_MODE': 'prod'}):\n    assert get() == 'prod'",
        ),
        "argv set": ("def main():\n    return 2\n", "import sys\nsys.argv = ['prog', '2']\nassert main() == 2"),
    }
    SHARED_FINE = {
        "the tests' own output captured": (
            "def area(w, h):\n    return w * h\n",
            "import io, contextlib\nbuf = io.StringIO()\nwith contextlib.redirect_stdout(buf):\n    print('hi')\nassert buf.getvalue() == 'hi\\n' and area(2, 3) == 6",
        ),
        "a patch undone before the call": (
            "def area(w, h):\n    return w * h\n",
            "from unittest.mock import patch\nimport math\nwith patch('math.pi', 3):\n    assert math.pi == 3\nassert area(2, 3) == 6",
        ),
        "a warnings filter": (
            "def f(x):\n    return x\n",
            "import warnings\nwarnings.simplefilter('ignore')\nassert f(1) == 1",
        ),
        "unittest.main()": (
            "def f(x):\n    return x\n",
            "import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n        self.assertEqual(f(1), 1)\nunittest.main()",
        ),
        "the tests' own print name": (
            "def f(x):\n    return x\n",
            "def print(*a):\n    pass\nprint('x')\nassert f(1) == 1",
        ),
        "a Mock passed as data": (
            "def call_twice(g):\n    g(1)\n    g(2)\n",
            "from unittest.mock import Mock\nm = Mock()\ncall_twice(m)\nassert m.call_count == 2",
        ),
    }

    @pytest.mark.parametrize("case", list(SHARED_REFUSED))
    def test_shared_change_refused(judged: Any, case: str) -> None:
        code, tests = SHARED_REFUSED[case]
        v = CodeVerifier(sandbox=judged.sandbox, timeout_s=judged.limits.wall_s)
        res = v.verify(f"```python\n{code}\n```", tests)
        assert not res.passed and any("refused" in f for f in res.details.get("failures", [])), res
        assert judged(code, tests, partial=True) == (False, 0.0)

    def test_started_patch_ends_with_its_run(judged_one: Any) -> None:
        left = (
            "def f(x):\n    return x\n",
            "from unittest.mock import patch\npatch('builtins.print').start()\nassert f(1) == 1",
        )
        clean = (
            "def f(x):\n    return x\n",
            "assert type(print).__name__ == 'builtin_function_or_method' and f(1) == 1",
        )
        assert judged_one(*left)[0] is False
        assert judged_one(*clean) == (True, 1.0)

    def test_shared_changes_end_with_their_run(judged_one: Any) -> None:
        """The trusted process serves every run of its worker: the environment, builtins and stdin one run's
        tests changed are restored for the next run's tests."""
        changes = (
            "def f(x):\n    return x\n",
            "import builtins, io, os, sys\nos.environ['LEAK'] = '1'\nbuiltins.leak = 1\nbuiltins.len = lambda x: 0\n"
            "sys.stdin = io.StringIO('x')\nassert True",
        )
        clean = (
            "def f(x):\n    return x\n",
            "import builtins, os, sys\nassert 'LEAK' not in os.environ and not hasattr(builtins, 'leak')\n"
            "assert len([1]) == 1 and not hasattr(sys.stdin, 'getvalue') and f(1) == 1",
        )
        for code, tests in (changes, clean, changes, clean):
            assert judged_one(code, tests) == (True, 1.0), tests

    # Every class's own cases in one table each way: right programs pass, wrong ones fail in both modes.
    RIGHT_CASES = {
        **{f"keys: {k}": v for k, v in KEYS_RIGHT.items()},
        **{f"workdir: {k}": v for k, v in WORKDIR_RIGHT.items()},
        **{f"globals: {k}": v for k, v in STATE_RIGHT.items()},
        **{f"shared: {k}": v for k, v in SHARED_FINE.items()},
    }
    WRONG_CASES = {
        **{f"keys: {k}": v for k, v in KEYS_WRONG.items()},
        **{f"workdir: {k}": v for k, v in WORKDIR_WRONG.items()},
        **{f"globals: {k}": v for k, v in STATE_WRONG.items()},
    }

    @pytest.mark.parametrize("case", list(RIGHT_CASES))
    def test_right_passes(judged: Any, case: str) -> None:
        code, reference = RIGHT_CASES[case]
        assert judged(code, reference) == (True, 1.0)

    @pytest.mark.parametrize("case", list(WRONG_CASES))
    def test_wrong_fails(judged: Any, case: str) -> None:
        code, reference = WRONG_CASES[case]
        assert judged(code, reference)[0] is False
        assert judged(code, reference, partial=True)[0] is False
