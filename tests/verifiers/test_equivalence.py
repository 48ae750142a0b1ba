"""Math equivalence, class by class, positives and negatives (in-process; the pool is tested in test_math)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from rlvr.verifiers.equivalence import AnswerTooComplex, MatchOptions, equivalent
from rlvr.verifiers.normalize import Num, numbers_match, parse_number
from rlvr.verifiers.structure import Bad, Choice, Coll, Equation, Intervals, Labelled, Matrix, Scalar, Text, parse

CASES = [
    # integers and decimals
    ("3.0", "3", True),
    ("1,000", "1000", True),
    ("1e3", "1000", True),
    ("-7", "-7", True),
    ("007", "7", True),
    ("3.01", "3", False),
    ("1,000", "100", False),
    ("-7", "7", False),
    (r"1.5\times10^{3}", "1500", True),
    # fractions vs decimals (policy: >= 4 significant digits, rounded at the decimal's last digit)
    ("0.5", r"\frac{1}{2}", True),
    (r"\frac12", "0.5", True),
    ("0.3333", r"\frac{1}{3}", True),
    ("0.333", r"\frac{1}{3}", False),
    ("0.33333333", r"\frac{1}{3}", True),
    (r"\frac{1}{3}", "0.33", True),
    (r"\frac{1}{3}", "0.3", True),
    (r"\frac{2}{3}", "0.6", False),
    (r"\frac{\sqrt{2}}{2}", "0.71", True),
    (r"\sqrt{2}", "1.42", False),
    ("0.6667", r"\frac23", True),
    ("0.6666", r"\frac23", False),  # truncated, not rounded
    ("0.666", r"\frac23", False),
    ("0.33", r"\frac13", False),
    ("0.3", r"\frac13", False),
    ("0.665", r"\frac23", False),
    ("3/4", r"\dfrac{3}{4}", True),
    (r"\frac{6}{8}", "0.75", True),
    ("0.76", "3/4", False),
    ("2.9999", "3", False),
    ("0.7071", r"\frac{\sqrt{2}}{2}", True),
    ("0.707", r"\frac{\sqrt{2}}{2}", False),
    ("0.70", r"\frac{\sqrt{2}}{2}", False),
    # percent
    (r"50\%", "50", True),
    (r"50\%", "0.5", True),
    ("50", r"50\%", True),
    (r"25\%", "0.5", False),
    ("50%", r"50\%", True),
    # units and currency
    (r"\$5", "5", True),
    (r"5\text{ cm}", "5", True),
    ("5 dollars", "5", True),
    (r"12\text{ cm}^2", "12", True),
    (r"\$5.50", "5.5", True),
    (r"6\text{ cm}", "5", False),
    ("3x", "3", False),
    # degrees
    (r"30^\circ", "30", True),
    (r"30^{\circ}", r"\frac{\pi}{6}", True),
    ("30°", "30", True),
    (r"45^\circ", r"\frac{\pi}{6}", False),
    # equations
    ("x=2", "2", True),
    ("2", "x = 2", True),
    ("x=3", "2", False),
    ("y=2x+1", "2x-y+1=0", True),
    ("y=2x+1", "y=2x-1", False),
    ("2y=4x+2", "y=2x+1", True),
    ("x+y=1", "x-y=1", False),
    # inequalities vs intervals
    ("x>2", r"(2,\infty)", True),
    (r"x\ge 2", r"[2,\infty)", True),
    (r"x \geq 2", r"(2,\infty)", False),
    (r"-1<x\le 2", r"(-1,2]", True),
    (r"2 > x", r"(-\infty, 2)", True),
    ("x<3", r"(-\infty,3]", False),
    (r"x<1 \text{ or } x>2", r"(-\infty,1)\cup(2,\infty)", True),
    (r"(2,\infty)\cup(-\infty,1)", r"(-\infty,1)\cup(2,\infty)", True),
    (r"x \in [1,2]", "[1,2]", True),
    (r"(-\infty,1]\cup(2,\infty)", r"(-\infty,1)\cup(2,\infty)", False),
    # intervals
    ("[1,2)", "[1,2)", True),
    ("[1,2)", "[1,2]", False),
    (r"\left[1, 2\right)", "[1,2)", True),
    ("(1,2]", "(1,2)", False),
    (r"(0,\frac12)", "(0, 0.5)", True),
    # sets (unordered) and tuples (ordered)
    (r"\{3,2,1\}", r"\{1,2,3\}", True),
    (r"\{1,2\}", r"\{1,2,3\}", False),
    ("2, 3", "3, 2", True),
    ("2,3", "2,4", False),
    ("(1,2)", "(1,2)", True),
    ("(1,2)", "(2,1)", False),
    (r"\left(1,2\right)", "(1, 2)", True),
    (r"(\frac12, 3)", "(0.5, 3)", True),
    (r"x=1 \text{ or } x=-1", r"\{-1, 1\}", True),
    ("x = 1, 2", "2, 1", True),
    (r"\langle 1,2,3\rangle", "(1,2,3)", True),
    # plain braces: grouping, or a set when listed
    (r"\{3,2,1\}", "{1,2,3}", True),
    ("{5}", "5", True),
    ("{{{{1}}}}", "1", True),
    (r"\cfrac{1}{2}", "0.5", True),
    # matrices
    (r"\begin{pmatrix}1&2\\3&4\end{pmatrix}", r"\begin{bmatrix}1&2\\3&4\end{bmatrix}", True),
    (r"\begin{pmatrix}1&2\\3&4\end{pmatrix}", r"\begin{pmatrix}1&3\\2&4\end{pmatrix}", False),
    (r"\begin{pmatrix}\frac12\\2\end{pmatrix}", r"\begin{pmatrix}0.5\\2\end{pmatrix}", True),
    (r"\begin{pmatrix}1\\2\end{pmatrix}", "(1,2)", True),
    (r"\begin{pmatrix}1&2\end{pmatrix}", r"\begin{pmatrix}1\\2\\3\end{pmatrix}", False),
    # radicals and symbolic identities
    (r"\frac{\sqrt2}{2}", r"\frac{1}{\sqrt2}", True),
    (r"\sqrt{12}", r"2\sqrt{3}", True),
    (r"\sqrt{8}", r"3\sqrt2", False),
    ("x^2-1", "(x-1)(x+1)", True),
    ("(x+1)^2", "x^2+2x+1", True),
    ("(x+1)^2", "x^2+1", False),
    (r"\sin^2 x + \cos^2 x", "1", True),
    (r"\frac{1}{\sqrt{3}}", r"\frac{\sqrt{3}}{3}", True),
    # pi
    (r"2\pi", r"\pi \cdot 2", True),
    ("π", r"\pi", True),
    ("3.1416", r"\pi", True),
    ("3.14", r"\pi", False),
    ("3", r"\pi", False),
    (r"\frac{\pi}{2}", r"\pi", False),
    # plus-minus
    (r"\pm 2", "2, -2", True),
    (r"1\pm\sqrt3", r"1-\sqrt3, 1+\sqrt3", True),
    (r"\pm 2", "2", False),
    # choices
    (r"\text{(B)}", "B", True),
    ("(B)", "B", True),
    ("B", r"\text{(B)}", True),
    ("C", "B", False),
    ("(C)", "B", False),
    # complex numbers
    ("3+4i", "4i+3", True),
    ("3-4i", "3+4i", False),
    (r"\frac{1+i}{2}", "0.5+0.5i", True),
    ("i^2", "-1", True),
    # exactness where it matters
    (r"\frac{1}{2^{99}}", r"\frac{1}{2^{98}}", False),
    (r"\frac{1}{2004!}", r"\frac{1}{2006!}", False),
    (r"1-\frac{1}{e}", r"1+\frac{1}{e}", False),
    (r"1-\frac1e", r"\frac{e-1}{e}", True),
    (r"2^{100}", "2^{100}+1", False),
    (r"2^{10}", "1024", True),
    (r"10^{-30}", r"10^{-31}", False),
    (r"\pi+10^{-25}", r"\pi", False),
    # infinity
    (r"\infty", r"\infty", True),
    (r"-\infty", r"\infty", False),
]


@pytest.mark.parametrize(("pred", "gold", "expected"), CASES)
def test_equivalence(pred: str, gold: str, expected: bool) -> None:
    assert equivalent(pred, gold) is expected


# the classes of issue 18: each wrong answer below passed before; positives next to them
ISSUE_18 = [
    # words after the number are kept
    (r"2 \text{ or three}", "2", False),
    (r"2 \text{ more}", "2", False),
    (r"2\text{ million}", "2", False),
    (r"2\text{ million}", "2000000", True),
    (r"2 \text{ dozen}", "24", True),
    (r"2 \text{ dozen apples}", "24", True),
    (r"2 \text{ million dollars}", "2", False),
    (r"2 \text{ red apples}", "2", True),
    (r"2 \text{ extra apples}", "2", False),
    (r"2 \text{ pairs}", "2", False),
    (r"18 \text{ apples}", "18", True),
    # units compared: a missing unit may match, a different one never
    (r"5\text{ cm}", r"5 \text{ m}", False),
    (r"5\text{ cm}^2", r"5 \text{ cm}", False),
    (r"5\text{ kilometers}", r"5 \text{ km}", True),
    (r"12\text{ square feet}", r"12\text{ ft}^2", True),
    (r"5\text{ cm}", "5", True),
    ("5", r"5\text{ cm}", True),
    # spacing never joins numbers; TeX thousands separators do
    (r"1 \quad 2", "12", False),
    (r"1\ 2", "12", False),
    (r"1{,}000", "1000", True),
    (r"10,\!000", "10000", True),
    # percent and degrees: one reading
    (r"0.5\%", r"50\%", False),
    (r"50\%", r"0.5\%", False),
    (r"0.5\%", "0.5", True),
    (r"\frac{\pi}{6}^\circ", r"30^\circ", False),
    (r"60^\circ", r"\frac{\pi}{3}", True),
    ("60", r"\frac{\pi}{3}", False),
    # the decimal rule: rounding to the given digits, both directions
    ("0.3334", r"\frac13", False),
    ("1.415", r"\sqrt2", False),
    ("1.414", r"\sqrt2", True),
    ("3.142", r"\pi", True),
    ("3.141", r"\pi", False),
    (r"\frac{1}{8}", "0.13", True),  # a tie rounds either way
    (r"\frac{1}{8}", "0.12", True),
    ("0.13", "0.125", False),  # two decimals: equal values only
    # scientific notation is exact
    (r"1.235 \times 10^8", "123456789", False),
    ("2.000e4", "20004", False),
    ("2.000e4", "20000", True),
    # colons are times and ratios; undefined values equal nothing
    ("1:05", "3:15", False),
    ("3:00", "5:00", False),
    ("3:15", r"3:15 \text{ PM}", True),
    ("2:4", "1:2", True),
    (r"\frac{1}{0}", r"\frac{2}{0}", False),
    (r"\frac{0}{0}", "1", False),
    # number bases
    ("1011_3", "1011_2", False),
    ("1011", "1011_2", True),
    ("102_2", "2", False),
    ("A3_{16}", "A3_{16}", True),
    # case is significant, except in text
    ("0", "R - r", False),
    ("-1", "I^2", False),
    ("R - r", "-r + R", True),
    (r"\text{May}", r"\text{Amy}", False),
    (r"\text{monday}", r"\text{Monday}", True),
    (r"\angle BAC", r"\angle ABC", False),
    ("AB", "BA", False),
    ("ab", "ba", True),
    # identities are proven, never sampled
    (r"x + \sin(1995\pi x)", "x", False),
    (r"\cos(10^{-50})", "1", False),
    (r"x^2 + 10^{-40}x", "x^2", False),
    (r"\ln(e^{x})", "x", True),
    (r"\sqrt{3+2\sqrt2}", r"1+\sqrt2", True),
    (r"\tan\frac{\pi}{12}", r"2-\sqrt3", True),
    (r"\cos\frac{\pi}{5}", r"\frac{1+\sqrt5}{4}", True),
    # hedges
    (r"2 \text{ or } 3", "2", False),
    (r"2 \text{ or } 3", "3, 2", True),
    (r"\pm 2", "2", False),
    (r"\frac{-1 \pm \sqrt{5}}{2}", r"\frac{-1+\sqrt5}{2}, \frac{-1-\sqrt5}{2}", True),
    (r"\frac12 \text{ (or } 0.5)", r"\frac12", True),
    (r"2 \text{ (or } 3)", "2", False),
    # relations, structures, labels
    (r"x \ne 2", "2", False),
    (r"x \ne 2", r"(-\infty,2)\cup(2,\infty)", True),
    (r"x \approx 2", "2", True),  # an approximation is read as its value
    (r"\text{nearly } 2", "2", False),  # "nearly" means a little less
    (r"x = \frac13 \approx 0.3", r"\frac13", True),  # approximations after an exact value are dropped
    (r"x \approx 3.1416", r"\pi", True),
    ("x = 1, y = 2", "(2, 1)", False),
    ("x = 2, y = 1", "(2, 1)", True),
    ("q = 2, p = 3", "(p,q)=(3,2)", True),
    ("(3,2)", "(p,q)=(3,2)", True),
    (r"x<1 \text{ and } x>2", r"(-\infty,1)\cup(2,\infty)", False),
    (r"x>1 \text{ and } x<3", "(1,3)", True),
    (r"(-\infty,1)\cup[1,2]", r"(-\infty,2]", True),
    (r"\{1,2\}", "(1,2)", False),
    ("(1,2)", r"\{1,2\}", False),
    ("a + b = 12", "12", True),
    ("m + n = 7 + 3 = 10", "10", True),
    ("x = 5 + 5 + 1 = 11", "x = 11", True),  # a true chain is its last value
    ("x = 5 + 5 + 1 = 7 = 11", "x = 11", False),  # a chain with a false link states nothing
    ("x = 3 = 2", "3", False),
    ("1", "2x + z = 1", False),  # a gold equation is not the value 1
    ("-x > -1", "x < 1", True),
    ("2x + 1 \\le 5", r"x \le 2", True),
    ("-x > -1", "x > 1", False),
    ("4 4/9", r"\frac{40}{9}", True),  # a mixed number
    ("4 4/9", "4", False),
    ("11 6/6", "12", False),  # not a mixed number
    (r"\{-1\} \cup [0, 7)", r"[0,7) \cup \{-1\}", True),
    ("1, 2, 3, \\ldots", "1, 2, 3", False),
    (
        r"\begin{pmatrix}1&2\\3&4\end{pmatrix} + \begin{pmatrix}5&6\\7&8\end{pmatrix}",
        r"\begin{pmatrix}6&8\\10&12\end{pmatrix}",
        True,
    ),
    (r"x \not= 2", "2", False),
    (r"f^{-1}(x) = \frac{x+2}{3}", r"\frac{x+2}{3}", True),
    ("y = 3 + 2x", "2x - y + 3 = 0", True),
    (r"\emptyset", r"\{\}", True),
    (r"\mathbb{R}", r"(-\infty, \infty)", True),
]


@pytest.mark.parametrize(("pred", "gold", "expected"), ISSUE_18)
def test_issue_18_classes(pred: str, gold: str, expected: bool) -> None:
    assert equivalent(pred, gold) is expected


def test_policy_knobs() -> None:
    assert equivalent("0.33", r"\frac13", MatchOptions(min_sig_digits=2)) is True
    assert equivalent(r"50\%", "0.5", MatchOptions(percent=False)) is False
    assert equivalent(r"50\%", "50", MatchOptions(percent=False)) is True  # a dropped sign is still read
    assert equivalent(r"30^\circ", r"\frac{\pi}{6}", MatchOptions(degrees=False)) is False


def test_parse_number_is_exact() -> None:
    assert parse_number("-1,250.50") == Num(value=Fraction(-2501, 2), places=2, sig=6)
    assert parse_number("1e-3").value * 1000 == 1
    assert parse_number(r"1.5\times10^{3}") == Num(Fraction(1500))
    assert parse_number("1,2") is None
    assert parse_number(r"-\frac{3}{4}").value == parse_number("-0.75").value
    assert parse_number(r"\frac12").value == Fraction(1, 2)
    assert parse_number("1/0") is None
    assert parse_number("1e999999999") is None  # bounded before any arithmetic
    assert numbers_match(parse_number("0.1"), parse_number(r"\frac{1}{10}"))


def test_structure_kinds() -> None:
    assert isinstance(parse("(1,2)"), Coll) and parse("(1,2)").kind == "tuple"
    assert isinstance(parse("[1,2)"), Intervals)
    assert parse(r"\{1,2\}") == Coll("set", (parse("1"), parse("2")))
    assert isinstance(parse("x=2"), Labelled)
    assert isinstance(parse("2x - y + 1 = 0"), Equation)
    assert isinstance(parse(r"\begin{bmatrix}1\end{bmatrix}"), Matrix)
    assert parse(r"\text{(B)}") == Choice("B")
    assert parse(r"\text{Monday}") == Text("monday")
    assert isinstance(parse(r"2 \text{ more}"), Bad)
    five_cm = parse(r"5\,\mathrm{cm}")
    assert isinstance(five_cm, Scalar) and (five_cm.unit, five_cm.num) == ("cm", Num(Fraction(5)))


@pytest.mark.parametrize("text", ["1" * 1001, "(" * 50 + "1" + ")" * 50])
def test_caps(text: str) -> None:
    with pytest.raises(AnswerTooComplex):
        parse(text)


@pytest.mark.parametrize(
    "text", [r"2^{2^{2^{100}}}", r"(10^{10})!", r"x^{10^{9}}", r"3^{10^{8}}+1", "1e999999999", r"(10^{5000000})^{10}"]
)
def test_huge_values_are_refused_not_evaluated(text: str) -> None:
    with pytest.raises(AnswerTooComplex, match="too large"):
        equivalent(text, r"\sqrt2")


def test_large_but_exact_values_still_decide() -> None:
    assert equivalent(r"2^{2^{20}}", r"2^{2^{20}}+1") is False
    assert equivalent(r"10^{100000}", r"10^{99999}\cdot 10") is True
