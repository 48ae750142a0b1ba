"""Training–inference mismatch: how far the sampler's logprobs are from the learner's, and its correction.

A rollout engine (vLLM, bf16 kernels, another batch shape) samples from π_sampler, which is not exactly the
learner's π_learner even on the same weights. The trainer recomputes the learner's logprobs of the sampled
tokens anyway; :func:`mismatch_metrics` reports the gap, and the truncated importance-sampling (TIS)
correction re-weights the policy-gradient loss by the truncated ratio π_learner / π_sampler so that the
update is again on-policy in expectation (Yao et al. 2025, "Your efficient RL framework secretly brings you
off-policy RL training"; verl / OpenRLHF ``rollout_is``):

    w_t = min(π_learner(y_t) / π_sampler(y_t), C)          token level ("tis")
    w   = min(Π_t π_learner(y_t) / π_sampler(y_t), C)      sequence level ("seq_tis"), broadcast to tokens

The weights are constants (no gradient) that multiply the per-token policy loss before aggregation.

Shapes: N completions, T tokens; ``mask`` (N, T) bool is True on generated tokens.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor

from rlvr.registry import Registry
from rlvr.rl_core.losses import LOG_RATIO_CLAMP, kl_k3

#: An importance correction: (learner_logprobs, sampler_logprobs, mask, cap) -> (N, T) weights, 0 on padding.
IS_CORRECTIONS: Registry[Callable[[Tensor, Tensor, Tensor, float], Tensor]] = Registry("importance correction")


def _log_ratio(learner_logprobs: Tensor, sampler_logprobs: Tensor, mask: Tensor) -> Tensor:
    if learner_logprobs.shape != sampler_logprobs.shape or learner_logprobs.shape != mask.shape:
        raise ValueError(
            f"shapes differ: learner {tuple(learner_logprobs.shape)}, sampler {tuple(sampler_logprobs.shape)}, "
            f"mask {tuple(mask.shape)}"
        )
    m = mask.bool()
    diff = learner_logprobs.detach().float() - sampler_logprobs.detach().float()
    diff = torch.where(m, diff, torch.zeros_like(diff))  # padding may hold -inf or NaN
    return torch.nan_to_num(diff, nan=0.0).clamp(-LOG_RATIO_CLAMP, LOG_RATIO_CLAMP)


@IS_CORRECTIONS.register("tis")
def token_tis(learner_logprobs: Tensor, sampler_logprobs: Tensor, mask: Tensor, cap: float = 2.0) -> Tensor:
    """Token-level truncated IS weights min(π_learner/π_sampler, cap), (N, T), 0 on padding (Yao et al. 2025)."""
    _check_cap(cap)
    w = _log_ratio(learner_logprobs, sampler_logprobs, mask).exp().clamp(max=cap)
    return w * mask.bool()


@IS_CORRECTIONS.register("seq_tis")
def sequence_tis(learner_logprobs: Tensor, sampler_logprobs: Tensor, mask: Tensor, cap: float = 2.0) -> Tensor:
    """Sequence-level truncated IS: min(Π_t π_learner/π_sampler, cap) for each row, broadcast to its tokens."""
    _check_cap(cap)
    seq = _log_ratio(learner_logprobs, sampler_logprobs, mask).sum(-1).clamp(max=LOG_RATIO_CLAMP)
    w = seq.exp().clamp(max=cap)
    return w[:, None] * mask.bool()


def _check_cap(cap: float) -> None:
    if not cap >= 1.0:
        raise ValueError(f"truncated IS cap C must be >= 1, got {cap}")


def mismatch_metrics(
    learner_logprobs: Tensor, sampler_logprobs: Tensor, mask: Tensor, cap: float = 2.0
) -> dict[str, float]:
    """Token-weighted statistics of the sampler/learner gap over the masked tokens.

    ``mismatch/abs_mean`` and ``abs_max``: |log π_learner − log π_sampler|; ``mismatch/kl``: the k3 estimate
    of KL(π_sampler ‖ π_learner) from the sampled tokens (Schulman 2020), ≥ 0; ``mismatch/ratio_mean``: mean
    π_learner/π_sampler (1 when they agree); ``mismatch/clip_frac``: tokens whose ratio exceeds ``cap`` (the
    fraction TIS truncates).
    """
    m = mask.bool()
    count = int(m.sum())
    if count == 0:
        return {
            "mismatch/abs_mean": 0.0,
            "mismatch/abs_max": 0.0,
            "mismatch/kl": 0.0,
            "mismatch/ratio_mean": 1.0,
            "mismatch/clip_frac": 0.0,
        }
    r = _log_ratio(learner_logprobs, sampler_logprobs, m)
    ratio = r.exp()
    k3 = kl_k3(-r)  # tokens sampled from π_sampler: log π_sampler − log π_learner = −r
    return {
        "mismatch/abs_mean": float(r.abs()[m].sum()) / count,
        "mismatch/abs_max": float(r.abs()[m].max()),
        "mismatch/kl": float(k3[m].sum()) / count,
        "mismatch/ratio_mean": float(ratio[m].sum()) / count,
        "mismatch/clip_frac": float((ratio[m] > cap).sum()) / count,
    }
