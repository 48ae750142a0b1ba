"""Cost of fault handling in the main job (configs/default.yaml: SmolLM2-135M + LoRA r=16, DAPO, CPU).

Measures, in one process: one training step (the anchor), one checkpoint save (adapters + AdamW state + RNG +
checksums, fsynced) and its checksum verification at load, and the non-finite guard's per-step work (undo
copy of the trainable state and the finiteness check of the updated parameters). Prints medians and, last,
``ratio: checkpoint seconds / step seconds``.

    python benchmarks/checkpoint_cost.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _median(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    from rlvr.rl_core import checkpoint as ckpt
    from rlvr.rl_core.config import load_config
    from rlvr.rl_core.nonfinite import all_finite
    from rlvr.rl_core.trainer import build_trainer

    with tempfile.TemporaryDirectory() as tmp:
        cfg = load_config(
            ROOT / "configs" / "default.yaml",
            ["eval.before=false", "eval.after=false", "logging.progress=false", f"logging.run_dir={tmp}"],
        )
        t = build_trainer(cfg)
        t._begin_fresh()
        t0 = time.perf_counter()
        t.train_step(1)  # fills the AdamW state (unless the step was skipped: then it is empty)
        step_s = time.perf_counter() - t0
        t.step = 1
        params = [p for p in t.model.parameters() if p.requires_grad]
        n = sum(p.numel() for p in params)
        save_s = _median(t.save, args.repeats)
        path = ckpt.latest_checkpoint(tmp)
        size = sum(f.stat().st_size for f in path.iterdir()) / 2**20
        verify_s = _median(lambda: ckpt.verify_checkpoint(path), args.repeats)
        t.nonfinite.rollback = True
        copy_s = _median(lambda: (t.nonfinite.begin(), t.nonfinite.before_step(0.0, 0.0, {})), args.repeats)
        check_s = _median(lambda: all_finite(params), args.repeats)
        t.close()
    print(f"trainable parameters: {n:,}; checkpoint: {size:.1f} MiB")
    print(f"training step (anchor): {step_s:.2f} s")
    print(f"checkpoint save: {save_s * 1000:.0f} ms; checksum verification: {verify_s * 1000:.0f} ms")
    print(f"non-finite guard per step: undo copy {copy_s * 1000:.1f} ms, finiteness check {check_s * 1000:.1f} ms")
    print(f"ratio: {save_s / step_s:.4f}")


if __name__ == "__main__":
    main()
