"""Eighth outside round, false-pass side: sums, integrals and limits under the cost budget, subscripts on numerals,
indeterminate forms, and strike forms by the renderer's rule. Each rule both ways: the trick fails, its honest
neighbour still passes."""

from __future__ import annotations

import time

import pytest
from cpu_budget import machine_factor

from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def v() -> MathVerifier:
    verifier = MathVerifier(timeout_s=5.0)
    verifier.verify_batch(
        [r"\boxed{\int_0^1 x\,dx}", r"\boxed{\sin^2 x+\cos^2 x}"], [r"\frac12", "1"]
    )  # start the worker and import sympy before timing
    return verifier


def passes(v: MathVerifier, completion: str, gold: str, **opts: object) -> bool:
    verifier = MathVerifier(timeout_s=5.0, **opts) if opts else v  # type: ignore[arg-type]
    return verifier.verify_batch([completion], [gold])[0].passed


# ---------------------------------------------------------------- cost budget: sums, integrals, limits


@pytest.mark.parametrize(
    ("answer", "gold"),
    [
        (r"\boxed{\sum_{k=1}^{9999999}\frac1k}", "5"),
        (r"\boxed{\sum_{k=1}^{9999} k^{9999}}", "5"),
        (r"\boxed{\sum_{k=1}^{50000} \cos(k)}", "3"),
        (r"\boxed{\sum_{j=2}^{77777} \frac{1}{j^3}}", r"\frac{1}{5}"),
        (r"\boxed{\int_0^1 x^{1000}e^x\,dx}", "5"),
        (r"\boxed{\int_0^2 x^{700}(2-x)^{300}\,dx}", "7"),
        (r"\boxed{\int_0^1 \sum_{k=1}^{50} x^k\,dx}", "4"),
        (r"\boxed{\lim_{x\to 0}\frac{(1+x)^{5000}-1}{x}}", "6"),
        (r"\boxed{\sum_{k=1}^{9999}\binom{9999}{k}}", "2^{9999}-1"),
        (r"\boxed{\sum_{k=0}^{300} y^k}", r"\frac{y^{301}-1}{y-1}"),
        (r"\boxed{\sum_{k=1}^{1000} k^{1000}}", "5"),
        (r"\boxed{\sum_{k=1}^{1000}\binom{1000}{k}}", "2^{1000}-1"),
        (r"\boxed{\sum_{k=1}^{1000}\frac{1}{k!}}", "e-1"),
    ],
)
def test_costly_sums_integrals_and_limits_are_refused_fast(v: MathVerifier, answer: str, gold: str) -> None:
    t0 = time.perf_counter()
    result = v.verify_batch([answer], [gold])[0]
    assert time.perf_counter() - t0 < 0.5 * machine_factor()
    assert not result.passed


@pytest.mark.parametrize(
    ("answer", "gold"),
    [
        # golds holding the same operator: an operator the gold lacks restates the problem (test_math_round11.py)
        (r"\boxed{\sum_{k=1}^{10} k}", r"\sum_{k=0}^{10} k"),
        (r"\boxed{\sum_{k=1}^{4}\frac{1}{k}}", r"\frac{1}{4}+\sum_{j=1}^{3}\frac{1}{j}"),
        (r"\boxed{\sum_{k=1}^{n} k}", r"\sum_{k=0}^{n} k"),
        (r"\boxed{\sum_{k=0}^{3} x^k}", r"1+\sum_{k=1}^{3} x^k"),
        (r"\boxed{\int_0^1 x^2\,dx}", r"\int_0^1 t^2\,dt"),
        (r"\boxed{\lim_{x\to 0}\frac{\sin x}{x}}", r"\lim_{t\to 0}\frac{\sin t}{t}"),
        (r"\boxed{\sum_{k=0}^{100}\binom{100}{k}}", r"1+\sum_{k=1}^{100}\binom{100}{k}"),
        (r"\boxed{\sum_{k=1}^{300} 2^k}", r"2+\sum_{k=2}^{300} 2^k"),
    ],
)
def test_small_sums_integrals_and_limits_still_pass(v: MathVerifier, answer: str, gold: str) -> None:
    assert passes(v, answer, gold)


# ---------------------------------------------------------------- subscripts on numerals


@pytest.mark.parametrize(
    "answer",
    [r"5_{0}", r"5_1", r"5_{-2}", r"5_{1.5}", r"5_{x}", r"5_{n}", r"5_{\pm 1}", r"5_{(\pm 1)}", r"5_{37}", r"(5)_{k}"],
)
def test_a_numeral_under_a_subscript_that_is_no_base_equals_nothing(v: MathVerifier, answer: str) -> None:
    assert not passes(v, rf"\boxed{{{answer}}}", "5")
    assert not passes(v, rf"The answer is ${answer}$.", "5")


@pytest.mark.parametrize(
    ("answer", "gold"),
    [
        (r"\boxed{1011_2}", "1011_2"),
        (r"\boxed{1011_{(2)}}", "1011_2"),
        (r"\boxed{5_{10}}", "5"),
        (r"\boxed{17_8}", "17_8"),
        (r"\boxed{100_000}", "100000"),
        (r"\boxed{x_1}", "x_1"),
        (r"\boxed{5}", "5"),
    ],
)
def test_valid_bases_and_digit_groups_still_pass(v: MathVerifier, answer: str, gold: str) -> None:
    assert passes(v, answer, gold)


# ---------------------------------------------------------------- indeterminate forms


@pytest.mark.parametrize(
    ("answer", "gold"),
    [
        (r"\infty^0", "1"),
        (r"(\infty)^{0}", "1"),
        (r"(-\infty)^{0}", "1"),
        (r"\infty^{1-1}", "1"),
        (r"(\infty+1)^0", "1"),
        (r"1^{\infty}", "1"),
        (r"\infty!", r"\infty"),
        (r"\Gamma(\infty)", r"\infty"),
        (r"\binom{\infty}{0}", "1"),
    ],
)
def test_indeterminate_forms_equal_nothing(v: MathVerifier, answer: str, gold: str) -> None:
    assert not passes(v, rf"\boxed{{{answer}}}", gold)


@pytest.mark.parametrize(
    ("answer", "gold"),
    [(r"x^0", "1"), (r"5^0", "1"), (r"\infty", r"\infty"), (r"2^{\infty}", r"\infty"), (r"[0,\infty)", r"[0,\infty)")],
)
def test_defined_powers_and_infinities_still_pass(v: MathVerifier, answer: str, gold: str) -> None:
    assert passes(v, rf"\boxed{{{answer}}}", gold)


# ---------------------------------------------------------------- strike forms by the renderer's rule


@pytest.mark.parametrize(
    "completion",
    [
        r"\enclose{horizontalstrike}{\boxed{5}}",
        r"\enclose{verticalstrike}{\boxed{5}}",
        r"\enclose{updiagonalstrike downdiagonalstrike}[mathcolor=red]{\boxed{5}}",
        r"\enclose{circle,horizontalstrike}{\boxed{5}}",
        r"~\boxed{5}~",
        "The answer is ~5~.",
        "Answer: ~5~",
        "#### ~5~",
        "<answer>~5~</answer>",
        "Final: ~$5$~",
    ],
)
def test_struck_answers_are_no_answer(v: MathVerifier, completion: str) -> None:
    assert not passes(v, completion, "5")


@pytest.mark.parametrize(
    "completion",
    [
        r"\enclose{box}{\boxed{5}}",
        "The answer is ~5.",
        "Answer: ~5",
        "~6~ so the answer is \\boxed{5}",
        "`~6~` then \\boxed{5}",
        "Hence~$x = 5$",
        r"\boxed{5}",
    ],
)
def test_unstruck_answers_still_pass(v: MathVerifier, completion: str) -> None:
    assert passes(v, completion, "5")


# ---------------------------------------------------------------- visual reordering


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("\\boxed{\u202e65}", "65"),
        ("The answer is \u202e52\u202c.", "52"),
        ("The answer is \u2067\u202e52\u202c\u2069.", "52"),
        ("#### \u202e18", "18"),
        ("<answer>\u202e123</answer>", "123"),
        ("The answer is \u2067-5\u2069.", "-5"),
        ("The answer is \u202b3 - 1\u202c.", "2"),
        ('The answer is <span style="unicode-bidi:bidi-override;direction:rtl">52</span>.', "52"),
        ('The answer is <span style="transform:rotate(180deg);display:inline-block">9</span>.', "9"),
        ('The answer is <span style="transform:rotate(0.5turn)">9</span>.', "9"),
        ('The answer is <span style="transform:scaleX(-1);display:inline-block">52</span>.', "52"),
        ('The answer is <span style="transform: scale(1, -1)">52</span>.', "52"),
    ],
)
def test_reordered_or_turned_values_are_unreadable(v: MathVerifier, completion: str, gold: str) -> None:
    assert not passes(v, completion, gold)


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("The answer is \u202b42\u202c.", "42"),
        ("The answer is \u202d42\u202c.", "42"),
        ("The answer is \u2067 3.5 \u2069.", "3.5"),
        ("So we get 4\u2066\u20692.", "42"),
        ("\u2067\u0645\u0631\u062d\u0628\u0627\u2069 \\boxed{5}", "5"),
        ('The answer is <span style="transform:rotate(360deg);display:inline-block">9</span>.', "9"),
        ('The answer is <span style="transform:scale(2)">9</span>.', "9"),
        ('The answer is <span style="direction:rtl">52</span>.', "52"),
        ('The answer is <span style="unicode-bidi:bidi-override;direction:ltr">52</span>.', "52"),
    ],
)
def test_values_drawn_in_order_still_pass(v: MathVerifier, completion: str, gold: str) -> None:
    assert passes(v, completion, gold)
