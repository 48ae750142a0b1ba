"""rlvr's math verifier vs Math-Verify 0.9 on a hand-labelled corpus: accuracy and checks per second.

    python benchmarks/math_vs_math_verify.py [--corpus benchmarks/data/math_corpus.jsonl] [--rounds 3]

Each corpus line is ``{"class", "completion", "gold", "label"}`` (label: a correct grader says passed).
Both graders judge every pair once per round; each round starts cold (a new rlvr verifier with an empty
decision cache and new worker processes whose start-up, which parses a fixed warm-up list, is excluded;
Math-Verify's import and the same warm-up list are excluded too). rlvr runs
as a trainer calls it (``verify_batch``); Math-Verify as documented (``verify(parse(gold), parse(answer))``,
the gold wrapped in ``$…$``), in the main thread so that its ``signal.alarm`` timeout works. Prints
per-class accuracy, the pairs the graders get wrong, the median checks/s of each, and last ``ratio: X``
(rlvr checks/s ÷ Math-Verify checks/s, both measured in this run).
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def load(path: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    for i, r in enumerate(rows):
        if not {"class", "completion", "gold", "label"} <= set(r):
            raise ValueError(f"{path}:{i + 1}: needs class, completion, gold, label")
    return rows


def run_rlvr(rows: list[dict[str, Any]], workers: int | None) -> tuple[list[bool], float]:
    from rlvr.verifiers.math import MathVerifier
    from rlvr.verifiers.workers import _close_pools

    _close_pools()  # cold worker caches every round
    verifier = MathVerifier(workers=workers)
    verifier.verify_batch([r"\boxed{\sqrt{7}+1}"] * 8, [r"1+\sqrt{7}"] * 8)  # start the workers (excluded)
    verifier = MathVerifier(workers=workers)  # and an empty decision cache
    t0 = time.perf_counter()
    results = verifier.verify_batch([r["completion"] for r in rows], [r["gold"] for r in rows])
    return [r.passed for r in results], time.perf_counter() - t0


def run_math_verify(rows: list[dict[str, Any]]) -> tuple[list[bool], float]:
    from math_verify import parse, verify

    from rlvr.verifiers.equivalence import WARM_UP

    for text in WARM_UP:  # the same parser warm-up rlvr's workers do at start (excluded)
        verify(parse(f"${text}$"), parse(f"${text}$"))
    out = []
    t0 = time.perf_counter()
    for r in rows:
        try:
            out.append(bool(verify(parse(f"${r['gold']}$"), parse(r["completion"]))))
        except Exception:  # a grader crash counts as "not passed"
            out.append(False)
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "data" / "math_corpus.jsonl")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=None, help="rlvr worker processes (default: min(4, CPUs))")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("math_verify").setLevel(logging.CRITICAL)
    rows = load(args.corpus)
    labels = [bool(r["label"]) for r in rows]
    rates: dict[str, list[float]] = {"rlvr": [], "math_verify": []}
    verdicts: dict[str, list[bool]] = {}
    for _ in range(args.rounds):
        for name in ("math_verify", "rlvr"):
            got, seconds = run_math_verify(rows) if name == "math_verify" else run_rlvr(rows, args.workers)
            rates[name].append(len(rows) / seconds)
            verdicts[name] = got
    by_class: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_class[r["class"]].append(i)
    from rlvr.verifiers.workers import default_pool_size

    print(f"rlvr workers: {args.workers or default_pool_size()}")
    print(
        f"corpus: {len(rows)} pairs ({sum(labels)} positive, {len(rows) - sum(labels)} negative), {args.rounds} rounds"
    )
    print(f"{'class':22s} {'n':>4s} {'rlvr':>6s} {'math_verify':>12s}")
    for cls, idx in by_class.items():
        acc = {k: sum(verdicts[k][i] == labels[i] for i in idx) / len(idx) for k in verdicts}
        print(f"{cls:22s} {len(idx):4d} {acc['rlvr']:6.2f} {acc['math_verify']:12.2f}")
    for name in ("rlvr", "math_verify"):
        wrong = [i for i in range(len(rows)) if verdicts[name][i] != labels[i]]
        print(f"\n{name} wrong on {len(wrong)}:")
        for i in wrong:
            r = rows[i]
            print(f"  [{r['class']}] label={labels[i]} gold={r['gold']!r} completion={r['completion'][-70:]!r}")
    acc = {k: sum(v == lab for v, lab in zip(verdicts[k], labels)) / len(rows) for k in verdicts}
    speed = {k: statistics.median(v) for k, v in rates.items()}
    print()
    print(f"accuracy  rlvr {acc['rlvr']:.3f}  math_verify {acc['math_verify']:.3f}")
    rounds = f"(median of {args.rounds} cold rounds)"
    print(f"checks/s  rlvr {speed['rlvr']:.1f}  math_verify {speed['math_verify']:.1f}  {rounds}")
    print(f"ratio: {speed['rlvr'] / speed['math_verify']:.2f}")


if __name__ == "__main__":
    main()
