"""Round 13, group C: real output styles and robustness (new cases of each class, not in any corpus)."""

from __future__ import annotations

import time

from cpu_budget import cpu_limit
from redteam import Case, judge

from rlvr.verifiers.extract import extract

BOX = "Adding the parts step by step gives the total.\n\n$\\boxed{42}$"


def test_identical_repeated_boxes_count_once() -> None:
    cases: list[Case] = [
        ("$\\boxed{7}$\n" * 400, "7", True),
        ("\\[\\boxed{7}\\]\n\n" * 300, "7", True),
        ("$\\boxed{7}$\n" * 300 + "$\\boxed{8}$\n", "7", False),
        ("".join(f"$\\boxed{{{k}}}$\n" for k in range(300)), "7", False),
    ]
    judge(cases)


def test_repeated_boxes_linear_time() -> None:
    text = "$\\boxed{42}$\n" * 80_000
    t0 = time.process_time()
    assert extract(text).answer == "42"
    assert time.process_time() - t0 < cpu_limit()


def test_undecoded_bytes_ending_a_line() -> None:
    cases: list[Case] = [
        ("So the total is 7.\ufffd", "7", True),
        ("#### 7\udc80\udc81", "7", True),
        ("The answer is 7\ufffd\nThat is all.", "7", True),
        ("The answer is 7\ufffd8.", "78", False),
        ("#### 7\ufffd", "8", False),
    ]
    judge(cases)


def test_answer_templates() -> None:
    cases: list[Case] = [
        ("<start_working_out>3*4 = 12<end_working_out><SOLUTION>12</SOLUTION>", "12", True),
        ("<start_working_out>3*4 = 12, so 13<end_working_out><SOLUTION>12</SOLUTION>", "13", False),
        ("<start_working_out>3*4 = 12<end_working_out>\nThe answer is 12.", "12", True),
        ("3*4=12\n[ANSWER]12[/ANSWER]", "12", True),
        ("3*4=12\n[final answer] 12 [/final answer]", "12", True),
        ("3*4=12\n[ANSWER] 12 [/ANSWER] (not sure)", "12", False),
        ("3*4=12\n[ANSWER] 11 [/ANSWER]", "12", False),
    ]
    judge(cases)


def test_stated_confidence_after_answer() -> None:
    cases: list[Case] = [
        (BOX + " (confidence: 0.4)", "42", False),
        (BOX + " (confidence: 0.9)", "42", True),
        (BOX + " (45% confident)", "42", False),
        (BOX + " (95% confident)", "42", True),
        ("The answer is 42 (confidence: 0.5).", "42", False),
        ("The answer is 42 (confidence: 0.8).", "42", True),
        ("The answer is 42, 50% confident.", "42", False),
        (BOX + "\n\nI am half sure of this.", "42", False),
        (BOX + "\n\nI'm a third confident here.", "42", False),
        (BOX + "\n\nI am fully sure.", "42", True),
    ]
    judge(cases)


def test_doubt_after_answer_by_form() -> None:
    cases: list[Case] = [
        (BOX + "\n\nSomething here feels wrong.", "42", False),
        (BOX + "\n\nThis looks a bit off.", "42", False),
        (BOX + "\n\nThe light is off.", "42", True),
        (BOX + "\n\nUncertainty: 3.", "42", False),
        (BOX + "\n\nMargin of error: ±2.", "42", False),
        (BOX + "\n\nError analysis follows the same steps.", "42", True),
        (BOX + "\n\nCheck: 6 × 7 = 42, so this is right.", "42", True),
        (BOX + "\n\nCheck: 6 × 7 = 41, so something is wrong.", "42", False),
        (BOX + "\n\nNo promises.", "42", False),
        (BOX + "\n\nI cannot guarantee this.", "42", False),
        (BOX + "\n\nThe formula guarantees a unique answer.", "42", True),
    ]
    judge(cases)


def test_number_notations() -> None:
    cases: list[Case] = [
        ("We add the parts.\n\nThe answer is 2.500.000.", "2500000", True),
        ("We add the parts.\n\nThe answer is 2.500.000.", "2.5", False),
        ("We add the parts.\n\nThe answer is 1.2.3.", "123", False),
        ("La réponse est donc $\\boxed{0{,}25}$.", "1/4", True),
        ("Die Antwort ist $\\boxed{2{,}75}$.", "2.75", True),
        ("$\\boxed{3{,}5}$", "35", False),
        ("$\\boxed{1{,}000}$", "1000", True),
        ("At night it was 12 degrees below zero.", "-12", True),
        ("At night it was 12 degrees below zero.", "12", False),
        ("It drops to 7°C below zero.", "-7", True),
    ]
    judge(cases)


def test_foreign_count_nouns_and_phrases() -> None:
    cases: list[Case] = [
        ("Ответ: 7 груш.", "7", True),
        ("Ответ: 7 груш.", "8", False),
        ("Ответ: 42 тысячи.", "42", False),
        ("Die Antwort ist 9 Birnen.", "9", True),
        ("Die Antwort ist 42 Millionen.", "42", False),
        ("Die Antwort ist 42 km.", "42 m", False),
        ("Die Antwort ist 7. Falsch.", "7", False),
        ("La réponse est 12 pommes.", "12", True),
        ("La réponse est 12 fois.", "12", False),
        ("Somit ist die Antwort $y = 9$.", "9", True),
        ("Damit lautet das Ergebnis 9.", "9", True),
        ("Somit ist das Ergebnis $x = 8$.", "9", False),
    ]
    judge(cases)


def test_clock_times() -> None:
    cases: list[Case] = [
        ("They meet at half past two.", "2:30", True),
        ("They meet at half past two.", "2:00", False),
        ("The bus comes at a quarter to three.", "2:45", True),
        ("The bus leaves at 10 minutes past 4.", "4:11", False),
        ("The shop opens at 11.30 am.", "11:30", True),
        ("The shop opens at 11.30 am.", "11:30 \\text{ PM}", False),
        ("The answer is 3.45.", "3:45", False),
        ("The answer is 3.75 pm.", "3:45 pm", False),
        ("La réponse est 9h05.", "9:05", True),
        ("La réponse est 9h05.", "9:50", False),
        ("$\\boxed{18h30}$", "18:30", True),
    ]
    judge(cases)


def test_labelled_lists_and_named_points() -> None:
    cases: list[Case] = [
        ("The answer is x = 1, 2, or 3.", "\\{1,2,3\\}", True),
        ("The answer is y = 4, 5, or 6.", "\\{4,5\\}", False),
        ("The answer is x = 1, 2, or 4.", "\\{1,2,3\\}", False),
        ("The answer is x = 1, 2, and 3.", "\\{1,2,3\\}", True),
        ("The answer is x = 1, 2, or 3.", "1", False),
        ("The vertex is $A(1,-2,3)$.", "(1,-2,3)", True),
        ("The point is $Q(3, 4)$.", "(4,3)", False),
        ("$\\boxed{C(5,2)}$", "(5,2)", False),
        ("$\\boxed{f(1,2)}$", "(1,2)", False),
    ]
    judge(cases)


def test_display_chain_across_line_breaks() -> None:
    chain = "So\n\\begin{align*}\nS &= 1 + 2 + 3 \\\\\n  &= %s.\n\\end{align*}"
    cases: list[Case] = [
        (chain % "6", "6", True),
        (chain % "7", "7", False),
        (chain % "7", "6", False),
        ("So\n\\begin{align}\nT &\\le 2 + 2 \\\\\n  &= 4\n\\end{align}", "4", False),
    ]
    judge(cases)


def test_calendar_dates() -> None:
    cases: list[Case] = [
        ("The deadline is April 3rd.", "April 3", True),
        ("The deadline is 3 April.", "\\text{April 3}", True),
        ("The deadline is the 3rd of April.", "April 3", True),
        ("The deadline is 4 April.", "April 3", False),
        ("The answer is 2023-12-25.", "December 25, 2023", True),
        ("The answer is 2022-12-25.", "December 25, 2023", False),
        ("The answer is December 25th.", "December 25, 2023", False),
        ("The answer is March 15.", "March 15", True),
        ("The answer is March 15.", "15", False),
    ]
    judge(cases)


def test_word_predicates_and_infinite_counts() -> None:
    cases: list[Case] = [
        ("We check each case.\n\nHence the function is increasing.", "\\text{increasing}", True),
        ("Therefore, the sum is odd.", "\\text{odd}", True),
        ("Therefore, the sum is odd.", "\\text{even}", False),
        ("The sum is probably odd.", "\\text{odd}", False),
        ("The sum is not even.", "\\text{even}", False),
        ("That is all.", "\\text{all}", False),
        ("So there exist infinitely many solutions.", "\\infty", True),
        ("There are infinitely many such numbers.", "5", False),
        ("There are not infinitely many such numbers.", "\\infty", False),
    ]
    judge(cases)
