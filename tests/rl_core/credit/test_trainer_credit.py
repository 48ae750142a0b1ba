"""End to end: every credit method inside the learner, with every advantage preset, tiny model on CPU."""

from __future__ import annotations

import json

import pytest
import torch

from rlvr.rl_core.config import resolve
from rlvr.rl_core.credit.prm import build_prm
from rlvr.rl_core.models import tiny_model
from rlvr.rl_core.trainer import Trainer

PRESETS = [("grpo", None), ("dr_grpo", None), ("rloo", None), ("dapo", None), ("grpo", "reinforce_pp")]
METHODS = {
    "mc": ["credit.k=2", "credit.split=tokens", "credit.chunk_tokens=4", "credit.max_steps=3"],
    "prm": ["credit.split=tokens", "credit.chunk_tokens=4", "credit.combine=min"],
    "redistribute": ["credit.weighting=attention", "credit.smoothing=0.2"],
}


@pytest.fixture(scope="module")
def prm_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("prm")
    build_prm("tiny", seed=1).save(path)
    return path


@pytest.mark.parametrize("preset,adv", PRESETS)
@pytest.mark.parametrize("method", list(METHODS))
def test_credit_method_with_every_preset(tmp_path, digit_task, prm_dir, preset, adv, method):
    overrides = [
        f"preset={preset}",
        "steps=1",
        "rollout.prompts_per_step=2",
        "rollout.group_size=4",
        "rollout.max_new_tokens=12",
        "rollout.backend=hf",
        "eval.after=false",
        "eval.before=false",
        "checkpoint.save_final=false",
        "logging.progress=false",
        "sampling.max_rounds=2",
        "reward.isolation=inline",  # the test's verifier in process (isolation with credit: test_trainer.py)
        f"credit.method={method}",
        *METHODS[method],
    ]
    if adv:
        overrides.append(f"advantages.name={adv}")
    if method == "prm":
        overrides.append(f"credit.path={prm_dir}")
    cfg = resolve({}, overrides)
    model, tok = tiny_model(seed=0)
    before = [p.detach().clone() for p in model.parameters()]
    trainer = Trainer(cfg, model, tok, digit_task, tmp_path)
    rows = trainer.train()
    last = rows[-1]
    assert last.get("skipped", 0.0) == 0.0
    assert any(not torch.equal(a, b) for a, b in zip(before, model.parameters())), "the policy was updated"
    if method == "mc":
        assert last["credit/mc_continuations"] > 0 and last["credit/mc_calls"] >= 1
    if method == "prm":
        assert 0.0 < last["credit/prm_score_mean"] < 1.0
    logged = [json.loads(x) for x in (tmp_path / "metrics.jsonl").read_text().splitlines()]
    assert logged[-1]["step"] == 1


@pytest.mark.parametrize("method", ["mc", "redistribute"])
def test_credit_with_lora(tmp_path, digit_task, method):
    """Continuations and attention come from the adapted policy; only the adapters train."""
    overrides = [
        "preset=dapo",
        "steps=1",
        "rollout.prompts_per_step=2",
        "rollout.group_size=4",
        "rollout.max_new_tokens=12",
        "rollout.backend=hf",
        "eval.after=false",
        "eval.before=false",
        "checkpoint.save_final=false",
        "logging.progress=false",
        "lora.enabled=true",
        "lora.r=4",
        "reward.isolation=inline",
        f"credit.method={method}",
        *METHODS[method],
    ]
    model, tok = tiny_model(seed=0)
    embed = model.model.embed_tokens.weight.detach().clone()
    trainer = Trainer(resolve({}, overrides), model, tok, digit_task, tmp_path)
    adapters = {n: p.detach().clone() for n, p in trainer.model.named_parameters() if "lora_" in n}
    assert adapters
    rows = trainer.train()
    assert rows[-1].get("skipped", 0.0) == 0.0
    now = dict(trainer.model.named_parameters())
    assert any(not torch.equal(v, now[n]) for n, v in adapters.items()), "the adapters were updated"
    base = trainer.model.get_base_model() if hasattr(trainer.model, "get_base_model") else trainer.model
    assert torch.equal(base.model.embed_tokens.weight, embed)
