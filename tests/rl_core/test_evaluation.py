"""evaluate() end to end: exact numbers with a scripted generator, the tiny model, bad settings, crashes."""

from __future__ import annotations

import pytest
import torch

from rlvr.rl_core.evaluation import evaluate
from rlvr.rl_core.models import tiny_model
from rlvr.rl_core.rollout import HFGenerator, build_rollout_batch
from rlvr.rl_core.types import RolloutBatch, SamplingParams
from rlvr.tasks.arithmetic import ArithmeticTask


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
