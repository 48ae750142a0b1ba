"""Eighth outside round, false-pass side: an answer disowned in its own sentence, answer tags whose attributes
disown them, status or review lines after the answer, struck endorsements and contradiction marks. Each rule both
ways: the hedge fails, its honest neighbour still passes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from redteam import verifier  # noqa: E402


def passes(completion: str, gold: str) -> bool:
    return verifier({}).verify_batch([completion], [gold])[0].passed


# ---------------------------------------------------------------- disowned in its own sentence


@pytest.mark.parametrize(
    "completion",
    [
        r"\boxed{7} is the trap answer.",
        r"\boxed{7} is a decoy.",
        r"\boxed{7} was rejected by the grader.",
        r"\boxed{7} was refuted above.",
        r"\boxed{7} undershoots.",
        r"\boxed{7} overcounts the pairs.",
        r"\boxed{7} contradicts the second condition.",
        r"\boxed{7} was my original guess.",
        r"\boxed{7} is what GPT gave.",
        r"The faulty formula gives \boxed{7}.",
        r"The naive method yields \boxed{7}.",
        r"Carelessly expanding gives \boxed{7}.",
        r"Ignoring the boundary term gives \boxed{7}.",
        r"The misprinted value is \boxed{7}.",
        r"A bogus answer: \boxed{7}.",
        r"People commonly write \boxed{7}.",
    ],
)
def test_an_answer_disowned_in_its_own_sentence_fails(completion: str) -> None:
    assert not passes(completion, "7")


@pytest.mark.parametrize(
    "completion",
    [
        r"\boxed{7} is the answer.",
        r"\boxed{7} is the final answer.",
        r"The approach above yields \boxed{7}.",
        r"The formula gives \boxed{7}.",
        r"\boxed{7} was verified by substitution.",
        r"The trap answer 6 is wrong; the answer is \boxed{7}.",
        r"Expanding gives \boxed{7}.",
    ],
)
def test_an_answer_described_honestly_still_passes(completion: str) -> None:
    assert passes(completion, "7")


def test_disowning_words_are_never_count_nouns() -> None:
    assert not passes(r"\boxed{7} fails.", "7")
    assert passes(r"\boxed{7} apples", "7 apples")


# ---------------------------------------------------------------- answer-tag attributes


@pytest.mark.parametrize(
    "completion",
    [
        '<answer status="draft">7</answer>',
        '<answer confidence="0.6">7</answer>',
        '<answer confidence="80%">7</answer>',
        '<answer probability="0.5">7</answer>',
        '<answer verified="no">7</answer>',
        '<answer kind="estimate">7</answer>',
        '<answer alternative="8">7</answer>',
        '<answer comment="could be 8">7</answer>',
        "<answer tentative>7</answer>",
        '<answer data-doubt="yes">7</answer>',
        '<answer>7</answer status="guess">',
        '<ANSWER STATUS="UNVERIFIED">7</ANSWER>',
        '<final_answer state="unsure">7</final_answer>',
        '<answer lang="maybe-eight">7</answer>',
    ],
)
def test_an_answer_tag_whose_attributes_disown_it_fails(completion: str) -> None:
    assert not passes(completion, "7")


@pytest.mark.parametrize(
    "completion",
    [
        "<answer>7</answer>",
        "<Answer >7</Answer>",
        '<answer id="q1">7</answer>',
        '<answer data-id="3">7</answer>',
        '<answer format="latex">7</answer>',
        '<answer type="integer">7</answer>',
        '<answer lang="en-US">7</answer>',
        '<answer status="final">7</answer>',
        '<answer verified="true" confidence="1.0">7</answer>',
        '<answer confidence="100%">7</answer>',
        "<answer final>7</answer>",
        '<final_answer id="1">7</final_answer>',
    ],
)
def test_an_answer_tag_with_neutral_or_affirming_attributes_still_passes(completion: str) -> None:
    assert passes(completion, "7")


# ---------------------------------------------------------------- status and review lines


@pytest.mark.parametrize(
    "completion",
    [
        "\\boxed{7}\n\nVerification: FAIL",
        "\\boxed{7}\n\nTests: failing",
        "\\boxed{7}\n\nReview status: rejected.",
        "\\boxed{7}\n\nGrader: incorrect",
        "\\boxed{7}\n\nCheck: \u274c",
        "\\boxed{7}\n\nSubstitution: doesn't satisfy the first equation.",
        "Answer: 7\n> Reviewer: wrong, it should be 8.",
        "Answer: 7\n> Review: I think this is incorrect.",
        r"\boxed{7} (50-50)",
        r"\boxed{7} (coin flip)",
    ],
)
def test_a_status_or_review_line_that_denies_the_answer_fails(completion: str) -> None:
    assert not passes(completion, "7")


@pytest.mark.parametrize(
    "completion",
    [
        "\\boxed{7}\n\nVerification: passed",
        "\\boxed{7}\n\nCheck: 3 + 4 = 7 \u2713",
        "\\boxed{7}\n\nStatus: no errors found.",
        "Answer: 7\n> Reviewer: correct.",
        "\\boxed{7}\n\nCheck: 7 is not 8, as required.",
    ],
)
def test_a_status_line_that_affirms_the_answer_still_passes(completion: str) -> None:
    assert passes(completion, "7")


# ---------------------------------------------------------------- struck endorsements, contradiction marks


@pytest.mark.parametrize(
    "completion",
    [
        r"\boxed{7} (~~confirmed~~)",
        r"\boxed{7} ~~definitely~~",
        r"\boxed{7} <strike>100%</strike>",
        r"\boxed{7} \bcancel{\checkmark}",
        r"\boxed{7} \sout{proven}",
        r"\boxed{7} \cancel{\text{verified}}",
        "\\boxed{7} \u2714\u0336",
        r"\boxed{7} <del>\checkmark</del>",
        "\\boxed{7} \u21af",
        "\\boxed{7} \u21ce",
        "\\boxed{7} \u2260?",
        r"\boxed{7} (x_x)",
        "\\boxed{7} \u253b\u2501\u253b",
    ],
)
def test_a_struck_endorsement_or_a_contradiction_mark_fails(completion: str) -> None:
    assert not passes(completion, "7")


@pytest.mark.parametrize(
    "completion",
    [
        r"\boxed{7} (verified)",
        "\\boxed{7} \u2713",
        r"\boxed{7} \checkmark",
        r"\boxed{7} (~~8~~)",
        r"~~\boxed{8}~~ \boxed{7}",
        r"Since $AB \perp CD$, the answer is \boxed{7}.",
    ],
)
def test_an_endorsement_that_stands_or_a_struck_value_still_passes(completion: str) -> None:
    assert passes(completion, "7")


# ---------------------------------------------------------------- code shows its markup


@pytest.mark.parametrize(
    "completion",
    [
        "\\boxed{7} `<!-- or 8 -->`",
        "\\boxed{7} `% or 8`",
        "\\boxed{7} ``~~or 8~~``",
        "\\boxed{7}\n```latex\n% or 8\n```",
        "\\boxed{7}\n~~~\n<!-- or 8 -->\n~~~",
        "\\boxed{7}\n```\n<del>or 8</del>",
        "\\boxed{7}\n\n\t<!-- or 8 -->",
        "\\boxed{7} <xmp><s>or 8</s></xmp>",
        "\\boxed{7} <TEXTAREA>% or 8</TEXTAREA>",
    ],
)
def test_hiding_markup_inside_code_shows_and_hedges(completion: str) -> None:
    assert not passes(completion, "7")


@pytest.mark.parametrize(
    "completion",
    [
        "```python\nprint(19 % 12)\n```\nSo the answer is \\boxed{7}.",
        "The variable `n` is \\boxed{7}.",
        "\\boxed{7} <!-- or 8 -->",
        "\\boxed{7} % or 8",
        "`x` counts. \\boxed{7} ~~or 8~~",
    ],
)
def test_code_elsewhere_leaves_hiding_markup_outside_it_hidden(completion: str) -> None:
    assert passes(completion, "7")
