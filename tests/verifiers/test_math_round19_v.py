"""The nineteenth outside round, group V: values written in local formats (classifiers and measure words, clock
times, ordinal marks, currencies with their number formats, CJK numerals with units of ten thousand, multipliers,
mixed numbers, numbers and fractions in words, the degree signs) and the words after a value that change it (the
comparatives and "more or less" idioms of every language), each tested both ways on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_comparatives_and_more_or_less_idioms_after_a_value() -> None:
    cases: list[Case] = [
        ("Het antwoord is 18 meer.", "18", False),
        ("Het antwoord is 18 of meer.", "18", False),
        ("Svar: 18 mer eller mindre.", "18", False),
        ("Svar: 18 mere.", "18", False),
        ("Vastaus: 18 vähemmän.", "18", False),
        ("Válasz: 18 többé-kevésbé.", "18", False),
        ("Odpoveď: 18 viac-menej.", "18", False),
        ("Odgovor: 18 više.", "18", False),
        ("Отговор: 18 горе-долу.", "18", False),
        ("Atsakymas: 18 daugmaž.", "18", False),
        ("Cevap: 18 aşağı yukarı.", "18", False),
        ("Đáp án: 18 trên dưới.", "18", False),
        ("الإجابة: 18 أكثر أو أقل.", "18", False),
        ("پاسخ: 18 کم و بیش.", "18", False),
        ("उत्तर: 18 कमोबेश।", "18", False),
        ("విడై: 18 ఎక్కువ.", "18", False),
        ("\\boxed{18} több", "18", False),
        ("\\boxed{18} kurang lebih", "18", False),
        # a count noun after the value still restates it
        ("Отговор: 18 ябълки.", "18", True),
        ("उत्तर: 18 सेब।", "18", True),
        ("Svar: 18 äpplen.", "18", True),
        ("Het antwoord is 18 boeken.", "18", True),
    ]
    judge(cases)


def test_classifiers_and_measure_words() -> None:
    cases: list[Case] = [
        ("Cevap: 18 adet kalem", "18", True),
        ("Jawapan: 18 biji telur.", "18", True),
        ("Antwort: 18 Stück Äpfel", "18", True),
        ("Odpowiedź: 18 sztuk jabłek.", "18", True),
        ("Válasz: 18 darab alma.", "18", True),
        ("Jadi, jawabannya adalah $\\boxed{18}$ ekor ayam.", "18", True),
        ("答：$\\boxed{18\\text{只}}$", "18", True),
        # a word after the classifier's noun that bounds or joins, another value, a wrong value
        ("Cevap: 18 adet kalem daha", "18", False),
        ("Antwort: 18 Stück mehr", "18", False),
        ("Válasz: 18 darab alma körülbelül.", "18", False),
        ("Jawaban: 18 ekor ayam atau 19 ekor.", "18", False),
        ("答：$\\boxed{18\\text{只左右}}$", "18", False),
        ("Cevap: 18 adet kalem", "19", False),
    ]
    judge(cases)


def test_clock_times_in_local_forms() -> None:
    cases: list[Case] = [
        ("Antwort: 9:30 Uhr", "9:30", True),
        ("Antwort: 21 Uhr", "21:00", True),
        ("Réponse : 9h30", "9:30", True),
        ("Réponse : 21 h 15", "21:15", True),
        ("Đáp án: 21 giờ 15", "21:15", True),
        ("It takes 2 h 30 min.", "2.5 \\text{ hours}", True),
        ("答：晚上9点15分。", "21:15", True),
        ("答え：午前9時30分", "9:30", True),
        ("답: 오후 9시 15분", "21:15", True),
        ("Antwort: 9:30 Uhr oder 10 Uhr", "9:30", False),
        ("Antwort: gegen 9:30 Uhr", "9:30", False),
        ("答：上午9点15分。", "21:15", False),
        ("答：晚上9点15分左右。", "21:15", False),
        ("Réponse : 9h30", "9:45", False),
    ]
    judge(cases)


def test_ordinal_marks_of_other_languages() -> None:
    cases: list[Case] = [
        ("Respuesta: 5.º puesto", "5", True),
        ("Resposta: 5ª posição", "5", True),
        ("Ответ: 5-е место", "5", True),
        ("Réponse : 5ème", "5", True),
        ("Réponse : 5e ou 6e", "5", False),
        ("Respuesta: 5.º o 6.º puesto", "5", False),
        ("Antwort: 5. Mai", "5", False),
        ("The answer is 5e.", "5", False),
        ("Respuesta: 5.º puesto", "6", False),
    ]
    judge(cases)


def test_currencies_with_their_number_formats() -> None:
    cases: list[Case] = [
        ("Jawaban: Rp150.000", "150000", True),
        ("Resposta: R$ 12,75", "12.75", True),
        ("Válasz: 2.500 Ft", "2500", True),
        ("Cevap: ₺12,75", "12.75", True),
        ("Antwort: 12,75 €", "12.75", True),
        ("Jawaban: Rp150.000", "150", False),
        ("Resposta: R$ 12,75?", "12.75", False),
        ("Jawaban: sekitar Rp150.000", "150000", False),
        ("Jawaban: Rp150.000 atau Rp160.000", "150000", False),
        ("The answer is 12 ft.", "12", True),
    ]
    judge(cases)


def test_cjk_numerals_and_foreign_multipliers() -> None:
    cases: list[Case] = [
        ("答え：3万5000円", "35000", True),
        ("答：一共是3万5千元。", "35000", True),
        ("답: 3만 5천 원", "35000", True),
        ("Ответ: 35 тыс. рублей", "35000", True),
        ("答え：3万5000円くらい", "35000", False),
        ("答：3万5千多元。", "35000", False),
        ("答：3万5千元或3万6千元。", "35000", False),
        ("Ответ: около 35 тыс. рублей", "35000", False),
        ("答え：3万5000円", "3500", False),
    ]
    judge(cases)


def test_mixed_numbers_words_and_degree_signs() -> None:
    cases: list[Case] = [
        ("The answer is 3-1/4 inches.", "3.25", True),
        ("The answer is 3 and 1/4.", "\\frac{13}{4}", True),
        ("The roots are 3 and 1/4.", "3, \\frac14", True),
        ("The answer is eighteen pencils.", "18", True),
        ("La respuesta es dos tercios.", "\\frac23", True),
        ("Die Antwort ist drei Viertel.", "\\frac34", True),
        ("The answer is 12℃.", "12", True),
        ("The answer is 3 and 1/4 or 4.", "\\frac{13}{4}", False),
        ("The answer is 3 and 0.25.", "3.25", False),
        ("The answer is $3-1/4$.", "\\frac{13}{4}", False),
        ("The answer is eighteen pencils or so.", "18", False),
        ("La respuesta es casi dos tercios.", "\\frac23", False),
        ("The answer is 12℃.", "-12", False),
    ]
    judge(cases)
