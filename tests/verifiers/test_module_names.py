"""No verifier module binds a module-level name twice: a second pattern of the same name silently replaced the
first one's clause breaks for every earlier function that read it (a scan went quadratic)."""

from __future__ import annotations

import ast
import collections
from pathlib import Path

import pytest

MODULES = sorted((Path(__file__).resolve().parents[2] / "verifiers").glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_each_module_level_name_is_bound_once(path: Path) -> None:
    counts: collections.Counter[str] = collections.Counter()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            counts.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            counts[node.name] += 1
    assert [name for name, n in counts.items() if n > 1] == []
