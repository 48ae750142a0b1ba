"""Batch verification of JSONL streams: the engine behind ``rlvr verify`` (a stable contract).

Each input line ``{"id"?, "completion": str, "reference": any}`` yields one output line, in order:
``{"id"?, "score", "passed", "status", "extracted", "duration_s", "error"?, "stdout"?, "stderr"?}``.
Lines are verified in batches (``verify_batch``, so the math checks spread over the worker pool) and each
batch is written and flushed as soon as it is scored.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from rlvr.verifiers.base import Verifier, VerifyResult
from rlvr.verifiers.combine import build_verifier

_NO_ID = object()


def parse_opts(opts: Sequence[str]) -> dict[str, Any]:
    """``["k=v", …]`` → kwargs; values are JSON when they parse (``3``, ``true``, ``[1]``), else strings."""
    out: dict[str, Any] = {}
    for opt in opts:
        key, sep, value = opt.partition("=")
        if not sep or not key.strip().isidentifier():
            raise ValueError(f"--opt expects KEY=VALUE with KEY an identifier, got {opt!r}")
        try:
            out[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            out[key.strip()] = value
    return out


def make_verifier(spec: str, kwargs: Mapping[str, Any]) -> Verifier:
    """The verifier named ``spec`` (or described by a spec file) with ``kwargs``."""
    if kwargs:
        if spec.endswith((".yaml", ".yml", ".json")):
            raise ValueError("--opt applies to a named verifier, not to a spec file")
        return build_verifier({"name": spec, "kwargs": dict(kwargs)})
    return build_verifier(spec)


def parse_line(line: str) -> tuple[Any, str, Any] | tuple[Any, None, str]:
    """``(id, completion, reference)``, or ``(id, None, error message)`` for a malformed line."""
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as e:
        return _NO_ID, None, f"malformed JSON: {str(e)[:200]}"
    if not isinstance(obj, dict):
        return _NO_ID, None, f"each line must be a JSON object, got {type(obj).__name__}"
    rid = obj.get("id", _NO_ID)
    completion = obj.get("completion")
    if not isinstance(completion, str):
        what = "missing" if "completion" not in obj else f"of type {type(completion).__name__}, not a string"
        return rid, None, f"'completion' is {what}"
    return rid, completion, obj.get("reference")


def record(rid: Any, res: VerifyResult, details: bool = False) -> dict[str, Any]:
    """The output object of one result (the CLI contract)."""
    out: dict[str, Any] = {} if rid is _NO_ID else {"id": rid}
    score = float(res.score) if math.isfinite(res.score) else 0.0
    out.update(
        score=score,
        passed=bool(res.passed),
        status=res.status,
        extracted=res.extracted,
        duration_s=round(float(res.duration_s), 6),
    )
    if res.error:
        out["error"] = res.error
    for stream in ("stdout", "stderr"):
        if stream in res.details:
            out[stream] = res.details[stream]
    if details:
        out["details"] = res.details
    return out


def verify_stream(
    spec: str, kwargs: Mapping[str, Any], lines: Iterable[str], out: TextIO, batch_size: int = 64, details: bool = False
) -> int:
    """Verify every line of ``lines`` with the verifier ``spec``; write one JSON line each to ``out``."""
    verifier = make_verifier(spec, kwargs)
    batch: list[str] = []
    for line in lines:
        batch.append(line.rstrip("\r\n"))
        if len(batch) >= batch_size:
            _flush(verifier, batch, out, details)
            batch = []
    if batch:
        _flush(verifier, batch, out, details)
    return 0


def _flush(verifier: Verifier, batch: list[str], out: TextIO, details: bool) -> None:
    parsed = [parse_line(line) for line in batch]
    good = [i for i, (_, c, _) in enumerate(parsed) if c is not None]
    try:
        results = verifier.verify_batch([parsed[i][1] for i in good], [parsed[i][2] for i in good])  # type: ignore[misc]
    except Exception:  # a crashing batch: verify line by line, so one bad line costs only its own record
        results = [verifier.safe_verify(parsed[i][1], parsed[i][2]) for i in good]  # type: ignore[arg-type]
    by_index = dict(zip(good, results))
    for i, (rid, completion, ref_or_err) in enumerate(parsed):
        res = by_index.get(i) if completion is not None else VerifyResult.failure("error", str(ref_or_err))
        out.write(
            json.dumps(
                record(rid, res or VerifyResult.failure("error", "not verified"), details),
                default=str,
            )
            + "\n"
        )
    out.flush()
