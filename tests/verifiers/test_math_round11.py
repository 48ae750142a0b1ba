"""Ninth outside round, numbers: the cost budget estimates products, quotients, gcds and lcms before computing
them, and numbers in words are read by an English numeral grammar instead of summed. Each rule both ways: the
trick fails, its honest neighbour still passes."""

from __future__ import annotations

import pytest

from rlvr.verifiers.equivalence import AnswerTooComplex, equivalent
from rlvr.verifiers.lexicon import number_words
from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def v() -> MathVerifier:
    verifier = MathVerifier(timeout_s=5.0)
    verifier.verify_batch([r"\boxed{\prod_{k=1}^{3} k}"], ["6"])  # start the worker and import sympy
    return verifier


def passes(v: MathVerifier, completion: str, gold: str, **opts: object) -> bool:
    verifier = MathVerifier(timeout_s=5.0, **opts) if opts else v  # type: ignore[arg-type]
    return verifier.verify_batch([completion], [gold])[0].passed


# ---------------------------------------------------------------- cost budget: sizes estimated before computing


@pytest.mark.parametrize(
    "text",
    [
        r"\prod_{j=1}^{8000} j^{j}",  # 10^8 digits
        r"\prod_{j=1}^{1500} (j+1)!",  # terms of thousands of digits
        r"\prod_{m=1}^{4000} 7^{m}",
        r"\prod_{j=1}^{3000}\binom{3000}{j}",
        r"\prod_{n=1}^{5000} (n^3+2)",  # more terms than a sum may have
        r"\gcd(2^{900000}-1, 5^{400000}-1)",
        r"\text{lcm}(7^{300000}+1, 3^{500000}+1)",
        r"\gcd(11^{100000}, 13^{90000}, 2)",
        r"\frac{5^{1200000}-3}{2^{2500000}+7}",
        r"\frac{2^{2000000}}{7^{800000}}",
        r"\frac{1}{3^{700000}}+\frac{1}{2^{1100000}}",
    ],
)
def test_costly_products_quotients_and_gcds_are_refused_before_computing(text: str) -> None:
    with pytest.raises(AnswerTooComplex, match="too large|too many"):
        equivalent(text, text + "+1")  # the gold holds the same operators: only the budget decides


@pytest.mark.parametrize(
    ("answer", "gold", "same"),
    [
        (r"\prod_{k=1}^{6} k", r"\prod_{k=2}^{6} k", True),
        # 400 small terms: multiplied out, not sympy's closed form (5 s)
        (r"\prod_{n=1}^{400} (n^2+1)", r"\prod_{n=1}^{399} (n^2+1)", False),
        (r"\prod_{n=1}^{3} (n^2+1)", r"10\prod_{n=1}^{2} (n^2+1)", True),
        (r"\gcd(2^{3000}-1, 2^{2000}-1)", "2^{1000}-1", True),
        (r"\text{lcm}(4, 6)", "12", True),
        (r"\frac{3^{20000}}{2^{30000}}", "1", False),
        (r"\frac{1}{2^{1000000}}", "0", False),  # a huge denominator alone needs no reduction
        (r"\frac{2^{60000}}{2^{59999}}", "2", True),
    ],
)
def test_answers_within_the_budget_still_decide(answer: str, gold: str, same: bool) -> None:
    assert equivalent(answer, gold) is same


# ---------------------------------------------------------------- numbers in words: a grammar, not a sum


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seventy-two", 72),
        ("four hundred and nine", 409),
        ("six thousand and one", 6001),
        ("three million forty thousand two hundred", 3_040_200),
        ("thirty-five hundred", 3500),
        ("eighteen sixty-five", 1865),  # a year in pairs
        ("twenty thirty", 2030),
        ("one point two five", 1.25),
        ("minus zero point five", -0.5),
        ("five over eight", 0.625),
        ("seven quarters", 1.75),
        ("half a dozen", 6),
        ("three dozen", 36),
    ],
)
def test_number_words_grammar(text: str, value: float) -> None:
    assert number_words(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "eight-nine",  # a range
        "thirty-forty",
        "eleven-thirteen",
        "four six",
        "three three",
        "one two three four",
        "seven hundred and",
        "and six",
        "thousand million",
        "point seven",
        "two point twelve",  # after "point" come digits
        "six over zero",
        "zero seven",
    ],
)
def test_words_outside_the_grammar_are_no_number(text: str) -> None:
    assert number_words(text) is None


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("It takes four-five hours.", "9"),
        ("The answer is eight-nine.", "17"),
        ("There are thirty-forty cars.", "70"),
        ("The answer is four six.", "10"),
        ("The code is three three.", "6"),
        ("Six point two.", "8"),
        ("The answer is eighteen sixty-five.", "83"),
        ("The year was twenty thirty.", "50"),
        ("The answer is 5 over 8.", r"\frac85"),
    ],
)
def test_runs_of_number_words_are_not_summed(v: MathVerifier, completion: str, gold: str) -> None:
    assert not passes(v, completion, gold)
    assert not passes(v, completion, gold, answer_form="number")


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("The answer is four point five.", "4.5"),
        ("Six point two.", "6.2"),
        ("The answer is minus one point five.", "-1.5"),
        ("The answer is eighteen sixty-five.", "1865"),
        ("The year was twenty thirty.", "2030"),
        ("The answer is five over eight.", r"\frac58"),
        ("The answer is 7 grand.", "7000"),
        ("The answer is 5 over 8.", r"\frac58"),
        ("The answer is half a dozen.", "6"),
        ("The answer is forty-two.", "42"),
        ("The answer is two hundred and six.", "206"),
    ],
)
def test_numbers_in_words_within_the_grammar_pass(v: MathVerifier, completion: str, gold: str) -> None:
    assert passes(v, completion, gold)


# ---------------------------------------------------------------- calculator annotations


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        (r"\boxed{7} <<or 8>>", "7"),
        ("#### 12 <<unsure>>", "12"),
        ("The answer is 9 <<10?>>.", "9"),
        (r"\boxed{4}<<4*2=8>>", "4"),  # an annotation whose result is not what follows it
        ("<answer>6 <<or 7>></answer>", "6"),
    ],
)
def test_only_arithmetic_calculator_annotations_are_removed(v: MathVerifier, completion: str, gold: str) -> None:
    assert not passes(v, completion, gold)


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        ("He buys 4 * 3 = <<4*3=12>>12 pens.\n#### 12", "12"),
        ("She pays 2 * 9 = $<<2*9=18>>18.\n#### 18", "18"),
        ("Left: 20 - 7.5 = <<20-7.5=12.5>>12.5 kg.\n#### 12.5", "12.5"),
    ],
)
def test_gsm8k_calculator_annotations_still_removed(v: MathVerifier, completion: str, gold: str) -> None:
    assert passes(v, completion, gold, answer_form="number")


# ---------------------------------------------------------------- unevaluated operators, 0^0


@pytest.mark.parametrize(
    ("answer", "gold"),
    [
        (r"\boxed{\int_0^2 3x^2\,dx}", "8"),
        (r"\boxed{\sum_{j=1}^{20} j}", "210"),
        (r"\boxed{\prod_{j=1}^{4} j}", "24"),
        (r"\boxed{\lim_{t\to 0}\frac{\tan t}{t}}", "1"),
        (r"\boxed{\det\begin{pmatrix}2&0\\0&3\end{pmatrix}}", "6"),
        (r"\boxed{\frac{d}{dx} x^2}", "2x"),
        (r"\boxed{\sum_{k=1}^{n} k}", r"\frac{n(n+1)}{2}"),
        (r"\boxed{0^0}", "1"),
        (r"\boxed{0^{0}}", "0"),
    ],
)
def test_an_operator_left_unevaluated_restates_the_problem(v: MathVerifier, answer: str, gold: str) -> None:
    assert not passes(v, answer, gold)


@pytest.mark.parametrize(
    ("answer", "gold"),
    [
        (r"\boxed{2\cdot 3}", "6"),  # arithmetic keeps its documented reading in expression mode
        (r"\boxed{2^{10}}", "1024"),
        (r"\boxed{\binom{5}{2}}", "10"),
        (r"\boxed{\sum_{k=1}^{10} k}", r"\sum_{k=0}^{10} k"),  # the gold holds the operator too
        (r"\boxed{\int_0^1 x^2\,dx}", r"\int_0^1 t^2\,dt"),
        (r"\boxed{\gcd(12, 18)}", "6"),  # gcd and lcm are functions of numbers, like \binom
        (r"\boxed{\text{lcm}(4, 10)}", "20"),
        (r"\boxed{0}", "0"),
        (r"\boxed{5^0}", "1"),
    ],
)
def test_finished_computations_and_matching_operators_pass(v: MathVerifier, answer: str, gold: str) -> None:
    assert passes(v, answer, gold)


# ---------------------------------------------------------------- notation look-alikes, wrappers, emphasis, nouns


@pytest.mark.parametrize(
    ("answer", "gold"),
    [
        (r"\boxed{60º}", r"60^\circ"),  # the ordinal indicator typed for a degree sign
        (r"\boxed{75˚}", r"75^\circ"),  # the ring above
        (r"\boxed{90∘}", r"90^\circ"),  # the ring operator
        (r"\boxed{15^{o}}", r"15^\circ"),
        (r"\boxed{15^o}", r"15^\circ"),
        (r"\boxed{120^{\text{o}}}", r"120^\circ"),
        ("\\boxed{0.6\u0305}", r"\frac23"),  # a combining overline: a repeating digit
        ("\\boxed{0.2\u03057\u0305}", r"\frac{27}{99}"),
        (r"\boxed{0.\dot{6}}", r"\frac23"),
        (r"\boxed{0.\dot{1}2\dot{3}}", r"\frac{123}{999}"),
        (r"\boxed{y ⩽ 7}", r"y \le 7"),
        (r"\boxed{⌊7.9⌋}", "7"),
        (r"\boxed{⌈-1.5⌉}", "-1"),
    ],
)
def test_notation_look_alikes_read_as_the_notation(v: MathVerifier, answer: str, gold: str) -> None:
    assert passes(v, answer, gold)


@pytest.mark.parametrize(
    ("answer", "gold"),
    [
        (r"\boxed{60º}", r"50^\circ"),
        (r"\boxed{15^{o}}", r"16^\circ"),
        ("\\boxed{0.6\u0305}", "0.6"),  # repeating, not the terminating decimal
        (r"\boxed{0.\dot{6}}", r"\frac35"),
        (r"\boxed{y ⩽ 7}", r"y \ge 7"),
        (r"\boxed{⌊7.9⌋}", "8"),
        (r"\boxed{x^o}", "x"),  # a letter, not a degree
    ],
)
def test_notation_look_alikes_keep_their_value(v: MathVerifier, answer: str, gold: str) -> None:
    assert not passes(v, answer, gold)


@pytest.mark.parametrize(
    "wrapped",
    [
        r"\ensuremath{8}",
        r"\smash{8}",
        r"\smash[b]{8}",
        r"\strut 8",
        r"\mathstrut 8",
        r"\llap{8}",
        r"\mathclap{8}",
        r"\raisebox{-1ex}{8}",
        r"\makebox[2em][l]{8}",
        r"\relax 8",
        r"\hl{8}",
    ],
)
def test_formatting_wrappers_are_transparent(v: MathVerifier, wrapped: str) -> None:
    assert passes(v, f"The final answer is $\\boxed{{{wrapped}}}$.", "8")
    assert not passes(v, f"The final answer is $\\boxed{{{wrapped}}}$.", "9")


@pytest.mark.parametrize(
    "completion",
    ["The answer is ***7***.", "***7***", "**_7_**", "_**7**_", "The answer is ___7___.", "==7==", "Answer: ***$7$***"],
)
def test_bold_italic_and_highlighted_values_are_read(v: MathVerifier, completion: str) -> None:
    assert passes(v, completion, "7")
    assert not passes(v, completion, "8")


@pytest.mark.parametrize("noun", ["elk", "reindeer", "cod", "squid", "hovercraft", "buffalo"])
def test_zero_plural_count_nouns(v: MathVerifier, noun: str) -> None:
    assert passes(v, f"There are $\\boxed{{6}}$ {noun}.", "6")
    assert not passes(v, f"There are $\\boxed{{6}}$ {noun}.", "7")


@pytest.mark.parametrize(
    ("answer", "gold", "same"),
    [
        (r"\boxed{x^3+K}", "x^3+C", True),
        (r"\boxed{\sin x + C_1}", r"\sin x + C", True),
        (r"\boxed{\frac{(x+1)^2}{2}+c}", r"\frac{x^2}{2}+x+C", True),  # differ by the constant 1/2
        (r"\boxed{x^3+D}", "x^3+C", True),
        (r"\boxed{x^3+x+K}", "x^3+C", False),
        (r"\boxed{2\sin x + C}", r"\sin x + C", False),
        (r"\boxed{x^3}", "x^3+C", False),
        (r"\boxed{x^3+K}", "x^3", False),
    ],
)
def test_constants_of_integration(v: MathVerifier, answer: str, gold: str, same: bool) -> None:
    assert passes(v, answer, gold) is same


@pytest.mark.parametrize(
    ("answer", "gold", "same"),
    [
        (r"\boxed{\{t \in \mathbb{R} : t < -1\}}", r"(-\infty,-1)", True),
        (r"\boxed{\{t \mid 0 \le t \le 3, t \in \mathbb{R}\}}", "[0,3]", True),
        (r"\boxed{\{t \in \mathbb{R} : t < -1\}}", r"(-\infty,-1]", False),
        (r"\boxed{\{t \in \mathbb{Z} : 0 \le t \le 3\}}", "[0,3]", False),  # integers: another set
    ],
)
def test_set_builder_with_a_real_domain(v: MathVerifier, answer: str, gold: str, same: bool) -> None:
    assert passes(v, answer, gold) is same


@pytest.mark.parametrize(
    ("answer", "same"),
    [
        (r"\boxed{V_{\text{max}} = 12}", True),
        (r"\boxed{t_{\text{min}}=12}", True),
        (r"\boxed{m_{\text{largest}} = 12}", True),
        (r"\boxed{V_{\text{max}} = 13}", False),
        (r"\boxed{V_{\text{guess}} = 12}", False),  # a subscript that disowns the value
        (r"\boxed{V_{\text{approx}} = 12}", False),
    ],
)
def test_extreme_value_labels(v: MathVerifier, answer: str, same: bool) -> None:
    assert passes(v, answer, "12") is same


@pytest.mark.parametrize(
    ("answer", "gold"),
    [(r"\boxed{{}_{7}C_{3}}", "35"), (r"\boxed{a_{1}_{2}}", "a_{1}_{2}"), (r"$x_1 + x_2 = 5$ so \boxed{5}", "5")],
)
def test_latex_scripts_are_no_emphasis(v: MathVerifier, answer: str, gold: str) -> None:
    assert passes(v, answer, gold)
