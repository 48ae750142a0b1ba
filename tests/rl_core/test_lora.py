import pytest
import torch
from peft import PeftModel

from rlvr.rl_core.config import LoraConfig, OptimConfig
from rlvr.rl_core.forward import pack, token_logprobs
from rlvr.rl_core.lora import apply_lora, load_trainable_state, make_optimizer, trainable_state
from rlvr.rl_core.models import tiny_model
from rlvr.rl_core.reference import ReferencePolicy


def _batch(tok):
    prompts = [tok("1+2=", add_special_tokens=False)["input_ids"], tok("30+4=", add_special_tokens=False)["input_ids"]]
    comp = torch.tensor([[5, 6, 2, 0], [7, 8, 9, 2]])
    mask = torch.tensor([[1, 1, 1, 0], [1, 1, 1, 1]], dtype=torch.bool)
    return prompts, comp, mask


def test_lora_variants_train_only_adapters():
    for kw in ({}, {"rslora": True}, {"dora": True}):
        model, _ = tiny_model(seed=0)
        peft = apply_lora(model, LoraConfig(enabled=True, r=4, alpha=8, **kw))
        names = [n for n, p in peft.named_parameters() if p.requires_grad]
        assert names and all("lora_" in n for n in names)
        if kw.get("dora"):
            assert any("magnitude" in n for n in names)
    model, _ = tiny_model(seed=0)
    scaled = apply_lora(model, LoraConfig(enabled=True, r=4, alpha=8, rslora=True))
    layer = scaled.base_model.model.model.layers[0].self_attn.q_proj
    assert layer.scaling["default"] == pytest.approx(8 / 2)  # alpha / sqrt(r)


def test_bad_target_module_names_the_field():
    model, _ = tiny_model(seed=0)
    with pytest.raises(ValueError, match="lora.target_modules"):
        apply_lora(model, LoraConfig(enabled=True, target_modules=["nope_proj"]))


def test_lora_plus_gives_b_a_larger_learning_rate():
    model, _ = tiny_model(seed=0)
    cfg = LoraConfig(enabled=True, r=4, plus_ratio=16.0)
    peft = apply_lora(model, cfg)
    opt = make_optimizer(peft, OptimConfig(lr=1e-4), cfg)
    by_lr = {}
    names = {id(p): n for n, p in peft.named_parameters()}
    for g in opt.param_groups:
        for p in g["params"]:
            by_lr.setdefault(g["lr"], []).append(names[id(p)])
    assert all("lora_A" in n for n in by_lr[1e-4])
    assert all("lora_B" in n for n in by_lr[1.6e-3])
    plain = make_optimizer(peft, OptimConfig(lr=1e-4), LoraConfig(enabled=True, r=4))
    assert [g["lr"] for g in plain.param_groups] == [1e-4]


def test_reference_is_the_base_with_adapters_disabled():
    model, tok = tiny_model(seed=0)
    prompts, comp, mask = _batch(tok)
    batch = pack(prompts, [0, 1], comp, mask, tok.pad_token_id)
    with torch.no_grad():
        base_lp, _ = token_logprobs(model, batch, 1.0, False)
    peft = apply_lora(model, LoraConfig(enabled=True, r=4))
    with torch.no_grad():  # move the adapters away from identity
        for n, p in peft.named_parameters():
            if "lora_B" in n:
                p.normal_(0, 0.5)
    ref = ReferencePolicy(peft)
    assert ref.shared and ref.model is peft  # no second copy
    assert torch.allclose(ref.logprobs(batch, 1.0), base_lp, atol=1e-6)
    with torch.no_grad():
        policy_lp, _ = token_logprobs(peft, batch, 1.0, False)
    assert not torch.allclose(policy_lp, base_lp, atol=1e-3)


def test_full_finetuning_reference_is_a_frozen_copy():
    model, tok = tiny_model(seed=0)
    prompts, comp, mask = _batch(tok)
    batch = pack(prompts, [0, 1], comp, mask, tok.pad_token_id)
    ref = ReferencePolicy(model)
    assert not ref.shared and ref.model is not model
    assert not any(p.requires_grad for p in ref.model.parameters())
    before = ref.logprobs(batch, 0.7)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.1)
    assert torch.equal(ref.logprobs(batch, 0.7), before)


def test_trainable_state_roundtrip():
    model, _ = tiny_model(seed=0)
    peft = apply_lora(model, LoraConfig(enabled=True, r=4))
    state = trainable_state(peft)
    other = apply_lora(tiny_model(seed=0)[0], LoraConfig(enabled=True, r=4))
    with torch.no_grad():
        for p in peft.parameters():
            if p.requires_grad:
                p.add_(1.0)
    load_trainable_state(other, trainable_state(peft))
    assert all(torch.equal(a, b) for a, b in zip(trainable_state(other).values(), trainable_state(peft).values()))
    with pytest.raises(ValueError, match="does not match"):
        load_trainable_state(tiny_model(seed=0)[0], state)
    assert isinstance(peft, PeftModel)
