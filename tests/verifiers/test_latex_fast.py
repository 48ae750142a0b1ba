"""The LaTeX parser agrees with latex2sympy2_extended (up to case, which it keeps) and refuses what it does not cover."""

from __future__ import annotations

import pytest
import sympy
from latex2sympy2_extended import NormalizationConfig, latex2sympy

from rlvr.verifiers.latex_fast import Unsupported, parse_latex_fast

SUBSET = [
    r"\frac{\sqrt2}{2}",
    r"\frac{1}{\sqrt{2}}",
    r"1-\frac1e",
    r"\frac{1}{2^{99}}",
    r"\frac{1}{2004!}",
    r"2x^2-3x+1",
    r"2\frac{1}{2}",
    r"\frac{3\pi}{4}",
    r"\frac34\pi",
    r"\pi r^2",
    r"(x+1)(x-1)",
    r"x^{-1}",
    r"2^{-3}",
    r"-x^2",
    r"\sqrt[3]{27}",
    r"3\cdot 4",
    r"3\times4",
    r"\frac{x^2-4}{x-2}",
    r"e^{-20}",
    r"10^{-30}",
    r"3+4i",
    r"1.5x",
    r"\frac12x",
    r"ab",
    r"X+Y",
    r"E",
    r"2\sqrt{3}",
    r"5!",
    r"\sqrt2\sqrt3",
    r"2^{2^{3}}",
    r"4-2-1",
    r"8/4/2",
    r"2(3+4)",
    r"\sin x",
    r"\sin^2 x + \cos^2 x",
    r"\log_2 8",
    r"\ln x",
    r"|x-1|",
    r"\binom{5}{2}",
    r"x_1 + x_2",
    r"\frac{\sqrt{3}}{2}\pi",
]
NORM = NormalizationConfig(
    basic_latex=True, units=False, malformed_operators=True, nits=False, boxed="none", equations=False
)


def _exact(e: sympy.Expr) -> sympy.Expr:
    """Evaluated, decimals exact, symbols case-folded as latex2sympy2_extended does (``e``, ``i`` as constants)."""
    e = e.doit()
    e = e.xreplace({f: sympy.Rational(str(f)) for f in e.atoms(sympy.Float)})
    fold = {"e": sympy.E, "i": sympy.I}
    return e.xreplace({s: fold.get(s.name.lower(), sympy.Symbol(s.name.lower())) for s in e.free_symbols})


@pytest.mark.parametrize("text", SUBSET)
def test_agrees_with_latex2sympy(text: str) -> None:
    assert sympy.simplify(_exact(parse_latex_fast(text)) - _exact(latex2sympy(text, normalization_config=NORM))) == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [("R-r", "0"), ("X", "x"), (r"\Delta", r"\delta"), (r"\angle ABC", r"\angle BAC"), ("AB", "BA"), ("may", "amy")],
)
def test_case_and_order_are_kept(a: str, b: str) -> None:
    assert parse_latex_fast(a).doit() != parse_latex_fast(b).doit()


def test_named_symbols_and_products() -> None:
    assert parse_latex_fast("ab").doit() == parse_latex_fast("ba").doit()  # two letters: a product
    assert parse_latex_fast("abc").doit() == sympy.Symbol("abc")  # three or more: one name
    assert parse_latex_fast(r"\angle ABC").doit() == sympy.Symbol("angle ABC")


@pytest.mark.parametrize(
    "text",
    [
        r"\{1\}",
        r"a/b c",
        r"x^23",
        r"2 3",
        r"1 \quad 2",
        r"(1,2)",
        "",
        r"\begin{cases}1\end{cases}",
        "__import__('os')",
        r"\text{or}",
        r"\int_0^1 x\,dx",
    ],
)
def test_refuses_outside_the_subset(text: str) -> None:
    with pytest.raises(Unsupported):
        parse_latex_fast(text)


def test_matrices_and_their_arithmetic() -> None:
    a = parse_latex_fast(r"\begin{pmatrix}1&2\\3&4\end{pmatrix}")
    assert a == sympy.ImmutableMatrix([[1, 2], [3, 4]])
    assert parse_latex_fast(
        r"\begin{pmatrix}1&2\\3&4\end{pmatrix} + \begin{bmatrix}1&0\\0&1\end{bmatrix}"
    ) == sympy.ImmutableMatrix([[2, 2], [3, 5]])


def test_mixed_numbers() -> None:
    assert parse_latex_fast("4 4/9").doit() == sympy.Rational(40, 9)
    assert parse_latex_fast(r"2\frac{1}{2}").doit() == sympy.Rational(5, 2)


def test_builds_exact_values() -> None:
    assert parse_latex_fast("0.1").doit() == sympy.Rational(1, 10)
    assert parse_latex_fast(r"2\frac{1}{2}").doit() == sympy.Rational(5, 2)
    assert parse_latex_fast(r"\frac{1}{2^{99}}").doit() == sympy.Rational(1, 2**99)
