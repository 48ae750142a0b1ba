"""The worker as a package of small modules, assembled into the one source it runs."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from rlvr.sandbox import worker
from rlvr.sandbox.worker import MODULES, assemble, join_modules


def test_the_assembled_source_compiles_and_is_what_the_pool_runs() -> None:
    from rlvr.sandbox.pool import SandboxPool

    source = assemble()
    code = compile(source, "worker", "exec")
    names = set(code.co_names)
    assert {"main", "Supervisor", "zygote_main", "trusted_main", "solution_child", "spawn"} <= names
    assert source.startswith("from __future__ import annotations\n")
    assert source.count("from __future__") == 1
    tree = ast.parse(source)
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level], "sibling imports left"
    assert isinstance(tree.body[-1], ast.If)  # `if __name__ == "__main__": main()` comes last
    pool = SandboxPool(workers=1)
    try:
        assert pool._source == source
        assert pool.run("print(__name__)").stdout == "__main__\n"
    finally:
        pool.close()


def test_modules_use_the_standard_library_and_earlier_modules_only() -> None:
    """Each module imports the standard library (the sandbox has nothing else) and modules before it in
    MODULES (the assembled order defines every name before a module's top level uses it)."""
    here = Path(worker.__file__).parent
    assert sorted(p.stem for p in here.glob("*.py") if p.stem != "__init__") == sorted(MODULES)
    for i, name in enumerate(MODULES):
        tree = ast.parse((here / f"{name}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                tops = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                tops = [node.module.split(".")[0]]  # type: ignore[union-attr]
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 1 and node.module in MODULES[:i], f"{name} imports .{node.module}"
                continue
            else:
                continue
            assert all(t in sys.stdlib_module_names or t == "__future__" for t in tops), f"{name}: {tops}"


def test_two_modules_defining_one_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from __future__ import annotations\nimport os\nX = 1\ndef f():\n    return X\n")
    (tmp_path / "b.py").write_text("from __future__ import annotations\nimport os\nfrom .a import f\nY: int = f()\n")
    joined = join_modules(tmp_path, ["a", "b"])
    env: dict = {}
    exec(compile(joined, "joined", "exec"), env)
    assert env["Y"] == 1
    (tmp_path / "c.py").write_text("class f:\n    pass\n")
    with pytest.raises(ValueError, match="a and c both define 'f'"):
        join_modules(tmp_path, ["a", "c"])


def test_the_worker_does_not_import_the_value_types_it_can_carry() -> None:
    """Every run is a fork of the worker: the modules of the allow-listed value types (``decimal``,
    ``fractions``, ``datetime``, ``numpy``) are imported where such a value exists, not by the worker."""
    import subprocess

    probe = (
        "import sys\nsrc = sys.stdin.read()\nexec(compile(src, 'worker', 'exec'), {'__name__': 'probe'})\n"
        "print(sorted({'decimal', 'fractions', 'datetime', 'numpy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-I", "-c", probe], input=assemble(), capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_launcher_fits_one_argument_and_runs_the_source() -> None:
    """The source grows past the kernel's 128 KiB per argument; what ``-c`` gets stays under it."""
    import subprocess

    from rlvr.sandbox.worker import MAX_ARG, launcher

    source = assemble()
    code = launcher(source)
    assert len(code.encode()) < MAX_ARG // 2
    probe = "print(__name__, len(SOURCE))\n"
    out = subprocess.run([sys.executable, "-I", "-c", launcher(f"SOURCE = {source!r}\n" + probe)], capture_output=True)
    assert out.returncode == 0 and out.stdout.decode().split() == ["__main__", str(len(source))], out.stderr


def test_the_worker_runs_without_docstrings(tmp_path: Path) -> None:
    """The assembled source drops every docstring (a third of it; the launcher must fit one argument),
    a body that was only a docstring becoming ``...``, and still compiles."""
    (tmp_path / "a.py").write_text(
        '"""Module."""\nX = 1\n\n\ndef f():\n    """Only a docstring."""\n\n\nclass C:\n    """Doc,\n    two lines."""\n\n'
        '    def g(self):\n        """Doc."""\n        return "not a docstring"\n\n\ndef h(): """kept: one line"""\n'
    )
    source = join_modules(tmp_path, ["a"])
    tree = ast.parse(source)
    docs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(n)]
    assert [n.name for n in docs] == ["h"] and ast.get_docstring(tree) is None
    env: dict = {}
    exec(compile(tree, "a", "exec"), env)
    assert env["f"]() is None and env["C"]().g() == "not a docstring"
    whole = ast.parse(assemble())
    assert not [n for n in ast.walk(whole) if isinstance(n, ast.FunctionDef) and ast.get_docstring(n)]


def test_the_worker_runs_without_comments(tmp_path: Path) -> None:
    """The assembled source drops every comment (a sixth of what the launcher carries): a line that holds
    only a comment, and the comment after a line's code; never a ``#`` in a string."""
    import io
    import tokenize

    (tmp_path / "a.py").write_text(
        "X = '#not a comment'  # a comment\n# alone\ndef f(\n    a,  # mid-call\n):\n    return a + '#'\n"
    )
    source = join_modules(tmp_path, ["a"])
    body = source.split("\n", 3)[3]  # (after the __future__ line, a blank line and the module's marker)
    assert body == "X = '#not a comment'\ndef f(\n    a,\n):\n    return a + '#'\n"
    env: dict = {}
    exec(compile(source, "a", "exec"), env)
    assert env["f"]("x") == "x#" and env["X"] == "#not a comment"
    tokens = tokenize.generate_tokens(io.StringIO(assemble()).readline)
    comments = [t.string for t in tokens if t.type == tokenize.COMMENT]
    assert all(c.startswith("# ====") for c in comments) and len(comments) == len(MODULES)
