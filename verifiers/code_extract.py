"""Which part of a completion is the program (docs/sandbox.md, "Code extraction").

1. Reasoning is not the answer: ``<think>…</think>`` (and the other marks models use for it) is dropped, with
   what precedes a last close and what follows an unclosed open.
2. Fenced blocks as CommonMark reads them: three or more backticks or tildes opening a line (indented too: a
   block inside a list item loses the fence's indentation), closed by a run of the same character at least as
   long; a last fence left open (a truncated generation) runs to the end; Windows line ends read as ``\n``.
3. The candidates are the blocks labelled Python (``python``, ``py``, ``python3``…), else the unlabeled ones;
   only other languages give ``None``; no fence at all: the text itself when it parses as Python.
4. The program is the last candidate that binds the most of the names the task needs (its entry point, or the
   names the tests read and do not bind themselves), so a later usage example or the model's own asserts are
   not it; when no candidate binds any, the last one that defines a function or class, else the last one.

The choice reads only the completion and the task's names, never a run: one completion is judged once, on one
program, and a block the rule passes over is never run."""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Collection

from rlvr.verifiers.extract import without_reasoning

_OPEN = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*([^\n]*)$")
_PY_LANGS = {"python", "py", "python3", "py3", "python2", "ipython", "ipython3"}
_BUILTINS = frozenset(dir(builtins))
#: a top-level definition or binding when a block does not parse (``def f``, ``class C``, ``x =``, ``x: int =``)
_BINDING = re.compile(
    r"^(?:(?:async[ \t]+)?def[ \t]+(\w+)|class[ \t]+(\w+)|(\w+)[ \t]*(?::[^=\n]*)?=(?!=))", re.MULTILINE
)


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """``(language, body)`` of every fenced block of ``text``, in order (language lower-cased, ``""`` when
    unlabeled); each body loses up to its fence's indentation."""
    lines = text.split("\n")
    blocks: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        m = _OPEN.match(lines[i])
        if m is None or (m.group(2)[0] == "`" and "`" in m.group(3)):  # ``inline`` code is no fence
            i += 1
            continue
        indent, fence, info = len(m.group(1)), m.group(2), m.group(3).strip()
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        body: list[str] = []
        i += 1
        while i < len(lines) and not close.match(lines[i]):
            body.append(_outdent(lines[i], indent))
            i += 1
        i += 1
        lang = info.split()[0].strip("{}.").lower() if info else ""
        blocks.append((lang, "\n".join(body)))
    return blocks


def _outdent(line: str, width: int) -> str:
    """``line`` without up to ``width`` characters of leading whitespace."""
    n = len(line) - len(line.lstrip(" \t"))
    return line[min(n, width) :]


def needed_names(tests: str) -> frozenset[str]:
    """The names ``tests`` read without binding them and that are not builtins: what the solution provides."""
    try:
        tree = ast.parse(tests)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return frozenset()
    read: set[str] = set()
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return frozenset(n for n in read - bound if n not in _BUILTINS and not n.startswith("__"))


def _bindings(code: str) -> tuple[set[str], bool]:
    """The names ``code`` binds at top level (a method of a top-level class counts, for ``class Solution``),
    and whether it defines a function or class."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        names = {n for m in _BINDING.finditer(code) for n in m.groups() if n}
        return names, bool(re.search(r"^(?:async[ \t]+)?(?:def|class)[ \t]", code, re.MULTILINE))
    names: set[str] = set()
    defines = False
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            defines = True
            if isinstance(node, ast.ClassDef):
                names.update(s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        else:
            names.update(n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
    return names, defines


def _pick(bodies: list[str], needs: Collection[str]) -> str:
    """The program among candidate bodies (rule 4 of the module docstring)."""
    scored = [(_bindings(b), b) for b in bodies if b.strip()]
    if not scored:
        return ""
    best = max(len(names & set(needs)) for (names, _), _ in scored)
    if best:
        return [b for (names, _), b in scored if len(names & set(needs)) == best][-1]
    defining = [b for (_, defines), b in scored if defines]
    return (defining or [b for _, b in scored])[-1]


def extract_code(completion: str, needs: Collection[str] = ()) -> str | None:
    """The program of ``completion`` (the module docstring's rule); ``needs``: the names the task needs the
    solution to bind. ``None``: no Python in it (prose, only other languages, only reasoning)."""
    if not isinstance(completion, str) or not completion.strip():
        return None
    text = without_reasoning(completion.replace("\r\n", "\n"))
    blocks = fenced_blocks(text)
    for want in (lambda lang: lang in _PY_LANGS, lambda lang: lang == ""):
        body = _pick([b for lang, b in blocks if want(lang)], needs)
        if body.strip():
            return body.strip("\n")
    if blocks or not text.strip():  # only fences in other languages, or only reasoning
        return None
    raw = text.strip("\n")
    return raw if _parses(raw) else None


def _parses(text: str) -> bool:
    """Python source as is, or as a function body (a HumanEval-style continuation); prose does not parse."""
    for candidate in (text, "def _():\n" + text):
        try:
            ast.parse(candidate)
            return True
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    return False
