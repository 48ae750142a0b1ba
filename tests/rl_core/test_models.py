"""Model loading: tiny, local checkpoints, the embedded SmolLM2 (converted once, reused, concurrency-safe)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import torch

from rlvr.rl_core import models
from rlvr.rl_core.models import load_model, resolve_dtype, tiny_model


def test_tiny_and_dtype() -> None:
    m, tok = load_model("tiny", "bfloat16")
    assert next(m.parameters()).dtype == torch.bfloat16
    assert (tok.pad_token_id, tok.bos_token_id, tok.eos_token_id, tok.padding_side) == (0, 1, 2, "left")
    with pytest.raises(ValueError, match="dtype"):
        resolve_dtype("int3")


def test_local_checkpoint_roundtrip(tmp_path) -> None:
    m, tok = tiny_model(seed=1)
    m.save_pretrained(tmp_path)
    tok.save_pretrained(tmp_path)
    m2, tok2 = load_model(str(tmp_path))
    x = torch.tensor([[1, 40, 41, 42]])
    assert torch.equal(m(x).logits, m2(x).logits)
    assert tok2.padding_side == "left" and tok2.decode(tok2("abc", add_special_tokens=False)["input_ids"]) == "abc"


def test_unknown_spec_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="neither 'tiny', 'smollm2' nor a local checkpoint"):
        load_model(str(tmp_path / "missing"))


@pytest.mark.slow
def test_smollm2_converts_once_concurrently_and_reloads(tmp_path) -> None:
    """Two processes convert into a fresh cache at once: one converts, both load the same checkpoint."""
    env = {**os.environ, "RLVR_CACHE": str(tmp_path), "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    code = (
        "from rlvr.rl_core.models import load_model; m, t = load_model('smollm2'); "
        "print(sum(p.numel() for p in m.parameters()), t.padding_side, t.pad_token, bool(t.chat_template))"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-2000:]
        assert out.split() == ["134515008", "left", "<|im_end|>", "True"]
    d = tmp_path / "models" / models.SMOLLM2_DIR
    assert (d / "model.safetensors").exists() and (d / "tokenizer.json").exists()
    assert not [p for p in d.parent.iterdir() if p.name.startswith(f".{models.SMOLLM2_DIR}-")]  # no leftovers


def test_lora_adapter_directory_loads_merged(tmp_path) -> None:
    from peft import LoraConfig, get_peft_model

    base, tok = tiny_model(seed=2)
    base.save_pretrained(tmp_path / "base")
    tok.save_pretrained(tmp_path / "base")
    model, _ = load_model(str(tmp_path / "base"))
    peft = get_peft_model(
        model, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    )
    peft.save_pretrained(tmp_path / "adapter")
    tok.save_pretrained(tmp_path / "adapter")
    x = torch.tensor([[1, 40, 41, 42, 43]])
    want = peft(x).logits
    merged, tok2 = load_model(str(tmp_path / "adapter"))
    assert torch.allclose(merged(x).logits, want, atol=1e-5)
    assert not torch.allclose(tiny_model(seed=2)[0](x).logits, want, atol=1e-3)  # the adapter changed it
    assert tok2.padding_side == "left"
