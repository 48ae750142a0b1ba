"""The code verifier: extraction, reference formats, verdicts (hostile completions: tests/sandbox/test_hostile.py)."""

from __future__ import annotations

import json

import pytest

from rlvr.sandbox.base import Limits
from rlvr.sandbox.pool import SandboxPool
from rlvr.verifiers.base import get_verifier
from rlvr.verifiers.code import CodeVerifier, extract_code, parse_reference, same_stdout


@pytest.fixture(scope="module")
def pool() -> SandboxPool:
    p = SandboxPool(workers=2, limits=Limits(wall_s=5, cpu_s=5, memory_mb=512))
    yield p
    p.close()


@pytest.fixture(scope="module")
def verifier(pool: SandboxPool) -> CodeVerifier:
    return CodeVerifier(sandbox=pool, timeout_s=5)


def fenced(code: str, lang: str = "python") -> str:
    return f"Here you go:\n```{lang}\n{code}\n```\nDone."


@pytest.mark.parametrize(
    ("completion", "expected"),
    [
        ("```python\nx = 1\n```\ntext\n```python\nx = 2\n```", "x = 2"),  # last python block
        ("```py\na\n```\n```\nb\n```", "a"),  # a labelled block wins over an unlabeled one
        ("```\nprint(3)\n```", "print(3)"),
        ("Sure!\n```python\ndef f():\n    return 1", "def f():\n    return 1"),  # unclosed (truncated)
        ("def f():\n    return 1\n", "def f():\n    return 1"),  # raw code
        ("```bash\nrm -rf /\n```", None),  # only another language
        ("   \n", None),
        ("I am not sure how to solve this.", None),  # prose
        ("    return x + 1\n", "    return x + 1"),  # a body continuation
        ("```python3\n  indented = 1\n```", "  indented = 1"),
    ],
)
def test_extract_code(completion: str, expected: str | None) -> None:
    assert extract_code(completion) == expected


def test_parse_reference_formats() -> None:
    assert parse_reference("assert f() == 1").mode == "assert"
    he = parse_reference({"test": "def check(candidate):\n    pass", "entry_point": "f", "prompt": "def f():\n"})
    assert he.mode == "assert" and he.tests.endswith("check(__entry_point__)\n") and he.entry_point == "f"
    assert he.prompt == "def f():\n"
    call = parse_reference(json.dumps({"fn_name": "f", "inputs": [[1], 2], "outputs": [1, 2], "timeout_s": 2}))
    assert (call.mode, call.inputs, call.timeout_s) == ("call", [[1], [2]], 2.0)
    io = parse_reference({"stdin": "1\n", "expected_stdout": "2\n", "timeout_s": 1.5})
    assert (io.mode, io.inputs, io.outputs, io.timeout_s) == ("stdio", ["1\n"], ["2\n"], 1.5)
    apps = parse_reference({"input_output": json.dumps({"inputs": ["1\n", "2\n"], "outputs": ["1\n", "4\n"]})})
    assert apps.mode == "stdio" and len(apps.inputs) == 2
    assert parse_reference({"tests": ["assert 1", "assert 2"]}).tests == "assert 1\nassert 2"


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        (42, "dict or a string"),
        ({"fn_name": "f", "inputs": [[1]], "outputs": []}, "equal length"),
        ({"fn_name": "not an id", "inputs": [[1]], "outputs": [1]}, "identifier"),
        ({"stdin": "x"}, "expected_stdout"),
        ({"tests": "x", "timeout_s": -1}, "timeout_s"),
        ({"tests": "x", "timeout_s": 1e9}, "timeout_s"),
        ({"foo": 1}, "needs one of"),
    ],
)
def test_bad_references_are_errors(verifier: CodeVerifier, reference: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_reference(reference)
    res = verifier.verify(fenced("x = 1"), reference)
    assert res.status == "error" and res.score == 0.0 and message in (res.error or "")


def test_same_stdout_ignores_trailing_whitespace_only() -> None:
    assert same_stdout("1 2  \n3\n\n", "1 2\n3")
    assert same_stdout("a\r\nb\r\n", "a\nb\n")
    assert not same_stdout("1  2\n", "1 2\n")
    assert not same_stdout("1\n2\n", "1\n")
    assert not same_stdout(" 1\n", "1\n")


def test_same_stdout_float_tol_compares_numbers_token_by_token() -> None:
    assert same_stdout("0.3333333333333333\n", "0.333333333\n", 1e-6)
    assert same_stdout("2.00\n", "2\n", 1e-6)
    assert same_stdout("0.333333 x 1e3\n10\n", "0.3333333 x 1000\n10.0000001\n", 1e-5)
    assert not same_stdout("2.00\n", "2\n")  # no tolerance declared: exact lines
    assert not same_stdout("0.3334\n", "0.333333333\n", 1e-6)
    assert not same_stdout("0.333333333 yes\n", "0.333333333 no\n", 1e-6)
    assert not same_stdout("0.333333333 0\n", "0.333333333\n", 1e-6)
    assert not same_stdout("inf\n", "1e308\n", 1e-6) and not same_stdout("1_000\n", "1000\n", 1e-6)
    assert not same_stdout("1\n2\n", "1\n", 1e-6)
    assert parse_reference({"stdin": "", "expected_stdout": "2\n", "float_tol": 1e-6}).float_tol == 1e-6
    assert parse_reference({"inputs": ["1"], "outputs": ["2"], "float_tol": 0.5}).float_tol == 0.5


def test_assert_style_verdicts(verifier: CodeVerifier) -> None:
    ref = {"tests": "assert add(1, 2) == 3\nassert add(5, 5) == 10", "timeout_s": 5}
    good = verifier.verify(fenced("def add(a, b):\n    return a + b"), ref)
    assert (good.score, good.passed, good.status) == (1.0, True, "ok")
    assert good.details["tests_passed"] == good.details["tests_total"] == 2
    assert good.extracted == "def add(a, b):\n    return a + b"
    bad = verifier.verify(fenced("def add(a, b):\n    return 3"), ref)
    assert (bad.score, bad.passed, bad.status) == (0.0, False, "ok") and bad.details["failures"]


def test_partial_credit(pool: SandboxPool) -> None:
    v = CodeVerifier(sandbox=pool, partial=True)
    ref = {"tests": "assert add(1, 2) == 3\nassert add(5, 5) == 10\nassert add(0, 3) == 3\nassert add(1, 1) == 2"}
    res = v.verify(fenced("def add(a, b):\n    return 3"), ref)
    assert res.score == pytest.approx(2 / 4) and not res.passed
    io = {"inputs": ["1\n", "2\n", "3\n"], "outputs": ["1\n", "4\n", "10\n"]}
    res = v.verify(fenced("n = int(input())\nprint(n * n)"), io)
    assert res.score == pytest.approx(2 / 3) and not res.passed
    assert get_verifier("code", partial=True, sandbox=pool).partial


def test_humaneval_format_with_prompt_continuation(verifier: CodeVerifier) -> None:
    prompt = 'def inc(x: int) -> int:\n    """Add one."""\n'
    ref = {"prompt": prompt, "test": "def check(candidate):\n    assert candidate(1) == 2\n", "entry_point": "inc"}
    assert verifier.verify("    return x + 1\n", ref).passed  # body only: the prompt is prepended
    assert verifier.verify(fenced("def inc(x):\n    return x + 1"), ref).passed
    assert not verifier.verify(fenced("def inc(x):\n    return x"), ref).passed


def test_call_based_and_stdio(verifier: CodeVerifier) -> None:
    call = {"fn_name": "double", "inputs": [[1], [2.5], ["ab"]], "outputs": [2, 5.0, "abab"]}
    assert verifier.verify(fenced("def double(x):\n    return x * 2"), call).passed
    assert not verifier.verify(fenced("def double(x):\n    return float(x * 2) if x == 1 else x * 2"), call).passed
    io = {"stdin": "3 4\n", "expected_stdout": "7\n", "timeout_s": 5}
    res = verifier.verify(fenced("a, b = map(int, input().split())\nprint(a + b, ' ')"), io)
    assert res.passed and res.details["stdout"] == "7  \n" and res.details["returncode"] == 0
    crash = verifier.verify(fenced("print(7)\nraise SystemExit(1)"), io)
    assert not crash.passed and crash.details["returncode"] == 1


def test_no_code_and_timeouts(verifier: CodeVerifier) -> None:
    assert verifier.verify("   ", {"tests": "assert True"}).status == "no_answer"
    assert verifier.verify("```js\nconsole.log(1)\n```", {"tests": "assert True"}).status == "no_answer"
    slow = verifier.verify(
        fenced("import time\ntime.sleep(10)"), {"stdin": "", "expected_stdout": "", "timeout_s": 0.5}
    )
    assert slow.status == "timeout" and slow.score == 0.0


def test_batch_is_spread_over_the_pool_in_order(verifier: CodeVerifier) -> None:
    comps = [fenced(f"def f():\n    return {i % 3}") for i in range(12)]
    refs = [{"tests": "assert f() == 1"}] * 12
    res = verifier.verify_batch(comps, refs)
    assert [r.passed for r in res] == [i % 3 == 1 for i in range(12)]
    with pytest.raises(ValueError, match="references"):
        verifier.verify_batch(comps, refs[:3])


def test_details_are_capped_at_4_kib(verifier: CodeVerifier) -> None:
    res = verifier.verify(fenced("print('x' * 100000)"), {"stdin": "", "expected_stdout": "y"})
    assert len(res.details["stdout"]) == 4096


@pytest.mark.parametrize("partial", [False, True])
def test_tests_without_a_check_are_no_tests(pool: SandboxPool, partial: bool) -> None:
    v = CodeVerifier(sandbox=pool, partial=partial)
    res = v.verify(fenced("def add(a, b):\n    return a + b"), {"tests": "x = add(1, 2)\nprint(x)\n"})
    assert (res.status, res.score, res.passed) == ("no_tests", 0.0, False)
    assert "without executing a single check" in (res.error or "")
    pytest_style = {"tests": "def test_add():\n    assert add(1, 2) == 3\n"}
    assert v.verify(fenced("def add(a, b):\n    return a + b"), pytest_style).passed
    assert v.verify(fenced("def add(a, b):\n    return 0"), pytest_style).score == 0.0


def test_entry_point_named_like_a_builtin(verifier: CodeVerifier) -> None:
    """HumanEval's check() gets the solution's entry point; the tests' own ``max`` stays the builtin."""
    ref = {
        "prompt": "def max(xs):\n",
        "test": "def check(candidate):\n    assert candidate([3, 9, 2]) == max([3, 9, 2])\n",
        "entry_point": "max",
    }
    assert not verifier.verify("    return xs[0]\n", ref).passed
    assert verifier.verify(
        "    best = xs[0]\n    for x in xs:\n        best = x if x > best else best\n    return best\n", ref
    ).passed
    bad = verifier.verify(fenced("x = 1"), {"tests": "assert 1", "entry_point": "no-id"})
    assert bad.status == "error" and "entry_point" in (bad.error or "")


def test_a_time_limit_past_what_the_os_wait_calls_take_is_refused() -> None:
    with pytest.raises(ValueError, match="CodeVerifier.timeout_s"):
        CodeVerifier(timeout_s=3_000_000)


def test_start_makes_the_sandbox_a_call_would_make() -> None:
    v = CodeVerifier(workers=1, timeout_s=5)
    assert v._sandbox is None  # lazy: made by the first call
    v.start()
    assert isinstance(v._sandbox, SandboxPool) and v._sandbox._closed is False
    v._sandbox.close()
