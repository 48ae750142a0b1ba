"""Cross-section checks of a run configuration: settings that are valid alone but whose combination would
make a documented guarantee false or a setting do nothing. :func:`combination_errors` returns one message
per problem, each starting with the dotted field it is about and naming the other field involved; the
config loader raises the first as a ``ConfigError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rlvr.rl_core.credit.base import ZERO_PRESERVING

if TYPE_CHECKING:
    from rlvr.rl_core.config import RunConfig


def kl_errors(cfg: RunConfig) -> list[str]:
    """k1 belongs in the reward, not in the loss."""
    if cfg.kl.estimator == "k1" and cfg.kl.beta > 0 and not cfg.kl.in_reward:
        return [
            "kl.estimator: k1 = log(pi/pi_ref) with kl.in_reward=false is a loss term whose expected gradient "
            "is 0 (E_pi[grad log pi] = 0): it adds noise, not regularisation. Put k1 in the reward "
            "(kl.in_reward=true) or use k2 / k3 in the loss (Schulman 2020)"
        ]
    return []


def dynamic_sampling_errors(cfg: RunConfig) -> list[str]:
    """Dynamic sampling filters on the rewards the advantages see; count_filtered must reproduce the
    unfiltered step's gradient exactly (see docs/learner.md)."""
    s, out = cfg.sampling, []
    if not s.dynamic:
        return out
    if cfg.kl.in_reward and cfg.kl.beta > 0:
        out.append(
            "sampling.dynamic: with kl.in_reward=true every group's rewards vary by its KL penalty, so filtering "
            "on the rewards the advantages see would keep every group (after the first step) at the cost of a "
            "reference forward of every round; use kl.in_reward=false or sampling.dynamic=false"
        )
    if s.tol < cfg.advantages.tol:
        out.append(
            f"sampling.tol: {s.tol} < advantages.tol={cfg.advantages.tol} keeps groups whose reward range lies "
            "between the two, whose advantages are all 0 (a wasted slot); use sampling.tol >= advantages.tol"
        )
    if not s.count_filtered:
        return out
    why = "counting the filtered groups promises the gradient of the step without filtering"
    if cfg.kl.beta > 0 and not cfg.kl.in_reward:
        out.append(
            f"sampling.count_filtered: {why}, but with kl.beta > 0 in the loss the dropped groups' KL terms have a "
            "gradient at zero advantage that only their forward and backward pass would give; set kl.beta=0 "
            "or sampling.count_filtered=false"
        )
    if cfg.loss.entropy_coef > 0:
        out.append(
            f"sampling.count_filtered: {why}, but with loss.entropy_coef > 0 the dropped groups' entropy bonus "
            "has a gradient at zero advantage; set loss.entropy_coef=0 or sampling.count_filtered=false"
        )
    if cfg.credit.method not in ZERO_PRESERVING:
        out.append(
            f"sampling.count_filtered: {why}, but credit.method={cfg.credit.method!r} gives non-zero token "
            f"advantages to groups whose rewards do not vary; use credit.method in {sorted(ZERO_PRESERVING)} "
            "or sampling.count_filtered=false"
        )
    if s.tol > cfg.advantages.tol:
        out.append(
            f"sampling.count_filtered: {why}, but sampling.tol={s.tol} > advantages.tol={cfg.advantages.tol} "
            "drops groups whose advantages are not zero; use sampling.tol <= advantages.tol"
        )
    if s.max_rounds != 1:
        out.append(
            f"sampling.count_filtered: {why}, which samples one round; sampling.max_rounds={s.max_rounds} refills "
            "the batch from other prompts; set sampling.max_rounds=1"
        )
    if s.oversample != 1:
        out.append(
            f"sampling.count_filtered: {why}, which samples rollout.prompts_per_step prompts; "
            f"sampling.oversample={s.oversample} draws more; set sampling.oversample=1"
        )
    if s.on_exhausted != "partial":
        out.append(
            f"sampling.count_filtered: {why}, but sampling.on_exhausted={s.on_exhausted!r} skips or stops a step "
            "from which any group was filtered; set sampling.on_exhausted=partial"
        )
    return out


def distributed_errors(cfg: RunConfig) -> list[str]:
    """What the ray backend's learner group does not run (docs/distributed.md)."""
    if cfg.distributed.backend != "ray":
        return []
    out = []
    if cfg.sft.data is not None:
        out.append(
            "distributed.backend: the ray learner group does not mix SFT data (sft.data is set); "
            "use distributed.backend=local or sft.data=null"
        )
    if cfg.model.device.startswith("cuda") and cfg.distributed.learner.resources.num_gpus == 0:
        out.append(
            f"distributed.learner.resources.num_gpus: 0 while model.device={cfg.model.device!r}: the learner "
            "ranks would have no GPU; give them num_gpus or set model.device=cpu"
        )
    return out


def async_errors(cfg: RunConfig) -> list[str]:
    """What asynchronous training needs (docs/distributed.md, asynchronous)."""
    a = getattr(cfg, "async")
    if a.max_staleness == 0:
        return []
    out = []
    if cfg.distributed.backend != "ray":
        out.append(
            f"async.max_staleness: {a.max_staleness} overlaps rollouts with the update on the ray backend only, but "
            f"distributed.backend={cfg.distributed.backend!r} runs synchronously; set distributed.backend=ray or "
            "async.max_staleness=0"
        )
    if a.old_logprobs == "proximal" and cfg.rollout.is_correction == "none":
        out.append(
            "async.old_logprobs: proximal leaves the stale samples' behaviour gap to rollout.is_correction, which is "
            "none; set rollout.is_correction=tis or seq_tis, or async.old_logprobs=behaviour"
        )
    return out


def combination_errors(cfg: RunConfig) -> list[str]:
    """Every cross-section problem of ``cfg`` (empty when it is consistent)."""
    return [*kl_errors(cfg), *dynamic_sampling_errors(cfg), *distributed_errors(cfg), *async_errors(cfg)]
