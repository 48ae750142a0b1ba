"""Answer extraction: every form, the whole final statement, what does not render, linear time on hostile input."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import expand_macros, extract, extract_answer, extract_reference, visible


@pytest.mark.parametrize(
    ("text", "answer", "method"),
    [
        (r"so the result is \boxed{\frac{1}{2}}.", r"\frac{1}{2}", "boxed"),
        (r"\boxed{\frac{a^{2}}{\sqrt{b_{1}}}}", r"\frac{a^{2}}{\sqrt{b_{1}}}", "boxed"),
        (r"sets: \boxed{\{1, 2\}}", r"\{1, 2\}", "boxed"),
        (r"thus \boxed 9.", "9", "boxed"),
        (r"\fbox{42}", "42", "boxed"),
        (r"$\boxed{5}$", "5", "boxed"),
        (r"\boxed{5} and again \boxed{ 5 }", "5", "boxed"),  # identical boxes count once
        ("<think>maybe \\boxed{7}</think> The answer is \\boxed{8}", "8", "boxed"),
        ("<think>it is 7</think><answer>8</answer>", "8", "answer_tag"),
        ("<think>only here \\boxed{7}</think>", "7", "boxed"),
        ("<answer> $x = 2$ </answer>", "x = 2", "answer_tag"),
        ("<answer>I believe it is 41</answer>", "41", "answer_tag"),
        ("<answer>\\boxed{6}</answer>", "6", "answer_tag"),
        ("Natalia sold 48/2 = 24 clips.\n#### 72", "72", "gsm8k"),
        ("#### 1,250", "1,250", "gsm8k"),
        ("Answer: 42", "42", "answer_phrase"),
        ("Answer: -3", "-3", "answer_phrase"),
        ("Final Answer: The final answer is $\\frac{3}{4}$. I hope it is correct.", r"\frac{3}{4}", "answer_phrase"),
        ("Therefore, the answer is 17.", "17", "answer_phrase"),
        ("The answer is **17**.", "17", "answer_phrase"),
        ("**Answer:** 12", "12", "answer_phrase"),
        ("The answer is (C).", "C", "answer_phrase"),
        ("The answer is $ 5 $.", "5", "answer_phrase"),
        ("The final answer is: $$\n\\frac{1}{2}\n$$", r"\frac{1}{2}", "answer_phrase"),
        ("**Final Answer**\n\n\\[\n\\frac{5}{6}\n\\]", r"\frac{5}{6}", "answer_phrase"),
        ("The answer is $2$ or $3$.", "$2$ or $3$", "answer_phrase"),
        ("The answer is $2$. Or $3$.", "$2$ Or $3$", "answer_phrase"),
        ("The answer is $x=5$, which matches the check.", "x=5", "answer_phrase"),
        ("so the answer is \\frac13.", r"\frac13", "answer_phrase"),
        ("so we get **2.5** in total", "2.5", "final_statement"),
        ("The cost is $1,250,000 in total", "$1,250,000", "final_statement"),
        ("It costs $1,250,000 in total", "$1,250,000", "final_statement"),
        (
            "There are 12 distinct arithmetic sequences that meet the conditions.",
            "12 distinct arithmetic sequences",
            "final_statement",
        ),
        ("We need 2 extra.", "We need 2 extra", "final_statement"),  # "extra" cannot be cut off
        ("Final Answer: Jane started 3 hours ago.", "3 hours", "answer_phrase"),
        ("Final Answer: The largest $n$ is 34.", "34", "answer_phrase"),
        (
            r"We get \boxed{200} and then \boxed{255}. Final Answer: The final answer is $10,455$.",
            "10,455",
            "answer_phrase",
        ),
        ("The temperature drops to -3.5 degrees by midnight", "-3.5 degrees", "final_statement"),
        ("so we get $x = \\frac{3}{4}$ here", "$x = \\frac{3}{4}$ here", "final_statement"),
        ("thus \\(\\sqrt{2}\\)", r"\sqrt{2}", "final_statement"),
        ("Hence,\n\\[ 2\\sqrt{5} \\]", r"2\sqrt{5}", "final_statement"),
        ("The probability is 1/2", "1/2", "final_statement"),
        ("Option (B) gives 3 apples, so 3 is right", "3", "final_statement"),
        ("we have $2+3=5$ and then 7 more", "$2+3=5$ and then 7 more", "final_statement"),
        ("So $x != 2$.", "x != 2", "final_statement"),
        ("$$x \\neq 2$$", r"x \neq 2", "final_statement"),
        ("Thus x <= 2.", "x <= 2", "final_statement"),
        ("I pick (C) here", "C", "choice"),
    ],
)
def test_forms(text: str, answer: str, method: str) -> None:
    ex = extract(text)
    assert (ex.answer, ex.method) == (answer, method)


@pytest.mark.parametrize(
    ("text", "parts", "mode"),
    [
        (r"first \boxed{3}, corrected: \boxed{4}", ("3", "4"), "math"),  # several boxes: several parts
        (r"\boxed{2} or \boxed{3}", ("2", "3"), "math"),
        (r"The answer is \boxed{2} or 3.", ("$2$ or 3",), "text"),  # what touches a box is read with it
        (r"\boxed{2} million", ("$2$ million",), "text"),
        (r"$x \ne \boxed{2}$", (r"\ne $2$",), "text"),
        (r"so it is at least \boxed{2}.", ("at least $2$",), "text"),
        (
            r"The final answer is $\boxed{2}$ (though $3$ is also possible).",
            ("$2$ (though $3$ is also possible)",),
            "text",
        ),
        (r"Thus \boxed{7} is the answer.", ("7",), "math"),
        (r"\boxed{12} square units", ("$12$ square units",), "text"),
    ],
)
def test_parts_and_context(text: str, parts: tuple[str, ...], mode: str) -> None:
    ex = extract(text)
    assert (ex.parts, ex.mode) == (parts, mode)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        (r"\boxed{3} % \boxed{2}", "3"),
        ("\\boxed{3}\n%\\boxed{2}", "3"),
        (r"\phantom{\boxed{2}} \boxed{3}", "3"),
        (r"\hphantom{\boxed{2}}\boxed{3}", "3"),
        (r"<!-- \boxed{2} --> \boxed{3}", "3"),
        (r"\iffalse \boxed{2} \fi \boxed{3}", "3"),
        (r"\begin{comment}\boxed{2}\end{comment}\boxed{3}", "3"),
        (r"\boxed{50\%}", r"50\%"),
        ("About 50% of them passed, so \\boxed{2}.", "2"),
        (r"\phantom{\boxed{2}}", None),
        ("<!-- \\boxed{2}", None),
        ('<span style="display:none">\\boxed{2}</span> \\boxed{3}', "3"),
        (r"<div hidden>\boxed{2}</div>\boxed{3}", "3"),
        (r"\textcolor{white}{\boxed{2}}\boxed{3}", "3"),
        ('<span style="color:red">\\boxed{2}</span>', "2"),
    ],
)
def test_what_does_not_render_is_ignored(text: str, answer: str | None) -> None:
    assert extract_answer(text) == answer


def test_visible_keeps_percent_signs() -> None:
    assert visible("50% and 20 % off % a comment\nnext") == "50% and 20 % off \nnext"
    assert visible(r"a \% b % c") == r"a \% b "


@pytest.mark.parametrize(
    ("text", "answer"),
    [("C", "C"), ("(C)", "C"), ("**D**", "D"), ("The correct option is C since", "C"), ("case a) b) then (C)", "C")],
)
def test_choice_forms(text: str, answer: str) -> None:
    assert extract_answer(text, choices=True) == answer


def test_money_after_answer_phrase() -> None:
    assert extract_answer("The answer is $72. That is 3 more than before.") == "$72"


def test_choices_outrank_the_fallback_when_asked() -> None:
    text = "Option (B) gives 3 apples, so 3 is right"
    assert extract_answer(text) == "3"
    assert extract_answer(text, choices=True) == "B"


@pytest.mark.parametrize(
    "text",
    [
        r"so \boxed{12",
        r"\boxed{\frac{1}{2}",
        r"\boxed{3} then \boxed{4",
        "\\boxed",
        "<answer>5",
        "",
        "no digits here",
        "I do not know.",
    ],
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
    ("reference", "parts", "mode"),
    [
        ("5", ("5",), "math"),
        (r"5 \text{ cm}", (r"5 \text{ cm}",), "math"),
        ("(p,q)=(3,2)", ("(p,q)=(3,2)",), "math"),
        (r"$\boxed{3}$", ("3",), "math"),
        (r"(a) $\boxed{12}$ (b) $\boxed{7}$", ("12", "7"), "math"),
        ("Half of 10 is 5.\n#### 5", ("5",), "math"),
        ("Each box holds 12 eggs and there are 3 boxes, so 36 eggs. Two broke. The answer is 34.", ("34",), "math"),
    ],
)
def test_reference_forms(reference: str, parts: tuple[str, ...], mode: str) -> None:
    ex = extract_reference(reference)
    assert (ex.parts, ex.mode) == (parts, mode)


MB = 1_000_000
HOSTILE = {
    "nested": "\\boxed{" + "{" * 10_000 + "1" + "}" * 10_000 + "}",
    "unclosed": "\\boxed{" + "{" * 500_000,
    "digits": "1" * MB,
    "phrases": "answer is " * 100_000,
    "parens": "(" * MB,
    "money": "-$" * 300_000 + "#### ",
    "bold": "**" * 400_000,
    "think": "</think>" * 100_000 + "x",
    "inline_open": "\\(" * 400_000,
    "dollars": "$x" * 500_000,
    "long_dollars": ("$" + "a" * 299) * 3000,
    # 1 MB of whitespace after every keyword a pattern anchors on (the multiple-choice pattern was quadratic)
    "choice_ws": "the choice" + " " * MB,
    "option_is_ws": "option is" + " " * MB + ":",
    "option_tabs": "option" + " \t" * (MB // 2) + "is",
    "answer_ws": "answer" + " " * MB,
    "final_answer_ws": "final" + " " * MB + "answer",
    "answer_colon_ws": "Answer:" + " " * MB,
    "box_ws": "\\boxed" + " " * MB,
    "gsm_ws": "####" + " " * MB,
    "dollar_ws": "$" + " " * MB,
    "display_ws": "$$" + " " * MB,
    "bracket_ws": "\\[" + " " * MB,
    "phantom_ws": "\\phantom" + " " * MB + "{",
    "comment_ws": "%" + " " * MB,
    "html_ws": "<!--" + " " * MB,
    "newlines": "The answer is" + "\n" * MB,
    "mixed_ws": ("x = " + " \t\n" * 1000) * 300,
    "many_boxes": "\\boxed{1}" * 100_000,
    "many_percents": "% " * 500_000,
    "many_phantoms": "\\phantom{" * 100_000,
    "sentence_dots": ". " * 500_000 + "5",
    "many_or": "2 or " * 200_000 + "3",
    "box_then_ws": "\\boxed{2}" + " " * MB + "cm",
    "box_dollar_ws": "$\\boxed{2}$" + " \t" * (MB // 2) + "or 3",
    "box_or_ws": "\\boxed{2} or" + " " * MB,
    "ws_then_box": "x \\ne" + " " * MB + "\\boxed{2}",
    "statement_ws": "The answer is 2" + " " * MB + ".",
    "clause_ws": "The answer is 2," + " " * MB + "because",
    "therefore_ws": "Therefore" + " " * MB + ", 5",
    "unit_ws": "5" + " " * MB + "square" + " " * 10 + "feet",
    "html_tags": "<span " * 200_000,
    "many_answer_tags": "<answer>2</answer>" * 100_000,
    "nested_answer_tags": "<answer>" * 100_000 + "2" + "</answer>" * 100_000,
    "html_attr_ws": "<span" + " " * MB + "hidden>",
    "html_hidden_unclosed": '<span style="display:none">' * 40_000,
    "escaped_dollars": "\\$5+\\$3=\\$8; " * 71_428 + "\nThe answer is $\\boxed{42}$.",
    "escaped_dollar_run": "\\$" * 500_000 + "42",
    "unclosed_parens": "\\(" * 300_000 + "\\) 5",
    "unclosed_environments": "\\begin{x}" * 100_000 + "\\end{x} 5",
    "unnamed_environments": "\\begin{" * 100_000 + "5",
    "named_points": "P(1,2)" * 160_000,  # every value a clause of its own to weigh
    # a run of undecoded bytes that does not end its line was rescanned from each of its characters
    "undecoded_run": "\ufffd\ud800" * 50_000 + " #### 5",
    "glued_word_box": "a\u0301" * 200_000 + "\\boxed{5}",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_linear_time_on_hostile_input(text: str) -> None:
    for choices in (False, True):
        t0 = time.process_time()  # CPU time: the machine may be shared
        extract(text, choices=choices)
        assert time.process_time() - t0 < cpu_limit()


def test_nested_braces_extract_whole() -> None:
    inner = "{" * 10_000 + "1" + "}" * 10_000
    assert extract_answer("\\boxed{" + inner + "}") == inner


def test_providecommand_keeps_an_earlier_definition() -> None:
    assert expand_macros(r"\newcommand{\ans}{5}\providecommand{\ans}{6}\boxed{\ans}") == r"\boxed{5}"
    assert expand_macros(r"\providecommand{\ans}{6}\boxed{\ans}") == r"\boxed{6}"
    assert expand_macros(r"\newcommand{\ans}{5}\renewcommand{\ans}{6}\boxed{\ans}") == r"\boxed{6}"


@pytest.mark.parametrize(
    ("completion", "answer"),
    [
        ("\\boxed{5}\n\n<think>Actually, it's 6.", None),
        ("The answer is \\boxed{5} <think>hmm, that's wrong; it's 6", None),
        ("2+3</think>The answer is \\boxed{5}. <think>more", None),
        ("The answer is \\boxed{5} <think>", "5"),
        ("<think>Let me compute 2+3.</think>The answer is \\boxed{5}.", "5"),
        ("<think>a</think>The answer is 5.<think>b</think>", "5"),
        ("<think>Let me compute 2+3 = 5. The answer is \\boxed{5}", None),
    ],
)
def test_reasoning_reopened_after_the_answer_leaves_none(completion: str, answer: str | None) -> None:
    assert extract(completion).answer == answer
