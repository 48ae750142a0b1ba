"""Dynamic sampling (DAPO, Yu et al. 2025 §3.2): train only on groups whose rewards vary.

A group whose G completions all earn the same reward (all correct, all wrong, or the same partial credit)
has zero advantage under every group baseline, so it adds no gradient and only dilutes the batch. DAPO drops
such groups and samples more prompts until the batch holds ``target`` informative groups.

"Same reward" is decided on the range, ``max - min <= tol``: it works for continuous rewards (a test on the
group *mean* cannot tell {0.5, 0.5} from {0, 1}) and float noise (0.3 vs 0.30000001) counts as constant
(a test ``std > 0`` would keep it).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import torch
from torch import Tensor

logger = logging.getLogger(__name__)

T = TypeVar("T")

ON_EXHAUSTED = ("partial", "error", "skip")


def _check_rewards(rewards: Tensor) -> None:
    if rewards.dim() != 2:
        raise ValueError(f"rewards must have shape (B, G), got {tuple(rewards.shape)}")
    if rewards.is_floating_point() and not bool(torch.isfinite(rewards).all()):
        raise ValueError("rewards contain NaN or inf; verifiers must return finite scores")


def zero_variance_groups(rewards: Tensor, tol: float = 1e-6) -> Tensor:
    """(B, G) rewards -> (B,) bool, True where the group's rewards span at most ``tol`` (max - min <= tol).

    A group of one completion (G = 1) is always zero-variance.
    """
    _check_rewards(rewards)
    if tol < 0:
        raise ValueError(f"sampling.tol must be >= 0, got {tol}")
    if rewards.shape[0] == 0:
        return torch.zeros(0, dtype=torch.bool, device=rewards.device)
    if not rewards.is_floating_point():
        rewards = rewards.double()  # bool / integer rewards
    spread = rewards.amax(dim=1) - rewards.amin(dim=1)
    return spread <= tol


@dataclass
class DynamicSamplingResult:
    """Which groups of one generation round to keep.

    keep: indices (into the round's B groups) of the groups whose rewards vary, ascending.
    filtered_fraction: dropped groups / B (0.0 when B = 0).
    num_groups: B. num_kept: len(keep).
    """

    keep: list[int]
    filtered_fraction: float
    num_groups: int
    num_kept: int


def dynamic_sampling(rewards: Tensor, tol: float = 1e-6) -> DynamicSamplingResult:
    """Filter one round: (B, G) rewards -> the groups to keep."""
    constant = zero_variance_groups(rewards, tol)
    keep = torch.nonzero(~constant).flatten().tolist()
    b = rewards.shape[0]
    return DynamicSamplingResult(keep, (b - len(keep)) / b if b else 0.0, b, len(keep))


class GroupBuffer(Generic[T]):
    """Collects informative groups over generation rounds until ``target_groups`` are held (DAPO's refill).

    One buffer serves one optimiser step. Each :meth:`add` is one generation round: it takes the round's B
    groups (any per-group objects the caller stores, e.g. a prompt's completions and rewards) with their
    (B, G) rewards and keeps the groups whose rewards vary, in arrival order. Once :attr:`full`,
    :meth:`take` returns exactly ``target_groups`` items; the surplus of the last round is dropped (it was
    generated for this step only; keeping it for the next would make it stale).

    When ``max_rounds`` rounds have been added and fewer than ``target_groups`` are held, the buffer is
    *exhausted* and :meth:`take` follows ``on_exhausted``: ``"partial"`` returns what was collected
    (possibly fewer, possibly none), ``"error"`` raises a :class:`RuntimeError` naming ``sampling.max_rounds``,
    ``"skip"`` returns ``[]`` (the caller skips the step).

    Metrics: :attr:`rounds` (rounds added), :attr:`filtered_fraction` (zero-variance groups / groups seen,
    over all rounds), :attr:`groups_seen`, :attr:`groups_kept` (informative groups found, surplus included).
    """

    def __init__(self, target_groups: int, max_rounds: int, tol: float = 1e-6, on_exhausted: str = "partial") -> None:
        if target_groups < 1:
            raise ValueError(f"sampling.target_groups must be >= 1, got {target_groups}")
        if max_rounds < 1:
            raise ValueError(f"sampling.max_rounds must be >= 1, got {max_rounds}")
        if tol < 0:
            raise ValueError(f"sampling.tol must be >= 0, got {tol}")
        if on_exhausted not in ON_EXHAUSTED:
            raise ValueError(f"sampling.on_exhausted must be one of {list(ON_EXHAUSTED)}, got {on_exhausted!r}")
        self.target_groups = target_groups
        self.max_rounds = max_rounds
        self.tol = tol
        self.on_exhausted = on_exhausted
        self.reset()

    def reset(self) -> None:
        """Empty the buffer and its counters (to reuse it for the next step)."""
        self._items: list[T] = []
        self._rewards: list[Tensor] = []
        self._rounds = 0
        self._seen = 0
        self._taken = False

    def add(self, batch_groups: Sequence[T], rewards: Tensor) -> None:
        """Add one generation round: B groups and their (B, G) rewards; keeps the groups that vary."""
        if self._taken:
            raise RuntimeError("GroupBuffer.add after take(); call reset() to start the next step")
        if self.full:
            raise RuntimeError(f"GroupBuffer is already full ({self.target_groups} groups); call take()")
        if self._rounds >= self.max_rounds:
            raise RuntimeError(f"GroupBuffer already used all sampling.max_rounds={self.max_rounds} generation rounds")
        if rewards.dim() != 2 or len(batch_groups) != rewards.shape[0]:
            raise ValueError(
                f"add() got {len(batch_groups)} groups but rewards of shape {tuple(rewards.shape)}; "
                "rewards must be (B, G) with one row per group"
            )
        result = dynamic_sampling(rewards, self.tol)
        rows = rewards.detach()
        for i in result.keep:
            self._items.append(batch_groups[i])
            self._rewards.append(rows[i])
        self._rounds += 1
        self._seen += result.num_groups
        logger.debug(
            "dynamic sampling round %d: kept %d/%d groups (%d/%d held)",
            self._rounds,
            result.num_kept,
            result.num_groups,
            len(self._items),
            self.target_groups,
        )

    @property
    def full(self) -> bool:
        """At least ``target_groups`` informative groups are held."""
        return len(self._items) >= self.target_groups

    @property
    def exhausted(self) -> bool:
        """All ``max_rounds`` rounds were used and the buffer is still not full."""
        return self._rounds >= self.max_rounds and not self.full

    @property
    def rounds(self) -> int:
        return self._rounds

    @property
    def groups_seen(self) -> int:
        return self._seen

    @property
    def groups_kept(self) -> int:
        return len(self._items)

    @property
    def filtered_fraction(self) -> float:
        """Zero-variance groups / groups seen over all rounds (0.0 before the first round)."""
        if self._seen == 0:
            return 0.0
        dropped = self._seen - len(self._items)
        return dropped / self._seen

    def take(self, with_rewards: bool = False) -> list[T] | tuple[list[T], Tensor]:
        """The step's groups: exactly ``target_groups`` when full, else as ``on_exhausted`` says.

        With ``with_rewards`` returns ``(items, rewards)``, rewards (K, G) aligned with items (a (0, 0)
        tensor when no group is returned). Counters stay readable until :meth:`reset`.
        """
        if self._taken:
            raise RuntimeError("GroupBuffer.take called twice; call reset() to start the next step")
        if not self.full and not self.exhausted:
            raise RuntimeError(
                f"GroupBuffer.take before full: {len(self._items)}/{self.target_groups} groups after "
                f"{self._rounds}/{self.max_rounds} rounds; add more rounds first"
            )
        n = self.target_groups
        if self.exhausted:
            message = (
                f"dynamic sampling found {len(self._items)}/{self.target_groups} groups with varying rewards "
                f"in sampling.max_rounds={self.max_rounds} rounds (filtered fraction "
                f"{self.filtered_fraction:.2f})"
            )
            if self.on_exhausted == "error":
                raise RuntimeError(message + "; raise sampling.max_rounds or use on_exhausted='partial'")
            if self.on_exhausted == "skip":
                logger.warning("%s; skipping this step", message)
                n = 0
            else:  # with a single round, filtering without refill is the configured behaviour, not a shortfall
                logger.log(
                    logging.DEBUG if self.max_rounds == 1 else logging.WARNING,
                    "%s; training on the partial batch",
                    message,
                )
        self._taken = True
        items = self._items[:n]
        if not with_rewards:
            return items
        rewards = torch.stack(self._rewards[:n]) if items else torch.zeros(0, 0)
        return items, rewards
