"""``instrument.live_reads``: which reads of the tests become reads of the solution's current globals; and
``instrument.for_solution``: which of their bindings reach the solution's module."""

from __future__ import annotations

import ast

from rlvr.sandbox.worker.instrument import LIVE, compile_tests, for_solution, live_reads, read_live


def _rewritten(source: str) -> set[str]:
    tree = ast.parse(source)
    free = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})
    read_live(live_reads(tree, free))
    return {
        n.args[0].value
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == LIVE
    }


def test_only_names_that_can_only_mean_the_solution_global() -> None:
    src = (
        "from math import *\n"
        "import os as o\n"
        "def check(candidate, *args, k=1, **kw):\n    assert candidate(count) == k\n"
        "try:\n    pass\nexcept ValueError as err:\n    pass\n"
        "x = [y for y in items]\n"
        "assert len(board) == sum(x) and __name__ and pi and solve(1) and go(go)\n"
        "match state:\n    case Kind.A:\n        pass\n    case {'k': 1, **rest}:\n        pass\n"
    )
    # bound anywhere (parameters, imports, except-as, comprehension targets, match captures), builtins,
    # dunders, names in match patterns (Kind) and names only called (solve; not go) are left alone; a star
    # import binds nothing the compiler sees (pi: the reader leaves it to the tests once they bound it)
    assert _rewritten(src) == {"count", "items", "board", "pi", "state", "go"}


def test_no_candidates_no_walk_and_the_code_runs() -> None:
    code, free, *_ = compile_tests("def check(candidate):\n    assert candidate(1) == 2\ncheck(__entry_point__)\n")
    assert LIVE not in code.co_names and "__entry_point__" in free
    code, *_ = compile_tests("inc()\nassert count == 1\n")
    env = {
        "__builtins__": __builtins__,
        "inc": lambda: None,  # only called: read as it is
        LIVE: lambda name: {"count": 1}[name],
        "__rlvr_died__": (),
        "__rlvr_pass__": lambda line: None,
        "__rlvr_fail__": lambda line, e: (_ for _ in ()).throw(e),
    }
    exec(code, env)


def test_bindings_the_tests_never_read_are_for_the_solution() -> None:
    """A flag, an oracle, a class, a global set through ``global``: bound and never read by the tests."""
    source = (
        "USE_FAST = True\ndef isBadVersion(v):\n    return v >= 3\nclass ListNode:\n    pass\n"
        "def lower():\n    global LIMIT\n    LIMIT = 3\nlower()\nif True:\n    MODE = 'x'\nassert f(2) == 4\n"
        "import sys\nmod = sys.modules[__name__]\nmod.SCALE = 2\nsys.modules[__name__].DEBUG = True\n"
    )
    assert for_solution(ast.parse(source)) == [
        "DEBUG",
        "LIMIT",
        "ListNode",
        "MODE",
        "SCALE",
        "USE_FAST",
        "isBadVersion",
    ]


def test_bindings_the_tests_read_stay_theirs() -> None:
    """What the tests read (an expected value, a reference implementation, a counter), import, collect or
    decorate never reaches the solution; by string too, when they look names up by string."""
    cases = [
        "expected = [1, 2]\nassert f() == expected",
        "def brute(x):\n    return x\nassert f(1) == brute(1)",
        "n = 0\nn += 1",
        "import math\nfrom os import path",
        "def test_a():\n    pass\nclass TestB:\n    pass\ndef setup_module():\n    pass\n_private = 1",
        "import pytest\n@pytest.fixture\ndef data():\n    return [1]",
        "def check(candidate):\n    assert candidate(1) == 2\ndef helper(case):\n    self.assertEqual(case, 1)",
        "class T(unittest.TestCase):\n    pass",
        "SECRET = 5\nassert eval('f() == SECRET')",
        "want = 3\ndef test_f(want=want):\n    assert f() == want",
        "import sys\nmod = sys.modules[__name__]\nmod.E = 5\nassert f() == mod.E",
    ]
    for source in cases:
        assert for_solution(ast.parse(source)) == [], source
