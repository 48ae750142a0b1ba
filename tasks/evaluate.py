"""Evaluation estimators: unbiased pass@k, maj@k and avg@n with standard errors, from sample records (the
generation loop that produces them from a model is :func:`rlvr.rl_core.evaluation.evaluate`).

Definitions (T tasks; task t has n_t samples of which c_t pass):

* pass@k (Chen et al. 2021, "Evaluating Large Language Models Trained on Code", eq. 1): per task
  ``1 - C(n-c, k) / C(n, k)``, computed in the numerically stable product form
  ``1 - prod_{i=n-c+1..n} (1 - k/i)``; averaged over tasks.
* maj@k (k > 1): a majority vote over the extracted answers of k samples (numbers compare by value); the
  winner scores the fraction of its samples that passed, tied winners their mean (a uniformly random
  tie-break in expectation), so a vote does not depend on sample order. With n > k samples the n samples are cut into floor(n/k) disjoint groups of k (in sample order), each an
  independent vote, and the task's maj@k is the mean over groups (unbiased for the k-sample vote).
* avg@n: the mean pass rate of all samples of a task, averaged over tasks.

Each standard error is the standard error of the mean over tasks: sample std (ddof=1) / sqrt(T).
A metric needing k samples is *not estimated* (value None, reason given) when any task has fewer than k:
averaging only the tasks that have enough would silently change the population.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from rlvr.tasks.sources import jsonl_objects

logger = logging.getLogger(__name__)


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k of one task with ``n`` samples, ``c`` of them correct (requires 0 <= c <= n, k <= n)."""
    if not 0 <= c <= n:
        raise ValueError(f"need 0 <= c <= n, got n={n}, c={c}")
    if not 1 <= k <= n:
        raise ValueError(f"pass@{k} needs at least {k} samples, got n={n}")
    if n - c < k:
        return 1.0
    prod = 1.0
    for i in range(n - c + 1, n + 1):
        prod *= 1.0 - k / i
    return 1.0 - prod


def mean_and_se(values: Sequence[float]) -> tuple[float, float]:
    """Mean and its standard error (sample std with ddof=1 over sqrt(len)); SE is nan for one value."""
    if not values:
        raise ValueError("no values")
    m = math.fsum(values) / len(values)
    if len(values) < 2:
        return m, math.nan
    var = math.fsum((v - m) ** 2 for v in values) / (len(values) - 1)
    return m, math.sqrt(var / len(values))


#: a decimal number as model text writes it: sign, digits with an optional fraction part, optional exponent
_DECIMAL = re.compile(r"([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?")
#: a ratio of integers, a/b
_RATIO = re.compile(r"([+-]?\d+)/(\d+)")
#: bounds on exact arithmetic with model text: mantissa / numerator / denominator digits, |decimal exponent|,
#: and digits of the exponent itself; beyond them a number keeps an exact key but is never expanded
MAX_DIGITS = 1000
MAX_EXPONENT = 1000
MAX_EXPONENT_DIGITS = 12


def canonical_answer(answer: str | None) -> str | None:
    """Vote key of an extracted answer: numbers compare by value (``7`` = ``7.0`` = ``7,000/1000`` =
    ``0.7e1``), anything else by its stripped text.

    Model text never builds a huge number: a decimal is normalised to (sign, mantissa without trailing
    zeros, exponent) on its digits, and only a mantissa of at most :data:`MAX_DIGITS` digits with an exponent
    of at most :data:`MAX_EXPONENT` is turned into an exact fraction (so ``7.5`` = ``15/2``); a larger one
    keys as ``<mantissa>e<exponent>``, still exact (``1e999999999`` = ``10e999999998``), in time linear in
    its length. Ratios with more digits than :data:`MAX_DIGITS` and exponents of more than
    :data:`MAX_EXPONENT_DIGITS` digits key as text.
    """
    if answer is None:
        return None
    s = answer.strip()
    if not s:
        return None
    t = s.replace(",", "")
    ratio = _RATIO.fullmatch(t)
    if ratio:
        num, den = ratio.groups()
        if len(num) > MAX_DIGITS + 1 or len(den) > MAX_DIGITS or not den.strip("0"):
            return s
        return str(Fraction(int(num), int(den)))
    dec = _DECIMAL.fullmatch(t)
    if not dec:
        return s
    sign, whole, frac, bare_frac, exp = dec.groups()
    frac = frac if frac is not None else bare_frac or ""
    if exp is not None and len(exp.lstrip("+-")) > MAX_EXPONENT_DIGITS:
        return s
    digits = ((whole or "") + frac).lstrip("0")
    if not digits:
        return "0"
    mantissa = digits.rstrip("0")
    exponent = (int(exp) if exp else 0) - len(frac) + (len(digits) - len(mantissa))
    sign = "-" if sign == "-" else ""
    if len(mantissa) > MAX_DIGITS or abs(exponent) > MAX_EXPONENT:
        return f"{sign}{mantissa}e{exponent}"
    value = Fraction(int(mantissa)) * Fraction(10) ** exponent
    return str(-value if sign else value)


def majority_vote(answers: Sequence[str | None], passed: Sequence[bool]) -> float:
    """Correctness of a majority vote over samples, independent of their order: the most frequent
    (canonical) answer wins; None answers do not vote; the winner scores the fraction of its samples that
    passed (equal answers can be judged differently); tied winners score their mean (the expected value of a
    uniformly random tie-break). 0.0 when no sample has an answer."""
    votes: dict[str, list[bool]] = {}
    for a, p in zip(answers, passed):
        key = canonical_answer(a)
        if key is not None:
            votes.setdefault(key, []).append(bool(p))
    if not votes:
        return 0.0
    best = max(len(v) for v in votes.values())
    winners = [sum(v) / len(v) for v in votes.values() if len(v) == best]
    return math.fsum(winners) / len(winners)


@dataclass
class Metric:
    """One aggregate: value and standard error over ``num_tasks`` tasks, or None with ``reason``."""

    value: float | None
    stderr: float | None
    num_tasks: int
    reason: str | None = None

    def format(self) -> str:
        if self.value is None:
            return f"n/a ({self.reason})"
        se = "" if self.stderr is None or math.isnan(self.stderr) else f" ± {100 * self.stderr:.1f}"
        return f"{100 * self.value:.1f}%{se}"


@dataclass
class SampleGroup:
    """The samples of one task: pass flags and (optional) extracted answers, in sample order."""

    passed: list[bool] = field(default_factory=list)
    answers: list[str | None] = field(default_factory=list)


def aggregate(groups: Mapping[str, SampleGroup], ks: Sequence[int], *, majority: bool = True) -> dict[str, Metric]:
    """pass@k (and maj@k when ``majority``) for each k, plus avg@n, over the tasks in ``groups``."""
    if not groups:
        raise ValueError("no samples to aggregate")
    sizes = [len(g.passed) for g in groups.values()]
    n_min, n_max, num = min(sizes), max(sizes), len(groups)
    out: dict[str, Metric] = {}
    for k in ks:
        if k < 1:
            raise ValueError(f"k must be >= 1, got {k}")
        metrics = [("pass", lambda g, k=k: pass_at_k(len(g.passed), sum(g.passed), k))]
        if majority and k > 1:  # a one-sample vote is pass@1
            metrics.append(("maj", lambda g, k=k: _maj_at_k(g, k)))
        for prefix, fn in metrics:
            name = f"{prefix}@{k}"
            short = sum(s < k for s in sizes)
            if short:
                out[name] = Metric(
                    None, None, num, f"{short} of {num} tasks have fewer than {k} samples (min {n_min}); not estimated"
                )
                continue
            m, se = mean_and_se([fn(g) for g in groups.values()])
            out[name] = Metric(m, se, num)
    n_label = str(n_min) if n_min == n_max else f"{n_min}-{n_max}"
    m, se = mean_and_se([sum(g.passed) / len(g.passed) for g in groups.values()])
    out[f"avg@{n_label}"] = Metric(m, se, num)
    return out


def _maj_at_k(g: SampleGroup, k: int) -> float:
    chunks = len(g.passed) // k
    votes = [majority_vote(g.answers[i * k : (i + 1) * k], g.passed[i * k : (i + 1) * k]) for i in range(chunks)]
    return sum(votes) / chunks


def parse_ks(text: str) -> list[int]:
    """``"1,5,10"`` -> [1, 5, 10] (sorted, unique); raises ValueError naming the bad item."""
    ks = set()
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit() or int(part) < 1:
            raise ValueError(f"--k: {part!r} is not a positive integer")
        ks.add(int(part))
    if not ks:
        raise ValueError("--k: no values")
    return sorted(ks)


def read_sample_records(lines: Iterable[str], source: str = "<input>") -> dict[str, SampleGroup]:
    """Group ``{"task_id": str, "passed": bool, "extracted"?: str}`` JSONL records by task.

    Blank lines are skipped; any other malformed line raises ValueError naming the line and the field.
    ``passed`` may be a JSON bool or the numbers 0/1; ``task_id`` a string or an integer.
    """
    groups: dict[str, SampleGroup] = defaultdict(SampleGroup)
    for lineno, rec in jsonl_objects(lines, source):
        where = f"{source}:{lineno}"
        tid = rec.get("task_id")
        if isinstance(tid, bool) or not isinstance(tid, (str, int)) or tid == "":
            raise ValueError(f"{where}: field 'task_id' must be a non-empty string, got {tid!r}")
        passed = rec.get("passed")
        if isinstance(passed, bool):
            ok = passed
        elif isinstance(passed, (int, float)) and passed in (0, 1):
            ok = bool(passed)
        else:
            raise ValueError(f"{where}: field 'passed' must be true/false, got {passed!r}")
        ans = rec.get("extracted")
        g = groups[str(tid)]
        g.passed.append(ok)
        g.answers.append(ans if isinstance(ans, str) else None)
    if not groups:
        raise ValueError(f"{source}: no sample records")
    return dict(groups)


@dataclass
class EvalReport:
    """Result of :func:`rlvr.rl_core.evaluation.evaluate`.

    metrics: "pass@k" / "maj@k" / "avg@n" -> :class:`Metric`. samples: one dict per generated sample
    (task_id, sample, prompt id, completion, passed, score, extracted, status) — the JSONL that
    ``rlvr eval --samples`` re-scores.
    """

    task: str
    split: str
    n: int
    ks: list[int]
    greedy: bool
    num_examples: int
    metrics: dict[str, Metric]
    samples: list[dict[str, Any]] = field(default_factory=list)
    generated_tokens: int = 0
    seconds: float = 0.0

    def value(self, name: str) -> float | None:
        return self.metrics[name].value

    def pass_at(self, k: int) -> Metric:
        return self.metrics[f"pass@{k}"]

    def summary(self) -> str:
        """One line, e.g. ``arithmetic/eval (300 tasks, n=1, greedy): pass@1 27.7% ± 2.6``."""
        mode = "greedy" if self.greedy else f"n={self.n}"
        parts = ", ".join(f"{k} {m.format()}" for k, m in self.metrics.items())
        return f"{self.task}/{self.split} ({self.num_examples} tasks, {mode}): {parts}"

    def to_dict(self, samples: bool = False) -> dict[str, Any]:
        d = asdict(self)
        d["metrics"] = {k: {kk: _finite(vv) for kk, vv in asdict(m).items()} for k, m in self.metrics.items()}
        if not samples:
            d.pop("samples")
        return d

    def write_samples(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w") as f:
            for s in self.samples:
                f.write(json.dumps(s) + "\n")
        return path


def _finite(v: Any) -> Any:
    return None if isinstance(v, float) and math.isnan(v) else v
