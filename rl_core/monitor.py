"""The pitfall monitor: rule-based warnings for the four classic RLVR failure modes.

Each rule reads the step metrics stream (names from :mod:`rlvr.rl_core.metrics`). W = ``window``;
"first" is the mean over the first W recorded values of a metric, "recent" the mean over the last W.

==================  ========================================================================================
rule                fires when (thresholds from :class:`~rlvr.rl_core.config.MonitorConfig`)
==================  ========================================================================================
length_explosion    reward hacking: recent reward > first reward and recent ``length/mean`` >
                    ``length_growth`` x first (needs 2W steps)
mode_collapse       recent reward > first reward and recent ``distinct_per_group`` < ``distinct_min`` while
                    the first window was above it (needs 2W steps)
entropy_collapse    recent ``entropy`` < ``entropy_min``, or < ``entropy_min_ratio`` x first (needs 2W steps)
kl_runaway          recent ``kl`` > ``kl_max``, or > ``kl_growth`` x the first window of non-zero KL
grad_spike          ``grad_norm`` > ``grad_spike`` x the median of the previous values (needs W of them)
forgetting          ``eval/pass@1`` < best earlier value - ``eval_drop_se`` x sqrt(se_best^2 + se^2)
==================  ========================================================================================

:meth:`PitfallMonitor.update` returns the messages of the rules that hold at this step (they go into the
step's ``warnings`` field); a rule is logged as a warning when it starts to hold.
"""

from __future__ import annotations

import logging
import math
import statistics
from collections.abc import Mapping
from typing import Any

from rlvr.rl_core.config import MonitorConfig

logger = logging.getLogger(__name__)

TRACKED = ("reward/mean", "length/mean", "distinct_per_group", "entropy", "kl", "grad_norm")


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


class PitfallMonitor:
    def __init__(self, cfg: MonitorConfig) -> None:
        self.cfg = cfg
        self.history: dict[str, list[float]] = {k: [] for k in TRACKED}
        self.evals: list[tuple[float, float]] = []  # (pass@1, standard error)
        self.active: set[str] = set()

    def update(self, metrics: Mapping[str, Any]) -> list[str]:
        """Record one step's metrics; return the warnings that hold now."""
        if not self.cfg.enabled:
            return []
        grad_prev = list(self.history["grad_norm"])
        for k in TRACKED:
            v = metrics.get(k)
            if isinstance(v, (int, float)) and math.isfinite(v):
                self.history[k].append(float(v))
        found: dict[str, str] = {}
        for rule in (self._length, self._mode, self._entropy, self._kl):
            msg = rule()
            if msg:
                found[rule.__name__.strip("_")] = msg
        spike = self._grad(metrics.get("grad_norm"), grad_prev)
        if spike:
            found["grad_spike"] = spike
        forget = self._forgetting(metrics.get("eval/pass@1"), metrics.get("eval/pass@1_se"))
        if forget:
            found["forgetting"] = forget
        for name in sorted(set(found) - self.active):
            logger.warning("pitfall monitor: %s", found[name])
        self.active = set(found)
        return [found[k] for k in sorted(found)]

    # ------------------------------------------------------------------------------------------- rules

    def _windows(self, key: str) -> tuple[float, float] | None:
        xs, w = self.history[key], self.cfg.window
        if len(xs) < 2 * w:
            return None
        return _mean(xs[:w]), _mean(xs[-w:])

    def _reward_rising(self) -> bool:
        r = self._windows("reward/mean")
        return r is not None and r[1] > r[0]

    def _length(self) -> str | None:
        ln = self._windows("length/mean")
        if ln and self._reward_rising() and ln[0] > 0 and ln[1] > self.cfg.length_growth * ln[0]:
            return (
                f"length_explosion: reward rises while mean response length grew {ln[1] / ln[0]:.1f}x "
                f"({ln[0]:.1f} -> {ln[1]:.1f} tokens): possible reward hacking"
            )
        return None

    def _mode(self) -> str | None:
        d = self._windows("distinct_per_group")
        if d and self._reward_rising() and d[1] < self.cfg.distinct_min <= d[0]:
            return (
                f"mode_collapse: reward rises while distinct completions per group fell to {d[1]:.2f} (from {d[0]:.2f})"
            )
        return None

    def _entropy(self) -> str | None:
        xs, w = self.history["entropy"], self.cfg.window
        if len(xs) < w:
            return None
        recent = _mean(xs[-w:])
        if recent < self.cfg.entropy_min:
            return f"entropy_collapse: mean token entropy {recent:.4f} nats < {self.cfg.entropy_min}"
        e = self._windows("entropy")
        if e and recent < self.cfg.entropy_min_ratio * e[0]:
            return f"entropy_collapse: mean token entropy fell to {recent:.4f} from {e[0]:.4f} nats"
        return None

    def _kl(self) -> str | None:
        xs, w = self.history["kl"], self.cfg.window
        if len(xs) < w:
            return None
        recent = _mean(xs[-w:])
        if recent > self.cfg.kl_max:
            return f"kl_runaway: mean KL to the reference {recent:.4f} > {self.cfg.kl_max}"
        nonzero = [x for x in xs if x > 0]
        if len(nonzero) >= 2 * w:
            first = _mean(nonzero[:w])
            if recent > self.cfg.kl_growth * first:
                return f"kl_runaway: KL grew {recent / first:.1f}x ({first:.4g} -> {recent:.4g})"
        return None

    def _grad(self, g: Any, prev: list[float]) -> str | None:
        if not isinstance(g, (int, float)) or len(prev) < self.cfg.window:
            return None
        if not math.isfinite(g):
            return f"grad_spike: gradient norm is {g}"
        med = statistics.median(prev)
        if med > 0 and g > self.cfg.grad_spike * med:
            return f"grad_spike: gradient norm {g:.4g} is {g / med:.1f}x the running median {med:.4g}"
        return None

    def _forgetting(self, p: Any, se: Any) -> str | None:
        if not isinstance(p, (int, float)):
            return None
        se = float(se) if isinstance(se, (int, float)) else 0.0
        msg = None
        if self.evals:
            best, best_se = max(self.evals)
            margin = self.cfg.eval_drop_se * math.hypot(best_se, se)
            if p < best - margin:
                msg = f"forgetting: held-out pass@1 {p:.3f} fell below the best {best:.3f} by more than {self.cfg.eval_drop_se} SE"
        self.evals.append((float(p), se))
        return msg

    # -------------------------------------------------------------------------------------- persistence

    def state_dict(self) -> dict[str, Any]:
        return {
            "history": {k: list(v) for k, v in self.history.items()},
            "evals": list(self.evals),
            "active": sorted(self.active),
        }

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        self.history = {k: list(state["history"].get(k, [])) for k in TRACKED}
        self.evals = [tuple(e) for e in state["evals"]]
        self.active = set(state["active"])
