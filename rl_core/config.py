"""The run configuration: one pydantic section per component, YAML + dotted overrides, presets as data.

Every field carries a help string naming its source (paper or tool). :func:`load_config` builds a
:class:`RunConfig` from a YAML file (optionally ``preset: <name>``, a file of ``configs/presets/`` whose
settings are filled first and then overridden by the file) and ``key.sub=value`` overrides; unknown keys and
bad values raise :class:`ConfigError` naming the dotted field. Variants are discriminated sections:
``loss.policy`` by ``name`` (clipped | gspo | a plugin's) and ``credit`` by ``method`` (none | mc | prm |
redistribute | a plugin's). The shape and the migration of the earlier flat keys: docs/config.md.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import model_validator

from rlvr.registry import is_import_path, missing_module
from rlvr.rl_core.advantages import ADVANTAGES
from rlvr.rl_core.config_base import (
    ConfigError,
    FieldError,
    Float,
    Section,
    build,
    knob,
    merge,
    registered,
    require,
    section,
)
from rlvr.rl_core.config_base import describe as describe_model
from rlvr.rl_core.config_checks import combination_errors
from rlvr.rl_core.credit import CreditConfig
from rlvr.rl_core.credit.config import NoCredit
from rlvr.rl_core.distributed.config import AsyncConfig, DistributedConfig
from rlvr.rl_core.losses import KL_ESTIMATORS, LossConfig, Objective
from rlvr.rl_core.mismatch import IS_CORRECTIONS
from rlvr.rl_core.rollout.vllm import VLLMConfig
from rlvr.rl_core.trackers import TRACKERS
from rlvr.verifiers.base import VERIFIERS

__all__ = [
    "ConfigError",
    "RunConfig",
    "config_file",
    "describe",
    "dump_config",
    "load_config",
    "parse_override",
    "preset",
    "preset_names",
    "resolve",
    "shipped_configs",
]


class ModelConfig(Section):
    name: str = knob(
        "tiny",
        "model: 'tiny' (random Llama, tests), 'smollm2' (embedded SmolLM2-135M-Instruct), a local checkpoint or "
        "LoRA adapter directory, or a hub id 'org/name' (transformers from_pretrained: the HF cache, HF_HOME and "
        "HF_HUB_OFFLINE apply)",
    )
    revision: str | None = knob(
        None, "hub revision of model.name: branch, tag or commit hash (transformers from_pretrained); None: main"
    )
    trust_remote_code: bool = knob(
        False,
        "run the model repository's own Python code (transformers trust_remote_code) in the learner, the vLLM "
        "engine and a PRM backbone; only for repositories you trust",
    )
    attn_implementation: Literal["sdpa", "eager", "flash_attention_2", "flash_attention_3", "flex_attention"] = knob(
        "sdpa",
        "attention kernel of the learner (transformers attn_implementation): sdpa (torch "
        "scaled_dot_product_attention), eager, flash_attention_2/3 (FlashAttention, Dao 2023; CUDA and the "
        "flash-attn package), flex_attention; the vLLM engine picks its own",
    )
    kwargs: dict[str, Any] = knob(
        {},
        "keyword arguments for the model loader: tiny sizes (hidden_size, num_layers, ...), else more "
        "transformers from_pretrained keywords, config overrides such as max_position_embeddings included",
    )
    dtype: Literal["float32", "bfloat16", "float16"] = knob("float32", "parameter dtype of the policy (torch dtype)")
    autocast: Literal["none", "bfloat16", "float16"] = knob(
        "none",
        "mixed-precision forward/backward of the learner (torch.autocast; weights, gradients and optimiser state "
        "stay in dtype; Micikevicius et al. 2018)",
    )
    device: str = knob("auto", "torch device: 'auto' (cuda when available, else cpu), 'cpu' or 'cuda[:i]'")
    gradient_checkpointing: bool = knob(
        False, "recompute activations in backward to save memory (Chen et al. 2016; transformers)"
    )

    @model_validator(mode="after")
    def _consistent(self) -> ModelConfig:
        require(
            not (self.attn_implementation.startswith("flash") and self.device == "cpu"),
            "attn_implementation",
            f"{self.attn_implementation} needs a CUDA GPU, but model.device is 'cpu' (use sdpa)",
        )
        require(
            self.revision is None or self.name not in ("tiny", "smollm2"),
            "revision",
            f"applies to hub ids; model.name is {self.name!r}",
        )
        return self


class TaskConfig(Section):
    name: str = knob("arithmetic", "registered task name (rlvr tasks list) or 'module:factory' import path (rlvr)")
    kwargs: dict[str, Any] = knob({}, "keyword config passed to the task factory (rlvr.tasks)")


class RolloutConfig(Section):
    backend: Literal["auto", "hf", "vllm"] = knob(
        "auto",
        "generator backend: hf (transformers, rlvr's KV-cached sampler) | vllm (Kwon et al. 2023) | auto (vllm "
        "when it imports, on a GPU or for models >= 50M parameters on CPU; else hf)",
    )
    prompts_per_step: int = knob(8, "B: groups (prompts) per optimiser step (GRPO, Shao et al. 2024)", ge=1)
    group_size: int = knob(
        8, "G: completions sampled per prompt, >= 2 for a group baseline (GRPO, Shao et al. 2024)", ge=2
    )
    max_new_tokens: int = knob(
        64, "L_max: completion length limit in tokens (DAPO's overlong buffer is relative to it)", ge=1
    )
    max_prompt_tokens: int | None = knob(
        None,
        "prompt budget in tokens: training prompts longer than this are left out when the run starts (verl "
        "data.max_prompt_length, filter_overlong_prompts); with rollout.vllm.max_model_len it must fit "
        "prompt + completion, checked at config load; None: no budget",
        ge=1,
    )
    temperature: Float = knob(
        1.0, "sampling temperature, > 0 (DAPO, Yu et al. 2025, samples at 1); also divides logits in the loss", gt=0
    )
    top_p: Float = knob(1.0, "nucleus sampling mass (Holtzman et al. 2020); 1.0 disables it", gt=0, le=1)
    stop: list[str] = knob([], "stop strings: generation of a completion ends after one appears (vLLM stop)")
    prompt_batch: int = knob(64, "prompts prefilled and decoded together by the hf backend (rlvr)", ge=1)
    vllm: VLLMConfig = section(VLLMConfig, "engine settings of the vllm backend (Kwon et al. 2023)")
    is_correction: registered(IS_CORRECTIONS, also=("none",)) = knob(
        "none",
        "sampler/learner mismatch correction of the policy loss (registry IS_CORRECTIONS): none | tis (per-token "
        "truncated importance sampling) | seq_tis (per-sequence); TIS, Yao et al. 2025",
    )
    is_cap: Float = knob(
        2.0,
        "truncation cap C of the IS weight min(pi_learner / pi_sampler, C), >= 1 so on-policy tokens keep weight "
        "1 (TIS, Yao et al. 2025)",
        ge=1,
    )


class AdvantageConfig(Section):
    name: registered(ADVANTAGES) = knob(
        "grpo",
        "estimator (registry ADVANTAGES): grpo (Shao et al. 2024), dr_grpo (Liu et al. 2025), rloo (Ahmadian et "
        "al. 2024), reinforce_pp (Hu 2025)",
    )
    eps: Float = knob(1e-6, "epsilon added to the group std (GRPO, Shao et al. 2024)", ge=0)
    scale: Literal["group", "batch", "none"] | None = knob(
        None,
        "reward std used for scaling: per group (GRPO), whole batch (Liu et al. 2025), none (Dr. GRPO); None: "
        "the estimator's paper default",
    )
    tol: Float = knob(
        1e-6, "reward range at or below which a group counts as constant (exactly zero advantage; rlvr)", ge=0
    )
    whiten: Literal["sequence", "token"] = knob(
        "sequence",
        "reinforce_pp's batch whitening statistics: over completions (each weighs 1) or over tokens (each "
        "completion weighs its counted tokens, as REINFORCE++ whitens token advantages, Hu 2025)",
    )

    @model_validator(mode="after")
    def _token_whitening_is_reinforce_pp(self) -> AdvantageConfig:
        require(
            self.whiten == "sequence" or (self.name == "reinforce_pp" and self.scale in (None, "batch")),
            "whiten",
            f"'token' is reinforce_pp's batch whitening: needs advantages.name=reinforce_pp and advantages.scale "
            f"batch or null, got name={self.name!r}, scale={self.scale!r}",
        )
        return self


class KLConfig(Section):
    """The one owner of the KL-to-reference term, in the loss or in the reward."""

    beta: Float = knob(
        0.0, "beta: KL coefficient to the reference policy (PPO-RLHF, Ouyang et al. 2022); 0: no reference", ge=0
    )
    estimator: registered(KL_ESTIMATORS) = knob(
        "k3",
        "KL estimator (Schulman 2020, 'Approximating KL divergence'): k1 in the reward (RLOO), k2 or k3 in the "
        "loss (GRPO); k1 in the loss has zero expected gradient and is rejected",
    )
    in_reward: bool = knob(
        False, "subtract beta * KL(seq) from the reward instead of adding it to the loss (PPO-RLHF, RLOO)"
    )


class DynamicSamplingConfig(Section):
    dynamic: bool = knob(
        False,
        "drop groups whose rewards (the verifier's scores plus overlong shaping: what the advantages see) do not "
        "vary and sample more prompts (DAPO, Yu et al. 2025)",
    )
    max_rounds: int = knob(4, "generation rounds allowed to fill the batch with informative groups (DAPO)", ge=1)
    oversample: Float = knob(
        1.0,
        "prompts drawn per generation round = ceil(oversample x rollout.prompts_per_step), so one batched call "
        "usually fills the step; surplus informative groups are dropped (DAPO's gen_batch_size / "
        "train_batch_size)",
        ge=1,
    )
    tol: Float = knob(
        1e-6, "score range (max - min) at or below this counts as no variance, guarding float noise (DAPO)", ge=0
    )
    on_exhausted: Literal["partial", "error", "skip"] = knob(
        "partial", "when rounds run out: train on the groups found, raise, or skip the step (DAPO)"
    )
    count_filtered: bool = knob(
        False,
        "count the filtered groups in the loss normaliser and the advantages' batch statistics as "
        "zero-advantage completions: the step's gradient equals that of the same step without filtering "
        "(GRPO, Shao et al. 2024) at the cost of the kept groups only, so a step with few informative groups "
        "moves the policy less; needs max_rounds=1, oversample=1, on_exhausted=partial and no loss term that "
        "is non-zero at zero advantage (checked at load); DAPO (Yu et al. 2025) normalises over the kept "
        "groups (False)",
    )


class RewardConfig(Section):
    verifier: str | None = knob(
        None, "override the task's verifier with this registered verifier name (rlvr verifiers; None: the task's)"
    )
    verifier_kwargs: dict[str, Any] = knob({}, "keyword arguments for the override verifier (rlvr verifiers)")
    overlong_buffer_ratio: Float = knob(
        0.0,
        "soft overlong punishment interval as a fraction of rollout.max_new_tokens (DAPO, Yu et al. 2025); 0 disables",
        ge=0,
        lt=1,
    )
    overlong_penalty: Float = knob(1.0, "penalty reached at the length limit, linear inside the buffer (DAPO)", ge=0)
    overlong_filter: bool = knob(False, "truncated completions get no loss (DAPO's overlong filtering)")
    timeout_s: Float = knob(
        10.0,
        "hard wall-clock limit in seconds on verifying one completion with a verifier that does not bound its own "
        "time (user verifiers): an overrun is a 'timeout' result with reward 0 (rlvr.verifiers.isolated)",
        gt=0,
    )
    isolation: Literal["auto", "inline"] = knob(
        "auto",
        "auto: verifiers without limits of their own run in killable worker processes under reward.timeout_s "
        "(built-ins bound themselves and run inline); inline: every verifier runs in the learner's process, "
        "unbounded (rlvr.verifiers.isolated)",
    )
    workers: int | None = knob(
        None,
        "worker processes of an isolated verifier (rlvr.verifiers.isolated; None: RLVR_VERIFIER_WORKERS or "
        "min(4, CPUs))",
        ge=1,
    )
    memory_mb: int = knob(
        4096, "address-space cap of each isolated verifier worker in MiB (setrlimit RLIMIT_AS; 0: none)", ge=0
    )
    clip_scores: bool = knob(
        False,
        "clip verifier scores outside [0, 1] into it; False: such a score is an 'error' result with reward 0 naming "
        "the verifier (rlvr VerifyResult's contract)",
    )

    @model_validator(mode="after")
    def _verifier_exists(self) -> RewardConfig:
        """A ``module:factory`` override names an importable module; any other name is a registered verifier."""
        name = self.verifier
        if name is None:
            return self
        if is_import_path(name):
            problem = missing_module(name)
            require(problem is None, "verifier", problem or "")
        else:
            require(
                name in VERIFIERS, "verifier", f"unknown verifier {name!r}; choices: {', '.join(VERIFIERS.names())}"
            )
        return self


class LoraConfig(Section):
    enabled: bool = knob(False, "train low-rank adapters instead of all weights (LoRA, Hu et al. 2021)")
    r: int = knob(16, "adapter rank r (LoRA, Hu et al. 2021)", ge=1)
    alpha: Float = knob(
        32.0, "scaling alpha; the update is scaled by alpha/r, or alpha/sqrt(r) with rslora (LoRA)", gt=0
    )
    dropout: Float = knob(0.0, "dropout on the adapter input (LoRA, Hu et al. 2021)", ge=0, lt=1)
    target_modules: list[str] = knob(
        ["q_proj", "k_proj", "v_proj", "o_proj"], "module names that get adapters (LoRA; peft target_modules)"
    )
    rslora: bool = knob(False, "rank-stabilised scaling alpha/sqrt(r) (rsLoRA, Kalajdzievski 2023)")
    dora: bool = knob(False, "weight-decomposed adapters (DoRA, Liu et al. 2024)")
    plus_ratio: Float = knob(1.0, "learning rate of B over that of A (LoRA+, Hayou et al. 2024); 1 disables", gt=0)

    @model_validator(mode="after")
    def _has_targets(self) -> LoraConfig:
        require(bool(self.target_modules), "target_modules", "must name at least one module")
        return self


class OptimConfig(Section):
    lr: Float = knob(1e-6, "AdamW learning rate (Loshchilov & Hutter 2019)", gt=0)
    weight_decay: Float = knob(0.0, "AdamW decoupled weight decay (Loshchilov & Hutter 2019)")
    betas: list[Float] = knob([0.9, 0.999], "AdamW betas (Kingma & Ba 2015)")
    adam_eps: Float = knob(1e-8, "AdamW epsilon (Kingma & Ba 2015)")
    warmup_steps: int = knob(0, "linear warm-up steps from 0 to lr (Goyal et al. 2017)", ge=0)
    schedule: Literal["constant", "linear", "cosine"] = knob(
        "constant", "learning-rate schedule after warm-up (cosine: Loshchilov & Hutter 2017)"
    )
    min_lr_ratio: Float = knob(
        0.0, "final lr / lr for linear and cosine schedules (Loshchilov & Hutter 2017)", ge=0, le=1
    )
    max_grad_norm: Float = knob(1.0, "clip the global gradient norm to this (Pascanu et al. 2013); 0 disables", ge=0)
    micro_batch_size: int = knob(
        16,
        "sequences per forward/backward; gradients accumulate over the step (the loss is normalised by the step's "
        "totals, so this never changes the update; rlvr)",
        ge=1,
    )
    epochs: int = knob(1, "mu: optimiser steps on each rollout batch (GRPO's mu, Shao et al. 2024; PPO epochs)", ge=1)

    @model_validator(mode="after")
    def _betas(self) -> OptimConfig:
        require(len(self.betas) == 2 and all(0 <= b < 1 for b in self.betas), "betas", "must be two numbers in [0, 1)")
        return self


class SftConfig(Section):
    data: str | None = knob(
        None,
        "JSONL of supervised pairs mixed into every step against forgetting (InstructGPT's PPO-ptx, Ouyang et al. "
        "2022); None disables",
    )
    weight: Float = knob(0.1, "coefficient of the SFT negative log-likelihood term (InstructGPT's gamma)", ge=0)
    batch_size: int = knob(4, "SFT examples per optimiser step (InstructGPT's PPO-ptx)", ge=1)
    prompt_field: str = knob("prompt", "JSONL field holding the user prompt (rendered with the task's template)")
    completion_field: str = knob("completion", "JSONL field holding the target completion (InstructGPT's PPO-ptx)")


class EvalConfig(Section):
    before: bool = knob(True, "held-out evaluation before training (pass@1 with standard error; Chen et al. 2021)")
    after: bool = knob(True, "held-out evaluation after training (pass@k, Chen et al. 2021)")
    every: int = knob(0, "evaluate every N steps as well (0: never); feeds the forgetting monitor (rlvr)", ge=0)
    limit: int | None = knob(None, "evaluate on at most this many held-out examples (rlvr)")
    greedy: bool = knob(True, "greedy decoding (pass@1 of the mode); False samples at rollout.temperature")
    n: int = knob(1, "samples per problem; pass@k needs n >= k (Chen et al. 2021)", ge=1)
    split: str = knob("eval", "task split used for held-out evaluation (rlvr.tasks)")
    max_new_tokens: int | None = knob(None, "completion limit for evaluation (None: rollout.max_new_tokens)")
    batch_size: int = knob(
        128,
        "held-out prompts per generate call: on a CPU each decode step streams all the weights, so larger "
        "batches cost little more per step (rlvr)",
        ge=1,
    )


class CheckpointConfig(Section):
    every: int = knob(0, "atomic checkpoint every N steps (rlvr; 0: only at the end)", ge=0)
    keep: int = knob(2, "checkpoints kept on disk, oldest removed first (rlvr)", ge=1)
    save_final: bool = knob(True, "write a checkpoint (and the final weights/adapters) when training ends (rlvr)")


class FaultsConfig(Section):
    max_nonfinite_steps: int = knob(
        3,
        "consecutive steps with a non-finite loss, gradient or updated parameter that are skipped (nothing applied) "
        "before the run stops with an error; 1: stop at the first (mixed-precision loss scaling skips such steps "
        "too: Micikevicius et al. 2018)",
        ge=1,
    )
    rollback_max_mb: Float = knob(
        1024.0,
        "copy the trainable parameters and optimiser state (when they take at most this many MiB) before each "
        "update, so an update that leaves a non-finite parameter is undone and skipped; without a copy such an "
        "update stops the run at once (rlvr). 0: never copy",
        ge=0,
    )
    max_verifier_failure_steps: int = knob(
        3,
        "consecutive steps in which the verifier returns an error or timeout for every completion (so the step "
        "learns nothing) before the run stops with an error naming the verifier (rlvr)",
        ge=1,
    )


class LoggingConfig(Section):
    run_dir: str = knob("runs/run", "directory for metrics.jsonl, config.yaml, checkpoints and the report (rlvr)")
    tensorboard: bool = knob(
        True, "also write TensorBoard scalars when tensorboard is installed (the same as listing it in trackers)"
    )
    trackers: list[registered(TRACKERS)] = knob(
        [],
        "experiment trackers beside metrics.jsonl: tensorboard | wandb (Weights & Biases) | trackio, or a "
        "package's through the rlvr.trackers entry points; each gets the run name, the config and every metric "
        "per step; one that fails warns once and training goes on",
    )
    project: str = knob("rlvr", "project the trackers file the run under (W&B / Trackio project)")
    run_name: str | None = knob(None, "run name in the trackers (W&B / Trackio name); None: the run directory's name")
    tracker_kwargs: dict[str, dict[str, Any]] = knob(
        {},
        "keyword arguments of each tracker's init (wandb.init, trackio.init), by tracker name, e.g. {wandb: "
        "{entity: my-team, tags: [dapo]}}",
    )
    progress: bool = knob(True, "show a progress bar (tqdm)")

    @model_validator(mode="after")
    def _trackers(self) -> LoggingConfig:
        require(len(set(self.trackers)) == len(self.trackers), "trackers", f"lists a tracker twice: {self.trackers}")
        require(
            self.tensorboard or "tensorboard" not in self.trackers,
            "tensorboard",
            "is false while logging.trackers lists tensorboard; drop one of the two",
        )
        for name in self.tracker_kwargs:
            require(
                name in self.trackers or (name == "tensorboard" and self.tensorboard),
                "tracker_kwargs",
                f"has settings for {name!r}, which logging.trackers does not list",
            )
        return self


class MonitorConfig(Section):
    enabled: bool = knob(
        True,
        "rule-based pitfall monitor (rlvr): reward hacking, mode/entropy collapse, KL runaway, instability, "
        "forgetting (docs/learner.md)",
    )
    window: int = knob(5, "steps per comparison window (recent window vs the first window; rlvr monitor)", ge=1)
    length_growth: Float = knob(
        2.0, "reward hacking: mean response length grew by this factor while reward rose (rlvr monitor)"
    )
    distinct_min: Float = knob(
        0.25, "mode collapse: mean fraction of distinct completions per group below this while reward rose"
    )
    entropy_min_ratio: Float = knob(
        0.1, "entropy collapse: recent mean entropy below this fraction of the first window's (rlvr monitor)"
    )
    entropy_min: Float = knob(0.01, "entropy collapse: recent mean entropy (nats/token) below this (rlvr monitor)")
    kl_max: Float = knob(1.0, "KL runaway: mean per-token KL above this (rlvr monitor)")
    kl_growth: Float = knob(10.0, "KL runaway: KL grew by this factor over the first non-zero window (rlvr monitor)")
    grad_spike: Float = knob(10.0, "instability: grad norm above this multiple of the running median (rlvr monitor)")
    eval_drop_se: Float = knob(
        2.0, "forgetting: held-out pass@1 fell below the best by this many combined standard errors (rlvr monitor)"
    )


class RunConfig(Section):
    """Everything a training run needs. ``steps`` optimiser rollouts of ``rollout.prompts_per_step`` groups."""

    seed: int = knob(0, "seed of data order, sampling and initialisation (torch, random; docs/learner.md)")
    steps: int = knob(100, "training steps (rollout + update rounds)", ge=1)
    max_minutes: Float | None = knob(
        None,
        "wall-clock budget of the training steps in minutes: a step still running when it ends is abandoned "
        "(nothing of it applied), then the after-training evaluation runs; None: no budget (rlvr)",
        gt=0,
    )
    preset: str | None = knob(
        None, "algorithm preset (a file of configs/presets/) filled before the file's own values: grpo | dr_grpo | ..."
    )
    model: ModelConfig = section(ModelConfig, "the policy")
    task: TaskConfig = section(TaskConfig, "the task: data, prompts, verifier")
    rollout: RolloutConfig = section(RolloutConfig, "sampling")
    advantages: AdvantageConfig = section(AdvantageConfig, "advantage estimator")
    loss: LossConfig = section(LossConfig, "policy loss (the KL term is the kl section's)")
    kl: KLConfig = section(KLConfig, "KL regularisation to the reference policy, in the loss or in the reward")
    sampling: DynamicSamplingConfig = section(DynamicSamplingConfig, "dynamic sampling (DAPO)")
    reward: RewardConfig = section(RewardConfig, "reward shaping")
    credit: CreditConfig = knob(NoCredit(), "token-level credit assignment by method (VinePPO, Math-Shepherd, ...)")
    lora: LoraConfig = section(LoraConfig, "low-rank adapters")
    optim: OptimConfig = section(OptimConfig, "optimiser")
    sft: SftConfig = section(SftConfig, "supervised data mixing")
    eval: EvalConfig = section(EvalConfig, "held-out evaluation")
    checkpoint: CheckpointConfig = section(CheckpointConfig, "checkpoints")
    logging: LoggingConfig = section(LoggingConfig, "outputs")
    monitor: MonitorConfig = section(MonitorConfig, "pitfall monitor thresholds")
    faults: FaultsConfig = section(FaultsConfig, "non-finite updates (docs/learner.md, faults)")
    distributed: DistributedConfig = section(
        DistributedConfig, "where the stages run: this process, or actor groups on Ray (docs/distributed.md)"
    )
    # ``async`` is a Python keyword: the field is declared by name (read it with ``async_section(cfg)``)
    __annotations__["async"] = "AsyncConfig"
    locals()["async"] = section(AsyncConfig, "asynchronous training: rollouts overlap the update (docs/distributed.md)")

    @model_validator(mode="after")
    def _across_sections(self) -> RunConfig:
        require(
            self.preset is None or self.preset in preset_names(),
            "preset",
            f"unknown preset {self.preset!r}; choose from {', '.join(preset_names())}",
        )
        errors = combination_errors(self)
        if errors:
            raise ValueError(errors[0])
        _check_context_budget(self)
        return self

    def loss_config(self) -> Objective:
        """What the loss evaluates: the loss section with Dr. GRPO's length resolved, and the kl section's term
        (none when KL goes into the reward)."""
        max_len = self.loss.max_completion_len or self.rollout.max_new_tokens
        beta = 0.0 if self.kl.in_reward else self.kl.beta
        return Objective(self.loss.replace(max_completion_len=max_len), beta, self.kl.estimator)

    @property
    def needs_reference(self) -> bool:
        return self.kl.beta > 0

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump()


def _check_context_budget(cfg: RunConfig) -> None:
    """The vLLM engine's context (``rollout.vllm.max_model_len``) must hold the prompt budget plus the longest
    completion asked of it, in training and in evaluation; found here, not when the first long prompt meets
    the engine. Applies whenever the vllm backend may run (``backend`` auto or vllm)."""
    r = cfg.rollout
    limit = r.vllm.max_model_len
    if limit is None or r.backend == "hf":
        return
    prompt = r.max_prompt_tokens
    for name, completion in (
        ("rollout.max_new_tokens", r.max_new_tokens),
        ("eval.max_new_tokens", cfg.eval.max_new_tokens),
    ):
        if completion is None:
            continue
        if prompt is None and limit <= completion:
            raise FieldError(
                "rollout.vllm.max_model_len",
                f"{limit} leaves no room for a prompt beside {name}={completion}; raise it, lower {name}, and set "
                "rollout.max_prompt_tokens",
            )
        if prompt is not None and limit < prompt + completion:
            raise FieldError(
                "rollout.vllm.max_model_len",
                f"{limit} is less than rollout.max_prompt_tokens ({prompt}) + {name} ({completion}) = "
                f"{prompt + completion}; raise it or lower one of the two",
            )


# ---------------------------------------------------------------------------------------------- presets
@functools.cache
def preset_names() -> list[str]:
    """The presets shipped in ``configs/presets/`` (one YAML file each: only the algorithm's knobs)."""
    folder = files("rlvr.configs") / "presets"
    return sorted(f.name.removesuffix(".yaml") for f in folder.iterdir() if f.name.endswith(".yaml"))


def preset(name: str) -> dict[str, Any]:
    """The settings of preset ``name`` as a plain mapping."""
    if name not in preset_names():
        raise ConfigError(f"preset: unknown preset {name!r}; choose from {', '.join(preset_names())}")
    data = yaml.safe_load((files("rlvr.configs") / "presets" / f"{name}.yaml").read_text()) or {}
    if not isinstance(data, Mapping) or "preset" in data:
        raise ConfigError(f"preset: configs/presets/{name}.yaml must be a mapping of settings without 'preset'")
    return dict(data)


# ---------------------------------------------------------------------------------------------- loading
def parse_override(item: str) -> dict[str, Any]:
    """``"loss.policy.eps_high=0.28"`` -> ``{"loss": {"policy": {"eps_high": 0.28}}}`` (the value is YAML)."""
    if "=" not in item:
        raise ConfigError(f"override {item!r}: expected key.sub=value")
    key, raw = item.split("=", 1)
    parts = key.strip().split(".")
    if not all(parts):
        raise ConfigError(f"override {item!r}: empty key part")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError as e:
        raise ConfigError(f"{key.strip()}: the value {raw!r} is not valid YAML: {e}") from None
    nested: dict[str, Any] = {parts[-1]: value}
    for p in reversed(parts[:-1]):
        nested = {p: nested}
    return nested


def resolve(data: Mapping[str, Any], overrides: Sequence[str] = (), saved: bool = False) -> RunConfig:
    """A RunConfig from a plain mapping plus dotted overrides; the preset (if any) is filled first. Keys of the
    earlier flat shape are migrated (:func:`rlvr.rl_core.config_legacy.migrate`; ``saved``: ``data`` is a
    config an earlier version wrote into a run directory)."""
    from rlvr.rl_core.config_legacy import migrate

    merged = merge(RunConfig, {}, migrate(data, saved=saved))
    for item in overrides:
        merged = merge(RunConfig, merged, migrate(parse_override(item)))
    name = merged.get("preset")
    if isinstance(name, str):
        merged = merge(RunConfig, preset(name), merged)
    return build(RunConfig, merged)


def shipped_configs() -> list[str]:
    """Names of the configs shipped inside the package (``configs/*.yaml`` of the checkout)."""
    return sorted(f.name.removesuffix(".yaml") for f in files("rlvr.configs").iterdir() if f.name.endswith(".yaml"))


def config_file(spec: str | Path) -> Path:
    """The YAML file ``spec`` names: an existing path, else a config shipped with rlvr by name (``default``,
    ``tiny.yaml``), so ``rlvr train --config default`` works after a plain ``pip install``."""
    path = Path(spec)
    if path.exists() or path.parent != Path("."):
        return path
    name = path.name if path.suffix == ".yaml" else f"{path.name}.yaml"
    shipped = files("rlvr.configs") / name
    if not shipped.is_file():
        raise ConfigError(
            f"config {str(spec)!r}: no such file, nor a shipped config (shipped: {', '.join(shipped_configs())})"
        )
    with as_file(shipped) as real:  # a real path on disk for any installed layout
        return Path(real)


def load_config(path: str | Path | None, overrides: Sequence[str] = ()) -> RunConfig:
    """Load a YAML config file — a path or the name of a shipped config (:func:`config_file`) — or the
    defaults when ``path`` is None, and apply dotted overrides."""
    data: Any = {}
    if path is not None:
        path = config_file(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise ConfigError(f"{path}: not UTF-8 text: {e}") from None
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as e:
            raise ConfigError(f"{path}: not valid YAML: {e}") from None
        if not isinstance(data, Mapping):
            raise ConfigError(f"{path}: the top level must be a mapping")
    return resolve(data, overrides)


def dump_config(cfg: RunConfig, path: str | Path) -> None:
    """Write the resolved config as YAML (loadable by :func:`load_config`)."""
    Path(path).write_text(yaml.safe_dump(cfg.to_dict(), sort_keys=False))


def describe(model: type[Section] = RunConfig, prefix: str = "") -> list[tuple[str, str, str]]:
    """(dotted field, default, help) for every leaf field, variants as ``field[tag].name``: the table of all
    knobs."""
    return describe_model(model, prefix)
