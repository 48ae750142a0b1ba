"""The benchmark corpora as tests: every hand-labelled pair judged as labelled (zero false passes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rlvr.verifiers.math import MathVerifier

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
CORPORA = [
    "math_corpus.jsonl",
    "math_adversarial.jsonl",
    "math_free_text.jsonl",
    "math_redteam.jsonl",
    "math_redteam2.jsonl",
]


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_is_judged_as_labelled(name: str) -> None:
    rows = [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]
    rows = [r for r in rows if not r.get("open")]  # red-team findings not fixed yet (counted by the benchmark)
    results = MathVerifier(timeout_s=10.0).verify_batch([r["completion"] for r in rows], [r["gold"] for r in rows])
    wrong = [
        (r["class"], r["completion"][-80:], r["gold"], r["label"])
        for r, x in zip(rows, results)
        if x.passed != r["label"]
    ]
    assert wrong == []


def test_corpus_sizes() -> None:
    sizes = {n: sum(1 for line in (DATA / n).read_text().splitlines() if line.strip()) for n in CORPORA}
    assert sizes["math_adversarial.jsonl"] >= 200 and sizes["math_free_text.jsonl"] >= 200


def test_red_team_findings_mostly_fixed() -> None:
    """The second red-team round's findings: the ones still open are marked, and they are a minority."""
    rows = [json.loads(line) for line in (DATA / "math_redteam.jsonl").read_text().splitlines() if line.strip()]
    assert len(rows) == 443
    assert sum(bool(r.get("open")) for r in rows) <= 8


def test_third_red_team_round_mostly_fixed() -> None:
    """The third red-team round's findings: the ones still open are marked, and they are a minority."""
    rows = [json.loads(line) for line in (DATA / "math_redteam2.jsonl").read_text().splitlines() if line.strip()]
    assert len(rows) >= 391
    assert sum(bool(r.get("open")) for r in rows) <= 53
