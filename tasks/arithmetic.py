"""``arithmetic``: seeded synthetic multi-step integer arithmetic with difficulty levels.

A problem is a chain ``a op1 b op2 c …`` evaluated left to right (rendered with the parentheses standard
precedence needs, e.g. ``(3 + 4) * 2``); ``meta["steps"]`` lists every intermediate result, so each step is
checkable on its own. ``+``/``-`` draw operands from 1..max_operand, ``*`` from 1..max_factor.

Problems come from one generator: each operation uniform over ``ops``, then each operand uniform over its
range (so level 1 is a third ``+``, a third ``-``, a third ``*`` however small the ``*`` table is). Train and
eval are disjoint by construction. In a space small enough to enumerate, eval is the first ``n_eval``
distinct problems the seeded generator draws (``eval_sampling="uniform"`` instead takes a uniform random
subset of the space) and train is every other problem; a larger space is partitioned by a hash of the
problem text, eval drawing only from the bottom ``eval_fraction`` of hash buckets.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from rlvr.tasks.base import Example
from rlvr.tasks.dataset import DatasetTask
from rlvr.tasks.registry import register_task

OPS = ("+", "-", "*")
_PREC = {"+": 1, "-": 1, "*": 2}

#: Levels: number of operations, max operand of + and -, max factor of *.
LEVELS: dict[int, tuple[int, int, int]] = {
    1: (1, 20, 9),  # "What is a op b?": 881 problems
    2: (2, 20, 9),
    3: (3, 50, 12),
    4: (4, 100, 12),
}
#: Spaces up to this size are enumerated (exact split sizes); larger ones are sampled.
ENUMERATE_LIMIT = 200_000
#: How the eval split of an enumerated space is drawn: from the problem generator, or uniformly from the space.
EVAL_SAMPLINGS = ("generator", "uniform")


@dataclass(frozen=True)
class Problem:
    """``first`` then ``(op, operand)`` pairs, evaluated left to right."""

    first: int
    rest: tuple[tuple[str, int], ...]

    def steps(self) -> list[int]:
        out, acc = [], self.first
        for op, x in self.rest:
            acc = acc + x if op == "+" else acc - x if op == "-" else acc * x
            out.append(acc)
        return out

    def text(self) -> str:
        expr, prec = str(self.first), 3
        for op, x in self.rest:
            if _PREC[op] > prec:
                expr = f"({expr})"
            expr, prec = f"{expr} {op} {x}", _PREC[op]
        return expr


def _bucket(seed: int, text: str) -> float:
    """A uniform number in [0, 1) fixed by the problem text (and the seed)."""
    return int.from_bytes(hashlib.sha256(f"{seed}:{text}".encode()).digest()[:8], "big") / 2**64


@register_task("arithmetic")
class ArithmeticTask(DatasetTask):
    """Synthetic multi-step integer arithmetic, levels 1-4 (level 1: "What is a op b?"); steps in meta."""

    default_verifier_args: ClassVar[Mapping[str, Any]] = {"answer_form": "number"}  # the prompt asks for a number

    name = "arithmetic"

    def __init__(
        self,
        level: int = 1,
        *,
        num_ops: int | None = None,
        max_operand: int | None = None,
        max_factor: int | None = None,
        ops: tuple[str, ...] | list[str] = OPS,
        n_train: int | None = None,
        n_eval: int = 300,
        eval_fraction: float = 0.1,
        seed: int = 0,
        eval_sampling: str = "generator",
        instruction: str = "Answer with just the number.",
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        if level not in LEVELS:
            raise ValueError(f"arithmetic: level must be one of {sorted(LEVELS)}, got {level!r}")
        d_ops, d_max, d_fac = LEVELS[level]
        self.level = level
        self.num_ops = num_ops if num_ops is not None else d_ops
        self.max_operand = max_operand if max_operand is not None else d_max
        self.max_factor = max_factor if max_factor is not None else d_fac
        self.ops = tuple(ops)
        for field_, v in (
            ("num_ops", self.num_ops),
            ("max_operand", self.max_operand),
            ("max_factor", self.max_factor),
            ("n_eval", n_eval),
        ):
            if not isinstance(v, int) or v < 1:
                raise ValueError(f"arithmetic: {field_} must be a positive integer, got {v!r}")
        if not self.ops or any(o not in OPS for o in self.ops):
            raise ValueError(f"arithmetic: ops must be a non-empty subset of {OPS}, got {ops!r}")
        if n_train is not None and n_train < 1:
            raise ValueError(f"arithmetic: n_train must be positive or null, got {n_train!r}")
        if not 0.0 < eval_fraction < 1.0:
            raise ValueError(f"arithmetic: eval_fraction must lie in (0, 1), got {eval_fraction!r}")
        if eval_sampling not in EVAL_SAMPLINGS:
            raise ValueError(f"arithmetic: eval_sampling must be one of {EVAL_SAMPLINGS}, got {eval_sampling!r}")
        self.n_train, self.n_eval, self.eval_fraction, self.seed = n_train, n_eval, eval_fraction, seed
        self.eval_sampling = eval_sampling
        self.instruction = instruction
        if self.space_size() <= ENUMERATE_LIMIT and n_eval >= self.space_size():
            raise ValueError(
                f"arithmetic: n_eval={n_eval} leaves no training problems (the space has {self.space_size()})"
            )

    def config(self) -> dict[str, Any]:
        return {
            k: getattr(self, k)
            for k in (
                "num_ops",
                "max_operand",
                "max_factor",
                "ops",
                "n_train",
                "n_eval",
                "eval_fraction",
                "seed",
                "eval_sampling",
                "instruction",
            )
        }

    def _range(self, op: str) -> range:
        return range(1, (self.max_factor if op == "*" else self.max_operand) + 1)

    def space_size(self) -> int:
        """Number of distinct problems."""
        per_op = {op: len(self._range(op)) for op in self.ops}
        total = 0
        for seq in itertools.product(self.ops, repeat=self.num_ops):
            n = per_op[seq[0]] ** 2
            for op in seq[1:]:
                n *= per_op[op]
            total += n
        return total

    def _enumerate(self) -> list[Problem]:
        out = []
        for seq in itertools.product(self.ops, repeat=self.num_ops):
            ranges = [self._range(seq[0]), *(self._range(op) for op in seq)]
            for nums in itertools.product(*ranges):
                out.append(Problem(nums[0], tuple(zip(seq, nums[1:]))))
        return out

    def _sample(self, rng: random.Random) -> Problem:
        seq = [rng.choice(self.ops) for _ in range(self.num_ops)]
        first = rng.choice(self._range(seq[0]))
        return Problem(first, tuple((op, rng.choice(self._range(op))) for op in seq))

    def _problems(self, split: str) -> list[Problem]:
        if self.space_size() <= ENUMERATE_LIMIT:
            space = self._enumerate()
            random.Random(self.seed).shuffle(space)
            held_out = self._drawn_eval(space)
            if split == "eval":
                return held_out
            held = {p.text() for p in held_out}
            rest = [p for p in space if p.text() not in held]
            return rest if self.n_train is None else rest[: self.n_train]
        want = self.n_eval if split == "eval" else (self.n_train or 10_000)
        in_split = split == "eval"
        return self._draw(split, want, lambda text: (_bucket(self.seed, text) < self.eval_fraction) == in_split)

    def _drawn_eval(self, shuffled_space: list[Problem]) -> list[Problem]:
        """The eval split of an enumerated space (``n_eval`` < its size, checked at construction)."""
        if self.eval_sampling == "uniform":
            return shuffled_space[: self.n_eval]
        return self._draw("eval", self.n_eval)

    def _draw(self, split: str, want: int, accept: Callable[[str], bool] = lambda text: True) -> list[Problem]:
        """The first ``want`` distinct problems, among those whose text ``accept`` admits, that the generator
        seeded for ``split`` draws."""
        rng = random.Random(f"{self.seed}:{split}")
        seen: dict[str, Problem] = {}
        while len(seen) < want:
            p = self._sample(rng)
            text = p.text()
            if accept(text):
                seen.setdefault(text, p)
        return list(seen.values())

    def build(self, split: str) -> list[Example]:
        out = []
        for p in self._problems(split):
            steps, text = p.steps(), p.text()
            prompt = f"What is {text}?" + (f" {self.instruction}" if self.instruction else "")
            out.append(
                Example(
                    id=f"arithmetic-{text.replace(' ', '')}",
                    prompt=prompt,
                    reference=str(steps[-1]),
                    meta={"steps": steps, "expression": text, "level": self.level, "ops": [op for op, _ in p.rest]},
                )
            )
        return out
