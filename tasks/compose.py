"""``compose``: train on one task, evaluate on another (e.g. train on synthetic ``codegen`` problems,
measure on ``humaneval``, which has no train split). Both must use the same verifier, because the learner
and the evaluator score with ``task.verifier``; each example keeps its own task's prompt rendering."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

from rlvr.tasks.base import Example, Task
from rlvr.tasks.registry import get_task, register_task
from rlvr.verifiers.base import Verifier


def _sub(spec: Any, field: str) -> Task:
    if not isinstance(spec, Mapping) or not isinstance(spec.get("name"), str):
        raise ValueError(f"compose: {field} must be a mapping {{name: <task>, kwargs: {{...}}}}, got {spec!r}")
    extra = set(spec) - {"name", "kwargs"}
    if extra:
        raise ValueError(f"compose: {field} has unknown keys {sorted(extra)} (use name and kwargs)")
    return get_task(spec["name"], **dict(spec.get("kwargs") or {}))


@register_task("compose")
class ComposeTask:
    """Train split from one task, eval split from another (same verifier), e.g. codegen -> humaneval."""

    def __init__(self, train: Mapping[str, Any], eval: Mapping[str, Any]) -> None:  # noqa: A002
        self.train_task, self.eval_task = _sub(train, "train"), _sub(eval, "eval")
        names = [getattr(t, "verifier_name", None) for t in (self.train_task, self.eval_task)]
        if None not in names and names[0] != names[1]:
            raise ValueError(
                f"compose: train uses verifier {names[0]!r} but eval uses {names[1]!r}; "
                f"set the same 'verifier' in both kwargs"
            )
        self.name = f"{self.train_task.name}->{self.eval_task.name}"

    @cached_property
    def verifier(self) -> Verifier:
        return self.eval_task.verifier

    @cached_property
    def _eval_ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.eval_task.examples("eval"))

    def examples(self, split: str) -> Sequence[Example]:
        if split == "train":
            return self.train_task.examples("train")
        if split == "eval":
            return self.eval_task.examples("eval")
        raise ValueError(f"compose: split must be 'train' or 'eval', got {split!r}")

    def render_prompt(self, example: Example, tokenizer: Any) -> str:
        owner = self.eval_task if example.id in self._eval_ids else self.train_task
        return owner.render_prompt(example, tokenizer)
