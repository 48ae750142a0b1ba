"""The nineteenth outside round, how a reference is read: a gold in one of a completion's forms is read by the
completion's readers (an answer tag, a labelled last line of any language, a worked solution or sentence of another
script, a number or clock time in words), each rule both ways on cases in no corpus; a word gold, several boxes and
bare math keep their meaning."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit
from redteam import Case, judge

from rlvr.verifiers.extract import extract, extract_reference


def test_a_labelled_gold_of_any_language_is_its_value() -> None:
    cases: list[Case] = [
        ("#### 12", "Odpowiedź: 12", True),
        ("\\boxed{12}", "Jawaban: 12", True),
        ("\\boxed{12}", "Cevap: 12", True),
        ("\\boxed{12}", "উত্তর: 12", True),
        ("\\boxed{12}", "উত্তরঃ 12", True),
        ("The answer is 12.", "Risposta: 12", True),
        ("\\boxed{12}", "Resposta: 12", True),
        ("\\boxed{12}", "Svar: 12", True),
        ("\\boxed{12}", "Đáp án: 12", True),
        ("\\boxed{12}", "정답: 12개", True),
        ("\\boxed{12}", "答え：12本", True),
        ("\\boxed{12}", "**Réponse :** 12", True),
        ("\\boxed{12}", "Ergebnis: 12 Äpfel.", True),
        ("\\boxed{-4}", "Respuesta: -4", True),
        ("\\boxed{\\frac{2}{3}}", "Risposta: $\\frac{2}{3}$", True),
        ("\\boxed{(1,2)}", "Réponse : $(1, 2)$", True),
        # a wrong value still fails against the labelled gold
        ("\\boxed{13}", "Odpowiedź: 12", False),
        ("#### 13", "Jawaban: 12", False),
        ("\\boxed{4}", "Respuesta: -4", False),
        ("\\boxed{12}", "Respuesta: 12 o 13", False),
        ("\\boxed{13}", "答え：12本", False),
        # a single letter before a colon is no label; a digit in the label leaves the gold whole
        ("\\boxed{12}", "x: 12", False),
        ("\\boxed{12}", "Step 2: 12", False),
    ]
    judge(cases)


def test_an_answer_tag_in_a_gold_is_its_value() -> None:
    cases: list[Case] = [
        ("\\boxed{12}", "<answer>12</answer>", True),
        ("The answer is 12.", "<answer> 12 </answer>", True),
        ("\\boxed{12}", "<final_answer>12</final_answer>", True),
        ("\\boxed{12}", "[ANSWER] 12 [/ANSWER]", True),
        ("\\boxed{\\frac12}", "<answer>$\\frac{1}{2}$</answer>", True),
        ("\\boxed{13}", "<answer>12</answer>", False),
        ("\\boxed{2}", "<answer>$\\frac{1}{2}$</answer>", False),
        # a "<" that opens no tag stays math
        ("\\boxed{x < 12}", "x < 12", True),
        ("\\boxed{12}", "x < 12", False),
    ]
    judge(cases)


def test_a_worked_solution_or_sentence_of_another_script_gives_its_final_value() -> None:
    cases: list[Case] = [
        ("\\boxed{12}", "解：5+7=12（本）\n答：小明一共有12本书。", True),
        ("\\boxed{12}", "答：小明一共有12本书。", True),
        ("\\boxed{12}", "小明一共有12本书。", True),
        ("\\boxed{12}", "答案是12。", True),
        ("\\boxed{12}", "Решение: 5+7=12.\nОтвет: 12 книг.", True),
        ("\\boxed{12}", "Всего у Пети 12 книг.", True),
        ("\\boxed{12}", "Rozwiązanie: 5+7=12.\nOdpowiedź: 12.", True),
        ("\\boxed{13}", "解：5+7=12（本）\n答：小明一共有12本书。", False),
        ("\\boxed{13}", "小明一共有12本书。", False),
        ("\\boxed{13}", "Всего у Пети 12 книг.", False),
        ("\\boxed{5}", "Rozwiązanie: 5+7=12.\nOdpowiedź: 12.", False),
    ]
    judge(cases)


def test_a_cjk_sentence_that_draws_its_result_after_a_conjunction_of_conclusion() -> None:
    cases: list[Case] = [
        ("5+7=12，所以小明一共有12本书。", "12", True),
        ("\\boxed{12}", "5+7=12，所以小明一共有12本书。", True),
        ("\\boxed{12}", "因为5+7=12，因此答案是12。", True),
        ("5+7=12なので、よって答えは12本です。", "12", True),
        ("5+7=12이므로, 따라서 답은 12개입니다.", "12", True),
        ("5+7=12，故一共有12本。", "12", True),
        ("\\boxed{13}", "5+7=12，所以小明一共有12本书。", False),
        ("5+7=12，所以小明一共有12本书。", "13", False),
        # a hedge, a negation, a question or a second value anywhere in the sentence still reads it whole
        ("5+7=12，所以可能一共有12本。", "12", False),
        ("我猜5+7=12，所以一共有12本。", "12", False),
        ("5+7=12，所以答案不是12。", "12", False),
        ("5+7=12，所以答案是12吗？", "12", False),
        ("5+7=12，所以一共有12本或13本。", "12", False),
    ]
    judge(cases)


def test_a_number_or_clock_time_in_words_in_a_gold() -> None:
    cases: list[Case] = [
        ("\\boxed{\\frac{2}{3}}", "two thirds", True),
        ("\\boxed{0.625}", "five eighths", True),
        ("\\boxed{\\frac34}", "three-quarters", True),
        ("\\boxed{3.5}", "three and a half", True),
        ("\\boxed{105}", "one hundred and five", True),
        ("\\boxed{-6}", "minus six", True),
        ("\\boxed{21}", "vingt et un", True),
        ("\\boxed{32}", "treinta y dos", True),
        ("The meeting starts at 4:15.", "a quarter past four", True),
        ("\\boxed{6:45}", "quarter to seven", True),
        ("\\boxed{9:30}", "half past 9", True),
        ("\\boxed{9:15}", "half past 9", False),
        ("\\boxed{\\frac35}", "two thirds", False),
        ("\\boxed{\\frac23}", "three fifths", False),
        ("\\boxed{3}", "three and a half", False),
        ("\\boxed{6}", "minus six", False),
        ("\\boxed{22}", "vingt et un", False),
        ("The meeting starts at 4:45.", "a quarter past four", False),
        ("\\boxed{7:15}", "quarter to seven", False),
    ]
    judge(cases)


def test_a_word_gold_several_boxes_and_bare_math_keep_their_meaning() -> None:
    cases: list[Case] = [
        ("The answer is Thursday.", "\\text{Thursday}", True),
        ("The answer is Friday.", "\\text{Thursday}", False),
        ("\\boxed{3}, \\boxed{8}", "\\boxed{3}, \\boxed{8}", True),
        ("\\boxed{3}", "\\boxed{3}, \\boxed{8}", False),
        ("\\boxed{3:8}", "3:8", True),
        ("\\boxed{3}", "3:8", False),
    ]
    judge(cases)


@pytest.mark.parametrize(
    ("reference", "parts", "mode"),
    [
        ("one two three", ("one two three",), "math"),  # no number of the grammar: left whole
        ("New York", ("New York",), "math"),
        ("\\text{Thursday}", ("\\text{Thursday}",), "math"),
        ("二十三", ("二十三",), "math"),  # a numeral, not prose
        ("Respuesta: 12", ("12",), "math"),
        ("<answer>12</answer>", ("12",), "math"),
    ],
)
def test_reference_readings(reference: str, parts: tuple[str, ...], mode: str) -> None:
    ex = extract_reference(reference)
    assert (ex.parts, ex.mode) == (parts, mode)


HOSTILE = {
    "label_words": "Respuesta" + " palabra" * 60_000 + ": 7",
    "label_spaces": "Respuesta" + " " * 500_000 + ": 7",
    "conclusion_links": "3+4=7" + "，所以7" * 60_000 + "。",
    "unspaced_prose": "一共有" * 100_000 + "7个。",
    "tags": "<answer>" * 50_000 + "7",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_linear_time_on_hostile_references(text: str) -> None:
    t0 = time.process_time()  # CPU time: the machine may be shared
    extract_reference(text[:200_000])
    extract(text)
    assert time.process_time() - t0 < cpu_limit()
