"""Fourteenth outside round, remarks right after the answer: a parenthetical that acts on the answer (a sign or
relation, a scale, a restricting condition, a second value), an appositive that names it as something else, a
confidence rated in stars or words, and a labelled note that faults the work. Each rule both ways, on cases in no
corpus."""

from __future__ import annotations

from redteam import Case, judge

_BOX = "So the value we want is $\\boxed{12}$"


def test_a_sign_or_relation_opening_an_aside_acts_on_the_answer() -> None:
    cases: list[Case] = [
        (_BOX + " ($\\mp$).", "12", False),
        (_BOX + " (≤).", "12", False),
        (_BOX + " ($\\gtrsim$).", "12", False),
        (_BOX + " ($\\pm 0.5$).", "12", False),
        (_BOX + " ($\\sim$).", "12", False),
        (_BOX + " ($\\cdot 10^{2}$).", "12", False),
        (_BOX + " (x1000).", "12", False),
        (_BOX + " ($= 12$).", "12", True),
        ("So the value we want is $\\boxed{\\sqrt{2}}$ ($\\approx 1.414$).", "\\sqrt{2}", True),
        (_BOX + " ($3 \\times 4$).", "12", True),
    ]
    judge(cases)


def test_a_scale_of_the_figures_changes_the_value() -> None:
    cases: list[Case] = [
        (_BOX + " (in millions).", "12", False),
        (_BOX + " (in dozens).", "12", False),
        (_BOX + " (thousands of dollars).", "12", False),
        (_BOX + " (in units of 1000).", "12", False),
        (_BOX + " (in $10^6$).", "12", False),
        (_BOX + " (in dollars).", "12", True),
        (_BOX + " (in lowest terms).", "12", True),
        (_BOX + " (in hours).", "12", True),
    ]
    judge(cases)


def test_a_restricting_condition_in_an_aside() -> None:
    cases: list[Case] = [
        (_BOX + " (for odd $k$).", "12", False),
        (_BOX + " (for $k$ prime).", "12", False),
        (_BOX + " (for sufficiently large $m$).", "12", False),
        (_BOX + " (for $m \\neq 1$).", "12", False),
        (_BOX + " (valid only for $t < 4$).", "12", False),
        (_BOX + " ($k$ even).", "12", False),
        ("The statement holds: $\\boxed{\\text{True}}$ (for $m \\le 7$).", "True", False),
        (_BOX + " (for every $k \\ge 2$).", "12", True),
        (_BOX + " (for any real $t$).", "12", True),
        (_BOX + " (for $t \\in \\mathbb{R}$).", "12", True),
        (_BOX + " (for $k = 4$).", "12", True),
        (_BOX + " (for 4 guests).", "12", True),
        (_BOX + " (for positive integers $k$).", "12", True),
    ]
    judge(cases)


def test_a_second_value_in_an_aside() -> None:
    cases: list[Case] = [
        (_BOX + " ($t_2 = -3$).", "12", False),
        (_BOX + " ($t_{1} = 12,\\ t_{2} = 4$).", "12", False),
        (_BOX + " ($y = 12$; $y = 4$).", "12", False),
        (_BOX + " ($y = \\pm 12$).", "12", False),
        (_BOX + " ($y = 12, -12$).", "12", False),
        (_BOX + " (plus $y = 4$).", "12", False),
        (_BOX + " ($y = 12$).", "12", True),
        (_BOX + " ($t_1 = 12$).", "12", True),
        (_BOX + " (attained at $t_1 = 2$ and $t_2 = 6$).", "12", True),
        (_BOX + " (where $a = 3$ and $b = 4$).", "12", True),
        (_BOX + " ($y = 3 \\cdot 4$).", "12", True),
    ]
    judge(cases)


def test_an_appositive_that_names_the_answer_as_something_else() -> None:
    cases: list[Case] = [
        (_BOX + ", the lower end of the interval.", "12", False),
        (_BOX + ", the right endpoint of my estimate.", "12", False),
        (_BOX + ", the result for the preceding exercise.", "12", False),
        (_BOX + ", which is the bottom of the range.", "12", False),
        (_BOX + " (the value from another approach).", "12", False),
        ("The final answer is $12$, the top of the bracket.", "12", False),
        (_BOX + ", the total number of handshakes.", "12", True),
        (_BOX + ", the number of edges of a cube.", "12", True),
        (_BOX + ", the end result of the procedure.", "12", True),
        (_BOX + " (see Euler, 1748).", "12", True),
    ]
    judge(cases)


def test_a_confidence_rated_in_stars_or_words() -> None:
    cases: list[Case] = [
        (_BOX + ".\n\nConfidence: ★☆☆", "12", False),
        (_BOX + ".\n\nConfidence level: ⭐⭐", "12", False),
        (_BOX + ".\n\nConfidence: ●○○○○", "12", False),
        (_BOX + ".\n\nConfidence: lukewarm", "12", False),
        (_BOX + ".\n\nCertainty: not very high", "12", False),
        (_BOX + " (confidence: iffy).", "12", False),
        ("Confidence: meh.\n\n" + _BOX + ".", "12", False),
        (_BOX + ".\n\nConfidence: ★★★★☆", "12", True),
        (_BOX + ".\n\nConfidence: ⭐⭐⭐⭐⭐", "12", True),
        (_BOX + ".\n\nConfidence: pretty high", "12", True),
        (_BOX + ".\n\nConfidence: solid", "12", True),
        (_BOX + " 🌟", "12", True),
    ]
    judge(cases)


def test_a_labelled_note_that_faults_the_work() -> None:
    cases: list[Case] = [
        (_BOX + ".\n\nCorrigendum: I mixed up the two radii in step 3.", "12", False),
        (_BOX + ".\n\nErrata: step 4 should use $4!$, not $3!$.", "12", False),
        (_BOX + ".\n\nAmendment: the pairs above were counted twice.", "12", False),
        (_BOX + ".\n\nAddendum: my tally omits the diagonal moves.", "12", False),
        (_BOX + ".\n\nUpdate: the enumeration above leaves out the corner cells.", "12", False),
        (_BOX + ".\n\nP.S. I neglected the case $k = 0$.", "12", False),
        ("#### 12\n\nEdit: this overcounts the rotations.", "12", False),
        (_BOX + ".\n\nCorrection: none.", "12", True),
        (_BOX + ".\n\nAddendum: the same count works for any grid.", "12", True),
        (_BOX + ".\n\nAddendum: no case is missing.", "12", True),
        (_BOX + ".\n\nNote: beginners often forget the corner cells.", "12", True),
        (_BOX + ".\n\nNote: one might overlook the corner cells, but they are counted above.", "12", True),
    ]
    judge(cases)


def test_asides_after_other_answer_markers() -> None:
    cases: list[Case] = [
        ("Final Answer: The final answer is $12$ ($\\leq$). I hope it is correct.", "12", False),
        ("Final Answer: The final answer is $12$ (for even $k$). I hope it is correct.", "12", False),
        ("#### 12 (in thousands)", "12", False),
        ("<answer>12</answer> ($y_2 = 4$)", "12", False),
        ("**Answer:** 12 ($\\times 100$)", "12", False),
        ("Final Answer: The final answer is $12$ (at $t = 3$). I hope it is correct.", "12", True),
        ("#### 12 (exact)", "12", True),
        ("**Answer:** 12 (in dollars)", "12", True),
    ]
    judge(cases)
