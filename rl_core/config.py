"""The run configuration: one dataclass per component, YAML + dotted overrides, paper presets.

Every field carries a help string naming the paper it comes from. :func:`load_config` builds a
:class:`RunConfig` from a YAML file (optionally ``preset: <name>``, whose settings are filled first and
then overridden by the file) and ``key.sub=value`` overrides; unknown keys and bad values raise
:class:`ConfigError` naming the dotted field.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from rlvr.rl_core.advantages import ADVANTAGES
from rlvr.rl_core.config_checks import combination_errors
from rlvr.rl_core.credit import CreditConfig
from rlvr.rl_core.losses import LossConfig
from rlvr.rl_core.mismatch import IS_CORRECTIONS
from rlvr.rl_core.rollout.vllm import VLLMConfig


class ConfigError(ValueError):
    """A bad configuration value; the message starts with the dotted field name."""


def opt(default: Any, help: str) -> Any:  # noqa: A002 - "help" is the natural name here
    """A dataclass field with a help string (mutable defaults are copied per instance)."""
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata={"help": help})
    return field(default=default, metadata={"help": help})


def section(cls: type, help: str) -> Any:  # noqa: A002
    """A nested config section with its default instance."""
    return field(default_factory=cls, metadata={"help": help})


def _require(cond: bool, name: str, msg: str) -> None:
    if not cond:
        raise ConfigError(f"{name}: {msg}")


# the distributed section builds on the helpers above (imported after them: its module imports this one)
from rlvr.rl_core.distributed import config as distributed_config  # noqa: E402


@dataclass
class ModelConfig:
    name: str = opt(
        "tiny",
        "model: 'tiny' (random Llama, tests), 'smollm2' (embedded SmolLM2-135M-Instruct), a local checkpoint or "
        "LoRA adapter directory, or a model hub id 'org/name' (transformers from_pretrained: the HF cache, "
        "HF_HOME and HF_HUB_OFFLINE apply)",
    )
    revision: str | None = opt(
        None, "hub revision of model.name: branch, tag or commit hash (transformers from_pretrained); None: main"
    )
    trust_remote_code: bool = opt(
        False,
        "run the model repository's own Python code (transformers trust_remote_code) in the learner, the vLLM "
        "engine and a PRM backbone; only for repositories you trust",
    )
    attn_implementation: Literal["sdpa", "eager", "flash_attention_2", "flash_attention_3", "flex_attention"] = opt(
        "sdpa",
        "attention kernel of the learner (transformers attn_implementation): sdpa (torch "
        "scaled_dot_product_attention), eager, flash_attention_2/3 (FlashAttention, Dao 2023; CUDA and the "
        "flash-attn package), flex_attention; the vLLM engine picks its own",
    )
    kwargs: dict[str, Any] = opt(
        {},
        "keyword arguments for the model loader: tiny sizes (hidden_size, num_layers, ...), else more "
        "transformers from_pretrained keywords, config overrides such as max_position_embeddings included",
    )
    dtype: Literal["float32", "bfloat16", "float16"] = opt("float32", "parameter dtype of the policy")
    autocast: Literal["none", "bfloat16", "float16"] = opt(
        "none",
        "mixed-precision forward/backward of the learner "
        "(torch.autocast; weights, gradients and optimiser state stay in dtype; Micikevicius et al. 2018). "
        "bfloat16 made SmolLM2-135M LoRA updates ~25% faster on a CPU with AVX512-BF16",
    )
    device: str = opt("auto", "'auto' (cuda when available, else cpu), 'cpu' or 'cuda[:i]'")
    gradient_checkpointing: bool = opt(False, "recompute activations in backward to save memory (Chen et al. 2016)")

    def __post_init__(self) -> None:
        _require(
            not (self.attn_implementation.startswith("flash") and self.device == "cpu"),
            "attn_implementation",
            f"{self.attn_implementation} needs a CUDA GPU, but model.device is 'cpu' (use sdpa)",
        )
        _require(
            self.revision is None or self.name not in ("tiny", "smollm2"),
            "revision",
            f"applies to hub ids; model.name is {self.name!r}",
        )


@dataclass
class TaskConfig:
    name: str = opt("arithmetic", "registered task name (rlvr tasks list) or 'module:factory' import path")
    kwargs: dict[str, Any] = opt({}, "keyword config passed to the task factory")


@dataclass
class RolloutConfig:
    backend: str = opt(
        "auto",
        "generator backend: auto | hf | vllm (auto: vllm when it imports, on a GPU or for models >= 50M parameters on CPU; else hf)",
    )
    prompts_per_step: int = opt(8, "B: groups (prompts) per optimiser step (GRPO, Shao et al. 2024)")
    group_size: int = opt(8, "G: completions sampled per prompt (GRPO, Shao et al. 2024)")
    max_new_tokens: int = opt(64, "L_max: completion length limit in tokens (DAPO's overlong buffer is relative to it)")
    max_prompt_tokens: int | None = opt(
        None,
        "prompt budget in tokens: training prompts longer than this are left out when the run starts (verl "
        "data.max_prompt_length, filter_overlong_prompts); with rollout.vllm.max_model_len it must fit "
        "prompt + completion, checked at config load; None: no budget",
    )
    temperature: float = opt(1.0, "sampling temperature (DAPO uses 1.0); also divides logits in the loss")
    top_p: float = opt(1.0, "nucleus sampling mass (Holtzman et al. 2020); 1.0 disables it")
    stop: list[str] = opt([], "stop strings: generation of a completion ends after one appears")
    prompt_batch: int = opt(64, "prompts prefilled and decoded together by the hf backend")
    vllm: VLLMConfig = section(VLLMConfig, "engine settings of the vllm backend (Kwon et al. 2023)")
    is_correction: str = opt(
        "none",
        "sampler/learner mismatch correction of the policy loss (registry IS_CORRECTIONS): none | tis (per-token truncated importance sampling) | seq_tis (per-sequence); TIS, Yao et al. 2025, 'Your efficient RL framework secretly brings you off-policy RL training'",
    )
    is_cap: float = opt(
        2.0, "truncation cap C of the IS weight min(pi_learner / pi_sampler, C), >= 1 (TIS, Yao et al. 2025, use C = 2)"
    )

    def __post_init__(self) -> None:
        _require(self.prompts_per_step >= 1, "prompts_per_step", "must be >= 1")
        _require(self.group_size >= 2, "group_size", "must be >= 2 (group baselines need two samples)")
        _require(self.max_new_tokens >= 1, "max_new_tokens", "must be >= 1")
        _require(self.max_prompt_tokens is None or self.max_prompt_tokens >= 1, "max_prompt_tokens", "must be >= 1")
        _require(self.temperature > 0, "temperature", "must be > 0 for RL sampling")
        _require(0 < self.top_p <= 1, "top_p", "must lie in (0, 1]")
        _require(self.prompt_batch >= 1, "prompt_batch", "must be >= 1")
        _require(
            self.is_correction == "none" or self.is_correction in IS_CORRECTIONS,
            "is_correction",
            f"must be 'none' or one of {IS_CORRECTIONS.names()}, got {self.is_correction!r}",
        )
        _require(
            self.is_cap >= 1, "is_cap", f"must be >= 1 (a cap below 1 down-weights on-policy tokens), got {self.is_cap}"
        )


@dataclass
class AdvantageConfig:
    name: str = opt(
        "grpo",
        "estimator: grpo (Shao et al. 2024), dr_grpo (Liu et al. 2025), rloo (Ahmadian et al. 2024), reinforce_pp (Hu 2025)",
    )
    eps: float = opt(1e-6, "epsilon added to the group std (GRPO)")
    scale: Literal["group", "batch", "none"] | None = opt(
        None,
        "reward std used for scaling: per group (GRPO), whole batch (Liu et al. 2025), none (Dr. GRPO); None: the estimator's paper default",
    )
    tol: float = opt(1e-6, "reward range at or below which a group counts as constant (exactly zero advantage)")
    whiten: Literal["sequence", "token"] = opt(
        "sequence",
        "reinforce_pp's batch whitening statistics: over completions (each weighs 1) or over tokens (each "
        "completion weighs its counted tokens, as REINFORCE++ whitens token advantages, Hu 2025)",
    )

    def __post_init__(self) -> None:
        try:
            ADVANTAGES.check(self.name, "name")
        except ValueError as e:
            raise ConfigError(str(e)) from None
        _require(self.eps >= 0, "eps", "must be >= 0")
        _require(
            self.whiten == "sequence" or (self.name == "reinforce_pp" and self.scale in (None, "batch")),
            "whiten",
            f"'token' is reinforce_pp's batch whitening: needs advantages.name=reinforce_pp and advantages.scale "
            f"batch or null, got name={self.name!r}, scale={self.scale!r}",
        )


@dataclass
class KLConfig:
    beta: float = opt(
        0.0,
        "beta: KL coefficient to the reference policy (PPO-RLHF, Ouyang et al. 2022; GRPO uses 0.04; DAPO and Dr. GRPO 0)",
    )
    estimator: Literal["k1", "k2", "k3"] = opt(
        "k3",
        "KL estimator (Schulman 2020, 'Approximating KL divergence'): k1 in the reward (RLOO), k2 or k3 in the "
        "loss (GRPO uses k3); k1 in the loss has zero expected gradient and is rejected",
    )
    in_reward: bool = opt(
        False, "subtract beta * KL(seq) from the reward instead of adding it to the loss (PPO-RLHF, RLOO)"
    )

    def __post_init__(self) -> None:
        _require(self.beta >= 0, "beta", "must be >= 0")


@dataclass
class DynamicSamplingConfig:
    dynamic: bool = opt(
        False,
        "drop groups whose rewards (the verifier's scores plus overlong shaping: what the advantages see) do not "
        "vary and sample more prompts (DAPO, Yu et al. 2025)",
    )
    max_rounds: int = opt(4, "generation rounds allowed to fill the batch with informative groups (DAPO)")
    oversample: float = opt(
        1.0,
        "prompts drawn per generation round = ceil(oversample x rollout.prompts_per_step), so one batched call usually fills the step; surplus informative groups are dropped (DAPO's gen_batch_size / train_batch_size)",
    )
    tol: float = opt(1e-6, "score range (max - min) at or below this counts as no variance (guards float noise)")
    on_exhausted: Literal["partial", "error", "skip"] = opt(
        "partial", "when rounds run out: train on the groups found, raise, or skip the step"
    )
    count_filtered: bool = opt(
        False,
        "count the filtered groups in the loss normaliser and the advantages' batch statistics as "
        "zero-advantage completions: the step's gradient equals that of the same step without filtering "
        "(GRPO, Shao et al. 2024) at the cost of the kept groups only, so a step with few informative groups "
        "moves the policy less; needs max_rounds=1, oversample=1, on_exhausted=partial and no loss term that "
        "is non-zero at zero advantage (checked at load); DAPO (Yu et al. 2025) normalises over the kept "
        "groups (False)",
    )

    def __post_init__(self) -> None:
        _require(self.max_rounds >= 1, "max_rounds", "must be >= 1")
        _require(self.oversample >= 1, "oversample", "must be >= 1")
        _require(self.tol >= 0, "tol", "must be >= 0")


@dataclass
class RewardConfig:
    verifier: str | None = opt(
        None, "override the task's verifier with this registered verifier name (None: the task's own)"
    )
    verifier_kwargs: dict[str, Any] = opt({}, "keyword arguments for the override verifier")
    overlong_buffer_ratio: float = opt(
        0.0,
        "DAPO soft overlong punishment interval as a fraction of rollout.max_new_tokens (DAPO: 4096/20480 = 0.2); 0 disables",
    )
    overlong_penalty: float = opt(1.0, "DAPO: penalty reached at the length limit (linear inside the buffer)")
    overlong_filter: bool = opt(False, "DAPO overlong filtering: truncated completions get no loss")
    timeout_s: float = opt(
        10.0,
        "hard wall-clock limit in seconds on verifying one completion with a verifier that does not bound its own "
        "time (user verifiers): an overrun is a 'timeout' result with reward 0 (rlvr.verifiers.isolated)",
    )
    isolation: Literal["auto", "inline"] = opt(
        "auto",
        "auto: verifiers without limits of their own run in killable worker processes under reward.timeout_s "
        "(built-ins bound themselves and run inline); inline: every verifier runs in the learner's process, "
        "unbounded (for verifiers that cannot be copied to a process)",
    )
    workers: int | None = opt(
        None, "worker processes of an isolated verifier (None: RLVR_VERIFIER_WORKERS or min(4, CPUs))"
    )
    memory_mb: int = opt(4096, "address-space cap of each isolated verifier worker in MiB (0: none)")
    clip_scores: bool = opt(
        False,
        "clip verifier scores outside [0, 1] into it; False: such a score is an 'error' result with reward 0 naming "
        "the verifier (VerifyResult's contract)",
    )

    def __post_init__(self) -> None:
        _require(0 <= self.overlong_buffer_ratio < 1, "overlong_buffer_ratio", "must lie in [0, 1)")
        _require(self.overlong_penalty >= 0, "overlong_penalty", "must be >= 0")
        _require(self.timeout_s > 0, "timeout_s", "must be > 0")
        _require(self.workers is None or self.workers >= 1, "workers", "must be >= 1 (or null)")
        _require(self.memory_mb >= 0, "memory_mb", "must be >= 0")


@dataclass
class LoraConfig:
    enabled: bool = opt(False, "train low-rank adapters instead of all weights (LoRA, Hu et al. 2021)")
    r: int = opt(16, "adapter rank r (LoRA)")
    alpha: float = opt(32.0, "scaling alpha; the update is scaled by alpha/r, or alpha/sqrt(r) with rslora (LoRA)")
    dropout: float = opt(0.0, "dropout on the adapter input (LoRA)")
    target_modules: list[str] = opt(["q_proj", "k_proj", "v_proj", "o_proj"], "module names that get adapters (LoRA)")
    rslora: bool = opt(False, "rank-stabilised scaling alpha/sqrt(r) (rsLoRA, Kalajdzievski 2023)")
    dora: bool = opt(False, "weight-decomposed adapters (DoRA, Liu et al. 2024)")
    plus_ratio: float = opt(1.0, "LoRA+: learning rate of B over that of A (Hayou et al. 2024 suggest 16); 1 disables")

    def __post_init__(self) -> None:
        _require(self.r >= 1, "r", "must be >= 1")
        _require(self.alpha > 0, "alpha", "must be > 0")
        _require(0 <= self.dropout < 1, "dropout", "must lie in [0, 1)")
        _require(bool(self.target_modules), "target_modules", "must name at least one module")
        _require(self.plus_ratio > 0, "plus_ratio", "must be > 0")


@dataclass
class OptimConfig:
    lr: float = opt(1e-6, "AdamW learning rate (Loshchilov & Hutter 2019); LoRA runs use ~1e-4..2e-4")
    weight_decay: float = opt(0.0, "AdamW decoupled weight decay")
    betas: list[float] = opt([0.9, 0.999], "AdamW betas")
    adam_eps: float = opt(1e-8, "AdamW epsilon")
    warmup_steps: int = opt(0, "linear warm-up steps from 0 to lr (Goyal et al. 2017)")
    schedule: Literal["constant", "linear", "cosine"] = opt("constant", "learning-rate schedule after warm-up")
    min_lr_ratio: float = opt(0.0, "final lr / lr for linear and cosine schedules")
    max_grad_norm: float = opt(1.0, "clip the global gradient norm to this (Pascanu et al. 2013); 0 disables")
    micro_batch_size: int = opt(
        16,
        "sequences per forward/backward; gradients accumulate over the step (the loss is normalised by the step's totals, so this never changes the update)",
    )
    epochs: int = opt(1, "mu: optimiser steps on each rollout batch (GRPO's mu; PPO epochs)")

    def __post_init__(self) -> None:
        _require(self.lr > 0, "lr", "must be > 0")
        _require(len(self.betas) == 2 and all(0 <= b < 1 for b in self.betas), "betas", "must be two numbers in [0, 1)")
        _require(self.warmup_steps >= 0, "warmup_steps", "must be >= 0")
        _require(0 <= self.min_lr_ratio <= 1, "min_lr_ratio", "must lie in [0, 1]")
        _require(self.max_grad_norm >= 0, "max_grad_norm", "must be >= 0")
        _require(self.micro_batch_size >= 1, "micro_batch_size", "must be >= 1")
        _require(self.epochs >= 1, "epochs", "must be >= 1")


@dataclass
class SftConfig:
    data: str | None = opt(
        None,
        "JSONL of supervised pairs mixed into every step against forgetting (InstructGPT's PPO-ptx, Ouyang et al. 2022); None disables",
    )
    weight: float = opt(0.1, "coefficient of the SFT negative log-likelihood term (InstructGPT's gamma)")
    batch_size: int = opt(4, "SFT examples per optimiser step")
    prompt_field: str = opt("prompt", "JSONL field holding the user prompt (rendered with the task's template)")
    completion_field: str = opt("completion", "JSONL field holding the target completion")

    def __post_init__(self) -> None:
        _require(self.weight >= 0, "weight", "must be >= 0")
        _require(self.batch_size >= 1, "batch_size", "must be >= 1")


@dataclass
class EvalConfig:
    before: bool = opt(True, "held-out evaluation before training (pass@1 with standard error)")
    after: bool = opt(True, "held-out evaluation after training")
    every: int = opt(0, "evaluate every N steps as well (0: never); feeds the forgetting monitor")
    limit: int | None = opt(None, "evaluate on at most this many held-out examples")
    greedy: bool = opt(True, "greedy decoding (pass@1 of the mode); False samples at rollout.temperature")
    n: int = opt(1, "samples per problem (pass@k needs n >= k)")
    split: str = opt("eval", "task split used for held-out evaluation")
    max_new_tokens: int | None = opt(None, "completion limit for evaluation (None: rollout.max_new_tokens)")
    batch_size: int = opt(
        128,
        "held-out prompts per generate call: on a CPU each decode step streams all the "
        "weights, so larger batches cost little more per step",
    )

    def __post_init__(self) -> None:
        _require(self.every >= 0, "every", "must be >= 0")
        _require(self.batch_size >= 1, "batch_size", "must be >= 1")
        _require(self.n >= 1, "n", "must be >= 1")


@dataclass
class CheckpointConfig:
    every: int = opt(0, "atomic checkpoint every N steps (0: only at the end)")
    keep: int = opt(2, "checkpoints kept on disk (oldest removed first)")
    save_final: bool = opt(True, "write a checkpoint (and the final weights/adapters) when training ends")

    def __post_init__(self) -> None:
        _require(self.every >= 0, "every", "must be >= 0")
        _require(self.keep >= 1, "keep", "must be >= 1")


@dataclass
class FaultsConfig:
    max_nonfinite_steps: int = opt(
        3,
        "consecutive steps with a non-finite loss, gradient or updated parameter that are skipped (nothing applied) "
        "before the run stops with an error; 1: stop at the first (mixed-precision loss scaling skips such steps "
        "too: Micikevicius et al. 2018)",
    )
    rollback_max_mb: float = opt(
        1024.0,
        "copy the trainable parameters and optimiser state (when they take at most this many MiB) before each "
        "update, so an update that leaves a non-finite parameter is undone and skipped; without a copy such an "
        "update stops the run at once. 0: never copy",
    )

    def __post_init__(self) -> None:
        _require(self.max_nonfinite_steps >= 1, "max_nonfinite_steps", "must be >= 1")
        _require(self.rollback_max_mb >= 0, "rollback_max_mb", "must be >= 0")


@dataclass
class LoggingConfig:
    run_dir: str = opt("runs/run", "directory for metrics.jsonl, config.yaml, checkpoints and the report")
    tensorboard: bool = opt(
        True, "also write TensorBoard scalars when tensorboard is installed (the same as listing it in trackers)"
    )
    trackers: list[str] = opt(
        [],
        "experiment trackers beside metrics.jsonl: tensorboard | wandb (Weights & Biases) | trackio, or a "
        "package's through the rlvr.trackers entry points; each gets the run name, the config and every metric "
        "per step; one that fails warns once and training goes on",
    )
    project: str = opt("rlvr", "project the trackers file the run under (W&B / Trackio project)")
    run_name: str | None = opt(None, "run name in the trackers; None: the run directory's name")
    tracker_kwargs: dict[str, dict[str, Any]] = opt(
        {},
        "keyword arguments of each tracker's init, by tracker name, e.g. {wandb: {entity: my-team, tags: [dapo]}}",
    )
    progress: bool = opt(True, "show a progress bar")

    def __post_init__(self) -> None:
        from rlvr.rl_core.trackers import TRACKERS

        for i, name in enumerate(self.trackers):
            _require(name in TRACKERS, f"trackers[{i}]", f"unknown tracker {name!r}; choose from {TRACKERS.names()}")
        _require(len(set(self.trackers)) == len(self.trackers), "trackers", f"lists a tracker twice: {self.trackers}")
        _require(
            self.tensorboard or "tensorboard" not in self.trackers,
            "tensorboard",
            "is false while logging.trackers lists tensorboard; drop one of the two",
        )
        for name in self.tracker_kwargs:
            _require(
                name in self.trackers or (name == "tensorboard" and self.tensorboard),
                "tracker_kwargs",
                f"has settings for {name!r}, which logging.trackers does not list",
            )


@dataclass
class MonitorConfig:
    enabled: bool = opt(
        True, "rule-based pitfall monitor (reward hacking, mode/entropy collapse, KL runaway, instability, forgetting)"
    )
    window: int = opt(5, "steps per comparison window (recent window vs the first window)")
    length_growth: float = opt(2.0, "reward hacking: mean response length grew by this factor while reward rose")
    distinct_min: float = opt(
        0.25, "mode collapse: mean fraction of distinct completions per group below this while reward rose"
    )
    entropy_min_ratio: float = opt(
        0.1, "entropy collapse: recent mean entropy below this fraction of the first window's"
    )
    entropy_min: float = opt(0.01, "entropy collapse: recent mean entropy (nats/token) below this")
    kl_max: float = opt(1.0, "KL runaway: mean per-token KL above this")
    kl_growth: float = opt(10.0, "KL runaway: KL grew by this factor over the first non-zero window")
    grad_spike: float = opt(10.0, "instability: grad norm above this multiple of the running median")
    eval_drop_se: float = opt(
        2.0, "forgetting: held-out pass@1 fell below the best by this many combined standard errors"
    )

    def __post_init__(self) -> None:
        _require(self.window >= 1, "window", "must be >= 1")


@dataclass
class RunConfig:
    """Everything a training run needs. ``steps`` optimiser rollouts of ``rollout.prompts_per_step`` groups."""

    seed: int = opt(
        0,
        "seed of data order, sampling and initialisation (runs with the tiny model are bit-identical on CPU; larger models may part by float noise, see docs/learner.md)",
    )
    steps: int = opt(100, "training steps (rollout + update rounds)")
    max_minutes: float | None = opt(
        None,
        "wall-clock budget of the training steps in minutes: a step still running when it ends is abandoned "
        "(nothing of it applied), then the after-training evaluation runs; None: no budget",
    )
    preset: str | None = opt(None, "paper preset filled before the file's own values: grpo | dr_grpo | rloo | dapo")
    model: ModelConfig = section(ModelConfig, "the policy")
    task: TaskConfig = section(TaskConfig, "the task: data, prompts, verifier")
    rollout: RolloutConfig = section(RolloutConfig, "sampling")
    advantages: AdvantageConfig = section(AdvantageConfig, "advantage estimator")
    loss: LossConfig = section(LossConfig, "policy loss (set KL through the kl section)")
    kl: KLConfig = section(KLConfig, "KL regularisation to the reference policy")
    sampling: DynamicSamplingConfig = section(DynamicSamplingConfig, "dynamic sampling (DAPO)")
    reward: RewardConfig = section(RewardConfig, "reward shaping")
    credit: CreditConfig = section(
        CreditConfig, "token-level credit assignment (VinePPO, Math-Shepherd, redistribution)"
    )
    lora: LoraConfig = section(LoraConfig, "low-rank adapters")
    optim: OptimConfig = section(OptimConfig, "optimiser")
    sft: SftConfig = section(SftConfig, "supervised data mixing")
    eval: EvalConfig = section(EvalConfig, "held-out evaluation")
    checkpoint: CheckpointConfig = section(CheckpointConfig, "checkpoints")
    logging: LoggingConfig = section(LoggingConfig, "outputs")
    monitor: MonitorConfig = section(MonitorConfig, "pitfall monitor thresholds")
    faults: FaultsConfig = section(FaultsConfig, "non-finite updates (docs/learner.md, faults)")
    distributed: distributed_config.DistributedConfig = field(
        default_factory=lambda: distributed_config.DistributedConfig(),
        metadata={"help": "where the stages run: this process, or actor groups on Ray (docs/distributed.md)"},
    )

    def __post_init__(self) -> None:
        _require(self.steps >= 1, "steps", "must be >= 1")
        _require(self.max_minutes is None or self.max_minutes > 0, "max_minutes", "must be > 0 (or null for no budget)")
        _require(
            self.preset is None or self.preset in PRESETS, "preset", f"unknown preset; choose from {sorted(PRESETS)}"
        )
        errors = combination_errors(self)
        if errors:
            raise ConfigError(errors[0])
        _check_context_budget(self)

    def loss_config(self) -> LossConfig:
        """The loss configuration with the KL term of the kl section (zero when KL goes into the reward)."""
        beta = 0.0 if self.kl.in_reward else self.kl.beta
        max_len = self.loss.max_completion_len or self.rollout.max_new_tokens
        return dataclasses.replace(self.loss, kl_beta=beta, kl_estimator=self.kl.estimator, max_completion_len=max_len)

    @property
    def needs_reference(self) -> bool:
        return self.kl.beta > 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


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
            raise ConfigError(
                f"rollout.vllm.max_model_len: {limit} leaves no room for a prompt beside {name}={completion}; "
                f"raise it, lower {name}, and set rollout.max_prompt_tokens"
            )
        if prompt is not None and limit < prompt + completion:
            raise ConfigError(
                f"rollout.vllm.max_model_len: {limit} is less than rollout.max_prompt_tokens ({prompt}) + "
                f"{name} ({completion}) = {prompt + completion}; raise it or lower one of the two"
            )


#: Paper presets: only the algorithm's knobs (sizes, model and task stay the user's).
PRESETS: dict[str, dict[str, Any]] = {
    # DeepSeekMath (Shao et al. 2024): group-normalised advantages, k3 KL in the loss with beta 0.04,
    # per-sequence mean then mean over sequences, symmetric clip 0.2.
    "grpo": {
        "advantages": {"name": "grpo", "scale": "group"},
        "loss": {"policy_loss": "clipped", "eps_low": 0.2, "eps_high": 0.2, "agg": "seq_mean_token_mean"},
        "kl": {"beta": 0.04, "estimator": "k3", "in_reward": False},
    },
    # Dr. GRPO (Liu et al. 2025): no std scaling, no length normalisation (constant normaliser), no KL.
    "dr_grpo": {
        "advantages": {"name": "dr_grpo", "scale": "none"},
        "loss": {"policy_loss": "clipped", "eps_low": 0.2, "eps_high": 0.2, "agg": "seq_sum_norm"},
        "kl": {"beta": 0.0},
    },
    # RLOO (Ahmadian et al. 2024): leave-one-out baseline, sequence-level KL penalty in the reward.
    "rloo": {
        "advantages": {"name": "rloo", "scale": "none"},
        "loss": {"policy_loss": "clipped", "eps_low": 0.2, "eps_high": 0.2, "agg": "token_mean"},
        "kl": {"beta": 0.05, "estimator": "k1", "in_reward": True},
    },
    # DAPO (Yu et al. 2025): clip-higher 0.28, dynamic sampling, token-level mean, overlong shaping
    # (buffer 4096 of 20480 tokens), no KL.
    "dapo": {
        "advantages": {"name": "grpo", "scale": "group"},
        "loss": {"policy_loss": "clipped", "eps_low": 0.2, "eps_high": 0.28, "agg": "token_mean"},
        "kl": {"beta": 0.0},
        "sampling": {"dynamic": True},
        "reward": {"overlong_buffer_ratio": 0.2, "overlong_penalty": 1.0},
    },
}


# ---------------------------------------------------------------------------------------------- loading


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def _coerce(value: Any, tp: Any, name: str) -> Any:
    """Check/convert a YAML value to the annotated type ``tp``; raise ConfigError naming ``name``."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for a in args:
            if a is type(None):
                continue
            try:
                return _coerce(value, a, name)
            except ConfigError as e:
                errors.append(str(e))
        raise ConfigError(errors[0] if len(errors) == 1 else f"{name}: {value!r} matches none of {args}")
    if origin is Literal:
        if value not in args:
            raise ConfigError(f"{name}: {value!r} is not one of {list(args)}")
        return value
    if dataclasses.is_dataclass(tp):
        if isinstance(value, tp):
            return value
        if not isinstance(value, Mapping):
            raise ConfigError(f"{name}: expected a mapping, got {value!r}")
        return build(tp, value, name)
    if origin in (list, tuple, Sequence):
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{name}: expected a list, got {value!r}")
        inner = args[0] if args else Any
        return [_coerce(v, inner, f"{name}[{i}]") for i, v in enumerate(value)]
    if origin in (dict, Mapping):
        if not isinstance(value, Mapping):
            raise ConfigError(f"{name}: expected a mapping, got {value!r}")
        return dict(value)
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{name}: expected true/false, got {value!r}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{name}: expected an integer, got {value!r}")
        return value
    if tp is float:
        if isinstance(value, str):  # YAML 1.1 reads "1e-3" (no dot) as a string
            try:
                return float(value)
            except ValueError:
                pass
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{name}: expected a number, got {value!r}")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{name}: expected a string, got {value!r}")
        return value
    if isinstance(tp, type) and not isinstance(value, tp):
        raise ConfigError(f"{name}: expected {_type_name(tp)}, got {value!r}")
    return value


def build(cls: type, data: Mapping[str, Any], prefix: str = "") -> Any:
    """Instantiate dataclass ``cls`` from ``data``: unknown keys and bad values raise ConfigError naming
    the dotted field (``prefix`` is this section's dotted path)."""
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    dotted = (prefix + ".") if prefix else ""
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(f"{dotted}{unknown[0]}: unknown key (known: {', '.join(sorted(names))})")
    kwargs = {k: _coerce(v, hints[k], dotted + k) for k, v in data.items()}
    try:
        return cls(**kwargs)
    except ConfigError as e:
        raise ConfigError(f"{dotted}{e}") from None
    except (ValueError, TypeError) as e:
        msg = str(e)
        bad = next((k for k in sorted(names, key=len, reverse=True) if k in msg), None)
        if bad and f"{dotted}{bad}" in msg:
            raise ConfigError(msg) from None
        raise ConfigError(f"{dotted}{bad or '?'}: {msg}" if prefix or bad else msg) from None


def _deep_merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, Mapping) and isinstance(out.get(k), Mapping) else v
    return out


def parse_override(item: str) -> dict[str, Any]:
    """``"loss.eps_high=0.28"`` -> ``{"loss": {"eps_high": 0.28}}`` (the value is parsed as YAML)."""
    if "=" not in item:
        raise ConfigError(f"override {item!r}: expected key.sub=value")
    key, raw = item.split("=", 1)
    parts = key.strip().split(".")
    if not all(parts):
        raise ConfigError(f"override {item!r}: empty key part")
    value = yaml.safe_load(raw) if raw.strip() else ""
    nested: dict[str, Any] = {parts[-1]: value}
    for p in reversed(parts[:-1]):
        nested = {p: nested}
    return nested


def resolve(data: Mapping[str, Any], overrides: Sequence[str] = ()) -> RunConfig:
    """A RunConfig from a plain mapping plus dotted overrides; the preset (if any) is filled first."""
    merged: dict[str, Any] = dict(data)
    for item in overrides:
        merged = _deep_merge(merged, parse_override(item))
    preset = merged.get("preset")
    if preset is not None:
        if preset not in PRESETS:
            raise ConfigError(f"preset: unknown preset {preset!r}; choose from {sorted(PRESETS)}")
        merged = _deep_merge(PRESETS[preset], merged)
    return build(RunConfig, merged)


def shipped_configs() -> list[str]:
    """Names of the configs shipped inside the package (``configs/*.yaml`` of the checkout)."""
    from importlib.resources import files

    return sorted(f.name.removesuffix(".yaml") for f in files("rlvr.configs").iterdir() if f.name.endswith(".yaml"))


def config_file(spec: str | Path) -> Path:
    """The YAML file ``spec`` names: an existing path, else a config shipped with rlvr by name (``default``,
    ``tiny.yaml``), so ``rlvr train --config default`` works after a plain ``pip install``."""
    path = Path(spec)
    if path.exists() or path.parent != Path("."):
        return path
    from importlib.resources import as_file, files

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
        text = path.read_text()
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


def describe(cls: type = RunConfig, prefix: str = "") -> list[tuple[str, str, str]]:
    """(dotted field, default, help) for every leaf field: the reference table of all knobs."""
    rows = []
    hints = typing.get_type_hints(cls)
    inst = cls()
    for f in dataclasses.fields(cls):
        name = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(hints[f.name]):
            rows += describe(hints[f.name], name + ".")
        else:
            rows.append((name, repr(getattr(inst, f.name)), f.metadata.get("help", "")))
    return rows
