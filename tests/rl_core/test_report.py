"""The HTML run report: self-contained, every panel present, before/after evals, robust to bad lines."""

from __future__ import annotations

import base64
import json
import re

import pytest

from rlvr.rl_core.report import save_eval, write_report
from rlvr.tasks.evaluate import EvalReport, Metric


def _eval(v: float) -> EvalReport:
    return EvalReport(
        task="arithmetic",
        split="eval",
        n=1,
        ks=[1],
        greedy=True,
        num_examples=300,
        metrics={"pass@1": Metric(v, 0.026, 300)},
        samples=[{"task_id": "a", "passed": True}, {"task_id": "b", "passed": False}],
    )


def test_report_has_all_panels_and_evals(tmp_path) -> None:
    rows = [
        {
            "step": s,
            "reward/mean": s / 10,
            "pass_rate": s / 10,
            "kl": 0.01 * s,
            "entropy": 1 - s / 20,
            "length/mean": 5 + s,
            "sampling/filtered_fraction": 0.5,
            "grad_norm": 1.0,
            "warnings": [],
        }
        for s in range(1, 13)
    ]
    lines = [json.dumps(r) for r in rows]
    lines.insert(3, '{"step": 99, "reward/me')  # a half-written line of a crashed run
    (tmp_path / "metrics.jsonl").write_text("\n".join(lines) + "\n")
    save_eval(tmp_path, "before", _eval(0.277), step=0)
    save_eval(tmp_path, "after", _eval(0.703), step=12)
    (tmp_path / "config.yaml").write_text("seed: 0\n")
    out = write_report(tmp_path)
    doc = out.read_text()
    assert out == tmp_path / "report.html"
    for title in (
        "reward",
        "pass rate",
        "KL to reference",
        "entropy",
        "response length",
        "filtered fraction",
        "grad_norm",
        "pass@k before and after",
    ):
        assert f'alt="{title}' in doc, title
    assert "27.7% ± 2.6" in doc and "70.3% ± 2.6" in doc
    assert doc.index("before") < doc.index("after")
    assert 'src="http' not in doc and "<script" not in doc  # self-contained
    pngs = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", doc)
    assert len(pngs) == 8 and all(base64.b64decode(p).startswith(b"\x89PNG") for p in pngs)
    assert "seed: 0" in doc
    assert (tmp_path / "samples_after.jsonl").read_text().count("\n") == 2


def test_report_without_metrics_and_bad_inputs(tmp_path) -> None:
    assert "No training metrics" in write_report(tmp_path).read_text()
    with pytest.raises(FileNotFoundError):
        write_report(tmp_path / "missing")
    with pytest.raises(ValueError, match="label"):
        save_eval(tmp_path, "../x", _eval(0.5))
