"""The dry run (``rlvr train --dry-run``): what a run config would load and whether it can be had here —
checked without loading weights or rows and without contacting a hub.

* **Model**: the spec resolved (:func:`~rlvr.rl_core.models.model_source`); for a hub id, the snapshot in the
  local HF cache at the configured revision (``config.json`` and every weight file the index names), and
  whether the run would download it or, offline, fail. With a ``config.json`` at hand, the parameter count
  comes from instantiating the architecture on PyTorch's ``meta`` device (shapes only, no memory).
* **Data**: each source of a ``file`` task (:meth:`~rlvr.tasks.sources.DataSource.availability`); built-in
  tasks ship or generate their data.
* **Context**: prompt budget + completion against the model's ``max_position_embeddings`` and vLLM's
  ``max_model_len``.
* **Memory** (per device, no sharding; GiB = 2^30 bytes): weights, gradients and AdamW's two moments of the
  trainable parameters in ``model.dtype`` (torch's AdamW keeps its moments in the parameter dtype), a frozen
  reference copy when KL needs one without LoRA, the learner's logits of one micro-batch (the largest
  activation at a large vocabulary: the logits in the model's or the autocast dtype plus their float32 copy,
  R x T x V), and the vLLM
  engine's weight copy and KV cache (2 x layers x KV heads x head dim x dtype bytes per token).
* **Trackers**: whether each configured tracker's package imports.
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rlvr.rl_core.config import RunConfig
from rlvr.tasks.cache import cache_root
from rlvr.tasks.registry import get_task

GIB = 2**30
_BYTES = {"float32": 4, "bfloat16": 2, "float16": 2}


@dataclass
class Check:
    """One line of the dry run: ``what`` was checked, whether it is ``ok`` here, and the ``detail``."""

    what: str
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"[{'ok' if self.ok else 'MISSING'}] {self.what}: {self.detail}"


# ----------------------------------------------------------------------------------------------- model


def _hub_snapshot(repo: str, revision: str | None) -> tuple[Path | None, str]:
    """The cached snapshot folder of ``repo`` at ``revision`` holding ``config.json`` (None when absent) and
    an account of the weight files in it."""
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(repo, "config.json", revision=revision)
    if not isinstance(found, str):
        return None, "config.json not in the HF cache"
    snap = Path(found).parent
    index = next(
        (snap / n for n in ("model.safetensors.index.json", "pytorch_model.bin.index.json") if (snap / n).exists()),
        None,
    )
    if index is not None:
        shards = sorted(set(json.loads(index.read_text()).get("weight_map", {}).values()))
        missing = [s for s in shards if not (snap / s).exists()]
        if missing:
            return None, f"{len(missing)} of {len(shards)} weight shards missing from the cached snapshot"
        size = sum((snap / s).stat().st_size for s in shards)
        return snap, f"{len(shards)} weight shards, {size / GIB:.2f} GiB"
    weights = sorted(snap.glob("*.safetensors")) or sorted(snap.glob("*.bin"))
    if not weights:
        return None, "no weight files in the cached snapshot"
    return snap, f"{len(weights)} weight file(s), {sum(w.stat().st_size for w in weights) / GIB:.2f} GiB"


def model_checks(cfg: RunConfig) -> tuple[list[Check], dict[str, Any] | None]:
    """Checks of ``cfg.model`` and the model's ``config.json`` as a dict when one is at hand."""
    from rlvr.rl_core.models import ModelNotFoundError, hub_offline, model_source

    mc = cfg.model
    try:
        source = model_source(mc.name, mc.revision)
    except (ModelNotFoundError, ValueError) as e:
        return [Check("model", False, str(e))], None
    if source.kind == "tiny":
        from rlvr.rl_core.models import tiny_model

        model, _ = tiny_model(**{k: v for k, v in mc.kwargs.items() if k != "seed"})
        return [Check("model", True, source.describe())], model.config.to_dict()
    if source.kind == "smollm2":
        from rlvr.rl_core.models import SMOLLM2_DIR, smollm2_gguf_path

        converted = cache_root() / "models" / SMOLLM2_DIR / "config.json"
        if converted.exists():
            return [Check("model", True, f"{source.describe()} at {converted.parent}")], json.loads(
                converted.read_text()
            )
        try:
            gguf = smollm2_gguf_path()
        except FileNotFoundError as e:
            return [Check("model", False, str(e))], None
        return [Check("model", True, f"{source.describe()}: converted from {gguf.name} on first use")], None
    if source.kind in ("local", "adapter"):
        path = Path(source.location)
        if source.kind == "adapter":
            base = json.loads((path / "adapter_config.json").read_text()).get("base_model_name_or_path", "")
            checks, hf = model_checks(
                cfg.model_copy(update={"model": mc.model_copy(update={"name": base, "kwargs": {}})})
            )
            return [Check("model", True, f"LoRA adapter {path} on {base}"), *checks], hf
        return [Check("model", True, source.describe())], json.loads((path / "config.json").read_text())
    snap, detail = _hub_snapshot(source.location, source.revision)
    if snap is not None:
        return [Check("model", True, f"{source.describe()}: cached in {snap} ({detail})")], json.loads(
            (snap / "config.json").read_text()
        )
    if hub_offline():
        msg = f"{source.describe()}: {detail} and offline mode is on (HF_HUB_OFFLINE=1): the run would fail"
        return [Check("model", False, msg)], None
    return [Check("model", True, f"{source.describe()}: {detail}; from_pretrained downloads it on first use")], None


def count_parameters(hf_config: dict[str, Any], cfg: RunConfig) -> tuple[int, int] | None:
    """(all, trainable) parameters of the architecture in ``hf_config``, built on the meta device (no
    memory); trainable counts LoRA adapters (r x (in + out) per targeted linear layer) when LoRA is on.
    None when the architecture cannot be built here (e.g. remote code not trusted)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    try:
        config = AutoConfig.for_model(**hf_config)
        with torch.device("meta"):
            model = AutoModelForCausalLM.from_config(config, trust_remote_code=cfg.model.trust_remote_code)
    except Exception:  # an architecture this transformers cannot build: the dry run reports no count
        return None
    total = sum(p.numel() for p in model.parameters())
    if not cfg.lora.enabled:
        return total, total
    targets = set(cfg.lora.target_modules)
    lora = sum(
        cfg.lora.r * (m.in_features + m.out_features)
        for name, m in model.named_modules()
        if isinstance(m, torch.nn.Linear) and name.rsplit(".", 1)[-1] in targets
    )
    return total, lora


# ------------------------------------------------------------------------------------------- estimates


def _gib(n: float) -> str:
    """A byte count in GiB (MiB below one GiB)."""
    return f"{n / GIB:.2f} GiB" if n >= GIB else f"{n / 2**20:.1f} MiB"


def memory_lines(cfg: RunConfig, hf_config: dict[str, Any], counts: tuple[int, int]) -> list[str]:
    """The memory estimate of the module docstring, one line per term."""
    total, trainable = counts
    b = _BYTES[cfg.model.dtype]
    r = cfg.rollout
    vocab = int(hf_config.get("vocab_size", 0))
    t_max = max(r.max_new_tokens, cfg.eval.max_new_tokens or 0)
    lines = [
        f"parameters: {total:,} ({trainable:,} trainable{' LoRA' if cfg.lora.enabled else ''})",
        f"weights ({cfg.model.dtype}): {_gib(total * b)}",
        f"gradients + AdamW moments of the trainable parameters: {_gib(3 * trainable * b)}",
    ]
    learner = total * b + 3 * trainable * b
    if cfg.needs_reference and not cfg.lora.enabled:
        lines.append(f"frozen KL reference copy: {_gib(total * b)}")
        learner += total * b
    out_dtype = cfg.model.dtype if cfg.model.autocast == "none" else cfg.model.autocast
    logits = cfg.optim.micro_batch_size * t_max * vocab * (_BYTES[out_dtype] + 4)
    lines.append(
        f"logits of one micro-batch ({cfg.optim.micro_batch_size} x {t_max} tokens x {vocab:,} vocab, "
        f"{out_dtype} + float32): {_gib(logits)} (x2 in backward; lower optim.micro_batch_size to cut it)"
    )
    learner += 2 * logits
    lines.append(f"learner, without other activations: about {_gib(learner)}")
    if r.backend != "hf":
        eb = b if r.vllm.dtype == "auto" else _BYTES[r.vllm.dtype]
        layers = int(hf_config.get("num_hidden_layers", 0))
        heads = int(hf_config.get("num_attention_heads", 1))
        kv = int(hf_config.get("num_key_value_heads", heads))
        head_dim = int(hf_config.get("head_dim") or int(hf_config.get("hidden_size", 0)) // max(heads, 1))
        per_token = 2 * layers * kv * head_dim * eb
        seq = (r.max_prompt_tokens or 0) + r.max_new_tokens
        batch = r.prompts_per_step * r.group_size
        lines.append(
            f"vLLM engine: weights {_gib(total * eb)}; KV cache {per_token / 2**10:.1f} KiB per token, "
            f"{_gib(per_token * seq * batch)} for the step's {batch} sequences of up to {seq} tokens"
        )
    return lines


def context_checks(cfg: RunConfig, hf_config: dict[str, Any]) -> list[Check]:
    """Prompt budget + completion against the model's positions and the engine's max_model_len."""
    r = cfg.rollout
    positions = hf_config.get("max_position_embeddings")
    if positions is None:
        return []
    need = (r.max_prompt_tokens or 0) + max(r.max_new_tokens, cfg.eval.max_new_tokens or 0)
    limit = r.vllm.max_model_len or positions
    checks = [
        Check(
            "context",
            need <= positions,
            f"prompt budget + completion = {need} tokens, model max_position_embeddings = {positions}"
            + (
                ""
                if need <= positions
                else " (raise it with model.kwargs.max_position_embeddings only if the RoPE "
                "setup allows; else shorten rollout.max_new_tokens)"
            ),
        )
    ]
    if r.backend != "hf":
        checks.append(
            Check(
                "vLLM max_model_len",
                limit <= positions,
                f"{limit} (rollout.vllm.max_model_len{'' if r.vllm.max_model_len else ': the model positions'})"
                + ("" if limit <= positions else f" exceeds the model's {positions} positions; vLLM refuses that"),
            )
        )
    if r.max_prompt_tokens is None:
        checks.append(Check("prompt budget", True, "rollout.max_prompt_tokens is unset: long prompts are not left out"))
    return checks


# -------------------------------------------------------------------------------------- data, trackers


def data_checks(cfg: RunConfig) -> list[Check]:
    """Each data source of the task, checked without reading rows."""
    name = cfg.task.name
    if ":" in name:
        return [Check("task", True, f"{name} (user code: its data are not checked)")]
    try:
        task = get_task(name, **cfg.task.kwargs)
    except (KeyError, TypeError, ValueError, FileNotFoundError) as e:
        return [Check("task", False, str(e))]
    describe = getattr(task, "describe_sources", None)
    if describe is None:
        return [Check("task", True, f"{name}: built-in data (shipped in packages or generated)")]
    out = []
    for role, source in describe():
        ok, detail = source.availability()
        out.append(Check(f"data ({role})", ok, f"{source.describe()}: {detail}"))
    return out


def tracker_checks(cfg: RunConfig) -> list[Check]:
    packages = {"tensorboard": "tensorboard", "wandb": "wandb", "trackio": "trackio"}
    names = list(cfg.logging.trackers) + (
        ["tensorboard"] if cfg.logging.tensorboard and "tensorboard" not in cfg.logging.trackers else []
    )
    out = []
    for name in names:
        package = packages.get(name)
        if package is None:
            out.append(Check(f"tracker {name}", True, "provided by a plugin"))
            continue
        installed = importlib.util.find_spec(package) is not None
        mode = f", WANDB_MODE={os.environ.get('WANDB_MODE', 'online')}" if name == "wandb" else ""
        detail = (
            "installed" if installed else "not installed (pip install 'rlvr[trackers]'): skipped with a warning"
        ) + mode
        out.append(Check(f"tracker {name}", installed or name == "tensorboard", detail))
    return out


def dry_run(cfg: RunConfig) -> tuple[bool, list[str]]:
    """(whether everything the run needs can be had here, the report lines)."""
    checks, hf_config = model_checks(cfg)
    if hf_config is not None and cfg.model.name != "tiny":  # from_pretrained applies config overrides the same way
        hf_config.update({k: v for k, v in cfg.model.kwargs.items() if k in hf_config})
    lines = []
    checks += data_checks(cfg)
    if hf_config is not None:
        checks += context_checks(cfg, hf_config)
        counts = count_parameters(hf_config, cfg)
        if counts is not None:
            lines = memory_lines(cfg, hf_config, counts)
    checks += tracker_checks(cfg)
    report = [str(c) for c in checks]
    if lines:
        report += ["memory estimate (see rlvr.rl_core.preflight):", *(f"  {line}" for line in lines)]
    elif hf_config is None:
        report.append("memory estimate: needs the model's config.json (not at hand)")
    return all(c.ok for c in checks), report
