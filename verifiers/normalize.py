"""String-level normalisation of math answers and exact parsing of plain numbers (no sympy).

:func:`normalize` strips presentation (math delimiters, ``\\left``/``\\right``, spacing commands, currency,
units, ``\\%``, degrees, ``\\text{}`` wrappers) and records what it removed. :func:`parse_number` reads a
plain number (``-1,250.5``, ``1e3``, ``\\frac{3}{4}``, ``3/4``) exactly as a :class:`fractions.Fraction`,
remembering whether it was written as a decimal and to which precision, which is what the decimal
tolerance policy (:func:`numbers_match`) needs. All of it is linear-time string work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

#: a decimal answer must carry at least this many significant digits to match a non-decimal exact gold
MIN_SIG_DIGITS = 4

_UNICODE = {
    "π": "\\pi ",
    "√": "\\sqrt",
    "−": "-",
    "–": "-",
    "×": "\\times ",
    "·": "\\cdot ",
    "≤": "\\le ",
    "≥": "\\ge ",
    "≠": "\\ne ",
    "∞": "\\infty ",
    "∪": "\\cup ",
    "∩": "\\cap ",
    "±": "\\pm ",
    "∓": "\\mp ",
    "°": "^\\circ",
    "€": "",
    "£": "",
    "\u00a0": " ",
    "≈": "=",
    "⋅": "\\cdot ",
}
_SPACING = re.compile(r"\\[,;:! ]|\\q?quad\b|~|\\(?:displaystyle|textstyle|scriptstyle|limits|nolimits)\b")
_SIZING = re.compile(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|big|Big|bigg|Bigg)(?![A-Za-z])\.?")
_FRAC = re.compile(r"\\[dtc]frac(?![A-Za-z])")
_DEGREE = re.compile(r"\^\s*\{?\s*\\circ\s*\}?|\\degree\b|\s*\b(?:degrees?|deg)\b\.?$", re.I)
_PERCENT = re.compile(r"\s*(?:\\%|%|\\text\{\s*percent\s*\}|\bpercent\b)\s*$", re.I)
_DOLLAR = re.compile(r"\\\$|\$|\\text\{\s*dollars?\s*\}|\bdollars?\b|\busd\b|\\euro\b|\\pounds\b", re.I)
_UNIT_TEXT = re.compile(
    r"\s*\\(?:text|mbox|mathrm|textrm|textnormal|rm)\s*\{\s*[A-Za-z][A-Za-z .]*\}(?:\^\{?\d\}?)?\s*$"
)
_UNIT_WORDS = re.compile(r"^(?P<num>[-+]?[\d.,]*\d[\d.,]*(?:[eE][-+]?\d+)?)\s+[A-Za-z]{2,}[A-Za-z .]*(?:\^\{?\d\}?)?$")
_TEXT_WRAP = re.compile(r"\\(?:text|mbox|mathrm|textrm|textnormal|textbf|mathbf|operatorname)\s*\{([^{}]*)\}")
_OR = re.compile(r"\\text\{\s*(?:or|and)\s*\}|\s(?:or|and)\s|\\(?:quad|qquad)", re.I)
_WS = re.compile(r"\s+")
_REL = (
    ("\\leqslant", "\\le"),
    ("\\geqslant", "\\ge"),
    ("\\leq", "\\le"),
    ("\\geq", "\\ge"),
    ("\\lt", "<"),
    ("\\gt", ">"),
    ("\\neq", "\\ne"),
    ("\\approx", "="),
    ("\\dbinom", "\\binom"),
    ("\\tbinom", "\\binom"),
    ("\\infin", "\\infty"),
    ("\\to", "\\rightarrow"),
    ("<=", "\\le "),
    (">=", "\\ge "),
    ("==", "="),
)

_NUM = re.compile(r"^([-+])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(?:[eE]([-+]?\d+)|\\times10\^\{?([-+]?\d+)\}?)?$")
_FRAC_NUM = re.compile(r"^([-+])?\\frac\{([-+]?\d+)\}\{([-+]?\d+)\}$|^([-+])?\\frac(\d)(\d)$|^([-+]?\d+)/(\d+)$")


@dataclass(frozen=True)
class Normalized:
    """A normalised answer: ``text`` plus the presentation that was stripped from it."""

    text: str
    percent: bool = False
    degrees: bool = False

    @property
    def key(self) -> str:
        """``text`` without any whitespace: two answers with equal keys are equal."""
        return _WS.sub("", self.text)


@dataclass(frozen=True)
class Num:
    """An exactly parsed number. ``places``: digits after the point of a decimal literal (scientific
    notation folded in, ``1.5e3`` → -2), ``None`` for an exact integer or fraction; ``sig``: significant
    digits of a decimal literal."""

    value: Fraction
    places: int | None = None
    sig: int = 0


def normalize(s: str) -> Normalized:
    """Strip presentation from an extracted answer (see the module docstring)."""
    for a, b in _UNICODE.items():
        if a in s:
            s = s.replace(a, b)
    s = s.strip()
    for a, b in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")):
        if s.startswith(a) and s.endswith(b) and len(s) >= len(a) + len(b):
            s = s[len(a) : len(s) - len(b)]
    s = _SIZING.sub("", _SPACING.sub(" ", s))
    s = _FRAC.sub("\\\\frac", s)
    for a, b in _REL:
        s = re.sub(re.escape(a) + r"(?![A-Za-z])", lambda _m, b=b: b, s)
    s = s.strip().rstrip(".").strip()
    percent = degrees = False
    if _PERCENT.search(s):
        s, percent = _PERCENT.sub("", s), True
    if _DEGREE.search(s):
        s, degrees = _DEGREE.sub("", s), True
    s = _DOLLAR.sub("", s).strip()
    while True:  # trailing unit text: 5\text{ cm}^2, 3 \mbox{meters}
        m = _UNIT_TEXT.search(s)
        if not m or not s[: m.start()].strip():
            break
        s = s[: m.start()].strip()
    m = _UNIT_WORDS.match(s)
    if m:
        s = m.group("num")
    s = _TEXT_WRAP.sub(lambda m: m.group(1), s) if "\\" in s else s
    if _PERCENT.search(s):
        s, percent = _PERCENT.sub("", s), True
    s = _WS.sub(" ", s).strip().rstrip(".").strip()
    return Normalized(s, percent, degrees)


def split_or(s: str) -> str:
    """Turn ``a \\text{ or } b`` / ``a and b`` into ``a, b``."""
    return _OR.sub(",", s)


def parse_number(text: str) -> Num | None:
    """``text`` as an exact number, or ``None`` if it is not a plain integer, decimal or integer fraction."""
    s = _WS.sub("", text)
    if not s or len(s) > 400:
        return None
    m = _NUM.match(s)
    if m:
        sign, whole, frac, exp, exp10 = m.groups()
        if whole is None and frac is None:
            return None
        digits = (whole or "0").replace(",", "")
        value = Fraction(int(digits + (frac or "")), 10 ** len(frac or ""))
        e = int(exp or exp10 or 0)
        if abs(e) > 400:
            return None
        value *= Fraction(10) ** e
        if sign == "-":
            value = -value
        if frac is None and exp is None and exp10 is None:
            return Num(value)
        mantissa = (digits + (frac or "")).lstrip("0")
        return Num(value, places=len(frac or "") - e, sig=len(mantissa) if mantissa else 1)
    m = _FRAC_NUM.match(s)
    if m:
        g = m.groups()
        if g[1] is not None:
            sign, num, den = g[0], int(g[1]), int(g[2])
        elif g[4] is not None:
            sign, num, den = g[3], int(g[4]), int(g[5])
        else:
            sign, num, den = None, int(g[6]), int(g[7])
        if den == 0:
            return None
        value = Fraction(num, den)
        return Num(-value if sign == "-" else value)
    return None


def decimal_matches(
    decimal: Num, exact: Fraction | float, min_sig_digits: int = MIN_SIG_DIGITS, rounded_only: bool = False
) -> bool:
    """Policy for a decimal literal against an exact value it cannot equal exactly (``0.3333`` vs 1/3).

    It matches when it carries at least ``min_sig_digits`` significant digits and is the value rounded or
    truncated at its own last digit: ``|d - v| < 10^-places`` (``rounded_only``: ``|d - v| <= 10^-places / 2``).
    The tolerance is therefore relative, set by the precision the decimal itself claims (4 digits → below
    0.1 %, 6 digits → below 1e-5).
    """
    assert decimal.places is not None
    if decimal.sig < min_sig_digits:
        return False
    diff = abs(decimal.value - (Fraction(exact) if isinstance(exact, float) else exact))
    unit = Fraction(10) ** (-decimal.places)
    return diff <= unit / 2 if rounded_only else diff < unit


def numbers_match(pred: Num, gold: Num, min_sig_digits: int = MIN_SIG_DIGITS) -> bool:
    """Exact equality; the decimal policy only when exactly one side is a decimal literal.

    A decimal answer needs ``min_sig_digits`` significant digits (``0.3333`` = 1/3, ``3.14`` ≠ π). A decimal
    gold states the precision the problem asked for, so an exact answer that rounds to it matches whatever
    its length (gold ``0.33``, answer ``\\frac13``; gold ``0.6`` and answer ``\\frac23`` do not).
    """
    if pred.value == gold.value:
        return True
    if (pred.places is None) == (gold.places is None):
        return False
    if pred.places is not None:
        return decimal_matches(pred, gold.value, min_sig_digits)
    return decimal_matches(gold, pred.value, 1, rounded_only=True)
