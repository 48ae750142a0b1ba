"""The docker backend: the container spec is unit-tested; live runs need a Docker engine (none here)."""

from __future__ import annotations

import pytest

from rlvr.sandbox.base import JudgeSpec, Limits, SandboxUnavailable
from rlvr.sandbox.docker import DockerSandbox, container_spec, worker_config
from rlvr.sandbox.worker import launcher


def test_container_spec_carries_every_limit() -> None:
    lim = Limits(memory_mb=300, disk_mb=20, inodes=999, nproc=10)
    spec = container_spec(lim, image="python:3.11-slim", source="print(1)")
    assert spec["network_mode"] == "none" and spec["read_only"] is True
    assert spec["mem_limit"] == spec["memswap_limit"] == f"{300 * 2 + 256}m"
    assert spec["pids_limit"] == 2 * 10 + 8
    assert spec["tmpfs"]["/tmp"].startswith("size=20m,nr_inodes=999,")
    assert spec["cap_drop"] == ["ALL"] and set(spec["cap_add"]) == {"SETUID", "SETGID", "KILL"}
    assert "no-new-privileges" in spec["security_opt"]
    assert spec["command"][:4] == ["python", "-I", "-B", "-c"] and spec["command"][4] == launcher("print(1)")
    assert set(spec["environment"]) == {
        "HOME",
        "TMPDIR",
        "LANG",
        "PATH",
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
    }


def test_worker_config_uses_container_tmpfs() -> None:
    cfg = worker_config()
    assert cfg["mount"] is False and cfg["isolated"] is True and cfg["uids"][1] == cfg["uids"][0] + 1


def _engine() -> DockerSandbox:
    try:
        return DockerSandbox(limits=Limits(wall_s=10))
    except SandboxUnavailable as e:
        pytest.skip(f"no Docker engine on this machine ({e})")


def test_docker_runs_and_judges() -> None:
    sb = _engine()
    r = sb.run("print(input())", stdin="hi\n")
    assert r.status == "ok" and r.stdout == "hi\n"
    assert sb.judge(JudgeSpec(solution="def f():\n    return 1", tests="assert f() == 1")).all_passed
    assert not sb.judge(JudgeSpec(solution="import sys\nsys.exit(0)", tests="assert f() == 1")).all_passed
