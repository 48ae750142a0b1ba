"""The eleventh round's false passes left open, by mechanism, with cases of our own beyond the corpus rows
(docs/verifiers.md, "Answer extraction"): a sentence after the answer whose only numbers are references or a
tolerance is read by its words, and a recomputation reaching another result is a rival; a qualifier after the
value (an error bar, a rounding to a precision, a condition, a caveat, an approximation) or a prepositional phrase
that weighs it makes it no plain answer; a later value on its own line after a label or in Chinese numerals is a
rival; two results of one subject in coordinated clauses are no single answer. Each mechanism's ordinary forms
still pass."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit
from redteam import Case, judge, passes

from rlvr.verifiers.extract import extract
from rlvr.verifiers.lexicon import hedging_phrase, qualifies_value

REFERENCES: list[Case] = [
    ("The answer is \\boxed{5}. This contradicts line 3.", "5", False),
    ("The answer is \\boxed{5}. This clashes with step 4.", "5", False),
    ("The answer is \\boxed{5}. Accurate to within 5%.", "5", False),
    ("The answer is \\boxed{5}. Give or take 2%.", "5", False),
    ("The answer is \\boxed{5}. Recalculating: 20 - 13 = 7.", "5", False),
    ("The answer is \\boxed{5}. Redoing the sum, 4 + 3 = 7.", "5", False),
    ("The answer is \\boxed{5}. On recomputing, 16 - 10 = 6.", "5", False),
    ("The answer is \\boxed{5}. Recomputing: 16 - 11 = 5.", "5", True),
    ("The answer is \\boxed{5}. See step 2.", "5", True),
    ("The answer is \\boxed{5}. This follows from step 2.", "5", True),
    ("The answer is \\boxed{5}. This matches step 2.", "5", True),
    ("The answer is \\boxed{5}. Step 3 confirms it.", "5", True),
    ("The answer is \\boxed{5}. This is case 2b.", "5", True),
    ("The answer is \\boxed{5}, as shown in step 2.", "5", True),
    ("The answer is 5. Check: 2 + 3 = 5.", "5", True),
]

QUALIFIERS: list[Case] = [
    ("Answer: 5 (\u00b1 0.5)", "5", False),
    ("Answer: 5 (+- 1)", "5", False),
    ("So the total is 5 (plus or minus 2).", "5", False),
    ("The answer is \\boxed{5} (+/- 1).", "5", False),
    ("Answer: 5 (to two sig figs)", "5", False),
    ("The answer is \\boxed{5} (to 2 s.f.).", "5", False),
    ("Answer: 5 (for x > 0)", "5", False),
    ("The answer is \\boxed{5} (for n \\geq 3).", "5", False),
    ("Answer: 5 (see caveats below)", "5", False),
    ("The answer is \\boxed{5} (with caveats).", "5", False),
    ("Answer: 5, to a good approximation", "5", False),
    ("The answer is \\boxed{5}, to a rough approximation.", "5", False),
    ("Answer: 5 (in theory)", "5", False),
    ("The answer is 5 (in dollars).", "5", True),
    ("Answer: 5 (see step 2 for why)", "5", True),
    ("Answer: 5 (see above)", "5", True),
    ("Answer: 5 (for each box)", "5", True),
    ("Answer: 5 (for all n)", "5", True),
    ("Answer: 5 (for n = 3)", "5", True),
    ("Answer: 5 (in simplest form)", "5", True),
    ("The answer is \\boxed{5} (valid for n \\geq 3).", "5", True),
    ("The answer is \\boxed{5} (exact).", "5", True),
]

WEIGHING_PHRASES: list[Case] = [
    ("So the total is 5 on a bad day.", "5", False),
    ("So the total is 5, in an ideal world.", "5", False),
    ("So the total is 5 in my opinion.", "5", False),
    ("So the total is 5 by my reckoning.", "5", False),
    ("So the total is 5 to my knowledge.", "5", False),
    ("So the total is 5 with any luck.", "5", False),
    ("So the total is 5, in all honesty.", "5", False),
    ("The answer is \\boxed{5}, in all probability.", "5", False),
    ("So the total is 5 for all I know.", "5", False),
    ("The answer is 5 in all cases.", "5", True),
    ("So the total is 5 in any case.", "5", True),
    ("So the total is 5 in dollars.", "5", True),
    ("So the total is 5 in the box.", "5", True),
    ("So the total is 5 at the end.", "5", True),
    ("So the total is 5 on each shelf.", "5", True),
    ("So the total is 5 for each child.", "5", True),
    ("So the total is 5 in total.", "5", True),
    ("So the total is 5 in all.", "5", True),
    ("So the total is 5 by Friday.", "5", True),
    ("So the total is 5 in a day.", "5", True),
    ("So she needs 5 for a full set.", "5", True),
    ("It costs $5 for a ticket.", "5", True),
    ("She has 5 on a shelf.", "5", True),
    ("Each box holds 5 in a single layer.", "5", True),
    ("The answer is 12 for a dozen.", "12", True),
    ("The answer is 8, to a whole number.", "8", True),
    ("So he can make 5 in a row.", "5", True),
    ("So the total is 5 in our notation.", "5", True),
    ("We get 5 as a result.", "5", True),
]

LATER_LINES: list[Case] = [
    ("Final Answer: 5\n\n(Revised) 6", "5", False),
    ("Final Answer: 5\n\n(Update) 6", "5", False),
    ("The answer is 5.\n\n\u4e03", "5", False),
    ("The answer is 5.\n\n\u5341\u4e8c", "5", False),
    ("Final Answer: 5\n\n(Later) 5", "5", True),
    ("The answer is 5.\n\n\u4e94", "5", True),
    ("Final Answer: 5\n\nStep 6 was the key.", "5", True),
    ("The answer is 23. (This assumes she started with 16.)", "23", True),
]

TWO_RESULTS: list[Case] = [
    ("Approach 1 gives 12, but approach 2 gives 8.", "8", False),
    ("The first method yields 12 and the second yields 8.", "8", False),
    ("It was 12, and it was 8.", "8", False),
    ("Using the formula, it is 12; by counting, it is 8.", "8", False),
    ("Counting directly, the total is 12, but pairing them, the total is 8.", "8", False),
    ("So the count is 12, and the count is 8.", "8", False),
    ("Method A gives 8 and method B gives 8.", "8", True),
    ("It is 8, and it is 8.", "8", True),
    ("Using the formula, it is 8; by counting, it is 8.", "8", True),
    ("The sum is 12 and the product is 8.", "8", True),
    ("The width is 12 and the height is 8.", "8", True),
    ("One reading gives 8; the other gives 8 as well.", "8", True),
]


@pytest.mark.parametrize(
    "cases",
    [REFERENCES, QUALIFIERS, WEIGHING_PHRASES, LATER_LINES, TWO_RESULTS],
    ids=["references", "qualifiers", "weighing_phrases", "later_lines", "two_results"],
)
def test_cases(cases: list[Case]) -> None:
    judge(cases)


def test_hedging_phrase_reads_the_noun_phrase() -> None:
    assert hedging_phrase(" on a good day.")
    assert not hedging_phrase(" at a stretch.")  # reopened: the form of "at a store"
    assert hedging_phrase(", for what it's worth")
    assert not hedging_phrase(" in the first week.")
    assert not hedging_phrase(" for a dollar")
    assert qualifies_value(" (plus or minus 2)")
    assert not qualifies_value(" (see step 2 for why)")


#: hostile inputs for the new forms: long runs of what each reads
HOSTILE = {
    "references": "The answer is \\boxed{5}. " + "step 2 " * 3000 + "contradicts it.",
    "tolerance": "The answer is \\boxed{5}. Within" + " " * 20_000 + "10%.",
    "recomputed": "The answer is \\boxed{5}. Recomputing: " + "1 = " * 3000 + "6.",
    "qualifier": "Answer: 5 (for" + " n" * 3000 + ")",
    "phrase": "So the total is 5 in a" + " good" * 3000 + " day.",
    "clauses": "It is 12" + ", and it is 8" * 2000 + ".",
    "spaced_clauses": "It is 12" + " " * 20_000 + "and it is 8.",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_linear_time_on_hostile_input(text: str) -> None:
    t0 = time.process_time()
    extract(text)
    assert time.process_time() - t0 < cpu_limit()


def test_linear_time_of_the_qualifier_forms() -> None:
    t0 = time.process_time()
    for rest in (" (for" + " n" * 300_000, " " * 1_000_000 + "+/-", " in" + " a" * 300_000 + "."):
        qualifies_value(rest)
    assert time.process_time() - t0 < cpu_limit()


@pytest.mark.parametrize("mark", ["\u203d", "\u2e18", "?", "\u2047", "\u2049"], ids=repr)
def test_a_question_sign_after_the_answer_questions_it(mark: str) -> None:
    """An interrobang (‽, ⸘) is a question sign like ?, ⁇ and ⁉: after the answer it questions it."""
    assert not passes(f"\\boxed{{5}} {mark}", "5")
    assert not passes(f"The answer is 5 {mark}", "5")
