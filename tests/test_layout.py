"""The checkout's shape: every ``rlvr.*`` module comes from this checkout, and the code passes ruff."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import rlvr

ROOT = Path(__file__).resolve().parents[1]
#: modules that need an optional engine to import at all
_OPTIONAL = ("rlvr.__main__",)


def _all_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(rlvr.__path__, "rlvr.") if m.name not in _OPTIONAL]


def test_every_module_comes_from_this_checkout() -> None:
    """A stale editable install of another checkout must not supply part of the package."""
    code = (
        "import importlib, json, os, sys\n"
        "out = {}\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        m = importlib.import_module(name)\n"
        "    except ImportError as e:\n"
        "        out[name] = 'import error: ' + str(e)\n"
        "        continue\n"
        "    out[name] = os.path.realpath(m.__file__)\n"
        "print(json.dumps(out))\n"
    )
    names = _all_modules()
    assert len(names) > 40, names
    # a fresh interpreter in another directory: what an installed user gets, not what this process cached
    proc = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True, cwd="/", check=True)
    files = json.loads(proc.stdout)
    wrong = {n: f for n, f in files.items() if not f.startswith(str(ROOT) + os.sep)}
    assert not wrong, f"modules outside {ROOT}: {wrong}"


def test_no_package_named_rlvr_at_the_root() -> None:
    assert not (ROOT / "rlvr").exists(), "the facade lives in src/rlvr"


def test_ruff_lint_and_format() -> None:
    """The style gate CI applies (configured in pyproject.toml)."""
    lint = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
