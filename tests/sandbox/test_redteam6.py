"""Adversarial suite, sixth round: the outside red team's 52 wrong verdicts (48 correct programs failed, 4
correct programs passed although they leave a hang or an ``exit(1)`` behind), and, for every false fail
closed, wrong programs in the same style that must still fail (``direction: false_pass_guard``), in
``benchmarks/data/sandbox_redteam6.jsonl``. As in ``test_redteam5.py``, outside the cage this module defines
one test that re-runs it inside the cage (``conftest.run_caged``), and the rows exist only inside.

Every row asserts its verdict: ``expected_passed`` and its exact ``score`` (a row with ``partial`` is judged
with ``partial=true``). A row with ``wall_s`` is judged under that wall-clock limit (rows that must end in a
timeout). Rows left open are strict xfails whose reason says why (``OPEN``; docs/sandbox.md, "The sixth
outside round")."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

IN_CAGE = os.environ.get("RLVR_HOSTILE_CAGE") == "1" and os.getpid() == 1
ROWS_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "sandbox_redteam6.jsonl"

_CLASSES = (
    "a solution's class reaches the tests as a proxy, not a type: a match class pattern needs a real class "
    "(one made in the tests' process from the solution's description could be forged to decide the match)"
)
OPEN: dict[str, str] = {
    "chk_doctest_tests": "doctest reports a mismatch by printing it (run_docstring_examples returns None either "
    "way), and it compares repr() text, which a solution object writes itself: counting its examples would let a "
    "lying __repr__ pass",
    "match_stmt": _CLASSES,
    "pickle_sol_obj": "a solution object is a proxy in the tests' process: pickling it would need the solution's "
    "class there",
}

if not IN_CAGE:

    @pytest.mark.hostile
    @pytest.mark.slow
    def test_redteam6_in_cage(caged_suite) -> None:  # type: ignore[no-untyped-def]
        caged_suite(__file__)

else:
    from rlvr.verifiers.code import CodeVerifier

    pytestmark = pytest.mark.hostile

    ROWS = [json.loads(line) for line in ROWS_FILE.read_text().splitlines() if line.strip()]

    def _param(row: dict) -> object:
        marks = [pytest.mark.xfail(strict=True, reason=OPEN[row["id"]])] if row["id"] in OPEN else []
        return pytest.param(row, id=row["id"], marks=marks)

    def test_open_rows_exist() -> None:
        assert set(OPEN) <= {r["id"] for r in ROWS}
        assert len({r["id"] for r in ROWS}) == len(ROWS)

    @pytest.mark.parametrize("row", [_param(r) for r in ROWS])
    def test_row(judged: Any, row: dict) -> None:
        wall = float(row.get("wall_s") or judged.limits.wall_s)
        v = CodeVerifier(sandbox=judged.sandbox, timeout_s=wall, partial=row["partial"])
        res = v.verify(row["completion"], row["reference"])
        assert res.status != "sandbox_error", res
        assert res.passed is row["expected_passed"], (res.status, res.score, res.details, res.error)
        assert res.score == pytest.approx(row["score"]), (res.status, res.score, res.details)
