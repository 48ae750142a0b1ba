"""The credit-assignment interface: token-level advantages from a rollout.

A credit method maps a rollout and its sequence-level rewards/advantages to per-token advantages
(N, T) that the loss consumes in place of the broadcast sequence advantage. Methods register in
:data:`CREDIT` and are chosen by ``credit.method``.

Composition with the advantage presets. Every preset (grpo, dr_grpo, rloo, reinforce_pp) is, inside
one group, an affine map of the rewards: ``A_i = α_g·(R_i − b_g) + c_i`` with ``b_g`` the group's mean
reward, ``α_g`` the preset's scale (1/σ_g for grpo, 1 for dr_grpo, G/(G−1) for rloo, 1/σ_batch for
reinforce_pp) and ``c_i`` a residual shift (0 for all four). :func:`preset_affine` recovers (α, b, c) from
the rewards and advantages the learner passes, so credit methods never need to know which preset ran.
Step methods use :func:`score_affine`: the same advantage written around the verifier *score* S with a
leave-one-out baseline, ``A_i = β_i·(S_i − b_i^loo) + shift_i`` (β = α·(G−1)/G; the shift carries reward
shaping), and replace ``S_i − b_i^loo`` by step value gains of the score.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch

from rlvr.registry import Registry
from rlvr.rl_core.types import Generator, RolloutBatch, SamplingParams
from rlvr.tasks.base import Example, Task
from rlvr.verifiers.base import VerifyResult

#: Scores completions: (texts (M,), examples (M,)) -> rewards (M,) float. The default uses the task's verifier.
ScoreFn = Callable[[list[str], list[Example]], torch.Tensor]

#: Verifies completions: (texts (M,), references (M,)) -> M results (the learner's verifier and its fallbacks).
VerifyFn = Callable[[list[str], list[Any]], list[VerifyResult]]


@dataclass
class CreditInputs:
    """Everything a credit method may use. N completions, T = rollout.completion_ids.shape[1].

    rollout: the completions (token ids, mask, texts, group ids).
    rewards: (N,) final scalar reward of each completion (after any shaping: what the advantages saw).
    advantages: (N,) sequence-level advantages from the configured estimator.
    examples: N examples, the one each completion answers (its reference, its prompt).
    task: the task (its verifier scores continuations).
    generator: samples continuations from the current policy (weights already synced).
    sampling: the sampling parameters used for the rollout.
    tokenizer: the policy's tokenizer (offsets for step spans).
    model: the current policy (e.g. attention weights for redistribution).
    scores: (N,) the verifier's score of each completion before shaping (overlong penalty, KL-in-reward);
        None: the rewards are unshaped scores. Step values are values of this score (see :func:`score_affine`).
    verify_fn: how the learner verifies (its configured ``reward.verifier`` with its crash fallback); None:
        ``task.verifier.verify_batch``. Used to score continuations and to find answer spans.
    score_fn: optional scorer of continuations (texts, examples) -> (M,) scores; default: the ``score`` of
        each result of :meth:`verify` against the example's reference.
    metrics: filled by the credit method with its costs (e.g. ``credit/mc_tokens``) for the learner's log.
    """

    rollout: RolloutBatch
    rewards: torch.Tensor
    advantages: torch.Tensor
    examples: list[Example]
    task: Task
    generator: Generator
    sampling: SamplingParams
    tokenizer: Any
    model: torch.nn.Module
    scores: torch.Tensor | None = None
    verify_fn: VerifyFn | None = None
    score_fn: ScoreFn | None = None
    metrics: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n, t = self.rollout.completion_ids.shape
        if self.rollout.completion_mask.shape != (n, t):
            raise ValueError(f"completion_mask shape {tuple(self.rollout.completion_mask.shape)} != {(n, t)}")
        for name in ("rewards", "advantages", "scores"):
            v = getattr(self, name)
            if v is not None and v.shape != (n,):
                raise ValueError(f"CreditInputs.{name} must have shape ({n},), got {tuple(v.shape)}")
        if len(self.examples) != n:
            raise ValueError(f"CreditInputs.examples has {len(self.examples)} entries for {n} completions")
        g = self.rollout.group_ids
        if n and (int(g.min()) < 0 or int(g.max()) >= len(self.rollout.prompt_ids)):
            raise ValueError("rollout.group_ids must index rollout.prompt_ids")

    def score(self, texts: list[str], examples: list[Example]) -> torch.Tensor:
        """Rewards (M,) of full completions ``texts`` answering ``examples``."""
        if self.score_fn is not None:
            out = torch.as_tensor(self.score_fn(texts, examples), dtype=torch.float32).flatten()
            if out.shape != (len(texts),):
                raise ValueError(f"score_fn returned {tuple(out.shape)} scores for {len(texts)} texts")
            return out
        results = self.verify(texts, [e.reference for e in examples])
        return torch.tensor([r.score for r in results], dtype=torch.float32)

    def verify(self, texts: list[str], references: list[Any]) -> list[VerifyResult]:
        """One result per text, from the learner's verification (``verify_fn``) or the task's verifier."""
        if self.verify_fn is not None:
            return list(self.verify_fn(texts, references))
        return list(self.task.verifier.verify_batch(texts, references))

    @property
    def unshaped_scores(self) -> torch.Tensor:
        """(N,) the verifier scores (``scores``, or the rewards when no shaping was applied)."""
        return self.rewards if self.scores is None else self.scores


#: A credit method: (inputs, method config) -> token advantages (N, T), 0 on padding.
CreditFn = Callable[[CreditInputs, Any], torch.Tensor]

#: credit methods by name (``credit.method``)
CREDIT: Registry[CreditFn] = Registry("credit method", entry_point_group="rlvr.credit")

#: credit methods whose token advantages are 0 on every completion whose sequence advantage is 0, so a
#: group without reward variance contributes no gradient (what ``sampling.count_filtered`` relies on); a
#: plugin method with this property adds its name
ZERO_PRESERVING: set[str] = {"none"}


def broadcast(values: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """(N,) per-sequence values spread over the (N, T) mask, 0 on padding."""
    return values.to(torch.float32)[:, None] * mask.to(torch.float32)


@dataclass(frozen=True)
class PresetAffine:
    """The preset's advantage as ``A_i = scale_i·(R_i − baseline_i) + shift_i``; each field (N,)."""

    scale: torch.Tensor
    baseline: torch.Tensor
    shift: torch.Tensor


def preset_affine(
    rewards: torch.Tensor, advantages: torch.Tensor, group_ids: torch.Tensor, tol: float = 1e-6
) -> PresetAffine:
    """Recover the preset's per-group affine map from (N,) rewards and advantages.

    In a group whose rewards vary, the scale is the least-squares slope of A on R (exact for every affine
    preset) and the baseline is the group's mean reward. In a group whose rewards do not vary (spread
    ≤ ``tol``) the slope is undefined: the scale falls back to the mean scale of the varied groups (1 when
    none varies) and the shift keeps the preset's own advantage.
    """
    r = rewards.detach().to(torch.float64).cpu()
    a = advantages.detach().to(torch.float64).cpu()
    _, inv = torch.unique(group_ids.cpu(), return_inverse=True)
    n_groups = int(inv.max()) + 1 if inv.numel() else 0
    count = torch.zeros(n_groups, dtype=torch.float64).index_add_(0, inv, torch.ones_like(r))
    mean_r = torch.zeros(n_groups, dtype=torch.float64).index_add_(0, inv, r) / count
    mean_a = torch.zeros(n_groups, dtype=torch.float64).index_add_(0, inv, a) / count
    dr = r - mean_r[inv]
    sxx = torch.zeros(n_groups, dtype=torch.float64).index_add_(0, inv, dr * dr)
    sxy = torch.zeros(n_groups, dtype=torch.float64).index_add_(0, inv, dr * (a - mean_a[inv]))
    spread = torch.zeros(n_groups, dtype=torch.float64).scatter_reduce_(0, inv, dr.abs(), "amax")
    varied = spread > tol
    scale_g = torch.where(varied, sxy / sxx.clamp_min(1e-300), torch.zeros_like(sxx))
    fallback = scale_g[varied].mean() if bool(varied.any()) else torch.tensor(1.0, dtype=torch.float64)
    scale_g = torch.where(varied, scale_g, fallback)
    scale = scale_g[inv]
    shift = a - scale * dr
    dev = rewards.device
    return PresetAffine(scale.float().to(dev), mean_r[inv].float().to(dev), shift.float().to(dev))


def score_affine(
    scores: torch.Tensor, rewards: torch.Tensor, advantages: torch.Tensor, group_ids: torch.Tensor, tol: float = 1e-6
) -> PresetAffine:
    """The preset's advantage written around the verifier score with a leave-one-out baseline (N,) each:
    ``A_i = scale_i·(S_i − baseline_i) + shift_i``.

    baseline_i: the mean score of the *other* completions of i's group, an estimate of V(s_0) that does not
    contain S_i. scale_i: α_g·(G−1)/G, with α_g the preset's slope (:func:`preset_affine` on the shaped
    rewards); (G−1)/G converts mean-centring to leave-one-out, so scale·(S − baseline) = α·(S − mean_g S).
    shift_i: A_i − α_g·(S_i − mean_g S), the share of the advantage that is not the score's: reward shaping
    (overlong penalty, KL-in-reward: a sequence-level term with no step values) plus the preset's residual
    shift. Step values of the score telescope to S_i − baseline_i, so a step method that puts scale·δ_t + shift
    on the tokens of step t keeps the preset's scale and its treatment of the shaping. A group of one
    completion has no leave-one-out baseline: baseline = S, scale = 0 (no step credit).
    """
    aff = preset_affine(rewards, advantages, group_ids, tol)
    s = scores.detach().to(torch.float64).cpu()
    a = advantages.detach().to(torch.float64).cpu()
    _, inv = torch.unique(group_ids.cpu(), return_inverse=True)
    n_groups = int(inv.max()) + 1 if inv.numel() else 0
    count = torch.zeros(n_groups, dtype=torch.float64).index_add_(0, inv, torch.ones_like(s))[inv]
    total = torch.zeros(n_groups, dtype=torch.float64).index_add_(0, inv, s)[inv]
    others = count - 1
    baseline = torch.where(others > 0, (total - s) / others.clamp_min(1), s)
    alpha = aff.scale.detach().to(torch.float64).cpu()
    shift = a - alpha * (s - total / count)
    dev = scores.device
    return PresetAffine((alpha * others / count).float().to(dev), baseline.float().to(dev), shift.float().to(dev))


def spread_steps(
    step_values: list[list[float]], spans: list[list[tuple[int, int]]], shape: tuple[int, int]
) -> torch.Tensor:
    """Token tensor (N, T) with ``step_values[i][s]`` on the tokens ``spans[i][s]`` of completion i."""
    out = torch.zeros(shape, dtype=torch.float32)
    for i, (vals, sp) in enumerate(zip(step_values, spans)):
        if len(vals) != len(sp):
            raise ValueError(f"completion {i}: {len(vals)} step values for {len(sp)} steps")
        for v, (s, e) in zip(vals, sp):
            out[i, s:e] = v
    return out


def get_credit(method: str) -> CreditFn:
    """The credit method registered as ``method`` (none | mc | prm | redistribute | a plugin)."""
    return CREDIT[method]


@CREDIT.register("none")
def no_credit(inputs: CreditInputs, cfg: Any) -> torch.Tensor:
    """The preset's sequence advantage on every completion token."""
    return broadcast(inputs.advantages, inputs.rollout.completion_mask)
