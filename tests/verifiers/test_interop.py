"""TRL reward_funcs and verl compute_score adapters, TRL exercised through its real GRPOTrainer."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from rlvr.verifiers.base import get_verifier
from rlvr.verifiers.interop import completion_text, to_trl_reward_func, to_verl_compute_score


def test_trl_plain_and_conversational() -> None:
    f = to_trl_reward_func(get_verifier("math"), reference_column="answer")
    assert f.__name__ == "rlvr_math"
    plain = f(prompts=["p1", "p2"], completions=[r"\boxed{4}", "it is 5"], answer=["4", "4"], trainer_state=None)
    assert plain == [1.0, 0.0]
    conv = [
        [{"role": "assistant", "content": r"so \boxed{6}"}],
        [{"role": "assistant", "content": [{"type": "text", "text": "Answer: 7"}]}],
    ]
    assert f(prompts=[[{"role": "user", "content": "q"}]] * 2, completions=conv, answer=["6", "6"]) == [1.0, 0.0]


def test_trl_wrong_lengths_raise_never_broadcast() -> None:
    f = to_trl_reward_func(get_verifier("math"), reference_column="answer")
    with pytest.raises(ValueError, match="2 completions but 1 references"):
        f(prompts=["a", "b"], completions=["1", "2"], answer=["1"])
    with pytest.raises(ValueError, match="prompts"):
        f(prompts=["a"], completions=["1", "2"], answer=["1", "2"])
    with pytest.raises(KeyError, match="solution"):
        to_trl_reward_func(get_verifier("math"), reference_column="solution")(
            prompts=["a"], completions=["1"], answer=["1"]
        )


def test_trl_reference_free_and_errors() -> None:
    fmt = to_trl_reward_func(get_verifier("format"), reference_column=None)
    assert fmt(prompts=["p"], completions=["<think>a</think><answer>1</answer>"]) == [1.0]
    f = to_trl_reward_func(get_verifier("math"), error_value=None)
    assert f(prompts=["p", "q"], completions=[r"\boxed{1}", r"\boxed{1}"], answer=[None, "1"]) == [None, 1.0]


def test_trl_logs_metrics() -> None:
    logged: dict[str, float] = {}
    f = to_trl_reward_func(get_verifier("math"))
    f(
        prompts=["p"] * 4,
        completions=[r"\boxed{1}", "none", r"\boxed{2}", r"\boxed{1}"],
        answer=["1"] * 4,
        log_metric=lambda k, v: logged.__setitem__(k, v),
    )
    assert logged == {
        "rlvr_math/pass_rate": 0.5,
        "rlvr_math/timeout_rate": 0.0,
        "rlvr_math/error_rate": 0.0,
        "rlvr_math/no_answer_rate": 0.25,
    }


def test_completion_text() -> None:
    msgs = [
        {"role": "assistant", "content": "a"},
        {"role": "tool", "content": "x"},
        {"role": "assistant", "content": "b"},
    ]
    assert completion_text(msgs) == "ab"
    with pytest.raises(TypeError):
        completion_text(5)


def test_verl_compute_score() -> None:
    cs = to_verl_compute_score(get_verifier("math"))
    out = cs("openai/gsm8k", "so #### 72", "72", extra_info={"index": 3})
    assert out == {"score": 1.0, "acc": True, "status": "ok", "extracted": "72"}
    assert cs(data_source="x", solution_str="nothing", ground_truth="1") == {
        "score": 0.0,
        "acc": False,
        "status": "no_answer",
        "extracted": "",
    }
    bare = to_verl_compute_score(get_verifier("math"), return_dict=False)
    assert bare("math", r"\boxed{\frac{1}{2}}", "0.5", None) == 1.0


@pytest.mark.slow
def test_real_grpo_trainer_step(tmp_path: Path) -> None:
    """One GRPOTrainer step on the tiny model with rlvr rewards: TRL's own reward-calling code path."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from datasets import Dataset
    from trl import GRPOConfig, GRPOTrainer

    from rlvr.rl_core.models import tiny_model

    model, tok = tiny_model(seed=0)
    ds = Dataset.from_list([{"prompt": "2+2=", "answer": "4"}, {"prompt": "3+3=", "answer": "6"}])
    funcs = [
        to_trl_reward_func(get_verifier("math")),
        to_trl_reward_func(get_verifier("format"), reference_column=None),
    ]
    args = GRPOConfig(
        output_dir=str(tmp_path),
        per_device_train_batch_size=2,
        num_generations=2,
        max_completion_length=8,
        report_to=[],
        use_cpu=True,
        logging_steps=1,
        max_steps=1,
        save_strategy="no",
    )
    trainer = GRPOTrainer(model=model, reward_funcs=funcs, args=args, train_dataset=ds, processing_class=tok)
    rewards = trainer._calculate_rewards(  # TRL's reward path, with completions we choose
        [{"prompt": "2+2=", "answer": "4"}, {"prompt": "3+3=", "answer": "6"}],
        ["2+2=", "3+3="],
        [r"\boxed{4}", "<think>x</think><answer>7</answer>"],
        [[5], [6]],
    )
    assert rewards.tolist() == [[1.0, 0.0], [0.0, 1.0]]
    trainer.train()
    logs = trainer.state.log_history[0]
    assert "rewards/rlvr_math/mean" in logs and "rlvr_math/pass_rate" in logs
    assert math.isfinite(logs["reward"])
