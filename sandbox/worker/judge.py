"""The trusted test process: per job it reads the secret half (tests, expected outputs, nonce) from the
worker's stdin itself, runs the tests against the solution's proxies — in call mode the cases, in assert
mode the tests' file as ``python solution_plus_tests.py`` then ``pytest`` would run it — and reports
straight to the host."""

from __future__ import annotations

import builtins
import collections
import importlib
import importlib.util
import json
import linecache
import math
import os
import socket
import sys
import types

from .checks import StopTests, Verdict, count_unittest_assertions, pytest_main, run_collected
from .framing import READ_CHUNK, RESULT_CAP, read_exact, write_all
from .instrument import TESTS_FILE, compile_tests
from .isolation import FilesAs
from .proxies import MAX_MESSAGE, RemoteRef, Rpc, SolutionDied, SolutionStop, count_waits, prefetch_calls
from .shared import SharedState, watch
from .values import clear_mirrors, decoded_namedtuple, set_handles, set_trusted, short_repr

ENTRY_POINT = "__entry_point__"  # the tests' name of a declared entry point (HumanEval's ``check(...)``)


#: Conventional names of modules (``np.allclose`` means numpy's); where a convention has two, the module the
#: solution imported under that name picks one of them (``import sympy as sp``).
MODULE_ALIASES = {
    "np": ("numpy",), "npt": ("numpy.testing",), "pd": ("pandas",), "plt": ("matplotlib.pyplot",),
    "sp": ("scipy", "sympy"), "nx": ("networkx",), "tf": ("tensorflow",), "mpl": ("matplotlib",),
    "sns": ("seaborn",), "pl": ("polars",), "jnp": ("jax.numpy",),
}  # fmt: skip
#: Well-known packages tests name without importing them: such a name is always the package, whatever
#: attributes the tests read of it, and when it is not importable here a module that is missing (its
#: attributes raise ``ModuleNotFoundError``), never the solution's stand-in. (No common words: ``regex``.)
KNOWN_PACKAGES = frozenset({
    "numpy", "scipy", "pandas", "sympy", "torch", "networkx", "matplotlib", "pytest", "sklearn", "jax",
    "tensorflow", "numba", "PIL", "cv2", "yaml", "sortedcontainers", "more_itertools", "pydantic", "bs4",
    "statsmodels", "seaborn", "polars", "pyarrow", "einops", "toolz",
})  # fmt: skip
#: Importable names never imported for the tests (side effects: a browser, a GUI, printing the Zen).
NEVER_IMPORTED = frozenset({"this", "antigravity", "idlelib", "tkinter", "turtle", "turtledemo", "__main__"})

_FOUND: dict[str, bool] = {}


def _importable(name: str) -> bool:
    """Whether ``name`` is a top-level module this interpreter could import (cached per process)."""
    if name not in _FOUND:
        ok = name.isidentifier() and not name.startswith("_") and name not in NEVER_IMPORTED
        try:
            _FOUND[name] = ok and importlib.util.find_spec(name) is not None
        except BaseException:
            _FOUND[name] = False
    return _FOUND[name]


def _import(name: str) -> types.ModuleType | None:
    try:
        return importlib.import_module(name)
    except BaseException:
        return None


def _missing_module(name: str) -> types.ModuleType:
    """A module that cannot be imported here: any attribute raises ``ModuleNotFoundError``."""
    mod = types.ModuleType(name)

    def missing(attr: str) -> object:
        raise ModuleNotFoundError(f"No module named {name!r}")

    mod.__getattr__ = missing  # type: ignore[method-assign]
    return mod


def _has_chains(mod: types.ModuleType, chains: set[tuple[str, ...]]) -> bool:
    """Whether every attribute chain the tests read of ``mod`` exists, as far as it runs through modules
    (a submodule is imported as the concatenated file's ``import xml.etree.ElementTree`` would have)."""
    for chain in chains:
        obj: object = mod
        for part in chain:
            if not isinstance(obj, types.ModuleType):
                break
            if not hasattr(obj, part) and (_import(f"{obj.__name__}.{part}") is None or not hasattr(obj, part)):
                return False
            obj = getattr(obj, part)
    return True


def module_named(name: str, claimed: str, chains: set[tuple[str, ...]]) -> types.ModuleType | None:
    """The module the tests mean by ``name`` when the solution's binding of it is no data (an object, a
    class, a function, a module, or nothing): an importable module of that name, of its conventional alias,
    or the one the solution imported under it (``claimed``, a module name: only when it is that name's own
    or one of its alias's, and imported here) — the first that has every attribute chain the tests read of
    it (``queue.push`` of a solution's ``queue = Q()``: the tests mean the solution's object; common words
    name modules, ``regex``, ``click`` too) — else None. The name (or alias) of a well-known package
    (:data:`KNOWN_PACKAGES`) is always the package, imported here (a solution does not name its objects
    ``numpy``), and one that cannot be imported here is a missing module."""
    options = []
    aliases = MODULE_ALIASES.get(name, ())
    if claimed and (claimed.split(".")[0] == name or claimed in aliases):
        options.append(claimed)
    options += [*aliases, name]
    for real in dict.fromkeys(options):
        top = real.split(".")[0]
        if not _importable(top):
            if top in KNOWN_PACKAGES:
                return _missing_module(real)
            continue
        mod = _import(real)
        if mod is None:
            if top in KNOWN_PACKAGES or top in sys.stdlib_module_names:
                return _missing_module(real)
            continue
        if top in KNOWN_PACKAGES or _has_chains(mod, chains):
            return mod
    return None


DEFAULT_REL_TOL = 1e-9  # floats of call mode without a float_tol: two ways of computing one float
#: ... and the absolute floor under it, where a relative tolerance means nothing (noise around an expected 0:
#: ``0.1 + 0.2 - 0.3`` is 5.6e-17); pytest.approx's default floor
DEFAULT_ABS_TOL = 1e-12


def _json_key(k: object) -> object:
    """The key ``json`` writes for ``k`` (JSON objects have string keys: ``{1: 2}`` is written ``{"1": 2}``)."""
    if type(k) is bool:
        return "true" if k else "false"
    if k is None:
        return "null"
    if type(k) in (int, float):
        return repr(k)
    return k


def _plain(x: object) -> object:
    """A numpy scalar as the Python value it stands for (``np.int64(2)`` is the 2 a JSON output holds); an
    enum member of an ``int``/``str``/``float`` kind (a mirror: ``IntEnum``, a ``str`` mixin) as its value,
    which is what ``json`` writes for it."""
    enum = sys.modules.get("enum")
    if enum is not None and isinstance(x, enum.Enum) and isinstance(x, (int, float, str)):
        value = x.value
        return value if type(value) in (int, float, str) else x
    if type(x).__module__ == "numpy" and getattr(x, "ndim", None) == 0 and getattr(x, "shape", None) == ():
        try:
            got = x.item()  # type: ignore[attr-defined]
            if type(got).__module__ == "numpy":  # extended precision gives itself back
                got = complex(got) if getattr(x, "dtype", None).kind == "c" else float(got)  # type: ignore[union-attr,arg-type]
            return got
        except Exception:
            return x
    return x


#: the standard mappings ``json`` writes as an object, matched as the dict of their items (decoded as these
#: very types on the trusted side: data, never the solution's objects)
_JSON_OBJECTS = (collections.Counter, collections.defaultdict, collections.OrderedDict)


def _same(got: object, want: object, tol: float) -> bool:
    """Value and type as JSON tells them: a tuple or namedtuple matches a list (JSON has no tuples), so does
    a numpy array as the nested lists of its values (``tolist()``); an int matches a float, and floats match
    within ``tol`` (0: a relative 1e-9 above an absolute 1e-12); a float matches an int only under a
    declared ``tol`` (JSON writers drop ``.0``); a numpy scalar is its value; a dict's keys are compared as
    JSON writes them (strings), and a dict two of whose keys JSON would write alike is no match; a
    ``Counter``, ``defaultdict`` or ``OrderedDict`` matches a dict as the object JSON writes for it; otherwise
    exact types."""
    got = _plain(got)
    tg, tw = type(got), type(want)
    if tw is list and tg is not list:
        np = sys.modules.get("numpy")
        if tg is tuple or (issubclass(tg, tuple) and decoded_namedtuple(tg)):  # (JSON writes it as a list)
            tg = list
        elif np is not None and tg is np.ndarray:
            got = got.tolist()  # type: ignore[attr-defined]  # (an array as the nested lists of its values)
            tg = type(got)
    elif tw is dict and tg in _JSON_OBJECTS:  # (json writes a Counter, defaultdict, OrderedDict as an object)
        tg = dict
    if tw in (int, float) and tg in (int, float):
        if tw is int and (tg is int or not tol):  # a float for an int only within a declared tolerance
            return tg is int and got == want
        if math.isnan(want) or math.isnan(got):  # type: ignore[arg-type]
            return math.isnan(want) and math.isnan(got)  # type: ignore[arg-type]
        try:
            return got == want or math.isclose(
                got, want, rel_tol=tol or DEFAULT_REL_TOL, abs_tol=tol or DEFAULT_ABS_TOL
            )  # type: ignore[arg-type]
        except OverflowError:
            return False
    if tg is not tw:
        return False
    if tw is list:
        return len(got) == len(want) and all(_same(g, w, tol) for g, w in zip(got, want))  # type: ignore[arg-type]
    if tw is dict:
        if got.keys() != want.keys():  # type: ignore[attr-defined]
            keyed = {_json_key(k): v for k, v in got.items()}  # type: ignore[attr-defined]
            if len(keyed) != len(got) or keyed.keys() != want.keys():  # type: ignore[arg-type]
                return False  # (keys that collide once written, {1: 5, "1": 2}: no dict JSON could hold)
            got = keyed
        return all(_same(got[k], want[k], tol) for k in want)  # type: ignore[index]
    return got == want


class Refused(SolutionDied):
    """The tests called the solution while a change of theirs to what one file would share was in force
    (:class:`SharedState`): the run fails, and no later request is made."""


class JudgedRpc(Rpc):
    """The trusted test process's :class:`Rpc`: while ``shared`` is set (the tests run), a request made
    while the tests have changed what the solution would share with them is refused; while ``bindings``
    is set (the tests' namespace and the names they bind for the solution, ``instrument.for_solution``),
    each message to the solution carries those of them the tests bound, or bound anew, since the last
    (``set``): the solution's module gets them, as the concatenated file's would."""

    shared: SharedState | None = None
    bindings: tuple[dict, list[str]] | None = None

    def __init__(self, rfd: int, wfd: int) -> None:
        super().__init__(rfd, wfd)
        self.sent: dict[str, object] = {}  # name -> the tests' value last sent under it

    def _outgoing(self) -> dict:
        out = super()._outgoing()
        if self.bindings is None:
            return out
        env, names = self.bindings
        sent, new = self.sent, {}
        for n in names:
            v = env.get(n, sent)
            if v is not sent and sent.get(n, sent) is not v:
                try:
                    new[n] = self.enc(v)
                except (TypeError, ValueError, RecursionError) as e:
                    raise self.died(f"harness: the tests' {n!r} could not be sent: {type(e).__name__}") from None
                sent[n] = v
        if new:
            out["set"] = new
        return out

    def await_exit(self) -> str | None:
        """After the tests: tell the solution they are done (its socket shut for writing) and wait until its
        process ends as the file would — non-daemon threads joined, ``atexit`` run, files flushed — and
        reports its exit status. None when it is 0; else why the file would have failed (a hang is the
        run's timeout)."""
        try:
            sock = socket.socket(fileno=os.dup(self.wfd))
            try:
                sock.shutdown(socket.SHUT_WR)
            finally:
                sock.close()
        except OSError:
            return None
        data = self.buf
        while True:
            for line in data.split(b"\n")[:-1]:
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if isinstance(msg, dict) and type(msg.get("exit")) is int and len(msg) == 1:
                    code = msg["exit"]
                    return None if code == 0 else f"the solution's process exited with status {code} after the tests"
            try:
                chunk = os.read(self.rfd, READ_CHUNK)
            except OSError:
                chunk = b""
            if not chunk:
                return "the solution's process ended after the tests without exiting (os._exit, a signal)"
            data = data.rsplit(b"\n", 1)[-1] + chunk if len(data) < MAX_MESSAGE else chunk

    def request(self, msg: dict) -> dict:
        shared = self.shared  # (a name's lookup runs none of the solution's code)
        why = shared.changed() if shared is not None and msg.get("op") != "lookup" else None
        if why is not None:
            why = f"the tests changed what one file would share with the solution, which it cannot see here: {why}"
            self.dead, self.refused = self.dead or why, True
            raise Refused(why)
        return super().request(msg)


class LiveGlobals:
    """The tests' reader of the solution's globals (``__rlvr_global__(name)``, see ``instrument.live_reads``):
    a name whose value is data (a counter, a registry, a board: copies in the tests), or that the solution
    had not defined yet, is asked again whenever the solution may have changed it — a call into it since
    the last answer (``Rpc.epoch``), or time for its threads to run (``STALE_S``) — so that the tests see
    its state as it is, as in the concatenated file; the rest (functions, proxies of its objects, modules)
    is what the tests got. A name read again and again costs at most one round trip per ``STALE_S``
    between calls."""

    STALE_S = 1e-3

    def __init__(self, env: dict, rpc: Rpc, data: list[str], chains: dict) -> None:
        import time

        self.env, self.rpc, self.clock, self.chains = env, rpc, time.monotonic, chains
        self.asked = {n: (rpc.epoch, self.clock()) for n in data}  # name -> (epoch, time) of its last answer
        self.put = {n: env.get(n, self) for n in data}  # what this reader put there (self: nothing)

    def __call__(self, name: str) -> object:
        rpc, last = self.rpc, self.asked.get(name)
        if last is not None and self.env.get(name, self) is not self.put[name]:  # the tests bound it since
            del self.asked[name]  # (a star import, ``globals()[...] =``, ``exec``): theirs from now on
            last = None
        if (
            last is not None
            and (last[0] != rpc.epoch or self.clock() - last[1] >= self.STALE_S)
            and not rpc.pending
            and not rpc.dead
        ):
            claimed = rpc.claimed_modules
            got = rpc.lookup([name])
            rpc.claimed_modules = claimed
            self.asked[name] = rpc.epoch, self.clock()
            value = got.get(name, self)
            if isinstance(value, (RemoteRef, types.ModuleType)):  # no data now: a module's name is the module
                value = module_named(name, "", self.chains.get(name, set())) or value
            if value is self:
                self.env.pop(name, None)
            else:
                self.env[name] = value
            self.put[name] = value
        try:
            return self.env[name]
        except KeyError:
            raise NameError(f"name {name!r} is not defined") from None


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
    """Call mode: ``fn_name`` on each input; value and exact type compared here. The cases are known in
    advance: when the run stops early (the solution died), every case not decided counts as failed."""
    cases = list(zip(spec["inputs"], spec["outputs"]))
    verdict.all_counted = True
    try:
        _call_cases(spec, rpc, verdict, cases)
    finally:
        for i in range(len(cases)):
            verdict.sites.setdefault(("case", i), False)


def _call_cases(spec: dict, rpc: Rpc, verdict: Verdict, cases: list) -> None:
    fn = rpc.resolve(spec["fn_name"])
    tol = float(spec.get("float_tol", 0.0))
    unwrap = bool(spec.get("unwrap_single"))  # APPS wraps a return value in a one-element list
    for i, (args, want) in enumerate(cases):
        try:
            got = fn(*args)
        except (SolutionDied, StopTests):
            raise
        except BaseException as e:
            verdict.fail(f"case {i}", e, ("case", i))
            continue
        if _same(got, want, tol) or (unwrap and type(want) is list and len(want) == 1 and _same(got, want[0], tol)):
            verdict.ok(("case", i))
        else:
            why = AssertionError(f"got {short_repr(got)}, expected {short_repr(want)}")
            verdict.fail(f"case {i}", why, ("case", i))


def run_tests_file(spec: dict, rpc: Rpc, verdict: Verdict, compiled: dict | None) -> bool:
    """Assert mode, with the semantics of ``python solution_plus_tests.py`` followed by ``pytest``: the
    tests run as ``__main__``; the names they read and do not define are the solution's module globals
    (only those: never a builtin, never a dunder); a declared entry point is ``__entry_point__`` (HumanEval's
    ``check(__entry_point__)``: every other name keeps its meaning, a builtin of the entry point's name
    stays the builtin), or, in tests that do not use ``__entry_point__``, its own name (as in the
    concatenated file, even over a builtin); ``sys.exit(0)``
    ends them as it would end the file; then every collected test that has not run is called. Returns
    whether they ran to their end (another exit status does not). Their source is in ``linecache`` under
    their file name (``inspect.getsource`` of their own functions works as for a file)."""
    key = spec["tests"]
    if compiled is not None and key in compiled:
        code, free, defined, chains, called, pushed = compiled[key]
    else:
        code, free, defined, chains, called, pushed = compile_tests(key)
        if compiled is not None:
            if len(compiled) >= 256:
                compiled.clear()
            compiled[key] = (code, free, defined, chains, called, pushed)
    linecache.cache[TESTS_FILE] = (len(key), None, key.splitlines(True), TESTS_FILE)  # (inspect.getsource)
    module = types.ModuleType("__main__")
    env = module.__dict__
    env.update(__file__=TESTS_FILE, __builtins__=builtins)
    rpc.tests_env = env  # (a class the tests define under the name of a solution object's type: see RemoteRef)
    entry = spec.get("entry_point") or ""
    asked = [n for n in free if not n.startswith("__") and not hasattr(builtins, n)]
    if entry:  # both requests in one write: no code of the tests runs between them
        rpc.prefetch([{"op": "lookup", "names": asked}, {"op": "resolve", "name": entry}])
    given = rpc.lookup(asked)
    env.update(given)
    given_ids = {id(v) for v in given.values()}  # what the solution bound (a trusted import of it included)
    for n in free:  # module names: whatever the solution bound to them, unless it is data (see module_named)
        if n == entry or n in called or n.startswith("__") or hasattr(builtins, n):
            continue
        if n in env and not isinstance(env[n], (RemoteRef, types.ModuleType)):
            continue
        mod = module_named(n, rpc.claimed_modules.get(n, ""), chains.get(n, set()))
        if mod is not None:
            env[n] = mod
    if entry:
        env[ENTRY_POINT] = rpc.resolve(entry)
        if entry in free and ENTRY_POINT not in free:  # (when they get it as __entry_point__, never)
            env[entry] = env[ENTRY_POINT]
    live = [n for n in asked if n != entry and not isinstance(env.get(n), (RemoteRef, types.ModuleType))]
    env.update(
        __rlvr_global__=LiveGlobals(env, rpc, [n for n in live if not callable(env.get(n))], chains),
        __rlvr_died__=(SolutionDied, StopTests),
        __rlvr_stop__=SolutionStop,
        __rlvr_pass__=lambda line: verdict.ok(("line", line)),
        __rlvr_fail__=lambda line, e: verdict.fail(f"line {line}", e, ("line", line)),
        __rlvr_checked__=lambda line, fn: (
            None if isinstance(fn, RemoteRef) or id(fn) in given_ids else verdict.ok(("line", line))
        ),
        __rlvr_prefetch__=lambda *calls: prefetch_calls(rpc, calls),
        __rlvr_passed_if__=lambda line: None if rpc.in_callback() else verdict.ok(("line", line)),
        __rlvr_pytest_main__=lambda *a, **k: pytest_main(env, defined, verdict),
        __rlvr_enter__=verdict.enter,
        __rlvr_raised__=verdict.raised,
    )
    with _AsMain(module, verdict):
        if isinstance(rpc, JudgedRpc):
            rpc.shared = SharedState()
            rpc.bindings = (env, pushed) if pushed else None
        try:
            exec(code, env)
        except SystemExit as e:
            if e.code is not None and e.code != 0 and not verdict.runner_exit(e):
                verdict.failures.append(f"tests exited with status {short_repr(e.code)}")
                return False
        run_collected(env, defined, verdict)
    return True


def tests_child(spec: dict, rpc: Rpc, compiled: dict | None = None) -> dict:
    """Run the trusted tests; return the counts (the caller adds the nonce). ``compiled`` caches the
    instrumented code of test sources already seen (G completions of one prompt share their tests)."""
    verdict = Verdict(bool(spec.get("fraction")), int(spec.get("max_failures_reported", 3)))
    clear_mirrors()  # (mirrors of the last run's enum members stood for its objects)
    settings = sys.get_int_max_str_digits(), sys.getrecursionlimit()  # the tests may change them: not for
    set_handles(rpc.handles)  # (containers cross as aliases of the solution's for this run only)
    try:  # the next run's tests
        if spec["mode"] == "call":
            run_call_cases(spec, rpc, verdict)
            verdict.completed = True
        else:
            verdict.completed = run_tests_file(spec, rpc, verdict, compiled)
    except StopTests:
        pass
    except Refused as e:
        verdict.failures.append(f"refused: {e}")
    except SolutionDied as e:
        verdict.failures.append(f"solution: {e}")
    except BaseException as e:
        verdict.failures.append(f"tests raised {type(e).__name__}: {short_repr(e)}")
    finally:
        set_handles(None)
        sys.set_int_max_str_digits(settings[0])
        sys.setrecursionlimit(settings[1])
        if isinstance(rpc, JudgedRpc):
            _stop_patches()
            if rpc.shared is not None:
                rpc.shared.restore()
            rpc.shared = rpc.bindings = None
    if isinstance(rpc, JudgedRpc) and verdict.completed and not rpc.dead:
        ended = rpc.await_exit()  # (the file's status after its tests: a thread left running, an atexit exit)
        if ended is not None:
            verdict.completed = False
            verdict.failures.append(ended)
    if rpc.dead and verdict.completed:  # the tests swallowed its death: they cannot have passed
        verdict.completed = False
        verdict.failures.append(f"{'refused' if getattr(rpc, 'refused', False) else 'solution'}: {rpc.dead}")
    return verdict.report()


class _InWorkdir:
    """While the tests run: the run's working directory is theirs too (relative paths, ``open('out.txt')``,
    and ``tempfile``, which finds it anew: ``TMPDIR`` is the workdir); afterwards ``/``, so that the
    finished run's directory, removed by the worker, is nobody's."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __enter__(self) -> None:
        import tempfile

        os.chdir(self.path)
        tempfile.tempdir = None

    def __exit__(self, *exc: object) -> None:
        import tempfile

        os.chdir("/")
        tempfile.tempdir = None


def _stop_patches() -> None:
    """Patches the tests started and left in force (``patch(...).start()``) end with their run."""
    import unittest.mock

    try:
        unittest.mock.patch.stopall()
    except BaseException:
        pass


def trusted_main(ctl_fd: int, report_fd: int) -> None:
    """The long-lived trusted test process. Per job: a control message (job id, secret length) with the
    socket to that job's solution process attached; the secret half is read from fd 0 (the worker's
    stdin, which the worker does not read meanwhile); the report goes straight to the host on
    ``report_fd`` (the worker's stdout), then ``done`` on the control socket. Neither the tests nor the
    failure messages (which may quote expected values) ever pass through the worker, whose memory every
    later solution process inherits."""
    ctl = socket.socket(fileno=ctl_fd)
    compiled: dict = {}
    set_trusted()
    count_unittest_assertions()
    watch()
    count_waits()
    import gc

    gc.freeze()  # (what it imported to start — unittest.mock, asyncio — is no work for each run's collections)
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
            with FilesAs(), _InWorkdir(str(job.get("cwd") or "/")):
                state = tests_child(secret, JudgedRpc(fds[0], fds[0]), compiled)
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
