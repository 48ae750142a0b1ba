"""pass@k, maj@k, avg@n and their standard errors: exact numbers; evaluate() end to end."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import torch

from rlvr.rl_core.rollout import HFGenerator, build_rollout_batch
from rlvr.rl_core.types import RolloutBatch, SamplingParams
from rlvr.tasks.arithmetic import ArithmeticTask
from rlvr.tasks.evaluate import (
    SampleGroup,
    aggregate,
    canonical_answer,
    evaluate,
    majority_vote,
    mean_and_se,
    parse_ks,
    pass_at_k,
    read_sample_records,
)
from rlvr.tasks.models import tiny_model


def exact_pass_at_k(n: int, c: int, k: int) -> Fraction:
    return 1 - Fraction(math.comb(n - c, k), math.comb(n, k))


@pytest.mark.parametrize(
    ("n", "c", "k", "want"),
    [
        (5, 2, 1, 0.4),
        (5, 2, 2, 0.7),
        (5, 2, 3, 0.9),
        (5, 2, 4, 1.0),
        (10, 0, 5, 0.0),
        (1, 1, 1, 1.0),
    ],
)
def test_pass_at_k_hand_values(n: int, c: int, k: int, want: float) -> None:
    assert pass_at_k(n, c, k) == pytest.approx(want, abs=1e-15)


def test_pass_at_k_matches_binomial_form_everywhere() -> None:
    for n in range(1, 25):
        for c in range(n + 1):
            for k in range(1, n + 1):
                assert pass_at_k(n, c, k) == pytest.approx(float(exact_pass_at_k(n, c, k)), abs=1e-12)


def test_pass_at_k_is_stable_for_large_n() -> None:
    # C(2000, 1000) overflows a float; the product form does not
    assert pass_at_k(2000, 1, 1) == pytest.approx(1 / 2000, rel=1e-12)
    assert pass_at_k(2000, 3, 100) == pytest.approx(float(exact_pass_at_k(2000, 3, 100)), rel=1e-10)


def test_pass_at_k_rejects_k_above_n_and_bad_counts() -> None:
    with pytest.raises(ValueError, match="at least 5 samples"):
        pass_at_k(4, 1, 5)
    with pytest.raises(ValueError):
        pass_at_k(4, 5, 1)


def test_mean_and_se() -> None:
    m, se = mean_and_se([1.0, 0.0, 0.0, 1.0])
    assert m == 0.5
    assert se == pytest.approx(math.sqrt(1 / 12), abs=1e-15)  # var (ddof=1) = 1/3, over n=4
    assert math.isnan(mean_and_se([0.3])[1])


def test_canonical_answer_and_majority_vote() -> None:
    assert canonical_answer(" 7.0 ") == canonical_answer("7") == "7"
    assert canonical_answer("1,000") == "1000"
    assert canonical_answer("x = 2") == "x = 2"
    assert canonical_answer("   ") is None
    assert majority_vote(["7", "7.0", "8"], [True, True, False]) is True
    assert majority_vote(["8", "7"], [False, True]) is False  # tie: the first seen wins
    assert majority_vote([None, None, "5"], [False, False, True]) is True  # no-answers do not vote
    assert majority_vote([None], [False]) is False


def test_aggregate_exact_numbers() -> None:
    groups = {
        "a": SampleGroup([True, True, False, False], ["7", "7", "8", "8"]),
        "b": SampleGroup([False, False, False, True], ["1", "1", "2", "3"]),
    }
    m = aggregate(groups, [1, 2, 4])
    # pass@1: (2/4 + 1/4) / 2; pass@2: a: 1 - C(2,2)/C(4,2) = 5/6, b: 1 - C(3,2)/C(4,2) = 1/2
    assert m["pass@1"].value == pytest.approx(0.375)
    assert m["pass@2"].value == pytest.approx((5 / 6 + 1 / 2) / 2)
    assert m["pass@4"].value == 1.0
    assert m["pass@1"].stderr == pytest.approx(math.sqrt(((0.5 - 0.375) ** 2 + (0.25 - 0.375) ** 2) / 1 / 2))
    # maj@2 chunks a: [7,7]->pass, [8,8]->fail = 0.5; b: [1,1]->fail, [2,3]->2 (first) fail = 0
    assert m["maj@2"].value == pytest.approx(0.25)
    # maj@4 a: tie 7 vs 8 -> 7 (first) passes; b: 1 wins, fails
    assert m["maj@4"].value == pytest.approx(0.5)
    assert m["avg@4"].value == pytest.approx(0.375)


def test_k_above_a_tasks_sample_count_is_reported_not_estimated() -> None:
    groups = {"a": SampleGroup([True] * 10), "b": SampleGroup([False] * 3)}
    m = aggregate(groups, [1, 5], majority=False)
    assert m["pass@1"].value == pytest.approx(0.5)
    assert m["pass@5"].value is None
    assert "1 of 2 tasks have fewer than 5 samples" in m["pass@5"].reason
    assert m["avg@3-10"].value == pytest.approx(0.5)


def test_parse_ks() -> None:
    assert parse_ks("10, 1,5,1") == [1, 5, 10]
    for bad in ("0", "1,x", "", "-1"):
        with pytest.raises(ValueError):
            parse_ks(bad)


def test_read_sample_records_groups_and_rejects_bad_lines() -> None:
    lines = ['{"task_id": "t1", "passed": true}', "", '{"task_id": 2, "passed": 0, "extracted": "4"}']
    g = read_sample_records(lines)
    assert g["t1"].passed == [True] and g["2"].passed == [False] and g["2"].answers == ["4"]
    with pytest.raises(ValueError, match=r"f:2: not valid JSON"):
        read_sample_records(['{"task_id": "a", "passed": true}', "{oops"], "f")
    with pytest.raises(ValueError, match=r"f:1: field 'passed'"):
        read_sample_records(['{"task_id": "a", "passed": "yes"}'], "f")
    with pytest.raises(ValueError, match=r"f:1: field 'task_id'"):
        read_sample_records(['{"passed": true}'], "f")


class ScriptedGenerator:
    """Answers every prompt with fixed texts (exact expectations for the evaluation pipeline)."""

    def __init__(self, tokenizer, answers: dict[str, list[str]]) -> None:
        self.tokenizer, self.answers, self.calls = tokenizer, answers, []

    def sync_weights(self, model: torch.nn.Module) -> None:
        pass

    def generate(self, prompts: list[list[int]], n: int, params: SamplingParams) -> RolloutBatch:
        self.calls.append(params)
        comps = []
        for p in prompts:
            text = self.tokenizer.decode(p, skip_special_tokens=True)
            comps += [self.tokenizer(a, add_special_tokens=False)["input_ids"] for a in self.answers[text][:n]]
        return build_rollout_batch(
            prompts, comps, [[0.0] * len(c) for c in comps], [False] * len(comps), 0, self.tokenizer, n
        )


def test_evaluate_exact_with_scripted_generator() -> None:
    _, tok = tiny_model()
    task = ArithmeticTask(level=1, n_eval=300)
    ex = list(task.examples("eval"))[:3]
    gold = [e.reference for e in ex]
    wrong = [str(int(g) + 1) for g in gold]
    answers = {
        task.render_prompt(ex[0], tok): [gold[0]] * 4,  # 4/4
        task.render_prompt(ex[1], tok): [wrong[1], gold[1], wrong[1], "no idea"],  # 1/4
        task.render_prompt(ex[2], tok): [wrong[2]] * 4,  # 0/4
    }
    gen = ScriptedGenerator(tok, answers)
    rep = evaluate(gen, task, tok, n=4, ks=(1, 2, 4), greedy=False, limit=3, batch_size=2, progress=False)
    assert rep.num_examples == 3 and len(rep.samples) == 12
    assert len(gen.calls) == 2 and gen.calls[0].temperature == 1.0
    assert rep.value("pass@1") == pytest.approx((1 + 0.25 + 0) / 3)
    assert rep.value("pass@2") == pytest.approx((1 + 0.5 + 0) / 3)
    assert rep.value("pass@4") == pytest.approx(2 / 3)
    assert rep.value("maj@4") == pytest.approx(1 / 3)  # the second task's vote goes to the wrong answer
    assert rep.value("avg@4") == pytest.approx(1.25 / 3)
    assert [s["passed"] for s in rep.samples[4:8]] == [False, True, False, False]
    assert rep.samples[7]["extracted"] is None or rep.samples[7]["status"] != "ok" or not rep.samples[7]["passed"]
    assert "pass@1" in rep.summary()


def test_evaluate_greedy_with_the_tiny_model() -> None:
    model, tok = tiny_model(seed=0)
    task = ArithmeticTask(level=1)
    rep = evaluate(HFGenerator(model, tok), task, tok, limit=6, max_new_tokens=3, progress=False)
    assert rep.greedy and rep.n == 1 and rep.num_examples == 6 and len(rep.samples) == 6
    assert rep.generated_tokens > 0
    assert 0.0 <= rep.value("pass@1") <= 1.0
    again = evaluate(HFGenerator(model, tok), task, tok, limit=6, max_new_tokens=3, progress=False)
    assert [s["completion"] for s in again.samples] == [s["completion"] for s in rep.samples]  # greedy: deterministic


def test_evaluate_rejects_inconsistent_settings() -> None:
    model, tok = tiny_model()
    task = ArithmeticTask(level=1)
    with pytest.raises(ValueError, match="greedy"):
        evaluate(HFGenerator(model, tok), task, tok, n=4, greedy=True)
    with pytest.raises(ValueError, match="k <= n"):
        evaluate(HFGenerator(model, tok), task, tok, n=2, ks=(1, 4), greedy=False)


def test_a_crashing_verify_batch_falls_back_to_per_sample_scoring() -> None:
    from rlvr.verifiers.base import Verifier, VerifyResult

    class Flaky(Verifier):
        name = "flaky"

        def verify_batch(self, completions, references, contexts=None):
            raise RuntimeError("batch path broken")

        def verify(self, completion, reference, **context):
            if completion == "boom":
                raise ValueError("bad")
            ok = completion.strip() == reference
            return VerifyResult(score=float(ok), passed=ok)

    _, tok = tiny_model()
    task = ArithmeticTask(level=1, n_eval=300, cache=False)
    ex = list(task.examples("eval"))[:1]
    task.verifier = Flaky()
    gen = ScriptedGenerator(tok, {task.render_prompt(ex[0], tok): [ex[0].reference, "boom"]})
    rep = evaluate(gen, task, tok, n=2, ks=(1,), greedy=False, limit=1, progress=False)
    assert [s["passed"] for s in rep.samples] == [True, False]
    assert rep.samples[1]["status"] == "error"
