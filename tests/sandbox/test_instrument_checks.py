"""Checks written as ``if <condition>: raise ...`` (``instrument._checking_if``): which statements count,
and what they count when run (no sandbox: the instrumented code run with recording hooks)."""

from __future__ import annotations

import pytest

from rlvr.sandbox.worker.instrument import compile_tests


def _run(source: str) -> tuple[list[int], BaseException | None]:
    """The lines counted passed, and what escaped the tests."""
    code, *_ = compile_tests(source)
    passed: list[int] = []
    env = {
        "__name__": "__main__",
        "__rlvr_passed_if__": passed.append,
        "__rlvr_pass__": passed.append,
        "__rlvr_fail__": lambda line, e: None,
        "__rlvr_died__": (),
        "__rlvr_enter__": lambda name: None,
        "__rlvr_raised__": lambda name, e: None,
        "__rlvr_pytest_main__": lambda *a, **k: 0,
    }
    try:
        exec(code, env)
    except BaseException as e:  # noqa: BLE001  # (what the file would end with)
        return passed, e
    return passed, None


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        ("def f(x):\n    return x + 1\nif f(1) != 2:\n    raise AssertionError\n", [3]),
        ("def f(x):\n    return x + 1\nfor x in (1, 2):\n    if f(x) != x + 1:\n        raise Exception(x)\n", [4, 4]),
        ("import sys\nif 1 != 1:\n    sys.exit(1)\n", [2]),
        ("import pytest\nif 1 != 1:\n    pytest.fail('x')\n", [2]),
        ("if 1 == 1:\n    pass\nelse:\n    raise AssertionError\n", [1]),
        ("def check(c):\n    if c != 2:\n        raise AssertionError\ncheck(2)\ncheck(2)\n", [2, 2]),
    ],
)
def test_raise_checks_count_when_passed(source: str, lines: list[int]) -> None:
    assert _run(source) == (lines, None)


@pytest.mark.parametrize(
    "source",
    [
        "import sys\nif __name__ != '__main__':\n    sys.exit(1)\n",  # the footer guard
        "import sys\ndef main():\n    return 0\nif 1 != 1:\n    sys.exit(main())\n",  # a runner's status
        "import sys\nif 1 != 1:\n    sys.exit(0)\n",  # a success
        "if 1 != 1:\n    print('x')\n",  # no raise
        "if 1 != 1:\n    raise AssertionError\nelse:\n    print('x')\n",  # raise in the body with an else
    ],
)
def test_not_checks(source: str) -> None:
    assert _run(source) == ([], None)


def test_a_failed_raise_check_is_the_tests_own_exception() -> None:
    passed, escaped = _run("if 1 != 2:\n    raise AssertionError('no')\nif 1 != 1:\n    raise AssertionError\n")
    assert passed == [] and isinstance(escaped, AssertionError) and str(escaped) == "no"
    passed, escaped = _run("import sys\nif 1 != 2:\n    sys.exit(3)\n")
    assert passed == [] and isinstance(escaped, SystemExit) and escaped.code == 3
