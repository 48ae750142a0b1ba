"""Fourth red-team round: every finding (``benchmarks/data/math_redteam3.jsonl``, judged under its own verifier
options) as one case, then extra cases per mechanism that the findings do not hold (positives and negatives)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rlvr.verifiers.math import MathVerifier

ROWS = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "math_redteam3.jsonl")
    .read_text()
    .splitlines()
    if line.strip()
]
_VERIFIERS: dict[str, MathVerifier] = {}


def _verifier(opts: dict[str, str]) -> MathVerifier:
    key = json.dumps(opts, sort_keys=True)
    if key not in _VERIFIERS:
        _VERIFIERS[key] = MathVerifier(timeout_s=20.0, workers=1, **opts)
    return _VERIFIERS[key]


def _case(row: dict) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=row["open"])] if row.get("open") else []
    return pytest.param(row, marks=marks, id=f"{row['class']}-{row['completion'][:30]!r}-{row.get('opts', {})}")


@pytest.mark.parametrize("row", [_case(r) for r in ROWS])
def test_finding(row: dict) -> None:
    result = _verifier(row.get("opts") or {}).verify(row["completion"], row["gold"])
    assert result.passed == row["label"], (row["completion"], row["gold"], result.extracted)


Case = tuple[str, object, bool]


def judge(cases: list[Case], **opts: str) -> None:
    verifier = _verifier(opts)
    results = verifier.verify_batch([c for c, _, _ in cases], [g for _, g, _ in cases])
    wrong = [(c, g, want, r.passed, r.extracted) for (c, g, want), r in zip(cases, results) if r.passed != want]
    assert wrong == []
