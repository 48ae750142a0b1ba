"""The workers' cgroups (as root, where a cgroup hierarchy is writable)."""

from __future__ import annotations

import os

import pytest

from rlvr.sandbox import cgroups


@pytest.fixture
def hierarchies() -> list[cgroups.Hierarchy]:
    if os.geteuid() != 0 or not cgroups.hierarchies():
        pytest.skip("needs root and a cgroup hierarchy")
    return cgroups.hierarchies()


def test_stale_groups_are_those_of_dead_pools_of_this_pid_namespace(hierarchies: list) -> None:
    """A pool removes the groups of pools that died without cleaning up, and only those: not its own, not a
    live pool's, not those made in another PID namespace (a pool in a test cage sees other pids there)."""
    mine = cgroups.owner_tag()
    assert mine is not None and mine.split("-")[1] == str(os.getpid())
    ns = mine.split("-")[0]
    live = cgroups.WorkerCgroups.create()
    assert live is not None
    dead, other_ns = f"{cgroups.PREFIX}{ns}-999999999-1-1", f"{cgroups.PREFIX}1-{os.getpid()}-1-1"
    reused = f"{cgroups.PREFIX}{ns}-{os.getpid()}-1-1"  # this pid, another start time: a pid reused
    try:
        for h in hierarchies:
            for name in (dead, other_ns, reused):
                (h.parent / name / "run").mkdir(parents=True)
        cgroups.remove_stale()
        for h in hierarchies:
            assert not (h.parent / dead).exists() and not (h.parent / reused).exists()
            assert (h.parent / other_ns).is_dir()
        assert all(os.path.isdir(d) for d in live.run_dirs)
    finally:
        for h in hierarchies:
            for name in (dead, other_ns, reused):
                for d in (h.parent / name / "run", h.parent / name):
                    if d.exists():
                        d.rmdir()
        live.remove()
    assert not any(os.path.exists(d) for d in live.run_dirs)


def test_the_run_group_gets_a_cpu_quota_and_the_worker_enters_its_own(hierarchies: list) -> None:
    w = cgroups.WorkerCgroups.create()
    assert w is not None
    try:
        spec = w.spec(["/inside/0", "/inside/1", "/inside/2", "/inside/3"][: len(w.run_dirs)])
        assert all(p.startswith("/inside/") for p in spec["procs"] + spec["memory"] + spec["pids"])
        if spec["cpus"] is not None:
            assert spec["cpus"] == cgroups.RUN_CPUS
        cmd = cgroups.enter_command(w.sys_procs, ["true"])
        assert cmd[:2] == ["/bin/sh", "-c"] and cmd[-2:] == ["--", "true"]
    finally:
        w.remove()
