"""The private network for Ray and torch.distributed tests.

A module that starts Ray or a process group defines, outside the network namespace, one test that re-runs
the module inside one (``run_in_netns``): ``unshare --net`` with only the loopback interface up, so Ray and
gloo bind 127.0.0.1 and no test can send a packet anywhere else. Inside, the module's real tests share one
Ray session (``ray_local``, module scope, shut down at the end) whose files live in a private temporary
folder (``RAY_TMPDIR``); after the run, the outer test fails if any process still names that folder (a raylet, a worker,
the GCS left behind), and kills those processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

NETNS_ENV = "RLVR_NETNS"


def in_netns() -> bool:
    return os.environ.get(NETNS_ENV) == "1"


def processes_naming(text: str) -> list[int]:
    """PIDs of live processes (other than this one; zombies waiting to be reaped do not count) whose command
    line or environment contains ``text`` (Ray's workers rename themselves, but inherit ``RAY_TMPDIR``)."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            if (d / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue
            seen = (d / "cmdline").read_bytes() + b"\0" + (d / "environ").read_bytes()
        except (OSError, IndexError):
            continue
        if text.encode() in seen:
            out.append(int(d.name))
    return out


def leftovers(text: str, wait_s: float = 10.0) -> list[int]:
    """:func:`processes_naming` after giving exiting processes up to ``wait_s`` to go."""
    deadline = time.monotonic() + wait_s
    while (left := processes_naming(text)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return left


@pytest.fixture
def run_in_netns() -> Callable[..., subprocess.CompletedProcess[str]]:
    pytest.importorskip("ray")

    def run(path: str, *pytest_args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
        tmp = tempfile.mkdtemp(prefix="rlvr-ray-", dir="/tmp")  # short: Ray's socket paths must fit 107 bytes
        userns = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
        cmd = ["unshare", *userns, "--net", "--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh"]
        cmd += [sys.executable, "-m", "pytest", path, "-q", "-n", "0", "-p", "no:cacheprovider", "--timeout", "600"]
        cmd += pytest_args
        env = {**os.environ, NETNS_ENV: "1", "OMP_NUM_THREADS": "1", "RAY_USAGE_STATS_ENABLED": "0"}
        env["RAY_TMPDIR"] = tmp  # every Ray file (sessions, the cluster address file) under a private folder
        try:
            r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=os.getcwd())
        except FileNotFoundError:
            pytest.skip("util-linux 'unshare' is required for the private-network tests")
        finally:
            left = leftovers(tmp)
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            subprocess.run(["rm", "-rf", tmp], check=False)
        if "unshare failed" in r.stderr or "Operation not permitted" in r.stderr[:500]:
            pytest.skip(f"no private network namespace here: {r.stderr[:200]}")
        assert not left, f"processes of the Ray session outlived the tests: {left}\n{r.stdout[-3000:]}"
        return r

    return run


def check_run(r: subprocess.CompletedProcess[str]) -> None:
    """Assert the inner pytest run passed (its output in the message otherwise)."""
    tail = r.stdout[-20000:] + r.stderr[-5000:]
    assert r.returncode == 0, tail
    assert " passed" in r.stdout and " failed" not in r.stdout and " error" not in r.stdout, tail


@pytest.fixture
def ray_leftovers() -> Callable[..., list[int]]:
    """:func:`leftovers`: the live processes of a Ray instance, found by its ``RAY_TMPDIR``."""
    return leftovers


@pytest.fixture
def netns_passed() -> Callable[[subprocess.CompletedProcess[str]], None]:
    return check_run


@pytest.fixture(scope="module")
def ray_local() -> Iterator[None]:
    """One private local Ray instance for the module (8 logical CPUs, oversubscribing the machine: every
    actor runs one thread), shut down at the end."""
    if not in_netns():
        pytest.fail("ray_local runs only inside the private network namespace (run_in_netns)")
    import ray

    from rlvr.rl_core.distributed.config import DistributedConfig
    from rlvr.rl_core.distributed.runtime import ray_session

    with ray_session(DistributedConfig(num_cpus=8), log_to_driver=False):
        yield
    assert not ray.is_initialized()
