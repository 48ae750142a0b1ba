"""Shared harness of the red-team round tests: a round's findings as cases (open rows are strict xfails) and a
judge for extra cases, each under the verifier options it is judged with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rlvr.verifiers.math import MathVerifier

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
_VERIFIERS: dict[str, MathVerifier] = {}

Case = tuple[str, object, bool]


def findings(name: str) -> list[object]:
    """The rows of corpus ``name`` as pytest params; an ``open`` row (its value names why) must still fail."""
    rows = [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]
    return [
        pytest.param(
            row,
            marks=[pytest.mark.xfail(strict=True, reason=str(row["open"]))] if row.get("open") else [],
            id=f"{row['class']}-{row['completion'][:30]!r}-{row.get('opts', {})}",
        )
        for row in rows
    ]


def verifier(opts: dict[str, str]) -> MathVerifier:
    """One verifier per option set, shared by the tests of a session."""
    key = json.dumps(opts, sort_keys=True)
    if key not in _VERIFIERS:
        _VERIFIERS[key] = MathVerifier(timeout_s=20.0, workers=1, **opts)
    return _VERIFIERS[key]


def passes(completion: str, gold: str, **opts: str) -> bool:
    """Whether ``completion`` passes against ``gold`` with the shared verifier of these options."""
    return verifier(opts).verify_batch([completion], [gold])[0].passed


def check_finding(row: dict) -> None:
    result = verifier(row.get("opts") or {}).verify(row["completion"], row["gold"])
    assert result.passed == row["label"], (row["completion"], row["gold"], result.extracted)


def judge(cases: list[Case], **opts: str) -> None:
    """Every ``(completion, gold, passes)`` case is judged as stated."""
    results = verifier(opts).verify_batch([c for c, _, _ in cases], [g for _, g, _ in cases])
    wrong = [(c, g, want, r.passed, r.extracted) for (c, g, want), r in zip(cases, results) if r.passed != want]
    assert wrong == []
