"""Seventh round, false fails: correct answers in common styles that the grader rejected
(``benchmarks/data/math_redteam5.jsonl`` and the older corpora, checked row by row by ``test_math_corpora.py``).
Per mechanism, our own cases in both directions: the correct style passes, the nearby wrong answer still fails."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers import lexer
from rlvr.verifiers.extract import extract
from rlvr.verifiers.lexer import lex

sys.path.insert(0, str(Path(__file__).parent))
from redteam import judge  # noqa: E402


def test_equal_by_definition_states_the_value() -> None:
    judge(
        [
            (r"So $y \coloneqq 7$.", "7", True),
            (r"So $y \coloneq 7$.", "7", True),
            (r"So $y \triangleq 7$.", "7", True),
            (r"So $y \doteq 7$.", "7", True),
            ("So $y ≜ 7$.", "7", True),
            ("So $y ≔ 7$.", "7", True),
            (r"\boxed{y \overset{\text{def}}{=} 7}", "7", True),
            (r"\boxed{y \stackrel{\triangle}{=} 7}", "7", True),
            (r"\boxed{y \simeq 7.0}", "7", True),  # about 7, compared as written
            (r"So $y \coloneqq 7$.", "8", False),
            (r"\boxed{y \overset{\text{def}}{=} 7}", "8", False),
            (r"\boxed{y \overset{?}{=} 7}", "7", False),  # a question over the sign is no definition
            (r"\boxed{y \simeq 7}", "8", False),
        ]
    )


def test_digit_groups_with_an_apostrophe_or_underscore() -> None:
    judge(
        [
            ("The answer is 250'000.", "250000", True),
            ("The answer is 1'250'000.", "1250000", True),
            (r"\boxed{250\_000}", "250000", True),
            ("#### 250_000", "250000", True),
            ("The answer is 250'000.", "25000", False),
            ("The answer is 250'00.", "25000", False),  # not groups of three
            (r"\boxed{250 000}", "250000", False),  # a plain space is spacing, not a group mark
            (r"\boxed{1 \quad 200}", "1200", False),
        ]
    )


def test_scientific_notation_with_an_ascii_times_or_a_spaced_e() -> None:
    judge(
        [
            (r"\boxed{3 x 10^4}", "30000", True),
            (r"\boxed{3x10^4}", "30000", True),
            (r"\boxed{3*10^{4}}", "30000", True),
            (r"\boxed{2.5 X 10^{-2}}", "0.025", True),
            (r"\boxed{4.5 E-4}", "0.00045", True),
            (r"\boxed{4.5\mathrm{e}{-4}}", "0.00045", True),
            (r"\boxed{4.5\text{E}4}", "45000", True),
            (r"\boxed{3 x 10^4}", "3000", False),
            (r"\boxed{3*10^4}", "30004", False),
            (r"\boxed{4.5 E-4}", "0.0045", False),
            (r"\boxed{4.5\mathrm{e}{-4}}", "0.0045", False),
        ],
        answer_form="number",
    )


def test_degree_signs_celsius_and_per_mille() -> None:
    judge(
        [
            (r"\boxed{45\textdegree}", r"45^\circ", True),
            (r"\boxed{\ang{45}}", r"45^\circ", True),
            (r"\boxed{20^{\circ}\text{C}}", "20", True),
            (r"\boxed{20 \, ^\circ \mathrm{C}}", r"20^\circ\mathrm{C}", True),
            ("The temperature is -8°C.", "-8", True),
            (r"\boxed{7‰}", r"0.7\%", True),
            (r"\boxed{7‰}", "0.007", True),
            (r"\boxed{45\textdegree}", r"50^\circ", False),
            (r"\boxed{20^{\circ}\text{C}}", r"20^\circ\mathrm{F}", False),  # a different unit never matches
            (r"\boxed{20 \, ^\circ \mathrm{C}}", "21", False),
            (r"\boxed{7‰}", r"7\%", False),
            (r"\boxed{7‰}", "0.07", False),
        ]
    )


def test_a_base_written_in_words() -> None:
    judge(
        [
            (r"\boxed{1101_{\text{base } 2}}", "1101_2", True),
            (r"\boxed{1101 \text{ in base } 2}", "1101_2", True),
            (r"\boxed{\overline{1101}_2}", "1101_2", True),
            (r"\boxed{1101 \text{ in base } 2}", "1101_3", False),
            (r"\boxed{1101 \text{ in base } 2}", "13", False),  # a missing base reads the digits in the other's
            (r"\boxed{1201 \text{ in base } 2}", "1201_3", False),  # no such numeral
            (r"\boxed{7} base 8", "7", False),  # words after a box, not a subscript
        ]
    )


def test_a_closing_remark_after_the_value() -> None:
    """A remark that endorses the value or says how it was rounded leaves it; one that qualifies it, an
    approximation or another value does not."""
    judge(
        [
            ("So the answer is 9 (final).", "9", True),
            ("The answer is 9 — final.", "9", True),
            ("The answer is 9, exactly.", "9", True),
            ("#### 9 (rounded)", "9", True),
            (r"\boxed{9}\text{ (rounded down)}", "9", True),
            (r"\boxed{9}\text{ (rounded to the nearest dollar)}", "9", True),
            ("\\boxed{9}\n\n(Answer verified.)", "9", True),
            ("\\boxed{9}\n\nConfidence: very high", "9", True),
            ("So the answer is 9 (final).", "8", False),
            ("So the answer is 9 (not final).", "9", False),
            ("#### 9 (approximately)", "9", False),
            ("#### 9 (or 10)", "9", False),
            ("#### 9 (in thousands)", "9", False),
            (r"\boxed{9}\text{ (rounded to 10)}", "9", False),
            ("The answer is 9, or 10, exactly.", "9", False),
            ("\\boxed{9}\n\nConfidence: low", "9", False),
            ("\\boxed{9}\n\n(not verified)", "9", False),
        ]
    )


def test_a_unit_in_parentheses() -> None:
    judge(
        [
            ("The answer is 42 (dollars).", "42", True),
            ("#### 42 (dollars per week)", "42", True),
            ("Answer: 42 (cm)", r"42 \text{ cm}", True),
            (r"\boxed{42}", "42 (dollars)", True),  # the same reading for a reference
            ("Answer: 42 (cm)", r"42 \text{ m}", False),
            ("The answer is 42 (dollars).", "43", False),
            (r"\boxed{42 (s)}", "42", False),  # one letter in math: a product, not a unit
        ],
        answer_form="number",
    )


def test_a_number_in_words_in_a_last_sentence() -> None:
    judge(
        [
            ("Seven people can fit.", "7", True),
            ("A total of seven people can fit.", "7", True),
            ("The result: seven.", "7", True),
            ("three and a half", "3.5", True),
            ("half a dozen", "6", True),
            ("around seven", "7", True),
            ("Zero people can fit.", "0", True),
            ("Seven people can fit.", "8", False),
            ("seven or eight", "7", False),
            ("not seven", "7", False),
            ("Seven people probably fit.", "7", False),
            ("half a dozen", "12", False),
            ("three and a half", "3", False),
        ]
    )


def test_yes_and_no_in_other_words() -> None:
    judge(
        [
            ("Yup.", r"\text{Yes}", True),
            ("Yeah!", r"\text{Yes}", True),
            ("Oui.", r"\text{Yes}", True),
            ("Ja.", r"\text{Yes}", True),
            ("是的。", r"\text{Yes}", True),
            ("Nah.", r"\text{No}", True),
            ("Nein.", r"\text{No}", True),
            ("Yup.", r"\text{No}", False),
            ("Nein.", r"\text{Yes}", False),
            ("不是。", r"\text{Yes}", False),
        ]
    )


def test_a_choice_letter_that_concludes_the_last_line() -> None:
    judge(
        [
            ("I'd go with B.", "B", True),
            ("A, C and D fail, leaving B.", "B", True),
            ("A, C, D are wrong. Hence B.", "B", True),
            ("故选 B。", "B", True),
            ("Ⓑ", "B", True),
            ("The answer is B, not D.", "B", True),
            ("I'd go with D.", "B", False),
            ("So maybe B.", "B", False),
            ("Hence B or D.", "B", False),
            ("So not B.", "B", False),
            ("Ⓓ", "B", False),
            ("The answer is D, not B.", "B", False),
        ]
    )


def test_finite_sets_and_degenerate_intervals() -> None:
    judge(
        [
            (r"\boxed{\{3\} \cup \{4\}}", r"\{3,4\}", True),
            (r"\boxed{[3,3] \cup [4,4]}", r"\{3,4\}", True),
            (r"\boxed{[7, 7]}", "7", True),
            (r"\boxed{7 \le x \le 7}", "7", True),
            (r"\boxed{\{3\} \cup \{5\}}", r"\{3,4\}", False),
            (r"\boxed{[7, 8]}", "7", False),
            (r"\boxed{7}", "[7, 8]", False),
            (r"\boxed{(7, 7)}", "7", False),
            (r"\boxed{\{3, 4\}}", "[3, 4]", False),
        ]
    )


def test_indexed_roots_against_a_set() -> None:
    judge(
        [
            (r"\boxed{x_1 = -3, x_2 = 4}", r"\{-3, 4\}", True),
            (r"\boxed{x_1 = 4, x_2 = -3}", r"\{-3, 4\}", True),
            (r"\boxed{x_1 = -3, x_2 = 5}", r"\{-3, 4\}", False),
            (r"\boxed{x = -3, y = 4}", r"\{-3, 4\}", False),  # two unknowns, not two roots
            (r"\boxed{x_1 = -3, x_2 = 4}", "(4, -3)", False),
        ]
    )


def test_set_builder_notation() -> None:
    judge(
        [
            (r"\boxed{\{x : 2 \le x < 5\}}", "[2,5)", True),
            (r"\boxed{\{t \mid t > 2\}}", r"(2,\infty)", True),
            (r"\boxed{\{x : x \ge 2\}}", r"[2,\infty)", True),
            (r"\boxed{\{x : 2 \le x \le 5\}}", "[2,5)", False),
            (r"\boxed{\{t \mid t \ge 2\}}", r"(2,\infty)", False),
            (r"\boxed{\{y : x \ge 2\}}", r"[2,\infty)", False),  # the condition is not on its variable
        ]
    )


def test_y_and_f_of_x_name_the_same_graph() -> None:
    judge(
        [
            (r"\boxed{g(x) = 3x - 2}", "y = 3x - 2", True),
            (r"\boxed{y = x^2}", "f(x) = x^2", True),
            (r"\boxed{g(x) = 3x - 2}", "y = 3x + 2", False),
            (r"\boxed{y = t^2}", "f(t) = t^2", False),  # y is a function of x, not of t
            (r"\boxed{z = x^2}", "f(x) = x^2", False),
        ]
    )


def test_an_arrow_between_arithmetic_and_its_result() -> None:
    judge(
        [
            (r"12 + 9 \to 21", "21", True),
            ("12+9 ⇒ 21", "21", True),
            (r"\boxed{12 \times 2 \Rightarrow 24}", "24", True),
            (r"12 + 9 \to 22", "21", False),
            (r"12 + 9 \to 22", "22", False),  # a false step states nothing
            (r"\boxed{x \to 21}", "21", False),  # a limit or a map, not a result
        ],
        answer_form="number",
    )


def test_a_unit_to_the_power_minus_one() -> None:
    judge(
        [
            (r"\boxed{9 \text{ m s}^{-1}}", r"9 \text{ m/s}", True),
            (r"\boxed{9\,\text{ms}^{-1}}", r"9 \text{ m/s}", True),
            (r"\boxed{9\,\mathrm{m\,s^{-1}}}", r"9 \text{ m/s}", True),
            (r"\boxed{9 \text{ km h}^{-1}}", r"9 \text{ km/h}", True),
            (r"\boxed{9 \text{ cms}}", r"9 \text{ cm}", True),
            (r"\boxed{9 \text{ km h}^{-1}}", r"9 \text{ m/s}", False),
            (r"\boxed{9 \text{ m s}^{-1}}", r"10 \text{ m/s}", False),
            (r"\boxed{9 \text{ cms}}", r"9 \text{ m}", False),
        ]
    )


def test_markdown_italics_around_the_answer() -> None:
    judge(
        [
            ("The answer is *12*.", "12", True),
            ("**Answer:** *12*", "12", True),
            ("The answer is 12*.", "12", False),  # a footnote mark
            ("The answer is *12*.", "13", False),
        ]
    )


def test_determinants_transposes_and_inverses_of_number_matrices() -> None:
    m = r"\begin{pmatrix}2&1\\5&3\end{pmatrix}"
    judge(
        [
            (r"\boxed{\begin{vmatrix}2&1\\5&3\end{vmatrix}}", "1", True),  # |…| is the determinant
            (r"\boxed{\begin{vmatrix}1&2&0\\0&1&0\\0&0&4\end{vmatrix}}", "4", True),
            (r"\boxed{" + m + "^T}", r"\begin{pmatrix}2&5\\1&3\end{pmatrix}", True),
            (r"\boxed{" + m + r"^{\top}}", r"\begin{bmatrix}2&5\\1&3\end{bmatrix}", True),
            (r"\boxed{" + m + "^{-1}}", r"\begin{pmatrix}3&-1\\-5&2\end{pmatrix}", True),
            (r"\boxed{\begin{vmatrix}2&1\\5&3\end{vmatrix}}", m, False),  # a determinant is no matrix
            (r"\boxed{\begin{vmatrix}2&1\\5&3\end{vmatrix}}", "-1", False),
            (r"\boxed{" + m + "^T}", m, False),
            (r"\boxed{" + m + "^{-1}}", m, False),
            (r"\boxed{" + m + "^{2}}", m, False),
            (r"\boxed{\begin{pmatrix}1&2\\2&4\end{pmatrix}^{-1}}", r"\begin{pmatrix}1&2\\2&4\end{pmatrix}", False),
        ]
    )


def test_rates_per_unit_of_time() -> None:
    judge(
        [
            (r"\boxed{35}", "35 dollars per day", True),  # a reference with a rate: a missing unit may match
            (r"\boxed{35 \text{ dollars per day}}", "35 dollars per day", True),
            ("The answer is 3 a day.", "3", True),
            (r"She earns \( \$35 \) each day.", "35 dollars per day", True),
            ("The answer is 3 every week.", "3", True),
            (r"\boxed{35 \text{ dollars per week}}", "35 dollars per day", False),
            (r"\boxed{35 \text{ dollars}}", "35 dollars per day", False),
            ("The answer is 3 a week.", r"3 \text{ per day}", False),
            ("The answer is 3 a day.", "4", False),
            (r"\boxed{36}", "35 dollars per day", False),
        ]
    )


def test_a_restatement_after_that_is_or_ie() -> None:
    judge(
        [
            ("The answer is 14 (that is, fourteen).", "14", True),
            ("14 (i.e., fourteen)", "14", True),
            ("The answer is 14 (that is, fifteen).", "14", False),
            ("14 (i.e., fifteen)", "14", False),
        ]
    )


def test_an_option_letter_with_its_value_after_a_colon() -> None:
    judge(
        [
            ("The answer is D: 40.", "D", True),
            ("The answer is D: 40.", "40", True),
            ("The answer is D: 40.", "C", False),
            ("The answer is D: 40.", "41", False),
            ("The ratio is 3 : 4", "3:4", True),
        ]
    )


def test_no_one_and_none_count_zero() -> None:
    judge(
        [
            ("Nobody can attend.", "0", True),
            ("No one can attend.", "0", True),
            ("None can attend.", "0", True),
            ("no oranges", "0", True),
            ("Nobody can attend.", "1", False),
            ("No, five.", "0", False),
            ("Nothing else.", "0", False),
            ("no oranges were sold here", "0", False),  # "no" and a noun only as the whole line
            ("No idea.", "0", False),
            ("None of them, maybe one.", "0", False),
            ("Nobody knows.", "0", False),  # a decline, not a count
            ("No one can tell.", "0", False),
            ("none", "0", False),  # a lone "none" is the text answer none, "nothing" no answer
            ("nothing", "0", False),
        ]
    )


def test_a_point_stated_with_is_at() -> None:
    judge(
        [
            (r"The vertex is at $\left(4, -1\right)$.", "(4,-1)", True),
            ("The center lies at $(0, 2)$.", "(0,2)", True),
            ("The vertex is at $(4, 1)$.", "(4,-1)", False),
            ("The answer is at least $4$.", "4", False),  # "at" before a bound is no location
        ]
    )


def test_for_all_a_variable_of_the_answer() -> None:
    judge(
        [
            (r"\boxed{g(t) = 2t \text{ for all } t}", "g(t) = 2t", True),
            (r"\boxed{g(t) = 2t \text{ for every real } t}", "g(t) = 2t", True),
            (r"\boxed{g(t) = 2t \; \forall t}", "g(t) = 2t", True),
            (r"\boxed{g(t) = 2t \text{ for all } t}", "g(t) = 3t", False),
            (r"\boxed{g(t) = 2t \text{ for some } t}", "g(t) = 2t", False),
            (r"\boxed{g(t) = 2t \text{ for all } s}", "g(t) = 2t", False),  # not a variable of the answer
        ]
    )


def test_a_function_written_as_upright_text() -> None:
    judge(
        [
            (r"\boxed{\text{lcm}(6, 8)}", "24", True),
            (r"\boxed{\mathrm{gcd}(6, 8)}", "2", True),
            (r"\boxed{\text{lcm}(6, 8)}", "48", False),
            (r"\boxed{\text{lcm}}", "24", False),
        ]
    )


def test_an_ordinal_on_a_box() -> None:
    judge(
        [
            (r"The answer is \boxed{8}^{\text{th}}.", "8", True),
            (r"The answer is \boxed{8}^{\text{th}}.", "9", False),
            (r"The answer is \boxed{8}^{2}.", "8", False),
        ]
    )


MB = 1_000_000
#: 1 MB of whitespace or repetition at every anchor the round-7 patterns added
HOSTILE = {
    "grouped": "1" + "'000" * 250_000 + "'",
    "grouped_underscore": "1" + "_000" * 250_000 + "x",
    "ascii_sci_ws": "5" + " " * MB + "x 10^3",
    "spaced_e": "1.2" + " " * MB + "E-3",
    "mathrm_e": "1.2\\mathrm{e}" + " " * MB + "{-3}",
    "per_unit": "5 \\text{m" + " " * MB + "s}^{-1}",
    "def_equals": "x \\overset{" + " " * MB + "\\text{def}}{=} 5",
    "ang": "\\ang{" + "3" * MB,
    "text_function": "\\text{lcm" + " " * MB + "}(4, 6)",
    "permille": "5" + " " * MB + "‰",
    "barred_base": "\\overline{" + "1" * MB + "}_2",
}
#: the same for extraction
HOSTILE_TEXT = {
    "choice_ws": "So" + " " * MB + "C.",
    "choice_parens": "So " + "(" * MB + "C.",
    "spelled_numbers": "five " * 200_000,
    "spelled_hyphens": "twenty-" * 140_000 + "three",
    "italics": "The answer is *" + " " * MB + "5*.",
    "confidence_ws": "\\boxed{5}\n\nConfidence:" + " " * MB + "high",
    "closing_line": "\\boxed{5}\n\n(" + "(" * MB + "verified)",
    "unit_paren": "The answer is 18 (" + "dollars " * 120_000 + ")",
    "is_at_ws": "The vertex is at" + " " * MB + "$(2, 3)$.",
    "is_at_repeat": "It is at " * 110_000 + "(2, 3).",
    "nobody_ws": "Nobody" + " " * MB + "can fit.",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_linear_time_lexing_hostile_input(text: str) -> None:
    t0 = time.process_time()  # CPU time: the machine may be shared
    lex(text)
    assert time.process_time() - t0 < cpu_limit()


@pytest.mark.parametrize("name", ["_PER_UNIT", "_DEF_EQUALS", "_SPACED_E", "_ASCII_SCI", "_ANG", "_BARRED_BASE"])
def test_linear_time_of_the_new_patterns_on_repetition(name: str) -> None:
    """Each pattern on its own, over 1 MB of near-matches (lexing such text is capped at 1,000 characters)."""
    pattern = getattr(lexer, name)
    text = "\\text{m s" * 100_000 + "\\overset{\\text{def}" * 50_000 + "1.2 E" * 100_000 + "5 x 10" * 100_000
    text += "\\ang{3" * 100_000 + "\\overline{1" * 100_000
    t0 = time.process_time()
    pattern.sub("", text)
    assert time.process_time() - t0 < cpu_limit()


@pytest.mark.parametrize("text", list(HOSTILE_TEXT.values()), ids=list(HOSTILE_TEXT))
def test_linear_time_extracting_hostile_input(text: str) -> None:
    for choices in (False, True):  # the choice-letter rules run only when the gold is a letter
        t0 = time.process_time()
        extract(text, choices=choices)
        assert time.process_time() - t0 < cpu_limit()
