"""The trainer on Ray (``distributed.backend=ray``): the tiny config trains to the same metrics and weights as
on ``local`` (one learner rank: bit for bit; two ranks: the first step's samples and rewards exactly, its
loss within float32 summation order); SIGKILL of the controller, then ``rlvr train --resume``, reproduces the
uninterrupted run, and the killed controller's Ray processes do not outlive it.

Runs inside a private network namespace (conftest ``run_in_netns``); outside it, this module is one test.
"""

from __future__ import annotations

import os

import pytest

IN_NETNS = os.environ.get("RLVR_NETNS") == "1"

if not IN_NETNS:

    @pytest.mark.slow
    def test_trainer_on_ray_in_private_network(run_in_netns, netns_passed) -> None:  # type: ignore[no-untyped-def]
        netns_passed(run_in_netns(__file__))

else:
    import json
    import signal
    import subprocess
    import sys
    import tempfile
    import threading
    import time
    from pathlib import Path

    import torch
    from safetensors.torch import load_file

    from rlvr.cli import main as cli_main
    from rlvr.rl_core.config import load_config
    from rlvr.rl_core.trainer import build_trainer

    STEPS = 4
    TINY = [f"steps={STEPS}", "eval.before=false", "eval.after=true", "eval.limit=8", "checkpoint.every=1"]
    RAY = ["distributed.backend=ray", "distributed.timeouts.startup_s=300"]

    def metrics(run: Path) -> list[dict]:
        """Every metric but wall-clock timings, per line of metrics.jsonl."""
        rows = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
        return [{k: v for k, v in r.items() if not k.startswith("time/")} for r in rows]

    def weights(run: Path) -> dict[str, torch.Tensor]:
        return load_file(str(run / "final" / "model.safetensors"))

    def train(run: Path, *over: str) -> None:
        trainer = build_trainer(load_config("tiny", [*TINY, *over]), run)
        trainer.train()

    @pytest.fixture(scope="module")
    def local_run(tmp_path_factory):
        run = tmp_path_factory.mktemp("local")
        train(run)
        return run

    def test_tiny_config_trains_on_ray_as_on_local(ray_local, local_run, tmp_path) -> None:
        train(tmp_path, *RAY)
        got, want = metrics(tmp_path), metrics(local_run)
        assert len(want) == STEPS and "eval/pass@1" in want[-1]
        assert got == want
        w_ray, w_local = weights(tmp_path), weights(local_run)
        assert w_ray.keys() == w_local.keys()
        for name, t in w_local.items():
            assert torch.equal(w_ray[name], t), name

    def test_two_learner_ranks_compute_the_first_step_as_one_process(ray_local, local_run, tmp_path) -> None:
        train(tmp_path, *RAY, "distributed.learner.size=2", "steps=1", "checkpoint.every=0")
        got, want = metrics(tmp_path)[0], metrics(local_run)[0]
        got = {k: v for k, v in got.items() if not k.startswith("eval/")}  # its last step: evaluated
        update = ("loss/", "grad_norm", "entropy", "clip/", "ratio/", "mismatch/", "rollout/")
        assert got.keys() == want.keys()
        for k, v in want.items():
            if k.startswith(update):  # the update: the ranks' sums meet in another order (float32)
                assert got[k] == pytest.approx(v, rel=1e-5, abs=1e-7), k
            else:  # the rollout, rewards and advantages precede the update: exact
                assert got[k] == v, k

    def test_controller_sigkill_then_resume_reproduces_the_run(ray_local, local_run, ray_leftovers, tmp_path) -> None:
        """A controller with its own private Ray instance (not the module's) is killed after its second
        checkpoint; ``rlvr train --resume`` on Ray finishes the run with the uninterrupted run's metrics and
        weights, and no process of the killed instance outlives it."""
        run = tmp_path / "run"
        ray_tmp = Path(tempfile.mkdtemp(prefix="rlvr-ray-", dir=os.environ["RAY_TMPDIR"]))  # sockets: <= 107 bytes
        env = {**os.environ, "RAY_TMPDIR": str(ray_tmp)}
        args = ["train", "--config", "tiny", "--run-dir", str(run), *TINY, *RAY]
        victim = subprocess.Popen(
            [sys.executable, "-m", "rlvr", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 400
        while not (run / "checkpoints" / "step-00000002").exists():
            assert victim.poll() is None, victim.stderr.read()[-3000:]
            assert time.monotonic() < deadline, "no second checkpoint in time"
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=60)
        victim.stderr.close()
        assert len(metrics(run)) < STEPS
        # the resumed controller starts at once, while the killed instance's processes are awaited in a thread:
        # its raylet, GCS and actors die with the driver, but Ray's node agents may first try to report the
        # raylet's death to the dead GCS (a call with a fixed 60 s deadline). The resumed controller is the CLI's
        # entry point in this process, on the module's Ray instance (an interpreter, torch and Ray start-up
        # fewer; the kill is what the killed run's own instance is for)
        left: list[int] = []
        waiter = threading.Thread(target=lambda: left.extend(ray_leftovers(str(ray_tmp), wait_s=240)))
        waiter.start()
        try:
            assert cli_main([*args, "--resume"]) == 0
        finally:
            waiter.join()
        assert not left, f"processes of the killed controller's Ray instance still run: {left}"
        assert metrics(run) == metrics(local_run)
        w, w_local = weights(run), weights(local_run)
        assert all(torch.equal(w[n], t) for n, t in w_local.items())
