"""Combinations: weighted sums, gates, config building, per-component details."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rlvr.verifiers.base import Verifier, VerifyResult, get_verifier
from rlvr.verifiers.combine import CombinedVerifier, build_verifier

GOOD_FORMAT_RIGHT = "<think>2+2</think><answer>4</answer>"
GOOD_FORMAT_WRONG = "<think>2+2</think><answer>5</answer>"
BAD_FORMAT_RIGHT = "2+2 is \\boxed{4}"


def test_weighted_sum() -> None:
    v = build_verifier({"components": [{"name": "math", "weight": 3.0}, {"name": "format", "weight": 1.0}]})
    scores = [r.score for r in v.verify_batch([GOOD_FORMAT_RIGHT, GOOD_FORMAT_WRONG, BAD_FORMAT_RIGHT], ["4"] * 3)]
    assert scores == [1.0, 0.25, 0.75]


def test_gate_zeroes_unless_format_holds() -> None:
    v = build_verifier({"components": [{"name": "math"}], "gate": "format"})
    right, wrong, unformatted = v.verify_batch([GOOD_FORMAT_RIGHT, GOOD_FORMAT_WRONG, BAD_FORMAT_RIGHT], ["4"] * 3)
    assert (right.score, right.passed) == (1.0, True)
    assert (wrong.score, wrong.passed) == (0.0, False)
    assert (unformatted.score, unformatted.passed) == (0.0, False)
    assert unformatted.details["scores"] == {"math": 1.0, "format": 0.0}
    assert unformatted.details["gate_passed"] is False


def test_gate_that_is_also_a_component() -> None:
    v = CombinedVerifier(components=[{"name": "math", "weight": 0.9}, {"name": "format", "weight": 0.1}], gate="format")
    r = v.verify(GOOD_FORMAT_WRONG, "4")
    assert r.score == pytest.approx(0.1)
    assert r.details["passed"] == {"math": False, "format": True}
    assert r.extracted == "5"


def test_labels_and_kwargs() -> None:
    v = get_verifier(
        "combine",
        components=[
            {"name": "math", "label": "strict", "kwargs": {"min_sig_digits": 5}},
            {"name": "math", "label": "loose", "min_sig_digits": 2},
        ],
    )
    r = v.verify(r"\boxed{0.33}", r"\frac13")
    assert r.details["scores"] == {"strict": 0.0, "loose": 1.0}
    assert r.score == 0.5


def test_from_yaml_and_json_files(tmp_path: Path) -> None:
    y = tmp_path / "reward.yaml"
    y.write_text("components:\n  - name: math\n    weight: 1.0\ngate: format\n")
    j = tmp_path / "reward.json"
    j.write_text(json.dumps({"components": ["math"], "gate": {"name": "format", "prefilled_think": True}}))
    assert build_verifier(str(y)).verify(GOOD_FORMAT_RIGHT, "4").score == 1.0
    assert build_verifier(j).verify("ok</think><answer>4</answer>", "4").score == 1.0


@pytest.mark.parametrize(
    ("spec", "match"),
    [
        ({"components": []}, "non-empty"),
        ({"components": [{"name": "math", "weight": -1}]}, "weight"),
        ({"components": [{"name": "math", "weight": 0}]}, "all be 0"),
        ({"components": ["math", "math"]}, "duplicate"),
        ({"components": [{"name": "nope"}]}, "unknown verifier"),
        ({"gate": "format"}, "components"),
    ],
)
def test_bad_specs(spec: dict, match: str) -> None:
    with pytest.raises((ValueError, KeyError), match=match):
        build_verifier(spec)


def test_start_starts_every_component_and_gate() -> None:
    started: list[str] = []

    class Recording(Verifier):
        def __init__(self, label: str) -> None:
            self.label = label

        def verify(self, completion: str, reference: object, **context: object) -> VerifyResult:
            return VerifyResult(score=1.0, passed=True)

        def start(self) -> None:
            started.append(self.label)

    v = CombinedVerifier([{"name": "format"}, {"name": "format", "label": "f2"}], gate={"name": "format", "label": "g"})
    v.components[0].verifier, v.components[1].verifier = Recording("a"), Recording("b")
    v.gates[0].verifier = Recording("g")
    v.start()
    assert started == ["a", "b", "g"]
