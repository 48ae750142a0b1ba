"""The learner group: N actors forming one ``torch.distributed`` process group, data parallel.

The controller (the trainer loop) cuts the step's batch into micro-batches exactly as the local trainer
does, computes the step's :class:`~rlvr.rl_core.losses.StepNormalizer` over *all* of them, and deals the
micro-batches to the ranks (balanced by token count). Each rank runs the thin per-rank step

    token_logprobs -> compute_loss(..., global normaliser) -> backward      (its micro-batches)
    all-reduce SUM of the gradients -> clip -> optimiser step               (every rank the same)

Because every micro-batch's loss is already its share of the *step* loss (normalised by the global totals),
the sum over ranks of the ranks' gradients is the gradient one process computes over the whole batch; a sum,
not DDP's mean, is therefore the right reduction. Strategies (``distributed.learner.strategy``):

- ``ddp``: every rank holds the whole model and its own optimiser (identical updates from identical summed
  gradients); the gradients go through one all-reduce per epoch in buckets of ``bucket_mib``. A rank may hold
  fewer micro-batches than another, or none: a parameter no rank produced a gradient for stays without one
  (as in one process, so AdamW's state matches too).
- ``fsdp2``: parameters, gradients and optimiser state sharded with ``torch.distributed.fsdp.fully_shard``
  (per decoder layer and the root), reduce-scatter summing (divide factor 1). Every rank must run the same
  number of forward passes (each all-gathers the weights), so the controller pads short ranks with
  zero-weight copies of a micro-batch (mask all False: exactly zero gradient), and each micro-batch runs as
  one forward of prompt + completion per row (the shared-prefix path's number of forwards depends on the
  prompts).

Version 0 of the weights is rank 0's: at start-up it broadcasts every parameter to the other ranks (peft
initialises adapters from each process's own RNG).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

import torch

from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.distributed.config import DistributedConfig
from rlvr.rl_core.distributed.errors import DistributedError
from rlvr.rl_core.distributed.runtime import (
    get_all,
    import_ray,
    kill_all,
    placement_group,
    remove_placement_group,
    start_actors,
)
from rlvr.rl_core.distributed.weight_sync import TRANSPORTS, WeightGroup, WeightUpdate, nbytes, policy_tensors
from rlvr.rl_core.distributed.worker import ActorBase, build_policy
from rlvr.rl_core.forward import PackedBatch, micro_batches, token_logprobs
from rlvr.rl_core.losses import LossConfig, LossInputs, StepNormalizer, compute_loss, merge_loss_metrics
from rlvr.rl_core.types import RolloutBatch

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------- records
@dataclass
class MicroBatch:
    """One micro-batch of the step, as it crosses to a learner rank. n rows, t = the packed width.

    rows: the rows of the step's batch (to place the returned log-probs); packed: prompts + completions;
    advantages (n,) or (n, t); mask (n, t) bool, the tokens that count in the loss (overlong filtering
    applied); sampler_logprobs (n, t) the rollout's; ref_logprobs (n, t) the KL reference's or None;
    old_logprobs (n, t) the ratio's π_old, or None for the learner's own epoch-0 log-probs (on-policy);
    behaviour_rows (n,) bool or None: rows whose π_old is ``sampler_logprobs`` (stale samples of asynchronous
    training, ``async.old_logprobs=behaviour``), their IS-correction weight 1 (the ratio corrects them).
    """

    rows: list[int]
    packed: PackedBatch
    advantages: torch.Tensor
    mask: torch.Tensor
    sampler_logprobs: torch.Tensor
    ref_logprobs: torch.Tensor | None = None
    old_logprobs: torch.Tensor | None = None
    behaviour_rows: torch.Tensor | None = None

    @property
    def num_tokens(self) -> int:
        return int(self.packed.completion_mask.sum())

    def zero_weight(self) -> MicroBatch:
        """A copy that contributes exactly nothing (FSDP2 padding): no rows, nothing in the loss mask."""
        return replace(self, rows=[], mask=torch.zeros_like(self.mask), advantages=torch.zeros_like(self.advantages))


@dataclass
class LearnerStepResult:
    """What a step returns. loss_metrics: the loss metrics of the last epoch over the micro-batches, merged
    exactly (:func:`~rlvr.rl_core.losses.merge_loss_metrics`); step_metrics: ``grad_norm`` and ``loss_sum``
    (the summed loss over the ranks) of the last epoch, ``lr``, timings, and ``nonfinite_epoch`` when an
    epoch's loss or gradient norm was not finite (that epoch's update was not applied, nor any after it); rows: the batch rows of ``learner_logprobs`` (R, T), the learner's epoch-0 log-probs
    (for ``rollout/logprob_gap`` and the mismatch metrics), 0 on padding. The group's result covers the
    whole batch: rows 0..N-1 in order."""

    loss_metrics: dict[str, float]
    step_metrics: dict[str, float]
    rows: list[int]
    learner_logprobs: torch.Tensor


def make_micro_batches(
    batch: RolloutBatch,
    advantages: torch.Tensor,
    mask: torch.Tensor,
    size: int,
    pad_id: int,
    ref_logprobs: torch.Tensor | None = None,
    old_logprobs: torch.Tensor | None = None,
) -> list[MicroBatch]:
    """The trainer's micro-batches of ``size`` rows (:func:`~rlvr.rl_core.forward.micro_batches`) as records
    for the ranks. advantages (N,) or (N, T); mask, ref/old log-probs (N, T)."""
    return to_records(batch, micro_batches(batch, size, pad_id), advantages, mask, ref_logprobs, old_logprobs)


def to_records(
    batch: RolloutBatch,
    packs: list[tuple[list[int], PackedBatch]],
    advantages: torch.Tensor,
    mask: torch.Tensor,
    ref_logprobs: torch.Tensor | list[torch.Tensor] | None = None,
    old_logprobs: torch.Tensor | None = None,
    behaviour_rows: torch.Tensor | None = None,
) -> list[MicroBatch]:
    """Packed micro-batches ``(rows, packed)`` as :class:`MicroBatch` records; ``ref_logprobs`` (N, T), or one
    (n, t) tensor per pack as the trainer's reference stage returns them; ``behaviour_rows`` (N,) bool."""
    out = []
    for k, (idx, p) in enumerate(packs):
        t = p.completion_ids.shape[1]
        ref = ref_logprobs[k].cpu() if isinstance(ref_logprobs, list) else ref_logprobs
        out.append(
            MicroBatch(
                rows=idx,
                packed=p,
                advantages=advantages[idx] if advantages.dim() == 1 else advantages[idx, :t],
                mask=mask[idx, :t],
                sampler_logprobs=batch.old_logprobs[idx, :t],
                ref_logprobs=None if ref is None else (ref if isinstance(ref_logprobs, list) else ref[idx, :t]),
                old_logprobs=None if old_logprobs is None else old_logprobs[idx, :t],
                behaviour_rows=None if behaviour_rows is None else behaviour_rows[idx],
            )
        )
    return out


def assign(tokens: Sequence[int], world: int, equal_counts: bool) -> list[list[int]]:
    """Indices of micro-batches per rank: largest first to the least loaded rank (ties: lower rank), each
    rank's list in the original order. ``equal_counts`` balances the number of micro-batches instead of
    tokens (FSDP2 needs equal forward counts; the controller pads the short ranks)."""
    loads = [0] * world
    out: list[list[int]] = [[] for _ in range(world)]
    order = sorted(range(len(tokens)), key=lambda i: (-tokens[i], i))
    for i in order:
        if equal_counts:
            r = min(range(world), key=lambda j: (len(out[j]), loads[j], j))
        else:
            r = min(range(world), key=lambda j: (loads[j], len(out[j]), j))
        out[r].append(i)
        loads[r] += tokens[i]
    return [sorted(x) for x in out]


# ---------------------------------------------------------------------------------------------- the rank
class LearnerWorker(ActorBase):
    """One learner rank (a Ray actor). Built like the local trainer's policy and optimiser; joins the
    group with :meth:`join`; then :meth:`step` (or :meth:`gradients`) with its micro-batches."""

    def __init__(self, cfg: RunConfig, rank: int, world: int, strategy: str, bucket_mib: float, threads: int) -> None:
        super().__init__(f"learner-{rank}", threads)
        self.cfg, self.rank, self.world, self.strategy = cfg, rank, world, strategy
        self.bucket_elems = max(1, int(bucket_mib * 2**20 / 4))  # float32 elements
        self.model, self.tokenizer = build_policy(cfg)
        self.device = next(self.model.parameters()).device
        self.loss_cfg = cfg.loss_config()
        amp = cfg.model.autocast
        self.autocast = (
            (lambda: torch.autocast(self.device.type, dtype=getattr(torch, amp))) if amp != "none" else nullcontext
        )
        # fsdp2: one forward per micro-batch on every rank (each all-gathers the weights; the shared-prefix
        # path runs one to three forwards depending on the prompts, which would desynchronise the ranks)
        self.share_prefix = not cfg.model.gradient_checkpointing and strategy != "fsdp2"
        correction = cfg.rollout.is_correction
        from rlvr.rl_core.mismatch import IS_CORRECTIONS

        self.is_correction = None if correction == "none" else IS_CORRECTIONS[correction]
        self.optimizer: torch.optim.Optimizer | None = None
        self._store: Any = None
        self._weights: WeightGroup | None = None
        self._weights_store: Any = None

    # ------------------------------------------------------------------------------------- the group
    def host(self) -> str:
        import ray

        return ray.util.get_node_ip_address()

    def open_store(self) -> tuple[str, int]:
        """Rank 0: host the group's TCPStore on a free port; returns (address, port)."""
        import torch.distributed as dist

        host = self.host()
        self._store = dist.TCPStore(host, 0, self.world, True, timeout=timedelta(seconds=60), wait_for_workers=False)
        return host, self._store.port

    def join(self, host: str, port: int, backend: str, timeout_s: float) -> None:
        """Join the process group (all ranks at once), take rank 0's weights, shard (fsdp2), build the
        optimiser."""
        import torch.distributed as dist

        timeout = timedelta(seconds=timeout_s)
        store = self._store or dist.TCPStore(host, port, self.world, False, timeout=timeout)
        dist.init_process_group(backend, store=store, rank=self.rank, world_size=self.world, timeout=timeout)
        with torch.no_grad():
            for t in [*self.model.parameters(), *self.model.buffers()]:
                dist.broadcast(t.data, src=0)
        if self.strategy == "fsdp2":
            self._shard()
        from rlvr.rl_core.lora import make_optimizer

        self.optimizer = make_optimizer(self.model, self.cfg.optim, self.cfg.lora)
        self._base_lrs = [g["lr"] for g in self.optimizer.param_groups]

    def _shard(self) -> None:
        from torch.distributed.device_mesh import init_device_mesh
        from torch.distributed.fsdp import fully_shard

        mesh = init_device_mesh(self.device.type, (self.world,))
        base = self.model.get_base_model() if hasattr(self.model, "get_base_model") else self.model
        layers = getattr(getattr(base, "model", base), "layers", None)
        for layer in layers if layers is not None else []:
            fully_shard(layer, mesh=mesh)
        fully_shard(self.model, mesh=mesh)
        for module in self.model.modules():  # a sum: each rank's loss is already normalised globally
            if hasattr(module, "set_gradient_divide_factor"):
                module.set_gradient_divide_factor(1.0)
                module.set_force_sum_reduction_for_comms(True)  # gloo has no PREMUL_SUM

    def leave(self) -> None:
        import torch.distributed as dist

        if self._weights is not None:
            self._weights.close()
        if dist.is_initialized():
            dist.destroy_process_group()

    # -------------------------------------------------------------------------------------- one step
    def _backward(
        self,
        micro_batches: list[MicroBatch],
        norm: StepNormalizer,
        loss_cfg: LossConfig,
        epochs: int = 1,
        lr_scale: float | None = None,
    ) -> LearnerStepResult:
        cfg, dev = self.cfg, self.device
        want_entropy_grad = loss_cfg.entropy_coef > 0
        old: list[torch.Tensor] = []
        is_w: list[torch.Tensor | None] = []
        lps: list[torch.Tensor] = []
        parts: list[dict[str, float]] = []
        m: dict[str, float] = {}
        fsdp = self.strategy == "fsdp2"
        self.model.train()
        for epoch in range(epochs):
            self.optimizer.zero_grad(set_to_none=True)
            loss_sum = 0.0
            for k, mb in enumerate(micro_batches):
                if fsdp:
                    self.model.set_requires_gradient_sync(k == len(micro_batches) - 1)
                p = mb.packed.to(dev)
                mask = mb.mask.to(dev)
                with self.autocast():
                    lp, ent = token_logprobs(
                        self.model, p, cfg.rollout.temperature, True, want_entropy_grad, self.share_prefix
                    )
                if epoch == 0:
                    lps.append(lp.detach().cpu().float())
                    own = lp.detach() if mb.old_logprobs is None else mb.old_logprobs.to(dev)
                    w = (
                        None
                        if self.is_correction is None
                        else self.is_correction(
                            lp.detach(), mb.sampler_logprobs.to(dev), p.completion_mask, cfg.rollout.is_cap
                        )
                    )
                    if mb.behaviour_rows is not None:  # stale rows: π_old is the sampler's (async training)
                        rows = mb.behaviour_rows.to(dev)[:, None]
                        own = torch.where(rows, mb.sampler_logprobs.to(dev, own.dtype), own)
                        w = None if w is None else torch.where(rows, torch.ones_like(w), w)
                    old.append(own)
                    is_w.append(w)
                ref = mb.ref_logprobs.to(dev) if mb.ref_logprobs is not None else None
                out = compute_loss(
                    LossInputs(lp, old[k], mb.advantages.to(dev), mask, ref, ent, is_w[k]), loss_cfg, norm
                )
                out.loss.backward()
                loss_sum += float(out.loss.detach())
                if epoch == epochs - 1 and mb.rows:
                    parts.append(out.metrics)
            if not fsdp:
                self._all_reduce_grads()
            if lr_scale is None:  # gradients only
                break
            params = [q for q in self.model.parameters() if q.requires_grad]
            max_norm = cfg.optim.max_grad_norm if cfg.optim.max_grad_norm > 0 else float("inf")
            gn = torch.nn.utils.clip_grad_norm_(params, max_norm)
            m["grad_norm"] = float(gn.full_tensor() if hasattr(gn, "full_tensor") else gn)
            m["loss_sum"] = self._sum_over_ranks(loss_sum)
            if not math.isfinite(m["loss_sum"]) or not math.isfinite(m["grad_norm"]):
                # the trainer's non-finite guard: nothing of the update applied, on every rank alike
                self.optimizer.zero_grad(set_to_none=True)
                m["nonfinite_epoch"] = float(epoch)
                break
            for g, base in zip(self.optimizer.param_groups, self._base_lrs):
                g["lr"] = base * lr_scale
            self.optimizer.step()
        self.model.eval()
        if lr_scale is not None:
            m["lr"] = self._base_lrs[0] * lr_scale
        rows = [r for mb in micro_batches for r in mb.rows]
        return LearnerStepResult(merge_loss_metrics(parts), m, rows, _place(micro_batches, lps))

    def _sum_over_ranks(self, x: float) -> float:
        """``x`` summed over the ranks (every rank gets the same number, so all decide alike)."""
        import torch.distributed as dist

        if self.world == 1:
            return x
        t = torch.tensor([x], dtype=torch.float64, device=self.device)
        dist.all_reduce(t)
        return float(t)

    def _all_reduce_grads(self) -> None:
        """Sum every trainable gradient over the ranks, in buckets of about ``bucket_mib``; a parameter
        without a gradient on every rank stays without one."""
        import torch.distributed as dist

        if self.world == 1:
            return
        params = [q for q in self.model.parameters() if q.requires_grad]
        has = torch.tensor([q.grad is not None for q in params], dtype=torch.int32, device=self.device)
        dist.all_reduce(has)  # which parameters got a gradient on any rank
        buckets: list[list[torch.Tensor]] = []
        sizes: list[int] = []
        for q, h in zip(params, has.tolist()):
            if not h:
                continue
            if q.grad is None:
                q.grad = torch.zeros_like(q)
            if not buckets or sizes[-1] + q.numel() > self.bucket_elems or q.grad.dtype != buckets[-1][0].dtype:
                buckets.append([])
                sizes.append(0)
            buckets[-1].append(q.grad)
            sizes[-1] += q.numel()
        for bucket in buckets:
            flat = torch.cat([g.reshape(-1) for g in bucket])
            dist.all_reduce(flat)
            for g, piece in zip(bucket, flat.split([g.numel() for g in bucket])):
                g.copy_(piece.view_as(g))

    def step(self, micro_batches: list[MicroBatch], norm: StepNormalizer, lr_scale: float) -> LearnerStepResult:
        """μ = ``optim.epochs`` optimiser steps on this rank's micro-batches (gradients summed over the
        ranks) at learning rate ``lr_scale`` x the configured one."""
        t0 = time.perf_counter()
        res = self._backward(micro_batches, norm, self.loss_cfg, self.cfg.optim.epochs, lr_scale)
        res.step_metrics["time/learner_rank"] = time.perf_counter() - t0
        return res

    @torch.no_grad()
    def logprobs(self, micro_batches: list[MicroBatch]) -> torch.Tensor:
        """(R, T) log-probs of this rank's rows under the current weights (no gradient)."""
        lps = []
        for mb in micro_batches:
            with self.autocast():
                lp, _ = token_logprobs(
                    self.model, mb.packed.to(self.device), self.cfg.rollout.temperature, False, False, self.share_prefix
                )
            lps.append(lp.cpu().float())
        return _place(micro_batches, lps)

    def gradients(
        self, micro_batches: list[MicroBatch], norm: StepNormalizer, loss_cfg: LossConfig | None = None
    ) -> dict[str, torch.Tensor] | None:
        """The summed gradient of one backward over the micro-batches, without an optimiser step: whole
        tensors by parameter name on rank 0 (None on the others). For checks and diagnostics."""
        self._backward(micro_batches, norm, loss_cfg or self.loss_cfg)
        out = {}
        for n, q in self.model.named_parameters():
            if q.requires_grad and q.grad is not None:
                g = q.grad.full_tensor() if hasattr(q.grad, "full_tensor") else q.grad
                out[n] = g.detach().cpu().clone()
        self.optimizer.zero_grad(set_to_none=True)
        return out if self.rank == 0 else None

    # --------------------------------------------------------------------------------------- weights
    def trainable_state(self) -> dict[str, torch.Tensor] | None:
        """Rank 0: the trainable parameters as whole CPU tensors (every rank must call)."""
        state = {n: t.cpu().clone() for n, t in policy_tensors(self.model, full=False).items()}
        return state if self.rank == 0 else None

    def load_trainable_state(self, state: dict[str, torch.Tensor]) -> None:
        """Set the trainable parameters on every rank (each gets the same ``state``)."""
        from torch.distributed.tensor import distribute_tensor

        params = {n: q for n, q in self.model.named_parameters() if q.requires_grad}
        if sorted(params) != sorted(state):
            raise KeyError("state does not name exactly the trainable parameters")
        with torch.no_grad():
            for n, q in params.items():
                src = state[n].to(dtype=q.dtype)
                if hasattr(q, "device_mesh"):
                    src = distribute_tensor(src.to(q.device_mesh.device_type), q.device_mesh, q.placements)
                    q.to_local().copy_(src.to_local())
                else:
                    q.copy_(src.to(q.device))

    def state_dict(self) -> dict[str, Any] | None:
        """Rank 0: ``{"model": trainable weights, "optimizer": optimiser state}``, whole CPU tensors keyed by
        parameter name (torch.distributed.checkpoint's full state dict; every rank must call)."""
        from torch.distributed.checkpoint.state_dict import StateDictOptions, get_state_dict

        model, optim = get_state_dict(
            self.model, self.optimizer, options=StateDictOptions(full_state_dict=True, cpu_offload=True)
        )
        trainable = {n for n, q in self.model.named_parameters() if q.requires_grad}
        return (
            {"model": {k: v for k, v in model.items() if k in trainable}, "optimizer": optim}
            if self.rank == 0
            else None
        )

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore :meth:`state_dict`'s output on every rank (each gets the same ``state``)."""
        from torch.distributed.checkpoint.state_dict import StateDictOptions, set_state_dict

        opts = StateDictOptions(full_state_dict=True, strict=False)
        set_state_dict(
            self.model,
            self.optimizer,
            model_state_dict=state["model"],
            optim_state_dict=state["optimizer"],
            options=opts,
        )

    def publish(self, transport: str, version: int, full: bool, options: dict[str, Any]) -> WeightUpdate | None:
        """Publish the current weights as ``version`` (every rank calls: FSDP2 gathers); rank 0 returns
        the record. ``collective`` broadcasts in the weight group (the actors receive at the same time)."""
        from rlvr.rl_core.distributed.versioning import fingerprint

        t0 = time.perf_counter()
        tensors = policy_tensors(self.model, full)
        if self.rank != 0:
            return None
        update = WeightUpdate(version, transport, fingerprint(tensors), sorted(tensors), nbytes(tensors))
        if transport == "collective":
            if self._weights is None:
                raise DistributedError("learner-0: the collective weight group is not formed")
            self._weights.send(tensors, version)
        else:
            update = TRANSPORTS[transport]().publish(tensors, update, options)
        update.publish_s = time.perf_counter() - t0
        return update

    def open_weight_group(self, world: int, timeout_s: float) -> tuple[str, int]:
        """Rank 0: host the store of a new weight group of ``world`` members; returns (address, port)."""
        if self._weights is not None:
            self._weights.close()
            self._weights = None
        host = self.host()
        self._weights_store, port = WeightGroup.host_store(host, world, timeout_s)
        return host, port

    def join_weight_group(self, host: str, port: int, world: int, backend: str, timeout_s: float) -> None:
        self._weights = WeightGroup(host, port, 0, world, backend, timeout_s, store=self._weights_store)


def _place(micro_batches: list[MicroBatch], lps: list[torch.Tensor]) -> torch.Tensor:
    """(N_rank, T) log-probs of this rank's rows, in micro-batch order (the controller maps rows back)."""
    rows = [(r, lp[j]) for mb, lp in zip(micro_batches, lps) for j, r in enumerate(mb.rows)]
    width = max((int(x.shape[0]) for _, x in rows), default=0)
    out = torch.zeros(len(rows), width)
    for i, (_, x) in enumerate(rows):
        out[i, : x.shape[0]] = x
    return out


# ---------------------------------------------------------------------------------------------- the group
def comm_backend(dcfg: DistributedConfig) -> str:
    lc = dcfg.learner
    if lc.comm_backend != "auto":
        return lc.comm_backend
    return "nccl" if lc.resources.num_gpus > 0 else "gloo"


class LearnerGroup:
    """The controller's handle on the N learner ranks (``distributed.learner``).

    Ranks are not restarted: a rank that dies breaks the process group, so the step fails with an error
    naming the rank, and the run continues from its last checkpoint (``--resume``).
    """

    def __init__(
        self, cfg: RunConfig, dcfg: DistributedConfig, worker_cls: type[LearnerWorker] = LearnerWorker
    ) -> None:
        lc, t = dcfg.learner, dcfg.timeouts
        self.cfg, self.dcfg, self.world = cfg, dcfg, lc.size
        self.names = [f"learner-{r}" for r in range(lc.size)]
        self.actors: list[Any] = []
        self.pg = placement_group(dcfg, dcfg.placement.learner, lc.resources, lc.size, "learner")
        backend = comm_backend(dcfg)
        try:
            args = (lc.size, lc.strategy, lc.bucket_mib, lc.resources.threads)
            self.actors = start_actors(
                worker_cls, dcfg, lc.resources, self.names, lambda r, _: (cfg, r, *args), self.pg, max_restarts=0
            )
            host, port = get_all([self.actors[0].open_store.remote()], self.names[:1], "open_store", t.startup_s)[0]
            joins = [a.join.remote(host, port, backend, t.collective_s) for a in self.actors]
            get_all(joins, self.names, f"join ({backend} group of {lc.size})", t.startup_s)
        except BaseException:
            self.shutdown()
            raise
        logger.info("learner group up: %d rank(s), %s, %s", lc.size, lc.strategy, backend)

    def _call(
        self,
        method: str,
        per_rank: Sequence[tuple[Any, ...]],
        timeout_s: float,
        overlap: Callable[[list[Any]], None] | None = None,
    ) -> list[Any]:
        refs = [getattr(a, method).remote(*args) for a, args in zip(self.actors, per_rank)]
        t0 = time.monotonic()
        if overlap is not None:  # other work advances while the ranks compute (asynchronous training)
            overlap(refs)
        return get_all(refs, self.names, method, max(0.0, timeout_s - (time.monotonic() - t0)))

    def shard(self, micro_batches: Sequence[MicroBatch]) -> list[list[MicroBatch]]:
        """The micro-batches of each rank (fsdp2: equal counts, short ranks padded with zero-weight copies)."""
        fsdp = self.dcfg.learner.strategy == "fsdp2"
        plan = assign([mb.num_tokens for mb in micro_batches], self.world, equal_counts=fsdp)
        out = [[micro_batches[i] for i in idx] for idx in plan]
        if fsdp and micro_batches:
            most = max(len(x) for x in out)
            out = [x + [micro_batches[0].zero_weight()] * (most - len(x)) for x in out]
        return out

    def step(
        self,
        micro_batches: Sequence[MicroBatch],
        norm: StepNormalizer,
        lr_scale: float,
        overlap: Callable[[list[Any]], None] | None = None,
    ) -> LearnerStepResult:
        """One learner step over the whole batch (see :meth:`LearnerWorker.step`); the result covers every row.
        ``overlap(refs)``: runs while the ranks step (it may return before ``refs`` are ready)."""
        shards = self.shard(micro_batches)
        t = self.dcfg.timeouts.call_s
        results: list[LearnerStepResult] = self._call("step", [(s, norm, lr_scale) for s in shards], t, overlap)
        lp = _gather_rows(shards, [r.learner_logprobs for r in results])
        rows = list(range(lp.shape[0]))
        step_metrics = dict(results[0].step_metrics)
        step_metrics["time/learner_rank_max"] = max(r.step_metrics["time/learner_rank"] for r in results)
        del step_metrics["time/learner_rank"]
        # one rank: its metrics as they are (merging one part again could move the last bit of a mean)
        loss = results[0].loss_metrics if self.world == 1 else merge_loss_metrics([r.loss_metrics for r in results])
        return LearnerStepResult(loss, step_metrics, rows, lp)

    def logprobs(self, micro_batches: Sequence[MicroBatch]) -> torch.Tensor:
        """(N, T) log-probs of every row under the learner's current weights (no gradient, no step)."""
        shards = self.shard(micro_batches)
        parts = self._call("logprobs", [(s,) for s in shards], self.dcfg.timeouts.call_s)
        return _gather_rows(shards, parts)

    def gradients(
        self, micro_batches: Sequence[MicroBatch], norm: StepNormalizer, loss_cfg: LossConfig | None = None
    ) -> dict[str, torch.Tensor]:
        """The summed gradient over all micro-batches (no optimiser step), whole tensors by name."""
        shards = self.shard(micro_batches)
        return self._call("gradients", [(s, norm, loss_cfg) for s in shards], self.dcfg.timeouts.call_s)[0]

    def trainable_state(self) -> dict[str, torch.Tensor]:
        return self._call("trainable_state", [()] * self.world, self.dcfg.timeouts.call_s)[0]

    def load_trainable_state(self, state: dict[str, torch.Tensor]) -> None:
        ref = import_ray().put(state)
        self._call("load_trainable_state", [(ref,)] * self.world, self.dcfg.timeouts.call_s)

    def state_dict(self) -> dict[str, Any]:
        """The learner's checkpoint: trainable weights and optimiser state, whole tensors by name."""
        return self._call("state_dict", [()] * self.world, self.dcfg.timeouts.call_s)[0]

    def load_state_dict(self, state: dict[str, Any]) -> None:
        ref = import_ray().put(state)
        self._call("load_state_dict", [(ref,)] * self.world, self.dcfg.timeouts.call_s)

    def publish(self, transport: str, version: int, full: bool, options: dict[str, Any]) -> list[Any]:
        """Refs of every rank's ``publish`` (rank 0's result is the record); the caller waits on them."""
        return [a.publish.remote(transport, version, full, options) for a in self.actors]

    def shutdown(self) -> None:
        """Leave the process group (briefly waited for), kill the ranks, release the placement group."""
        ray = import_ray()
        refs = [a.leave.remote() for a in self.actors]
        ray.wait(refs, num_returns=len(refs), timeout=10)
        kill_all(self.actors)
        remove_placement_group(self.pg)
        self.pg = None


def _gather_rows(shards: Sequence[Sequence[MicroBatch]], parts: Sequence[torch.Tensor]) -> torch.Tensor:
    """(N, T) from each rank's (R_k, T_k) rows (in its micro-batch order); the rows must be 0..N-1, once each."""
    rows = [[r for mb in shard for r in mb.rows] for shard in shards]
    flat = sorted(r for rk in rows for r in rk)
    if flat != list(range(len(flat))):
        raise ValueError("the micro-batches must cover rows 0..N-1 of the batch exactly once")
    out = torch.zeros(len(flat), max((int(p.shape[1]) for p in parts), default=0))
    for rk, p in zip(rows, parts):
        if rk:
            out[rk, : p.shape[1]] = p
    return out
