"""Sixteenth outside round, after the answer: a confidence stated as a share or level in any common form and
language, doubts and truth questions of other languages after the answer, warning notes, a status line of another
language, an admission that the answer is partial and provisional tails. Each rule both ways, on cases in no
corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_stated_confidence_in_any_form_and_language() -> None:
    cases: list[Case] = [
        ("The total is $\\boxed{9}$.\n\nPr(correct) = 0.25", "9", False),
        ("The total is $\\boxed{9}$.\n\n$P(\\text{right}) = 0.4$", "9", False),
        ("The total is $\\boxed{9}$.\n\nProbability of error: 0.7", "9", False),
        ("The total is $\\boxed{9}$.\n\nRisk of error: moderate", "9", False),
        ("The total is $\\boxed{9}$.\n\ncertainty=0.2", "9", False),
        ("The total is $\\boxed{9}$.\n\nEstimated accuracy: ~35%", "9", False),
        ("Die Antwort ist $\\boxed{9}$.\n\nSicherheit: gering", "9", False),
        ("La réponse est $\\boxed{9}$.\n\nConfiance : faible", "9", False),
        ("Ответ: $\\boxed{9}$.\n\nУверенность: 20%", "9", False),
        ("答案是 $\\boxed{9}$。\n\n信心：低", "9", False),
        ("答案是 $\\boxed{9}$。\n\n信心：不高", "9", False),
        ("Die Antwort ist $\\boxed{9}$.\n\nSicherheit: nicht hoch", "9", False),
        ('{"answer": 9, "confianza": "baja"}', "9", False),
        ("<answer>9</answer>\n<확신도>낮음</확신도>", "9", False),
        # a high confidence, a low chance of error, and a label that is no confidence keep the answer
        ("The total is $\\boxed{9}$.\n\nPr(correct) = 0.95", "9", True),
        ("The total is $\\boxed{9}$.\n\nProbability of error: 0.02", "9", True),
        ("The total is $\\boxed{9}$.\n\nLikelihood of error: low", "9", True),
        ("Die Antwort ist $\\boxed{9}$.\n\nSicherheit: hoch", "9", True),
        ("答案是 $\\boxed{9}$。\n\n置信度：高", "9", True),
        ('{"answer": 9, "confianza": "alta"}', "9", True),
        ("The total is $\\boxed{9}$.\n\nAccuracy: to the nearest unit", "9", True),
    ]
    judge(cases)


def test_doubts_and_truth_questions_of_other_languages_after_the_answer() -> None:
    cases: list[Case] = [
        ("La respuesta es $\\boxed{9}$. ¿Es correcto?", "9", False),
        ("Odpowiedź: $\\boxed{9}$. Czy to dobrze?", "9", False),
        ("Het antwoord is $\\boxed{9}$. Klopt dat?", "9", False),
        ("答えは $\\boxed{9}$ です。正しいですか？", "9", False),
        ("答案是 $\\boxed{9}$。这样对不对？", "9", False),
        ("Die Antwort ist $\\boxed{9}$. Ich bin mir nicht sicher.", "9", False),
        ("La respuesta es $\\boxed{9}$. No estoy seguro.", "9", False),
        ("Cevap $\\boxed{9}$. Emin değilim.", "9", False),
        ("Het antwoord is $\\boxed{9}$. Gegokt.", "9", False),
        ("La réponse est $\\boxed{9}$. C'était une blague.", "9", False),
        ("答案是 $\\boxed{9}$。我没有把握。", "9", False),
        ("答えは $\\boxed{9}$ です。確信がないです。", "9", False),
        ("답은 $\\boxed{9}$입니다. 자신이 없어요.", "9", False),
        # affirmations and negated doubts keep it
        ("Die Antwort ist $\\boxed{9}$. Das stimmt.", "9", True),
        ("La respuesta es $\\boxed{9}$. Es correcto.", "9", True),
        ("Odpowiedź: $\\boxed{9}$. Czy potrzebujesz więcej szczegółów?", "9", True),
        ("答えは $\\boxed{9}$ です。自信があります。", "9", True),
        ("답은 $\\boxed{9}$입니다.", "9", True),
        ("The answer is $\\boxed{9}$. Is that correct? Yes.", "9", True),
    ]
    judge(cases)


def test_warning_notes_and_status_lines_after_the_answer() -> None:
    cases: list[Case] = [
        ("The total is $\\boxed{9}$.\n\n**Caution:** I might have miscounted the red ones.", "9", False),
        ("The total is $\\boxed{9}$.\n\n_(Auto-generated; might contain mistakes)_", "9", False),
        ("The total is $\\boxed{9}$.\n\nDisclaimer: this could be wrong.", "9", False),
        ("$\\boxed{9}$\n\n**Achtung:** Das Ergebnis könnte falsch sein.", "9", False),
        ("$\\boxed{9}$\n\nUwaga: nie sprawdziłem tego.", "9", False),
        ("$\\boxed{9}$\n\nPrüfung: fehlgeschlagen", "9", False),
        ("$\\boxed{9}$\n\nVérification : échouée", "9", False),
        ("$\\boxed{9}$\n\n验证：未通过", "9", False),
        ("$\\boxed{9}$\n\nKontrol: başarısız", "9", False),
        # a fault put on others, a passed check, a plain note keep it
        ("The total is $\\boxed{9}$.\n\nNote: students may make errors by forgetting the red ones.", "9", True),
        ("The total is $\\boxed{9}$.\n\nNote: you might misread the question as asking for pairs.", "9", True),
        ("$\\boxed{9}$\n\nPrüfung: bestanden", "9", True),
        ("$\\boxed{9}$\n\nПроверка: пройдена", "9", True),
        ("$\\boxed{9}$\n\nHinweis: Die Einheit ist Meter.", "9", True),
    ]
    judge(cases)


def test_partial_answers_and_provisional_tails() -> None:
    cases: list[Case] = [
        ("$\\boxed{9}$, but that is only part of the total.", "9", False),
        ("The answer is $\\boxed{9}$ (it still has to be doubled).", "9", False),
        ("The answer is $\\boxed{9}$. We still need to subtract the 2 broken ones.", "9", False),
        ("She has $\\boxed{9}$ apples. But the question asks for the pears.", "9", False),
        ("Sie hat $\\boxed{9}$ Äpfel. Aber gefragt ist nach den Birnen.", "9", False),
        ("The answer is $\\boxed{9}$ as of now.", "9", False),
        ("The answer is $\\boxed{9}$, for the time being.", "9", False),
        ("The answer is $\\boxed{9}$, last time I checked.", "9", False),
        ("The answer is $\\boxed{9}$. For now.", "9", False),
        ("The answer is $\\boxed{9}$. In principle.", "9", False),
        # the whole asked quantity, a finished step and a plain sentence keep it
        ("Half of the 18 apples are red, so the answer is $\\boxed{9}$.", "9", True),
        ("The answer is $\\boxed{9}$. We added the 3 from step 2 already.", "9", True),
        ("She has $\\boxed{9}$ apples. The question asks for the apples.", "9", True),
        ("The answer is $\\boxed{9}$. In total, that is nine apples.", "9", True),
    ]
    judge(cases)


def test_checks_after_the_answer_that_agree() -> None:
    cases: list[Case] = [
        ("$\\boxed{30}$\n\nCheck: with 30 pens split among 5 pupils, each gets 6 ✓", "30", True),
        ("$\\boxed{30}$\n\nVerification: if he had 30 pens and lost 4, he'd have 26, which matches.", "30", True),
        ("La respuesta es $\\boxed{30}$.\n\nVerificación: $30 - 4 = 26$. Correcto.", "30", True),
        ("Die Antwort ist $\\boxed{30}$.\n\nProbe: $30 - 4 = 26$. Stimmt.", "30", True),
        ("答案是 $\\boxed{30}$。\n\n检验：$30 \\div 5 = 6$，符合题意。", "30", True),
        ("$\\boxed{30}$\n\nIs that right? $5 \\cdot 6 = 30$. Yes.", "30", True),
        ("$\\boxed{30}$\n\nDoes this hold up? If each of the 5 pupils gets 6, that's 30 pens. Yes.", "30", True),
        # a check that fails, recomputes another value, or a question answered by another value
        ("$\\boxed{30}$\n\nCheck: if he had 30 pens and lost 4, he'd have 26. That's wrong.", "30", False),
        ("$\\boxed{30}$\n\nCheck: with 30 pens among 5 pupils each gets 7 ✗", "30", False),
        ("$\\boxed{30}$\n\nVerification: if he had 31 pens and lost 4, he'd have 27.", "30", False),
        ("$\\boxed{30}$\n\nIs that right? $5 \\cdot 7 = 35$.", "30", False),
        ("Ответ: $\\boxed{30}$.\n\nПроверка: $30 - 4 = 25$. Неверно.", "30", False),
    ]
    judge(cases)


def test_repeated_answer_tags_and_recaps_after_the_answer() -> None:
    loop = "<answer>30</answer>\n" * 280
    cases: list[Case] = [
        (loop, "30", True),
        ("$\\boxed{30}$\n\n**Summary:**\n- Pens per pupil: 6\n- Pupils: 5", "30", True),
        ("$\\boxed{30}$\n\n## Recap\n- Pens lost: 4\n- Pens left: 26", "30", True),
        # a loop that changes its answer, or a list item that names another candidate, still fails
        (loop + "<answer>31</answer>\n", "30", False),
        ("<answer>30</answer>\n<answer>31</answer>\n" * 140, "30", False),
        ("$\\boxed{30}$\n\n- Fallback: 31", "30", False),
        ("$\\boxed{30}$\n\n**Summary:**\n- Alternative answer: 31", "30", False),
    ]
    judge(cases)


def test_a_few_shot_run_on_after_the_final_answer() -> None:
    cases: list[Case] = [
        (
            "So $5 \\cdot 6 = 30$.\nFinal Answer: The final answer is $30$.\n\nQuestion 2:\nWhat is 7-3?\n\nAnswer:\n",
            "30",
            True,
        ),
        (
            "$5 \\cdot 6 = 30$\n#### 30\n\nProblem:\nHow many legs do 3 cats have?\n\nSolution:\n3 * 4 = 12\n#### 12",
            "30",
            True,
        ),
        # without a final answer before it, or without a solution heading after it, nothing is cut
        ("Problem:\nWhat is 5 times 6?\n\nSolution:\nThe final answer is $30$.", "30", True),
        ("Final Answer: The final answer is $30$.\n\nProblem:\nActually it is 31.", "30", False),
    ]
    judge(cases)


def test_a_pointer_to_the_work_after_the_answer() -> None:
    cases: list[Case] = [
        ("$5 \\cdot 6 = 30$.\n\n$\\boxed{30}$ is the final answer, as shown above.", "30", True),
        ("$5 \\cdot 6 = 30$, so the answer is $\\boxed{30}$, as we computed earlier.", "30", True),
        # a bound or a hedge after it still changes it
        ("$\\boxed{30}$ is the final answer, or above.", "30", False),
        ("$\\boxed{30}$ is the final answer, as far as I can tell.", "30", False),
    ]
    judge(cases)
