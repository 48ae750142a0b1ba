"""A Task pairs a dataset, a prompt template and a verifier.

The learner and the evaluator only see this interface: examples in, prompts out, and a verifier that
scores completions against each example's reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from rlvr.verifiers.base import Verifier


@dataclass(frozen=True)
class Example:
    """One problem. ``prompt`` is the user message (plain text); ``reference`` is what the verifier needs
    (a gold answer string for math, a tests dict for code); ``id`` is stable across runs."""

    id: str
    prompt: str
    reference: Any
    meta: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class Task(Protocol):
    """A dataset + prompt template + verifier. ``train`` and ``eval`` splits must be disjoint."""

    name: str
    verifier: Verifier

    def examples(self, split: str) -> Sequence[Example]:
        """The examples of ``split`` ("train" or "eval"), deterministic for a given task config."""
        ...

    def render_prompt(self, example: Example, tokenizer: Any) -> str:
        """The full text fed to the model: the tokenizer's chat template (with the generation prompt) when
        it has one, else the task's plain template."""
        ...
