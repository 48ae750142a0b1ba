"""A later candidate the writer doubts or rejects twice over is still offered (docs/verifiers.md, "Hedging
policy"): ", I am not sure" after "Maybe 6" doubts the offer, it does not reject 6; "6 is not impossible" and
"6 cannot be ruled out" offer 6; "If not, 6." names a fallback. A plain rejection ("6 is not possible", "6 is
wrong") still leaves the answer alone. The cases are of no corpus."""

from __future__ import annotations

from redteam import Case, judge

DOUBTED_OFFERS: list[Case] = [
    ("The answer is \\boxed{5}. Maybe 6, not sure.", "5", False),
    ("The answer is \\boxed{5}. Maybe 6, I am not sure.", "5", False),
    ("The answer is \\boxed{5}. It might be 6, I am not sure.", "5", False),
    ("The answer is \\boxed{5}. Possibly 6, I am not sure.", "5", False),
    ("The answer is \\boxed{5}. Could be 6, no idea.", "5", False),
    ("The answer is \\boxed{5}. 6, I am not sure.", "5", False),
    ("The answer is \\boxed{5}. Or 6; I am not sure.", "5", False),
    ("The answer is \\boxed{5}.\n\nOr maybe 6, I am not sure", "5", False),
    ("The answer is \\boxed{5}. (or maybe 6, I am not sure)", "5", False),
    ("The answer is \\boxed{5}. Perhaps 6 (not certain).", "5", False),
    ("The answer is \\boxed{5}, or possibly 6 \u2014 I don't know.", "5", False),
    ("Final answer: \\boxed{12}. Perhaps 14, I'm not confident.", "12", False),
]

LITOTES: list[Case] = [
    ("The answer is \\boxed{5}. If not, 6.", "5", False),
    ("The answer is \\boxed{5}. 6 is not impossible.", "5", False),
    ("The answer is \\boxed{5}. 6 cannot be ruled out.", "5", False),
    ("The answer is \\boxed{5}. 6 isn't out of the question.", "5", False),
    ("The answer is \\boxed{5}. Not that 6 is wrong.", "5", False),
    ("The answer is \\boxed{5}. 6 is not wrong either.", "5", False),
    ("The answer is \\boxed{5}. 6 would not be a mistake either.", "5", False),
    ("The answer is 5. 6 is not impossible either.", "5", False),
    ("\\boxed{5}\n\n6 is not unlikely.", "5", False),
    ("The answer is \\boxed{5}. 6 remains possible.", "5", False),  # a linking verb, no count of "remains"
    ("The answer is \\boxed{5}. 6 stays plausible too.", "5", False),
]

REJECTIONS: list[Case] = [
    ("The answer is \\boxed{5}. One might guess 6, but that is wrong.", "5", True),
    ("The answer is \\boxed{5}. Not 6, since 6 is not possible.", "5", True),
    ("The answer is \\boxed{5}. 6 is not possible.", "5", True),
    ("The answer is \\boxed{5}. 6 is wrong.", "5", True),
    ("The answer is \\boxed{5}. 6 isn't allowed.", "5", True),
    ("The answer is \\boxed{5}. Maybe 6? No, 6 fails.", "5", True),
    ("The answer is \\boxed{5}. Some say 6, which is wrong.", "5", True),
    ("The answer is \\boxed{5}. 6 does not work, it is wrong.", "5", True),
    ("The answer is \\boxed{5}. 6 is out.", "5", True),
    ("The answer is \\boxed{5}. A common mistake is to say 6.", "5", True),
    ("The answer is \\boxed{5}. 6 is not right; 6 is wrong.", "5", True),
    ("\\boxed{5}. I checked 6, not a solution.", "5", True),
    ("The answer is \\boxed{5}. Note that 6 is not a solution.", "5", True),
    ("The answer is \\boxed{5}. 7 is prime.", "5", True),
    ("The answer is \\boxed{5}. 7 remains prime.", "5", True),
]


def test_a_doubted_later_candidate_is_offered() -> None:
    judge(DOUBTED_OFFERS)


def test_a_candidate_rejected_twice_over_is_offered() -> None:
    judge(LITOTES)


def test_a_rejected_candidate_leaves_the_answer() -> None:
    judge(REJECTIONS)


STATED_VALUES: list[Case] = [
    ("\\boxed{4}\n\nThe second solution, $x = -3$, is valid as well.", "4", False),
    ("\\boxed{4}\n\nThe other solution $x = -3$ is also valid.", "4", False),
    ("The answer is \\boxed{4}. The second solution, $x = -3$, is valid as well.", "4", False),
    ("\\boxed{4}\n\nThe other root, $x = -3$, is extraneous.", "4", True),
    ("\\boxed{4}\n\nThe other root, $x = -3$, does not satisfy the equation.", "4", True),
    ("\\boxed{4}\n\nCheck: $x = 4$ gives $16 = 16$.", "4", True),
    ("The answer is \\boxed{4}. We discard $x = -3$ since lengths are positive.", "4", True),
    ("The minimum value is $\\boxed{4}$ (at $x = 2$).", "4", True),
]


def test_a_solution_stated_for_a_variable_is_offered() -> None:
    """``$x = -3$`` in a sentence about a solution, root or value states that value: no work to ignore."""
    judge(STATED_VALUES)
