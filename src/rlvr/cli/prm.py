"""``rlvr prm label|train``: Math-Shepherd step labels by Monte Carlo rollouts, and PRM training."""

from __future__ import annotations

import argparse
import logging
import random

logger = logging.getLogger(__name__)


def add_parser(subparsers: argparse._SubParsersAction, name: str, help_: str) -> None:
    p = subparsers.add_parser(name, help=help_, description=help_)
    sub = p.add_subparsers(dest="prm_command", required=True, metavar="{label,train}")

    lab = sub.add_parser("label", help="sample completions with a policy and label each step by MC rollouts")
    lab.add_argument("--task", required=True, help="registered task name")
    lab.add_argument("--task-arg", action="append", default=[], metavar="KEY=VALUE", help="task keyword (YAML value)")
    lab.add_argument("--model", default="tiny", help="policy: tiny | smollm2 | a local directory | a hub id org/name")
    _add_model_flags(lab)
    lab.add_argument("--out", required=True, help="output JSONL of step labels")
    lab.add_argument("--split", default="train")
    lab.add_argument("--limit", type=int, default=64, help="problems to label")
    lab.add_argument("--samples", type=int, default=4, help="completions sampled per problem")
    lab.add_argument("--k", type=int, default=8, help="continuations per step boundary (Math-Shepherd N)")
    lab.add_argument("--max-new-tokens", type=int, default=128)
    lab.add_argument("--temperature", type=float, default=1.0)
    lab.add_argument("--split-method", default="newline", help="newline | sentence | regex | tokens")
    lab.add_argument("--split-regex", default="")
    lab.add_argument("--max-steps", type=int, default=8)
    lab.add_argument("--seed", type=int, default=0)
    lab.set_defaults(func=_label)

    tr = sub.add_parser("train", help="train a PRM (scalar head, optional LoRA) on step labels")
    tr.add_argument("--data", required=True, help="JSONL written by `rlvr prm label`")
    tr.add_argument(
        "--model", default="tiny", help="PRM backbone: tiny | smollm2 | a local directory | a hub id org/name"
    )
    _add_model_flags(tr)
    tr.add_argument("--out", required=True, help="directory for the trained PRM (use as credit.path)")
    tr.add_argument("--target", choices=("soft", "hard"), default="soft")
    tr.add_argument("--epochs", type=int, default=3)
    tr.add_argument("--lr", type=float, default=1e-3)
    tr.add_argument("--batch-size", type=int, default=16)
    tr.add_argument("--max-grad-norm", type=float, default=1.0, help="gradient norm clip (0 = none)")
    tr.add_argument("--lora-r", type=int, default=0, help="LoRA rank (0 = full fine-tuning)")
    tr.add_argument("--lora-alpha", type=int, default=16)
    tr.add_argument("--eval-fraction", type=float, default=0.1, help="held-out records for the step AUC")
    tr.add_argument("--seed", type=int, default=0)
    tr.set_defaults(func=_train)


def _add_model_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--revision", default=None, help="hub revision of --model (branch, tag or commit)")
    p.add_argument("--trust-remote-code", action="store_true", help="run the model repository's own code")


def _label(args: argparse.Namespace) -> int:
    import torch
    import yaml

    from rlvr.rl_core.credit.prm import label_task, write_labels
    from rlvr.rl_core.credit.steps import StepSplitter
    from rlvr.rl_core.models import load_model
    from rlvr.rl_core.rollout import make_generator
    from rlvr.rl_core.types import SamplingParams
    from rlvr.tasks.registry import get_task

    kwargs = {}
    for item in args.task_arg:
        key, sep, raw = item.partition("=")
        if not sep:
            raise SystemExit(f"--task-arg {item!r}: expected KEY=VALUE")
        kwargs[key] = yaml.safe_load(raw)
    torch.manual_seed(args.seed)
    task = get_task(args.task, **kwargs)
    model, tok = load_model(
        args.model, revision=args.revision, trust_remote_code=args.trust_remote_code, field="--model"
    )
    gen = make_generator("hf", model, tok)
    splitter = StepSplitter(args.split_method, args.split_regex, max_steps=args.max_steps)
    sampling = SamplingParams(max_new_tokens=args.max_new_tokens, temperature=args.temperature, seed=args.seed)
    recs = label_task(
        task,
        gen,
        tok,
        split=args.split,
        limit=args.limit,
        samples=args.samples,
        k=args.k,
        splitter=splitter,
        sampling=sampling,
    )
    write_labels(recs, args.out)
    steps = sum(len(r.steps) for r in recs)
    print(f"labelled {len(recs)} completions, {steps} steps -> {args.out}")
    return 0


def _train(args: argparse.Namespace) -> int:
    from rlvr.rl_core.credit.prm import PRMTrainConfig, build_prm, read_labels, step_auc, train_prm

    recs = read_labels(args.data)
    random.Random(args.seed).shuffle(recs)
    n_eval = int(len(recs) * args.eval_fraction)
    held, train = recs[:n_eval], recs[n_eval:]
    cfg = PRMTrainConfig(
        target=args.target,
        epochs=args.epochs,
        lr=args.lr,
        batch_size=args.batch_size,
        max_grad_norm=args.max_grad_norm,
        lora_r=args.lora_r,
        lora_alpha=args.lora_alpha,
        seed=args.seed,
    )
    prm = build_prm(args.model, seed=args.seed, revision=args.revision, trust_remote_code=args.trust_remote_code)
    losses = train_prm(prm, train, cfg)
    prm.save(args.out)
    print(f"trained on {len(train)} completions; final loss {losses[-1]:.4f}; saved to {args.out}")
    if held:
        scores = prm.score([r.prompt for r in held], [r.steps for r in held])
        labels = [y for r in held for y in (r.correct if r.correct is not None else r.hard)]
        auc = step_auc([x for s in scores for x in s], labels)
        print(f"held-out step AUC ({len(held)} completions): {auc:.3f}")
    return 0
