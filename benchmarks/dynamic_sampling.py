"""Dynamic sampling at a fixed budget of generated tokens: GRPO, Dr. GRPO, DAPO with and without it.

Every variant trains the same model on the same task from the same seed until it has generated
``--budget`` completion tokens (all sampling rounds counted, so the refill rounds of dynamic sampling are
paid for), evaluating held-out greedy pass@1 at ``--points`` evenly spaced budget marks. Prints one table
row per (variant, mark) and, last, ``ratio: X`` = final pass@1 of DAPO with dynamic sampling over DAPO
without it (same run, same budget).

    python benchmarks/dynamic_sampling.py                       # SmolLM2 + LoRA on arithmetic (CPU: long)
    python benchmarks/dynamic_sampling.py --budget 20000 --eval-limit 100
    python benchmarks/dynamic_sampling.py --model tiny --budget 4000 --eval-limit 32   # smoke run
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path
from typing import Any

VARIANTS: dict[str, list[str]] = {
    "grpo": ["preset=grpo"],
    "dr_grpo": ["preset=dr_grpo"],
    "dapo": ["preset=dapo", "sampling.dynamic=true"],
    "dapo_no_dynamic": ["preset=dapo", "sampling.dynamic=false"],
    # the main job's setting: one round per step, no refill, dropped groups kept in the normaliser
    "dapo_one_round": ["preset=dapo", "sampling.dynamic=true", "sampling.max_rounds=1", "sampling.count_filtered=true"],
}


def base_overrides(args: argparse.Namespace) -> list[str]:
    model = ["model.name=smollm2", "lora.enabled=true", "lora.r=16", "lora.alpha=32", "optim.lr=2.0e-4"]
    if args.model == "tiny":
        model = ["model.name=tiny", "optim.lr=1.0e-3"]
    return model + [
        f"seed={args.seed}",
        "steps=100000",
        "task.name=arithmetic",
        "task.kwargs={level: 1, n_eval: 300}",
        f"rollout.prompts_per_step={args.prompts}",
        f"rollout.group_size={args.group}",
        f"rollout.max_new_tokens={args.max_new_tokens}",
        "rollout.temperature=0.7",
        "sampling.max_rounds=3",
        "reward.overlong_buffer_ratio=0",  # binary rewards for every variant: only the algorithm differs
        "optim.micro_batch_size=32",
        f"eval.limit={args.eval_limit}",
        "eval.greedy=true",
        "eval.before=false",
        "eval.after=false",
        "checkpoint.save_final=false",
        "logging.tensorboard=false",
        "logging.progress=false",
        "monitor.enabled=false",
    ]


def run_variant(name: str, args: argparse.Namespace, start: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Rows of one variant: its start (evaluated unless ``start``, the shared untrained model's, is given)
    and one per budget mark."""
    from rlvr.rl_core.config import resolve
    from rlvr.rl_core.trainer import build_trainer

    cfg = resolve({}, base_overrides(args) + VARIANTS[name] + args.override)
    trainer = build_trainer(cfg, Path(args.out) / name)
    marks = [round(args.budget * (i + 1) / args.points) for i in range(args.points)]
    if start is None:
        ev = trainer.evaluate("tokens0", 0)
        start = {"pass@1": ev["eval/pass@1"], "se": ev["eval/pass@1_se"]}
    rows: list[dict[str, Any]] = [{"variant": name, "tokens": 0, "steps": 0, **start, "seconds": 0.0}]
    tokens, step, t0 = 0, 0, time.perf_counter()
    train_seconds = 0.0
    for mark in marks:
        while tokens < mark:
            step += 1
            ts = time.perf_counter()
            m = trainer.train_step(step)
            train_seconds += time.perf_counter() - ts
            tokens += int(m.get("sampling/tokens_all_rounds", 0))
        ev = trainer.evaluate(f"tokens{mark}", step)
        rows.append(
            {
                "variant": name,
                "tokens": tokens,
                "steps": step,
                "pass@1": ev["eval/pass@1"],
                "se": ev["eval/pass@1_se"],
                "seconds": round(train_seconds, 1),
            }
        )
        logging.info("%s: %s", name, rows[-1])
    logging.info("%s done in %.0f s", name, time.perf_counter() - t0)
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", choices=("smollm2", "tiny"), default="smollm2")
    p.add_argument("--budget", type=int, default=40_000, help="generated completion tokens per variant")
    p.add_argument("--points", type=int, default=4, help="evaluations along the budget")
    p.add_argument("--eval-limit", type=int, default=100, help="held-out problems per evaluation")
    p.add_argument("--prompts", type=int, default=8, help="B: prompts per step")
    p.add_argument("--group", type=int, default=8, help="G: samples per prompt")
    p.add_argument("--max-new-tokens", type=int, default=16)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated subset of " + ", ".join(VARIANTS))
    p.add_argument("--override", action="append", default=[], metavar="KEY=VALUE", help="extra config override")
    p.add_argument("--out", default="runs/bench_dynamic_sampling")
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    names = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in names if v not in VARIANTS]
    if unknown:
        p.error(f"unknown variants {unknown}; choose from {list(VARIANTS)}")
    rows: list[dict[str, Any]] = []
    for name in names:  # every variant starts from the same seeded model: its evaluation is shared
        start = {"pass@1": rows[0]["pass@1"], "se": rows[0]["se"]} if rows else None
        rows += run_variant(name, args, start)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    (Path(args.out) / "results.json").write_text(json.dumps(rows, indent=1))
    print("| variant | generated tokens | steps | held-out greedy pass@1 | train seconds |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['variant']} | {r['tokens']} | {r['steps']} | {100 * r['pass@1']:.1f}% ± {100 * r['se']:.1f} "
            f"| {r['seconds']} |"
        )
    final = {r["variant"]: r["pass@1"] for r in rows}
    if "dapo" in final and "dapo_no_dynamic" in final and final["dapo_no_dynamic"] > 0:
        print(f"ratio: {final['dapo'] / final['dapo_no_dynamic']:.3f}")
    else:
        print("ratio: nan")


if __name__ == "__main__":
    main()
