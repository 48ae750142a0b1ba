"""A confidence in the answer stated as a labelled share or level, in any common form and language.

A line after an answer such as "Confidence: 30%", "conf=0.3", "P(correct) = 0.3", "Self-assessed accuracy: 30%",
"Konfidenz: niedrig", "置信度：低" (also a JSON key or a tag, rewritten as such a line) states the chance that the
answer is right; "Error probability: 0.6" or "Likelihood of error: high" states the chance that it is wrong. The
label is read by its words (:data:`~rlvr.verifiers.lexicon.CONFIDENCE_LABEL_WORDS`, an error word with a chance
word), the value by its form: a percentage, a share, a ratio or a level word of a language's lexicon. A chance of
being right of at most one half, or a middling or low level, disowns the answer; so does a chance of being wrong of
at least one half, or a middling or high level of it.
"""

from __future__ import annotations

import re

from rlvr.verifiers.lexicon import (
    CHANCE_WORDS,
    CONFIDENCE_LABEL_WORDS,
    ERROR_LABEL_WORDS,
    FOREIGN_NEGATIONS,
    HIGH_LEVEL_WORDS,
    LOW_LEVEL_WORDS,
    MIDDLE_LEVEL_WORDS,
)

#: the most characters of a line read for a stated confidence
_MAX_LINE = 200
#: TeX that may wrap such a line ("$P(\\text{correct}) \\approx 0.4$"): removed or read as its symbol
_TEX = re.compile(r"\\(?:text|mathrm|textrm|textit|mathit|operatorname)[ \t]*+\{([^{}]{0,40}+)\}|\\(approx|sim|%|,|;)")
_TEX_SYMBOLS = {"approx": "\u2248", "sim": "~", "%": "%", ",": " ", ";": " "}
#: a label, a separator and a value that ends the line ("Confidence: ~40%", "P(correct) = 0.3", "置信度：低")
_STATED = re.compile(
    r"^[ \t>*_#|(\[-]*+(?P<label>[^\W\d_][^:=\u2248~\uff1a\n]{0,40}?)[ \t*_\"']*+"
    r"(?::|=|\u2248|~|\uff1a|\bis\b)[ \t*_\"']*+"
    r"(?:(?:~|\u2248|about|around|roughly|approximately|approx\.?|ca\.?|circa|only|just)[ \t]*+)?+"
    r"(?P<value>[^\n]{1,30}?)[ \t*_\"'.!)\]\u3002]*+$"
)
_LABEL_WORD = re.compile(r"[^\W\d_]++")
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,6})?)[ \t]*+(?:%|percent|per[ \t]?+cent|prozent|por[ \t]++ciento)")
_SHARE = re.compile(r"(0?[.,]\d{1,6}|[01](?:[.,]0{1,6})?)")
_RATIO = re.compile(r"(\d{1,3})[ \t]*+(?:/|out[ \t]++of|von|de|sur|из|na)[ \t]*+(\d{1,3})")
_EVEN = 0.5
#: negations of English and the languages of the lexicon, and the level a negation turns each into
_NEGATIONS = frozenset("no not never".split()) | frozenset(
    w for words in FOREIGN_NEGATIONS.values() for w in words.split()
)
_OPPOSITE = {"low": "high", "high": "low"}


def _label_kind(label: str) -> str | None:
    """``"right"`` when ``label`` names the chance of the answer being right, ``"wrong"`` when it names the chance
    of it being wrong ("Error probability", "P(wrong)"), else ``None``."""
    words = [w.lower() for w in _LABEL_WORD.findall(label)]
    if not words or len(words) > 5:
        return None
    if ERROR_LABEL_WORDS.intersection(words) and CHANCE_WORDS.intersection(words):
        return "wrong"
    names = {w for ws in CONFIDENCE_LABEL_WORDS.values() for w in ws.split()}
    compact = "".join(words)
    if names.intersection(words) or any(not w.isascii() and w in compact for w in names if len(w) > 1):
        return "right"
    right = {"correct", "right", "true", "correctness"}
    return "right" if CHANCE_WORDS.intersection(words) and right.intersection(words) else None


def _share(value: str) -> float | None:
    """The share ``value`` states (a percentage, a share of one, a ratio), ``None`` when it states none."""
    for pattern, scale in ((_PERCENT, 100.0), (_RATIO, 0.0), (_SHARE, 1.0)):
        m = pattern.fullmatch(value.strip())
        if m is None:
            continue
        if not scale:
            return float(m.group(1)) / max(1.0, float(m.group(2)))
        return float(m.group(1).replace(",", ".")) / scale
    return None


def _level(value: str) -> str | None:
    """``"low"``, ``"middle"`` or ``"high"`` for a value of at most three level words (a negation before the last
    turns low and high round: "not very high", "nicht hoch", "不高" are low), ``None`` otherwise."""
    words = [w.lower() for w in _LABEL_WORD.findall(value)]
    if not words or len(words) > 3 or len(value) > 24:
        return None
    negated = any(w in _NEGATIONS or w.endswith("n't") for w in words[:-1]) or words[-1].startswith(("不", "没", "沒"))
    for kind, lexicon in (("low", LOW_LEVEL_WORDS), ("middle", MIDDLE_LEVEL_WORDS), ("high", HIGH_LEVEL_WORDS)):
        if words[-1] in lexicon or any(not w.isascii() and w in words[-1] for w in lexicon if len(w) == 1):
            return _OPPOSITE.get(kind, kind) if negated else kind
    return None


def stated_doubt(line: str) -> bool | None:
    """Whether ``line`` (a sentence or line after an answer, math unmasked) states a confidence that disowns the
    answer (see the module's docstring), ``None`` when it states no confidence it can read."""
    text = _TEX.sub(lambda m: m.group(1) or _TEX_SYMBOLS[m.group(2)], line[:_MAX_LINE]).replace("$", "")
    m = _STATED.match(text.strip())
    if m is None:
        return None
    kind = _label_kind(m.group("label"))
    if kind is None:
        return None
    value = m.group("value")
    share = _share(value)
    if share is not None:
        return share <= _EVEN if kind == "right" else share >= _EVEN
    level = _level(value)
    if level is None:
        return None
    return level != "high" if kind == "right" else level != "low"
