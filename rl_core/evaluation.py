"""Held-out evaluation of a policy: generate n completions per example with a rollout
:class:`~rlvr.rl_core.types.Generator`, verify them with the task's verifier, and aggregate pass@k, maj@k and
avg@n with the estimators of :mod:`rlvr.tasks.evaluate`."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from tqdm.auto import tqdm

from rlvr.rl_core.types import SamplingParams
from rlvr.rl_core.verification import verify
from rlvr.tasks.dataset import encode_prompt
from rlvr.tasks.evaluate import EvalReport, SampleGroup, aggregate


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
        results = verify(task.verifier, rollout.texts, refs)  # a verifier bug never aborts an eval
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
