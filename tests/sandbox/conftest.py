"""The cage for the adversarial suite: hostile tests run only inside a PID namespace of their own, under a
pids cgroup, a memory cgroup and an address-space limit, so that a sandbox regression cannot take down the
machine. ``run_caged(path)`` re-executes a test module inside the cage; the module recognises the cage by
being PID 1 of a fresh namespace with the ``RLVR_HOSTILE_CAGE`` flag set, and defines its hostile cases only
there."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CAGE_ENV = "RLVR_HOSTILE_CAGE"
CAGE_PIDS = 2048
CAGE_MEMORY = 4 << 30
CAGE_AS = 16 << 30


def _cgroup_dirs(name: str) -> list[Path]:
    """Create pids and memory cgroups (v1 or v2) for the cage; those that cannot be made are skipped."""
    made = []
    root = Path("/sys/fs/cgroup")
    v2 = (root / "cgroup.controllers").exists()
    plan = (
        [(root / name, {"pids.max": str(CAGE_PIDS), "memory.max": str(CAGE_MEMORY)})]
        if v2
        else [
            (root / "pids" / name, {"pids.max": str(CAGE_PIDS)}),
            (root / "memory" / name, {"memory.limit_in_bytes": str(CAGE_MEMORY)}),
        ]
    )
    for d, settings in plan:
        try:
            d.mkdir()
        except OSError:
            continue
        try:
            for k, v in settings.items():
                (d / k).write_text(v)
        except OSError:
            d.rmdir()
            continue
        made.append(d)
    return made


def _cleanup(dirs: list[Path]) -> None:
    for d in dirs:
        try:
            for pid in (d / "cgroup.procs").read_text().split():
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except ProcessLookupError:
                    pass
        except OSError:
            pass
    for d in dirs:
        for _ in range(50):
            try:
                d.rmdir()
                break
            except OSError:
                import time

                time.sleep(0.1)


@pytest.fixture
def run_caged() -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(path: str, *pytest_args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
        dirs = _cgroup_dirs(f"rlvr-hostile-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        if not any(d.parts[-2:-1] == ("pids",) or (d / "pids.max").exists() for d in dirs) and os.geteuid() == 0:
            pytest.skip("no pids cgroup could be created for the hostile-test cage")
        userns = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]

        def enter() -> None:
            for d in dirs:
                (d / "cgroup.procs").write_text(str(os.getpid()))
            resource.setrlimit(resource.RLIMIT_AS, (CAGE_AS, CAGE_AS))
            if os.geteuid() != 0:  # no cgroup: bound the user's processes instead
                resource.setrlimit(resource.RLIMIT_NPROC, (CAGE_PIDS, CAGE_PIDS))

        cmd = ["unshare", *userns, "--pid", "--fork", "--mount-proc", "--kill-child", "--"]
        cmd += [sys.executable, "-m", "pytest", path, "-q", "-n", "0", "-p", "no:cacheprovider", "--timeout", "120"]
        cmd += pytest_args
        env = {**os.environ, CAGE_ENV: "1", "OMP_NUM_THREADS": "1"}
        try:
            return subprocess.run(
                cmd, preexec_fn=enter, env=env, capture_output=True, text=True, timeout=timeout, cwd=os.getcwd()
            )
        except FileNotFoundError:
            pytest.skip("util-linux 'unshare' is required for the hostile-test cage")
        finally:
            _cleanup(dirs)

    return run


@pytest.fixture
def caged_suite(run_caged: Callable[..., subprocess.CompletedProcess[str]]) -> Callable[[str], None]:
    """``caged_suite(__file__)``: run a hostile module's cases in the cage (``RLVR_HOSTILE_ARGS`` passed to
    its pytest, e.g. ``-k fork``) and require that they all passed."""

    def check(path: str) -> None:
        import shlex

        r = run_caged(path, *shlex.split(os.environ.get("RLVR_HOSTILE_ARGS", "")))
        tail = r.stdout[-15000:] + r.stderr[-3000:]
        assert r.returncode == 0, tail
        assert " passed" in r.stdout and " failed" not in r.stdout, tail

    return check


class Judged:
    """The adversarial suites' judge: a ``CodeVerifier`` over a pool (two workers) with their limits (10 s,
    1 GiB). ``judged(code, reference, partial=False)`` -> (passed, score), never a sandbox error; a
    reference that is a string is assert-style tests."""

    def __init__(self, workers: int = 2) -> None:
        from rlvr.sandbox.base import Limits
        from rlvr.sandbox.pool import SandboxPool

        self.limits = Limits(
            wall_s=10.0, cpu_s=10.0, memory_mb=1024, disk_mb=8, inodes=512, nproc=16, output_bytes=1 << 16
        )
        self.sandbox = SandboxPool(workers=workers, limits=self.limits)

    def __call__(self, code: str, reference: object, partial: bool = False) -> tuple[bool, float]:
        from rlvr.verifiers.code import CodeVerifier

        ref = reference if isinstance(reference, dict) else {"tests": reference}
        v = CodeVerifier(sandbox=self.sandbox, timeout_s=self.limits.wall_s, partial=partial)
        res = v.verify(f"```python\n{code}\n```", ref)
        assert res.status != "sandbox_error", res
        return res.passed, res.score

    def both_modes(self, code: str, reference: object, right: bool) -> None:
        """Judge in both scoring modes: a right program passes with 1.0; a wrong one fails, scoring 0 when
        all-or-nothing."""
        for partial in (False, True):
            passed, score = self(code, reference, partial)
            if right:
                assert passed and score == 1.0, (partial, score)
            else:
                assert not passed and (score == 0.0 or partial), (partial, score)


@pytest.fixture(scope="module")
def judged() -> Iterator[Judged]:
    j = Judged()
    yield j
    j.sandbox.close()


@pytest.fixture
def judged_one() -> Iterator[Judged]:
    """:class:`Judged` over one worker, for this test alone: consecutive runs share its trusted process and its
    workdir's mount point."""
    j = Judged(workers=1)
    yield j
    j.sandbox.close()
