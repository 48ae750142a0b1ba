"""``codegen``: synthetic "write the function from its input/output examples" problems, code verifier.

Each problem is one member of a parametrised family (affine maps, modular arithmetic, string and list
transforms, filters, counts): the prompt shows ``n_shown`` input/output pairs of ``f``; the hidden unit
tests check ``n_tests`` inputs (the shown ones plus fresh ones), so memorising the examples is not enough.
Families are simple enough for a small model to learn with RL; the canonical solution is in
``meta["solution"]``. Train and eval are disjoint by construction: a problem belongs to eval iff a hash
of its family and parameters falls below ``eval_fraction``.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rlvr.tasks.base import Example
from rlvr.tasks.dataset import DatasetTask
from rlvr.tasks.registry import register_task

INSTRUCTION = "Reply with only the function in one ```python code block."

Inputs = Callable[[random.Random], Any]


def _ints(lo: int = -20, hi: int = 20) -> Inputs:
    return lambda r: r.randint(lo, hi)


def _words(r: random.Random) -> str:
    return "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(1, 8)))


def _lists(r: random.Random) -> list[int]:
    return [r.randint(-9, 20) for _ in range(r.randint(1, 6))]


@dataclass(frozen=True)
class Family:
    """``source``: a Python expression with ``{a}`` for the argument (named ``arg``) and ``{p}`` for one value
    of ``params``."""

    name: str
    source: str
    params: tuple[Any, ...]
    inputs: Inputs
    arg: str = "x"


FAMILIES: tuple[Family, ...] = (
    *(Family(f"affine_{a}", f"{a} * {{a}} + {{p}}", tuple(range(-9, 10)), _ints()) for a in range(-4, 5) if a),
    Family("mod", "{a} % {p}", tuple(range(2, 10)), _ints(0, 50)),
    Family("floordiv", "{a} // {p}", tuple(range(2, 10)), _ints(0, 80)),
    Family("square_plus", "{a} * {a} + {p}", tuple(range(-5, 6)), _ints(-9, 9)),
    Family("max_with", "max({a}, {p})", tuple(range(-5, 6)), _ints(-10, 10)),
    Family("min_with", "min({a}, {p})", tuple(range(-5, 6)), _ints(-10, 10)),
    Family("repeat", "{a} * {p}", tuple(range(2, 5)), _words, "s"),
    Family("suffix", "{a} + {p!r}", ("!", "ing", "s", "ed", "-x", "42"), _words, "s"),
    Family("prefix", "{p!r} + {a}", ("re", "un", "#", "pre"), _words, "s"),
    Family("first_k", "{a}[:{p}]", tuple(range(1, 5)), _words, "s"),
    Family("last_k", "{a}[-{p}:]", tuple(range(1, 5)), _words, "s"),
    *(
        Family(f"str_{i}", src, (0,), _words, "s")
        for i, src in enumerate(
            ("{a}[::-1]", "{a}.upper()", "{a}.capitalize()", "len({a})", "{a} + {a}[::-1]", "{a}[::2]")
        )
    ),
    Family("scale", "[v * {p} for v in {a}]", tuple(range(-3, 6)), _lists, "xs"),
    Family("shift", "[v + {p} for v in {a}]", tuple(range(-5, 10)), _lists, "xs"),
    Family("keep_gt", "[v for v in {a} if v > {p}]", tuple(range(-3, 10)), _lists, "xs"),
    Family("count_gt", "sum(1 for v in {a} if v > {p})", tuple(range(-3, 10)), _lists, "xs"),
    *(
        Family(f"list_{i}", src, (0,), _lists, "xs")
        for i, src in enumerate(
            (
                "sum({a})",
                "max({a})",
                "min({a})",
                "len({a})",
                "sorted({a})",
                "{a}[::-1]",
                "{a}[0]",
                "{a}[-1]",
                "sum({a}) - max({a})",
                "[v * v for v in {a}]",
            )
        )
    ),
)


def _solution(fam: Family, p: Any) -> str:
    return f"def f({fam.arg}):\n    return {fam.source.format(a=fam.arg, p=p)}\n"


def _bucket(key: str) -> float:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") / 2**64


@register_task("codegen")
class CodegenTask(DatasetTask):
    """Synthetic code: write f from input/output examples (affine, modular, string, list families)."""

    name = "codegen"
    default_verifier = "code"

    def __init__(
        self,
        *,
        n_shown: int = 3,
        n_tests: int = 8,
        eval_fraction: float = 0.25,
        seed: int = 0,
        instruction: str = INSTRUCTION,
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        if not isinstance(n_shown, int) or n_shown < 1:
            raise ValueError(f"codegen: n_shown must be a positive integer, got {n_shown!r}")
        if not isinstance(n_tests, int) or n_tests < n_shown:
            raise ValueError(f"codegen: n_tests must be an integer >= n_shown ({n_shown}), got {n_tests!r}")
        if not 0.0 < eval_fraction < 1.0:
            raise ValueError(f"codegen: eval_fraction must lie in (0, 1), got {eval_fraction!r}")
        self.n_shown, self.n_tests, self.eval_fraction, self.seed = n_shown, n_tests, eval_fraction, seed
        self.instruction = instruction

    def config(self) -> dict[str, Any]:
        return {
            "n_shown": self.n_shown,
            "n_tests": self.n_tests,
            "eval_fraction": self.eval_fraction,
            "seed": self.seed,
            "instruction": self.instruction,
        }

    def build(self, split: str) -> list[Example]:
        out = []
        for fam in FAMILIES:
            for p in fam.params:
                key = f"{fam.name}:{p!r}"
                if (_bucket(key) < self.eval_fraction) != (split == "eval"):
                    continue
                out.append(self._example(fam, p, key))
        random.Random(self.seed).shuffle(out)
        return out

    def _example(self, fam: Family, p: Any, key: str) -> Example:
        solution = _solution(fam, p)
        scope: dict[str, Any] = {}
        exec(solution, scope)  # our own generated source, never model text
        fn = scope["f"]
        rng = random.Random(f"{self.seed}:{key}")
        cases: list[tuple[Any, Any]] = []
        tries = 0
        while len(cases) < self.n_tests and tries < 50 * self.n_tests:
            tries += 1
            x = fam.inputs(rng)
            if any(x == c[0] for c in cases):
                continue
            cases.append((x, fn(x)))
        shown = "\n".join(f"f({x!r}) == {y!r}" for x, y in cases[: self.n_shown])
        prompt = f"Write a Python function `f({fam.arg})` that satisfies these examples:\n{shown}\n{self.instruction}"
        test = "def check(candidate):\n" + "".join(f"    assert candidate({x!r}) == {y!r}\n" for x, y in cases)
        return Example(
            id=f"codegen-{key}",
            prompt=prompt,
            reference={"prompt": "", "test": test, "entry_point": "f"},
            meta={"family": fam.name, "param": repr(p), "solution": solution},
        )
