"""A test-local Task implementing the protocol: "a+b=" prompts, a verifier whose reward a random tiny
model can vary (the fraction of digits among the first characters), and an exact-answer pass flag.

Importable as ``toy_task:make_task`` (with this directory on PYTHONPATH) for subprocess tests.
"""

from __future__ import annotations

from typing import Any

from rlvr.tasks.base import Example
from rlvr.verifiers.base import Verifier, VerifyResult


class DigitVerifier(Verifier):
    """score: fraction of digits among the first ``window`` characters; passed: the text starts with the
    reference answer. ``details`` carries two numeric components."""

    name = "toy_digits"

    def __init__(self, window: int = 4) -> None:
        self.window = window

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        head = completion[: self.window]
        digits = sum(c.isdigit() for c in head) / self.window
        exact = completion.strip().startswith(str(reference))
        return VerifyResult(
            score=digits, passed=exact, extracted=head, details={"digits": digits, "length": float(len(completion))}
        )


class CrashingVerifier(DigitVerifier):
    """Raises on every completion containing 'a' (a verifier crash must become a zero reward)."""

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        if "a" in completion:
            raise RuntimeError("verifier bug")
        return super().verify(completion, reference, **context)


class ToyTask:
    name = "toy"

    def __init__(self, n_train: int = 40, n_eval: int = 8, crash: bool = False, window: int = 4) -> None:
        self.verifier = CrashingVerifier(window) if crash else DigitVerifier(window)
        pairs = [(a, b) for a in range(1, 10) for b in range(1, 10)]
        self._train = [Example(f"t{a}+{b}", f"{a}+{b}=", str(a + b)) for a, b in pairs[:n_train]]
        self._eval = [Example(f"e{a}+{b}", f"{a}+{b}=", str(a + b)) for a, b in pairs[-n_eval:]]

    def examples(self, split: str) -> list[Example]:
        return self._train if split == "train" else self._eval

    def render_prompt(self, example: Example, tokenizer: Any) -> str:
        return example.prompt


def make_task(**kwargs: Any) -> ToyTask:
    return ToyTask(**kwargs)


class ScriptedGenerator:
    """Answers prompt i of every call with the completion texts ``script[i]`` (truncated at max_new_tokens)."""

    def __init__(self, tokenizer, script):
        self.tok, self.script = tokenizer, script

    def sync_weights(self, model):
        pass

    def generate(self, prompts, n, params):
        from rlvr.rl_core.rollout import build_rollout_batch

        comps = [
            self.tok(x, add_special_tokens=False)["input_ids"][: params.max_new_tokens]
            for i in range(len(prompts))
            for x in self.script[i]
        ]
        trunc = [len(c) >= params.max_new_tokens for c in comps]
        return build_rollout_batch(prompts, comps, [[0.0] * len(c) for c in comps], trunc, 0, self.tok, n)
