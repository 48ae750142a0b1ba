"""Training that survives faults (in-process half; signals and locks across processes: tests/cli/test_train_faults.py).

User verifiers come from ``fault_verifiers`` (``@register_verifier`` classes) and are plugged by name through
``reward.verifier``, as a user's config does.
"""

import logging
import math
import sys
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import torch
import yaml

from rlvr.rl_core import checkpoint as ckpt
from rlvr.rl_core.config import ConfigError, load_config
from rlvr.rl_core.credit import CREDIT
from rlvr.rl_core.credit.base import broadcast
from rlvr.rl_core.metrics import read_metrics
from rlvr.rl_core.nonfinite import NonFiniteError
from rlvr.rl_core.rundir import RunDirError, RunDirLocked
from rlvr.rl_core.trainer import build_trainer
from rlvr.rl_core.verification import (
    VerifierFailureError,
    VerifierHealth,
    check_result,
    guard_verifier,
    verify,
)
from rlvr.verifiers.base import VerifyResult, get_verifier
from rlvr.verifiers.isolated import IsolatedVerifier

sys.path.insert(0, str(Path(__file__).parent))
import fault_verifiers  # noqa: E402,F401  (registers the test_* verifiers)
from toy_task import ToyTask  # noqa: E402

BASE = [
    "task.name=toy_task:make_task",
    "preset=dapo",
    "steps=3",
    "rollout.prompts_per_step=2",
    "rollout.group_size=4",
    "rollout.max_new_tokens=6",
    "optim.lr=1e-3",
    "optim.micro_batch_size=8",
    "eval.before=false",
    "eval.after=false",
    "logging.progress=false",
    "logging.tensorboard=false",
    "reward.workers=2",
]


def _cfg(run_dir, *extra):
    return load_config(None, [*BASE, f"logging.run_dir={run_dir}", *extra])


def _trainer(run_dir, *extra):
    return build_trainer(_cfg(run_dir, *extra))


def _strip(rows):
    return [{k: v for k, v in r.items() if not k.startswith("time/")} for r in rows]


# ---------------------------------------------------------------------------------------- 1. time limits


def test_a_hanging_user_verifier_costs_its_samples_a_timeout_not_the_run(tmp_path, caplog):
    t = _trainer(
        tmp_path,
        "reward.verifier=test_hangs_on_even",
        "reward.timeout_s=1",
        "steps=2",
        "checkpoint.every=1",
        "rollout.prompts_per_step=1",  # 4 samples a step, some of even length: each of those costs the 1 s limit
        "sampling.dynamic=false",  # one round a step: no redrawn groups to wait on
    )
    assert isinstance(t.verifier, IsolatedVerifier)
    t0 = time.monotonic()
    with caplog.at_level(logging.WARNING):
        t.train()
    assert time.monotonic() - t0 < 60  # today: the first hanging sample sleeps for an hour
    rows = read_metrics(tmp_path)
    assert [r["step"] for r in rows] == [1, 2]
    assert all(r["verify/errors"] > 0 for r in rows)  # written on skipped steps too
    assert any(
        "exceeded the time limit of 1 s" in r.message and "test_hangs_on_even" in r.message for r in caplog.records
    )
    res = verify(t.verifier, ["ab", "abc", "12345"], [None] * 3)  # even length hangs
    assert [r.status for r in res] == ["timeout", "ok", "ok"] and res[0].score == 0.0
    assert "exceeded 1 s" in res[0].error


def test_user_verifiers_run_in_worker_processes_builtins_inline(tmp_path):
    import os

    t = _trainer(tmp_path, "reward.verifier=test_pid")
    res = verify(t.verifier, ["12ab"] * 4, [None] * 4)
    pids = {r.details["pid"] for r in res}
    assert os.getpid() not in pids and res[0].score == 0.5
    cfg = _cfg(tmp_path).reward
    assert guard_verifier(get_verifier("math"), cfg).__class__.__name__ == "MathVerifier"  # bounds itself
    combo = get_verifier("combine", components=["math", "format"])
    assert guard_verifier(combo, cfg) is combo
    t.close()


def test_an_unpicklable_verifier_is_a_clear_error_or_runs_inline_when_asked(tmp_path):
    with pytest.raises(ConfigError, match=r"reward\.isolation: .*test_unpicklable.*cannot be sent"):
        _trainer(tmp_path / "a", "reward.verifier=test_unpicklable")
    t = _trainer(tmp_path / "b", "reward.verifier=test_unpicklable", "reward.isolation=inline", "steps=1")
    t.train()
    assert len(read_metrics(tmp_path / "b")) == 1


def test_a_verifier_class_local_to_a_function_travels_by_value():
    class Local(fault_verifiers.Slow):
        def verify(self, completion, reference, **context):
            return super().verify(completion[2:], reference)

    v = guard_verifier(Local(sleep_s=0.0), _cfg("unused").reward)
    assert isinstance(v, IsolatedVerifier)
    assert [r.score for r in verify(v, ["ab12", "12ab"], [None, None])] == [0.5, 0.0]
    v.close()


def test_max_minutes_bounds_a_step_stuck_in_verification(tmp_path):
    # inline: no per-call limit, only the run's deadline can stop it (2 s per completion, 8 per round)
    t = _trainer(
        tmp_path,
        "reward.verifier=test_slow",
        "reward.isolation=inline",
        "max_minutes=0.03",
        "steps=5",
        "eval.after=true",
        "eval.limit=2",
    )
    t0 = time.monotonic()
    t.train()
    took = time.monotonic() - t0
    assert took < 1.8 + 15  # today: the step runs to its end (16 s of verification), then stops
    rows = read_metrics(tmp_path)
    assert [r["step"] for r in rows] == [0] and "eval/pass@1" in rows[0]  # the after-training evaluation ran
    assert t.step == 0 and t.sampler.pos == 0 and not ckpt.list_checkpoints(tmp_path)


# ------------------------------------------------------------------------------------ 2. scores, non-finite


@pytest.mark.parametrize("value", [1.5, -0.25, float("nan")])
def test_scores_outside_the_unit_interval_are_an_error_naming_the_verifier(value, caplog):
    v = guard_verifier(get_verifier("test_out_of_range", value=value), _cfg("unused").reward)
    with caplog.at_level(logging.WARNING):
        res = verify(v, ["a", "b"], [None, None])
    assert [(r.status, r.score) for r in res] == [("error", 0.0)] * 2
    assert "test_out_of_range" in res[0].error and "test_out_of_range" in caplog.text
    clipped = verify(v, ["a"], [None], clip_scores=True)[0]
    if math.isnan(value):
        assert clipped.status == "error"  # NaN has no place in [0, 1]
    else:
        assert (clipped.status, clipped.score) == ("ok", min(1.0, max(0.0, value)))
    v.close()


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (torch.tensor(0.75), 0.75),
        (torch.tensor([0.25], dtype=torch.float64), 0.25),
        (np.float32(0.5), 0.5),
        (np.array(1), 1.0),
        (Fraction(1, 4), 0.25),
        (Decimal("0.5"), 0.5),
        (torch.tensor([0.5, 0.5]), None),
        (torch.tensor(True), None),
        (np.array([1.0, 0.0]), None),
        (0.5 + 0j, None),
        ("0.5", None),
    ],
)
def test_real_number_scores_are_floats_others_an_error_at_once(score, expected):
    res, problem = check_result(VerifyResult(score=0.5, passed=False), "v")
    res.score = score  # set after construction, as a verifier may
    checked, problem = check_result(res, "v")
    if expected is None:
        assert checked.status == "error" and "not a number" in problem
    else:
        assert problem is None and type(checked.score) is float and checked.score == expected


@pytest.mark.parametrize("kind", ["torch", "numpy", "fraction"])
def test_a_tensor_score_from_a_worker_process_is_a_score_not_a_timeout(kind):
    v = guard_verifier(get_verifier("test_tensor_score", kind=kind), _cfg("unused").reward)
    assert isinstance(v, IsolatedVerifier)
    try:
        t0 = time.monotonic()
        out = verify(v, ["12ab", "1234", "xxxx"], [None] * 3)
        assert time.monotonic() - t0 < v.timeout_s
    finally:
        v.close()
    assert [(r.status, r.score) for r in out] == [("ok", 0.5), ("ok", 1.0), ("ok", 0.0)]


def test_out_of_range_scores_never_reach_the_rewards(tmp_path):
    t = _trainer(tmp_path, "reward.verifier=test_out_of_range", "steps=1", "sampling.dynamic=false")
    t.train()
    row = read_metrics(tmp_path)[0]
    assert row["verify/errors"] == 8 and row["reward/score_mean"] == 0.0
    t = _trainer(
        tmp_path / "clip",
        "reward.verifier=test_out_of_range",
        "steps=1",
        "sampling.dynamic=false",
        "reward.clip_scores=true",
    )
    t.train()
    row = read_metrics(tmp_path / "clip")[0]
    assert row["verify/errors"] == 0 and row["reward/score_mean"] == 1.0


def _nan_from_step(first_bad):
    seen = {"calls": 0}

    def credit(inputs, cfg):
        seen["calls"] += 1
        adv = broadcast(inputs.advantages, inputs.rollout.completion_mask)
        return adv * float("nan") if seen["calls"] >= first_bad else adv

    return credit


def test_non_finite_loss_skips_the_step_then_stops_the_run_with_the_last_checkpoint_intact(tmp_path, caplog):
    CREDIT.register("test_nan_from_3")(_nan_from_step(3))
    try:
        t = _trainer(
            tmp_path,
            "credit.method=test_nan_from_3",
            "steps=6",
            "checkpoint.every=1",
            "sampling.dynamic=false",
            "faults.max_nonfinite_steps=2",
        )
        with caplog.at_level(logging.WARNING), pytest.raises(NonFiniteError, match="2 consecutive steps") as err:
            t.train()
        assert str(err.value).endswith("--resume continues from the last checkpoint, step-00000002")
    finally:
        CREDIT._items.pop("test_nan_from_3")
    rows = read_metrics(tmp_path)
    assert [r["step"] for r in rows] == [1, 2, 3, 4]
    assert [r.get("nonfinite") for r in rows] == [None, None, "loss", "loss"]
    assert rows[2]["skipped"] == rows[3]["skipped"] == 1.0 and rows[3]["nonfinite/total"] == 2.0
    assert "step 3 skipped: non-finite loss" in caplog.text
    assert [p.name for p in ckpt.list_checkpoints(tmp_path)] == ["step-00000001", "step-00000002"]
    weights, state = ckpt.load_checkpoint(ckpt.latest_checkpoint(tmp_path))
    params = dict(t.model.named_parameters())
    for name, w in weights.items():  # the skipped steps applied nothing
        assert torch.equal(params[name].detach(), w), name
    assert t.scheduler.last_epoch == 2 and not (tmp_path / "final").exists()


def test_float16_weights_at_the_tiny_lr_never_reach_a_checkpoint(tmp_path):
    """The issue's repro: AdamW in float16 makes parameters NaN after the first update."""
    t = _trainer(tmp_path, "model.dtype=float16", "steps=4", "checkpoint.every=1", "sampling.dynamic=false")
    before = {n: p.detach().clone() for n, p in t.model.named_parameters()}
    with pytest.raises(NonFiniteError, match="3 consecutive") as err:
        t.train()
    assert "intact" not in str(err.value)  # nothing was ever written: the message says so
    assert str(err.value).endswith("no checkpoint was written (checkpoint.every=1): --resume starts fresh")
    rows = read_metrics(tmp_path)
    assert [r.get("nonfinite") for r in rows] == ["parameters"] * 3
    assert all(torch.equal(before[n], p) for n, p in t.model.named_parameters())  # undone, bit for bit
    assert not ckpt.list_checkpoints(tmp_path) and not (tmp_path / "final").exists()


def test_non_finite_weights_are_never_checkpointed_or_exported(tmp_path):
    t = _trainer(tmp_path, "steps=1")
    with torch.no_grad():
        next(t.model.parameters()).view(-1)[0] = float("inf")
    with pytest.raises(NonFiniteError, match="refusing to write"):
        t.save()
    with pytest.raises(NonFiniteError):
        t.export(tmp_path / "final")
    assert not ckpt.list_checkpoints(tmp_path) and not (tmp_path / "final").exists()
    t.close()


def test_without_an_undo_copy_a_non_finite_update_stops_at_once(tmp_path):
    t = _trainer(tmp_path, "model.dtype=float16", "steps=4", "faults.rollback_max_mb=0", "sampling.dynamic=false")
    with pytest.raises(NonFiniteError, match="cannot be undone"):
        t.train()
    assert [r["step"] for r in read_metrics(tmp_path)] == [1]


# -------------------------------------------------------------------------------- 4. config on resume


def test_resume_rejects_changed_fields_naming_both_values_and_keeps_config_yaml(tmp_path):
    _trainer(tmp_path, "checkpoint.every=1", "steps=2").train()
    saved = (tmp_path / "config.yaml").read_text()
    for bad, msg in (
        ("seed=3", r"seed: saved 0, new 3"),
        ("model.dtype=bfloat16", r"model\.dtype: saved 'float32', new 'bfloat16'"),
        ("preset=grpo", r"preset: saved 'dapo', new 'grpo'"),
    ):
        t = _trainer(tmp_path, "checkpoint.every=1", "steps=4", bad)
        with pytest.raises(ConfigError, match=msg):
            t.resume()
        t.close()
        assert (tmp_path / "config.yaml").read_text() == saved


def test_resume_applies_a_new_learning_rate_and_step_budget(tmp_path):
    _trainer(tmp_path, "checkpoint.every=1", "steps=2", "sampling.dynamic=false").train()
    t = _trainer(tmp_path, "checkpoint.every=1", "steps=3", "sampling.dynamic=false", "optim.lr=5e-4", "eval.limit=3")
    assert t.resume() and t.step == 2
    assert t.scheduler.base_lrs == [5e-4] and t.optimizer.param_groups[0]["lr"] == 5e-4
    t.train()
    rows = read_metrics(tmp_path)
    assert [r["step"] for r in rows] == [1, 2, 3] and rows[-1]["lr"] == 5e-4
    assert load_config(tmp_path / "config.yaml").optim.lr == 5e-4


def test_a_fresh_run_refuses_a_directory_holding_another_run(tmp_path):
    _trainer(tmp_path, "steps=1").train()
    with pytest.raises(RunDirError, match="holds a previous run.*--resume"):
        _trainer(tmp_path, "steps=1").train()


# ------------------------------------------------------------------------------------------ 5. the lock


def test_a_second_trainer_on_the_same_directory_fails_at_once(tmp_path):
    first = _trainer(tmp_path)
    t0 = time.monotonic()
    with pytest.raises(RunDirLocked, match=r"in use by another training process \(pid \d+"):
        _trainer(tmp_path)
    assert time.monotonic() - t0 < 30
    first.close()
    _trainer(tmp_path).close()  # released: usable again


# ------------------------------------------------------------------------------- 6. resume edge cases


def _three_checkpoints(run_dir):
    _trainer(run_dir, "checkpoint.every=1", "checkpoint.keep=3", "steps=3").train()
    return ckpt.list_checkpoints(run_dir)


@pytest.mark.parametrize("damage", ["flip_weights", "truncate_state", "drop_manifest_file"])
def test_resume_falls_back_to_the_newest_intact_checkpoint(tmp_path, damage, caplog):
    found = _three_checkpoints(tmp_path)
    newest = found[-1]
    if damage == "flip_weights":
        f = newest / ckpt.WEIGHTS
        data = bytearray(f.read_bytes())
        data[-64:] = b"\xff" * 64
        f.write_bytes(bytes(data))
    elif damage == "truncate_state":
        f = newest / ckpt.STATE
        f.write_bytes(f.read_bytes()[:100])
    else:
        (newest / ckpt.WEIGHTS).unlink()
        (newest / ckpt.WEIGHTS).write_bytes(b"")
    t = _trainer(tmp_path, "checkpoint.every=1", "checkpoint.keep=3", "steps=3")
    with caplog.at_level(logging.WARNING):
        assert t.resume()
    assert t.step == 2 and f"{newest} is damaged" in caplog.text
    assert (newest.parent / f"damaged-{newest.name}").is_dir() and not newest.exists()
    assert [r["step"] for r in read_metrics(tmp_path)] == [1, 2]  # truncated to the step-2 checkpoint
    t.close()


def test_resume_without_a_checkpoint_starts_fresh_and_keeps_the_old_metrics(tmp_path, caplog):
    (tmp_path / "metrics.jsonl").write_text('{"step": 1, "reward/mean": 0.5}\n')
    (tmp_path / "checkpoints" / ".tmp-step-00000002-99999").mkdir(parents=True)
    t = _trainer(tmp_path, "steps=1")
    assert not (tmp_path / "checkpoints" / ".tmp-step-00000002-99999").exists()  # a failed save's leftovers
    with caplog.at_level(logging.WARNING):
        assert t.resume() is False
    assert "no checkpoint in" in caplog.text and "starting a fresh run" in caplog.text
    assert (tmp_path / "metrics.jsonl.orphaned-1").read_text() == '{"step": 1, "reward/mean": 0.5}\n'
    t.train()
    assert [r["step"] for r in read_metrics(tmp_path)] == [1]
    assert yaml.safe_load((tmp_path / "config.yaml").read_text())["steps"] == 1


def test_a_failed_save_leaves_no_temporary_directory(tmp_path, monkeypatch):
    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ckpt.torch, "save", full_disk)
    with pytest.raises(OSError, match="No space"):
        ckpt.save_checkpoint(tmp_path, 1, {"a": torch.zeros(2)}, {})
    assert list(ckpt.checkpoint_dir(tmp_path).iterdir()) == []


# -------------------------------------------------------------------------- 7. metrics of skipped steps


def test_skipped_steps_report_verification_errors(tmp_path):
    task = ToyTask(crash=True)
    task.verifier.verify = lambda completion, reference, **context: (_ for _ in ()).throw(RuntimeError("down"))
    cfg = _cfg(tmp_path, "steps=2", "sampling.on_exhausted=skip", "sampling.max_rounds=2")
    from rlvr.rl_core.builders import load_policy
    from rlvr.rl_core.seeding import seed_everything
    from rlvr.rl_core.trainer import Trainer

    seed_everything(cfg.seed)
    model, tok = load_policy(cfg)
    Trainer(cfg, model, tok, task, tmp_path).train()
    rows = read_metrics(tmp_path)
    assert [r.get("skipped") for r in rows] == [1.0, 1.0]
    assert all(r["verify/errors"] == 16.0 and r["pass_rate"] == 0.0 for r in rows)  # 2 rounds x 8 completions


def test_a_trainer_outside_the_main_thread_checks_max_minutes_between_steps(tmp_path):
    import threading

    t = _trainer(tmp_path, "steps=50", "max_minutes=0.0005")  # 30 ms
    step_fn = t.train_step

    def slow_first_step(step: int) -> dict:
        if step == 1:
            time.sleep(0.1)  # the deadline passes inside step 1, however fast the tiny model's step is
        return step_fn(step)

    t.train_step = slow_first_step  # type: ignore[method-assign]
    th = threading.Thread(target=t.train)
    th.start()
    th.join(timeout=300)
    assert not th.is_alive()
    assert [r["step"] for r in read_metrics(tmp_path)] == [1]  # no signals there: the step ran to its end


def test_a_verifier_failing_on_every_completion_stops_the_run_naming_it(tmp_path, caplog):
    t = _trainer(
        tmp_path,
        "reward.verifier=test_always_raises",
        "reward.isolation=inline",
        "steps=6",
        "checkpoint.every=1",
        "sampling.dynamic=false",
        "faults.max_verifier_failure_steps=2",
    )
    with caplog.at_level(logging.WARNING), pytest.raises(VerifierFailureError) as err:
        t.train()
    msg = str(err.value)
    assert (
        "verifier 'test_always_raises' (fault_verifiers.AlwaysRaises) failed on all" in msg
        and "2 consecutive steps (last: step 2" in msg
    )
    assert "RuntimeError: reference format not understood" in msg
    assert (
        "step 1: verifier 'test_always_raises' (fault_verifiers.AlwaysRaises) failed on every completion" in caplog.text
    )
    rows = read_metrics(tmp_path)
    assert [r["step"] for r in rows] == [1]  # step 2 stopped before applying anything
    assert rows[0]["verify/errors"] == t.cfg.rollout.prompts_per_step * t.cfg.rollout.group_size
    assert not (tmp_path / "final").exists()
    assert [p.name for p in ckpt.list_checkpoints(tmp_path)] == ["step-00000001"]


def test_verifier_failures_must_be_consecutive_to_stop_a_run():
    health = VerifierHealth(get_verifier("math"), max_steps=2)
    bad, good = VerifyResult.failure("error", "boom"), VerifyResult(score=1.0, passed=True, status="ok")
    health.observe(1, [bad, bad])
    health.observe(2, [bad, good])  # one result came through: the streak restarts
    health.observe(3, [VerifyResult.failure("timeout", "slow")] * 2)
    with pytest.raises(VerifierFailureError, match=r"2 consecutive steps \(last: step 4.*first: error: boom"):
        health.observe(4, [bad, VerifyResult.failure("timeout", "slow")])


def test_a_stop_surfacing_from_a_c_extension_abandons_the_step_cleanly(tmp_path, caplog):
    # On the Ray backend the deadline's SIGALRM handler raises StopRun inside Ray's wait, which returns it as a
    # SystemError caused by the StopRun (seen on the main job with distributed.backend=ray): the step is
    # abandoned as any stopped step is, never a crash of the trainer.
    from rlvr.rl_core.preemption import StopRun, stop_request

    t = _trainer(tmp_path, "steps=5", "checkpoint.every=1")
    step_fn = t.train_step

    def stopped_in_ray(step: int) -> dict:
        if step == 2:
            try:
                raise StopRun("deadline")
            except StopRun as e:
                raise SystemError("<cyfunction CoreWorker.wait> returned a result with an exception set") from e
        return step_fn(step)

    t.train_step = stopped_in_ray  # type: ignore[method-assign]
    with caplog.at_level(logging.WARNING):
        t.train()
    assert "step 2 abandoned (deadline): nothing of it applied" in caplog.text
    assert [r["step"] for r in read_metrics(tmp_path)] == [1]
    plain = SystemError("a real SystemError")
    assert stop_request(plain) is None and stop_request(StopRun("SIGTERM")).reason == "SIGTERM"
