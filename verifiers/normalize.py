"""Exact numbers of answers, and the decimal rule.

:func:`number_value` reads a plain number written in tokens (``-1,250.5``, ``1.5\\times10^{3}``, ``1e3``,
``\\frac{3}{4}``, ``3/4``) as a :class:`fractions.Fraction`, remembering whether it was written as a decimal and
to how many places, which is what the decimal rule needs. Exponents and lengths are bounded *before* any
exact arithmetic (``1e999999999`` is not a number here; the worker refuses it).

The decimal rule (:func:`numbers_match`): a decimal literal with ``p`` digits after the point stands for the
values that round to it at ``p`` places, ``|v - d| <= ½·10^-p``, the same test whichever side wrote it (a
decimal written with dots, ``0.6666\\ldots``, stands for the values it truncates).
A decimal *gold* states the precision asked for, so any exact answer that rounds to it matches. A decimal
*answer* matches an exact gold that rounds to it only when it carries at least ``min_sig_digits``
significant digits (``0.3333`` = 1/3; ``0.333``, ``3.14`` ≠ π). Two decimal literals match only when equal as
numbers (``0.50`` = ``0.5``). Scientific notation is exact: ``1.235\\times10^8`` is 123,500,000.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from rlvr.verifiers.lexer import Tok, lex

#: a decimal answer must carry at least this many significant digits to match a non-decimal exact gold
MIN_SIG_DIGITS = 4
#: exponents of scientific notation beyond this are not read as exact numbers in the caller
MAX_QUICK_EXPONENT = 400
#: digit strings longer than this are not read as exact numbers
MAX_DIGITS = 2000


@dataclass(frozen=True)
class Num:
    """An exactly parsed number. ``places``: digits after the point of a decimal literal, ``None`` for an
    exact integer, fraction, repeating decimal (``0.\\overline{3}``) or scientific-notation value; ``sig``:
    significant digits of a decimal literal; ``trailing``: written with dots (``0.3333\\ldots``);
    ``unreduced``: a fraction not in lowest terms or over 1 (``\\frac{46}{2}``, ``23/1``) or scientific notation
    with a mantissa outside [1, 10) (``230 \\times 10^{-1}``): arithmetic left to do."""

    value: Fraction
    places: int | None = None
    sig: int = 0
    trailing: bool = False  # written with "…": the digits go on (truncation, not rounding)
    unreduced: bool = False


def _strip_ws(toks: list[Tok]) -> list[Tok]:
    return [t for t in toks if t[0] != "ws"]


def _int(tok: Tok) -> int | None:
    if tok[0] == "num" and "." not in tok[1] and len(tok[1]) <= MAX_DIGITS:
        return int(tok[1])
    return None


def _decimal(text: str) -> Num:
    whole, _, frac = text.partition(".")
    value = Fraction(int((whole or "0") + frac), 10 ** len(frac))
    if not _:
        return Num(value)
    mantissa = ((whole or "0") + frac).lstrip("0")
    return Num(value, places=len(frac), sig=len(mantissa) if mantissa else 1)


def number_value(toks: list[Tok]) -> Num | None:
    """``toks`` as an exact number, or ``None`` when they are not a plain number (see the module docstring)."""
    t = _strip_ws(toks)
    if not t or len(t) > 12:
        return None
    sign = 1
    if t[0] in (("op", "-"), ("op", "+")):
        sign = -1 if t[0][1] == "-" else 1
        t = t[1:]
        if not t:
            return None
    if len(t) == 8 and t[0] == ("cmd", "frac") and (t[2] == ("op", "-") or t[5] == ("op", "-")):
        sign = -sign  # \frac{-1}{2}, \frac{1}{-2}: the sign written in the numerator or the denominator
        t = [x for k, x in enumerate(t) if k not in (2, 5) or x != ("op", "-")]
        if len(t) != 7 or len(t) + 1 < len(_strip_ws(toks)):
            return None  # \frac{-1}{-2}, -\frac{-1}{2}: two signs, an expression to simplify
    n = _unsigned(t)
    if n is None:
        return None
    return Num(sign * n.value, n.places, n.sig, n.trailing, n.unreduced)


def _mixed(t: list[Tok]) -> Num | None:
    """A mixed number ``4 4/9`` or ``2\\frac{1}{2}``: a whole number and a proper fraction; ``None`` otherwise."""
    whole = _int(t[0])
    if whole is None:
        return None
    rest = t[1:]
    if len(rest) == 3 and rest[1] == ("op", "/"):
        a, b = _int(rest[0]), _int(rest[2])
    elif (
        len(rest) == 7
        and rest[0] == ("cmd", "frac")
        and [rest[1], rest[3], rest[4], rest[6]]
        == [
            ("op", "{"),
            ("op", "}"),
            ("op", "{"),
            ("op", "}"),
        ]
    ):
        a, b = _int(rest[2]), _int(rest[5])
    elif len(rest) == 2 and rest[0] == ("cmd", "frac") and rest[1][0] == "num" and len(rest[1][1]) == 2:
        a, b = int(rest[1][1][0]), int(rest[1][1][1])
    else:
        return None
    if a is None or b is None or not 0 < a < b:
        return None
    return Num(whole + Fraction(a, b))


def _parenthesised_repeat(t: list[Tok]) -> Num | None:
    """``0.(3)``, ``0.1(6)``: the digits in parentheses repeat (another notation of ``0.\\overline{3}``)."""
    if len(t) == 5 and t[0][0] == "num" and "." not in t[0][1] and t[1] == ("op", "."):
        head, rest = t[0][1] + ".", t[2:]
    elif len(t) == 4 and t[0][0] == "num" and "." in t[0][1]:
        head, rest = t[0][1], t[1:]
    else:
        return None
    if rest[0] != ("op", "(") or rest[2] != ("op", ")") or rest[1][0] != "num" or not rest[1][1].isdigit():
        return None
    return _repeating(
        [("num", head.rstrip(".")), ("op", "."), ("cmd", "overline"), rest[1]]
        if head.endswith(".")
        else [("num", head), ("cmd", "overline"), rest[1]]
    )


def _unsigned(t: list[Tok]) -> Num | None:
    if len(t) in (4, 5) and t[-1] == ("op", ")") and (rep := _parenthesised_repeat(t)) is not None:
        return rep
    if len(t) in (3, 4, 8) and t[0][0] == "num" and (t[1][0] == "num" or t[1] == ("cmd", "frac")):
        return _mixed(t)
    if (
        len(t) >= 2
        and t[0][0] == "num"
        and "." in t[0][1]
        and (t[1:] == [("cmd", "dots")] or t[1:] == [("op", ".")] * 3)
    ):
        repeated = _repeated_block(t[0][1])
        if repeated is not None:  # 0.333\ldots, 0.1666\ldots, 0.142857142857\ldots: the pattern goes on
            return repeated
        d = _decimal(t[0][1])
        return Num(d.value, d.places, d.sig, trailing=True)  # 0.3141\ldots: the digits it truncates
    if len(t) >= 4 and t[0][0] == "num" and (t[1] in _REPEAT or t[1] == ("op", ".") and t[2] in _REPEAT):
        return _repeating(t)
    if len(t) == 1:
        kind, val = t[0]
        if kind == "num" and len(val) <= MAX_DIGITS:
            return _decimal(val)
        if kind == "sci":
            mant, _, exp = val.partition("e")
            e = int(exp)
            if abs(e) > MAX_QUICK_EXPONENT or len(mant) > MAX_DIGITS:
                return None
            m = _decimal(mant).value
            return Num(m * Fraction(10) ** e, unreduced=not _normalised(m, e))
        return None
    # a \times 10^{e}
    if len(t) >= 5 and t[0][0] == "num" and t[1] in (("cmd", "times"), ("cmd", "cdot")) and t[2] == ("num", "10"):
        if t[3] == ("op", "^"):
            rest = t[4:]
            if rest and rest[0] == ("op", "{") and rest[-1] == ("op", "}"):
                rest = rest[1:-1]
            esign = 1
            if rest and rest[0] in (("op", "-"), ("op", "+")):
                esign = -1 if rest[0][1] == "-" else 1
                rest = rest[1:]
            if len(rest) == 1 and (e := _int(rest[0])) is not None and e <= MAX_QUICK_EXPONENT:
                m = _decimal(t[0][1]).value
                return Num(m * Fraction(10) ** (esign * e), unreduced=not _normalised(m, e))
        return None
    # \frac{a}{b}, \frac ab (single digits), a/b
    if t[0] == ("cmd", "frac"):
        rest = t[1:]
        if len(rest) == 1 and rest[0][0] == "num" and len(rest[0][1]) == 2:
            a, b = int(rest[0][1][0]), int(rest[0][1][1])
        elif (
            len(rest) == 6
            and rest[0] == ("op", "{")
            and rest[2] == ("op", "}")
            and rest[3] == ("op", "{")
            and rest[5] == ("op", "}")
        ):
            a_, b_ = _int(rest[1]), _int(rest[4])
            if a_ is None or b_ is None:
                return None
            a, b = a_, b_
        else:
            return None
        return _fraction(a, b)
    if len(t) == 3 and t[1] == ("op", "/"):
        a_, b_ = _int(t[0]), _int(t[2])
        if a_ is None or b_ is None:
            return None
        return _fraction(a_, b_)
    return None


def _normalised(mantissa: Fraction, exponent: int) -> bool:
    """The mantissa of scientific notation is normalised, 1 ≤ |m| < 10, or the exponent is 0 (``23 \\cdot
    10^0`` shifts nothing: it is the mantissa): otherwise (``230 \\times 10^{-1}``, ``0.5e2``) the notation
    leaves a shift of the point to do, like an unreduced fraction."""
    return exponent == 0 or 1 <= abs(mantissa) < 10


def _fraction(a: int, b: int) -> Num | None:
    """``a/b`` written with integers: its value, marked ``unreduced`` unless in lowest terms over b > 1."""
    if not b:
        return None
    return Num(Fraction(a, b), unreduced=b == 1 or math.gcd(a, b) != 1)


def _repeated_block(text: str) -> Num | None:
    """A decimal whose digits end in a block written at least twice (a digit at least twice) before an
    ellipsis: the repeating decimal it shows (``0.1666`` → 1/6), else ``None``."""
    whole, _, frac = text.partition(".")
    if not frac or len(frac) > 200:
        return None
    for size in range(1, len(frac) // 2 + 1):
        block = frac[-size:]
        if frac[-2 * size : -size] == block and not (size > 1 and len(set(block)) == 1):
            head = frac[: len(frac) - 2 * size]
            base = int((whole or "0") + head + block) - int((whole or "0") + head)
            return Num(Fraction(base, 10 ** len(head) * (10**size - 1)))
    return None


#: the marks of a repeating digit block: ``0.\\overline{3}``, ``0.\\bar{3}``, ``0.\\dot{3}``
_REPEAT = (("cmd", "overline"), ("cmd", "bar"), ("cmd", "dot"))


def _repeating(t: list[Tok]) -> Num | None:
    """``0.\\overline{3}``, ``0.1\\overline{6}``: a repeating decimal as its exact fraction."""
    head = t[0][1] + ("." if t[1] == ("op", ".") else "")
    rest = t[2:] if t[1] in _REPEAT else t[3:]
    if len(rest) == 3 and rest[0] == ("op", "{") and rest[2] == ("op", "}") and rest[1][0] == "num":
        rep = rest[1][1]
    elif len(rest) == 1 and rest[0][0] == "num":
        rep = rest[0][1]
    else:
        return None
    whole, _, frac = head.partition(".")
    if not _ or not rep.isdigit() or len(rep) + len(frac) > 200:
        return None
    base = int((whole or "0") + frac + rep) - int((whole or "0") + frac)
    return Num(Fraction(base, 10 ** len(frac) * (10 ** len(rep) - 1)))


def parse_number(text: str) -> Num | None:
    """``text`` (math-mode LaTeX) as an exact number, or ``None`` (see :func:`number_value`)."""
    if len(text) > MAX_DIGITS + 50:
        return None
    toks = lex(text)
    toks = merge_thousands(toks)
    return number_value(toks)


def merge_thousands(toks: list[Tok]) -> list[Tok]:
    """``1,250,000`` (comma groups of three right after the digits, no spaces) as one number token; so is the
    Indian grouping ``1,00,000`` / ``12,34,567`` (groups of two, then a last group of three)."""
    t = toks
    out: list[Tok] = []
    i = 0
    while i < len(t):
        tok = t[i]
        if tok[0] == "num" and "." not in tok[1] and 1 <= len(tok[1]) <= 3 and (not out or out[-1][0] != "num"):
            j, digits = i, tok[1]
            while (
                j + 2 < len(t)
                and t[j + 1] == ("op", ",")
                and t[j + 2][0] == "num"
                and len(t[j + 2][1].split(".")[0]) == 3
                and "." not in digits
            ):
                digits += t[j + 2][1]
                j += 2
            if j == i and len(tok[1]) <= 2:
                j, digits = _indian_groups(t, i)
            if j > i and not (j + 1 < len(t) and t[j + 1][0] == "num"):
                out.append(("num", digits))
                i = j + 1
                continue
        out.append(tok)
        i += 1
    return out


def _indian_groups(t: list[Tok], i: int) -> tuple[int, str]:
    """From ``t[i]`` (one or two digits): comma groups of two and a last group of three (``1,00,000``), as the
    index of the last group and the digits; ``(i, …)`` when the groups do not end so."""
    j, digits = i, t[i][1]
    while j + 2 < len(t) and t[j + 1] == ("op", ",") and t[j + 2][0] == "num" and len(t[j + 2][1]) == 2:
        digits += t[j + 2][1]
        j += 2
    last = t[j + 2][1] if j + 2 < len(t) and t[j + 1] == ("op", ",") and t[j + 2][0] == "num" else ""
    if j == i or len(last.split(".")[0]) != 3:
        return i, t[i][1]
    return j + 2, digits + last


def decimal_matches(
    decimal: Num, exact: Fraction, min_sig_digits: int = MIN_SIG_DIGITS, needs_digits: bool = True
) -> bool:
    """The decimal rule for a decimal literal against an exact value it does not equal exactly.

    ``|d - v| <= ½·10^-places``; ``needs_digits``: the decimal is the answer, so it must also carry
    ``min_sig_digits`` significant digits.
    """
    assert decimal.places is not None
    if needs_digits and decimal.sig < min_sig_digits:
        return False
    if decimal.trailing:  # 0.6666…: the exact value continues the digits
        beyond = (abs(exact) - abs(decimal.value)) * 10**decimal.places
        return (exact >= 0) == (decimal.value >= 0) and 0 <= beyond < 1
    return abs(decimal.value - exact) * 2 * 10**decimal.places <= 1


def numbers_match(pred: Num, gold: Num, min_sig_digits: int = MIN_SIG_DIGITS) -> bool:
    """Exact equality; the decimal rule when exactly one side is a decimal literal (module docstring)."""
    if pred.value == gold.value:
        return True
    if (pred.places is None) == (gold.places is None):
        return False
    if pred.places is not None:
        return decimal_matches(pred, gold.value, min_sig_digits)
    return decimal_matches(gold, pred.value, needs_digits=False)
