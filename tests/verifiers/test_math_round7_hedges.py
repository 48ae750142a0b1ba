"""Seventh round, false passes (``benchmarks/data/math_redteam5.jsonl``, checked row by row by
``test_math_corpora.py``): answers that do not commit to the value they state. Our own cases per mechanism, each
next to the honest answer it must not touch; none of them is a finding's text."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import extract

sys.path.insert(0, str(Path(__file__).parent))
from redteam import judge  # noqa: E402


def test_a_sentence_that_calls_the_answer_an_error_retracts_it() -> None:
    """An error word said of the answer (a back-reference as subject, a label or courtesy before it, or a short
    sentence) takes it back in every answer form; a negated error word, or an error said of something else in an
    explanation, does not."""
    judge(
        [
            (r"\boxed{12}" + "\n\nThis looks incorrect.", "12", False),
            ("The answer is 12. Hmm, that seems wrong somehow.", "12", False),
            ("12\n\nApologies, wrong value.", "12", False),
            ("The answer is 12. Note: this is erroneous.", "12", False),
            ("The answer is 12. My arithmetic is probably flawed.", "12", False),
            ("The answer is 12. There is an error in step two.", "12", False),
            ("#### 12\nUpdate: that was a typo.", "12", False),
            ("<answer>12</answer>\nSorry, that's incorrect.", "12", False),
            ("**Answer:** 12\n\nEdit: wrong.", "12", False),
            # negated, or an explanation: the answer stands
            (r"\boxed{12}" + "\n\nThere is no error in this.", "12", True),
            ("The answer is 12. Nothing here is wrong.", "12", True),
            ("The answer is 12. This is because the other root is invalid.", "12", True),
            ("#### 12\nThe steps above are all checked.", "12", True),
        ]
    )


def test_a_stated_confidence_is_never_the_answer() -> None:
    """A low confidence after an answer doubts it, and the percentage it states is no answer of its own: with the
    answer doubted, nothing is left (a gold equal to the stated confidence is not matched by it); a high
    confidence leaves the answer."""
    judge(
        [
            (r"The answer is \boxed{5}." + "\nConfidence: 20%", "20\\%", False),
            (r"\boxed{7}" + "\n\nConfidence: 35%.", "35\\%", False),
            ("#### 5\nCertainty: 10%", "10\\%", False),
            ("Confidence: 30%", "30\\%", False),
            (r"The answer is \boxed{5}." + "\nConfidence: 20%", "5", False),
            (r"The answer is \boxed{5}." + "\nConfidence: 90%", "5", True),
            (r"The answer is \boxed{20\%}." + "\nConfidence: 90%", "20\\%", True),
        ]
    )


def test_a_verb_that_takes_the_answer_back_retracts_it() -> None:
    """Retract, withdraw, disregard, forget, redo, reconsider …, with no object or one that refers back to the
    answer; the same verb with another object ("Ignore the remainder.") is part of the solution."""
    judge(
        [
            ("The answer is 12. Please disregard it.", "12", False),
            ("12\n\nForget everything above.", "12", False),
            (r"\boxed{12}" + "\n\nI withdraw it.", "12", False),
            ("#### 12\nLet me rethink this.", "12", False),
            ("The answer is 12. Let me recalculate.", "12", False),
            ("12\n\n(retracted)", "12", False),
            ("The answer is 12. Ignore the remainder.", "12", True),
            ("The answer is 12. Let me recalculate. 5 + 7 = 12.", "12", True),  # redone and restated
        ]
    )


def test_a_bound_or_a_missing_case_says_the_answer_is_not_the_value() -> None:
    judge(
        [
            ("The answer is 12. This is merely an upper bound.", "12", False),
            (r"\boxed{12}" + "\n\nIt should be smaller.", "12", False),
            ("12\n\nI overlooked one case.", "12", False),
            ("#### 12\nThis undercounts the pairs.", "12", False),
            ("The answer is 12. The real answer may differ.", "12", False),
            ("The answer is 12. It is larger than 11.", "12", True),  # a comparison with a value: read as before
        ]
    )


def test_interjections_elliptic_qualifiers_and_bare_marks() -> None:
    """A sentence of interjections breaks the answer off; an elliptic sentence of qualifier cues ("At most.", "Or
    fewer.") qualifies it; a bare question mark or a doubting pictograph on its own line questions it. A courtesy
    or an affirmation does not."""
    judge(
        [
            ("The answer is 12. Whoops.", "12", False),
            ("12\n\nUh, hold on.", "12", False),
            ("The answer is 12. At most.", "12", False),
            ("12\n\nOr fewer.", "12", False),
            (r"\boxed{12}" + "\n\nPlus or minus two.", "12", False),
            ("The answer is 12. Not necessarily.", "12", False),
            ("12\n\n???", "12", False),
            (r"\boxed{12}" + "\n\n\U0001f62c", "12", False),
            ("The answer is 12. Hope this helps!", "12", True),
            ("The answer is 12. Exactly.", "12", True),
            ("The answer is 12. Right.", "12", True),
            ("The answer is 12. Done!", "12", True),
        ]
    )


def test_a_retraction_after_a_closing_remark_is_read() -> None:
    """Up to two short value-free closing remarks ("I hope it is correct.") are read past: a retraction right
    after them counts as if it came first; a later sentence with a value ends the look."""
    judge(
        [
            ("Final Answer: The final answer is 12. I hope it is correct.\n\nOops, scratch that.", "12", False),
            ("The answer is 12. Hope this helps. Never mind.", "12", False),
            ("Final Answer: The final answer is 12. I hope it is correct.", "12", True),
            ("The answer is 12. Hope this helps. Thanks for asking!", "12", True),
        ]
    )


def test_a_gsm8k_line_is_read_with_the_sentence_after_it() -> None:
    judge(
        [
            ("5 + 7 = 12\n#### 12\nWait, that's wrong.", "12", False),
            ("5 + 7 = 12\n#### 12\nMaybe.", "12", False),
            ("5 + 7 = 12\n#### 12\nIs that right? Yes.", "12", True),  # a truth question answered yes
            ("5 + 7 = 12\n#### 12\nWait, that's wrong. It is 13.", "13", True),  # a correction answers
            ("5 + 7 = 12\n#### 12\nThe total is computed above.", "12", True),
        ]
    )


def test_requests_to_verify_and_declines() -> None:
    """A request that someone check the answer leaves it unchecked; the writer saying it cannot give the answer
    declines, and the value before it is a given, not an answer. Checking it oneself, or an inability about
    something else, does not."""
    judge(
        [
            ("The answer is 12. Someone should verify this.", "12", False),
            ("12\n\nNeeds double-checking.", "12", False),
            ("The answer is 12. Check my arithmetic.", "12", False),
            ("She buys 12 pens. I cannot determine the cost.", "12", False),
            ("Each crate has 12 boxes. Sorry, I am not able to answer that.", "12", False),
            ("A bag holds 12 beads. There is not enough information.", "12", False),
            ("The answer is 12. Let me verify: 5 + 7 = 12.", "12", True),
            ("The answer is 12. We cannot find a smaller one.", "12", True),
            ("The answer is 12. Verified.", "12", True),
        ]
    )


def test_attributions_counterfactuals_and_labels_before_the_answer() -> None:
    """Someone else's answer, a belief frame or a counterfactual frame before the answer, and a label that
    disowns the answer phrase after it, are no commitment; a plain conditional mood or a neutral label is."""
    judge(
        [
            ("My friend says 12.", "12", False),
            ("I suspect the answer is 12.", "12", False),
            ("Nobody believes the answer is 12.", "12", False),
            ("Had the price not changed, the answer would be 12.", "12", False),
            ("Without the coupon we'd pay 12.", "12", False),
            ("Rough guess: the answer is 12.", "12", False),
            ("Unsure: the answer is 12.", "12", False),
            ("Guessing: " + r"\boxed{12}", "12", False),
            ("So the answer would be 12.", "12", True),
            ("No: the answer is 12.", "12", True),
            ("Solution: the answer is 12.", "12", True),
            ("If we add 5 and 7, we get 12.", "12", True),
        ]
    )


def test_words_between_the_copula_and_the_value_that_qualify_it_by_their_form() -> None:
    """Right after an answer's copula, an adverb in -ly other than an affirming one, a past participle in -ed before
    "by" other than one that introduces the answer, or a participle before "to be" qualifies the value; "exactly",
    "indeed", "therefore", "hundred", "given by", "shown to be" do not."""
    judge(
        [
            ("The answer is supposedly 12.", "12", False),
            ("The answer is reputedly $12$.", "12", False),
            ("The total is seemingly " + r"\boxed{12}.", "12", False),
            ("The answer is estimated at 12.", "12", False),
            ("The total is bounded by 12.", "12", False),
            ("The total is given by 12.", "12", True),
            ("The answer is greater than or equal to " + r"$\boxed{12}$.", "12", False),
            ("The answer is in excess of 12.", "12", False),
            ("The answer is equal to 12.", "12", True),
            ("The answer is rumoured to be 12.", "12", False),
            ("The answer is said to be " + r"$\boxed{12}$.", "12", False),
            ("The answer is exactly 12.", "12", True),
            ("Thus the answer is indeed 12.", "12", True),
            ("The final answer is therefore 12.", "12", True),
            ("The answer is one hundred.", "100", True),
            ("The answer is shown to be " + r"$\boxed{12}$.", "12", True),
            ("The answer turns out to be 12.", "12", True),
            ("She needed 12 apples.", "12", True),
        ]
    )


def test_hedges_of_the_languages_the_cue_lexicon_covers() -> None:
    judge(
        [
            ("Die Antwort ist vermutlich 12.", "12", False),
            ("La risposta è al massimo 12.", "12", False),
            ("Supongo que la respuesta es 12.", "12", False),
            ("答案好像是12。", "12", False),
            ("정답은 12 미만입니다.", "12", False),
            ("Die Antwort ist 12.", "12", True),
            ("La risposta è 12.", "12", True),
            ("答案是12。", "12", True),
            ("정답은 12입니다.", "12", True),
        ]
    )


def test_styled_and_lookalike_letters_read_as_letters() -> None:
    """Circled or mathematical letters and Cyrillic/Greek lookalikes inside a Latin word are read as the Latin
    letters, so cue words written with them still count; whole words of another script are untouched."""
    judge(
        [
            ("The answer is n\u043et 12.", "12", False),  # Cyrillic o
            ("The answer is \U0001d427\U0001d428\U0001d42d 12.", "12", False),  # mathematical bold "not"
            (r"\boxed{12}" + "\n\n\u24de\u24de\u24df\u24e2.", "12", False),  # circled "oops"
            ("\u041e\u0442\u0432\u0435\u0442: 12", "12", True),  # a Russian answer phrase
            ("The answer is 12.", "12", True),
        ]
    )


def test_render_adjacency_signs_and_gaps() -> None:
    """A sign before the box belongs to the answer; a sign set in ``\\text`` is a sign; ``\\phantom`` and
    ``\\hphantom`` leave a gap, ``\\vphantom`` none; a question-mark sign before the answer questions it."""
    judge(
        [
            ("The answer is \u2212 " + r"\boxed{12}.", "12", False),
            ("The answer is \u2212 " + r"\boxed{12}.", "-12", True),
            (r"\boxed{\text{-}12}", "12", False),
            (r"\boxed{\text{-}12}", "-12", True),
            (r"The answer is 1\phantom{2}2.", "12", False),
            (r"\boxed{1\hphantom{2}2}", "12", False),
            (r"\boxed{1\vphantom{2}2}", "12", True),
            ("\u2048 " + r"\boxed{12}", "12", False),
        ]
    )


def test_ranges_and_uncertainties_are_not_a_difference_or_a_value() -> None:
    """An en or em dash between numbers is a range, and so is a hyphen between numbers before a unit or count
    noun; ``12^{+1}_{-2}`` is a value with an uncertainty. A subtraction in math, or a hyphen without such a
    word, is read as before."""
    judge(
        [
            ("The answer is 9\u201312.", "-3", False),
            ("The answer is 9 \u2014 12.", "-3", False),
            ("It takes 9-12 days.", "-3", False),
            ("The answer is 9-12 marbles.", "-3", False),
            (r"\boxed{12^{+1}_{-2}}", "12", False),
            (r"\boxed{12_{-2}^{+1}}", "12", False),
            ("The answer is $9-12$.", "-3", True),
            ("The answer is 15-3 = 12.", "12", True),
            ("The answer is 9\u201312.", "9\u201312", True),
        ]
    )


def test_choices_with_a_question_or_a_hedge() -> None:
    judge(
        [
            ("(B)?", "B", False),
            ("(B), probably.", "B", False),
            (r"\boxed{\text{(B) (perhaps)}}", "B", False),
            ("(B)", "B", True),
            ("Option (B), because the others are wrong.", "B", True),
            (r"\boxed{\text{(B) Paris}}", "B", True),
        ]
    )


def test_an_echoed_option_list_chooses_nothing() -> None:
    judge(
        [
            ("Which is largest?\n(A) 3\n(B) 9\n(C) 12", "12", False),
            ("A) 3\nB) 9\nC) 12", "12", False),
            ("The largest is 12, so:\n(C) 12", "12", True),
        ]
    )


def test_a_self_corrected_yes_or_no() -> None:
    judge(
        [
            ("Yes... actually, no.", r"\text{Yes}", False),
            ("Yes... actually, no.", r"\text{No}", True),
            ("No, perhaps.", r"\text{No}", False),
            ("No, it cannot be done.", r"\text{No}", True),
        ]
    )


MB = 1_000_000
#: 1 MB of whitespace or repetition at every anchor the round-7 rules added
HOSTILE = {
    "closing_remarks": "The answer is 2. " + "Thanks. " * 150_000 + "Oops.",
    "takes_back_ws": "The answer is 2. I" + " " * MB + "retract that.",
    "range_ws": "The answer is 4" + " " * MB + "\u2013 6.",
    "hyphen_range": "The answer is " + "4-" * 500_000 + "6 apples.",
    "mixed_words": "The answer is " + "n\u043e" * 500_000 + " 2.",
    "styled": "The answer is " + "\u24dd" * MB + " 2.",
    "uncertainty": r"\boxed{5^{+1" + " " * MB + "}_{-1}}",
    "yes_no_fix": "No " + "wait, " * 200_000 + "yes.",
    "counterfactual": "Had" + " " * MB + "we, the answer would be 2.",
    "options": "(A) 1\n" * 200_000 + "(B) 2",
    "label_colon": "Best guess" + ":" * MB + " the answer is 2.",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_linear_time_on_hostile_input(text: str) -> None:
    t0 = time.process_time()  # CPU time: the machine may be shared
    extract(text)
    assert time.process_time() - t0 < cpu_limit()
