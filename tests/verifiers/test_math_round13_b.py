"""Thirteenth outside round, what follows the answer: a quantity stated after it is a rival when it counts what
the answer counts or its sentence concludes, and another quantity or the same value is none; a plain statement on
the line after a bare box is read on its own; a blockquote offers like plain prose; a correcting opener before a
value that "also" holds adds a candidate; a denied error word is no revision; a confidence rated in a sentence
doubts like a confidence label. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge

_FILLER = " We re-check the arithmetic line by line." * 12


def test_a_rival_quantity_after_the_answer_fails() -> None:
    cases: list[Case] = [
        ("#### 12\n\nSo 14 children went on the trip.", "12", False),
        ("The answer is $\\boxed{8}$.\nHence the farmer owns 9 cows.", "8", False),
        ("She paid $\\boxed{7}$ dollars.\n\nShe paid 9 dollars in all.", "7", False),
        ("The length is $\\boxed{3\\text{ m}}$.\n\nThe rope measures 4 m.", "3\\text{ m}", False),
        ("Final Answer: The final answer is $4$. I hope it is correct.\n\nAltogether, 5 pies were baked.", "4", False),
        ("The answer is 10.\n\nSo we need eleven tables.", "10", False),
        ("<answer>3</answer>\nTherefore she read 4 books.", "3", False),
        ("The trip takes $\\boxed{5}$ hours.\n\nIt took 6 hours.", "5", False),
        ("The answer is 5.\n\nTherefore Janet has 6 apples, not 5.", "5", False),
    ]
    judge(cases)


def test_the_same_value_or_another_quantity_after_the_answer_passes() -> None:
    cases: list[Case] = [
        ("#### 12\n\nSo 12 children went on the trip.", "12", True),
        ("$\\boxed{8}$\n\nHence the farmer owns 8 cows.", "8", True),
        ("$\\boxed{8}$\n\nEach of the 3 pens holds 8 cows.", "8", True),
        ("\\boxed{7}\n\nIf there were 9 guests, each would get fewer.", "7", True),
        ("$\\boxed{7}$\n\nWe needed 3 sweeps through the list.", "7", True),
        ("$\\boxed{7}$\n\nThus, $n = 7$.", "7", True),
        ("<answer>3</answer>\nTherefore she read 3 books.", "3", True),
        ("The answer is $\\boxed{4}$.\n\nSo the 6 friends share 4 pizzas.", "4", True),
        ("$\\boxed{4}$\n\nSo 3 friends each get 4 pizzas.", "4", True),
        ("The answer is $\\boxed{5}$ hours.\n\nIt takes 2 hours there and 3 hours back.", "5", True),
    ]
    judge(cases)


def test_a_hedge_on_the_line_after_a_bare_box_still_counts() -> None:
    cases: list[Case] = [
        ("\\boxed{5}\n\nProbably there are 5 marbles.", "5", False),
        ("\\boxed{5}\n\nThere are at least 5 marbles.", "5", False),
        ("\\boxed{5}\n\nNot sure there are 5 marbles.", "5", False),
        ("<answer>5</answer>\nBrute force gives 6.", "5", False),
    ]
    judge(cases)


def test_a_quoted_or_labelled_offer_counts() -> None:
    cases: list[Case] = [
        ("The answer is $\\boxed{9}$.\n\n> A second interpretation yields 10.", "9", False),
        ("The answer is $\\boxed{9}$.\n\n> **Remark:** 10 is equally valid.", "9", False),
        ("The answer is $\\boxed{9}$.\n\nNote: 10 works as well.", "9", False),
        ("The answer is $\\boxed{9}$.\n\n> Check: 4 + 5 = 9.", "9", True),
        ("The answer is $\\boxed{9}$.\n\n> This matches the table.", "9", True),
    ]
    judge(cases)


def test_a_correcting_opener_before_a_value_that_also_holds_adds_it() -> None:
    cases: list[Case] = [
        ("The answer is $\\boxed{8}$. Hmm, 9 works too.", "9", False),
        ("The answer is $\\boxed{8}$. Actually, 9 is also valid.", "8", False),
        ("The answer is $\\boxed{8}$. Wait, it's 9.", "9", True),
        ("The answer is $\\boxed{8}$. Hmm, 8 also works for part (b).", "8", True),
    ]
    judge(cases)


def test_a_denied_error_word_is_no_revision() -> None:
    cases: list[Case] = [
        (
            "So the answer is 7." + _FILLER + " I found no errors anywhere." + _FILLER + "\n\nThe answer is 8.",
            "8",
            False,
        ),
        ("So the answer is 7." + _FILLER + " The error bound is tight." + _FILLER + "\n\nThe answer is 8.", "8", False),
        ("So the answer is 7." + _FILLER + " I made an error in step 2." + _FILLER + "\n\nThe answer is 8.", "8", True),
        ("So the answer is 7." + _FILLER + " That was wrong." + _FILLER + "\n\nThe answer is 8.", "8", True),
        (
            "So the answer is 7." + _FILLER + " The margin of error is small." + _FILLER + "\n\nThe answer is 8.",
            "8",
            False,
        ),
        ("So the answer is 7." + _FILLER + " Because of an error, redo." + _FILLER + "\n\nThe answer is 8.", "8", True),
    ]
    judge(cases)


def test_a_confidence_rated_in_a_sentence() -> None:
    cases: list[Case] = [
        ("The answer is $\\boxed{5}$.\n\nI would rate my confidence at 2/10.", "5", False),
        ("The answer is $\\boxed{5}$.\n\nI'd put my confidence around 30%.", "5", False),
        ("The answer is $\\boxed{5}$.\n\nI'd rate my confidence 10/10.", "5", True),
        ("The answer is $\\boxed{5}$.\n\nMy confidence in this is about 3 out of 10.", "5", False),
        ("The answer is $\\boxed{5}$.\n\nMy confidence in this is about 9 out of 10.", "5", True),
    ]
    judge(cases)


def test_a_restating_clause_with_another_quantity_is_a_rival() -> None:
    cases: list[Case] = [
        ("$\\boxed{8}$ — that is, 9 marbles.", "8", False),
        ("$\\boxed{8}$, so 9 cookies in all.", "8", False),
        ("$\\boxed{8}$, i.e. nine marbles.", "8", False),
        ("$\\boxed{8}$ — that is, 8 marbles.", "8", True),
        ("$\\boxed{8}$, so each of the 3 kids gets 8 marbles.", "8", True),
        ("$\\boxed{8}$, which takes 3 steps.", "8", True),
    ]
    judge(cases)


def test_a_footnote_definition_renders_and_link_markup_is_no_working() -> None:
    cases: list[Case] = [
        ("The answer is $\\boxed{9}$.\n\n[^a]: <https://example.org> (or 10)", "9", False),
        ("The answer is $\\boxed{9}$.\n\n[^note]: Another reading gives 10.", "9", False),
        ("The answer is $\\boxed{9}$.\n\nSee <https://example.org/a> (or 10)", "9", False),
        ("The answer is $\\boxed{9}$.\n\n[ref]: <https://example.org> (or 10)", "9", True),  # a link definition
        ("The answer is $\\boxed{9}$.\n\n[^a]: <https://example.org> (9 again)", "9", True),
    ]
    judge(cases)


def test_the_noun_the_answer_sentence_counts_is_the_answer_kind() -> None:
    cases: list[Case] = [
        ("The number of pencils is $\\boxed{7}$.\n\nKim owns 8 pencils.", "7", False),
        ("The number of pencils is $\\boxed{7}$.\n\nKim owns 8 erasers.", "7", True),
        ("How many pencils remain? The answer is 7.\n\nShe sold 4 pencils and lost 2 pencils.", "7", True),
    ]
    judge(cases)
