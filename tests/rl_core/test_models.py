"""Model loading: tiny, local checkpoints, the embedded SmolLM2 (converted once, reused, concurrency-safe),
hub ids through a hub cache laid out offline (HF_HOME in a temp dir, HF_HUB_OFFLINE=1, no network), custom
code behind trust_remote_code, and the attention kernel."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from rlvr.rl_core import models
from rlvr.rl_core.config import ConfigError, load_config
from rlvr.rl_core.models import ModelNotFoundError, load_model, model_source, resolve_dtype, tiny_model

sys.path.insert(0, str(Path(__file__).parents[1]))
from hub_layout import put_hub_repo, run_offline, write_custom_code_repo  # noqa: E402


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
    with pytest.raises(FileNotFoundError, match="model.name: .*missing' is neither 'tiny', 'smollm2', a local"):
        load_model(str(tmp_path / "missing"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFoundError, match="directory without a config.json"):
        load_model(str(tmp_path / "empty"))


def test_model_source_resolves_without_loading(tmp_path) -> None:
    m, tok = tiny_model()
    m.save_pretrained(tmp_path / "ckpt")
    assert model_source("tiny").kind == "tiny" and model_source("smollm2").kind == "smollm2"
    assert model_source(str(tmp_path / "ckpt")).kind == "local"
    hub = model_source("Qwen/Qwen2.5-Math-1.5B", revision="v1")
    assert (hub.kind, hub.location, hub.revision) == ("hub", "Qwen/Qwen2.5-Math-1.5B", "v1")
    assert model_source("gpt2").kind == "hub"  # a bare name is a hub id too, as in transformers
    with pytest.raises(ValueError, match="model.revision applies to hub ids"):
        model_source(str(tmp_path / "ckpt"), revision="main")
    with pytest.raises(ConfigError, match="model.revision: applies to hub ids; model.name is 'tiny'"):
        load_config(None, ["model.revision=main"])


def _digest(model: torch.nn.Module) -> str:
    h = hashlib.sha256()
    for k, v in sorted(model.state_dict().items()):
        h.update(k.encode() + v.detach().float().numpy().tobytes())
    return h.hexdigest()


_LOAD = """
import hashlib, json, sys
from rlvr.rl_core.models import load_model

def digest(model):
    h = hashlib.sha256()
    for k, v in sorted(model.state_dict().items()):
        h.update(k.encode() + v.detach().float().numpy().tobytes())
    return h.hexdigest()

out = {}
for key, spec, rev in json.loads(sys.argv[1]):
    try:
        model, tok = load_model(spec, revision=rev)
        out[key] = [digest(model), tok.padding_side, tok.chat_template is not None]
    except Exception as e:
        out[key] = [type(e).__name__, str(e)]
print(json.dumps(out))
"""


def test_hub_ids_load_from_the_hf_cache_offline_at_any_revision(tmp_path) -> None:
    """A hub cache as `hf download` leaves it: main -> commit A, tag v2 -> commit B. The hub-id path runs
    transformers' from_pretrained for real, with HF_HOME in a temp dir, offline and without a network."""
    home = tmp_path / "hf"
    digests, commits = {}, {}
    for name, seed, refs in (("a", 1, ["main"]), ("b", 2, ["v2"])):
        m, tok = tiny_model(seed=seed)
        tok.chat_template = "{% for m in messages %}{{ m['content'] }}{% endfor %}"
        m.save_pretrained(tmp_path / name)
        tok.save_pretrained(tmp_path / name)
        commits[name] = put_hub_repo(home, "acme/tiny-math", tmp_path / name, refs=refs)
        digests[name] = _digest(m)
    assert digests["a"] != digests["b"]
    cases = [
        ("main", "acme/tiny-math", None),
        ("tag", "acme/tiny-math", "v2"),
        ("commit", "acme/tiny-math", commits["a"]),
        ("missing", "acme/nope", None),
        ("missing_rev", "acme/tiny-math", "v9"),
    ]
    p = run_offline([sys.executable, "-c", _LOAD, json.dumps(cases)], home)
    assert p.returncode == 0, p.stderr[-3000:]
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["main"] == [digests["a"], "left", True]
    assert out["tag"] == [digests["b"], "left", True]
    assert out["commit"] == [digests["a"], "left", True]
    for key, where in (("missing", "'acme/nope'"), ("missing_rev", "'acme/tiny-math' at revision 'v9'")):
        kind, msg = out[key]
        assert kind == "ModelNotFoundError"
        assert msg.startswith(f"model.name: could not load hub model {where}: offline mode is on (HF_HUB_OFFLINE=1)")
        assert str(home / "hub") in msg


def test_trust_remote_code_is_opt_in_and_runs_the_repositorys_code(tmp_path) -> None:
    m, tok = tiny_model(seed=3)
    repo = tmp_path / "repo"
    write_custom_code_repo(repo, m, tok)
    home = tmp_path / "hf"
    put_hub_repo(home, "acme/custom", repo)
    code = (
        "import sys; from rlvr.rl_core.models import load_model\n"
        "try:\n    load_model('acme/custom')\nexcept ValueError as e:\n    print('refused:', e)\n"
        "m, _ = load_model('acme/custom', trust_remote_code=True)\n"
        "print('loaded:', type(m).__name__, float(sum(p.double().sum() for p in m.parameters())))"
    )
    p = run_offline([sys.executable, "-c", code], home)
    assert p.returncode == 0, p.stderr[-3000:]
    lines = p.stdout.strip().splitlines()
    refused = next(line for line in lines if line.startswith("refused:"))
    assert "model.name 'acme/custom' ships its own modelling code; set model.trust_remote_code: true" in refused
    loaded = next(line for line in lines if line.startswith("loaded:")).split()
    assert loaded[1] == "RlvrTestForCausalLM"
    assert float(loaded[2]) == pytest.approx(float(sum(p.detach().double().sum() for p in m.parameters())), abs=1e-9)


def test_attn_implementation_is_validated_and_applied(tmp_path) -> None:
    eager, _ = load_model("tiny", attn_implementation="eager", seed=4)
    sdpa, _ = load_model("tiny", seed=4)
    assert (eager.config._attn_implementation, sdpa.config._attn_implementation) == ("eager", "sdpa")
    x = torch.tensor([[1, 40, 41, 42, 43, 44]])
    assert torch.allclose(eager(x).logits, sdpa(x).logits, atol=1e-5)
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="model.attn_implementation=flash_attention_2 needs a CUDA GPU"):
            load_model("tiny", attn_implementation="flash_attention_2")
    with pytest.raises(
        ConfigError, match="model.attn_implementation: flash_attention_2 needs a CUDA GPU, but model.device is 'cpu'"
    ):
        load_config(None, ["model.attn_implementation=flash_attention_2", "model.device=cpu"])
    with pytest.raises(ConfigError, match="model.attn_implementation: Input should be 'sdpa', 'eager'"):
        load_config(None, ["model.attn_implementation=flash"])


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
