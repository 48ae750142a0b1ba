"""The bubblewrap worker pool with benign programs (hostile ones live in test_hostile.py, caged)."""

from __future__ import annotations

import threading
import time

import pytest

from rlvr.sandbox import pool as pool_mod
from rlvr.sandbox.base import JudgeSpec, Limits, SandboxUnavailable
from rlvr.sandbox.pool import WorkerPool

LIMITS = Limits(wall_s=5.0, cpu_s=5.0, memory_mb=512)


@pytest.fixture(scope="module")
def pool() -> WorkerPool:
    p = WorkerPool(workers=2, limits=LIMITS)
    yield p
    p.close()


def test_run_stdout_stdin_and_exit_codes(pool: WorkerPool) -> None:
    r = pool.run("print(input()[::-1])\nimport sys\nprint('err', file=sys.stderr)", stdin="abc\n")
    assert (r.status, r.returncode, r.stdout, r.stderr) == ("ok", 0, "cba\n", "err\n")
    r = pool.run("import sys\nsys.exit(3)")
    assert (r.status, r.returncode) == ("runtime_error", 3)
    r = pool.run("raise ValueError('boom')")
    assert r.status == "runtime_error" and r.returncode == 1 and "ValueError: boom" in r.stderr
    r = pool.run("def f(:\n")
    assert r.status == "runtime_error" and "SyntaxError" in r.stderr


def test_run_is_main_with_fresh_workdir_and_clean_env(pool: WorkerPool) -> None:
    r = pool.run("import os\nopen('f', 'w').write('x')\nprint(__name__, os.getcwd(), sorted(os.listdir('.')))")
    assert r.stdout == "__main__ /tmp ['f']\n"
    r = pool.run("import os\nprint(os.listdir('.'), sorted(os.environ))")
    env = "['HOME', 'LANG', 'MKL_NUM_THREADS', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'PATH', 'PWD', 'TMPDIR']"
    assert r.stdout == f"[] {env}\n"


def test_run_many_keeps_order(pool: WorkerPool) -> None:
    rs = pool.run_many([f"print({i} * {i})" for i in range(20)])
    assert [r.stdout for r in rs] == [f"{i * i}\n" for i in range(20)]


def test_atexit_and_threads_behave_like_an_interpreter(pool: WorkerPool) -> None:
    code = (
        "import atexit, threading, time\n"
        "atexit.register(lambda: print('bye'))\n"
        "threading.Thread(target=lambda: (time.sleep(0.1), print('thread'))).start()\n"
        "print('main')\n"
    )
    assert pool.run(code).stdout == "main\nthread\nbye\n"


def test_judge_assert_style(pool: WorkerPool) -> None:
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


def test_judge_counts_asserts_at_any_depth(pool: WorkerPool) -> None:
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
    assert (r.passed, r.total, r.completed) == (9, 10, True)  # 1 + 3 + 1 + 1 + 1 + 1 + 1 + 1 executed
    assert len(r.failures) == 1 and r.failures[0].startswith("line 2: AssertionError")


def test_prefetch_runs_of_literal_asserts_only() -> None:
    """Consecutive ``assert f(<literals>) == <literal>`` lines get one prefetch of their calls; a run ends
    at any other statement, and a lone call is not prefetched."""
    import ast

    from rlvr.sandbox import worker

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
    body = worker.count_asserts(tree.body)[0].body
    prefetches = [n for n in body if isinstance(n, ast.Try) and "__rlvr_prefetch__" in ast.unparse(n.body[0])]
    assert [ast.unparse(p.body[0]) for p in prefetches] == [
        "__rlvr_prefetch__((f, (1,), {'k': [2, -3]}), (f, ('a',), {}))",
        "__rlvr_prefetch__((f, (3,), {}), (helper, (4,), {}))",
    ]
    assert body.index(prefetches[0]) == 0
    compile(tree, "tests.py", "exec")


def test_prefetched_calls_keep_the_semantics_of_one_call_at_a_time(pool: WorkerPool) -> None:
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


def test_judge_proxies_names_objects_exceptions_and_mutation(pool: WorkerPool) -> None:
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


def test_judge_solution_classes(pool: WorkerPool) -> None:
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


def test_judge_tests_without_asserts_and_setup_errors(pool: WorkerPool) -> None:
    ok = pool.judge(JudgeSpec(solution="def f():\n    return 1", tests="if f() != 1:\n    raise Exception"))
    assert ok.all_passed and ok.total == 1
    bad = pool.judge(JudgeSpec(solution="def f():\n    return 2", tests="if f() != 1:\n    raise Exception"))
    assert not bad.all_passed and not bad.completed


def test_judge_call_based(pool: WorkerPool) -> None:
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
    exact = JudgeSpec(solution="def h():\n    return 0.1 + 0.2", mode="call", fn_name="h", inputs=[[]], outputs=[0.3])
    assert not pool.judge(exact).all_passed
    apps = JudgeSpec(solution="def f(x):\n    return x + 1", mode="call", fn_name="f", inputs=[[1]], outputs=[[2]])
    assert pool.judge(apps).all_passed  # APPS wraps return values in one-element lists
    leet = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]"
    assert pool.judge(
        JudgeSpec(solution=leet, mode="call", fn_name="twoSum", inputs=[[[1, 2], 3]], outputs=[[0, 1]])
    ).all_passed
    missing = pool.judge(JudgeSpec(solution="x = 1", mode="call", fn_name="nope", inputs=[[]], outputs=[1]))
    assert not missing.all_passed and "does not define" in missing.failures[0]


def test_solution_stdout_is_reported_not_trusted(pool: WorkerPool) -> None:
    res = pool.judge(JudgeSpec(solution="print('PASSED')\ndef f():\n    return 0", tests="assert f() == 1"))
    assert not res.all_passed and res.run is not None and res.run.stdout == "PASSED\n"


def test_a_killed_worker_is_replaced_and_its_job_is_an_error() -> None:
    p = WorkerPool(workers=1, limits=LIMITS)
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
    p = WorkerPool(workers=1, limits=LIMITS)
    monkeypatch.undo()
    try:
        assert not p._privileged
        r = p.run("import os\nos.makedirs('d/e')\nopen('d/e/f', 'w').close()\nos.chmod('d', 0)\nprint('ok')")
        assert r.stdout == "ok\n", r
        r = p.run("import os\nprint(os.listdir('.'), os.listdir('/dev/shm'))")
        assert r.stdout == "[] []\n", r
        assert p.judge(JudgeSpec(solution="def f():\n    return 1", tests="assert f() == 1")).all_passed
        assert not p.judge(JudgeSpec(solution="import sys\nsys.exit(0)", tests="assert f() == 1")).all_passed
    finally:
        p.close()


def test_a_worker_that_cannot_restart_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    p = WorkerPool(workers=1, limits=LIMITS)
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
    p = WorkerPool(workers=1, limits=Limits(wall_s=1.0, cpu_s=1.0))
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
        WorkerPool(workers=1)


def test_rlimits_mode_warns_and_runs() -> None:
    with pytest.warns(RuntimeWarning, match="NO isolation"):
        p = WorkerPool(workers=1, backend="rlimits")
    try:
        r = p.run("import os\nprint(os.path.basename(os.getcwd()).startswith('run-'))")
        assert r.status == "ok" and r.stdout == "True\n"
        assert p.judge(JudgeSpec(solution="def f():\n    return 1", tests="assert f() == 1")).all_passed
    finally:
        p.close()


def test_bad_configuration_names_the_field() -> None:
    with pytest.raises(ValueError, match="Limits.wall_s"):
        Limits(wall_s=0)
    with pytest.raises(ValueError, match="WorkerPool.backend"):
        WorkerPool(backend="chroot")
    with pytest.raises(ValueError, match="JudgeSpec.fn_name"):
        JudgeSpec(solution="", mode="call")
    with pytest.raises(ValueError, match="JudgeSpec.tests"):
        JudgeSpec(solution="x = 1", tests=" ")


def test_the_cpu_limit_is_a_timeout_like_the_wall_clock(pool: WorkerPool) -> None:
    """A busy loop killed by RLIMIT_CPU before the wall clock runs out is a timeout, run or judged."""
    lim = LIMITS.replace(wall_s=5.0, cpu_s=1.0)
    assert pool.run("while True:\n    pass", limits=lim).status == "timeout"
    spec = JudgeSpec(solution="def add(a, b):\n    while True:\n        pass", tests="assert add(1, 2) == 3\n")
    res = pool.judge(spec, lim)
    assert res.status == "timeout" and not res.all_passed
