"""Data flows one way (README, layout): ``rl_core`` imports ``tasks`` and ``verifiers``, never the reverse,
and the learner's stage modules import what they use at module level (no import hidden in a function)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, inside a function) of every import in ``path``."""
    tree = ast.parse(path.read_text())
    nested = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) for n in ast.walk(f) if n is not f}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, id(node) in nested))
        elif isinstance(node, ast.Import):
            out.extend((a.name, id(node) in nested) for a in node.names)
    return out


def test_tasks_and_verifiers_never_import_rl_core():
    for package in ("tasks", "verifiers"):
        for path in sorted((ROOT / package).rglob("*.py")):
            bad = [m for m, _ in _imports(path) if m.startswith("rlvr.rl_core")]
            assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_the_trainer_and_its_stages_import_at_module_level():
    stages = ["trainer", "builders", "collect", "reward_shaping", "update", "sft", "lr_schedule", "prompt_sampler"]
    for name in [*stages, "credit/stage"]:
        path = ROOT / "rl_core" / f"{name}.py"
        hidden = [m for m, inside in _imports(path) if inside]
        assert not hidden, f"rl_core/{name}.py imports {hidden} inside a function"
