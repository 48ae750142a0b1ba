"""``rlvr train`` under faults, as real processes: signals, two processes on one run directory, a NaN run, a
hanging user verifier plugged in by ``module:factory``, a changed config on resume, a verifier in ``__main__``."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rlvr.rl_core.rundir import RunDirLock

ROOT = Path(__file__).resolve().parents[2]
TOY = ROOT / "tests" / "rl_core"
ARGS = [
    "task.name=toy_task:make_task",
    "preset=dapo",
    "steps=10",
    "rollout.prompts_per_step=4",
    "rollout.group_size=4",
    "rollout.max_new_tokens=16",
    "optim.lr=3e-3",
    "optim.micro_batch_size=8",
    "model.kwargs={hidden_size: 64, num_layers: 2}",
    "checkpoint.every=0",  # only the signal's checkpoint can save the interrupted run
    "eval.limit=4",
    "eval.every=4",
    "logging.tensorboard=false",
    "logging.progress=false",
    "reward.workers=1",
]


def _env():
    return {
        **os.environ,
        "PYTHONPATH": f"{TOY}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "OMP_NUM_THREADS": "1",
        "HF_HUB_OFFLINE": "1",
    }


def _train(run_dir, *extra):
    flags = [x for x in extra if x.startswith("--")]
    overrides = [x for x in extra if not x.startswith("--")]
    cmd = [sys.executable, "-m", "rlvr", "train", *ARGS, *overrides, "--run-dir", str(run_dir), *flags]
    return subprocess.Popen(cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _metrics(run_dir):
    rows = [json.loads(x) for x in (run_dir / "metrics.jsonl").read_text().splitlines()]
    return [{k: v for k, v in r.items() if not k.startswith("time/")} for r in rows]


def _lines(run_dir):
    path = run_dir / "metrics.jsonl"
    return len(path.read_text().splitlines()) if path.exists() else 0


def _wait_lines(proc, run_dir, n, timeout=240):
    deadline = time.time() + timeout
    while _lines(run_dir) < n and time.time() < deadline:
        assert proc.poll() is None, proc.communicate()[1][-3000:]
        time.sleep(0.02)
    assert _lines(run_dir) >= n


def _checkpoints(run_dir):
    root = run_dir / "checkpoints"
    return sorted(p.name for p in root.iterdir() if p.name.startswith("step-")) if root.is_dir() else []


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    """The metrics of the uninterrupted run both signals' resumed runs must match (one run: it is
    deterministic), started at once and awaited on first use (it runs beside the first victim)."""
    run_dir = tmp_path_factory.mktemp("full")
    full = _train(run_dir)
    done = []

    def metrics():
        if not done:
            _, err = full.communicate(timeout=300)
            assert full.returncode == 0, err[-3000:]
            done.append(_metrics(run_dir))
        return done[0]

    yield metrics
    if full.poll() is None:
        full.kill()
        full.communicate()


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_checkpoints_and_exits_and_resume_matches_an_uninterrupted_run(tmp_path, uninterrupted, sig, code):
    victim = _train(tmp_path / "run")
    _wait_lines(victim, tmp_path / "run", 5)  # step 0 (eval) + 4 steps
    victim.send_signal(sig)
    _, err = victim.communicate(timeout=120)
    assert victim.returncode == code, err[-3000:]
    assert "continue with --resume" in err and "Traceback" not in err
    done = _metrics(tmp_path / "run")[-1]["step"]
    assert 4 <= done < 10 and _checkpoints(tmp_path / "run") == [f"step-{done:08d}"]

    resumed = _train(tmp_path / "run", "--resume")
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err[-3000:]
    assert _metrics(tmp_path / "run") == uninterrupted()


def test_a_second_process_on_a_run_directory_fails_at_once_and_a_dead_holder_does_not_block(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from rlvr.rl_core.rundir import RunDirLock; lock = RunDirLock({str(tmp_path)!r}).acquire(); "
            "print('locked', flush=True); import time; time.sleep(600)",
        ],
        env=_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        t0 = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "rlvr", "train", *ARGS, "--run-dir", str(tmp_path), "--resume"],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 2
        assert f"in use by another training process (pid {holder.pid}" in second.stderr
        assert time.monotonic() - t0 < 60 and not (tmp_path / "metrics.jsonl").exists()
    finally:
        holder.kill()  # SIGKILL: the kernel drops its lock
        holder.wait()
    with RunDirLock(tmp_path):
        pass


@pytest.mark.slow
def test_two_training_processes_never_share_a_run_directory(tmp_path):
    first = _train(tmp_path, "steps=500")
    _wait_lines(first, tmp_path, 2)
    second = _train(tmp_path, "steps=500", "--resume")
    _, err = second.communicate(timeout=120)
    assert second.returncode == 2 and "in use by another training process" in err
    assert first.poll() is None, "the first run ended before the second tried: make it longer"
    first.send_signal(signal.SIGTERM)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 143, err[-3000:]
    rows = _metrics(tmp_path)
    assert [r["step"] for r in rows] == list(range(len(rows)))  # the first run's lines only, in order


@pytest.mark.slow
def test_a_float16_run_stops_with_a_clear_error_and_writes_no_nan_weights(tmp_path):
    p = _train(tmp_path, "model.dtype=float16", "sampling.dynamic=false", "checkpoint.every=1")
    _, err = p.communicate(timeout=300)
    assert p.returncode == 1, err[-3000:]
    assert "3 consecutive steps had non-finite updates" in err and "Traceback" not in err
    assert not _checkpoints(tmp_path) and not (tmp_path / "final").exists()
    assert [r.get("nonfinite") for r in _metrics(tmp_path)[1:]] == ["parameters"] * 3


@pytest.mark.slow
def test_a_hanging_user_verifier_plugged_by_module_factory_costs_timeouts_not_the_run(tmp_path):
    p = _train(
        tmp_path,
        "steps=2",
        "eval.before=false",
        "eval.after=false",
        "rollout.prompts_per_step=1",  # 4 samples a step, some of even length: each of those costs the 1 s limit
        "sampling.dynamic=false",  # one round a step: no redrawn groups to wait on
        "reward.verifier=fault_verifiers:make",
        "reward.verifier_kwargs={kind: test_hangs_on_even}",
        "reward.timeout_s=1",
    )
    _, err = p.communicate(timeout=240)
    assert p.returncode == 0, err[-3000:]
    assert "exceeded the time limit of 1 s" in err
    assert all(r["verify/errors"] > 0 for r in _metrics(tmp_path))


@pytest.mark.slow
def test_resume_with_a_changed_seed_exits_2_naming_the_field(tmp_path):
    p = _train(tmp_path, "steps=2", "checkpoint.every=1", "eval.before=false", "eval.after=false")
    assert p.wait(timeout=240) == 0
    before = (tmp_path / "config.yaml").read_text()
    p = _train(tmp_path, "steps=3", "seed=5", "--resume")
    _, err = p.communicate(timeout=240)
    assert p.returncode == 2 and "seed: saved 0, new 5" in err
    assert (tmp_path / "config.yaml").read_text() == before


@pytest.mark.slow
def test_a_verifier_defined_in_a_users_main_script_runs_in_the_workers(tmp_path):
    script = tmp_path / "train_mine.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os
            from rlvr.rl_core.config import load_config
            from rlvr.rl_core.trainer import run
            from rlvr.verifiers.base import Verifier, VerifyResult, register_verifier

            @register_verifier("mine_in_main")
            class Mine(Verifier):
                def verify(self, completion, reference, **context):
                    return VerifyResult(score=float(completion[:1].isdigit()), passed=False,
                                        details={{"pid": float(os.getpid())}})

            if __name__ == "__main__":
                cfg = load_config(None, {ARGS!r} + ["steps=1", "eval.before=false", "eval.after=false",
                                  "reward.verifier=mine_in_main", "logging.run_dir={tmp_path / "run"}"])
                run(cfg)
                print(os.getpid())
            """
        )
    )
    p = subprocess.run([sys.executable, str(script)], env=_env(), capture_output=True, text=True, timeout=240)
    assert p.returncode == 0, p.stderr[-3000:]
    row = _metrics(tmp_path / "run")[0]
    assert "reward/pid/mean" in row and row["reward/pid/mean"] != int(p.stdout.split()[-1])  # scored in a worker


def test_workers_die_with_their_parent_even_mid_hang(tmp_path):
    code = textwrap.dedent(
        """
        import sys, threading
        sys.path.insert(0, sys.argv[1])
        import fault_verifiers
        from rlvr.verifiers.base import get_verifier
        from rlvr.verifiers.isolated import IsolatedVerifier
        v = IsolatedVerifier(get_verifier("test_hangs_on_even"), timeout_s=600, workers=1)
        print(*[w.proc.pid for w in v.pool._idle], flush=True)
        v.verify_batch(["ab"], [None])  # hangs in the worker
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", code, str(TOY)], env=_env(), stdout=subprocess.PIPE, text=True)
    worker = int(parent.stdout.readline())
    time.sleep(1.0)
    parent.kill()
    parent.wait()
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        try:  # reap it if it became our zombie (it did not: it was the parent's child)
            os.waitpid(worker, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.1)
    with open(f"/proc/{worker}/stat") as f:
        assert f.read().split()[2] == "Z", "the worker outlived its parent"
