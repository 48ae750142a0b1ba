"""The update stage: μ optimiser steps (``optim.epochs``) over the step's batch, each accumulating gradients
over its micro-batches, normalised by the step's totals.

Old log-probabilities are the learner's own from the first epoch's forward (the weights are still the
sampling weights then), so no extra forward pass is spent on them and the ratio is exactly 1 in epoch 0.
A model with dropout (e.g. ``lora.dropout > 0``) gets them from an extra eval-mode forward instead, so they,
the TIS weights and the mismatch metrics carry no dropout noise. The same log-probabilities measure the gap
to the sampler's (``mismatch/*``, ``rollout/logprob_gap``) and, with ``rollout.is_correction``, give the
truncated importance weights (Yao et al. 2025) that multiply the policy loss in every epoch.

The loss normaliser (:class:`~rlvr.rl_core.losses.StepNormalizer`) comes from explicit totals: the collect
stage's :attr:`~rlvr.rl_core.collect.CollectResult.loss_totals` (kept completions, plus the filtered ones
counted with ``sampling.count_filtered``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import torch
from torch import Tensor

from rlvr.rl_core.collect import Totals
from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.forward import PackedBatch, has_dropout, token_logprobs
from rlvr.rl_core.losses import LossInputs, StepNormalizer, compute_loss, merge_loss_metrics
from rlvr.rl_core.mismatch import IS_CORRECTIONS, mismatch_metrics
from rlvr.rl_core.nonfinite import NonFiniteGuard, NonFiniteUpdate
from rlvr.rl_core.preemption import StopControl
from rlvr.rl_core.sft import AuxiliaryLoss
from rlvr.rl_core.types import RolloutBatch

#: loss metrics renamed for the metrics file (the rest are prefixed ``loss/``)
LOSS_METRIC_NAMES = {
    "kl": "kl",
    "entropy": "entropy",
    "clip_frac_low": "clip/low_frac",
    "clip_frac_high": "clip/high_frac",
    "dual_clip_frac": "clip/dual_frac",
    "ratio_mean": "ratio/mean",
    "ratio_min": "ratio/min",
    "ratio_max": "ratio/max",
    "is_weight_mean": "mismatch/is_weight_mean",
}


def normalizer(totals: Totals) -> StepNormalizer:
    """The loss normaliser of a step whose loss counts ``totals`` (tokens, sequences with a counted token,
    rows)."""
    return StepNormalizer(totals.tokens, totals.seqs, totals.rows)


class PolicyUpdate:
    """The update stage of one run (its model, optimiser, schedule, non-finite guard and SFT mixing)."""

    def __init__(
        self,
        cfg: RunConfig,
        model: torch.nn.Module,
        optimizer: torch.optim.Optimizer,
        scheduler: torch.optim.lr_scheduler.LRScheduler,
        nonfinite: NonFiniteGuard,
        sft: AuxiliaryLoss,
        autocast: Callable[[], AbstractContextManager[Any]],
        share_prefix: bool,
    ) -> None:
        self.cfg, self.model, self.optimizer, self.scheduler = cfg, model, optimizer, scheduler
        self.nonfinite, self.sft, self.autocast, self.share_prefix = nonfinite, sft, autocast, share_prefix
        self.loss_cfg = cfg.loss_config()
        self.dropout = has_dropout(model)  # then old log-probs need their own eval-mode forward
        self.device = next(model.parameters()).device
        correction = cfg.rollout.is_correction
        #: (learner, sampler, mask, cap) -> importance weights, or None (``rollout.is_correction=none``)
        self.is_correction = None if correction == "none" else IS_CORRECTIONS[correction]

    def __call__(
        self,
        step: int,
        batch: RolloutBatch,
        packs: list[tuple[list[int], PackedBatch]],
        adv: Tensor,
        loss_mask: Tensor,
        ref: list[Tensor] | None,
        totals: Totals,
        stop: StopControl,
    ) -> dict[str, Any]:
        """Apply the step's update; its metrics (a non-finite update is undone and reported: docs/learner.md)."""
        t0, m = time.perf_counter(), {}
        try:
            m.update(self._epochs(batch, packs, adv, loss_mask, ref, normalizer(totals), stop))
        except NonFiniteUpdate as e:  # nothing of the update kept (docs/learner.md, faults)
            self.model.eval()
            m.update(self.nonfinite.skip(e, step))
        else:
            self.nonfinite.ok()
        m["time/update"] = time.perf_counter() - t0
        return m

    def _epochs(
        self,
        batch: RolloutBatch,
        packs: list[tuple[list[int], PackedBatch]],
        adv: Tensor,
        mask: Tensor,
        ref: list[Tensor] | None,
        norm: StepNormalizer,
        stop: StopControl,
    ) -> dict[str, float]:
        """μ optimiser steps over the batch, each accumulating gradients over the micro-batches ``packs``;
        ``adv`` (N,) or (N, T), ``mask`` (N, T) the loss mask, ``ref`` the reference log-probs per pack."""
        cfg, dev = self.cfg, self.device
        masks = [mask[idx, : p.completion_ids.shape[1]].to(dev) for idx, p in packs]
        want_entropy_grad = self.loss_cfg.entropy_coef > 0
        old: list[Tensor] = []
        is_weights: list[Tensor | None] = []
        learner_lp = torch.zeros_like(batch.old_logprobs)  # (N, T) epoch 0's log-probs, for the mismatch metrics
        parts: list[dict[str, float]] = []
        m: dict[str, float] = {}
        self.model.train()
        for epoch in range(cfg.optim.epochs):
            self.optimizer.zero_grad(set_to_none=True)
            loss_sum = torch.zeros((), device=dev)
            for k, (idx, p) in enumerate(packs):
                t = p.completion_ids.shape[1]
                with self.autocast():
                    lp, ent = token_logprobs(
                        self.model, p.to(dev), cfg.rollout.temperature, True, want_entropy_grad, self.share_prefix
                    )
                if epoch == 0:
                    behaviour = self._eval_logprobs(p.to(dev)) if self.dropout else lp.detach()
                    old.append(behaviour)
                    learner_lp[idx, :t] = behaviour.cpu().to(learner_lp.dtype)
                    is_weights.append(self._is_weights(behaviour, batch, idx, t))
                a = adv[idx] if adv.dim() == 1 else adv[idx, :t]
                inputs = LossInputs(
                    lp, old[k], a.to(dev), masks[k], ref[k] if ref is not None else None, ent, is_weights[k]
                )
                out = compute_loss(inputs, self.loss_cfg, norm)
                out.loss.backward()
                loss_sum += out.loss.detach()
                if epoch == cfg.optim.epochs - 1:
                    parts.append(out.metrics)
            aux = self.sft.backward(self.model, self.autocast, dev)
            m.update(aux.metrics)
            loss_sum += aux.value
            params = [q for q in self.model.parameters() if q.requires_grad]
            max_norm = cfg.optim.max_grad_norm if cfg.optim.max_grad_norm > 0 else float("inf")
            m["grad_norm"] = float(torch.nn.utils.clip_grad_norm_(params, max_norm))
            self.nonfinite.before_step(loss_sum, m["grad_norm"], m)  # raises NonFiniteUpdate: nothing applied
            stop.commit()  # a stop request now waits for the step's end
            self.optimizer.step()
            self.nonfinite.after_step(m)
        self.model.eval()
        m["lr"] = self.scheduler.get_last_lr()[0]
        self.scheduler.step()
        self.sft.advance()
        for k, v in merge_loss_metrics(parts).items():
            if k not in ("num_tokens", "num_seqs"):
                m[LOSS_METRIC_NAMES.get(k, f"loss/{k}")] = v
        m["loss/num_tokens"] = float(norm.num_tokens)
        m.update(mismatch_metrics(learner_lp, batch.old_logprobs, batch.completion_mask, cfg.rollout.is_cap))
        m["rollout/logprob_gap"] = m["mismatch/abs_mean"]
        return m

    @torch.no_grad()
    def _eval_logprobs(self, p: PackedBatch) -> Tensor:
        """(R, T) log-probs of a packed micro-batch in eval mode (dropout off): the sampling policy's own,
        for the old log-probs, the TIS weights and the mismatch metrics when the model has dropout."""
        self.model.eval()
        try:
            with self.autocast():
                lp, _ = token_logprobs(self.model, p, self.cfg.rollout.temperature, False, False, self.share_prefix)
        finally:
            self.model.train()
        return lp

    def _is_weights(self, learner_lp: Tensor, batch: RolloutBatch, idx: list[int], t: int) -> Tensor | None:
        """(n, t) importance weights of micro-batch rows ``idx`` from the learner's (n, t) log-probs and the
        sampler's (``rollout.is_correction``); None without a correction."""
        if self.is_correction is None:
            return None
        dev = learner_lp.device
        return self.is_correction(
            learner_lp,
            batch.old_logprobs[idx, :t].to(dev),
            batch.completion_mask[idx, :t].to(dev),
            self.cfg.rollout.is_cap,
        )
