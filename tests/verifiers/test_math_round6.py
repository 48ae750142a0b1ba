"""Sixth red-team round (``benchmarks/data/math_redteam5.jsonl``, checked row by row by ``test_math_corpora.py``):
our own cases per mechanism closed, positives and negatives, none of them taken from the findings."""

from __future__ import annotations

import json

from rlvr.verifiers.math import MathVerifier

_VERIFIERS: dict[str, MathVerifier] = {}

Case = tuple[str, object, bool]


def judge(cases: list[Case], **opts: str) -> None:
    key = json.dumps(opts, sort_keys=True)
    if key not in _VERIFIERS:
        _VERIFIERS[key] = MathVerifier(timeout_s=20.0, workers=1, **opts)
    results = _VERIFIERS[key].verify_batch([c for c, _, _ in cases], [g for _, g, _ in cases])
    wrong = [(c, g, want, r.passed, r.extracted) for (c, g, want), r in zip(cases, results) if r.passed != want]
    assert wrong == []


def test_number_form_needs_a_fraction_in_lowest_terms() -> None:
    """Under ``answer_form=number`` a fraction or ratio not in lowest terms over a denominator > 1 restates the
    division: it is an expression left to evaluate, not a number."""
    judge(
        [
            (r"\boxed{\frac{84}{4}}", "21", False),
            ("So she has 84/4 marbles.", "21", False),
            (r"\boxed{\dfrac{-60}{5}}", "-12", False),
            (r"\boxed{-\tfrac{60}{5}}", "-12", False),
            (r"\boxed{\frac{21}{1}}", "21", False),
            (r"\boxed{21/1}", "21", False),
            (r"\boxed{\frac{6}{8}}", "0.75", False),
            (r"\boxed{\frac{6}{8}}", r"\frac{3}{4}", False),
            (r"\boxed{\frac{0}{7}}", "0", False),
            (r"\boxed{42:2}", "21", False),
            (r"\boxed{21:1}", "21", False),
            (r"\boxed{9 + 12 = \frac{42}{2}}", "21", False),
            (r"\boxed{\frac{42}{2} \text{ apples}}", "21", False),
            # in lowest terms over a denominator > 1: a number
            (r"\boxed{\frac{3}{4}}", "0.75", True),
            (r"\boxed{-\frac{3}{4}}", "-0.75", True),
            ("The answer is 7/3.", r"2\frac{1}{3}", True),
            (r"\boxed{0.75}", r"\frac{3}{4}", True),
            (r"\boxed{7:2}", "3.5", True),
            (r"\boxed{2\frac{1}{3}}", r"\frac{7}{3}", True),
            (r"\boxed{9 + 12 = 21}", "21", True),
            ("42/2 = 21", "21", True),
        ],
        answer_form="number",
    )


def test_expression_form_still_evaluates_fractions() -> None:
    """The default ``answer_form=expression`` accepts any closed form: the unreduced fraction is the number."""
    judge(
        [
            (r"\boxed{\frac{84}{4}}", "21", True),
            (r"\boxed{42:2}", "21", True),
            (r"\boxed{\frac{6}{8}}", r"\frac{3}{4}", True),
            (r"\boxed{\frac{85}{4}}", "21", False),
        ]
    )
