"""The nineteenth outside round's comparison findings, each fixed by its mechanism and tested both ways on cases in
no corpus: a combination of labels checked against the labels' stated values, set algebra on sets of numbers,
arithmetic on tuples of numbers, inequalities, identities proven with more work, notation, and the macro cap."""

from __future__ import annotations

from redteam import Case, judge


def boxed(answer: str) -> str:
    return f"The answer is $\\boxed{{{answer}}}$."


def test_a_combination_of_labels_must_agree_with_their_values() -> None:
    cases: list[Case] = [
        ("So $a = 3$, $b = 5$, and $ab = 15$.", "15", True),
        ("So $a = 3$, $b = 5$, and $ab = 16$.", "16", False),
        ("Thus $x = 3$, $y = 4$ and $x^2 + y^2 = 25$.", "25", True),
        ("Thus $x = 3$, $y = 4$ and $x^2 + y^2 = 24$.", "24", False),
        ("So $p = 2, q = 3$, hence $p^2+q^2 = 13$.", "13", True),
        ("So $p = 2, q = 3$, hence $p^2+q^2 = 14$.", "14", False),
        ("So $a = 7$ and $b = 2$, giving $a - b = 5$.", "5", True),
        ("So $a = 7$ and $b = 2$, giving $a - b = 4$.", "4", False),
        ("So $a = \\frac12$, $b = \\frac32$, and $a+b = 2$.", "2", True),
        ("So $a = \\sqrt2$, $b = \\sqrt3$, and $ab = 2$.", "2", False),
        (boxed("m = 4, n = 9, m+n = 12"), "12", False),
        (boxed("m = 4, n = 8, m+n = 12"), "12", True),
        ("So $m=4$, $n=9$ and $2m+n=18$.", "18", False),
        ("So $m=4$, $n=9$ and $2m+n=17$.", "17", True),
    ]
    judge(cases)


def test_set_algebra_on_sets_of_numbers() -> None:
    cases: list[Case] = [
        (boxed("\\{1,2,3,4\\} \\setminus \\{1, 4\\}"), "\\{2,3\\}", True),
        (boxed("\\{1,2,3,4\\} \\setminus \\{1, 4\\}"), "\\{2,3,4\\}", False),
        (boxed("\\{1,2\\} \\cup \\{2, 5\\}"), "\\{1,2,5\\}", True),
        (boxed("\\{1,2,3\\} \\cap \\{2, 3, 7\\}"), "\\{2,3\\}", True),
        (boxed("(1, 5) \\cap \\mathbb{Z}"), "\\{2,3,4\\}", True),
        (boxed("[1, 4] \\cap \\mathbb{Z}"), "\\{1,2,3,4,5\\}", False),
        (boxed("\\mathbb{Z} \\cap [0, \\infty)"), "\\{0\\}", False),
        (boxed("[2,3]^c"), "(-\\infty,2)\\cup(3,\\infty)", True),
        (boxed("[2,3]^{c}"), "(-\\infty,2]\\cup[3,\\infty)", False),
        (boxed("\\mathbb{R} \\setminus [0,1]"), "(-\\infty,0)\\cup(1,\\infty)", True),
        (boxed("\\mathbb{R} \\setminus [0,1]"), "(-\\infty,0]\\cup[1,\\infty)", False),
        (boxed("[0,2] \\cup [1,3]"), "[0,3]", True),
        (boxed("\\mathbb{R}_{\\geq 0}"), "[0,\\infty)", True),
        (boxed("\\mathbb{R}_{>0}"), "[0,\\infty)", False),
        (boxed("\\mathbb{R}^+"), "(0,\\infty)", True),
        (boxed("\\{1, 2\\} \\times \\{3, 4\\}"), "\\{(1,3),(2,3),(1,4),(2,4)\\}", True),
        (boxed("\\{1, 2\\} \\times \\{3, 4\\}"), "\\{(1,3),(2,3),(1,4)\\}", False),
        (boxed("\\{1\\} \\times \\{2\\}"), "\\{(2,1)\\}", False),
        (boxed("\\{2, 4, \\ldots, 10\\}"), "\\{2,4,6,8,10\\}", True),
        (boxed("\\{2, 4, \\ldots, 11\\}"), "\\{2,4,6,8,10\\}", False),
        (boxed("\\{1, \\ldots, 6\\}"), "\\{1,2,3,4,5\\}", False),
        (boxed("1, 2, \\ldots, 6"), "1,2,3,4,5", False),
        (boxed("\\{5, 4, \\ldots, 1\\}"), "\\{1,2,3,4,5\\}", True),
        (boxed("\\{\\pm 1, \\pm 3\\}"), "\\{1,-1,3,-3\\}", True),
        (boxed("\\{\\pm 1, \\pm 3\\}"), "\\{1,-1,2,-2\\}", False),
        (boxed("\\pm 2 \\pm i"), "2+i, 2-i, -2+i, -2-i", True),
        (boxed("\\pm 2 \\pm i"), "2+i, 2-i", False),
    ]
    judge(cases)


def test_arithmetic_on_tuples_of_numbers() -> None:
    cases: list[Case] = [
        (boxed("3(1,-1) - (1,2)"), "(2,-5)", True),
        (boxed("(1,2)+(3,5)"), "(4,6)", False),
        (boxed("2(1,2)"), "(2,5)", False),
        (boxed("(1,2,3) \\times (1,0,0)"), "(0,3,-2)", True),
        (boxed("(1,2,3) \\cdot (1,0,1)"), "4", True),
        (boxed("(1,2,3) \\cdot (1,0,1)"), "5", False),
        (boxed("2\\hat{i} - \\hat{j} + 2\\hat{k}"), "(2,-1,2)", True),
        (boxed("\\mathbf{i}+\\mathbf{j}"), "(1,2)", False),
        (boxed("(2,3)^T"), "\\begin{pmatrix}2\\\\3\\end{pmatrix}", True),
        (boxed("(2,3)^T"), "\\begin{pmatrix}3\\\\2\\end{pmatrix}", False),
        (boxed("\\begin{pmatrix}2&0\\\\0&1\\end{pmatrix}^{4}"), "\\begin{pmatrix}16&0\\\\0&1\\end{pmatrix}", True),
        (boxed("\\begin{pmatrix}2&0\\\\0&1\\end{pmatrix}^{4}"), "\\begin{pmatrix}8&0\\\\0&1\\end{pmatrix}", False),
        (boxed("(0,1)"), "(0,1)", True),
    ]
    judge(cases)


def test_comparisons_bounds_and_ratios() -> None:
    cases: list[Case] = [
        (boxed("x = 4 \\ge 4"), "4", True),
        (boxed("x = 6 > 7"), "6", False),
        (boxed("x = 4 \\ne 4"), "4", False),
        (boxed("x \\ge 1, x \\le 3"), "[1,3]", True),
        (boxed("x \\ge 1, x < 3"), "[1,3]", False),
        (boxed("x \\le -1, x \\ge 1"), "(-\\infty,-1]\\cup[1,\\infty)", True),
        (boxed("x > 3, x < 1"), "(1,3)", False),
        (boxed("x^2 < 9"), "(-3,3)", True),
        (boxed("x^2 < 9"), "(-2,2)", False),
        (boxed("x^2 \\ge 1"), "(-\\infty,-1]\\cup[1,\\infty)", True),
        (boxed("x^2 \\ge 1"), "(-\\infty,-1)\\cup(1,\\infty)", False),
        (boxed("x^2 - 2 \\le 0"), "[-\\sqrt2,\\sqrt2]", True),
        (boxed("(x-1)(x-3) > 0"), "(-\\infty,1)\\cup(3,\\infty)", True),
        (boxed("x^2 < 4"), "\\{-1,0,1\\}", False),
        (boxed("x^2 \\le 0"), "\\{0\\}", True),
        (boxed("3x + 2y \\le 6"), "y \\le 3 - \\frac{3}{2}x", True),
        (boxed("3x + 2y \\le 6"), "y < 3 - \\frac{3}{2}x", False),
        (boxed("3x + 2y \\le 6"), "y \\ge 3 - \\frac{3}{2}x", False),
        (boxed("x - y > 0"), "y < x", True),
        (boxed("x^2 - y > 0"), "x - y > 0", False),
        (boxed("a=3, b=-1"), "\\{(3,-1)\\}", True),
        (boxed("a=3, b=-1"), "\\{(-1,3)\\}", False),
        (boxed("a=3, b=-1"), "\\{(3,-1),(1,1)\\}", False),
        (boxed("3:6:9"), "1:2:3", True),
        (boxed("0.5:1:1.5"), "1:2:3", True),
        (boxed("1:2:3"), "1:2:4", False),
        (boxed("1:2:3"), "6", False),
    ]
    judge(cases)


def test_identities_proven_with_more_work() -> None:
    cases: list[Case] = [
        (boxed("\\arctan\\frac12+\\arctan\\frac14"), "\\frac{\\pi}{4}", False),
        (boxed("\\arctan 2+\\arctan 3"), "\\frac{3\\pi}{4}", True),
        (boxed("\\arctan 2+\\arctan 3"), "-\\frac{\\pi}{4}", False),
        (boxed("\\arcsin\\frac{4}{5}"), "\\arctan\\frac43", True),
        (boxed("\\arcsin\\frac{4}{5}"), "\\arctan\\frac34", False),
        (boxed("\\cos\\frac{2\\pi}{5}+\\cos\\frac{4\\pi}{5}"), "-\\frac12", True),
        (boxed("\\cos\\frac{2\\pi}{5}+\\cos\\frac{4\\pi}{5}"), "-\\frac13", False),
        (boxed("\\arcsin x + \\arccos x"), "\\pi", False),
        (boxed("\\sin 3x"), "3\\sin x - 4\\sin^3 x", True),
        (boxed("\\sin 3x"), "3\\sin x - 3\\sin^3 x", False),
        (boxed("(-1)^{i}"), "e^{-\\pi}", True),
        (boxed("i^i"), "e^{\\pi/2}", False),
        (boxed("4^{10^{12}}"), "2^{2\\cdot 10^{12}}", True),
        (boxed("4^{10^{12}}"), "2^{10^{12}}", False),
        (boxed("6^{10^{12}}"), "36^{5\\cdot 10^{11}}", True),
        (boxed("6^{10^{12}}"), "12^{5\\cdot 10^{11}}", False),
    ]
    judge(cases)


def test_notation() -> None:
    cases: list[Case] = [
        (boxed("1011_{two}"), "1011_2", False),  # math letters t·w·o: no base in words (adversarial corpus)
        (boxed("\\operatorname{Im}(z) = -2"), "-2", True),
        (boxed("\\text{Re}(z) = 3"), "4", False),
        (boxed("\\text{Yes, it is possible}"), "\\text{Yes}", True),
        (boxed("\\text{Yes, if n is even}"), "\\text{Yes}", False),
        (boxed("\\text{No, it is not possible}"), "\\text{Yes}", False),
        (boxed("\\text{No, never}"), "\\text{No}", True),
        (boxed("\\text{Όχι}"), "no", True),
        (boxed("\\text{Όχι}"), "yes", False),
    ]
    judge(cases)


def test_a_macro_used_thousands_of_times_is_expanded() -> None:
    many = "\\newcommand{\\n}{5} " + "$\\n$ " * 5000
    cases: list[Case] = [
        (many + "The answer is $\\boxed{\\n}$.", "5", True),
        (many + "The answer is $\\boxed{9}$.", "5", False),
        (many + "The answer is $\\boxed{9}$.", "9", True),
    ]
    judge(cases)
