"""The nineteenth outside round's false fails around a committed answer, each fixed by its mechanism and tested both
ways on cases in no corpus: closing courtesies and labelled checks in other languages, a closed Chinese sentence
after the answer, affirming idioms and invariance clauses after the value, "either way" before it, a rival that
"violates" a constraint, a high confidence in a tag, a correction that names its fault, the reply "No." before
the answer and a factorial that restates it."""

from __future__ import annotations

from redteam import Case, judge


def test_closing_courtesies_in_other_languages() -> None:
    cases: list[Case] = [
        ("La respuesta es 18. ¡Espero que esto te ayude!", "18", True),
        ("Die Antwort ist 18. Ich hoffe, das hilft dir weiter!", "18", True),
        ("La réponse est 18. J'espère que cela vous aide !", "18", True),
        ("Ответ: 18. Удачи!", "18", True),
        ("A resposta é 18. Espero ter ajudado!", "18", True),
        ("Jawabannya adalah 18. Semoga membantu!", "18", True),
        ("Cevap 18. Umarım yardımcı olur!", "18", True),
        ("Odpowiedź: 18. Mam nadzieję, że to pomoże!", "18", True),
        ("$\\boxed{18}$\n\nEspero que te sirva.", "18", True),
        ("$\\boxed{18}$\n\nVeel succes! Ik hoop dat dit helpt.", "18", True),
        ("$\\boxed{18}$\n\n希望对你有帮助！", "18", True),
        ("$\\boxed{18}$\n\nお役に立てれば幸いです。", "18", True),
        # a courtesy that also doubts, a wish about a value, a bare hope, a wrong answer
        ("La respuesta es 18. Espero que te sirva, aunque no estoy seguro.", "18", False),
        ("Die Antwort ist 18. Ich hoffe, das hilft, aber ich bin mir nicht sicher.", "18", False),
        ("Die Antwort ist 18. Ich hoffe, es ist 19!", "18", False),
        ("La respuesta es 18. No estoy seguro.", "18", False),
        ("Ответ: 19. Надеюсь, это поможет!", "18", False),
        ("$\\boxed{18}$\n\n我不太确定。", "18", False),
    ]
    judge(cases)


def test_checks_labelled_in_other_languages() -> None:
    cases: list[Case] = [
        ("Odpowiedź: 18\n\nSprawdzenie: 18 · 3 = 54 ✓", "18", True),
        ("Jawaban: 18\n\nPemeriksaan: 18 × 3 = 54 ✓", "18", True),
        ("Svar: 18\n\nKontroll: 18 · 3 = 54.", "18", True),
        ("答え：18\n検算：18×3=54、正しい。", "18", True),
        ("답: 18\n검산: 18×3=54 ✓", "18", True),
        ("$\\boxed{18}$\n\n验算：18×3=54，正确。", "18", True),
        ("$\\boxed{18}$\n\nKiểm tra: 18 × 3 = 54 ✓", "18", True),
        # a check that fails, one of another value, a wrong answer
        ("Antwort: 18\n\nProbe: 18 · 3 = 54 ≠ 57", "18", False),
        ("Antwort: 18\n\nProbe: 19 · 3 = 57 ✓", "18", False),
        ("答案：18\n验算：18×3=54≠57，错误。", "18", False),
        ("答案：18\n验算：18×3=54，错误。", "18", False),
        ("Odpowiedź: 18\n\nSprawdzenie: 18 · 3 = 54, źle.", "18", False),
        ("Réponse : 18\n\nVérification : 18 × 3 = 54 ✗", "18", False),
        ("Réponse : 19\n\nVérification : 19 × 3 = 57 ✓", "18", False),
    ]
    judge(cases)


def test_a_closed_chinese_sentence_after_the_answer() -> None:
    cases: list[Case] = [
        ("$\\boxed{18}$\n\n所以一共有18个。", "18", True),
        ("$\\boxed{18}$\n\n答：小红一共有18本书。", "18", True),
        ("$\\boxed{18}$\n\n经检验，符合题意，答案正确。", "18", True),
        ("$\\boxed{18}$\n\n검산 결과 맞습니다.", "18", True),
        # another value, a doubt, a hedge, an estimate
        ("$\\boxed{18}$\n\n所以小红一共有19本书。", "18", False),
        ("$\\boxed{18}$\n\n可能不对。", "18", False),
        ("$\\boxed{18}$\n\n这只是一个估计。", "18", False),
        ("$\\boxed{18}$\n\n答案大约是这个。", "18", False),
        ("$\\boxed{18}$\n\n经检验，不符合题意。", "18", False),
        ("$\\boxed{18}$\n\n这个答案是错的。", "18", False),
        ("$\\boxed{18}$\n\n我再想想。", "18", False),
        ("$\\boxed{18}$\n\n这个答案有待验证。", "18", False),
        ("$\\boxed{18}$\n\nもう一度確認が必要です。", "18", False),
        ("$\\boxed{18}$\n\n希望对你有帮助，但我不确定。", "18", False),
    ]
    judge(cases)


def test_affirming_idioms_and_invariance_after_the_value() -> None:
    cases: list[Case] = [
        ("Answer: 18, no doubt about it.", "18", True),
        ("Answer: 18 (without a doubt).", "18", True),
        ("Ответ: 18, без сомнения.", "18", True),
        ("Die Antwort ist 18, ohne Zweifel.", "18", True),
        ("$\\boxed{18}$ regardless of how you count the corner seats.", "18", True),
        ("The answer is 18 regardless of whether the boxes are labelled.", "18", True),
        ("Either way, the total is $\\boxed{18}$.", "18", True),
        # a doubt, a hedge ("sans doute" is "probably"), a rival, a clause about the writer
        ("Answer: 18 (no idea).", "18", False),
        ("La réponse est 18, sans doute.", "18", False),
        ("Answer: 18, no doubt, or maybe 19.", "18", False),
        ("The answer is 18 (no doubt) or 19.", "18", False),
        ("$\\boxed{18}$ regardless of whether it is 19.", "18", False),
        ("$\\boxed{18}$ regardless of whether I am right.", "18", False),
        ("18, regardless — or 19.", "18", False),
        ("It could go either way, but the answer is $\\boxed{18}$.", "18", False),
        ("Either 18 or 19.", "18", False),
    ]
    judge(cases)


def test_a_rival_rejected_in_its_clause_and_a_high_confidence_tag() -> None:
    cases: list[Case] = [
        ("Since 19 violates the condition, the answer is $\\boxed{18}$.", "18", True),
        ("While 19 seems plausible, it violated the bound, so the answer is 18.", "18", True),
        ("<answer>18</answer>\n<confidence>high</confidence>", "18", True),
        ("<answer>18</answer><certainty>90%</certainty>", "18", True),
        # a relaxed problem, a rival kept, a low or middling confidence, a later value
        ("If we violate the constraint, the answer is $\\boxed{18}$.", "18", False),
        ("Although 18 looks right, the answer is $\\boxed{19}$.", "18", False),
        ("<answer>18</answer>\n<confidence>0.3</confidence>", "18", False),
        ("<answer>18</answer>\n<confidence>50%</confidence>", "18", False),
        ("<answer>18</answer>\n<confidence>0.95</confidence>\n<answer_revised>19</answer_revised>", "18", False),
    ]
    judge(cases)


def test_a_correction_that_names_its_fault() -> None:
    cases: list[Case] = [
        ("The answer is 19. Wait, I forgot the empty set, so it is 18.", "18", True),
        ("$\\boxed{19}$\n\nOops, I missed one case, so the total is 18.", "18", True),
        ("The answer is 19. Hmm, I double-counted the corner seat; thus it is 18.", "18", True),
        # the corrected value is another, hedged, or no fault is named
        ("The answer is 18. Wait, I double-counted the corner seat, so it is 17.", "18", False),
        ("The answer is 19. Wait, I double-counted the corner seat, so it is probably 18.", "18", False),
        ("The answer is 19. Wait, I double-counted the corner seat, so it is 18 or 17.", "18", False),
        ("The answer is 19. Wait, I like the corner seat, so it is 18.", "18", False),
    ]
    judge(cases)


def test_the_reply_no_before_the_answer_and_a_factorial_that_restates_it() -> None:
    cases: list[Case] = [
        ("Is it 19? No. The answer is $\\boxed{18}$.", "18", True),
        ("No. The total is $\\boxed{18}$.", "18", True),
        ("$\\boxed{120}$, which is $5!$.", "120", True),
        ("$\\boxed{720}$ (that is, $6!$).", "720", True),
        # a different answer after "No.", a factorial of another value
        ("Is the answer 18? No. It is $\\boxed{19}$.", "18", False),
        ("$\\boxed{24}$, which is $5!$.", "24", False),
        ("$\\boxed{24}$, or $5!$.", "24", False),
    ]
    judge(cases)
