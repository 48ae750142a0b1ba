"""Sixteenth outside round, words right after the value: bounds, modals, negations and past copulas of other
languages after a value are no count nouns; count nouns, currencies and rates of other languages are; a Turkish
statement closed by its verb. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_bounds_and_hedges_of_other_languages_after_the_value() -> None:
    cases: list[Case] = [
        ("La respuesta es $\\boxed{9}$ como mínimo.", "9", False),
        ("La respuesta es 9 por lo menos.", "9", False),
        ("<answer>9 como máximo</answer>", "9", False),
        ("Die Antwort ist $\\boxed{9}$ höchstens.", "9", False),
        ("#### 9 wenigstens", "9", False),
        ("Die Antwort ist 9 wahrscheinlich.", "9", False),
        ("Die Antwort ist 9 schlimmstenfalls.", "9", False),
        ("La réponse est $\\boxed{9}$ au plus.", "9", False),
        ("La réponse est 9 probablement.", "9", False),
        ("La risposta è $\\boxed{9}$ almeno.", "9", False),
        ("A resposta é $\\boxed{9}$ no mínimo.", "9", False),
        ("Ответ: 9 минимум.", "9", False),
        ("Ответ: $\\boxed{9}$ максимум.", "9", False),
        ("Het antwoord is 9 minstens.", "9", False),
        ("Odpowiedź to 9 najwyżej.", "9", False),
        ("Svaret är 9 högst.", "9", False),
        ("$\\boxed{9}$ или около того", "9", False),
        ("$\\boxed{9}$ dólares como máximo", "9", False),
        ("Hay 9 manzanas al menos.", "9", False),
        ("A resposta é 9 mais.", "9", False),
        ("La respuesta es 9 mas.", "9", False),
        ("Die Antwort ist 9 und etwas.", "9", False),
        # English adverbs in -s are no count nouns either
        ("The answer is $\\boxed{9}$ hereabouts.", "9", False),
        ("#### 9 thereabouts", "9", False),
        ("The answer is $\\boxed{9}$ sideways.", "9", False),
        # the same answers with a count noun, or nothing, after the value
        ("La respuesta es $\\boxed{9}$ manzanas.", "9", True),
        ("Die Antwort ist 9 Äpfel.", "9", True),
        ("The answer is $\\boxed{9}$ apples.", "9", True),
        ("Ответ: 9 яблок.", "9", True),
    ]
    judge(cases)


def test_negations_and_modal_predicates_after_the_value() -> None:
    cases: list[Case] = [
        ("Cevap 9 olmayabilir.", "9", False),
        ("Cevap 9 değildir.", "9", False),
        ("Cevap 9 civarında.", "9", False),
        ("Het antwoord is $\\boxed{9}$ misschien.", "9", False),
        ("La risposta è 9 forse.", "9", False),
        ("$\\boxed{9}$ nicht", "9", False),
        ("$\\boxed{9}$ ошибка", "9", False),
        ("$\\boxed{9}$ yanlış", "9", False),
        ("Die Antwort ist 9 falsch.", "9", False),
        ("Cevap 9'dur.", "9", True),
    ]
    judge(cases)


def test_a_past_copula_of_another_language_after_a_box() -> None:
    cases: list[Case] = [
        ("$\\boxed{9}$ était ma première réponse.", "9", False),
        ("$\\boxed{9}$ era mi primer resultado.", "9", False),
        ("$\\boxed{9}$ было моим первым ответом.", "9", False),
        ("$\\boxed{9}$ war die Antwort.", "9", False),
        ("$\\boxed{9}$ Äpfel", "9", True),
    ]
    judge(cases)


def test_count_nouns_and_currencies_of_other_languages() -> None:
    cases: list[Case] = [
        ("$\\boxed{9}$ euros", "9", True),
        ("$\\boxed{9}$ 欧元", "9", True),
        ("答：他有 $\\boxed{9}$ 美元。", "9", True),
        ("$\\boxed{9}$ 달러", "9", True),
        ("$\\boxed{9}$ рублей", "9", True),
        ("$\\boxed{9}$ ドル", "\\$9", True),
        ("$\\boxed{9}$ dólares", "\\$9", True),
        ("Antwort: 9 Schüler", "9", True),
        ("$\\boxed{9 \\text{ Bücher}}$", "9", True),
        ("$\\boxed{9 \\text{ libros}}$", "9", True),
        ("Es gibt 9 Äpfel.", "9", True),
        ("Il y a au total 9 pommes.", "9", True),
        ("Insgesamt sind es 9 Äpfel.", "9", True),
        # a different value or currency, or a word of quantity, still differs
        ("$\\boxed{9}$ euros", "\\$9", False),
        ("$\\boxed{9}$ Äpfel", "10", False),
        ("$\\boxed{9}$ тысяч", "9", False),
        ("$\\boxed{9}$ Millionen", "9", False),
        ("$\\boxed{9}$ процентов", "9", True),  # a percent word, a unit the gold lacks: 9% against 9 passes
        ("$\\boxed{9}$ процентов", "9\\%", True),
        ("$\\boxed{9}$ процентов", "9°", False),
        ("\\boxed{9} é", "9", False),
        ("$\\boxed{9}$ или", "9", False),
        ("$\\boxed{9}$ über", "9", False),
    ]
    judge(cases)


def test_rates_of_other_languages() -> None:
    cases: list[Case] = [
        ("Respuesta: 9 dólares al día.", "9", True),
        ("**Antwort:** 9 Euro pro Woche.", "9", True),
        ("Ela ganha 9 dólares por dia.", "9", True),
        ("Guadagna 9 euro al giorno.", "9", True),
        ("$\\boxed{9}$ dollars par semaine", "9", True),
        ("**Réponse :** 9 dollars par mois.", "9", True),
        ("$\\boxed{9}$ dollars par semaine", "10", False),
    ]
    judge(cases)


def test_a_turkish_statement_closed_by_its_verb() -> None:
    cases: list[Case] = [
        ("Toplamda 9 kalem vardır.", "9", True),
        ("9 kitap vardır.", "9", True),
        ("Toplamda 9 elma vardı.", "9", True),
        ("Toplam 9 elma eder.", "9", True),
        ("Toplamda 9 elma yok.", "9", False),
        ("Toplamda 9 elma olabilir.", "9", False),
        ("Toplamda 9 civarında elma vardır.", "9", False),
        ("Toplamda 9 kalem vardır.", "8", False),
    ]
    judge(cases)
