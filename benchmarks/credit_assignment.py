"""Credit assignment at an equal budget of generated tokens: GRPO, GRPO + MC values (VinePPO), GRPO + PRM.

The policy: with ``--model tiny`` (default) a small character-level Llama warm-started by supervised training
on step-by-step solutions of the task's train split (``--sft-steps``), so it writes steps like
``5+2=7\n7*2=14\nAnswer: 14`` and still makes arithmetic slips — the regime where credit assignment matters;
otherwise a local checkpoint or ``smollm2``. The task: ``arithmetic`` level 2 with small operands.

Each arm trains the same starting policy until it has generated ``--budget`` tokens — rollouts, plus for MC
the value continuations, plus for PRM the Math-Shepherd labelling rollouts — and is evaluated on held-out
problems (greedy pass@1) every ``--eval-every`` steps. Prints one row per evaluation and a table; the last
line is ``ratio: X``, the cost multiplier of MC values (generated tokens per training step with MC ÷
without), measured in this run.

    python benchmarks/credit_assignment.py
    python benchmarks/credit_assignment.py --model smollm2 --budget 400000 --max-new-tokens 96
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import re
import tempfile
import time
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402

from rlvr.rl_core.builders import load_policy, load_task  # noqa: E402
from rlvr.rl_core.config import resolve  # noqa: E402
from rlvr.rl_core.credit.prm import PRMTrainConfig, build_prm, label_task, train_prm  # noqa: E402
from rlvr.rl_core.credit.steps import StepSplitter  # noqa: E402
from rlvr.rl_core.models import tiny_model  # noqa: E402
from rlvr.rl_core.rollout import make_generator  # noqa: E402
from rlvr.rl_core.trainer import build_trainer  # noqa: E402
from rlvr.rl_core.types import RolloutBatch, SamplingParams  # noqa: E402
from rlvr.tasks.dataset import encode_prompt  # noqa: E402

OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}


class CountingGenerator:
    """Wraps a Generator and counts the tokens it generates."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.tokens = inner, 0

    def generate(self, prompts: list[list[int]], n: int, params: SamplingParams) -> RolloutBatch:
        out = self.inner.generate(prompts, n, params)
        self.tokens += int(out.completion_mask.sum())
        return out

    def sync_weights(self, model: torch.nn.Module) -> None:
        self.inner.sync_weights(model)


def task_kwargs(a: argparse.Namespace) -> str:
    return (
        f"{{level: 2, max_operand: {a.max_operand}, max_factor: {a.max_factor}, n_eval: {a.eval_limit}, cache: false}}"
    )


def solution(meta: dict[str, Any]) -> str:
    """The step-by-step solution of an arithmetic example (left to right, one line per operation)."""
    nums = [int(x) for x in re.findall(r"\d+", meta["expression"])]
    acc, out = nums[0], ""
    for op, x in zip(meta["ops"], nums[1:]):
        new = OPS[op](acc, x)
        out += f"{acc}{op}{x}={new}\n"
        acc = new
    return out + f"Answer: {acc}"


def warm_start(a: argparse.Namespace, out: str) -> str:
    """Supervised warm start of a small character-level Llama on solutions of the train split; saved to ``out``."""
    cfg = resolve({}, base_overrides(a, "tiny"))
    task = load_task(cfg)
    model, tok = tiny_model(hidden_size=a.hidden, num_layers=a.layers, num_heads=4, seed=a.seed)
    train = list(task.examples("train"))
    rng = random.Random(a.seed)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 20) * max(0.0, 1 - s / a.sft_steps))
    model.train()
    for _ in range(a.sft_steps):
        seqs = []
        for ex in rng.sample(train, 32):
            seqs.append(
                (
                    encode_prompt(task, ex, tok),
                    tok(solution(ex.meta), add_special_tokens=False)["input_ids"] + [tok.eos_token_id],
                )
            )
        width = max(len(p) + len(c) for p, c in seqs)
        ids = torch.zeros((len(seqs), width), dtype=torch.long)
        labels = torch.full((len(seqs), width), -100)
        att = torch.zeros((len(seqs), width), dtype=torch.long)
        for i, (p, c) in enumerate(seqs):
            ids[i, : len(p) + len(c)] = torch.tensor(p + c)
            att[i, : len(p) + len(c)] = 1
            labels[i, len(p) : len(p) + len(c)] = torch.tensor(c)
        loss = model(input_ids=ids, attention_mask=att, labels=labels).loss
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    model.eval().save_pretrained(out)
    tok.save_pretrained(out)
    return out


def base_overrides(a: argparse.Namespace, model: str) -> list[str]:
    return [
        "preset=grpo",
        "kl.beta=0",
        f"seed={a.seed}",
        f"steps={10**6}",
        f"model.name={model}",
        "task.name=arithmetic",
        f"task.kwargs={task_kwargs(a)}",
        f"rollout.prompts_per_step={a.prompts}",
        f"rollout.group_size={a.group}",
        f"rollout.max_new_tokens={a.max_new_tokens}",
        "rollout.backend=hf",
        f"eval.limit={a.eval_limit}",
        "logging.progress=false",
        "checkpoint.save_final=false",
        "checkpoint.every=0",
        f"optim.lr={a.lr}",
        f"credit.k={a.k}",
        f"credit.max_steps={a.max_steps}",
        f"credit.split={a.split}",
        f"credit.chunk_tokens={a.chunk_tokens}",
    ]


def train_prm_for(a: argparse.Namespace, model_name: str, out: str) -> int:
    """Label steps with the initial policy, train a PRM (initialised from it) on them; returns tokens generated."""
    cfg = resolve({}, base_overrides(a, model_name))
    model, tok = load_policy(cfg)
    task = load_task(cfg)
    gen = CountingGenerator(make_generator("hf", model, tok))
    recs = label_task(
        task,
        gen,
        tok,
        limit=a.prm_problems,
        samples=a.group,
        k=a.k,
        splitter=StepSplitter(a.split, chunk_tokens=a.chunk_tokens, max_steps=a.max_steps),
        sampling=SamplingParams(max_new_tokens=a.max_new_tokens, seed=a.seed),
    )
    prm = build_prm(model_name, seed=a.seed)
    train_prm(prm, recs, PRMTrainConfig(epochs=a.prm_epochs, lr=a.prm_lr, seed=a.seed))
    prm.save(out)
    return gen.tokens


def run_arm(
    name: str, model_name: str, extra: list[str], a: argparse.Namespace, spent: int = 0
) -> list[dict[str, float]]:
    with tempfile.TemporaryDirectory() as run_dir:
        cfg = resolve({}, [*base_overrides(a, model_name), *extra])
        trainer = build_trainer(cfg, run_dir)
        tokens, rows, step, t0 = spent, [], 0, time.perf_counter()
        rollout_tokens = mc_tokens = 0.0
        acc = trainer.evaluate("before", 0)["eval/pass@1"]
        rows.append({"arm": name, "step": 0, "tokens": tokens, "pass@1": acc, "seconds": 0.0})
        print(f"{name:10s} step    0  tokens {int(tokens):8d}  held-out pass@1 {acc:.3f}", flush=True)
        while tokens < a.budget:
            step += 1
            m = trainer.train_step(step)
            rollout_tokens += m.get("sampling/tokens_all_rounds", 0.0)
            mc_tokens += m.get("credit/mc_tokens", 0.0)
            tokens = spent + rollout_tokens + mc_tokens
            if step % a.eval_every == 0 or tokens >= a.budget:
                acc = trainer.evaluate(f"step{step}", step)["eval/pass@1"]
                rows.append(
                    {
                        "arm": name,
                        "step": step,
                        "tokens": tokens,
                        "pass@1": acc,
                        "seconds": time.perf_counter() - t0,
                        "tokens_per_step": (rollout_tokens + mc_tokens) / step,
                        "rollout_tokens_per_step": rollout_tokens / step,
                    }
                )
                print(f"{name:10s} step {step:4d}  tokens {int(tokens):8d}  held-out pass@1 {acc:.3f}", flush=True)
        return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default="tiny")
    p.add_argument("--max-operand", type=int, default=5, help="arithmetic: largest operand of + and -")
    p.add_argument("--max-factor", type=int, default=3, help="arithmetic: largest factor of *")
    p.add_argument("--sft-steps", type=int, default=200, help="warm start of the tiny model (batches of 32)")
    p.add_argument("--hidden", type=int, default=96)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--budget", type=int, default=40_000, help="generated tokens per arm")
    p.add_argument("--prompts", type=int, default=8)
    p.add_argument("--group", type=int, default=8)
    p.add_argument("--max-new-tokens", type=int, default=32)
    p.add_argument("--k", type=int, default=2)
    p.add_argument("--max-steps", type=int, default=4)
    p.add_argument("--split", default="newline", help="step splitter (newline | sentence | tokens)")
    p.add_argument("--chunk-tokens", type=int, default=8, help="step length for --split tokens")
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--eval-every", type=int, default=5)
    p.add_argument("--eval-limit", type=int, default=100, help="held-out problems")
    p.add_argument("--prm-problems", type=int, default=16)
    p.add_argument("--prm-epochs", type=int, default=3)
    p.add_argument("--prm-lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    logging.basicConfig(level=logging.WARNING)
    torch.set_num_threads(max(1, int(os.environ.get("OMP_NUM_THREADS", "1"))))

    with tempfile.TemporaryDirectory() as work:
        model_name = warm_start(a, f"{work}/policy") if a.model == "tiny" else a.model
        results = {"grpo": run_arm("grpo", model_name, [], a)}
        results["grpo+mc"] = run_arm("grpo+mc", model_name, ["credit.method=mc"], a)
        spent = train_prm_for(a, model_name, f"{work}/prm")
        results["grpo+prm"] = run_arm(
            "grpo+prm", model_name, ["credit.method=prm", f"credit.path={work}/prm"], a, spent
        )
    print("\n| arm | steps | generated tokens | held-out pass@1 (start → end) | tokens / step | wall s |")
    print("|---|---|---|---|---|---|")
    for name, rows in results.items():
        last = rows[-1]
        print(
            f"| {name} | {last['step']} | {int(last['tokens'])} | {rows[0]['pass@1']:.3f} → {last['pass@1']:.3f} | "
            f"{last.get('tokens_per_step', 0):.0f} | {last['seconds']:.0f} |"
        )
    mc = results["grpo+mc"][-1]
    base = results["grpo"][-1]
    ratio = mc["tokens_per_step"] / max(base["tokens_per_step"], 1e-9)
    print(f"MC rollout tokens/step {mc['rollout_tokens_per_step']:.0f}, all tokens/step {mc['tokens_per_step']:.0f}")
    print(f"ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
