"""The trusted test process: per job it reads the secret half (tests, expected outputs, nonce) from the
worker's stdin itself, runs the tests against the solution's proxies — in call mode the cases, in assert
mode the tests' file as ``python solution_plus_tests.py`` then ``pytest`` would run it — and reports
straight to the host."""

from __future__ import annotations

import builtins
import importlib
import json
import math
import os
import socket
import sys
import types

from .checks import StopTests, Verdict, count_unittest_assertions, run_collected
from .framing import RESULT_CAP, read_exact, write_all
from .instrument import TESTS_FILE, compile_tests
from .proxies import Rpc, SolutionDied, prefetch_calls
from .values import short_repr

ENTRY_POINT = "__entry_point__"  # the tests' name of a declared entry point (HumanEval's ``check(...)``)


#: Conventional names of modules: the tests' ``np.allclose`` means numpy's.
MODULE_ALIASES = {"np": "numpy", "pd": "pandas", "plt": "matplotlib.pyplot", "sp": "scipy", "nx": "networkx"}


def _module_named(name: str) -> types.ModuleType | None:
    """The module a name of the tests stands for when they read its attributes (``math.isclose``): a
    standard-library module of that name, or the module of a conventional alias (``np``), imported here;
    else None (the name is the solution's)."""
    real = MODULE_ALIASES.get(name, name if name in sys.stdlib_module_names else "")
    if not real:
        return None
    try:
        return importlib.import_module(real)
    except Exception:
        return None


def _same(got: object, want: object, tol: float) -> bool:
    """Exact value and type; a tuple matches a list (JSON has no tuples); floats within ``tol``."""
    tg, tw = type(got), type(want)
    if tg is tuple and tw is list:
        tg = list
    if tg is not tw:
        return False
    if tw is float:
        if math.isnan(want) and math.isnan(got):  # type: ignore[arg-type]
            return True
        return got == want or (tol > 0 and math.isclose(got, want, rel_tol=tol, abs_tol=tol))  # type: ignore[arg-type]
    if tw is list:
        return len(got) == len(want) and all(_same(g, w, tol) for g, w in zip(got, want))  # type: ignore[arg-type]
    if tw is dict:
        return got.keys() == want.keys() and all(_same(got[k], want[k], tol) for k in want)  # type: ignore[attr-defined,index]
    return got == want


class _AsMain:
    """While the tests run: their module is ``__main__`` (``unittest.main()`` finds it), ``sys.argv`` is
    that of ``python tests.py``, what they print goes nowhere, and ``unittest`` assertions count for
    ``verdict``."""

    def __init__(self, module: types.ModuleType, verdict: Verdict) -> None:
        self.module, self.verdict = module, verdict

    def __enter__(self) -> None:
        self.saved = sys.modules.get("__main__"), sys.argv, sys.stdout, sys.stderr
        sys.modules["__main__"] = self.module
        sys.argv = [TESTS_FILE]
        self.null = sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        Verdict.current = self.verdict

    def __exit__(self, *exc: object) -> None:
        Verdict.current = None
        main, sys.argv, sys.stdout, sys.stderr = self.saved
        self.null.close()
        if main is not None:
            sys.modules["__main__"] = main


def run_call_cases(spec: dict, rpc: Rpc, verdict: Verdict) -> None:
    """Call mode: ``fn_name`` on each input; value and exact type compared here."""
    fn = rpc.resolve(spec["fn_name"])
    tol = float(spec.get("float_tol", 0.0))
    for i, (args, want) in enumerate(zip(spec["inputs"], spec["outputs"])):
        try:
            got = fn(*args)
        except (SolutionDied, StopTests):
            raise
        except BaseException as e:
            verdict.fail(f"case {i}", e)
            continue
        if _same(got, want, tol) or (type(want) is list and len(want) == 1 and _same(got, want[0], tol)):
            verdict.ok()  # (APPS wraps a return value in a one-element list)
        else:
            verdict.fail(f"case {i}", AssertionError(f"got {short_repr(got)}, expected {short_repr(want)}"))


def run_tests_file(spec: dict, rpc: Rpc, verdict: Verdict, compiled: dict | None) -> bool:
    """Assert mode, with the semantics of ``python solution_plus_tests.py`` followed by ``pytest``: the
    tests run as ``__main__``; the names they read and do not define are the solution's module globals
    (only those: never a builtin, never a dunder); a declared entry point is ``__entry_point__`` (HumanEval's
    ``check(__entry_point__)``: every other name keeps its meaning, a builtin of the entry point's name
    stays the builtin), or, in tests that do not use ``__entry_point__``, its own name (as in the
    concatenated file, even over a builtin); ``sys.exit(0)``
    ends them as it would end the file; then every collected test that has not run is called. Returns
    whether they ran to their end (another exit status does not)."""
    key = spec["tests"]
    if compiled is not None and key in compiled:
        code, free, defined, bases = compiled[key]
    else:
        code, free, defined, bases = compile_tests(key)
        if compiled is not None:
            if len(compiled) >= 256:
                compiled.clear()
            compiled[key] = (code, free, defined, bases)
    module = types.ModuleType("__main__")
    env = module.__dict__
    env.update(__file__=TESTS_FILE, __builtins__=builtins)
    entry = spec.get("entry_point") or ""
    modules = {n: m for n in bases if n != entry and (m := _module_named(n)) is not None}
    env.update(
        rpc.lookup([n for n in free if not n.startswith("__") and not hasattr(builtins, n) and n not in modules])
    )
    env.update(modules)
    if entry:
        env[ENTRY_POINT] = rpc.resolve(entry)
        if entry in free and ENTRY_POINT not in free:  # (when they get it as __entry_point__, never)
            env[entry] = env[ENTRY_POINT]
    env.update(
        __rlvr_died__=(SolutionDied, StopTests),
        __rlvr_pass__=verdict.ok,
        __rlvr_fail__=lambda line, e: verdict.fail(f"line {line}", e),
        __rlvr_prefetch__=lambda *calls: prefetch_calls(rpc, calls),
        __rlvr_enter__=verdict.enter,
        __rlvr_raised__=verdict.raised,
    )
    with _AsMain(module, verdict):
        try:
            exec(code, env)
        except SystemExit as e:
            if e.code is not None and e.code != 0:
                verdict.failures.append(f"tests exited with status {short_repr(e.code)}")
                return False
        run_collected(env, defined, verdict)
    return True


def tests_child(spec: dict, rpc: Rpc, compiled: dict | None = None) -> dict:
    """Run the trusted tests; return the counts (the caller adds the nonce). ``compiled`` caches the
    instrumented code of test sources already seen (G completions of one prompt share their tests)."""
    verdict = Verdict(bool(spec.get("fraction")), int(spec.get("max_failures_reported", 3)))
    settings = sys.get_int_max_str_digits(), sys.getrecursionlimit()  # the tests may change them: not for
    try:  # the next run's tests
        if spec["mode"] == "call":
            run_call_cases(spec, rpc, verdict)
            verdict.completed = True
        else:
            verdict.completed = run_tests_file(spec, rpc, verdict, compiled)
    except StopTests:
        pass
    except SolutionDied as e:
        verdict.failures.append(f"solution: {e}")
    except BaseException as e:
        verdict.failures.append(f"tests raised {type(e).__name__}: {short_repr(e)}")
    finally:
        sys.set_int_max_str_digits(settings[0])
        sys.setrecursionlimit(settings[1])
    if rpc.dead and verdict.completed:  # the tests swallowed its death: they cannot have passed
        verdict.completed = False
        verdict.failures.append(f"solution: {rpc.dead}")
    return verdict.report()


def trusted_main(ctl_fd: int, report_fd: int) -> None:
    """The long-lived trusted test process. Per job: a control message (job id, secret length) with the
    socket to that job's solution process attached; the secret half is read from fd 0 (the worker's
    stdin, which the worker does not read meanwhile); the report goes straight to the host on
    ``report_fd`` (the worker's stdout), then ``done`` on the control socket. Neither the tests nor the
    failure messages (which may quote expected values) ever pass through the worker, whose memory every
    later solution process inherits."""
    ctl = socket.socket(fileno=ctl_fd)
    compiled: dict = {}
    count_unittest_assertions()
    while True:
        msg, fds, _, _ = socket.recv_fds(ctl, 1 << 16, 1)
        if not msg:
            os._exit(0)
        job = json.loads(msg)
        secret = json.loads(read_exact(0, int(job["t_bytes"])))
        if secret.get("id") != job["id"] or len(fds) != 1:
            os._exit(3)
        state: dict
        try:
            state = tests_child(secret, Rpc(fds[0], fds[0]), compiled)
        except BaseException as e:
            state = {"passed": 0, "total": 0, "completed": False, "failures": [f"harness: {e!r}"[:300]]}
        os.close(fds[0])
        state.update(nonce=secret["nonce"], id=job["id"])
        data = json.dumps({"report": state}).encode()
        if len(data) > RESULT_CAP:
            state["failures"] = [f[:200] for f in state["failures"][:1]]
            data = json.dumps({"report": state}).encode()
        write_all(report_fd, data + b"\n")
        ctl.sendall(b"done\n")
        del secret, state, msg, data
