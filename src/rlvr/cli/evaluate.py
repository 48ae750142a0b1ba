"""``rlvr eval``: pass@k / maj@k / avg@n of a model on a task, or re-scoring of a samples JSONL.

    rlvr eval --samples FILE.jsonl --k 1,5,10
    rlvr eval --task arithmetic --model smollm2 --n 16 --k 1,4,16 [--limit N] [--greedy] [--out DIR]

Both end with one JSON object on the last stdout line. With ``--samples`` it holds exactly the pass@k
values (``{"pass@1": ..., "pass@5": ...}``); a k above some task's sample count is ``null`` and explained
on stderr (never estimated from a subset).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def add_parser(subparsers: Any, name: str, help_: str) -> None:
    p = subparsers.add_parser(
        name, help=help_, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--samples", metavar="FILE", help="re-score a JSONL of {task_id, passed} records ('-' = stdin)")
    src.add_argument("--task", help="registered task to generate on (see 'rlvr tasks list')")
    p.add_argument("--k", default="1", help="comma-separated k values (default: 1)")
    p.add_argument(
        "--task-arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="task config entry, value parsed as YAML (repeatable), e.g. --task-arg level=2",
    )
    p.add_argument(
        "--model", default="smollm2", help="'tiny', 'smollm2', a local checkpoint / adapter directory or a hub id"
    )
    p.add_argument("--revision", default=None, help="hub revision of --model (branch, tag or commit)")
    p.add_argument("--trust-remote-code", action="store_true", help="run the model repository's own code")
    p.add_argument("--attn-implementation", default="sdpa", help="sdpa | eager | flash_attention_2 (CUDA)")
    p.add_argument("--n", type=int, default=1, help="samples per problem (pass@k needs n >= k)")
    p.add_argument("--greedy", action="store_true", help="greedy decoding (n must be 1): pass@1 of the mode")
    p.add_argument("--limit", type=int, default=None, help="evaluate the first N problems only")
    p.add_argument("--split", default="eval", help="task split (default: eval)")
    p.add_argument("--max-new-tokens", type=int, default=256, help="completion length limit in tokens")
    p.add_argument("--temperature", type=float, default=1.0, help="sampling temperature (ignored with --greedy)")
    p.add_argument("--top-p", type=float, default=1.0, help="nucleus sampling mass")
    p.add_argument("--batch-size", type=int, default=32, help="prompts per generation call")
    p.add_argument("--seed", type=int, default=0, help="sampling seed")
    p.add_argument("--dtype", default="float32", help="model dtype: float32 | bfloat16 | float16")
    p.add_argument("--device", default="auto", help="'auto', 'cpu' or 'cuda'")
    p.add_argument("--backend", default="auto", help="rollout backend: auto | hf | vllm")
    p.add_argument("--out", default=None, help="output directory (default: runs/eval-<task>)")
    p.set_defaults(func=run)


def _finite(v: float | None) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def run(args: argparse.Namespace) -> int:
    from rlvr.tasks.evaluate import parse_ks

    try:
        ks = parse_ks(args.k)
    except ValueError as e:
        print(f"rlvr eval: {e}", file=sys.stderr)
        return 2
    if args.samples is not None:
        return score_samples(args.samples, ks)
    return generate_and_score(args, ks)


def score_samples(path: str, ks: list[int]) -> int:
    from rlvr.tasks.evaluate import aggregate, read_sample_records

    try:
        if path == "-":
            groups = read_sample_records(sys.stdin, "<stdin>")
        else:
            with open(path) as f:
                groups = read_sample_records(f, path)
    except (OSError, ValueError) as e:
        print(f"rlvr eval: {e}", file=sys.stderr)
        return 2
    has_answers = any(a is not None for g in groups.values() for a in g.answers)
    metrics = aggregate(groups, ks, majority=has_answers)
    sizes = sorted(len(g.passed) for g in groups.values())
    print(f"{len(groups)} tasks, {sum(sizes)} samples ({sizes[0]}-{sizes[-1]} per task)")
    for name, m in metrics.items():
        print(f"  {name:>10}  {m.format()}")
        if m.reason:
            print(f"rlvr eval: {name}: {m.reason}", file=sys.stderr)
    print(json.dumps({f"pass@{k}": _finite(metrics[f"pass@{k}"].value) for k in ks}))
    return 0


def generate_and_score(args: argparse.Namespace, ks: list[int]) -> int:
    import yaml

    from rlvr.rl_core.evaluation import evaluate
    from rlvr.rl_core.models import load_model
    from rlvr.rl_core.report import save_eval, write_report
    from rlvr.rl_core.rollout import make_generator
    from rlvr.tasks.registry import get_task

    task_cfg: dict[str, Any] = {}
    for item in args.task_arg:
        if "=" not in item:
            print(f"rlvr eval: --task-arg {item!r}: expected KEY=VALUE", file=sys.stderr)
            return 2
        key, raw = item.split("=", 1)
        task_cfg[key.strip()] = yaml.safe_load(raw)
    if args.greedy and args.n != 1:
        print("rlvr eval: --greedy gives identical samples; use --n 1 with it", file=sys.stderr)
        return 2
    if max(ks) > args.n:
        print(
            f"rlvr eval: --k {max(ks)} needs --n >= {max(ks)} samples per problem (got --n {args.n})", file=sys.stderr
        )
        return 2
    try:
        task = get_task(args.task, **task_cfg)
    except (KeyError, TypeError, ValueError) as e:
        print(f"rlvr eval: {e}", file=sys.stderr)
        return 2
    import torch

    device = ("cuda" if torch.cuda.is_available() else "cpu") if args.device == "auto" else args.device
    from rlvr.rl_core.models import ModelNotFoundError

    try:
        model, tokenizer = load_model(
            args.model,
            args.dtype,
            device=device,
            revision=args.revision,
            trust_remote_code=args.trust_remote_code,
            attn_implementation=args.attn_implementation,
            field="--model",
        )
    except (ModelNotFoundError, ValueError) as e:
        print(f"rlvr eval: {e}", file=sys.stderr)
        return 2
    generator = make_generator(args.backend, model, tokenizer, prompt_batch=args.batch_size)
    report = evaluate(
        generator,
        task,
        tokenizer,
        split=args.split,
        n=args.n,
        ks=ks,
        greedy=args.greedy,
        limit=args.limit,
        max_new_tokens=args.max_new_tokens,
        temperature=args.temperature,
        top_p=args.top_p,
        batch_size=args.batch_size,
        seed=args.seed,
    )
    out = Path(args.out or f"runs/eval-{task.name}")
    save_eval(out, args.split, report)
    html = write_report(out, title=f"rlvr eval: {args.model} on {task.name}/{args.split}")
    samples = out / f"samples_{args.split}.jsonl"
    tok_s = report.generated_tokens / max(report.seconds, 1e-9)
    print(report.summary())
    print(f"{report.generated_tokens} tokens in {report.seconds:.1f} s ({tok_s:.1f} tokens/s)")
    print(f"samples: {samples}  (re-score: rlvr eval --samples {samples} --k {args.k})")
    print(f"report: {html}")
    result = {name: _finite(m.value) for name, m in report.metrics.items()}
    result.update({f"{name}_se": _finite(m.stderr) for name, m in report.metrics.items()})
    result.update({"samples": str(samples), "report": str(html)})
    print(json.dumps(result))
    return 0
