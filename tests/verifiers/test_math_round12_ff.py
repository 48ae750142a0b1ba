"""Correct answers the grader failed (the open false fails of the earlier rounds), by mechanism: each class with
new cases of its own and the near-miss wrong or hedged answers of the class that must keep failing."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from cpu_budget import cpu_limit

sys.path.insert(0, str(Path(__file__).parent))
from redteam import Case, judge  # noqa: E402

# ---------------------------------------------------------------- scientific notation with exponent 0 (number mode)

EXPONENT_ZERO: list[Case] = [
    (r"\boxed{23 \times 10^{0}}", "23", True),
    (r"\boxed{230\cdot10^0}", "230", True),
    ("23e0", "23", True),
    (r"\boxed{0.5\times 10^{0}}", "0.5", True),
    (r"\boxed{24\cdot 10^0}", "23", False),
    (r"\boxed{23\cdot 10^1}", "23", False),
    (r"\boxed{230 \times 10^{-1}}", "23", False),  # a shift of the point left to do
    (r"\boxed{2300e-2}", "23", False),
]


def test_a_power_of_ten_to_the_zero_shifts_nothing() -> None:
    judge(EXPONENT_ZERO, answer_form="number")


# ---------------------------------------------------------------- set-builder notation without braces

SET_BUILDER: list[Case] = [
    (r"\boxed{t \in \mathbb{R},\ -1 < t < 3}", "(-1,3)", True),
    (r"\boxed{x \ge 2,\ x \in \mathbb{R}}", r"[2,\infty)", True),
    (r"\boxed{x \in \R \mid x \geq 2}", r"[2,\infty)", True),
    (r"\boxed{x \in \mathbb{R} : x < 0}", r"(-\infty, 0)", True),
    (r"\boxed{x \in \mathbb{R},\ x > 2}", r"[2,\infty)", False),
    (r"\boxed{x \in \mathbb{Z},\ x \ge 2}", r"[2,\infty)", False),  # another domain changes the set
    (r"\boxed{y \in \mathbb{R},\ x \ge 2}", r"[2,\infty)", False),  # a domain of another variable
    (r"\boxed{x \in \mathbb{R}}", r"[2,\infty)", False),
]


def test_unbraced_set_builder_is_the_set_its_condition_names() -> None:
    judge(SET_BUILDER)


# ---------------------------------------------------------------- clock times in words

CLOCK_WORDS: list[Case] = [
    ("It is a quarter past three.", "3:15", True),
    ("The time is a quarter to three.", "2:45", True),
    ("It starts at 3 pm.", r"3:00 \text{ PM}", True),
    (r"\boxed{3 \text{ PM}}", "15:00", True),
    ("It is three o'clock.", "3:00", True),
    (r"\boxed{12 \text{ noon}}", r"12:00 \text{ PM}", True),
    ("It is half past two p.m.", "2:30", True),
    ("It is half past three.", "2:30", False),
    ("It is a quarter past three.", "2:45", False),
    (r"\boxed{3 \text{ AM}}", r"3:00 \text{ PM}", False),
    (r"\boxed{12 \text{ noon}}", r"12:00 \text{ AM}", False),
    ("Half past two or three.", "2:30", False),
    (r"\boxed{20 \text{ to } 5}", "4:40", False),  # digits before "to" are a ratio or a range
    (r"\boxed{5 \text{ noon}}", "5:00", False),
]


def test_clock_times_in_words() -> None:
    judge(CLOCK_WORDS)


# ---------------------------------------------------------------- \min and \max name the quantity

EXTREME_LABELS: list[Case] = [
    (r"$\boxed{\max f = 5}$", "5", True),
    (r"The least value is $\min S = 5$.", "5", True),
    (r"$\boxed{\max(2, 5) = 5}$", "5", True),
    (r"$\boxed{\min n = 6}$", "5", False),
    (r"$\boxed{\min n \ge 5}$", "5", False),
    (r"$\boxed{\min n = 5 \text{ or } 6}$", "5", False),
]


def test_a_min_or_max_label_states_its_value() -> None:
    judge(EXTREME_LABELS)


# ---------------------------------------------------------------- a justification after the answer

JUSTIFIED: list[Case] = [
    (r"Hence $\boxed{6}$ (as $3! = 6$).", "6", True),
    (r"So $\boxed{7}$ because $3! + 1 = 7$.", "7", True),
    (r"So there are $\boxed{7}$ ways (by the formula above).", "7", True),
    (r"The area is $\boxed{12}$ square units (since $3 \cdot 4 = 12$).", "12", True),
    (r"So there are $\boxed{7}$ ways (by the formula above).", "7", True),
    (r"Hence $\boxed{6}$ (or $3! + 1 = 7$).", "6", False),
    (r"So there are $\boxed{7}$ ways (using the formula above, or maybe 8).", "7", False),
    (r"So there are $\boxed{7}$ ways (using the formula above) or 8.", "7", False),
    (r"So there are $\boxed{7}$ ways or more (by the formula above).", "7", False),
    (r"The area is $\boxed{12}$ square units (if $x = 3$).", "12", False),
    (r"She has $\boxed{12}$ apples (13 if you count the rotten one).", "12", False),
    (r"Hence $\boxed{7}$ (because $3! + 1 = 7$). Or maybe 8!", "7", False),
]


def test_a_justification_after_the_answer_leaves_it() -> None:
    judge(JUSTIFIED)


# ---------------------------------------------------------------- a rejected value after the answer

REJECTED: list[Case] = [
    ("\\boxed{5}\n\nYou might think it is 6, but the last row is empty.", "5", True),
    ("\\boxed{5}\n\nIt is tempting to answer 6, but that ignores the empty row.", "5", True),
    ("\\boxed{5}\n\nA typical error is 6.", "5", True),
    ("\\boxed{5}. A typical error is 6.", "5", True),
    ("The answer is 5.\n\nA typical error is 6.", "5", True),
    ("\\boxed{5}\n\nYou might think it is 6, but it could also be 6.", "5", False),
    ("\\boxed{5}\n\nYou might think it is 6, and it may be.", "5", False),
    ("\\boxed{5}\n\nOne might think the answer is 6, but 6 is also right.", "5", False),
    ("\\boxed{5}\n\nCommon wrong answer: 6 or 5.", "5", False),
    ("\\boxed{5}\n\nCommon wrong answer: 5.", "5", False),  # the answer itself named wrong
    ("\\boxed{5}\n\nYou might think it is 6.", "5", False),  # no rejection
    ("\\boxed{5}\n\nA common answer is 6.", "5", False),
    ("\\boxed{5}\n\nCommon wrong answer: 6. But honestly it might be 6.", "5", False),
    ("\\boxed{5}\n\nCommon wrong answer: 6.", "6", False),
]


def test_a_value_named_only_to_be_rejected_adds_nothing() -> None:
    judge(REJECTED)


def test_rejected_values_are_read_in_linear_time() -> None:
    from rlvr.verifiers.extract import extract

    for text in ("One might think the answer is 11, but " * 20_000, "Common wrong answer: 6. " * 20_000):
        t0 = time.process_time()
        extract("\\boxed{5}\n\n" + text)
        assert time.process_time() - t0 < cpu_limit()


@pytest.mark.parametrize(
    "text",
    ["$\\boxed{1}$ (because $3!$) " * 20_000, "\\boxed{" + "x+" * 200_000 + "1}"],
    ids=["boxes_with_factorials", "long_box"],
)
def test_the_sentence_after_a_box_is_found_in_linear_time(text: str) -> None:
    from rlvr.verifiers.extract import extract

    t0 = time.process_time()
    extract(text)
    assert time.process_time() - t0 < cpu_limit()


# ---------------------------------------------------------------- a whole hour with am/pm answers the hour

HOURS: list[Case] = [
    (r"\boxed{5 \text{ AM}}", "5", True),
    ("The alarm rings at 5 pm.", "17", True),
    ("The alarm rings at 5 pm.", "5", True),
    (r"\boxed{12 \text{ AM}}", "0", True),
    (r"\boxed{5 \text{ AM}}", "6", False),
    (r"\boxed{5 \text{ AM}}", "17", False),
    (r"\boxed{5:30 \text{ AM}}", "5", False),
    (r"\boxed{5:00}", "5", False),  # without am/pm also a ratio
]


def test_a_whole_hour_with_its_half_of_the_day_answers_the_hour() -> None:
    judge(HOURS)


# ---------------------------------------------------------------- an ordinal and the noun it numbers

ORDINALS: list[Case] = [
    ("The answer is the 5th term.", "5", True),
    ("The answer is the \\boxed{5}th term.", "5", True),
    ("She finished in \\boxed{3^{\\text{rd}}} place.", "3", True),
    ("The answer is the 5th term.", "4", False),
    ("The answer is the 5th or 6th term.", "5", False),
    ("The answer is the 5th term or later.", "5", False),
    ("The answer is the 5th term squared.", "5", False),
]


def test_an_ordinal_before_the_noun_it_numbers_is_its_number() -> None:
    judge(ORDINALS)


# ---------------------------------------------------------------- a fraction set with a raised numerator

SPLIT_FRACTIONS: list[Case] = [
    (r"\boxed{{}^{3}/_{4}}", r"\frac34", True),
    (r"\boxed{2^1/_2}", r"\frac52", True),
    (r"\boxed{^{1}/_{2}}", "0.5", True),
    (r"\boxed{^1/_3}", r"\frac12", False),
    (r"\boxed{x^1/_2}", r"\frac12", False),
]


def test_a_fraction_with_a_raised_numerator_and_lowered_denominator() -> None:
    judge(SPLIT_FRACTIONS)


# ---------------------------------------------------------------- a rate "in an hour"

RATES_IN: list[Case] = [
    ("The pump moves \\boxed{5} liters in one minute.", "5", True),
    (r"The train travels $\boxed{5}$ miles in an hour.", r"5 \text{ miles per hour}", True),
    (r"The train travels $\boxed{5}$ miles every hour.", r"5 \text{ mph}", True),
    (r"The train travels $\boxed{5}$ miles in 2 hours.", "5", False),
    (r"The train travels $\boxed{5}$ miles in an hour.", r"5 \text{ miles per day}", False),
    (r"The train travels $\boxed{5}$ miles in an hour or two.", "5", False),
    (r"The train travels $\boxed{6}$ miles in an hour.", "5", False),
]


def test_a_quantity_in_one_unit_of_time_is_a_rate() -> None:
    judge(RATES_IN)


# ---------------------------------------------------------------- a measure named before its value

MEASURES: list[Case] = [
    ("The triangle has area $12$.", "12", True),
    ("The square has an area of $12$.", "12", True),
    ("The rectangle has perimeter $20$ cm.", "20", True),
    ("The triangle has area $13$.", "12", False),
    ("The triangle has area $12$ or $13$.", "12", False),
    ("The triangle has area at least $12$.", "12", False),
    ("The triangle has no area $12$.", "12", False),
]


def test_a_measure_named_before_its_value() -> None:
    judge(MEASURES)


# ---------------------------------------------------------------- an ordinal after the answer names no value

ORDINAL_DESCRIPTORS: list[Case] = [
    ("She put \\boxed{5} apples into the 3rd basket.", "5", True),
    ("The pay is \\boxed{18} dollars on the 2nd day.", "18", True),
    ("She put \\boxed{5} apples into the 3rd basket, maybe 6.", "5", False),
    ("She has \\boxed{5} apples on the 3rd shelf or 6.", "5", False),
    ("She put \\boxed{6} apples into the 3rd basket.", "5", False),
    ("She has \\boxed{5} apples in 3 baskets.", "5", False),  # a cardinal is another value
    ("\\boxed{5} to the 3rd", "5", False),  # an ordinal exponent: 5 cubed
    ("\\boxed{5} apples to the 3rd power", "5", False),
]


def test_an_ordinal_after_the_answer_names_no_other_value() -> None:
    judge(ORDINAL_DESCRIPTORS)


# ---------------------------------------------------------------- the positive integers by name, symbol or list

INTEGER_SETS: list[Case] = [
    (r"\boxed{\mathbb{Z}_{>0}}", r"\mathbb{Z}^+", True),
    (r"\boxed{\{1, 2, 3, \dots\}}", r"\mathbb{Z}^+", True),
    ("The answer is all positive integers.", r"\mathbb{N}^*", True),
    (r"\boxed{0, 1, 2, \ldots}", r"\mathbb{Z}_{\ge 0}", True),
    (r"\boxed{\mathbb{N}}", r"1,2,3,\ldots", False),  # whether N holds 0 is a convention
    (r"\boxed{\mathbb{Z}}", r"1,2,3,\ldots", False),
    (r"\boxed{\text{all integers}}", r"\mathbb{Z}^+", False),
    (r"\boxed{0, 1, 2, \ldots}", r"\mathbb{Z}^+", False),
    (r"\boxed{1, 2, 3}", r"\mathbb{Z}^+", False),
    (r"\boxed{\mathbb{Z}_{\ge 0}}", r"\mathbb{Z}^+", False),
    (r"\boxed{\text{all positive integers except } 1}", r"\mathbb{Z}^+", False),
]


def test_the_positive_integers_by_name_symbol_or_list() -> None:
    judge(INTEGER_SETS)


# ---------------------------------------------------------------- cis

CIS: list[Case] = [
    (r"\boxed{12\,\text{cis}(\pi)}", "-12", True),
    (r"\boxed{2\operatorname{cis}(\pi/2)}", "2i", True),
    (r"\boxed{2\,\mathrm{cis}\left(\frac{\pi}{4}\right)}", r"\sqrt2+\sqrt2 i", True),
    (r"\boxed{12\,\text{cis}(\pi)}", "12", False),
    (r"\boxed{2\operatorname{cis}(\pi/2)}", "2", False),
]


def test_cis_is_cos_plus_i_sin() -> None:
    judge(CIS)
