"""Experiment trackers beside ``metrics.jsonl``: TensorBoard, Weights & Biases and Trackio (and any package's
through the ``rlvr.trackers`` entry points), chosen by ``logging.trackers``.

A tracker is started with the run's name, project and full config and receives every numeric metric of every
step (``metrics.jsonl`` stays the record of truth: it also keeps the monitor's warning strings). Trackers are
optional extras (``pip install rlvr[trackers]``) and never stop training: one that fails to start or to log
warns once and is skipped from then on (a start failure) or keeps being tried quietly (a log failure), and
:meth:`GuardedTracker.close` reports how many calls failed.

* ``tensorboard``: ``torch.utils.tensorboard`` scalars in ``<run_dir>/tb`` (needs the ``tensorboard`` package).
* ``wandb``: ``wandb.init(project, name, config, dir=run_dir, id, resume="allow")``; the run id is kept in
  ``<run_dir>/wandb_run_id``, so a resumed run (or any later run in the same directory) continues the same
  W&B run. ``WANDB_MODE=offline`` writes to ``<run_dir>/wandb`` for a later ``wandb sync``.
* ``trackio``: ``trackio.init(project, name, config, resume="allow")``; local by default (SQLite under
  ``TRACKIO_DIR``, ``trackio show`` opens the dashboard), a Space with ``space_id`` in its keyword arguments.

``logging.tracker_kwargs.<name>`` passes more keyword arguments to the tracker's ``init`` (W&B ``entity``,
``tags``, ``mode``; Trackio ``space_id``, ``auto_log_cpu``; ...).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rlvr.registry import Registry

if TYPE_CHECKING:
    from rlvr.rl_core.config import RunConfig

logger = logging.getLogger(__name__)

WANDB_ID_FILE = "wandb_run_id"


class Tracker(Protocol):
    """Receives the numeric metrics of each step; ``close`` flushes and ends the run."""

    def log(self, step: int, metrics: Mapping[str, float]) -> None: ...

    def close(self) -> None: ...


@dataclass
class TrackerContext:
    """What a tracker is started with: where the run writes, its name and project, the resolved run config
    (a plain dict) and the tracker's own keyword arguments (``logging.tracker_kwargs.<name>``)."""

    run_dir: Path
    run_name: str
    project: str = "rlvr"
    config: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)


#: tracker name -> factory(TrackerContext) -> Tracker; packages add theirs through ``rlvr.trackers``
TRACKERS: Registry[Callable[[TrackerContext], Tracker]] = Registry("tracker", entry_point_group="rlvr.trackers")


@TRACKERS.register("tensorboard")
class TensorBoardTracker:
    """Scalars in ``<run_dir>/tb`` (``torch.utils.tensorboard``), the config as text at step 0."""

    def __init__(self, ctx: TrackerContext) -> None:
        import yaml
        from torch.utils.tensorboard import SummaryWriter

        self.writer = SummaryWriter(log_dir=str(ctx.run_dir / "tb"), **ctx.options)
        if ctx.config:
            self.writer.add_text("config", "```\n" + yaml.safe_dump(ctx.config, sort_keys=False) + "```", 0)

    def log(self, step: int, metrics: Mapping[str, float]) -> None:
        for k, v in metrics.items():
            self.writer.add_scalar(k, v, step)
        self.writer.flush()

    def close(self) -> None:
        self.writer.close()


@TRACKERS.register("wandb")
class WandbTracker:
    """A Weights & Biases run, continued across resumes of the same run directory."""

    def __init__(self, ctx: TrackerContext) -> None:
        import wandb

        id_file = ctx.run_dir / WANDB_ID_FILE
        run_id = id_file.read_text().strip() if id_file.exists() else secrets.token_hex(4)
        kwargs: dict[str, Any] = {
            "project": ctx.project,
            "name": ctx.run_name,
            "config": ctx.config,
            "dir": str(ctx.run_dir),
            "id": run_id,
            "resume": "allow",
        }
        self.run = wandb.init(**{**kwargs, **ctx.options})
        id_file.write_text(self.run.id)

    def log(self, step: int, metrics: Mapping[str, float]) -> None:
        self.run.log(dict(metrics), step=step)

    def close(self) -> None:
        self.run.finish()


@TRACKERS.register("trackio")
class TrackioTracker:
    """A Trackio run (local SQLite by default, a Hugging Face Space with ``space_id``)."""

    def __init__(self, ctx: TrackerContext) -> None:
        import trackio

        kwargs: dict[str, Any] = {
            "project": ctx.project,
            "name": ctx.run_name,
            "config": ctx.config,
            "resume": "allow",
        }
        self.run = trackio.init(**{**kwargs, **ctx.options})

    def log(self, step: int, metrics: Mapping[str, float]) -> None:
        self.run.log(dict(metrics), step=step)

    def close(self) -> None:
        self.run.finish()


class GuardedTracker:
    """A tracker that can never stop training: start, log and close failures are caught and warned about
    once (``quiet_start``: a failed start is logged at INFO, for a tracker on by default)."""

    def __init__(self, name: str, ctx: TrackerContext, quiet_start: bool = False) -> None:
        self.name = name
        self.tracker: Tracker | None = None
        self.calls = self.failures = 0
        try:
            self.tracker = TRACKERS[name](ctx)
        except Exception as e:  # a missing package, a login, a network: none of them may stop the run
            level = logging.INFO if quiet_start else logging.WARNING
            logger.log(level, "tracker %s did not start (%s: %s); metrics go on to the others", name, _kind(e), e)

    @property
    def active(self) -> bool:
        return self.tracker is not None

    def log(self, step: int, metrics: Mapping[str, Any]) -> None:
        if self.tracker is None:
            return
        self.calls += 1
        try:
            self.tracker.log(step, numeric(metrics))
        except Exception as e:
            self.failures += 1
            if self.failures == 1:
                logger.warning(
                    "tracker %s failed to log step %d (%s: %s); training goes on", self.name, step, _kind(e), e
                )

    def close(self) -> None:
        if self.tracker is None:
            return
        try:
            self.tracker.close()
        except Exception as e:
            logger.warning("tracker %s failed to close (%s: %s)", self.name, _kind(e), e)
        if self.failures:
            logger.info("tracker %s: %d of %d log calls failed", self.name, self.failures, self.calls)
        self.tracker = None


def _kind(e: BaseException) -> str:
    return type(e).__name__


def numeric(metrics: Mapping[str, Any]) -> dict[str, float]:
    """The numeric entries of a metrics record (numbers and one-element tensors; NaN and inf kept, flags and
    strings left to ``metrics.jsonl``)."""
    out = {}
    for k, v in metrics.items():
        if hasattr(v, "numel") and v.numel() == 1:
            v = v.item()
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out[k] = v
    return out


def start_trackers(
    names: Sequence[str],
    run_dir: str | Path,
    run_name: str,
    *,
    project: str = "rlvr",
    config: Mapping[str, Any] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    quiet: Sequence[str] = (),
) -> list[GuardedTracker]:
    """Start the trackers ``names`` (guarded); those that fail to start are left out. ``quiet``: names whose
    failure to start is only INFO (a tracker on by default rather than asked for)."""
    out = []
    for name in names:
        ctx = TrackerContext(Path(run_dir), run_name, project, dict(config or {}), dict((options or {}).get(name, {})))
        tracker = GuardedTracker(name, ctx, quiet_start=name in quiet)
        if tracker.active:
            out.append(tracker)
    return out


def trackers_for(cfg: RunConfig, run_dir: str | Path) -> list[GuardedTracker]:
    """The started trackers of a run config: ``logging.trackers``, plus TensorBoard when
    ``logging.tensorboard`` is on (quietly skipped when its package is missing, as before trackers existed)."""
    log = cfg.logging
    names = list(log.trackers)
    quiet = []
    if log.tensorboard and "tensorboard" not in names:
        names.insert(0, "tensorboard")
        quiet.append("tensorboard")
    return start_trackers(
        names,
        run_dir,
        log.run_name or Path(run_dir).resolve().name,
        project=log.project,
        config=cfg.to_dict(),
        options=log.tracker_kwargs,
        quiet=quiet,
    )
