"""The built wheel is the product: installed outside the checkout, it verifies and trains with its shipped configs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment (seeing this interpreter's site-packages for torch & co.) with the wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    # build from a copy: setuptools writes build/ and *.egg-info next to the sources
    src = tmp / "src"
    shutil.copytree(
        ROOT, src, ignore=shutil.ignore_patterns(".git", "build", "runs", ".shadow", "*.egg-info", "__pycache__")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp / "dist"),
            str(src),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp / "dist").glob("rlvr-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    return venv


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def test_modules_come_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    code = "import rlvr.rl_core.trainer as t, rlvr.configs as c, os; print(os.path.realpath(t.__file__))"
    out = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().startswith(str(installed)), out.stdout


def test_verify_math_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    line = json.dumps({"completion": r"so the answer is \boxed{\frac{1}{2}}", "reference": "0.5"})
    out = subprocess.run(
        [str(installed / "bin" / "rlvr"), "verify", "math", "--input", "-"],
        input=line + "\n",
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["passed"] is True


def test_train_with_a_shipped_config_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    """``--config tiny`` names the config inside the wheel; nothing of the checkout is on the path."""
    out = subprocess.run(
        [
            str(installed / "bin" / "rlvr"),
            "train",
            "--config",
            "tiny",
            "steps=1",
            "eval.before=false",
            "logging.run_dir=run",
            "logging.progress=false",
        ],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    rows = [json.loads(x) for x in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()]
    assert [r["step"] for r in rows] == [1]
