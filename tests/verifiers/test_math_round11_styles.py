"""Issue 18, false fails closed in round 11: a whole number "and a half" (a mixed quantity in words), a sign
inside a fraction in number mode, the special functions ζ and Γ applied to a number, and a rejected value
followed by its conclusion ("not (A), so it's (B)"). Each with its wrong neighbour still failing."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from redteam import passes  # noqa: E402

# ---------------------------------------------------------------- "N and a half"


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("The hike takes 3 and a half hours.", "3.5"),
        ("The hike takes 3 and a half hours.", r"\frac72"),
        ("She ran 7 and a quarter miles.", "7.25"),
        ("The answer is two and one third.", r"\frac73"),
        ("#### 9 and a half", "9.5"),
        ("The hike takes 3 hours and a half.", "3.5"),
    ],
)
def test_whole_and_a_unit_fraction_is_one_value(completion: str, gold: str) -> None:
    assert passes(completion, gold)


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("The hike takes 3 and a half hours.", "3"),
        ("The hike takes 3 and a half hours.", "4"),
        ("The hike takes 3 and a half hours or 4.", "3.5"),
        ("The answer is 3 and 4.", "3.5"),
        ("The answer is 3 and two thirds.", "3.5"),
        ("The hike takes 3 hours and a half minutes.", "3.5"),
    ],
)
def test_other_and_phrases_stay_apart(completion: str, gold: str) -> None:
    assert not passes(completion, gold)


# ---------------------------------------------------------------- a sign inside a fraction, number mode


@pytest.mark.parametrize(
    ("completion", "gold"),
    [(r"\boxed{\frac{-3}{4}}", "-0.75"), (r"\boxed{\frac{3}{-4}}", "-0.75"), (r"\boxed{\frac{-7}{2}}", r"-\frac72")],
)
def test_signed_fraction_is_a_number(completion: str, gold: str) -> None:
    assert passes(completion, gold, answer_form="number")


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        (r"\boxed{\frac{-3}{4}}", "0.75"),
        (r"\boxed{\frac{-3}{-4}}", "0.75"),  # two signs: an expression left to simplify
        (r"\boxed{-\frac{-3}{4}}", "0.75"),
        (r"\boxed{\frac{-6}{8}}", "-0.75"),  # not in lowest terms
    ],
)
def test_signed_fraction_neighbours_fail(completion: str, gold: str) -> None:
    assert not passes(completion, gold, answer_form="number")


# ---------------------------------------------------------------- ζ and Γ at a number


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        (r"\boxed{\zeta(-3)}", r"\frac{1}{120}"),
        (r"\boxed{\zeta(4)}", r"\frac{\pi^4}{90}"),
        (r"\boxed{\Gamma(6)}", "120"),
        (r"\boxed{\Gamma(\tfrac12)}", r"\sqrt{\pi}"),
        (r"\boxed{\zeta(s)}", r"\zeta(s)"),
    ],
)
def test_special_functions_evaluate(completion: str, gold: str) -> None:
    assert passes(completion, gold)


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        (r"\boxed{\zeta(-3)}", r"-\frac{1}{120}"),
        (r"\boxed{\zeta(-3)}", r"-3\zeta"),  # no longer a product of the letter and -3
        (r"\boxed{\Gamma(6)}", r"6\Gamma"),
        (r"\boxed{\Gamma(6)}", "720"),
    ],
)
def test_special_function_neighbours_fail(completion: str, gold: str) -> None:
    assert not passes(completion, gold)


@pytest.mark.parametrize("arg", ["-99999", "10^{7}", "123456"])
def test_huge_special_function_arguments_are_refused_fast(arg: str) -> None:
    start = time.monotonic()
    assert not passes(rf"\boxed{{\zeta({arg})}}", "0")
    assert not passes(rf"\boxed{{\Gamma({arg})}}", "1")
    assert time.monotonic() - start < 5


# ---------------------------------------------------------------- a rejected value, then the conclusion


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("The answer is not (C), so it's (D).", "D"),
        ("The answer is not (C); hence (D).", "D"),
        ("The answer is not 8, so it is 9.", "9"),
        ("The answer is not 8; therefore 9.", "9"),
        ("The answer is not 8, but rather 9.", "9"),
    ],
)
def test_rejected_value_then_conclusion_is_the_conclusion(completion: str, gold: str) -> None:
    assert passes(completion, gold)


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("The answer is not (C), so it's (D).", "C"),
        ("The answer is not (C), so probably (D).", "D"),  # the conclusion is read by the hedge rules
        ("The answer is not 8, so it might be 9 or 10.", "9"),
        ("The answer is not 8, since 8 is even.", "8"),
        ("The answer is not 8, so the answer is 9 or 8.", "8"),
    ],
)
def test_rejected_value_neighbours_fail(completion: str, gold: str) -> None:
    assert not passes(completion, gold)
