"""The trainer's stages on the actor groups (``distributed.backend: ray``).

The trainer stays the controller: it draws the prompts, shapes rewards, computes advantages and credit,
owns the schedule, the checkpoints and the metrics. :class:`RayStages` gives it the two stages that move out:

- ``round(prompts, references, params)``: one generation + verification round on the rollout and verifier
  actors (generation streaming into verification), the rollout at the current policy version;
- ``update(batch, packs, adv, mask, ref, filtered_mask, lr_scale)``: the step's optimiser update on the
  learner group, with the step's global totals, followed by a versioned push of the new weights to the
  rollout actors and a copy of the trainable weights back into the controller's policy (its evaluation,
  credit assignment, checkpoints and export then see exactly the learner's weights).

Checkpoints stay the trainer's own format: before a save the controller's optimiser takes the learner's state
(:meth:`RayStages.pull_optimizer`), after a resume the learner takes the controller's (:meth:`RayStages.load`),
so a run may resume on either backend.
"""

from __future__ import annotations

import functools
import logging
import math
from pathlib import Path
from typing import Any

import torch

from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.distributed.collect import generate_and_verify
from rlvr.rl_core.distributed.learner import LearnerGroup, LearnerStepResult, MicroBatch
from rlvr.rl_core.distributed.rollout import RolloutGroup
from rlvr.rl_core.distributed.runtime import import_ray, init_ray
from rlvr.rl_core.distributed.sync import WeightSync
from rlvr.rl_core.distributed.verifier import VerifierGroup
from rlvr.rl_core.forward import PackedBatch
from rlvr.rl_core.losses import StepNormalizer
from rlvr.rl_core.nonfinite import NonFiniteUpdate
from rlvr.rl_core.types import RolloutBatch, SamplingParams
from rlvr.verifiers.base import Verifier, VerifyResult

logger = logging.getLogger(__name__)


def reward_verifier(cfg: RunConfig) -> Verifier:
    """The verifier of the run's rewards, built inside a verifier actor: ``reward.verifier`` when set, else
    the task's (the verifier actor guards it with the run's ``reward`` section, as the trainer does)."""
    from rlvr.rl_core.trainer import load_task, load_verifier

    if cfg.reward.verifier:
        return load_verifier(cfg.reward.verifier, cfg.reward.verifier_kwargs)
    return load_task(cfg).verifier


def micro_batches_of(
    batch: RolloutBatch,
    packs: list[tuple[list[int], PackedBatch]],
    adv: torch.Tensor,
    mask: torch.Tensor,
    ref: list[torch.Tensor] | None,
) -> list[MicroBatch]:
    """The trainer's packed micro-batches as records for the learner ranks. adv (N,) or (N, T); mask (N, T);
    ref: the reference log-probs of each pack, or None."""
    out = []
    for k, (idx, p) in enumerate(packs):
        t = p.completion_ids.shape[1]
        out.append(
            MicroBatch(
                rows=idx,
                packed=p,
                advantages=adv[idx] if adv.dim() == 1 else adv[idx, :t],
                mask=mask[idx, :t],
                sampler_logprobs=batch.old_logprobs[idx, :t],
                ref_logprobs=None if ref is None else ref[k].cpu(),
            )
        )
    return out


def _trainable(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {n: p.detach().cpu() for n, p in model.named_parameters() if p.requires_grad}


class RayStages:
    """The actor groups of one run and the stages the trainer calls on them (see the module docstring)."""

    def __init__(self, cfg: RunConfig, run_dir: str | Path) -> None:
        self.cfg, self.dcfg = cfg, cfg.distributed
        self.owns_ray = init_ray(self.dcfg)
        self.learner: LearnerGroup | None = None
        self.rollouts: RolloutGroup | None = None
        self.verifiers: VerifierGroup | None = None
        try:
            self.learner = LearnerGroup(cfg, self.dcfg)
            self.rollouts = RolloutGroup(cfg, self.dcfg)
            self.verifiers = VerifierGroup(functools.partial(reward_verifier, cfg), self.dcfg, reward=cfg.reward)
            self.sync = WeightSync(self.dcfg, self.learner, self.rollouts, run_dir)
        except BaseException:
            self.close()
            raise
        self.timings: dict[str, float] = {}

    @property
    def version(self) -> int:
        """The policy version the rollout actors hold (pushes so far − 1)."""
        return -1 if self.sync.version is None else self.sync.version

    # ------------------------------------------------------------------------------------------ weights
    def load(self, model: torch.nn.Module, optimizer: torch.optim.Optimizer) -> None:
        """Give the learner group the controller's trainable weights (and optimiser state, once it has any:
        after a resume), then push them to the rollout actors as the next version."""
        if optimizer.state:
            from torch.distributed.checkpoint.state_dict import StateDictOptions, get_state_dict

            _, optim = get_state_dict(model, optimizer, options=StateDictOptions(full_state_dict=True))
            for group in optim["param_groups"]:  # the scheduler's key; the learner sets each step's lr itself
                group.pop("initial_lr", None)
            self.learner.load_state_dict({"model": _trainable(model), "optimizer": optim})
        else:
            self.learner.load_trainable_state(_trainable(model))
        self.push()

    def push(self) -> None:
        """Push the learner's weights to the rollout actors as the next version (the first push in full)."""
        report = self.sync.push(self.version + 1, full=self.sync.version is None)
        self.timings["time/weight_sync"] = report.seconds

    def pull_optimizer(self, model: torch.nn.Module, optimizer: torch.optim.Optimizer) -> None:
        """The learner's optimiser state into the controller's optimiser (before a checkpoint)."""
        from torch.distributed.checkpoint.state_dict import StateDictOptions, set_state_dict

        state = self.learner.state_dict()
        set_state_dict(
            model,
            optimizer,
            model_state_dict=state["model"],
            optim_state_dict=state["optimizer"],
            options=StateDictOptions(full_state_dict=True, strict=False),
        )

    # ------------------------------------------------------------------------------------------- stages
    def round(
        self, prompts: list[list[int]], references: list[Any], n: int, params: SamplingParams, pad_id: int
    ) -> tuple[RolloutBatch, list[VerifyResult], dict[str, float]]:
        """One round: ``n`` completions per prompt at the current version, each verified exactly once."""
        c = generate_and_verify(self.rollouts, self.verifiers, prompts, references, n, params, self.version, pad_id)
        return c.batch, c.results, c.metrics

    def update(
        self,
        model: torch.nn.Module,
        batch: RolloutBatch,
        packs: list[tuple[list[int], PackedBatch]],
        adv: torch.Tensor,
        mask: torch.Tensor,
        ref: list[torch.Tensor] | None,
        norm: StepNormalizer,
        lr_scale: float,
    ) -> tuple[LearnerStepResult, dict[str, float]]:
        """The learner group's step over the whole batch, then the new weights pushed (next version) and
        copied into ``model``. Raises :class:`NonFiniteUpdate` (nothing applied) like the local update."""
        mbs = micro_batches_of(batch, packs, adv, mask, ref)
        res = self.learner.step(mbs, norm, lr_scale)
        sm = res.step_metrics
        m = {"grad_norm": sm["grad_norm"], "time/learner": sm["time/learner_rank_max"]}
        if "nonfinite_epoch" in sm:
            what, value = (
                ("loss", sm["loss_sum"]) if not math.isfinite(sm["loss_sum"]) else ("gradient", sm["grad_norm"])
            )
            raise NonFiniteUpdate(what, f"{what} {value} (learner group)", m)
        self.push()
        state = self.learner.trainable_state()
        with torch.no_grad():
            params = dict(model.named_parameters())
            for name, t in state.items():
                params[name].copy_(t.to(device=params[name].device, dtype=params[name].dtype))
        m["time/weight_sync"] = self.timings["time/weight_sync"]
        return res, m

    def close(self) -> None:
        """Stop every actor; shut Ray down when this process started it."""
        for g in (self.verifiers, self.rollouts, self.learner):
            if g is not None:
                try:
                    g.shutdown()
                except Exception as e:  # shutting down the rest matters more
                    logger.warning("shutting down %s failed: %s", type(g).__name__, e)
        self.verifiers = self.rollouts = self.learner = None
        if self.owns_ray:
            import_ray().shutdown()
            self.owns_ray = False
