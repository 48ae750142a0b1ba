"""Eleventh outside round, correct answers failed for what follows them: a Markdown heading or title line after the
box opens a new section; a value ruled out in its own clause is no rival; a closing parenthetical aside and an
explaining, appositive, relating or hypothetical clause after the value are no part of it; a plain yes or no that
opens the last line outranks the values of its explanation. Each rule both ways: the honest ending passes, a hedge,
retraction or rival candidate in the same place still fails."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit
from redteam import passes, verifier

# ---------------------------------------------------------------- a heading after the box opens a new section


@pytest.mark.parametrize(
    "completion",
    [
        "\\boxed{5}\n\n## Sanity check\n\nPlugging back in gives 5 + 1 = 6.",
        "$$\\boxed{5}$$\n\n### Discussion",
        "\\boxed{5}\n\n**Remarks**\n\nThe method generalises.",
        "$\\boxed{5}$\n\nChecking",
    ],
)
def test_a_heading_after_the_box_opens_a_new_section(completion: str) -> None:
    assert passes(completion, "5")


@pytest.mark.parametrize(
    "completion",
    [
        "\\boxed{5}\n\n## Correction\n\nThe answer is 6.",
        "\\boxed{5}\n\n## Revised answer: 6",
        "\\boxed{5}\n\n## Or maybe 6",
        "\\boxed{5}\n\n## Wrong",
        "\\boxed{5}\n\n## Just kidding",
        "\\boxed{5}\n\nmillion",
        "\\boxed{5}\n\nAlternative:",  # a rival's label whose value never came
        "\\boxed{5}\n\n## Second reading",
        "\\boxed{5}\n\nNever Mind",
    ],
)
def test_a_heading_that_changes_the_answer_still_counts(completion: str) -> None:
    assert not passes(completion, "5")


# ---------------------------------------------------------------- a value ruled out in its own clause


@pytest.mark.parametrize(
    "completion",
    [
        "The answer is \\boxed{8}, since 9 would exceed the budget.",
        "The answer is \\boxed{8} because 9 is too many.",
        "The answer is \\boxed{8}; 9 violates the constraint.",
        "The answer is \\boxed{8}. We discard 9 since it is odd.",
        "The answer is \\boxed{8}. Hence it cannot be 9.",
        "The answer is \\boxed{8}. We can rule out 9 because it is odd.",
        "Hence the least $k$ is $8$; $k = 7$ fails.",
    ],
)
def test_a_value_ruled_out_in_its_own_clause_is_no_rival(completion: str) -> None:
    assert passes(completion, "8")


@pytest.mark.parametrize(
    "completion",
    [
        "The answer is \\boxed{8} because 8 is too many.",  # the answer itself rejected
        "The answer is \\boxed{8}; 9 might be too many.",  # a hedge, not a rejection
        "The answer is \\boxed{8}; 9 or 10 is too many.",
        "The answer is \\boxed{8}. We cannot rule out 9.",  # the rejection negated
        "The answer is \\boxed{8}, since 9 works too.",
    ],
)
def test_a_value_that_is_not_ruled_out_stays_a_rival(completion: str) -> None:
    assert not passes(completion, "8")


# ---------------------------------------------------------------- a closing parenthetical aside


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("The total is 42 (6 boxes of 7 each).", "42"),
        ("Bob has 14 marbles (Alice has 9).", "14"),
        ("It takes 8 days (the first crew alone would need 12).", "8"),
        ("The side is 13 (5^2 + 12^2 = 169).", "13"),
        ("The remainder is 3 (the quotient is 11).", "3"),
    ],
)
def test_a_closing_aside_is_no_part_of_the_answer(completion: str, gold: str) -> None:
    assert passes(completion, gold)


@pytest.mark.parametrize(
    "completion",
    [
        "The total is 42 (or 43).",
        "The total is 42 (43).",
        "The total is 42 (forty-three).",
        "The total is 42 (maybe 43).",
        "The total is 42 (43 under the other convention).",
        "The total is 42 (I think).",
        "The total is 42 (not sure).",
        "The total is 42 (43 if repeats are allowed).",
        "The total is 42 (actually 43).",
        "The total is 42 (43 is also possible).",
        "The total is 42 (could be 43).",
        "The total is 42 (or is it 43?).",
        "The total is 42 (43 instead).",
        "The total is 42 (the correct total is 43).",
        "The total is 42 (that is, 43).",
        "The total is 42 (i.e., forty-three).",
    ],
)
def test_an_aside_that_hedges_or_offers_a_value_still_counts(completion: str) -> None:
    assert not passes(completion, "42")


def test_the_aside_keeps_the_value_it_follows() -> None:
    assert not passes("Bob has 14 marbles (Alice has 9).", "9")


# ---------------------------------------------------------------- a clause after the value


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("The answer is 89, the 11th Fibonacci number.", "89"),
        ("The perimeter is 24, twice that of the small square, which has perimeter 12.", "24"),
        ("The score is 92, up from 85 last year.", "92"),
        ("The trip takes 4 hours, compared with 6 hours by bus.", "4"),
        ("The speed is 30 km/h; in 2 hours it would cover 60 km.", "30"),
        ("There are 15 handshakes; counting order would give 30.", "15"),
        ("The peak is at $(2, 7)$, the maximum of the curve.", "(2,7)"),
        ("The answer is $\\boxed{24}$, twice the area of the inner square (12).", "24"),
    ],
)
def test_a_clause_that_explains_names_or_relates_is_no_rival(completion: str, gold: str) -> None:
    assert passes(completion, gold)


@pytest.mark.parametrize(
    "completion",
    [
        "The answer is 89, therefore 90.",
        "The answer is 89, i.e. 90.",
        "The answer is 89, the correct value is 90.",
        "The answer is 89, or 90.",
        "The answer is 89; I'd go with 90 though.",
        "The answer is 89; it could be 90.",
        "The answer is 89, which might be 90.",
        "The answer is 89, the other reading gives 90.",
    ],
)
def test_a_clause_that_offers_another_value_still_counts(completion: str) -> None:
    assert not passes(completion, "89")


# ---------------------------------------------------------------- a yes or no with its reason


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("Yes, because 21 is divisible by 7.", "\\text{Yes}"),
        ("No, since 9 = 3 \u00d7 3 is not prime.", "\\text{No}"),
        ("Yes \u2014 12 = 3 \u00d7 4.", "\\text{Yes}"),
        ("**Yes.** Take n = 2.", "\\text{Yes}"),
        ("No. A counterexample is n = 6.", "\\text{No}"),
    ],
)
def test_a_yes_or_no_with_its_reason_answers(completion: str, gold: str) -> None:
    assert passes(completion, gold)


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("Yes, if n is even.", "\\text{Yes}"),
        ("Yes, so long as $n \\neq 0$.", "\\text{Yes}"),
        ("Yes, but only for n = 3.", "\\text{Yes}"),
        ("**Yes**, as long as n > 2.", "\\text{Yes}"),
        ("Yes, because 21 is divisible by 7. Or maybe no.", "\\text{Yes}"),
        ("Yes, probably, since 21 = 3 \u00d7 7.", "\\text{Yes}"),
        ("No, since 9 is odd.", "\\text{Yes}"),
        ("Yes for n = 3, no for n = 4.", "\\text{Yes}"),
    ],
)
def test_a_qualified_or_wrong_reply_still_fails(completion: str, gold: str) -> None:
    assert not passes(completion, gold)


# ---------------------------------------------------------------- linear time


@pytest.mark.parametrize(
    "text",
    [
        "The answer is \\boxed{5}" + "; 6 is too large" * 20_000,
        "The answer is 5" + " (6 boxes of 7 each" * 20_000 + ")",
        "The answer is 5, " + "the 6th, " * 50_000,
        "Yes, because " + "21 is divisible by 7, " * 20_000,
    ],
)
def test_the_new_rules_are_linear(text: str) -> None:
    t0 = time.process_time()
    verifier({}).verify_batch([text], ["5"])
    assert time.process_time() - t0 < cpu_limit()


def test_a_rival_after_a_ruled_out_value_still_counts() -> None:
    assert not passes("Hence the least $k$ is $8$; $k = 7$ fails but $k = 9$ works.", "8")
    assert not passes("The answer is \\boxed{8}; 7 is too small, and 9 is also possible.", "8")


def test_a_question_answered_by_ruling_the_value_out() -> None:
    assert passes("Answer: 8\n\nCould it be 9? No, 9 is too many.", "8")
    assert not passes("Answer: 8\n\nCould it be 9? No, 9 is too many. Wait, 9 it is.", "8")
    assert not passes("Answer: 8\n\nCould it be 9? Yes, 8 is too few.", "8")
