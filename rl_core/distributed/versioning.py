"""Policy versions and the checks that make stale weights an error.

The controller numbers the learner's weights: version 0 is the initial policy, version v the policy after
v optimiser steps. Every weight push carries its version, every rollout actor reports the version it
sampled with, and every rollout record carries it. A rollout is accepted at learner version ``current``
only when ``current - max_staleness <= version <= current`` (0: on-policy, the synchronous loop; the
asynchronous trainer raises the bound). Independently of versions, the measured gap between the sampler's
and the learner's log-probabilities of the sampled tokens must stay under a threshold, which catches
a push that silently moved nothing (verl #7495, TRL #5312).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Mapping

import torch

from rlvr.rl_core.distributed.errors import LogprobGapError, StaleRolloutError

#: version of a rollout actor that has not received weights yet
NO_VERSION = -1


def check_version(version: int, current: int, max_staleness: int = 0, what: str = "rollout") -> None:
    """Raise :class:`StaleRolloutError` unless ``current - max_staleness <= version <= current``."""
    if max_staleness < 0:
        raise ValueError(f"max_staleness must be >= 0, got {max_staleness}")
    if version == NO_VERSION:
        raise StaleRolloutError(f"{what} was sampled before any weights were pushed (learner version {current})")
    if version > current:
        raise StaleRolloutError(f"{what} has policy version {version}, newer than the learner's {current}")
    if current - version > max_staleness:
        bound = "the same version" if max_staleness == 0 else f"at most {max_staleness} versions behind"
        raise StaleRolloutError(
            f"{what} was sampled with policy version {version} at learner version {current}; needs {bound}"
        )


def check_logprob_gap(gap: float, threshold: float | None, version: int | None = None) -> None:
    """Raise :class:`LogprobGapError` when the mean per-token gap ``gap`` (nats) exceeds ``threshold``."""
    if threshold is None:
        return
    if not gap <= threshold:  # NaN fails too
        at = f" at policy version {version}" if version is not None else ""
        raise LogprobGapError(
            f"rollout/logprob_gap {gap:.4g} exceeds distributed.max_logprob_gap {threshold:g}{at}: the rollout "
            "actors sample from weights that differ from the learner's (a stale or incomplete weight push)"
        )


def fingerprint(tensors: Mapping[str, torch.Tensor]) -> str:
    """A checksum of named tensors (names, shapes, dtypes and exact bytes), independent of dict order.

    Used to confirm that the weights an actor samples with are the ones the learner published; the cost is
    one pass over the bytes (sha256).
    """
    h = hashlib.sha256()
    for name in sorted(tensors):
        t = tensors[name].detach()
        if t.device.type != "cpu":
            t = t.cpu()
        t = t.contiguous()
        h.update(name.encode())
        h.update(str(t.dtype).encode())
        h.update(struct.pack(f"{t.dim()}q", *t.shape))
        h.update(t.reshape(-1).view(torch.uint8).numpy().tobytes())
    return h.hexdigest()
