import math

import pytest
import torch

from rlvr.rl_core.forward import common_prefix_length
from rlvr.rl_core.models import tiny_model
from rlvr.rl_core.rollout import HFGenerator, make_generator, register_backend
from rlvr.rl_core.rollout.hf import process_logits, sample_categorical
from rlvr.rl_core.types import Generator, SamplingParams


@pytest.fixture()
def tiny():
    return tiny_model(seed=0)


def _ids(tok, texts):
    return [tok(t, add_special_tokens=False)["input_ids"] for t in texts]


def _reference_logprobs(model, prompt, completion, temperature, top_p=1.0):
    x = torch.tensor([prompt + completion])
    with torch.no_grad():
        logits = model(x).logits[0, len(prompt) - 1 : len(prompt) - 1 + len(completion)]
    logp = process_logits(logits, temperature, top_p).log_softmax(-1)
    return logp.gather(-1, torch.tensor(completion)[:, None]).squeeze(-1)


def test_process_logits_top_p_exact():
    logits = torch.log(torch.tensor([[0.5, 0.3, 0.2]]))
    kept = process_logits(logits, 1.0, 0.6)
    assert torch.isfinite(kept).tolist() == [[True, True, False]]
    assert torch.allclose(kept.softmax(-1), torch.tensor([[0.625, 0.375, 0.0]]))
    # the top token alone already holds top_p of the mass
    assert torch.isfinite(process_logits(logits, 1.0, 0.5)).tolist() == [[True, False, False]]
    # temperature divides before the nucleus is cut
    assert torch.allclose(process_logits(logits, 2.0, 1.0), logits / 2)


@pytest.mark.parametrize("vocab", [5, 256, 300, 1000])
def test_sample_categorical_draws_the_distribution(vocab):
    gen = torch.Generator().manual_seed(0)
    probs = torch.zeros(vocab)
    probs[[0, 2, vocab - 1]] = torch.tensor([0.1, 0.6, 0.3])  # mass in the first and the last block
    n = 200_000
    draws = sample_categorical(probs.log().expand(n, vocab), gen)
    freq = torch.bincount(draws, minlength=vocab).double() / n
    assert set(draws.unique().tolist()) == {0, 2, vocab - 1}  # zero-probability tokens never drawn
    # within 5 standard errors of each probability
    for tok, p in ((0, 0.1), (2, 0.6), (vocab - 1, 0.3)):
        assert abs(freq[tok] - p) < 5 * math.sqrt(p * (1 - p) / n)


def test_sample_categorical_is_seeded_and_handles_one_hot_rows():
    logp = torch.randn(16, 700).log_softmax(-1)
    a = sample_categorical(logp, torch.Generator().manual_seed(3))
    b = sample_categorical(logp, torch.Generator().manual_seed(3))
    assert torch.equal(a, b)
    onehot = torch.full((3, 700), float("-inf"))
    onehot[0, 0], onehot[1, 255], onehot[2, 699] = 0.0, 0.0, 0.0
    assert sample_categorical(onehot, torch.Generator().manual_seed(0)).tolist() == [0, 255, 699]


@pytest.mark.parametrize("temperature,top_p", [(1.0, 1.0), (0.7, 1.0), (1.3, 0.8)])
def test_sampling_logprobs_match_a_full_forward(tiny, temperature, top_p):
    model, tok = tiny
    prompts = _ids(tok, ["12+3=", "7*8=", "100-99="])  # different lengths: left padding
    batch = HFGenerator(model, tok).generate(
        prompts, 3, SamplingParams(max_new_tokens=12, temperature=temperature, top_p=top_p, seed=3)
    )
    assert batch.completion_ids.shape[0] == 9 and batch.group_ids.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    for i in range(9):
        n = int(batch.completion_mask[i].sum())
        comp = batch.completion_ids[i, :n].tolist()
        ref = _reference_logprobs(model, prompts[i // 3], comp, temperature, top_p)
        assert torch.allclose(batch.old_logprobs[i, :n], ref, atol=1e-5)
        assert (batch.old_logprobs[i, n:] == 0).all() and not batch.completion_mask[i, n:].any()
        assert batch.texts[i] == tok.decode(comp, skip_special_tokens=True)


def test_common_prefix_length_leaves_each_prompt_a_token():
    assert common_prefix_length([[1, 2, 3, 4], [1, 2, 3, 5], [1, 2, 9]]) == 2
    assert common_prefix_length([[1, 2, 3], [1, 2, 3, 4]]) == 2  # [1, 2, 3] keeps its last token
    assert common_prefix_length([[1, 2], [3, 4]]) == 0


@pytest.mark.parametrize("n", [1, 3])
def test_a_shared_system_prefix_runs_once_and_changes_nothing(tiny, n):
    """Prompts behind a common header (a chat template's system prompt): the header is prefilled once, the
    remainders left-padded after it; log-probs equal a full forward of each prompt alone."""
    model, tok = tiny
    header = _ids(tok, ["You are a careful calculator. Reply with digits only. "])[0]
    assert len(header) >= 8
    prompts = [header + q for q in _ids(tok, ["12+3=", "7*8=", "100-99=", "5="])]
    calls = []
    hook = model.register_forward_pre_hook(lambda m, a, kw: calls.append(kw["input_ids"].shape), with_kwargs=True)
    try:
        batch = HFGenerator(model, tok).generate(prompts, n, SamplingParams(max_new_tokens=6, temperature=1.0, seed=5))
    finally:
        hook.remove()
    assert calls[0] == (1, len(header))  # the header alone, once
    assert calls[1][0] == len(prompts) and calls[1][1] == max(len(p) for p in prompts) - len(header)
    for i in range(len(prompts) * n):
        k = int(batch.completion_mask[i].sum())
        comp = batch.completion_ids[i, :k].tolist()
        ref = _reference_logprobs(model, prompts[i // n], comp, 1.0)
        assert torch.allclose(batch.old_logprobs[i, :k], ref, atol=1e-5)
    greedy = HFGenerator(model, tok).generate(prompts, 1, SamplingParams(max_new_tokens=6, temperature=0.0))
    for i, p in enumerate(prompts):
        alone = HFGenerator(model, tok).generate([p], 1, SamplingParams(max_new_tokens=6, temperature=0.0))
        assert greedy.completion_ids[i].tolist()[: alone.completion_ids.shape[1]] == alone.completion_ids[0].tolist()


def test_shared_prompt_cache_equals_repeated_prompts(tiny):
    model, tok = tiny
    prompts = _ids(tok, ["3+4=", "15+27="])
    params = SamplingParams(max_new_tokens=10, seed=11)
    shared = HFGenerator(model, tok).generate(prompts, 4, params)
    repeated = HFGenerator(model, tok).generate([p for p in prompts for _ in range(4)], 1, params)
    assert torch.equal(shared.completion_ids, repeated.completion_ids)
    assert torch.allclose(shared.old_logprobs, repeated.old_logprobs, atol=1e-5)


def test_seeded_and_reproducible(tiny):
    model, tok = tiny
    prompts = _ids(tok, ["1+1="])
    g = HFGenerator(model, tok)
    a = g.generate(prompts, 4, SamplingParams(max_new_tokens=8, seed=5))
    b = g.generate(prompts, 4, SamplingParams(max_new_tokens=8, seed=5))
    c = g.generate(prompts, 4, SamplingParams(max_new_tokens=8, seed=6))
    assert torch.equal(a.completion_ids, b.completion_ids)
    assert not torch.equal(a.completion_ids, c.completion_ids)


def test_pad_equal_to_eos_keeps_eos_in_the_mask(tiny):
    model, tok = tiny
    prompts = _ids(tok, ["2+2="])
    greedy = SamplingParams(max_new_tokens=6, temperature=0.0)
    first = HFGenerator(model, tok).generate(prompts, 2, greedy).completion_ids[0, 0].item()
    # declare the token the model emits first to be both EOS and pad (SmolLM2's setup)
    ch = tok.convert_ids_to_tokens(first)
    tok.pad_token, tok.eos_token = ch, ch
    model.generation_config.eos_token_id = first
    batch = HFGenerator(model, tok).generate(prompts, 2, greedy)
    assert batch.completion_mask.sum(1).tolist() == [1, 1]  # the EOS is a generated token
    assert batch.completion_ids[:, 0].tolist() == [first, first]
    assert batch.truncated.tolist() == [False, False]
    assert (batch.old_logprobs[:, 0] < 0).all()


def test_truncation_and_stop_strings(tiny):
    model, tok = tiny
    prompts = _ids(tok, ["5+5="])
    greedy = SamplingParams(max_new_tokens=8, temperature=0.0)
    free = HFGenerator(model, tok).generate(prompts, 2, greedy)
    assert free.truncated.all() and free.completion_mask.sum(1).tolist() == [8, 8]
    text = free.texts[0]
    stop = text[2]
    cut = text.index(stop) + 1
    stopped = HFGenerator(model, tok).generate(
        prompts, 2, SamplingParams(max_new_tokens=8, temperature=0.0, stop=(stop,))
    )
    assert stopped.texts == [text[:cut]] * 2
    assert not stopped.truncated.any()


def test_backend_factory(tiny):
    model, tok = tiny
    assert isinstance(make_generator("hf", model, tok), HFGenerator)
    assert isinstance(make_generator("auto", model, tok), Generator)
    with pytest.raises(KeyError, match="unknown rollout backend"):
        make_generator("nope", model, tok)

    calls = []

    @register_backend("test_unavailable")
    def _unavailable(model, tokenizer, **_):
        calls.append(1)
        raise ImportError("not installed")

    with pytest.raises(ImportError):
        make_generator("test_unavailable", model, tok)
    assert calls == [1]


def test_greedy_picks_the_argmax(tiny):
    model, tok = tiny
    prompt = _ids(tok, ["9*9="])[0]
    out = HFGenerator(model, tok).generate([prompt], 1, SamplingParams(max_new_tokens=1, temperature=0.0))
    with torch.no_grad():
        logits = model(torch.tensor([prompt])).logits[0, -1]
    assert out.completion_ids[0, 0].item() == int(logits.argmax())
    assert math.isclose(out.old_logprobs[0, 0].item(), float(logits.log_softmax(-1).max()), abs_tol=1e-5)


def test_rows_finishing_at_different_steps_leave_the_batch_exactly(tiny):
    model, tok = tiny
    prompts = _ids(tok, ["12+3=", "7*8=", "100-99="])
    params = SamplingParams(max_new_tokens=16, temperature=1.0, seed=2)
    free = HFGenerator(model, tok).generate(prompts, 6, params)
    # make a frequent token the EOS so that rows end at many different steps
    common = int(torch.mode(free.completion_ids[free.completion_mask]).values)
    model.generation_config.eos_token_id = common
    batch = HFGenerator(model, tok).generate(prompts, 6, params)
    lengths = batch.completion_mask.sum(1)
    assert len(set(lengths.tolist())) >= 4 and (~batch.truncated).sum() >= 6
    for i in range(18):
        n = int(lengths[i])
        comp = batch.completion_ids[i, :n].tolist()
        assert (common in comp) == (not batch.truncated[i])
        if not batch.truncated[i]:
            assert comp.index(common) == n - 1  # generation stops right after the EOS
        ref = _reference_logprobs(model, prompts[i // 6], comp, 1.0)
        assert torch.allclose(batch.old_logprobs[i, :n], ref, atol=1e-5)


def test_bad_inputs_are_rejected_and_edge_sizes_work(tiny):
    model, tok = tiny
    g = HFGenerator(model, tok)
    prompt = _ids(tok, ["1+1="])
    with pytest.raises(ValueError, match="empty"):
        g.generate([prompt[0], []], 2, SamplingParams(max_new_tokens=4))
    with pytest.raises(ValueError, match="temperature"):
        g.generate(prompt, 2, SamplingParams(temperature=-1.0))
    with pytest.raises(ValueError, match="n must be"):
        g.generate(prompt, 0, SamplingParams())
    assert len(g.generate([], 4, SamplingParams(max_new_tokens=4))) == 0
    zero = g.generate(prompt, 2, SamplingParams(max_new_tokens=0))
    assert zero.completion_ids.shape == (2, 0) and zero.texts == ["", ""]
