"""Evaluation: unbiased pass@k, maj@k and avg@n with standard errors, from a model or from sample records.

Definitions (T tasks; task t has n_t samples of which c_t pass):

* pass@k (Chen et al. 2021, "Evaluating Large Language Models Trained on Code", eq. 1): per task
  ``1 - C(n-c, k) / C(n, k)``, computed in the numerically stable product form
  ``1 - prod_{i=n-c+1..n} (1 - k/i)``; averaged over tasks.
* maj@k (k > 1): a majority vote over the extracted answers of k samples; ties go to the answer seen first.
  With n > k samples the n samples are cut into floor(n/k) disjoint groups of k (in sample order), each an
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
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

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


def canonical_answer(answer: str | None) -> str | None:
    """Vote key of an extracted answer: numbers compare by value (``7`` = ``7.0`` = ``7,000/1000``)."""
    if answer is None:
        return None
    s = answer.strip()
    if not s:
        return None
    try:
        return str(Fraction(s.replace(",", "")))
    except (ValueError, ZeroDivisionError):
        return s


def majority_vote(answers: Sequence[str | None], passed: Sequence[bool]) -> bool:
    """Whether the most frequent (canonical) answer is correct; None answers do not vote; ties -> first seen."""
    counts: dict[str, int] = {}
    first_pass: dict[str, bool] = {}
    for a, p in zip(answers, passed):
        key = canonical_answer(a)
        if key is None:
            continue
        counts[key] = counts.get(key, 0) + 1
        first_pass.setdefault(key, bool(p))
    if not counts:
        return False
    best = max(counts.values())
    winner = next(k for k, v in counts.items() if v == best)  # dicts keep first-seen order
    return first_pass[winner]


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
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{where}: not valid JSON ({e.msg})") from None
        if not isinstance(rec, dict):
            raise ValueError(f"{where}: expected a JSON object, got {type(rec).__name__}")
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
    """Result of :func:`evaluate`.

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


def _verify(verifier: Any, texts: list[str], refs: list[Any]) -> list[Any]:
    """One result per completion: a failing ``verify_batch`` falls back to per-sample ``safe_verify``
    (which turns a crash into a zero-reward ``error`` result), so a verifier bug never aborts an eval."""
    try:
        results = list(verifier.verify_batch(texts, refs))
        if len(results) == len(texts):
            return results
        logger.warning(
            "verify_batch returned %d results for %d completions; scoring one by one", len(results), len(texts)
        )
    except Exception as e:  # the verifier may be user code
        logger.warning("verify_batch failed (%s: %s); scoring one by one", type(e).__name__, e)
    return [verifier.safe_verify(t, r) for t, r in zip(texts, refs)]


def _finite(v: Any) -> Any:
    return None if isinstance(v, float) and math.isnan(v) else v


def evaluate(
    generator: Any,
    task: Any,
    tokenizer: Any,
    *,
    split: str = "eval",
    n: int = 1,
    ks: Sequence[int] = (1,),
    greedy: bool = True,
    limit: int | None = None,
    max_new_tokens: int = 256,
    temperature: float = 1.0,
    top_p: float = 1.0,
    batch_size: int = 32,
    seed: int = 0,
    progress: bool = True,
) -> EvalReport:
    """Generate ``n`` completions for each example of ``task``'s ``split``, verify them, aggregate.

    generator: a :class:`rlvr.rl_core.types.Generator` (weights already synced). greedy: decode with
    temperature 0 (then ``n`` must be 1). limit: evaluate only the first ``limit`` examples.
    batch_size: prompts per ``generate`` call. Returns an :class:`EvalReport`.
    """
    import time

    from tqdm.auto import tqdm

    from rlvr.rl_core.types import SamplingParams
    from rlvr.tasks.dataset import encode_prompt

    if greedy and n != 1:
        raise ValueError(f"greedy decoding gives {n} identical samples; use n=1 or greedy=False")
    if not ks or n < 1 or max(ks) > n:
        raise ValueError(f"need 1 <= k <= n for every k, got ks={list(ks)}, n={n}")
    examples = list(task.examples(split))
    if limit is not None:
        examples = examples[:limit]
    if not examples:
        raise ValueError(f"task {task.name!r} has no {split!r} examples")
    params = SamplingParams(
        max_new_tokens=max_new_tokens,
        temperature=0.0 if greedy else temperature,
        top_p=1.0 if greedy else top_p,
        seed=seed,
    )
    t0 = time.perf_counter()
    groups: dict[str, SampleGroup] = {}
    samples: list[dict[str, Any]] = []
    tokens = 0
    bar = tqdm(total=len(examples), desc=f"eval {task.name}", unit="prompt", disable=not progress)
    for start in range(0, len(examples), batch_size):
        batch = examples[start : start + batch_size]
        prompts = [encode_prompt(task, ex, tokenizer) for ex in batch]
        rollout = generator.generate(prompts, n, params)
        if len(rollout.texts) != len(batch) * n:
            raise RuntimeError(f"generator returned {len(rollout.texts)} completions for {len(batch)}x{n}")
        tokens += int(rollout.completion_mask.sum())
        refs = [ex.reference for ex in batch for _ in range(n)]
        results = _verify(task.verifier, rollout.texts, refs)
        for i, ex in enumerate(batch):
            g = groups.setdefault(ex.id, SampleGroup())
            for j in range(n):
                r, text = results[i * n + j], rollout.texts[i * n + j]
                g.passed.append(bool(r.passed))
                g.answers.append(r.extracted)
                samples.append(
                    {
                        "task_id": ex.id,
                        "sample": j,
                        "completion": text,
                        "passed": bool(r.passed),
                        "score": r.score,
                        "extracted": r.extracted,
                        "status": r.status,
                        "truncated": bool(rollout.truncated[i * n + j]),
                    }
                )
        bar.update(len(batch))
    bar.close()
    return EvalReport(
        task=task.name,
        split=split,
        n=n,
        ks=sorted(set(ks)),
        greedy=greedy,
        num_examples=len(examples),
        metrics=aggregate(groups, sorted(set(ks))),
        samples=samples,
        generated_tokens=tokens,
        seconds=time.perf_counter() - t0,
    )
