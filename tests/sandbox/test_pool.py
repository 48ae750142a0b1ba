"""The bubblewrap worker pool with benign programs (hostile ones live in test_hostile.py, caged)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest

from rlvr.sandbox import pool as pool_mod
from rlvr.sandbox.base import JudgeSpec, Limits, SandboxUnavailable
from rlvr.sandbox.pool import SandboxPool

LIMITS = Limits(wall_s=5.0, cpu_s=5.0, memory_mb=512)


@pytest.fixture(scope="module")
def pool() -> SandboxPool:
    p = SandboxPool(workers=2, limits=LIMITS)
    yield p
    p.close()


def test_run_stdout_stdin_and_exit_codes(pool: SandboxPool) -> None:
    r = pool.run("print(input()[::-1])\nimport sys\nprint('err', file=sys.stderr)", stdin="abc\n")
    assert (r.status, r.returncode, r.stdout, r.stderr) == ("ok", 0, "cba\n", "err\n")
    r = pool.run("import sys\nsys.exit(3)")
    assert (r.status, r.returncode) == ("runtime_error", 3)
    r = pool.run("raise ValueError('boom')")
    assert r.status == "runtime_error" and r.returncode == 1 and "ValueError: boom" in r.stderr
    r = pool.run("def f(:\n")
    assert r.status == "runtime_error" and "SyntaxError" in r.stderr


def test_run_is_main_with_fresh_workdir_and_clean_env(pool: SandboxPool) -> None:
    r = pool.run("import os\nopen('f', 'w').write('x')\nprint(__name__, os.getcwd(), sorted(os.listdir('.')))")
    assert r.stdout == "__main__ /tmp ['f', 'main.py']\n"  # (its own source at __file__, as for python main.py)
    r = pool.run("import os\nprint(os.listdir('.'), sorted(os.environ))")
    env = "['HOME', 'LANG', 'MKL_NUM_THREADS', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'PATH', 'PWD', 'TMPDIR']"
    assert r.stdout == f"['main.py'] {env}\n"
    r = pool.run("import sys\nprint(len(open(__file__).read()), len(open(sys.argv[0]).read()))")
    assert r.stdout == "75 75\n"  # (the program's own text, 75 characters)


def test_run_many_keeps_order(pool: SandboxPool) -> None:
    rs = pool.run_many([f"print({i} * {i})" for i in range(20)])
    assert [r.stdout for r in rs] == [f"{i * i}\n" for i in range(20)]


def test_atexit_and_threads_behave_like_an_interpreter(pool: SandboxPool) -> None:
    code = (
        "import atexit, threading, time\n"
        "atexit.register(lambda: print('bye'))\n"
        "threading.Thread(target=lambda: (time.sleep(0.1), print('thread'))).start()\n"
        "print('main')\n"
    )
    assert pool.run(code).stdout == "main\nthread\nbye\n"


def test_a_runs_forks_die_of_signals_as_a_programs_forks_do(pool: SandboxPool) -> None:
    """A run is PID 1 of its namespace, so it catches the fatal asynchronous signals to die of them; its forks
    (``multiprocessing``'s workers) are not, and get the default back, with the signal mask the program had.
    A Python-level handler waits for a bytecode boundary of the main thread: a child busy in C (here ``sum``
    over an endless iterator), or one between ``sem_trywait`` and ``sem_wait`` when ``Pool.terminate()``
    sends ``SIGTERM``, would never die."""
    code = (
        "import itertools, os, signal\n"
        "def caught(pid):\n"
        "    mask = next(line for line in open(f'/proc/{pid}/status') if line.startswith('SigCgt'))\n"
        "    return bool(int(mask.split()[1], 16) >> (signal.SIGTERM - 1) & 1)\n"
        "def blocked():\n"
        "    return sorted(map(int, signal.pthread_sigmask(signal.SIG_BLOCK, [])))\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])\n"
        "r, w = os.pipe()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    os.write(w, str(blocked()).encode())\n"
        "    sum(itertools.repeat(1))\n"
        "print(os.read(r, 100).decode(), blocked())\n"
        "print(caught(os.getpid()), caught(pid))\n"
        "os.kill(pid, signal.SIGTERM)\n"
        "print(os.waitpid(pid, 0)[1])\n"
        "from multiprocessing import Pool\n"
        "with Pool(2) as p:\n"
        "    print(sum(p.map(abs, [-1, 2, -3])))\n"
    )
    r = pool.run(code)
    assert (r.status, r.stdout) == ("ok", "[12] [12]\nTrue False\n15\n6\n")  # (15: the status of a SIGTERM death)


def test_judge_assert_style(pool: SandboxPool) -> None:
    tests = "assert add(1, 2) == 3\nassert add(2, 2) == 4\nassert add(0, 0) == 0\n"
    good = pool.judge(JudgeSpec(solution="def add(a, b):\n    return a + b", tests=tests))
    assert good.all_passed and (good.passed, good.total, good.completed) == (3, 3, True)
    half = "def add(a, b):\n    return a * 2"  # right for (2, 2) and (0, 0)
    stop = pool.judge(JudgeSpec(solution=half, tests=tests))
    assert not stop.all_passed and (stop.passed, stop.total, stop.completed) == (0, 1, False)
    frac = pool.judge(JudgeSpec(solution=half, tests=tests), fraction=True)
    assert (frac.passed, frac.total, frac.completed) == (2, 3, True)
    assert frac.fraction == pytest.approx(2 / 3)
    assert "line 1" in frac.failures[0]


def test_judge_counts_asserts_at_any_depth(pool: SandboxPool) -> None:
    tests = (
        "def check(f):\n"
        "    assert f(1) == 2\n"  # line 2: the one failing assert
        "    for x in range(3):\n"
        "        assert f(x) == x + 1 or x == 1\n"
        "    else:\n"
        "        assert True\n"
        "    try:\n"
        "        assert f(0) == 1\n"
        "    except ZeroDivisionError:\n"
        "        assert False\n"
        "    finally:\n"
        "        assert f(2) == 3\n"
        "    with open('/dev/null') as fh:\n"
        "        assert fh.read() == ''\n"
        "    match f(3):\n"
        "        case 4:\n"
        "            assert 1\n"
        "    class C:\n"
        "        assert f(4) == 5\n"
        "check(inc)\n"
    )
    sol = "def inc(x):\n    return 3 if x == 1 else x + 1"
    r = pool.judge(JudgeSpec(solution=sol, tests=tests), fraction=True)
    assert (r.passed, r.total, r.completed) == (7, 8, True)  # 8 asserts (the loop's, run 3 times, is one check)
    assert len(r.failures) == 1 and r.failures[0].startswith("line 2: AssertionError")


def test_prefetch_runs_of_literal_asserts_only() -> None:
    """Consecutive ``assert f(<literals>) == <literal>`` lines get one prefetch of their calls; a run ends
    at any other statement, and a lone call is not prefetched."""
    import ast

    from rlvr.sandbox.worker import instrument

    src = (
        "def check(f):\n"
        "    assert f(1, k=[2, -3]) == (1, 2), 'msg'\n"
        "    assert True\n"
        "    assert not f('a')\n"
        "    x = 2\n"
        "    assert f(x) == 2\n"  # a name: not sent ahead, ends nothing (no run yet)
        "    assert f(3) in [1, 3]\n"
        "    assert helper(4) == 4\n"  # maybe a function of the tests: at run time, sent ahead only up to it
        "    assert f(5) == g(5)\n"  # the comparison may call the solution: not in a run
    )
    tree = ast.parse(src)
    body = instrument.count_asserts(tree.body)[0].body
    prefetches = [n for n in body if isinstance(n, ast.Try) and "__rlvr_prefetch__" in ast.unparse(n.body[0])]
    assert [ast.unparse(p.body[0]) for p in prefetches] == [
        "__rlvr_prefetch__((f, (1,), {'k': [2, -3]}), (f, ('a',), {}))",
        "__rlvr_prefetch__((f, (3,), {}), (helper, (4,), {}))",
    ]
    assert body.index(prefetches[0]) == 0
    compile(tree, "tests.py", "exec")


def test_prefetched_literal_arguments_are_exact_copies() -> None:
    """The calls sent ahead carry copies of the asserts' literal arguments: every literal form, the same
    values and types as the calls themselves make."""
    from rlvr.sandbox.worker import instrument

    args = "1, -2.5, +3, -(5), 'é', b'x', None, True, [6, (7,), {8}], {'a': [-1j]}, (), {}"
    code = instrument.compile_tests(f"assert f({args}, k={{1: None}}) == 1\nassert f(k=...) == 2\n")[0]
    sent: list = []
    made: list = []

    def f(*a: object, **k: object) -> int:
        made.append((a, k))
        return len(made)

    env = {"f": f, "__rlvr_prefetch__": lambda *calls: sent.extend(calls), "__rlvr_pass__": lambda line: None,
           "__rlvr_fail__": lambda line, e: pytest.fail(repr(e)), "__rlvr_died__": ()}  # fmt: skip
    exec(code, env)
    assert [(a, k) for _, a, k in sent] == made and len(made) == 2
    assert [type(v) for v in sent[0][1]] == [type(v) for v in made[0][0]]


def test_prefetched_calls_keep_the_semantics_of_one_call_at_a_time(pool: SandboxPool) -> None:
    # a stateful solution sees its calls in the tests' order, other requests included
    sol = "calls = []\ndef f(x):\n    calls.append(x)\n    return len(calls), x\ndef seen():\n    return list(calls)"
    tests = (
        "assert f(1) == (1, 1)\nassert f(2) == (2, 2)\nassert seen() == [1, 2]\nassert f('a') == (3, 'a')\n"
        "def twice(x):\n    return f(x)[1] * 2\n"
        "assert f(4) == (4, 4)\nassert twice(5) == 10\nassert f(6) == (6, 6)\nassert seen() == [1, 2, 'a', 4, 5, 6]\n"
    )
    r = pool.judge(JudgeSpec(solution=sol, tests=tests))
    assert r.all_passed and r.total == 8, r
    # all-or-nothing: the first failure decides at once, even when a later call sent ahead never returns
    hang = "def f(x):\n    while x == 3:\n        pass\n    return x"
    t0 = time.monotonic()
    r = pool.judge(JudgeSpec(solution=hang, tests="assert f(1) == 2\nassert f(3) == 3\n"))
    assert r.status == "ok" and not r.all_passed and (r.passed, r.total) == (0, 1), r
    assert time.monotonic() - t0 < LIMITS.wall_s / 2
    frac = pool.judge(JudgeSpec(solution=hang, tests="assert f(1) == 2\nassert f(3) == 3\n"), fraction=True)
    assert frac.status == "timeout"  # as one call at a time: the tests do reach f(3)
    # exceptions and an exit inside a run: counted where they happen, as one call at a time
    sol = "import os\ndef f(x):\n    if x == 2:\n        raise ValueError('two')\n    if x == 4:\n        os._exit(0)\n    return x"
    tests = "assert f(1) == 1\nassert f(2) == 2\nassert f(3) == 3\nassert f(4) == 4\nassert f(5) == 5\n"
    r = pool.judge(JudgeSpec(solution=sol, tests=tests), fraction=True)
    assert (r.passed, r.total, r.completed) == (2, 3, False), r
    assert r.failures[0].startswith("line 2: ValueError") and "exited" in r.failures[1]
    assert r.fraction == 0.0  # unfinished: the checks it did not reach might have failed (2/4 before)


def test_judge_proxies_names_objects_exceptions_and_mutation(pool: SandboxPool) -> None:
    solution = (
        "import math\n"
        "SCALE = 10\n"
        "def poly(xs, x):\n    return sum(c * x ** i for i, c in enumerate(xs))\n"
        "def squares(n):\n    return (i * i for i in range(n))\n"
        "class Counter:\n    def __init__(self):\n        self.n = 0\n"
        "    def inc(self):\n        self.n += 1\n        return self.n\n"
        "def check_positive(x):\n    if x < 0:\n        raise ValueError('negative')\n    return True\n"
        "def sort_in_place(xs):\n    xs.sort()\n"
        "def pair():\n    return (1, 'a', None, 2.5, {1: [True]}, {3}, frozenset(), b'x')\n"
    )
    tests = (
        "import math\n"
        "assert poly([1, 2], 3) == 7 and SCALE == 10\n"
        "assert list(squares(4)) == [0, 1, 4, 9]\n"
        "c = Counter()\nassert c.inc() == 1 and c.inc() == 2 and c.n == 2\n"
        "try:\n    check_positive(-1)\n    raise RuntimeError('no exception')\nexcept ValueError as e:\n"
        "    assert str(e) == 'negative'\n"
        "xs = [3, 1, 2]\nsort_in_place(xs)\nassert xs == [1, 2, 3]\n"
        "assert pair() == (1, 'a', None, 2.5, {1: [True]}, {3}, frozenset(), b'x')\n"
        "assert type(pair()[0]) is int and type(pair()) is tuple\n"
    )
    res = pool.judge(JudgeSpec(solution=solution, tests=tests))
    assert res.all_passed, res.failures


def test_judge_solution_classes(pool: SandboxPool) -> None:
    solution = (
        "from dataclasses import dataclass\n"
        "@dataclass\nclass Point:\n    x: int\n    y: int\n"
        "    def norm1(self):\n        return abs(self.x) + abs(self.y)\n"
        "def mirror(p):\n    return Point(p.y, p.x)\n"
    )
    tests = (
        "p = Point(1, -2)\n"
        "assert isinstance(p, Point) and not isinstance(3, Point)\n"
        "assert p.norm1() == 3 and p.x == 1\n"
        "assert mirror(p) == Point(-2, 1) and mirror(p) != Point(0, 0)\n"
        "assert p != (1, -2)\n"  # a solution object never equals plain data
    )
    res = pool.judge(JudgeSpec(solution=solution, tests=tests))
    assert res.all_passed, res.failures


def test_judge_tests_without_checks_and_setup_errors(pool: SandboxPool) -> None:
    """Tests that run to their end without a single check are ``no_tests``, never a pass."""
    none = pool.judge(JudgeSpec(solution="def f():\n    return 1", tests="r = f()\nif r:\n    print(r)"))
    assert (none.status, none.total, none.completed, none.all_passed, none.fraction) == ("no_tests", 0, True, False, 0)
    # a check written as ``if <condition>: raise`` counts (passed where the tests go on)
    good = pool.judge(JudgeSpec(solution="def f():\n    return 1", tests="if f() != 1:\n    raise Exception"))
    assert (good.status, good.total, good.all_passed) == ("ok", 1, True)
    bad = pool.judge(JudgeSpec(solution="def f():\n    return 2", tests="if f() != 1:\n    raise Exception"))
    assert bad.status == "ok" and not bad.all_passed and not bad.completed


def test_judge_call_based(pool: SandboxPool) -> None:
    sol = "def f(a, b):\n    return (a + b, a * b)"
    res = pool.judge(
        JudgeSpec(solution=sol, mode="call", fn_name="f", inputs=[[2, 3], [1, 1]], outputs=[[5, 6], [2, 1]])
    )
    assert res.all_passed and res.total == 2  # a tuple matches a JSON list
    wrong_type = pool.judge(
        JudgeSpec(solution="def g(x):\n    return float(x)", mode="call", fn_name="g", inputs=[[1]], outputs=[1])
    )
    assert not wrong_type.all_passed and "expected 1" in wrong_type.failures[0]
    tol = JudgeSpec(
        solution="def h():\n    return 0.1 + 0.2", mode="call", fn_name="h", inputs=[[]], outputs=[0.3], float_tol=1e-9
    )
    assert pool.judge(tol).all_passed
    noise = JudgeSpec(solution="def h():\n    return 0.1 + 0.2", mode="call", fn_name="h", inputs=[[]], outputs=[0.3])
    assert pool.judge(noise).all_passed  # without float_tol: a relative 1e-9 (rounding noise)
    off = JudgeSpec(solution="def h():\n    return 0.3 + 1e-7", mode="call", fn_name="h", inputs=[[]], outputs=[0.3])
    assert not pool.judge(off).all_passed
    sol = "def f(x):\n    return x + 1"
    apps = JudgeSpec(solution=sol, mode="call", fn_name="f", inputs=[[1]], outputs=[[2]], unwrap_single=True)
    assert pool.judge(apps).all_passed  # APPS wraps return values in one-element lists
    plain = JudgeSpec(solution=sol, mode="call", fn_name="f", inputs=[[1]], outputs=[[2]])
    assert not pool.judge(plain).all_passed  # elsewhere [2] is a list: 2 is another answer
    leet = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]"
    assert pool.judge(
        JudgeSpec(solution=leet, mode="call", fn_name="twoSum", inputs=[[[1, 2], 3]], outputs=[[0, 1]])
    ).all_passed
    missing = pool.judge(JudgeSpec(solution="x = 1", mode="call", fn_name="nope", inputs=[[]], outputs=[1]))
    assert not missing.all_passed and "does not define" in missing.failures[0]


def test_solution_stdout_is_reported_not_trusted(pool: SandboxPool) -> None:
    res = pool.judge(JudgeSpec(solution="print('PASSED')\ndef f():\n    return 0", tests="assert f() == 1"))
    assert not res.all_passed and res.run is not None and res.run.stdout == "PASSED\n"


def test_a_killed_worker_is_replaced_and_its_job_is_an_error() -> None:
    p = SandboxPool(workers=1, limits=LIMITS)
    try:
        (victim,) = p._all
        results = []
        t = threading.Thread(target=lambda: results.append(p.run("import time\ntime.sleep(4)\nprint('done')")))
        t.start()
        time.sleep(0.5)
        victim.proc.kill()
        t.join(10)
        assert results[0].status == "sandbox_error" and "died" in (results[0].error or "")
        assert p.run("print(1)").stdout == "1\n"
        assert len(p._all) == 1 and victim not in p._all
    finally:
        p.close()


def test_user_namespace_mode_for_non_root_users(monkeypatch: pytest.MonkeyPatch) -> None:
    """How bwrap runs for a non-root user (a user namespace; the run's tmpfs wiped between runs when it
    cannot be remounted). As root here it only checks the mode works end to end."""
    monkeypatch.setattr(pool_mod.os, "geteuid", lambda: 1000)
    p = SandboxPool(workers=1, limits=LIMITS)
    monkeypatch.undo()
    try:
        assert not p._privileged
        r = p.run("import os\nos.makedirs('d/e')\nopen('d/e/f', 'w').close()\nos.chmod('d', 0)\nprint('ok')")
        assert r.stdout == "ok\n", r
        r = p.run("import os\nprint(os.listdir('.'), os.listdir('/dev/shm'))")
        assert r.stdout == "['main.py'] []\n", r
        assert p.judge(JudgeSpec(solution="def f():\n    return 1", tests="assert f() == 1")).all_passed
        assert not p.judge(JudgeSpec(solution="import sys\nsys.exit(0)", tests="assert f() == 1")).all_passed
    finally:
        p.close()


def test_a_worker_that_cannot_restart_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    p = SandboxPool(workers=1, limits=LIMITS)
    try:
        (w,) = p._all
        w.proc.kill()
        w.proc.wait()
        monkeypatch.setattr(p, "_spawn", lambda: (_ for _ in ()).throw(OSError("no bwrap today")))
        for _ in range(2):
            r = p.run("print(1)")
            assert r.status == "sandbox_error"
        monkeypatch.undo()
        assert p.run("print(1)").stdout == "1\n"  # the slot heals once workers start again
    finally:
        p.close()


def test_stuck_tests_time_out_and_the_worker_is_renewed() -> None:
    p = SandboxPool(workers=1, limits=Limits(wall_s=1.0, cpu_s=1.0))
    try:
        (before,) = p._all
        # while the tests wait on the solution, killing the solution frees them; a loop of their own
        # (no call into the solution) keeps the trusted process busy past the limit
        res = p.judge(JudgeSpec(solution="def f():\n    return 1", tests="x = f()\nwhile True:\n    pass"))
        assert res.status == "timeout" and not res.all_passed
        assert p.judge(JudgeSpec(solution="def f():\n    return 1", tests="assert f() == 1")).all_passed
        assert before not in p._all  # its trusted process was stuck: the whole worker was replaced
    finally:
        p.close()


def test_missing_bubblewrap_refuses_with_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_mod, "bwrap_path", lambda: None)
    with pytest.raises(SandboxUnavailable, match="apt-get install bubblewrap"):
        SandboxPool(workers=1)


def test_rlimits_mode_warns_and_runs() -> None:
    with pytest.warns(RuntimeWarning, match="NO isolation"):
        p = SandboxPool(workers=1, backend="rlimits")
    try:
        r = p.run("import os\nprint(os.path.basename(os.getcwd()).startswith('run-'))")
        assert r.status == "ok" and r.stdout == "True\n"
        assert p.judge(JudgeSpec(solution="def f():\n    return 1", tests="assert f() == 1")).all_passed
    finally:
        p.close()


def test_bad_configuration_names_the_field() -> None:
    with pytest.raises(ValueError, match="Limits.wall_s"):
        Limits(wall_s=0)
    with pytest.raises(ValueError, match="SandboxPool.backend"):
        SandboxPool(backend="chroot")
    with pytest.raises(ValueError, match="JudgeSpec.fn_name"):
        JudgeSpec(solution="", mode="call")
    with pytest.raises(ValueError, match="JudgeSpec.tests"):
        JudgeSpec(solution="x = 1", tests=" ")


def test_the_cpu_limit_is_a_timeout_like_the_wall_clock(pool: SandboxPool) -> None:
    """A busy loop killed by RLIMIT_CPU before the wall clock runs out is a timeout, run or judged."""
    lim = LIMITS.replace(wall_s=5.0, cpu_s=1.0)
    assert pool.run("while True:\n    pass", limits=lim).status == "timeout"
    spec = JudgeSpec(solution="def add(a, b):\n    while True:\n        pass", tests="assert add(1, 2) == 3\n")
    res = pool.judge(spec, lim)
    assert res.status == "timeout" and not res.all_passed


ADD = "def add(a, b):\n    return a + b"


@pytest.mark.parametrize(
    ("tests", "counts"),
    [
        # the tests run as __main__; a main block that calls a test function runs it once, not twice
        ("def test_a():\n    assert add(1, 1) == 2\nif __name__ == '__main__':\n    test_a()\n", (1, 1, True)),
        # parametrize (names as one string or a list, pytest.param-like values), skip and skipif marks: an
        # unconditional skip removes a test, a skipif that holds counts one failed check
        (
            "import types\n"
            "def mark(name, *args):\n"
            "    def deco(f):\n"
            "        f.pytestmark = getattr(f, 'pytestmark', []) + [types.SimpleNamespace(name=name, args=args)]\n"
            "        return f\n"
            "    return deco\n"
            "@mark('parametrize', 'a, b, s', [(1, 2, 3), types.SimpleNamespace(values=(2, 2, 4))])\n"
            "@mark('parametrize', ['k'], [0, 1, 2])\n"
            "def test_p(a, b, s, k):\n    assert add(a, b) + k == s + k\n"
            "@mark('skip')\ndef test_skipped():\n    assert False\n"
            "@mark('skipif', True)\ndef test_skipped_if():\n    assert False\n",
            (1, 2, True),  # test_p's assert is one check for its 6 combinations (a site, see Verdict)
        ),
        # a test counts no check of its own; one that needs a fixture fails, one that raises fails
        (
            "def test_quiet():\n    add(1, 2)\ndef test_fixture(tmp_path):\n    assert add(1, 2) == 3\n"
            "def test_raises():\n    add(1, 2)\n    {}['missing']\n",
            (0, 2, True),
        ),
        # a Test* class (fresh instance per method, setup_method first); one with an __init__ runs too
        (
            "class TestAdd:\n"
            "    def setup_method(self, method):\n        self.base = add(1, 1)\n"
            "    def test_one(self):\n        assert self.base == 2\n"
            "    def test_two(self):\n        self.base += 1\n        assert self.base == 3\n"
            "class TestNot:\n    def __init__(self):\n        pass\n    def test_hidden(self):\n        assert False\n",
            (2, 3, True),
        ),
        # a skip at run time is one failed check (the test reports it, and its collector sees it: once)
        (
            "import pytest\ndef test_s():\n    assert add(1, 1) == 2\n    pytest.skip('later')\n"
            "def test_t():\n    assert add(0, 0) == 0\n",
            (2, 3, True),
        ),
        # unittest: each assertion counts once (assertEqual of lists, which calls assertListEqual, too); an
        # error in setUp counts as a failure; a method that checks nothing counts nothing
        (
            "import unittest\n"
            "class T(unittest.TestCase):\n"
            "    def test_eq(self):\n        self.assertEqual(add(1, 2), 3)\n        self.assertEqual([add(0, 1)], [1])\n"
            "    def test_two_asserts(self):\n        assert add(0, 0) == 0\n        self.assertTrue(add(2, 2) == 4)\n"
            "    def test_nothing(self):\n        add(1, 1)\n"
            "class Broken(unittest.TestCase):\n"
            "    def setUp(self):\n        raise RuntimeError('no setup')\n"
            "    def test_x(self):\n        pass\n",
            (4, 5, True),
        ),
        # unittest.main() runs them itself and exits 0; nothing runs twice
        (
            "import unittest\nclass T(unittest.TestCase):\n    def test_eq(self):\n        self.assertEqual(add(1, 2), 3)\n"
            "unittest.main()\nassert False, 'not reached'\n",
            (1, 1, True),
        ),
        # their own runner's errors count too (here: in setUp, with the result ignored)
        (
            "import unittest\nclass B(unittest.TestCase):\n    def setUp(self):\n        raise RuntimeError\n"
            "    def test_x(self):\n        self.assertEqual(add(1, 2), 3)\n"
            "unittest.main(exit=False)\nassert add(1, 2) == 3\n",
            (1, 2, True),
        ),
        # an exit status other than 0 ends the tests unfinished
        ("import sys\nassert add(1, 2) == 3\nsys.exit(2)\n", (1, 1, False)),
        ("assert add(1, 2) == 3\nraise SystemExit\nassert False\n", (1, 1, True)),
    ],
    ids=[
        "main block",
        "parametrize",
        "quiet and fixture",
        "test class",
        "skip at run time",
        "unittest",
        "unittest.main",
        "unittest.main(exit=False)",
        "exit 2",
        "exit",
    ],  # fmt: skip
)
def test_tests_run_as_a_file_then_as_pytest_collects_them(pool: SandboxPool, tests: str, counts: tuple) -> None:
    r = pool.judge(JudgeSpec(solution=ADD, tests=tests), fraction=True)
    assert (r.passed, r.total, r.completed) == counts, r


def test_entry_point_binding(pool: SandboxPool) -> None:
    """A declared entry point is ``__entry_point__`` in the tests, and its own name where they read it;
    builtins the tests use otherwise stay the builtins."""
    sol = "def sorted(xs):\n    return list(reversed(xs))"
    check = "def check(candidate):\n    assert candidate([1, 2]) == [2, 1]\n    assert sorted([3, 1, 2]) == [1, 2, 3]\n"
    spec = JudgeSpec(solution=sol, tests=check + "check(__entry_point__)\n", entry_point="sorted")
    assert pool.judge(spec).all_passed  # check's own `sorted` is the builtin
    direct = JudgeSpec(solution=sol, tests="assert sorted([1, 2]) == [2, 1]\n", entry_point="sorted")
    assert pool.judge(direct).all_passed  # the tests name the entry point itself: the solution's
    leet = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]"
    spec = JudgeSpec(solution=leet, tests="assert __entry_point__([1, 2], 3) == [0, 1]\n", entry_point="twoSum")
    assert pool.judge(spec).all_passed
    missing = pool.judge(JudgeSpec(solution="x = 1", tests="assert f() == 1\n", entry_point="f"))
    assert not missing.completed and "does not define" in missing.failures[0]
    with pytest.raises(ValueError, match="JudgeSpec.entry_point"):
        JudgeSpec(solution=sol, tests="assert 1", entry_point="not a name")


def test_modules_the_tests_borrow_are_imported_on_the_trusted_side(pool: SandboxPool) -> None:
    """Tests that use a module they do not import (the solution's import serves the concatenated file)
    get the module itself, imported by the trusted process: the solution's patches do not reach it."""
    sol = "import math\nmath.isclose = lambda *a, **k: True\ndef area(r):\n    return 3.0 * r * r"
    tests = "assert math.isclose(area(1.0), math.pi)\n"
    assert not pool.judge(JudgeSpec(solution=sol, tests=tests)).all_passed
    honest = "import math\ndef area(r):\n    return math.pi * r * r"
    assert pool.judge(JudgeSpec(solution=honest, tests=tests)).all_passed
    aliased = "import math as m\ndef area(r):\n    return m.pi * r * r"  # another name: not the module's
    assert pool.judge(JudgeSpec(solution=aliased, tests="assert m.isclose(area(1.0), m.pi)\n")).all_passed


def test_solution_containers_are_read_through_their_items(pool: SandboxPool) -> None:
    """``len``, ``in`` and iteration of a solution object use the items it yields, never its own
    ``__len__`` or ``__contains__``."""
    sol = (
        "class Bag:\n"
        "    def __init__(self, *xs):\n        self.xs = list(xs)\n"
        "    def __iter__(self):\n        return iter(self.xs)\n"
        "    def __len__(self):\n        return 99\n"
        "    def __contains__(self, x):\n        return True\n"
        "def bag():\n    return Bag(1, 2, 3)\n"
        "def gen():\n    return (i * i for i in range(3))\n"
    )
    tests = (
        "assert len(bag()) == 3 and 2 in bag() and 5 not in bag() and sorted(bag()) == [1, 2, 3]\n"
        "assert list(gen()) == [0, 1, 4] and 4 in gen() and len(gen()) == 3\n"
    )
    r = pool.judge(JudgeSpec(solution=sol, tests=tests))
    assert r.all_passed and r.total == 2, r


def test_workers_live_in_cgroups_that_go_with_them() -> None:
    """As root: each worker's processes in its own group, each run in the group's ``run`` child (out of the
    run's reach), and no group left once the pool is closed."""
    from pathlib import Path

    if os.geteuid() != 0:
        pytest.skip("cgroups are used as root only")
    p = SandboxPool(workers=1, limits=LIMITS)
    try:
        (w,) = p._all
        if w.cgroups is None:
            pytest.skip("no writable cgroup hierarchy here")
        r = p.run("import os\nprint(os.getpid() in [int(x) for x in os.listdir('/proc') if x.isdigit()])\n"
                  "try:\n    os.listdir('/run/rlvr-cgroup')\nexcept PermissionError:\n    print('denied')")  # fmt: skip
        assert r.stdout == "True\ndenied\n", r
        dirs = [Path(d).parent for d in w.cgroups.run_dirs]
        assert all(d.is_dir() for d in dirs)
        assert any(Path(d, "sys", "cgroup.procs").read_text().split() for d in dirs)
    finally:
        p.close()
    assert not any(d.exists() for d in dirs)


HEAP_SLACK = """
import ctypes
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]
mallinfo2 = ctypes.CDLL(None).mallinfo2
mallinfo2.restype = Info
in_use = mallinfo2().uordblks
with open('/proc/self/smaps') as f:
    lines = f.read().splitlines()
at = next(i for i, line in enumerate(lines) if line.endswith('[heap]'))
rss = next(int(line.split()[1]) for line in lines[at:] if line.startswith('Rss:')) << 10
print(rss - in_use)
"""


def test_runs_inherit_no_freed_heap(pool: SandboxPool) -> None:
    """The worker gives ``malloc``'s free heap back to the kernel before forking the zygote (it held ~12 MB
    left by decompressing and compiling its own source): every resident page is one more page table entry
    that each run's fork copies and its exit unmaps. A run's resident heap is what ``malloc`` has in use,
    give or take a few pages."""
    r = pool.run(HEAP_SLACK)
    assert r.ok, r.stderr
    assert int(r.stdout) < 2 << 20


SPECIALISED = """
import dis, sys
f = sys._getframe()
while 'encode' not in f.f_globals:  # the worker's own namespace, in the frames the run was forked in
    f = f.f_back
print(sum(i.opname not in dis.opmap for fn in (f.f_globals['encode'], f.f_globals['decode'])
          for i in dis.get_instructions(fn, adaptive=True)))
"""


def test_runs_inherit_the_codec_specialised(pool: SandboxPool) -> None:
    """The worker rehearses the value codec on made-up values before it forks anything, so that every run
    inherits its bytecode specialised (CPython's adaptive interpreter rewrites a function's code in place
    during its first calls; done in each run, that writes and copies those pages again, run after run)."""
    r = pool.run(SPECIALISED)
    assert r.ok, r.stderr
    assert int(r.stdout) >= 20


ONE_WRITE = r"""
import json, os, socket

from rlvr.sandbox.worker import assemble

ns = {"__name__": "rlvr_worker"}
exec(compile(assemble(), "<worker>", "exec"), ns)
writes = []
write_all = ns["write_all"]
ns["write_all"] = lambda fd, data: (writes.append(bytes(data)), write_all(fd, data))[1]
spec = {"mode": "assert", "entry_point": "inc", "max_failures_reported": 3,
        "tests": "K = 1\ndef check(candidate):\n    assert candidate(K) == 2\n    assert candidate(5) == 6\n"
                 "check(__entry_point__)\n"}
ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
pid = os.fork()
if pid == 0:  # the solution's side, as a run's process serves it
    try:
        ours.close()
        ns["solution_child"]("def inc(x):\n    return x + 1\n", theirs.fileno(), os.dup(theirs.fileno()))
    finally:
        os._exit(0)
theirs.close()
try:
    report = ns["tests_child"](spec, ns["JudgedRpc"](ours.fileno(), ours.fileno()), {})
finally:
    ours.close()
    os.waitpid(pid, 0)
print(json.dumps({"report": [report["passed"], report["total"], report["completed"]],
                  "ops": [[json.loads(line)["op"] for line in w.splitlines()] for w in writes]}))
"""


def test_a_humaneval_judge_sends_its_lookup_and_resolve_in_one_write() -> None:
    """The trusted side's first two requests of an entry-point judge (the names the tests read, the entry
    point) go in one write: one round trip to the solution instead of two, and the same answers. Run in a
    fresh interpreter, as a worker is: a fork of the test process would carry its threads and exit hooks."""
    out = subprocess.run([sys.executable, "-c", ONE_WRITE], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.splitlines()[-1])
    assert got["report"] == [2, 2, True], got
    ops = got["ops"]
    assert ops[0] == ["lookup", "resolve"] and len(ops) == 3, ops  # then each call (the second is sent ahead)


def test_a_worker_that_died_idle_is_replaced_before_its_job() -> None:
    """A worker found dead when a job is sent to it (it died while idle: the job never reached it) is replaced,
    and the job runs on the new worker instead of being reported lost (a correct program failed so)."""
    p = SandboxPool(workers=1, limits=LIMITS)
    try:
        w = p._idle.get()
        w.proc.kill()
        w.proc.wait()
        p._idle.put(w)
        r = p.run("print(6)")
        assert r.ok and r.stdout == "6\n", r
        assert p.run("print(7)").stdout == "7\n"
    finally:
        p.close()
