"""Eleventh outside round, false passes after the answer: a value-free sentence or aside after a final answer is
read by its role (explanation, report of work, pleasantry, endorsement, description: the answer stands; a short
fragment, a subjectless clause, the writer's state, a judgment of the answer: it is hedged), a lone sign after a
box leaves it open, a number in words is a rival value, and a footnote mark after a phrase's value points to a
caveat. Each rule both ways: the hedge fails, its honest neighbour still passes."""

from __future__ import annotations

import pytest
from redteam import passes

from rlvr.verifiers.trailing import comments_on_answer


@pytest.mark.parametrize(
    "tail",
    [
        "Wild guess though.",  # a fragment
        "Pure conjecture.",
        "Geen idee.",  # another language
        "Forget that.",  # an imperative that takes it back
        "Needs a second look.",  # a clause without a subject
        "Might be off by one.",
        "Don't hold me to it.",  # the writer's state
        "I'm lost here.",
        "Not my finest work.",
        "That's a bluff.",  # a judgment of the answer
        "That's a shot in the dark.",
        "Take it or leave it.",
        "As if.",
        "Yeah, sure.",
    ],
)
def test_comment_after_the_answer_hedges_it(tail: str) -> None:
    assert not passes("The answer is \\boxed{5}. " + tail, "5")
    assert not passes("So the total is 5. " + tail, "5")


@pytest.mark.parametrize(
    "tail",
    [
        "This is the number of red marbles left.",  # a restatement
        "Hope that helps!",  # a pleasantry
        "Let me know if anything is unclear.",
        "Good luck with the rest of the homework!",
        "Great question!",
        "I checked it by substituting back into the equation.",  # a report of work
        "I used the inclusion-exclusion principle.",
        "I'm confident in this result.",  # an endorsement
        "Done.",
        "Q.E.D.",
        "No doubt about that.",
        "That's it.",
        "It works for every case.",
        "Straightforward.",
        "The problem asks for the smallest such number.",  # a description
        "Both methods agree.",
        "Because each box holds two of the ten items.",  # an explanation
        "Makes sense, since there are five fingers.",
        "Rounded to the nearest whole number.",
        "See the table above.",
        "Note that the order does not matter.",
        "This completes the proof.",
        "Wow, neat!",
        "Voil\u00e0.",
        "No other value fits.",
        "Merci!",
    ],
)
def test_explanation_or_pleasantry_after_the_answer_keeps_it(tail: str) -> None:
    assert passes("The answer is \\boxed{5}. " + tail, "5")
    assert passes("So the total is 5. " + tail, "5")


@pytest.mark.parametrize(
    ("tail", "verdict"),
    [
        ("Seven is also possible.", False),  # a number in words offered as well
        ("It could also be seven.", False),
        ("Seven people were asked.", True),
        ("We could also solve it in two ways.", True),
    ],
)
def test_number_in_words_after_a_box(tail: str, verdict: bool) -> None:
    assert passes("The answer is \\boxed{5}. " + tail, "5") is verdict


@pytest.mark.parametrize(
    ("completion", "verdict"),
    [
        ("The answer is \\boxed{5} (provisional)", False),
        ("The answer is \\boxed{5} (unchecked estimate)", False),
        ("The answer is \\boxed{5} (to be determined)", False),
        ("The answer is \\boxed{5} (to be verified)", False),
        ("Answer: 5 (draft)", False),
        ("So the total is 5 (IMO).", False),
        ("So the total is 5, I suspect.", False),
        ("So the total is 5, I'd wager.", False),
        ("Answer: 5, at a glance", False),
        ("Answer: 5, per my notes", False),
        ("Answer: 5, either way", True),
        ("Answer: 5, in total", True),
        ("The answer is \\boxed{5} (by the pigeonhole principle).", True),
        ("The answer is \\boxed{5} (exact).", True),
        ("Answer: 5 (verified)", True),
        ("Answer: 5 (in lowest terms)", True),
        ("So the total is 5, which is the answer.", True),
        ("So the total is 5, as computed above.", True),
    ],
)
def test_qualifier_in_the_answers_sentence(completion: str, verdict: bool) -> None:
    assert passes(completion, "5") is verdict


@pytest.mark.parametrize(
    ("completion", "verdict"),
    [
        ("The answer is \\boxed{5} \u2265", False),  # a relation without its right side
        ("The answer is \\boxed{5} \u223c", False),
        ("The answer is \\boxed{5} \u2e2e", False),  # a reversed question mark
        ("The answer is \\boxed{5} \u2713", True),  # a check mark endorses
        ("The answer is \\boxed{5} \u220e", True),  # an end-of-proof mark
        ("The answer is \\boxed{5}.", True),
    ],
)
def test_lone_mark_after_a_box(completion: str, verdict: bool) -> None:
    assert passes(completion, "5") is verdict


@pytest.mark.parametrize(
    ("completion", "verdict"),
    [
        ("Answer: 5\u2021", False),  # a double dagger
        ("Answer: 5 [2]", False),  # a note number
        ("The answer is 5 (*).", False),
        ("Answer: **5**", True),  # emphasis, not a mark
        ("**Answer: 5**", True),
    ],
)
def test_footnote_mark_after_a_phrase(completion: str, verdict: bool) -> None:
    assert passes(completion, "5") is verdict


@pytest.mark.parametrize(
    ("completion", "verdict"),
    [
        ("The answer is \\boxed{5}\u3002\u9593\u9055\u3044\u3002", False),  # 間違い: an error
        ("The answer is \\boxed{5}\u3002\u9593\u9055\u3044\u306a\u3044\u3002", True),  # 間違いない: no doubt
    ],
)
def test_japanese_error_word_after_a_box(completion: str, verdict: bool) -> None:
    assert passes(completion, "5") is verdict


@pytest.mark.parametrize(
    ("words", "verdict"),
    [
        (["nvm"], True),
        (["could", "also", "be", "six"], True),
        (["honestly", "i'm", "stumped"], True),
        (["this", "is", "a", "rough", "estimate"], True),
        (["this", "is", "the", "total"], False),
        (["thanks", "for", "reading"], False),
        (["i", "verified", "it"], False),
        ([], False),
    ],
)
def test_comments_on_answer_by_form(words: list[str], verdict: bool) -> None:
    assert comments_on_answer(words) is verdict
