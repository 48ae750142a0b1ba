"""The ``code`` verifier: extract Python from a completion and judge it in the sandbox.

Reference formats (a dict, or a JSON string of one; a bare string is assert-style tests):

- assert-style: ``{"tests": str | [str], "entry_point"?: str, "timeout_s"?: float}``, or HumanEval's
  ``{"test": str, "entry_point": str, "prompt"?: str}`` (``check`` is called with the solution's entry point,
  which never replaces a builtin of the same name in the tests; the prompt is prepended when the completion
  does not define the entry point itself). The tests run in a trusted process as ``python
  solution_plus_tests.py`` would run them (``__main__``), then their pytest-style tests; the names they read
  that the solution defines are proxies to the solution's process. Passed only if the trusted process ran to
  the end and returned the run's secret nonce with every check passing; tests that execute no check at all
  give status ``no_tests``.
- call-based: ``{"fn_name": str, "inputs": [[args...], ...], "outputs": [ret, ...], "float_tol"?: float}``;
  results compared by value and exact type outside the solution's process (a LeetCode ``class Solution``
  method works too). APPS' ``{"input_output": "<json>"}`` wrapper is understood.
- stdin/stdout: ``{"stdin": str, "expected_stdout": str}`` or ``{"inputs": [str...], "outputs": [str...]}``
  without ``fn_name``; compared line by line, trailing whitespace ignored (with ``"float_tol"``, numbers on
  a line match within it: :func:`same_stdout`); the program must exit with 0.

Score: 1.0/0.0 (all-or-nothing, default) or the fraction of tests passed (``partial=True``; a run that
did not finish — the solution died, the tests stopped — scores 0, in call mode its cases not reached count
as failed: see docs/sandbox.md).
"""

from __future__ import annotations

import ast
import json
import logging
import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rlvr.sandbox.base import JudgeResult, JudgeSpec, Limits, RunResult, Sandbox
from rlvr.verifiers.base import (
    BatchVerifier,
    VerifyResult,
    check_batch_lengths,
    checked_timeout,
    register_verifier,
)
from rlvr.verifiers.code_extract import extract_code, needed_names

logger = logging.getLogger(__name__)

DETAIL_CAP = 4096  # bytes of stdout/stderr carried in VerifyResult.details


def continue_prompt(prompt: str, body: str) -> str:
    """``prompt`` followed by ``body``, a continuation of its last function: as is, or, when the body lost
    its indentation (a fenced block is often dedented) and only parses indented, indented to the body of
    that function."""
    program = prompt + body
    first = next((line for line in body.splitlines() if line.strip()), "")
    if first[:1] in (" ", "\t", "") or _compiles(program):  # (an indented body needs no compile here)
        return program
    indented = prompt.rstrip(" \t") + ("" if prompt.endswith("\n") else "\n") + textwrap.indent(body, "    ")
    return indented if _compiles(indented) else program


def _compiles(code: str) -> bool:
    """Whether ``code`` compiles (``return`` outside a function parses, but does not compile)."""
    try:
        compile(code, "<completion>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _defines(code: str, name: str) -> bool:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            return True
    return False


@dataclass
class CodeTask:
    """A normalised reference. mode: ``assert`` | ``call`` | ``stdio``."""

    mode: str
    tests: str = ""
    fn_name: str = ""
    inputs: list[Any] = field(default_factory=list)
    outputs: list[Any] = field(default_factory=list)
    float_tol: float = 0.0
    timeout_s: float | None = None
    prompt: str = ""
    entry_point: str = ""
    unwrap_single: bool = False  # APPS' input_output: a return value wrapped in a one-element list

    def needs(self) -> frozenset[str]:
        """The names the solution must bind: the entry point, else the names the tests read and do not bind."""
        if self.fn_name or self.entry_point:
            return frozenset({self.fn_name or self.entry_point})
        return needed_names(self.tests) if self.mode == "assert" else frozenset()


def parse_reference(reference: Any) -> CodeTask:
    """Normalise any supported reference format; raises ValueError naming what is wrong."""
    ref = reference
    if isinstance(ref, str):
        s = ref.strip()
        if s.startswith("{"):
            try:
                ref = json.loads(s)
            except ValueError:
                ref = {"tests": ref}
        else:
            ref = {"tests": ref}
    if not isinstance(ref, Mapping):
        raise ValueError(f"code reference must be a dict or a string, got {type(reference).__name__}")
    ref = dict(ref)
    apps = "input_output" in ref
    if apps:  # APPS / TACO
        io = ref.pop("input_output")
        io = json.loads(io) if isinstance(io, str) else io
        if not isinstance(io, Mapping):
            raise ValueError("reference.input_output must be a JSON object")
        ref.update(io)
    timeout = ref.get("timeout_s", ref.get("timeout"))
    if timeout is not None:
        try:
            timeout = float(timeout)
        except (TypeError, ValueError):
            raise ValueError(f"reference.timeout_s must be a number, got {timeout!r}") from None
        timeout = checked_timeout(timeout, "reference.timeout_s")
    tol = float(ref.get("float_tol", 0.0) or 0.0)
    if "test" in ref and "entry_point" in ref:  # HumanEval
        ep = str(ref["entry_point"])
        if not ep.isidentifier():
            raise ValueError(f"reference.entry_point must be an identifier, got {ep!r}")
        tests = f"{ref['test']}\n\ncheck(__entry_point__)\n"
        return CodeTask("assert", tests=tests, timeout_s=timeout, prompt=str(ref.get("prompt", "")), entry_point=ep)
    if "tests" in ref:
        tests = ref["tests"]
        if isinstance(tests, Sequence) and not isinstance(tests, str):
            if not all(isinstance(t, str) for t in tests):
                raise ValueError("reference.tests must be a string or a list of strings")
            tests = "\n".join(tests)
        if not isinstance(tests, str) or not tests.strip():
            raise ValueError("reference.tests must be a non-empty string")
        ep = str(ref.get("entry_point") or "")
        if ep and not ep.isidentifier():
            raise ValueError(f"reference.entry_point must be an identifier, got {ep!r}")
        return CodeTask("assert", tests=tests, timeout_s=timeout, entry_point=ep)
    if "fn_name" in ref:
        fn, ins, outs = ref["fn_name"], ref.get("inputs"), ref.get("outputs")
        if not isinstance(fn, str) or not fn.isidentifier():
            raise ValueError(f"reference.fn_name must be an identifier, got {fn!r}")
        if not isinstance(ins, list) or not isinstance(outs, list) or len(ins) != len(outs) or not ins:
            raise ValueError("reference.inputs and reference.outputs must be non-empty lists of equal length")
        ins = [a if isinstance(a, list) else [a] for a in ins]
        return CodeTask(
            "call", fn_name=fn, inputs=ins, outputs=outs, float_tol=tol, timeout_s=timeout, unwrap_single=apps
        )
    if "stdin" in ref or "expected_stdout" in ref:
        if "expected_stdout" not in ref:
            raise ValueError("reference.expected_stdout is missing")
        stdin, exp = ref.get("stdin") or "", ref["expected_stdout"]
        if not isinstance(stdin, str) or not isinstance(exp, str):
            raise ValueError("reference.stdin and reference.expected_stdout must be strings")
        return CodeTask("stdio", inputs=[stdin], outputs=[exp], float_tol=tol, timeout_s=timeout)
    if "inputs" in ref and "outputs" in ref:
        ins, outs = ref["inputs"], ref["outputs"]
        if not isinstance(ins, list) or not isinstance(outs, list) or len(ins) != len(outs) or not ins:
            raise ValueError("reference.inputs and reference.outputs must be non-empty lists of equal length")
        ins = ["\n".join(map(str, x)) if isinstance(x, list) else str(x) for x in ins]
        outs = ["\n".join(map(str, x)) if isinstance(x, list) else str(x) for x in outs]
        return CodeTask("stdio", inputs=ins, outputs=outs, float_tol=tol, timeout_s=timeout)
    raise ValueError(
        "code reference needs one of: tests | test+entry_point | fn_name+inputs+outputs | "
        f"stdin+expected_stdout | inputs+outputs; got keys {sorted(ref)}"
    )


#: The output cap of a second run of a stdin/stdout case whose output, cut at the cap, matched (bytes)
WIDE_OUTPUT = 16 << 20

#: What a judge's "trailing whitespace" is: spaces, tabs and carriage returns (not form feeds, vertical tabs or
#: Unicode spaces, which ``str.rstrip`` would also drop: a program printing them printed something else).
TRAILING_WS = " \t\r"


#: a decimal number as a judge's checker reads one (no ``inf``/``nan``, no ``1_000``, no hex)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _same_token(got: str, want: str, tol: float) -> bool:
    if got == want:
        return True
    if not (_NUMBER.fullmatch(got) and _NUMBER.fullmatch(want)):
        return False
    g, w = float(got), float(want)
    return math.isfinite(g) and math.isfinite(w) and math.isclose(g, w, rel_tol=tol, abs_tol=tol)


def same_stdout(got: str, expected: str, float_tol: float = 0.0) -> bool:
    """Line-by-line equality ignoring trailing spaces, tabs and carriage returns on each line and trailing
    empty lines; lines split at ``\\n`` only. With ``float_tol`` > 0 (a checker's tolerance, as
    Codeforces' for real-valued answers), a line that differs still matches when its whitespace-separated
    tokens do, one by one: equal, or both decimal numbers within ``float_tol`` (absolute or relative)."""
    g = [ln.rstrip(TRAILING_WS) for ln in got.split("\n")]
    e = [ln.rstrip(TRAILING_WS) for ln in expected.split("\n")]
    while g and not g[-1]:
        g.pop()
    while e and not e[-1]:
        e.pop()
    if g == e:
        return True
    if not float_tol > 0 or len(g) != len(e):
        return False
    for gl, el in zip(g, e):
        if gl == el:
            continue
        gt, et = gl.split(), el.split()
        if len(gt) != len(et) or not all(_same_token(a, b, float_tol) for a, b in zip(gt, et)):
            return False
    return True


def _cap(s: str) -> str:
    b = s.encode("utf-8", "replace")
    return s if len(b) <= DETAIL_CAP else b[:DETAIL_CAP].decode("utf-8", "ignore")


@register_verifier("code")
class CodeVerifier(BatchVerifier):
    """Judge Python completions in the sandbox (see module docstring for reference formats).

    partial: score = fraction of tests passed instead of all-or-nothing. timeout_s: default wall/CPU limit
    per run (a reference's ``timeout_s`` wins). memory_mb: address-space limit. workers: pool size (default
    CPU count). backend: ``bwrap`` (default) or ``rlimits`` (trusted code only). sandbox: an existing
    :class:`~rlvr.sandbox.base.Sandbox` to use instead.
    """

    enforces_time_limit = True  # every run is under the sandbox's wall-clock and CPU limits

    def __init__(
        self,
        partial: bool = False,
        timeout_s: float = 10.0,
        memory_mb: int = 1024,
        workers: int | None = None,
        backend: str = "bwrap",
        sandbox: Sandbox | None = None,
    ) -> None:
        timeout_s = checked_timeout(timeout_s, "CodeVerifier.timeout_s")
        self.partial = bool(partial)
        self.limits = Limits(wall_s=timeout_s, cpu_s=timeout_s, memory_mb=int(memory_mb))
        self._sandbox = sandbox
        self._workers, self._backend = workers, backend

    @property
    def sandbox(self) -> Sandbox:
        if self._sandbox is None:
            from rlvr.sandbox import get_sandbox

            self._sandbox = get_sandbox(self._backend, workers=self._workers)
        return self._sandbox

    def start(self) -> None:
        self.sandbox  # noqa: B018 - the pool starts its workers, and waits for them, when it is made

    def verify_batch(
        self,
        completions: Sequence[str],
        references: Sequence[Any],
        contexts: Sequence[Mapping[str, Any]] | None = None,
    ) -> list[VerifyResult]:
        """Judge all completions concurrently over the sandbox's workers; one result each, in order."""
        check_batch_lengths(completions, references, contexts)
        sb = self.sandbox
        submit = getattr(sb, "submit", None)
        if submit is None:
            return [self.safe_verify(c, r) for c, r in zip(completions, references)]
        futures = [submit(self.safe_verify_one, c, r) for c, r in zip(completions, references)]
        return [f.result() for f in futures]

    def safe_verify_one(self, completion: str, reference: Any) -> VerifyResult:
        try:
            return self._verify_one(completion, reference)
        except Exception as e:  # never crash the trainer
            logger.warning("code verifier error: %s: %s", type(e).__name__, e)
            return VerifyResult.failure("error", f"{type(e).__name__}: {e}")

    def safe_verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        return self.safe_verify_one(completion, reference)

    def _verify_one(self, completion: str, reference: Any) -> VerifyResult:
        try:
            task = parse_reference(reference)
        except (ValueError, TypeError) as e:
            return VerifyResult.failure("error", f"bad reference: {e}")
        code = extract_code(completion, task.needs())
        if code is None:
            return VerifyResult.failure("no_answer", "no Python code in the completion")
        lim = self.limits
        if task.timeout_s is not None:
            lim = lim.replace(wall_s=task.timeout_s, cpu_s=task.timeout_s)
        if task.mode == "stdio":
            return self._stdio(code, task, lim)
        program = code
        if task.prompt and task.entry_point and not _defines(code, task.entry_point):
            program = continue_prompt(task.prompt, code)  # a HumanEval-style body continuation
        spec = JudgeSpec(
            solution=program,
            mode=task.mode,
            tests=task.tests,
            fn_name=task.fn_name,
            inputs=task.inputs,
            outputs=task.outputs,
            float_tol=task.float_tol,
            entry_point=task.entry_point if task.mode == "assert" else "",
            unwrap_single=task.unwrap_single,
        )
        res = self.sandbox.judge(spec, lim, fraction=self.partial)
        return self._from_judge(res, code)

    def _from_judge(self, res: JudgeResult, code: str) -> VerifyResult:
        details: dict[str, Any] = {"tests_passed": res.passed, "tests_total": res.total, "completed": res.completed}
        if res.failures:
            details["failures"] = res.failures
        if res.run is not None:
            details["stdout"], details["stderr"] = _cap(res.run.stdout), _cap(res.run.stderr)
        if res.status == "timeout":
            return VerifyResult.failure(
                "timeout", res.error, extracted=code, details=details, duration_s=res.duration_s
            )
        if res.status == "no_tests":
            why = "the tests ran to their end without executing a single check"
            return VerifyResult.failure("no_tests", why, extracted=code, details=details, duration_s=res.duration_s)
        if res.status != "ok":
            return VerifyResult.failure("error", res.error, extracted=code, details=details, duration_s=res.duration_s)
        score = res.fraction if self.partial else float(res.all_passed)
        return VerifyResult(
            score=score, passed=res.all_passed, extracted=code, details=details, duration_s=res.duration_s
        )

    def _stdio(self, code: str, task: CodeTask, lim: Limits) -> VerifyResult:
        need = max(len(o.encode()) for o in task.outputs) + 4096
        if need > lim.output_bytes:
            lim = lim.replace(output_bytes=need)
        passed, runs, first_bad = 0, [], None
        timed_out = False
        for i, (stdin, expected) in enumerate(zip(task.inputs, task.outputs)):
            r: RunResult = self.sandbox.run(code, stdin, lim)
            if r.stdout_truncated and r.status == "ok" and same_stdout(r.stdout, expected, task.float_tol):
                # all it wrote within the cap matches: what lies beyond may be trailing whitespace (ignored by the
                # comparison), so it is judged once more with room for it; beyond that room it fails
                r = self.sandbox.run(code, stdin, lim.replace(output_bytes=max(4 * lim.output_bytes, WIDE_OUTPUT)))
            runs.append(r)
            if r.status == "sandbox_error":
                return VerifyResult.failure("error", r.error, extracted=code, details=_run_details(r))
            ok = r.status == "ok" and not r.stdout_truncated and same_stdout(r.stdout, expected, task.float_tol)
            passed += ok
            timed_out |= r.status == "timeout"
            if not ok:
                first_bad = first_bad if first_bad is not None else i
                if not self.partial:
                    break
        shown = runs[first_bad] if first_bad is not None else runs[-1]
        details = {"tests_passed": passed, "tests_total": len(task.inputs), **_run_details(shown)}
        if first_bad is not None:
            details["failures"] = [f"case {first_bad}: {shown.status} (exit {shown.returncode})"]
        dur = sum(r.duration_s for r in runs)
        if timed_out and not self.partial:
            return VerifyResult.failure("timeout", f"wall-clock limit {lim.wall_s}s", extracted=code,
                                        details=details, duration_s=dur)  # fmt: skip
        all_ok = passed == len(task.inputs)
        score = passed / len(task.inputs) if self.partial else float(all_ok)
        return VerifyResult(score=score, passed=all_ok, extracted=code, details=details, duration_s=dur)


def _run_details(r: RunResult) -> dict[str, Any]:
    return {"stdout": _cap(r.stdout), "stderr": _cap(r.stderr), "returncode": r.returncode}
