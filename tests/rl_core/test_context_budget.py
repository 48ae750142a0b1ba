"""The context budget of long completions: rollout.vllm.max_model_len is checked against the prompt budget
plus the completion budget (training and evaluation) when the config loads, and the vLLM generator refuses a
request whose prompt + completion the engine would silently cut at max_model_len."""

from __future__ import annotations

import pytest

from rlvr.rl_core.config import ConfigError, load_config

LONG = ["rollout.backend=vllm", "rollout.max_new_tokens=8192", "rollout.max_prompt_tokens=1024"]


def test_max_model_len_must_hold_prompt_and_completion_at_config_load() -> None:
    cfg = load_config(None, [*LONG, "rollout.vllm.max_model_len=9216"])
    assert (cfg.rollout.max_new_tokens, cfg.rollout.vllm.max_model_len) == (8192, 9216)
    with pytest.raises(
        ConfigError,
        match=r"rollout.vllm.max_model_len: 9215 is less than rollout.max_prompt_tokens \(1024\) \+ "
        r"rollout.max_new_tokens \(8192\) = 9216",
    ):
        load_config(None, [*LONG, "rollout.vllm.max_model_len=9215"])
    with pytest.raises(ConfigError, match=r"eval.max_new_tokens \(9000\) = 10024"):
        load_config(None, [*LONG, "rollout.vllm.max_model_len=9216", "eval.max_new_tokens=9000"])
    with pytest.raises(
        ConfigError,
        match="rollout.vllm.max_model_len: 8192 leaves no room for a prompt beside rollout.max_new_tokens=8192",
    ):
        load_config(None, ["rollout.max_new_tokens=8192", "rollout.vllm.max_model_len=8192"])
    # 'auto' may pick vLLM, so it is checked too; the hf backend never reads max_model_len
    with pytest.raises(ConfigError, match="rollout.vllm.max_model_len"):
        load_config(None, ["rollout.backend=auto", "rollout.max_new_tokens=600", "rollout.vllm.max_model_len=512"])
    load_config(None, ["rollout.backend=hf", "rollout.max_new_tokens=600", "rollout.vllm.max_model_len=512"])
    with pytest.raises(ConfigError, match="rollout.max_prompt_tokens: must be >= 1"):
        load_config(None, ["rollout.max_prompt_tokens=0"])


def test_trainer_leaves_out_prompts_over_the_budget(tmp_path) -> None:
    import json

    from rlvr.rl_core.trainer import build_trainer
    from rlvr.tasks.dataset import encode_prompt

    rows = [{"prompt": "Add " + "1 + " * n + "1.", "answer": str(n + 1)} for n in range(20)]
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cfg = load_config(
        None,
        [
            "task.name=file",
            f"task.kwargs={{path: {data}, n_eval: 4}}",
            f"logging.run_dir={tmp_path / 'run'}",
            "logging.tensorboard=false",
            "logging.progress=false",
            "rollout.max_prompt_tokens=40",
        ],
    )
    t = build_trainer(cfg)
    everything = t.task.examples("train")
    lengths = [len(encode_prompt(t.task, e, t.tokenizer)) for e in everything]
    assert 0 < len(t.examples) < len(everything)
    assert [e.id for e in t.examples] == [e.id for e, n in zip(everything, lengths) if n <= 40]
