"""Parse an answer into a structure: what was written, with nothing thrown away.

An answer (math-mode LaTeX, or prose with math in it) becomes one of:

* :class:`Scalar`: a value, with its unit (``cm``, ``%``, ``deg``, ``$``, a count noun), its number base
  (``1011_2``), whether it was marked approximate, and its exact number when it is a plain one;
* :class:`Text`: words (``\\text{Monday}``), compared as lower-cased text;
* :class:`Choice`: a multiple-choice letter;
* :class:`Labelled`: ``x = 5``, ``(p, q) = (3, 2)``, ``x = 1, y = 2``, ``x \\in [1, 2]``;
* :class:`Equation`: a general equation ``2x - y + 1 = 0`` (a chain ``x = 2 + 3 = 5`` is its last value);
* :class:`Intervals`: intervals, unions and intersections, inequalities in one variable, ``x \\ne 2``;
* :class:`Coll`: ``set`` (``\\{…\\}``), ``tuple`` (``(…)``, ``\\langle…\\rangle``), ``list`` (``1, 2``), ``and``,
  ``or`` (alternatives), ``pm`` (``a \\pm b``), ``parts`` (several boxes);
* :class:`Matrix`, :class:`Time` (``3:15``), :class:`Ratio` (``3:2``);
* :class:`Bad`: anything else (words mixed into a value, unparseable text): equal only to the same text.

Words are kept: a word that is not a unit, a count noun, a multiplier, a connector or a neutral word makes
the value a :class:`Bad` (so "2 more" is not 2). Case is kept. Nothing here imports sympy.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from rlvr.verifiers.lexer import LEADING_UNITS, Tok, lex, prose_to_latex, render
from rlvr.verifiers.lexicon import (
    AND_WORDS,
    APPROX_WORDS,
    CLOSING_REMARKS,
    FILLERS,
    FOREIGN_RATE_WORDS,
    FOREIGN_SIGN_WORD_SET,
    FOREIGN_YES_NO,
    LABEL_ABBREVIATIONS,
    LABEL_CUES,
    LEADING_MEASURES,
    MULTIPLIERS,
    NEGATION_CUES,
    NEUTRAL_TRAILING,
    OPTION_NAMING_WORDS,
    OR_WORDS,
    QUALIFIER_CUES,
    ROUNDED_TO_NEAREST,
    TEXT_WORDS,
    UNIT_ALIASES,
    adjective_ok,
    cjk_counted_numeral,
    classifier_phrase,
    compound_number_words,
    count_noun,
    cue_words,
    foreign_count_noun,
    foreign_fraction_words,
    foreign_multiplier,
    foreign_number_words,
    local_amount,
    number_words,
    plain_noun,
    unit_name,
)
from rlvr.verifiers.normalize import Num, merge_thousands, number_value


class AnswerTooComplex(ValueError):
    """The answer exceeds the size caps or denotes a value too large to decide exactly."""


#: answers (either side) longer than this are rejected before any parsing
MAX_ANSWER_CHARS = 1000
#: and so are answers whose brackets nest deeper than this
MAX_NESTING = 40
#: an answer with more parts than this (boxes, list items) is rejected
MAX_PARTS = 64


@dataclass(frozen=True)
class Scalar:
    """A value: ``latex`` (with unit, base and approximation mark removed), its tokens, and the exact number
    when it is a plain one."""

    latex: str
    toks: tuple[Tok, ...] = field(compare=False, default=())
    num: Num | None = None
    unit: str | None = None
    base: int | None = None
    digits: str | None = None
    approx: bool = False


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Choice:
    """A multiple-choice letter, with the option's value when one is written (``(B) 12``)."""

    letter: str
    value: Node | None = field(compare=False, default=None)


@dataclass(frozen=True)
class Bad:
    text: str


@dataclass(frozen=True)
class Labelled:
    labels: tuple[str, ...]
    values: tuple[Node, ...]


@dataclass(frozen=True)
class Equation:
    lhs: Scalar
    rhs: Scalar


@dataclass(frozen=True)
class Interval:
    lo: Scalar
    hi: Scalar
    lo_closed: bool
    hi_closed: bool


@dataclass(frozen=True)
class Intervals:
    items: tuple[Interval, ...]
    op: str = "union"  # or "intersection"
    var: str | None = None


@dataclass(frozen=True)
class Coll:
    kind: str  # set | tuple | list | and | or | pm | parts
    items: tuple[Node, ...]
    pair: bool = False  # a (a, b) that also reads as an open interval


@dataclass(frozen=True)
class Matrix:
    rows: tuple[tuple[Node, ...], ...]


@dataclass(frozen=True)
class Time:
    h: int
    m: int
    suffix: str = ""


@dataclass(frozen=True)
class Ratio:
    a: Scalar
    b: Scalar
    #: said in words ("3 to 4"): a ratio only, never the number it divides to ("5 to 1" is not 5)
    words: bool = False


@dataclass(frozen=True)
class Chain:
    """A chain of equal constants ``7 + 4 = 11`` (after any label: ``m + n = 7 + 4 = 11``): its value is the last
    link, and only when every link holds (``2 + 2 = 5`` states nothing)."""

    links: tuple[Node, ...]


Node = Scalar | Text | Choice | Bad | Labelled | Equation | Intervals | Coll | Matrix | Time | Ratio | Chain

_OPEN = {("op", "("), ("op", "["), ("op", "{"), ("op", "\\{"), ("cmd", "langle"), ("cmd", "lfloor"), ("cmd", "lceil")}
_CLOSE = {("op", ")"), ("op", "]"), ("op", "}"), ("op", "\\}"), ("cmd", "rangle"), ("cmd", "rfloor"), ("cmd", "rceil")}
_REL_CMDS = {"le": "le", "ge": "ge", "ne": "ne", "approx": "approx", "in": "in", "neq": "ne", "sim": "sim"}
_REL_CMDS["equiv"] = "="  # x \equiv 5 \pmod 7 states x's residue
_INF = ("cmd", "infty")


def check_caps(s: str) -> None:
    """Raise :class:`AnswerTooComplex` above :data:`MAX_ANSWER_CHARS` or :data:`MAX_NESTING`."""
    if len(s) > MAX_ANSWER_CHARS:
        raise AnswerTooComplex(f"answer of {len(s)} characters exceeds the cap of {MAX_ANSWER_CHARS}")
    depth = peak = 0
    for ch in s:
        if ch in "({[":
            depth += 1
            peak = max(peak, depth)
        elif ch in ")}]":
            depth -= 1
    if peak > MAX_NESTING:
        raise AnswerTooComplex(f"answer nests {peak} brackets deep, above the cap of {MAX_NESTING}")


#: a value written with an asymmetric uncertainty, ``5^{+1}_{-1}`` or ``5_{-1}^{+1}``
_UNCERTAINTY = re.compile(
    r"\^[ \t]*+\{[ \t]*+\+[^{}]{0,40}+\}[ \t]*+_[ \t]*+\{[ \t]*+-|_[ \t]*+\{[ \t]*+-[^{}]{0,40}+\}[ \t]*+\^[ \t]*+\{[ \t]*+\+"
)


_MONTHS = "january february march april may june july august september october november december".split()
_MONTH = r"(?P<{}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<{}>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
#: a whole answer that is a calendar date: "March 15", "March 15th, 2024", "15 March 2024", "the 15th of March",
#: "2024-03-15" (ISO); day-and-month numbers with slashes are left alone (03/04 is a day or a month first)
_DATE = re.compile(
    r"(?i)[ \t]*+(?:the[ \t]++)?(?:"
    + _MONTH.format("m1")
    + r"[ \t]++"
    + _DAY.format("d1")
    + r"|"
    + _DAY.format("d2")
    + r"(?:[ \t]++of)?[ \t]++"
    + _MONTH.format("m2")
    + r")(?:,?[ \t]++(?P<y1>\d{4}))?[ \t.]*+"
    + r"|[ \t]*+(?P<y2>\d{4})-(?P<m3>0[1-9]|1[0-2])-(?P<d3>0[1-9]|[12]\d|3[01])[ \t.]*+"
)
_TEXT_WRAP = re.compile(r"\\(?:text|mathrm|textrm|mbox)\{([^{}]{1,60}+)\}")


#: the halves of the day written before a clock time in Chinese, Japanese and Korean (上午 "morning", 下午
#: "afternoon", 午後, 오후)
_CJK_HALVES = {
    **dict.fromkeys("上午 早上 早晨 凌晨 清晨 午前 오전 새벽 아침".split(), "am"),
    **dict.fromkeys("下午 晚上 傍晚 中午 夜里 午後 夜 오후 저녁 밤".split(), "pm"),
}
#: a clock time in the local forms of other languages: German "15:45 Uhr", "15.45 Uhr", "15 Uhr"; French "15 h 45",
#: "15h45"; Vietnamese "15 giờ 45"; Chinese, Japanese and Korean with an hour mark and the minutes or a
#: half of the day ("下午3点45分", "3時45分", "오후 3시 45분", "3点半"). A bare hour with "h" or "giờ" is left out (also
#: hours of a duration: "15 h", "3 giờ"; so are minutes with their unit, "2 h 30 min", "2 giờ 30 phút"), as is the hour mark before 钟头/間/간 (a duration: "3時間").
LOCAL_CLOCK = re.compile(
    r"(?i)[ \t]*+(?:"
    r"(?P<h1>[01]?\d|2[0-3])(?:[:.](?P<m1>[0-5]\d))?+[ \t]*+uhr"
    r"|(?P<h2>[01]?\d|2[0-3])[ \t]*+(?:h|gi\u1edd|gio)[ \t]*+(?P<m2>[0-5]\d)"
    r"|(?P<half>" + "|".join(_CJK_HALVES) + r")?+[ \t]*+(?P<h3>[01]?\d|2[0-3])[ \t]*+[点點时時시]"
    r"(?:[ \t]*+(?P<m3>[0-5]?\d)[ \t]*+[分분]?+|(?P<half_hour>[半반]))?+"
    r")[ \t.\u3002]*+"
)


def local_clock(part: str) -> tuple[int, int, str] | None:
    """``part`` as a clock time (hour, minutes, ``"am"``/``"pm"`` or ``""``) when it is one whole time in a local
    form of :data:`LOCAL_CLOCK`; else ``None``. A Chinese, Japanese or Korean hour needs its minutes with their
    mark, a half hour or a half of the day ("3点" alone may be a count of hours or points)."""
    m = LOCAL_CLOCK.fullmatch(part.replace("$", ""))
    if m is None:
        return None
    if m.group("h1") is not None:
        return int(m.group("h1")), int(m.group("m1") or 0), ""
    if m.group("h2") is not None:
        return int(m.group("h2")), int(m.group("m2")), ""
    half = _CJK_HALVES.get(m.group("half") or "", "")
    minutes = 30 if m.group("half_hour") else int(m.group("m3") or 0)
    marked = half or m.group("half_hour") or m.group("m3") and re.search(r"[分분]", m.group(0))
    hour = int(m.group("h3"))
    if not marked or half and not 1 <= hour <= 12:
        return None
    return hour, minutes, half


def calendar_date(part: str) -> str | None:
    """``part`` as a canonical calendar date (``date:03-15``, ``date:2024-03-15``) when it is one whole date in
    words or ISO form, so that every way of writing the same day compares equal; else ``None``."""
    m = _DATE.fullmatch(_TEXT_WRAP.sub(r"\1", part.replace("$", "")).replace("~", " "))
    if m is None:
        return None
    if m.group("y2"):
        return f"date:{m.group('y2')}-{m.group('m3')}-{m.group('d3')}"
    name = (m.group("m1") or m.group("m2")).lower().rstrip(".")
    month = next(k for k, full in enumerate(_MONTHS, 1) if full.startswith(name[:3]))
    day = int(m.group("d1") or m.group("d2"))
    year = f"{m.group('y1')}-" if m.group("y1") else ""
    return f"date:{year}{month:02d}-{day:02d}"


@lru_cache(maxsize=8192)
def parse_answer(parts: tuple[str, ...], mode: str = "math") -> Node:
    """An extracted answer (one or several parts, math-mode LaTeX or ``mode="text"`` prose) as a structure."""
    if len(parts) > MAX_PARTS:
        raise AnswerTooComplex(f"{len(parts)} parts exceed the cap of {MAX_PARTS}")
    nodes = []
    for p in parts:
        check_caps(p)
        if len(p) <= 60 and (date := calendar_date(p)) is not None:
            nodes.append(Text(date))  # "March 15th", "15 March", "2024-03-15": one day, however written
            continue
        if len(p) <= 60 and (numeral := cjk_counted_numeral(p.replace("$", ""))) is not None:
            nodes.append(_scalar_of(numeral))  # "1万2000円", "1만 2천 원": digits between the units of ten thousand
            continue
        if len(p) <= 60 and (clock := local_clock(p)) is not None:
            nodes.append(Time(*clock))  # "15:45 Uhr", "15 h 45", "下午3点45分": a clock time, however written
            continue
        latex = prose_to_latex(p) if mode == "text" else p
        check_caps(latex)
        if _UNCERTAINTY.search(latex):  # 5^{+1}_{-1}: a value with an asymmetric uncertainty, a range
            nodes.append(Text(" ".join(latex.split())))
            continue
        node = parse_tokens(lex(latex))
        if not (isinstance(node, Scalar) and node.num is not None) and len(p) <= 60:
            node = _local_amount(p) or node  # "Rp24.000", "R$ 24,50": the number as its country writes it
        nodes.append(node)
    if len(nodes) == 1:
        return nodes[0]
    return Coll("parts", tuple(nodes))


def _local_amount(part: str) -> Scalar | None:
    """``part`` as an amount of money in its country's number format
    (:func:`~rlvr.verifiers.lexicon.local_amount`), its currency mark as the unit; else ``None``."""
    money = local_amount(part)
    node = parse_tokens(lex(money[0])) if money is not None else None
    return replace(node, unit=f"currency:{money[1]}") if isinstance(node, Scalar) and money is not None else None


def parse(latex: str) -> Node:
    """One math-mode answer as a structure."""
    return parse_answer((latex,), "math")


# ---------------------------------------------------------------- helpers over tokens


def _trim(t: list[Tok]) -> list[Tok]:
    i, j = 0, len(t)
    while i < j and t[i][0] == "ws":
        i += 1
    while j > i and (t[j - 1][0] == "ws" or t[j - 1] in (("op", "."), ("op", ","), ("op", ";"), ("op", ":"))):
        j -= 1
    return t[i:j]


def _split(t: list[Tok], is_sep) -> tuple[list[list[Tok]], list[Tok]]:  # noqa: ANN001
    """Split at separators outside every bracket; returns (parts, separators)."""
    parts: list[list[Tok]] = [[]]
    seps: list[Tok] = []
    depth = 0
    env = 0
    for tok in t:
        if tok[0] == "begin":
            env += 1
        elif tok[0] == "end":
            env -= 1
        elif tok in _OPEN:
            depth += 1
        elif tok in _CLOSE:
            depth -= 1
        if depth <= 0 and env == 0 and tok not in _CLOSE and is_sep(tok):
            parts.append([])
            seps.append(tok)
            continue
        parts[-1].append(tok)
    return parts, seps


def _one_group(t: list[Tok]) -> bool:
    """The bracket opened by ``t[0]`` closes at the last token (``(1, 2)``, not ``(1)(2)``)."""
    depth = 0
    for k, tok in enumerate(t):
        if tok in _OPEN:
            depth += 1
        elif tok in _CLOSE:
            depth -= 1
            if depth == 0 and k != len(t) - 1:
                return False
    return depth == 0


def _real_domain_dropped(t: list[Tok], var: str | None = None) -> list[Tok]:
    """Set-builder tokens without a domain of the real numbers, which adds nothing to a real condition: ``x \\in
    \\mathbb{R}`` after the variable (``\\{x \\in \\mathbb{R} : x > 2\\}``) or closing the condition of ``var``
    after a comma (``x > 2, x \\in \\mathbb{R}``). Another domain (``\\mathbb{Z}``) changes the set and stays."""
    real = (("cmd", "in"), ("cmd", "mathbbR"))
    if var is None and len(t) > 3 and t[0][0] == "sym" and tuple(t[1:3]) == real:
        return [t[0], *t[3:]]
    if var is not None and len(t) > 4 and tuple(t[-4:]) == (("op", ","), ("sym", var), *real):
        return t[:-4]
    return t


#: the real numbers as the domain of a set-builder condition
_REALS = frozenset({("cmd", "mathbbR"), ("cmd", "R")})
#: what separates the domain of a set-builder condition from the condition (``x \\in \\mathbb{R}, x \\ge 2``)
_DOMAIN_SEPARATORS = frozenset({("op", ","), ("op", ":"), ("op", "|"), ("cmd", "mid")})


def _domain_and_condition(n: list[Tok]) -> tuple[str, list[Tok]] | None:
    """The variable and the condition of ``x \\in \\mathbb{R}, <condition>`` (or ``:``, ``|``, ``\\mid``) or of
    ``<condition>, x \\in \\mathbb{R}``, in tokens without spacing; ``None`` for anything else."""
    if len(n) < 5:
        return None
    if n[0][0] == "sym" and n[1] == ("cmd", "in") and n[2] in _REALS and n[3] in _DOMAIN_SEPARATORS:
        return n[0][1], n[4:]
    if n[-4] == ("op", ",") and n[-3][0] == "sym" and n[-2] == ("cmd", "in") and n[-1] in _REALS:
        return n[-3][1], n[:-4]
    return None


def _unbraced_set_builder(t: list[Tok]) -> Intervals | None:
    """Set-builder notation written without braces, a real domain and a condition on its variable
    (``x \\in \\mathbb{R},\\ x \\ge 2``, ``x \\in \\mathbb{R} : x \\ge 2``, ``x \\ge 2, x \\in \\mathbb{R}``): the
    condition's set, as in braces; ``None`` for anything else (another domain, another variable)."""
    found = _domain_and_condition(_nonws(t))
    if found is None:
        return None
    node = parse_tokens(found[1])
    return node if isinstance(node, Intervals) and node.var == found[0] else None


def _outer(t: list[Tok], open_: Tok, close: Tok) -> list[Tok] | None:
    """The inside of ``t`` when one bracket pair opened by ``open_`` and closed by ``close`` wraps all of it."""
    if len(t) < 2 or t[0] != open_ or t[-1] != close or not _one_group(t):
        return None
    return t[1:-1]


def _wrapped_interval(t: list[Tok]) -> tuple[list[Tok], bool, bool] | None:
    """``(a, b]``-style brackets around all of ``t`` (any mix of round/square)."""
    if len(t) < 2 or t[0] not in (("op", "("), ("op", "[")) or t[-1] not in (("op", ")"), ("op", "]")):
        return None
    if not _one_group(t):
        return None
    return t[1:-1], t[0][1] == "[", t[-1][1] == "]"


def _nonws(t: list[Tok]) -> list[Tok]:
    return [x for x in t if x[0] != "ws"]


#: extreme-value words a label's subscript may hold (``N_{\text{max}}``, ``k_{\text{smallest}}``)
_EXTREMES = frozenset({"max", "min", "maximum", "minimum", "least", "most", "smallest", "largest", "greatest", "best"})


def _is_label(t: list[Tok]) -> str | None:
    """A label (the left side of ``x = 5``): a letter with subscripts/primes, a Greek letter, ``f(x)``, a
    geometric name, or words (prose); its canonical text, else ``None``."""
    n = _nonws(t)
    if not n:
        return None
    if all(k == "word" for k, _ in n):
        if any(v.lower() in LABEL_CUES or v.lower() in NEGATION_CUES for _, v in n) or n[0][1].lower() in (
            LABEL_ABBREVIATIONS
        ):
            return None  # "wrong = 5", "upper bound = 5", "UB = 5": not the quantity asked for
        return " ".join(v.lower() for _, v in n)
    if (
        len(n) >= 3
        and len(n) % 2 == 1
        and all(  # x:y = 2:3, a ratio of named quantities
            (k == "sym") if j % 2 == 0 else (k, v) == ("op", ":") for j, (k, v) in enumerate(n)
        )
    ):
        return render(n)
    quantity = _quantity_label(n)
    if quantity is not None:
        return quantity
    k0, v0 = n[0]
    if not (k0 == "sym" or (k0 == "cmd" and len(v0) > 1 and v0.isalpha() and v0 not in ("frac", "sqrt", "pi"))):
        return None
    rest = n[1:]
    if k0 == "cmd" and v0 in ("angle", "overline", "triangle", "measuredangle", "overarc", "widehat"):
        if all(x[0] in ("sym", "op") and x[1] not in ("+", "-", "=", "*", "/") or _name_token(x) for x in rest):
            return render(n)
        return None
    i = 0
    if rest[:1] == [("op", "_")]:
        if len(rest) >= 2 and rest[1][0] in ("num", "sym"):
            i = 2
        elif rest[1:2] == [("op", "{")]:
            j = 2
            while j < len(rest) and rest[j] != ("op", "}"):
                if rest[j][0] not in ("num", "sym", "cmd", "word", "ws") and rest[j] not in (("unit", "min"),):
                    return None  # n_{\text{min}}: "min" lexed as minutes
                word = rest[j][1].lower() if rest[j][0] in ("word", "unit") else ""
                if (
                    word in LABEL_CUES
                    or word in LABEL_ABBREVIATIONS
                    or word in NEGATION_CUES
                    or word in QUALIFIER_CUES - _EXTREMES
                ):
                    return None  # N_{\text{max}} names the quantity; N_{\text{guess}}, N_{\text{alt}} disown it
                j += 1
            i = j + 1
        else:
            return None
    while i < len(rest) and rest[i] == ("op", "'"):
        i += 1
    if rest[i : i + 5] == [("op", "^"), ("op", "{"), ("op", "-"), ("num", "1"), ("op", "}")]:
        i += 5  # f^{-1}(x)
    tail = rest[i:]
    if tail and tail[0] == ("op", "(") and tail[-1] == ("op", ")"):
        inner = tail[1:-1]
        if all(x[0] == "sym" or x == ("op", ",") for x in inner):
            return render(n)
        return None
    if tail:
        return None
    return render(n)


#: operators whose application names a quantity (``\\Pr(X=1)``, ``\\mathbb{E}[X]``, ``\\det A``, ``\\sin\\theta``) and
#: big operators that compute one (``\\sum_{k=1}^{10} k``, ``\\int_0^1 x\\,dx``, ``\\lim_{x\\to0} …``)
_QUANTITY_OPERATORS = frozenset(
    "Pr Var Cov det sin cos tan cot sec csc sinh cosh tanh arcsin arccos arctan log ln exp gcd lcm deg dim rank "
    "tr operatornameVar mathbbE mathbbP mathbbV sum prod int iint iiint oint lim limsup liminf max min Re Im".split()
)
#: words that name a quantity as a function of its argument (``\\text{Var}(X)``)
_QUANTITY_WORDS = frozenset("Var Cov Corr Pr Area area Vol SD Std Mean mean Re Im".split())
#: letters that name functions (``f(3)``); another letter before a parenthesis is a product (``x(3) = 6``)
_FUNCTION_LETTERS = frozenset("fghpqFGHPQ")


_VECTOR_MARKS = frozenset("vec overline overrightarrow mathbf bm boldsymbol".split())


def _name_token(tok: Tok) -> bool:
    """A letter, or a run of capitals read as one word (``AB`` in prose)."""
    k, v = tok
    return k == "sym" or k == "word" and v.isalpha() and v.isupper() and len(v) <= 4


def _quantity_label(n: list[Tok]) -> str | None:
    """A left side that names one quantity, so ``label = value`` states its value: a modulus of a name
    (``|z|``, ``|AB|``, ``|\\vec v|``), an area ``[ABC]``, a function at numbers (``f(3)``, ``g(1, 2)``), an operator
    applied (``\\Pr(X=1)``, ``\\mathbb{E}[X]``, ``\\text{Var}(X)``, ``\\det A``, ``\\sin\\theta``) or a big operator
    (``\\sum…``, ``\\int…``, ``\\lim…``); its text, else ``None``."""
    if len(n) >= 3 and n[0] == n[-1] == ("op", "|"):
        inner = [x for x in n[1:-1] if x not in (("op", "{"), ("op", "}"))]
        if inner and all(_name_token(x) or x[0] == "cmd" and x[1] in _VECTOR_MARKS for x in inner):
            return render(n)
        return None
    if len(n) >= 3 and n[0] == ("op", "[") and n[-1] == ("op", "]"):
        inner = n[1:-1]
        return render(n) if all(_name_token(x) and x[1].isupper() for x in inner) and len(render(inner)) > 1 else None
    k0, v0 = n[0]
    if k0 == "sym" and v0 in _FUNCTION_LETTERS and len(n) >= 4 and n[1] == ("op", "(") and n[-1] == ("op", ")"):
        inner = n[2:-1]
        if any(k == "num" for k, _ in inner) and all(
            k == "num" or (k, v) in (("op", ","), ("op", "-")) for k, v in inner
        ):
            return render(n)
        return None
    if (k0 == "cmd" and v0 in _QUANTITY_OPERATORS or k0 == "word" and v0 in _QUANTITY_WORDS) and len(n) >= 2:
        if any(k == "word" and not re.fullmatch("d[a-z]", v) for k, v in n[1:]):
            return None  # "\\min n = 5" names the least n, but "\\min" over words is prose
        return render(n)
    return None


# ---------------------------------------------------------------- the parser


def _named_point(t: list[Tok]) -> list[Tok]:
    """``P(1, 2)``: a capital letter right before a parenthesised pair or triple names a point, read like
    ``P = (1, 2)``; ``C(5, 2)`` and ``P(5, 2)`` (two whole numbers, the first at least the second) are also
    the binomial and permutation counts and stay as written."""
    if len(t) < 5 or t[0][0] != "sym" or not t[0][1].isupper() or len(t[0][1]) != 1 or t[1] != ("op", "("):
        return t
    if t[-1] != ("op", ")") or _outer(t[1:], ("op", "("), ("op", ")")) is None:
        return t
    items = [_nonws(p) for p in _split(t[2:-1], _comma)[0]]
    if not 2 <= len(items) <= 3 or not all(items):
        return t
    whole = [int(p[0][1]) for p in items if len(p) == 1 and p[0][0] == "num" and p[0][1].isdigit()]
    if t[0][1] in "CP" and len(whole) == len(items) == 2 and whole[0] >= whole[1]:
        return t
    return [t[0], ("op", "="), *t[1:]]


def parse_tokens(toks: list[Tok]) -> Node:
    """A structure from math-mode tokens (see the module docstring)."""
    t = _french_interval(_trim(toks))
    if not t:
        return Bad("")
    named = _named_integers(_nonws(t))
    if named is not None:
        return named
    while _outer(t, ("op", "{"), ("op", "}")) is not None:
        inner = _trim(t[1:-1])
        if _split(inner, _comma)[1] and merge_thousands(inner) == inner:
            items = [_trim(p) for p in _split(inner, _comma)[0]]
            return Coll("set", tuple(parse_tokens(p) for p in items if p))  # {1, 2}: a set in plain braces
        t = inner
        if not t:
            return Bad("")
    inner_env = _layout_environment(t)
    if inner_env is not None:
        return parse_tokens(inner_env)
    nested = _nested_lists(t)
    if nested is not None:
        return nested
    t = _named_point(_arithmetic_arrows(_universal_quantifier(_constant_word(t))))
    t = _unjoined_compound(_ratio_in_words(_integer_parameter(t)))
    node = _unbraced_set_builder(t)
    if node is not None:
        return node
    node = _connectives(t)
    if node is not None:
        return node
    node = _commas(t)
    if node is not None:
        return node
    node = _relations(t)
    if node is not None:
        return node
    return _atomic(t)


#: the sets of positive and of nonnegative integers by their symbols (braces dropped): ``\\mathbb{Z}^+``,
#: ``\\mathbb{Z}_{>0}``, ``\\mathbb{N}^*``, ``\\mathbb{Z}_{\\ge 0}``, ``\\mathbb{N}_0`` (a bare ``\\mathbb{N}`` is
#: either, by convention, and stays itself)
_INTEGER_SETS = {
    **dict.fromkeys(
        ("mathbbZ^+", "mathbbZ_+", "mathbbZ_>0", "mathbbZ_ge1", "mathbbN^+", "mathbbN^*", "mathbbN_>0", "mathbbN_ge1"),
        "positive integers",
    ),
    **dict.fromkeys(("mathbbZ_ge0", "mathbbZ^+_0", "mathbbZ_0^+", "mathbbN_0", "mathbbN_ge0"), "nonnegative integers"),
}
#: the same sets in words, after "all", "the", "every" or "any"
_INTEGER_SET_WORDS = {
    "positive integers": "positive integers",
    "positive integer": "positive integers",
    "positive whole numbers": "positive integers",
    "nonnegative integers": "nonnegative integers",
    "non-negative integers": "nonnegative integers",
    "non negative integers": "nonnegative integers",
}


def _named_integers(n: list[Tok]) -> Text | None:
    """The positive (or nonnegative) integers named by a symbol (``\\mathbb{Z}^+``), in words ("all positive
    integers") or listed (``1, 2, 3, \\ldots``, ``\\{0, 1, 2, \\dots\\}``): one text, so that the three forms are
    equal; ``None`` for anything else."""
    if len(n) > 12:
        return None
    if n and n[0][0] == "cmd" and n[0][1] in ("mathbbZ", "mathbbN"):
        key = "".join(v for _, v in n if v not in ("{", "}")).replace("geq", "ge")
        return Text(_INTEGER_SETS[key]) if key in _INTEGER_SETS else None
    if n and all(k == "word" or (k, v) == ("op", "-") for k, v in n):
        words = [v.lower() for _, v in n]
        words = words[1:] if words[0] in ("all", "the", "every", "any") else words
        name = _INTEGER_SET_WORDS.get(" ".join(words).replace(" - ", "-"))
        return Text(name) if name is not None else None
    inner = _outer(n, ("op", "\\{"), ("op", "\\}")) or n
    values = [v for k, v in inner if (k, v) != ("op", ",")]
    if len(values) >= 4 and inner[-1] == ("cmd", "dots") and values[:-1] in (["1", "2", "3"], ["0", "1", "2"]):
        return Text("positive integers" if values[0] == "1" else "nonnegative integers")
    return None


#: the constant of integration written as a word (``+\\text{const}``, ``+ \\text{constant}``)
_CONSTANT_WORDS = frozenset({"const", "constant", "const."})


def _constant_word(t: list[Tok]) -> list[Tok]:
    """``t`` with a last term that is the word "const" or "constant" after ``+`` written as the constant ``C``
    (``\\frac{x^2}{2}+\\text{const}`` = ``\\frac{x^2}{2}+C``), when ``C`` is no other symbol of ``t``."""
    n = _nonws(t)
    if len(n) < 3 or n[-1][0] != "word" or n[-1][1].lower() not in _CONSTANT_WORDS or n[-2] != ("op", "+"):
        return t
    if ("sym", "C") in t:
        return t
    return [*t[: len(t) - 1 - t[::-1].index(n[-1])], ("sym", "C")]


def _nested_lists(t: list[Tok]) -> Matrix | None:
    """``[[1,2],[3,4]]`` (a list of rows, as NumPy and Mathematica write a matrix): the matrix, when there are
    at least two rows of the same length; ``None`` otherwise."""
    inner = _outer(t, ("op", "["), ("op", "]"))
    if inner is None or _trim(inner)[:1] != [("op", "[")]:
        return None
    rows: list[tuple[Node, ...]] = []
    for part in _split(_trim(inner), _comma)[0]:
        row = _outer(_trim(part), ("op", "["), ("op", "]"))
        if row is None or not row:
            return None
        rows.append(tuple(parse_tokens(_trim(c)) for c in _split(row, _comma)[0]))
    if len(rows) < 2 or len({len(r) for r in rows}) != 1:
        return None
    return Matrix(tuple(rows))


def _universal_quantifier(t: list[Tok]) -> list[Tok]:
    """``f(x) = x \\text{ for all } x``, ``x^2 \\text{ for every real } x``: "for all" a variable of the answer
    closes it without changing it (``\\forall x`` too); anything else after "for" stays."""
    idx = [i for i, x in enumerate(t) if x[0] != "ws"]
    if len(idx) < 4 or t[idx[-1]][0] != "sym":
        return t
    var = t[idx[-1]]
    k = len(idx) - 2
    if t[idx[k]] == ("cmd", "forall"):
        start = idx[k]
    else:
        if t[idx[k]][0] == "word" and t[idx[k]][1].lower() in ("real", "reals", "integer", "integers", "positive"):
            k -= 1
        if k < 2 or t[idx[k]][0] != "word" or t[idx[k]][1].lower() not in ("all", "every", "each", "any"):
            return t
        if t[idx[k - 1]] != ("word", "for"):
            return t
        start = idx[k - 1]
    head = t[:start]
    return _trim(head) if var in head else t


_ARROWS = frozenset({("cmd", "to"), ("cmd", "Rightarrow"), ("cmd", "implies"), ("cmd", "Longrightarrow")})
_ARROWS |= {("op", "→"), ("op", "⇒"), ("op", "⟶"), ("op", "⟹")}
_ARITHMETIC = frozenset({"num", "ws"})


def _arithmetic_arrows(t: list[Tok]) -> list[Tok]:
    """``16 + 7 \\to 23``, ``16+7 ⇒ 23``: an arrow between numbers and arithmetic (no letters, no other
    relation) reads as ``=``, a chain of results; an arrow next to a letter (a limit, a map) stays as written."""
    if not any(x in _ARROWS for x in t):
        return t
    ok = all(
        x in _ARROWS
        or x[0] in _ARITHMETIC
        or x[0] == "op"
        and x[1] in "+-*/()."
        or x in (("cmd", "times"), ("cmd", "cdot"), ("cmd", "div"))
        for x in t
    )
    if not ok or t[0] in _ARROWS or t[-1] in _ARROWS:
        return t
    return [("op", "=") if x in _ARROWS else x for x in t]


_LAYOUT_ENVS = frozenset({"aligned", "align", "alignat", "gathered", "gather", "split", "equation", "eqnarray"})


def _layout_environment(t: list[Tok]) -> list[Tok] | None:
    """The content of a layout environment around a whole answer (``aligned``, ``align*``, ``gathered``, a
    one-cell ``array``), with its alignment marks removed; several rows are a list. ``None`` when there is none."""
    n = _nonws(t)
    brace = n[:1] == [("op", "\\{")] and n[1:2] in ([("begin", "array")], [("begin", "aligned")])
    if brace:
        n = n[1:]  # \left\{ \begin{array}{l} x = 2 \\ y = -1 \end{array} \right.: a system, like cases
    if len(n) < 2 or n[0][0] != "begin" or n[-1] != ("end", n[0][1]) or not _closes_at_end(n):
        return None
    env, body = n[0][1], n[1:-1]
    rows = [[x for x in r if x != ("op", "&")] for r in _split(body, lambda tok: tok == ("op", "\\\\"))[0]]
    rows = [r for r in rows if r]
    if env == "cases" or brace:
        return _system_rows(rows)
    if env == "array" and len(rows) == 1 and ("op", "&") not in body:
        return rows[0]
    if env not in _LAYOUT_ENVS or not rows:
        return None
    out: list[Tok] = []
    for k, r in enumerate(rows):
        out.extend(([("op", ",")] if k else []) + r)
    return out


def _system_rows(rows: list[list[Tok]]) -> list[Tok] | None:
    """The rows of a system written with a left brace (``cases``, ``\\left\\{`` array) as a list, when every row
    gives one variable its value (``x = 2 \\\\ y = -1``): the solution of the system, as ``x = 2, y = -1``. A
    piecewise definition or a system of equations to solve is no such list (``None``)."""
    labels: set[str] = set()
    rows = [r[:-1] if r[-1] in (("op", ","), ("op", "."), ("op", ";")) else r for r in rows]  # "x = 2, \\ y = -1."
    for r in rows:
        if len(r) < 3 or r[0][0] != "sym" or r[1] != ("op", "=") or r[0][1] in labels or ("op", "=") in r[2:]:
            return None
        labels.add(r[0][1])
    if len(rows) < 2:
        return None
    out: list[Tok] = []
    for k, r in enumerate(rows):
        out.extend(([("op", ",")] if k else []) + r)
    return out


def _french_interval(t: list[Tok]) -> list[Tok]:
    """``]1, 2[``, ``[1, 2[``, ``]1, 2]``: the ISO (French) notation of open ends, as ``(1, 2)``, ``[1, 2)``, ``(1, 2]``;
    also mixed with a parenthesis (``(2, \\infty[``, ``]1, 2)``): a reversed bracket is an open end. After a
    membership (``x \\in ]-1, 3[``) the interval is read the same way."""
    head = t[:4]
    if ("cmd", "in") in head:
        cut = head.index(("cmd", "in")) + 1
        return t[:cut] + _iso_interval(_trim(t[cut:]))
    return _iso_interval(t)


def _iso_interval(t: list[Tok]) -> list[Tok]:
    """:func:`_french_interval` of ``t`` as a whole."""
    if (
        len(t) < 5
        or t[0] not in (("op", "]"), ("op", "["), ("op", "("))
        or t[-1] not in (("op", "["), ("op", "]"), ("op", ")"))
    ):
        return t
    if t[0] != ("op", "]") and t[-1] != ("op", "["):
        return t  # [1, 2], (1, 2], [1, 2), (1, 2): no reversed bracket
    inner = t[1:-1]
    depth = 0
    for tok in inner:
        depth += (tok in _OPEN) - (tok in _CLOSE)
        if depth < 0:
            return t
    if depth != 0 or len(_split(inner, _comma)[1]) != 1:
        return t
    opening = "[" if t[0][1] == "[" else "("
    return [("op", opening), *inner, ("op", ")" if t[-1][1] in "[)" else "]")]


def _comma(tok: Tok) -> bool:
    return tok in (("op", ","), ("op", ";"))


_ALT_OPENERS = frozenset({"or", "i.e", "ie", "equivalently", "that is", "approximately", "about", "roughly"})


def _parenthetical(t: list[Tok]) -> Node | None:
    """``\frac12 (or 0.5)``, ``5 (i.e. 5.0)``: a trailing parenthesis that restates the answer is an alternative
    (every alternative must match)."""
    n = _nonws(t)
    if len(n) < 4 or n[-1] != ("op", ")"):
        return None
    depth, k = 0, len(n) - 1
    while k >= 0:
        if n[k] in _CLOSE:
            depth += 1
        elif n[k] in _OPEN:
            depth -= 1
            if depth == 0:
                break
        k -= 1
    if k > 0 and n[k] == ("op", "(") and (bare := _bare_restatement(t, n[:k], n[k + 1 : -1])) is not None:
        return bare
    if k > 0 and n[k + 1 : k + 5] == [("sym", "i"), ("op", "."), ("sym", "e"), ("op", ".")]:
        n = [*n[: k + 1], ("word", "i.e."), *n[k + 5 :]]  # "(i.e., twenty-three)" lexed in math mode
    if k <= 0 or n[k] != ("op", "(") or n[k + 1][0] != "word":
        return None
    if all(x[0] == "word" for x in n[k + 1 : -1]):  # 5 (five): a restatement in words
        value = number_words(" ".join(x[1] for x in n[k + 1 : -1]))
        if value is not None:
            return Coll("or", (parse_tokens(n[:k]), _scalar_of(value)))
    word = n[k + 1][1].lower().rstrip(".")
    inner = n[k + 2 : -1]
    if word == "that" and inner[:1] and inner[0][0] == "word" and inner[0][1].lower() == "is":
        word, inner = "that is", inner[1:]  # "(that is, five)"
    if word not in _ALT_OPENERS:
        return None
    if word in ("i.e", "ie") and inner[:1] == [("op", ".")]:
        inner = inner[1:]
    if inner[:1] == [("op", ",")]:  # "(i.e., twenty-three)"
        inner = inner[1:]
    if not inner:
        return None
    if word in ("or", "i.e", "ie", "equivalently", "that is"):
        return Coll("or", (parse_tokens(n[:k]), parse_tokens(inner)))
    main = parse_tokens(n[:k])
    if isinstance(main, Scalar) and main.num is not None and not main.approx and not _has_letters(n[:k]):
        return main  # "5/6 (about 83%)": an approximation after an exact value is dropped, like \approx
    return Coll("or", (main, parse_tokens([("cmd", "approx"), *inner])))


def _bare_restatement(t: list[Tok], main: list[Tok], inner: list[Tok]) -> Coll | None:
    """``\\frac12 (0.5)``, ``0.24 (24\\%)``: a number set apart by a space and followed by another number alone in
    parentheses restates it in another form, an alternative that must match too; written together
    (``\\frac12(0.5)``) it is a product; a parenthesis holding a letter (``f (x)``) or only a whole number (an
    equation's number: ``5 (1)``) is no restatement."""
    close = len(t) - 1 - next(i for i, tok in enumerate(reversed(t)) if tok[0] != "ws")
    depth, k = 0, close
    while k > 0:
        depth += 1 if t[k] in _CLOSE else -1 if t[k] in _OPEN else 0
        if depth == 0:
            break
        k -= 1
    if k <= 0 or t[k - 1][0] != "ws" or not inner or _has_letters(main) or _has_letters(inner):
        return None
    if len(inner) == 1 and inner[0][0] == "num" and inner[0][1].isdigit():
        return None  # "\\boxed{5} (1)": a whole number alone in parentheses may number an equation
    if any(kind in ("word", "unit") and value != "%" for kind, value in main + inner):
        return None
    first, second = parse_tokens(main), parse_tokens(inner)
    if not (
        isinstance(first, Scalar) and first.num is not None and isinstance(second, Scalar) and second.num is not None
    ):
        return None
    return Coll("or", (first, second))


def _labelled_items(node: Node) -> list[Node] | None:
    """A label of one list of values ("x = 1, 2") as one labelled value per item, else ``None``: before "or" or
    "and" the list goes on ("x = 1, 2, or 3" is x = 1, x = 2 or 3, like "x = 1 or 2")."""
    if not isinstance(node, Labelled) or len(node.labels) != 1 or len(node.values) != 1:
        return None
    value = node.values[0]
    if not isinstance(value, Coll) or value.kind != "list":
        return None
    return [Labelled(node.labels, (v,)) for v in value.items]


def _connectives(t: list[Tok]) -> Node | None:
    n = _nonws(t)
    if all(k == "word" for k, _ in n) and any(v.lower() == "and" for _, v in n):  # three hundred and five
        value = number_words(" ".join(v for _, v in n))
        if value is not None:
            return _scalar_of(value)
    paren = _parenthetical(t)
    if paren is not None:
        return paren

    def sep(tok: Tok) -> bool:
        return tok[0] == "word" and (tok[1].lower() in OR_WORDS or tok[1].lower() in AND_WORDS)

    parts, seps = _split(t, sep)
    if not seps:
        return None
    kinds = {("or" if s[1].lower() in OR_WORDS else "and") for s in seps}
    lead = _nonws(parts[0])[:1]
    if kinds == {"and"} and len(seps) == 1 and lead and lead[0][0] == "word" and lead[0][1].lower() == "both":
        parts[0] = _trim(parts[0])[1:]  # "both 1 and 2": the list 1, 2
    items: list[Node] = []
    for p in parts:
        p = _trim(p)
        if not p:
            continue
        node = parse_tokens(p)
        if isinstance(node, Coll) and node.kind == "list":
            items.extend(node.items)
        elif not items and (labelled := _labelled_items(node)) is not None:
            items.extend(labelled)  # "x = 1, 2, or 3": the label's list goes on past the comma
        else:
            items.append(node)
    if len(items) > MAX_PARTS:
        raise AnswerTooComplex("too many parts")
    if len(kinds) > 1 or not items:
        return Bad(render(t))
    kind = kinds.pop()
    if len(items) == 1:
        return Bad(render(t))  # "either 5", "5 or": an alternative that names one candidate offers no answer
    ivs = [_as_intervals(n) for n in items]
    if all(iv is not None for iv in ivs) and all(isinstance(n, (Intervals, Labelled)) for n in items):
        flat = [iv for iv in ivs if iv is not None]
        return _combine(flat, "union" if kind == "or" else "intersection")
    if kind == "and" and all(isinstance(n, Labelled) for n in items):
        return _merge_labelled(items) or Coll("and", tuple(items))
    mixed = _and_a_part(_trim(parts[0]), _trim(parts[1])) if kind == "and" and len(parts) == 2 else None
    if mixed is not None:
        return mixed  # "5 and a half hours", "5 hours and a quarter": one mixed quantity
    whole = compound_quantity(items[0], items[1]) if kind == "and" and len(items) == 2 else None
    if whole is not None and whole.unit == "$":
        return whole  # "18 dollars and 50 cents" is $18.50 (other compounds: against a gold in their larger unit)
    return Coll(kind, tuple(items))


#: a unit and the smaller unit a quantity may go on in, with how many of the smaller make one of the larger
_COMPOUND_UNITS = {
    ("h", "min"): 60,
    ("min", "s"): 60,
    ("day", "h"): 24,
    ("week", "day"): 7,
    ("year", "month"): 12,
    ("$", "cent"): 100,
    ("ft", "in"): 12,
    ("yd", "ft"): 3,
    ("lb", "oz"): 16,
    ("m", "cm"): 100,
    ("km", "m"): 1000,
    ("kg", "g"): 1000,
    ("l", "ml"): 1000,
}


#: letters that name the integer parameter of a periodic family (``\\frac{\\pi}{4} + k\\pi``)
_INTEGER_DUMMIES = frozenset("knm")
_IN_INTEGERS = [("op", ","), ("sym", ""), ("cmd", "in"), ("cmd", "mathbbZ")]


def _integer_parameter(t: list[Tok]) -> list[Tok]:
    """A family of values with one integer parameter beside ``\\pi`` (``x = \\frac{\\pi}{4} + n\\pi``, with ``k
    \\in \\mathbb{Z}`` after it or not): the parameter is a dummy, so it is named ``k`` whatever its letter, and
    the domain after it is dropped. Other letters, or two of k, n, m, leave the family as written."""
    if ("cmd", "pi") not in t:
        return t
    n = _nonws(t)
    dummies = {v for k, v in n if k == "sym" and v in _INTEGER_DUMMIES}
    if len(dummies) != 1:
        return t
    name = dummies.pop()
    if len(n) > 4 and [(k, v if k != "sym" else "") for k, v in n[-4:]] == _IN_INTEGERS and n[-3][1] == name:
        cut = max(i for i, x in enumerate(t) if x == ("op", ","))
        if ("sym", name) not in t[:cut]:
            return t
        t = _trim(t[:cut])  # ", k \\in \\mathbb{Z}": the parameter's domain
    return [("sym", "k") if x == ("sym", name) else x for x in t]


def _ratio_in_words(t: list[Tok]) -> list[Tok]:
    """``3 to 4`` (two numbers joined by "to" and nothing else): the ratio ``3:4``, as "the ratio is 3 to 4" says;
    with a unit or any other word ("3 to 4 hours", "from 3 to 4") it stays as written."""
    n = _nonws(t) if len(t) <= 7 else []
    if len(n) != 3 or n[0][0] != "num" or n[1][0] != "word" or n[1][1].lower() != "to" or n[2][0] != "num":
        return t
    return [n[0], ("op", ":"), ("word", "to"), n[2]]


def _unjoined_compound(t: list[Tok]) -> list[Tok]:
    """``2 \\text{ hours } 30 \\text{ minutes}``, ``5 ft 3 in``: a quantity in a unit and a smaller one of
    :data:`_COMPOUND_UNITS` written side by side reads as joined by "and" (one compound quantity)."""
    n = _nonws(t) if len(t) <= 9 else []
    if len(n) != 4 or [k for k, _ in n] != ["num", "unit", "num", "unit"] or (n[1][1], n[3][1]) not in _COMPOUND_UNITS:
        return t
    return [n[0], ("ws", " "), n[1], ("ws", " "), ("word", "and"), ("ws", " "), n[2], ("ws", " "), n[3]]


def _and_a_part(whole: list[Tok], part: list[Tok]) -> Scalar | None:
    """``5 and a half hours``, ``5 hours and a quarter``, ``two and one third``: a whole number and "a"/"an"/"one"
    with a unit fraction in words (a half, a quarter, a third …), with at most one unit on either side, as one
    mixed number; ``None`` for anything else ("5 and a half apples", "5 and 6", "5 and a half or 6")."""
    a = parse_tokens(whole)
    toks = _nonws(part)
    unit = None
    if toks and toks[-1][0] == "unit":
        unit, toks = toks[-1][1], toks[:-1]
    if not (isinstance(a, Scalar) and a.num is not None and a.num.value.denominator == 1 and a.num.value >= 0):
        return None
    if a.approx or len(toks) != 2 or toks[0][1].lower() not in ("a", "an", "one") or toks[1][0] != "word":
        return None
    frac = number_words(f"{toks[0][1].lower()} {toks[1][1].lower()}")
    if frac is None or not 0 < frac < 1 or frac.numerator != 1 or (a.unit and unit and a.unit != unit):
        return None
    return replace(_scalar_of(a.num.value + frac), unit=a.unit or unit)


def mixed_number(a: Node, b: Node) -> Scalar | None:
    """``2 and 1/2``, ``2 and \\frac{1}{2} cups``: a whole number and a proper fraction written as one (digits over
    digits), with at most one unit or the same on both, as one mixed number; ``None`` otherwise ("2 and 0.5", "2 and
    3/2", "2 hours and 1/2 mile"). Read so only against a gold of one value: against a list, they are two."""
    if not (isinstance(a, Scalar) and isinstance(b, Scalar) and a.num is not None and b.num is not None):
        return None
    fraction = any(x in (("op", "/"), ("cmd", "frac"), ("cmd", "dfrac"), ("cmd", "tfrac")) for x in b.toks)
    if a.approx or b.approx or a.num.value.denominator != 1 or a.num.value < 0 or not 0 < b.num.value < 1:
        return None
    if not fraction or a.unit and b.unit and a.unit != b.unit:
        return None
    return replace(_scalar_of(a.num.value + b.num.value), unit=a.unit or b.unit)


def compound_quantity(a: Node, b: Node) -> Scalar | None:
    """``5 hours and 30 minutes``, ``18 dollars and 50 cents``: a whole number of a unit and fewer than one of it
    in a smaller unit are one quantity in the larger unit (5.5 h, $18.50); ``None`` for anything else."""
    if not (isinstance(a, Scalar) and isinstance(b, Scalar) and a.num is not None and b.num is not None):
        return None
    ratio = _COMPOUND_UNITS.get((a.unit or "", b.unit or ""))
    x, y = a.num.value, b.num.value
    if ratio is None or a.approx or b.approx or x.denominator != 1 or x < 0 or not 0 <= y < ratio:
        return None
    return replace(_scalar_of(x + y / ratio), unit=a.unit)


def _as_intervals(n: Node) -> Intervals | None:
    if isinstance(n, Intervals):
        return n
    if isinstance(n, Labelled) and len(n.labels) == 1 and isinstance(n.values[0], Intervals):
        iv = n.values[0]
        return Intervals(iv.items, iv.op, n.labels[0])
    return None


def _combine(ivs: list[Intervals], op: str) -> Intervals:
    """Combine interval sets; a nested combination with another operator is kept as one flat list when
    all pieces share the operator, else represented through nested ``Coll`` (compared structurally)."""
    var = ivs[0].var
    if any(iv.var != var for iv in ivs):
        var = None
    items: list[Interval] = []
    for iv in ivs:
        if len(iv.items) > 1 and iv.op != op:
            return Intervals(tuple(items + list(iv.items)), "mixed", var)
        items.extend(iv.items)
    return Intervals(tuple(items), op, var)


def _merge_labelled(items: list[Node]) -> Labelled | None:
    labels: list[str] = []
    values: list[Node] = []
    for n in items:
        assert isinstance(n, Labelled)
        labels.extend(n.labels)
        values.extend(n.values)
    if len(set(labels)) != len(labels):
        return None
    return Labelled(tuple(labels), tuple(values))


def _commas(t: list[Tok]) -> Node | None:
    merged = merge_thousands(t)
    if merged != t and not _split(merged, _comma)[1]:
        return None  # 1,250,000: one number
    parts, seps = _split(t, _comma)
    if not seps:
        return None
    parts = [_trim(p) for p in parts]
    parts = [p for p in parts if p]
    if len(parts) > MAX_PARTS:
        raise AnswerTooComplex("too many list items")
    if len(parts) < 2:
        return parse_tokens(parts[0]) if parts else Bad(render(t))
    items = [parse_tokens(p) for p in parts]
    items = _closed_progression(items) or items  # 1, 2, \ldots, 5: the five numbers
    if (
        isinstance(items[0], Labelled)
        and len(items[0].labels) == 1
        and not any(isinstance(x, Labelled) for x in items[1:])
    ):
        first = items[0]
        return Labelled(first.labels, (Coll("list", (first.values[0], *items[1:])),))
    if all(isinstance(x, Labelled) for x in items):
        merged_l = _merge_labelled(items)
        if merged_l is not None:
            return merged_l
    if all(isinstance(x, Intervals) for x in items):
        ivs = [x for x in items if isinstance(x, Intervals)]
        return _both_bounds(ivs) or _combine(ivs, "union")
    return Coll("list", tuple(items))


def _both_bounds(ivs: list[Intervals]) -> Intervals | None:
    """``x \\ge 2, x \\le 5``: a lower and an upper bound of one variable that overlap are both conditions (their
    union would be every number), the interval between; else ``None`` (``x \\le -1, x \\ge 1`` is a union)."""
    if len(ivs) != 2 or any(len(iv.items) != 1 for iv in ivs) or ivs[0].var is None or ivs[0].var != ivs[1].var:
        return None
    a, b = ivs[0].items[0], ivs[1].items[0]
    lower, upper = (a, b) if b.lo.toks == _scalar_inf(-1).toks else (b, a)
    if lower.hi.toks != _scalar_inf(1).toks or upper.lo.toks != _scalar_inf(-1).toks:
        return None
    lo, hi = lower.lo.num, upper.hi.num
    if (
        lo is None
        or hi is None
        or not (lo.value < hi.value or lo.value == hi.value and lower.lo_closed and upper.hi_closed)
    ):
        return None
    return Intervals((Interval(lower.lo, upper.hi, lower.lo_closed, upper.hi_closed),), "union", ivs[0].var)


def _rel_kind(tok: Tok) -> str | None:
    if tok == ("op", "="):
        return "="
    if tok == ("op", "<"):
        return "<"
    if tok == ("op", ">"):
        return ">"
    if tok[0] == "cmd" and tok[1] in _REL_CMDS:
        return _REL_CMDS[tok[1]]
    return None


def _relations(t: list[Tok]) -> Node | None:
    parts, seps = _split(t, lambda tok: _rel_kind(tok) is not None)
    if not seps:
        return None
    ops = [_rel_kind(s) for s in seps]
    parts = [_trim(p) for p in parts]
    if "sim" in ops:
        k = ops.index("sim")
        if parts[k] and not _has_letters(parts[k]) and parts[k + 1]:
            return Bad(render(t))  # "23 ~ 24", "23 \\sim 100": a range, no single value
        ops = ["approx" if o == "sim" else o for o in ops]  # "x \\sim 5", "~5": about 5
    if any(not p for p in parts):
        if len(parts) == 2 and not parts[0] and ops[0] in ("=", "approx"):  # "= 5", "≈ 3.14"
            node = parse_tokens(parts[1])
            return _approx(node) if ops[0] == "approx" else node
        return Bad(render(t))
    if all(o in ("=", "approx") for o in ops):
        return _equalities(parts, ops, t)
    if ops == ["in"]:
        label = _is_label(parts[0])
        if label is None:
            return Bad(render(t))
        return Labelled((label,), (parse_tokens(parts[1]),))
    if ops == ["ne"]:
        label = _is_label(parts[0])
        value = _atomic(parts[1])
        if label is None or not isinstance(value, Scalar):
            return Bad(render(t))
        lo, hi = _scalar_inf(-1), _scalar_inf(1)
        return Intervals((Interval(lo, value, False, False), Interval(value, hi, False, False)), "union", label)
    if all(o in ("<", ">", "le", "ge") for o in ops) and len(ops) <= 2:
        return _inequality(parts, ops) or Bad(render(t))
    return _true_link(parts, ops) or Bad(render(t))


_HOLDS = {
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "le": lambda a, b: a <= b,
    "ge": lambda a, b: a >= b,
    "ne": lambda a, b: a != b,
}


def _true_link(parts: list[list[Tok]], ops: list[str | None]) -> Node | None:
    """``x = 6 > 5``: a value, then a comparison between plain numbers that holds, is the value (a false one,
    ``x = 6 > 7``, states nothing); else ``None``."""
    if len(ops) != 2 or ops[0] != "=" or ops[1] not in _HOLDS or _is_label(parts[0]) is None:
        return None
    a, b = number_value(_nonws(parts[1])), number_value(_nonws(parts[2]))
    if a is None or b is None or not _HOLDS[ops[1]](a.value, b.value):  # type: ignore[index]
        return None
    return parse_tokens([*parts[0], ("op", "="), *parts[1]])


def _equalities(parts: list[list[Tok]], ops: list[str | None], t: list[Tok]) -> Node:
    """``x = 5``, ``(p, q) = (3, 2)``, ``x = 5 + 5 + 1 = 11`` (a chain: its last value, when every link holds),
    ``x = 1/3 \\approx 0.33`` and ``\\frac12 \\approx 0.5`` (an approximation after an exact value is dropped:
    the answer is the exact value), ``2x - y + 1 = 0`` (an equation)."""
    approx = False
    if "approx" in ops:
        k = ops.index("approx")
        if k > 0 or (_is_label(parts[0]) is None and not _has_letters(parts[0])):
            parts = parts[: k + 1]  # an exact value (or chain), then approximations of it
            ops = ops[:k]
        else:
            approx = True  # x \approx 11: the value is marked approximate
    if len(parts) == 1:
        return parse_tokens(parts[0])
    names = [_is_label(p) for p in parts[:-1]]
    if len(names) > 1 and all(names) and len(set(names)) == len(names) and not _has_letters(parts[-1]):
        value = parse_tokens(parts[-1])  # x = y = 2: every name has the value
        return Labelled(tuple(n for n in names if n), tuple(value for _ in names))
    label = _is_label(parts[0])
    value = _chain(parts[1:] if label is not None else parts)
    if approx:
        value = _approx(value)
    if label is None and parts[0][0:1] == [("op", "(")]:
        inner = _outer(parts[0], ("op", "("), ("op", ")"))
        if inner is not None:
            names = [_is_label(p) for p in _split(inner, _comma)[0]]
            last = parse_tokens(parts[-1])
            if len(names) > 1 and all(names) and isinstance(last, Coll) and last.kind in ("tuple", "list"):
                if len(last.items) == len(names):
                    return Labelled(tuple(n for n in names if n), last.items)
                return Bad(render(t))
    if label is not None:
        return Labelled((label,), (value,))
    if len(parts) == 2:
        right = _is_label(parts[1])
        if right is not None and not _has_letters(parts[0]):  # 5 = x
            return Labelled((right,), (parse_tokens(parts[0]),))
    lhs = parse_tokens(parts[0])
    if not isinstance(lhs, Scalar) or any(k in ("word", "unit") for k, _ in lhs.toks):
        return Bad(render(t))  # "maybe x = 3": words before the value
    rhs = parse_tokens(parts[-1])
    if len(parts) == 2 and isinstance(rhs, Scalar) and (_has_letters(parts[0]) or _has_letters(parts[1])):
        return Equation(lhs, rhs)
    return value  # a computation: 2 + 3 = 5, m + n = 7 + 3 = 10


def _chain(parts: list[list[Tok]]) -> Node:
    """The value of ``a = b = c``: the constant links (those without a variable) must all be equal; the first
    links may name the quantity (``m + n = 7 + 3 = 10``)."""
    constants = [p for p in parts if not _has_letters(p) and ("cmd", "dots") not in p]  # 1 + \\cdots + 10 names one
    value = parse_tokens(parts[-1])
    if len(constants) < 2 or _has_letters(parts[-1]):
        return value
    return Chain(tuple(parse_tokens(p) for p in constants))


def _has_letters(t: list[Tok]) -> bool:
    """Whether tokens hold a variable (a letter other than e and i, or a Greek letter)."""
    return any((k == "sym" and v not in "ei") or (k == "cmd" and v in _GREEK_LIKE) for k, v in t)


_GREEK_LIKE = frozenset({"alpha", "beta", "gamma", "theta", "lambda", "mu", "phi", "omega", "sigma", "tau", "rho"})


def _approx(node: Node) -> Node:
    """``≈ v``: the value v, marked approximate (a decimal v is read by the decimal rule as always)."""
    if isinstance(node, Scalar):
        return Scalar(node.latex, node.toks, node.num, node.unit, node.base, node.digits, approx=True)
    return node


def _scalar_inf(sign: int) -> Scalar:
    toks = (("op", "-"), _INF) if sign < 0 else (_INF,)
    return Scalar(render(list(toks)), toks)


def _inequality(parts: list[list[Tok]], ops: list[str | None]) -> Intervals | None:
    """``x > 2``, ``2 \\ge x``, ``-1 < x \\le 3``, and linear sides (``-x > -1``, ``2x + 1 \\le 5``) solved for the
    variable, as an interval; ``None`` when it is not an inequality in one variable."""
    less = [o in ("<", "le") for o in ops]
    closed = [o in ("le", "ge") for o in ops]
    if len(parts) == 2:
        a, b = parts
        if _linear(a) is not None and _linear(b) is None:
            la, va = _linear(a), _atomic(b)
            flip = False
        elif _linear(b) is not None and _linear(a) is None:
            la, va = _linear(b), _atomic(a)
            flip = True  # c < x reads x > c
        else:
            return None
        assert la is not None
        if not isinstance(va, Scalar):
            return None
        label, coef, const = la
        v = _solve(va, coef, const)
        if v is None:
            return None
        lt = less[0] != flip
        if coef < 0:
            lt = not lt
        absolute = _absolute(label, v, lt, closed[0])
        if absolute is not None:
            return absolute
        iv = Interval(_scalar_inf(-1), v, False, closed[0]) if lt else Interval(v, _scalar_inf(1), closed[0], False)
        return Intervals((iv,), "union", label)
    a, x, b = parts
    lx = _linear(x)
    if lx is None or less[0] != less[1]:
        return None
    va, vb = _atomic(a), _atomic(b)
    if not isinstance(va, Scalar) or not isinstance(vb, Scalar):
        return None
    label, coef, const = lx
    sa, sb = _solve(va, coef, const), _solve(vb, coef, const)
    if sa is None or sb is None:
        return None
    if less[0] == (coef > 0):
        return Intervals((Interval(sa, sb, closed[0], closed[1]),), "union", label)
    return Intervals((Interval(sb, sa, closed[1], closed[0]),), "union", label)


def _absolute(label: str, v: Scalar, less: bool, closed: bool) -> Intervals | None:
    """``|x| < c`` as ``(-c, c)`` and ``|x| > c`` as ``(-\\infty, -c) \\cup (c, \\infty)`` (``c`` a plain number, not
    negative; ``≤``/``≥`` close the ends); ``None`` when the label is no modulus of one variable."""
    m = re.fullmatch(r"\|([A-Za-z])\|", label)
    if m is None or v.num is None or v.unit is not None or v.num.value < 0 or less and v.num.value == 0:
        return None
    c, neg = _scalar_of(v.num.value), _scalar_of(-v.num.value)
    if less:
        return Intervals((Interval(neg, c, closed, closed),), "union", m.group(1))
    if v.num.value == 0 and closed:
        return Intervals((Interval(_scalar_inf(-1), _scalar_inf(1), False, False),), "union", m.group(1))
    items = (Interval(_scalar_inf(-1), neg, False, closed), Interval(c, _scalar_inf(1), closed, False))
    return Intervals(items, "union", m.group(1))


def _linear(t: list[Tok]) -> tuple[str, Fraction, Fraction] | None:
    """One variable with rational coefficients (``x``, ``-x``, ``2x + 1``, ``3 - \\frac12 x``): (label, a, b)
    for a·x + b; ``None`` otherwise."""
    label = _is_label(t)
    if label is not None:
        return label, Fraction(1), Fraction(0)
    n = _nonws(t)
    if not n or len(n) > 24:
        return None
    terms: list[tuple[int, list[Tok]]] = []
    sign, cur = 1, []
    for tok in n:
        if tok in (("op", "+"), ("op", "-")) and not (cur and cur[-1] in (("op", "^"), ("op", "_"))):
            if cur:
                terms.append((sign, cur))
            sign, cur = (1 if tok[1] == "+" else -1) * (sign if not cur else 1), []
            continue
        cur.append(tok)
    if cur:
        terms.append((sign, cur))
    var: str | None = None
    coef, const = Fraction(0), Fraction(0)
    for sg, term in terms:
        num = number_value(term)
        if num is not None:
            const += sg * num.value
            continue
        k = 0
        while k < len(term) and _is_label(term[k:]) is None:
            k += 1
        name = _is_label(term[k:]) if k < len(term) else None
        c = number_value(term[:k]) if k else Num(Fraction(1))
        if name is None or c is None or (var is not None and name != var):
            return None
        var = name
        coef += sg * c.value
    if var is None or coef == 0:
        return None
    return var, coef, const


def _solve(v: Scalar, coef: Fraction, const: Fraction) -> Scalar | None:
    """(v - const) / coef as a Scalar (exact); v itself when coef = 1 and const = 0."""
    if coef == 1 and const == 0:
        return v
    if v.num is None or v.unit is not None:
        return None
    return _scalar_of((v.num.value - const) / coef)


def _pm_numbers(a: list[Tok], b: list[Tok]) -> tuple[Node, Node] | None:
    """``a \\pm b`` (``a`` may be empty) as its two numbers when both sides are plain numbers, else ``None``; a
    decimal side keeps the finer of the two decimal places."""
    na, nb = (number_value(a) if a else Num(Fraction(0))), number_value(b)
    if na is None or nb is None:
        return None
    places = [n.places for n in (na, nb) if n.places is not None]
    out: list[Node] = []
    for x in (na.value + nb.value, na.value - nb.value):
        if not places:
            out.append(_scalar_of(x))
        else:
            text = str((Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal(1).scaleb(-max(places))))
            out.append(parse_tokens(lex(text)))
    return out[0], out[1]


def _scalar_of(x: Fraction) -> Scalar:
    """An exact rational as a Scalar written ``n`` or ``\\frac{a}{b}``."""
    digits = (
        [("num", str(abs(x.numerator)))]
        if x.denominator == 1
        else [
            ("cmd", "frac"),
            ("op", "{"),
            ("num", str(abs(x.numerator))),
            ("op", "}"),
            ("op", "{"),
            ("num", str(x.denominator)),
            ("op", "}"),
        ]
    )
    toks = tuple(([("op", "-")] if x < 0 else []) + digits)
    return Scalar(render(list(toks)), toks, Num(x))


def _atomic(t: list[Tok]) -> Node:
    """Everything without a top-level connective, comma or relation."""
    t = _trim(t)
    if not t:
        return Bad("")
    n = _nonws(t)
    if (barred := _barred(n)) is not None:
        return barred
    # environments: matrices
    if n[0][0] == "begin" and n[-1][0] == "end" and n[0][1] == n[-1][1] and _closes_at_end(n):
        return _matrix(n[0][1], t[1:-1]) or Bad(render(t))
    power = _matrix_power(n)
    if power is not None:  # \begin{pmatrix}…\end{pmatrix}^T, …^{-1}
        return power
    algebra = _set_expression(t) or _cartesian(n) or _vector_arithmetic(n)
    if algebra is not None:  # \{1, 2, 3\} \setminus \{2\}, [1, 5] \cap \mathbb{Z}, (0, 1)^c: evaluated
        return algebra
    braced = _outer(n, ("op", "\\{"), ("op", "\\}")) is not None  # \{\pm 1, \pm 2\}: each item's signs
    # \pm
    pm_parts, pm_seps = _split(t, lambda tok: tok in (("cmd", "pm"), ("cmd", "mp")))
    if len(pm_seps) == 1 and not braced:
        a, b = _trim(pm_parts[0]), _trim(pm_parts[1])
        if not b:
            return Bad(render(t))
        written = _pm_numbers(a, b)
        if written is not None:  # 3 \pm 2 names the numbers 5 and 1, not two sums left to evaluate
            return Coll("pm", written)
        b_group = [("op", "("), *b, ("op", ")")]
        plus = [*a, ("op", "+"), *b_group] if a else b_group
        minus = [*a, ("op", "-"), *b_group] if a else [("op", "-"), *b_group]
        return Coll("pm", (parse_tokens(plus), parse_tokens(minus)))
    if pm_seps and not braced:
        return _independent_signs(t, pm_seps) or Bad(render(t))
    if not braced and any(tok in (("cmd", "pm"), ("cmd", "mp")) for tok in t):  # \frac{-1 \pm \sqrt5}{2}
        flip = {("cmd", "pm"): (("op", "+"), ("op", "-")), ("cmd", "mp"): (("op", "-"), ("op", "+"))}
        plus = [flip[tok][0] if tok in flip else tok for tok in t]
        minus = [flip[tok][1] if tok in flip else tok for tok in t]
        return Coll("pm", (parse_tokens(plus), parse_tokens(minus)))
    # sets
    inner = _outer(n, ("op", "\\{"), ("op", "\\}"))
    if inner is not None:
        body = _real_domain_dropped(_nonws(inner))
        if len(body) > 2 and body[0][0] == "sym" and body[1] in (("op", ":"), ("op", "|")):
            cond = parse_tokens(
                _real_domain_dropped(body[2:], body[0][1])
            )  # set-builder \{x : 1 \le x < 2\}, \{x \mid x \ge 1\}: the condition's set
            if isinstance(cond, Intervals) and cond.var in (None, body[0][1]):
                return cond
        items = [parse_tokens(p) for p in map(_trim, _split(inner, _comma)[0]) if p]
        items = _closed_progression(items) or items
        return Coll("set", tuple(x for it in items for x in (it.items if _signed_pair(it) else (it,))))  # type: ignore[union-attr]
    if n in ([("cmd", "emptyset")], [("op", "\\{"), ("op", "\\}")]):
        return Coll("set", ())
    if n == [("cmd", "mathbbR")] or n == [("cmd", "R")]:
        return Intervals((Interval(_scalar_inf(-1), _scalar_inf(1), False, False),), "union")
    # a set minus points: \mathbb{R} \setminus \{2\}, [0, 5] \setminus \{1, 3\}
    minus_parts, minus_seps = _split(t, lambda tok: tok in (("cmd", "setminus"), ("op", "\\"), ("cmd", "backslash")))
    if len(minus_seps) == 1:
        return _set_minus(_nonws(minus_parts[0]), _nonws(minus_parts[1])) or Bad(render(t))
    # unions / intersections of intervals
    for op_name, cmd in (("union", "cup"), ("intersection", "cap")):
        pieces, seps = _split(t, lambda tok, c=cmd: tok == ("cmd", c))
        if seps:
            ivs = [_interval_piece(_nonws(p)) for p in pieces]
            if all(iv is not None for iv in ivs):
                return Intervals(tuple(x for iv in ivs if iv is not None for x in iv), op_name)
            return Bad(render(t))
    # brackets: tuples, intervals, grouping
    ang = _outer(n, ("cmd", "langle"), ("cmd", "rangle"))
    if ang is not None:
        items = [_trim(p) for p in _split(ang, _comma)[0]]
        return Coll("tuple", tuple(parse_tokens(p) for p in items))
    wrapped = _wrapped_interval(n)
    if wrapped is not None:
        inner_t, lo_c, hi_c = wrapped
        items = [_trim(p) for p in _split(inner_t, _comma)[0]]
        if len(items) == 1 and n[0] == ("op", "(") and n[-1] == ("op", ")"):
            return parse_tokens(items[0]) if items[0] else Bad(render(t))
        if len(items) == 2 and all(items):
            lo, hi = _atomic(items[0]), _atomic(items[1])
            round_pair = n[0] == ("op", "(") and n[-1] == ("op", ")")
            if round_pair:
                return Coll("tuple", (parse_tokens(items[0]), parse_tokens(items[1])), pair=True)
            if isinstance(lo, Scalar) and isinstance(hi, Scalar):
                return Intervals((Interval(lo, hi, lo_c, hi_c),), "union")
            return Bad(render(t))
        if len(items) > 2 and all(items) and (n[0][1], n[-1][1]) in (("(", ")"), ("[", "]")):
            return Coll("tuple", tuple(parse_tokens(p) for p in items))
        if len(items) == 1 and n[0] == ("op", "[") and n[-1] == ("op", "]") and items[0]:
            return parse_tokens(items[0])
        return Bad(render(t))
    # time and ratio
    colon_parts, colon_seps = _split(t, lambda tok: tok == ("op", ":"))
    if len(colon_seps) == 1 and (labelled := _labelled_choice(colon_parts[0], colon_parts[1])) is not None:
        return labelled  # "(C): 24", "option C: 24": an option's letter, then its value
    if len(colon_seps) == 1:
        return _colon(_trim(colon_parts[0]), _trim(colon_parts[1])) or Bad(render(t))
    if len(colon_seps) > 1 and (ratio := _ratio_of_several(colon_parts)) is not None:
        return ratio
    named = _named_choice(n)
    if named:  # "option (B)", "choice (B) 12", "la B", "la opción B": the words name the mark
        return _atomic(t[t.index(n[named]) :])
    if len(n) > 3 and _is_letter(n[0]) and n[1] == ("op", "(") and n[-1] == ("op", ")") and t[1][0] == "ws":
        value = parse_tokens(n[2:-1])  # "B (5)": an option's letter, then its value in parentheses (not "B (x)")
        if not _has_letters(n[2:-1]) and not isinstance(value, (Text, Bad, Choice)):
            return Choice(n[0][1], value)
    if len(n) > 4 and n[-4] == ("op", "(") and _is_letter(n[-2]) and n[-1] == ("op", ")"):
        if n[-3][0] == "word" and n[-3][1].lower() in OPTION_NAMING_WORDS:
            value = parse_tokens(_trim(t[: t.index(n[-4])]))  # "5 (option B)": a value, then its option named
            if not isinstance(value, (Text, Bad, Choice)):
                return Choice(n[-2][1], value)
    # choice letters, also "(C) 12" (the letter of an option, then its value); several letters are a hedge
    if len(n) > 3 and _is_choice(n, 0):
        marks = [k for k in range(len(n) - 2) if _is_choice(n, k)]
        if len(marks) > 1:
            return Coll("or", tuple(Choice(n[k + 1][1]) for k in marks))
        rest = _trim(n[3:])
        if ("op", "?") in rest or _new_sentence(rest):
            return Bad(render(t))  # "(C)?": a question; "(C). Probably.": a sentence after the letter
        value = parse_tokens(rest) if rest else None
        if isinstance(value, Text) and cue_words(value.text.split()):
            return Bad(render(t))  # "(C) (maybe)": the letter with a hedge
        return Choice(n[1][1], value)
    if len(n) > 2 and n[0][0] == "sym" and n[0][1] in "ABCDEFGHIJ" and n[1] in (("op", ")"), ("op", ".")):
        rest = _trim(n[2:])  # "B) 12", "B. 12": an option's letter, then its value
        value = parse_tokens(rest) if rest else None
        if n[1] == ("op", ".") and isinstance(value, (Text, Bad)):
            return Bad(render(t))  # "C. Probably.", "C. I guess": a sentence after the letter, no option's value
        return Choice(n[0][1], value)
    if len(n) > 3 and _is_choice(n, len(n) - 3) and len(t) > 4 and t[-4][0] == "ws":
        value = parse_tokens(_trim(t[:-3]))  # "12 (B)": a value, then its option's letter
        return Bad(render(t)) if isinstance(value, (Text, Bad)) else Choice(n[-2][1], value)  # not "Perhaps (B)"
    if len(n) in (1, 3) and n[len(n) // 2][0] == "sym" and n[len(n) // 2][1] in "ABCDEFGHIJ":
        if len(n) == 1 or (n[0] == ("op", "(") and n[2] == ("op", ")")):
            return Choice(n[len(n) // 2][1])
    if len(n) >= 3 and all(_is_capital(x) for x in n) and "".join(x[1] for x in n).lower() in _TEXT_SYNONYMS:
        return Text(_TEXT_SYNONYMS["".join(x[1] for x in n).lower()])  # DNE in math: the word, not D·N·E
    clock = _clock_words(n)
    if clock is not None:
        return clock
    text = _text(n)
    if text is not None:
        return text
    return _scalar(t)


def _closed_progression(items: list[Node]) -> list[Node] | None:
    """A list with one ellipsis between exact numbers and one last number (``1, \\ldots, 5``, ``1, 3, \\ldots, 9``)
    written out: the arithmetic progression its first terms start (step 1 after one whole number) up to the last,
    when the last is a term of it (at most :data:`MAX_PARTS` terms); else ``None``."""
    dots = [k for k, x in enumerate(items) if isinstance(x, Scalar) and x.toks == (("cmd", "dots"),)]
    if len(dots) != 1 or dots[0] != len(items) - 2 or dots[0] == 0:
        return None
    terms = [x.num.value for x in items if isinstance(x, Scalar) and x.num is not None and not (x.unit or x.base)]
    if len(terms) != len(items) - 1:
        return None
    *head, last = terms
    step = head[1] - head[0] if len(head) > 1 else Fraction(1)
    if step == 0 or any(b - a != step for a, b in zip(head, head[1:])) or len(head) == 1 and head[0].denominator != 1:
        return None
    count = (last - head[0]) / step
    if count.denominator != 1 or not len(head) <= count < MAX_PARTS:
        return None
    return [_scalar_of(head[0] + k * step) for k in range(int(count) + 1)]


def _ratio_of_several(parts: list[list[Tok]]) -> Scalar | None:
    """``1:2:3`` (three or more exact non-negative numbers, not all 0) in lowest whole terms, so that a ratio
    and its multiples are one value (``2:4:6`` = ``1:2:3``); else ``None``."""
    nums = [number_value(_nonws(p)) for p in parts]
    if len(nums) > MAX_PARTS or any(x is None or x.value < 0 for x in nums):
        return None
    values = [x.value for x in nums if x is not None]
    scale = math.lcm(*(v.denominator for v in values))
    whole = [int(v * scale) for v in values]
    g = math.gcd(*whole)
    if g == 0:
        return None
    toks: list[Tok] = []
    for w in whole:
        toks += [("op", ":"), ("num", str(w // g))]
    return Scalar(render(toks[1:]), tuple(toks[1:]))


def _signed_pair(node: Node) -> bool:
    """A set item written ``\\pm a`` or ``b \\pm a``: both its values are members."""
    return isinstance(node, Coll) and node.kind == "pm"


def _independent_signs(t: list[Tok], seps: list[Tok]) -> Node | None:
    """Two or three ``\\pm`` (no ``\\mp``) in one expression take their signs independently: ``\\pm 1 \\pm i``
    is the four values ``1 + i``, ``1 - i``, ``-1 + i``, ``-1 - i``."""
    if len(seps) > 3 or ("cmd", "mp") in seps:
        return None
    choices: list[list[Tok]] = [[]]
    for tok in t:
        if tok == ("cmd", "pm"):
            choices = [c + [sign] for c in choices for sign in (("op", "+"), ("op", "-"))]
        else:
            choices = [c + [tok] for c in choices]
    return Coll("pm", tuple(parse_tokens(c) for c in choices))


def _is_capital(tok: Tok) -> bool:
    return tok[0] == "sym" and len(tok[1]) == 1 and "A" <= tok[1] <= "Z"


def _labelled_choice(label: list[Tok], rest: list[Tok]) -> Node | None:
    """An option's letter before a colon (``(C)``, ``C``, ``option (C)``, ``option C``) and a value after it
    ("(C): 24"): the choice with its value; ``None`` for any other colon (a time, a ratio)."""
    n = [tok for tok in label if tok[0] != "ws"]
    k = 0
    while k < min(2, len(n)) and n[k][0] == "word" and n[k][1].lower() in OPTION_NAMING_WORDS:
        k += 1
    letter = None
    if len(n) == k + 3 and _is_choice(n, k):
        letter = n[k + 1][1]
    elif len(n) == k + 1 and _is_letter(n[k]):
        letter = n[k][1]
    if letter is None:
        return None
    value = parse_tokens(_trim(rest))
    return None if isinstance(value, (Text, Bad, Choice)) else Choice(letter, value)


def _is_letter(tok: Tok) -> bool:
    return tok[0] == "sym" and len(tok[1]) == 1 and tok[1] in "ABCDEFGHIJ"


def _named_choice(n: list[Tok]) -> int:
    """How many words (one or two, of :data:`OPTION_NAMING_WORDS`) name the choice mark or letter after them
    ("option (B)", "la B", "la opción B"); 0 when they do not."""
    k = 0
    while k < min(2, len(n)) and n[k][0] == "word" and n[k][1].lower() in OPTION_NAMING_WORDS:
        k += 1
    if k == 0 or k >= len(n):
        return 0
    if _is_choice(n, k) and len(n) > k + 2 or _is_letter(n[k]) and len(n) == k + 1:
        return k
    return 0


def _new_sentence(rest: list[Tok]) -> bool:
    """``rest`` (what follows a choice mark) is a period and more: a sentence of its own, no value of the option."""
    n = _nonws(rest)
    return len(n) > 1 and n[0] == ("op", ".")


def _is_choice(n: list[Tok], k: int) -> bool:
    """``n[k:k+3]`` is a choice mark ``(B)``."""
    return (
        n[k] == ("op", "(")
        and k + 2 < len(n)
        and n[k + 2] == ("op", ")")
        and n[k + 1][0] == "sym"
        and n[k + 1][1] in "ABCDEFGHIJ"
    )


def _closes_at_end(n: list[Tok]) -> bool:
    """The environment opened by ``n[0]`` is closed by the last token (not ``A + B`` of two matrices)."""
    depth = 0
    for k, tok in enumerate(n):
        if tok[0] == "begin":
            depth += 1
        elif tok[0] == "end":
            depth -= 1
            if depth == 0:
                return k == len(n) - 1
    return False


def _set_minus(a: list[Tok], b: list[Tok]) -> Intervals | None:
    """An interval without finitely many points (exact rational points only)."""
    whole, points = _interval_piece(a), _interval_piece(b)
    if whole is None or points is None or len(whole) != 1 or not all(p.lo is p.hi for p in points):
        return None
    cuts = sorted({p.lo.num.value: p.lo for p in points if p.lo.num is not None}.items())
    if len(cuts) != len(points):
        return None
    pieces: list[Interval] = []
    lo, lo_closed = whole[0].lo, whole[0].lo_closed
    for _, point in cuts:
        pieces.append(Interval(lo, point, lo_closed, False))
        lo, lo_closed = point, False
    pieces.append(Interval(lo, whole[0].hi, lo_closed, whole[0].hi_closed))
    return Intervals(tuple(pieces), "union")


def _interval_piece(n: list[Tok]) -> list[Interval] | None:
    """One piece of a union: an interval, ``\\mathbb{R}``, or a finite set ``\\{-1\\}`` (points)."""
    if n == [("cmd", "mathbbR")]:
        return [Interval(_scalar_inf(-1), _scalar_inf(1), False, False)]
    points = _outer(n, ("op", "\\{"), ("op", "\\}"))
    if points is not None:
        values = [_atomic(p) for p in _split(points, _comma)[0]]
        if values and all(isinstance(v, Scalar) for v in values):
            return [Interval(v, v, True, True) for v in values if isinstance(v, Scalar)]
        return None
    wrapped = _wrapped_interval(n)
    if wrapped is None:
        return None
    inner, lo_c, hi_c = wrapped
    items = [_trim(p) for p in _split(inner, _comma)[0]]
    if len(items) != 2 or not all(items):
        return None
    lo, hi = _atomic(items[0]), _atomic(items[1])
    if not isinstance(lo, Scalar) or not isinstance(hi, Scalar):
        return None
    return [Interval(lo, hi, lo_c, hi_c)]


def _numeric_cells(m: Matrix) -> list[list[Fraction]] | None:
    """The cells of a square matrix of plain numbers (at most 6 × 6), else ``None``."""
    if len(m.rows) > 6 or any(len(r) != len(m.rows) for r in m.rows):
        return None
    cells = [[c.num.value if isinstance(c, Scalar) and c.num and c.unit is None else None for c in r] for r in m.rows]
    return None if any(c is None for r in cells for c in r) else cells  # type: ignore[return-value]


def _inverse(a: list[list[Fraction]]) -> list[list[Fraction]] | None:
    """The exact inverse by Gauss–Jordan elimination; ``None`` when singular."""
    k = len(a)
    m = [row[:] + [Fraction(int(i == j)) for j in range(k)] for i, row in enumerate(a)]
    for col in range(k):
        piv = next((r for r in range(col, k) if m[r][col] != 0), None)
        if piv is None:
            return None
        m[col], m[piv] = m[piv], m[col]
        p = m[col][col]
        m[col] = [x / p for x in m[col]]
        for r in range(k):
            if r != col and m[r][col] != 0:
                f = m[r][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return [row[k:] for row in m]


def _determinant(a: list[list[Fraction]]) -> Fraction:
    k, det = len(a), Fraction(1)
    m = [row[:] for row in a]
    for col in range(k):
        piv = next((r for r in range(col, k) if m[r][col] != 0), None)
        if piv is None:
            return Fraction(0)
        if piv != col:
            m[col], m[piv] = m[piv], m[col]
            det = -det
        det *= m[col][col]
        for r in range(col + 1, k):
            f = m[r][col] / m[col][col]
            m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return det


def _matrix_power(n: list[Tok]) -> Node | None:
    """A matrix written out and transposed (``^T``, ``^{\\top}``, ``^\\intercal``) or inverted (``^{-1}``, numbers
    only): the matrix it denotes."""
    if n[0][0] != "begin" or ("op", "^") not in n:
        return None
    k = len(n) - 1 - n[::-1].index(("op", "^"))
    exp = [x for x in n[k + 1 :] if x not in (("op", "{"), ("op", "}"))]
    if k < 2 or n[k - 1] != ("end", n[0][1]) or not _closes_at_end(n[:k]):
        return None
    m = _matrix(n[0][1], n[1 : k - 1])
    if not isinstance(m, Matrix):
        return None
    if exp in ([("sym", "T")], [("cmd", "top")], [("cmd", "intercal")]):
        return Matrix(tuple(zip(*m.rows)))
    cells = _numeric_cells(m)
    if exp == [("op", "-"), ("num", "1")]:
        inv = _inverse(cells) if cells is not None else None
        if inv is not None:
            return Matrix(tuple(tuple(_scalar_of(x) for x in row) for row in inv))
    if len(exp) == 1 and exp[0][0] == "num" and exp[0][1].isdigit() and 1 <= int(exp[0][1]) <= _MAX_MATRIX_POWER:
        if cells is not None:  # \begin{pmatrix}1&1\\0&1\end{pmatrix}^3: the product, exactly
            power = cells
            for _ in range(int(exp[0][1]) - 1):
                power = [[sum(a * b for a, b in zip(row, col)) for col in zip(*cells)] for row in power]
            return Matrix(tuple(tuple(_scalar_of(x) for x in row) for row in power))
    return None


#: the largest power of a matrix of numbers that is multiplied out
_MAX_MATRIX_POWER = 32


def _barred(n: list[Tok]) -> Node | None:
    """Bars around a whole matrix or tuple (``|`` and ``\\|`` alike: the lexer reads a norm's bars as ``|``): a
    vector of numbers in bars, a tuple or a matrix of one row or column, is its Euclidean length (``\\|(3,4)\\|``
    is 5); any other matrix in bars is its determinant or a norm, never the matrix itself, so it has no value
    here. ``None`` for anything else."""
    if len(n) < 3 or n[0] != ("op", "|") or n[-1] != ("op", "|"):
        return None
    inner = n[1:-1]
    if inner[0][0] == "begin" and inner[-1][0] == "end" and _closes_at_end(inner):
        return _length(_matrix_vector(inner[1:-1])) or Bad(render(n))
    body = _outer(inner, ("op", "("), ("op", ")"))
    if body is None:
        body = _outer(inner, ("cmd", "langle"), ("cmd", "rangle"))
    return _length(_split(body, lambda tok: tok == ("op", ","))[0]) if body is not None else None


def _matrix_vector(body: list[Tok]) -> list[list[Tok]]:
    """The cells of a matrix body of one row or one column, else ``[]``."""
    rows = [r for r in _split(body, lambda tok: tok == ("op", "\\\\"))[0] if _trim(r)]
    cells = [_split(r, lambda tok: tok == ("op", "&"))[0] for r in rows]
    if len(cells) == 1:
        return cells[0]
    return [c[0] for c in cells] if all(len(c) == 1 for c in cells) else []


def _length(entries: list[list[Tok]]) -> Node | None:
    """The Euclidean length of a vector of two or more numeric ``entries``, ``None`` for any other."""
    if len(entries) < 2 or not all(_trim(e) for e in entries):
        return None
    if any(k in ("sym", "word", "begin", "unit") for e in entries for k, _ in e):
        return None
    squares: list[Tok] = []
    for e in entries:
        squares += [("op", "+")] * bool(squares) + [("op", "("), *_trim(e), ("op", ")"), ("op", "^"), ("num", "2")]
    return parse_tokens([("cmd", "sqrt"), ("op", "{"), *squares, ("op", "}")])


def _matrix(env: str, body: list[Tok]) -> Node | None:
    if env not in ("pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "matrix", "smallmatrix", "array"):
        return None
    if env == "Vmatrix":  # ‖…‖: a vector's length; of a matrix a norm the notation leaves open, never the matrix
        return _length(_matrix_vector(body)) or Bad(render([("begin", env), *body, ("end", env)]))
    if env == "vmatrix":  # |…|: the determinant of a matrix of numbers
        inner = _matrix("matrix", body)
        cells = _numeric_cells(inner) if isinstance(inner, Matrix) else None
        return _scalar_of(_determinant(cells)) if cells is not None else Bad(render(body))
    rows_t, _ = _split(body, lambda tok: tok == ("op", "\\\\"))
    rows: list[tuple[Node, ...]] = []
    for r in rows_t:
        r = [x for x in r if x != ("cmd", "hline")]
        if not _trim(r):
            continue
        cells, _ = _split(r, lambda tok: tok == ("op", "&"))
        rows.append(tuple(parse_tokens(c) for c in cells))
    if not rows or any(len(r) != len(rows[0]) for r in rows):
        return None
    return Matrix(tuple(rows))


#: what may follow a clock time: its half of the day ("noon" is 12 p.m., "midnight" 12 a.m.), or "o'clock"
_CLOCK_WORDS = {"am": "am", "pm": "pm", "noon": "pm", "midnight": "am", "o'clock": "", "oclock": ""}
#: minutes before or after an hour in words: "half past two", "a quarter to three"
_CLOCK_FRACTIONS = {"half": 30, "quarter": 15, "1/2": 30, "1/4": 15}
#: the words joining minutes to an hour, and whether the minutes count before it ("a quarter to three")
_CLOCK_LINKS = {"past": False, "after": False, "to": True, "before": True, "till": True, "til": True}


#: an hour and its minutes after a dot, read as a clock time only before "am"/"pm" ("3.45 pm"; "3.45" is a decimal)
_DOTTED_CLOCK = re.compile(r"(\d{1,2}+)\.([0-5]\d)")


def _clock_suffix(nb: list[Tok]) -> tuple[list[Tok], str | None]:
    """``nb`` without a last mark of a clock time ("pm", "p.m.", "noon", "o'clock") and the half of the day it
    names (``""`` for none, as "o'clock"); ``None`` when there is no such mark."""
    while nb and nb[-1] == ("op", "."):
        nb = nb[:-1]
    letters = [x[1].lower() for x in nb[-3:] if x != ("op", ".")]
    if nb and nb[-1][0] in ("word", "sym") and nb[-1][1].lower().replace(".", "") in _CLOCK_WORDS:
        return nb[:-1], _CLOCK_WORDS[nb[-1][1].lower().replace(".", "")]
    if len(nb) >= 3 and letters[-2:] in (["a", "m"], ["p", "m"]) and nb[-1][0] in ("sym", "word"):  # 3:15 p.m.
        return nb[: -(3 if nb[-2] == ("op", ".") else 2)], letters[-2] + "m"
    return nb, None


def _clock_minutes(t: list[Tok]) -> tuple[int, bool] | None:
    """Minutes named before "past" or "to": "half", "(a) quarter", "10", "10 minutes"; and whether they are
    named in words or with their unit (only those may go before "to": "20 to 5" is also a ratio)."""
    if t and t[0][0] in ("word", "sym") and t[0][1].lower() in ("a", "an"):
        t = t[1:]
    text = "".join(v for _, v in t).lower()
    if text in _CLOCK_FRACTIONS:
        return _CLOCK_FRACTIONS[text], True
    unit = len(t) == 2 and (t[1] == ("unit", "min") or t[1][0] == "word" and t[1][1].lower() in ("minute", "minutes"))
    if len(t) in (1, 2) and t[0][0] == "num" and t[0][1].isdigit() and 0 < int(t[0][1]) < 60 and (len(t) == 1 or unit):
        return int(t[0][1]), unit
    return None


def _clock_words(n: list[Tok]) -> Time | None:
    """A clock time in words (spacing dropped): an hour and a mark ("3 pm", "12 noon", "3 o'clock"), or minutes
    and an hour ("half past 2", "a quarter to 3", "10 minutes past 4", each with a mark or none)."""
    rest, suffix = _clock_suffix(n)
    if len(rest) == 1 and suffix is not None:
        hour = rest[0]
        minutes: tuple[int, bool] | None = (0, True)
        link = "past"
    elif len(rest) >= 3 and rest[-2][0] == "word" and rest[-2][1].lower() in _CLOCK_LINKS:
        hour, link = rest[-1], rest[-2][1].lower()
        minutes = _clock_minutes(rest[:-2])
    else:
        return None
    if link == "past" and suffix and hour[0] == "num" and (dotted := _DOTTED_CLOCK.fullmatch(hour[1])) is not None:
        hour, minutes = ("num", dotted.group(1)), (int(dotted.group(2)), True)  # "3.45 pm": British 3:45 p.m.
    if minutes is None or hour[0] != "num" or not hour[1].isdigit() or not 1 <= int(hour[1]) <= 12:
        return None
    h, m = int(hour[1]), minutes[0]
    if any(x[1].lower() in ("noon", "midnight") for x in n[-2:]) and (h, m) != (12, 0):
        return None  # "5 noon"
    if not _CLOCK_LINKS[link]:
        return Time(h, m, suffix or "")
    if not minutes[1] and suffix is None:
        return None
    return Time(h - 1 if h > 1 else 12, 60 - m, suffix or "")


def _colon(a: list[Tok], b: list[Tok]) -> Node | None:
    na, nb = _nonws(a), _nonws(b)
    if not na or not nb:
        return None
    nb, found = _clock_suffix(nb)
    suffix = found or ""
    if len(na) == 1 and na[0][0] == "num" and len(nb) == 1 and nb[0][0] == "num":
        h, m = na[0][1], nb[0][1]
        if h.isdigit() and len(h) <= 2 and m.isdigit() and len(m) == 2 and int(m) < 60:
            return Time(int(h), int(m), suffix)
    if suffix:
        return None
    words = nb[0] == ("word", "to")
    if words:
        b = _trim([x for x in b if x != ("word", "to")])
    sa, sb = _scalar(a), _scalar(b)
    if len(na) == 1 and na[0][0] == "sym" and na[0][1] in "ABCDEFGHIJ" and isinstance(sb, Scalar) and sb.num:
        return Choice(na[0][1], sb)  # "C: 12": an option and its value, like "C. 12"
    if isinstance(sa, Scalar) and isinstance(sb, Scalar):
        return Ratio(sa, sb, words)
    return None


def _text(n: list[Tok]) -> Node | None:
    """Words only (``\\text{Monday}``, ``Amy``, ``yes``) as :class:`Text`; a number in words as a Scalar."""
    if not all(k in ("word", "sym") or (k == "op" and v in "'-") for k, v in n):
        return None
    words: list[str] = []
    run = ""
    has_word = False
    for k, v in n:
        if k == "sym":
            run += v
            continue
        if run:
            words.append(run)
            run = ""
        if k == "word":
            words.append(v)
            has_word = True
        else:
            words.append(v)
    if run:
        words.append(run)
    text = " ".join(words).replace(" ' ", "'").replace(" - ", "-")
    low = text.lower()
    runs = [w for w in words if w.isalpha()]
    is_text = has_word or low in TEXT_WORDS or any(len(w) >= 3 and not w.isupper() for w in runs)
    if not is_text:
        return None
    value = number_words(low)
    if value is None and (foreign := foreign_number_words(low)) is not None:
        value = Fraction(foreign)  # "dreiundzwanzig", "vingt-trois", "пять"
    if value is None and (compound := compound_number_words(low)) is not None:
        value = Fraction(compound)  # "ventiquattro", "huszonnégy", "yirmi dört"
    if value is None:
        value = foreign_fraction_words(low)  # "tres cuartos", "zwei Drittel"
    if value is not None:
        return _scalar_of(value)
    if (counted := _counted_words(low)) is not None:
        return counted  # "twenty-four apples", "dreiundzwanzig Äpfel"
    low = _TEXT_SYNONYMS.get(low, low)
    if low == "all real numbers":
        return Intervals((Interval(_scalar_inf(-1), _scalar_inf(1), False, False),), "union")
    if low in _INFINITY_WORDS:  # \text{infinity}
        toks = (("op", "-"), _INF) if _INFINITY_WORDS[low] < 0 else (_INF,)
        return Scalar(render(list(toks)), toks)
    parts = low.split()
    if len(parts) == 2 and parts[0] in ("option", "choice", "answer") and parts[1].upper() in "ABCDEFGHIJ":
        return Choice(parts[1].upper())  # \text{Option B}
    return Text(" ".join(low.split()))


def _counted_words(low: str) -> Scalar | None:
    """A number in words and the count noun after it ("twenty-four apples", "five books", "dreiundzwanzig Äpfel"):
    the number with its noun as the unit; else ``None``."""
    head, _, last = low.rpartition(" ")
    noun = count_noun(last) or foreign_count_noun(last) if head else None
    if noun is None:
        return None
    value = number_words(head)
    if value is None:
        value = foreign_number_words(head) or compound_number_words(head)
    return replace(_scalar_of(Fraction(value)), unit=noun) if value is not None else None


#: approximation marks written after the value
TRAILING_APPROX = ("approx.", "approx", "approximately", "roughly", "ca.")
#: one spelling of answers said in words several ways
_TEXT_SYNONYMS = {
    "dne": "does not exist",
    "no solution": "none",
    "no solutions": "none",
    "no real solution": "none",
    "no real solutions": "none",
    "no such number": "none",
    "no such n": "none",
    "no such x": "none",
    "infinitely many": "infinity",
    "infinitely many solutions": "infinity",
    "all reals": "all real numbers",
    "all real x": "all real numbers",
    "every real number": "all real numbers",
    # yes and no in other words and languages
    "yeah": "yes",
    "yep": "yes",
    "yup": "yes",
    "oui": "yes",
    "sí": "yes",
    "ja": "yes",
    "是": "yes",
    "是的": "yes",
    "はい": "yes",
    "ναι": "yes",
    "nope": "no",
    "όχι": "no",
    "οχι": "no",
    "nah": "no",
    "non": "no",
    "nein": "no",
    "不是": "no",
    "いいえ": "no",
    # yes and no of the read languages (lexicon.FOREIGN_YES_NO): a whole reply of one word
    **{w: "yes" for entry in FOREIGN_YES_NO.values() for w in entry.split("|")[0].split()},
    **{w: "no" for entry in FOREIGN_YES_NO.values() for w in entry.split("|")[1].split()},
}
_INFINITY_WORDS = {"infinity": 1, "infinite": 1, "positive infinity": 1, "negative infinity": -1, "minus infinity": -1}


#: a whole number, a hyphen and a proper fraction: a mixed number written the American way before its unit ("2-1/2
#: feet"); without a unit it is a difference ("2-1/2" is 3/2)
_HYPHEN_MIXED = re.compile(r"\d{1,9}+-\d{1,9}+/\d{1,9}+")
#: the ohm sign, the capital omega written after a number as its unit
_OHM = (("cmd", "Omega"), ("op", "\u03a9"), ("op", "\u2126"), ("sym", "\u03a9"), ("sym", "\u2126"))


def _scalar(t: list[Tok]) -> Node:
    """A value with its presentation parsed: currency, approximation marker, unit, multiplier, base."""
    t = _trim(t)
    if len(t) > 2 and t[-1] in _OHM and t[-2][0] == "ws" and t[-3][0] == "num":
        t = [
            *t[:-1],
            ("unit", "ohm"),
        ]  # "5\,\Omega", "5 Ω": the ohm after a number set apart (``5\Omega`` is a product)
    unit: str | None = None
    approx = False
    mult = 1
    # leading: currency, approximation, fillers
    changed = True
    while changed and t:
        changed = False
        if t[0][0] == "unit" and t[0][1] in LEADING_UNITS:
            if unit not in (None, t[0][1]):
                return Bad(render(t))
            unit = t[0][1]
            t = _trim(t[1:])
            changed = True
            continue
        if t[0] in (("cmd", "approx"), ("cmd", "sim")):
            approx = True
            t = _trim(t[1:])
            changed = True
            continue
        w = _leading_words(t, APPROX_WORDS)
        if w:
            approx = True
            t = _trim(t[w:])
            changed = True
            continue
        w = _leading_words(t, FILLERS) or _leading_words(t, LEADING_MEASURES)
        if w:
            t = _trim(t[w:])
            changed = True
            continue
        if t[0][0] == "word" and t[0][1].lower() in SIGN_WORDS and len(t) > 1:  # "negative 5", "plus 5"
            rest = _trim(t[1:])
            t = [("op", "-"), *rest] if SIGN_WORDS[t[0][1].lower()] < 0 else rest
            changed = True
    t, modulus = _modulus(t)
    if modulus is not None:
        unit = modulus
    t = _ordinal_suffix(t)
    # trailing: neutral words, units, count nouns, multipliers, base subscripts
    changed = True
    while changed and t:
        changed = False
        w = _trailing_words(t, NEUTRAL_TRAILING)
        if w:
            t = _trim(t[: len(t) - w])
            changed = True
            continue
        w = _trailing_words(t, TRAILING_APPROX)
        if w and len(t) > w:  # "1.4142 approx."
            t = _trim(t[: len(t) - w])
            approx = changed = True
            continue
        counted = _classified(t) if unit is None else None
        if counted is not None:
            t, unit = _trim(t[: counted[0]]), counted[1]  # "24 tane elma", "24 Stück Äpfel": what it counts
            changed = True
            continue
        idx = [i for i, x in enumerate(t) if x[0] != "ws"]
        if len(idx) >= 4 and t[idx[-1]][0] == "unit" and t[idx[-3]][0] == "unit" and unit is None:
            per = t[idx[-2]]
            if per[0] == "word" and per[1].lower() == "per" and "/" not in t[idx[-1]][1] + t[idx[-3]][1]:
                unit = f"{t[idx[-3]][1]}/{t[idx[-1]][1]}"  # 18 dollars per day: a rate
                t = _trim(t[: idx[-3]])
                changed = True
                continue
        rate = _time_rate(t)
        if rate is not None and (unit is None or "/" not in unit):
            cut, per = rate  # "2 a day", "$18 each day", "2 times per day": a rate
            unit = f"{unit or ''}/{per}"
            t = _trim(t[:cut])
            changed = True
            continue
        remark = _closing_remark(t)
        if remark is not None:
            cut, kind = remark
            if kind and unit not in (None, kind):
                return Bad(render(t))
            t = _trim(t[:cut])
            unit = kind or unit
            changed = True
            continue
        last = t[-1]
        if last[0] == "unit" and unit is not None and unit.startswith("/") and "/" not in last[1]:
            unit = (
                unit_name(last[1] + unit) or last[1] + unit
            )  # "18 dollars every day": the rate's unit ("mi/h" is mph)
            t = _trim(t[:-1])
            changed = True
            continue
        if last[0] == "unit" and unit in (None, last[1]) or (last[0] != "unit" and _unit_power(t) is not None):
            if last[0] != "unit":  # cm^2, cm^{2}
                u, cut = _unit_power(t)  # type: ignore[misc]
                if unit not in (None, u):
                    return Bad(render(t))
                unit = u
                t = _trim(t[:cut])
            else:
                unit = last[1]
                t = _trim(t[:-1])
                if t and t[-1][0] == "word" and t[-1][1].lower() in ("square", "sq", "cubic", "cu"):
                    unit = f"{unit}^{3 if t[-1][1].lower() in ('cubic', 'cu') else 2}"  # square units
                    t = _trim(t[:-1])
            changed = True
            continue
        if last[0] == "word" and last[1].lower() in MULTIPLIERS and mult == 1:
            mult = MULTIPLIERS[last[1].lower()]
            t = _trim(t[:-1])
            changed = True
            continue
        if last == ("op", ".") and len(t) > 1 and t[-2][0] == "word" and foreign_multiplier(t[-2][1]) is not None:
            t = t[:-1]  # "24 тыс. рублей": the abbreviation's dot
            changed = True
            continue
        if last[0] == "word" and (factor := foreign_multiplier(last[1])) is not None and mult == 1:
            mult, t = factor, _trim(t[:-1])  # "24 тыс", "5 Mio", "3 bin": a multiplier of another language
            changed = True
            continue
        if last[0] == "word" and unit is None and len(last[1]) >= 3 and last[1] in UNIT_ALIASES:
            unit = UNIT_ALIASES[last[1]]  # \text{ hours and }: a unit word among other words is still a unit
            t = _trim(t[:-1])
            changed = True
            continue
        if last[0] == "word" and unit is None and (noun := _numbered_noun(t)) is not None:
            unit, t = noun, _ordinal_suffix(_trim(t[:-1]), True)  # "the 5th term", "3rd place": the ordinal's number
            changed = True
            continue
        if last[0] == "word" and unit is None:
            core = _nonws(t[:-1])
            singular_ok = core in ([("num", "1")], [("op", "-"), ("num", "1")])
            noun = count_noun(last[1], singular_ok)
            if noun is not None:
                unit = noun
                t = _trim(t[:-1])
                for _ in range(3):  # "12 distinct arithmetic sequences": adjectives before the noun
                    if t and t[-1][0] == "word" and adjective_ok(t[-1][1]):
                        t = _trim(t[:-1])
                changed = True
                continue
            noun = foreign_count_noun(last[1])
            if noun is not None:  # "24 Stück", "18 dólares": a count noun of another language, no adjective read
                unit, t = noun, _trim(t[:-1])
                changed = True
                continue
    if not t:
        return Bad("")
    t, unit = _currency_inside(t, unit)
    base, digits, core = _base(t)
    if any(k in ("word", "unit") for k, _ in (core if base is not None else t)):
        return Bad(render(t) + (f" [{unit}]" if unit else ""))
    if base is not None and digits is None:
        return Bad("")  # a numeral with a digit its base lacks is no number: it equals nothing
    toks = tuple(merge_thousands(core))
    if unit is not None and _HYPHEN_MIXED.fullmatch(render(list(toks))):
        toks = tuple(("ws", " ") if k == 1 else x for k, x in enumerate(toks))  # "2-1/2 feet": 2 1/2 feet
    num = number_value(list(toks))
    if mult != 1:
        if num is None:
            return Bad(render(t))
        num = Num(num.value * mult, None)
        toks = (("num", str(num.value)),) if num.value.denominator == 1 else toks
    latex = render(list(toks))
    if mult != 1 and num is not None:
        latex = str(num.value)
    return Scalar(latex, toks, num, unit, base, digits, approx)


def _classified(t: list[Tok]) -> tuple[int, str] | None:
    """Where the value of ``t`` ends, and its count noun, when a classifier or measure word of counting and its noun
    follow it ("24 tane elma", "24 buah apel", "24 Stück", ``24\\text{个}``:
    :func:`~rlvr.verifiers.lexicon.classifier_phrase`); else ``None``."""
    k = len(t)
    while k > 0 and (t[k - 1][0] == "ws" or t[k - 1] == ("op", ".")):
        k -= 1
    start = k
    while start > 0 and t[start - 1][0] in ("word", "ws") and k - start < 8:
        start -= 1
    while start < k and t[start][0] != "ws":
        start += 1  # (a word glued to the value is no classifier of this form)
    words = [v for kind, v in t[start:k] if kind == "word"]
    if start == 0 or t[start - 1][0] != "num" or not classifier_phrase(words):
        return None
    return start, f"noun:{words[0].lower()}"


def _currency_inside(t: list[Tok], unit: str | None) -> tuple[list[Tok], str | None]:
    """``9 \\times \\$2``, ``\\$9 + \\$2``: one currency written before every amount of an arithmetic expression is
    the expression's unit; the tokens unchanged when there is another unit, a word, or a sign not before a number."""
    units = {v for k, v in t if k == "unit"}
    if len(units) != 1 or any(k == "word" for k, _ in t):
        return t, unit
    (currency,) = units
    if currency not in LEADING_UNITS or unit not in (None, currency):
        return t, unit
    kept: list[Tok] = []
    for i, tok in enumerate(t):
        if tok[0] == "unit":
            nxt = next((x for x in t[i + 1 :] if x[0] != "ws"), None)
            if nxt is None or nxt[0] != "num":
                return t, unit
            continue
        kept.append(tok)
    return _trim(kept), currency


#: words that give a value its sign, also in other languages ("moins 4", "минус 4", "eksi 4")
SIGN_WORDS = {"minus": -1, "negative": -1, "plus": 1, "positive": 1} | dict.fromkeys(FOREIGN_SIGN_WORD_SET, -1)
_MOD_WORDS = ("mod", "modulo", "pmod")


def _modulus(t: list[Tok]) -> tuple[list[Tok], str | None]:
    """A residue ``5 \\pmod 7``, ``5 \\pmod{7}``, ``5 (\\bmod 7)``, "5 (mod 7)": the value, and its modulus as
    a unit (``mod 7``: a missing modulus may match, a different one never). "5 mod 3", "5 modulo 7" without
    the parentheses are the remainder operation (2, 5)."""
    n = _nonws(t)
    k = next((j for j in range(len(n) - 1, 0, -1) if n[j][0] == "word" and n[j][1].lower() in _MOD_WORDS), None)
    if k is None:
        return t, None
    head, tail = n[:k], n[k + 1 :]
    residue = n[k][1] == "pmod"
    if head[-1:] == [("op", "(")] and tail[-1:] == [("op", ")")]:
        head, tail, residue = head[:-1], tail[:-1], True
    if tail[:1] == [("op", "{")] and tail[-1:] == [("op", "}")]:
        tail = tail[1:-1]
    if len(tail) != 1 or tail[0][0] != "num" or not tail[0][1].isdigit() or not head:
        return t, None
    if residue:
        return head, f"mod {int(tail[0][1])}"
    value = number_value(head)
    modulus = int(tail[0][1])
    if value is None or value.value.denominator != 1 or modulus == 0:
        return t, None
    return [("num", str(value.value.numerator % modulus))], None


def _numbered_noun(t: list[Tok]) -> str | None:
    """The count noun of ``t`` when it is an ordinal number and the singular noun it numbers ("5th term", "3.º
    lugar", "3. Platz", "3-е место"); else ``None``."""
    head = _nonws(t[:-1])  # (the dot of "3. Platz" kept, which trimming drops)
    if not head or _ordinal_suffix(head, True) == head:
        return None
    word = t[-1][1]
    noun = count_noun(word, singular_ok=True) or foreign_count_noun(word)
    if word.lower() in _MONTH_NAMES:
        return None  # "3. Juni", "3.º de marzo": a day of a month
    return noun or (f"noun:{word.lower()}" if word.istitle() and plain_noun(word.lower()) else None)


#: the month names of the languages written in Latin letters that write an ordinal day before them ("3. Juni", "3e
#: juin", "3.º marzo")
_MONTH_NAMES = frozenset(
    """januar jänner februar märz april mai juni juli august september oktober november dezember januari februari
    maart mei augustus december mars marts maj augusti desember janvier février fevrier avril juin juillet août aout
    septembre octobre novembre décembre decembre enero febrero marzo abril mayo junio julio agosto septiembre
    setiembre octubre noviembre diciembre janeiro fevereiro março marco maio junho julho setembro outubro novembro
    dezembro gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre""".split()
)


#: the ordinal marks of other languages after the digits: Spanish, Portuguese, Italian and Catalan "3.º", "3ª";
#: French "3ème", "1er", "1re"; Russian, Ukrainian and Bulgarian after a hyphen ("3-й", "3-е", "3-я", "3-го")
_ORDINAL_MARKS = frozenset("º ª ème eme ième ieme er ère re".split())
_CYRILLIC_ORDINAL_MARKS = frozenset("й я е го ий ый ой ая ое ій ша ше ри ти".split())


def _ordinal_suffix(t: list[Tok], noun: bool = False) -> list[Tok]:
    """``5\\text{th}``, ``5^{\\text{th}}``, "21st", "3.º", "3ª", "3ème", "3-й": an ordinal is its number. With
    ``noun`` (a noun follows) also French "3e" and the bare dot of German and the Nordic languages ("3. Platz"),
    which alone are the number 3e or a number that ends a sentence."""
    n = _nonws(t)
    suffix = n[-1:] and n[-1][0] in ("word", "sym") and n[-1][1].lower() in ("th", "st", "nd", "rd")
    if not suffix:
        n2 = n[-4:]
        if len(n2) == 4 and n2[:2] == [("op", "^"), ("op", "{")] and n2[3] == ("op", "}"):
            if n2[2][0] == "word" and n2[2][1].lower() in ("th", "st", "nd", "rd"):
                head = n[:-4]
                if len(head) == 3 and head[0] == ("op", "{") and head[2] == ("op", "}"):
                    head = head[1:2]  # {5}^{\\text{th}}: a box's braces kept around the number
                return head if len(head) == 1 and head[0][0] == "num" else t
        return _foreign_ordinal(n, noun) or t
    head = n[:-1]
    return head if len(head) == 1 and head[0][0] == "num" and head[0][1].isdigit() else t


def _foreign_ordinal(n: list[Tok], noun: bool) -> list[Tok] | None:
    """The number of ``n`` (tokens without spaces) written with an ordinal mark of another language (see
    :func:`_ordinal_suffix`), else ``None``."""
    if not n or n[0][0] != "num" or not n[0][1].isdigit():
        return None
    rest = [v.lower() for _, v in n[1:]]
    marks = {
        ("º",),
        ("ª",),
        (".", "º"),
        (".", "ª"),
        *((m,) for m in _ORDINAL_MARKS),
        *(("-", m) for m in _CYRILLIC_ORDINAL_MARKS),
    }
    if noun:
        marks |= {("e",), (".",)}
    return n[:1] if tuple(rest) in marks else None


def _unit_power(t: list[Tok]) -> tuple[str, int] | None:
    """``… \\unit{cm}^2`` (spaces allowed): the unit with its power and where the value ends."""
    idx = [i for i, x in enumerate(t) if x[0] != "ws"][-6:]
    n = [t[i] for i in idx]
    if len(n) >= 3 and n[-2] == ("op", "^") and n[-3][0] == "unit" and n[-1][1] in ("2", "3"):
        return f"{n[-3][1]}^{n[-1][1]}", idx[-3]
    if len(n) >= 5 and n[-4] == ("op", "^") and n[-3] == ("op", "{") and n[-1] == ("op", "}") and n[-5][0] == "unit":
        if n[-2][1] in ("2", "3"):
            return f"{n[-5][1]}^{n[-2][1]}", idx[-5]
    return None


_TIME_UNITS = frozenset({"s", "min", "h", "day", "week", "month", "year"})
#: words that make a rate of the time unit after them ("a day", "per day", "par jour", "в день")
_RATE_WORDS = frozenset({"a", "an", "per", "each", "every"}) | FOREIGN_RATE_WORDS


def _time_rate(t: list[Tok]) -> tuple[int, str] | None:
    """``… a day``, ``… each week``, ``… per hour``, ``… every day``, ``…/day`` (after ``times`` too) closing a value: where
    the rate words start and the time unit; ``None`` otherwise."""
    idx = [i for i, x in enumerate(t) if x[0] != "ws"]
    if len(idx) < 3 or t[idx[-1]][0] != "unit" or t[idx[-1]][1] not in _TIME_UNITS:
        return None
    per = t[idx[-2]]
    within = (
        len(idx) >= 4
        and t[idx[-3]][1] == "in"
        and per in (("num", "1"), ("word", "one"), ("word", "an"), ("word", "a"), ("sym", "a"))
    )
    slash = per == ("op", "/") and t[idx[-3]][0] == "num"  # "$18/day": a slash between a number and a time unit
    if not (within or slash) and (per[0] not in ("word", "sym") or per[1].lower() not in _RATE_WORDS):
        return None
    start = idx[-2]
    before = t[idx[-3]]
    if (before[0] == "word" and before[1].lower() == "times" or within) and len(idx) >= 4:
        start = idx[-3]  # "2 times per day": how often; "5 miles in an hour", "in one hour": per hour
    if t[idx[0]][0] not in ("num", "unit", "op") or start == idx[0]:
        return None
    return start, t[idx[-1]][1]


def _closing_remark(t: list[Tok]) -> tuple[int, str] | None:
    """A remark closing a value that leaves it as it is: ``( … )`` or ``- …`` holding only the words of a
    :data:`CLOSING_REMARKS` phrase ("final", "rounded up", "rounded to the nearest whole number") or of a unit
    (``18 (dollars)``, ``2125 (dollars per week)``); "(approximately)" is no such remark. Returns where the remark
    starts and the unit it adds (``""``: none); ``None`` when ``t`` ends otherwise."""
    idx = [i for i, x in enumerate(t) if x[0] != "ws"]
    if len(idx) < 3:
        return None
    if t[idx[-1]] == ("op", ")"):
        inner_end = idx[-1]
        opens = [i for i in idx[:-1] if t[i][0] == "op" and t[i][1] in "()"]
        if not opens or t[opens[-1]] != ("op", "("):
            return None
        start = opens[-1]
    else:
        dashes = [i for i in idx if t[i] in (("op", "-"), ("cmd", "mdash"), ("cmd", "ndash"))]
        if not dashes:
            return None
        start, inner_end = dashes[-1], len(t)
    words: list[str] = []
    glued = False  # inside a run of letters (math mode spells ``dollars`` as symbols)
    for kind, val in t[start + 1 : inner_end]:
        if kind not in ("word", "ws", "unit", "sym") or start == idx[0] or kind == "sym" and t[start] != ("op", "("):
            return None
        if kind == "sym" and glued:
            words[-1] += val
        elif kind != "ws":
            words.append(val.lower())
        glued = kind == "sym"
    if not words:
        return None
    inner = [x for x in t[start + 1 : inner_end] if x[0] != "ws"]
    if len(inner) == 1 and inner[0][0] == "unit" and t[start] == ("op", "("):
        return start, inner[0][1]  # 18 (dollars) in prose: the unit already read
    phrase = " ".join(w.rstrip(".") for w in words)
    if phrase in CLOSING_REMARKS or words[:4] == list(ROUNDED_TO_NEAREST) and 5 <= len(words) <= 7:
        return start, ""
    unit = unit_name(phrase) if t[start] == ("op", "(") and len(phrase) > 1 else None  # 5 (s) may be a product
    if unit is None and t[start] == ("op", "(") and len(words) == 1:
        unit = count_noun(words[0])  # "23 (apples)": the count noun, as in "23 apples"
    return (start, unit) if unit is not None else None


def _leading_words(t: list[Tok], phrases: tuple[str, ...]) -> int:
    """How many tokens at the start of ``t`` spell one of ``phrases`` (0 if none)."""
    for ph in phrases:
        words = ph.split()
        k, idx = 0, 0
        while idx < len(t) and k < len(words):
            if t[idx][0] == "ws":
                idx += 1
                continue
            if t[idx][0] == "word" and t[idx][1].lower() == words[k]:
                k += 1
                idx += 1
                continue
            break
        if k == len(words):
            return idx
    return 0


def _trailing_words(t: list[Tok], phrases: tuple[str, ...]) -> int:
    for ph in phrases:
        words = ph.split()
        k, idx = len(words) - 1, len(t) - 1
        while idx >= 0 and k >= 0:
            if t[idx][0] == "ws":
                idx -= 1
                continue
            if t[idx][0] == "word" and t[idx][1].lower() == words[k]:
                k -= 1
                idx -= 1
                continue
            break
        if k < 0:
            return len(t) - 1 - idx
    return 0


def _base(t: list[Tok]) -> tuple[int | None, str | None, list[Tok]]:
    """``1011_2``, ``A3_{16}``, ``(1011)_2``: (base, digit string, tokens of the digits); no base → (None, None, t)."""
    n = _nonws(t)
    words = [v.lower() for k, v in n[-3:-1] if k == "word"]
    if len(n) >= 4 and n[-1][0] == "num" and words == ["in", "base"]:
        n = [*n[:-3], ("op", "_"), n[-1]]  # 1011 in base 2: the subscript in words
    if "_" not in [v for k, v in n if k == "op"]:
        return None, None, t
    k = [i for i, x in enumerate(n) if x == ("op", "_")][-1]
    head, sub = n[:k], n[k + 1 :]
    braced = bool(sub) and sub[0] == ("op", "{") and sub[-1] == ("op", "}")
    if braced:
        sub = sub[1:-1]
    if len(sub) == 2 and sub[0][0] == "word" and sub[0][1].lower() == "base":  # 1011_{\text{base } 2}
        sub = sub[1:]
    if len(sub) == 3 and sub[0] == ("op", "(") and sub[2] == ("op", ")"):  # 1011_{(2)}
        sub = sub[1:2]
    if len(sub) == 1 and sub[0][0] == "word" and number_words(sub[0][1]) is not None:  # 1011_{\text{two}}
        sub = [("num", str(number_words(sub[0][1])))]
    if head and head[0] == ("op", "(") and head[-1] == ("op", ")"):
        head = head[1:-1]
    numeral = bool(head) and all(x[0] == "num" and x[1].isdigit() for x in head)
    grouped = braced is False and len(sub) == 1 and sub[0][0] == "num" and len(sub[0][1]) == 3  # 100_000
    if len(sub) != 1 or sub[0][0] != "num" or not sub[0][1].isdigit():
        return (0, None, t) if numeral and sub else (None, None, t)  # 5_{x}, 5_{-2}: a numeral in no base
    base = int(sub[0][1])
    lower_ok = base > 10 and (len(head) > 1 or head[:1] and head[0][0] == "num")  # ff_{16}, not the term a_{12}
    if not head or not all(
        x[0] == "num" and x[1].isdigit() or x[0] == "sym" and (x[1].isupper() or lower_ok) for x in head
    ):
        return None, None, t
    digits = "".join(v for _, v in head).upper()
    if not 2 <= base <= 36:
        return (0, None, t) if numeral and not grouped else (None, None, t)  # 5_{0}, 5_1: no such base
    if any(int(d, 36) >= base for d in digits):
        return base, None, t  # 129_2: a digit the base does not have; no number
    return base, digits, [("num", digits)] if digits.isdigit() else head


# ---------------------------------------------------------------- set algebra on sets of numbers

#: a piece of a set of reals: low end, high end (``None``: unbounded), and whether each end is in the set
_Span = tuple[Fraction | None, Fraction | None, bool, bool]
_SET_OPERATORS = {
    ("cmd", "cup"): "cup",
    ("cmd", "cap"): "cap",
    ("cmd", "setminus"): "minus",
    ("cmd", "backslash"): "minus",
}
#: half-lines of the reals by their symbols (spaces and braces dropped): ``\\mathbb{R}_{>0}``, ``\\mathbb{R}^+``
_REAL_HALF_LINES: dict[str, _Span] = {
    **dict.fromkeys(("mathbbR_>0", "mathbbR^+", "mathbbR_+", "mathbbR^>0"), (Fraction(0), None, False, False)),
    **dict.fromkeys(
        ("mathbbR_ge0", "mathbbR_geq0", "mathbbR_geqslant0", "mathbbR^+_0", "mathbbR_0^+", "mathbbR_+^0"),
        (Fraction(0), None, True, False),
    ),
    **dict.fromkeys(("mathbbR_<0", "mathbbR^-", "mathbbR_-"), (None, Fraction(0), False, False)),
    **dict.fromkeys(
        ("mathbbR_le0", "mathbbR_leq0", "mathbbR_leqslant0", "mathbbR^-_0", "mathbbR_0^-"),
        (None, Fraction(0), False, True),
    ),
}
#: the largest finite set the algebra writes out (``[1, 100] \\cap \\mathbb{Z}``)
_MAX_POINTS = MAX_PARTS


def _set_key(n: list[Tok]) -> str:
    return "".join(v for k, v in n if (k, v) not in (("op", "{"), ("op", "}")))


def _bound(n: list[Tok]) -> tuple[Fraction | None, int] | None:
    """An interval end: an exact number (sign 0), or ``\\infty`` with its sign."""
    key = _set_key(_nonws(n))
    if key in ("infty", "+infty"):
        return None, 1
    if key == "-infty":
        return None, -1
    num = number_value(_nonws(n))
    return (num.value, 0) if num is not None else None


def _set_operand(n: list[Tok]) -> list[_Span] | str | None:
    """One operand of a set expression as sorted disjoint spans; ``"Z"`` for the integers; else ``None``."""
    key = _set_key(n)
    if key in ("mathbbR", "R"):
        return [(None, None, False, False)]
    if key == "mathbbZ":
        return "Z"
    if key in _REAL_HALF_LINES:
        return [_REAL_HALF_LINES[key]]
    inner = _complemented(n)
    if inner is not None:
        got = _set_operand(inner)
        return _complement(got) if isinstance(got, list) else None
    points = _outer(n, ("op", "\\{"), ("op", "\\}"))
    if points is not None:
        values = _number_points(points)
        return None if values is None else _normal([(v, v, True, True) for v in values])
    wrapped = _wrapped_interval(n)
    if wrapped is None:
        return None
    items = _split(wrapped[0], _comma)[0]
    ends = [_bound(p) for p in items] if len(items) == 2 else []
    if len(ends) != 2 or ends[0] is None or ends[1] is None or ends[0][1] == 1 or ends[1][1] == -1:
        return None
    (lo, lo_inf), (hi, hi_inf) = ends
    if lo is not None and hi is not None and (lo > hi or lo == hi and not (wrapped[1] and wrapped[2])):
        return None  # (5, 5), [3, 1]: no interval as written
    return [(lo, hi, wrapped[1] and not lo_inf, wrapped[2] and not hi_inf)]


def _complemented(n: list[Tok]) -> list[Tok] | None:
    """The set under a complement mark ``X^c``, ``X^{c}``, ``X^\\complement``, else ``None``."""
    marks = ([("sym", "c")], [("cmd", "complement")])
    for k in (2, 4):
        if len(n) > k and n[-k] == ("op", "^") and (n[-1:] if k == 2 else n[-2:-1]) in marks:
            if k == 2 or (n[-3], n[-1]) == (("op", "{"), ("op", "}")):
                return n[:-k]
    return None


def _number_points(inner: list[Tok]) -> list[Fraction] | None:
    """The exact numbers of a set's items (``\\pm a`` gives both), else ``None``."""
    out: list[Fraction] = []
    for p in _split(inner, _comma)[0]:
        p = _nonws(p)
        if p[:1] in ([("cmd", "pm")], [("cmd", "mp")]):
            num = number_value(p[1:])
            out += [num.value, -num.value] if num is not None else []
        else:
            num = number_value(p)
            out += [num.value] if num is not None else []
        if num is None:
            return None
    return out


def _normal(spans: list[_Span]) -> list[_Span]:
    """Spans sorted and merged where they touch or overlap."""

    def lo_key(s: _Span) -> tuple[int, Fraction, bool]:
        return (0, Fraction(0), False) if s[0] is None else (1, s[0], not s[2])

    out: list[_Span] = []
    for s in sorted(spans, key=lo_key):
        if out:
            lo, hi, lc, hc = out[-1]
            if hi is None or s[0] is not None and (s[0] < hi or s[0] == hi and (hc or s[2])):
                if hi is not None and (s[1] is None or s[1] > hi or s[1] == hi and s[3]):
                    out[-1] = (lo, s[1], lc, s[3] if s[1] != hi else hc or s[3])
                continue
        out.append(s)
    return out


def _complement(spans: list[_Span]) -> list[_Span]:
    """The reals not in ``spans`` (sorted, disjoint)."""
    out: list[_Span] = []
    lo, lc = None, False
    for s_lo, s_hi, s_lc, s_hc in spans:
        if s_lo is not None:
            out.append((lo, s_lo, lc, not s_lc))
        lo, lc = s_hi, not s_hc
        if s_hi is None:
            return out
    out.append((lo, None, lc, False))
    return out


def _intersect(a: list[_Span], b: list[_Span]) -> list[_Span]:
    out: list[_Span] = []
    for x in a:
        for y in b:
            lo, lc = max((x[0], x[2]), (y[0], y[2]), key=lambda e: (e[0] is not None, e[0] or 0, not e[1]))
            hi, hc = min((x[1], x[3]), (y[1], y[3]), key=lambda e: (e[0] is None, e[0] or 0, e[1]))
            if lo is None or hi is None or lo < hi or lo == hi and lc and hc:
                out.append((lo, hi, lc, hc))
    return _normal(out)


def _integers_in(spans: list[_Span]) -> list[_Span] | None:
    """The integers of bounded spans as points (at most :data:`_MAX_POINTS`), else ``None``."""
    out: list[_Span] = []
    for lo, hi, lc, hc in spans:
        if lo is None or hi is None:
            return None
        first = math.ceil(lo) + (1 if lo == math.ceil(lo) and not lc else 0)
        last = math.floor(hi) - (1 if hi == math.floor(hi) and not hc else 0)
        if last - first >= _MAX_POINTS - len(out):
            return None
        out += [(Fraction(k), Fraction(k), True, True) for k in range(first, last + 1)]
    return out


def _set_expression(t: list[Tok]) -> Node | None:
    """A set expression of one operator over sets of numbers (``\\cup``, ``\\cap``, ``\\setminus``; intervals,
    finite sets, ``\\mathbb{R}``, its half-lines, a complement ``X^c``; ``\\mathbb{Z}`` only intersected with
    bounded sets) evaluated exactly, as a finite set or a union of intervals; ``None`` when it is none of these."""
    n = _nonws(t)
    parts, seps = _split(n, lambda tok: tok in _SET_OPERATORS)
    ops = {_SET_OPERATORS[s] for s in seps}
    if len(ops) > 1:
        return None  # \{1\} \cup [2, 3] \setminus \{2\}: the order is not written
    op = ops.pop() if ops else None
    if op is None and _set_key(n) not in _REAL_HALF_LINES and _complemented(n) is None:
        return None
    operands = [_set_operand(p) for p in parts]
    if any(x is None for x in operands) or (op == "minus" and len(operands) != 2):
        return None
    result: list[_Span] | str | None = operands[0]
    for nxt in operands[1:]:
        result = _set_step(result, nxt, op) if result is not None and nxt is not None else None
    return _set_node(result) if isinstance(result, list) else None


def _cartesian(n: list[Tok]) -> Coll | None:
    """``\\{1, 2\\} \\times \\{3\\}``: the product of finite sets of numbers as its set of tuples (at most
    :data:`MAX_PARTS` of them); else ``None``."""
    parts, seps = _split(n, lambda tok: tok == ("cmd", "times"))
    if not seps or any(_outer(p, ("op", "\\{"), ("op", "\\}")) is None for p in parts):
        return None
    factors = [_number_points(p[1:-1]) for p in parts]
    tuples: list[tuple[Fraction, ...]] = [()]
    for f in factors:
        if f is None or len(tuples) * len(f) > MAX_PARTS:
            return None
        tuples = [x + (v,) for x in tuples for v in dict.fromkeys(f)]
    return Coll("set", tuple(Coll("tuple", tuple(map(_scalar_of, x))) for x in tuples))


#: the unit vectors by their letter, as written in bold (``\\mathbf{i}``: the lexer keeps its braces), with a hat
#: or an arrow
_UNIT_VECTORS = {"i": 0, "j": 1, "k": 2}
_UNIT_VECTOR_MARKS = (("cmd", "hat"), ("cmd", "vec"), ("cmd", "widehat"), ("cmd", "boldsymbol"))


def _numeric_tuple(n: list[Tok]) -> list[Fraction] | None:
    """A parenthesised tuple of two or more exact numbers, else ``None``."""
    inner = _outer(n, ("op", "("), ("op", ")"))
    if inner is None:
        return None
    items = [number_value(_nonws(p)) for p in _split(inner, _comma)[0]]
    return [x.value for x in items if x is not None] if len(items) > 1 and None not in items else None


def _unit_vector(n: list[Tok]) -> int | None:
    """The axis of a unit vector written ``\\mathbf{i}``, ``\\hat{j}``, ``\\vec{k}``, else ``None``."""
    body = n[1:] if n[:1] and n[0] in _UNIT_VECTOR_MARKS else n
    if not (n[:1] and n[0] in _UNIT_VECTOR_MARKS) and len(body) != 3:
        return None
    inner = _outer(body, ("op", "{"), ("op", "}")) if len(body) == 3 else body
    if inner is None or len(inner) != 1 or inner[0][0] != "sym":
        return None
    return _UNIT_VECTORS.get(inner[0][1])


def _vector_term(n: list[Tok]) -> tuple[Fraction, list[Fraction] | int] | None:
    """One term of a vector sum: a coefficient and a tuple of numbers or a unit vector's axis."""
    k = 0
    while k < len(n) and (n[k][0] == "num" or n[k] == ("op", ".")):
        k += 1
    coef = number_value(n[:k]) if k else Num(Fraction(1))
    rest = n[k + 1 :] if k < len(n) and n[k] in (("cmd", "cdot"), ("cmd", "times")) and k else n[k:]
    if coef is None or not rest:
        return None
    vec = _numeric_tuple(rest)
    if vec is not None:
        return coef.value, vec
    axis = _unit_vector(rest)
    return (coef.value, axis) if axis is not None else None


def _vector_arithmetic(n: list[Tok]) -> Node | None:
    """Arithmetic on explicit tuples of numbers, exact: a dot product ``(1,2) \\cdot (3,4)`` (a number), a cross
    product of triples, a sum of multiples ``2(1,2) + (3,4)``, a tuple transposed into a column ``(1,2)^T``, and
    ``3\\mathbf{i} + 4\\mathbf{j}`` (the components on the unit vectors: a pair, a triple when ``k`` is used)."""
    if n[-2:] in ([("op", "^"), ("sym", "T")], [("op", "^"), ("cmd", "top")]) and (col := _numeric_tuple(n[:-2])):
        return Matrix(tuple((_scalar_of(x),) for x in col))
    for op in (("cmd", "cdot"), ("cmd", "times")):
        parts, seps = _split(n, lambda tok, o=op: tok == o)
        if len(seps) == 1:
            a, b = _numeric_tuple(parts[0]), _numeric_tuple(parts[1])
            if a is None or b is None or len(a) != len(b):
                continue
            if op == ("cmd", "cdot"):
                return _scalar_of(sum(x * y for x, y in zip(a, b)))
            if len(a) == 3:
                cross = (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])
                return Coll("tuple", tuple(map(_scalar_of, cross)))
    return _vector_sum(n)


def _vector_sum(n: list[Tok]) -> Coll | None:
    """A signed sum of multiples of tuples of one length or of unit vectors (not both), as a tuple; ``None`` for a
    lone tuple written plainly or anything else."""
    terms: list[tuple[int, list[Tok]]] = []
    sign, k, depth, start = 1, 0, 0, 0
    for k, tok in enumerate(n):
        depth += tok in _OPEN
        depth -= tok in _CLOSE
        if depth == 0 and tok in (("op", "+"), ("op", "-")):
            if k > start:
                terms.append((sign, n[start:k]))
            elif k:
                return None
            sign, start = (1 if tok[1] == "+" else -1), k + 1
    terms.append((sign, n[start:]))
    read = [(sg, _vector_term(t)) for sg, t in terms]
    if any(x is None for _, x in read) or len(read) > MAX_PARTS:
        return None
    pairs = [(sg * x[0], x[1]) for sg, x in read if x is not None]
    units = [v for _, v in pairs if isinstance(v, int)]
    if units and (len(units) != len(pairs) or len(units) < 2):
        return None  # \mathbf{i} alone: its dimension is not written
    if len(pairs) == 1 and not units and pairs[0][0] == 1 and n[0] == ("op", "("):
        return None
    size = (3 if 2 in units else 2) if units else len(pairs[0][1])  # type: ignore[arg-type]
    total = [Fraction(0)] * size
    for c, v in pairs:
        vec = [Fraction(int(v == a)) for a in range(size)] if isinstance(v, int) else v
        if len(vec) != size:
            return None
        total = [t + c * x for t, x in zip(total, vec)]
    return Coll("tuple", tuple(map(_scalar_of, total)))


def _set_step(a: list[_Span] | str, b: list[_Span] | str, op: str | None) -> list[_Span] | None:
    """``a op b``; the integers only as the other side of an intersection with a bounded set."""
    if op == "cap" and (a == "Z") != (b == "Z"):
        return _integers_in(b if a == "Z" else a)  # type: ignore[arg-type]
    if isinstance(a, str) or isinstance(b, str):
        return None
    if op == "cup":
        return _normal(a + b)
    return _intersect(a, b if op == "cap" else _complement(b))


def _set_node(spans: list[_Span]) -> Node:
    """Spans as a finite set of numbers when all are points, else as a union of intervals."""
    if all(lo is not None and lo == hi for lo, hi, _, _ in spans):
        return Coll("set", tuple(_scalar_of(lo) for lo, _, _, _ in spans if lo is not None))
    return Intervals(
        tuple(
            Interval(
                _scalar_inf(-1) if lo is None else _scalar_of(lo),
                _scalar_inf(1) if hi is None else _scalar_of(hi),
                lc,
                hc,
            )
            for lo, hi, lc, hc in spans
        ),
        "union",
    )
