"""The math verifier end to end: extraction + equivalence in worker processes, limits, safety, threads."""

from __future__ import annotations

import multiprocessing
import random
import threading
import time
from pathlib import Path

import pytest

from rlvr.verifiers.math import MathVerifier, gold_answers


@pytest.fixture(scope="module")
def verifier() -> MathVerifier:
    return MathVerifier(timeout_s=3.0)


@pytest.mark.parametrize(
    ("completion", "reference", "passed", "extracted"),
    [
        (r"We get \boxed{\frac{\sqrt2}{2}}.", r"\frac{1}{\sqrt{2}}", True, r"\frac{\sqrt2}{2}"),
        (r"So \boxed{x^2-1}", "(x-1)(x+1)", True, "x^2-1"),
        (r"\boxed{\frac{1}{2^{99}}}", r"\frac{1}{2^{98}}", False, r"\frac{1}{2^{99}}"),
        (r"\boxed{1-\frac{1}{e}}", r"1+\frac{1}{e}", False, r"1-\frac{1}{e}"),
        ("<think>it is 7</think><answer>8</answer>", "8", True, "8"),
        ("<think>it is 7</think><answer>8</answer>", "7", False, "8"),
        ("Janet makes 18 dollars.\n#### 18", "#### 18", True, "18"),
        ("The answer is (C).", r"\text{(C)}", True, "C"),
        ("Final Answer: The final answer is $\\{1,2\\}$. I hope it is correct.", r"\{2,1\}", True, r"\{1,2\}"),
        ("It costs $1,250,000 in total", "1250000", True, "$1,250,000"),
        ("The answer is $2$ or $3$.", "2", False, "$2$ or $3$"),
        (r"\boxed{3} % \boxed{2}", "2", False, "3"),
        ("<answer>not 2</answer>", "2", False, "not 2"),
        (r"\boxed{5\text{ cm}}", r"5 \text{ m}", False, r"5\text{ cm}"),
        (r"(a) \boxed{12} (b) \boxed{7}", r"For (a) $\boxed{12}$, for (b) $\boxed{7}$.", True, "12; 7"),
        (r"\boxed{50\%}", "0.5", True, r"50\%"),
        (r"\boxed{(2,\infty)}", "x > 2", True, r"(2,\infty)"),
    ],
)
def test_verify(verifier: MathVerifier, completion: str, reference: str, passed: bool, extracted: str) -> None:
    r = verifier.verify(completion, reference)
    assert (r.passed, r.score, r.status, r.extracted) == (passed, float(passed), "ok", extracted)


def test_reference_forms() -> None:
    assert gold_answers(r"$\boxed{3}$") == (("math", ("3",)),)
    assert gold_answers("Half of 10 is 5.\n#### 5") == (("math", ("5",)),)
    assert gold_answers(r"The roots are $\boxed{2}$ and $\boxed{-3}$.") == (("math", ("2", "-3")),)
    assert gold_answers(7) == (("math", ("7",)),)
    assert gold_answers(["1", 0.5]) == (("math", ("1",)), ("math", ("0.5",)))
    for bad in (None, "", "  ", True):
        with pytest.raises(ValueError):
            gold_answers(bad)


def test_any_of_several_golds(verifier: MathVerifier) -> None:
    assert verifier.verify(r"\boxed{\frac{\pi}{6}}", [r"30^\circ", "x"]).passed
    assert not verifier.verify(r"\boxed{4}", ["1", "2"]).passed


def test_statuses(verifier: MathVerifier) -> None:
    none = verifier.verify("I do not know.", "3")
    assert (none.status, none.score, none.extracted) == ("no_answer", 0.0, None)
    truncated = verifier.verify(r"the answer is \boxed{12", "12")
    assert (truncated.status, truncated.passed) == ("no_answer", False)
    bad_ref = verifier.verify(r"\boxed{1}", None)
    assert bad_ref.status == "error" and "reference" in bad_ref.error
    assert verifier.verify(123, "1").status == "error"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("completion", "statuses"),
    [
        (r"\boxed{2^{2^{2^{100}}}}", {"error"}),
        ("\\boxed{" + "{" * 10_000 + "1" + "}" * 10_000 + "}", {"error"}),
        ("\\boxed{" + "x+" * 500_000 + "1}", {"error"}),
        ("9" * 1_000_000, {"error", "no_answer"}),
        (r"\boxed{1e999999999}", {"error"}),
        ("The choice is" + " " * 1_000_000 + "(", {"no_answer"}),
        ("Answer:" + " \t" * 500_000, {"no_answer"}),
    ],
    ids=["tower", "nested_braces", "long_box", "megabyte", "huge_exponent", "choice_whitespace", "answer_whitespace"],
)
def test_pathological_input_is_bounded(completion: str, statuses: set[str]) -> None:
    """Zero reward within the limit plus the reply's overhead; reading the completion is inside the limit too, so a
    reading that overruns it is a timeout."""
    v = MathVerifier(timeout_s=2.0)
    assert v.verify(r"\boxed{\sqrt{2}}", r"\sqrt{2}").passed  # workers started (a replacement starts outside limits)
    t0 = time.perf_counter()
    r = v.verify(completion, r"\sqrt{2}")
    assert r.status in statuses | {"timeout"} and not r.passed and r.score == 0.0
    assert time.perf_counter() - t0 < 2.0 + 1.5  # the limit plus reply overhead
    assert v.verify(r"\boxed{\sqrt{2}}", r"\sqrt{2}").passed  # the pool still works afterwards


INJECTIONS = [
    "__import__('os').system('touch {m}')",
    "eval(\"__import__('os').system('touch {m}')\")",
    "exec('import os; os.system(\"touch {m}\")')",
    "(lambda: __import__('os').system('touch {m}'))()",
    "\\text{__import__('os').system('touch {m}')}",
    "x=__import__('subprocess').call(['touch','{m}'])",
    "open('{m}','w').write('x')",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_model_text_is_never_executed(verifier: MathVerifier, tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "pwned"
    text = payload.replace("{m}", str(marker))
    for completion, reference in ((f"\\boxed{{{text}}}", "0"), (f"Answer: {text}", "1"), ("\\boxed{0}", text)):
        r = verifier.verify(completion, reference)
        assert not (r.passed and reference != text)
    time.sleep(0.2)
    assert not marker.exists()


def test_verify_from_a_thread(verifier: MathVerifier) -> None:
    out: dict[str, object] = {}

    def work() -> None:
        out["ok"] = verifier.verify(r"\boxed{\sqrt{8}}", r"2\sqrt{2}")
        out["slow"] = MathVerifier(timeout_s=1.0).verify(r"\boxed{2^{2^{2^{100}}}}", "3")

    t = threading.Thread(target=work)
    t.start()
    t.join(30)
    assert out["ok"].passed  # type: ignore[attr-defined]
    assert out["slow"].status in ("timeout", "error")  # type: ignore[attr-defined]


def test_concurrent_threads_share_the_pool(verifier: MathVerifier) -> None:
    results: list[bool] = []

    def work(k: int) -> None:
        results.append(verifier.verify(rf"\boxed{{\sqrt{{{k * k}}}}}", str(k)).passed)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(2, 8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == [True] * 6


def test_inside_a_daemonic_worker_process() -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:  # multiprocessing pool workers are daemonic
        v = MathVerifier(timeout_s=2.0)
        good = pool.apply(v.verify, (r"\boxed{\frac{\sqrt{2}}{2}}", r"\frac{1}{\sqrt2}"))
        slow = pool.apply(v.verify, (r"\boxed{2^{2^{2^{100}}}}", "3"))
    assert good.passed
    assert slow.status in ("timeout", "error") and not slow.passed


def test_batch_keeps_order_and_decides_each(verifier: MathVerifier) -> None:
    completions = [rf"\boxed{{\sqrt{{{k}}}}}" for k in range(1, 21)]
    references = [str(k**0.5) if k in (1, 4, 9, 16) else rf"\sqrt{{{k + (k % 2)}}}" for k in range(1, 21)]
    got = [r.passed for r in verifier.verify_batch(completions, references)]
    assert got == [k in (1, 4, 9, 16) or k % 2 == 0 for k in range(1, 21)]
    with pytest.raises(ValueError):
        verifier.verify_batch(["1", "2"], ["1"])


@pytest.mark.parametrize(
    "kwargs",
    [
        {"timeout_s": 0},
        {"timeout_s": "x"},
        {"timeout_s": float("nan")},
        {"timeout_s": float("inf")},  # overflowed the OS's wait call: every line an error
        {"timeout_s": 3_000_000},  # past what the OS wait calls take (2**31 - 1 ms)
        {"min_sig_digits": 0},
        {"workers": 0},
        {"workers": 1000},  # a thousand interpreters started for one line
    ],
)
def test_config_validation(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        MathVerifier(**kwargs)  # type: ignore[arg-type]


def test_inside_forked_pool_workers() -> None:
    v = MathVerifier(timeout_s=2.0)
    assert v.verify(r"\boxed{\sqrt{2}}", r"\frac{2}{\sqrt2}").passed  # the parent's pool exists before the fork
    with multiprocessing.get_context("fork").Pool(2) as pool:
        out = pool.starmap(v.verify, [(r"\boxed{\sqrt{8}}", r"2\sqrt2"), (r"\boxed{x^2}", r"x\cdot x")])
    assert [r.passed for r in out] == [True, True]


PIECES = [
    r"\boxed{",
    "}",
    "{",
    "$",
    "$$",
    r"\(",
    r"\)",
    r"\[",
    r"\]",
    "x",
    "2",
    "0",
    ".",
    ",",
    "=",
    "<",
    r"\ne",
    r"\frac",
    "^",
    "_",
    "(",
    ")",
    "[",
    r"\{",
    r"\}",
    r"\text{",
    " or ",
    " more",
    "%",
    r"^\circ",
    r"\pm",
    "The answer is ",
    "Final Answer: ",
    "\n",
    r"\begin{pmatrix}",
    r"\end{pmatrix}",
    "&",
    r"\\",
    "<answer>",
    "</answer>",
    "</think>",
    r"\approx",
    "~",
    "-",
    "/",
    "|",
    r"\infty",
    r"\cup",
    " cm",
    " apples",
    "1e5",
    "10^{",
    r"\pi",
    r"\phantom{",
    "<!--",
    r"\left(",
    "1011_2",
    "3:15",
    "...",
]


def test_random_text_never_crashes_or_hangs() -> None:
    rng = random.Random(0)
    comps = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(300)]
    golds = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10))) for _ in comps]
    t0 = time.perf_counter()
    results = MathVerifier(timeout_s=5.0).verify_batch(comps, golds)
    assert time.perf_counter() - t0 < 120
    for r in results:
        assert r.status in ("ok", "no_answer", "error") and (r.passed is False or r.status == "ok")
        if r.status == "error":  # only the documented refusals: a bad gold, the caps, a huge value
            assert any(k in r.error for k in ("bad reference", "exceeds", "nests", "too large", "parts")), r.error


def test_reading_the_completion_is_inside_the_time_limit() -> None:
    """Extraction runs in a worker under ``timeout_s``: a completion that takes longer to read (1 MB of prose,
    about a second) is a timeout after the limit, not a wait in the caller's process."""
    v = MathVerifier(timeout_s=0.05, workers=1)
    assert v.verify(r"\boxed{2}", "2").passed
    t0 = time.perf_counter()
    r = v.verify("We add the numbers one by one. " * 32_000 + r"\boxed{2}", "2")
    assert (r.status, r.passed, r.error) == ("timeout", False, "time limit of 0.05 s exceeded")
    assert time.perf_counter() - t0 < 0.05 + 1.5
