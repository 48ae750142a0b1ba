"""Fourteenth outside round, second half: units as NuminaMath and models write them, notation of other
traditions, LaTeX layout around the answer and explanations after it. Each rule both ways, on cases in no
corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_units_written_apart_form_one_rate() -> None:
    cases: list[Case] = [
        ("The speed is $\\boxed{15 \\mathrm{~m} / \\mathrm{s}}$.", "15", True),
        ("The speed is $\\boxed{15 \\mathrm{~m} / \\mathrm{s}}$.", "15\\text{ m/s}", True),
        ("The rate is $\\boxed{40 \\, \\text{km} \\cdot \\text{h}^{-1}}$.", "40\\text{ km/h}", True),
        ("The speed is $40 \\mathrm{~km} \\cdot \\mathrm{h}^{-1}$.", "40", True),
        ("The speed is $\\boxed{15 \\mathrm{~km} / \\mathrm{h}}$.", "15\\text{ m/s}", False),
        ("The rate is $\\boxed{40 \\, \\text{m} \\cdot \\text{s}^{-1}}$.", "40\\text{ km/h}", False),
    ]
    judge(cases)


def test_currencies_and_time_units_of_other_scripts_and_slashes() -> None:
    cases: list[Case] = [
        ("The ticket costs 2500円.", "2500", True),
        ("The fee is 3000원.", "3000", True),
        ("It took 4時間.", "4", True),
        ("He earns $25/hour.", "25", True),
        ("He earns $25/week.", "25", True),
        ("The ticket costs 2500円.", "2500\\text{ yuan}", False),
        ("He earns $25/hour.", "26", False),
    ]
    judge(cases)


def test_a_compound_quantity_without_and() -> None:
    cases: list[Case] = [
        ("The trip takes $\\boxed{3 \\text{ hours } 15 \\text{ minutes}}$.", "3.25\\text{ hours}", True),
        ("The board is $\\boxed{2 \\text{ m } 40 \\text{ cm}}$.", "2.4\\text{ m}", True),
        ("The trip takes $\\boxed{3 \\text{ hours } 15 \\text{ minutes}}$.", "3.5\\text{ hours}", False),
    ]
    judge(cases)


def test_a_ratio_in_words() -> None:
    cases: list[Case] = [
        ("The ratio of boys to girls is 5 to 7.", "5:7", True),
        ("The ratio is 10 to 14.", "5:7", True),
        ("The ratio is 7 to 5.", "5:7", False),
        ("The odds are 4 to 1.", "4", False),
    ]
    judge(cases)


def test_notation_of_other_traditions() -> None:
    cases: list[Case] = [
        ("The answer is $\\boxed{\\lg 0.01}$", "-2", True),
        ("The answer is $\\boxed{\\lg 0.01}$", "2", False),
        ("The answer is $\\boxed{C_{6}^{3}}$", "20", True),
        ("The answer is $\\boxed{\\mathrm{A}_{5}^{3}}$", "60", True),
        ("The answer is $\\boxed{C_{6}^{3}}$", "120", False),
        ("The answer is $\\boxed{C_1^2 + 1}$", "1", False),
        ("The answer is $\\boxed{t \\in ]0, 2]}$", "(0,2]", True),
        ("The answer is $\\boxed{t \\in ]0, 2]}$", "[0,2]", False),
        ("The answer is $\\rm 12$.", "12", True),
        ("The answer is $\\bf 12$.", "13", False),
    ]
    judge(cases)


def test_the_integer_parameter_of_a_family_is_a_dummy() -> None:
    cases: list[Case] = [
        ("$\\boxed{x = \\frac{\\pi}{6} + 2m\\pi}$", "x = \\frac{\\pi}{6} + 2k\\pi, k \\in \\mathbb{Z}", True),
        ("$\\boxed{x = \\frac{\\pi}{3} + k\\pi, k \\in \\mathbb{Z}}$", "x = \\frac{\\pi}{3} + n\\pi", True),
        ("$\\boxed{x = \\frac{\\pi}{6} + m\\pi}$", "x = \\frac{\\pi}{6} + 2k\\pi, k \\in \\mathbb{Z}", False),
        ("$\\boxed{x = \\frac{\\pi}{6} + 2\\pi}$", "x = \\frac{\\pi}{6} + 2k\\pi", False),
    ]
    judge(cases)


def test_equation_numbers_and_display_layout() -> None:
    cases: list[Case] = [
        ("$$y = 8 \\tag{2}$$", "8", True),
        ("\\[ \\boxed{y = 8} \\tag*{(b)} \\]", "8", True),
        ("\\begin{equation}\n y = 8 \\label{eq:final}\n\\end{equation}", "8", True),
        ("$$y = 9 \\tag{8}$$", "8", False),
        ("$$\\boxed{8} \\tag{or 9}$$", "8", False),
        ("\\[\n\\begin{aligned}\n3y &= 24 \\\\\ny &= 8\n\\end{aligned}\n\\]", "8", True),
        ("\\[\n\\begin{aligned}\n3y &= 24 \\\\\ny &= 8\n\\end{aligned}\n\\]", "24", False),
    ]
    judge(cases)


def test_a_system_with_a_brace_gives_its_solution() -> None:
    cases: list[Case] = [
        ("$$\\begin{cases} a = 4 \\\\ b = -3 \\end{cases}$$", "(4,-3)", True),
        ("$\\boxed{\\left\\{\\begin{array}{l} p = 1 \\\\ q = 6 \\end{array}\\right.}$", "p=1, q=6", True),
        ("$$\\begin{cases} a &= 4, \\\\ b &= -3. \\end{cases}$$", "(4,-3)", True),
        ("$\\boxed{\\left\\{ \\begin{aligned} a &= 4 \\\\ b &= -3 \\end{aligned} \\right.}$", "(4,-3)", True),
        ("$$f(a) = \\begin{cases} 4 & a > 0 \\\\ -3 & a \\le 0 \\end{cases}$$", "(4,-3)", False),
        ("$$\\begin{cases} a = 4 \\\\ b = 3 \\end{cases}$$", "(4,-3)", False),
        ("$$\\begin{cases} a + b = 1 \\\\ a - b = 7 \\end{cases}$$", "(4,-3)", False),
    ]
    judge(cases)


def test_a_decoding_artefact_before_the_closing_period() -> None:
    cases: list[Case] = [
        ("So the total is \\boxed{14}\ufffd.", "14", True),
        ("So the total is \\boxed{14}\ufffd\ufffd!", "14", True),
        ("So the total is \\boxed{1\ufffd4}.", "14", False),
    ]
    judge(cases)


def test_explanations_after_the_value_offer_no_candidate() -> None:
    cases: list[Case] = [
        ("y = 7. (Check: 3·7 - 1 = 20.)", "7", True),
        ("x = 4. [Verification: 4^2 = 16.]", "4", True),
        ("The area is 12 — indeed, 3 × 4 = 12.", "12", True),
        ("The area is 12 — indeed, 13.", "12", False),
        ("The total is 24 [6 boxes × 4 = 24].", "24", True),
        ("The answer is 24 [or 25].", "24", False),
        ("The bill is 30; 6 pens at $5 each.", "30", True),
        ("The bill is 30; 31 pens at most.", "30", False),
    ]
    judge(cases)


def test_an_alternative_named_only_to_be_rejected_or_for_another_problem() -> None:
    cases: list[Case] = [
        (
            "The answer is $\\boxed{7}$.\n\nNaively, one might say the answer is 8, but that double-counts the 1 corner.",
            "7",
            True,
        ),
        (
            "The answer is $\\boxed{7}$.\n\nOne might think the answer is 8, but that ignores step 2, so it is 9.",
            "7",
            False,
        ),
        ("The answer is $\\boxed{7}$.\n\nIf the price were \\$3 instead, the answer would be 9.", "7", True),
        ("The answer is $\\boxed{7}$.\n\nHad the train been faster, the answer would be 5.", "7", True),
        ("The answer is $\\boxed{7}$.\n\nIf I were to guess again, the answer would be 8.", "7", False),
        ("The answer is $\\boxed{7}$.\n\nIf so, the answer would be 8.", "7", False),
    ]
    judge(cases)


def test_chains_and_conclusions() -> None:
    cases: list[Case] = [
        ("Cost = 4 x 7 = 28", "28", True),
        ("Cost = 4 x 7 = 29", "28", False),
        ("He has 20 - 8 = 12 apples, so he gets 12 × $3 = $36.", "36", True),
        ("He has 12 apples left, so he earns 36 dollars.", "12", False),
        ("Thus $m = 4$, $n = 7$, and $m + n = 11$.", "11", True),
        ("Hence $p = 3$ and $q = 5$, and $pq = 15$.", "15", True),
        ("Thus $m = 4$, $n = 7$, and $m + n = 11$.", "12", False),
        ("Thus $m = 4$, $n = 7$, and $m + c = 11$.", "11", False),
    ]
    judge(cases)
