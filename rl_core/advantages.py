"""Sequence-level advantage estimators over groups: (B, G) rewards -> (B, G) advantages.

B prompts, G completions per prompt. Every estimator subtracts a baseline computed from the group, then the
result may be divided by a reward standard deviation chosen by ``scale``:

* ``"group"``: σ of the group's G rewards (DeepSeekMath's GRPO);
* ``"batch"``: σ of all B·G rewards of the batch (Liu et al. 2025, group mean with batch std; TRL's
  ``scale_rewards="batch"``); for ``reinforce_pp`` it is the estimator's own whitening instead: the
  centred advantages minus their batch mean, divided by their batch σ (Hu 2025). The whitening statistics
  are over completions (each weighs 1), or over tokens when ``token_counts`` (B, G) is given (completion i
  weighs its n_i counted tokens, as if its advantage were repeated on each: REINFORCE++ whitens the
  advantages of all tokens of the batch);
* ``"none"``: no division (Dr. GRPO's point: σ re-weights prompts by difficulty).

σ is the unbiased standard deviation; ε is added to it. Each estimator has its paper's scale as default,
used when ``scale`` is ``None``:

=============  ==============================================  =============
name           baseline                                        default scale
=============  ==============================================  =============
grpo           group mean (Shao et al. 2024)                   group
dr_grpo        group mean (Liu et al. 2025)                    none
rloo           mean of the other G-1 (Ahmadian et al. 2024)    none
reinforce_pp   group mean, then batch whitening (Hu 2025)      batch
=============  ==============================================  =============

Passing a scale explicitly overrides the default for every estimator, so ``grpo`` with ``"none"`` equals
``dr_grpo`` and ``dr_grpo`` with ``"group"`` equals ``grpo``.

Zero-variance groups (reward range ``max - min <= tol``, see :mod:`rlvr.rl_core.dynamic_sampling`) get exactly 0:
their centred rewards are set to 0 before any division, so float noise is never amplified by 1/ε.

G = 1 (one completion per prompt): a group baseline is undefined. ``grpo``, ``dr_grpo`` and ``rloo`` raise
a :class:`ValueError`; ``reinforce_pp`` falls back to REINFORCE++ without a group baseline (Hu 2025):
rewards centred on the batch mean, then scaled (whitened by default).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor

from rlvr.registry import Registry
from rlvr.rl_core.dynamic_sampling import zero_variance_groups

SCALES = ("group", "batch", "none")

#: An estimator: (rewards (B, G), *, eps, tol[, scale]) -> advantages (B, G). ``scale`` defaults per paper.
AdvantageFn = Callable[..., Tensor]

ADVANTAGES: Registry[AdvantageFn] = Registry("advantage estimator", entry_point_group="rlvr.advantages")


def _std(x: Tensor, dim: int | None = None) -> Tensor:
    """Unbiased standard deviation; 0 where fewer than two values (instead of NaN)."""
    n = x.numel() if dim is None else x.shape[dim]
    if n < 2:
        shape = () if dim is None else x.shape[:dim] + x.shape[dim + 1 :]
        return torch.zeros(shape, dtype=x.dtype, device=x.device)
    return x.std() if dim is None else x.std(dim=dim)


def _safe_div(centred: Tensor, denom: Tensor) -> Tensor:
    """centred / denom, with 0/0 -> 0 (σ = ε = 0 only where every centred value is exactly 0)."""
    return centred / torch.where(denom == 0, torch.ones_like(denom), denom)


def _zero_constant_groups(centred: Tensor, rewards: Tensor, tol: float) -> Tensor:
    constant = zero_variance_groups(rewards, tol)
    return torch.where(constant[:, None], torch.zeros_like(centred), centred)


def _need_group(name: str, rewards: Tensor) -> None:
    if rewards.shape[1] < 2:
        raise ValueError(
            f"advantage estimator {name!r} needs a group baseline of at least 2 completions per prompt "
            f"(group_size), got G={rewards.shape[1]}; use group_size >= 2 or 'reinforce_pp'"
        )


def _divide(centred: Tensor, rewards: Tensor, scale: str, eps: float) -> Tensor:
    """Divide centred advantages by the reward σ that ``scale`` names (``batch``: σ of all rewards)."""
    if scale == "group":
        return _safe_div(centred, _std(rewards, dim=1)[:, None] + eps)
    if scale == "batch":
        return _safe_div(centred, _std(rewards) + eps)
    if scale == "none":
        return centred
    raise ValueError(f"advantages.scale must be one of {list(SCALES)}, got {scale!r}")


def _weighted_mean(x: Tensor, weights: Tensor) -> Tensor:
    """Σ w·x / Σ w (0 when every weight is 0)."""
    n = weights.sum()
    return (weights * x).sum() / n if float(n) > 0 else torch.zeros((), dtype=x.dtype, device=x.device)


def _weighted_std(x: Tensor, weights: Tensor) -> Tensor:
    """Unbiased σ of x with entry j counted weights[j] times; 0 with fewer than two counted samples."""
    n = weights.sum()
    if float(n) < 2:
        return torch.zeros((), dtype=x.dtype, device=x.device)
    return ((weights * (x - _weighted_mean(x, weights)).square()).sum() / (n - 1)).sqrt()


def _group_mean_centred(rewards: Tensor, tol: float) -> Tensor:
    return _zero_constant_groups(rewards - rewards.mean(dim=1, keepdim=True), rewards, tol)


@ADVANTAGES.register("grpo")
def grpo(rewards: Tensor, *, eps: float, tol: float, scale: str = "group") -> Tensor:
    """(r - mean_g) / (σ + ε), σ per ``scale`` (GRPO, Shao et al. 2024, eq. in §4.1.2)."""
    _need_group("grpo", rewards)
    return _divide(_group_mean_centred(rewards, tol), rewards, scale, eps)


@ADVANTAGES.register("dr_grpo")
def dr_grpo(rewards: Tensor, *, eps: float, tol: float, scale: str = "none") -> Tensor:
    """r - mean_g: GRPO without the σ division (Dr. GRPO, Liu et al. 2025)."""
    _need_group("dr_grpo", rewards)
    return _divide(_group_mean_centred(rewards, tol), rewards, scale, eps)


@ADVANTAGES.register("rloo")
def rloo(rewards: Tensor, *, eps: float, tol: float, scale: str = "none") -> Tensor:
    """r_i - mean of the other G-1 rewards of the group (RLOO, Ahmadian et al. 2024); = G/(G-1)·(r - mean_g)."""
    _need_group("rloo", rewards)
    g = rewards.shape[1]
    baseline = (rewards.sum(dim=1, keepdim=True) - rewards) / (g - 1)
    return _divide(_zero_constant_groups(rewards - baseline, rewards, tol), rewards, scale, eps)


@ADVANTAGES.register("reinforce_pp")
def reinforce_pp(
    rewards: Tensor, *, eps: float, tol: float, scale: str = "batch", token_counts: Tensor | None = None
) -> Tensor:
    """r - mean_g, then whitened over the batch (REINFORCE++-baseline, Hu 2025): per completion, or per
    token when ``token_counts`` (B, G) gives each completion's counted tokens.

    G = 1: no group, so the batch mean is the baseline (REINFORCE++ without baseline).
    """
    if rewards.shape[1] >= 2:
        centred = _group_mean_centred(rewards, tol)
    else:
        if scale == "group":
            raise ValueError("scale='group' needs group_size >= 2 (σ of a single reward is undefined)")
        centred = rewards - rewards.mean()
        if centred.numel() < 2 or float(rewards.max() - rewards.min()) <= tol:
            return torch.zeros_like(rewards)
    if scale != "batch":
        if token_counts is not None:
            raise ValueError("token_counts (token whitening) needs scale='batch'")
        return _divide(centred, rewards, scale, eps)
    if token_counts is None:
        centred = centred - centred.mean()
        whitened = _safe_div(centred, _std(centred) + eps)
    else:
        if token_counts.shape != rewards.shape:
            raise ValueError(
                f"token_counts must be {tuple(rewards.shape)} like the rewards, got {tuple(token_counts.shape)}"
            )
        w = token_counts.to(centred.dtype)
        centred = centred - _weighted_mean(centred, w)
        whitened = _safe_div(centred, _weighted_std(centred, w) + eps)
    return _zero_constant_groups(whitened, rewards, tol) if rewards.shape[1] >= 2 else whitened


def compute_advantages(
    name: str,
    rewards: Tensor,
    *,
    eps: float = 1e-6,
    scale: str | None = None,
    tol: float = 1e-6,
    token_counts: Tensor | None = None,
) -> Tensor:
    """Advantages (B, G) of the rewards (B, G) with the estimator registered as ``name``.

    eps: added to σ before dividing. scale: ``"group" | "batch" | "none"``, ``None`` for the estimator's
    paper default (see the module table). tol: reward range at or below which a group counts as constant
    (its advantages are exactly 0). token_counts: (B, G) counted tokens per completion, for ``reinforce_pp``'s
    whitening over tokens (None: over completions). Integer rewards are promoted to float32; NaN/inf rewards
    raise.
    """
    estimator = ADVANTAGES[name]
    if scale is not None and scale not in SCALES:
        raise ValueError(f"advantages.scale must be one of {list(SCALES)} or None, got {scale!r}")
    if eps < 0:
        raise ValueError(f"advantages.eps must be >= 0, got {eps}")
    if rewards.dim() != 2:
        raise ValueError(f"rewards must have shape (B, G), got {tuple(rewards.shape)}")
    if not rewards.is_floating_point():
        rewards = rewards.float()
    if not bool(torch.isfinite(rewards).all()):
        raise ValueError("rewards contain NaN or inf; verifiers must return finite scores")
    if rewards.numel() == 0:
        return rewards.clone()
    kwargs: dict[str, Any] = {} if scale is None else {"scale": scale}
    if token_counts is not None:
        if name != "reinforce_pp":
            raise ValueError(f"token_counts (whitening over tokens) is for 'reinforce_pp', not {name!r}")
        kwargs["token_counts"] = token_counts
    return estimator(rewards, eps=eps, tol=tol, **kwargs)


def step_advantages(
    rewards: Tensor,
    token_counts: Tensor,
    counted_rewards: Tensor,
    counted_token_counts: Tensor,
    *,
    name: str,
    eps: float,
    scale: str,
    tol: float,
    whiten: str,
) -> Tensor:
    """The advantages stage: (K·G,) sequence advantages of the kept groups' (K, G) ``rewards``.

    token_counts (K·G,): counted loss tokens of each completion (for ``whiten="token"``). counted_rewards
    (C, G) and counted_token_counts (C·G,): filtered groups counted as in the step without filtering
    (``sampling.count_filtered``; C may be 0): their rewards do not vary, so their own advantages are 0, but
    batch statistics (``scale="batch"``, reinforce_pp's whitening) include them."""
    k = len(rewards)
    all_rewards = torch.cat([rewards, counted_rewards.to(rewards.dtype).view(-1, rewards.shape[1])])
    tokens = torch.cat([token_counts, counted_token_counts]).view_as(all_rewards) if whiten == "token" else None
    adv = compute_advantages(name, all_rewards, eps=eps, scale=scale, tol=tol, token_counts=tokens)
    return adv[:k].flatten()
