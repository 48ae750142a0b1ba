"""Fingerprint of the learner's numbers: trains the tiny model under several configurations and prints a
sha256 of each run's metrics.jsonl with the wall-clock fields (``time/*``) removed.

A refactor that keeps behaviour keeps every hash (CPU, tiny model: runs are bit-identical).

    python scripts/fingerprint.py            # one line per configuration, then ``all: <hash>``
    python scripts/fingerprint.py --exclude mismatch/kl   # the same with named metrics left out too
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOY = ["task.name=toy_task:make_task", "steps=3", "eval.before=false", "eval.after=false"]
#: name -> overrides on configs/tiny.yaml; the toy task's reward varies under a random model
CONFIGS: dict[str, list[str]] = {
    "tiny": [],
    "dapo_toy": TOY,
    "grpo_kl_toy": [*TOY, "preset=grpo", "sampling.dynamic=false"],
    "rloo_kl_in_reward_toy": [*TOY, "preset=rloo", "sampling.dynamic=false"],
    "dr_grpo_toy_epochs2": [
        *TOY,
        "preset=dr_grpo",
        "sampling.dynamic=false",
        "optim.epochs=2",
        "optim.micro_batch_size=3",
    ],
    "dapo_toy_count_filtered": [*TOY, "sampling.count_filtered=true", "sampling.max_rounds=1"],
    "lora_tis_toy": [*TOY, "lora.enabled=true", "lora.r=4", "rollout.is_correction=tis"],
}


def fingerprint(overrides: list[str], exclude: frozenset[str] = frozenset()) -> str:
    from rlvr.rl_core.config import load_config
    from rlvr.rl_core.trainer import run

    with tempfile.TemporaryDirectory() as tmp:
        cfg = load_config(
            ROOT / "configs" / "tiny.yaml", [*overrides, f"logging.run_dir={tmp}", "logging.progress=false"]
        )
        run(cfg)
        h = hashlib.sha256()
        for line in (Path(tmp) / "metrics.jsonl").read_text().splitlines():
            row = {k: v for k, v in json.loads(line).items() if not k.startswith("time/") and k not in exclude}
            h.update(json.dumps(row, sort_keys=True).encode())
        return h.hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="configuration names (default: all)")
    ap.add_argument("--exclude", nargs="*", default=[], help="metric keys left out of the hash (besides time/*)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    sys.path.insert(0, str(ROOT / "tests" / "rl_core"))  # toy_task
    total = hashlib.sha256()
    for name, overrides in CONFIGS.items():
        if args.only and name not in args.only:
            continue
        h = fingerprint(overrides, frozenset(args.exclude))
        total.update(h.encode())
        print(f"{name}: {h}", flush=True)
    print(f"all: {total.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
