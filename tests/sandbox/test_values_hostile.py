"""Adversarial suite, third round: what crosses from the solution to the tests, and what the tests mean.

Each class both ways: wrong programs that must not pass (false passes) and right programs that must (false
fails: a correct program rejected teaches a policy the wrong thing as surely as a reward for a wrong one).
As in ``test_hostile.py``, outside the cage this module defines one test that re-runs it inside the cage
(``conftest.run_caged``), and the cases exist only inside.
"""

from __future__ import annotations

import os

import pytest

IN_CAGE = os.environ.get("RLVR_HOSTILE_CAGE") == "1" and os.getpid() == 1

if not IN_CAGE:

    @pytest.mark.hostile
    @pytest.mark.slow
    def test_value_suite_in_cage(caged_suite) -> None:  # type: ignore[no-untyped-def]
        caged_suite(__file__)

else:
    from rlvr.sandbox.base import Limits
    from rlvr.sandbox.pool import SandboxPool
    from rlvr.verifiers.code import CodeVerifier

    pytestmark = pytest.mark.hostile

    LIMITS = Limits(wall_s=5.0, cpu_s=5.0, memory_mb=768, disk_mb=8, inodes=512, nproc=16, output_bytes=1 << 16)

    @pytest.fixture(scope="module")
    def verifier() -> CodeVerifier:
        pool = SandboxPool(workers=2, limits=LIMITS)
        yield CodeVerifier(sandbox=pool, timeout_s=LIMITS.wall_s)
        pool.close()

    def verdict(verifier: CodeVerifier, code: str, reference: object) -> bool:
        res = verifier.verify(f"```python\n{code}\n```", reference)
        assert res.status != "sandbox_error", res
        partial = CodeVerifier(sandbox=verifier.sandbox, timeout_s=LIMITS.wall_s, partial=True)
        res_partial = partial.verify(f"```python\n{code}\n```", reference)
        assert res_partial.passed == res.passed, (res, res_partial)  # all-or-nothing and fraction agree
        return res.passed

    # ------------------------------------------------------------------ a. names: modules are the modules
    MODULE_FAKES = {  # (solution, tests): the solution rebinds a module name the tests read attributes of
        "instance named math": (
            "class M:\n    def isclose(self, *a, **k):\n        return True\nmath = M()\ndef f(x):\n    return 123.0",
            "assert math.isclose(f(4.0), 2.0)",
        ),
        "another module as math": (
            "import operator as math\nmath.isclose = lambda *a, **k: True\ndef f(x):\n    return 123.0",
            "assert math.isclose(f(4.0), 2.0)",
        ),
        "class named math": (
            "class math:\n    @staticmethod\n    def isclose(*a, **k):\n        return True\ndef f(x):\n    return 1.0",
            "assert math.isclose(f(4.0), 2.0)",
        ),
        "patched math": (
            "import math\nmath.isclose = lambda *a, **k: True\ndef f(x):\n    return 123.0",
            "assert math.isclose(f(4.0), 2.0)",
        ),
        "fake numpy": (
            "class N:\n    def allclose(self, *a, **k):\n        return True\nnp = N()\ndef f(x):\n    return [0.0]",
            "assert np.allclose(f(1), [2.0])",
        ),
        "patched numpy": (
            "import numpy as np\nnp.array_equal = lambda *a, **k: True\ndef f(x):\n    return [0]",
            "assert np.array_equal(f(1), [2])",
        ),
        "fake json": (
            "class J:\n    def dumps(self, o):\n        return '5'\njson = J()\ndef f(x):\n    return 7",
            "assert json.dumps(f(1)) == json.dumps(5)",
        ),
        "fake heapq": (
            "class H:\n    def nsmallest(self, *a):\n        return [1, 2]\nheapq = H()\ndef f(x):\n    return [3, 1]",
            "assert heapq.nsmallest(2, f(1)) == [1, 2]",
        ),
        "fake statistics": (
            "class S:\n    def median(self, xs):\n        return 4\nstatistics = S()\ndef f(x):\n    return [1, 2, 9]",
            "assert statistics.median(f(1)) == 4",
        ),
        "fake collections via a function": (
            "def collections():\n    pass\ncollections.Counter = lambda x: 1\ndef f(x):\n    return 'abc'",
            "assert collections.Counter(f(1)) == collections.Counter('aab')",
        ),
        "fake string constants": (
            "class S:\n    ascii_lowercase = 'xyz'\nstring = S()\ndef f():\n    return 'xyz'",
            "assert f() == string.ascii_lowercase",
        ),
    }

    @pytest.mark.parametrize("case", MODULE_FAKES)
    def test_module_names_are_the_modules(verifier: CodeVerifier, case: str) -> None:
        code, tests = MODULE_FAKES[case]
        assert not verdict(verifier, code, {"tests": tests})

    NAMES_LEGIT = {
        "math imported by the solution only": (
            "import math\ndef f(x):\n    return math.sqrt(x)",
            "assert math.isclose(f(4.0), 2.0)",
        ),  # fmt: skip
        "numpy as np by the solution only": (
            "import numpy as np\ndef f(x):\n    return [2.0]",
            "assert np.allclose(f(1), [2.0])",
        ),  # fmt: skip
        "globals()": ("def f(x):\n    return x + 1", "g = globals()['f']\nassert g(1) == 2"),
        "eval": ("def f(x):\n    return x + 1", "assert eval('f(1)') == 2"),
        "exec": ("def f(x):\n    return x + 1", "exec('assert f(1) == 2')\nassert f(2) == 3"),
        "getattr of the module": (
            "def f(x):\n    return x + 1",
            "import sys\nassert getattr(sys.modules[__name__], 'f')(1) == 2",
        ),  # fmt: skip
        "a function named like a module, called": ("def string(x):\n    return str(x)", "assert string(1) == '1'"),
        "the entry point named like a module": (
            "def queue(n):\n    return list(range(n))",
            {"tests": "assert queue.__name__ == 'queue'\nassert queue(2) == [0, 1]", "entry_point": "queue"},
        ),  # fmt: skip
    }

    @pytest.mark.parametrize("case", NAMES_LEGIT)
    def test_names_the_tests_mean_are_found(verifier: CodeVerifier, case: str) -> None:
        code, ref = NAMES_LEGIT[case]
        assert verdict(verifier, code, ref if isinstance(ref, dict) else {"tests": ref})

    # ------------------------------------------------------------------ b. skips decided by the solution
    WRONG = "def f(x):\n    return x\n"  # f(0) == 0 holds, f(1) == 2 does not
    SKIPS = {
        "pytest skipif": (
            WRONG + "SKIP = True",
            "import pytest\n@pytest.mark.skipif(SKIP, reason='x')\n"
            "def test_a():\n    assert f(1) == 2\ndef test_b():\n    assert f(0) == 0",
        ),  # fmt: skip
        "unittest skipIf": (
            WRONG + "SKIP = True",
            "import unittest\nclass T(unittest.TestCase):\n"
            "    @unittest.skipIf(SKIP, 'x')\n    def test_a(self):\n        self.assertEqual(f(1), 2)\n"
            "    def test_b(self):\n        self.assertEqual(f(0), 0)",
        ),  # fmt: skip
        "unittest skipUnless on a class": (
            WRONG + "READY = False",
            "import unittest\n"
            "@unittest.skipUnless(READY, 'x')\nclass T(unittest.TestCase):\n"
            "    def test_a(self):\n        self.assertEqual(f(1), 2)\n"
            "assert f(0) == 0",
        ),  # fmt: skip
        "skipTest at run time": (
            WRONG + "def ready():\n    return False",
            "import unittest\n"
            "class T(unittest.TestCase):\n    def test_a(self):\n        if not ready():\n"
            "            self.skipTest('not ready')\n        self.assertEqual(f(1), 2)\n"
            "    def test_b(self):\n        self.assertEqual(f(0), 0)",
        ),  # fmt: skip
        "pytest.skip at run time": (
            WRONG + "FLAG = 1",
            "import pytest\ndef test_a():\n    if FLAG:\n"
            "        pytest.skip('x')\n    assert f(1) == 2\n"
            "def test_b():\n    assert f(0) == 0",
        ),  # fmt: skip
        "a test class with __init__": (
            WRONG,
            "class TestX:\n    def __init__(self):\n        self.k = 1\n"
            "    def test_a(self):\n        assert f(self.k) == 2\n"
            "def test_b():\n    assert f(0) == 0",
        ),  # fmt: skip
    }

    @pytest.mark.parametrize("case", SKIPS)
    def test_skips_decided_by_the_solution_fail(verifier: CodeVerifier, case: str) -> None:
        code, tests = SKIPS[case]
        assert not verdict(verifier, code, {"tests": tests})
        right = code.replace("return x\n", "return 2 * x\n")
        assert verdict(verifier, right, {"tests": tests}) is (case == "a test class with __init__"), case

    def test_an_unconditional_skip_removes_its_test(verifier: CodeVerifier) -> None:
        tests = ("import unittest, pytest\nclass T(unittest.TestCase):\n    def test_a(self):\n"
                 "        self.assertEqual(f(1), 2)\n    @unittest.skip('x')\n    def test_b(self):\n        self.fail()\n"
                 "@pytest.mark.skip(reason='x')\ndef test_c():\n    assert False\n")  # fmt: skip
        assert verdict(verifier, "def f(x):\n    return 2 * x", {"tests": tests})

    # ------------------------------------------------------------------ c. stdio: death by a signal
    SIGNAL_DEATHS = {
        "SIGKILL": "os.kill(os.getpid(), signal.SIGKILL)",
        "SIGTERM via pid 0": "os.kill(0, signal.SIGTERM)",
        "raise_signal SIGABRT": "signal.raise_signal(signal.SIGABRT)",
        "killpg": "os.killpg(os.getpgrp(), signal.SIGHUP)",
        "pthread_kill": "import threading\nsignal.pthread_kill(threading.get_ident(), signal.SIGUSR1)",
        "kill through ctypes": "import ctypes, time\nctypes.CDLL(None).kill(os.getpid(), 15)\ntime.sleep(0.2)",
        "alarm": "import time\nsignal.alarm(1)\ntime.sleep(2)",
        "setitimer": "import time\nsignal.setitimer(signal.ITIMER_REAL, 0.05)\ntime.sleep(1)",
        "abort": "os.abort()",
    }

    @pytest.mark.parametrize("case", SIGNAL_DEATHS)
    def test_a_program_dying_of_a_signal_fails(verifier: CodeVerifier, case: str) -> None:
        code = "import os, signal\nprint(int(input()) + 1, flush=True)\n" + SIGNAL_DEATHS[case] + "\nprint('after')"
        ref = {"stdin": "5\n", "expected_stdout": "6\n"}
        assert not verdict(verifier, code, ref)
        assert not verdict(verifier, code.replace("print('after')", ""), ref)
        res = verifier.sandbox.run(code, stdin="5\n")
        assert res.status == "runtime_error" and res.stdout == "6\n", res

    def test_handled_and_ignored_signals_are_survived(verifier: CodeVerifier) -> None:
        code = ("import os, signal\nsignal.signal(signal.SIGTERM, lambda *a: None)\nos.kill(os.getpid(), signal.SIGTERM)\n"
                "os.kill(os.getpid(), signal.SIGCHLD)\nprint(int(input()) + 1)")  # fmt: skip
        assert verdict(verifier, code, {"stdin": "5\n", "expected_stdout": "6\n"})
        code = ("import signal, time\nassert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL\n"
                "signal.signal(signal.SIGALRM, lambda *a: print('rang'))\nsignal.alarm(1)\ntime.sleep(2)\nprint(6)")  # fmt: skip
        assert verdict(verifier, code, {"stdin": "", "expected_stdout": "rang\n6\n"})
        code = "from multiprocessing import Pool\nwith Pool(2) as p:\n    print(sum(p.map(abs, [-1, 2, -3])))"
        assert verdict(verifier, code, {"stdin": "", "expected_stdout": "6\n"})
        code = "import os\ntry:\n    os.kill(-1, 9)\nexcept OSError:\n    pass\nprint(6)"  # kill(-1) spares the caller
        assert verdict(verifier, code, {"stdin": "", "expected_stdout": "6\n"})

    # ------------------------------------------------------------------ d/e. objects: one snapshot, one kind
    LIAR = (
        "class A:\n"
        "    def __getitem__(s, k): return 2\n    def __iter__(s): return iter([2])\n    def __len__(s): return 1\n"
        "    def __float__(s): return 2.0\n    def __int__(s): return 2\n    def __index__(s): return 2\n"
        "    def __eq__(s, o): return True\n    def __hash__(s): return hash(2)\n    def __str__(s): return '2'\n"
        "    def __contains__(s, o): return True\n    def __bool__(s): return True\n    def upper(s): return 'X'\n"
        "    def __getattr__(s, n): return 2\n"
        "    def __array__(s, dtype=None, copy=None):\n        import numpy\n        return numpy.array([2])\n"
        "def f(x): return A()\n"
    )
    LIAR_TESTS = [
        "assert f(1) == 2", "assert sum(f(1)) == 2", "assert list(f(1)) == [2]", "assert max(f(1)) == 2",
        "assert sorted(f(1)) == [2]", "assert set(f(1)) == {2}", "assert f(1)[0] == 2", "assert len(f(1)) == 1",
        "assert any(f(1))", "assert all(x == 2 for x in f(1))", "assert bytes(f(1)) == b'\\x02'",
        "assert f(1).upper() == 'X'", "assert f(1).anything == 2", "assert 5 in f(1)", "assert f(1)",
        "assert float(f(1)) == 2.0", "assert int(f(1)) == 2", "assert [0, 1, 2][f(1)] == 2",
        "import numpy as np\nassert np.array_equal(f(1), [2])", "import numpy as np\nassert np.allclose(f(1), 2.0)",
        "import numpy as np\nassert (np.asarray(f(1)) == 2).all()", "import statistics\nassert statistics.mean(f(1)) == 2",
        "import unittest\nclass T(unittest.TestCase):\n    def test(self):\n        self.assertIn(2, f(1))",
        "import unittest\nclass T(unittest.TestCase):\n    def test(self):\n        self.assertCountEqual(f(1), [2])",
    ]  # fmt: skip

    @pytest.mark.parametrize("tests", LIAR_TESTS)
    def test_an_object_claiming_every_kind_is_no_value(verifier: CodeVerifier, tests: str) -> None:
        assert not verdict(verifier, LIAR, {"tests": tests})

    NUMBER_AND_SIZE = "class B:\n    def __len__(s): return 3\n    def __float__(s): return 0.5\ndef f(): return B()\n"

    @pytest.mark.parametrize(
        "tests", ["assert len(f()) == 3", "assert f()", "import math\nassert math.isclose(f(), 0.5)"]
    )
    def test_an_object_both_sized_and_numeric_is_no_value(verifier: CodeVerifier, tests: str) -> None:
        assert not verdict(verifier, NUMBER_AND_SIZE, {"tests": tests})

    def test_iteration_is_taken_once(verifier: CodeVerifier) -> None:
        code = ("class A:\n    n = 0\n    def __iter__(s):\n        A.n += 1\n"
                "        return iter([1, 2, 3] if A.n == 2 else [9])\ndef f(x): return A()\n")  # fmt: skip
        assert not verdict(verifier, code, {"tests": "r = f(1)\nassert len(r) == 1 and list(r) == [1, 2, 3]"})
        assert not verdict(verifier, code, {"tests": "r = f(1)\nassert 9 in r and sorted(r) == [1, 2, 3]"})
        assert verdict(verifier, code, {"tests": "r = f(1)\nassert list(r) == [9] and len(r) == 1 and 9 in r"})

    def test_a_call_retakes_the_snapshot(verifier: CodeVerifier) -> None:
        """A method call may change the object (a legit mutation); nothing else between two calls may."""
        code = ("class Bag:\n    def __init__(s):\n        s.items = []\n    def add(s, x):\n        s.items.append(x)\n"
                "    def __iter__(s):\n        return iter(list(s.items))\n")  # fmt: skip
        tests = "b = Bag()\nassert len(b) == 0 and not b\nb.add(3)\nassert list(b) == [3] and 3 in b and b\n"
        assert verdict(verifier, code, {"tests": tests})

    def test_the_harness_hooks_cannot_be_called_back(verifier: CodeVerifier) -> None:
        """Tests that hand their globals to the solution do not hand it the verdict: its hooks refuse."""
        code = (
            "def f(g):\n    for name, v in g.items():\n        if name.startswith('__rlvr'):\n"
            "            try:\n                v(1, 2) if 'fail' in name else v()\n            except Exception:\n"
            "                pass\n    return 0\n"
        )
        for partial in (False, True):
            v = CodeVerifier(sandbox=verifier.sandbox, timeout_s=LIMITS.wall_s, partial=partial)
            res = v.verify(f"```python\n{code}\n```", {"tests": "assert f(globals()) == 1\nassert f(globals()) == 1"})
            assert res.score == 0.0 and not res.passed, res

    def test_attributes_are_real_ones(verifier: CodeVerifier) -> None:
        code = "class P:\n    x = 3\n    def __getattr__(s, n): return 3\ndef f(): return P()\n"
        assert verdict(verifier, code, {"tests": "assert f().x == 3"})
        assert not verdict(verifier, code, {"tests": "assert f().y == 3"})

    # ------------------------------------------------------------------ legit programs: values, arguments
    LEGIT = {
        "Fraction": ("from fractions import Fraction\ndef f(a, b):\n    return Fraction(a, b)",
                     "from fractions import Fraction\nassert f(1, 3) == Fraction(1, 3) and type(f(1, 3)) is Fraction"),
        "Decimal": ("from decimal import Decimal\ndef f(a):\n    return Decimal(a)",
                    "from decimal import Decimal\nassert f('1.5') == Decimal('1.5') and str(f('1.50')) == '1.50'"),
        "date": ("import datetime\ndef f(y):\n    return datetime.date(y, 1, 1)",
                 "import datetime\nassert f(2020) == datetime.date(2020, 1, 1)"),
        "aware datetime and timedelta": (
            "import datetime as dt\ndef f():\n    tz = dt.timezone(dt.timedelta(hours=2))\n"
            "    return dt.datetime(2020, 1, 1, 12, tzinfo=tz), dt.timedelta(days=1, seconds=5)",
            "import datetime as dt\na, b = f()\nassert a == dt.datetime(2020, 1, 1, 10, tzinfo=dt.timezone.utc)\n"
            "assert b.total_seconds() == 86405"),
        "Counter": ("from collections import Counter\ndef f(s):\n    return Counter(s)",
                    "assert f('aab') == {'a': 2, 'b': 1}\nassert f('aab').most_common(1) == [('a', 2)]"),
        "namedtuple": ("from collections import namedtuple\nP = namedtuple('P', 'x y')\ndef f():\n    return P(1, 2)",
                       "assert f() == (1, 2) and f().y == 2"),
        "defaultdict and OrderedDict": (
            "from collections import defaultdict, OrderedDict\ndef f():\n    d = defaultdict(int)\n    d['a'] += 1\n"
            "    return d, OrderedDict([('b', 1), ('a', 2)])",
            "d, o = f()\nassert d == {'a': 1} and d['zz'] == 0 and list(o) == ['b', 'a']"),
        "deque": ("from collections import deque\ndef f():\n    return deque([1, 2], maxlen=3)",
                  "from collections import deque\nq = f()\nq.append(3)\nq.append(4)\nassert q == deque([2, 3, 4])"),
        "numpy scalars and arrays": ("import numpy as np\ndef f(a):\n    return np.int64(a) * 2, np.arange(6.0).reshape(2, 3)",
                                     "import numpy as np\nn, a = f(2)\nassert n == 4 and a.shape == (2, 3) and a[1, 2] == 5.0"),
        "numpy array argument": ("def f(a):\n    return float(a.sum())",
                                 "import numpy as np\nassert f(np.array([1.5, 2.5])) == 4.0"),
        "nested 300 deep": ("def f(n):\n    r = []\n    for i in range(300):\n        r = [r]\n    return r",
                            "x = f(1)\nd = 0\nwhile x:\n    x = x[0]\n    d += 1\nassert d == 300"),
        "big int as str": ("def f(n):\n    return str(10 ** n)",
                           "import sys\nsys.set_int_max_str_digits(0)\nassert f(5000) == '1' + '0' * 5000"),
        "deep recursion allowed by the tests": (
            "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)",
            "import sys\nsys.setrecursionlimit(10000)\nassert f(3000) == 3000"),
        "__name__": ("def f():\n    return 1", "assert f.__name__ == 'f'"),
        "range, generator, iterator arguments": (
            "def f(r):\n    return sum(r)",
            "assert f(range(5)) == 10\nassert f(x for x in [1, 2]) == 3\nassert f(iter([1, 2])) == 3"),
        "a lazy generator argument": (
            "def f(g):\n    out = []\n    for v in g:\n        if v > 2:\n            break\n        out.append(v)\n    return out",
            "import itertools\nassert f(itertools.count()) == [0, 1, 2]"),
        "functions as arguments": ("def f(g, x):\n    return g(x)",
                                   "assert f(lambda v: v + 1, 1) == 2\nassert f(abs, -1) == 1\n"
                                   "assert f(str.upper, 'a') == 'A'"),
        "a key function calling the solution back": (
            "def f(xs, key):\n    return sorted(xs, key=key)\ndef neg(v):\n    return -v",
            "assert f([1, 3, 2], key=lambda v: neg(v)) == [3, 2, 1]"),
        "bytearray mutated": ("def f(b):\n    b[0] = 65", "b = bytearray(b'xy')\nf(b)\nassert b == bytearray(b'Ay')"),
        "the same list twice": ("def f(a, b):\n    a.append(1)\n    return len(b)",
                                "x = []\nassert f(x, x) == 1\nassert x == [1]"),
        "an inner list mutated": ("def f(outer):\n    outer[0].sort()",
                                  "inner = [3, 1]\nouter = [inner]\nf(outer)\nassert inner == [1, 3]"),
        "a list in a dict mutated": ("def f(d):\n    d['k'].append(9)", "v = [1]\nd = {'k': v}\nf(d)\nassert v == [1, 9]"),
        "a list in a tuple mutated": ("def f(t):\n    t[0].append(2)", "t = ([1],)\nf(t)\nassert t[0] == [1, 2]"),
        "a returned argument is the argument": ("def f(a):\n    a.append(0)\n    return a",
                                                "x = [1]\nassert f(x) is x and x == [1, 0]"),
        "a cycle": ("def f(a):\n    a.append(a)\n    return len(a)", "x = []\nassert f(x) == 1 and x[0] is x"),
        "a set in a list mutated": ("def f(a):\n    a[0].add(5)", "s = {1}\nf([s])\nassert s == {1, 5}"),
        "an exception subclassing a builtin": (
            "class NegError(ValueError):\n    pass\ndef f(x):\n    if x < 0:\n        raise NegError('neg')\n    return x",
            "try:\n    f(-1)\n    assert False\nexcept ValueError as e:\n    assert str(e) == 'neg' and type(e).__name__ == 'NegError'\n"
            "try:\n    f(-1)\nexcept NegError:\n    caught = True\nassert caught"),
        "KeyError's args": ("def f(d, k):\n    return d[k]",
                            "try:\n    f({}, 'a')\n    assert False\nexcept KeyError as e:\n    assert e.args[0] == 'a'"),
        "a class used with len, bool, str and methods": (
            "class Stack:\n    def __init__(self):\n        self.l = []\n    def push(self, x):\n        self.l.append(x)\n"
            "    def pop(self):\n        return self.l.pop()\n    def __len__(self):\n        return len(self.l)\n"
            "    def __str__(self):\n        return f'Stack{self.l}'",
            "s = Stack()\ns.push(1)\ns.push(2)\nassert s.pop() == 2\nassert len(s) == 1\nassert s\nassert str(s) == 'Stack[1]'"),
        "a HumanEval body that lost its indentation": (
            "return x + 1", {"test": "def check(candidate):\n    assert candidate(1) == 2\n", "entry_point": "inc",
                             "prompt": "def inc(x):\n    \"\"\"inc\"\"\"\n"}),
    }  # fmt: skip

    @pytest.mark.parametrize("case", LEGIT)
    def test_correct_programs_pass(verifier: CodeVerifier, case: str) -> None:
        code, ref = LEGIT[case]
        assert verdict(verifier, code, ref if isinstance(ref, dict) else {"tests": ref}), case

    def test_the_solution_cannot_call_what_the_tests_did_not_give_it(verifier: CodeVerifier) -> None:
        """A forged callback (a reference never sent, or ``eval`` given by the tests) is refused, and a refusal
        fails the run whatever the solution does with it."""
        code = (
            "import json, sys\n"
            "def f(g):\n"
            "    ch = sys._getframe(1).f_locals.get('chan') or sys._getframe(2).f_locals.get('chan')\n"
            "    for ref in (0, 1, 7):\n"
            "        try:\n"
            "            if ch.callback({'cb': 'call', 'ref': ref, 'args': [['s', '1+1']], 'kwargs': {}}) == ['i', '0x2']:\n"
            "                return 'reached'\n"
            "        except Exception:\n"
            "            pass\n"
            "    return 'refused'\n"
        )
        res = verifier.verify(f"```python\n{code}\n```", {"tests": "assert f(eval) == 'refused'"})
        assert res.details["tests_passed"] == 1 and not res.passed, res  # refused (none reached), and the run fails
        assert any("refused" in f for f in res.details["failures"]), res
