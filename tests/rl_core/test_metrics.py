import json

import pytest
import torch

from rlvr.rl_core.metrics import MetricsWriter, distinct_per_group, length_metrics, read_metrics, reward_metrics
from rlvr.verifiers.base import VerifyResult


def test_reward_metrics_with_components():
    results = [
        VerifyResult(1.0, True, details={"parts": {"math": 1.0, "format": 1.0}, "stdout": "x"}),
        VerifyResult(0.5, False, details={"parts": {"math": 0.0, "format": 1.0}}),
        VerifyResult.failure("error", "boom", details={"parts": {"math": 0.0, "format": 0.0}}),
        VerifyResult.failure("no_answer", details={"parts": {"math": 0.0, "format": 0.5}}),
    ]
    m = reward_metrics(torch.tensor([[1.0, 0.5], [0.0, 0.0]]), results)
    assert m["reward/mean"] == pytest.approx(0.375)
    assert m["reward/std"] == pytest.approx(torch.tensor([1.0, 0.5, 0.0, 0.0]).std(unbiased=False).item())
    assert m["pass_rate"] == 0.25 and m["verify/errors"] == 1.0 and m["verify/no_answer"] == 0.25
    assert m["reward/parts/math/mean"] == 0.25
    assert m["reward/parts/format/mean"] == pytest.approx(0.625)
    assert "reward/stdout/mean" not in m


def test_length_metrics_and_distinct():
    mask = torch.tensor([[1, 1, 1, 0], [1, 1, 1, 1], [1, 0, 0, 0]], dtype=torch.bool)
    m = length_metrics(mask, torch.tensor([False, True, False]))
    assert m == {"length/mean": 8 / 3, "length/max": 4.0, "truncation_rate": 1 / 3, "tokens_generated": 8.0}
    assert distinct_per_group(["a", "a", "b", "c"], 2) == pytest.approx((0.5 + 1.0) / 2)


def test_writer_appends_truncates_and_serialises(tmp_path):
    w = MetricsWriter(tmp_path, tensorboard=False)
    w.write(1, {"a": 1.0, "t": torch.tensor(2.0), "nan": float("nan"), "warnings": ["x"]})
    off = w.offset()
    w.write(2, {"a": 2.0})
    assert [r["step"] for r in read_metrics(tmp_path)] == [1, 2]
    w.truncate_to(off)
    rows = read_metrics(tmp_path)
    assert rows == [{"step": 1, "a": 1.0, "t": 2.0, "nan": None, "warnings": ["x"]}]
    json.loads((tmp_path / "metrics.jsonl").read_text())


def test_read_metrics_skips_a_torn_line_and_non_records(tmp_path, caplog):
    """A crashed run leaves a partial last line: the reader (the report's and the tests') keeps the rest."""
    (tmp_path / "metrics.jsonl").write_text('{"step": 1, "a": 1.0}\n\n[1, 2]\n{"step": 2, "a": 2.0}\n{"step": 3, "a"')
    with caplog.at_level("WARNING"):
        assert read_metrics(tmp_path) == [{"step": 1, "a": 1.0}, {"step": 2, "a": 2.0}]
    assert "metrics.jsonl:5: skipping malformed line" in caplog.text
    assert read_metrics(tmp_path / "missing") == []


def test_tensorboard_mirror(tmp_path):
    pytest.importorskip("tensorboard")
    w = MetricsWriter(tmp_path, tensorboard=True)
    w.write(1, {"reward/mean": 0.5, "warnings": []})
    w.close()
    assert list((tmp_path / "tb").iterdir())
