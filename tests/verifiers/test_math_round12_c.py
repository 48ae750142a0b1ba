"""Eleventh outside round, values and notation: rate units keep their denominator, absolute-value bars in prose,
sets of sets, percents with vulgar fractions, degrees-minutes-seconds, scientific notation before a unit, numeral
characters and minus signs, labels that open a box's math span, and integrals, sums and limits compared by their
parts. Each rule both ways: the right form passes, its wrong neighbour still fails."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.lexicon import unit_name
from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def v() -> MathVerifier:
    verifier = MathVerifier(timeout_s=5.0)
    verifier.verify_batch([r"\boxed{\sqrt{x^2}}"], ["|x|"])  # start the worker and import sympy
    return verifier


def passes(v: MathVerifier, completion: str, gold: str) -> bool:
    return v.verify_batch([completion], [gold])[0].passed


# ---------------------------------------------------------------- rate units


@pytest.mark.parametrize(
    ("text", "gold", "ok"),
    [
        ("The boat moves at 12 m/min.", r"12\text{ m}", False),
        ("She types 40 words/hr.", r"40\text{ words}", False),
        ("The tank fills at 3 gallons/sec.", r"3\text{ gallons}", False),
        ("The car does 9 miles/L.", r"9\text{ miles}", False),
        ("The answer is $7$ ft/sec.", r"7\text{ ft}", False),
        (r"\boxed{4 km/h}", r"4\text{ km}", False),
        ("The boat moves at 12 m/min.", r"12\text{ m/min}", True),
        ("The train runs at 80 kilometres/hr.", r"80\text{ km/h}", True),
        ("The train runs at 80 kmph.", r"80\text{ km/h}", True),
        ("He cycles at 15 miles/hour.", r"15\text{ mph}", True),
        ("The train runs at 80 km/hr.", r"80\text{ mph}", False),
        (r"\boxed{4 km/h}", r"4\text{ km/h}", True),
        ("Use 3 tbsp.", r"3\text{ tablespoons}", True),
        ("Use 3 tsp.", r"3\text{ tablespoons}", False),
        ("The gap is 8 μm.", r"8\,\mu\text{m}", True),
        ("The gap is 8 μm.", r"8\text{ mm}", False),
    ],
)
def test_rate_units_keep_their_denominator(v: MathVerifier, text: str, gold: str, ok: bool) -> None:
    assert passes(v, text, gold) is ok


def test_unit_grammar_names_rates_canonically() -> None:
    assert unit_name("miles/hr") == unit_name("mph") == "mph"
    assert unit_name("km/hr") == unit_name("kmph") == "km/h"
    assert unit_name("cm/s") == "cm/s"
    assert unit_name("xyzph") is None


# ---------------------------------------------------------------- absolute values in prose


@pytest.mark.parametrize(
    ("text", "gold", "ok"),
    [
        ("The distance is |3-10|.", "7", True),
        ("The distance is |3-10|.", "-7", False),
        ("Answer: |-12|", "12", True),
        ("Answer: |-12|", "-12", False),
        ("So the result is |y|.", "y", False),
        ("So the result is |y|.", r"\sqrt{y^2}", True),
        ("| Answer | 12 |", "12", True),
    ],
)
def test_absolute_value_bars_after_an_answer_phrase(v: MathVerifier, text: str, gold: str, ok: bool) -> None:
    assert passes(v, text, gold) is ok


# ---------------------------------------------------------------- sets of sets


@pytest.mark.parametrize(
    ("text", "gold", "ok"),
    [
        (r"\boxed{\{\{2\}, \{3\}\}}", r"\{2,3\}", False),
        (r"\boxed{\{\{7\}\}}", "7", False),
        (r"\boxed{\{\{7\}\}}", r"\{7\}", False),
        (r"\boxed{\{\emptyset, \{1\}\}}", r"\{1\}", False),
        (r"The answer is $(\{3\}, \{4\})$.", "(3,4)", False),
        (r"\boxed{\{\{2\}, \{3\}\}}", r"\{\{3\},\{2\}\}", True),
        (r"\boxed{\{7\}}", "7", True),
        (r"\boxed{\{2,3\}}", r"\{3,2\}", True),
    ],
)
def test_a_set_member_that_is_a_set_equals_only_a_set(v: MathVerifier, text: str, gold: str, ok: bool) -> None:
    assert passes(v, text, gold) is ok


# ---------------------------------------------------------------- percents, angles, scientific notation


@pytest.mark.parametrize(
    ("text", "gold", "ok"),
    [
        ("The discount is 37½%.", "0.375", True),
        ("The discount is 37½ %.", r"\frac38", True),
        ("The discount is 37½%.", "0.0375", False),
        ("The angle is 45°15'.", r"45.25^\circ", True),
        ("The angle is 45° 15′ 36″.", r"45.26^\circ", True),
        ("The angle is 45°15'.", r"45.15^\circ", False),
        ("The angle is 12.75°.", r"12^\circ 45'", True),
        ("The angle is 12.5°.", r"12^\circ 45'", False),
        ("The mass is 6 × 10⁻³ kg.", r"0.006\text{ kg}", True),
        ("The mass is 6 × 10⁻³ kg.", r"0.006\text{ g}", False),
        ("The distance is 1.5 × 10⁸ km.", r"1.5 \times 10^8 \text{ km}", True),
        ("The distance is 1.5 × 10⁷ km.", r"1.5 \times 10^8 \text{ km}", False),
    ],
)
def test_percent_degree_and_scientific_forms(v: MathVerifier, text: str, gold: str, ok: bool) -> None:
    assert passes(v, text, gold) is ok


# ---------------------------------------------------------------- numeral characters and minus signs


@pytest.mark.parametrize(
    ("text", "gold", "ok"),
    [
        ("The answer is ❼.", "7", True),
        ("The answer is ➆.", "7", True),
        ("The answer is ⑦.", "7", True),
        ("The answer is ❼.", "6", False),
        ("The answer is ➖3.", "-3", True),
        ("The answer is ˗3.", "3", False),
        ("The answer is ⁷⁄₄.", "1.75", True),
        ("The answer is ⁷⁄₄.", "1.5", False),
        ("The area is 5 m².", "5", True),
    ],
)
def test_numeral_characters_and_minus_signs(v: MathVerifier, text: str, gold: str, ok: bool) -> None:
    assert passes(v, text, gold) is ok


# ---------------------------------------------------------------- a label opening the box's math span


@pytest.mark.parametrize(
    ("text", "gold", "ok"),
    [
        (r"Since $g(1) = 2$, the answer is $g(4) = \boxed{11}$.", "11", True),
        (r"With $n=2$, the answer is $2n + 7 = \boxed{11}$.", "11", True),
        (r"The answer is $g(4) = \boxed{11}$.", "4", False),
        (r"The answer is $g(4) = \boxed{11}$.", "12", False),
    ],
)
def test_label_before_a_box_after_an_answer_phrase(v: MathVerifier, text: str, gold: str, ok: bool) -> None:
    assert passes(v, text, gold) is ok


# ---------------------------------------------------------------- integrals, sums, limits by their parts


@pytest.mark.parametrize(
    ("text", "gold", "ok"),
    [
        (r"\boxed{\int_0^2 x^{30}e^{x^3}\,dx}", r"\int_0^2 e^{x^3}x^{30}\,dx", True),
        (r"\boxed{\int_0^2 t^{30}e^{t^3}\,dt}", r"\int_0^2 e^{x^3}x^{30}\,dx", True),
        (r"\boxed{\int_0^3 x^{30}e^{x^3}\,dx}", r"\int_0^2 e^{x^3}x^{30}\,dx", False),
        (r"\boxed{\int \frac{1}{x^7+2}\,dx}", r"\int \frac{1}{2+x^7}\,dx", True),
        (r"\boxed{\int \frac{1}{t^7+2}\,dt}", r"\int \frac{1}{2+x^7}\,dx", False),
        (r"\boxed{\sum_{j=1}^{\infty}\frac{1}{j^{9}}}", r"\sum_{m=1}^{\infty}\frac{1}{m^{9}}", True),
        (r"\boxed{\sum_{j=2}^{\infty}\frac{1}{j^{9}}}", r"\sum_{m=1}^{\infty}\frac{1}{m^{9}}", False),
        (
            r"\boxed{\lim_{x\to 0}\frac{\tan(\sin x)-\sin(\tan x)}{x^9}}",
            r"\lim_{t\to 0}\frac{\tan(\sin(t))-\sin(\tan(t))}{t^{9}}",
            True,
        ),
        (r"\boxed{(a+b+c+d+e+f)^{30}}", r"(f+e+d+c+b+a)^{30}", True),
    ],
)
def test_big_operators_compare_by_their_parts(v: MathVerifier, text: str, gold: str, ok: bool) -> None:
    start = time.process_time()
    assert passes(v, text, gold) is ok
    if ok:
        assert time.process_time() - start < cpu_limit()


# ---------------------------------------------------------------- links, repeating bars, repeated roots, powers of ten


@pytest.mark.parametrize(
    ("text", "gold", "ok"),
    [
        ("The answer is [12](https://example.org/13).", "12", True),
        ("The answer is [13](https://example.org/12).", "12", False),
        ("The answer is 0.1̄.", r"\frac19", True),
        ("The answer is 0.1̄.", r"\frac1{10}", False),
        ("The double root is 4 and 4.", "4", True),
        ("The roots are 4 and 3.", "4", False),
        ("The answer is 2.5 x 10 ^ -2.", "0.025", True),
        ("The answer is 2.5×10^(4).", "25000", True),
        ("The answer is 2.5×10^(4).", "2500", False),
    ],
)
def test_links_bars_repeats_and_powers_of_ten(v: MathVerifier, text: str, gold: str, ok: bool) -> None:
    assert passes(v, text, gold) is ok


@pytest.mark.parametrize(
    ("text", "gold", "ok"),
    [
        ("4.5 mn", "4500000", True),
        ("The answer is $4.5mn.", "4500000", True),
        ("7.1 bn", "7100000000", True),
        ("7.1 bn", "710000000", False),
        ("The answer is 5 k.", "5000", False),
    ],
)
def test_magnitude_suffixes_mn_and_apart(v: MathVerifier, text: str, gold: str, ok: bool) -> None:
    assert passes(v, text, gold) is ok
