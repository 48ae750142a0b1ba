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
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

from rlvr.rl_core.builders import load_task, load_verifier
from rlvr.rl_core.collect import Totals
from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.distributed.collect import PendingRound, generate_and_verify
from rlvr.rl_core.distributed.config import async_section
from rlvr.rl_core.distributed.learner import LearnerGroup, LearnerStepResult, to_records
from rlvr.rl_core.distributed.pool import drive
from rlvr.rl_core.distributed.rollout import RolloutGroup
from rlvr.rl_core.distributed.runtime import import_ray, init_ray, start_groups
from rlvr.rl_core.distributed.sync import WeightSync
from rlvr.rl_core.distributed.verifier import VerifierGroup
from rlvr.rl_core.distributed.versioning import check_logprob_gap
from rlvr.rl_core.forward import PackedBatch
from rlvr.rl_core.losses import StepNormalizer
from rlvr.rl_core.lr_schedule import lr_lambda
from rlvr.rl_core.mismatch import mismatch_metrics
from rlvr.rl_core.nonfinite import NonFiniteGuard, NonFiniteUpdate
from rlvr.rl_core.preemption import StopControl
from rlvr.rl_core.types import RolloutBatch, SamplingParams
from rlvr.rl_core.update import LOSS_METRIC_NAMES, normalizer
from rlvr.verifiers.base import Verifier, VerifyResult

logger = logging.getLogger(__name__)


def reward_verifier(cfg: RunConfig) -> Verifier:
    """The verifier of the run's rewards, built inside a verifier actor: ``reward.verifier`` when set, else
    the task's (the verifier actor guards it with the run's ``reward`` section, as the trainer does)."""
    if cfg.reward.verifier:
        return load_verifier(cfg.reward.verifier, cfg.reward.verifier_kwargs)
    return load_task(cfg).verifier


def _trainable(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {n: p.detach().cpu() for n, p in model.named_parameters() if p.requires_grad}


def gap_by_staleness(
    learner: torch.Tensor, sampler: torch.Tensor, mask: torch.Tensor, staleness: torch.Tensor
) -> dict[str, float]:
    """``rollout/logprob_gap/staleness_j``: the mean |learner − sampler| log-prob per counted token (nats) of
    the rows ``j`` versions old, for each ``j`` present. learner, sampler, mask (N, T); staleness (N,)."""
    out = {}
    for j in sorted(set(staleness.tolist())):
        rows = staleness == j
        out[f"rollout/logprob_gap/staleness_{j}"] = mismatch_metrics(learner[rows], sampler[rows], mask[rows])[
            "mismatch/abs_mean"
        ]
    return out


class RayStages:
    """The actor groups of one run and the stages the trainer calls on them (see the module docstring)."""

    def __init__(self, cfg: RunConfig, run_dir: str | Path, pad_id: int) -> None:
        self.cfg, self.dcfg, self.pad_id = cfg, cfg.distributed, pad_id
        self.async_cfg = async_section(cfg)
        self.owns_ray = init_ray(self.dcfg)
        self.learner: LearnerGroup | None = None
        self.rollouts: RolloutGroup | None = None
        self.verifiers: VerifierGroup | None = None
        try:
            self.learner, self.rollouts, self.verifiers = start_groups(
                functools.partial(LearnerGroup, cfg, self.dcfg),
                functools.partial(RolloutGroup, cfg, self.dcfg),
                functools.partial(VerifierGroup, functools.partial(reward_verifier, cfg), self.dcfg, reward=cfg.reward),
            )
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
        self, prompts: list[list[int]], references: list[Any], n: int, params: SamplingParams
    ) -> tuple[RolloutBatch, list[VerifyResult], dict[str, float]]:
        """One round (the collect stage's :class:`~rlvr.rl_core.collect.Round`): ``n`` completions per prompt
        at the current version, each verified exactly once. Timings: ``time/generate`` to the last chunk,
        ``time/verify`` the verification after it, ``time/generate_actor`` the slowest task inside its actor."""
        c = generate_and_verify(
            self.rollouts, self.verifiers, prompts, references, n, params, self.version, self.pad_id
        )
        m = c.metrics
        timings = {"time/generate": m["time/generate"], "time/verify": m["time/verify_tail"]}
        return c.batch, c.results, {**timings, "time/generate_actor": m["time/generate_actor"]}

    def start_round(
        self, prompts: list[list[int]], references: list[Any], n: int, params: SamplingParams
    ) -> PendingRound:
        """Start a round on the actor groups and return at once (asynchronous training): its chunks carry the
        versions they were sampled with, which the asynchronous collector checks when it takes the round."""
        return PendingRound(self.rollouts, self.verifiers, prompts, references, n, params, None, self.pad_id)

    def _overlap(self, refs: list[Any]) -> None:
        """Advance the rounds in flight while the learner ranks compute ``refs``: until they are ready or the
        pools have nothing left to do."""
        ray, pools = import_ray(), [self.rollouts.pool, self.verifiers.pool]

        def done() -> bool:
            if not any(p.busy for p in pools):
                return True
            return len(ray.wait(refs, num_returns=len(refs), timeout=0)[0]) == len(refs)

        drive(pools, done, watch=refs)

    def _staleness(self, batch: RolloutBatch) -> torch.Tensor | None:
        """(N,) learner version − the version each row was sampled with (asynchronous training), else None."""
        versions = batch.extras.get("policy_version")
        if self.async_cfg.max_staleness == 0 or versions is None:
            return None
        return self.version - versions

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
        staleness = self._staleness(batch)
        behaviour = staleness is not None and self.async_cfg.old_logprobs == "behaviour" and bool((staleness > 0).any())
        mbs = to_records(batch, packs, adv, mask, ref, behaviour_rows=staleness > 0 if behaviour else None)
        overlap = self._overlap if self.async_cfg.max_staleness > 0 else None
        res = self.learner.step(mbs, norm, lr_scale, overlap=overlap)
        sm = res.step_metrics
        m = {"grad_norm": sm["grad_norm"], "time/learner": sm["time/learner_rank_max"]}
        if staleness is not None:
            m.update(gap_by_staleness(res.learner_logprobs, batch.old_logprobs, batch.completion_mask, staleness))
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


class RemoteUpdate:
    """The update stage on the learner group, in place of :class:`~rlvr.rl_core.update.PolicyUpdate` (same
    call, same metrics): the controller keeps the schedule, the non-finite accounting and the metrics."""

    def __init__(
        self,
        cfg: RunConfig,
        model: torch.nn.Module,
        scheduler: torch.optim.lr_scheduler.LRScheduler,
        nonfinite: NonFiniteGuard,
        stages: Callable[[], RayStages],
    ) -> None:
        self.cfg, self.model, self.scheduler, self.nonfinite, self.stages = cfg, model, scheduler, nonfinite, stages

    def __call__(
        self,
        step: int,
        batch: RolloutBatch,
        packs: list[tuple[list[int], PackedBatch]],
        adv: torch.Tensor,
        loss_mask: torch.Tensor,
        ref: list[torch.Tensor] | None,
        totals: Totals,
        stop: StopControl,
    ) -> dict[str, Any]:
        """The learner group's step; the new weights pushed (next version) and copied into the controller's
        policy. A log-prob gap above ``distributed.max_logprob_gap`` raises (stale or wrong sampler weights)."""
        cfg, stages = self.cfg, self.stages()
        t0 = time.perf_counter()
        stop.commit()  # the learner's step is not abandoned midway
        version = stages.version
        lr_scale = lr_lambda(cfg)(self.scheduler.last_epoch)
        try:
            res, m = stages.update(self.model, batch, packs, adv, loss_mask, ref, normalizer(totals), lr_scale)
        except NonFiniteUpdate as e:  # nothing of the update applied on any rank
            m = self.nonfinite.skip(e, step)
            m["time/update"] = time.perf_counter() - t0
            return m
        self.nonfinite.ok()
        m["lr"] = self.scheduler.get_last_lr()[0]
        with warnings.catch_warnings():  # the optimiser that stepped is the learner's, not the controller's
            warnings.filterwarnings("ignore", "Detected call of `lr_scheduler.step", UserWarning)
            self.scheduler.step()
        for k, v in res.loss_metrics.items():
            if k not in ("num_tokens", "num_seqs"):
                m[LOSS_METRIC_NAMES.get(k, f"loss/{k}")] = v
        m["loss/num_tokens"] = float(totals.tokens)
        m.update(mismatch_metrics(res.learner_logprobs, batch.old_logprobs, batch.completion_mask, cfg.rollout.is_cap))
        m["rollout/logprob_gap"] = m["mismatch/abs_mean"]
        m["time/update"] = time.perf_counter() - t0
        check_logprob_gap(m["rollout/logprob_gap"], cfg.distributed.max_logprob_gap, version)
        return m
