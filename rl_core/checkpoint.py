"""Atomic training checkpoints and exact resume.

A checkpoint is a directory ``<run_dir>/checkpoints/step-XXXXXXXX`` holding the trainable weights
(adapters with LoRA, all weights otherwise) as safetensors and ``state.pt`` with the optimizer, scheduler,
RNG states (python, numpy, torch), data position, step, monitor state and the metrics file offset. It is
written to a temporary directory, every file fsynced, then renamed into place, so a crash at any moment
leaves either the previous checkpoint or the new one, never a partial one. ``manifest.json`` holds the
SHA-256 and size of every file, checked at load (:func:`verify_checkpoint`): damaged bytes are found instead of
loaded. A failed save removes its temporary directory; :func:`remove_partial_saves` removes those a killed
process left.
"""

from __future__ import annotations

import hashlib
import json
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
MANIFEST = "manifest.json"
_TMP_PREFIX = ".tmp-step-"


class CheckpointError(RuntimeError):
    """A checkpoint that cannot be used (damaged, truncated, inconsistent); the message names the file."""


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
    tmp = root / f"{_TMP_PREFIX}{step:08d}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        save_file({k: v.detach().cpu().contiguous() for k, v in weights.items()}, str(tmp / WEIGHTS))
        torch.save({"rng": rng_state(), **state, "step": step}, tmp / STATE)
        files = {f.name: {"sha256": _sha256(f), "bytes": f.stat().st_size} for f in (tmp / WEIGHTS, tmp / STATE)}
        (tmp / MANIFEST).write_text(json.dumps({"step": step, "files": files}, indent=1))
        for f in tmp.iterdir():
            _fsync(f)
        _fsync(tmp)
    except BaseException:  # a full disk, a signal: leave no half-written directory behind
        shutil.rmtree(tmp, ignore_errors=True)
        raise
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


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify_checkpoint(path: str | Path) -> bool:
    """Check every file of ``path`` against its manifest; raise :class:`CheckpointError` naming the first
    mismatch. Returns False for a checkpoint written before manifests existed (nothing to check)."""
    path = Path(path)
    if not (path / MANIFEST).is_file():
        return False
    try:
        files = json.loads((path / MANIFEST).read_text())["files"]
    except (ValueError, KeyError, TypeError) as e:
        raise CheckpointError(f"{path / MANIFEST}: unreadable manifest ({e})") from None
    for name, want in files.items():
        f = path / name
        if not f.is_file():
            raise CheckpointError(f"{f}: missing")
        size = f.stat().st_size
        if size != want["bytes"]:
            raise CheckpointError(f"{f}: {size} bytes, the manifest says {want['bytes']} (truncated?)")
        if _sha256(f) != want["sha256"]:
            raise CheckpointError(f"{f}: SHA-256 differs from the manifest (damaged bytes)")
    return True


def load_checkpoint(path: str | Path, verify: bool = True) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """(weights, state) of one checkpoint directory, its checksums verified first (``verify``). Any
    failure is a :class:`CheckpointError` naming the file. The global RNG states are *not* restored here:
    call :func:`set_rng_state` with ``state["rng"]`` once everything else is rebuilt."""
    path = Path(path)
    if verify and not verify_checkpoint(path):
        logger.warning("checkpoint %s has no manifest (written by an older version): loaded unchecked", path)
    try:
        weights = load_file(str(path / WEIGHTS))
    except Exception as e:
        raise CheckpointError(f"{path / WEIGHTS}: cannot be read ({type(e).__name__}: {e})") from None
    try:
        state = torch.load(path / STATE, weights_only=False)
    except Exception as e:
        raise CheckpointError(f"{path / STATE}: cannot be read ({type(e).__name__}: {e})") from None
    if not isinstance(state, dict) or "step" not in state:
        raise CheckpointError(f"{path / STATE}: not a training state")
    return weights, state


def remove_partial_saves(run_dir: str | Path) -> list[Path]:
    """Delete the temporary directories of saves that never completed (call it only while holding the run
    directory's lock: no save can be in progress then). Returns what was removed."""
    root = checkpoint_dir(run_dir)
    if not root.is_dir():
        return []
    stale = [p for p in root.iterdir() if p.name.startswith(_TMP_PREFIX)]
    for p in stale:
        shutil.rmtree(p, ignore_errors=True)
        logger.info("removed %s, left by a save that did not complete", p)
    return stale


def latest_checkpoint(run_dir: str | Path) -> Path | None:
    found = list_checkpoints(run_dir)
    return found[-1] if found else None
