"""Models the user names on the vLLM path: a hub id with its own modelling code (trust_remote_code), loaded by
the learner from an offline hub cache and served by the engine, in a subprocess without a network (the engine
reads only the folder written from the learner, never the hub)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from rlvr.rl_core.rollout.vllm import vllm_available

if not vllm_available():
    pytest.skip("vllm does not import here (bash scripts/setup_vllm.sh installs it)", allow_module_level=True)

sys.path.insert(0, str(Path(__file__).parents[2]))
from hub_layout import put_hub_repo, run_offline, write_custom_code_repo  # noqa: E402

_SERVE = """
import json
import torch
from rlvr.rl_core.models import load_model
from rlvr.rl_core.rollout.vllm import VLLMConfig, VLLMGenerator, VLLMUnavailable
from rlvr.rl_core.types import SamplingParams

model, tok = load_model("acme/custom-llama", trust_remote_code=True)
cfg = VLLMConfig(max_model_len=128, cpu_kvcache_space_gib=1, max_num_seqs=8)
out = {"type": type(model.config).__name__}
try:
    VLLMGenerator(model, tok, cfg, trust_remote_code=False)
except VLLMUnavailable as e:
    out["refused"] = str(e)[:500]
gen = VLLMGenerator(model, tok, cfg, trust_remote_code=True)
prompt = tok("12+34=")["input_ids"]
batch = gen.generate([prompt], 1, SamplingParams(max_new_tokens=12, temperature=0.0))
ids = torch.tensor([prompt])
with torch.no_grad():
    hf = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=12, do_sample=False)
n = int(batch.completion_mask[0].sum())
out["vllm"] = batch.completion_ids[0, :n].tolist()
out["hf"] = hf[0, len(prompt):].tolist()
print("RESULT", json.dumps(out))
"""


@pytest.mark.slow
def test_a_trust_remote_code_hub_model_is_served_by_the_engine(tmp_path) -> None:
    from rlvr.rl_core.models import tiny_model

    model, tok = tiny_model(seed=11, hidden_size=64, num_heads=2, num_layers=2)
    repo = tmp_path / "repo"
    write_custom_code_repo(repo, model, tok, architecture="LlamaForCausalLM")  # vLLM serves it as its Llama
    home = tmp_path / "hf"
    put_hub_repo(home, "acme/custom-llama", repo)
    p = run_offline([sys.executable, "-c", _SERVE], home, VLLM_CPU_KVCACHE_SPACE="1")
    assert p.returncode == 0, p.stderr[-4000:]
    out = json.loads(next(line for line in p.stdout.splitlines() if line.startswith("RESULT "))[7:])
    assert out["type"] == "RlvrTestConfig"
    assert "trust_remote_code" in out["refused"] or "rlvr_test_llama" in out["refused"]
    assert out["vllm"] == out["hf"] and len(out["vllm"]) > 0
