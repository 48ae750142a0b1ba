"""Sixteenth outside round, the findings fixed beside the three groups: sign words of other languages, English
frames of likelihood and stand-in labels, hedged corrections, provisional status keys, end-of-turn tokens, closing
wishes for certainty, percent and degree words of other languages. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_sign_words_of_other_languages_make_the_value_negative() -> None:
    cases: list[Case] = [
        ("La réponse est moins 4.", "-4", True),
        ("La réponse est moins 4.", "4", False),
        ("Cevap eksi 7.", "-7", True),
        ("Cevap eksi 7.", "7", False),
        ("La risposta è meno 9.", "9", False),
        ("Jawabannya negatif 2.", "2", False),
        ("答案是负3。", "-3", True),
        ("答案是负3。", "3", False),
        ("答えはマイナス8です。", "8", False),
        ("答えはマイナス8です。", "-8", True),
        ("정답은 마이너스 6입니다.", "6", False),
        ("答案是3。", "3", True),
    ]
    judge(cases)


def test_english_frames_of_likelihood_and_stand_in_labels() -> None:
    cases: list[Case] = [
        ("In all likelihood, the answer is $\\boxed{6}$.", "6", False),
        ("It would seem the answer is $\\boxed{6}$.", "6", False),
        ("Odds are the total is $\\boxed{6}$.", "6", False),
        ("My money is on $\\boxed{6}$.", "6", False),
        ("One would expect $\\boxed{6}$ here.", "6", False),
        ("Placeholder: $\\boxed{6}$", "6", False),
        ("Fallback value: $\\boxed{6}$", "6", False),
        ("Random guess: $\\boxed{6}$", "6", False),
        ("Final answer: $\\boxed{6}$", "6", True),
        ("The odds are 1 in 6 for each die, so the answer is $\\boxed{6}$.", "6", True),
    ]
    judge(cases)


def test_a_hedged_correction_keeps_its_hedge() -> None:
    cases: list[Case] = [
        ("The answer is $\\boxed{5}$. Wait, I believe it's 4.", "4", False),
        ("#### 5\nHold on, probably 4.", "4", False),
        ("The answer is $\\boxed{5}$. Wait, no: it's 4.", "4", True),
    ]
    judge(cases)


def test_a_status_key_beside_the_answer_that_calls_it_provisional() -> None:
    cases: list[Case] = [
        ('{"answer": 9, "status": "tentative"}', "9", False),
        ('{"answer": 9, "result_type": "rough estimate"}', "9", False),
        ("$\\boxed{9}$\n\nStatus: preliminary", "9", False),
        ('{"answer": 9, "status": "done"}', "9", True),
        ('{"answer": 9, "answer_type": "integer"}', "9", True),
    ]
    judge(cases)


def test_text_after_the_end_of_the_models_turn_is_another_turn() -> None:
    cases: list[Case] = [
        ("The answer is $\\boxed{9}$.<|eot_id|>\n<|start_header_id|>user<|end_header_id|>\nAnd 2+5?", "9", True),
        ("So 9.<|im_end|>\n<|im_start|>user\nNow 1+1?", "9", True),
        ("The total is 9.</s>\nUser: and 3 + 3?", "9", True),
        ("The total is 9.<|im_end|>", "9", True),
        ("The total is <s>8</s> 9.", "8", False),
        (
            "<|channel|>analysis<|message|>Maybe 8? No, 9.<|end|><|start|>assistant<|channel|>final<|message|>"
            "The answer is 9.<|return|>",
            "9",
            True,
        ),
    ]
    judge(cases)


def test_closing_wishes_for_more_certainty() -> None:
    cases: list[Case] = [
        ("Final Answer: The final answer is $9$. I wish I could be more sure.", "9", False),
        ("Final Answer: The final answer is $9$. I wish I felt more confident.", "9", False),
        ("Final Answer: The final answer is $9$. I hope it is correct.", "9", True),
    ]
    judge(cases)


def test_percent_and_degree_words_of_other_languages() -> None:
    cases: list[Case] = [
        ("Die Antwort ist 40 Prozent.", "40\\%", True),
        ("La respuesta es 40 por ciento.", "40\\%", True),
        ("Ответ: 40 процентов.", "40\\%", True),
        ("Ответ: 40 процентов.", "40", True),  # a unit the gold lacks may match
        ("Die Antwort ist 40 Prozent.", "40°", False),
        ("Der Winkel beträgt $45$ Grad.", "45°", True),
        ("Ответ: 45 градусов.", "45", True),
        ("Ответ: 45 градусов.", "45\\%", False),
    ]
    judge(cases)


def test_a_doubting_sentence_after_the_answer_is_never_a_count_noun_of_it() -> None:
    """A sentence the grader reads as a retraction stays a sentence apart, so a word of another language in it
    ("Шучу.", "I'm joking") is never read as the count noun a word right after the value may be."""
    cases: list[Case] = [
        ("Ответ: $\\boxed{4}$. Шучу.", "4", False),
        ("3 + 1 = 4\n#### 4\n\nШучу.", "4", False),
        ("Ответ: 4. Шучу.", "4", False),
        ("The answer is 4. Шучу.", "4", False),
        ("Final Answer: The final answer is $4$. Шучу.", "4", False),
        ("Ответ: 4 яблока.", "4", True),
        ("$\\boxed{24}$ Stück", "24", True),
    ]
    judge(cases)
