"""Ninth outside round, the last open rows: multiple-choice styles that answer a letter, remarks in ``<<…>>`` after
an answer, approximation qualifiers, truncated corrections. Each rule both ways: the honest form passes, its
hedged or wrong neighbour still fails."""

from __future__ import annotations

import pytest

from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def v() -> MathVerifier:
    verifier = MathVerifier(timeout_s=5.0)
    verifier.verify_batch([r"\boxed{6}"], ["6"])  # start the worker and import sympy
    return verifier


def passes(v: MathVerifier, completion: str, gold: str) -> bool:
    return v.verify_batch([completion], [gold])[0].passed


# ---------------------------------------------------------------- multiple choice: a letter affirmed or named


@pytest.mark.parametrize(
    "text",
    [
        "C is correct.",
        "So C is the right answer.",
        "**C** is the correct option.",
        "(C) is the answer.",
        "Option A fails the second condition.\nC it is!",
        "The answer is option (C).",
        "Hence the answer is Choice (C).",
        "The best answer is **C. 14**",
        "Final answer: C. $\\frac{3}{4}$",
    ],
)
def test_choice_styles_answer_their_letter(v: MathVerifier, text: str) -> None:
    assert passes(v, text, "C")


@pytest.mark.parametrize(
    "text",
    [
        "C is correct.",  # against gold D below
        "I think C is correct.",
        "Maybe C is the answer.",
        "C is probably correct.",
        "C is not correct.",
        "Plan C is correct.",
        "C is correct?",
        "The answer is option (C), maybe.",
        "The answer is option (C)?",
        "The best answer is **C. 14** or D.",
    ],
)
def test_hedged_or_other_choice_styles_fail(v: MathVerifier, text: str) -> None:
    assert not passes(v, text, "D" if text == "C is correct." else "C")


@pytest.mark.parametrize("text", ["D is wrong.", "D is incorrect.", "D is not the answer."])
def test_a_rejected_letter_answers_nothing(v: MathVerifier, text: str) -> None:
    assert not passes(v, text, "D")


# ---------------------------------------------------------------- remarks in << >> after an answer


@pytest.mark.parametrize(
    "text",
    [
        r"\boxed{7} <<just a guess>>",
        r"\boxed{7} <<incorrect>>",
        r"So the answer is $\boxed{7}$ <<unverified>>.",
        "#### 7 <<probably>>",
        r"\boxed{7} <<or maybe 8>>",
    ],
)
def test_a_doubting_remark_in_angle_brackets_hedges(v: MathVerifier, text: str) -> None:
    assert not passes(v, text, "7")


@pytest.mark.parametrize(
    "text",
    [r"\boxed{7} <<verified>>", r"\boxed{7} <<final>>", "3 + 4 = <<3+4=7>>7 apples.\n#### 7"],
)
def test_an_endorsing_remark_or_a_calculation_in_angle_brackets_keeps_the_answer(v: MathVerifier, text: str) -> None:
    assert passes(v, text, "7")


# ---------------------------------------------------------------- approximation qualifiers after a value


@pytest.mark.parametrize(
    "text",
    [
        "The total is 12, within rounding.",
        "The total is 12 in round figures.",
        r"$\boxed{12}$ in round numbers",
        "The total is 12 after rounding.",
    ],
)
def test_a_rounding_qualifier_makes_the_value_approximate(v: MathVerifier, text: str) -> None:
    assert not passes(v, text, "12")


@pytest.mark.parametrize(
    "text",
    ["The total is 12 (rounded).", "The total is 12, rounded to the nearest whole number.", "There are 12 rounds."],
)
def test_rounding_words_that_do_not_qualify_keep_the_value(v: MathVerifier, text: str) -> None:
    assert passes(v, text, "12")


# ---------------------------------------------------------------- an earlier check of the writer's own


@pytest.mark.parametrize(
    "text",
    [
        "The answer was 9 last time I checked.",
        r"$\boxed{9}$, the previous time we ran it.",
        "The total is 9 when I first computed it.",
        "The total was 9 when we last checked.",
    ],
)
def test_a_value_dated_to_an_earlier_check_is_superseded(v: MathVerifier, text: str) -> None:
    assert not passes(v, text, "9")


@pytest.mark.parametrize(
    "text", ["The answer was 9.", "They scored 9 points last time.", "The answer is 9, as I checked twice."]
)
def test_a_past_copula_or_a_dated_event_keeps_the_value(v: MathVerifier, text: str) -> None:
    assert passes(v, text, "9")


# ---------------------------------------------------------------- a correction cut off before its value


@pytest.mark.parametrize(
    "text",
    [
        "So the answer is $\\boxed{8}$.\n\nWait, let me recheck. The right value is",
        "So the answer is $\\boxed{8}$.\n\nActually, it should be",
        "#### 8\nCorrection:",
        "The answer is 8. Hmm, the real total is",
    ],
)
def test_a_correction_cut_off_before_its_value_retracts(v: MathVerifier, text: str) -> None:
    assert not passes(v, text, "8")


@pytest.mark.parametrize(
    "text",
    [
        "So the answer is $\\boxed{8}$.\n\nThe correct value is 8.",
        "So the answer is $\\boxed{8}$.\n\nThe correct value is shown above.",
        "So the answer is $\\boxed{8}$.\n\nThe method is",
    ],
)
def test_a_finished_correction_or_an_unrelated_cut_keeps_the_answer(v: MathVerifier, text: str) -> None:
    assert passes(v, text, "8")


# ---------------------------------------------------------------- HTML inline elements that render their content


@pytest.mark.parametrize("tag", ["var", "ins", "cite", "dfn", "abbr"])
def test_an_inline_element_shows_its_value(v: MathVerifier, tag: str) -> None:
    assert passes(v, f"So the result is <{tag}>42</{tag}>.", "42")
    assert not passes(v, f"So the result is <{tag}>43</{tag}>.", "42")
    assert not passes(v, f"So the result is <{tag}>42</{tag}>, <{tag}>probably</{tag}>.", "42")


def test_a_struck_element_still_hides_its_value(v: MathVerifier) -> None:
    assert not passes(v, "So the result is <del>42</del>.", "42")


# ---------------------------------------------------------------- the ohm as a unit


@pytest.mark.parametrize("text", [r"\boxed{12\,\Omega}", r"$\boxed{12 \Omega}$", "The resistance is 12 Ω.", "12 ohms"])
def test_the_ohm_after_a_number_is_its_unit(v: MathVerifier, text: str) -> None:
    assert passes(v, text, "12")
    assert passes(v, text, r"12\,\text{ohm}")


@pytest.mark.parametrize("text", [r"\boxed{13\,\Omega}", r"\boxed{12\Omega}", r"\boxed{12\,\Omega}, roughly"])
def test_another_value_a_product_or_a_hedge_with_the_ohm_fails(v: MathVerifier, text: str) -> None:
    assert not passes(v, text, "12")


# ---------------------------------------------------------------- the constant of integration as a word


@pytest.mark.parametrize("text", [r"\boxed{\sin x+\text{const}}", r"\boxed{\sin x + \text{constant}}"])
def test_the_word_const_is_the_constant_of_integration(v: MathVerifier, text: str) -> None:
    assert passes(v, text, r"\sin x + C")


@pytest.mark.parametrize(
    "text", [r"\boxed{\cos x+\text{const}}", r"\boxed{\sin x + C + \text{const}}", r"\boxed{\sin x \cdot \text{const}}"]
)
def test_a_wrong_antiderivative_or_a_second_constant_fails(v: MathVerifier, text: str) -> None:
    assert not passes(v, text, r"\sin x + C")


# ---------------------------------------------------------------- an article and emphasis before a value


@pytest.mark.parametrize(
    "text",
    [
        "The answer is a mere 30.",
        "The total is a whopping 30.",
        "So the result is a nice, tidy 30.",
        "It is a paltry $30$.",
    ],
)
def test_an_emphatic_article_leaves_the_value(v: MathVerifier, text: str) -> None:
    assert passes(v, text, "30")


@pytest.mark.parametrize(
    "text",
    [
        "The answer is a mere 31.",
        "The answer is a rough 30.",
        "The answer is an estimated 30.",
        "It is a mere 30, maybe.",
    ],
)
def test_an_emphatic_article_keeps_another_value_or_an_estimate_wrong(v: MathVerifier, text: str) -> None:
    assert not passes(v, text, "30")
