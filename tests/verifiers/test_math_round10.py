"""Eighth outside round, false-pass side: sums, integrals and limits under the cost budget, subscripts on numerals,
indeterminate forms, and strike forms by the renderer's rule. Each rule both ways: the trick fails, its honest
neighbour still passes."""

from __future__ import annotations

import time

import pytest

from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def v() -> MathVerifier:
    verifier = MathVerifier(timeout_s=5.0)
    verifier.verify_batch(
        [r"\boxed{\int_0^1 x\,dx}", r"\boxed{\sin^2 x+\cos^2 x}"], [r"\frac12", "1"]
    )  # start the worker and import sympy before timing
    return verifier


def passes(v: MathVerifier, completion: str, gold: str, **opts: object) -> bool:
    verifier = MathVerifier(timeout_s=5.0, **opts) if opts else v  # type: ignore[arg-type]
    return verifier.verify_batch([completion], [gold])[0].passed


# ---------------------------------------------------------------- cost budget: sums, integrals, limits


@pytest.mark.parametrize(
    ("answer", "gold"),
    [
        (r"\boxed{\sum_{k=1}^{9999999}\frac1k}", "5"),
        (r"\boxed{\sum_{k=1}^{9999} k^{9999}}", "5"),
        (r"\boxed{\sum_{k=1}^{50000} \cos(k)}", "3"),
        (r"\boxed{\sum_{j=2}^{77777} \frac{1}{j^3}}", r"\frac{1}{5}"),
        (r"\boxed{\int_0^1 x^{1000}e^x\,dx}", "5"),
        (r"\boxed{\int_0^2 x^{700}(2-x)^{300}\,dx}", "7"),
        (r"\boxed{\int_0^1 \sum_{k=1}^{50} x^k\,dx}", "4"),
        (r"\boxed{\lim_{x\to 0}\frac{(1+x)^{5000}-1}{x}}", "6"),
        (r"\boxed{\sum_{k=1}^{9999}\binom{9999}{k}}", "2^{9999}-1"),
        (r"\boxed{\sum_{k=0}^{300} y^k}", r"\frac{y^{301}-1}{y-1}"),
    ],
)
def test_costly_sums_integrals_and_limits_are_refused_fast(v: MathVerifier, answer: str, gold: str) -> None:
    t0 = time.perf_counter()
    result = v.verify_batch([answer], [gold])[0]
    assert time.perf_counter() - t0 < 0.5
    assert not result.passed


@pytest.mark.parametrize(
    ("answer", "gold"),
    [
        (r"\boxed{\sum_{k=1}^{10} k}", "55"),
        (r"\boxed{\sum_{k=1}^{4}\frac{1}{k}}", r"\frac{25}{12}"),
        (r"\boxed{\sum_{k=1}^{n} k}", r"\frac{n(n+1)}{2}"),
        (r"\boxed{\sum_{k=0}^{3} x^k}", "1+x+x^2+x^3"),
        (r"\boxed{\int_0^1 x^2\,dx}", r"\frac13"),
        (r"\boxed{\lim_{x\to 0}\frac{\sin x}{x}}", "1"),
    ],
)
def test_small_sums_integrals_and_limits_still_pass(v: MathVerifier, answer: str, gold: str) -> None:
    assert passes(v, answer, gold)
