"""``rlvr verify code --input F.jsonl``: the end-to-end contract, in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROWS = [
    {"id": "assert-ok", "completion": "```python\ndef add(a, b):\n    return a + b\n```",
     "reference": {"tests": "assert add(1, 2) == 3", "timeout_s": 5}},
    {"id": "exit-trick", "completion": "```python\nimport sys\nprint('PASSED')\nsys.exit(0)\n```",
     "reference": {"tests": "assert add(1, 2) == 3", "timeout_s": 5}},
    {"id": "stdio-ok", "completion": "a, b = map(int, input().split())\nprint(a * b)",
     "reference": {"stdin": "6 7\n", "expected_stdout": "42\n", "timeout_s": 5}},
    {"id": "stdio-wrong", "completion": "```python\nimport sys\nprint('x' * 10000, file=sys.stderr)\nprint(41)\n```",
     "reference": {"stdin": "6 7\n", "expected_stdout": "42\n", "timeout_s": 5}},
    {"id": "call", "completion": "```python\ndef sq(x):\n    return x * x\n```",
     "reference": {"fn_name": "sq", "inputs": [[3]], "outputs": [9]}},
    {"id": "humaneval", "completion": "    return x + 1\n",
     "reference": {"prompt": "def inc(x):\n", "test": "def check(c):\n    assert c(1) == 2\n", "entry_point": "inc"}},
    {"id": "no-code", "completion": "I don't know.", "reference": {"stdin": "", "expected_stdout": "1"}},
    {"id": "no-checks", "completion": "```python\ndef add(a, b):\n    return a + b\n```",
     "reference": {"tests": "add(1, 2)", "timeout_s": 5}},
    {"id": "bad-ref", "completion": "x = 1", "reference": {"nothing": True}},
]  # fmt: skip

SCRIPT = """
import sys
from rlvr.cli import main
rc = main(sys.argv[1:])
assert "torch" not in sys.modules, "rlvr verify imported torch"
sys.exit(rc)
"""


def test_rlvr_verify_code_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\nnot json\n")
    p = subprocess.run(
        [sys.executable, "-c", SCRIPT, "verify", "code", "--input", str(path), "--opt", "timeout_s=5"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    out = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(out) == len(ROWS) + 1
    by_id = {o.get("id"): o for o in out}
    assert {k: by_id[k]["passed"] for k in ("assert-ok", "exit-trick", "stdio-ok", "stdio-wrong", "call", "humaneval")} == {
        "assert-ok": True, "exit-trick": False, "stdio-ok": True, "stdio-wrong": False, "call": True, "humaneval": True,
    }  # fmt: skip
    assert by_id["exit-trick"]["stdout"] == "PASSED\n" and by_id["exit-trick"]["score"] == 0.0
    assert by_id["stdio-ok"]["stdout"] == "42\n" and by_id["stdio-ok"]["duration_s"] > 0
    assert len(by_id["stdio-wrong"]["stderr"]) == 4096  # capped at 4 KiB
    assert by_id["no-code"]["status"] == "no_answer"
    assert (by_id["no-checks"]["status"], by_id["no-checks"]["passed"], by_id["no-checks"]["score"]) == (
        "no_tests",
        False,
        0.0,
    )
    assert by_id["bad-ref"]["status"] == "error" and "bad reference" in by_id["bad-ref"]["error"]
    assert out[-1]["status"] == "error"  # the malformed line
