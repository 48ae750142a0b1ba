"""Counting checks: :class:`Verdict` (every executed ``assert`` and ``unittest`` assertion, passed or failed;
a failure cannot be taken back), ``unittest`` assertions and results that report to it, and the tests
``pytest`` would collect, called as it would call them."""

from __future__ import annotations

import sys
import types
import unittest
from collections.abc import Callable

from .instrument import TESTS_FILE
from .proxies import SolutionDied
from .values import short_repr


class StopTests(BaseException):
    """All-or-nothing mode: the first failure decides."""


def _is_skip(e: BaseException) -> bool:
    """``unittest.SkipTest`` or pytest's skip outcome: the test did not run, it is no check."""
    return isinstance(e, unittest.SkipTest) or (type(e).__name__ == "Skipped" and "pytest" in type(e).__module__)


def _skipped(e: BaseException | str) -> AssertionError:
    """A test skipped by a condition or at run time: one failed check (only an unconditional ``skip``
    decorator of the tests removes a test; a condition may read the solution's state)."""
    return AssertionError(f"skipped: {short_repr(e if isinstance(e, str) else str(e))}")


class Verdict:
    """The checks of one test run, counted by **site**: an ``assert`` statement, a ``unittest`` assertion's
    call site, a collected test that raises, a call-mode case. A site passes when every execution of it
    passed (a loop's assert is one check however many items the solution made it run over: the solution
    cannot dilute a failure by adding passing iterations); the first failures are described. A failure
    cannot be taken back: in all-or-nothing mode it decides (``StopTests`` unwinds the tests, and if they
    swallow it the count still stands)."""

    current: Verdict | None = None  # the run's, for the unittest assertions (count_unittest_assertions)

    def __init__(self, fraction: bool, max_failures: int) -> None:
        self.fraction, self.max_failures = fraction, max_failures
        self.sites: dict[object, bool] = {}  # check site -> every execution so far passed
        self.executed = 0  # executions of checks, all sites together
        self.failures: list[str] = []
        self.completed = False
        self.all_counted = False  # total holds every check the tests would make (call mode's cases)
        self.ran: set[str] = set()  # collected tests that ran (so that the collector runs each once)
        self.counted: list[BaseException] = []  # exceptions already counted as a failure
        self.depth = 0  # unittest assertions in progress (one that calls another is one check)
        self.runner_exits: list[object] = []  # the SystemExits / exit statuses of unittest.main and pytest.main

    def runner_exit(self, e: SystemExit) -> bool:
        """``e`` is a test runner's report of the tests it ran (``unittest.main()``'s exit, or
        ``sys.exit(pytest.main(...))`` with the very status object it returned), not the tests stopping:
        its failures are counted already."""
        return any(x is e or x is e.code for x in self.runner_exits)

    @property
    def passed(self) -> int:
        return sum(self.sites.values())

    @property
    def total(self) -> int:
        return len(self.sites)

    def ok(self, site: object = None) -> None:
        self.executed += 1
        self.sites.setdefault(object() if site is None else site, True)

    def fail(self, where: str, e: BaseException | None, site: object = None) -> None:
        self.executed += 1
        self.sites[where if site is None else site] = False
        if e is not None:
            self.counted.append(e)
        if len(self.failures) < self.max_failures:
            why = "" if e is None else f"{type(e).__name__}: {short_repr(e)}"
            self.failures.append(f"{where}: {why}".strip())
        if not self.fraction:
            raise StopTests

    def was_counted(self, e: BaseException) -> bool:
        return any(x is e for x in self.counted)

    # the hooks of :func:`mark_items`
    def enter(self, name: str) -> None:
        self.ran.add(name)

    def raised(self, name: str, e: BaseException) -> None:
        if not isinstance(e, (SolutionDied, StopTests)):
            self.fail_once(name, e)

    def fail_once(self, where: str, e: BaseException) -> None:
        """A collected test that raised ``e``: one failed check, however many times ``e`` is seen (a skip
        raised at run time is one too)."""
        if self.was_counted(e):
            return
        if _is_skip(e):
            self.counted.append(e)
            e = _skipped(e)
        self.fail(where, e)

    def report(self) -> dict:
        return {
            "passed": self.passed,
            "total": self.total,
            "completed": self.completed,
            "all_counted": self.all_counted,
            "failures": self.failures,
        }


def _counted_assertion(method: Callable) -> Callable:
    """``method`` (a ``unittest.TestCase`` assertion) counting as one check of the current run: passed when
    it returns, failed when it raises (the outermost one only: ``assertEqual`` calls ``assertListEqual``)."""

    def assertion(self: object, *args: object, **kwargs: object) -> object:
        verdict = Verdict.current
        if verdict is None or verdict.depth:
            return method(self, *args, **kwargs)
        verdict.depth += 1
        caller = sys._getframe(1)
        site = ("unittest", caller.f_code, caller.f_lineno)  # the assertion's call site
        try:
            result = method(self, *args, **kwargs)
        except BaseException as e:
            verdict.depth -= 1
            if not isinstance(e, (SolutionDied, StopTests)) and not _is_skip(e):
                verdict.fail(str(self), e, site)
            raise
        verdict.depth -= 1
        verdict.ok(site)
        return result

    assertion._rlvr_counted = True  # type: ignore[attr-defined]
    return assertion


def count_unittest_assertions() -> None:
    """Once per trusted process: every ``unittest.TestCase.assert*`` / ``fail*`` method counts as a check
    (:func:`_counted_assertion`), and every error or failure any ``unittest`` result records (in
    ``setUp``, in a subtest, under the tests' own ``unittest.main()``) counts as a failed one."""
    for name, method in list(vars(unittest.TestCase).items()):
        if (
            name.startswith(("assert", "fail"))
            and type(method) is types.FunctionType
            and not hasattr(method, "_rlvr_counted")
        ):
            setattr(unittest.TestCase, name, _counted_assertion(method))
    result = unittest.TestResult
    if hasattr(result.addError, "_rlvr_counted"):
        return
    run_tests = unittest.TestProgram.runTests

    def runner_exits(self: object) -> object:  # unittest.main()'s exit reports the tests it ran
        try:
            return run_tests(self)
        except SystemExit as e:
            if Verdict.current is not None:
                Verdict.current.runner_exits.append(e)
            raise

    unittest.TestProgram.runTests = runner_exits  # type: ignore[method-assign]

    def reported(method: Callable, err_at: int) -> Callable:
        def add(self: object, test: object, *args: object) -> object:
            verdict, err = Verdict.current, args[err_at] if len(args) > err_at else None
            if verdict is not None and err is not None:
                e = err[1]  # type: ignore[index]
                if not isinstance(e, (SolutionDied, StopTests)) and not _is_skip(e) and not verdict.was_counted(e):
                    verdict.counted.append(e)
                    verdict.fail(str(test), e)
            return method(self, test, *args)

        add._rlvr_counted = True  # type: ignore[attr-defined]
        return add

    result.addError, result.addFailure = reported(result.addError, 0), reported(result.addFailure, 0)
    result.addSubTest = reported(result.addSubTest, 1)  # (test, subtest, err)
    unexpected = result.addUnexpectedSuccess

    def add_unexpected_success(self: object, test: object) -> object:
        if Verdict.current is not None:
            Verdict.current.fail(f"{test}: unexpected success", None)
        return unexpected(self, test)

    result.addUnexpectedSuccess = add_unexpected_success
    start = result.startTest

    def start_test(self: object, test: object) -> object:  # a test unittest ran is not run again
        if Verdict.current is not None:
            Verdict.current.ran.add(f"{type(test).__name__}.{getattr(test, '_testMethodName', '')}")
        return start(self, test)

    result.startTest = start_test
    add_skip = result.addSkip

    def add_skipped(self: object, test: object, reason: str) -> object:  # only an unconditional skip decorator
        method = getattr(test, getattr(test, "_testMethodName", ""), None)
        marked = getattr(method, "__unittest_skip__", False) or getattr(type(test), "__unittest_skip__", False)
        if Verdict.current is not None and not marked:
            Verdict.current.fail(str(test), _skipped(reason))
        return add_skip(self, test, reason)

    result.addSkip = add_skipped
    unittest.skipIf = lambda condition, reason: _skip_when(bool(condition), reason)
    unittest.skipUnless = lambda condition, reason: _skip_when(not condition, reason)
    unittest.case.skipIf, unittest.case.skipUnless = unittest.skipIf, unittest.skipUnless


def _skip_when(hold: bool, reason: str) -> Callable:
    """``unittest.skipIf``/``skipUnless`` here: when the condition says skip, the test fails instead."""
    import functools

    def fail_instead(fn: Callable) -> Callable:
        if isinstance(fn, type):
            for n in list(vars(fn)):
                if n.startswith("test") and callable(vars(fn)[n]):
                    setattr(fn, n, fail_instead(vars(fn)[n]))
            return fn

        @functools.wraps(fn)
        def skipped(*args: object, **kwargs: object) -> object:
            raise _skipped(f"by a condition: {reason}")

        return skipped

    return fail_instead if hold else (lambda fn: fn)


def _param_sets(fn: Callable) -> list[tuple[str, dict]]:
    """(id, keyword arguments) of each call pytest would make of ``fn``: one per combination of its
    ``parametrize`` marks; none when a ``skip`` mark applies; ``None`` for keyword arguments when a
    ``skipif`` whose condition holds (or cannot be told) applies: the test counts as failed."""
    sets: list = [("", {})]
    for mark in getattr(fn, "pytestmark", []):
        name, args = getattr(mark, "name", ""), tuple(getattr(mark, "args", ()))
        if name == "skip":
            return []
        if name == "skipif":
            try:
                hold = any(bool(a) for a in args) or bool(getattr(mark, "kwargs", {}).get("condition", False))
            except Exception:
                hold = True
            if hold:
                return [("", None)]
            continue
        if name != "parametrize" or len(args) < 2:
            continue
        names = [a.strip() for a in args[0].split(",")] if isinstance(args[0], str) else list(args[0])
        grown = []
        for i, value in enumerate(args[1]):
            values = getattr(value, "values", None)  # pytest.param(...)
            if values is None:
                values = (value,) if len(names) == 1 else tuple(value)
            for ident, kwargs in sets:
                grown.append((f"{ident}-{i}" if ident else str(i), {**kwargs, **dict(zip(names, values))}))
        sets = grown
    return [(f"[{ident}]" if ident else "", kwargs) for ident, kwargs in sets]


def _own_fixture(obj: object) -> Callable | None:
    """The function of a fixture the tests define themselves (``@pytest.fixture``), else None."""
    get = getattr(obj, "_get_wrapped_function", None)
    fn = get() if callable(get) else obj if hasattr(obj, "_pytestfixturefunction") else None
    return fn if isinstance(fn, types.FunctionType) and fn.__code__.co_filename == TESTS_FILE else None


def _with_fixtures(fn: Callable, kwargs: dict, env: dict, made: dict, teardown: list, depth: int = 0) -> dict:
    """``kwargs`` and, for every other parameter that is neither defaulted nor parametrized, the value of
    the tests' own fixture of that name (function scope: made once per test, a ``yield`` fixture torn down
    after it, fixtures of fixtures too); pytest's built-in fixtures are not provided (the test fails)."""
    import inspect

    out = dict(kwargs)
    for p in inspect.signature(fn).parameters.values():
        if p.default is not p.empty or p.kind not in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) or p.name in out:
            continue
        if p.name not in made:
            fixture = _own_fixture(env.get(p.name)) if depth < 32 else None
            if fixture is None:
                raise TypeError(f"fixture {p.name!r} is not available")
            value = fixture(**_with_fixtures(fixture, {}, env, made, teardown, depth + 1))
            if inspect.isgenerator(value):
                teardown.append(value)
                value = next(value)
            made[p.name] = value
        out[p.name] = made[p.name]
    return out


def _torn_down(teardown: list) -> None:
    for gen in reversed(teardown):
        try:
            next(gen)
        except StopIteration:
            pass


def _xunit(owner: object, name: str, arg: object) -> None:
    """pytest's xunit-style ``setup_*``/``teardown_*`` hook ``name`` of the tests' module or class, if any
    (called with ``arg`` when it takes one)."""
    import inspect

    hook = owner.get(name) if isinstance(owner, dict) else getattr(owner, name, None)
    if not callable(hook) or (isinstance(owner, dict) and getattr(hook, "__module__", None) != "__main__"):
        return
    try:
        takes = bool(inspect.signature(hook).parameters)
    except (TypeError, ValueError):
        takes = False
    hook(arg) if takes else hook()


def _call_test(verdict: Verdict, where: str, call: Callable[[], object]) -> None:
    """Run one collected test as pytest would; a failure outside its own checks counts once."""
    import inspect

    try:
        result = call()
        if inspect.isgenerator(result) or inspect.iscoroutine(result):
            result.close()
            raise TypeError("a test must not be a generator or a coroutine")
    except (SolutionDied, StopTests):
        raise
    except BaseException as e:
        verdict.fail_once(where, e)


def _test_function(fn: Callable, kwargs: dict | None, env: dict) -> object:
    """One test function, between the module's ``setup_function`` and ``teardown_function``, with its
    fixtures."""
    if kwargs is None:
        raise _skipped("by a condition")
    teardown: list = []
    kwargs = _with_fixtures(fn, kwargs, env, {}, teardown)
    _xunit(env, "setup_function", fn)
    try:
        return fn(**kwargs)
    finally:
        _xunit(env, "teardown_function", fn)
        _torn_down(teardown)


def _test_method(cls: type, name: str, kwargs: dict | None, env: dict) -> object:
    """One test method on a fresh instance, between its ``setup_method`` and ``teardown_method``."""
    if kwargs is None:
        raise _skipped("by a condition")
    inst = cls()
    method = getattr(inst, name)
    teardown: list = []
    kwargs = _with_fixtures(method, kwargs, env, {}, teardown)
    if hasattr(inst, "setup_method"):
        inst.setup_method(method)  # type: ignore[attr-defined]
    try:
        return method(**kwargs)
    finally:
        if hasattr(inst, "teardown_method"):
            inst.teardown_method(method)  # type: ignore[attr-defined]
        _torn_down(teardown)


class RunnerStatus(int):
    """The exit status ``pytest.main`` returns in the tests (:func:`pytest_main`): an ``int`` of its own, so
    that the ``SystemExit`` carrying this very object is known for the runner's report."""


def pytest_main(env: dict, defined: list[str], verdict: Verdict) -> RunnerStatus:
    """``pytest.main(...)`` called by the tests: their collected tests run (those not run yet), and the
    status pytest would return: 0 when no check failed, 1 otherwise."""
    run_collected(env, defined, verdict)
    status = RunnerStatus(0 if verdict.passed == verdict.total else 1)
    verdict.runner_exits.append(status)
    return status


def run_collected(env: dict, defined: list[str], verdict: Verdict) -> None:
    """What pytest would collect among the tests' own definitions (``defined``, in source order) and has
    not run yet: functions ``test*``; methods ``test*`` of classes ``Test*`` (a fresh instance each; an
    ``__init__`` that needs arguments fails them); ``unittest.TestCase`` subclasses (run by ``unittest``,
    every error and failure counted). pytest's xunit-style ``setup_module``/``setup_class``/
    ``setup_function`` (and their ``teardown_*``) run around them, and the tests' own fixtures are made
    for them. Skips: see :func:`_skipped`."""
    module = sys.modules.get("__main__")
    _call_test(verdict, "setup_module", lambda: _xunit(env, "setup_module", module))
    for name in defined:
        obj = env.get(name)
        if isinstance(obj, types.FunctionType) and name.startswith("test") and obj.__code__.co_filename == TESTS_FILE:
            if name not in verdict.ran:
                for ident, kwargs in _param_sets(obj):
                    call = lambda obj=obj, kwargs=kwargs: _test_function(obj, kwargs, env)  # noqa: E731
                    _call_test(verdict, name + ident, call)
        elif isinstance(obj, type) and issubclass(obj, unittest.TestCase):
            names = [n for n in unittest.TestLoader().getTestCaseNames(obj) if f"{name}.{n}" not in verdict.ran]
            unittest.TestSuite([obj(n) for n in names]).run(unittest.TestResult())
        elif isinstance(obj, type) and name.startswith("Test"):  # (with an __init__ too: its tests are no less
            # the tests; pytest would not collect them, and a class hiding failing tests must not pass)
            methods: list[str] = []
            for klass in reversed(obj.__mro__[:-1]):
                methods += [
                    m for m, f in vars(klass).items() if m.startswith("test") and callable(f) and m not in methods
                ]
            methods = [m for m in methods if f"{name}.{m}" not in verdict.ran]
            if methods:
                _call_test(verdict, f"{name}.setup_class", lambda obj=obj: _xunit(obj, "setup_class", obj))
            for m in methods:
                for ident, kwargs in _param_sets(getattr(obj, m)):
                    call = lambda obj=obj, m=m, kwargs=kwargs: _test_method(obj, m, kwargs, env)  # noqa: E731
                    _call_test(verdict, f"{name}.{m}{ident}", call)
            if methods:
                _call_test(verdict, f"{name}.teardown_class", lambda obj=obj: _xunit(obj, "teardown_class", obj))
    _call_test(verdict, "teardown_module", lambda: _xunit(env, "teardown_module", module))
