"""Fourteenth outside round, comparison and languages: an undefined part leaves the whole undefined, bars around
a matrix are never the matrix and around a vector of numbers are its length, multipliers of other languages and
scripts scale the value, bound suffixes in Chinese, Japanese and Korean make it a bound, and the negations and
hedges of other languages are read before an answer. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge

_MATRIX = "\\begin{pmatrix}2&0\\\\1&5\\end{pmatrix}"


def test_an_undefined_part_leaves_the_whole_undefined() -> None:
    cases: list[Case] = [
        ("$\\boxed{\\frac{3}{\\frac{2}{0}}}$", "0", False),
        ("$\\boxed{\\frac{1}{\\cot 0}}$", "0", False),
        ("$\\boxed{\\frac{2}{\\sec\\frac{\\pi}{2}}}$", "0", False),
        ("$\\boxed{\\frac{4}{\\ln 0}}$", "0", False),
        ("$\\boxed{\\log_{0} 7}$", "0", False),
        ("$\\boxed{\\log_{-3} 9}$", "2", False),
        ("$\\boxed{\\frac{1}{(-3)!}}$", "0", False),
        ("$\\boxed{\\frac{1}{\\Gamma(0)}}$", "0", False),
        ("$\\boxed{\\left(\\tan\\frac{\\pi}{2}\\right)^{0}}$", "1", False),
        ("$\\boxed{e^{\\frac{1}{0}}}$", "0", False),
        ("$\\boxed{\\frac{3}{\\frac{2}{7}}}$", "\\frac{21}{2}", True),
        ("$\\boxed{\\log_{3} 9}$", "2", True),
        ("$\\boxed{\\frac{1}{3!}}$", "\\frac16", True),
        ("$\\boxed{\\left(\\tan\\frac{\\pi}{4}\\right)^{0}}$", "1", True),
        ("$\\boxed{\\frac{1}{\\infty}}$", "0", True),
        ("$\\boxed{\\frac{1}{\\frac{1}{y}}}$", "y", True),
    ]
    judge(cases)


def test_bars_around_a_matrix_or_vector() -> None:
    cases: list[Case] = [
        ("$\\boxed{\\left|" + _MATRIX + "\\right|}$", _MATRIX, False),
        ("$\\boxed{\\left\\|" + _MATRIX + "\\right\\|}$", _MATRIX, False),
        ("$\\boxed{\\lVert " + _MATRIX + " \\rVert}$", _MATRIX, False),
        ("$\\boxed{\\begin{Vmatrix}2&0\\\\1&5\\end{Vmatrix}}$", _MATRIX, False),
        ("$\\boxed{3\\left|" + _MATRIX + "\\right|}$", "3" + _MATRIX, False),
        ("$\\boxed{\\|(5,12)\\|}$", "13", True),
        ("$\\boxed{\\left\\|(1,2,2)\\right\\|}$", "3", True),
        ("$\\boxed{\\lVert \\langle 1,1 \\rangle \\rVert}$", "\\sqrt{2}", True),
        ("$\\boxed{\\left\\|\\begin{pmatrix}6\\\\8\\end{pmatrix}\\right\\|}$", "10", True),
        ("$\\boxed{\\begin{Vmatrix}6&8\\end{Vmatrix}}$", "10", True),
        ("$\\boxed{\\|(5,12)\\|}$", "(5,12)", False),
        ("$\\boxed{\\|(5,12)\\|}$", "17", False),
        ("$\\boxed{\\begin{Vmatrix}6\\\\8\\end{Vmatrix}}$", "\\begin{pmatrix}6\\\\8\\end{pmatrix}", False),
        ("$\\boxed{|(5,12)| + |(3,4)|}$", "13", False),
        ("$\\boxed{\\begin{vmatrix}2&0\\\\1&5\\end{vmatrix}}$", "10", True),
        ("$\\boxed{" + _MATRIX + "}$", _MATRIX, True),
    ]
    judge(cases)


def test_multipliers_of_other_languages_scale_the_value() -> None:
    cases: list[Case] = [
        ("Die Antwort ist 7 Mrd.", "7", False),
        ("Die Antwort ist 7 Mrd.", "7000000000", True),
        ("Die Antwort ist 1,5 Mio.", "1500000", True),
        ("Cevap 3 milyon.", "3", False),
        ("Ответ: 8 млн.", "8", False),
        ("Ответ: 8 тысяч.", "8000", True),
        ("La risposta è 4 mila.", "4000", True),
        ("A resposta é 2 milhões.", "2", False),
        ("答案是 7亿。", "7", False),
        ("答案是 7亿。", "700000000", True),
        ("答えは3千万です。", "30000000", True),
        ("정답은 2억입니다.", "2", False),
        ("정답은 4천입니다.", "4000", True),
        ("उत्तर 3 करोड़ है।", "30000000", True),
        ("उत्तर 3 हजार है।", "3", False),
        ("The answer is 3 lakhs.", "3", False),
        ("The answer is 3 lakhs.", "300000", True),
        ("The answer is 4 crores.", "4", False),
        ("Die Antwort ist 7 Äpfel.", "7", True),
        ("Ответ: 8 руб.", "8", True),
        ("Die Antwort ist 8 Promille.", "8", False),
        ("答案是 7千米。", "7", True),
        ("정답은 4개입니다.", "4", True),
    ]
    judge(cases)


def test_cjk_bound_suffixes_are_bounds() -> None:
    cases: list[Case] = [
        ("答えは8強です。", "8", False),
        ("答案是30多个。", "30", False),
        ("答案是20来人。", "20", False),
        ("答えは8程度です。", "8", False),
        ("答えは8くらいです。", "8", False),
        ("정답은 30여 개입니다.", "30", False),
        ("정답은 8 정도입니다.", "8", False),
        ("答案是 8以内。", "8", False),
        ("答えは3割です。", "3", False),
        ("答案是3倍。", "3", False),
        ("答案是千分之3。", "3", False),
        ("答案是30个。", "30", True),
        ("答えは8個です。", "8", True),
        ("정답은 8입니다.", "8", True),
    ]
    judge(cases)


def test_negations_and_hedges_of_other_languages() -> None:
    cases: list[Case] = [
        ("Het antwoord is geen $\\boxed{8}$.", "8", False),
        ("Svaret er aldrig $\\boxed{8}$.", "8", False),
        ("Odpověď je není $\\boxed{8}$.", "8", False),
        ("The answer is nem $\\boxed{8}$.", "8", False),
        ("Die Antwort ist wohl $\\boxed{8}$.", "8", False),
        ("Odpowiedź to raczej $\\boxed{8}$.", "8", False),
        ("Odpověď je nejspíš $\\boxed{8}$.", "8", False),
        ("The answer is måske $\\boxed{8}$.", "8", False),
        ("Răspunsul este probabil $\\boxed{8}$.", "8", False),
        ("答案似乎是8。", "8", False),
        ("答案应当是8。", "8", False),
        ("答えは8のはずです。", "8", False),
        ("정답은 8인 듯합니다.", "8", False),
        ("Odgovor je možda $\\boxed{8}$.", "8", False),
        ("Vastus on umbes $\\boxed{8}$.", "8", False),
        ("答案貌似是8。", "8", False),
        ("答えはだいたい8です。", "8", False),
        ("정답은 거의 8입니다.", "8", False),
        ("La respuesta es sin ninguna duda $\\boxed{8}$.", "8", True),
        ("A resposta é sem nenhuma dúvida $\\boxed{8}$.", "8", True),
        ("Het antwoord is $\\boxed{8}$.", "8", True),
        ("Het antwoord is nu $\\boxed{8}$.", "8", True),
        ("Die Antwort ist $\\boxed{8}$.", "8", True),
        ("对应的答案是8。", "8", True),
        ("答案是8。", "8", True),
    ]
    judge(cases)
