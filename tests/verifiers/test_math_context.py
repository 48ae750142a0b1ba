"""The second red-team round's mechanisms: spacing as one token class, what does not render, a box read as the
expression it is part of and with the words around it, cue lexicons, hedges over several final-answer markers."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import extract, normalise_spacing, visible
from rlvr.verifiers.math import MathVerifier, gold_answers

SPACES = ["~", "\\quad ", "\\qquad ", "\\,", "\\;", "\\ ", "\u00a0", "\u200b", "{}", "\n\n", " " * 60, "\\hspace{1em}"]


@pytest.fixture(scope="module")
def v() -> MathVerifier:
    return MathVerifier(timeout_s=10.0)


@pytest.mark.parametrize("sp", SPACES)
@pytest.mark.parametrize(
    ("template", "gold"),
    [
        ("The answer is not{sp}\\boxed{5}.", "5"),
        ("$-{sp}\\boxed{5}$", "5"),
        ("$x \\ne{sp}\\boxed{5}$", "5"),
        ("$\\pm{sp}\\boxed{5}$", "5"),
        ("\\boxed{5}{sp}million", "5"),
        ("\\boxed{5}{sp}cm", "5\\text{ m}"),
        ("The answer is at least{sp}\\boxed{5}.", "5"),
    ],
)
def test_spacing_never_drops_a_qualifier(v: MathVerifier, template: str, gold: str, sp: str) -> None:
    assert not v.verify(template.replace("{sp}", sp), gold).passed


@pytest.mark.parametrize("sp", ["\\,", "\u2009", "\u202f", " \\, "])
def test_thin_space_between_digit_groups_is_a_thousands_separator(v: MathVerifier, sp: str) -> None:
    assert v.verify(f"\\boxed{{12{sp}345}}", "12345").passed
    assert normalise_spacing("1 \\quad 2") == "1 2"


@pytest.mark.parametrize(
    "hidden",
    [
        "{\\color{white}\\boxed{2}}",
        "\\textcolor{#FFFFFF}{\\boxed{2}}",
        "\\textcolor[rgb]{1,1,1}{\\boxed{2}}",
        "\\textcolor{white!100}{\\boxed{2}}",
        '<span style="color:white">\\boxed{2}</span>',
        '<SPAN STYLE="DISPLAY:NONE">\\boxed{2}</SPAN>',
        '<span style="opacity:0">\\boxed{2}</span>',
        '<span style="font-size:0">\\boxed{2}</span>',
        '<font color="white">\\boxed{2}</font>',
        "<script>\\boxed{2}</script>",
        "<template>\\boxed{2}</template>",
        "\\scalebox{0}{\\boxed{2}}",
        "\\resizebox{0pt}{0pt}{\\boxed{2}}",
    ],
)
def test_what_does_not_render_is_not_read(v: MathVerifier, hidden: str) -> None:
    assert "2" not in visible(hidden + " 3")
    assert not v.verify(hidden, "2").passed
    assert v.verify('<span style="color:red">\\boxed{2}</span>', "2").passed


@pytest.mark.parametrize(
    ("completion", "answer"),
    [
        ("<think>hmm</think>The answer is 3 <think>\\boxed{2}</think>", "3"),
        ("<think>The answer is 2.</think>", "2"),
        ("<Answer>2</Answer>", "2"),
        ("<answer >2</answer >", "2"),
        ("\\boxed{\\large 12}", "\\large 12"),
    ],
)
def test_reasoning_blocks_and_tags_in_any_form(completion: str, answer: str) -> None:
    assert extract(completion).answer == answer


@pytest.mark.parametrize(
    "completion",
    [
        "$\\frac{1}{\\boxed{2}}$",
        "$\\sqrt{\\boxed{2}}$",
        "$10\\boxed{2}$",
        "$\\boxed{2}0$",
        "$\\boxed{2}.5$",
        "$\\boxed{2}\\times 10^3$",
        "$\\boxed{2} + 1$",
        "$\\boxed{2}/3$",
        "$\\log \\boxed{2}$",
        "$\\boxed{2}i$",
        "10\\boxed{2}",
        "\\boxed{2}+",
        "\\boxed{2}-ish",
    ],
)
def test_a_box_inside_a_larger_expression_is_that_expression(v: MathVerifier, completion: str) -> None:
    assert not v.verify(completion, "2").passed


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("$\\boxed{2}\\%$", "2\\%"),
        ("$\\boxed{2}^\\circ$", "2^\\circ"),
        ("$\\boxed{2}\\text{ cm}$", "2"),
        ("$x = \\boxed{2}$", "2"),
        ("So the result is $\\boxed{\\frac{1}{2}}$.", "\\frac12"),
        ("\\boxed{2}, since 1 + 1 = 2.", "2"),
        ("\\boxed{2} is the final answer.", "2"),
        ("The answer is 5, not 6.", "5"),
        ("The answer is 5 rather than 6.", "5"),
        ("The answer is 5 in base 10.", "5"),
        ("\\boxed{2\\text{ cm}^{2}}", "2\\text{ cm}^2"),
    ],
)
def test_context_that_does_not_change_the_answer(v: MathVerifier, completion: str, gold: str) -> None:
    assert v.verify(completion, gold).passed


@pytest.mark.parametrize(
    "tail", ["at best", "give or take", "out of 6", "to 1", "I think", "maybe", "is wrong", "if n is even", "tops"]
)
def test_words_after_the_answer_are_compared_not_dropped(v: MathVerifier, tail: str) -> None:
    assert not v.verify(f"\\boxed{{5}} {tail}", "5").passed
    assert not v.verify(f"The answer is 5 {tail}.", "5").passed


@pytest.mark.parametrize(
    "completion",
    [
        "It can't be \\boxed{2}",
        "The answer is anything but 2.",
        "The answer is upwards of 2.",
        "The answer is -~2.",
        "The answer is negative 2.",
        "\\boxed{2}?",
        "The answer is 2?",
        "Suppose the answer is 2. Then we get a contradiction.",
        "Maybe \\boxed{2}.",
        "<answer>2?</answer>",
    ],
)
def test_negations_questions_and_hypotheses_are_not_the_answer(v: MathVerifier, completion: str) -> None:
    assert not v.verify(completion, "2").passed


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("The answer is 5. The answer is 6.", "6"),
        ("#### 5\n#### 6", "6"),
        ("#### 6\n\\boxed{5}", "5"),
        ("\\boxed{5}\nThe answer is 6.", "6"),
        ("\\boxed{5}\nActually, it is 6.", "5"),
        ("\\boxed{5}\n$6$", "5"),
        ("<answer>5</answer>\n\\boxed{6}", "5"),
        ("<answer>\n5\n6\n</answer>", "6"),
    ],
)
def test_several_final_answers_are_a_hedge(v: MathVerifier, completion: str, gold: str) -> None:
    assert not v.verify(completion, gold).passed


def test_intermediate_boxes_then_a_final_answer_phrase(v: MathVerifier) -> None:
    text = "We get \\boxed{200} and then \\boxed{255}. Final Answer: The final answer is $10,455$."
    assert v.verify(text, "10455").passed
    assert v.verify("\\boxed{5}. The answer is $5$.", "5").passed  # the same answer twice


@pytest.mark.parametrize(
    ("completion", "gold"),
    [("\\boxed{½}", "\\frac12"), ("\\boxed{2½}", "\\frac52"), ("\\boxed{10⁶}", "1000000"), ("\\boxed{x₁}", "x_1")]
    + [("\\boxed{－5}", "-5"), ("\\boxed{∛8}", "2"), ("\\boxed{ℤ}", "\\mathbb{Z}"), ("\\boxed{2¹⁰}", "1024")],
)
def test_unicode_mathematics(v: MathVerifier, completion: str, gold: str) -> None:
    assert v.verify(completion, gold).passed


def test_an_empty_reference_list_is_a_clear_error(v: MathVerifier) -> None:
    with pytest.raises(ValueError, match="empty list"):
        gold_answers([])
    r = v.verify("\\boxed{5}", [])
    assert not r.passed and r.status == "error"


@pytest.mark.parametrize("unit", ["~", "{}", "\u200b", "\\quad ", "\\, ", "\n"])
def test_spacing_runs_are_linear(unit: str) -> None:
    for text in (
        f"The answer is not{unit * (1_000_000 // len(unit))}\\boxed{{5}} cm",
        f"\\boxed{{5}}{unit * 200_000}or 6",
    ):
        t0 = time.process_time()
        extract(text)
        assert time.process_time() - t0 < cpu_limit()
