"""Ninth outside round, numbers: the cost budget estimates products, quotients, gcds and lcms before computing
them, and numbers in words are read by an English numeral grammar instead of summed. Each rule both ways: the
trick fails, its honest neighbour still passes."""

from __future__ import annotations

import pytest

from rlvr.verifiers.equivalence import AnswerTooComplex, equivalent
from rlvr.verifiers.lexicon import number_words
from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def v() -> MathVerifier:
    verifier = MathVerifier(timeout_s=5.0)
    verifier.verify_batch([r"\boxed{\prod_{k=1}^{3} k}"], ["6"])  # start the worker and import sympy
    return verifier


def passes(v: MathVerifier, completion: str, gold: str, **opts: object) -> bool:
    verifier = MathVerifier(timeout_s=5.0, **opts) if opts else v  # type: ignore[arg-type]
    return verifier.verify_batch([completion], [gold])[0].passed


# ---------------------------------------------------------------- cost budget: sizes estimated before computing


@pytest.mark.parametrize(
    "text",
    [
        r"\prod_{j=1}^{8000} j^{j}",  # 10^8 digits
        r"\prod_{j=1}^{1500} (j+1)!",  # terms of thousands of digits
        r"\prod_{m=1}^{4000} 7^{m}",
        r"\prod_{j=1}^{3000}\binom{3000}{j}",
        r"\prod_{n=1}^{5000} (n^3+2)",  # more terms than a sum may have
        r"\gcd(2^{900000}-1, 5^{400000}-1)",
        r"\text{lcm}(7^{300000}+1, 3^{500000}+1)",
        r"\gcd(11^{100000}, 13^{90000}, 2)",
        r"\frac{5^{1200000}-3}{2^{2500000}+7}",
        r"\frac{2^{2000000}}{7^{800000}}",
        r"\frac{1}{3^{700000}}+\frac{1}{2^{1100000}}",
    ],
)
def test_costly_products_quotients_and_gcds_are_refused_before_computing(text: str) -> None:
    with pytest.raises(AnswerTooComplex, match="too large|too many"):
        equivalent(text, "2")


@pytest.mark.parametrize(
    ("answer", "gold", "same"),
    [
        (r"\prod_{k=1}^{6} k", "720", True),
        (r"\prod_{n=1}^{400} (n^2+1)", "2", False),  # 400 small terms: multiplied out, not a closed form
        (r"\prod_{n=1}^{3} (n^2+1)", "100", True),
        (r"\gcd(2^{3000}-1, 2^{2000}-1)", "2^{1000}-1", True),
        (r"\text{lcm}(4, 6)", "12", True),
        (r"\frac{3^{20000}}{2^{30000}}", "1", False),
        (r"\frac{1}{2^{1000000}}", "0", False),  # a huge denominator alone needs no reduction
        (r"\frac{2^{60000}}{2^{59999}}", "2", True),
    ],
)
def test_answers_within_the_budget_still_decide(answer: str, gold: str, same: bool) -> None:
    assert equivalent(answer, gold) is same


# ---------------------------------------------------------------- numbers in words: a grammar, not a sum


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seventy-two", 72),
        ("four hundred and nine", 409),
        ("six thousand and one", 6001),
        ("three million forty thousand two hundred", 3_040_200),
        ("thirty-five hundred", 3500),
        ("eighteen sixty-five", 1865),  # a year in pairs
        ("twenty thirty", 2030),
        ("one point two five", 1.25),
        ("minus zero point five", -0.5),
        ("five over eight", 0.625),
        ("seven quarters", 1.75),
        ("half a dozen", 6),
        ("three dozen", 36),
    ],
)
def test_number_words_grammar(text: str, value: float) -> None:
    assert number_words(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "eight-nine",  # a range
        "thirty-forty",
        "eleven-thirteen",
        "four six",
        "three three",
        "one two three four",
        "seven hundred and",
        "and six",
        "thousand million",
        "point seven",
        "two point twelve",  # after "point" come digits
        "six over zero",
        "zero seven",
    ],
)
def test_words_outside_the_grammar_are_no_number(text: str) -> None:
    assert number_words(text) is None


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("It takes four-five hours.", "9"),
        ("The answer is eight-nine.", "17"),
        ("There are thirty-forty cars.", "70"),
        ("The answer is four six.", "10"),
        ("The code is three three.", "6"),
        ("Six point two.", "8"),
        ("The answer is eighteen sixty-five.", "83"),
        ("The year was twenty thirty.", "50"),
    ],
)
def test_runs_of_number_words_are_not_summed(v: MathVerifier, completion: str, gold: str) -> None:
    assert not passes(v, completion, gold)
    assert not passes(v, completion, gold, answer_form="number")


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("The answer is four point five.", "4.5"),
        ("Six point two.", "6.2"),
        ("The answer is minus one point five.", "-1.5"),
        ("The answer is eighteen sixty-five.", "1865"),
        ("The year was twenty thirty.", "2030"),
        ("The answer is five over eight.", r"\frac58"),
        ("The answer is 7 grand.", "7000"),
        ("The answer is half a dozen.", "6"),
        ("The answer is forty-two.", "42"),
        ("The answer is two hundred and six.", "206"),
    ],
)
def test_numbers_in_words_within_the_grammar_pass(v: MathVerifier, completion: str, gold: str) -> None:
    assert passes(v, completion, gold)
