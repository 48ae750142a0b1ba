"""The ``distributed`` section of a run: which backend, how many actors of each group, what each needs.

Same conventions as :mod:`rlvr.rl_core.config`: one :class:`~rlvr.rl_core.config_base.Section` per
sub-section, each field's help string names its source, errors name the dotted field (relative to this section;
nested in a run config, ``distributed.`` comes first). Nothing here imports Ray.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import model_validator

from rlvr.rl_core.config_base import FieldError, Section, knob, require, section

#: placement-group strategies of Ray (``ray.util.placement_group``)
PLACEMENT_STRATEGIES = ("PACK", "SPREAD", "STRICT_PACK", "STRICT_SPREAD")
#: resource names Ray manages itself; custom resources must use other names
_BUILTIN_RESOURCES = ("CPU", "GPU", "memory", "object_store_memory")


class ActorResources(Section):
    """What one actor of a group asks the Ray scheduler for."""

    num_cpus: float = knob(
        1.0,
        "logical CPUs reserved per actor (Ray num_cpus; fractions oversubscribe a node); torch and OpenMP in the "
        "actor use max(1, floor(num_cpus)) threads",
    )
    num_gpus: float = knob(0.0, "GPUs per actor (Ray num_gpus; a fraction shares one GPU between actors)")
    memory_gib: float | None = knob(
        None, "memory reserved per actor in GiB (Ray memory resource); None: no reservation"
    )
    custom: dict[str, float] = knob(
        {},
        "custom resources per actor, e.g. {verifier_node: 1} to pin verifiers to nodes started with "
        "`ray start --resources='{\"verifier_node\": 8}'` (Ray custom resources)",
    )

    @model_validator(mode="after")
    def _check(self) -> ActorResources:
        require(math.isfinite(self.num_cpus) and self.num_cpus >= 0, "num_cpus", "must be a number >= 0")
        require(math.isfinite(self.num_gpus) and self.num_gpus >= 0, "num_gpus", "must be a number >= 0")
        require(
            self.num_gpus <= 1 or float(self.num_gpus).is_integer(),
            "num_gpus",
            f"above 1 must be a whole number (Ray), got {self.num_gpus}",
        )
        require(self.memory_gib is None or self.memory_gib > 0, "memory_gib", "must be None or > 0")
        for k, v in self.custom.items():
            require(k not in _BUILTIN_RESOURCES, f"custom.{k}", "is built in: use num_cpus / num_gpus / memory_gib")
            require(
                isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0,
                f"custom.{k}",
                f"must be a number > 0, got {v!r}",
            )
        return self

    @property
    def threads(self) -> int:
        """Threads torch and OpenMP use inside the actor."""
        return max(1, int(self.num_cpus))


class LearnerGroupConfig(Section):
    """The learner: N ranks of one torch.distributed process group."""

    size: int = knob(
        1, "N: learner ranks (data-parallel world size; PyTorch DDP / FSDP, Li et al. 2020, Zhao et al. 2023)"
    )
    strategy: Literal["ddp", "fsdp2"] = knob(
        "ddp",
        "ddp: every rank holds the whole model and gradients are summed by all-reduce (LoRA, small models; "
        "PyTorch DDP, Li et al. 2020); fsdp2: parameters, gradients and optimiser state sharded over the ranks "
        "(torch.distributed.fsdp.fully_shard, FSDP, Zhao et al. 2023) for full fine-tuning beyond one device",
    )
    comm_backend: Literal["auto", "gloo", "nccl"] = knob(
        "auto", "torch.distributed backend: auto = nccl when the ranks have GPUs, else gloo"
    )
    bucket_mib: float = knob(
        64.0, "gradient all-reduce bucket size in MiB (ddp; PyTorch DDP's bucket_cap_mb, Li et al. 2020 use 25)"
    )
    resources: ActorResources = section(ActorResources, "per learner rank")

    @model_validator(mode="after")
    def _check(self) -> LearnerGroupConfig:
        require(self.size >= 1, "size", "must be >= 1")
        require(self.bucket_mib > 0, "bucket_mib", "must be > 0")
        if self.comm_backend == "nccl" and self.resources.num_gpus <= 0:
            raise FieldError("comm_backend", "nccl needs GPUs: set resources.num_gpus > 0 (or comm_backend gloo)")
        return self


class RolloutGroupConfig(Section):
    """Rollout workers: M actors, each with its own copy of the policy and generator (hf or vLLM)."""

    size: int = knob(1, "M: rollout actors (verl / OpenRLHF rollout workers)")
    prompts_per_task: int | None = knob(
        None,
        "prompts per generation task; the step's prompts are cut into tasks of this size dealt to idle actors "
        "(each task seeded by its index, so results do not depend on which actor runs it); None: one task per actor",
    )
    resources: ActorResources = section(ActorResources, "per rollout actor")

    @model_validator(mode="after")
    def _check(self) -> RolloutGroupConfig:
        require(self.size >= 1, "size", "must be >= 1")
        require(self.prompts_per_task is None or self.prompts_per_task >= 1, "prompts_per_task", "must be >= 1")
        return self


class VerifierGroupConfig(Section):
    """Verifier workers: K actors wrapping the task's verifier (and so its sandbox pool)."""

    size: int = knob(1, "K: verifier actors (placeable on CPU-only nodes through resources)")
    sample_timeout_s: float = knob(
        60.0,
        "hard limit per completion in seconds: a verification task of n completions that runs past "
        "n x this (plus call_overhead_s) has its actor killed and restarted, then each completion is re-run "
        "alone and one that again runs past the limit scores 0 with status timeout (verl PR #6673)",
    )
    resources: ActorResources = section(ActorResources, "per verifier actor")

    @model_validator(mode="after")
    def _check(self) -> VerifierGroupConfig:
        require(self.size >= 1, "size", "must be >= 1")
        require(self.sample_timeout_s > 0, "sample_timeout_s", "must be > 0")
        return self


class PlacementConfig(Section):
    """Ray placement groups: reserve all bundles of a group at once (gang scheduling), as verl's resource pools."""

    learner: Literal["none", "PACK", "SPREAD", "STRICT_PACK", "STRICT_SPREAD"] = knob(
        "PACK",
        "placement-group strategy of the learner ranks (one bundle per rank; Ray placement groups); "
        "none: no placement group (each rank scheduled alone). Used when the ranks ask for GPUs or when "
        "force is set",
    )
    rollout: Literal["none", "PACK", "SPREAD", "STRICT_PACK", "STRICT_SPREAD"] = knob(
        "SPREAD", "placement-group strategy of the rollout actors (same rules as learner)"
    )
    force: bool = knob(False, "use placement groups for CPU-only groups too")
    ready_timeout_s: float = knob(
        300.0, "seconds to wait for a placement group's bundles before failing with the cluster's free resources"
    )

    @model_validator(mode="after")
    def _check(self) -> PlacementConfig:
        require(self.ready_timeout_s > 0, "ready_timeout_s", "must be > 0")
        return self


class TimeoutConfig(Section):
    """Deadlines of every remote call and collective: a dead or hung peer is an error, never an endless wait
    (TRL #2923, OpenRLHF #331)."""

    startup_s: float = knob(600.0, "an actor's constructor (model load, engine start) and a restart")
    call_s: float = knob(1800.0, "one generation task or one learner step")
    collective_s: float = knob(
        600.0, "one torch.distributed collective (process-group timeout; gloo and NCCL abort past it)"
    )
    weight_sync_s: float = knob(600.0, "one weight push to all rollout actors")
    call_overhead_s: float = knob(
        30.0, "slack added to computed deadlines (verifier tasks: n x sample_timeout_s + this)"
    )

    @model_validator(mode="after")
    def _check(self) -> TimeoutConfig:
        for name in ("startup_s", "call_s", "collective_s", "weight_sync_s", "call_overhead_s"):
            value = getattr(self, name)
            require(math.isfinite(value) and value > 0, name, f"must be a finite number > 0, got {value}")
        return self


class WeightSyncConfig(Section):
    """How the learner's weights reach the rollout actors after each optimiser step (one interface, three
    transports; prime-rl ships one file per transport)."""

    transport: Literal["object_store", "filesystem", "collective"] = knob(
        "object_store",
        "object_store: learner rank 0 puts the tensors in Ray's object store, actors fetch them (LoRA adapters or "
        "the full state); filesystem: safetensors + JSON manifest under path (shared storage); collective: "
        "broadcast in a gloo/NCCL group of learner rank 0 + the rollout actors (OpenRLHF / verl)",
    )
    path: str | None = knob(None, "directory of the filesystem transport (shared by all nodes); None: run_dir/weights")
    keep: int = knob(2, "versions the filesystem transport keeps on disk (the newest ones)")
    verify: bool = knob(
        True,
        "after each push every actor reports a fingerprint of the weights it now samples with, compared with "
        "the learner's: a push that moved nothing is an error (verl #7495)",
    )

    @model_validator(mode="after")
    def _check(self) -> WeightSyncConfig:
        require(self.keep >= 1, "keep", "must be >= 1")
        return self


class DistributedConfig(Section):
    """Where the run's stages execute. ``backend: local`` is today's single process; ``ray`` drives a learner
    group, rollout workers and verifier workers from the trainer loop (the controller), see docs/distributed.md."""

    backend: Literal["local", "ray"] = knob(
        "local", "local: everything in this process; ray: actor groups on a Ray cluster (Moritz et al. 2018)"
    )
    address: str | None = knob(
        None,
        "Ray cluster to join: None starts a private instance on this machine (ray.init(address='local')); "
        "'auto' joins the cluster `ray start --head` started on this machine; 'host:6379' or 'ray://host:10001' "
        "a remote one",
    )
    namespace: str = knob("rlvr", "Ray namespace of the run's actors")
    num_cpus: int | None = knob(
        None,
        "logical CPUs of a private instance (address None); None: the machine's, or what the three groups "
        "reserve together when that is more (Ray num_cpus; each actor still runs its own threads)",
    )
    learner: LearnerGroupConfig = section(LearnerGroupConfig, "the learner group")
    rollout: RolloutGroupConfig = section(RolloutGroupConfig, "the rollout workers")
    verifier: VerifierGroupConfig = section(VerifierGroupConfig, "the verifier workers")
    placement: PlacementConfig = section(PlacementConfig, "placement groups")
    timeouts: TimeoutConfig = section(TimeoutConfig, "deadlines of remote calls and collectives")
    weight_sync: WeightSyncConfig = section(WeightSyncConfig, "learner -> rollout weight transport")
    max_restarts: int = knob(
        3, "restarts of a dead actor before the run fails naming it (Ray max_restarts); its unfinished work is re-run"
    )
    max_task_retries: int = knob(
        2, "times one task (a generation or verification chunk) is re-run after its actor died or hung"
    )
    max_logprob_gap: float | None = knob(
        0.5,
        "raise when rollout/logprob_gap (mean |learner - sampler| log-prob per token, Yao et al. 2025) exceeds "
        "this: stale or corrupt rollout weights are an error, never a drift (verl #7495, TRL #5312); None: off",
    )
    env: dict[str, str] = knob(
        {},
        "environment variables of every actor (Ray runtime_env env_vars), e.g. GLOO_SOCKET_IFNAME or NCCL_* on "
        "a cluster; OMP_NUM_THREADS is set from the actor's num_cpus",
    )

    @model_validator(mode="after")
    def _check(self) -> DistributedConfig:
        require(self.num_cpus is None or self.num_cpus >= 1, "num_cpus", "must be None or >= 1")
        require(
            self.address is None or self.address == "auto" or ":" in self.address,
            "address",
            f"must be None, 'auto', 'host:port' or 'ray://host:port', got {self.address!r}",
        )
        require(self.max_restarts >= 0, "max_restarts", "must be >= 0")
        require(self.max_task_retries >= 0, "max_task_retries", "must be >= 0")
        require(
            self.max_logprob_gap is None or (math.isfinite(self.max_logprob_gap) and self.max_logprob_gap > 0),
            "max_logprob_gap",
            "must be None or a number > 0",
        )
        if self.num_cpus is not None and self.address is not None:
            raise FieldError("num_cpus", "only for a private instance; it conflicts with address (the cluster's own)")
        if self.learner.strategy == "fsdp2" and self.learner.size < 2:
            raise FieldError("learner.strategy", "fsdp2 shards over ranks; it needs learner.size >= 2")
        return self

    def cpus_reserved(self) -> float:
        """Logical CPUs the learner, rollout and verifier groups reserve together."""
        groups = (self.learner, self.rollout, self.verifier)
        return sum(g.size * g.resources.num_cpus for g in groups)

    def actor_env(self, resources: ActorResources) -> dict[str, str]:
        """The environment of an actor with ``resources``: one OpenMP/MKL thread per reserved CPU, then ``env``."""
        n = str(resources.threads)
        return {"OMP_NUM_THREADS": n, "MKL_NUM_THREADS": n, "TOKENIZERS_PARALLELISM": "false", **self.env}


class AsyncConfig(Section):
    """Asynchronous training (the run config's ``async`` section): rollouts of the next steps generate while
    the learner trains, off-policy by at most ``max_staleness`` versions (docs/distributed.md, asynchronous)."""

    max_staleness: int = knob(
        0,
        "k: a sample generated with policy version v is used at learner version s only if s - v <= k; 0 is the "
        "synchronous on-policy loop; 1 is one-step-off-policy (verl one_step_off_policy, prime-rl async_level); "
        "AReaL max_head_offpolicyness, TRL AsyncGRPO max_staleness; needs distributed.backend=ray",
        ge=0,
    )
    stale_policy: Literal["drop", "wait"] = knob(
        "drop",
        "a group older than k versions when the learner takes it: drop (discarded and counted, its prompt "
        "consumed, as verl's fully-async trainer drops stale samples) or wait (its prompt regenerated with the "
        "current weights and waited for, AReaL's staleness-bounded wait)",
    )
    old_logprobs: Literal["behaviour", "proximal"] = knob(
        "behaviour",
        "the ratio's pi_old for stale samples: behaviour = the sampler's log-probs (off-policy PPO, Schulman et "
        "al. 2017; TRL AsyncGRPO), rollout.is_correction then weighs the fresh rows only; proximal = the "
        "learner's own epoch-0 log-probs with rollout.is_correction (tis / seq_tis, Yao et al. 2025) as the "
        "behaviour correction (decoupled PPO, Hilton et al. 2022; AReaL, Fu et al. 2025)",
    )


def async_section(cfg: object) -> AsyncConfig:
    """The ``async`` section of a run config (a Python keyword, so read by name)."""
    return getattr(cfg, "async")
