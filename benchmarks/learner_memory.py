"""Peak memory of one GRPO training step: LoRA vs full fine-tuning, with and without the KL reference.

With LoRA the KL reference is the policy's own base weights with the adapters switched off (no copy); full
fine-tuning keeps a frozen copy of the initial weights, and only when kl.beta > 0. Each setting runs in a
fresh subprocess (a tiny Llama, hidden 512 x 8 layers, ~25M parameters, B=4 prompts x G=8, 32 new tokens)
and reports its peak resident memory above the process's baseline after imports (CPU), or
``torch.cuda.max_memory_allocated`` (GPU).

    python benchmarks/learner_memory.py [--hidden 512] [--layers 8]

Last line: ``ratio: X`` = full fine-tuning with reference peak / LoRA with reference peak.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys

SETTINGS = {
    "full, beta=0 (no reference)": ["kl.beta=0"],
    "full, beta=0.04 (frozen copy)": ["kl.beta=0.04"],
    "LoRA r=16, beta=0": ["kl.beta=0", "lora.enabled=true"],
    "LoRA r=16, beta=0.04 (adapters off)": ["kl.beta=0.04", "lora.enabled=true"],
}


def child(overrides: list[str], hidden: int, layers: int) -> dict[str, float]:
    import torch

    from rlvr.rl_core.config import load_config
    from rlvr.rl_core.trainer import Trainer

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "rl_core"))
    from toy_task import ToyTask

    from rlvr.rl_core.models import tiny_model

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cuda = torch.cuda.is_available()
    cfg = load_config(
        None,
        [
            "preset=grpo",
            "rollout.prompts_per_step=4",
            "rollout.group_size=8",
            "rollout.max_new_tokens=32",
            "optim.micro_batch_size=32",
            "eval.before=false",
            "eval.after=false",
            "checkpoint.save_final=false",
            "logging.tensorboard=false",
            "logging.progress=false",
            "steps=2",
            "logging.run_dir=/tmp/rlvr_mem",
            *overrides,
        ],
    )
    model, tok = tiny_model(hidden_size=hidden, num_layers=layers, num_heads=8, seed=0)
    if cuda:
        model = model.cuda()
    trainer = Trainer(cfg, model, tok, ToyTask(), cfg.logging.run_dir)
    trainer.train()
    params = sum(p.numel() for p in model.parameters())
    if cuda:
        peak = torch.cuda.max_memory_allocated() / 2**20
    else:
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
    return {"peak_mib": peak, "params_m": params / 1e6, "device": "cuda" if cuda else "cpu"}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--hidden", type=int, default=512)
    p.add_argument("--layers", type=int, default=8)
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child), args.hidden, args.layers)))
        return
    results = {}
    for name, overrides in SETTINGS.items():
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--hidden",
                str(args.hidden),
                "--layers",
                str(args.layers),
                "--child",
                json.dumps(overrides),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    first = next(iter(results.values()))
    print(f"model: {first['params_m']:.1f}M parameters on {first['device']}; peak memory above baseline (MiB)")
    for name, r in results.items():
        print(f"  {name:40s} {r['peak_mib']:8.0f}")
    full_ref = results["full, beta=0.04 (frozen copy)"]["peak_mib"]
    lora_ref = results["LoRA r=16, beta=0.04 (adapters off)"]["peak_mib"]
    print(f"ratio: {full_ref / lora_ref:.2f}")


if __name__ == "__main__":
    main()
