"""The learner's loop. Only wiring; every algorithm lives in its own module.

One step: rollout (G completions for each of B prompts) → verify (the task's verifier; a crash is a zero
reward) → overlong shaping → dynamic sampling (refill rounds until B groups have varying rewards) →
KL-in-reward → advantages (registry by name) → optional token-level credit → μ epochs of micro-batched
updates normalised by the step's totals → metrics, pitfall monitor, checkpoint.

Old log-probabilities are the learner's own from the first epoch's forward (the weights are still the
sampling weights then), so no extra forward pass is spent on them and the ratio is exactly 1 in epoch 0.
A model with dropout (e.g. ``lora.dropout > 0``) gets them from an extra eval-mode forward instead, so they,
the TIS weights and the mismatch metrics carry no dropout noise. The same log-probabilities measure the gap
to the sampler's (``mismatch/*``, ``rollout/logprob_gap``) and, with ``rollout.is_correction``, give the
truncated importance weights (Yao et al. 2025) that multiply the policy loss in every epoch.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import random
import time
import warnings
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
import yaml
from tqdm.auto import tqdm

from rlvr.rl_core import checkpoint as ckpt
from rlvr.rl_core.advantages import compute_advantages
from rlvr.rl_core.config import RunConfig, dump_config
from rlvr.rl_core.credit import CreditInputs, get_credit
from rlvr.rl_core.forward import PackedBatch, has_dropout, pack, token_logprobs
from rlvr.rl_core.lora import apply_lora, load_trainable_state, make_optimizer, trainable_state
from rlvr.rl_core.losses import (
    LossInputs,
    StepNormalizer,
    compute_loss,
    kl_penalty,
    merge_loss_metrics,
    truncation_mask,
)
from rlvr.rl_core.metrics import MetricsWriter, distinct_per_group, length_metrics, reward_metrics
from rlvr.rl_core.mismatch import IS_CORRECTIONS, mismatch_metrics
from rlvr.rl_core.monitor import PitfallMonitor
from rlvr.rl_core.nonfinite import NonFiniteError, NonFiniteGuard, NonFiniteUpdate, assert_finite
from rlvr.rl_core.overlong import overlong_penalty
from rlvr.rl_core.preemption import StopControl, StopRun, TrainingInterrupted
from rlvr.rl_core.reference import ReferencePolicy
from rlvr.rl_core.resume import check_resume
from rlvr.rl_core.rollout import build_rollout_batch, make_generator, pad_token_id
from rlvr.rl_core.rundir import RunDirLock, check_fresh, set_aside_metrics
from rlvr.rl_core.sampling import GroupBuffer
from rlvr.rl_core.trackers import trackers_for
from rlvr.rl_core.types import RolloutBatch, SamplingParams
from rlvr.rl_core.verification import close_verifier, guard_verifier, verify
from rlvr.tasks.base import Example, Task
from rlvr.tasks.dataset import drop_long_prompts, encode_prompt
from rlvr.verifiers.base import Verifier, VerifyResult

if TYPE_CHECKING:
    from rlvr.rl_core.distributed.controller import RayStages

__all__ = ["NonFiniteError", "PromptSampler", "Trainer", "TrainingInterrupted", "build_trainer", "run", "verify"]

logger = logging.getLogger(__name__)

#: loss metrics renamed for the metrics file (the rest are prefixed ``loss/``)
_LOSS_NAMES = {
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


@dataclass
class Group:
    """One prompt and its G completions, with their verification (what dynamic sampling keeps or drops)."""

    example: Example
    prompt_ids: list[int]
    completions: list[list[int]]
    logprobs: list[list[float]]
    truncated: list[bool]
    texts: list[str]
    results: list[VerifyResult]
    rewards: list[float]


class PromptSampler:
    """Seeded epoch-wise shuffling of example indices; its position is checkpointed."""

    def __init__(self, size: int, seed: int) -> None:
        if size < 1:
            raise ValueError("the task has no training examples")
        self.size, self.seed, self.epoch, self.pos = size, seed, 0, 0
        self._perm = self._permutation()

    def _permutation(self) -> list[int]:
        g = torch.Generator().manual_seed(self.seed * 1_000_003 + self.epoch)
        return torch.randperm(self.size, generator=g).tolist()

    def next(self, k: int) -> list[int]:
        out = []
        for _ in range(k):
            if self.pos == self.size:
                self.epoch, self.pos = self.epoch + 1, 0
                self._perm = self._permutation()
            out.append(self._perm[self.pos])
            self.pos += 1
        return out

    def state_dict(self) -> dict[str, int]:
        return {"epoch": self.epoch, "pos": self.pos}

    def load_state_dict(self, state: dict[str, int]) -> None:
        self.epoch, self.pos = state["epoch"], state["pos"]
        self._perm = self._permutation()


class _EvalTask:
    """The task as the held-out evaluation sees it, with the learner's time-limited verifier."""

    def __init__(self, task: Task, verifier: Verifier) -> None:
        self._task, self.verifier = task, verifier

    def __getattr__(self, name: str) -> Any:
        return getattr(self._task, name)


def lr_lambda(cfg: RunConfig) -> Any:
    """Multiplier of the base lr at training step s: linear warm-up, then constant / linear / cosine decay."""
    o, total = cfg.optim, cfg.steps

    def f(s: int) -> float:
        if s < o.warmup_steps:
            return (s + 1) / o.warmup_steps
        if o.schedule == "constant":
            return 1.0
        frac = min(1.0, (s - o.warmup_steps) / max(1, total - o.warmup_steps))
        decay = 1 - frac if o.schedule == "linear" else 0.5 * (1 + math.cos(math.pi * frac))
        return o.min_lr_ratio + (1 - o.min_lr_ratio) * decay

    return f


def _seed_for(*parts: int) -> int:
    h = 0
    for p in parts:
        h = (h * 1_000_003 + p) % (2**61 - 1)
    return h


class Trainer:
    """RL fine-tuning of ``model`` on ``task`` as configured by ``cfg``; outputs go to ``run_dir``, which the
    trainer locks (``lock``: one already held, else a new one) until :meth:`train` returns."""

    def __init__(
        self,
        cfg: RunConfig,
        model: torch.nn.Module,
        tokenizer: Any,
        task: Task,
        run_dir: str | Path,
        lock: RunDirLock | None = None,
    ) -> None:
        self.cfg, self.tokenizer, self.task = cfg, tokenizer, task
        self.run_dir = Path(run_dir)
        self._started = False
        self.stop = StopControl()
        task_verifier = task.verifier
        self.eval_verifier = guard_verifier(task_verifier, cfg.reward)
        self.verifier = self.eval_verifier
        if cfg.reward.verifier:
            self.verifier = guard_verifier(load_verifier(cfg.reward.verifier, cfg.reward.verifier_kwargs), cfg.reward)
        if cfg.model.gradient_checkpointing:
            model.gradient_checkpointing_enable()
        self.share_prefix = not cfg.model.gradient_checkpointing  # the checkpointed forward runs without a cache
        self.model = apply_lora(model, cfg.lora) if cfg.lora.enabled else model
        self.dropout = has_dropout(self.model)  # then old log-probs need their own eval-mode forward
        self.device = next(self.model.parameters()).device
        amp = cfg.model.autocast
        self.autocast = (
            (lambda: torch.autocast(self.device.type, dtype=getattr(torch, amp))) if amp != "none" else nullcontext
        )
        self.reference = ReferencePolicy(self.model) if cfg.needs_reference else None
        self.generator = make_generator(
            cfg.rollout.backend,
            self.model,
            tokenizer,
            prompt_batch=cfg.rollout.prompt_batch,
            vllm=cfg.rollout.vllm,
            seed=cfg.seed,
            trust_remote_code=cfg.model.trust_remote_code,
        )
        logger.info("rollout backend %r resolved to %s", cfg.rollout.backend, type(self.generator).__name__)
        self.optimizer = make_optimizer(self.model, cfg.optim, cfg.lora)
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, lr_lambda(cfg))
        self.loss_cfg = cfg.loss_config()
        correction = cfg.rollout.is_correction
        self.is_correction = None if correction == "none" else IS_CORRECTIONS[correction]
        self.examples = drop_long_prompts(task, task.examples("train"), tokenizer, cfg.rollout.max_prompt_tokens)
        self.sampler = PromptSampler(len(self.examples), cfg.seed)
        self.sft = _load_sft(cfg, task, tokenizer)
        self.sft_pos = 0
        self.pad_id = pad_token_id(tokenizer)
        self.monitor = PitfallMonitor(cfg.monitor)
        self.nonfinite = NonFiniteGuard(
            cfg.faults, [q for q in self.model.parameters() if q.requires_grad], self.optimizer
        )
        self._base_lrs = list(self.scheduler.base_lrs)
        self.step = 0
        if cfg.distributed.backend == "ray" and self.dropout:
            raise ValueError(
                "distributed.backend=ray: the policy has dropout, whose old log-probs need an eval-mode forward "
                "the learner group does not run; use distributed.backend=local"
            )
        #: the collect round and the update on Ray actor groups (started on first use), or None: in process
        self._stages: RayStages | None = None
        self._lost: str | None = None  # why the learner group's state is gone (the run must resume)
        self.lock = (lock or RunDirLock(self.run_dir)).acquire()  # last: a failed build holds no lock
        ckpt.remove_partial_saves(self.run_dir)
        # trackers start once the directory is ours: a refused second process opens no tracker run
        self.metrics = MetricsWriter(self.run_dir, tensorboard=False, trackers=trackers_for(cfg, self.run_dir))

    # ---------------------------------------------------------------------------------------------- loop

    def train(self) -> list[dict[str, Any]]:
        """Run until ``cfg.steps`` or the ``max_minutes`` deadline; returns the step metrics written by this call.

        SIGTERM / SIGINT abandon the step in progress (or let it finish once its update is being applied),
        checkpoint the last completed step and raise :class:`TrainingInterrupted`; persistent non-finite
        updates raise :class:`NonFiniteError` (docs/learner.md, faults)."""
        self.lock.acquire()
        if not self._started:
            self._begin_fresh()
        try:
            with StopControl() as stop:
                self.stop = stop
                return self._loop(stop)
        finally:
            self.stop = StopControl()
            self.close()

    def _loop(self, stop: StopControl) -> list[dict[str, Any]]:
        cfg, written = self.cfg, []
        if self.step == 0 and cfg.eval.before:
            before = self._evaluate_armed("before", 0, stop)
            if before is not None:
                self.metrics.write(0, before)
                written.append({"step": 0, **before})
        stop.start_deadline(cfg.max_minutes)
        bar = tqdm(
            range(self.step + 1, cfg.steps + 1),
            desc="train",
            unit="step",
            disable=not cfg.logging.progress,
            initial=self.step,
            total=cfg.steps,
        )
        after_done = saved = False
        for step in bar:
            if stop.stopping:
                break
            m = self._step(step, stop)
            if m is None:
                break
            if cfg.eval.every and step % cfg.eval.every == 0 and not stop.stopping and step < cfg.steps:
                m.update(self._evaluate_armed(f"step{step}", step, stop) or {})
            last = step == cfg.steps or stop.stopping
            if last and stop.reason == "deadline" and step < cfg.steps:
                logger.info("max_minutes=%g reached after step %d of %d: stopping", cfg.max_minutes, step, cfg.steps)
            if last and cfg.eval.after and stop.signum is None:
                m.update(self._evaluate_armed("after", step, stop, signals_only=True) or {})
                after_done = True
            m["warnings"] = self.monitor.update(m)
            self.metrics.write(step, m)
            written.append({"step": step, **m})
            self.step = step
            bar.set_postfix(reward=f"{m.get('reward/mean', 0):.3f}", pass_rate=f"{m.get('pass_rate', 0):.2f}")
            if self.nonfinite.fatal is not None:
                raise self.nonfinite.fatal
            saved = False
            if (
                stop.signum is None
                and "nonfinite" not in m
                and (  # a non-finite streak keeps the checkpoints before it
                    (cfg.checkpoint.every and step % cfg.checkpoint.every == 0) or (last and cfg.checkpoint.save_final)
                )
            ):
                self.save()
                saved = True
            if last:
                break
        bar.close()
        if (
            cfg.eval.after and not after_done and stop.signum is None and stop.reason == "deadline"
        ):  # the deadline ended training between
            after = self._evaluate_armed("after", self.step, stop, signals_only=True)  # steps or abandoned one
            if after is not None:
                self.metrics.write(self.step, after)
                written.append({"step": self.step, **after})
        if stop.signum is not None:
            path = (ckpt.latest_checkpoint(self.run_dir) if saved else self.save()) if self.step > 0 else None
            raise TrainingInterrupted(stop.signum, self.step, path)
        if cfg.checkpoint.save_final and self.step > 0:
            if not saved:
                self.save()
            self.export(self.run_dir / "final")
        return written

    def _step(self, step: int, stop: StopControl) -> dict[str, Any] | None:
        """One training step under ``stop``: its metrics, or None when a stop request abandoned it (the
        sampler position, SFT position and RNG states are put back to the step's start: nothing of it applied)."""
        sampler, rng, sft_pos = self.sampler.state_dict(), ckpt.rng_state(), self.sft_pos
        self.nonfinite.begin()
        try:
            with stop.armed():
                return self.train_step(step)
        except StopRun as e:
            self.sampler.load_state_dict(sampler)
            ckpt.set_rng_state(rng)
            self.sft_pos = sft_pos
            self.optimizer.zero_grad(set_to_none=True)
            self.model.eval()
            logger.warning("step %d abandoned (%s): nothing of it applied", step, e.reason)
            return None

    def _evaluate_armed(
        self, label: str, step: int, stop: StopControl, signals_only: bool = False
    ) -> dict[str, float] | None:
        """:meth:`evaluate`, abandoned (None) by a stop request (only by a signal with ``signals_only``)."""
        try:
            with stop.armed(signals_only=signals_only):
                return self.evaluate(label, step)
        except StopRun as e:
            logger.warning("evaluation %s abandoned (%s)", label, e.reason)
            return None

    def _begin_fresh(self) -> None:
        """Start a new run here: refuse a directory holding another run's checkpoints or metrics."""
        check_fresh(self.run_dir)
        dump_config(self.cfg, self.run_dir / "config.yaml")
        self._started = True

    def close(self) -> None:
        """Release the run directory and stop the verifier worker processes (both come back on next use)."""
        self.metrics.close()
        for v in {id(v): v for v in (self.verifier, self.eval_verifier)}.values():
            close_verifier(v)
        if self._stages is not None:  # the learner's optimiser state comes home first: a later use resumes it
            try:
                self._stages.pull_optimizer(self.model, self.optimizer)
            except Exception as e:  # a dead learner rank: its state is lost (the checkpoints are not)
                self._lost = f"the learner group's state was lost ({type(e).__name__}: {e})"
                logger.error("%s; continue with --resume from the last checkpoint", self._lost)
            finally:
                self._stages.close()
                self._stages = None
        self.lock.release()

    @property
    def stages(self) -> RayStages | None:
        """The ray backend's stages (actor groups started, given the current weights), or None (local)."""
        if self.cfg.distributed.backend != "ray":
            return None
        if self._stages is None:
            from rlvr.rl_core.distributed.controller import RayStages

            if self._lost:
                raise RuntimeError(f"{self._lost}: resume from the last checkpoint (--resume)")
            self._stages = RayStages(self.cfg, self.run_dir)
            self._stages.load(self.model, self.optimizer)
        return self._stages

    def train_step(self, step: int) -> dict[str, Any]:
        """One rollout → update round; returns its metrics."""
        cfg, m = self.cfg, {}
        groups, filtered, m_collect = self.collect(step)
        m.update(m_collect)
        if not groups:
            m["skipped"] = 1.0  # no update: the schedule counts optimiser updates only
            return m
        g = cfg.rollout.group_size
        batch = self._collate(groups)
        rewards = torch.tensor([g_.rewards for g_ in groups], dtype=torch.float32)  # (K, G)
        results = [r for g_ in groups for r in g_.results]
        packs = self._micro_batches(batch)
        ref = None
        if self.reference is not None:
            t0 = time.perf_counter()
            with self.autocast():
                ref = [
                    self.reference.logprobs(p.to(self.device), cfg.rollout.temperature, self.share_prefix)
                    for _, p in packs
                ]
            m["time/reference"] = time.perf_counter() - t0
        if cfg.kl.in_reward and ref is not None:
            kl_seq = self._sequence_kl(batch, packs, ref)
            m["kl/reward_penalty"] = float(kl_seq.mean()) * cfg.kl.beta
            rewards = rewards - cfg.kl.beta * kl_seq.view_as(rewards)
        mask = batch.completion_mask
        if cfg.reward.overlong_filter:
            mask = truncation_mask(mask, batch.truncated)
        counted = filtered if cfg.sampling.count_filtered else []
        adv = self._advantages(rewards, mask, counted)
        if cfg.credit.method != "none":
            adv = self._credit(batch, groups, rewards.flatten(), adv, m)
        m.update(reward_metrics(rewards, results))
        m.update(length_metrics(batch.completion_mask, batch.truncated))
        m["distinct_per_group"] = distinct_per_group(batch.texts, g)
        m["advantage/abs_mean"] = float(adv.abs().mean())
        t0 = time.perf_counter()
        try:
            m.update(self._update(batch, packs, adv, mask, ref, self._loss_mask(counted) if counted else None))
        except NonFiniteUpdate as e:  # nothing of the update kept (docs/learner.md, faults)
            self.model.eval()
            m.update(self.nonfinite.skip(e, step))
        else:
            self.nonfinite.ok()
        m["time/update"] = time.perf_counter() - t0
        return m

    # -------------------------------------------------------------------------------------------- stages

    def collect(self, step: int) -> tuple[list[Group], list[Group], dict[str, float]]:
        """Generate and verify rounds of B prompts until B informative groups are found (or, without
        dynamic sampling, one round). Returns the kept groups, up to B − len(kept) filtered groups (what
        ``sampling.count_filtered`` counts) and the timing / sampling metrics."""
        cfg, r = self.cfg, self.cfg.rollout
        s = cfg.sampling
        buffer = GroupBuffer(r.prompts_per_step, s.max_rounds, s.tol, s.on_exhausted) if s.dynamic else None
        m = {"time/generate": 0.0, "time/verify": 0.0, "sampling/tokens_all_rounds": 0.0}
        stages = self.stages
        if stages is None:
            self.generator.sync_weights(self.model)
        rounds = 0
        seen: list[Group] = []
        while True:
            drawn = math.ceil(r.prompts_per_step * s.oversample) if buffer is not None else r.prompts_per_step
            examples = [self.examples[i] for i in self.sampler.next(drawn)]
            prompts = [encode_prompt(self.task, e, self.tokenizer) for e in examples]
            params = SamplingParams(
                max_new_tokens=r.max_new_tokens,
                temperature=r.temperature,
                top_p=r.top_p,
                stop=tuple(r.stop),
                seed=_seed_for(cfg.seed, step, rounds),
            )
            refs = [e.reference for e in examples for _ in range(r.group_size)]
            if stages is not None:  # generation streams into verification on the actors
                rollout, results, mr = stages.round(
                    prompts, [e.reference for e in examples], r.group_size, params, self.pad_id
                )
                m["time/generate"] += mr["time/generate"]
                m["time/verify"] += mr["time/verify_tail"]
                m["time/generate_actor"] = m.get("time/generate_actor", 0.0) + mr["time/generate_actor"]
            else:
                t0 = time.perf_counter()
                rollout = self.generator.generate(prompts, r.group_size, params)
                m["time/generate"] += time.perf_counter() - t0
                t0 = time.perf_counter()
                results = verify(self.verifier, rollout.texts, refs, cfg.reward.clip_scores)
                m["time/verify"] += time.perf_counter() - t0
            m["sampling/tokens_all_rounds"] += float(rollout.completion_mask.sum())
            groups = self._groups(examples, rollout, results)
            seen.extend(groups)
            rounds += 1
            if buffer is None:
                kept = groups
                break
            # filter on the rewards the advantages see (scores + overlong shaping; KL-in-reward is rejected
            # with dynamic sampling at load): a kept group has non-zero advantages, a dropped one has none
            buffer.add(groups, torch.tensor([gr.rewards for gr in groups], dtype=torch.float32))
            if buffer.full or buffer.exhausted:
                kept = buffer.take()
                m["sampling/filtered_fraction"] = buffer.filtered_fraction
                break
        m["sampling/rounds"] = float(rounds)
        m["sampling/groups"] = float(len(kept))
        kept_ids = {id(g_) for g_ in kept}
        dropped = [g_ for g_ in seen if id(g_) not in kept_ids][: max(0, r.prompts_per_step - len(kept))]
        counts = self._loss_mask(dropped).sum(1)
        m["sampling/filtered_tokens"] = float(counts.sum())
        m["sampling/filtered_seqs"] = float((counts > 0).sum())
        if not kept:  # a skipped step still reports what verification saw (errors, timeouts, pass rate)
            m.update(reward_metrics(torch.tensor([g_.rewards for g_ in seen]), [x for g_ in seen for x in g_.results]))
        return kept, dropped, m

    def _loss_mask(self, groups: list[Group]) -> torch.Tensor:
        """(rows, T) bool: the tokens of the groups' completions that the loss counts (all generated
        tokens; none of a truncated completion with ``reward.overlong_filter``)."""
        comps = [c for g_ in groups for c in g_.completions]
        lengths = torch.tensor([len(c) for c in comps], dtype=torch.long)
        width = int(lengths.max()) if comps else 0
        mask = torch.arange(width)[None, :] < lengths[:, None]
        if self.cfg.reward.overlong_filter:
            mask = truncation_mask(mask, torch.tensor([t for g_ in groups for t in g_.truncated], dtype=torch.bool))
        return mask

    def _groups(self, examples: list[Example], rollout: RolloutBatch, results: list[VerifyResult]) -> list[Group]:
        r, g = self.cfg.reward, self.cfg.rollout.group_size
        lengths = rollout.completion_mask.sum(1)
        scores = torch.tensor([res.score for res in results], dtype=torch.float32)
        if r.overlong_buffer_ratio > 0:
            max_len = self.cfg.rollout.max_new_tokens
            buffer = max(1, round(r.overlong_buffer_ratio * max_len))
            scores = scores + overlong_penalty(lengths, max_len, buffer, r.overlong_penalty)
        out = []
        for i, e in enumerate(examples):
            rows = range(i * g, (i + 1) * g)
            out.append(
                Group(
                    example=e,
                    prompt_ids=rollout.prompt_ids[i],
                    completions=[rollout.completion_ids[j, : int(lengths[j])].tolist() for j in rows],
                    logprobs=[rollout.old_logprobs[j, : int(lengths[j])].tolist() for j in rows],
                    truncated=[bool(rollout.truncated[j]) for j in rows],
                    texts=[rollout.texts[j] for j in rows],
                    results=[results[j] for j in rows],
                    rewards=[float(scores[j]) for j in rows],
                )
            )
        return out

    def _collate(self, groups: list[Group]) -> RolloutBatch:
        g = self.cfg.rollout.group_size
        return build_rollout_batch(
            [gr.prompt_ids for gr in groups],
            [c for gr in groups for c in gr.completions],
            [lp for gr in groups for lp in gr.logprobs],
            [t for gr in groups for t in gr.truncated],
            self.pad_id,
            self.tokenizer,
            g,
            texts=[t for gr in groups for t in gr.texts],
        )

    def _micro_batches(self, batch: RolloutBatch) -> list[tuple[list[int], PackedBatch]]:
        """Consecutive rows (completions of one prompt are contiguous) cut into micro-batches; each packs
        its distinct prompts once, so a group's prompt is computed once per micro-batch."""
        gid = batch.group_ids.tolist()
        size = self.cfg.optim.micro_batch_size
        out = []
        for k in range(0, len(batch), size):
            idx = list(range(k, min(k + size, len(batch))))
            groups = sorted({gid[i] for i in idx})
            local = {g: j for j, g in enumerate(groups)}
            p = pack(
                [batch.prompt_ids[g] for g in groups],
                [local[gid[i]] for i in idx],
                batch.completion_ids[idx],
                batch.completion_mask[idx],
                self.pad_id,
            )
            out.append((idx, p))
        return out

    def _advantages(self, rewards: torch.Tensor, mask: torch.Tensor, counted: list[Group]) -> torch.Tensor:
        """(K·G,) sequence advantages of the kept groups' (K, G) rewards; ``mask`` (K·G, T) their loss mask.

        ``counted`` filtered groups (``sampling.count_filtered``) join the estimator's batch as in the step
        without filtering: their rewards do not vary, so their own advantages are 0, but batch statistics
        (``advantages.scale=batch``, reinforce_pp's whitening) include them."""
        a, k = self.cfg.advantages, len(rewards)
        counts = [mask.sum(1)]
        if counted:
            rewards = torch.cat([rewards, torch.tensor([g_.rewards for g_ in counted], dtype=rewards.dtype)])
            counts.append(self._loss_mask(counted).sum(1))
        tokens = torch.cat(counts).view_as(rewards) if a.whiten == "token" else None
        adv = compute_advantages(a.name, rewards, eps=a.eps, scale=a.scale, tol=a.tol, token_counts=tokens)
        return adv[:k].flatten()

    def _sequence_kl(
        self, batch: RolloutBatch, packs: list[tuple[list[int], PackedBatch]], ref: list[torch.Tensor]
    ) -> torch.Tensor:
        """(N,) summed per-token KL of the sampled completions to the reference (sampler log-probs)."""
        kl = torch.zeros(len(batch))
        for (idx, p), rl in zip(packs, ref):
            t = p.completion_ids.shape[1]
            per_tok = kl_penalty(batch.old_logprobs[idx, :t], rl.cpu(), self.cfg.kl.estimator)
            kl[idx] = (per_tok * batch.completion_mask[idx, :t]).sum(1)
        return kl

    def _credit(
        self, batch: RolloutBatch, groups: list[Group], rewards: torch.Tensor, adv: torch.Tensor, m: dict[str, Any]
    ) -> torch.Tensor:
        r = self.cfg.rollout
        inputs = CreditInputs(
            rollout=batch,
            rewards=rewards,
            scores=torch.tensor([res.score for gr in groups for res in gr.results], dtype=torch.float32),
            advantages=adv,
            examples=[gr.example for gr in groups for _ in range(r.group_size)],
            task=self.task,
            generator=self.generator,
            sampling=SamplingParams(
                max_new_tokens=r.max_new_tokens, temperature=r.temperature, top_p=r.top_p, stop=tuple(r.stop)
            ),
            tokenizer=self.tokenizer,
            model=self.model,
            # the rewards' verifier, its time limit and crash fallback included
            verify_fn=functools.partial(verify, self.verifier, clip_scores=self.cfg.reward.clip_scores),
        )
        token_adv = get_credit(self.cfg.credit.method)(inputs, self.cfg.credit)
        if token_adv.shape != batch.completion_ids.shape:
            raise ValueError(
                f"credit method {self.cfg.credit.method!r} returned {tuple(token_adv.shape)}, expected {tuple(batch.completion_ids.shape)}"
            )
        m.update(inputs.metrics)
        return token_adv

    def _update(
        self,
        batch: RolloutBatch,
        packs: list[tuple[list[int], PackedBatch]],
        adv: torch.Tensor,
        mask: torch.Tensor,
        ref: list[torch.Tensor] | None,
        filtered_mask: torch.Tensor | None = None,
    ) -> dict[str, float]:
        """μ optimiser steps over the batch, each accumulating gradients over the micro-batches.
        ``filtered_mask``: (rows, T) loss mask of filtered zero-advantage completions counted in the loss
        normaliser (``sampling.count_filtered``)."""
        cfg, dev = self.cfg, self.device
        masks = [mask[idx, : p.completion_ids.shape[1]].to(dev) for idx, p in packs]
        norm = StepNormalizer.from_masks([*masks, *([] if filtered_mask is None else [filtered_mask])])
        if self.stages is not None:
            return self._remote_update(batch, packs, adv, mask, ref, norm)
        want_entropy_grad = self.loss_cfg.entropy_coef > 0
        old: list[torch.Tensor] = []
        is_weights: list[torch.Tensor | None] = []
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
            if self.sft:
                m["sft/nll"] = self._sft_backward()
                loss_sum += m["sft/nll"]
            params = [q for q in self.model.parameters() if q.requires_grad]
            max_norm = cfg.optim.max_grad_norm if cfg.optim.max_grad_norm > 0 else float("inf")
            m["grad_norm"] = float(torch.nn.utils.clip_grad_norm_(params, max_norm))
            self.nonfinite.before_step(loss_sum, m["grad_norm"], m)  # raises NonFiniteUpdate: nothing applied
            self.stop.commit()  # a stop request now waits for the step's end
            self.optimizer.step()
            self.nonfinite.after_step(m)
        self.model.eval()
        m["lr"] = self.scheduler.get_last_lr()[0]
        self.scheduler.step()
        if self.sft:
            self.sft_pos += cfg.sft.batch_size
        for k, v in merge_loss_metrics(parts).items():
            if k not in ("num_tokens", "num_seqs"):
                m[_LOSS_NAMES.get(k, f"loss/{k}")] = v
        m["loss/num_tokens"] = float(norm.num_tokens)
        m.update(mismatch_metrics(learner_lp, batch.old_logprobs, batch.completion_mask, cfg.rollout.is_cap))
        m["rollout/logprob_gap"] = m["mismatch/abs_mean"]
        return m

    def _remote_update(
        self,
        batch: RolloutBatch,
        packs: list[tuple[list[int], PackedBatch]],
        adv: torch.Tensor,
        mask: torch.Tensor,
        ref: list[torch.Tensor] | None,
        norm: StepNormalizer,
    ) -> dict[str, float]:
        """:meth:`_update` on the learner group (``distributed.backend=ray``): the same metrics; the new
        weights pushed to the rollout actors and copied into ``self.model``; a log-prob gap above
        ``distributed.max_logprob_gap`` raises (stale or wrong sampler weights)."""
        from rlvr.rl_core.distributed.versioning import check_logprob_gap

        cfg = self.cfg
        self.stop.commit()  # the learner's step is not abandoned midway
        version = self.stages.version
        res, m = self.stages.update(
            self.model, batch, packs, adv, mask, ref, norm, lr_lambda(cfg)(self.scheduler.last_epoch)
        )
        m["lr"] = self.scheduler.get_last_lr()[0]
        with warnings.catch_warnings():  # the optimiser that stepped is the learner's, not this one
            warnings.filterwarnings("ignore", "Detected call of `lr_scheduler.step", UserWarning)
            self.scheduler.step()
        for k, v in res.loss_metrics.items():
            if k not in ("num_tokens", "num_seqs"):
                m[_LOSS_NAMES.get(k, f"loss/{k}")] = v
        m["loss/num_tokens"] = float(norm.num_tokens)
        m.update(mismatch_metrics(res.learner_logprobs, batch.old_logprobs, batch.completion_mask, cfg.rollout.is_cap))
        m["rollout/logprob_gap"] = m["mismatch/abs_mean"]
        check_logprob_gap(m["rollout/logprob_gap"], cfg.distributed.max_logprob_gap, version)
        return m

    @torch.no_grad()
    def _eval_logprobs(self, p: PackedBatch) -> torch.Tensor:
        """(R, T) log-probs of a packed micro-batch in eval mode (dropout off): the sampling policy's own,
        for the old log-probs, the TIS weights and the mismatch metrics when the model has dropout."""
        self.model.eval()
        try:
            with self.autocast():
                lp, _ = token_logprobs(self.model, p, self.cfg.rollout.temperature, False, False, self.share_prefix)
        finally:
            self.model.train()
        return lp

    def _is_weights(self, learner_lp: torch.Tensor, batch: RolloutBatch, idx: list[int], t: int) -> torch.Tensor | None:
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

    def _sft_backward(self) -> float:
        """Backward of ``sft.weight`` x mean NLL over this step's SFT batch; returns the mean NLL."""
        cfg, n = self.cfg.sft, len(self.sft)
        pairs = [self.sft[(self.sft_pos + i) % n] for i in range(cfg.batch_size)]
        comp = [c for _, c in pairs]
        width = max(len(c) for c in comp)
        ids = torch.full((len(comp), width), self.pad_id, dtype=torch.long)
        cmask = torch.zeros((len(comp), width), dtype=torch.bool)
        for i, c in enumerate(comp):
            ids[i, : len(c)], cmask[i, : len(c)] = torch.tensor(c), True
        p = pack([pr for pr, _ in pairs], range(len(pairs)), ids, cmask, self.pad_id).to(self.device)
        with self.autocast():
            lp, _ = token_logprobs(self.model, p, 1.0, False)
        cm = cmask[:, : lp.shape[1]].to(self.device)
        nll = -(lp * cm).sum() / cm.sum()
        (cfg.weight * nll).backward()
        return float(nll.detach())

    # ------------------------------------------------------------------------------------------ evaluation

    def evaluate(self, label: str, step: int) -> dict[str, float]:
        """Held-out pass@1 (and its standard error) of the current policy; the report is saved in run_dir."""
        from rlvr.rl_core.evaluation import evaluate
        from rlvr.rl_core.report import save_eval

        e, r = self.cfg.eval, self.cfg.rollout
        self.generator.sync_weights(self.model)
        try:
            rep = evaluate(
                self.generator,
                _EvalTask(self.task, self.eval_verifier),
                self.tokenizer,
                split=e.split,
                n=e.n,
                ks=(1,),
                greedy=e.greedy,
                limit=e.limit,
                max_new_tokens=e.max_new_tokens or r.max_new_tokens,
                temperature=r.temperature,
                top_p=r.top_p,
                batch_size=e.batch_size,
                seed=_seed_for(self.cfg.seed, step, 7919),
                progress=False,
            )
        except Exception as err:  # a missing split or a broken verifier must not cost the training run
            logger.warning("held-out evaluation %s failed (%s: %s); training continues", label, type(err).__name__, err)
            return {"eval/failed": 1.0}
        save_eval(self.run_dir, label, rep, step)
        logger.info("eval %s (step %d): %s", label, step, rep.summary())
        metric = rep.pass_at(1)
        return {"eval/pass@1": metric.value, "eval/pass@1_se": metric.stderr}

    # -------------------------------------------------------------------------------------- checkpointing

    def save(self) -> Path:
        """Checkpoint the last completed step (never non-finite weights: :class:`NonFiniteError`)."""
        if self._stages is not None:  # the optimiser state lives on the learner group
            self._stages.pull_optimizer(self.model, self.optimizer)
        weights = trainable_state(self.model)
        assert_finite(weights, f"checkpoint of step {self.step}")
        state = {
            "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict(),
            "sampler": self.sampler.state_dict(),
            "sft_pos": self.sft_pos,
            "monitor": self.monitor.state_dict(),
            "nonfinite": self.nonfinite.state_dict(),
            "metrics_offset": self.metrics.offset(),
            "config": self.cfg.to_dict(),
        }
        return ckpt.save_checkpoint(self.run_dir, self.step, weights, state, self.cfg.checkpoint.keep)

    def resume(self) -> bool:
        """Continue from the newest intact checkpoint of ``run_dir`` (exactly: weights, optimizer, scheduler,
        data position, RNG states, monitor, metrics file), after checking that the config changed only in
        fields that may change on resume (:mod:`rlvr.rl_core.resume`; a new ``optim.lr`` is applied). A damaged
        checkpoint (checksum, truncation) is set aside and the previous one used. Returns False (a fresh run,
        logged) when there is no checkpoint; ``metrics.jsonl`` of such a run is kept, renamed."""
        self.lock.acquire()
        found = ckpt.list_checkpoints(self.run_dir)
        if not found:
            moved = set_aside_metrics(self.run_dir)
            logger.warning(
                "--resume: no checkpoint in %s: starting a fresh run%s",
                ckpt.checkpoint_dir(self.run_dir),
                f" (metrics of the run that left none kept as {moved})" if moved else "",
            )
            self._begin_fresh()
            return False
        for path in reversed(found):
            try:
                weights, state = ckpt.load_checkpoint(path)
                break
            except ckpt.CheckpointError as e:
                aside = path.with_name(f"damaged-{path.name}")
                path.rename(aside)
                logger.warning("checkpoint %s is damaged (%s): moved to %s, trying the previous one", path, e, aside)
        else:
            raise ckpt.CheckpointError(f"no intact checkpoint in {ckpt.checkpoint_dir(self.run_dir)} to resume from")
        saved_cfg = state.get("config")
        if saved_cfg is None and (self.run_dir / "config.yaml").is_file():
            saved_cfg = yaml.safe_load((self.run_dir / "config.yaml").read_text())
        changes = check_resume(saved_cfg, self.cfg) if saved_cfg else []
        load_trainable_state(self.model, {k: v.to(self.device) for k, v in weights.items()})
        self.optimizer.load_state_dict(state["optimizer"])
        self.scheduler.load_state_dict(state["scheduler"])
        self._apply_lr()
        self.sampler.load_state_dict(state["sampler"])
        self.sft_pos = state["sft_pos"]
        self.monitor.load_state_dict(state["monitor"])
        self.nonfinite.load_state_dict(state.get("nonfinite", {}))
        self.metrics.truncate_to(state["metrics_offset"])
        self.step = state["step"]
        ckpt.set_rng_state(state["rng"])
        self._lost = None  # the checkpoint's state is whole
        if self._stages is not None:  # actor groups already up: they take the checkpoint's state
            self._stages.load(self.model, self.optimizer)
        dump_config(self.cfg, self.run_dir / "config.yaml")  # only now: the resume is accepted
        self._started = True
        for name, old, new in changes:
            logger.info("resume: %s changed from %r to %r", name, old, new)
        logger.info("resumed from %s (step %d)", path, self.step)
        return True

    def _apply_lr(self) -> None:
        """The restored scheduler on this config's base learning rates (``optim.lr`` may change on resume)."""
        self.scheduler.base_lrs = list(self._base_lrs)
        factor = lr_lambda(self.cfg)(self.scheduler.last_epoch)
        for group, base in zip(self.optimizer.param_groups, self._base_lrs):
            group["initial_lr"], group["lr"] = base, base * factor
        self.scheduler._last_lr = [g["lr"] for g in self.optimizer.param_groups]

    def export(self, out: Path) -> None:
        """Save the trained policy (adapters with LoRA, the full model otherwise) and the tokenizer; never
        non-finite weights (:class:`NonFiniteError`)."""
        assert_finite({n: p for n, p in self.model.named_parameters() if p.requires_grad}, f"the model to {out}")
        self.model.save_pretrained(out)
        self.tokenizer.save_pretrained(out)


def _load_sft(cfg: RunConfig, task: Task, tokenizer: Any) -> list[tuple[list[int], list[int]]]:
    """(prompt ids, completion ids + EOS) pairs of the SFT JSONL, prompts rendered by the task's template."""
    s = cfg.sft
    if not s.data:
        return []
    pairs = []
    for n, line in enumerate(Path(s.data).read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            prompt, completion = str(row[s.prompt_field]), str(row[s.completion_field])
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise ValueError(
                f"sft.data {s.data}:{n}: needs JSON with fields {s.prompt_field!r} and {s.completion_field!r} ({e})"
            ) from None
        ex = Example(id=f"sft-{n}", prompt=prompt, reference=None)
        comp = list(tokenizer(completion, add_special_tokens=False)["input_ids"]) + [tokenizer.eos_token_id]
        pairs.append((encode_prompt(task, ex, tokenizer), comp))
    if not pairs:
        raise ValueError(f"sft.data {s.data}: no rows")
    return pairs


# ------------------------------------------------------------------------------------------------ building


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def load_verifier(name: str, kwargs: dict[str, Any]) -> Verifier:
    """A verifier by registered name (built-in, ``@register_verifier``, entry point) or ``module:factory``."""
    if ":" in name:
        import importlib

        module, attr = name.split(":", 1)
        v = getattr(importlib.import_module(module), attr)(**kwargs)
        if not isinstance(v, Verifier):
            raise TypeError(f"reward.verifier {name!r} produced {type(v).__name__}, not a Verifier")
        return v
    from rlvr.verifiers.base import get_verifier

    return get_verifier(name, **kwargs)


def load_task(cfg: RunConfig) -> Task:
    """The task by registered name, or by ``module:factory`` import path."""
    name, kwargs = cfg.task.name, cfg.task.kwargs
    if ":" in name:
        import importlib

        module, attr = name.split(":", 1)
        return getattr(importlib.import_module(module), attr)(**kwargs)
    from rlvr.tasks.registry import get_task

    return get_task(name, **kwargs)


def load_policy(cfg: RunConfig) -> tuple[torch.nn.Module, Any]:
    """The policy and tokenizer named by ``cfg.model`` on its device and dtype."""
    from rlvr.rl_core.models import load_from_config

    model, tok = load_from_config(cfg.model, seed=cfg.seed)
    model = model.to(device=resolve_device(cfg.model.device), dtype=getattr(torch, cfg.model.dtype))
    return model, tok


def build_trainer(cfg: RunConfig, run_dir: str | Path | None = None, lock: RunDirLock | None = None) -> Trainer:
    """Seed, load model and task, and build the :class:`Trainer` of ``cfg``."""
    seed_everything(cfg.seed)
    model, tok = load_policy(cfg)
    task = load_task(cfg)
    return Trainer(cfg, model, tok, task, run_dir or cfg.logging.run_dir, lock=lock)


def run(cfg: RunConfig, resume: bool = False, run_dir: str | Path | None = None) -> Path:
    """Train as configured (continuing from the newest intact checkpoint with ``resume``); returns the run
    dir. The run directory is locked first, so a second process on it fails before loading anything."""
    lock = RunDirLock(run_dir or cfg.logging.run_dir).acquire()
    try:
        trainer = build_trainer(cfg, run_dir, lock=lock)
        if resume:
            trainer.resume()
        trainer.train()
    finally:
        lock.release()
    return trainer.run_dir
