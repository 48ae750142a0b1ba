"""``instrument.live_reads``: which reads of the tests become reads of the solution's current globals."""

from __future__ import annotations

import ast

from rlvr.sandbox.worker.instrument import LIVE, compile_tests, live_reads, read_live


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
