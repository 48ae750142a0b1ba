"""Composition of verifiers: weighted sums and gates, built from a plain config (dict / YAML / JSON).

Spec::

    {"components": [{"name": "math", "weight": 1.0},
                    {"name": "format", "weight": 0.2, "kwargs": {"prefilled_think": true}}],
     "gate": "format"}

score = gate_ok · Σ wᵢ·sᵢ / Σ wᵢ (weights ≥ 0, normalised so the reward stays in [0, 1]). ``gate``
names components (a label, or a list of labels) or gives verifier specs of its own; when any gate does not
pass, the score is 0 ("correctness counts only if the format holds"). ``passed`` is true when every gate and
every positively weighted component passed. Per-component scores, passes and statuses go to
``details`` so a trainer can log the reward of each verifier. A component may carry ``label`` to tell two
instances of one verifier apart.

:func:`build_verifier` turns any spec into a Verifier: a name (``"math"``), ``{"name": …, "kwargs": …}``
(or kwargs inline), a combination dict (no ``name``, or ``name: combine``), a path to a ``.yaml``/``.json``
file holding one of those, or a Verifier instance.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rlvr.verifiers.base import (
    BatchVerifier,
    Verifier,
    VerifyResult,
    check_batch_lengths,
    get_verifier,
    register_verifier,
)

_STATUS_RANK = {"ok": 0, "no_answer": 1, "timeout": 2, "error": 3}


@dataclass
class Component:
    """One weighted part of a combination."""

    label: str
    verifier: Verifier
    weight: float


def build_verifier(spec: Any) -> Verifier:
    """A Verifier from a spec (see the module docstring)."""
    if isinstance(spec, Verifier):
        return spec
    if isinstance(spec, (str, Path)) and str(spec).endswith((".yaml", ".yml", ".json")) and Path(spec).is_file():
        return build_verifier(load_spec(spec))
    if isinstance(spec, str):
        return get_verifier(spec)
    if not isinstance(spec, Mapping):
        raise TypeError(
            f"verifier spec must be a name, a mapping, a spec file or a Verifier, got {type(spec).__name__}"
        )
    spec = dict(spec)
    name = spec.pop("name", None)
    if name is None or name == "combine":
        if "components" not in spec:
            raise ValueError("verifier spec: needs 'name' or 'components'")
        return CombinedVerifier(**spec)
    kwargs = spec.pop("kwargs", None) or {}
    spec.pop("label", None)
    spec.pop("weight", None)
    if not isinstance(kwargs, Mapping):
        raise ValueError(f"verifier spec {name!r}: 'kwargs' must be a mapping, got {type(kwargs).__name__}")
    return get_verifier(name, **{**spec, **kwargs})


def load_spec(path: str | Path) -> Any:
    """Read a verifier spec from a YAML or JSON file."""
    text = Path(path).read_text()
    if str(path).endswith(".json"):
        return json.loads(text)
    import yaml

    return yaml.safe_load(text)


def _component(spec: Any, index: int) -> Component:
    if isinstance(spec, Verifier):
        return Component(spec.name or f"c{index}", spec, 1.0)
    if isinstance(spec, str):
        return Component(spec, build_verifier(spec), 1.0)
    if not isinstance(spec, Mapping):
        raise ValueError(f"components[{index}]: expected a name or a mapping, got {type(spec).__name__}")
    weight = spec.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not weight >= 0:
        raise ValueError(f"components[{index}].weight must be a number >= 0, got {weight!r}")
    label = spec.get("label") or spec.get("name") or f"c{index}"
    return Component(str(label), build_verifier(spec), float(weight))


@register_verifier("combine")
class CombinedVerifier(BatchVerifier):
    """Weighted sum of component verifiers, zeroed unless every gate passes (see the module docstring)."""

    @property  # type: ignore[override]
    def enforces_time_limit(self) -> bool:  # bounded when every part is
        return all(c.verifier.enforces_time_limit for c in [*self.components, *self.gates])

    def __init__(self, components: Sequence[Any], gate: Any = None) -> None:
        if isinstance(components, (str, Mapping)) or not components:
            raise ValueError("combine: 'components' must be a non-empty list of verifier specs")
        self.components = [_component(c, i) for i, c in enumerate(components)]
        labels = [c.label for c in self.components]
        dupes = {lab for lab in labels if labels.count(lab) > 1}
        if dupes:
            raise ValueError(f"combine: duplicate component labels {sorted(dupes)}; give each a distinct 'label'")
        self.total_weight = sum(c.weight for c in self.components)
        if self.total_weight <= 0:
            raise ValueError("combine: the component weights must not all be 0")
        by_label = {c.label: c for c in self.components}
        gates = [] if gate is None else (list(gate) if isinstance(gate, (list, tuple)) else [gate])
        self.gates: list[Component] = []
        for i, g in enumerate(gates):
            if isinstance(g, str) and g in by_label:
                self.gates.append(by_label[g])
            else:
                comp = _component(g, i)
                if comp.label in by_label:
                    raise ValueError(f"combine: gate {comp.label!r} clashes with a component label")
                self.gates.append(Component(comp.label, comp.verifier, 0.0))

    def start(self) -> None:
        for c in [*self.components, *self.gates]:
            c.verifier.start()

    def verify_batch(
        self,
        completions: Sequence[str],
        references: Sequence[Any],
        contexts: Sequence[Mapping[str, Any]] | None = None,
    ) -> list[VerifyResult]:
        check_batch_lengths(completions, references, contexts)
        t0 = time.perf_counter()
        parts: dict[str, list[VerifyResult]] = {}
        for comp in [*self.components, *[g for g in self.gates if g not in self.components]]:
            res = comp.verifier.verify_batch(completions, references, contexts)
            if len(res) != len(completions):
                raise RuntimeError(
                    f"combine: component {comp.label!r} returned {len(res)} results for {len(completions)}"
                )
            parts[comp.label] = res
        per_item = (time.perf_counter() - t0) / max(1, len(completions))
        return [self._combine({k: v[i] for k, v in parts.items()}, per_item) for i in range(len(completions))]

    def _combine(self, parts: dict[str, VerifyResult], duration_s: float) -> VerifyResult:
        gate_ok = all(parts[g.label].passed for g in self.gates)
        weighted = sum(c.weight * parts[c.label].score for c in self.components) / self.total_weight
        score = min(1.0, max(0.0, weighted)) if gate_ok else 0.0
        passed = gate_ok and all(parts[c.label].passed for c in self.components if c.weight > 0)
        status = "ok" if passed else max((r.status for r in parts.values()), key=_STATUS_RANK.__getitem__)
        errors = [f"{k}: {r.error}" for k, r in parts.items() if r.error]
        extracted = next(
            (parts[c.label].extracted for c in self.components if parts[c.label].extracted is not None), None
        )
        details: dict[str, Any] = {
            "scores": {k: r.score for k, r in parts.items()},
            "passed": {k: r.passed for k, r in parts.items()},
            "statuses": {k: r.status for k, r in parts.items()},
            "gate_passed": gate_ok,
            "components": {k: r.details for k, r in parts.items()},
        }
        for stream in ("stdout", "stderr"):
            found = next((r.details[stream] for r in parts.values() if stream in r.details), None)
            if found is not None:
                details[stream] = found
        return VerifyResult(score, passed, status, extracted, details, duration_s, "; ".join(errors) or None)
