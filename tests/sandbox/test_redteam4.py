"""Adversarial suite, fourth round: the outside red team's 108 wrong verdicts
(``benchmarks/data/sandbox_redteam4.jsonl``), each asserting its expected verdict, and our own further cases of
each class (``test_redteam4_own.py``). As in ``test_hostile.py``, outside the cage this module defines one test
that re-runs it inside the cage (``conftest.run_caged``), and the cases exist only inside.

A row with ``partial_inflation`` is judged with ``partial=true``: a wrong program must score no more than an
honest wrong one (0.75: three passing loop checks and the failing one, before this round)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

IN_CAGE = os.environ.get("RLVR_HOSTILE_CAGE") == "1" and os.getpid() == 1
ROWS_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "sandbox_redteam4.jsonl"

#: Rows deliberately left open, with the reason (docs/sandbox.md, "Known open").
OPEN: dict[str, str] = {
    "L_obj_contains": "membership in a solution object is decided from its items, never by its own __contains__",
}

if not IN_CAGE:

    @pytest.mark.hostile
    @pytest.mark.slow
    def test_redteam4_in_cage(caged_suite) -> None:  # type: ignore[no-untyped-def]
        caged_suite(__file__)

else:
    from rlvr.verifiers.code import CodeVerifier

    pytestmark = pytest.mark.hostile

    ROWS = [json.loads(line) for line in ROWS_FILE.read_text().splitlines() if line.strip()]

    def _param(row: dict) -> object:
        marks = [pytest.mark.xfail(strict=True, reason=OPEN[row["id"]])] if row["id"] in OPEN else []
        return pytest.param(row, id=row["id"], marks=marks)

    @pytest.mark.parametrize("row", [_param(r) for r in ROWS])
    def test_row(judged: Any, row: dict) -> None:
        code = f"```python\n{row['completion']}\n```"
        if row["class"] == "partial_inflation":
            v = CodeVerifier(sandbox=judged.sandbox, timeout_s=judged.limits.wall_s, partial=True)
            res = v.verify(code, row["reference"])
            assert res.status != "sandbox_error", res
            assert not res.passed and res.score <= 0.75, res
            return
        res = CodeVerifier(sandbox=judged.sandbox, timeout_s=judged.limits.wall_s).verify(code, row["reference"])
        assert res.status != "sandbox_error", res
        assert res.passed is row["expected_passed"], (res.status, res.details, res.error)
