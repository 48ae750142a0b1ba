"""The time-limited worker pool: results, deadlines, crashes and replacement, from any thread."""

from __future__ import annotations

import threading
import time

import pytest

from rlvr.verifiers.workers import WorkerPool


@pytest.fixture(scope="module")
def pool() -> WorkerPool:
    p = WorkerPool(size=2, preload=("fractions",))
    yield p
    p.close()


def test_runs_and_keeps_order(pool: WorkerPool) -> None:
    calls = [("math:factorial", (k,)) for k in range(8)]
    out = pool.run_many(calls, timeout_s=10)
    assert [r.status for r in out] == ["ok"] * 8
    assert [r.value for r in out] == [1, 1, 2, 6, 24, 120, 720, 5040]


def test_overrun_is_killed_and_replaced(pool: WorkerPool) -> None:
    t0 = time.monotonic()
    out = pool.run_many([("time:sleep", (30,)), ("math:sqrt", (16.0,))], timeout_s=1.0)
    assert time.monotonic() - t0 < 5
    assert out[0].status == "timeout" and "1 s" in out[0].error
    assert (out[1].status, out[1].value) == ("ok", 4.0)
    assert pool.run("math:sqrt", (9.0,), timeout_s=30).value == 3.0


def test_tasks_run_in_parallel(pool: WorkerPool) -> None:
    pool.run_many([("math:sqrt", (1.0,))] * 4, timeout_s=60)  # both workers started and ready
    t0 = time.monotonic()
    out = pool.run_many([("time:sleep", (1.0,)), ("time:sleep", (1.0,))], timeout_s=10)
    assert [r.status for r in out] == ["ok", "ok"]
    assert time.monotonic() - t0 < 1.9


def test_exceptions_and_crashes_become_errors(pool: WorkerPool) -> None:
    err = pool.run("math:sqrt", (-1.0,), timeout_s=10)
    assert err.status == "error" and err.error.startswith("ValueError")
    dead = pool.run("os:_exit", (3,), timeout_s=10)
    assert dead.status == "error" and "worker died" in dead.error
    assert pool.run("math:sqrt", (4.0,), timeout_s=30).value == 2.0


def test_memory_cap() -> None:
    p = WorkerPool(size=1, memory_limit_mb=512)
    try:
        out = p.run("bytearray", (1,), timeout_s=30)  # sanity: a bad spec is an error, not a crash
        assert out.status == "error"
        big = p.run("os:urandom", (2 * 1024**3,), timeout_s=30)
        assert big.status == "error" and "MemoryError" in big.error
    finally:
        p.close()


def test_from_many_threads(pool: WorkerPool) -> None:
    got: list[int] = []
    lock = threading.Lock()

    def work(k: int) -> None:
        v = pool.run("math:factorial", (k,), timeout_s=30).value
        with lock:
            got.append(v)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(1, 7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(got) == [1, 2, 6, 24, 120, 720]


def test_bad_size() -> None:
    with pytest.raises(ValueError, match="size"):
        WorkerPool(size=0)


def test_ready_workers_are_used_while_a_replacement_starts() -> None:
    p = WorkerPool(size=2, preload=("sympy",))  # slow start: a replacement is visibly not ready at once
    try:
        p.run_many([("math:sqrt", (1.0,))] * 2, timeout_s=120)
        assert p.run("time:sleep", (30,), timeout_s=0.5).status == "timeout"
        p._idle.sort(key=lambda w: w.ready)  # the starting replacement first in line
        t0 = time.monotonic()
        assert p.run("math:sqrt", (9.0,), timeout_s=30).value == 3.0  # served by the surviving worker
        assert time.monotonic() - t0 < 0.5
    finally:
        p.close()


def test_a_failing_preload_is_reported_with_its_reason() -> None:
    from rlvr.verifiers.workers import WorkerStartError

    p = WorkerPool(size=1, preload=("no_such_module_for_rlvr",))
    try:
        with pytest.raises(WorkerStartError, match="no_such_module_for_rlvr.*ModuleNotFoundError"):
            p._idle[0].wait_ready(60)
        out = p.run("math:sqrt", (4.0,), timeout_s=10)
        assert out.status == "error" and "worker unavailable" in out.error
    finally:
        p.close()


def test_an_overrun_kills_what_the_task_spawned_too(tmp_path) -> None:
    marker = tmp_path / "child.pid"
    p = WorkerPool(size=1, env={"RLVR_TEST_MARKER": str(marker)})
    try:
        code = (
            "import os, subprocess, sys, time; "
            "c = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)']); "
            "open(os.environ['RLVR_TEST_MARKER'], 'w').write(str(c.pid)); time.sleep(600)"
        )
        out = p.run("builtins:exec", (code,), timeout_s=3)
        assert out.status == "timeout"
        child = int(marker.read_text())
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with open(f"/proc/{child}/stat") as f:
                    if f.read().split()[2] == "Z":
                        break
            except FileNotFoundError:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the task's child outlived the killed worker")
    finally:
        p.close()


def test_wait_ready_returns_once_every_worker_has_started() -> None:
    p = WorkerPool(size=2)
    try:
        assert not all(w.ready for w in p._idle)  # started in the background
        p.wait_ready()
        assert [w.ready for w in p._idle] == [True, True]
    finally:
        p.close()
