"""Eighth round, false passes of the sixth outside round (``benchmarks/data/math_redteam5.jsonl``, checked row by
row by ``test_math_corpora.py``): cue phrases the word lexicons missed, frames before the answer split off by a
comma, qualifying frames after it, doubt in the next sentence, restated givens and unfinished work. Our own cases
per mechanism, each next to the honest answer it must not touch; none of them is a finding's text."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import extract

sys.path.insert(0, str(Path(__file__).parent))
from redteam import judge  # noqa: E402


def test_a_cue_phrase_of_several_words_changes_the_answer_after_it() -> None:
    """Equative bounds, orders of magnitude, first impressions, bounds as nouns, exclusions, examples and functions
    of the value ("the cube root of") are read with the answer, in a phrase, a box or a final sentence; the same
    words in another clause, or a neutral "the value of", "the number", leave it."""
    judge(
        [
            ("The total is as much as 12.", "12", False),
            (r"So the count comes to as little as $\boxed{12}$.", "12", False),
            ("The answer is as high as 12.", "12", False),
            (r"The result is of the order of \boxed{12}.", "12", False),
            ("The answer is in the vicinity of 12.", "12", False),
            (r"The answer is somewhere near \boxed{12}.", "12", False),
            ("The answer is at a glance 12.", "12", False),
            (r"The answer is on the face of it \boxed{12}.", "12", False),
            ("The answer is a maximum of 12.", "12", False),
            (r"The answer is anything but \boxed{12}.", "12", False),
            ("The answer is the cube root of 12.", "12", False),
            (r"The answer is the natural logarithm of \boxed{12}.", "12", False),
            ("The answer is, for example, 12.", "12", False),
            (r"E.g. \boxed{12}.", "12", False),
            ("The answer is kind of 12.", "12", False),
            (r"The answer is give or take $\boxed{12}$.", "12", False),
            ("The answer is a fraction of 12.", "12", False),
            (r"The answer is on first inspection \boxed{12}.", "12", False),
            # honest neighbours: the phrase belongs to another clause, or names the value itself
            ("As many as 12 apples were eaten, so the answer is 12.", "12", True),
            (r"At first sight it looks like 10, but the answer is \boxed{12}.", "12", True),
            ("For example, with 3 rows of 4 we get 12 seats. The answer is 12.", "12", True),
            ("The answer is the value of $x$, namely 12.", "12", True),
            ("The answer is the number 12.", "12", True),
        ]
    )


def test_a_frame_after_the_value_qualifies_it() -> None:
    """A value said to hold in a limit, on average, in a model, in theory, to first order, or only until a
    correction is not the answer; a neutral tail ("in total") and the same nouns as the subject leave it."""
    judge(
        [
            ("The answer is 12 in theory.", "12", False),
            ("The answer is 12 to first order.", "12", False),
            ("The speed is 12 on average.", "12", False),
            ("The answer is 12 in the worst-case model.", "12", False),
            ("The answer was 12 until the revision.", "12", False),
            ("The answer is 12 in total.", "12", True),
            ("The mean is 12.", "12", True),
            ("The average speed is 12.", "12", True),
        ]
    )


def test_a_wish_for_luck_or_a_prank_after_the_answer_retracts_it() -> None:
    """Superstition and prank idioms and the written shrug in the next sentence doubt the answer in every form; a
    wish of luck to the reader or a closing courtesy does not."""
    judge(
        [
            ("The answer is 12. Knock on wood.", "12", False),
            ("\\boxed{12}\n\nCrossing my fingers.", "12", False),
            ("#### 12\nWish me luck!", "12", False),
            ("The answer is 12. \u00af\\\\_(\u30c4)_/\u00af", "12", False),
            ("12\n\n\u00af\\_(\u30c4)_/\u00af", "12", False),
            ("The answer is 12. Who knows.", "12", False),
            ("The answer is 12. Just pulling your leg.", "12", False),
            ("The answer is 12. Good luck with the exam!", "12", True),
            ("The answer is 12. Hope this helps!", "12", True),
        ]
    )


def test_a_frame_before_the_answer_disowns_it_even_when_a_comma_splits_it_off() -> None:
    """A forced guess, an unchecked claim, a feeling or a chance, a past or abandoned belief, a token offer, an
    open question, a supposition, and a fronted hedge of at most three words before a comma (in any of the
    lexicon's languages) make the answer no commitment; a neutral fronted clause ("Without loss of generality,",
    "Given that …,", "No,", "So,") leaves it."""
    judge(
        [
            ("If we had to pick, the answer is 12.", "12", False),
            ("If forced to guess, the answer is 12.", "12", False),
            ("Without having checked, the answer is 12.", "12", False),
            ("If we have to pick 2 of the 4 pens, the answer is 6.", "6", True),
            (r"Without double-checking, I get \boxed{12}.", "12", False),
            ("Off the top of my head, 12.", "12", False),
            ("There's a fair chance it is 12.", "12", False),
            ("I have a hunch the answer is 12.", "12", False),
            ("We once thought the answer was 12.", "12", False),
            ("I was going to say 12.", "12", False),
            (r"I will just put \boxed{12}.", "12", False),
            ("Whether it is 12 remains open; the answer is 12 if so.", "12", False),
            ("The result being 12 is absurd.", "12", False),
            ("Probably, the answer is 12.", "12", False),
            ("Vielleicht, die Antwort ist 12.", "12", False),
            ("Возможно, ответ 12.", "12", False),
            ("Without loss of generality, the answer is 12.", "12", True),
            ("Given that x = 3, the answer is 12.", "12", True),
            ("Checking each case, the answer is 12.", "12", True),
            ("No, the answer is 12.", "12", True),
            ("So, the answer is 12.", "12", True),
            ("I feel confident: the answer is 12.", "12", True),
            ("I'd go with C.", "C", True),
        ]
    )


def test_a_restated_given_or_an_intermediate_label_is_not_the_answer() -> None:
    """A value named as a given of the problem ("The value given in the problem is", "Given:", "Input:") or labelled
    as a step's result is not the answer; a step label before "Final answer:" is."""
    judge(
        [
            ("Not enough information. The value given in the problem is 12.", "12", False),
            ("Given: 12.", "12", False),
            ("The given number is 12.", "12", False),
            ("Step 2 result: 12", "12", False),
            (r"Step 2 result: \boxed{12}", "12", False),
            ("**Step 4:** Final answer: 12", "12", True),
        ]
    )


def test_work_that_stops_mid_step_has_no_answer() -> None:
    """A completion whose last fragment, without a closing mark, ends on a word no sentence ends on or opens a
    further step has no final statement: its values are steps. A last fragment that says the work is done, or a
    closing courtesy, leaves the value before it."""
    assert extract("Then 3 * 4 = 12. Next we subtract the").answer is None
    judge(
        [
            ("Then 3 * 4 = 12. Next we subtract the", "12", False),
            ("We have 12 so far. Now we need to divide", "12", False),
            ("3 * 4 = 12. Then we are done", "12", True),
            ("The answer is 12\n\nHope this helps", "12", True),
        ]
    )


def test_bounds_and_hedges_of_several_words_in_other_languages() -> None:
    """French, Spanish, Italian and Russian bounds and hedges of several words ("au moins", "al menos", "не более",
    "sans doute") change the answer; "sans aucun doute" (without any doubt) does not."""
    judge(
        [
            ("La réponse est au moins 12.", "12", False),
            ("La respuesta es al menos 12.", "12", False),
            ("Ответ не более 12.", "12", False),
            ("La réponse est sans doute 12.", "12", False),
            ("La réponse est sans aucun doute 12.", "12", True),
        ]
    )


def test_an_answer_reported_from_someone_else_or_a_format_example_is_not_the_answer() -> None:
    """A value another party answered or replied, or a box shown as the expected format, is not a commitment."""
    judge(
        [
            ("The tutor replied 12.", "12", False),
            (r"Expected output format: \boxed{12}", "12", False),
            (r"Answer format: \boxed{12}", "12", False),
            (r"So the tutor's hint was right: \boxed{12}", "12", True),
        ]
    )


MB = 1_000_000
#: 1 MB of whitespace or repetition at every anchor the round-8 rules added
HOSTILE = {
    "cue_phrase_ws": "The answer is as" + " " * MB + "many as 2.",
    "the_of_ws": "The answer is the" + " " * MB + "log x 2.",
    "frame_ws": "If I had to" + " " * MB + "guess, the answer is 2.",
    "fronted_word": "P" * MB + ", the answer is 2.",
    "chance_repeat": "There's a " * 100_000 + "chance the answer is 2.",
    "unfinished": "2. " + "then " * 200_000 + "by",
    "shrug": "The answer is 2. " + "\u00af\\" * 500_000,
    "frame_tail_ws": "The answer is 2 in" + " " * MB + "the limit.",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_linear_time_on_hostile_input(text: str) -> None:
    t0 = time.process_time()  # CPU time: the machine may be shared
    extract(text)
    assert time.process_time() - t0 < cpu_limit()
