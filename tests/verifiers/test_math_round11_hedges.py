"""Issue 18, the false passes left open after the eighth round: a question or a relaxed problem before a box, a
lone "either", a note mark on a box, a value offered as also meeting the conditions, a function of a variable
equated to a constant, and two final answers far apart without a revision between them. Each rule both ways:
the hedge fails, its honest neighbour still passes."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from cpu_budget import cpu_limit

sys.path.insert(0, str(Path(__file__).parent))
from redteam import verifier  # noqa: E402

from rlvr.verifiers.extract import extract  # noqa: E402


def passes(completion: str, gold: str) -> bool:
    return verifier({}).verify_batch([completion], [gold])[0].passed


FILLER = "Each intermediate quantity is recomputed from the definitions and compared with the table. " * 5


# ---------------------------------------------------------------- question word order, relaxed problems


@pytest.mark.parametrize(
    "completion",
    [
        r"Could the total be \boxed{12}",
        r"Would it be $\boxed{12}$",
        r"Isn't the count \boxed{12}",
        r"Then: does it equal \boxed{12}",
        r"Was our result \boxed{12}",
        r"If we drop the integrality requirement, the optimum is \boxed{12}.",
        r"Relaxing the second condition, we obtain \boxed{12}.",
        r"Without the parity restriction the count becomes \boxed{12}.",
        r"Once we set aside and ignore the stated bound, we find \boxed{12}.",
        r"Disregarding the constraints on $y$, $\boxed{12}$.",
        "If we ignore the constraint, the answer is 12.",
    ],
)
def test_question_order_and_relaxed_problem_fail(completion: str) -> None:
    assert not passes(completion, "12")


@pytest.mark.parametrize(
    "completion",
    [
        r"Does the sum divide 24? Yes, so the answer is \boxed{12}.",
        r"Is 12 even? It is. Hence \boxed{12}.",
        r"This is the answer: \boxed{12}.",
        r"We cannot ignore the constraint, so the total is \boxed{12}.",
        r"Applying every constraint, we get \boxed{12}.",
        r"If we add the two counts, we get \boxed{12}.",
        r"Neglecting air resistance, the range is \boxed{12}.",
        r"It is \boxed{12}.",
    ],
)
def test_statements_still_pass(completion: str) -> None:
    assert passes(completion, "12")


# ---------------------------------------------------------------- lone alternatives and a split negating prefix


@pytest.mark.parametrize(
    "completion",
    [r"Either \boxed{12}", r"The answer is either $12$.", r"\boxed{12 \text{ or}}", r"un $\boxed{12}$"],
)
def test_one_sided_alternative_fails(completion: str) -> None:
    assert not passes(completion, "12")


def test_a_full_alternative_still_matches_its_gold() -> None:
    assert passes(r"\boxed{12 \text{ or } 13}", r"12 \text{ or } 13")
    assert not passes(r"\boxed{12 \text{ or } 13}", "12")


# ---------------------------------------------------------------- a note mark on a box


@pytest.mark.parametrize(
    "completion",
    [
        r"\boxed{12}^{[2]}",
        r"$\boxed{12}^{(a)}$",
        r"The answer is $\boxed{12}^{\dagger}$.",
        r"\boxed{12}^\ast",
        r"\boxed{12}^{1}",
        r"\boxed{12}^1 (see the note below)",
    ],
)
def test_note_mark_on_a_box_fails(completion: str) -> None:
    assert not passes(completion, "12")


@pytest.mark.parametrize(
    ("completion", "gold"),
    [(r"\boxed{12}^{2}", "144"), (r"\boxed{2}^{10}", "1024"), (r"\boxed{12}", "12"), (r"$\boxed{12}$.", "12")],
)
def test_a_power_on_a_box_is_still_a_power(completion: str, gold: str) -> None:
    assert passes(completion, gold)


# ---------------------------------------------------------------- another value said to meet the conditions


@pytest.mark.parametrize(
    "completion",
    [
        "The answer is 12.\n13 works too.",
        "The answer is 12. 13 also satisfies the equation.",
        "Final Answer: 12\n\n11 qualifies as well.",
        r"\boxed{12}" + "\n\n14 holds too.",
    ],
)
def test_another_value_that_works_is_a_hedge(completion: str) -> None:
    assert not passes(completion, "12")


@pytest.mark.parametrize(
    "completion",
    [
        "The answer is 12.\nThis works for all 3 cases.",
        "The answer is 12. It works.",
        "The answer is 12. The check 5 + 7 = 12 works.",
        "The answer is 12.\n13 does not work.",
    ],
)
def test_a_remark_that_it_works_is_no_hedge(completion: str) -> None:
    assert passes(completion, "12")


# ---------------------------------------------------------------- a function of a variable equated to a constant


@pytest.mark.parametrize("completion", [r"\boxed{g(t) = 12}", r"\boxed{h''(x) = 12}", r"$p(x, y) = 12$"])
def test_function_of_a_variable_is_no_value(completion: str) -> None:
    assert not passes(completion, "12")


@pytest.mark.parametrize(
    ("completion", "gold"),
    [
        (r"\boxed{g(3) = 12}", "12"),
        (r"\boxed{g(t) = 12}", "g(t) = 12"),
        (r"\boxed{g(t) = 4t}", "4t"),
        (r"\boxed{y = 12}", "12"),
    ],
)
def test_labels_that_name_the_value_still_pass(completion: str, gold: str) -> None:
    assert passes(completion, gold)


# ---------------------------------------------------------------- two final answers far apart


@pytest.mark.parametrize(
    "completion",
    [
        "Final Answer: 13\n\n" + FILLER + "\n\nFinal Answer: 12",
        "#### 13\n\n" + FILLER + "\n\n#### 12",
        "So the answer is 13.\n\n" + FILLER + "\n\nThe answer is 12.",
        "The answer is 13.\n\n" + FILLER + "We double-check everything once more.\n\n#### 12",
    ],
)
def test_two_final_answers_far_apart_without_a_revision_are_a_hedge(completion: str) -> None:
    assert len(completion.split("\n\n")[1]) > 300
    assert not passes(completion, "12")
    assert not passes(completion, "13")


@pytest.mark.parametrize(
    "revision",
    [
        "Wait, the second table entry was misread.",
        "Actually, I dropped a term in step 2.",
        "Correction: the carry was lost.",
        "On reflection, the count above is off by one.",
        "I made a mistake in the second sum.",
        "That was wrong; let me redo the last step.",
    ],
)
def test_a_revision_between_far_apart_answers_keeps_the_last(revision: str) -> None:
    completion = "Final Answer: 13\n\n" + FILLER + revision + "\n\nFinal Answer: 12"
    assert passes(completion, "12")
    assert not passes(completion, "13")


def test_the_same_answer_twice_far_apart_passes() -> None:
    assert passes("The answer is 12.\n\n" + FILLER + "\n\nFinal Answer: 12", "12")


# ---------------------------------------------------------------- linear time at every new anchor

MB = 1_000_000
#: 1 MB of whitespace or repetition at every anchor the round-11 rules added
HOSTILE = {
    "relaxed_ws": "If we ignore" + " " * MB + "the constraint, we get \\boxed{5}",
    "relaxed_words": "Ignoring " + "the " * 250_000 + "constraint gives \\boxed{5}",
    "negated_relaxed": "We cannot " * 100_000 + "ignore the constraint: \\boxed{5}",
    "question_ws": "Is" + " " * MB + "the answer \\boxed{5}",
    "question_labels": "Then: " * 150_000 + "is it \\boxed{5}",
    "note_superscript": "\\boxed{5}^{[" + "1" * MB + "]}",
    "note_runs": "\\boxed{5}" + "^{*}" * 200_000,
    "far_answers": "The answer is 6.\n\n" + "We double-check. " * 60_000 + "\n\nThe answer is 5.",
    "revision_words": "#### 6\n" + "mis" * 300_000 + "\n#### 5",
    "rejected_then": "The answer is not" + " 4" * 500_000 + ", so it's 5.",
    "rejected_commas": "The answer is not 4" + ", so" * 250_000 + " it's 5.",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_linear_time_on_hostile_input(text: str) -> None:
    t0 = time.process_time()  # CPU time: the machine may be shared
    extract(text)
    assert time.process_time() - t0 < cpu_limit()
