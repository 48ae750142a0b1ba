"""An aside in parentheses inside an answer's label is read with the value (docs/verifiers.md, "Labels"): a cue
word or a certainty below full doubts it ("Answer (low confidence): 5"); a part name, a unit or an endorsement
leaves it ("Answer (final): 5"). The cases are of no corpus."""

from __future__ import annotations

from redteam import Case, judge

LABEL_ASIDES: list[Case] = [
    ("Answer (low confidence): 5", "5", False),
    ("Answer (tentative): 5", "5", False),
    ("Final answer (unverified): 5", "5", False),
    ("Answer (best guess): 5", "5", False),
    ("Answer (not sure): 5", "5", False),
    ("Answer (moderately confident): 5", "5", False),
    ("**Answer (guess):** 5", "5", False),
    ("Answer (final): 5", "5", True),
    ("Answer (in cm): 5", "5", True),
    ("Answer (part a): 5", "5", True),
    ("Answer (high confidence): 5", "5", True),
    ("Answer (verified): 5", "5", True),
    ("Answer (exact): 5", "5", True),
]


def test_an_aside_in_the_label_is_read_with_the_value() -> None:
    judge(LABEL_ASIDES)
