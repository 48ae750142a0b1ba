"""``answer_form``: a task that asks for a number does not accept the question restated as an expression.

The main job found this reward hack: the policy answered "What is 16 + 7?" with ``16 + 7``, equal to 23 as a
closed form. ``answer_form="number"`` (the default of the arithmetic and word-problem tasks) requires a number
written out against a plain-number gold; the default ``expression`` keeps accepting closed forms.
"""

from __future__ import annotations

import pytest

from rlvr.verifiers.math import MathVerifier

NUMBER = MathVerifier(answer_form="number")
EXPRESSION = MathVerifier()

# Expressions whose value is the gold number: the question (or any other computation) left to the grader.
UNEVALUATED = [
    ("16 + 7", "23"),
    ("7+16", "23"),
    ("23 + 0", "23"),
    ("2 \\times 11 + 1", "23"),
    ("\\boxed{16+7}", "23"),
    ("The answer is $16 + 7$.", "23"),
    ("x = 16 + 7", "23"),
    ("<answer>9*3</answer>", "27"),
    ("9 \\cdot 3", "27"),
    ("(20) - (5)", "15"),
    ("2^{10}", "1024"),
    ("\\sqrt{529}", "23"),
    ("\\binom{5}{2}", "10"),
    ("\\boxed{3!}", "6"),
    ("\\frac{1}{2} + \\frac{1}{4}", "0.75"),
    ("1/2 + 1/4", "\\frac{3}{4}"),
    ("(1, 16 + 7)", "(1, 23)"),
    ("[0, 16 + 7]", "[0, 23]"),
    ("16 + 7 \\text{ apples}", "23"),
    ("#### 16 + 7", "23"),
]

# Numbers written out in the styles models use: still accepted.
WRITTEN = [
    ("23", "23"),
    ("\\boxed{23}", "23"),
    ("The answer is 23.", "23"),
    ("#### 23", "23"),
    ("23.0", "23"),
    ("+23", "23"),
    ("(23)", "23"),
    ("{23}", "23"),
    ("**23**", "23"),
    ("23 apples", "23"),
    ("2.3 \\times 10^1", "23"),
    ("\\frac{3}{4}", "0.75"),
    ("0.75", "\\frac{3}{4}"),
    ("-5", "-5"),
    ("1,024", "1024"),
    ("16 + 7 = 23", "23"),  # the work shown, ending in the number
    ("23 = 16 + 7", "23"),  # the number stated, then checked
    ("3 \\pm 2", "1, 5"),  # two numbers written with \pm
    ("\\pm 2", "2, -2"),
    ("(1, 23)", "(1, 23)"),
]


@pytest.mark.parametrize(("completion", "gold"), UNEVALUATED)
def test_number_form_rejects_an_expression_of_the_gold_number(completion: str, gold: str) -> None:
    assert NUMBER.verify(completion, gold).passed is False
    assert EXPRESSION.verify(completion, gold).passed is True  # the default still reads closed forms


@pytest.mark.parametrize(("completion", "gold"), WRITTEN)
def test_number_form_accepts_numbers_however_written(completion: str, gold: str) -> None:
    assert NUMBER.verify(completion, gold).passed is True


@pytest.mark.parametrize(
    ("completion", "gold"),
    [("2\\sqrt{2}", "\\sqrt{8}"), ("\\sqrt{8}", "2\\sqrt{2}"), ("x + 1", "1 + x"), ("\\pi", "\\pi")],
)
def test_number_form_leaves_non_number_golds_to_equivalence(completion: str, gold: str) -> None:
    assert NUMBER.verify(completion, gold).passed is True


@pytest.mark.parametrize(("completion", "gold"), [("16 + 8", "23"), ("24", "23"), ("16 + 7 = 24", "23")])
def test_wrong_answers_fail_in_both_forms(completion: str, gold: str) -> None:
    assert NUMBER.verify(completion, gold).passed is False
    assert EXPRESSION.verify(completion, gold).passed is False


def test_bad_answer_form_is_refused() -> None:
    with pytest.raises(ValueError, match="answer_form"):
        MathVerifier(answer_form="numeric")
