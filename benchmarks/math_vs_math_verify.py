"""rlvr's math verifier vs Math-Verify 0.9 on hand-labelled corpora: accuracy, false passes, checks per second.

    python benchmarks/math_vs_math_verify.py [--corpus FILE ...] [--rounds 3] [--workers N] [--show-wrong]

Corpora (``benchmarks/data``), each line ``{"class", "completion", "gold", "label"}`` (label: a correct grader
passes it):

* ``math_corpus.jsonl``: the original 164 pairs over every answer class;
* ``math_adversarial.jsonl``: answers a reward-seeking policy could write (hedges, words after the number,
  wrong units, case, bases, colons, hidden boxes, sampled identities, …), positives and negatives per class;
* ``math_free_text.jsonl``: how real models write final answers (display math, ``\\[ \\]``, ``$ 5 $``, bare
  LaTeX, "**Answer:** 5", ``\\frac13``, matrices, ``<=``/``!=``, intervals, equations, labelled golds,
  several boxed parts, worked-solution golds, text in another case), correct and wrong;
* ``math_redteam.jsonl``: the second red-team round's findings (spacing between a qualifier and the answer, boxes
  inside larger expressions, negations, words after the answer, hedges over several markers, hidden markup,
  units, unicode, …), each with the verdict a careful grader gives (a few relabelled: ``note`` says why);
* ``math_redteam2.jsonl``: the third red-team round's findings (cues before a box in English and other languages,
  other scripts, labels, markup, environments, units, …), the same fields; rows still judged wrong are ``open``;
* ``math_redteam3.jsonl``: the fourth round's findings (trailing negations and doubts, question marks, retractions
  in the next sentence, labels that disown the answer, explanations after the answer, tilde ranges, degrees in
  trigonometric functions, special tokens, check marks, other scripts' digits and answer phrases, …); a row's
  ``opts`` are the verifier options it was judged under (``{"answer_form": "number"}``);
* ``math_redteam4.jsonl``: the fifth round's findings (closings, questions to the reader and asides after a correct
  answer; retractions, corrections and negations in other languages after it), the same fields;
* ``math_redteam5.jsonl``: the sixth round's findings (doubts after a GSM8K ``####`` line, cue words, number-form
  restatements such as ``\\frac{46}{2}`` under ``answer_form=number``, hidden boxes, invisible characters,
  reasoning formats, float references, GSM8K final sentences, …), the same fields;
* ``math_redteam6.jsonl``: the seventh round's findings (answer phrases inside font commands on both sides, boxes
  followed by prose, values with where they are attained, labelled equations, revision labels, another candidate
  in the next sentence, hidden or struck-out text, value-free doubts, slow symbolic inputs, …), the same fields;
* ``math_redteam7.jsonl``: the eighth round's findings, false passes sought after the seventh round's fixes
  (redaction and over-hiding, answers disowned in their own sentence, struck endorsements, code shown literally,
  answer-tag attributes, status lines, visual reordering, subscripts on numbers, slow sums and integrals, …);
* ``math_redteam8.jsonl``: the ninth round's findings (a later check or another language offering a second value,
  number words, calculator annotations, postscript labels, qualified yes/no, unevaluated operators, justifications
  and emoji after a correct answer, Markdown emphasis, notation variants, huge products and gcds, …);
* ``math_redteam9.jsonl``: the tenth round's findings, sought after the ninth round's fixes (what renders: TeX
  spacing and font primitives, xcolor complements, CSS escapes and selectors, HTML elements that never show,
  comment and end-tag parsing; answers inside TeX groups and environments, HTML entities, …);
* ``math_redteam10.jsonl``: the eleventh round's findings, sought after the tenth round's fixes (hedges and
  retractions in new words and languages, suppositions, natural sentences with asides or a second quantity after a
  correct answer, rate units, absolute-value bars, nested sets, notation, slow symbolic comparisons, …);
* ``math_redteam11.jsonl``: the twelfth round's findings, sought after the hidden reading became an allowlist
  (legitimate TeX, HTML, CSS and Markdown presentation it did not know; hiding built from allowed steps that add
  up: nested opacity, sizes and moves; colours redefined; TeX-only comments on a Markdown page, …);
* ``math_redteam12.jsonl``: the thirteenth round's findings, sought from the CLI and the docs alone (doubt, labels
  and headings before the answer, contradicting quantities after it, revisions, quoted candidates, TeX
  semantics, real output styles, robustness, …);
* ``math_redteam13.jsonl``: the fourteenth round's findings, from the CLI and the docs alone (asides and remarks
  after the answer, later candidates, labels, undefined subexpressions, norms, multipliers and hedges in other
  languages; choice letters, word answers, units, notation, layout and explanations in real output styles);
* ``math_redteam14.jsonl``: the fifteenth round's findings after those fixes (corrections phrased "it should be",
  "I think" and "maybe" in more languages, doubt as a percentage), all closed.
* ``math_redteam15.jsonl``: the sixteenth round's findings after those fixes (hedges, doubts, questions, labels
  and frames in other languages around the answer, sign words, confidence forms, checks that agree, units and
  answer labels of other languages), 13 of 458 open (146 at the start).
* ``math_redteam16.jsonl``: the seventeenth round's findings after those fixes (the same mechanisms in languages
  and scripts the lexicons lack, random-pick and forced-answer frames, copulas and classifiers of other languages
  after a box), 116 of 466 open (151 at the start).
* ``math_redteam17.jsonl``: the eighteenth round's findings after the seventeenth round's language matrix was
  begun and the unread-script policy added (cue words of more languages, English guess and evidence frames,
  remarks after the box, corrections, answers in other languages' number and copula forms, structure and
  rendering), 116 of 365 open at the start.
* ``math_redteam18.jsonl``: the nineteenth round's findings after the language matrix was completed (doubts and
  corrections after the answer in any wording, real output styles of other languages and of the reference,
  comparison of sets, vectors, inequalities and identities, cost), 136 of 387 open at the start, 9 after its fixes.
* ``math_redteam19.jsonl``: the twentieth round's findings (false passes first, twenty minutes on the state after
  the nineteenth round's fixes: failed checks after the answer, currency words of other languages, hidden hedges,
  combinations that contradict their parts), 29 of 109 open at the start.

Both graders judge every pair once per round; each round starts cold (a new rlvr verifier with an empty
decision cache and new worker processes whose start-up, which parses a fixed warm-up list, is excluded;
Math-Verify's import and the same warm-up list are excluded too). rlvr runs as a trainer calls it
(``verify_batch``); Math-Verify as documented (``verify(parse(gold), parse(answer))``, a bare gold wrapped in
``$…$``, a worked-solution gold parsed as it is), in the main thread so that its ``signal.alarm`` timeout
works. Prints, per corpus, accuracy, false passes (wrong answers passed) and median checks/s of each grader;
last line ``ratio: X``: rlvr checks/s ÷ Math-Verify checks/s over all corpora, both measured in this run.
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
CORPORA = (
    "math_corpus.jsonl",
    "math_adversarial.jsonl",
    "math_free_text.jsonl",
    "math_redteam.jsonl",
    "math_redteam2.jsonl",
    "math_redteam3.jsonl",
    "math_redteam4.jsonl",
    "math_redteam5.jsonl",
    "math_redteam6.jsonl",
    "math_redteam7.jsonl",
    "math_redteam8.jsonl",
    "math_redteam9.jsonl",
    "math_redteam10.jsonl",
    "math_redteam11.jsonl",
    "math_redteam12.jsonl",
    "math_redteam13.jsonl",
    "math_redteam14.jsonl",
    "math_redteam15.jsonl",
    "math_redteam16.jsonl",
    "math_redteam17.jsonl",
    "math_redteam18.jsonl",
    "math_redteam19.jsonl",
)


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
    groups: dict[str, list[int]] = defaultdict(list)  # rows judged under the same verifier options
    for i, r in enumerate(rows):
        groups[json.dumps(r.get("opts") or {}, sort_keys=True)].append(i)
    passed = [False] * len(rows)
    elapsed = 0.0
    for opts, idx in groups.items():
        verifier = MathVerifier(workers=workers, **json.loads(opts))  # and an empty decision cache
        t0 = time.perf_counter()
        results = verifier.verify_batch([rows[i]["completion"] for i in idx], [rows[i]["gold"] for i in idx])
        elapsed += time.perf_counter() - t0
        for i, res in zip(idx, results):
            passed[i] = res.passed
    return passed, elapsed


def _mv_gold(gold: Any) -> str:
    """A bare gold answer is wrapped in ``$…$``; a worked solution is given to Math-Verify as it is."""
    gold = gold if isinstance(gold, str) else str(gold)
    if "$" in gold or "\\boxed" in gold or "####" in gold or "\n" in gold or len(gold.split()) > 8:
        return gold
    return f"${gold}$"


def run_math_verify(rows: list[dict[str, Any]]) -> tuple[list[bool], float]:
    from math_verify import parse, verify

    from rlvr.verifiers.equivalence import WARM_UP

    for text in WARM_UP:  # the same parser warm-up rlvr's workers do at start (excluded)
        verify(parse(f"${text}$"), parse(f"${text}$"))
    out = []
    t0 = time.perf_counter()
    for r in rows:
        try:
            out.append(bool(verify(parse(_mv_gold(r["gold"])), parse(r["completion"]))))
        except Exception:  # a grader crash counts as "not passed"
            out.append(False)
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, nargs="+", default=[HERE / "data" / c for c in CORPORA])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=None, help="rlvr worker processes (default: min(4, CPUs))")
    ap.add_argument("--show-wrong", action="store_true", help="list every pair a grader gets wrong")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("math_verify").setLevel(logging.CRITICAL)
    from rlvr.verifiers.workers import default_pool_size

    print(f"rlvr workers: {args.workers or default_pool_size()}, {args.rounds} rounds (median checks/s)")
    print(
        f"{'corpus':24s} {'n':>4s} {'pos':>4s} | {'rlvr acc':>8s} {'false+':>6s} {'false-':>6s} {'chk/s':>7s} | "
        f"{'MV acc':>7s} {'false+':>6s} {'false-':>6s} {'chk/s':>7s}"
    )
    seconds: dict[str, float] = defaultdict(float)
    total = 0
    for path in args.corpus:
        rows = load(path)
        labels = [bool(r["label"]) for r in rows]
        rates: dict[str, list[float]] = {"rlvr": [], "math_verify": []}
        verdicts: dict[str, list[bool]] = {}
        for _ in range(args.rounds):
            for name in ("math_verify", "rlvr"):
                got, secs = run_math_verify(rows) if name == "math_verify" else run_rlvr(rows, args.workers)
                rates[name].append(len(rows) / secs)
                verdicts[name] = got
        for name, r in rates.items():
            seconds[name] += len(rows) / statistics.median(r)
        total += len(rows)
        acc = {k: sum(v == lab for v, lab in zip(verdicts[k], labels)) / len(rows) for k in verdicts}
        fp = {k: sum(v and not lab for v, lab in zip(verdicts[k], labels)) for k in verdicts}
        fn = {k: sum(lab and not v for v, lab in zip(verdicts[k], labels)) for k in verdicts}
        speed = {k: statistics.median(v) for k, v in rates.items()}
        print(
            f"{path.name:24s} {len(rows):4d} {sum(labels):4d} | {acc['rlvr']:8.3f} {fp['rlvr']:6d} {fn['rlvr']:6d} "
            f"{speed['rlvr']:7.1f} | {acc['math_verify']:7.3f} {fp['math_verify']:6d} {fn['math_verify']:6d} "
            f"{speed['math_verify']:7.1f}"
        )
        if args.show_wrong:
            for name in ("rlvr", "math_verify"):
                for i, r in enumerate(rows):
                    if verdicts[name][i] != labels[i]:
                        print(
                            f"    {name} wrong [{r['class']}] label={labels[i]} gold={str(r['gold'])[:40]!r} "
                            f"completion={r['completion'][-70:]!r}"
                        )
    rate = {k: total / v for k, v in seconds.items()}
    print(f"all corpora: {total} pairs; checks/s rlvr {rate['rlvr']:.1f}, math_verify {rate['math_verify']:.1f}")
    print(f"ratio: {rate['rlvr'] / rate['math_verify']:.2f}")


if __name__ == "__main__":
    main()
