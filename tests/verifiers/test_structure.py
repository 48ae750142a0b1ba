"""Lexing and parsing answers: words, units, spacing, case and structure are kept, not normalised away."""

from __future__ import annotations

from fractions import Fraction

import pytest

from rlvr.verifiers.lexer import lex, prose_to_latex
from rlvr.verifiers.lexicon import count_noun, number_words, unit_name
from rlvr.verifiers.normalize import Num
from rlvr.verifiers.structure import (
    Bad,
    Chain,
    Coll,
    Equation,
    Intervals,
    Labelled,
    Ratio,
    Scalar,
    Text,
    Time,
    parse,
    parse_answer,
)


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [
        ("cm", "cm"),
        ("centimeters", "cm"),
        ("square feet", "ft^2"),
        ("cm^2", "cm^2"),
        ("cm²", "cm^2"),
        ("cubic meters", "m^3"),
        ("m/s", "m/s"),
        ("miles per hour", "mph"),
        ("dollars", "$"),
        ("percent", "%"),
        ("degrees", "deg"),
        ("apples", None),
        ("more", None),
        ("x" * 100, None),
    ],
)
def test_unit_names(phrase: str, unit: str | None) -> None:
    assert unit_name(phrase) == unit


@pytest.mark.parametrize(
    ("word", "noun"),
    [
        ("apples", "noun:apple"),
        ("boxes", "noun:box"),
        ("people", "noun:people"),
        ("pairs", None),
        ("halves", None),
        ("times", None),
        ("less", None),
        ("plus", None),
        ("various", None),
        ("Apples", None),
        ("more", None),
    ],
)
def test_count_nouns(word: str, noun: str | None) -> None:
    assert count_noun(word) == noun


def test_singular_nouns_only_after_one() -> None:
    assert count_noun("apple") is None
    assert count_noun("apple", singular_ok=True) == "noun:apple"
    assert count_noun("more", singular_ok=True) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("five", 5), ("twenty-one", 21), ("three hundred five", 305), ("two thousand", 2000), ("many", None)],
)
def test_number_words(text: str, value: int | None) -> None:
    assert number_words(text) == value


def test_lexer_keeps_spacing_words_and_case() -> None:
    assert lex(r"1 \quad 2") == [("num", "1"), ("ws", " "), ("num", "2")]
    for space in (r"\enspace", r"\thinspace", r"\hspace{1cm}", r"\kern1em", r"\!", "~"):
        assert lex("1" + space + "2") == [("num", "1"), ("ws", " "), ("num", "2")], space
    assert lex(r"1{,}000") == [("num", "1000")]
    assert lex(r"2 \text{ or three}") == [("num", "2"), ("ws", " "), ("word", "or"), ("ws", " "), ("word", "three")]
    assert lex("R-r") == [("sym", "R"), ("op", "-"), ("sym", "r")]
    assert lex(r"0.5\%") == [("num", "0.5"), ("unit", "%")]
    assert lex(r"30^{\circ}") == [("num", "30"), ("unit", "deg")]
    assert lex("x <= 3") == [("sym", "x"), ("ws", " "), ("cmd", "le"), ("ws", " "), ("num", "3")]
    assert lex(r"\left( 1 \right)") == [("op", "("), ("ws", " "), ("num", "1"), ("ws", " "), ("op", ")")]
    assert lex(r"\dfrac12") == [("cmd", "frac"), ("num", "12")]


def test_prose_becomes_latex_with_words_kept() -> None:
    assert prose_to_latex("$2$ or $3$").split() == ["2", r"\text{or}", "3"]
    assert prose_to_latex("It costs $5 and $6").split() == [
        r"\text{It}",
        r"\text{costs}",
        r"\$5",
        r"\text{and}",
        r"\$6",
    ]
    assert prose_to_latex("5 square feet").split() == ["5", r"\text{square", "feet}"]
    assert prose_to_latex("x != 2").split() == ["x", "!=", "2"]
    assert prose_to_latex("50%").split() == [r"50\%"]


def _scalar(text: str) -> Scalar:
    node = parse(text)
    assert isinstance(node, Scalar), node
    return node


def test_scalar_attributes() -> None:
    assert (_scalar(r"5\,\mathrm{cm}").unit, _scalar(r"5\,\mathrm{cm}").num) == ("cm", Num(Fraction(5)))
    assert _scalar(r"12\text{ cm}^2").unit == "cm^2"
    assert _scalar(r"\$1,250,000").num == Num(Fraction(1250000)) and _scalar(r"\$1,250,000").unit == "$"
    assert _scalar(r"2\text{ million}").num == Num(Fraction(2_000_000))
    assert (_scalar("1011_2").base, _scalar("1011_2").digits) == (2, "1011")
    assert (_scalar("A3_{16}").base, _scalar("A3_{16}").digits) == (16, "A3")
    assert _scalar(r"\approx 3.14").approx
    assert _scalar(r"0.\overline{3}").num == Num(Fraction(1, 3))
    assert _scalar(r"0.3333\ldots").num == Num(Fraction(1, 3))  # a repeated digit before the dots repeats
    assert _scalar(r"0.3141\ldots").num == Num(Fraction(3141, 10000), 4, 4, trailing=True)  # truncated
    assert _scalar(r"18 \text{ apples}").unit == "noun:apple"


@pytest.mark.parametrize(
    "text",
    [
        r"2 \text{ more}",
        r"2 \text{ extra}",
        r"\text{not } 2",
        r"5 \text{ cm} \text{ m}",
        r"x \ne",
        r"x = 3 \text{ or}",
    ],
)
def test_words_a_value_cannot_carry_make_it_bad(text: str) -> None:
    assert isinstance(parse(text), Bad)


def test_structures() -> None:
    assert parse(r"2 \text{ or } 3") == Coll("or", (parse("2"), parse("3")))
    assert parse(r"2 \text{ and } 3") == Coll("and", (parse("2"), parse("3")))
    assert parse(r"\pm 2").kind == "pm"  # type: ignore[union-attr]
    assert parse("x = 1, y = 2") == Labelled(("x", "y"), (parse("1"), parse("2")))
    assert parse("(p,q)=(3,2)") == Labelled(("p", "q"), (parse("3"), parse("2")))
    assert isinstance(parse("a + b = 12"), Equation)
    assert parse("2 + 3 = 5") == Chain((parse("2 + 3"), parse("5")))  # a chain keeps its links to be checked
    assert parse("x = 5 + 5 + 1 = 11") == Labelled(("x",), (Chain((parse("5 + 5 + 1"), parse("11"))),))
    assert parse(r"x = \frac13 \approx 0.3") == parse(r"x = \frac13")
    assert isinstance(parse(r"x \ne 2"), Intervals) and len(parse(r"x \ne 2").items) == 2  # type: ignore[union-attr]
    assert parse(r"x<1 \text{ and } x>2").op == "intersection"  # type: ignore[union-attr]
    assert parse("3:15") == Time(3, 15) and isinstance(parse("3:2"), Ratio)
    assert parse("five") == parse("5")
    assert parse(r"\text{Amy}") == Text("amy") and parse("Amy") == Text("amy")
    assert parse("(C) 12") == parse("C")


def test_several_parts() -> None:
    assert parse_answer(("12", "7")) == Coll("parts", (parse("12"), parse("7")))
    assert parse_answer(("$2$ or $3$",), "text") == parse(r"2 \text{ or } 3")
