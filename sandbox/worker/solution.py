"""The solution's side: a run's process (forked by the zygote, waiting for its job), which runs a program as
``python main.py`` would, or executes a solution and then serves the trusted tests' requests (lookups,
calls, attributes, iteration) until they are done."""

from __future__ import annotations

import atexit
import builtins
import json
import os
import sys
import threading
import traceback
import types

from .framing import READ_CHUNK
from .isolation import Prepared, apply_limits, set_name
from .values import decode, encode


def job_message(kind: str, limits: list[tuple[int, int, int]], code: str) -> bytes:
    """What a prepared run process is sent: ``<kind> <resource soft hard>...\n<code>`` with the
    :func:`limit_triples` as integers. Plain text, not JSON: parsing it in a fresh fork touches (and copies)
    a handful of pages instead of a hundred."""
    header = " ".join([kind] + [str(n) for triple in limits for n in triple])
    return header.encode() + b"\n" + code.encode("utf-8", "surrogatepass")


def prepared_child(job_fd: int) -> None:
    """A run's process, forked before its job arrives: wait for the job, apply its limits, run it."""
    chunks = []
    while True:
        b = os.read(job_fd, READ_CHUNK)
        if not b:
            break
        chunks.append(b)
    os.close(job_fd)
    if not chunks:
        os._exit(0)  # the worker went away, or retired this child
    header, code = b"".join(chunks).split(b"\n", 1)
    kind, *values = header.split()
    set_name(b"rlvr-run")
    n = list(map(int, values))
    apply_limits(list(zip(n[0::3], n[1::3], n[2::3])))
    os.chdir(Prepared.workdir)
    src = code.decode("utf-8", "surrogatepass")
    if kind == b"judge":
        solution_child(src, 3, os.dup(3))
    else:
        os.close(3)
        program_child(src)


def stdio_for_runs() -> None:
    """Once in the worker, before any fork: give the interpreter's own ``sys.stdin``/``stdout``/``stderr``
    (never used by the worker, which speaks through ``os.read``/``os.write``) the text settings of a run.
    A run's process installs its pipes on fds 0-2 and uses them as they are: nothing to build per run."""
    streams = ((sys.stdin, "surrogateescape"), (sys.stdout, "backslashreplace"), (sys.stderr, "backslashreplace"))
    for f, errors in streams:
        f.reconfigure(encoding="utf-8", errors=errors)  # type: ignore[union-attr]


def _main_module() -> types.ModuleType:
    """A fresh ``__main__`` in the workdir, with ``sys.argv`` and ``sys.path`` of ``python main.py``."""
    mod = types.ModuleType("__main__")
    mod.__file__ = Prepared.main_file
    mod.__builtins__ = builtins
    sys.modules["__main__"] = mod
    sys.argv = ["main.py"]
    sys.path[:] = Prepared.sys_path
    return mod


def _exit_code(e: SystemExit) -> int:
    if e.code is None:
        return 0
    if isinstance(e.code, int):
        return e.code & 0xFF
    print(e.code, file=sys.stderr)
    return 1


def _finish(code: int) -> None:
    """Interpreter-like shutdown of a forked child: join non-daemon threads, atexit, flush, _exit."""
    try:
        threading._shutdown()  # type: ignore[attr-defined]
        atexit._run_exitfuncs()
    except SystemExit as e:
        code = _exit_code(e)
    except BaseException:
        traceback.print_exc()
    for f in (sys.stdout, sys.stderr):
        try:
            f.flush()
        except BaseException:
            pass
    os._exit(code)


def program_child(src: str) -> None:
    """Run ``src`` as ``__main__`` in this process."""
    mod = _main_module()
    code = 0
    try:
        exec(compile(src, "main.py", "exec"), mod.__dict__)
    except SystemExit as e:
        code = _exit_code(e)
    except BaseException:
        traceback.print_exc()
        code = 1
    _finish(code)


def solution_child(src: str, rfd: int, wfd: int) -> None:
    """Execute the solution, then answer lookup/call requests from the trusted process until EOF."""
    mod = _main_module()
    env = mod.__dict__
    try:
        exec(compile(src, "solution.py", "exec"), env)
    except BaseException:  # SystemExit included: the names it did not define stay undefined
        traceback.print_exc()
    objects: list[object] = []

    def ref(x: object) -> int:
        objects.append(x)
        return len(objects) - 1

    def deref(i: int) -> object:
        return objects[i]

    rf = os.fdopen(rfd, "rb", buffering=1 << 16)
    out = os.fdopen(wfd, "wb", buffering=0)
    for line in rf:
        try:
            req = json.loads(line)
            op = req["op"]
            if op == "lookup":  # module globals the tests read (modules by name: the tests' side imports them)
                names = {}
                for n in req["names"]:
                    if n in env and not n.startswith("__"):
                        v = env[n]
                        names[n] = ["M", v.__name__, ref(v)] if type(v) is types.ModuleType else encode(v, ref)
                resp = {"ok": names}
            elif op == "resolve":  # call-based: a function, or a method of class Solution (LeetCode)
                n = req["name"]
                fn = env.get(n)
                if fn is None and isinstance(env.get("Solution"), type):
                    fn = getattr(env["Solution"](), n)
                resp = {"ok": encode(fn, ref) if fn is not None else None}
            else:
                obj = deref(req["ref"])
                if op == "call":
                    args = [decode(a, deref) for a in req["args"]]
                    kwargs = {k: decode(a, deref) for k, a in req["kwargs"].items()}
                    val = obj(*args, **kwargs)  # type: ignore[operator]
                    resp = {"ok": encode(val, ref)}
                    if any(type(a) in _MUTABLE for a in args):  # in-place changes, mirrored by the tests' side
                        resp["after"] = [encode(a, ref) if type(a) in _MUTABLE else ["n"] for a in args]
                elif op == "getattr":
                    resp = {"ok": encode(getattr(obj, req["name"]), ref)}
                elif op == "iter":
                    resp = {"ok": encode(list(obj), ref)}  # type: ignore[call-overload]
                elif op == "dunder":
                    args = [decode(a, deref) for a in req["args"]]
                    resp = {"ok": encode(getattr(obj, req["name"])(*args), ref)}
                elif op == "isinstance":  # obj is the class
                    resp = {"ok": encode(isinstance(decode(req["arg"], deref), obj), ref)}  # type: ignore[arg-type]
                elif op == "issubclass":
                    resp = {"ok": encode(issubclass(decode(req["arg"], deref), obj), ref)}  # type: ignore[arg-type]
                else:
                    raise ValueError(f"unknown op {op!r}")
        except SystemExit as e:
            resp = {"exc": ["SystemExit", repr(e.code)[:200]]}
        except BaseException as e:
            resp = {"exc": [type(e).__name__, str(e)[:500]]}
        try:
            data = json.dumps(resp).encode()
        except BaseException as e:
            data = json.dumps({"exc": [type(e).__name__, "unencodable result"]}).encode()
        for f in (sys.stdout, sys.stderr):  # the run ends when the tests do: show what was printed so far
            try:
                f.flush()
            except BaseException:
                pass
        out.write(data + b"\n")
    _finish(0)


_MUTABLE = (list, dict, set)
