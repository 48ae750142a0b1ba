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


#: words per row: a row's sum of word x (column + 1) stays below 2**63
_ROW = 1 << 16
#: rows per slab (bounds the temporary int64 copy to 2**24 words, 128 MiB)
_SLAB_ROWS = 1 << 8
_MOD = 2**61 - 1
_ROW_MOD = 2**31 - 1


def _digest(t: torch.Tensor) -> tuple[int, int]:
    """Two exact integer checksums of a tensor's bytes, on its own device: the sum of its 32-bit words, and
    their sum weighted by position (column within a row of 65536 words, then row), so moved words count.
    Integer sums are associative: the same bytes give the same numbers on CPU and GPU, in any order."""
    raw = t.detach().contiguous().reshape(-1).view(torch.uint8)
    if raw.numel() % 4:
        raw = torch.cat([raw, raw.new_zeros(4 - raw.numel() % 4)])
    words = raw.view(torch.int32)
    cols = torch.arange(1, _ROW + 1, device=words.device, dtype=torch.int64)
    plain = weighted = 0
    for start in range(0, words.numel(), _ROW * _SLAB_ROWS):
        w = words[start : start + _ROW * _SLAB_ROWS].to(torch.int64)
        plain = (plain + int(w.sum())) % _MOD
        full, rest = divmod(w.numel(), _ROW)
        sums = [(w[: full * _ROW].view(full, _ROW) * cols).sum(1)] if full else []
        if rest:
            sums.append((w[full * _ROW :] * cols[:rest]).sum().view(1))
        per_row = torch.cat(sums).remainder(_ROW_MOD)  # each row's sum is below 2**62 before this
        first = start // _ROW + 1
        index = torch.arange(first, first + per_row.numel(), device=w.device, dtype=torch.int64)
        weighted = (weighted + int((per_row * index).sum())) % _MOD
    return plain, weighted


#: tensors up to this many bytes are hashed with sha256 on the CPU (cheap to copy, and one sha256 call beats
#: the handful of device operations of :func:`_digest`); larger ones are digested where they are
SMALL_BYTES = 1 << 20


def fingerprint(tensors: Mapping[str, torch.Tensor]) -> str:
    """A checksum of named tensors (names, shapes, dtypes and contents), independent of dict order and of the
    device the tensors are on.

    It confirms that the weights an actor samples with are the ones the learner published: any changed,
    missing or moved word changes it. Small tensors contribute the sha256 of their bytes, large ones the two
    exact integer sums of :func:`_digest`, computed on their own device (no copy of a GPU model to the CPU).
    Not a cryptographic hash of large tensors: nothing adversarial crosses a push.
    """
    h = hashlib.sha256()
    for name in sorted(tensors):
        t = tensors[name].detach()
        if t.numel() * t.element_size() <= SMALL_BYTES:
            content = hashlib.sha256(t.cpu().contiguous().reshape(-1).view(torch.uint8).numpy().tobytes()).hexdigest()
        else:
            content = "%d,%d" % _digest(t)
        h.update(f"{name}|{t.dtype}|{tuple(t.shape)}|{content};".encode())
    return h.hexdigest()
