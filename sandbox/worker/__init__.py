"""The sandbox worker: runs inside bubblewrap as PID 1 of its own PID namespace. Standard library only.

It is started as ``python -I -c <source>`` with the source :func:`assemble` makes of this package's
modules (the project checkout is not mounted in the sandbox) and speaks to the host over its stdin/stdout: frames in (``<length>\\n<json>``), JSON lines out.
Four kinds of process, all forked before any job but the runs:

- the *worker* (this process, the namespace's init): reads jobs, supervises runs, answers the host;
- the *zygote*: forked at start, it forks every run's process and reports its exit. It never receives a
  job's code, input, output or verdict, so a run (which can read all its own process holds: frames, the gc
  heap, raw memory) finds nothing of any other run;
- the *trusted test process* (another uid): runs every judge's tests, with the solution's names replaced
  by proxies (arguments and results cross as type-tagged JSON, compared here with trusted types);
- the run's *solution* process (untrusted): forked by the zygote right after the previous answer, PID 1 of
  a PID namespace of its own with its own mount namespace and ``/proc``, moved into the run's cgroup,
  confined (its own uid, no capabilities, seccomp), it waits for its job, applies the job's rlimits and
  runs the program in-process (no new interpreter: milliseconds).

When the run ends, its wall limit fires or its processes together used its CPU budget, the worker SIGKILLs
every process of the run (it sees the whole namespace and inherits every orphan: daemons and
grandchildren too), and mounts a fresh tmpfs on /tmp and /dev/shm for the next run.

Only the trusted process ever reads the tests, the expected outputs and the run's nonce: it reads them from
the worker's stdin itself and reports straight to the host on the worker's stdout. The nonce proves the
report came from a test run that reached its end.

The worker is written as the modules of this package, each standard library only, and runs as one source:
:func:`assemble` joins them in dependency order (:data:`MODULES`), dropping their imports of one another
(they share one namespace there), their docstrings and comments (the source travels as one argument), and
refusing two modules that define one name.
"""

from __future__ import annotations

import ast
import base64
import functools
import io
import tokenize
import zlib
from collections.abc import Sequence
from pathlib import Path

#: The worker's modules in dependency order (each imports only those before it).
MODULES = (
    "framing",  # streams: frames in, lines out
    "values",  # type-tagged JSON values
    "isolation",  # libc calls, descriptors, privileges, rlimits, seccomp, namespaces, spawn
    "solution",  # the solution's side: a run's process
    "proxies",  # the trusted side of the solution's socket
    "instrument",  # the tests' code: counted asserts, collected tests, free names
    "checks",  # the verdict, unittest assertions, pytest collection
    "shared",  # what the tests and the solution would share as one file, changed by the tests
    "judge",  # the trusted test process
    "zygote",  # the parent of every run's process
    "cgroup",  # the run's control group
    "workdir",  # the run's fresh tmpfs
    "runs",  # one run as the worker holds it
    "supervisor",  # the worker process: jobs in, answers out
)
HERE = Path(__file__).parent


#: The kernel's limit on one argument (``MAX_ARG_STRLEN``): the worker's source travels as ``-c`` argument.
MAX_ARG = 128 << 10


def launcher(source: str) -> str:
    """What ``python -I -c`` is given to run ``source`` (:func:`assemble`'s): the source compressed (the
    kernel refuses one argument over :data:`MAX_ARG`), decompressed and run as the main module's code."""
    packed = base64.b85encode(zlib.compress(source.encode(), 9)).decode()
    return f"import base64,zlib;exec(compile(zlib.decompress(base64.b85decode('{packed}')),'<string>','exec'))"


@functools.lru_cache(maxsize=1)
def assemble() -> str:
    """The one source the worker runs (``python -I -c``): :func:`join_modules` of :data:`MODULES`."""
    return join_modules(HERE, MODULES)


def join_modules(directory: Path, modules: Sequence[str]) -> str:
    """``modules`` (files of ``directory``) in order, each without its ``from __future__`` line, its
    imports of sibling modules, its docstrings and its comments, after one ``from __future__`` line.
    Raises ValueError when two modules define the same top-level name (they would overwrite each other)."""
    parts, owner = ["from __future__ import annotations\n"], {}
    for name in modules:
        source = (directory / f"{name}.py").read_text()
        drop: set[int] = set()
        for node in ast.parse(source).body:
            if isinstance(node, ast.ImportFrom) and (node.level or node.module == "__future__"):
                drop.update(range(node.lineno, node.end_lineno + 1))  # type: ignore[operator]
            for defined in _defines(node):
                if owner.setdefault(defined, name) != name:
                    raise ValueError(f"worker modules {owner[defined]} and {name} both define {defined!r}")
        lines = source.splitlines(keepends=True)
        drop.update(_comment_lines(source))
        for row, col in _comments(source):  # a comment after code: the code alone
            lines[row - 1] = lines[row - 1][:col].rstrip() + "\n"
        for lo, hi, only in _docstrings(ast.parse(source)):  # (a third of the source: the kernel's limit)
            drop.update(range(lo + (1 if only else 0), hi + 1))
            if only:  # the body's one statement: ``...`` in its place
                indent = lines[lo - 1][: len(lines[lo - 1]) - len(lines[lo - 1].lstrip())]
                lines[lo - 1] = f"{indent}...\n"
        parts.append(f"\n# {'=' * 60} {name}\n")
        parts.append("".join(line for i, line in enumerate(lines, 1) if i not in drop))
    return "".join(parts)


def _comment_lines(source: str) -> set[int]:
    """The lines of ``source`` that hold a comment and nothing else: the worker runs without them."""
    import io
    import tokenize

    code_lines: set[int] = set()
    comments: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments.add(tok.start[0])
        elif tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
            code_lines.update(range(tok.start[0], tok.end[0] + 1))
    return comments - code_lines


def _comments(source: str) -> list[tuple[int, int]]:
    """(line, column) where each comment of ``source`` starts (a ``#`` in a string is none)."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [tok.start for tok in tokens if tok.type == tokenize.COMMENT]


def _docstrings(tree: ast.Module) -> list[tuple[int, int, bool]]:
    """(first line, last line, whether it is the body's only statement) of every docstring in ``tree``:
    the worker runs without them (none of its code reads one)."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
                and first.lineno != getattr(node, "lineno", 0)  # (not on its definition's line)
            ):
                out.append((first.lineno, first.end_lineno or first.lineno, len(node.body) == 1))
    return out


def _defines(node: ast.stmt) -> list[str]:
    """The top-level names a statement binds (imports excepted: two modules may import one module)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
