"""Asynchronous training on Ray (``async.max_staleness``): k = 0 is the synchronous run bit for bit; with
k = 1 every sample the learner uses carries its policy version and is at most one version old (dynamic
sampling on); SIGKILL of an asynchronous run with a round in flight, then ``--resume``: every step consumes
exactly the prompts of the uninterrupted run (none skipped, none used twice).

Runs inside a private network namespace (conftest ``run_in_netns``); outside it, this module is one test.
"""

from __future__ import annotations

import os

import pytest

IN_NETNS = os.environ.get("RLVR_NETNS") == "1"

if not IN_NETNS:

    @pytest.mark.slow
    def test_async_trainer_on_ray_in_private_network(run_in_netns, netns_passed) -> None:  # type: ignore[no-untyped-def]
        netns_passed(run_in_netns(__file__))

else:
    import json
    import runpy
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    import ray
    import torch
    from safetensors.torch import load_file

    from rlvr.rl_core.builders import build_prompts, load_policy, load_task
    from rlvr.rl_core.config import load_config
    from rlvr.rl_core.trainer import build_trainer

    STEPS = 4
    TINY = [f"steps={STEPS}", "eval.before=false", "eval.after=false", "checkpoint.every=1"]
    RAY = ["distributed.backend=ray", "distributed.timeouts.startup_s=300"]
    #: the recording driver: trains, writing one line per collected step (the prompts it consumed, the
    #: versions of the completions it trains on, the learner version) to LOG
    DRIVER = """
import json, sys
from rlvr.rl_core.config import load_config
from rlvr.rl_core.trainer import build_trainer
run, log, resume, *over = sys.argv[1:]
trainer = build_trainer(load_config("tiny", over), run)
collect = trainer.collect
def recording(step):
    r = collect(step)
    line = {"step": step, "seen": [g.example.id for g in r.seen], "version": trainer.stages.version,
            "versions": [g.versions for g in r.kept]}
    with open(log, "a") as f:
        f.write(json.dumps(line) + "\\n")
    return r
trainer.collect = recording
if resume == "1":
    trainer.resume()
trainer.train()
"""

    def metrics(run: Path) -> list[dict]:
        rows = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
        return [{k: v for k, v in r.items() if not k.startswith("time/")} for r in rows]

    def records(log: Path) -> dict[int, dict]:
        """The last record of each step (a killed run may have collected a step it never finished)."""
        return {r["step"]: r for r in map(json.loads, log.read_text().splitlines())}

    def driver(run: Path, log: Path, resume: bool, *over: str) -> list[str]:
        """The driver's command line (its file written next to the log)."""
        path = log.with_suffix(".py")
        path.write_text(DRIVER)
        return [sys.executable, str(path), str(run), str(log), "1" if resume else "0", *TINY, *RAY, *over]

    def drive_here(cmd: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
        """The driver in this process (on the module's Ray instance): no interpreter and torch start-up."""
        monkeypatch.setattr(sys, "argv", cmd[1:])
        runpy.run_path(cmd[1], run_name="__main__")

    def test_k0_is_the_synchronous_run_bit_for_bit(ray_local, tmp_path) -> None:
        local, ray0 = tmp_path / "local", tmp_path / "ray0"
        over = ["steps=2", "checkpoint.every=0"]
        build_trainer(load_config("tiny", [*TINY, *over]), local).train()
        build_trainer(load_config("tiny", [*TINY, *over, *RAY, "async.max_staleness=0"]), ray0).train()
        assert metrics(ray0) == metrics(local) and not any(k.startswith("async/") for k in metrics(ray0)[0])
        w0, w1 = (
            load_file(str(ray0 / "final" / "model.safetensors")),
            load_file(str(local / "final" / "model.safetensors")),
        )
        assert all(torch.equal(w0[n], t) for n, t in w1.items())

    def test_k1_uses_only_samples_within_the_bound_each_carrying_its_version(ray_local, tmp_path, monkeypatch) -> None:
        run, log = tmp_path / "run", tmp_path / "log.jsonl"
        drive_here(driver(run, log, False, "async.max_staleness=1"), monkeypatch)
        recs, rows = records(log), metrics(run)
        assert sorted(recs) == list(range(1, STEPS + 1))
        for step, rec in recs.items():
            versions = [v for g in rec["versions"] for v in g]
            assert versions, step  # the tiny config's dynamic sampling kept groups
            assert all(0 <= rec["version"] - v <= 1 for v in versions), rec
        m = rows[-1]
        assert m["async/staleness_max"] == 1 and m["async/dropped"] == 0
        assert "rollout/logprob_gap/staleness_1" in m and m["rollout/logprob_gap/staleness_1"] >= 0

    def test_sigkill_with_a_round_in_flight_then_resume_consumes_every_prompt_once(
        ray_local, tmp_path, monkeypatch
    ) -> None:
        """Without dynamic sampling every step consumes the next B prompts of the seeded sampler: the killed
        and resumed run must consume exactly those, step by step."""
        # the module's instance by its GCS address: "auto" takes any GCS process on the host (ps), which may be
        # another private instance (another namespace's, unreachable from here)
        over = [
            "async.max_staleness=1",
            "sampling.dynamic=false",
            f"distributed.address={ray.get_runtime_context().gcs_address}",
        ]
        cfg = load_config("tiny", [*TINY, *RAY, *over])
        examples, sampler = build_prompts(cfg, load_task(cfg), load_policy(cfg)[1])
        b = cfg.rollout.prompts_per_step
        want = {s: [examples[i].id for i in sampler.next(b)] for s in range(1, STEPS + 1)}
        run, log = tmp_path / "run", tmp_path / "killed.jsonl"
        victim = subprocess.Popen(
            driver(run, log, False, *over), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 400
        while not (
            log.exists() and '"step": 3,' in log.read_text()
        ):  # step 3 collected: step 4's round drawn ahead, in flight
            assert victim.poll() is None, victim.stderr.read()[-3000:]
            assert time.monotonic() < deadline, "step 3 not collected in time"
            time.sleep(0.02)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=60)
        victim.stderr.close()
        killed = records(log)
        assert 3 in killed  # step 3's round was drawn ahead (and collected) before the kill
        assert len(metrics(run)) < STEPS
        saved = max(int(p.name[5:]) for p in (run / "checkpoints").glob("step-*"))  # the resume starts after it
        drive_here(driver(run, tmp_path / "resumed.jsonl", True, *over), monkeypatch)
        got = {s: rec["seen"] for s, rec in killed.items() if s <= saved}
        got.update({s: rec["seen"] for s, rec in records(tmp_path / "resumed.jsonl").items()})
        assert got == want
        assert len(metrics(run)) == STEPS
