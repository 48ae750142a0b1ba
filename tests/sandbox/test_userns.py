"""The pool inside a user namespace (``unshare --user --map-root-user``: root there maps one uid only, so it
cannot give runs uids of their own): it runs as an unprivileged user would and judges correctly; where runs
cannot start at all, the pool refuses at its start with the reason instead of failing every job."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rlvr.sandbox.pool import _maps_ids

USERNS = ["unshare", "--user", "--map-root-user", "--pid", "--fork", "--ipc", "--net", "--mount-proc"]

JUDGE = """
import json, sys
import rlvr.sandbox.pool as pool_mod
from rlvr.sandbox.base import JudgeSpec, Limits
if sys.argv[1] == "force-uids":  # root's mode where the namespace maps no uid for the runs
    pool_mod.can_give_uids = lambda: True
try:
    pool = pool_mod.SandboxPool(workers=1, limits=Limits(wall_s=10.0, cpu_s=10.0))
except pool_mod.SandboxUnavailable as e:
    print(json.dumps({"unavailable": str(e)}))
    raise SystemExit
out = {"privileged": pool._privileged}
for name, sol in (("right", "def f(x):\\n    return x + 1\\n"), ("wrong", "def f(x):\\n    return x\\n")):
    r = pool.judge(JudgeSpec(solution=sol, tests="assert f(1) == 2\\nassert f(2) == 3\\n"))
    out[name] = [r.status, r.all_passed, r.error]
    out[name + "_run"] = pool.run("print(input())", stdin="hi\\n").stdout
pool.close()
print(json.dumps(out))
"""


def _in_userns(mode: str) -> dict:
    if shutil.which("unshare") is None:
        pytest.skip("util-linux 'unshare' is required")
    probe = subprocess.run([*USERNS, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"this machine refuses user namespaces: {probe.stderr.strip()}")
    r = subprocess.run(
        [*USERNS, sys.executable, "-c", JUDGE, mode], capture_output=True, text=True, timeout=300, env=os.environ
    )
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_maps_ids(tmp_path: Path) -> None:
    f = tmp_path / "uid_map"
    for text, want in (
        ("         0          0 4294967295\n", True),  # the initial namespace
        ("         0       1000          1\n", False),  # unshare --map-root-user
        ("0 0 1\n20000 120000 40002\n", True),
        ("0 0 1\n20000 120000 40001\n", False),
        ("", False),
    ):
        f.write_text(text)
        assert _maps_ids(str(f), 20000, 60002) is want, text
    assert _maps_ids(str(tmp_path / "missing"), 20000, 60002) is False


@pytest.mark.slow
def test_pool_judges_in_a_user_namespace_mapping_root_only() -> None:
    got = _in_userns("plain")
    assert got["privileged"] is False, got  # one mapped uid: an unprivileged user's mode
    assert got["right"] == ["ok", True, None] and got["wrong"][:2] == ["ok", False], got
    assert got["right_run"] == "hi\n", got


@pytest.mark.slow
def test_pool_refuses_at_start_where_runs_cannot_start() -> None:
    got = _in_userns("force-uids")
    assert "sandbox runs fail in this environment" in got.get("unavailable", ""), got
    assert "20000-60001" in got["unavailable"], got
