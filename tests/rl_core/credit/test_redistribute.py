"""Reward redistribution: the formula, uniform = broadcast, length and attention weights (LoRA policy too)."""

from __future__ import annotations

import pytest
import torch

from rlvr.rl_core.credit import CreditInputs, get_credit
from rlvr.rl_core.credit.config import RedistributeCredit
from rlvr.rl_core.credit.redistribute import redistribute
from rlvr.rl_core.models import tiny_model
from rlvr.rl_core.types import SamplingParams


def test_redistribute_formula_exact():
    mask = torch.tensor([[1, 1, 1, 0], [1, 1, 0, 0], [0, 0, 0, 0]], dtype=torch.bool)
    w = torch.tensor([[1.0, 2.0, 1.0, 9.0], [0.0, 0.0, 5.0, 5.0], [1.0, 1.0, 1.0, 1.0]])
    r = redistribute(torch.tensor([2.0, 1.0, 3.0]), w, mask)
    assert torch.allclose(r[0], torch.tensor([0.5, 1.0, 0.5, 0.0]))  # R·w/Σw over the mask
    assert torch.allclose(r[1], torch.tensor([0.5, 0.5, 0.0, 0.0]))  # zero weights fall back to uniform
    assert torch.equal(r[2], torch.zeros(4))
    r = redistribute(torch.tensor([2.0, 1.0, 3.0]), w, mask, smoothing=0.5)
    assert torch.allclose(
        r[0], 0.5 * torch.tensor([0.5, 1.0, 0.5, 0.0]) + 0.5 * torch.tensor([2 / 3, 2 / 3, 2 / 3, 0.0])
    )


def make_inputs(chain, tok, model):
    task = chain.ChainTask([(3, [("+", 4), ("*", 2)])])
    ex = task.examples("train")[0]
    roll = chain.make_rollout(tok, [ex], [[chain.solution(ex), chain.solution(ex, {0: 1})]])
    return CreditInputs(
        rollout=roll,
        rewards=torch.tensor([1.0, 0.0]),
        advantages=torch.tensor([0.5, -0.5]),
        examples=[ex, ex],
        task=task,
        generator=None,
        sampling=SamplingParams(),
        tokenizer=tok,
        model=model,
    )


def test_uniform_equals_broadcast(chain, tok):
    inputs = make_inputs(chain, tok, torch.nn.Linear(1, 1))
    cfg = RedistributeCredit(weighting="uniform")
    assert torch.allclose(get_credit("redistribute")(inputs, cfg), get_credit("none")(inputs, cfg))


def test_length_weights_keep_the_token_mean(chain, tok):
    inputs = make_inputs(chain, tok, torch.nn.Linear(1, 1))
    out = get_credit("redistribute")(inputs, RedistributeCredit(weighting="length"))
    mask = inputs.rollout.completion_mask
    # Char tokenizer: every token writes 1 character and EOS counts as 1, so length = uniform here.
    assert torch.allclose(out[0][mask[0]], torch.full((int(mask[0].sum()),), 0.5))
    assert torch.allclose(out.sum(1) / mask.sum(1), inputs.advantages)


@pytest.mark.parametrize("lora", [False, True])
def test_attention_weights_from_the_answer_span(chain, tok, lora):
    model, _ = tiny_model(seed=0)
    if lora:
        from peft import LoraConfig, get_peft_model

        model = get_peft_model(model, LoraConfig(r=4, target_modules=["q_proj", "v_proj"]))
    model.train()
    inputs = make_inputs(chain, tok, model)
    cfg = RedistributeCredit(weighting="attention")
    out = get_credit("redistribute")(inputs, cfg)
    mask = inputs.rollout.completion_mask
    assert model.training, "the policy's mode is restored"
    base = model.get_base_model() if lora else model
    assert base.config._attn_implementation == "sdpa", "the attention kernel is restored"
    assert torch.allclose(out.sum(1) / mask.sum(1), inputs.advantages, atol=1e-5)  # token mean kept
    assert torch.all(out[~mask] == 0)
    text = chain.solution(inputs.examples[0])
    a0 = text.rfind("Answer: ") + len("Answer: ")  # the verifier extracts the number after "Answer:"
    pre = out[0, :a0]
    assert not torch.allclose(pre, pre[0].expand_as(pre)), "attention gives tokens different credit"
    assert torch.allclose(out[0, a0 : int(mask[0].sum())], pre.mean().expand(int(mask[0].sum()) - a0), atol=1e-6)
