"""Atomic training checkpoints and exact resume.

A checkpoint is a directory ``<run_dir>/checkpoints/step-XXXXXXXX`` holding the trainable weights
(adapters with LoRA, all weights otherwise) as safetensors and ``state.pt`` with the optimizer, scheduler,
RNG states (python, numpy, torch), data position, step, monitor state and the metrics file offset. It is
written to a temporary directory, every file fsynced, then renamed into place, so a crash at any moment
leaves either the previous checkpoint or the new one, never a partial one.
"""

from __future__ import annotations

import logging
import os
import random
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save_file

logger = logging.getLogger(__name__)

WEIGHTS = "trainable.safetensors"
STATE = "state.pt"
_NAME = re.compile(r"^step-(\d{8})$")


def rng_state() -> dict[str, Any]:
    """The global RNG states of python, numpy and torch (and CUDA when present)."""
    state: dict[str, Any] = {
        "python": random.getstate(),
        "numpy": np.random.get_state(),
        "torch": torch.get_rng_state(),
    }
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict[str, Any]) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def checkpoint_dir(run_dir: str | Path) -> Path:
    return Path(run_dir) / "checkpoints"


def save_checkpoint(
    run_dir: str | Path, step: int, weights: dict[str, torch.Tensor], state: dict[str, Any], keep: int = 2
) -> Path:
    """Atomically write checkpoint ``step`` (weights by name + a picklable state dict); keep the newest
    ``keep`` checkpoints. Returns the checkpoint directory."""
    root = checkpoint_dir(run_dir)
    root.mkdir(parents=True, exist_ok=True)
    final = root / f"step-{step:08d}"
    tmp = root / f".tmp-step-{step:08d}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    save_file({k: v.detach().cpu().contiguous() for k, v in weights.items()}, str(tmp / WEIGHTS))
    torch.save({**state, "step": step, "rng": rng_state()}, tmp / STATE)
    for f in tmp.iterdir():
        _fsync(f)
    _fsync(tmp)
    if final.exists():  # re-saving the same step (e.g. final save right after a periodic one)
        shutil.rmtree(final)
    os.rename(tmp, final)
    _fsync(root)
    for old in list_checkpoints(run_dir)[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    logger.info("checkpoint saved: %s", final)
    return final


def list_checkpoints(run_dir: str | Path) -> list[Path]:
    """Complete checkpoints, oldest first (temporary directories of interrupted saves are ignored)."""
    root = checkpoint_dir(run_dir)
    if not root.is_dir():
        return []
    found = [p for p in root.iterdir() if _NAME.match(p.name) and (p / STATE).is_file() and (p / WEIGHTS).is_file()]
    return sorted(found, key=lambda p: p.name)


def load_checkpoint(path: str | Path) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """(weights, state) of one checkpoint directory. The global RNG states are *not* restored here:
    call :func:`set_rng_state` with ``state["rng"]`` once everything else is rebuilt."""
    path = Path(path)
    weights = load_file(str(path / WEIGHTS))
    state = torch.load(path / STATE, weights_only=False)
    return weights, state


def latest_checkpoint(run_dir: str | Path) -> Path | None:
    found = list_checkpoints(run_dir)
    return found[-1] if found else None
