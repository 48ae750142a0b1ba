"""`rlvr verify`: the stable JSONL contract, from a real `rlvr` process and in-process."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rlvr.cli import main
from rlvr.verifiers.jsonl import parse_opts, verify_stream

LINES = [
    json.dumps({"id": 1, "completion": r"so \boxed{\frac{1}{2}}", "reference": "0.5"}),
    json.dumps({"id": "b", "completion": "The answer is 7", "reference": "8"}),
    "this is not json",
    json.dumps({"completion": 5, "reference": "1"}),
    json.dumps([1, 2]),
    json.dumps({"id": 3, "completion": "<think>7</think><answer>8</answer>", "reference": "8"}),
    json.dumps({"id": 4, "completion": r"\boxed{x^2-1}", "reference": "(x-1)(x+1)"}),
    json.dumps({"id": 5, "completion": "nothing to see", "reference": "1"}),
    "",
    json.dumps({"id": None, "completion": r"\boxed{2}"}),
]
KEYS = {"score", "passed", "status", "extracted", "duration_s"}


def _check(out: list[dict]) -> None:
    assert len(out) == len(LINES)
    for rec in out:
        assert KEYS <= set(rec) <= KEYS | {"id", "error"}
        assert 0.0 <= rec["score"] <= 1.0 and rec["duration_s"] >= 0.0
    assert [rec.get("id", "-") for rec in out] == [1, "b", "-", "-", "-", 3, 4, 5, "-", None]
    assert [rec["passed"] for rec in out] == [True, False, False, False, False, True, True, False, False, False]
    assert [rec["status"] for rec in out] == [
        "ok",
        "ok",
        "error",
        "error",
        "error",
        "ok",
        "ok",
        "no_answer",
        "error",
        "error",
    ]
    assert [rec["extracted"] for rec in out[:2]] == [r"\frac{1}{2}", "7"]
    assert all("error" in out[i] and out[i]["score"] == 0 for i in (2, 3, 4, 8, 9))
    assert "error" not in out[0]


def test_cli_process_file_and_stdin(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(LINES) + "\n")
    exe = shutil.which("rlvr") or sys.executable
    cmd = [exe] if exe.endswith("rlvr") else [exe, "-m", "rlvr"]
    for args, stdin in ((["--input", str(src)], None), (["--input", "-", "--batch-size", "3"], src.read_text())):
        proc = subprocess.run([*cmd, "verify", "math", *args], input=stdin, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        _check([json.loads(line) for line in proc.stdout.splitlines()])


def test_cli_does_not_import_torch(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(LINES[0] + "\n")
    code = (
        "import sys; from rlvr.cli import main; rc = main(['verify', 'math', '--input', sys.argv[1]]);"
        "sys.exit(rc or (3 if 'torch' in sys.modules else 0))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr


def test_in_process_format_and_opts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "f.jsonl"
    src.write_text(json.dumps({"completion": "x</think><answer>1</answer>", "reference": None}) + "\n")
    assert main(["verify", "format", "--input", str(src), "--opt", "prefilled_think=true"]) == 0
    assert json.loads(capsys.readouterr().out)["passed"] is True
    assert main(["verify", "format", "--input", str(src), "--details"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["passed"] is False and "think" in rec["details"]["reason"]


def test_misuse_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(LINES[0] + "\n")
    assert main(["verify", "nope", "--input", str(src)]) == 2
    assert "unknown verifier" in capsys.readouterr().err
    assert main(["verify", "math", "--input", str(tmp_path / "missing.jsonl")]) == 2
    assert main(["verify", "math", "--input", str(src), "--opt", "noequals"]) == 2
    assert main(["verify", "math", "--input", str(src), "--opt", "timeout_s=-1"]) == 2
    capsys.readouterr()
    for bad in ("percent=banana", "degrees=1", "answer_tag=<x>", "cache_size=-1", "workers=true"):
        assert main(["verify", "math", "--input", str(src), "--opt", bad]) == 2
        assert bad.split("=")[0] in capsys.readouterr().err


def test_parse_opts() -> None:
    assert parse_opts(["a=1", "b=true", "c=hello", "d=[1, 2]", "e="]) == {
        "a": 1,
        "b": True,
        "c": "hello",
        "d": [1, 2],
        "e": "",
    }


def test_stdout_stderr_fields_and_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    from rlvr.verifiers.base import Verifier, VerifyResult

    class Echo(Verifier):
        def verify(self, completion: str, reference: object, **context: object) -> VerifyResult:
            return VerifyResult(1.0, True, details={"stdout": completion, "stderr": "warn"})

    import rlvr.verifiers.jsonl as jsonl

    monkeypatch.setattr(jsonl, "make_verifier", lambda spec, kwargs: Echo())
    out = io.StringIO()
    verify_stream("echo", {}, iter([json.dumps({"completion": "hi", "reference": None}) + "\n"]), out)
    assert json.loads(out.getvalue()) == {
        "score": 1.0,
        "passed": True,
        "status": "ok",
        "extracted": None,
        "duration_s": json.loads(out.getvalue())["duration_s"],
        "stdout": "hi",
        "stderr": "warn",
    }


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="the code verifier needs bubblewrap")
def test_code_verifier_streams_are_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "code.jsonl"
    line = {
        "id": "c",
        "completion": "print(int(input()) * 2)",
        "reference": {"stdin": "21\n", "expected_stdout": "42\n"},
    }
    src.write_text(json.dumps(line) + "\n")
    assert main(["verify", "code", "--input", str(src)]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert (rec["id"], rec["passed"], rec["stdout"]) == ("c", True, "42\n") and "stderr" in rec


def test_combination_spec_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    spec = tmp_path / "reward.yaml"
    spec.write_text("components:\n  - {name: math, weight: 1.0}\ngate: format\n")
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            json.dumps({"completion": c, "reference": "4"})
            for c in ("<think>2+2</think><answer>4</answer>", r"2+2 is \boxed{4}")
        )
        + "\n"
    )
    assert main(["verify", str(spec), "--input", str(src)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["score"], r["passed"], r["extracted"]) for r in out] == [(1.0, True, "4"), (0.0, False, "4")]


def test_undecodable_stdin_bytes_are_records_not_crashes() -> None:
    data = b'{"completion": "\\\\boxed{5}", "reference": "5"}\n\xff\xfe\n{"completion": "\\\\boxed{2} \xff", "reference": "2"}\n'
    proc = subprocess.run(
        [sys.executable, "-m", "rlvr", "verify", "math", "--input", "-"], input=data, capture_output=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.decode("ascii").splitlines()]
    assert [(r["status"], r["passed"]) for r in out] == [("ok", True), ("error", False), ("ok", True)]


def test_a_byte_order_mark_starts_no_record(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Files written by Windows tools start with a UTF-8 byte-order mark: it is no part of the first line."""
    src = tmp_path / "bom.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps({"completion": r"\boxed{5}", "reference": "5"}).encode() + b"\n")
    assert main(["verify", "math", "--input", str(src)]) == 0
    assert json.loads(capsys.readouterr().out)["passed"] is True
