"""Per-step metrics: computed from the rollout and the update, written to ``<run_dir>/metrics.jsonl``
(one JSON object per line, ``step`` first) and to the run's experiment trackers (TensorBoard, W&B, Trackio).

Names: ``reward/mean``, ``reward/std``, ``reward/<component>/mean|std`` (numeric entries of
VerifyResult.details, nested dicts flattened with ``/``), ``pass_rate``, ``verify/errors``,
``sampling/filtered_fraction``, ``sampling/rounds``, ``loss/*`` (from the loss), ``kl``, ``entropy``,
``clip/*``, ``ratio/*``, ``grad_norm``, ``lr``, ``length/mean``, ``length/max``, ``truncation_rate``,
``tokens_generated``, ``distinct_per_group``, ``time/generate``, ``time/verify``, ``time/update``,
``eval/pass@1``, ``eval/pass@1_se``, and ``warnings`` (the pitfall monitor's messages); ``skipped`` and, for
updates the non-finite guard refused, ``nonfinite`` / ``nonfinite/consecutive`` / ``nonfinite/total``.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import torch

from rlvr.verifiers.base import VerifyResult

logger = logging.getLogger(__name__)

METRICS_FILE = "metrics.jsonl"


def _numeric_leaves(d: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, float]]:
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            yield from _numeric_leaves(v, key + "/")
        elif isinstance(v, (bool, int, float)) and math.isfinite(float(v)):
            yield key, float(v)


def _mean_std(xs: Sequence[float]) -> tuple[float, float]:
    t = torch.tensor(xs, dtype=torch.float64)
    return float(t.mean()), float(t.std(unbiased=False)) if len(xs) > 1 else 0.0


def reward_metrics(rewards: torch.Tensor, results: Sequence[VerifyResult]) -> dict[str, float]:
    """Reward mean/std (of the final rewards, N values), pass rate, verifier error count and the mean/std
    of each numeric verifier component found in ``details``."""
    out: dict[str, float] = {}
    flat = rewards.detach().double().flatten()
    out["reward/mean"] = float(flat.mean()) if flat.numel() else 0.0
    out["reward/std"] = float(flat.std(unbiased=False)) if flat.numel() > 1 else 0.0
    if results:
        out["reward/score_mean"] = sum(r.score for r in results) / len(results)
        out["pass_rate"] = sum(bool(r.passed) for r in results) / len(results)
        out["verify/errors"] = float(sum(r.status in ("error", "timeout") for r in results))
        out["verify/no_answer"] = sum(r.status == "no_answer" for r in results) / len(results)
        comps: dict[str, list[float]] = defaultdict(list)
        for r in results:
            for k, v in _numeric_leaves(r.details or {}):
                comps[k].append(v)
        for k, vs in sorted(comps.items()):
            if len(vs) == len(results):  # a component every result reports
                out[f"reward/{k}/mean"], out[f"reward/{k}/std"] = _mean_std(vs)
    return out


def length_metrics(mask: torch.Tensor, truncated: torch.Tensor) -> dict[str, float]:
    """Response length (tokens) mean / max, truncation rate and tokens generated; mask (N, T) bool."""
    lengths = mask.sum(1).double()
    n = max(lengths.numel(), 1)
    return {
        "length/mean": float(lengths.mean()) if lengths.numel() else 0.0,
        "length/max": float(lengths.max()) if lengths.numel() else 0.0,
        "truncation_rate": float(truncated.double().sum()) / n,
        "tokens_generated": float(lengths.sum()),
    }


def distinct_per_group(texts: Sequence[str], group_size: int) -> float:
    """Mean over groups of (distinct completions / G): 1 = all different, 1/G = all identical."""
    groups = [texts[i : i + group_size] for i in range(0, len(texts), group_size)]
    if not groups:
        return 0.0
    return sum(len(set(g)) / len(g) for g in groups) / len(groups)


def batch_metrics(
    rewards: torch.Tensor,
    results: Sequence[VerifyResult],
    mask: torch.Tensor,
    truncated: torch.Tensor,
    texts: Sequence[str],
    advantages: torch.Tensor,
) -> dict[str, float]:
    """The trained batch's metrics: rewards (K, G) and their results, lengths ((N, T) completion mask, (N,)
    truncated), distinct completions per group, mean |advantage|."""
    m = reward_metrics(rewards, results)
    m.update(length_metrics(mask, truncated))
    m["distinct_per_group"] = distinct_per_group(texts, rewards.shape[1])
    m["advantage/abs_mean"] = float(advantages.abs().mean())
    return m


class MetricsWriter:
    """Appends one JSON line per step to ``metrics.jsonl`` (flushed and fsynced) and mirrors the numeric
    values to experiment trackers (:mod:`rlvr.rl_core.trackers`; ``tensorboard``: TensorBoard when it is
    installed). :meth:`offset` / ``truncate_to`` support exact resume."""

    def __init__(self, run_dir: str | Path, tensorboard: bool = True, trackers: Sequence[Any] = ()) -> None:
        from rlvr.rl_core.trackers import start_trackers

        self.path = Path(run_dir) / METRICS_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tb = start_trackers(["tensorboard"], run_dir, Path(run_dir).name, quiet=["tensorboard"]) if tensorboard else []
        self.trackers = [*tb, *trackers]

    def truncate_to(self, offset: int) -> None:
        """Drop everything written after byte ``offset`` (lines of steps after the resumed checkpoint); a file
        shorter than ``offset`` (lost lines) is left as it is, never padded."""
        if self.path.exists():
            size = self.path.stat().st_size
            if size < offset:
                logger.warning(
                    "%s has %d bytes, fewer than the checkpoint's %d: lines were lost", self.path, size, offset
                )
                return
            with open(self.path, "r+b") as f:
                f.truncate(offset)

    def offset(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    def write(self, step: int, metrics: Mapping[str, Any]) -> None:
        record = {"step": step, **{k: _jsonable(v) for k, v in metrics.items()}}
        with open(self.path, "a") as f:
            f.write(json.dumps(record) + "\n")
            f.flush()
            os.fsync(f.fileno())
        for tracker in self.trackers:
            tracker.log(step, metrics)

    def close(self) -> None:
        for tracker in self.trackers:
            tracker.close()
        self.trackers = []


def _jsonable(v: Any) -> Any:
    if isinstance(v, torch.Tensor):
        v = v.item() if v.numel() == 1 else v.tolist()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def read_metrics(run_dir: str | Path) -> list[dict[str, Any]]:
    """All records of ``<run_dir>/metrics.jsonl`` ([] without the file); a malformed line (a crashed run leaves
    one) is skipped with a warning."""
    path = Path(run_dir) / METRICS_FILE
    rows: list[dict[str, Any]] = []
    if not path.exists():
        return rows
    for i, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            logger.warning("%s:%d: skipping malformed line", path, i)
            continue
        if isinstance(row, dict):
            rows.append(row)
    return rows
