"""Seconds per GRPO step: rlvr against TRL's GRPOTrainer, same model, prompts, G, lengths, loss, on CPU.

Both train their own copy of the same locally built Llama (``tiny_model``, hidden 256 x 4 layers, ~3.2M
parameters, character tokenizer) on the same prompts with the same reward function, B prompts x G
completions per step, the same completion limit, temperature, learning rate, clipping, no KL (beta = 0),
token-mean loss, one update per batch (mu = 1). The two alternate step by step in one process: each TRL step
is followed by one rlvr step (run from a TRL callback, outside TRL's timed window), so machine noise hits
both alike. TRL's step time is measured from its ``on_step_begin`` to ``on_step_end`` callbacks (its
logging and data loading between steps are not charged to it).

Where the time goes: rlvr reports its own generation / verification / update seconds; for TRL the
generation (``_generate_single_turn``), reward (``_calculate_rewards``) and the rest of the step (update,
plus TRL's bookkeeping) are timed by a subclass that wraps those methods.

    python benchmarks/grpo_step_vs_trl.py [--steps 8] [--warmup 2] [--prompts 8] [--group 8] [--max-new 32]

Last line: ``ratio: X`` = TRL median s/step / rlvr median s/step.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
import time
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import torch  # noqa: E402

from rlvr.rl_core.config import load_config  # noqa: E402
from rlvr.rl_core.models import tiny_model  # noqa: E402
from rlvr.rl_core.trainer import Trainer  # noqa: E402
from rlvr.tasks.base import Example  # noqa: E402
from rlvr.verifiers.base import Verifier, VerifyResult  # noqa: E402


def digit_reward(text: str) -> float:
    """Fraction of digits among the first 8 characters: a reward a random model can vary."""
    head = text[:8]
    return sum(c.isdigit() for c in head) / 8


class DigitVerifier(Verifier):
    name = "bench_digits"

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        return VerifyResult(score=digit_reward(completion), passed=completion.startswith(str(reference)))


class PromptTask:
    """The benchmark's prompts as an rlvr Task (plain template: the prompt text itself)."""

    name = "bench"

    def __init__(self, prompts: list[str]) -> None:
        self.verifier = DigitVerifier()
        self._examples = [Example(str(i), p, "0") for i, p in enumerate(prompts)]

    def examples(self, split: str) -> list[Example]:
        return self._examples

    def render_prompt(self, example: Example, tokenizer: Any) -> str:
        return example.prompt


#: Prompt formats. ``chat``: a ChatML conversation with a system prompt, as SmolLM2's template renders it
#: (~130 tokens with the character tokenizer); ``short``: a bare instruction (~45 tokens).
PROMPT_STYLES = {
    "chat": "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is {x} + {y}? "
    "Answer with just the number.<|im_end|>\n<|im_start|>assistant\n",
    "short": "Compute {x} + {y} and answer with the number: ",
}


def make_prompts(n: int, style: str = "chat") -> list[str]:
    g = torch.Generator().manual_seed(0)
    a, b = torch.randint(1, 100, (n,), generator=g).tolist(), torch.randint(1, 100, (n,), generator=g).tolist()
    return [PROMPT_STYLES[style].format(x=x, y=y) for x, y in zip(a, b)]


def build_rlvr(args: argparse.Namespace, prompts: list[str], run_dir: str) -> Trainer:
    cfg = load_config(
        None,
        [
            "preset=dapo",
            "sampling.dynamic=false",
            "reward.overlong_buffer_ratio=0",
            f"seed={args.seed}",
            f"rollout.prompts_per_step={args.prompts}",
            f"rollout.group_size={args.group}",
            f"rollout.max_new_tokens={args.max_new}",
            "rollout.temperature=1.0",
            f"optim.lr={args.lr}",
            f"loss.policy.eps_low={args.eps}",
            f"loss.policy.eps_high={args.eps}",
            "optim.max_grad_norm=1.0",
            f"optim.micro_batch_size={args.prompts * args.group}",
            "eval.before=false",
            "eval.after=false",
            "checkpoint.save_final=false",
            "logging.tensorboard=false",
            "logging.progress=false",
            f"steps={args.steps + args.warmup}",
        ],
    )
    model, tok = tiny_model(hidden_size=256, num_layers=4, seed=args.seed)
    return Trainer(cfg, model, tok, PromptTask(prompts), run_dir)


def build_trl(args: argparse.Namespace, prompts: list[str], out_dir: str, on_step: Any) -> Any:
    from datasets import Dataset
    from transformers import TrainerCallback
    from trl import GRPOConfig, GRPOTrainer

    timing: dict[str, list[float]] = {"step": [], "generate": [], "reward": []}

    class Timed(GRPOTrainer):
        def _generate_single_turn(self, *a: Any, **kw: Any) -> Any:
            t0 = time.perf_counter()
            out = super()._generate_single_turn(*a, **kw)
            timing["generate"].append(time.perf_counter() - t0)
            return out

        def _calculate_rewards(self, *a: Any, **kw: Any) -> Any:
            t0 = time.perf_counter()
            out = super()._calculate_rewards(*a, **kw)
            timing["reward"].append(time.perf_counter() - t0)
            return out

    class Clock(TrainerCallback):
        def on_step_begin(self, *a: Any, **kw: Any) -> None:
            self.t0 = time.perf_counter()

        def on_step_end(self, *a: Any, **kw: Any) -> None:
            timing["step"].append(time.perf_counter() - self.t0)
            on_step()

    def reward_fn(completions: list[str], **kw: Any) -> list[float]:
        return [digit_reward(c) for c in completions]

    model, tok = tiny_model(hidden_size=256, num_layers=4, seed=args.seed)
    n = args.prompts * args.group
    cfg = GRPOConfig(
        output_dir=out_dir,
        per_device_train_batch_size=n,
        gradient_accumulation_steps=1,
        num_generations=args.group,
        max_completion_length=args.max_new,
        temperature=1.0,
        top_p=1.0,
        beta=0.0,
        loss_type="dapo",
        epsilon=args.eps,
        epsilon_high=args.eps,
        scale_rewards="group",
        num_iterations=1,
        learning_rate=args.lr,
        lr_scheduler_type="constant",
        warmup_steps=0,
        max_grad_norm=1.0,
        max_steps=args.steps + args.warmup,
        logging_steps=10_000,
        save_strategy="no",
        report_to="none",
        use_cpu=True,
        seed=args.seed,
        dataloader_num_workers=0,
        disable_tqdm=True,
        bf16=False,
        log_completions=False,
    )
    data = Dataset.from_dict({"prompt": prompts})
    trainer = Timed(
        model=model, reward_funcs=reward_fn, args=cfg, train_dataset=data, processing_class=tok, callbacks=[Clock()]
    )
    return trainer, timing


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=8, help="timed steps per library")
    p.add_argument("--warmup", type=int, default=2, help="untimed first steps per library")
    p.add_argument("--prompts", type=int, default=8, help="B: prompts per step")
    p.add_argument("--group", type=int, default=8, help="G: completions per prompt")
    p.add_argument("--max-new", type=int, default=32, help="completion limit in tokens")
    p.add_argument("--lr", type=float, default=1e-5)
    p.add_argument("--eps", type=float, default=0.2)
    p.add_argument("--prompt-style", choices=sorted(PROMPT_STYLES), default="chat", help="prompt format")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = p.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.threads:
        torch.set_num_threads(args.threads)
    prompts = make_prompts(args.prompts * (args.steps + args.warmup) * 2, args.prompt_style)

    with tempfile.TemporaryDirectory() as tmp:
        rlvr = build_rlvr(args, prompts, os.path.join(tmp, "rlvr"))
        rl_times: dict[str, list[float]] = {"step": [], "generate": [], "verify": [], "update": [], "length": []}
        state = {"step": 0}

        def rlvr_step() -> None:
            state["step"] += 1
            t0 = time.perf_counter()
            m = rlvr.train_step(state["step"])
            rl_times["step"].append(time.perf_counter() - t0)
            rl_times["generate"].append(m["time/generate"])
            rl_times["verify"].append(m["time/verify"])
            rl_times["update"].append(m["time/update"])
            rl_times["length"].append(m["length/mean"])

        trl, trl_times = build_trl(args, prompts, os.path.join(tmp, "trl"), rlvr_step)
        trl.train()

    w = args.warmup

    def med(xs: list[float]) -> float:
        return statistics.median(xs[w:]) if len(xs) > w else float("nan")

    trl_step, rl_step = med(trl_times["step"]), med(rl_times["step"])
    trl_gen, trl_rew = med(trl_times["generate"]), med(trl_times["reward"])
    prompt_len = statistics.mean(len(rlvr.tokenizer(x)["input_ids"]) for x in prompts)
    print(
        f"setup: B={args.prompts} prompts x G={args.group}, {args.prompt_style} prompts of {prompt_len:.0f} tokens, "
        f"<= {args.max_new} new tokens, tiny Llama 256x4, {torch.get_num_threads()} threads, "
        f"{args.steps} timed steps after {w} warm-up"
    )
    print(f"rlvr mean completion length {med(rl_times['length']):.1f} tokens")
    print(f"{'':8}{'s/step':>10}{'generate':>10}{'reward':>10}{'update+rest':>12}")
    print(f"{'TRL':8}{trl_step:10.3f}{trl_gen:10.3f}{trl_rew:10.4f}{trl_step - trl_gen - trl_rew:12.3f}")
    print(
        f"{'rlvr':8}{rl_step:10.3f}{med(rl_times['generate']):10.3f}{med(rl_times['verify']):10.4f}"
        f"{rl_step - med(rl_times['generate']) - med(rl_times['verify']):12.3f}"
    )
    print(f"ratio: {trl_step / rl_step:.2f}")


if __name__ == "__main__":
    main()
