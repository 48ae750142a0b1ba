"""The policy loss: clipped surrogate (token or sequence ratio), KL to a reference, entropy bonus, aggregation.

Shapes: N completions in this micro-batch, T tokens (right-padded); ``mask`` is True on tokens that count.
Per token, with log-ratio ρ = log π_θ − log π_old and advantage A::

    loss_t = w_t · policy_loss_t + kl_beta · KL_t − entropy_coef · H_t

with optional constant importance weights w_t (1 when absent; e.g. the truncated IS correction of the
sampler/learner mismatch, :mod:`rlvr.rl_core.mismatch`, Yao et al. 2025). :func:`agg_loss` reduces the
(N, T) matrix to a scalar with normalisers taken from the whole optimiser step (:class:`StepNormalizer`), so
summing the gradients of the micro-batches gives exactly the gradient of the full batch, however it is split.

Three registries choose the pieces by name: :data:`POLICY_LOSSES` (``clipped``, ``gspo``),
:data:`KL_ESTIMATORS` (``k1``, ``k2``, ``k3``) and :data:`AGGREGATIONS` (``token_mean``,
``seq_mean_token_mean``, ``seq_sum_norm``).

Numerics: the loss is computed in at least float32 (bf16/fp16 inputs are upcast, float64 stays float64);
log-ratios are clamped to [−20, 20] before ``exp`` and padded positions are zeroed before any arithmetic, so −inf or NaN log-probabilities on padding never reach the
gradient.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import torch
from pydantic import model_validator
from torch import Tensor

from rlvr.registry import Registry
from rlvr.rl_core.config_base import Float, Section, knob, registered, require, variants

#: log-ratios are clamped to ±this before exp so a -inf log-probability cannot produce inf or NaN
LOG_RATIO_CLAMP = 20.0


# --------------------------------------------------------------------------------------------- data types
@dataclass
class LossInputs:
    """One micro-batch. logprobs (N, T) current policy, requires grad; old_logprobs (N, T) behaviour
    policy, detached; advantages (N,) per sequence or (N, T) per token; mask (N, T) bool;
    ref_logprobs (N, T) reference policy (needed when ``kl_beta > 0``); entropy (N, T) per-token entropy of
    the current policy in nats (needed when ``entropy_coef > 0``); is_weights (N, T) importance weights
    that multiply the per-token policy loss (not the KL or entropy terms), treated as constants (e.g.
    truncated IS, :data:`rlvr.rl_core.mismatch.IS_CORRECTIONS`); None means 1 everywhere."""

    logprobs: Tensor
    old_logprobs: Tensor
    advantages: Tensor
    mask: Tensor
    ref_logprobs: Tensor | None = None
    entropy: Tensor | None = None
    is_weights: Tensor | None = None


@dataclass
class LossOutputs:
    """loss: scalar for ``.backward()`` (this micro-batch's share of the step loss: the shares sum to it).
    metrics: token-weighted over this micro-batch plus ``num_tokens``/``num_seqs``; combine micro-batches
    exactly with :func:`merge_loss_metrics`."""

    loss: Tensor
    metrics: dict[str, float]


@dataclass
class StepNormalizer:
    """Totals of the whole optimiser step, computed before the micro-batch loop.

    num_tokens: mask.sum() over all micro-batches. num_seqs: sequences with at least one counted token.
    num_rows: all sequences of the step, counted tokens or not (None: ``num_seqs``); the row count of
    Dr. GRPO's constant normaliser rows × L, which rows masked out entirely (overlong filtering) do not shrink.
    """

    num_tokens: int
    num_seqs: int
    num_rows: int | None = None

    def __post_init__(self) -> None:
        if self.num_rows is None:
            self.num_rows = self.num_seqs
        if self.num_tokens < 0 or self.num_seqs < 0 or self.num_rows < self.num_seqs:
            raise ValueError(
                f"StepNormalizer totals must be >= 0 with num_rows >= num_seqs, got "
                f"{self.num_tokens}, {self.num_seqs}, {self.num_rows}"
            )

    @classmethod
    def from_masks(cls, masks: Iterable[Tensor]) -> StepNormalizer:
        """Totals over the (n_i, T_i) masks of all micro-batches of the step (every row counts in num_rows)."""
        tokens = seqs = rows = 0
        for m in masks:
            counts = m.bool().sum(dim=-1)
            tokens += int(counts.sum())
            seqs += int((counts > 0).sum())
            rows += int(counts.numel())
        return cls(tokens, seqs, rows)


# -------------------------------------------------------------------------------------------- KL estimators
#: A KL estimator: (log_ratio = log π_θ − log π_ref) (N, T) -> per-token estimate of KL(π_θ ‖ π_ref) (N, T).
KL_ESTIMATORS: Registry[Callable[[Tensor], Tensor]] = Registry("KL estimator")


@KL_ESTIMATORS.register("k1")
def kl_k1(log_ratio: Tensor) -> Tensor:
    """k1 = log π_θ − log π_ref: unbiased, high variance, can be negative (Schulman 2020)."""
    return log_ratio


@KL_ESTIMATORS.register("k2")
def kl_k2(log_ratio: Tensor) -> Tensor:
    """k2 = ½ (log π_θ − log π_ref)²: biased, low variance, >= 0; its gradient is the KL's (Schulman 2020)."""
    return 0.5 * log_ratio.square()


@KL_ESTIMATORS.register("k3")
def kl_k3(log_ratio: Tensor) -> Tensor:
    """k3 = (r − 1) − log r with r = π_ref/π_θ: unbiased, low variance, >= 0 (Schulman 2020; GRPO)."""
    neg = (-log_ratio).clamp(-LOG_RATIO_CLAMP, LOG_RATIO_CLAMP)
    return torch.expm1(neg) - neg


def kl_penalty(logprobs: Tensor, ref_logprobs: Tensor, estimator: str = "k3") -> Tensor:
    """Per-token KL(π_θ ‖ π_ref) estimate (N, T) from the sampled tokens' log-probs (N, T).

    For KL in the reward (the loop subtracts ``beta * kl`` from the reward, detached) or in the loss.
    Padding positions hold whatever the inputs hold; mask them.
    """
    if logprobs.shape != ref_logprobs.shape:
        raise ValueError(f"logprobs {tuple(logprobs.shape)} and ref_logprobs {tuple(ref_logprobs.shape)} differ")
    dtype = _loss_dtype(logprobs)
    return KL_ESTIMATORS[estimator](logprobs.to(dtype) - ref_logprobs.to(dtype))


# -------------------------------------------------------------------------------------------- policy losses
@dataclass
class PolicyLoss:
    """A policy loss's per-token output. loss (N, T); ratio (N, T) the importance ratio it clipped
    (per token, or the sequence ratio broadcast); clipped_low / clipped_high / dual_clipped (N, T) bool:
    where the lower clip (A < 0), upper clip (A > 0) or dual clip (A < 0, ratio > c) zeroed the gradient."""

    loss: Tensor
    ratio: Tensor
    clipped_low: Tensor
    clipped_high: Tensor
    dual_clipped: Tensor


#: A policy loss: (log_ratio (N, T), advantages (N, T), mask (N, T) bool, cfg) -> PolicyLoss, with cfg its
#: ``loss.policy`` settings. log_ratio is log π_θ − log π_old, already 0 on padding.
POLICY_LOSSES: Registry[Callable[[Tensor, Tensor, Tensor, Any], PolicyLoss]] = Registry(
    "policy loss", entry_point_group="rlvr.policy_losses"
)


def clipped_surrogate(
    ratio: Tensor, advantages: Tensor, eps_low: float, eps_high: float, dual_clip: float | None
) -> PolicyLoss:
    """PPO's pessimistic surrogate max(−A·r, −A·clip(r, 1−ε_low, 1+ε_high)) per element; with dual clip
    c the loss of negative advantages is further capped at −A·c (Ye et al. 2020)."""
    unclipped = -advantages * ratio
    clipped = -advantages * ratio.clamp(1.0 - eps_low, 1.0 + eps_high)
    loss = torch.maximum(unclipped, clipped)
    negative = advantages < 0
    clipped_low = (ratio < 1.0 - eps_low) & negative
    clipped_high = (ratio > 1.0 + eps_high) & (advantages > 0)
    if dual_clip is None:
        dual_clipped = torch.zeros_like(clipped_low)
    else:
        loss = torch.where(negative, torch.minimum(loss, -advantages * dual_clip), loss)
        dual_clipped = negative & (ratio > dual_clip)
    return PolicyLoss(loss, ratio, clipped_low, clipped_high, dual_clipped)


@POLICY_LOSSES.register("clipped")
def clipped_policy_loss(log_ratio: Tensor, advantages: Tensor, mask: Tensor, cfg: ClippedPolicy) -> PolicyLoss:
    """Token-level ratio r_t = π_θ(y_t)/π_old(y_t) with clip-higher and optional dual clip (PPO, GRPO, DAPO)."""
    ratio = torch.exp(log_ratio.clamp(-LOG_RATIO_CLAMP, LOG_RATIO_CLAMP))
    return clipped_surrogate(ratio, advantages, cfg.eps_low, cfg.eps_high, cfg.dual_clip)


@POLICY_LOSSES.register("gspo")
def gspo_policy_loss(log_ratio: Tensor, advantages: Tensor, mask: Tensor, cfg: GSPOPolicy) -> PolicyLoss:
    """Sequence ratio s_i = exp(mean_t ρ_it) clipped to [1−eps_low, 1+eps_high] (GSPO, Zheng et al.
    2025), in its token form s_it = sg[s_i]·π_θ(y_t)/sg[π_θ(y_t)]: the value of every token is s_i, the
    gradient that of the sequence ratio once tokens are averaged per sequence; token-level advantages work.
    """
    lengths = mask.sum(dim=1).clamp(min=1)
    seq_log_ratio = (log_ratio * mask).sum(dim=1) / lengths
    token_log_ratio = log_ratio - log_ratio.detach() + seq_log_ratio.detach()[:, None]
    ratio = torch.exp(token_log_ratio.clamp(-LOG_RATIO_CLAMP, LOG_RATIO_CLAMP))
    return clipped_surrogate(ratio, advantages, cfg.eps_low, cfg.eps_high, cfg.dual_clip)


# ------------------------------------------------------------------------------------------------ aggregation
#: An aggregation: (loss_mat (N, T) already 0 off the mask, mask (N, T) bool, norm, max_len) -> scalar.
AGGREGATIONS: Registry[Callable[[Tensor, Tensor, StepNormalizer, int | None], Tensor]] = Registry(
    "aggregation", entry_point_group="rlvr.aggregations"
)


@AGGREGATIONS.register("token_mean")
def token_mean(loss_mat: Tensor, mask: Tensor, norm: StepNormalizer, max_len: int | None) -> Tensor:
    """Σ loss / step token count: every token of the step weighs the same (DAPO)."""
    return loss_mat.sum() / max(norm.num_tokens, 1)


@AGGREGATIONS.register("seq_mean_token_mean")
def seq_mean_token_mean(loss_mat: Tensor, mask: Tensor, norm: StepNormalizer, max_len: int | None) -> Tensor:
    """Σ_i (mean over sequence i's tokens) / step sequence count: every sequence weighs the same (GRPO)."""
    per_seq = loss_mat.sum(dim=1) / mask.sum(dim=1).clamp(min=1)
    return per_seq.sum() / max(norm.num_seqs, 1)


@AGGREGATIONS.register("seq_sum_norm")
def seq_sum_norm(loss_mat: Tensor, mask: Tensor, norm: StepNormalizer, max_len: int | None) -> Tensor:
    """Σ loss / (step rows × max_completion_len): Dr. GRPO's constant normaliser. Every row of the step counts,
    also one whose tokens are all masked out (overlong filtering), so masking changes no other row's weight."""
    if max_len is None:
        raise ValueError(
            "loss.max_completion_len must be set for agg='seq_sum_norm' (Dr. GRPO's constant normaliser, "
            "usually the generation's max_new_tokens)"
        )
    return loss_mat.sum() / (max(norm.num_rows, 1) * max_len)


def agg_loss(loss_mat: Tensor, mask: Tensor, mode: str, norm: StepNormalizer, max_len: int | None) -> Tensor:
    """Reduce a per-token loss (N, T) over ``mask`` (N, T) to a scalar with the step's normalisers.

    Positions off the mask contribute nothing (also when they hold NaN or inf). With no tokens in the whole
    step the loss is 0.
    """
    mask = mask.bool()
    if loss_mat.shape != mask.shape:
        raise ValueError(f"loss_mat {tuple(loss_mat.shape)} and mask {tuple(mask.shape)} differ")
    masked = torch.where(mask, loss_mat, torch.zeros((), dtype=loss_mat.dtype, device=loss_mat.device))
    return AGGREGATIONS[mode](masked, mask, norm, max_len)


def truncation_mask(mask: Tensor, truncated: Tensor) -> Tensor:
    """(N, T) mask with the rows of truncated completions ((N,) bool) switched off (DAPO overlong filtering)."""
    if truncated.shape != mask.shape[:1]:
        raise ValueError(f"truncated {tuple(truncated.shape)} must be (N,) for mask {tuple(mask.shape)}")
    return mask.bool() & ~truncated.bool()[:, None]


# ------------------------------------------------------------------------------------------------- config
class ClippedPolicy(Section):
    """PPO's clipped surrogate on the token ratio (``loss.policy`` with ``name: clipped``)."""

    name: Literal["clipped"] = knob("clipped", "token-ratio clipped surrogate (PPO, Schulman et al. 2017; GRPO)")
    eps_low: Float = knob(0.2, "lower clip range: ratio >= 1 - eps_low (PPO, Schulman et al. 2017)", ge=0, lt=1)
    eps_high: Float = knob(
        0.2, "upper clip range: ratio <= 1 + eps_high (PPO; DAPO's clip-higher raises it, Yu et al. 2025)", ge=0
    )
    dual_clip: Float | None = knob(
        None, "dual-clip bound c > 1: the loss of a negative advantage is at most -A*c (Ye et al. 2020)", gt=1
    )


class GSPOPolicy(Section):
    """GSPO's clipped surrogate on the sequence ratio (``loss.policy`` with ``name: gspo``)."""

    name: Literal["gspo"] = knob("gspo", "sequence-level ratio exp(mean_t log ratio) (GSPO, Zheng et al. 2025)")
    eps_low: Float = knob(3e-4, "lower clip range of the sequence ratio (GSPO, Zheng et al. 2025)", ge=0, lt=1)
    eps_high: Float = knob(4e-4, "upper clip range of the sequence ratio (GSPO, Zheng et al. 2025)", ge=0)
    dual_clip: Float | None = knob(
        None, "dual-clip bound c > 1 on the sequence ratio of negative advantages (Ye et al. 2020)", gt=1
    )


class PluginPolicy(Section):
    """A policy loss an installed package registered (entry point ``rlvr.policy_losses``)."""

    name: registered(POLICY_LOSSES) = knob(..., "name the plugin registered in POLICY_LOSSES (rlvr.policy_losses)")
    options: dict[str, Any] = knob({}, "the plugin's own settings, passed to it as cfg.options")


#: ``loss.policy``: the policy loss and its own settings, chosen by ``name``
PolicyConfig = variants("name", ClippedPolicy, GSPOPolicy, plugin=PluginPolicy)


class LossConfig(Section):
    """The ``loss`` section: which policy loss, the entropy bonus, the aggregation. The KL term is the ``kl``
    section's (:class:`Objective` joins the two)."""

    policy: PolicyConfig = knob(
        ClippedPolicy(), "policy loss by name (registry POLICY_LOSSES): clipped (PPO/GRPO) | gspo (GSPO) | a plugin's"
    )
    entropy_coef: Float = knob(0.0, "coefficient of the entropy bonus (PPO, Schulman et al. 2017); 0 disables", ge=0)
    agg: registered(AGGREGATIONS) = knob(
        "token_mean",
        "aggregation (registry AGGREGATIONS): token_mean (DAPO), seq_mean_token_mean (GRPO), seq_sum_norm "
        "(Dr. GRPO's constant normaliser)",
    )
    max_completion_len: int | None = knob(
        None, "L of seq_sum_norm's constant normaliser (Dr. GRPO); None: rollout.max_new_tokens in a run", ge=1
    )

    @model_validator(mode="after")
    def _gspo_averages_sequences(self) -> LossConfig:
        require(
            self.policy.name != "gspo" or self.agg == "seq_mean_token_mean",
            "agg",
            f"must be 'seq_mean_token_mean' with loss.policy.name=gspo (GSPO averages the G sequence objectives; "
            f"{self.agg!r} weights each sequence by its length), got {self.agg!r}",
        )
        return self


@dataclass(frozen=True)
class Objective:
    """What :func:`compute_loss` evaluates: the ``loss`` section plus the KL term the ``kl`` section puts in
    the loss (``kl_beta`` 0: KL is a metric only; KL in the reward leaves it 0 here). Built for a run by
    ``RunConfig.loss_config()``."""

    loss: LossConfig = field(default_factory=LossConfig)
    kl_beta: float = 0.0
    kl_estimator: str = "k3"

    def __post_init__(self) -> None:
        KL_ESTIMATORS.check(self.kl_estimator, "kl.estimator")
        if not (math.isfinite(self.kl_beta) and self.kl_beta >= 0):
            raise ValueError(f"kl.beta must be a finite number >= 0, got {self.kl_beta}")

    @property
    def entropy_coef(self) -> float:
        return self.loss.entropy_coef


# ---------------------------------------------------------------------------------------------- the loss
def _check_inputs(inputs: LossInputs, cfg: Objective) -> None:
    shape = inputs.logprobs.shape
    if inputs.logprobs.dim() != 2:
        raise ValueError(f"logprobs must be (N, T), got {tuple(shape)}")
    for name in ("old_logprobs", "mask", "ref_logprobs", "entropy", "is_weights"):
        value = getattr(inputs, name)
        if value is not None and value.shape != shape:
            raise ValueError(f"{name} has shape {tuple(value.shape)}, expected {tuple(shape)} like logprobs")
    if inputs.advantages.shape not in (shape, shape[:1]):
        raise ValueError(
            f"advantages must be (N,) or (N, T) for logprobs {tuple(shape)}, got {tuple(inputs.advantages.shape)}"
        )
    if cfg.kl_beta > 0 and inputs.ref_logprobs is None:
        raise ValueError("kl.beta > 0 needs LossInputs.ref_logprobs")
    if cfg.entropy_coef > 0 and inputs.entropy is None:
        raise ValueError("loss.entropy_coef > 0 needs LossInputs.entropy")


def _loss_dtype(x: Tensor) -> torch.dtype:
    """float32 for half-precision (or integer) inputs, the input's dtype when wider."""
    return torch.promote_types(x.dtype, torch.float32) if x.is_floating_point() else torch.float32


def _masked(x: Tensor, mask: Tensor, dtype: torch.dtype) -> Tensor:
    """x in ``dtype`` with padding set to 0 (so no NaN/inf from padding enters any computation)."""
    return torch.where(mask, x.to(dtype), torch.zeros((), dtype=dtype, device=x.device))


def compute_loss(inputs: LossInputs, cfg: Objective, norm: StepNormalizer) -> LossOutputs:
    """The micro-batch's share of the step loss and its metrics (see the module docstring)."""
    _check_inputs(inputs, cfg)
    mask = inputs.mask.bool()
    dtype = _loss_dtype(inputs.logprobs)
    advantages = inputs.advantages
    if advantages.dim() == 1:
        advantages = advantages[:, None].expand_as(mask)
    advantages = _masked(advantages, mask, dtype)
    log_ratio = _masked(inputs.logprobs, mask, dtype) - _masked(inputs.old_logprobs.detach(), mask, dtype)

    policy = POLICY_LOSSES[cfg.loss.policy.name](log_ratio, advantages, mask, cfg.loss.policy)
    is_weights = None
    if inputs.is_weights is not None:
        is_weights = _masked(inputs.is_weights.detach(), mask, dtype)
        policy = replace(policy, loss=policy.loss * is_weights)
    loss_mat = policy.loss
    kl = entropy = None
    if inputs.ref_logprobs is not None:
        logprobs = inputs.logprobs if cfg.kl_beta > 0 else inputs.logprobs.detach()  # else: a metric only
        kl = kl_penalty(
            _masked(logprobs, mask, dtype), _masked(inputs.ref_logprobs.detach(), mask, dtype), cfg.kl_estimator
        )
        if cfg.kl_beta > 0:
            loss_mat = loss_mat + cfg.kl_beta * kl
    if inputs.entropy is not None:
        entropy = _masked(inputs.entropy, mask, dtype)
        if cfg.entropy_coef > 0:
            loss_mat = loss_mat - cfg.entropy_coef * entropy
    loss = agg_loss(loss_mat, mask, cfg.loss.agg, norm, cfg.loss.max_completion_len)
    return LossOutputs(loss, _metrics(policy, log_ratio, kl, entropy, is_weights, mask))


def _metrics(
    policy: PolicyLoss,
    log_ratio: Tensor,
    kl: Tensor | None,
    entropy: Tensor | None,
    is_weights: Tensor | None,
    mask: Tensor,
) -> dict[str, float]:
    """Token means over this micro-batch (one device sync), plus counts and ratio extremes."""
    counts = mask.sum(dim=1)
    n_tokens = int(counts.sum())
    metrics: dict[str, float] = {"num_tokens": float(n_tokens), "num_seqs": float(int((counts > 0).sum()))}
    if n_tokens == 0:
        return metrics
    with torch.no_grad():
        ratio = policy.ratio.detach()
        means = {
            "pg_loss": policy.loss.detach(),
            "clip_frac_low": policy.clipped_low.float(),
            "clip_frac_high": policy.clipped_high.float(),
            "dual_clip_frac": policy.dual_clipped.float(),
            "ratio_mean": ratio,
            # KL(π_old ‖ π_θ): the tokens were sampled from π_old, so k3 with r = π_θ/π_old is unbiased for it
            "approx_kl": kl_k3(-log_ratio.detach()),
        }
        if kl is not None:
            means["kl"] = kl.detach()
        if entropy is not None:
            means["entropy"] = entropy.detach()
        if is_weights is not None:
            means["is_weight_mean"] = is_weights
        zero = torch.zeros((), dtype=ratio.dtype, device=mask.device)
        values = [torch.where(mask, v.to(ratio.dtype), zero).sum() / n_tokens for v in means.values()]
        values += [ratio[mask].min(), ratio[mask].max()]
        flat = torch.stack(values).tolist()
    metrics.update(zip([*means, "ratio_min", "ratio_max"], flat))
    return metrics


def merge_loss_metrics(parts: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """Combine the metrics of a step's micro-batches exactly: counts add, ``*_min``/``*_max`` take the
    extreme, every other key is a token-weighted mean (weights ``num_tokens``)."""
    parts = list(parts)
    total = sum(p.get("num_tokens", 0.0) for p in parts)
    out: dict[str, float] = {"num_tokens": total, "num_seqs": sum(p.get("num_seqs", 0.0) for p in parts)}
    keys = [k for k in dict.fromkeys(k for p in parts for k in p) if k not in out]
    for key in keys:
        present = [p for p in parts if key in p]
        if key.endswith("_min"):
            out[key] = min(p[key] for p in present)
        elif key.endswith("_max"):
            out[key] = max(p[key] for p in present)
        else:
            weight = sum(p["num_tokens"] for p in present)
            out[key] = sum(p[key] * p["num_tokens"] for p in present) / weight if weight else 0.0
    return out
