"""Tokens of an answer: LaTeX math, or prose with math in it, as one token stream.

:func:`prose_to_latex` turns a prose answer ("$2$ or $3$", "18 apples", "x <= 3") into math-mode LaTeX:
math spans are copied, words become ``\\text{…}``, ASCII relations become ``\\le``/``\\ge``/``\\ne``.
:func:`lex` turns math-mode LaTeX into :data:`Tok` tuples ``(kind, value)``:

======== ====================================================================================
``ws``   whitespace and spacing commands (kept: ``1 \\quad 2`` is not ``12``)
``num``  a digit string, optionally with a decimal point (``"1000"``, ``"3.14"``)
``sci``  scientific notation written with an e (``"1.5e3"``)
``sym``  one letter (case kept)
``cmd``  a command name, normalised (``dfrac`` → ``frac``, ``leq`` → ``le``)
``op``   one character, or an escaped one (``\\{``, ``\\\\``)
``word`` a word of text (``\\text{or}``, prose)
``unit`` a canonical unit (``\\%`` → ``%``, ``^\\circ`` → ``deg``, ``\\text{ cm}`` → ``cm``)
``begin``/``end`` an environment (``pmatrix``)
======== ====================================================================================

Presentation that does not change the value is dropped here: ``\\left``/``\\right`` and sizes,
``\\displaystyle``, ``\\boxed`` wrappers inside an answer, colours, bold. Nothing is evaluated. Inputs are
capped by the caller (answers are at most a few thousand characters); every scan is linear in its input.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from rlvr.verifiers.lexicon import (
    APPROX_WORDS,
    MATH_MODE_UNITS,
    MULTIPLIERS,
    NEUTRAL_TRAILING,
    OR_WORDS,
    count_noun,
    rate_unit,
    unit_name,
)

Tok = tuple[str, str]

UNICODE = {
    "π": "\\pi ",
    "√": "\\sqrt",
    "−": "-",
    "–": "-",
    "—": "-",
    "×": "\\times ",
    "·": "\\cdot ",
    "÷": "\\div ",
    "≤": "\\le ",
    "≥": "\\ge ",
    "≠": "\\ne ",
    "≈": "\\approx ",
    "∞": "\\infty ",
    "∪": "\\cup ",
    "∩": "\\cap ",
    "∈": "\\in ",
    "±": "\\pm ",
    "∓": "\\mp ",
    "°": "^\\circ ",
    "\u2103": "^\\circ C",  # ℃, ℉: the degree Celsius and Fahrenheit signs of CJK text
    "\u2109": "^\\circ F",
    "⋅": "\\cdot ",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "’": "'",
    "∅": "\\emptyset ",
    "ℝ": "\\mathbb{R}",
    "…": "\\ldots ",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\uff0d": "-",
    "\ufe63": "-",
    "\uff0b": "+",
    "∛": "\\sqrt[3]",
    "∜": "\\sqrt[4]",
    "ℤ": "\\mathbb{Z}",
    "ℕ": "\\mathbb{N}",
    "ℚ": "\\mathbb{Q}",
    "ℂ": "\\mathbb{C}",
    "⁄": "/",
    "€": "\\euro ",
    "£": "\\pounds ",
    "¥": "\\yen ",
    "₹": "\\rupee ",
    "′": "'",
    "″": "''",
    "≝": "=",  # equal by definition: a definition states the value
    "≜": "=",
    "≔": "=",
    "≐": "=",
    "≃": "\\approx ",
    "⩾": "\\ge ",  # slanted relations
    "⩽": "\\le ",
    "⌈": "\\lceil ",
    "⌉": "\\rceil ",
    "⌊": "\\lfloor ",
    "⌋": "\\rfloor ",
    "˚": "^\\circ ",  # the ring above, typed for a degree sign
}
_VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5), "⅗": (3, 5)}
_VULGAR.update({"⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅐": (1, 7), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8)})
_VULGAR.update({"⅞": (7, 8), "⅑": (1, 9), "⅒": (1, 10)})
UNICODE.update({k: f"\\frac{{{a}}}{{{b}}}" for k, (a, b) in _VULGAR.items()})
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-"))
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789"))
#: a run of superscript or subscript characters is one exponent or index: ``2¹⁰`` is ``2^{10}``
_SCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]++|[₀₁₂₃₄₅₆₇₈₉]++")
_UNICODE_RE = re.compile("|".join(re.escape(k) for k in UNICODE))

_MATH = re.compile(
    r"(?P<ws>(?:\s|\\[,;:! >]|\\q?quad(?![A-Za-z])|~"
    r"|\\(?:en|em|thin|med|thick|negthin|negmed|negthick|nobreak)space(?![A-Za-z])"
    r"|\\hspace\*?\{[^{}]{0,20}\}|\\[mh]?(?:kern|skip)[ ]?-?[\d.]{1,8}[ ]?[a-z]{2})+)"
    r"|(?P<num>\d+(?:\.\d+)?|\.\d+)"
    r"|\\(?P<cmd>[A-Za-z]+)"
    r"|\\(?P<esc>[^A-Za-z])"
    r"|(?P<sym>[A-Za-z])"
    r"|(?P<foreign>[^\W\d_A-Za-z\u0370-\u03ff]++)"
    r"|(?P<op>\S)",
    re.S,
)
_TEX_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:[ ]?+(?:\{,\}|,\\!|\\[,;:]|\{\\,\}|\\ )[ ]?+\d{3})++(?!\d)")
_TEX_SEP = re.compile(r"[ ]?+(?:\{,\}|,\\!|\\[,;:]|\{\\,\}|\\ )[ ]?+")
#: two or more dots between groups of three digits can only separate thousands (``1.000.000`` is a million; one
#: dot, ``1.000``, stays a decimal point outside the decimal-comma answer phrases)
_DOT_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}+(?:\.\d{3}+){2,}+(?![\d.]|,\d)")
#: a clock time with an ``h`` between hours and minutes (French and ISO-style "15h45" is 15:45)
H_CLOCK = re.compile(r"(?<![\w.,])([01]?+\d|2[0-3])h([0-5]\d)(?!\w)")
#: a braced comma between digits that is no thousands separator (the group after it is not three digits): LaTeX's
#: decimal comma (``3{,}5`` is 3.5; ``1{,}000`` stays a thousands separator, a list is never written with braces)
_TEX_DECIMAL_COMMA = re.compile(r"(?<![\d.,}])(\d++)\{,\}(\d{1,2}+|\d{4,}+)(?![\d{])")
_SCI = re.compile(r"[eE][-+]?\d+(?![A-Za-z\d])")
#: an amount with a comma and two cent digits before a euro sign written after it ("24,00 €", "1.234,50 €"): the
#: continental style, whose comma is a decimal mark (a thousands group has three digits)
_EURO_DECIMAL = re.compile(r"(?<![\d.,])(\d{1,3}+(?:\.\d{3}+)++|\d++),(\d{2})(?=[ \t]*+(?:\u20ac|\\euro(?![A-Za-z])))")

_CMD_ALIASES = {
    "dfrac": "frac",
    "tfrac": "frac",
    "cfrac": "frac",
    "dbinom": "binom",
    "tbinom": "binom",
    "leq": "le",
    "leqslant": "le",
    "leqq": "le",
    "geq": "ge",
    "geqslant": "ge",
    "geqq": "ge",
    "neq": "ne",
    "infin": "infty",
    "rightarrow": "to",
    "longrightarrow": "to",
    "cdotp": "cdot",
    "ldots": "dots",
    "cdots": "dots",
    "dotsc": "dots",
    "varnothing": "emptyset",
    "varepsilon": "epsilon",
    "varphi": "phi",
    "vartheta": "theta",
    "lbrack": "[",
    "rbrack": "]",
    "arcsec": "asec",
    "arccsc": "acsc",
    "arccot": "acot",
    "lg": "log",  # ISO 80000-2 and the Chinese and Russian textbooks: lg is the base-10 logarithm
    "nicefrac": "frac",
    "sfrac": "frac",
    "xfrac": "frac",
    "simeq": "approx",
    "textdegree": "degree",
}
_CMD_TO_OP = {"lt": "<", "gt": ">", "ast": "*", "lvert": "|", "rvert": "|", "vert": "|", "mid": "|", "colon": ":"}
_CMD_TO_OP.update({"lbrace": "\\{", "rbrace": "\\}"})  # \lbrace 1, 2 \rbrace is the set \{1, 2\}
_CMD_TO_OP.update({"lVert": "|", "rVert": "|", "Vert": "|"})  # a norm of a number is its absolute value
#: equal by definition (``x \\coloneqq 5``, ``x \\triangleq 5``, ``x \\doteq 5``): states the value like ``=``
_CMD_TO_OP.update({"coloneqq": "=", "coloneq": "=", "Coloneqq": "=", "triangleq": "=", "doteq": "=", "eqdef": "="})
_CMD_TO_WORD = {"land": "and", "wedge": "and", "lor": "or", "vee": "or", "text{or}": "or"}
_DROP = frozenset(
    """left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr displaystyle textstyle
    scriptstyle limits nolimits boxed fbox mathbf boldsymbol bm underline mathnormal mathcal mathscr
    mathfrak large Large LARGE huge Huge small normalsize footnotesize scriptsize tiny framebox pmb
    ensuremath smash rlap llap clap mathrlap mathllap mathclap strut mathstrut relax hl
    bf rm it sf tt bfseries""".split()  # plain TeX's font switches (\bf 5) style what follows
)
#: boxes whose leading arguments are a size or position, not content: ``\raisebox{2pt}{5}``, ``\makebox[1cm]{5}``
_SIZED_BOXES = {"raisebox": 1, "makebox": 0, "framebox": 0, "smash": 0}
#: currency commands as units
CURRENCY_CMDS = {"euro": "eur", "pounds": "gbp", "textsterling": "gbp", "yen": "yen", "textyen": "yen"}
CURRENCY_CMDS.update({"rupee": "rs", "textrupee": "rs", "texteuro": "eur"})
#: units a value may carry before it (``\\$5``, ``€2``)
LEADING_UNITS = frozenset({"$", "eur", "gbp", "yen", "rs"})
_TEXT_CMDS = frozenset(
    "text textrm textnormal textup textit textsf texttt textbf emph mbox hbox mathrm mathit mathsf mathtt".split()
)
_COLOR_CMDS = frozenset({"color", "textcolor"})

#: words of prose that are mathematics
MATH_WORDS = {
    "sqrt": "sqrt",
    "pi": "\\pi",
    "infinity": "\\infty",
    "inf": "\\infty",
    "sin": "\\sin",
    "cos": "\\cos",
    "tan": "\\tan",
    "cot": "\\cot",
    "sec": "\\sec",
    "csc": "\\csc",
    "log": "\\log",
    "ln": "\\ln",
    "exp": "\\exp",
    "arcsin": "\\arcsin",
    "arccos": "\\arccos",
    "arctan": "\\arctan",
}


_ROOT_OF_NUMBER = re.compile(r"([√∛∜])[ ]?+(\d++(?:\.\d++)?+)")
_ROOTS = {"√": "\\sqrt", "∛": "\\sqrt[3]", "∜": "\\sqrt[4]"}


#: fullwidth ASCII (U+FF01–U+FF5E, common in Chinese and Japanese output) and the ideographic space
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({"\u3000": " ", "。": ". ", "、": ", ", "＄": "$"})
#: Arabic decimal and thousands separators (٢٫٥, ١٬٠٠٠), the division slash (5∕6)
_FULLWIDTH.update({"\u066b": ".", "\u066c": ",", "\u2215": "/"})
#: circled capital letters (Ⓐ … Ⓙ, a choice marked in a list) as the parenthesised letter
_FULLWIDTH.update({chr(0x24B6 + k): f"({chr(65 + k)})" for k in range(10)})
#: the question marks of Arabic script (؟), Greek (;) and Ethiopic (፧), and the full stops of Urdu (۔), Ethiopic
#: (።) and Devanagari (।, the danda): read as ``?`` and ``.`` so a question or a sentence's end is seen in any script
_FULLWIDTH.update({"\u061f": "?", "\u037e": "?", "\u1367": "?", "\u06d4": ".", "\u1362": ".", "\u0964": "."})
_FULLWIDTH_RE = re.compile(
    "[\uff01-\uff5e\u3000。、\u066b\u066c\u2215\u24b6-\u24bf\u061f\u037e\u1367\u06d4\u1362\u0964]"
)


_LONE_MINUS = re.compile(r"(?<![\w)}\]])⁻(?=\d)")


#: a decimal digit of another script (Arabic-Indic ٢, Devanagari २, mathematical bold 𝟐): its ASCII digit
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


#: a character that may be a minus sign or a numeral: outside ASCII and no word character (dashes, symbols), or in
#: a block of numeral forms (Number Forms, Enclosed Alphanumerics, the Dingbats' circled digits, circled numbers)
_SIGN_OR_NUMERAL = re.compile(r"[^\x00-\x7f\w]|[\u2150-\u218f\u2460-\u24ff\u2776-\u2793\u3248-\u325f]")


@lru_cache(maxsize=4096)
def _sign_or_numeral(c: str) -> str:
    """A numeral character as its number and a minus sign as ``-``, by the Unicode database, not a list: a whole
    number of category No or Nl (circled ⑤, dingbat ❺ ➄, parenthesised ⑴, Roman Ⅻ) unless a super- or subscript,
    a vulgar fraction or a wide (CJK) form; a character named "… MINUS SIGN" or "… HYPHEN-MINUS" (˗, ➖, ﹣)."""
    value = unicodedata.numeric(c, None)
    tag = unicodedata.decomposition(c).split(" ")[0]
    if (
        value is not None
        and value == int(value)
        and unicodedata.category(c) in ("No", "Nl")
        and tag not in ("<super>", "<sub>", "<fraction>")
        and unicodedata.east_asian_width(c) != "W"
    ):
        return str(int(value))
    name = unicodedata.name(c, "")
    if name.endswith(("MINUS SIGN", "HYPHEN-MINUS")) and "PLUS" not in name and tag not in ("<super>", "<sub>"):
        return "-"
    return c


def ascii_forms(s: str) -> str:
    """Fullwidth letters, digits and punctuation as ASCII, numeral characters as numbers and minus signs as ``-``
    (:func:`_sign_or_numeral`), decimal digits of other scripts as ASCII digits (``unicodedata.digit``), the ideographic full stop and comma
    as ``.``/``,`` (linear; a no-op on ASCII text)."""
    if s.isascii():
        return s
    if _OTHER_DIGIT.search(s):
        s = _OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group(0))), s)
    s = _SIGN_OR_NUMERAL.sub(lambda m: _sign_or_numeral(m.group(0)), s)
    return _FULLWIDTH_RE.sub(lambda m: _FULLWIDTH[m.group(0)], s) if _FULLWIDTH_RE.search(s) else s


#: an en or em dash between two numbers: a range ("4–6", "4 — 6"), never a subtraction (that is ``-`` or ``−``)
_DASH_RANGE = re.compile(r"(?<=\d)[ \t]*+[\u2013\u2014][ \t]*+(?=\d)")


def unicode_to_latex(s: str) -> str:
    """Unicode mathematics as LaTeX: symbols, vulgar fractions (``½``), super- and subscript runs (``10⁶``, ``x₁``),
    roots of numbers (``∜16`` is ``\\sqrt[4]{16}``); an en or em dash between numbers is a range, the words
    "4 to 6"."""
    s = ascii_forms(s)
    if "\u2013" in s or "\u2014" in s:
        s = _DASH_RANGE.sub(r" \\text{ to } ", s)
    if "⁻" in s:  # ⁻5: a superscript minus with no base before it is a sign
        s = _LONE_MINUS.sub("-", s)
    if "√" in s or "∛" in s or "∜" in s:
        s = _ROOT_OF_NUMBER.sub(lambda m: _ROOTS[m.group(1)] + "{" + m.group(2) + "}", s)
    if _SCRIPT_RUN.search(s):
        s = _SCRIPT_RUN.sub(_script, s)
    if "\u0305" in s or "\u0304" in s:  # 0.3̅, 0.1̅4̅, 3.3̄: digits under a combining bar repeat, 0.\overline{3}
        s = _COMBINING_BAR.sub(
            lambda m: "\\overline{" + m.group(0).replace("\u0305", "").replace("\u0304", "") + "}", s
        )
    if ("º" in s or "∘" in s or "^" in s) and _DEGREE_LOOKALIKE.search(s):  # 30º, 30∘, 45^{o}, 45^{\text{o}}
        s = _DEGREE_LOOKALIKE.sub(lambda m: m.group(1) + "^\\circ ", s)
    if "\\dot{" in s:  # 0.\dot{1}\dot{4}: the dotted digits bound the repeating block, 0.\overline{14}
        s = _DOTTED_REPETEND.sub(
            lambda m: "\\overline{" + m.group(1) + (m.group(2) or "") + (m.group(3) or "") + "}", s
        )
    return _UNICODE_RE.sub(lambda m: UNICODE[m.group(0)], s) if _UNICODE_RE.search(s) else s


#: digits each followed by a combining overline (U+0305) or macron (U+0304), which draws the same bar
_COMBINING_BAR = re.compile("(?:\\d[\u0304\u0305])++")
#: a degree written with a look-alike after a number: º (the ordinal indicator), ∘ (the ring operator), ^o, ^{o},
#: ^{\text{o}}
_DEGREE_LOOKALIKE = re.compile(r"(\d)[ ]?+(?:º|∘|\^[ ]?+(?:o|\{[ ]?+(?:o|\\(?:text|mathrm)\{o\})[ ]?+\}))(?![A-Za-z])")
#: a repeating block marked by dots over its first and last digit (or over its one digit) after a decimal point
_DOTTED_REPETEND = re.compile(r"(?<=[\d.])\\dot\{(\d)\}(?:(\d{0,20}+)\\dot\{(\d)\})?+")


def _script(m: re.Match[str]) -> str:
    run = m.group(0)
    if run[0] in _SUBSCRIPTS:
        return "_{" + "".join(_SUBSCRIPTS[c] for c in run) + "}"
    return "^{" + "".join(_SUPERSCRIPTS[c] for c in run) + "}"


def match_brace(s: str, i: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``s[i]`` (escaped braces skipped), or -1. Linear."""
    return closing_brace(s, i + 1)


def closing_brace(s: str, j: int, stop: tuple[str, ...] = ()) -> int:
    """Index of the ``}`` closing the group that ``s[j]`` is in (escaped braces skipped), or -1 at top level;
    with ``stop`` (commands, ``("\\color",)``), the index of one of them when it comes first in the same group.
    Linear."""
    depth = 0
    n = len(s)
    while j < n:
        c = s[j]
        if c == "\\":
            if (
                depth == 0
                and stop
                and any(s.startswith(x, j) and not s[j + len(x) : j + len(x) + 1].isalpha() for x in stop)
            ):
                return j
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                return j
            depth -= 1
        j += 1
    return -1


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \t\n":
        i += 1
    return i


# ---------------------------------------------------------------- prose → LaTeX

_WORD = re.compile(r"[A-Za-z][^\W\d_]*+(?:'[A-Za-z]+|-[A-Za-z]{2,}(?![A-Za-z]*[-+=^]))*\.?")
_PROSE_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?(?:[eE][-+]?\d+(?![A-Za-z]))?|\.\d+")


def _combining_marks() -> str:
    """The combining marks of the Basic Multilingual Plane (Devanagari vowel signs, the anusvara, Thai and Arabic
    vowel marks) as the body of a character class: they belong to the word they sit in, although ``\\w`` does not
    match them (without them "नहीं" would split into "नह" and a stray sign)."""
    ranges: list[str] = []
    start = -1
    for cp in range(0x0300, 0x10000):
        mark = unicodedata.category(chr(cp)) in ("Mn", "Mc")
        if mark and start < 0:
            start = cp
        elif not mark and start >= 0:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = -1
    return "".join(ranges)


#: a letter of a word: a Unicode letter or a combining mark
LETTER = rf"(?:[^\W\d_]|[{_combining_marks()}])"
#: a run of letters with at least one outside ASCII ("nicht", "réponse", "答案"), its combining marks with it
#: ("हाँ", "ஆம்"); Greek only as :data:`_GREEK_WORD` (a lone Greek letter is a symbol)
_FOREIGN_WORD = re.compile(rf"[^\W\d_]{LETTER}*+")
#: a word of Greek letters that is no product of symbols: three letters or more, or one with a tonos ("Ναι",
#: "όχι", "μήλα"); math writes its Greek letters one by one
_GREEK_WORD = re.compile(
    r"[\u0370-\u03ff\u1f00-\u1fff]{3,}+|[\u0370-\u03ff\u1f00-\u1fff]*+[\u0386\u0388-\u038f\u03ac-\u03af\u03cc-\u03ce][\u0370-\u03ff\u1f00-\u1fff]*+"
)


#: a hyphen between two unsigned numbers before a word ("4-6 apples", "3-5 hours"): a range when the word is a
#: unit or a count noun
_HYPHEN_RANGE = re.compile(r"(?<![\w.\\^_{}$-])(\d++(?:\.\d++)?+)-(\d++(?:\.\d++)?+)(?=[ \t]++([A-Za-z]++))")


def _hyphen_range(m: re.Match[str]) -> str:
    word = m.group(3)
    if unit_name(word) is None and count_noun(word) is None:
        return m.group(0)
    return f"{m.group(1)} \\text{{ to }} {m.group(2)}"


_RUPEES = re.compile(r"\bRs\.[ ]?+(?=\d)")
#: a probability said as a count of a total: "5 out of 6", "1 in 4", "a 1 in 4 chance" (the whole answer)
_ODDS = re.compile(
    r"(?i)[ \t]*+(?:an?[ \t]++)?+(\d{1,12}+)[ \t]++(?:out[ \t]++of|in)[ \t]++(\d{1,12}+)(?:[ \t]++chances?+)?+[ \t.]*+"
)


def prose_to_latex(text: str) -> str:
    """A prose answer as math-mode LaTeX (see the module docstring). Input length is capped by the caller."""
    s = unicode_to_latex(text)
    if "Rs." in s:  # "Rs. 500": the abbreviation's period is no part of the amount
        s = _RUPEES.sub("Rs ", s)
    odds = _ODDS.fullmatch(s) if " in " in s or " of " in s else None
    if odds is not None:  # "5 out of 6", "a 1 in 4 chance": a probability
        return f"\\frac{{{odds.group(1)}}}{{{odds.group(2)}}}"
    if "-" in s:
        s = _HYPHEN_RANGE.sub(_hyphen_range, s)
    out: list[str] = []
    i, n = 0, len(s)
    last_was_number = False
    while i < n:
        c = s[i]
        if c == "$" or s.startswith(("\\(", "\\["), i):
            span = _math_span(s, i)
            if span is not None:
                start, end, after = span
                out.append(" " + s[start:end] + " ")
                i = after
                last_was_number = True  # a unit phrase may follow a math span: $50\pi$ square units
                continue
            out.append("\\$" if c == "$" else c)
            i += 1
            continue
        if c == "\\":
            m = re.compile(r"\\(?:[A-Za-z]+|.)").match(s, i)
            j = m.end() if m else i + 1
            while j < n and s[j] in "{[":  # the command's arguments
                if s[j] == "{":
                    k = match_brace(s, j)
                else:
                    k = s.find("]", j)
                if k < 0:
                    break
                j = k + 1
            out.append(" " + s[i:j] + " ")
            i = j
            last_was_number = False
            continue
        greek = "\u0370" <= c <= "\u03ff"
        if c.isalpha() and not c.isascii() and (not greek or _GREEK_WORD.match(s, i)):  # a word in another script
            m = _GREEK_WORD.match(s, i) if greek else _FOREIGN_WORD.match(s, i)
            if m is not None:
                out.append(f" \\text{{{m.group(0)}}} ")
                i = m.end()
                last_was_number = False
                continue
        if c.isalpha() and c.isascii():
            m = _WORD.match(s, i)
            assert m is not None
            word = m.group(0)
            if word.endswith(".") and word[:-1].lower() not in ("approx", "in", "sq", "ca"):
                word = word[:-1]
            if last_was_number:  # a unit phrase after a number: longest match of up to four words
                phrase = _unit_phrase(s, i)
                if phrase is not None:
                    out.append(f" \\text{{{phrase[0]}}} ")
                    i = phrase[1]
                    last_was_number = False
                    continue
            i += len(word)
            if word in "xX" and last_was_number and _DIGIT_NEXT.match(s, i):
                out.append(" \\times ")  # "3 x 6 = 18": an ASCII times between two numbers
                continue
            if len(word) == 1:
                out.append(word)
            elif word.lower() in MATH_WORDS and not (word.lower() == "in" or word[0].isupper() and len(word) > 3):
                out.append(" " + MATH_WORDS[word.lower()] + " ")
            else:
                out.append(f" \\text{{{word}}} ")
            last_was_number = False
            continue
        if c.isdigit() or (c == "." and i + 1 < n and s[i + 1].isdigit()):
            m = _PROSE_NUM.match(s, i)
            assert m is not None
            out.append(m.group(0))
            i = m.end()
            last_was_number = True
            continue
        if c == "*" and s.startswith("**", i) or c in "`_" and not (c == "_" and out and out[-1][-1:].isalnum()):
            i += 2 if s.startswith("**", i) else 1
            continue
        if c == "%":
            out.append("\\%")
        elif c == "~":
            out.append(" \\sim ")
        elif c == "\n":
            out.append(" ")
        else:
            out.append(c)
        if not c.isspace():  # a percent sign, or the brace closing an exponent (10^{3} m), still ends a number
            last_was_number = c in "%}" and last_was_number
        i += 1
    return "".join(out).strip()


#: a number next (spaces allowed, or a currency sign: "9 x $2")
_DIGIT_NEXT = re.compile(r"[ \t]{0,3}+\\?+\$?+\d")


def _unit_phrase(s: str, i: int) -> tuple[str, int] | None:
    """The longest unit phrase of up to four words starting at ``s[i]``: (phrase, end index)."""
    best = None
    j = i
    words: list[str] = []
    for _ in range(4):
        m = re.compile(r"[A-Za-z]+\.?(?:/[A-Za-z]+)?(?:\^\{?[23]\}?|[²³])?").match(s, j)
        if not m:
            break
        words.append(m.group(0))
        j = m.end()
        phrase = " ".join(words)
        if unit_name(phrase) is not None or unit_name(phrase.rstrip(".")) is not None:
            best = (phrase.rstrip("."), j)
        k = j
        while k < len(s) and s[k] == " ":
            k += 1
        if k == j or k >= len(s):
            break
        j = k
    return best


#: a text at least this long has its delimiters' positions indexed once (callers scan it from many positions)
_INDEXED = 512
_DOLLAR = re.compile(r"(?<!\\)\$")
_DOUBLE_DOLLAR = re.compile(r"(?<!\\)(?=\$\$)")


@lru_cache(maxsize=32)
def _positions(s: str, needle: str) -> list[int]:
    """Where ``needle`` stands in ``s``, in order (overlapping occurrences too; ``"$"``/``"$$"``: not escaped
    ``\\$``). One pass per text, kept for the next calls on it."""
    if needle in ("$", "$$"):
        return [m.start() for m in (_DOLLAR if needle == "$" else _DOUBLE_DOLLAR).finditer(s)]
    return [m.start() for m in re.finditer(f"(?={re.escape(needle)})", s)]


def find_from(s: str, needle: str, i: int) -> int:
    """``s.find(needle, i)`` in amortised O(log n) for long texts searched from many positions (the scans of a
    completion for math spans stay linear however many openers have no closer)."""
    if len(s) < _INDEXED:
        return s.find(needle, i)
    pos = _positions(s, needle)
    k = bisect_left(pos, i)
    return pos[k] if k < len(pos) else -1


def find_dollar(s: str, i: int, double: bool = False) -> int:
    """The next ``$`` (``$$``) at or after ``s[i]`` that is not an escaped ``\\$``, or -1."""
    target = "$$" if double else "$"
    if len(s) >= _INDEXED:
        return find_from(s, target, i)
    while True:
        j = s.find(target, i)
        if j <= 0 or s[j - 1] != "\\":
            return j
        i = j + 1


def _math_span(s: str, i: int) -> tuple[int, int, int] | None:
    """A math span starting at ``s[i]``: (content start, content end, index after the closer), or ``None``
    for a literal dollar (money: ``$5``, ``$5 and $6``)."""
    if s.startswith("$$", i):
        j = find_dollar(s, i + 2, double=True)
        return (i + 2, j, j + 2) if j >= 0 else None
    for opener, closer in (("\\[", "\\]"), ("\\(", "\\)")):
        if s.startswith(opener, i):
            j = s.find(closer, i + len(opener))
            return (i + len(opener), j, j + len(closer)) if j >= 0 else None
    j = find_dollar(s, i + 1)
    if j < 0:
        return None
    if i + 1 < len(s) and s[i + 1].isdigit() and (j + 1 < len(s) and s[j + 1].isdigit() or s[j - 1].isspace()):
        return None  # $5 and $6: money
    if "\n\n" in s[i:j]:
        return None
    return (i + 1, j, j + 1)


# ---------------------------------------------------------------- LaTeX → tokens


_GLUED_TEXT = re.compile(r"\\(text|textrm|mathrm)\{([^{}]*+)\}\\(text|textrm|mathrm)\{([^{}]*+)\}")
_CHOOSE = re.compile(r"\{([^{}\\]{1,40}+)\\choose([^{}\\]{1,40}+)\}")
_SIUNITX = re.compile(r"\\(num|SI|qty|si)\{([^{}]{0,60}+)\}(?:\{([^{}]{0,60}+)\})?")
_SI_NAMES = {"metre": "m", "meter": "m", "gram": "g", "second": "s", "litre": "L", "liter": "L", "hour": "h"}
_SI_NAMES.update({"minute": "min", "newton": "N", "joule": "J", "watt": "W", "volt": "V", "kelvin": "K"})
_SI_NAMES.update({"kilo": "k", "centi": "c", "milli": "m", "micro": "u", "mega": "M", "giga": "G", "per": "/"})
_SI_NAMES.update({"percent": "%", "degree": "deg", "square": "square ", "cubic": "cubic "})


def _si_unit(u: str) -> str:
    return re.sub(r"\\([A-Za-z]+)", lambda m: _SI_NAMES.get(m.group(1), m.group(1)), u).replace(" ", "").strip()


def _siunitx(m: re.Match[str]) -> str:
    kind, a, b = m.group(1), m.group(2), m.group(3)
    if kind == "num":
        return a + ("{" + b + "}" if b is not None else "")
    if kind == "si":
        return "\\text{ " + _si_unit(a) + "}" + ("{" + b + "}" if b is not None else "")
    return a + ("\\text{ " + _si_unit(b) + "}" if b is not None else "")


_ABS = re.compile(r"\\abs\{([^{}]{0,200}+)\}")
#: ``\overset{\text{def}}{=}``, ``\stackrel{\triangle}{=}``: equal by definition
_DEF_EQUALS = re.compile(
    r"\\(?:overset|stackrel)[ ]?+\{[ ]?+(?:\\text(?:rm)?+\{def\}|\\mathrm\{def\}|def|\\triangle|\\Delta)[ ]?+\}[ ]?+\{=\}"
)
#: digit groups of three separated by one kind of mark, the whole answer: ``100'000`` (Swiss), ``100_000`` (code);
#: a plain space is spacing, never a group mark (``1 000`` and ``1 \\quad 000`` lex alike)
_GROUPED = re.compile(r"[-+]?+\d{1,3}+(?:'\d{3}+)++|[-+]?+\d{1,3}+(?:_\d{3}+)++")
#: scientific notation with an ASCII times (``5 x 10^3``, ``5*10^3``): the mantissa times a power of ten
#: an exponent of 10 written apart or in parentheses in ASCII (``10 ^ -3``, ``10^(23)``): one power of ten
_TEN_POWER = re.compile(r"(?<![\w.])10[ ]*+\^[ ]*+(?:\([ ]*+([-+]?+\d{1,6}+)[ ]*+\)|([-+]?+\d{1,6}+)(?![\d.]))")
_ASCII_SCI = re.compile(r"(?<![\w.])(\d++(?:\.\d++)?+)[ ]?+[xX*][ ]?+(?=10\^)")
#: E notation written apart (``1.2 E-3``, ``1.2\mathrm{e}{-3}``, ``1.2\text{E}3``)
_SPACED_E = re.compile(
    r"(?<![\w.])(\d++(?:\.\d++)?+)(?:[ ]E|[ ]?+\\(?:mathrm|text|textrm)\{[eE]\})[ ]?+\{?+([-+]?+\d++)\}?+(?![\w.^])"
)
#: a unit times another to the power -1 (``\text{m s}^{-1}``, ``\text{ms}^{-1}``, ``\mathrm{m\,s^{-1}}``): a rate
_PER_UNIT = re.compile(
    r"\\(?:text|mathrm|textrm)\{[ ]?+([A-Za-z]{1,3}+(?:(?:[ ]|\\,|\\ |\\cdot[ ]?+)[A-Za-z]{1,3}+)?+)"
    r"(?:[ ]?+\^[ ]?+\{[ ]?+-1[ ]?+\}[ ]?+\}|\}[ ]?+\^[ ]?+\{[ ]?+-1[ ]?+\})"
)
#: ``\text{lcm}(4, 6)``, ``\mathrm{gcd}(4, 6)``: a function written as upright text is that function
_TEXT_FUNCTION = re.compile(r"\\(?:text|textrm|mathrm)\{[ ]?+(lcm|gcd|max|min)[ ]?+\}(?=[ ]?+\()")
#: ``\text{sqrt}(2)``: the square root written as upright text before a parenthesis without parentheses inside
_TEXT_SQRT = re.compile(r"\\(?:text|textrm|mathrm)\{[ ]?+sqrt[ ]?+\}[ ]?+\(([^()]{1,100}+)\)")
#: ``\text{cis}(\theta)``, ``\operatorname{cis}(\theta)``: cos θ + i sin θ (an argument without parentheses)
_CIS = re.compile(
    r"\\(?:text|textrm|mathrm|operatorname)\{[ ]?+cis[ ]?+\}[ ]?+"
    r"(?:\\left\(([^()]{1,100}?)\\right\)|\(([^()]{1,100}+)\))"
)
#: ``\ang{30}`` (siunitx): an angle in degrees
#: a fraction of two integers said with "over": ``3 over 4``, ``\\text{3 over 4}``
_OVER = re.compile(r"(?<![\w.])(\d{1,40}+)[ ]++(?:\\text\{[ ]?+over[ ]?+\}|over)[ ]++(\d{1,40}+)(?![\w.])")
#: a micro prefix written as the Greek letter or the micro sign before a unit after a number (``5 \\mu\\text{m}``,
#: ``5\\,\\mu m``, ``5 μm``)
_MICRO = re.compile(
    r"(\d)[ \t]*+(?:\\[,;! ][ \t]*+)?+(?:\\mu|[\u00b5\u03bc])[ \t]*+(?:\\(?:text|mathrm)[ \t]*+\{[ \t]*+([A-Za-z]{1,2}+)[ \t]*+\}"
    r"|([A-Za-z]{1,2}+)(?![A-Za-z]))"
)


def _micro(m: re.Match[str]) -> str:
    unit = "\u03bc" + (m.group(2) or m.group(3))
    return f"{m.group(1)}\\text{{ {unit}}}" if unit_name(unit) is not None else m.group(0)


_ANG = re.compile(r"\\ang[ ]?+\{([^{};]{1,40}+)\}")
#: a typographic fraction, the numerator raised and the denominator lowered around a slash (``^1/_2``,
#: ``{}^{3}/_{4}``): that fraction (after a whole number, the mixed number: ``2^1/_2`` is 2½)
_SPLIT_FRACTION = re.compile(
    r"(?<![A-Za-z)\]\\])(?:\{\})?+\^[ ]?+(?:\{[ ]?+(\d{1,40}+)[ ]?+\}|(\d))[ ]?+/[ ]?+_[ ]?+(?:\{[ ]?+(\d{1,40}+)[ ]?+\}|(\d))"
)


#: an angle in degrees and minutes, with seconds or not (``30^\\circ 30'``, ``30°30′15″``, ``30^{\\circ}0'``)
_DMS = re.compile(
    r"(?<![\d.])(\d{1,7}+)[ \t]*+\^[ \t]*+(?:\{[ \t]*+\\circ[ \t]*+\}|\\circ(?![A-Za-z]))[ \t]*+"
    r"(\d{1,2}+(?:\.\d{1,6}+)?+)[ \t]*+(?:'|\^[ \t]*+\{?+[ \t]*+\\prime[ \t]*+\}?+)(?!')"
    r"(?:[ \t]*+(\d{1,2}+(?:\.\d{1,6}+)?+)[ \t]*+(?:''|\"|\^[ \t]*+\{[ \t]*+\\prime[ \t]*+\\prime[ \t]*+\}))?+"
)


def _dms(m: re.Match[str]) -> str:
    """Degrees, minutes and seconds as one exact number of degrees (``30^\\circ 30'`` is ``\\frac{61}{2}^\\circ``);
    minutes or seconds of 60 or more are no such angle and stay as written."""
    minutes, seconds = Fraction(m.group(2)), Fraction(m.group(3) or 0)
    if minutes >= 60 or seconds >= 60:
        return m.group(0)
    value = int(m.group(1)) + minutes / 60 + seconds / 3600
    return (
        f"\\frac{{{value.numerator}}}{{{value.denominator}}}^\\circ " if value.denominator > 1 else f"{value}^\\circ "
    )


#: ``5‰``, ``5\text{ per mille}``: per mille, read as the percentage it is (``0.5\%``)
_PERMILLE = re.compile(
    r"(\d++(?:\.\d++)?+)[ ]?+(?:‰|\\(?:text|mathrm)\{[ ]?+per[ ]?+mille[ ]?+\}|per[ ]mille\b|permille\b)"
)
#: ``\overline{1011}_2``: a digit string under a bar with a base subscript is that numeral
_BARRED_BASE = re.compile(r"\\overline[ ]?+\{([0-9A-Z]{1,64}+)\}(?=_)")
_DECIMAL_POWER = re.compile(r"\^[ ]?+(\d++\.\d++)")
_ASCII_POWER = re.compile(r"\*\*[ ]?+(-?\d++(?:\.\d++)?+)")


#: the prescript notation of a binomial coefficient, _{n}C_{k} (also with {} or ^ before it)
_PRESCRIPT_BINOM = re.compile(r"(?<![\w}])(?:\{\})?+[_^]\{?+(\d{1,4}+)\}?+[ ]?+C_\{?+(\d{1,4}+)\}?+")


#: the Chinese textbook notation of combinations and arrangements, C_n^k and A_n^k (upright or not, the scripts in
#: either order): \binom{n}{k} and n!/(n-k)!
_CN_COMBINATORICS = re.compile(
    r"(?<![\w}\\])(?:\\(?:mathrm|text|rm)[ ]?+\{[ ]?+([CA])[ ]?+\}|([CA]))[ ]?+"
    r"(?:_[ ]?+(?:\{[ ]?+(\d{1,3}+)[ ]?+\}|(\d))[ ]?+\^[ ]?+(?:\{[ ]?+(\d{1,3}+)[ ]?+\}|(\d))"
    r"|\^[ ]?+(?:\{[ ]?+(\d{1,3}+)[ ]?+\}|(\d))[ ]?+_[ ]?+(?:\{[ ]?+(\d{1,3}+)[ ]?+\}|(\d)))(?![\d^_])"
)


def _cn_combinatorics(m: re.Match[str]) -> str:
    letter = m.group(1) or m.group(2)
    n = m.group(3) or m.group(4) or m.group(8) or m.group(9)
    k = m.group(5) or m.group(6) or m.group(7) or m.group(10)
    if int(k) > int(n):
        return m.group(0)  # C_1^2: a constant squared, no choice of 2 of 1
    if letter == "C":
        return "\\binom{" + n + "}{" + k + "}"
    return "\\frac{" + n + "!}{(" + n + "-" + k + ")!}"


#: a programming-language base prefix: 0b (binary), 0o (octal), 0x (hexadecimal)
_BASE_PREFIX = re.compile(r"(?<![\w.])0([bBoOxX])([0-9A-Fa-f]{1,64}+)(?![\w.])")
_PREFIX_BASES = {"b": "2", "o": "8", "x": "16"}


def lex(latex: str) -> list[Tok]:
    """Math-mode LaTeX as tokens (see the module docstring)."""
    s = unicode_to_latex(latex)
    if "}\\text" in s or "}\\mathrm" in s:  # \text{Mon}\text{day} renders as one word
        s = _GLUED_TEXT.sub(lambda m: "\\" + m.group(1) + "{" + m.group(2) + m.group(4) + "}", s)
    if "0" in s and _BASE_PREFIX.search(s):  # 0b1011, 0o17, 0x1F: a numeral in base 2, 8, 16
        s = _BASE_PREFIX.sub(lambda m: m.group(2) + "_{" + _PREFIX_BASES[m.group(1).lower()] + "}", s)
    if "C" in s and _PRESCRIPT_BINOM.search(s):  # _{10}C_3, {}^{10}C_{3}: the binomial coefficient
        s = _PRESCRIPT_BINOM.sub(lambda m: "\\binom{" + m.group(1) + "}{" + m.group(2) + "}", s)
    if ("C" in s or "A" in s) and _CN_COMBINATORICS.search(s):  # C_5^2 is 10, A_5^2 is 20
        s = _CN_COMBINATORICS.sub(_cn_combinatorics, s)
    if "\\choose" in s:  # {5 \choose 2}: plain TeX's binomial
        s = _CHOOSE.sub(lambda m: "\\binom{" + m.group(1) + "}{" + m.group(2) + "}", s)
    if "\\num{" in s or "\\SI{" in s or "\\qty{" in s or "\\si{" in s:  # siunitx: \SI{5}{\centi\metre} is 5 cm
        s = _SIUNITX.sub(_siunitx, s)
    if "\\mathbb " in s:  # \mathbb R
        s = re.sub(r"\\mathbb ([A-Z])", r"\\mathbb{\1}", s)
    if "\\abs{" in s:  # \abs{-5} (the physics/mathtools macro) is |-5|
        s = _ABS.sub(lambda m: "|" + m.group(1) + "|", s)
    if "^" in s and _DECIMAL_POWER.search(s):  # 2^0.5: a decimal exponent is one number
        s = _DECIMAL_POWER.sub(lambda m: "^{" + m.group(1) + "}", s)
    if "\\overset" in s or "\\stackrel" in s:
        s = _DEF_EQUALS.sub("=", s)
    if ("'" in s or "_" in s) and _GROUPED.fullmatch(s.strip()):
        s = re.sub("['_]", "", s.strip())
    if "^" in s and _TEN_POWER.search(s):  # 10 ^ -3, 10^(23): the power of ten
        s = _TEN_POWER.sub(lambda m: "10^{" + (m.group(1) or m.group(2)) + "}", s)
    if "10^" in s and _ASCII_SCI.search(s):
        s = _ASCII_SCI.sub(lambda m: m.group(1) + "\\times ", s)
    if ("E" in s or "\\mathrm{e}" in s or "{e}" in s) and _SPACED_E.search(s):
        s = _SPACED_E.sub(lambda m: m.group(1) + "e" + m.group(2), s)
    if "-1" in s and _PER_UNIT.search(s):  # 5 \text{ m s}^{-1} is 5 m/s
        s = _PER_UNIT.sub(_per_unit, s)
    if "lcm" in s or "gcd" in s or "max" in s or "min" in s:
        s = _TEXT_FUNCTION.sub(lambda m: "\\operatorname{" + m.group(1) + "}", s)
    if "sqrt" in s and _TEXT_SQRT.search(s):
        s = _TEXT_SQRT.sub(lambda m: "\\sqrt{" + m.group(1) + "}", s)
    if "cis" in s:  # 12\,\text{cis}(0): a complex number in polar form
        s = _CIS.sub(
            lambda m: "(\\cos(" + (m.group(1) or m.group(2)) + ")+i\\sin(" + (m.group(1) or m.group(2)) + "))", s
        )
    if "over" in s:  # 3 over 4 is \frac{3}{4}
        s = _OVER.sub(lambda m: "\\frac{" + m.group(1) + "}{" + m.group(2) + "}", s)
    if "/_" in s or "/ _" in s:  # ^1/_2: a fraction set with a raised numerator and a lowered denominator
        s = _SPLIT_FRACTION.sub(
            lambda m: "\\frac{" + (m.group(1) or m.group(2)) + "}{" + (m.group(3) or m.group(4)) + "}", s
        )
    if ("\\mu" in s or "\u03bc" in s or "\u00b5" in s) and _MICRO.search(s):  # 5 \mu\text{m} is 5 micrometres
        s = _MICRO.sub(_micro, s)
    if "\\circ" in s and _DMS.search(s):  # 30°30′ is 30.5 degrees
        s = _DMS.sub(_dms, s)
    if "\\ang" in s:
        s = _ANG.sub(lambda m: m.group(1) + "^\\circ ", s)
    if "‰" in s or "mille" in s:
        s = _PERMILLE.sub(lambda m: format(Decimal(m.group(1)).scaleb(-1), "f") + "\\%", s)
    if "\\overline" in s and "_" in s:
        s = _BARRED_BASE.sub(lambda m: m.group(1), s)
    if "**" in s:  # 2**10: an ASCII power takes its whole exponent
        s = _ASCII_POWER.sub(lambda m: "^{" + m.group(1) + "}", s)
    if "{,}" in s or "\\," in s or ",\\!" in s or "\\ " in s or "\\;" in s or "\\:" in s:
        s = _TEX_THOUSANDS.sub(lambda m: _TEX_SEP.sub("", m.group(0)), s)
    if "h" in s and H_CLOCK.search(s):
        s = H_CLOCK.sub(r"\1:\2", s)
    if s.count(".") >= 2:
        s = _DOT_THOUSANDS.sub(lambda m: m.group(0).replace(".", ""), s)
    if "{,}" in s:
        s = _TEX_DECIMAL_COMMA.sub(r"\1.\2", s)
    if "," in s and ("\u20ac" in s or "\\euro" in s):
        s = _EURO_DECIMAL.sub(lambda m: m.group(1).replace(".", "") + "." + m.group(2), s)
    toks: list[Tok] = []
    i, n = 0, len(s)
    while i < n:
        m = _MATH.match(s, i)
        if m is None:  # pragma: no cover - the last alternative matches any non-space character
            break
        i = m.end()
        kind = m.lastgroup
        val = m.group(kind) if kind else ""
        if kind == "ws":
            if not toks or toks[-1][0] != "ws":
                toks.append(("ws", " "))
        elif kind == "num":
            sci = _SCI.match(s, i)
            if sci and not val.startswith("."):
                toks.append(("sci", val + sci.group(0).lower()))
                i = sci.end()
            else:
                toks.append(("num", val))
        elif kind == "sym":
            toks.append(("sym", val))
        elif kind == "foreign":  # 约 5, 5元: a word in another script
            toks.append(("unit", unit_name(val)) if unit_name(val) else ("word", val))
        elif kind == "esc":
            i = _escape(val, toks, i)
        elif kind == "cmd":
            i = _command(s, i, val, toks)
        else:
            _op(val, toks)
    return _post(toks)


def _slash_denominator(toks: list[Tok], j: int, run: str) -> tuple[str, int] | None:
    """A unit ``run`` ending at ``toks[j]`` followed by ``/`` and a unit of letters (``km/h``, ``km/L``): the rate's
    canonical name and the index after it, or ``None``."""
    if toks[j : j + 1] != [("op", "/")]:
        return None
    k = j + 1
    while k < len(toks) and toks[k][0] == "sym" and k - j <= 12:
        k += 1
    if k == j + 1 or k < len(toks) and toks[k][0] == "sym":
        return None
    name = unit_name(run + "/" + "".join(v for _, v in toks[j + 1 : k]))
    return (name, k) if name is not None else None


def _per_unit(m: re.Match[str]) -> str:
    run = m.group(1)
    parts = re.split(r"[ ]|\\,|\\ |\\cdot[ ]?", run)
    if len(parts) == 1:  # glued (ms^{-1}): split where both halves are units, unless the run is one unit
        splits = [(run[:k], run[k:]) for k in range(1, len(run))]
        found = [x for x in splits if unit_name(x[0]) and unit_name(x[1])]
        if unit_name(run) is not None or len(found) != 1:
            return m.group(0)
        parts = list(found[0])
    a, b = unit_name(parts[0]), unit_name(parts[-1])
    if len(parts) != 2 or a is None or b is None or "/" in a or "/" in b:
        return m.group(0)
    return "\\text{ " + parts[0] + "/" + parts[1] + "}"


def _escape(val: str, toks: list[Tok], i: int) -> int:
    if val == "%":
        toks.append(("unit", "%"))
    elif val == "$":
        toks.append(("unit", "$"))
    elif val == ".":
        pass  # "\." is an accent, not punctuation
    elif val in "{}":
        toks.append(("op", "\\" + val))
    elif val == "\\":
        toks.append(("op", "\\\\"))
    elif val == "|":
        toks.append(("op", "|"))
    elif val == "&":
        toks.append(("word", "and"))
    elif val in "#_":
        toks.append(("op", val))
    return i


def _command(s: str, i: int, name: str, toks: list[Tok]) -> int:
    name = _CMD_ALIASES.get(name, name)
    if name in ("left", "right") or name.startswith(("big", "Big")):
        j = _skip_ws(s, i)
        if j < len(s) and s[j] == ".":
            return j + 1
        return i
    if name in _SIZED_BOXES:  # skip the size arguments, keep the content group
        j = _skip_ws(s, i)
        for _ in range(_SIZED_BOXES[name]):
            k = match_brace(s, j) if j < len(s) and s[j] == "{" else -1
            j = _skip_ws(s, k + 1) if k >= 0 else j
        while j < len(s) and s[j] == "[":
            k = s.find("]", j, j + 40)
            if k < 0:
                break
            j = _skip_ws(s, k + 1)
        return j
    if name in _DROP:
        return i
    if name in ("hphantom", "vphantom", "phantom"):
        j = _skip_ws(s, i)
        if j < len(s) and s[j] == "{":
            k = match_brace(s, j)
            return k + 1 if k >= 0 else len(s)
        return i
    if name in _COLOR_CMDS:
        j = _skip_ws(s, i)
        if j < len(s) and s[j] == "{":
            k = match_brace(s, j)
            return k + 1 if k >= 0 else len(s)
        return i
    if name in _CMD_TO_OP:
        toks.append(("op", _CMD_TO_OP[name]))
        return i
    if name == "not":  # \not= is \ne; any other negated relation is kept as one
        j = _skip_ws(s, i)
        if s.startswith("=", j):
            toks.append(("cmd", "ne"))
            return j + 1
        m = re.compile(r"\\([A-Za-z]+)").match(s, j)
        if m:
            toks.append(("cmd", "not" + m.group(1)))
            return m.end()
        toks.append(("word", "not"))  # \not 5: a struck-out value is no value
        return i
    if name in _CMD_TO_WORD:
        toks.append(("word", _CMD_TO_WORD[name]))
        return i
    if name in ("begin", "end"):
        j = _skip_ws(s, i)
        if j < len(s) and s[j] == "{":
            k = match_brace(s, j)
            if k > 0:
                env = s[j + 1 : k].strip().rstrip("*")
                toks.append((name, env))
                k += 1
                if name == "begin" and env == "array":
                    k2 = _skip_ws(s, k)
                    if k2 < len(s) and s[k2] == "{":
                        k3 = match_brace(s, k2)
                        k = k3 + 1 if k3 > 0 else k
                return k
        toks.append(("cmd", name))
        return i
    if name == "operatorname" or name == "mathbb":
        j = _skip_ws(s, i)
        if j < len(s) and s[j] == "{":
            k = match_brace(s, j)
            if k > 0:
                inner = s[j + 1 : k].strip()
                toks.append(("cmd", ("mathbb" + inner) if name == "mathbb" else inner.replace(" ", "")))
                return k + 1
        return i
    if name in ("degree", "degrees"):
        toks.append(("unit", "deg"))
        return i
    if name in ("textdollar", "dollar"):
        toks.append(("unit", "$"))
        return i
    if name in CURRENCY_CMDS:
        toks.append(("unit", CURRENCY_CMDS[name]))
        return i
    if name == "pmod" or name == "bmod" and toks and toks[-1] == ("op", "("):  # x \equiv 5 \pmod{7}
        toks.append(("word", "pmod"))
        return i
    if name in _TEXT_CMDS:
        j = _skip_ws(s, i)
        if j < len(s) and s[j] == "{":
            k = match_brace(s, j)
            if k > 0:
                _text(s[j + 1 : k], toks)
                return k + 1
        return i
    toks.append(("cmd", name))
    return i


#: a word of Latin letters, accented ones included ("Sí", "café"), then a run of letters of another script
_TEXT_WORD = re.compile(
    r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+(?:['\-][A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+)*\.?"
    rf"|[^\W\d_]{LETTER}*+|\S"
)


def _text(content: str, toks: list[Tok]) -> None:
    """The content of ``\\text{…}``: a unit, words, or prose with numbers/math in it."""
    c = content.strip()
    if not c:
        toks.append(("ws", " "))
        return
    if c in ("-", "\u2212", "\u2013", "+"):  # \text{-}5: a sign set in text is that sign
        toks.append(("op", "+" if c == "+" else "-"))
        return
    u = unit_name(c) or ("in" if c in ("in", "in.") else None)  # \text{ in}: inches only inside \text
    if u is not None and not (len(c) == 1 and c.isupper() and c not in "LNJWVK"):  # \text{ N}: newtons
        toks.append(("ws", " "))
        toks.append(("unit", u))
        return
    if any(ch.isdigit() or ch in "$\\^_{}" for ch in c):
        toks.append(("ws", " "))
        toks.extend(lex(prose_to_latex(c)))
        toks.append(("ws", " "))
        return
    toks.append(("ws", " "))
    trailing_off = c.endswith(("...", "…"))  # \text{yes...}: trailing off is not the word
    for m in _TEXT_WORD.finditer(c):
        w = m.group(0)
        if len(w) == 1 and w.isascii() and w.isalpha():
            toks.append(("sym", w))
        elif w[0].isalpha():
            toks.append(("word", w.rstrip(".") if w.rstrip(".").lower() not in ("approx", "ca") else w))
        elif w in "!|<>=+*" or not w.isascii():  # a sign the grader cannot read makes the text unreadable
            toks.append(("op", w))
        elif w in "(),;:[]":
            toks.append(("op", w))
        elif w == "%":
            toks.append(("unit", "%"))
        elif w == "&":
            toks.append(("word", "and"))
        elif w in ("/", "?"):  # \text{Evelyn?} is a question, not the word
            toks.append(("op", w))
        toks.append(("ws", " "))
    if trailing_off:
        toks.append(("cmd", "dots"))


def _op(c: str, toks: list[Tok]) -> None:
    prev = toks[-1] if toks else None
    if c in "%¢" and prev is not None and prev[0] in ("num", "sci"):  # 50% (a fullwidth ％ in math mode), 5¢
        toks.append(("unit", "%" if c == "%" else "cent"))
        return
    if prev is not None and prev[0] == "op":
        pair = prev[1] + c
        if pair in ("<=", "=<"):
            toks[-1] = ("cmd", "le")
            return
        if pair in (">=", "=>") and pair == ">=":
            toks[-1] = ("cmd", "ge")
            return
        if pair == "!=" or pair == "<>":
            toks[-1] = ("cmd", "ne")
            return
        if pair == "==":
            return
        if pair == "**":
            toks[-1] = ("op", "^")
            return
        if pair == "->":
            toks[-1] = ("cmd", "to")
            return
        if pair == ".." and len(toks) >= 2 and toks[-2] == ("op", "."):
            toks[-2:] = [("cmd", "dots")]  # an ellipsis: a list that goes on, not sentence punctuation
            return
    toks.append(("op", c))


def _post(toks: list[Tok]) -> list[Tok]:
    """Second pass: degrees (``^\\circ``), letter runs that are words or units, trimmed whitespace."""
    out: list[Tok] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t == ("op", "^"):  # ^\circ, ^{\circ}, ^{\circ}C
            j = i + 1
            if j < n and toks[j] == ("ws", " "):
                j += 1
            if j < n and toks[j] == ("cmd", "circ"):
                out.append(("unit", "deg"))
                i = j + 1
                continue
            if j < n and toks[j] == ("op", "{"):  # ^{\circ}, with spaces inside the braces or not
                k = j + 1
                k += k < n and toks[k] == ("ws", " ")
                if k < n and toks[k] == ("cmd", "circ"):
                    k += 1
                    k += k < n and toks[k] == ("ws", " ")
                    if k < n and toks[k] == ("op", "}"):
                        out.append(("unit", "deg"))
                        i = k + 1
                        continue
        if t == ("op", "^") and i + 1 < n and toks[i + 1] == ("sym", "o") and out and out[-1][0] == "num":
            if i + 2 >= n or toks[i + 2][0] != "sym":  # 30^o: a degree sign typed as a letter
                out.append(("unit", "deg"))
                i += 2
                continue
        if t == ("op", "'") and out and out[-1][0] == "num":  # 6' is 6 feet, 6'' is 6 inches
            if i + 1 < n and toks[i + 1] == ("op", "'"):
                out.append(("unit", "in"))
                i += 2
            else:
                out.append(("unit", "ft"))
                i += 1
            continue
        if t == ("cmd", "circ") and out and out[-1][0] in ("num", "op"):
            out.append(("unit", "deg"))
            i += 1
            continue
        if t[0] == "sym" and (i == 0 or toks[i - 1][0] != "sym"):
            j = i
            while j < n and toks[j][0] == "sym":
                j += 1
            run = "".join(v for _, v in toks[i:j])
            before = _prev_solid(out)
            after = toks[j] if j < n else None
            unit_power = after == ("op", "^") and before is not None and before[0] in ("num", "sci")
            bounded = (before is None or before[0] != "op" or before[1] not in "_^\\") and (
                after is None
                or after[0] in ("ws", "op", "word", "unit")
                and (after[1] not in ("(", "_", "^") or unit_power and run in MATH_MODE_UNITS)  # 2 cm^2
            )
            if len(run) >= 2 and bounded:
                low = run.lower()
                if before == ("word", "per") and unit_name(run) is not None:  # 18 dollars per day
                    out.append(("unit", unit_name(run) or run))
                    i = j
                    continue
                if low == "per" and before is not None and before[0] == "unit":
                    out.append(("word", "per"))
                    i = j
                    continue
                if before is not None and before[0] in ("num", "sci") and run in MATH_MODE_UNITS:
                    rate = _slash_denominator(toks, j, run)  # 5 km/h: the rate, never km times 1/h
                    out.append(("unit", rate[0] if rate else unit_name(run) or run))
                    i = rate[1] if rate else j
                    continue
                if before is not None and before[0] in ("num", "sci") and out[-1:] == [("ws", " ")]:
                    if count_noun(run) is not None or unit_name(run) is not None:  # \boxed{72 clips}
                        out.append(("word", run))
                        i = j
                        continue
                if low in OR_WORDS or low in ("and", "more", "less", "than", "not", "fewer") or low in MULTIPLIERS:
                    if toks[i - 1 : i] in ([], [("ws", " ")]) or i == 0:
                        out.append(("word", low))
                        i = j
                        continue
                if low in APPROX_WORDS or low in NEUTRAL_TRAILING:
                    out.append(("word", low))
                    i = j
                    continue
        if t == ("ws", " ") and (not out or out[-1] == ("ws", " ")):
            i += 1
            continue
        if (
            t[0] == "sym"
            and t[1] in "CF"
            and out
            and ("unit", "deg") in out[-2:]
            and (i + 1 == n or toks[i + 1][0] != "sym")
        ):
            if out[-1] == ("ws", " "):  # 30^\circ \mathrm{C}, 30°\text{ C}
                out.pop()
            out[-1] = ("unit", "degC" if t[1] == "C" else "degF")
            i += 1
            continue
        out.append(t)
        i += 1
    while out and out[-1] == ("ws", " "):
        out.pop()
    if sum(1 for t in out if t[0] == "unit") >= 2:
        out = _rate_units(out)
    return _trig_degrees(out) if ("unit", "deg") in out else out


#: the tokens of ``^{-1}`` after a unit: per that unit
_INVERSE = [("op", "^"), ("op", "{"), ("op", "-"), ("num", "1"), ("op", "}")]


def _rate_units(toks: list[Tok]) -> list[Tok]:
    """Two units written apart that form a rate: ``\\mathrm{km} / \\mathrm{h}`` (a slash between them) and
    ``\\text{m} \\cdot \\text{s}^{-1}`` (a product with an inverse), as NuminaMath and siunitx-free models write
    ``km/h`` and ``m/s``: one rate unit, compared like the glued spelling."""
    out: list[Tok] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        j = i + 1
        if t[0] == "unit":
            j = _past_space(toks, j)
            slash = toks[j : j + 1] == [("op", "/")]
            if slash or toks[j : j + 1] == [("cmd", "cdot")]:
                j = _past_space(toks, j + 1)
            k = _past_space(toks, j + 1)  # (prose puts a space before the power)
            if j < n and toks[j][0] == "unit" and (slash or toks[k : k + 5] == _INVERSE):
                rate = rate_unit(t[1], toks[j][1])
                if rate is not None:
                    out.append(("unit", rate))
                    i = j + 1 if slash else k + 5
                    continue
        out.append(t)
        i += 1
    return out


def _past_space(toks: list[Tok], j: int) -> int:
    return j + 1 if toks[j : j + 1] == [("ws", " ")] else j


_TRIG = frozenset("sin cos tan cot sec csc".split())
_DEG_TO_RAD: list[Tok] = [("cmd", "cdot"), ("cmd", "frac"), ("op", "{"), ("cmd", "pi"), ("op", "}")]
_DEG_TO_RAD += [("op", "{"), ("num", "180"), ("op", "}"), ("op", "}")]


def _trig_degrees(toks: list[Tok]) -> list[Tok]:
    """An angle in degrees as the argument of a trigonometric function is converted to radians (``\\sin 30^\\circ``
    is ``\\sin{30\\cdot\\frac{\\pi}{180}}``): there the degree sign is part of the value, not a unit of the answer."""
    out: list[Tok] = []
    for t in toks:
        if t == ("unit", "deg") and out and out[-1][0] == "num":
            k = len(out) - 2
            while k >= 0 and (out[k][0] == "ws" or out[k] in (("op", "("), ("op", "{"))):
                k -= 1
            if k >= 0 and out[k][0] == "cmd" and out[k][1] in _TRIG:
                out[-1:] = [("op", "{"), out[-1], *_DEG_TO_RAD]
                continue
        out.append(t)
    return out


def _prev_solid(toks: list[Tok]) -> Tok | None:
    for t in reversed(toks):
        if t[0] != "ws":
            return t
    return None


def render(toks: list[Tok]) -> str:
    """Tokens back to LaTeX (canonical spacing: a space only where one separated two tokens)."""
    parts: list[str] = []
    for kind, val in toks:
        if kind == "ws":
            parts.append(" ")
        elif kind == "cmd":
            parts.append("\\" + val + " ")
        elif kind == "word":
            parts.append("\\text{" + val + "}")
        elif kind == "unit":
            parts.append("\\unit{" + val + "}")
        elif kind == "begin":
            parts.append("\\begin{" + val + "}")
        elif kind == "end":
            parts.append("\\end{" + val + "}")
        else:
            parts.append(val)
    return re.sub(r" +", " ", "".join(parts)).strip()
