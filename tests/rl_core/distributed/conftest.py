"""The private network for Ray and torch.distributed tests.

A module that starts Ray or a process group defines, outside the network namespace, one test that re-runs
the module inside one (``run_in_netns``): ``unshare --net`` with only the loopback interface up, so Ray and
gloo bind 127.0.0.1 and no test can send a packet anywhere else. The modules selected in a session run in
one such inner pytest (one interpreter and torch/Ray import for all; the first outer test pays for it) and
each outer test reports its own module's outcomes. Inside, each module's real tests share one Ray session
(``ray_local``, module scope, shut down at the end of the module: a module that kills actors never shares
its cluster with another module) whose files live in a private temporary folder (``RAY_TMPDIR``); after
the run, the outer tests fail if any process still names that folder (a raylet, a worker, the GCS left
behind), and those processes are killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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


@dataclass
class NetnsRun:
    """One inner pytest run inside the private network: its process, the outcome of every test it reported
    (JUnit XML: node id -> ``passed``/``failed``/``error``/``skipped``) and the Ray processes that outlived it."""

    proc: subprocess.CompletedProcess[str]
    outcomes: dict[str, str]
    left: list[int]


@dataclass
class NetnsModule:
    """One module's share of a :class:`NetnsRun`."""

    path: str
    outcomes: dict[str, str]
    run: NetnsRun


def junit_outcomes(xml: Path) -> dict[str, str]:
    """``classname::name`` -> outcome of each test case of a JUnit XML report (empty when there is none)."""
    import xml.etree.ElementTree as ET

    if not xml.exists():
        return {}
    out = {}
    for case in ET.parse(xml).getroot().iter("testcase"):
        kinds = {child.tag for child in case}
        outcome = next((k for k in ("error", "failure", "skipped") if k in kinds), "passed")
        out[f"{case.get('classname', '')}::{case.get('name', '')}"] = {"failure": "failed"}.get(outcome, outcome)
    return out


def run_netns(paths: list[str], *pytest_args: str, timeout: float) -> NetnsRun:
    """Run pytest on ``paths`` inside a private network namespace (skips where none can be made)."""
    tmp = tempfile.mkdtemp(prefix="rlvr-ray-", dir="/tmp")  # short: Ray's socket paths must fit 107 bytes
    xml = Path(tmp) / "junit.xml"
    userns = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    cmd = ["unshare", *userns, "--net", "--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh"]
    cmd += [sys.executable, "-m", "pytest", *paths, "-q", "-p", "no:cacheprovider", "--timeout", "600"]
    cmd += [f"--junitxml={xml}", "-o", "junit_family=xunit1", *pytest_args]
    env = {**os.environ, NETNS_ENV: "1", "OMP_NUM_THREADS": "1", "RAY_USAGE_STATS_ENABLED": "0"}
    env["RAY_TMPDIR"] = tmp  # every Ray file (sessions, the cluster address file) under a private folder
    try:
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=os.getcwd())
        outcomes = junit_outcomes(xml)
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
    return NetnsRun(r, outcomes, left)


def module_outcomes(outcomes: dict[str, str], module: str) -> dict[str, str]:
    """The outcomes of the dotted ``module``'s tests (JUnit names a module that failed to import by its
    package as class name and its own name as test name)."""
    package, _, name = module.rpartition(".")
    return {k: v for k, v in outcomes.items() if k.startswith(f"{module}::") or k == f"{package}::{name}"}


#: the pytest-timeout of an outer test: the first one runs every selected module
OUTER_TIMEOUT_S = 900


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    n = sum("run_in_netns" in getattr(item, "fixturenames", ()) for item in items)
    for item in items:
        if "run_in_netns" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.timeout(OUTER_TIMEOUT_S * n))


@pytest.fixture(scope="session")
def netns_session(request: pytest.FixtureRequest) -> Callable[[str], NetnsModule]:
    """The result of ``path``'s module from one inner run of every module whose outer test this session
    selected (started by the first outer test that asks; a run that failed to finish fails them all)."""
    root = request.config.rootpath
    selected = sorted({str(item.path) for item in request.session.items if "run_in_netns" in item.fixturenames})
    runs: dict[str, NetnsRun | BaseException] = {}

    def module(path: str) -> NetnsModule:
        path = str(Path(path).resolve())
        if "run" not in runs:
            paths = selected if path in selected else [path]
            try:
                runs["run"] = run_netns(paths, timeout=OUTER_TIMEOUT_S * len(paths))
            except (Exception, pytest.skip.Exception) as e:
                runs["run"] = e
        run = runs["run"]
        if isinstance(run, BaseException):
            raise run
        dotted = ".".join(Path(path).relative_to(root).with_suffix("").parts)
        return NetnsModule(path, module_outcomes(run.outcomes, dotted), run)

    return module


@pytest.fixture
def run_in_netns(netns_session: Callable[[str], NetnsModule]) -> Callable[[str], NetnsModule]:
    pytest.importorskip("ray")
    return netns_session


def check_run(m: NetnsModule) -> None:
    """Assert the module's inner tests passed (none failed or errored, at least one passed) and no Ray
    process outlived the inner run (the run's output in the message otherwise)."""
    r = m.run.proc
    tail = r.stdout[-20000:] + r.stderr[-5000:]
    assert r.returncode in (0, 1), f"the inner run did not complete (exit status {r.returncode})\n{tail}"
    assert m.outcomes, f"{m.path}: no outcome in the inner run\n{tail}"
    bad = {k: v for k, v in m.outcomes.items() if v in ("failed", "error")}
    assert not bad, f"{bad}\n{tail}"
    assert "passed" in m.outcomes.values(), f"{m.outcomes}\n{tail}"
    assert not m.run.left, f"processes of the Ray session outlived the tests: {m.run.left}\n{r.stdout[-3000:]}"


@pytest.fixture
def ray_leftovers() -> Callable[..., list[int]]:
    """:func:`leftovers`: the live processes of a Ray instance, found by its ``RAY_TMPDIR``."""
    return leftovers


@pytest.fixture
def netns_passed() -> Callable[[NetnsModule], None]:
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
