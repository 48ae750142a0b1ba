"""Multi-step arithmetic fixtures with checkable intermediate results, a real Verifier that judges the final
answer, and a deterministic policy (a Generator) that continues a chain of steps from any prefix."""

from __future__ import annotations

import re
from typing import Any

import pytest
import torch

from rlvr.rl_core.models import tiny_tokenizer
from rlvr.rl_core.rollout import build_rollout_batch
from rlvr.rl_core.types import RolloutBatch, SamplingParams
from rlvr.tasks.base import Example
from rlvr.verifiers.base import Verifier, VerifyResult

OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}


class AnswerVerifier(Verifier):
    """Score 1 when the integer after the last ``Answer:`` equals the reference."""

    name = "answer-int"

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        found = re.findall(r"Answer:\s*(-?\d+)", completion)
        if not found:
            return VerifyResult.failure("no_answer")
        ok = int(found[-1]) == int(reference)
        return VerifyResult(score=float(ok), passed=ok, extracted=found[-1])


class ChainTask:
    """A Task over given problems; the prompt lists the operations, e.g. ``Compute 3 +4 *2 -5.``."""

    name = "chain"

    def __init__(self, problems: list[tuple[int, list[tuple[str, int]]]]) -> None:
        self.verifier = AnswerVerifier()
        self._examples = [make_example(f, ops) for f, ops in problems]

    def examples(self, split: str) -> list[Example]:
        return self._examples

    def render_prompt(self, example: Example, tokenizer: Any) -> str:
        return example.prompt


def make_example(first: int, ops: list[tuple[str, int]]) -> Example:
    steps, acc = [], first
    for op, x in ops:
        acc = OPS[op](acc, x)
        steps.append(acc)
    text = " ".join([str(first), *(f"{op}{x}" for op, x in ops)])
    return Example(
        id=text,
        prompt=f"Compute {text}.\n",
        reference=str(steps[-1]),
        meta={"steps": steps, "first": first, "ops": ops},
    )


def solution(ex: Example, wrong: dict[int, int] | None = None) -> str:
    """The step-by-step solution; ``wrong[t] = d`` adds d to the result of step t (0-based), later steps
    carry on from the wrong value."""
    wrong = wrong or {}
    lines, acc = [], ex.meta["first"]
    for t, (op, x) in enumerate(ex.meta["ops"]):
        new = OPS[op](acc, x) + wrong.get(t, 0)
        lines.append(f"{acc}{op}{x}={new}\n")
        acc = new
    return "".join(lines) + f"Answer: {acc}"


class ChainPolicy:
    """Deterministic Generator: reads the problem and the finished steps from the prefix and writes the rest.

    Sample j of n errs (+1 on its first new arithmetic step) when ``j % period == period - 1``; the answer
    line copies the last result. From a correct state with arithmetic left, the value is 1 − 1/period;
    with only the answer left it is 1; after a wrong step it is 0.
    """

    def __init__(self, tokenizer: Any, examples: list[Example], period: int = 4) -> None:
        self.tok = tokenizer
        self.by_prompt = {ex.prompt: ex for ex in examples}
        self.period = period
        self.calls: list[tuple[int, int, SamplingParams]] = []

    def sync_weights(self, model: torch.nn.Module) -> None:
        pass

    def continuation(self, text: str, j: int) -> str:
        prompt, _, done = text.partition("\n")
        ex = self.by_prompt[prompt + "\n"]
        lines = [ln for ln in done.split("\n") if ln]
        acc = int(lines[-1].split("=")[-1]) if lines else ex.meta["first"]
        out = ""
        err = j % self.period == self.period - 1
        for op, x in ex.meta["ops"][len(lines) :]:
            new = OPS[op](acc, x) + (1 if err else 0)
            err = False
            out += f"{acc}{op}{x}={new}\n"
            acc = new
        return out + f"Answer: {acc}"

    def generate(self, prompts: list[list[int]], n: int, params: SamplingParams) -> RolloutBatch:
        self.calls.append((len(prompts), n, params))
        seqs = []
        for p in prompts:
            text = self.tok.decode(p, skip_special_tokens=True)
            for j in range(n):
                ids = self.tok(self.continuation(text, j), add_special_tokens=False)["input_ids"] + [
                    self.tok.eos_token_id
                ]
                seqs.append(ids[: params.max_new_tokens])
        trunc = [False] * len(seqs)
        return build_rollout_batch(
            prompts, seqs, [[0.0] * len(s) for s in seqs], trunc, self.tok.pad_token_id, self.tok, n
        )


def make_rollout(tok: Any, examples: list[Example], texts: list[list[str]]) -> RolloutBatch:
    """A RolloutBatch of the given completion texts (texts[b] = the G completions of examples[b])."""
    prompts = [[tok.bos_token_id] + tok(ex.prompt, add_special_tokens=False)["input_ids"] for ex in examples]
    g = len(texts[0])
    seqs = [tok(t, add_special_tokens=False)["input_ids"] + [tok.eos_token_id] for group in texts for t in group]
    return build_rollout_batch(
        prompts, seqs, [[0.0] * len(s) for s in seqs], [False] * len(seqs), tok.pad_token_id, tok, g
    )


@pytest.fixture
def tok():
    return tiny_tokenizer()


@pytest.fixture
def chain():
    """The helpers above, for test modules (conftest is not importable under --import-mode=importlib)."""
    import types

    return types.SimpleNamespace(
        AnswerVerifier=AnswerVerifier,
        ChainTask=ChainTask,
        ChainPolicy=ChainPolicy,
        make_example=make_example,
        solution=solution,
        make_rollout=make_rollout,
    )


class DigitVerifier(Verifier):
    """Continuous reward a random tiny model can vary: the fraction of digits among the first 6 characters."""

    name = "digit-fraction"

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        head = completion[:6]
        frac = sum(c.isdigit() for c in head) / 6
        return VerifyResult(score=frac, passed=frac == 1.0, extracted=head[-1:] or None)


class DigitTask(ChainTask):
    """Chain problems judged by :class:`DigitVerifier` (for end-to-end runs with a random tiny model)."""

    name = "digit-chain"

    def __init__(self, n: int = 8) -> None:
        super().__init__([(1 + i % 5, [("+", 1 + i % 3), ("*", 2)]) for i in range(n)])
        self.verifier = DigitVerifier()


@pytest.fixture
def digit_task():
    return DigitTask()
