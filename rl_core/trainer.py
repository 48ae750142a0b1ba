"""The learner's loop: a short sequence of named stages, each in its own module.

One step (:meth:`Trainer.train_step`):

1. **collect** (:mod:`~rlvr.rl_core.collect`): rollout → verify → score shaping (overlong) → dynamic
   sampling, returning a :class:`~rlvr.rl_core.collect.CollectResult` with the kept and filtered groups and
   their totals;
2. **reference** (:func:`~rlvr.rl_core.reference.reference_logprobs`): the KL reference's log-probabilities;
3. **shape rewards** (:mod:`~rlvr.rl_core.reward_shaping`): KL in the reward;
4. **advantages** (:func:`~rlvr.rl_core.advantages.step_advantages`, registry by name);
5. **credit** (:mod:`~rlvr.rl_core.credit.stage`): token-level credit, or the sequence advantages;
6. **update** (:mod:`~rlvr.rl_core.update`): μ epochs of micro-batched updates normalised by the collect
   result's totals, SFT mixing (:mod:`~rlvr.rl_core.sft`) included;

then metrics, the pitfall monitor and checkpoints. Features are chosen when the trainer is built (each stage
is the configured one or a no-op); the parts come from :mod:`~rlvr.rl_core.builders`. The stage boundaries
are where a distributed controller hands data between workers.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import torch
import yaml
from tqdm.auto import tqdm

from rlvr.rl_core import checkpoint as ckpt
from rlvr.rl_core.advantages import step_advantages
from rlvr.rl_core.builders import (
    build_autocast,
    build_generator,
    build_optimization,
    build_prompts,
    build_verifiers,
    load_policy,
    load_task,
)
from rlvr.rl_core.collect import CollectResult, collate, loss_mask
from rlvr.rl_core.config import RunConfig, dump_config
from rlvr.rl_core.credit.stage import make_credit_stage
from rlvr.rl_core.distributed.async_collect import make_collector
from rlvr.rl_core.distributed.controller import RayStages, RemoteUpdate
from rlvr.rl_core.evaluation import evaluate
from rlvr.rl_core.forward import PackedBatch, has_dropout, micro_batches
from rlvr.rl_core.lora import apply_lora, load_trainable_state, trainable_state
from rlvr.rl_core.lr_schedule import rebase_lr
from rlvr.rl_core.metrics import MetricsWriter, batch_metrics
from rlvr.rl_core.monitor import PitfallMonitor
from rlvr.rl_core.nonfinite import NonFiniteError, NonFiniteGuard, assert_finite
from rlvr.rl_core.preemption import StopControl, StopRun, TrainingInterrupted, stop_request
from rlvr.rl_core.reference import ReferencePolicy, reference_logprobs
from rlvr.rl_core.report import save_eval
from rlvr.rl_core.resume import check_resume
from rlvr.rl_core.reward_shaping import make_reward_shaping, make_score_shaping
from rlvr.rl_core.rollout import pad_token_id
from rlvr.rl_core.rundir import RunDirLock, check_fresh, set_aside_metrics
from rlvr.rl_core.seeding import seed_everything, seed_for
from rlvr.rl_core.sft import make_sft
from rlvr.rl_core.trackers import trackers_for
from rlvr.rl_core.update import PolicyUpdate
from rlvr.rl_core.verification import VerifierFailureError, VerifierHealth, close_verifier
from rlvr.tasks.base import Task
from rlvr.verifiers.base import Verifier

__all__ = ["NonFiniteError", "Trainer", "TrainingInterrupted", "VerifierFailureError", "build_trainer", "run"]

logger = logging.getLogger(__name__)


class _EvalTask:
    """The task as the held-out evaluation sees it, with the learner's time-limited verifier."""

    def __init__(self, task: Task, verifier: Verifier) -> None:
        self._task, self.verifier = task, verifier

    def __getattr__(self, name: str) -> Any:
        return getattr(self._task, name)


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
        self.verifier, self.eval_verifier = build_verifiers(cfg, task)
        if cfg.model.gradient_checkpointing:
            model.gradient_checkpointing_enable()
        self.share_prefix = not cfg.model.gradient_checkpointing  # the checkpointed forward runs without a cache
        self.model = apply_lora(model, cfg.lora) if cfg.lora.enabled else model
        self.device = next(self.model.parameters()).device
        self.autocast = build_autocast(cfg, self.device)
        self.reference = ReferencePolicy(self.model) if cfg.needs_reference else None
        self.generator = build_generator(cfg, self.model, tokenizer)
        self.optimizer, self.scheduler = build_optimization(cfg, self.model)
        self.examples, self.sampler = build_prompts(cfg, task, tokenizer)
        self.pad_id = pad_token_id(tokenizer)
        self.sft = make_sft(cfg, task, tokenizer, self.pad_id)
        self.monitor = PitfallMonitor(cfg.monitor)
        self.nonfinite = NonFiniteGuard(
            cfg.faults, [q for q in self.model.parameters() if q.requires_grad], self.optimizer
        )
        self.verifier_health = VerifierHealth(self.verifier, cfg.faults.max_verifier_failure_steps)
        # the stages (each the configured one or a no-op)
        self.collector, self.sampler = make_collector(  # asynchronous: the sampler also draws ahead
            cfg, task, tokenizer, self.examples, self.sampler, make_score_shaping(cfg), lambda: self.stages
        )
        self.shape_rewards = make_reward_shaping(cfg)
        self.credit = make_credit_stage(cfg, task, tokenizer, self.model, self.verifier)
        if cfg.distributed.backend == "ray" and has_dropout(self.model):
            raise ValueError(
                "distributed.backend=ray: the policy has dropout, whose old log-probs need an eval-mode forward "
                "the learner group does not run; use distributed.backend=local"
            )
        #: the collect rounds and the update on Ray actor groups (started on first use), or None: in process
        self._stages: RayStages | None = None
        self._lost: str | None = None  # why the learner group's state is gone (the run must resume)
        self.learner = (
            PolicyUpdate(
                cfg,
                self.model,
                self.optimizer,
                self.scheduler,
                self.nonfinite,
                self.sft,
                self.autocast,
                self.share_prefix,
            )
            if cfg.distributed.backend == "local"
            else RemoteUpdate(cfg, self.model, self.scheduler, self.nonfinite, lambda: self.stages)
        )
        self._base_lrs = list(self.scheduler.base_lrs)
        self.step = 0
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
                raise NonFiniteError(f"{self.nonfinite.fatal}; {self._checkpoints_on_disk()}")
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
        sampler, rng, sft_pos = self.sampler.state_dict(), ckpt.rng_state(), self.sft.pos
        self.nonfinite.begin()
        try:
            with stop.armed():
                return self.train_step(step)
        except (StopRun, SystemError) as raised:
            e = stop_request(raised)
            if e is None:
                raise
            self.sampler.load_state_dict(sampler)
            ckpt.set_rng_state(rng)
            self.sft.pos = sft_pos
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
        except (StopRun, SystemError) as raised:
            e = stop_request(raised)
            if e is None:
                raise
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
            if self._lost:
                raise RuntimeError(f"{self._lost}: resume from the last checkpoint (--resume)")
            self._stages = RayStages(self.cfg, self.run_dir, self.pad_id)
            self._stages.load(self.model, self.optimizer)
        return self._stages

    def train_step(self, step: int) -> dict[str, Any]:
        """One rollout → update round of named stages; returns its metrics."""
        cfg = self.cfg
        collected = self.collect(step)
        m = dict(collected.metrics)
        if not collected.kept:
            m["skipped"] = 1.0  # no update: the schedule counts optimiser updates only
            return m
        batch, rewards, results = collate(collected.kept, self.pad_id, self.tokenizer, cfg.rollout.group_size)
        mask = loss_mask(collected.kept, cfg.reward.overlong_filter)
        packs = micro_batches(batch, cfg.optim.micro_batch_size, self.pad_id)
        ref, m_ref = self.reference_logprobs(packs)
        rewards, m_shape = self.shape_rewards(rewards, batch, packs, ref)
        adv = self.advantages(rewards, mask, collected)
        adv, m_credit = self.credit(batch, collected.kept, rewards.flatten(), adv, self.generator)
        m_batch = batch_metrics(rewards, results, batch.completion_mask, batch.truncated, batch.texts, adv)
        for part in (m_ref, m_shape, m_credit, m_batch):
            m.update(part)
        m.update(self.learner(step, batch, packs, adv, mask, ref, collected.loss_totals, self.stop))
        return m

    # -------------------------------------------------------------------------------------------- stages

    def collect(self, step: int) -> CollectResult:
        """The collect stage on the current weights: the step's groups, filtered groups and totals (with
        ``distributed.backend=ray`` each round runs on the rollout and verifier actors)."""
        stages = self.stages
        if stages is not None:
            collected = self.collector(step, self.generator, self.verifier, stages.round)
        else:
            self.generator.sync_weights(self.model)
            collected = self.collector(step, self.generator, self.verifier)
        self.verifier_health.observe(step, [r for g in collected.seen for r in g.results])
        return collected

    def reference_logprobs(
        self, packs: list[tuple[list[int], PackedBatch]]
    ) -> tuple[list[torch.Tensor] | None, dict[str, float]]:
        """The reference stage: (n, t) reference log-probs per micro-batch (None without a reference policy)."""
        r = self.cfg.rollout
        return reference_logprobs(self.reference, packs, self.device, self.autocast, r.temperature, self.share_prefix)

    def advantages(self, rewards: torch.Tensor, mask: torch.Tensor, collected: CollectResult) -> torch.Tensor:
        """(K·G,) sequence advantages of the kept groups' (K, G) ``rewards`` (``mask``: their (K·G, T) loss
        mask), the filtered groups counted with ``sampling.count_filtered`` joining the batch statistics."""
        a, counted = self.cfg.advantages, collected.counted
        return step_advantages(
            rewards,
            mask.sum(1),
            torch.tensor([g.rewards for g in counted], dtype=rewards.dtype),
            loss_mask(counted, self.cfg.reward.overlong_filter).sum(1),
            name=a.name,
            eps=a.eps,
            scale=a.scale,
            tol=a.tol,
            whiten=a.whiten,
        )

    # ------------------------------------------------------------------------------------------ evaluation

    def evaluate(self, label: str, step: int) -> dict[str, float]:
        """Held-out pass@1 (and its standard error) of the current policy; the report is saved in run_dir."""
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
                seed=seed_for(self.cfg.seed, step, 7919),
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

    def _checkpoints_on_disk(self) -> str:
        """What a stopped run leaves to resume from, for its error message."""
        found = ckpt.list_checkpoints(self.run_dir)
        if not found:
            return f"no checkpoint was written (checkpoint.every={self.cfg.checkpoint.every}): --resume starts fresh"
        return f"--resume continues from the last checkpoint, {found[-1].name}"

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
            "sft_pos": self.sft.pos,
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
        rebase_lr(self.scheduler, self._base_lrs, self.cfg)
        self.sampler.load_state_dict(state["sampler"])
        self.sft.pos = state["sft_pos"]
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

    def export(self, out: Path) -> None:
        """Save the trained policy (adapters with LoRA, the full model otherwise) and the tokenizer; never
        non-finite weights (:class:`NonFiniteError`)."""
        assert_finite({n: p for n, p in self.model.named_parameters() if p.requires_grad}, f"the model to {out}")
        self.model.save_pretrained(out)
        self.tokenizer.save_pretrained(out)


# ------------------------------------------------------------------------------------------------ building


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
