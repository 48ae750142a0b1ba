"""Experiment trackers: W&B (offline mode) and Trackio (local mode) receive the run name, the config and
every metric of every step from a real training run, with no network at all; a tracker that fails to start
or log warns once and training goes on; the config names a bad tracker setting."""

from __future__ import annotations

import json
import logging
import struct
import sys
from pathlib import Path

import pytest

from rlvr.rl_core.config import ConfigError, load_config
from rlvr.rl_core.metrics import read_metrics
from rlvr.rl_core.trackers import TRACKERS, numeric
from rlvr.rl_core.trainer import build_trainer

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))
from hub_layout import run_offline  # noqa: E402

BASE = [
    "task.name=toy_task:make_task",
    "steps=2",
    "rollout.prompts_per_step=2",
    "rollout.group_size=2",
    "rollout.max_new_tokens=4",
    "optim.micro_batch_size=4",
    "eval.limit=2",
    "logging.progress=false",
    "logging.tensorboard=false",
]


def read_wandb_history(run_file: Path) -> tuple[dict, list[dict]]:
    """(run record fields, history rows) of a W&B ``.wandb`` file: a LevelDB-style log (7-byte file header,
    32 KiB blocks, records framed by crc32 / length / type, split across blocks as FIRST/MIDDLE/LAST) of
    ``wandb_internal_pb2.Record`` protobufs."""
    from wandb.proto import wandb_internal_pb2 as pb

    data, block, pos, buf, records = run_file.read_bytes(), 32768, 7, b"", []
    while pos + 7 <= len(data):
        left = block - pos % block
        if left < 7:
            pos += left
            continue
        _, length, kind = struct.unpack("<IHB", data[pos : pos + 7])
        if kind == 0:
            pos += left
            continue
        buf += data[pos + 7 : pos + 7 + length]
        pos += 7 + length
        if kind in (1, 4):  # FULL or LAST
            records.append(buf)
            buf = b""
    run, history = {}, []
    for raw in records:
        rec = pb.Record()
        rec.ParseFromString(raw)
        which = rec.WhichOneof("record_type")
        if which == "run":
            config = {i.key: json.loads(i.value_json) for i in rec.run.config.update if i.key != "_wandb"}
            run = {"id": rec.run.run_id, "name": rec.run.display_name, "project": rec.run.project, "config": config}
        elif which == "history":
            row = {(i.key or "/".join(i.nested_key)): json.loads(i.value_json) for i in rec.history.item}
            history.append({k: v for k, v in row.items() if not k.startswith("_") or k == "_step"})
    return run, history


_TRAIN = """
import json, sys
sys.path.insert(0, sys.argv[2])
from rlvr.rl_core.config import load_config
from rlvr.rl_core.trainer import build_trainer

overrides = json.loads(sys.argv[1])
build_trainer(load_config(None, overrides + ["checkpoint.every=1"])).train()
t = build_trainer(load_config(None, overrides + ["steps=3", "checkpoint.every=1"]))
t.resume()
t.train()
from trackio.sqlite_storage import SQLiteStorage
print("RESULT", json.dumps({"trackio": SQLiteStorage.get_logs("rlvr-tests", "tiny-run"),
                  "trackio_config": SQLiteStorage.get_run_config("rlvr-tests", "tiny-run")}))
"""


def test_wandb_offline_and_trackio_local_get_every_metric_of_a_real_run(tmp_path) -> None:
    pytest.importorskip("wandb")
    pytest.importorskip("trackio")
    run_dir = tmp_path / "run"
    overrides = [
        *BASE,
        f"logging.run_dir={run_dir}",
        "logging.trackers=[wandb, trackio]",
        "logging.project=rlvr-tests",
        "logging.run_name=tiny-run",
        "logging.tracker_kwargs={trackio: {auto_log_cpu: false, auto_log_gpu: false}}",
    ]
    p = run_offline(
        [sys.executable, "-c", _TRAIN, json.dumps(overrides), str(Path(__file__).parent)],
        tmp_path / "hf",
        TRACKIO_DIR=str(tmp_path / "trackio"),
    )
    assert p.returncode == 0, p.stderr[-4000:]
    rows = read_metrics(run_dir)  # eval before, steps 1-2, then steps 3 after the resume
    assert [r["step"] for r in rows] == [0, 1, 2, 3]
    want = [{"_step": r["step"], **numeric(r)} for r in rows]
    want = [{k: v for k, v in w.items() if k != "step"} for w in want]

    run_id = (run_dir / "wandb_run_id").read_text()
    files = sorted(run_dir.glob("wandb/offline-run-*/run-*.wandb"))
    assert len(files) == 2 and all(f.name == f"run-{run_id}.wandb" for f in files)  # the resume continued it
    history = []
    for f in files:
        run, hist = read_wandb_history(f)
        assert (run["id"], run["name"], run["project"]) == (run_id, "tiny-run", "rlvr-tests")
        assert run["config"]["logging"]["trackers"] == ["wandb", "trackio"]
        assert run["config"]["rollout"]["group_size"] == 2
        history += hist
    assert [h["_step"] for h in history] == [0, 1, 2, 3]
    for got, exp in zip(history, want):
        assert got.keys() == exp.keys() and got == pytest.approx(exp, nan_ok=True)

    out = json.loads(next(line for line in p.stdout.splitlines() if line.startswith("RESULT "))[7:])
    logged = [{k: v for k, v in r.items() if k != "timestamp"} for r in out["trackio"]]
    assert [r["step"] for r in logged] == [0, 1, 2, 3]
    for got, exp in zip(logged, want):
        got = {("_step" if k == "step" else k): v for k, v in got.items()}
        assert got.keys() == exp.keys() and got == pytest.approx(exp, nan_ok=True)
    assert out["trackio_config"]["rollout"]["group_size"] == 2


class _Fails:
    def __init__(self, ctx) -> None:
        self.calls = 0

    def log(self, step, metrics) -> None:
        raise RuntimeError("the tracker's server is gone")

    def close(self) -> None:
        raise RuntimeError("still gone")


def _cannot_start(ctx):
    raise ConnectionError("no route to the tracker")


def test_a_failing_tracker_warns_once_and_never_stops_training(tmp_path, caplog) -> None:
    TRACKERS.add("test_fails", _Fails)
    TRACKERS.add("test_no_start", _cannot_start)
    try:
        cfg = load_config(
            None, [*BASE, "steps=3", f"logging.run_dir={tmp_path}", "logging.trackers=[test_fails, test_no_start]"]
        )
        with caplog.at_level(logging.WARNING, logger="rlvr.rl_core.trackers"):
            build_trainer(cfg).train()
    finally:
        TRACKERS.remove("test_fails")
        TRACKERS.remove("test_no_start")
    assert [r["step"] for r in read_metrics(tmp_path)] == [0, 1, 2, 3]
    msgs = [r.getMessage() for r in caplog.records if r.name == "rlvr.rl_core.trackers"]
    assert sum("test_fails failed to log" in m for m in msgs) == 1
    assert sum("test_no_start did not start (ConnectionError: no route to the tracker)" in m for m in msgs) == 1
    assert sum("test_fails failed to close" in m for m in msgs) == 1


def test_tracker_settings_are_checked_at_config_load() -> None:
    with pytest.raises(
        ConfigError,
        match=r"logging.trackers\[1\]: unknown tracker 'wandbb'; choices: tensorboard, wandb, trackio",
    ):
        load_config(None, ["logging.trackers=[wandb, wandbb]"])
    with pytest.raises(ConfigError, match="logging.tensorboard: is false while logging.trackers lists tensorboard"):
        load_config(None, ["logging.tensorboard=false", "logging.trackers=[tensorboard]"])
    with pytest.raises(
        ConfigError, match="logging.tracker_kwargs: has settings for 'wandb', which logging.trackers does not list"
    ):
        load_config(None, ["logging.tracker_kwargs={wandb: {entity: me}}"])
    with pytest.raises(ConfigError, match="logging.trackers: lists a tracker twice"):
        load_config(None, ["logging.trackers=[wandb, wandb]"])
    cfg = load_config(None, ["logging.trackers=[wandb]", "logging.tracker_kwargs={wandb: {tags: [dapo]}}"])
    assert cfg.logging.tracker_kwargs == {"wandb": {"tags": ["dapo"]}}


def test_tensorboard_tracker_gets_config_and_scalars(tmp_path) -> None:
    pytest.importorskip("tensorboard")
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    cfg = load_config(
        None, [*BASE, f"logging.run_dir={tmp_path}", "logging.trackers=[tensorboard]", "logging.tensorboard=true"]
    )
    build_trainer(cfg).train()
    acc = EventAccumulator(str(tmp_path / "tb"))
    acc.Reload()
    rows = read_metrics(tmp_path)
    assert [e.step for e in acc.Scalars("reward/mean")] == [r["step"] for r in rows if "reward/mean" in r]
    assert [e.value for e in acc.Scalars("reward/mean")] == pytest.approx(
        [r["reward/mean"] for r in rows if "reward/mean" in r]
    )
    assert "config" in acc.Tags()["tensors"] or "config/text_summary" in acc.Tags()["tensors"]
