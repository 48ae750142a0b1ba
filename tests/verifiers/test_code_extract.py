"""Code extraction (verifiers/code_extract.py) on the output styles of real models, both ways: the solution is
judged, not a later usage example, the model's own tests, its reasoning or a block in another language; and a
completion whose answer is wrong cannot get a right block of its own judged instead."""

from __future__ import annotations

import pytest

from rlvr.sandbox.base import Limits
from rlvr.sandbox.pool import SandboxPool
from rlvr.verifiers.code import CodeVerifier, parse_reference
from rlvr.verifiers.code_extract import extract_code, fenced_blocks, needed_names

RIGHT = "def f(x):\n    return 2 * x"
WRONG = "def f(x):\n    return 0"
HELPED = "def _double(x):\n    return 2 * x\n\ndef f(x):\n    return _double(x)"
TESTS = {"tests": ["assert f(2) == 4", "assert f(5) == 10"]}


def py(code: str, fence: str = "```", lang: str = "python", indent: str = "") -> str:
    body = "\n".join(indent + line for line in code.split("\n"))
    return f"{indent}{fence}{lang}\n{body}\n{indent}{fence}"


#: completions whose program is RIGHT, in the styles models write them
PICKS_RIGHT = {
    "R1: a draft in the reasoning, the answer after it": f"<think>\nTry:\n{py(WRONG)}\nNo, doubled.\n</think>\n\n{py(RIGHT)}",
    "R1: a fence opened mid-line in the reasoning": f"<think>maybe ```python\n{WRONG}\n``` no</think>\n{py(RIGHT)}",
    "prefilled <think>: the completion starts inside the reasoning": f"Draft:\n{py(WRONG)}\n</think>\nFinal:\n{py(RIGHT)}",
    "<thinking> tags": f"<thinking>\n{py(WRONG)}\n</thinking>\n{py(RIGHT)}",
    "<|begin_of_thought|> marks": f"<|begin_of_thought|>\n{py(WRONG)}\n<|end_of_thought|>\n{py(RIGHT)}",
    "Qwen: example usage after the solution": f"Here is the function:\n{py(RIGHT)}\n### Example usage\n{py('print(f(3))  # 6')}",
    "the model's own asserts after it": f"{py(RIGHT)}\nTests:\n{py('assert f(2) == 4')}",
    "the model's pytest tests after it": f"{py(RIGHT)}\n{py('def test_f():' + chr(10) + '    assert f(2) == 4')}",
    "the model's unittest class after it": f"{py(RIGHT)}\n"
    + py("import unittest\nclass TestF(unittest.TestCase):\n    def test_a(self):\n        self.assertEqual(f(2), 4)"),
    "a usage block binding a result": f"{py(RIGHT)}\n{py('result = f(4)' + chr(10) + 'print(result)')}",
    "an output block after it": f"{py(RIGHT)}\nOutput:\n```\n4\n```",
    "tilde fences": py(RIGHT, fence="~~~"),
    "a longer fence around a docstring with a fence": py(
        'def f(x):\n    """Doubles.\n\n    ```\n    f(2) == 4\n    ```\n    """\n    return 2 * x', fence="````"
    ),
    "a numbered list item": f"1. Solution:\n{py(RIGHT, indent='   ')}\n2. Done.",
    "a nested list item": f"- Steps\n  - Code:\n{py(RIGHT, indent='    ')}",
    "a Python3 label with a file name": f"```Python3 title=solution.py\n{RIGHT}\n```",
    "Windows line ends": f"Code:\n{py(RIGHT)}\nUsage:\n{py('print(f(1))')}".replace("\n", "\r\n"),
    "a helper and the solution in one block, usage after": py(HELPED) + "\n" + py("print(f(1))"),
}

#: completions whose program is WRONG however the rule reads them: never a pass
PICKS_WRONG = {
    "the right program only in the reasoning": f"<think>\n{py(RIGHT)}\n</think>\n{py(WRONG)}",
    "the right program before a last </think>": f"{py(RIGHT)}\n</think>\n{py(WRONG)}",
    "a right first try, a wrong revision": f"{py(RIGHT)}\nActually, simpler:\n{py(WRONG)}",
    "a later block rebinding the name": f"{py(RIGHT)}\n{py('f = lambda x: 0')}",
    "the right program in another language's block": f"```text\n{RIGHT}\n```\n{py(WRONG)}",
    "the right program in an unlabeled block, a wrong Python block": f"```\n{RIGHT}\n```\n{py(WRONG)}",
    "a right program as a usage of a wrong one": f"{py(WRONG)}\n{py('print(2 * 2)')}",
    "a wrong revision that does not parse": f"{py(RIGHT)}\nFixed:\n{py('def f(x):' + chr(10) + '    return (0')}",
}


def test_needed_names() -> None:
    tests = (
        "import math\nfrom os import path as p\nX = 3\ndef helper(y):\n    return y\n"
        "for i in range(3):\n    assert f(i, X) == helper(g(i))\n"
        "try:\n    h()\nexcept ValueError as e:\n    pass\nassert Solution().m(math.pi, p) == __name__\n"
    )
    assert needed_names(tests) == {"f", "g", "h", "Solution"}
    assert needed_names("this is not python (") == frozenset()


def test_fenced_blocks() -> None:
    text = "a ```python inline``` b\n  ~~~Python {.x}\n  x = 1\n   y\n  ~~~~\n```\nopen"
    assert fenced_blocks(text) == [("python", "x = 1\n y"), ("", "open")]
    assert fenced_blocks("````\n```\ninner\n```\n````") == [("", "```\ninner\n```")]


@pytest.mark.parametrize("case", list(PICKS_RIGHT))
def test_the_solution_is_extracted(case: str) -> None:
    code = extract_code(PICKS_RIGHT[case], parse_reference(TESTS).needs())
    assert code is not None and "return 2 * x" in code and "return 0" not in code, code


@pytest.mark.parametrize("case", list(PICKS_WRONG))
def test_a_wrong_answer_stays_the_answer(case: str) -> None:
    code = extract_code(PICKS_WRONG[case], parse_reference(TESTS).needs())
    assert code is not None and "return 2 * x" not in code, code


def test_reasoning_alone_is_no_answer() -> None:
    assert extract_code(f"<think>\n{py(RIGHT)}\n</think>") is None
    assert extract_code(f"Sure.\n<think>\n{py(RIGHT)}") is None  # an unclosed think: cut off in the reasoning
    assert extract_code(f"<think>\n{RIGHT}\n</think>\n") is None


def test_call_mode_and_entry_points_choose_by_their_name() -> None:
    sol = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]"
    usage = "s = Solution()\nprint(s.twoSum([2, 7], 9))"
    call = parse_reference({"fn_name": "twoSum", "inputs": [[[2, 7], 9]], "outputs": [[0, 1]]})
    assert extract_code(f"{py(sol)}\n{py(usage)}", call.needs()) == sol
    he = parse_reference({"test": "def check(candidate):\n    assert candidate(2) == 4", "entry_point": "f"})
    assert extract_code(f"{py(RIGHT)}\n{py('def check(c):' + chr(10) + '    assert c(2) == 4')}", he.needs()) == RIGHT


@pytest.fixture(scope="module")
def verifier() -> CodeVerifier:
    p = SandboxPool(workers=2, limits=Limits(wall_s=5, cpu_s=5, memory_mb=512))
    yield CodeVerifier(sandbox=p, timeout_s=5)
    p.close()


def test_judged_both_ways(verifier: CodeVerifier) -> None:
    """End to end: every right style passes, every wrong one fails."""
    for case, completion in PICKS_RIGHT.items():
        assert verifier.verify(completion, TESTS).passed, case
    for case, completion in PICKS_WRONG.items():
        assert not verifier.verify(completion, TESTS).passed, case
