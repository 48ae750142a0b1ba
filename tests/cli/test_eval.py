"""``rlvr eval``: the --samples contract (last stdout line one JSON object) and generation with a model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rlvr.cli import main
from rlvr.tasks.evaluate import pass_at_k

ENV = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}


def rlvr(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rlvr", *args], input=stdin, capture_output=True, text=True, env=ENV, timeout=600
    )


def records(counts: dict[str, tuple[int, int]]) -> str:
    """JSONL with, per task, n records of which c pass (interleaved across tasks, like real files)."""
    lines = []
    for tid, (n, c) in counts.items():
        lines += [json.dumps({"task_id": tid, "passed": i < c}) for i in range(n)]
    return "\n".join(lines[::-1]) + "\n"


def test_samples_contract_exact(tmp_path: Path) -> None:
    counts = {"t0": (10, 3), "t1": (10, 0), "t2": (10, 10), "t3": (10, 1)}
    f = tmp_path / "s.jsonl"
    f.write_text(records(counts))
    res = rlvr("eval", "--samples", str(f), "--k", "1,5,10")
    assert res.returncode == 0, res.stderr
    last = json.loads(res.stdout.strip().splitlines()[-1])
    assert set(last) == {"pass@1", "pass@5", "pass@10"}
    for k in (1, 5, 10):
        want = sum(pass_at_k(n, c, k) for n, c in counts.values()) / len(counts)
        assert last[f"pass@{k}"] == pytest.approx(want, abs=1e-12)


def test_k_above_sample_count_is_null_and_explained() -> None:
    res = rlvr("eval", "--samples", "-", "--k", "1,5", stdin=records({"a": (8, 2), "b": (3, 1)}))
    assert res.returncode == 0, res.stderr
    last = json.loads(res.stdout.strip().splitlines()[-1])
    assert last["pass@1"] == pytest.approx((2 / 8 + 1 / 3) / 2)
    assert last["pass@5"] is None
    assert "pass@5" in res.stderr and "fewer than 5 samples" in res.stderr


def test_malformed_record_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"task_id": "a", "passed": true}\n{"task_id": "a", "passed": "maybe"}\n')
    res = rlvr("eval", "--samples", str(f), "--k", "1")
    assert res.returncode == 2 and "bad.jsonl:2" in res.stderr and "passed" in res.stderr
    assert rlvr("eval", "--samples", str(f), "--k", "0").returncode == 2


def test_generate_then_rescore_with_the_tiny_model(tmp_path: Path) -> None:
    out = tmp_path / "run"
    res = rlvr(
        "eval",
        "--task",
        "arithmetic",
        "--model",
        "tiny",
        "--n",
        "4",
        "--k",
        "1,2,4",
        "--limit",
        "5",
        "--max-new-tokens",
        "3",
        "--out",
        str(out),
        "--device",
        "cpu",
    )
    assert res.returncode == 0, res.stderr[-3000:]
    last = json.loads(res.stdout.strip().splitlines()[-1])
    assert {"pass@1", "pass@2", "pass@4", "maj@4", "avg@4", "pass@1_se"} <= set(last)
    assert Path(last["report"]).exists() and "report: " in res.stdout
    samples = Path(last["samples"])
    lines = samples.read_text().splitlines()
    assert len(lines) == 20 and {"task_id", "passed", "completion", "extracted"} <= set(json.loads(lines[0]))
    again = rlvr("eval", "--samples", str(samples), "--k", "1,2,4")
    assert again.returncode == 0, again.stderr
    rescored = json.loads(again.stdout.strip().splitlines()[-1])
    for k in (1, 2, 4):
        assert rescored[f"pass@{k}"] == pytest.approx(last[f"pass@{k}"])


def rlvr_here(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """``rlvr ARGS`` through the CLI's ``main`` in this process (no interpreter and torch start-up):
    its exit status and standard error."""
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as e:  # argparse's own errors
        code = e.code
    return code, capsys.readouterr().err


def test_generation_argument_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert rlvr_here(capsys, "eval", "--task", "arithmetic", "--model", "tiny", "--n", "2", "--k", "4")[0] == 2
    assert rlvr_here(capsys, "eval", "--task", "arithmetic", "--model", "tiny", "--n", "2", "--greedy")[0] == 2
    code, err = rlvr_here(capsys, "eval", "--task", "nope", "--model", "tiny")
    assert code == 2 and "unknown task" in err
