"""Which writing systems the grader reads.

The grader reads an answer's words (hedges, negations, labels, copulas) through word tables of the languages in
:data:`rlvr.verifiers.lexicon.LANGUAGES` and the CJK tables. A letter of any other script (Armenian, Georgian,
Sinhala, Khmer, Burmese, Tibetan, Cherokee, …) belongs to words none of those tables can read, so what they say
about the value (``probably``, ``not``, ``or``) is unknown, and a letter of such a script that looks like a Latin
one (Cherokee Ꭺ, Armenian օ) can disguise an English word. A completion whose answer region holds one is not read
(docs/verifiers.md, "Languages")."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: the first word of the Unicode names of the letters the grader reads: the scripts of LANGUAGES and the CJK tables,
#: and the letter-like symbols of mathematics (ℝ, ℓ, 𝐱, µ, Å, ℵ, ᵢ)
READ_SCRIPTS = frozenset(
    """LATIN CYRILLIC GREEK ARABIC HEBREW DEVANAGARI BENGALI GURMUKHI GUJARATI TAMIL TELUGU KANNADA MALAYALAM
    ETHIOPIC CJK IDEOGRAPHIC HIRAGANA KATAKANA KATAKANA-HIRAGANA HANGUL THAI HALFWIDTH FULLWIDTH
    MATHEMATICAL DOUBLE-STRUCK SCRIPT BLACK-LETTER MODIFIER SUPERSCRIPT ANGSTROM KELVIN OHM PLANCK MICRO EULER
    INFORMATION TURNED ROMAN FEMININE MASCULINE ALEF BET GIMEL DALET""".split()
)


@lru_cache(maxsize=4096)
def _unread_letter(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return bool(name) and unicodedata.category(ch).startswith("L") and name.split(" ", 1)[0] not in READ_SCRIPTS


def unread_script(text: str) -> str | None:
    """The first letter of ``text`` (in code point order) in a script the grader does not read, or ``None``.
    Linear: each distinct character is looked at once."""
    if text.isascii():
        return None
    return min((ch for ch in set(text) if ch > "\x7f" and _unread_letter(ch)), default=None)
