"""Thirteenth outside round, remarks after a correct answer that hold other numbers: a paragraph, heading, list or
table after the answer's line is a block of its own, not words of the answer's sentence; numbers that bound the
answer, modify a noun, are a function's argument, mark an enumeration or lead to the answer in a sequence offer no
candidate; "only B" eliminates the other letters; listed computing steps are the working. Each rule both ways, on
cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_a_new_block_after_the_box_is_no_part_of_its_sentence() -> None:
    cases: list[Case] = [
        ("$\\boxed{36}$\n\nOne could also solve it with 3 different substitutions, all agreeing.", "36", True),
        ("$\\boxed{36}$\n\nThe estimate from before sits between 30 and 40, as it should.", "36", True),
        ("$\\boxed{36}$\n\n## Recap\n\nThe area is the square of the side.", "36", True),
        ("$\\boxed{36}$\n\nIt might also be 35.", "36", False),
        ("$\\boxed{36}$\n\nCaveat: I could not double-check part 2.", "36", False),
        ("$\\boxed{36}$\n\nMany would say 35.", "36", False),
        ("$\\boxed{36}$\n\nSo 35 boxes were packed.", "36 \\text{ boxes}", False),
    ]
    judge(cases)


def test_numbers_that_bound_index_or_lead_to_the_answer_offer_nothing() -> None:
    cases: list[Case] = [
        ("The answer is 36.\n\nThis is reasonable because 36 is between 30 and 40.", "36", True),
        ("$\\boxed{36}$\n\nIt appeared in the 2011 HMMT February round.", "36", True),
        ("$\\boxed{36}$\n\nThe lookup takes O(1) time per query.", "36", True),
        ("$\\boxed{36}$\n\nThe squares go 1, 4, 9, 16, 25, 36.", "36", True),
        ("$\\boxed{36}$\n\nWe used: 1) expansion, 2) grouping, 3) cancelling.", "36", True),
        ("The answer is 36.\n\nIt is between 36 and 37.", "36", False),
        ("$\\boxed{36}$\n\nThe answer is 36, 37 or 38.", "36", False),
        ("$\\boxed{36}$\n\nIt could be 30 or 40.", "36", False),
        ("$\\boxed{36}$\n\nPossibly 1, 4, 9, 16, 35.", "36", False),
    ]
    judge(cases)


def test_only_the_answer_letter_holds() -> None:
    cases: list[Case] = [
        ("$\\boxed{C}$\n\nA yields 3, B yields 5 and D yields 9, so only C fits.", "C", True),
        ("$\\boxed{C}$\n\nD fits too.", "C", False),
        ("$\\boxed{C}$\n\nOnly D fits.", "C", False),
    ]
    judge(cases)


def test_listed_steps_after_the_answer_are_its_working() -> None:
    cases: list[Case] = [
        ("The answer is 20.\n\nHow we got it:\n1. 12 + 3 = 15\n2. 15 + 5 = 20", "20", True),
        ("The answer is 20.\n\n- 4 \\times 5 = 20\n- checked twice", "20", True),
        ("The answer is 20.\n\nOr maybe:\n1. 21", "20", False),
    ]
    judge(cases)


def test_another_value_called_unfit_is_rejected() -> None:
    cases: list[Case] = [
        ("$\\boxed{4}$\n\nThe second solution, $x = -3$, does not satisfy the domain.", "4", True),
        ("The width is $\\boxed{4}$ (the root $-3$ is not a possible width).", "4", True),
        ("The width is $\\boxed{4}$ (the root $-3$ is invalid here).", "4", True),
        ("The width is $\\boxed{4}$ (the root $-3$ might be valid too).", "4", False),
        ("The width is $\\boxed{4}$ (but $4$ is not valid).", "4", False),
    ]
    judge(cases)


def test_a_recap_list_or_table_after_the_answer_is_no_candidate() -> None:
    cases: list[Case] = [
        ("$\\boxed{30}$\n\n## Breakdown\n- Pens bought: 12\n- Pens lost: 2\n- Price each: 3", "30", True),
        ("$\\boxed{30}$\n\n| Item | Value |\n|---|---|\n| 10 × 3 | 30 |", "30", True),
        ("$\\boxed{30}$\n\n- Answer: 31", "30", False),
        ("$\\boxed{30}$\n\n- Alternative: 31", "30", False),
        ("$\\boxed{30}$\n\n## Other reading\n\n31", "30", False),
        ("$\\boxed{30}$\n\n- maybe 31", "30", False),
    ]
    judge(cases)


def test_a_reason_after_the_unit_of_a_box_is_no_part_of_its_value() -> None:
    cases: list[Case] = [
        ("The volume is $\\boxed{60}$ cubic cm, since the box measures 3 by 4 by 5.", "60", True),
        ("She earns $\\boxed{45}$ dollars, because she works 5 hours at 9 dollars an hour.", "45", True),
        ("The volume is $\\boxed{60}$ cubic cm, since 61 is equally valid.", "60", False),
        ("The volume is $\\boxed{60}$ cubic cm, because maybe 61 works too.", "60", False),
        ("The volume is $\\boxed{60}$ cubic cm, since I am not sure.", "60", False),
    ]
    judge(cases)
