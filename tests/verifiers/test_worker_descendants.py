"""Nothing a verifier starts outlives its worker: ``setsid`` children and double-forked grandchildren are killed
after each call, when a timed-out worker is killed, when a worker dies, when the pool closes and when the
learner itself is SIGKILLed.

Outside the cage this module defines one test that re-runs it inside the cage (tests/sandbox/conftest.py
``run_caged``: a PID namespace of its own, pids + memory cgroups): there every process but PID 1 (pytest) is
one the test started, so "no survivor" is exact.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from rlvr.verifiers.base import Verifier, VerifyResult


class Escaper(Verifier):
    """Starts a ``setsid`` child and a double-forked grandchild that sleep for an hour, then (mode) returns,
    hangs or kills its own process."""

    def __init__(self, mode: str = "return") -> None:
        self.mode = mode

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        if os.fork() == 0:  # setsid child
            os.setsid()
            time.sleep(3600)
            os._exit(0)
        mid = os.fork()
        if mid == 0:  # double fork: the grandchild is orphaned at once
            os.setsid()
            if os.fork() == 0:
                time.sleep(3600)
                os._exit(0)
            os._exit(0)
        os.waitpid(mid, 0)
        if self.mode == "hang":
            time.sleep(3600)
        if self.mode == "exit":
            os._exit(3)
        return VerifyResult(score=1.0, passed=True)


IN_CAGE = os.environ.get("RLVR_HOSTILE_CAGE") == "1" and os.getpid() == 1

if not IN_CAGE:
    _spec = importlib.util.spec_from_file_location("_cage_conftest", Path(__file__).parents[1] / "sandbox/conftest.py")
    assert _spec is not None and _spec.loader is not None
    _cage = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_cage)
    run_caged = _cage.run_caged

    @pytest.mark.hostile
    def test_verifier_descendants_in_cage(run_caged) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
        r = run_caged(__file__, timeout=300)
        tail = r.stdout[-15000:] + r.stderr[-3000:]
        assert r.returncode == 0, tail
        assert " passed" in r.stdout and " failed" not in r.stdout, tail

else:
    from rlvr.verifiers.isolated import IsolatedVerifier

    pytestmark = pytest.mark.hostile

    def _live() -> set[int]:
        """Live (not zombie) processes of the cage but PID 1."""
        out = set()
        for name in os.listdir("/proc"):
            if name.isdigit() and name != "1":
                try:
                    stat = Path(f"/proc/{name}/stat").read_bytes()
                except OSError:
                    continue
                if stat[stat.rfind(b")") + 2 :].split()[0] != b"Z":
                    out.add(int(name))
        return out

    def _pool_pids(v: IsolatedVerifier) -> set[int]:
        """The keepers of ``v``'s workers and the workers they forked."""
        keepers = {w.proc.pid for w in v.pool._all}
        from rlvr.verifiers.proctree import descendants

        return keepers | {p for k in keepers for p in descendants(k)}

    def _settle(expected: set[int] | IsolatedVerifier, timeout_s: float = 10.0) -> dict[int, str]:
        """Processes beyond ``expected`` still alive after ``timeout_s``: pid -> state, parent and command. Given
        a verifier, the expected set is its pool's processes, read again each time (a replaced worker's keeper
        forks its new worker after the timeout that replaced it)."""
        deadline = time.monotonic() + timeout_s
        while True:
            extra = _live() - (_pool_pids(expected) if isinstance(expected, IsolatedVerifier) else expected)
            if not extra or time.monotonic() > deadline:
                return {pid: _describe(pid) for pid in extra}
            time.sleep(0.1)

    def _describe(pid: int) -> str:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return "gone"
        state, ppid = stat[stat.rfind(")") + 2 :].split()[:2]
        return f"state {state}, parent {ppid}: {cmd[:120]}"

    def test_escapees_killed_after_each_call() -> None:
        v = IsolatedVerifier(Escaper("return"), timeout_s=20, workers=2, memory_mb=0)
        try:
            res = v.verify_batch(["a", "b", "c"], [None] * 3)
            assert [r.status for r in res] == ["ok"] * 3
            assert _settle(v) == {}
        finally:
            v.close()
        assert _settle(set()) == {}

    def test_escapees_killed_with_a_timed_out_worker() -> None:
        v = IsolatedVerifier(Escaper("hang"), timeout_s=1.5, workers=1, memory_mb=0)
        try:
            res = v.verify_batch(["a", "b"], [None] * 2)
            assert [r.status for r in res] == ["timeout", "timeout"]
            assert _settle(v) == {}
        finally:
            v.close()
        assert _settle(set()) == {}

    def test_escapees_killed_when_the_worker_dies() -> None:
        v = IsolatedVerifier(Escaper("exit"), timeout_s=20, workers=1, memory_mb=0)
        try:
            res = v.verify_batch(["a"], [None])
            assert res[0].status == "error"
            assert _settle(v) == {}
        finally:
            v.close()
        assert _settle(set()) == {}

    def test_escapees_killed_when_the_learner_is_sigkilled(tmp_path: Path) -> None:
        script = tmp_path / "learner.py"
        script.write_text(
            textwrap.dedent(
                f"""
                import sys
                sys.path.insert(0, {str(Path(__file__).parent)!r})
                from test_worker_descendants import Escaper
                from rlvr.verifiers.isolated import IsolatedVerifier
                v = IsolatedVerifier(Escaper("hang"), timeout_s=3600, workers=2, memory_mb=0)
                print("ready", flush=True)
                v.verify_batch(["a", "b"], [None, None])
                """
            )
        )
        env = {**os.environ, "RLVR_HOSTILE_CAGE": "0"}
        learner = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
        assert learner.stdout is not None and learner.stdout.readline().strip() == "ready"
        time.sleep(2.0)  # both calls running, their escapees started
        learner.kill()
        learner.wait()
        assert _settle(set()) == {}

    def test_nothing_left_stopped_when_the_owner_dies_while_killing(tmp_path: Path) -> None:
        # The pool's owner freezes a worker's tree before it kills it; if the owner dies in between (a SIGTERM
        # during interpreter exit), nothing may stay behind stopped: the keeper, never frozen, cleans up.
        script = tmp_path / "owner.py"
        script.write_text(
            textwrap.dedent(
                f"""
                import os, signal, sys
                sys.path.insert(0, {str(Path(__file__).parent)!r})
                from test_worker_descendants import Escaper
                from rlvr.verifiers import proctree
                from rlvr.verifiers.isolated import IsolatedVerifier
                v = IsolatedVerifier(Escaper("hang"), timeout_s=3600, workers=1, memory_mb=0)
                import threading
                threading.Thread(target=v.verify_batch, args=(["a"], [None]), daemon=True).start()
                import time
                time.sleep(2.0)  # the call running, its escapees started
                real = proctree._signal
                def dying(pid, sig):
                    if sig == signal.SIGKILL:
                        os._exit(0)  # the owner dies after the freeze, before the first kill
                    real(pid, sig)
                proctree._signal = dying
                for w in list(v.pool._all):
                    w.kill()
                """
            )
        )
        env = {**os.environ, "RLVR_HOSTILE_CAGE": "0"}
        subprocess.run([sys.executable, str(script)], env=env, timeout=60, check=True)
        assert _settle(set(), timeout_s=15.0) == {}
