"""Ninth outside round, what follows the final answer: a different value after it is another candidate by default
(in the answer's own sentence and in the sentences after it) unless the sentence's form says it is none; a
parenthetical or invariance tail explains; a celebratory emoji closes; a qualified yes/no is not the plain one.
Each rule both ways: the hedge fails, its honest neighbour still passes."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import extract
from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def v() -> MathVerifier:
    return MathVerifier(timeout_s=5.0)


def passes(v: MathVerifier, completion: str, gold: str) -> bool:
    return v.verify_batch([completion], [gold])[0].passed


# ---------------------------------------------------------------- a different value later is a candidate


@pytest.mark.parametrize(
    "tail",
    [
        "An exhaustive search returns 9.",  # no framing word: a conflicting result
        "Mi hermano dice 9.",  # Spanish
        "Kanske 9.",  # Swedish
        "Eller 9.",  # Danish/Norwegian
        "Lahat: 9",  # a label in another language
        "Recap: 9",  # a postscript label
        "Executive summary: 9",
        "Takeaway - 9",
        "Approach two: 9",
        "Numerically, 9.",
    ],
)
@pytest.mark.parametrize("head", [r"The answer is $\boxed{4}$.", "#### 4", "The answer is 4.", "Final Answer: 4"])
def test_a_different_value_after_the_answer_is_another_candidate(v: MathVerifier, head: str, tail: str) -> None:
    assert not passes(v, f"{head}\n\n{tail}", "4")


@pytest.mark.parametrize(
    "tail",
    [
        ", therefore 9.",
        ", i.e. 9.",
        ", or in other words 9.",
        ", since 9 fits just as well.",
        ", because 9 satisfies it too.",
        ", though 9 is just as valid.",
        ", which the grader may list as 9.",
        ", which should really read 9.",
    ],
)
def test_a_different_value_in_the_answers_own_clause_is_another_candidate(v: MathVerifier, tail: str) -> None:
    assert not passes(v, rf"\boxed{{4}}{tail}", "4")
    assert not passes(v, f"The answer is 4{tail}", "4")


@pytest.mark.parametrize(
    "completion",
    [
        "The answer is $\\boxed{4}$.\n\nAn exhaustive search also returns 4.",  # the same value restated
        "The answer is $\\boxed{4}$.\n\nCheck: 2 + 2 = 4 and 4 - 1 = 3.",  # work with values
        "The answer is $\\boxed{4}$.\n\nThis follows from Step 3 and equation (7).",  # indices
        "The answer is $\\boxed{4}$.\n\nIn 2019 this problem appeared on the AIME.",  # a year
        "The answer is $\\boxed{4}$.\n\nThere were 9 students in the class.",  # a count of another kind
        "The answer is $\\boxed{4}$.\n\nIt is 4, not 9.",  # a rejected value
        "The answer is $\\boxed{4}$.\n\nWe got 3 of 7 cases wrong at first.",  # a relation
        "The answer is 4 in base 10.",
        "\\boxed{4}, since 2 + 2 = 4.",
        "\\boxed{4}, which is 8/2.",
        "The answer is $\\boxed{4}$.\n\n(This assumes the tank held 12 litres.)",  # an aside
        "The answer is 4, which is 2 times 2.",  # an operation in words
        "The answer is $\\boxed{4}$.\n\nA common error is to report 9.",  # a value called a mistake
        "The answer is $\\boxed{4}$.\n\nA hasty count gives 9, which double-counts.",
        "The answer is $\\boxed{4}$.\n\nI'm 95% sure.",  # a percentage
        "The answer is $\\boxed{4}$.\n\nConfidence: 0.9",
        r"$\boxed{4}$ was verified by substitution.",  # a participle endorses
        "The answer is 4 (metres).",  # a unit in the aside stays with the value
    ],
)
def test_forms_that_offer_no_candidate_still_pass(v: MathVerifier, completion: str) -> None:
    assert passes(v, completion, "4")


# ---------------------------------------------------------------- explanations and closing remarks


@pytest.mark.parametrize(
    "completion",
    [
        r"The total is $\boxed{4}$ (by the handshake lemma).",
        r"The total is $\boxed{4}$ (using Burnside's lemma).",
        r"The total is $\boxed{4}$ (cf. the table).",
        r"The total is $\boxed{4}$ (via $2 \cdot 2 = 4$).",
        r"The total is $\boxed{4}$ (from line (2)).",
        "The answer is 4 (by induction).",
        "Answer: 4 (computed directly)",
        "The answer is 4, in every case.",
        "The answer is 4 whichever way.",
        r"$\boxed{4}$ regardless.",
        r"$\boxed{4}$, as derived above.",
        "The answer is 4 in all cases.",
    ],
)
def test_an_explaining_tail_is_not_part_of_the_answer(v: MathVerifier, completion: str) -> None:
    assert passes(v, completion, "4")


@pytest.mark.parametrize(
    "completion",
    [
        r"The total is $\boxed{4}$ (or 9).",  # another value in the aside
        r"The total is $\boxed{4}$ (approximately).",  # a cue word
        r"The total is $\boxed{4}$ (in base 5).",  # another reading
        r"The total is $\boxed{4}$ (I think?)",
        r"The total is $\boxed{4}$ (or above).",
        r"The total is $\boxed{4}$ (nine).",  # another value in words
        "The answer is 4 (metres).",  # against 4 seconds below: the unit is read
    ],
)
def test_an_aside_that_changes_the_answer_still_fails(v: MathVerifier, completion: str) -> None:
    assert not passes(v, completion, "4" if "metres" not in completion else r"4 \text{ s}")


@pytest.mark.parametrize("emoji", ["🎉", "🎊", "🏆", "🌟", "👍", "😊", "💪", "🎓"])
def test_a_celebratory_emoji_is_a_closing_remark(v: MathVerifier, emoji: str) -> None:
    assert passes(v, f"The answer is **4** {emoji}", "4")
    assert passes(v, rf"$\boxed{{4}}$ {emoji}", "4")
    assert passes(v, f"#### 4\n\nGlad I could help! {emoji}", "4")


@pytest.mark.parametrize("emoji", ["🤔", "🤷", "❌", "😅", "😉"])
def test_a_doubting_emoji_still_fails(v: MathVerifier, emoji: str) -> None:
    assert not passes(v, rf"$\boxed{{4}}$ {emoji}", "4")


# ---------------------------------------------------------------- qualified yes/no


@pytest.mark.parametrize(
    "reply",
    [
        "Yes, provided n is odd.",
        "Yes, only when the graph is connected.",
        "Yes, although not for n = 2.",
        "Yes, for sufficiently small epsilon.",
        "Yes, so long as $a \\neq 0$.",
        "Yes, on average.",
        "Yes. No for negative inputs, though.",
    ],
)
def test_a_qualified_yes_is_not_yes(v: MathVerifier, reply: str) -> None:
    assert not passes(v, reply, r"\text{Yes}")


@pytest.mark.parametrize(
    "reply,gold",
    [
        ("Yes, because the sum of two odd numbers is even.", r"\text{Yes}"),
        ("Yes, for all n.", r"\text{Yes}"),
        ("Yes, it is possible.", r"\text{Yes}"),
        ("No, it is not possible.", r"\text{No}"),
        ("No, since 7 does not divide 20.", r"\text{No}"),
    ],
)
def test_a_plain_or_explained_yes_no_still_passes(v: MathVerifier, reply: str, gold: str) -> None:
    assert passes(v, reply, gold)


# ---------------------------------------------------------------- earlier attempts and format examples


@pytest.mark.parametrize(
    "completion",
    [
        r"$\boxed{4}$ was my preliminary figure.",  # a copula whose predicate does not endorse it
        r"$\boxed{4}$ was what the first pass produced.",
        r"I had $\boxed{4}$ initially.",
        r"I obtained \boxed{4} before redoing the sum.",
        r"\boxed{4} in my first draft.",
        r"\boxed{4} on my previous try.",
        r"In my rough draft I found $\boxed{4}$.",
        r"Originally, I computed \boxed{4}.",
        r"Our first pass gave $\boxed{4}$.",
    ],
)
def test_an_answer_placed_in_an_earlier_attempt_is_not_committed(v: MathVerifier, completion: str) -> None:
    assert not passes(v, completion, "4")


@pytest.mark.parametrize(
    "completion",
    [
        r"$\boxed{4}$ is the answer.",
        r"$\boxed{4}$ is correct.",
        r"So there are $\boxed{4}$ ways.",
        r"The answer is $\boxed{4}$, which is the number of pairs.",
        r"First, note that there are 4 pairs, so the answer is $\boxed{4}$.",
        "<answer>4</answer><confidence>high</confidence>",
    ],
)
def test_an_endorsing_predicate_still_passes(v: MathVerifier, completion: str) -> None:
    assert passes(v, completion, "4")


@pytest.mark.parametrize("value", ["low", "medium", "0.4", "unsure"])
def test_a_confidence_tag_below_high_doubts_the_answer(v: MathVerifier, value: str) -> None:
    assert not passes(v, f"<answer>4</answer><confidence>{value}</confidence>", "4")


@pytest.mark.parametrize(
    "completion",
    [
        "Expected format: #### 4",
        "Sample format: <answer>4</answer>",
        "The output should look like <answer>4</answer>",
        "Respond using the format \\boxed{4}.",
        'Please finish with "The answer is 4".',
        "Example template: #### 4\n\nI could not solve it.",
    ],
)
def test_a_format_example_is_not_the_answer(v: MathVerifier, completion: str) -> None:
    assert not passes(v, completion, "4")


@pytest.mark.parametrize(
    "completion",
    [
        "Format: the answer goes last.\n\n#### 4",
        "Following the template, we compute 2 + 2.\n\n#### 4",
        "We write it in the form $\\boxed{4}$.",
    ],
)
def test_a_real_answer_near_format_words_still_passes(v: MathVerifier, completion: str) -> None:
    assert passes(v, completion, "4")


# ---------------------------------------------------------------- extraction and linear time


def test_the_candidate_joins_the_extracted_parts() -> None:
    assert extract("The answer is 4.\n\nExhaustive search: 9").parts == ("4", "9")
    assert extract(r"\boxed{4}, hence 9.").parts == ("4", "9")


@pytest.mark.parametrize(
    "text",
    [
        r"\boxed{4}" + "(" * 1_000_000,
        r"\boxed{4} (" + "a" * 1_000_000 + ")",
        "The answer is 4 " + "\U0001f389" * 300_000,
        "Yes, " + "for " * 250_000,
        "Template: " * 100_000 + "#### 4",
        "Reply " + "x" * 500_000 + " the form #### 4",
    ],
)
def test_the_tail_rules_are_linear(text: str) -> None:
    t0 = time.process_time()
    extract(text, words=True)
    assert time.process_time() - t0 < cpu_limit()
