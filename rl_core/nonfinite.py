"""The non-finite guard: an update with a NaN/inf loss, gradient or resulting parameter is never kept.

Per optimiser step, :meth:`NonFiniteGuard.before_step` checks the step's loss and gradient norm (the update is
then skipped before it is applied) and :meth:`NonFiniteGuard.after_step` the updated trainable parameters
(the update is undone from a copy taken before the step's first optimiser step, when the trainable state is at
most ``faults.rollback_max_mb``; otherwise the run stops, since nothing can undo it). A skipped step applies
nothing: no parameter, optimiser-state or schedule change. After ``faults.max_nonfinite_steps`` consecutive
skipped steps the run stops with :class:`NonFiniteError`. :func:`assert_finite` guards every checkpoint and
export, so non-finite weights are never written.
"""

from __future__ import annotations

import copy
import logging
import math
from collections.abc import Iterable, Mapping
from typing import Any

import torch

from rlvr.rl_core.config import FaultsConfig

logger = logging.getLogger(__name__)


class NonFiniteError(RuntimeError):
    """The run cannot go on: non-finite updates persist, cannot be undone, or weights to save are non-finite."""


class NonFiniteUpdate(Exception):  # noqa: N818 - a skip signal, handled by the trainer
    """This step's update is non-finite (``what``: loss, gradient or parameters); ``metrics`` so far."""

    def __init__(self, what: str, detail: str, metrics: Mapping[str, Any]) -> None:
        super().__init__(f"non-finite {what}: {detail}")
        self.what, self.detail, self.metrics = what, detail, dict(metrics)


def all_finite(tensors: Iterable[torch.Tensor]) -> bool:
    """Whether every element of every tensor is finite (one max-abs reduction per tensor, one sync)."""
    ts = [t.detach() for t in tensors if t.numel()]
    if not ts:
        return True
    maxes = torch.stack([torch.linalg.vector_norm(t, math.inf).float() for t in ts])
    return bool(torch.isfinite(maxes).all())


def assert_finite(weights: Mapping[str, torch.Tensor], what: str) -> None:
    """Raise :class:`NonFiniteError` naming the first non-finite tensor of ``weights``."""
    if all_finite(weights.values()):
        return
    bad = next(k for k, v in weights.items() if v.numel() and not bool(torch.isfinite(v.detach()).all()))
    n = sum(int((~torch.isfinite(v.detach())).sum()) for v in weights.values())
    raise NonFiniteError(f"refusing to write {what}: {n} non-finite values (first in {bad!r})")


def _nbytes(params: list[torch.nn.Parameter]) -> int:
    return sum(p.numel() * p.element_size() for p in params)


class NonFiniteGuard:
    """Skips and counts non-finite updates of ``params`` stepped by ``optimizer`` (see the module docstring)."""

    def __init__(self, cfg: FaultsConfig, params: list[torch.nn.Parameter], optimizer: torch.optim.Optimizer) -> None:
        self.cfg, self.params, self.optimizer = cfg, params, optimizer
        # parameters + AdamW's two moments
        self.state_mb = 3 * _nbytes(params) / 2**20
        self.rollback = 0 < self.state_mb <= cfg.rollback_max_mb
        self.consecutive = 0
        self.total = 0
        self._copy: tuple[list[torch.Tensor], dict[Any, dict[str, Any]]] | None = None
        self._applied = False
        #: set when the run must stop (raised by the trainer once the step's metrics are written)
        self.fatal: NonFiniteError | None = None

    def begin(self) -> None:
        """A new training step: nothing applied yet."""
        self._copy, self._applied = None, False

    def before_step(self, loss: torch.Tensor | float, grad_norm: float, metrics: Mapping[str, Any]) -> None:
        """Raise :class:`NonFiniteUpdate` unless the loss and gradient norm are finite; keep the undo copy."""
        loss_v = float(loss)
        if not math.isfinite(loss_v):
            raise NonFiniteUpdate("loss", f"loss {loss_v}", metrics)
        if not math.isfinite(grad_norm):
            raise NonFiniteUpdate("gradient", f"gradient norm {grad_norm}", metrics)
        if self.rollback and self._copy is None:
            state = {p: {k: v.clone() if torch.is_tensor(v) else copy.copy(v) for k, v in st.items()}
                     for p, st in self.optimizer.state.items()}  # fmt: skip
            self._copy = ([p.detach().clone() for p in self.params], state)

    def after_step(self, metrics: Mapping[str, Any]) -> None:
        """Raise :class:`NonFiniteUpdate` if the optimiser step left a non-finite trainable parameter."""
        self._applied = True
        if not all_finite(self.params):
            n = sum(int((~torch.isfinite(p.detach())).sum()) for p in self.params)
            raise NonFiniteUpdate("parameters", f"{n} non-finite parameters after the optimiser step", metrics)

    def skip(self, err: NonFiniteUpdate, step: int) -> dict[str, Any]:
        """Undo what the step applied and count it; sets :attr:`fatal` when the run must stop. Returns the
        metrics of the skipped step."""
        self.optimizer.zero_grad(set_to_none=True)
        self.consecutive += 1
        self.total += 1
        metrics = {
            **err.metrics,
            "skipped": 1.0,
            "nonfinite": err.what,
            "nonfinite/consecutive": float(self.consecutive),
            "nonfinite/total": float(self.total),
        }
        if self._applied:
            if self._copy is None:
                self.fatal = NonFiniteError(
                    f"step {step}: {err} and the update cannot be undone (trainable state {self.state_mb:.0f} MiB > "
                    f"faults.rollback_max_mb={self.cfg.rollback_max_mb:g}): stopping"
                )
                logger.error("%s", self.fatal)
                return metrics
            saved, opt_state = self._copy
            with torch.no_grad():
                for p, s in zip(self.params, saved):
                    p.copy_(s)
            self.optimizer.state.clear()  # the copies become the live state (a first step created it)
            self.optimizer.state.update(opt_state)
        logger.warning(
            "step %d skipped: %s (%d in a row, %d in all; the run stops at %d in a row)",
            step,
            err,
            self.consecutive,
            self.total,
            self.cfg.max_nonfinite_steps,
        )
        if self.consecutive >= self.cfg.max_nonfinite_steps:
            self.fatal = NonFiniteError(
                f"{self.consecutive} consecutive steps had non-finite updates (last: step {step}, {err}); stopping "
                "with nothing of them applied. Common causes: float16 weights with "
                "AdamW (use model.dtype=float32 with model.autocast), too high optim.lr, a loss that divides by zero"
            )
            logger.error("%s", self.fatal)
        self._copy = None
        return metrics

    def ok(self) -> None:
        """The step's update was finite and applied."""
        self.consecutive = 0
        self._copy = None

    def state_dict(self) -> dict[str, int]:
        return {"consecutive": self.consecutive, "total": self.total}

    def load_state_dict(self, state: Mapping[str, int]) -> None:
        self.consecutive, self.total = int(state.get("consecutive", 0)), int(state.get("total", 0))
