"""``rlvr tasks list`` / ``rlvr tasks show``."""

from __future__ import annotations

import json
import os
import subprocess
import sys

ENV = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}


def rlvr(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rlvr", *args], capture_output=True, text=True, env=ENV, timeout=300)


def test_list_names_every_builtin() -> None:
    res = rlvr("tasks", "list")
    assert res.returncode == 0, res.stderr
    names = [line.split()[0] for line in res.stdout.splitlines()]
    assert {"arithmetic", "gsm8k", "asdiv", "humaneval", "codegen", "file"} <= set(names)


def test_show_prints_examples_as_json() -> None:
    res = rlvr("tasks", "show", "arithmetic", "--task-arg", "level=2", "--limit", "2")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 2 and all(len(r["meta"]["steps"]) == 2 for r in rows)
    bad = rlvr("tasks", "show", "arithmetic", "--task-arg", "level=7")
    assert bad.returncode == 2 and "level" in bad.stderr
