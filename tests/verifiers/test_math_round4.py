"""Fourth red-team round: every finding (``benchmarks/data/math_redteam3.jsonl``, judged under its own verifier
options) as one case, then extra cases per mechanism that the findings do not hold (positives and negatives)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from redteam import check_finding, findings, judge  # noqa: E402


@pytest.mark.parametrize("row", findings("math_redteam3.jsonl"))
def test_finding(row: dict) -> None:
    check_finding(row)


def test_a_predicate_that_disowns_the_subject(  # "23 is wrong": the subject is not stated as the answer
) -> None:
    judge(
        [
            ("5 is not the answer", "5", False),
            ("So 5 is incorrect.", "5", False),
            ("5 is merely a lower bound", "5", False),
            ("5 is an estimate", "5", False),
            ("<answer>5 is a guess</answer>", "5", False),
            ("5 is right", "5", True),
            ("So 5 is the answer.", "5", True),
            ("Thus 5 is the number of ways.", "5", True),
        ],
        answer_form="number",
    )


def test_questions_and_retractions_after_the_answer() -> None:
    judge(
        [
            ("7?", "7", False),
            ("Maybe 7?", "7", False),
            ("7. Or not?", "7", False),
            ("7\n\nScratch that, I am not sure.", "7", False),
            ("The answer is 7. Wait, no.", "7", False),
            ("7\n\nNo other value works.", "7", True),
            ("The answer is 7. I hope it is correct.", "7", True),
        ],
        answer_form="number",
    )


def test_labels_that_disown_the_answer() -> None:
    judge(
        [
            ("Provisional answer: 7", "7", False),
            ("Initial answer: 7", "7", False),
            ("Incorrect answer: 7", "7", False),
            ("Final answer: 7", "7", True),
            ("No: the answer is 7.", "7", True),
        ]
    )


def test_an_explanation_never_replaces_the_stated_answer() -> None:
    judge(
        [
            ("30 because 12 + 17 = 29", "29", False),
            ("30, since 12 + 17 = 29.", "29", False),
            ("30\n\nReason: 12 + 17 = 29.", "29", False),
            ("29 because 12 + 17 = 29", "29", True),
            ("Since 12 + 17 = 29, the total is 29.", "29", True),
        ],
        answer_form="number",
    )


def test_two_lone_final_values_are_a_hedge() -> None:
    judge(
        [
            ("41\n42", "42", False),
            ("1) 41\n2) 42", "42", False),
            ("\\boxed{41} The final answer is $42$. \\boxed{43}", "42", False),
            ("42\n42", "42", True),
        ],
        answer_form="number",
    )


def test_tilde_ranges_and_option_values() -> None:
    judge(
        [
            ("7 ~ 8", "7", False),
            ("$7 \\sim 9$", "7", False),
            ("~7", "7", True),
            ("$x \\sim 7$", "7", True),
            ("\\boxed{(C) 8}", "\\text{(C) }9", False),
            ("\\boxed{(C) 9}", "\\text{(C) }9", True),
            ("C. 9", "C", True),
        ]
    )


def test_degrees_inside_trigonometric_functions() -> None:
    judge(
        [
            ("\\boxed{\\cos 30^\\circ}", "\\frac{\\sqrt3}{2}", True),
            ("\\boxed{\\tan(45°)}", "1", True),
            ("\\boxed{\\sin 90^\\circ}", "\\sin 90", False),
            ("\\boxed{30^\\circ}", "30", True),
        ]
    )


def test_decorations_tokens_and_other_scripts() -> None:
    judge(
        [
            ("42<|eot_id|>", "42", True),
            ("42 ✔", "42", True),
            ("\\textit{Final Answer:} 42", "42", True),
            ("42 ❌", "42", False),
            ("٤٢", "42", True),
            ("٤٣", "42", False),
            ("答：42", "42", True),
            ("答案大约42", "42", False),
            ("La réponse est donc 43.", "42", False),
            ("Forty-two.", "42", True),
            ("Forty-three.", "42", False),
            ("∴ 42", "42", True),
        ],
        answer_form="number",
    )


def test_self_corrections_and_closing_remarks() -> None:
    judge(
        [
            ("Is it 41? No wait, 42.", "42", True),
            ("Not 41, but 42", "42", True),
            ("Not 42, but 41", "42", False),
            ("42 — done.", "42", True),
            ("42, which is the total.", "42", True),
            ("42, which is wrong.", "42", False),
        ],
        answer_form="number",
    )


def test_factorials_and_binomials() -> None:
    judge(
        [
            ("\\boxed{\\frac{9!}{2!7!}}", "36", True),
            ("\\boxed{4!5!}", "2880", True),
            ("\\boxed{{}_{9}C_{2}}", "36", True),
            ("\\boxed{{}_{9}C_{2}}", "37", False),
        ]
    )


def test_programming_base_prefixes() -> None:
    judge(
        [
            ("\\boxed{0b110}", "110_2", True),
            ("\\boxed{0xff}", "FF_{16}", True),
            ("\\boxed{0b111}", "110_2", False),
            ("\\boxed{0b112}", "112_2", False),
        ]
    )
