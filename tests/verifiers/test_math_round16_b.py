"""Sixteenth outside round, before the answer: labels, frames, doubting comments and question word order of other
languages that disown the answer after them. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_disowning_labels_of_other_languages() -> None:
    cases: list[Case] = [
        ("Vorläufiges Ergebnis: $\\boxed{7}$", "7", False),
        ("Untergrenze: $\\boxed{7}$", "7", False),
        ("Teilergebnis: $\\boxed{7}$", "7", False),
        ("Résultat intermédiaire : $\\boxed{7}$", "7", False),
        ("Respuesta incorrecta: $\\boxed{7}$", "7", False),
        ("Risposta provvisoria: $\\boxed{7}$", "7", False),
        ("Предварительный ответ: $\\boxed{7}$", "7", False),
        ("Wstępna odpowiedź: $\\boxed{7}$", "7", False),
        ("Tahmini cevap: $\\boxed{7}$", "7", False),
        ("估计答案：$\\boxed{7}$", "7", False),
        ("暫定の答え：$\\boxed{7}$", "7", False),
        ("上限：$\\boxed{7}$", "7", False),
        # the plain labels still answer
        ("Endergebnis: $\\boxed{7}$", "7", True),
        ("Réponse finale : $\\boxed{7}$", "7", True),
        ("Ответ: $\\boxed{7}$", "7", True),
        ("答案：$\\boxed{7}$", "7", True),
        ("Cevap: $\\boxed{7}$", "7", True),
    ]
    judge(cases)


def test_disowning_frames_of_other_languages() -> None:
    cases: list[Case] = [
        ("Si je devais deviner, la réponse est $\\boxed{7}$.", "7", False),
        ("Sin comprobar, la respuesta es $\\boxed{7}$.", "7", False),
        ("A occhio, la risposta è $\\boxed{7}$.", "7", False),
        ("Навскидку, ответ $\\boxed{7}$.", "7", False),
        ("Pi mal Daumen ist die Antwort $\\boxed{7}$.", "7", False),
        ("Zuerst hatte ich $\\boxed{7}$.", "7", False),
        ("Inicialmente obtuve $\\boxed{7}$.", "7", False),
        ("Der naive Ansatz liefert $\\boxed{7}$.", "7", False),
        ("By eye, the answer is $\\boxed{7}$.", "7", False),
        # the frame in the sentence before, or a plain report of the work
        ("Ohne nachzurechnen sieht man nichts. Die Antwort ist $\\boxed{7}$.", "7", True),
        ("Я получил $\\boxed{7}$.", "7", True),
        ("Obtuve $\\boxed{7}$.", "7", True),
    ]
    judge(cases)


def test_doubting_comments_of_other_languages_before_the_answer() -> None:
    cases: list[Case] = [
        ("Ich weiß nicht.\n\n$\\boxed{7}$", "7", False),
        ("Je ne sais pas vraiment.\n\n$\\boxed{7}$", "7", False),
        ("Nie jestem pewien.\n\n$\\boxed{7}$", "7", False),
        ("Emin değilim.\n\n$\\boxed{7}$", "7", False),
        ("Не уверен.\n\n$\\boxed{7}$", "7", False),
        ("No sé si es correcto.\n\n$\\boxed{7}$", "7", False),
        ("Ich weiß nicht, ob es stimmt.\n\n$\\boxed{7}$", "7", False),
        # a comment that doubts nothing, or whether another way exists, or is settled
        ("Ich habe es geprüft.\n\n$\\boxed{7}$", "7", True),
        ("No sé si hay un método más corto.\n\n$\\boxed{7}$", "7", True),
        ("Ich weiß nicht, ob es einen kürzeren Weg gibt. Die Antwort ist $\\boxed{7}$.", "7", True),
        ("Je ne sais pas si c'est la méthode la plus rapide, mais la réponse est $\\boxed{7}$.", "7", True),
        ("Я проверил.\n\n$\\boxed{7}$", "7", True),
    ]
    judge(cases)


def test_question_word_order_of_other_languages() -> None:
    cases: list[Case] = [
        ("Ist das Ergebnis $\\boxed{7}$", "7", False),
        ("Is het antwoord $\\boxed{7}$", "7", False),
        ("La réponse est-elle $\\boxed{7}$", "7", False),
        ("Czy wynik to $\\boxed{7}$", "7", False),
        ("Верно ли, что ответ $\\boxed{7}$", "7", False),
        ("Cevap 7 mi.", "7", False),
        ("Sonuç 7 midir", "7", False),
        # statements in the same languages
        ("Das Ergebnis ist $\\boxed{7}$", "7", True),
        ("Het antwoord is $\\boxed{7}$", "7", True),
        ("La réponse est $\\boxed{7}$", "7", True),
        ("Wynik to $\\boxed{7}$", "7", True),
        ("Cevap 7.", "7", True),
        ("The answer is 7 mi.", "7 mi", True),
    ]
    judge(cases)


def test_answer_labels_with_an_adjective_or_a_spaced_colon() -> None:
    cases: list[Case] = [
        ("Итого 7.\n\n**Итоговый ответ:** 7", "7", True),
        ("**Son cevap:** 7", "7", True),
        ("**Ostateczna odpowiedź:** 7", "7", True),
        ("2 + 5 = 7\n\n**Total :** 7", "7", True),
        ("__Total:__ 7", "7", True),
        ("\\textbf{Final answer.} $7$", "7", True),
        ("\\emph{Answer.} 7", "7", True),
        # a disowning adjective, a wrong value, a run-in label that disowns
        ("**Приблизительный ответ:** 7", "7", False),
        ("**Total :** 8", "7", False),
        ("\\textbf{Guess.} $7$", "7", False),
        ("\\textbf{Wrong answer.} $7$", "7", False),
    ]
    judge(cases)


def test_affirming_idioms_with_a_negation_affirm() -> None:
    cases: list[Case] = [
        ("The answer is $\\boxed{7}$, without a doubt.", "7", True),
        ("Beyond any doubt, the answer is $\\boxed{7}$.", "7", True),
        ("答案是 $\\boxed{7}$，准确无误。", "7", True),
        ("无疑，答案是 $\\boxed{7}$。", "7", True),
        ("答えは $\\boxed{7}$ です（検証済み）。", "7", True),
        ("정답은 틀림없이 $\\boxed{7}$입니다.", "7", True),
        ("Die Antwort ist $\\boxed{7}$, ohne Zweifel.", "7", True),
        ("Sin duda, la respuesta es $\\boxed{7}$.", "7", True),
        ("Sans doute $\\boxed{7}$.", "7", False),  # "sans doute": probably
        # a real doubt or denial stays one
        ("The answer is $\\boxed{7}$, I have my doubts.", "7", False),
        ("答案是 $\\boxed{7}$，不确定。", "7", False),
        ("答えは $\\boxed{7}$ です（未確認）。", "7", False),
    ]
    judge(cases)


def test_a_rejected_value_before_the_answer() -> None:
    cases: list[Case] = [
        ("I originally thought 30, but after recounting, the answer is $\\boxed{24}$.", "24", True),
        ("I first thought 30; however, the answer is $\\boxed{24}$.", "24", True),
        ("My first computation gave 30, but the corrected count gives $\\boxed{24}$.", "24", True),
        ("Not 30 – it is $\\boxed{24}$.", "24", True),
        # an earlier belief or attempt that is not turned from still disowns the answer
        ("I initially thought the answer is $\\boxed{24}$.", "24", False),
        ("In my first attempt I got $\\boxed{24}$.", "24", False),
        ("Not 30 — the answer is $\\boxed{24}$.", "30", False),
    ]
    judge(cases)


def test_corrections_opened_in_other_languages() -> None:
    cases: list[Case] = [
        ("La respuesta es $\\boxed{21}$. Espera, son 24.", "24", True),
        ("Ответ: $\\boxed{21}$. Стоп, это 24.", "24", True),
        ("答案是 $\\boxed{21}$。等等，是24。", "24", True),
        ("#### 21\n更正：答案为 24。", "24", True),
        ("La réponse est $\\boxed{21}$. Attendez, c'est 24.", "24", True),
        # the corrected-away value no longer passes
        ("La respuesta es $\\boxed{21}$. Espera, son 24.", "21", False),
        ("答案是 $\\boxed{21}$。等等，是24。", "21", False),
    ]
    judge(cases)


def test_a_value_restated_with_a_multiplier_word() -> None:
    cases: list[Case] = [
        ("The answer is $\\boxed{36}$, which is 3 dozen.", "36", True),
        ("He ran $\\boxed{3000}$ meters, i.e. 3 thousand.", "3000", True),
        ("She bakes $\\boxed{48}$ cookies, which is 4 dozen.", "48", True),
        # a restatement of another value is a rival
        ("The answer is $\\boxed{36}$, which is 2 dozen.", "36", False),
        ("She bakes $\\boxed{48}$ cookies, which is 5 dozen.", "48", False),
    ]
    judge(cases)
