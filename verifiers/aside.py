"""Whether a parenthetical right after a final answer changes what the answer says, read by its form.

An aside that explains ("(by Fermat's little theorem)"), locates ("(at $x = 2$)"), restates ("($x = 5$)") or
names a unit ("(in cm)") leaves the answer as it is. One changes it when it is:

- a sign or relation that acts on the answer before it: ``(±)``, ``($\\pm 5$)`` (two values), ``(×100)``,
  ``($\\times 10^3$)`` (a scale factor), ``($\\geq$)``, ``(< )`` (a bound); ``=``, ``≈`` and ``~`` only when no
  value follows them (with one they restate the answer);
- a scale of the figures ("(in thousands)", "(in '000)", "(000s)", "(in $10^3$)");
- a condition that restricts the case the answer holds in: "for" with a restricting adjective or a relation
  ("(for even $n$)", "(for $n \\geq 3$)", "(only for large $k$)"), or a variable with such an adjective
  ("($n$ odd)"); "for all $n$", "for $x \\in \\mathbb{R}$" and "for $n = 3$" restrict nothing;
- a second value of the unknown: an assignment of another value to an indexed or repeated unknown ("($x_2 =
  -5$)", "($x_1 = 3,\\ x_2 = -2$)", "($x = 3;\\ x = -2$)"), several values in one ("($x = \\pm 5$)", "($x = 5,
  -5$)"), or one added by a connective ("(and $x = -5$)");
- an error bar: the aside is only a spread or uncertainty with its value ("($\\sigma = 2$)", "(SD 1.5)", "(s.e.
  0.3)", "(95% CI: 20-28)"); one with more words ("($\\sigma = 2$ was given)") sets the scene;
- an appositive that names the answer as something else (:func:`disowning_appositive`): an end of a range ("(the
  upper end of the range)") or another problem's answer ("(the answer to the previous problem)").

Text arrives raw (math delimiters kept): the signs inside math are what is read.
"""

from __future__ import annotations

import re

from rlvr.verifiers.lexicon import MULTIPLIERS

#: math delimiters and spacing commands, dropped before an aside is read
_MATH_NOISE = re.compile(r"\$|\\[()\[\]]|\\(?:[,;:! ]|q?quad(?![A-Za-z]))|~")
#: a sign or relation opening an aside: group ``restating`` for "=", "≈", "~" (a value after it restates)
_ACTING_SIGN = re.compile(
    r"[ \t]*+(?:(?P<restating>\\(?:approx|simeq|sim|eq)(?![A-Za-z])|[=\u2248\u223c\u2245])"
    r"|\\(?:pm|mp|times|cdot|ast|geqslant|leqslant|geq?|leq?|gtrsim|lesssim|gt|lt|neq?)(?![A-Za-z])"
    r"|[\u00b1\u2213\u00d7\u22c5\u00b7\u2265\u2264\u2a7e\u2a7d\u2260<>+*\u2212]|-(?![A-Za-z])|[xX](?=[ \t]*+\d))"
)
#: a scale of the figures: "in thousands", "in units of 100", "'000", "000s", "in 10^3", "thousands of dollars"
_SCALE = re.compile(
    r"(?i)[ \t]*+(?:in[ \t]++)?+(?:units[ \t]++of[ \t]++)?+"
    r"(?:'?000s?+|10{2,12}+s?+|1(?:,000)++s?+|10\^\{?[-\u2212]?\d{1,3}+\}?|10[\u00b2\u00b3\u2070-\u2079]++|(?P<word>[a-z]{3,12}+))"
    r"(?:[ \t]++of[ \t]++[a-z]{1,20}+)?+[ \t.]*+"
)
#: adjectives that select part of a domain ("for even $n$", "for $n$ odd", "for large $k$"); not those that
#: usually name the problem's own domain ("for positive integers $n$", "for integral $n$", "for distinct $a, b$")
_RESTRICTING = frozenset(
    """even odd prime composite large larger small smaller big huge sufficiently negative nonpositive non-positive
    nonzero non-zero square squarefree square-free some certain most particular specific special generic""".split()
)
#: words after "for" that quantify over every case ("for all $n$", "for any real $x$")
_UNIVERSAL = frozenset("all every any each both arbitrary general whole entire".split())
#: a relation inside a condition's math ("$n \\geq 3$", "$k \\ne 0$", "$p \\mid n$"); "=" names an instance
_CONDITION_RELATION = re.compile(
    r"[<>\u2264\u2265\u2260\u2208\u2209]|\\(?:geq?|leq?|geqslant|leqslant|gt|lt|neq?|in|notin|mid|nmid|equiv|subset"
    r"|subseteq)(?![A-Za-z])"
)
#: a membership in a whole number system ("$x \\in \\mathbb{R}$", "$n \\in ℕ$"): the domain, no restriction
_WHOLE_DOMAIN = re.compile(
    r"(?:\\in|\u2208)[ \t]*+(?:\\mathbb[ \t]*+\{?[ \t]*+[NZQRC]\}?|[\u2115\u2124\u211a\u211d\u2102])"
)
#: a math span in an aside
_MATH_SPAN = re.compile(r"\$[^$\n]{1,200}+\$|\\\((?:[^\\\n]|\\(?!\)))*?\\\)")
#: a word of an aside, with its position
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*+")
#: an assignment to an unknown, maybe indexed: ``x = 3``, ``x_2 = -5``, ``x_{2} = -5``
_ASSIGNMENT = re.compile(
    r"(?<![A-Za-z\\])(?P<name>[A-Za-z])(?P<index>_[ \t]*+(?:\{[ \t]*+\w{1,3}+[ \t]*+\}|\w))?+[ \t]*+=[ \t]*+"
    r"(?P<value>[^,;=]{1,60}+)"
)
#: an error bar, the whole aside: a spread or uncertainty, a relation, its value or interval ("\\sigma = 2",
#: "SD 1.5", "s.e. = 0.3", "95% CI: 20-28", "margin of error 3%")
_ERROR_BAR = re.compile(
    r"(?i)[ \t]*+(?:\\(?:sigma|varsigma|delta|Delta|epsilon|varepsilon)(?![A-Za-z])|[\u03c3\u03b4\u0394\u03b5]|s\.?+d\.?+"
    r"|s\.?+e\.?+(?:m\.?+)?+|std(?:\.?+[ \t]*+dev\.?+)?+|stdev|standard[ \t]++(?:deviation|error)|error(?:[ \t]++bars?+)?+"
    r"|err|uncertainty|margin(?:[ \t]++of[ \t]++error)?+|tolerance|(?:\d{1,2}+(?:\.\d{1,2}+)?+[ \t]*+\\?+%[ \t]*+)?+"
    r"(?:ci|confidence[ \t]++interval))[ \t]*+(?:[=:\u2248\u223c]|\\approx(?![A-Za-z])|of|is|about)?+[ \t]*+"
    r"[-+\u2212\u00b1]?+[ \t]*+[\[(]?+[ \t]*+\d[\d.,]{0,20}+[ \t]*+(?:(?:[-\u2013,]|to|\\text\{to\})[ \t]*+\d[\d.,]{0,20}+"
    r"[ \t]*+)?+[\])]?+[ \t]*+\\?+%?+[ \t.]*+"
)
#: a plus-minus or minus-plus sign: a value with one is two values
_TWO_SIGNS = re.compile(r"\\(?:pm|mp)(?![A-Za-z])|[\u00b1\u2213]")
#: an assignment followed by another bare value in a list ("x = 5, -5", "x = 3; -2")
_LISTED_VALUE = re.compile(r"=[^,;=]{1,60}+[,;][ \t]*+[-\u2212+]?+[ \t]*+\d[^,;=]{0,40}+(?:[,;]|$)")
#: words that add a value to the answer before them ("(and $x = -5$)", "(also $x = 2$)")
_ADDING = frozenset("and also plus too".split())


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def _acting_sign(plain: str) -> bool:
    """``plain`` (an aside, math delimiters dropped) opens on a sign or relation that acts on the answer."""
    sign = _ACTING_SIGN.match(plain)
    if sign is None:
        return False
    return sign.group("restating") is None or not plain[sign.end() :].strip(" \t.")


def _scale(plain: str) -> bool:
    """``plain`` is a scale of the figures (:data:`_SCALE`), its word a multiplier ("thousands", "dozens")."""
    scale = _SCALE.fullmatch(plain)
    if scale is None:
        return False
    word = scale.group("word")
    return word is None or word.lower() in MULTIPLIERS or word.lower().removesuffix("s") in MULTIPLIERS


def _math_restricts(math: str) -> bool:
    """A condition's math holds a relation that restricts a variable ("n \\geq 3"), not its whole domain."""
    return _CONDITION_RELATION.search(math) is not None and _WHOLE_DOMAIN.search(math) is None


def _condition(inner: str) -> bool:
    """``inner`` restricts the case the answer holds in: "for" before a restricting adjective or restricting
    math, or only a variable and restricting adjectives ("($n$ odd)")."""
    maths = [m.group(0) for m in _MATH_SPAN.finditer(inner)]
    masked = _MATH_SPAN.sub(" $ ", inner)
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*+|\$", masked)]
    for k, w in enumerate(words):
        if w != "for" or k + 1 >= len(words):
            continue
        after = words[k + 1 : k + 3]
        if after[0] in _UNIVERSAL:
            continue
        if after[0] in _RESTRICTING or "$" in after and _RESTRICTING.intersection(after):
            return True
        if after[0] == "$":
            index = words[: k + 1].count("$")
            if index < len(maths) and _math_restricts(maths[index]):
                return True
    prose = [w for w in words if w != "$"]
    return bool(maths) and bool(prose) and all(w in _RESTRICTING or w == "only" for w in prose)


def _second_value(inner: str, answer: str | None) -> bool:
    """``inner`` gives the unknown a value other than ``answer``: several values of one unknown or indexed ones
    ("$x_1 = 3,\\ x_2 = -2$", "$x = 3;\\ x = -2$", "$x_2 = -5$"), or an assignment after a word that adds it
    ("and $x = -5$"). An aside with any other word ("at $x = 2$", "where $a = 2$") only sets the scene."""
    if answer is None or not _MATH_SPAN.search(inner):
        return False
    prose = _words(_MATH_SPAN.sub(" ", inner))
    if prose and not set(prose) <= _ADDING:
        return False
    plain = _MATH_NOISE.sub(" ", inner)
    own = _value_key(answer.rsplit("=", 1)[-1])
    assigned = [(m.group("name"), m.group("index"), _value_key(m.group("value"))) for m in _ASSIGNMENT.finditer(plain)]
    if any(_TWO_SIGNS.search(value) for _, _, value in assigned) or _LISTED_VALUE.search(plain):
        return True  # "($x = \\pm 5$)", "($x = 5, -5$)": several values of the unknown
    others = [(name, index) for name, index, value in assigned if value and value != own]
    if not others:
        return False
    if prose:
        return True  # "(and $x = -5$)"
    names = [name for name, _, _ in assigned]
    return any(index is not None or names.count(name) > 1 for name, index in others)


def _value_key(value: str) -> str:
    """A value written for comparison: without spacing, math delimiters and braces; empty when it is no value
    (it holds a letter outside a command: an expression in the unknowns)."""
    key = re.sub(r"[\s${}]+|\\[()\[\]]", "", _MATH_NOISE.sub("", value)).rstrip(".")
    return "" if re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]++", "", key)) else key


#: nouns of an end of a range ("the upper end", "the left endpoint of the interval", "the top of the range")
_END_NOUNS = frozenset("end ends endpoint endpoints limit limits edge bound bounds extreme boundary top bottom".split())
#: adjectives that pick one end of a range ("upper", "lower", "left", "right")
_END_SIDES = frozenset("upper lower left right top bottom high low higher lower".split())
#: nouns of a range of values ("of the range", "of the interval", "of my estimate")
_RANGE_NOUNS = frozenset("range ranges interval intervals bracket band span spread window estimate estimates".split())
#: words that point away from the problem at hand ("the previous problem", "another method", "my first attempt")
_ELSEWHERE = frozenset(
    "previous preceding prior earlier last next following other another different original old first".split()
)
#: nouns of a problem, a case or an attempt at it ("the answer to the previous problem", "the other method")
_PROBLEM_NOUNS = frozenset(
    """problem problems question questions exercise exercises task part case method approach attempt try version
    draft run reading interpretation puzzle""".split()
)


def disowning_appositive(words: list[str]) -> bool:
    """An appositive after the answer (lower-case ``words``) names it as something other than the answer: an end
    of a range ("the upper end of the range", "the left endpoint of the interval", "the lower limit") or the
    answer of another problem, case or attempt ("the answer to the previous problem", "the value from my first
    attempt")."""
    for k, w in enumerate(words):
        if w in _END_NOUNS and (
            k
            and words[k - 1] in _END_SIDES
            or _RANGE_NOUNS.intersection(words[k + 1 : k + 4])
            and "of" in words[k + 1 : k + 2]
        ):
            return True
        if w in _ELSEWHERE and _PROBLEM_NOUNS.intersection(words[k + 1 : k + 3]):
            return True
    return False


#: a citation: an author (or two, or "et al."), a year, maybe a page ("see Knuth, 1997", "Graham et al. 1994, p. 12")
_CITATION = re.compile(
    r"[ \t]*+(?:(?:see|cf\.?+)[ \t]++(?:also[ \t]++)?+)?+[A-Z][A-Za-z'\u2019-]{1,30}+"
    r"(?:[ \t]++(?:and|&)[ \t]++[A-Z][A-Za-z'\u2019-]{1,30}+|[ \t]++et[ \t]++al\.?+)?+,?+[ \t]++(?:1[5-9]|20)\d\d[a-z]?+"
    r"(?:,[ \t]*+(?:pp?\.|page|ch\.|chapter|section|\u00a7)[ \t]*+\d{1,4}+(?:[-\u2013]\d{1,4}+)?+)?+[ \t.]*+"
)


def citation(inner: str) -> bool:
    """``inner`` (an aside) cites a source by author and year: its year is no value ("(see Knuth, 1997)")."""
    return _CITATION.fullmatch(inner) is not None


def aside_changes(inner: str, answer: str | None = None) -> bool:
    """The parenthetical ``inner`` (raw, without its parentheses) right after the final ``answer`` changes what
    the answer says (see the module's docstring)."""
    plain = _MATH_NOISE.sub(" ", inner).strip()
    if not plain:
        return False
    if _acting_sign(plain) or _scale(plain) or _ERROR_BAR.fullmatch(plain) or _condition(inner):
        return True
    if _second_value(inner, answer):
        return True
    return disowning_appositive(_words(_MATH_SPAN.sub(" ", inner)))
