"""Asynchronous vs synchronous training at the same wall-clock budget (``async.max_staleness`` k = 0, 1, 2).

The main job's config (configs/default.yaml: SmolLM2-135M + LoRA, DAPO on arithmetic) on the ray backend with
one rollout actor, one learner rank and one verifier actor, one thread each; once the actors are up, the
rollout actor is pinned to one core and the learner rank to another (the controller and the verifier share
the machine). Each k trains for the same budget (``max_minutes``, actor start-up excluded), then the held-out
greedy pass@1 (with its standard error) is measured. Printed per k: steps done, median step time (the first
step left out), the measured staleness of the samples trained on, pass@1.

The overlap bound: with generation and update on separate cores, an asynchronous step costs at best
max(generation, update) where a synchronous one costs generation + update, so the speed-up is at most
(generation + update) / max(generation, update); both are measured in the k = 0 run, each on its own core
(``time/generate_actor``: the rollout actor's own decoding; ``time/learner``: the learner rank's own step).
The last line is ``ratio: X`` = sync step time / async (k = 1) step time (targets: >= 1.25, and within 15% of
the bound).

    python benchmarks/async_vs_sync.py                 # 8 minutes per k, as the main job
    python benchmarks/async_vs_sync.py --budget 1.5    # a short run (noisy)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distributed_scaling import NETNS_ENV, main_job_config, rerun_in_netns, time_steps  # noqa: E402


def pin(pid: int, core: int) -> None:
    """Every thread of process ``pid`` onto ``core``."""
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            os.sched_setaffinity(int(tid), {core})
        except OSError:  # a thread that just ended
            pass


def run(k: int, budget_min: float, eval_limit: int | None, run_dir: str, over: list[str]) -> dict[str, Any]:
    """Train the main job's config with ``async.max_staleness=k`` for ``budget_min`` minutes; its figures."""
    import ray
    import torch

    from rlvr.rl_core.trainer import build_trainer

    torch.set_num_threads(1)
    cfg = main_job_config(
        "steps=10000",
        f"max_minutes={budget_min}",
        "eval.before=false",
        "eval.after=true",
        *([f"eval.limit={eval_limit}"] if eval_limit else []),
        "checkpoint.every=0",
        "checkpoint.save_final=false",
        "distributed.backend=ray",
        f"async.max_staleness={k}",
        *over,
    )
    trainer = build_trainer(cfg, run_dir)
    stages = trainer.stages  # actors up before the budget starts
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) >= 2:
        pin(ray.get(stages.rollouts.actors[0].pid.remote()), cores[0])
        pin(ray.get(stages.learner.actors[0].pid.remote()), cores[1])
    times = time_steps(trainer)
    written = trainer.train()
    rows = [r for r in written if "loss/num_tokens" in r or "skipped" in r]
    after = [r for r in written if "eval/pass@1" in r]
    measured = rows[1:] or rows

    def med(key: str) -> float:
        vals = [r[key] for r in measured if key in r]
        return statistics.median(vals) if vals else float("nan")

    return {
        "k": k,
        "steps": len(times),
        "step_s": statistics.median(times[1:] or times),
        "generate_actor_s": med("time/generate_actor"),
        "learner_s": med("time/learner"),
        "staleness": statistics.mean(r.get("async/staleness_mean", 0.0) for r in measured),
        "dropped": sum(r.get("async/dropped", 0.0) for r in rows),
        "pass1": after[-1]["eval/pass@1"] if after else float("nan"),
        "pass1_se": after[-1]["eval/pass@1_se"] if after else float("nan"),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--budget", type=float, default=8.0, help="training minutes per k (the main job's 8)")
    ap.add_argument("--ks", default="0,1,2", help="values of async.max_staleness; the first is the baseline")
    ap.add_argument("--eval-limit", type=int, default=None, help="held-out problems (default: the config's 300)")
    ap.add_argument("--override", nargs="*", default=[], help="dotted overrides of the main job's config")
    ap.add_argument("--no-netns", action="store_true", help="run here (a real cluster), not in a private netns")
    args = ap.parse_args()
    if not args.no_netns and os.environ.get(NETNS_ENV) != "1":
        return rerun_in_netns()
    ks = [int(x) for x in args.ks.split(",")]
    print(f"cores: {len(os.sched_getaffinity(0))}, load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    res = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in ks:
            r = run(k, args.budget, args.eval_limit, os.path.join(tmp, f"k{k}"), args.override)
            res.append(r)
            print(
                f"k={k}: {r['steps']} steps, {r['step_s']:.3f} s/step, staleness {r['staleness']:.2f}, "
                f"pass@1 {r['pass1']:.3f} ± {r['pass1_se']:.3f}",
                flush=True,
            )
    base = res[0]
    gen, upd = base["generate_actor_s"], base["learner_s"]
    bound = (gen + upd) / max(gen, upd)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    print(
        f"\nbudget {args.budget:g} min per k; generation {gen:.3f} s and update {upd:.3f} s per step, each on its core"
    )
    print(f"overlap bound (generation + update) / max(generation, update): {bound:.3f}\n")
    print(f"| {'k':>2} | {'steps':>5} | {'s/step':>7} | {'speed-up':>8} | {'staleness':>9} | {'pass@1':>15} |")
    print(f"|{'-' * 4}|{'-' * 7}|{'-' * 9}|{'-' * 10}|{'-' * 11}|{'-' * 17}|")
    for r in res:
        speed = base["step_s"] / r["step_s"]
        print(
            f"| {r['k']:>2} | {r['steps']:>5} | {r['step_s']:>7.3f} | {speed:>8.2f} | {r['staleness']:>9.2f} | "
            f"{r['pass1']:>7.3f} ± {r['pass1_se']:.3f} |"
        )
    one = next((r for r in res if r["k"] == 1), res[-1])
    ratio = base["step_s"] / one["step_s"]
    print(f"\nk={one['k']} speed-up / bound: {ratio / bound:.2f}")
    print(f"ratio: {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
