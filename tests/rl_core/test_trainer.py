import dataclasses
import json
import logging
import math
import sys
from pathlib import Path

import pytest
import torch

from rlvr.rl_core.config import load_config
from rlvr.rl_core.credit import CREDIT
from rlvr.rl_core.credit.base import broadcast
from rlvr.rl_core.lr_schedule import lr_lambda
from rlvr.rl_core.metrics import read_metrics
from rlvr.rl_core.prompt_sampler import PromptSampler
from rlvr.rl_core.trainer import Trainer, build_trainer
from rlvr.rl_core.verification import verify

sys.path.insert(0, str(Path(__file__).parent))
from toy_task import DigitVerifier, ScriptedGenerator, ToyTask  # noqa: E402

from rlvr.verifiers.base import VerifyResult  # noqa: E402

BASE = [
    "task.name=toy_task:make_task",
    "steps=3",
    "rollout.prompts_per_step=4",
    "rollout.group_size=4",
    "rollout.max_new_tokens=6",
    "optim.lr=1e-3",
    "optim.micro_batch_size=5",
    "eval.limit=4",
    "logging.progress=false",
    "logging.tensorboard=false",
]


def _cfg(tmp_path, *extra):
    return load_config(None, [*BASE, f"logging.run_dir={tmp_path}", *extra])


def _trainer(tmp_path, *extra, task=None):
    cfg = _cfg(tmp_path, *extra)
    if task is None:
        return build_trainer(cfg)
    from rlvr.rl_core.builders import load_policy
    from rlvr.rl_core.seeding import seed_everything

    seed_everything(cfg.seed)
    model, tok = load_policy(cfg)
    return Trainer(cfg, model, tok, task, tmp_path)


def _strip(rows):
    return [{k: v for k, v in r.items() if not k.startswith("time/")} for r in rows]


@pytest.mark.parametrize("preset", ["grpo", "dr_grpo", "rloo", "dapo"])
def test_each_preset_trains_end_to_end(tmp_path, preset):
    t = _trainer(tmp_path, f"preset={preset}")
    before = {n: p.detach().clone() for n, p in t.model.named_parameters()}
    t.train()
    rows = read_metrics(tmp_path)
    assert [r["step"] for r in rows] == [0, 1, 2, 3]
    assert "eval/pass@1" in rows[0] and "eval/pass@1" in rows[-1]
    for r in rows[1:]:
        for key in (
            "reward/mean",
            "reward/std",
            "pass_rate",
            "entropy",
            "grad_norm",
            "length/mean",
            "length/max",
            "truncation_rate",
            "tokens_generated",
            "time/generate",
            "time/verify",
            "time/update",
            "clip/low_frac",
            "clip/high_frac",
            "ratio/mean",
            "reward/digits/mean",
            "warnings",
        ):
            assert key in r, key
        assert all(math.isfinite(v) for v in r.values() if isinstance(v, float))
    if preset in ("grpo", "rloo"):
        assert "kl" in rows[-1]
    if preset == "dapo":
        assert "sampling/filtered_fraction" in rows[1]
    changed = any(not torch.equal(before[n], p) for n, p in t.model.named_parameters())
    assert changed
    assert (tmp_path / "checkpoints" / "step-00000003").is_dir() and (tmp_path / "final" / "config.json").is_file()
    assert load_config(tmp_path / "config.yaml") == t.cfg


def test_runs_are_deterministic(tmp_path):
    a = _trainer(tmp_path / "a", "preset=dapo", "eval.before=false")
    a.train()
    b = _trainer(tmp_path / "b", "preset=dapo", "eval.before=false")
    b.train()
    assert _strip(read_metrics(tmp_path / "a")) == _strip(read_metrics(tmp_path / "b"))


@pytest.mark.parametrize("preset", ["dapo", "grpo", "dr_grpo"])
def test_update_is_invariant_to_micro_batch_size(tmp_path, preset):
    grads = []
    for mbs in (3, 16):
        t = _trainer(
            tmp_path / str(mbs),
            f"preset={preset}",
            f"optim.micro_batch_size={mbs}",
            "steps=1",
            "eval.before=false",
            "eval.after=false",
            "optim.max_grad_norm=0",
        )
        t.train()  # the step's accumulated gradient stays in .grad after the optimiser step
        grads.append({n: p.grad.clone() for n, p in t.model.named_parameters()})
    for n in grads[0]:
        assert grads[0][n].abs().sum() > 0
        assert torch.allclose(grads[0][n], grads[1][n], atol=1e-7, rtol=1e-4), n


def test_multiple_epochs_move_the_ratio(tmp_path):
    t = _trainer(tmp_path, "preset=dapo", "optim.epochs=3", "optim.lr=1e-2", "eval.before=false", "eval.after=false")
    t.train()
    rows = read_metrics(tmp_path)
    assert any(r["ratio/max"] > 1.0 or r["ratio/min"] < 1.0 for r in rows)


def test_a_crashing_verifier_gives_zero_reward_and_training_continues(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        t = _trainer(
            tmp_path,
            "preset=grpo",
            "eval.before=false",
            "eval.after=false",
            "rollout.max_new_tokens=12",
            task=ToyTask(crash=True),
        )
        t.train()
    rows = read_metrics(tmp_path)
    assert len(rows) == 3 and sum(r["verify/errors"] for r in rows) > 0
    assert any("verifier" in r.message and "raised" in r.message for r in caplog.records)


def test_verify_survives_a_broken_batch_method():
    class Broken(DigitVerifier):
        def verify_batch(self, completions, references, contexts=None):
            return []  # wrong number of results

    class Raising(DigitVerifier):
        def verify_batch(self, completions, references, contexts=None):
            raise OSError("pool died")

        def safe_verify(self, completion, reference, **context):
            raise OSError("still dead")

    out = verify(Broken(), ["12", "ab"], ["1", "2"])
    assert [r.score for r in out] == [0.5, 0.0]
    out = verify(Raising(), ["12"], ["1"])
    assert out[0].status == "error" and out[0].score == 0.0


def test_credit_hook_replaces_sequence_advantages(tmp_path):
    seen = {}

    @CREDIT.register("test_zero_credit")
    def zero_credit(inputs, cfg):
        seen["shape"] = tuple(inputs.rollout.completion_ids.shape)
        seen["n_examples"] = len(inputs.examples)
        seen["adv"] = inputs.advantages.clone()
        inputs.metrics["credit/test"] = 1.0
        return broadcast(inputs.advantages, inputs.rollout.completion_mask) * 0.0

    try:
        t = _trainer(
            tmp_path,
            "preset=dapo",
            "credit.method=test_zero_credit",
            "steps=1",
            "eval.before=false",
            "eval.after=false",
        )
        before = {n: p.detach().clone() for n, p in t.model.named_parameters()}
        t.train()
    finally:
        CREDIT._items.pop("test_zero_credit")
    row = read_metrics(tmp_path)[0]
    assert seen["shape"][0] == 16 and seen["n_examples"] == 16 and seen["adv"].abs().sum() > 0
    assert row["credit/test"] == 1.0
    assert row["grad_norm"] == 0.0  # zero token advantages, no KL, no entropy: no gradient
    assert all(torch.equal(before[n], p) for n, p in t.model.named_parameters())


def test_sft_mixing_adds_a_weighted_nll(tmp_path):
    data = tmp_path / "sft.jsonl"
    data.write_text("\n".join(json.dumps({"prompt": f"{a}+1=", "completion": str(a + 1)}) for a in range(1, 6)) + "\n")
    t = _trainer(
        tmp_path / "run",
        "preset=dapo",
        f"sft.data={data}",
        "sft.weight=1.0",
        "sft.batch_size=2",
        "steps=4",
        "eval.before=false",
        "eval.after=false",
        "optim.lr=1e-2",
    )
    t.train()
    nll = [r["sft/nll"] for r in read_metrics(tmp_path / "run")]
    assert len(nll) == 4 and all(v > 0 for v in nll) and t.sft.pos == 8
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "x"}\n')
    with pytest.raises(ValueError, match="sft.data"):
        _trainer(tmp_path / "bad", f"sft.data={bad}")


def test_lora_with_kl_uses_the_adapter_free_base_as_reference(tmp_path):
    t = _trainer(
        tmp_path,
        "preset=grpo",
        "lora.enabled=true",
        "lora.r=4",
        "optim.lr=5e-2",
        "eval.before=false",
        "eval.after=false",
        "steps=3",
    )
    base = {n: p.detach().clone() for n, p in t.model.named_parameters() if not p.requires_grad}
    assert t.reference is not None and t.reference.shared
    t.train()
    assert all(torch.equal(base[n], p) for n, p in t.model.named_parameters() if not p.requires_grad)
    rows = read_metrics(tmp_path)
    assert rows[-1]["kl"] > 0
    assert (tmp_path / "final" / "adapter_config.json").is_file()


def test_no_reference_without_kl(tmp_path):
    assert _trainer(tmp_path, "preset=dapo").reference is None


def test_dynamic_sampling_skip_when_rewards_never_vary(tmp_path):
    class Constant(DigitVerifier):
        def verify(self, completion, reference, **context):
            return super().verify("0000", reference)

    task = ToyTask()
    task.verifier = Constant()
    t = _trainer(
        tmp_path,
        "preset=dapo",
        "sampling.on_exhausted=skip",
        "sampling.max_rounds=2",
        "steps=2",
        "eval.before=false",
        "eval.after=false",
        "reward.overlong_buffer_ratio=0",
        task=task,
    )
    t.train()
    rows = read_metrics(tmp_path)
    assert [r.get("skipped") for r in rows] == [1.0, 1.0]
    assert rows[0]["sampling/rounds"] == 2.0 and rows[0]["sampling/filtered_fraction"] == 1.0


def test_max_minutes_abandons_the_step_in_progress_then_evaluates(tmp_path):
    t = _trainer(tmp_path, "preset=dapo", "steps=5", "max_minutes=1e-9", "eval.before=false", "eval.after=true")
    before = {n: p.detach().clone() for n, p in t.model.named_parameters()}
    t.train()
    rows = read_metrics(tmp_path)
    assert [r["step"] for r in rows] == [0] and "eval/pass@1" in rows[0]  # no step completed; the eval ran
    assert all(torch.equal(before[n], p) for n, p in t.model.named_parameters())
    assert t.sampler.pos == 0 and not (tmp_path / "final").exists()  # nothing trained: nothing exported
    with pytest.raises(ValueError, match="max_minutes"):
        load_config(None, ["max_minutes=0"])


def test_oversampling_draws_more_prompts_per_round_and_keeps_the_batch_size(tmp_path):
    t = _trainer(
        tmp_path,
        "preset=dapo",
        "steps=1",
        "rollout.prompts_per_step=4",
        "sampling.max_rounds=1",
        "sampling.oversample=2",
        "eval.before=false",
        "eval.after=false",
    )
    t.train()
    row = read_metrics(tmp_path)[0]
    assert t.sampler.pos == 8  # one round of ceil(2 x 4) prompts
    assert row["sampling/rounds"] == 1.0 and row["sampling/groups"] <= 4
    with pytest.raises(ValueError, match="sampling.oversample"):
        load_config(None, ["sampling.oversample=0.5"])


def test_prompt_sampler_epochs_and_state():
    s = PromptSampler(5, seed=3)
    first = s.next(5)
    assert sorted(first) == list(range(5))
    state = s.state_dict()
    cont = s.next(7)
    t = PromptSampler(5, seed=3)
    t.load_state_dict(state)
    assert t.next(7) == cont


def test_learning_rate_schedules():
    cfg = load_config(None, ["steps=10", "optim.warmup_steps=2", "optim.schedule=cosine", "optim.min_lr_ratio=0.1"])
    f = lr_lambda(cfg)
    assert [f(0), f(1)] == [0.5, 1.0]
    assert f(2) == pytest.approx(1.0) and f(10) == pytest.approx(0.1)
    lin = lr_lambda(load_config(None, ["steps=10", "optim.schedule=linear"]))
    assert lin(5) == pytest.approx(0.5)


def test_reward_improves_on_a_learnable_signal(tmp_path):
    t = _trainer(
        tmp_path,
        "preset=dapo",
        "steps=40",
        "optim.lr=3e-3",
        "rollout.prompts_per_step=8",
        "rollout.group_size=8",
        "optim.micro_batch_size=64",
        "eval.before=false",
        "eval.after=false",
        "reward.overlong_buffer_ratio=0",
        "sampling.dynamic=false",
        "model.kwargs={seed: 1}",
    )
    t.train()
    r = [row["reward/score_mean"] for row in read_metrics(tmp_path)]
    assert sum(r[-5:]) / 5 > sum(r[:5]) / 5 + 0.2


def test_a_failing_evaluation_does_not_stop_training(tmp_path):
    class NoEval(ToyTask):
        def examples(self, split):
            return self._train if split == "train" else []

    t = _trainer(tmp_path, "preset=dapo", "steps=1", task=NoEval())
    t.train()
    rows = read_metrics(tmp_path)
    assert rows[0] == {"step": 0, "eval/failed": 1.0} and rows[1]["eval/failed"] == 1.0


# ------------------------------------------------------------------------------- sampler/learner mismatch
_MISMATCH_KEYS = (
    "mismatch/abs_mean",
    "mismatch/abs_max",
    "mismatch/kl",
    "mismatch/ratio_mean",
    "mismatch/clip_frac",
    "rollout/logprob_gap",
)


def _shift_sampler_logprobs(t, delta):
    """Make the sampler report log π(y_t) + delta for every generated token (a known mismatch)."""
    generate = t.generator.generate

    def shifted(*args, **kwargs):
        out = generate(*args, **kwargs)
        return dataclasses.replace(out, old_logprobs=out.old_logprobs + delta * out.completion_mask)

    t.generator.generate = shifted


def _one_update(tmp_path, *extra, delta=0.0):
    """Gradient of a single optimiser step (left in .grad) and its metrics."""
    t = _trainer(tmp_path, "steps=1", "eval.before=false", "eval.after=false", "optim.max_grad_norm=0", *extra)
    if delta:
        _shift_sampler_logprobs(t, delta)
    t.train()
    return {n: p.grad.clone() for n, p in t.model.named_parameters()}, read_metrics(tmp_path)[-1]


def test_no_correction_is_bit_identical_to_unit_weights_and_reports_the_gap(tmp_path):
    runs = []
    for name, unit in (("none", False), ("unit", True)):
        t = _trainer(
            tmp_path / name, "preset=grpo", "steps=2", "optim.epochs=2", "eval.before=false", "eval.after=false"
        )
        if unit:  # the weighted path with w = 1 on every generated token
            t.learner.is_correction = lambda learner, sampler, mask, cap: mask.float()
        t.train()
        runs.append((t, _strip(read_metrics(tmp_path / name))))
    (a, rows_a), (b, rows_b) = runs
    for (n, p), q in zip(a.model.named_parameters(), b.model.parameters()):
        assert torch.equal(p, q), n
    assert [r.pop("mismatch/is_weight_mean") for r in rows_b] == [1.0, 1.0]
    assert rows_a == rows_b
    for r in rows_a:  # same weights and (up to kernel rounding) the same log-probs on the hf backend
        assert all(k in r for k in _MISMATCH_KEYS)
        assert r["rollout/logprob_gap"] == r["mismatch/abs_mean"] < 1e-5
        assert r["mismatch/ratio_mean"] == pytest.approx(1.0, abs=1e-5) and r["mismatch/clip_frac"] == 0.0


@pytest.mark.parametrize(
    ("correction", "delta", "factor"),
    [
        ("tis", -1.0, 2.0),  # ratio e > cap 2: every token is truncated to 2
        ("seq_tis", -1.0, 2.0),  # sequence ratio e^length > 2
        ("tis", 0.5, math.exp(-0.5)),  # ratio e^-0.5 < cap: kept as it is
    ],
)
def test_tis_reweights_the_policy_gradient_by_the_truncated_ratio(tmp_path, correction, delta, factor):
    plain, m_plain = _one_update(tmp_path / "none", delta=delta)
    weighted, m = _one_update(
        tmp_path / correction, f"rollout.is_correction={correction}", "rollout.is_cap=2", delta=delta
    )
    assert m_plain["mismatch/abs_mean"] == pytest.approx(abs(delta), abs=1e-5)
    assert m["mismatch/clip_frac"] == (1.0 if delta < 0 else 0.0)
    assert m["mismatch/is_weight_mean"] == pytest.approx(factor, rel=1e-5)
    for n, g in plain.items():
        assert g.abs().sum() > 0
        if factor == 2.0:
            assert torch.equal(weighted[n], 2.0 * g), n
        else:
            torch.testing.assert_close(
                weighted[n], factor * g, rtol=1e-4, atol=1e-5 * float(g.abs().max())
            )  # float32 sums


def test_tis_weights_every_epoch_and_training_works(tmp_path):
    t = _trainer(
        tmp_path,
        "preset=dapo",
        "steps=2",
        "optim.epochs=2",
        "rollout.is_correction=tis",
        "eval.before=false",
        "eval.after=false",
    )
    _shift_sampler_logprobs(t, -1.0)
    before = {n: p.detach().clone() for n, p in t.model.named_parameters()}
    t.train()
    rows = read_metrics(tmp_path)
    for r in rows:
        assert all(k in r for k in _MISMATCH_KEYS)
        assert r["mismatch/is_weight_mean"] == 2.0  # the loss metrics are the last epoch's
        assert all(math.isfinite(v) for v in r.values() if isinstance(v, float))
    assert any(not torch.equal(before[n], p) for n, p in t.model.named_parameters())


class FirstCharDigit(DigitVerifier):
    """Binary scores (the first character is a digit): under the random tiny model some groups are all 0."""

    def verify(self, completion, reference, **context):
        return super().verify(completion[:1] * 4, reference)


COUNT_FILTERED_COMMON = [
    "steps=1",
    "sampling.max_rounds=1",
    "seed=0",
    "rollout.prompts_per_step=6",
    "optim.max_grad_norm=0",
    "eval.before=false",
    "eval.after=false",
    "checkpoint.save_final=false",
    "reward.isolation=inline",  # the test's verifier in process: no worker processes to start for one step
]


def _step_gradient(path, *extra):
    task = ToyTask()
    task.verifier = FirstCharDigit()
    t = _trainer(path, *COUNT_FILTERED_COMMON, *extra, task=task)
    t.train()
    grads = {n: p.grad.clone() for n, p in t.model.named_parameters() if p.grad is not None}
    return grads, read_metrics(path)[0]


@pytest.mark.parametrize(
    "setting",
    [
        ["preset=dapo"],  # (c) overlong shaping: this step keeps groups whose scores are all 0 but lengths vary
        ["preset=dapo", "reward.overlong_buffer_ratio=0"],
        ["preset=dr_grpo"],  # seq_sum_norm: rows × L
        ["preset=dr_grpo", "reward.overlong_filter=true", "seed=1", "rollout.max_new_tokens=12"],
        ["preset=grpo", "kl.beta=0"],  # seq_mean_token_mean; grpo's KL in the loss is rejected (test_config)
        ["preset=rloo", "kl.beta=0"],
        ["preset=dapo", "advantages.scale=batch"],  # (a) σ of the whole batch, dropped groups included
        ["preset=dapo", "advantages.name=reinforce_pp", "advantages.scale=batch"],  # (a) whitening over completions
        [
            "preset=dapo",
            "advantages.name=reinforce_pp",
            "advantages.scale=batch",
            "advantages.whiten=token",
            "reward.overlong_filter=true",
            "seed=1",
            "rollout.max_new_tokens=12",
        ],
        ["preset=dapo", "reward.overlong_filter=true"],  # (e) truncated rows of dropped groups count no tokens
        ["preset=dapo", "credit.method=redistribute", "credit.weighting=length"],  # (d)
        ["preset=dapo", "loss.policy.name=gspo", "loss.agg=seq_mean_token_mean", "loss.policy.dual_clip=3"],
    ],
    ids=lambda s: "+".join(x.split("=", 1)[1] for x in s),
)
def test_count_filtered_gives_the_unfiltered_gradient_at_the_filtered_cost(tmp_path, setting):
    """Filtered groups counted in the normaliser and the batch statistics as zero-advantage completions:
    the step's full gradient equals that of the same step without filtering (the same prompts and
    completions: one round of B prompts), while the forward and backward pass run on the kept groups only."""
    plain, m_plain = _step_gradient(tmp_path / "plain", *setting, "sampling.dynamic=false")
    counted, m = _step_gradient(tmp_path / "counted", *setting, "sampling.dynamic=true", "sampling.count_filtered=true")
    assert 0 < m["sampling/groups"] < 6  # this step drops some groups and keeps some
    assert m["loss/num_tokens"] == m_plain["loss/num_tokens"]
    assert m["tokens_generated"] < m_plain["tokens_generated"]  # the update ran on the kept groups only
    assert plain.keys() == counted.keys()
    for n, g in plain.items():
        assert g.abs().sum() > 0, n
        torch.testing.assert_close(counted[n], g, rtol=1e-4, atol=1e-6 * float(g.abs().max()), msg=n)


def test_without_count_filtered_dapo_normalises_over_the_kept_groups(tmp_path):
    setting = ["preset=dapo", "reward.overlong_buffer_ratio=0"]
    counted, m = _step_gradient(tmp_path / "counted", *setting, "sampling.count_filtered=true")
    dapo, m_dapo = _step_gradient(tmp_path / "dapo", *setting)
    assert m["loss/num_tokens"] == m_dapo["loss/num_tokens"] + m["sampling/filtered_tokens"]
    share = m_dapo["loss/num_tokens"] / m["loss/num_tokens"]  # token_mean: the same sum over fewer tokens
    for n, g in counted.items():
        torch.testing.assert_close(dapo[n] * share, g, rtol=1e-4, atol=1e-6 * float(g.abs().max()), msg=n)


def test_dynamic_sampling_filters_on_the_rewards_the_advantages_see(tmp_path):
    """Scores 1 for a leading "1"; 8 new tokens with an overlong buffer of 4: a completion of L > 4 tokens
    loses (L − 4)/4. A group is kept exactly when its shaped rewards vary (non-zero advantages)."""

    class LeadingOne(DigitVerifier):
        def verify(self, completion, reference, **context):
            ok = completion.startswith("1")
            return VerifyResult(score=float(ok), passed=ok, extracted=completion[:1])

    script = [
        ["0", "10000000"],  # scores 0, 1 but rewards 0, 1 − 1 = 0: no advantage, dropped (was a wasted slot)
        ["0", "000000"],  # scores 0, 0 but rewards 0, −0.5: the length signal has advantages, kept
        ["1", "0"],  # rewards 1, 0: kept
        ["1", "1"],  # rewards 1, 1: dropped
    ]
    task = ToyTask()
    task.verifier = LeadingOne()
    t = _trainer(
        tmp_path,
        "preset=dapo",
        "rollout.prompts_per_step=4",
        "rollout.group_size=2",
        "rollout.max_new_tokens=8",
        "reward.overlong_buffer_ratio=0.5",
        "sampling.max_rounds=1",
        task=task,
    )
    t.generator = ScriptedGenerator(t.tokenizer, script)
    c = t.collect(1)
    assert [g.texts for g in c.kept] == [script[1], script[2]]
    assert [g.texts for g in c.dropped] == [script[0], script[3]]
    assert [g.rewards for g in c.kept] == [[0.0, -0.5], [1.0, 0.0]]
    assert c.metrics["sampling/filtered_tokens"] == 1 + 8 + 1 + 1


def test_bfloat16_autocast_trains_with_float32_weights(tmp_path):
    t = _trainer(
        tmp_path,
        "preset=grpo",
        "steps=2",
        "model.autocast=bfloat16",
        "eval.before=false",
        "eval.after=false",
        "checkpoint.save_final=false",
    )
    rows = t.train()
    assert all(math.isfinite(r["grad_norm"]) and r["grad_norm"] > 0 for r in rows)
    assert all(p.dtype == torch.float32 for p in t.model.parameters())
    # the bf16 forward differs from the float32 sampler: the mismatch metric sees it
    assert rows[0]["mismatch/abs_mean"] > 1e-4
    with pytest.raises(ValueError, match="model.autocast"):
        load_config(None, ["model.autocast=fp8"])


@pytest.mark.parametrize("isolation", ["inline", "auto"])
def test_credit_scores_with_the_configured_verifier_and_its_crash_fallback(tmp_path, isolation):
    """Monte Carlo continuations are scored by ``reward.verifier`` (like the rewards), through the learner's
    verification (in worker processes under its time limit with ``isolation=auto``): its broken
    ``verify_batch`` falls back to per-sample scoring; the task's verifier never runs."""
    from rlvr.verifiers.base import VERIFIERS

    calls = tmp_path / "calls"
    calls.mkdir()

    class Configured(DigitVerifier):
        def verify(self, completion, reference, **context):
            import uuid

            (calls / uuid.uuid4().hex).touch()  # one file per call, from whichever process scores
            return super().verify(completion, reference, **context)

        def verify_batch(self, completions, references, contexts=None):
            raise RuntimeError("the batch path of this verifier is broken")

    class NotThisOne(DigitVerifier):
        def verify(self, completion, reference, **context):
            raise AssertionError("the task's verifier scored a completion")

    task = ToyTask()
    task.verifier = NotThisOne()
    VERIFIERS.add("test_configured_verifier", Configured)
    try:
        t = _trainer(
            tmp_path / "run",
            "preset=dapo",
            "steps=1",
            "sampling.max_rounds=1",
            "reward.overlong_buffer_ratio=0",
            "reward.verifier=test_configured_verifier",
            f"reward.isolation={isolation}",
            "credit.method=mc",
            "credit.k=2",
            "credit.split=tokens",
            "credit.chunk_tokens=2",
            "eval.before=false",
            "eval.after=false",
            task=task,
        )
        rows = t.train()
    finally:
        VERIFIERS.remove("test_configured_verifier")
    m = rows[-1]
    assert m.get("skipped", 0.0) == 0.0 and m["credit/mc_continuations"] > 0
    rollouts = 4 * 4
    assert len(list(calls.iterdir())) == rollouts + m["credit/mc_continuations"]


def test_old_logprobs_and_tis_weights_carry_no_dropout_noise(tmp_path):
    """With LoRA dropout the old log-probs come from an eval-mode forward: the sampler (eval mode) and the
    learner agree, the TIS weights are 1 and the mismatch metrics see no gap, in every step and epoch."""
    t = _trainer(
        tmp_path,
        "preset=dapo",
        "steps=3",
        "optim.epochs=2",
        "lora.enabled=true",
        "lora.r=4",
        "lora.dropout=0.5",
        "rollout.is_correction=tis",
        "rollout.is_cap=10",
        "optim.lr=1e-2",
        "eval.before=false",
        "eval.after=false",
    )
    rows = t.train()
    assert any(r["ratio/max"] > 1.0 for r in rows[1:])  # later epochs do move the policy (and dropout is on)
    for r in rows:
        assert r["rollout/logprob_gap"] < 1e-5, r["rollout/logprob_gap"]
        assert r["mismatch/clip_frac"] == 0.0
        assert r["mismatch/ratio_mean"] == pytest.approx(1.0, abs=1e-5)


def test_only_a_model_with_dropout_pays_the_extra_forward(tmp_path):
    common = ["preset=dapo", "lora.enabled=true", "lora.r=4", "eval.before=false", "eval.after=false"]
    assert not _trainer(tmp_path / "a", *common).learner.dropout
    assert _trainer(tmp_path / "b", *common, "lora.dropout=0.1").learner.dropout
