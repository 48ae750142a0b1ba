"""Answer extraction: every form of the issue, truncation, and linear time on hostile input."""

from __future__ import annotations

import time

import pytest

from rlvr.verifiers.extract import extract, extract_answer


@pytest.mark.parametrize(
    ("text", "answer", "method"),
    [
        (r"so the result is \boxed{\frac{1}{2}}.", r"\frac{1}{2}", "boxed"),
        (r"\boxed{\frac{a^{2}}{\sqrt{b_{1}}}}", r"\frac{a^{2}}{\sqrt{b_{1}}}", "boxed"),
        (r"sets: \boxed{\{1, 2\}}", r"\{1, 2\}", "boxed"),
        (r"thus \boxed 9.", "9", "boxed"),
        (r"\fbox{42}", "42", "boxed"),
        (r"first \boxed{3}, corrected: \boxed{4}", "4", "boxed"),
        (r"$\boxed{5}$", "5", "boxed"),
        ("<think>maybe \\boxed{7}</think> The answer is \\boxed{8}", "8", "boxed"),
        ("<think>it is 7</think><answer>8</answer>", "8", "answer_tag"),
        ("<think>only here \\boxed{7}</think>", "7", "boxed"),
        ("<answer> $x = 2$ </answer>", "x = 2", "answer_tag"),
        ("<answer>I believe it is 41</answer>", "41", "answer_tag"),
        ("<answer>\\boxed{6}</answer>", "6", "answer_tag"),
        ("Natalia sold 48/2 = 24 clips.\n#### 72", "72", "gsm8k"),
        ("#### 1,250", "1,250", "gsm8k"),
        ("Answer: 42", "42", "answer_phrase"),
        ("Final Answer: The final answer is $\\frac{3}{4}$. I hope it is correct.", r"\frac{3}{4}", "answer_phrase"),
        ("Therefore, the answer is 17.", "17", "answer_phrase"),
        ("The answer is **17**.", "17", "answer_phrase"),
        ("**Answer:** 12", "12", "answer_phrase"),
        ("The answer is (C).", "C", "answer_phrase"),
        ("so we get **2.5** in total", "2.5", "bold"),
        ("I pick (C) here", "C", "choice"),
        ("The cost is $1,250,000 in total", "1,250,000", "last_number"),
        ("it drops to -3.5 degrees", "-3.5", "last_number"),
        ("about 1e3 apples", "1e3", "last_number"),
        ("values 3 and then 0.75", "0.75", "last_number"),
        ("so we get $x = \\frac{3}{4}$ here", r"\frac{3}{4}", "inline_math"),
        ("thus \\(\\sqrt{2}\\)", r"\sqrt{2}", "inline_math"),
        ("we have $2+3=5$ and then 7 more", "7", "last_number"),
        ("it costs $5 and $6 total", "6", "last_number"),
    ],
)
def test_forms(text: str, answer: str, method: str) -> None:
    ex = extract(text)
    assert (ex.answer, ex.method) == (answer, method)


@pytest.mark.parametrize(
    ("text", "answer"),
    [("C", "C"), ("(C)", "C"), ("**D**", "D"), ("The correct option is C since", "C"), ("case a) b) then (C)", "C")],
)
def test_choice_forms(text: str, answer: str) -> None:
    assert extract_answer(text, choices=True) == answer


def test_money_after_answer_phrase() -> None:
    assert extract_answer("The answer is $72. That is 3 more than before.") == "72"


def test_choices_outrank_numbers_when_asked() -> None:
    text = "Option (B) gives 3 apples, so 3 is right"
    assert extract_answer(text) == "3"
    assert extract_answer(text, choices=True) == "B"


@pytest.mark.parametrize(
    "text",
    [r"so \boxed{12", r"\boxed{\frac{1}{2}", r"\boxed{3} then \boxed{4", "\\boxed", "<answer>5", "", "no digits here"],
)
def test_truncated_or_absent_extracts_nothing(text: str) -> None:
    assert extract_answer(text) is None


def test_escaped_braces_do_not_close_a_box() -> None:
    assert extract_answer(r"\boxed{\{1,2\}") is None
    assert extract_answer(r"\boxed{\}}") == r"\}"


def test_custom_tags() -> None:
    text = "<reasoning>7</reasoning><final>8</final>"
    assert extract_answer(text, think_tag="reasoning", answer_tag="final") == "8"


@pytest.mark.parametrize(
    "text",
    [
        "\\boxed{" + "{" * 10_000 + "1" + "}" * 10_000 + "}",
        "\\boxed{" + "{" * 500_000,
        "1" * 1_000_000,
        "answer is " * 100_000,
        "(" * 1_000_000,
        "-$" * 300_000 + "#### ",
        "**" * 400_000,
        "</think>" * 100_000 + "x",
        "\\(" * 400_000,
        "$x" * 500_000,
        ("$" + "a" * 299) * 3000,
    ],
    ids=[
        "nested",
        "unclosed",
        "digits",
        "phrases",
        "parens",
        "money",
        "bold",
        "think",
        "inline_open",
        "dollars",
        "long_dollars",
    ],
)
def test_linear_time_on_hostile_input(text: str) -> None:
    t0 = time.perf_counter()
    extract(text)
    assert time.perf_counter() - t0 < 2.0


def test_nested_braces_extract_whole() -> None:
    inner = "{" * 10_000 + "1" + "}" * 10_000
    assert extract_answer("\\boxed{" + inner + "}") == inner
