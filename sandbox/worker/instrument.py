"""The tests' code, instrumented once per test source: every ``assert`` a counted check, runs of literal
asserts whose calls are sent ahead, collected tests that report they ran or raised, and the names the tests
read without defining them."""

from __future__ import annotations

import ast
import copy
import re
import types

from .solution import LAZY_ANNOTATIONS

TESTS_FILE = "tests.py"  # the tests' file name in tracebacks and ``__file__``


def _wrap_assert(node: ast.Assert) -> ast.Try:
    """One ``assert`` as one counted test: pass, or fail and (all-or-nothing) stop::

        try: <assert>
        except __rlvr_died__: raise
        except BaseException as __rlvr_e__: __rlvr_fail__(<line>, __rlvr_e__)
        else: __rlvr_pass__(<line>)

    Built node by node with the assert's location (no template parsing, no tree-wide location pass)."""
    loc = {
        "lineno": node.lineno,
        "col_offset": node.col_offset,
        "end_lineno": node.end_lineno,
        "end_col_offset": node.end_col_offset,
    }

    def load(name: str) -> ast.Name:
        return ast.Name(id=name, ctx=ast.Load(), **loc)

    def call(fn: str, *args: ast.expr) -> ast.Expr:
        return ast.Expr(ast.Call(func=load(fn), args=list(args), keywords=[], **loc), **loc)

    died = ast.ExceptHandler(type=load("__rlvr_died__"), name=None, body=[ast.Raise(**loc)], **loc)
    failed = ast.ExceptHandler(
        type=load("BaseException"),
        name="__rlvr_e__",
        body=[call("__rlvr_fail__", ast.Constant(node.lineno, **loc), load("__rlvr_e__"))],
        **loc,
    )
    return ast.Try(
        body=[node],
        handlers=[died, failed],
        orelse=[call("__rlvr_pass__", ast.Constant(node.lineno, **loc))],
        finalbody=[],
        **loc,
    )


def _assertion_call(node: ast.stmt) -> ast.expr | None:
    """The callee of a statement that is a call of a library's assertion function (``np.testing.
    assert_allclose(...)``, ``assert_frame_equal(...)``: a name or attribute chain whose last part starts
    with ``assert``), else None. ``self.assert*`` is a ``unittest`` assertion, counted where it is defined."""
    if not isinstance(node, ast.Expr) or not isinstance(node.value, ast.Call):
        return None
    func = node.value.func
    last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    base = func
    while isinstance(base, ast.Attribute):
        base = base.value
    if not last.startswith("assert") or not isinstance(base, ast.Name) or base.id in ("self", "cls"):
        return None
    return func


def _wrap_assertion_call(node: ast.Expr, func: ast.expr) -> ast.Try:
    """A library assertion call as one counted check: failed when it raises, passed when it returns and the
    callee was no solution object (``__rlvr_checked__(<line>, <callee>)``: a solution's ``assert_ok`` that
    returns proves nothing)."""
    wrapped = _wrap_assert(node)  # type: ignore[arg-type]
    loc = {k: getattr(node, k) for k in ("lineno", "col_offset", "end_lineno", "end_col_offset")}
    check = ast.Call(
        func=ast.Name(id="__rlvr_checked__", ctx=ast.Load(), **loc),
        args=[ast.Constant(node.lineno, **loc), copy.deepcopy(func)],
        keywords=[],
        **loc,
    )
    wrapped.orelse = [ast.Expr(check, **loc)]
    return wrapped


_EXITS = frozenset({("sys", "exit"), ("", "exit"), ("", "quit"), ("os", "_exit"), ("pytest", "fail")})


def _stops_as_failure(node: ast.stmt) -> bool:
    """A statement that reports a failed check by ending the tests: a ``raise``, ``pytest.fail(...)``, or
    an exit with a literal failure status (``sys.exit(1)``, ``exit('wrong')``; not ``sys.exit(main())``,
    whose status is a runner's, nor ``sys.exit()``/``sys.exit(0)``, a success)."""
    if isinstance(node, ast.Raise):
        return True
    if not isinstance(node, ast.Expr) or not isinstance(node.value, ast.Call):
        return False
    call, func = node.value, node.value.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        key = (func.value.id, func.attr)
    elif isinstance(func, ast.Name):
        key = ("", func.id)
    else:
        return False
    if key not in _EXITS:
        return False
    if key == ("pytest", "fail"):
        return True
    arg = call.args[0] if len(call.args) == 1 and not call.keywords else None
    return isinstance(arg, ast.Constant) and arg.value not in (None, 0, False)


def _checking_if(node: ast.stmt) -> bool:
    """``if <condition>: raise ...`` (or ``pytest.fail``, ``sys.exit(1)``; in its body, without an ``else``,
    or in its ``else``): a check written as a condition that ends the tests when it fails
    (:func:`_count_if`). Not the tests' ``if __name__ == '__main__':`` footer, which runs them."""
    if not isinstance(node, ast.If):
        return False
    if any(isinstance(n, ast.Name) and n.id == "__name__" for n in ast.walk(node.test)):
        return False
    body_stops = not node.orelse and any(_stops_as_failure(s) for s in node.body)
    return body_stops or any(_stops_as_failure(s) for s in node.orelse)


def _count_if(node: ast.If) -> ast.If:
    """A :func:`_checking_if` as one counted check: where it lets the tests go on (its condition false, or
    true when the ``else`` raises), ``__rlvr_passed_if__(<line>)`` counts it passed; where it raises, the
    exception is the tests' own, as in the file: it fails the collected test it is in, or ends the tests
    (unfinished). A check the solution runs by calling the tests' code back counts nothing."""
    loc = {k: getattr(node, k) for k in ("lineno", "col_offset", "end_lineno", "end_col_offset")}
    call = ast.Call(
        func=ast.Name(id="__rlvr_passed_if__", ctx=ast.Load(), **loc),
        args=[ast.Constant(node.lineno, **loc)],
        keywords=[],
        **loc,
    )
    if node.orelse:
        node.body = [*node.body, ast.Expr(call, **loc)]
    else:
        node.orelse = [ast.Expr(call, **loc)]
    return node


def _literal(node: ast.expr) -> bool:
    """A literal (constants, containers of literals, signed numbers): evaluating it runs no code."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _literal(k) for k in node.keys) and all(_literal(v) for v in node.values)
    return isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)) and _literal(node.operand)


def _prefetchable(node: ast.stmt) -> ast.Call | None | bool:
    """How an ``assert`` joins a run whose calls are sent ahead (:func:`count_asserts`): its one call, of a
    name with literal arguments, compared (if at all) with a literal, literal message (if any): the call;
    no call at all (a literal test, e.g. ``assert True``): None; anything else: False (ends the run). The
    tests can then make no other request of the solution between two calls of a run: a literal runs no
    code, and comparing a call's result (plain data or a solution object) with one runs none either."""
    if not isinstance(node, ast.Assert) or (node.msg is not None and not _literal(node.msg)):
        return False
    test = node.test
    if _literal(test):
        return None
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and _literal(test.comparators[0]):
        test = test.left
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and all(_literal(a) for a in test.args)
        and all(k.arg is not None and _literal(k.value) for k in test.keywords)
    ):
        return test
    return False


def _copy_literal(node: ast.expr) -> ast.expr:
    """A copy of a :func:`_literal` node (~20 times cheaper than ``copy.deepcopy``, which took half of a
    HumanEval test file's instrumentation)."""
    loc = {k: getattr(node, k) for k in ("lineno", "col_offset", "end_lineno", "end_col_offset")}
    if isinstance(node, ast.Constant):
        return ast.Constant(node.value, node.kind, **loc)
    if isinstance(node, (ast.List, ast.Tuple)):
        return type(node)(elts=[_copy_literal(e) for e in node.elts], ctx=ast.Load(), **loc)
    if isinstance(node, ast.Set):
        return ast.Set(elts=[_copy_literal(e) for e in node.elts], **loc)
    if isinstance(node, ast.Dict):
        keys = [_copy_literal(k) for k in node.keys]  # type: ignore[arg-type]  # (no ** in a literal)
        return ast.Dict(keys=keys, values=[_copy_literal(v) for v in node.values], **loc)  # type: ignore[arg-type]
    assert isinstance(node, ast.UnaryOp)
    return ast.UnaryOp(op=type(node.op)(), operand=_copy_literal(node.operand), **loc)


def _prefetch(calls: list[ast.Call]) -> ast.Try:
    """``try: __rlvr_prefetch__((f, (args), {kwargs}), ...)`` / ``except BaseException: pass``: the calls of
    a run of asserts, for :func:`prefetch_calls` (any error there leaves the asserts to make their calls)."""
    loc = {k: getattr(calls[0], k) for k in ("lineno", "col_offset", "end_lineno", "end_col_offset")}
    entries = [
        ast.Tuple(
            elts=[
                ast.Name(id=c.func.id, ctx=ast.Load(), **loc),  # type: ignore[attr-defined]
                ast.Tuple(elts=[_copy_literal(a) for a in c.args], ctx=ast.Load(), **loc),
                ast.Dict(
                    keys=[ast.Constant(k.arg, **loc) for k in c.keywords],
                    values=[_copy_literal(k.value) for k in c.keywords],
                    **loc,
                ),
            ],
            ctx=ast.Load(),
            **loc,
        )
        for c in calls
    ]
    call = ast.Call(func=ast.Name(id="__rlvr_prefetch__", ctx=ast.Load(), **loc), args=entries, keywords=[], **loc)
    swallow = ast.ExceptHandler(type=ast.Name(id="BaseException", ctx=ast.Load(), **loc), name=None,
                                body=[ast.Pass(**loc)], **loc)  # fmt: skip
    return ast.Try(body=[ast.Expr(call, **loc)], handlers=[swallow], orelse=[], finalbody=[], **loc)


def count_asserts(stmts: list[ast.stmt]) -> list[ast.stmt]:
    """``stmts`` with every ``assert`` (at any depth: asserts are statements, so only statement lists are
    walked, never expressions) wrapped by :func:`_wrap_assert`, every check by ``raise`` counted
    (:func:`_count_if`), and a :func:`_prefetch` of their calls
    before each run of two or more consecutive asserts whose calls can be sent ahead (:func:`_prefetchable`):
    HumanEval's ``assert candidate(...) == ...`` lines then cost one round trip to the solution per run,
    not one per line."""
    out: list[ast.stmt] = []
    run: list[ast.Call] = []
    start = 0
    for node in stmts:
        call = _prefetchable(node)
        if call is False:
            if len(run) > 1:
                out.insert(start, _prefetch(run))
            run = []
        elif call is not None:
            if not run:
                start = len(out)
            run.append(call)  # type: ignore[arg-type]
        if isinstance(node, ast.Assert):
            out.append(_wrap_assert(node))
            continue
        func = _assertion_call(node)
        if func is not None:
            out.append(_wrap_assertion_call(node, func))  # type: ignore[arg-type]
            continue
        checking = _checking_if(node)
        for name in ("body", "orelse", "finalbody"):
            sub = getattr(node, name, None)
            if type(sub) is list and sub and isinstance(sub[0], ast.stmt):
                setattr(node, name, count_asserts(sub))
        for part in getattr(node, "handlers", ()) or getattr(node, "cases", ()):  # except / match case
            part.body = count_asserts(part.body)
        out.append(_count_if(node) if checking else node)  # type: ignore[arg-type]
    if len(run) > 1:
        out.insert(start, _prefetch(run))
    return out


_ITEM_TEMPLATE = ast.parse(
    "__rlvr_enter__(NAME)\n"
    "try:\n    pass\n"
    "except BaseException as __rlvr_e__:\n    __rlvr_raised__(NAME, __rlvr_e__)\n    raise\n"
).body


def mark_items(tree: ast.Module) -> None:
    """Make every test a collector finds (module-level ``def test*`` and ``def test*`` of module-level
    classes) report that it ran (so that it runs once) and any exception that escapes it (one failed
    check, as pytest fails the test)::

        __rlvr_enter__('<Class.>test_x')
        try: <body>
        except BaseException as __rlvr_e__: __rlvr_raised__('<Class.>test_x', __rlvr_e__); raise

    A test counts no check of its own: the checks are the ``assert`` statements and ``unittest``
    assertions it executes (a test whose loop the solution emptied checked nothing)."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            _mark_item(node, node.name)
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, ast.FunctionDef) and sub.name.startswith("test"):
                    _mark_item(sub, f"{node.name}.{sub.name}")


def _mark_item(fn: ast.FunctionDef, name: str) -> None:
    head, wrapper = copy.deepcopy(_ITEM_TEMPLATE)
    head.value.args = [ast.Constant(name)]  # type: ignore[attr-defined]
    wrapper.handlers[0].body[0].value.args[0] = ast.Constant(name)  # type: ignore[attr-defined]
    for node in (head, wrapper):
        for sub in ast.walk(node):
            if "lineno" in sub._attributes:
                ast.copy_location(sub, fn.body[0])
    wrapper.body = fn.body  # type: ignore[attr-defined]
    fn.body = [head, wrapper]


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DYNAMIC = frozenset({"globals", "vars", "locals", "eval", "exec", "getattr", "sys"})  # names reaching names


def _chain(node: ast.Attribute) -> tuple[str, tuple[str, ...]] | None:
    """``a.b.c`` as (``a``, (``b``, ``c``)); None when the chain does not start at a name."""
    parts: list[str] = []
    cur: ast.expr = node
    while isinstance(cur, ast.Attribute):
        parts.append(cur.attr)
        cur = cur.value
    return (cur.id, tuple(reversed(parts))) if isinstance(cur, ast.Name) else None


def _free_names(tree: ast.AST) -> tuple[list[str], dict[str, set[tuple[str, ...]]], set[str]]:
    """Names the tests read but never bind at module level (builtins included); the attribute chains they
    read of each (``math`` of ``math.isclose``: ``("isclose",)``; ``getattr(x, 'a')`` too); and the names
    they call (``f(1)``). Tests that can look names up by string (``globals()['f']``, ``eval('f(1)')``,
    ``getattr(sys.modules[__name__], 'f')``) also read the identifiers their string literals hold, as names
    or in code."""
    loads, bound, strings, called = set(), set(), set(), set()
    chains: dict[str, set[tuple[str, ...]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loads if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.Attribute):
            got = _chain(node)
            if got is not None:
                chains.setdefault(got[0], set()).add(got[1])
        elif isinstance(node, ast.Constant) and type(node.value) is str and len(node.value) < 2000:
            strings.add(node.value)
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                called.add(node.func.id)
                args = node.args
                if node.func.id == "getattr" and len(args) >= 2 and isinstance(args[0], ast.Name):
                    if isinstance(args[1], ast.Constant) and type(args[1].value) is str:
                        chains.setdefault(args[0].id, set()).add((args[1].value,))
    for node in tree.body:  # type: ignore[attr-defined]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    if loads & _DYNAMIC:
        for text in strings:
            if text.isidentifier():
                loads.add(text)
                continue
            try:
                sub = ast.parse(text)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                continue
            for n in ast.walk(sub):
                if isinstance(n, ast.Name):
                    loads.add(n.id)
                elif isinstance(n, ast.Attribute) and (got := _chain(n)) is not None:
                    chains.setdefault(got[0], set()).add(got[1])
                elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
                    called.add(n.func.id)
    free = loads - bound
    return sorted(free), {n: c for n, c in chains.items() if n in free}, called & free


class _StopCatcher(ast.NodeTransformer):
    """Where the tests expect a ``StopIteration`` — ``except StopIteration`` (alone or in a tuple),
    ``pytest.raises(StopIteration)``, ``assertRaises(StopIteration, ...)`` — they also get
    ``__rlvr_stop__``, the class a ``StopIteration`` raised by a solution call crosses as: an ``Exception``,
    so that it cannot silently end a ``map`` or generator of the tests (the iteration protocol stops at any
    ``StopIteration``, subclasses included), and yet is caught where the tests catch one."""

    @staticmethod
    def _widen(node: ast.expr | None) -> ast.expr | None:
        def stop(n: ast.expr) -> bool:
            return isinstance(n, ast.Name) and n.id == "StopIteration"

        if node is None:
            return None
        if stop(node) or (isinstance(node, ast.Tuple) and any(stop(e) for e in node.elts)):
            elts = list(node.elts) if isinstance(node, ast.Tuple) else [node]
            extra = ast.Name(id="__rlvr_stop__", ctx=ast.Load())
            return ast.copy_location(ast.Tuple(elts=[*elts, ast.copy_location(extra, node)], ctx=ast.Load()), node)
        return node

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.ExceptHandler:
        self.generic_visit(node)
        node.type = self._widen(node.type)
        return node

    def visit_Call(self, node: ast.Call) -> ast.Call:
        self.generic_visit(node)
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in ("raises", "assertRaises", "assertRaisesRegex", "failUnlessRaises") and node.args:
            node.args[0] = self._widen(node.args[0])  # type: ignore[assignment]
        return node


class _PytestMain(ast.NodeTransformer):
    """``pytest.main(...)`` in the tests runs their own collected tests (``__rlvr_pytest_main__``: the file
    pytest would be given is this one, which exists only as the tests' code), and returns its exit status."""

    def visit_Call(self, node: ast.Call) -> ast.Call:
        self.generic_visit(node)
        f = node.func
        if (
            isinstance(f, ast.Attribute)
            and f.attr == "main"
            and isinstance(f.value, ast.Name)
            and f.value.id == "pytest"
        ):
            node.func = ast.copy_location(ast.Name(id="__rlvr_pytest_main__", ctx=ast.Load()), f)
        return node


LIVE = "__rlvr_global__"  # the tests' reader of a name the solution defines (see live_reads)


def _reads_and_binders(tree: ast.AST) -> tuple[list[ast.Name], set[str], set[str]]:
    """The names the tests read (their ``Name`` nodes, outside ``match`` patterns, whose names must stay
    names), every name they bind anywhere, in any way (assignment targets, parameters, ``except ... as``,
    imports, ``match`` captures, definitions), and the names they read other than as a callee: one walk."""
    reads: list[ast.Name] = []
    out: set[str] = set()
    patterns: set[int] = set()
    callees: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            callees.add(id(node.func))
        if isinstance(node, ast.Name):
            if not isinstance(node.ctx, ast.Load):
                out.add(node.id)
            elif id(node) not in patterns:
                reads.append(node)
        elif isinstance(node, ast.arg):
            out.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            out.add(node.name)
        elif isinstance(node, ast.alias):
            out.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.match_case):
            patterns.update(id(n) for n in ast.walk(node.pattern))
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            out.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            out.add(node.rest)
    return reads, out, {n.id for n in reads if id(n) not in callees}


def live_reads(tree: ast.Module, free: list[str]) -> list[ast.Name]:
    """The reads of a name the solution may define — one the tests read and never bind, anywhere, in any
    way (so that it can only mean the module's global), no builtin, no dunder, not only ever called (data
    is never called; functions are not asked again) — in the tests' own tree, before it is instrumented;
    :func:`read_live` makes each ``__rlvr_global__('<name>')``: the tests see the solution's global as it
    is now (``reset(); assert count == 0`` reads ``count`` after ``reset()`` ran), as in the concatenated
    file, not as it was when the tests started."""
    import builtins

    names = {n for n in free if not n.startswith("__") and not hasattr(builtins, n)}
    if not names:
        return []
    reads, bound, not_only_called = _reads_and_binders(tree)
    names = (names - bound) & not_only_called
    return [node for node in reads if node.id in names]


def read_live(reads: list[ast.Name]) -> None:
    """Turn each of ``reads`` (:func:`live_reads`) into a call of the live reader, in place (no tree
    rebuilt; the instrumentation's own copies of a name read it as it is)."""
    for node in reads:
        name = node.id
        loc = {k: getattr(node, k) for k in ("lineno", "col_offset", "end_lineno", "end_col_offset")}
        node.__class__ = ast.Call  # type: ignore[assignment]
        del node.id, node.ctx
        node.func = ast.Name(id=LIVE, ctx=ast.Load(), **loc)  # type: ignore[attr-defined]
        node.args = [ast.Constant(name, **loc)]  # type: ignore[attr-defined]
        node.keywords = []  # type: ignore[attr-defined]


_COLLECTED = ("test", "Test", "setup", "teardown", "setUp", "tearDown", "_")


def _is_check(node: ast.AST) -> bool:
    """An ``assert`` or a call of an assertion (``self.assertEqual``, ``np.testing.assert_allclose``). (Not a
    check by ``raise``: run by the solution, through a callback, it counts nothing.)"""
    if isinstance(node, ast.Assert):
        return True
    if isinstance(node, ast.Call):
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        return name.startswith(("assert", "fail"))
    return False


def _is_own_module(node: ast.expr, names: set[str]) -> bool:
    """``sys.modules[__name__]`` (or ``sys.modules['__main__']``), or a name the tests bound to it."""
    if isinstance(node, ast.Name):
        return node.id in names
    if not (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "modules"):
        return False
    key = node.slice
    own = (isinstance(key, ast.Name) and key.id == "__name__") or (
        isinstance(key, ast.Constant) and key.value == "__main__"
    )
    return own and isinstance(node.value.value, ast.Name) and node.value.value.id == "sys"


def _own_module_names(tree: ast.Module) -> set[str]:
    """Names the tests bind to their own module object (``mod = sys.modules[__name__]``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _is_own_module(node.value, set()):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def for_solution(tree: ast.Module) -> list[str]:
    """The module globals the tests bind for the solution: names they assign (``USE_FAST = True``) or
    define (a function, a class: the oracle ``isBadVersion`` of an interactive task) at module level, through
    ``global`` in a function, or as an attribute of their own module (``sys.modules[__name__].LIMIT = 3``,
    ``setattr`` of it), and never read themselves, anywhere, in any way (not even by string,
    when they can look names up by string) — so that what they bind cannot be what they check against: a
    binding the tests read (``expected = [...]``, a reference implementation they call) stays theirs. In the
    concatenated file such a binding replaces the solution's global of that name; here it is sent to the
    solution's module when it is made. Not imports, not decorated definitions (fixtures), not classes with
    bases (test cases), no definition holding a check (an ``assert``, ``self.assert*``: the solution could run
    it for a score), nothing a collector would run (``test*``, ``Test*``, xunit hooks, ``_*``)."""
    bound: set[str] = set()
    read: set[str] = set()
    strings: set[str] = set()
    declared: set[str] = set()
    stored: set[str] = set()

    def bind(stmts: list[ast.stmt]) -> None:
        for node in stmts:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    bound.update(n.id for n in ast.walk(t) if isinstance(n, ast.Name))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if not node.decorator_list and not (isinstance(node, ast.ClassDef) and (node.bases or node.keywords)):
                    if not any(_is_check(n) for n in ast.walk(node)):  # (a check the solution could run)
                        bound.add(node.name)
            elif isinstance(node, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
                for part in ("body", "orelse", "finalbody"):
                    bind(getattr(node, part, []))
                for h in getattr(node, "handlers", []):
                    bind(h.body)

    bind(tree.body)
    modules = _own_module_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_own_module(node.value, modules):
            (bound if isinstance(node.ctx, ast.Store) else read).add(node.attr)  # (``sys.modules[__name__].X``)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "setattr"
            and len(node.args) == 3
            and _is_own_module(node.args[0], modules)
            and isinstance(node.args[1], ast.Constant)
            and type(node.args[1].value) is str
        ):
            bound.add(node.args[1].value)  # (``setattr(sys.modules[__name__], 'LIMIT', 3)``)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            read.add(node.id)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            read.add(node.target.id)
        elif isinstance(node, ast.arg):
            read.add(node.arg)  # (a parameter named like it: a fixture's name)
        elif isinstance(node, ast.Global):
            declared.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            stored.add(node.id)
        elif isinstance(node, ast.Constant) and type(node.value) is str and len(node.value) < 2000:
            strings.add(node.value)
    bound |= declared & stored  # (``global LIMIT`` in a function that assigns it)
    if read & _DYNAMIC:  # names by string: every identifier in a string literal counts as read
        for text in strings:
            read.update(_IDENTIFIER.findall(text))
    return sorted(n for n in bound - read if not n.startswith(_COLLECTED))


def compile_tests(
    source: str,
) -> tuple[types.CodeType, list[str], list[str], dict[str, set[tuple[str, ...]]], set[str], list[str]]:
    """The instrumented code of a tests' source (:func:`mark_items`, :func:`count_asserts`), the names
    it reads without binding them, the functions and classes it defines at module level, in order (what a
    collector looks at), of the free names, the attribute chains read and those called
    (:func:`_free_names`), and the globals they bind for the solution (:func:`for_solution`)."""
    tree = ast.parse(source, TESTS_FILE)
    free, chains, called = _free_names(tree)
    pushed = for_solution(tree)
    defined = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    live = live_reads(tree, free)
    mark_items(tree)
    if "StopIteration" in source:  # (a tree-wide pass costs ~0.13 ms per HumanEval test file)
        _StopCatcher().visit(tree)
    if "pytest.main" in source:
        _PytestMain().visit(tree)
    tree.body = count_asserts(tree.body)
    read_live(live)
    return (
        compile(tree, TESTS_FILE, "exec", LAZY_ANNOTATIONS, dont_inherit=True),
        free,
        list(dict.fromkeys(defined)),
        chains,
        called,
        pushed,
    )
