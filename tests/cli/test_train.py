"""``rlvr train`` as a user runs it: a real subprocess, killed with SIGKILL mid-way and resumed."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rlvr.cli import main
from rlvr.rl_core.config import describe, load_config

ROOT = Path(__file__).resolve().parents[2]
TOY = ROOT / "tests" / "rl_core"
ARGS = [
    "task.name=toy_task:make_task",
    "preset=dapo",
    "steps=12",
    "rollout.prompts_per_step=4",
    "rollout.group_size=4",
    "rollout.max_new_tokens=24",
    "optim.lr=3e-3",
    "optim.micro_batch_size=8",
    "model.kwargs={hidden_size: 128, num_layers: 2}",
    "checkpoint.every=3",
    "eval.limit=4",
    "eval.every=4",
    "logging.tensorboard=false",
    "logging.progress=false",
]


def _env():
    return {
        **os.environ,
        "PYTHONPATH": f"{TOY}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "OMP_NUM_THREADS": "1",
        "HF_HUB_OFFLINE": "1",
    }


def _train(run_dir, *extra, **kw):
    cmd = [sys.executable, "-m", "rlvr", "train", *ARGS, "--run-dir", str(run_dir), *extra]
    return subprocess.Popen(cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _metrics(run_dir):
    rows = [json.loads(x) for x in (run_dir / "metrics.jsonl").read_text().splitlines()]
    return [{k: v for k, v in r.items() if not k.startswith("time/")} for r in rows]


def _lines(run_dir):
    path = run_dir / "metrics.jsonl"
    return len(path.read_text().splitlines()) if path.exists() else 0


@pytest.mark.slow
def test_sigkill_then_resume_matches_an_uninterrupted_run(tmp_path):
    full = _train(tmp_path / "full")  # the uninterrupted run and the victim run side by side (one thread each)
    victim = _train(tmp_path / "killed")
    deadline = time.time() + 300
    while _lines(tmp_path / "killed") < 9 and time.time() < deadline:  # step 0 (eval) + 8 steps written
        assert victim.poll() is None, "the run finished before it could be killed; make it longer"
        time.sleep(0.01)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL
    written = _lines(tmp_path / "killed")
    assert 9 <= written < 13
    out, err = full.communicate(timeout=300)
    assert full.returncode == 0, err[-3000:]
    assert "report:" in out

    resumed = _train(tmp_path / "killed", "--resume")
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err[-3000:]
    assert "resumed from" in err
    assert _metrics(tmp_path / "killed") == _metrics(tmp_path / "full")


def test_bad_config_exits_2_naming_the_field(capsys):
    assert main(["train", "loss.eps_hi=0.3"]) == 2
    assert "loss.eps_hi" in capsys.readouterr().err


def test_print_config_resolves_preset_and_file(tmp_path, capsys):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("preset: dapo\nrollout:\n  group_size: 4\n")
    assert main(["train", "--config", str(cfg), "loss.policy.eps_low=0.1", "--print-config"]) == 0
    out = capsys.readouterr().out
    assert "eps_high: 0.28" in out and "eps_low: 0.1" in out and "group_size: 4" in out
    again = tmp_path / "printed.yaml"
    again.write_text(out)  # what --print-config prints loads back to the same config
    assert load_config(again) == load_config(cfg, ["loss.policy.eps_low=0.1"])


def test_list_knobs_prints_every_field_with_its_help(capsys):
    assert main(["train", "--list-knobs"]) == 0
    out = capsys.readouterr().out
    assert "loss.policy[gspo].eps_low = 0.0003\n    " in out and "credit[mc].k = 4\n    " in out
    assert out.count("\n    ") == len(describe())


def test_a_config_file_that_is_not_utf8_is_a_bad_config_exit_2(tmp_path, capsys):
    cfg = tmp_path / "c.yaml"
    cfg.write_bytes(b"\x00\xff\xfe")
    assert main(["train", "--config", str(cfg), "--print-config"]) == 2
    err = capsys.readouterr().err
    assert str(cfg) in err and "not UTF-8" in err and "Traceback" not in err


def test_overrides_may_come_between_and_after_flags(tmp_path, capsys):
    run_dir = tmp_path / "r"
    argv = [
        "train",
        "--config",
        "tiny",
        "steps=8",
        "--print-config",
        "seed=1",
        "--run-dir",
        str(run_dir),
        "optim.lr=0.5",
    ]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "steps: 8" in out and "seed: 1" in out and "lr: 0.5" in out


def test_subcommands_with_subcommands_of_their_own_still_parse(capsys):
    assert main(["tasks", "list"]) == 0


@pytest.mark.slow
def test_tiny_config_runs_on_the_arithmetic_task(tmp_path):
    pytest.importorskip("rlvr.tasks.arithmetic")
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "rlvr",
            "train",
            "--config",
            str(ROOT / "configs" / "tiny.yaml"),
            "--run-dir",
            str(tmp_path),
        ],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr[-3000:]
    assert (tmp_path / "report.html").is_file() and len(_metrics(tmp_path)) == 5
