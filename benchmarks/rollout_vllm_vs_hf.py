"""Rollout throughput of the vLLM backend against the transformers backend, and whole training steps with each.

Both backends sample from the same SmolLM2-135M-Instruct (the embedded model, float32 unless
``--vllm-dtype`` says otherwise for the engine) on the same arithmetic-task prompts rendered with its chat
template: B prompts x G completions x up to L new tokens, temperature 1. They alternate round by round in one
process (the order flips every round), so machine noise hits both alike. Throughput is generated tokens
(EOS included, padding excluded) per second of ``Generator.generate``; the vLLM weight push that precedes
every step in training is timed separately.

Sections:
  1. generation: tokens/s of each backend (median over rounds), and of transformers' own ``generate``
     (sampling with G return sequences and transition scores) for reference.
  2. LoRA weight sync (``--lora``): the two ways adapters reach the engine, ``lora_merged`` (merged weights
     pushed every step) and ``lora_request`` (the adapter saved and served as a vLLM LoRA request): push
     seconds and generation tokens/s of each.
  3. training steps (``--train-steps``): seconds per step (generate + verify + update) of the same run
     config with ``rollout.backend=hf`` and ``rollout.backend=vllm``, alternating step by step.

    python benchmarks/rollout_vllm_vs_hf.py [--rounds 3] [--prompts 32] [--group 8] [--max-new 64]
        [--vllm-dtype auto] [--lora] [--train-steps 2] [--train-prompts 4]

Last line: ``ratio: X`` = vLLM tokens/s / transformers tokens/s (section 1).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import statistics
import tempfile
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import torch  # noqa: E402

from rlvr.rl_core.models import load_model  # noqa: E402
from rlvr.rl_core.rollout import make_generator  # noqa: E402
from rlvr.rl_core.rollout.vllm import VLLMConfig, VLLMGenerator  # noqa: E402
from rlvr.rl_core.types import SamplingParams  # noqa: E402
from rlvr.tasks.dataset import encode_prompt  # noqa: E402
from rlvr.tasks.registry import get_task  # noqa: E402

MODEL = "smollm2"
TASK = "arithmetic"


def prompts_for(tokenizer, count: int) -> list[list[int]]:
    task = get_task(TASK)
    examples = list(task.examples("train"))[:count]
    return [encode_prompt(task, e, tokenizer) for e in examples]


def timed_generate(gen, prompts, n, params) -> tuple[float, int]:
    t0 = time.perf_counter()
    batch = gen.generate(prompts, n, params)
    return time.perf_counter() - t0, int(batch.completion_mask.sum())


class PlainGenerate:
    """transformers' own ``generate`` (sampling, G return sequences per prompt, logprobs of the sampled tokens
    from ``compute_transition_scores``): the baseline the rollout backends are meant to beat."""

    def __init__(self, model, tokenizer) -> None:
        self.model, self.pad = (
            model,
            tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id,
        )

    def sync_weights(self, model) -> None:
        """Samples from the learner's model."""

    @torch.inference_mode()
    def generate(self, prompts, n, params):
        from types import SimpleNamespace

        from rlvr.rl_core.forward import left_pad

        ids, mask = left_pad(prompts, self.pad)
        torch.manual_seed(params.seed or 0)
        out = self.model.generate(
            input_ids=ids,
            attention_mask=mask.long(),
            do_sample=params.temperature > 0,
            temperature=params.temperature,
            top_p=1.0,
            top_k=0,
            max_new_tokens=params.max_new_tokens,
            num_return_sequences=n,
            pad_token_id=self.pad,
            output_scores=True,
            return_dict_in_generate=True,
        )
        new = out.sequences[:, ids.shape[1] :]
        logprobs = self.model.compute_transition_scores(out.sequences, out.scores, normalize_logits=True)
        eos = self.model.generation_config.eos_token_id
        eos = set(eos if isinstance(eos, list) else [eos])
        lengths = []
        for row in new.tolist():  # tokens up to and including the first EOS
            cut = next((i + 1 for i, t in enumerate(row) if t in eos), len(row))
            lengths.append(cut)
        mask = torch.arange(new.shape[1])[None] < torch.tensor(lengths)[:, None]
        return SimpleNamespace(completion_mask=mask, old_logprobs=logprobs.masked_fill(~mask, 0.0))


def generation(args: argparse.Namespace, vcfg: VLLMConfig) -> tuple[float, float, float]:
    model, tok = load_model(MODEL)
    prompts = prompts_for(tok, args.prompts)
    gens = {
        "hf": make_generator("hf", model, tok, prompt_batch=args.prompts),
        "vllm": make_generator("vllm", model, tok, vllm=vcfg, seed=0),
        "generate": PlainGenerate(model, tok),
    }
    warm = SamplingParams(max_new_tokens=8, temperature=1.0, seed=0)
    for g in gens.values():
        g.generate(prompts[:2], 2, warm)
    rates: dict[str, list[float]] = {k: [] for k in gens}
    tokens: dict[str, list[int]] = {k: [] for k in gens}
    syncs: list[float] = []
    for r in range(args.rounds):
        params = SamplingParams(max_new_tokens=args.max_new, temperature=1.0, seed=r)
        order = ["hf", "vllm", "generate"] if r % 2 == 0 else ["generate", "vllm", "hf"]
        for name in order:
            if name == "vllm":
                t0 = time.perf_counter()
                gens[name].sync_weights(model)
                syncs.append(time.perf_counter() - t0)
            dt, n_tok = timed_generate(gens[name], prompts, args.group, params)
            rates[name].append(n_tok / dt)
            tokens[name].append(n_tok)
            print(f"  round {r} {name:5s} {n_tok:6d} tokens in {dt:7.2f} s = {n_tok / dt:8.1f} tok/s", flush=True)
    print(
        f"\n## generation: {MODEL}, {args.prompts} prompts x G={args.group}, <= {args.max_new} new tokens, "
        f"T=1, {args.rounds} rounds, {torch.get_num_threads()} threads, vLLM dtype {gens['vllm'].engine.dtype}"
    )
    print("| backend | tok/s median | tok/s min-max | tokens/round |")
    print("|---|---|---|---|")
    for name in gens:
        rs = rates[name]
        print(
            f"| {name} | {statistics.median(rs):.1f} | {min(rs):.1f}-{max(rs):.1f} | "
            f"{statistics.median(tokens[name]):.0f} |"
        )
    print(f"full weight push to vLLM: median {statistics.median(syncs):.3f} s")
    hf, vl, plain = (statistics.median(rates[k]) for k in ("hf", "vllm", "generate"))
    del gens, model
    gc.collect()
    return hf, vl, plain


def lora_modes(args: argparse.Namespace) -> None:
    from peft import LoraConfig, get_peft_model

    print("\n## LoRA weight sync (r=16 on q,k,v,o; random adapters)")
    print("| weight_sync | push s (median of 3) | generation tok/s | greedy == transformers |")
    print("|---|---|---|---|")
    for mode in ("lora_merged", "lora_request"):
        base, tok = load_model(MODEL)
        model = get_peft_model(
            base,
            LoraConfig(
                r=16, lora_alpha=32, target_modules=["q_proj", "k_proj", "v_proj", "o_proj"], task_type="CAUSAL_LM"
            ),
        )
        with torch.no_grad():
            for n, p in model.named_parameters():
                if "lora_B" in n:
                    p.normal_(0, 0.02, generator=torch.Generator().manual_seed(0))
        prompts = prompts_for(tok, args.lora_prompts)
        gen = VLLMGenerator(model, tok, VLLMConfig(max_model_len=512, weight_sync=mode, max_lora_rank=16), seed=0)
        pushes = []
        for _ in range(3):
            t0 = time.perf_counter()
            gen.sync_weights(model)
            pushes.append(time.perf_counter() - t0)
        gen.generate(prompts[:1], 1, SamplingParams(max_new_tokens=4, temperature=1.0, seed=0))
        dt, n_tok = timed_generate(
            gen, prompts, args.group, SamplingParams(max_new_tokens=args.lora_max_new, temperature=1.0, seed=0)
        )
        greedy = gen.generate(prompts[:1], 1, SamplingParams(max_new_tokens=16, temperature=0.0))
        ids = torch.tensor([prompts[0]])
        with torch.no_grad():
            hf = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=16, do_sample=False)[
                0, len(prompts[0]) :
            ].tolist()
        same = greedy.completion_ids[0, : int(greedy.completion_mask[0].sum())].tolist() == hf
        print(
            f"| {mode} | {statistics.median(pushes):.3f} | {n_tok / dt:.1f} "
            f"({args.lora_prompts} prompts x {args.group} x <= {args.lora_max_new}) | {same} |",
            flush=True,
        )
        del gen, model, base
        gc.collect()


def training_steps(args: argparse.Namespace, vcfg: VLLMConfig) -> None:
    from rlvr.rl_core.config import load_config
    from rlvr.rl_core.trainer import build_trainer

    trainers = {}
    for backend in ("hf", "vllm"):
        overrides = [
            f"model.name={MODEL}",
            f"task.name={TASK}",
            f"steps={args.train_steps}",
            f"rollout.backend={backend}",
            f"rollout.prompts_per_step={args.train_prompts}",
            f"rollout.group_size={args.group}",
            f"rollout.max_new_tokens={args.max_new}",
            f"rollout.prompt_batch={args.train_prompts}",
            "optim.micro_batch_size=8",
            "optim.lr=1e-6",
            "eval.before=false",
            "eval.after=false",
            "checkpoint.save_final=false",
            "logging.progress=false",
            "logging.tensorboard=false",
            f"logging.run_dir={tempfile.mkdtemp()}",
            f"rollout.vllm.dtype={vcfg.dtype}",
            f"rollout.vllm.max_model_len={vcfg.max_model_len}",
        ]
        trainers[backend] = build_trainer(load_config(None, overrides))
    rows: dict[str, list[dict[str, float]]] = {k: [] for k in trainers}
    for step in range(1, args.train_steps + 1):
        order = ["hf", "vllm"] if step % 2 else ["vllm", "hf"]
        for name in order:
            t0 = time.perf_counter()
            m = trainers[name].train_step(step)
            m["time/step"] = time.perf_counter() - t0
            rows[name].append(m)
            print(
                f"  step {step} {name:5s} {m['time/step']:7.2f} s (generate {m['time/generate']:.2f}, "
                f"update {m.get('time/update', 0.0):.2f})",
                flush=True,
            )
    print(
        f"\n## training step: {MODEL}, {TASK}, B={args.train_prompts} x G={args.group}, <= {args.max_new} new "
        f"tokens, {args.train_steps} steps each"
    )
    print("| backend | s/step | generate s | update s | verify s | sampler-learner logprob gap |")
    print("|---|---|---|---|---|---|")
    med = {}
    for name, rs in rows.items():

        def md(key: str, rs: list[dict[str, float]] = rs) -> float:
            return statistics.median(r.get(key, float("nan")) for r in rs)

        med[name] = md("time/step")
        print(
            f"| {name} | {md('time/step'):.2f} | {md('time/generate'):.2f} | {md('time/update'):.2f} | "
            f"{md('time/verify'):.2f} | {md('rollout/logprob_gap'):.2e} |"
        )
    print(f"step time hf / vllm: {med['hf'] / med['vllm']:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--prompts", type=int, default=32)
    ap.add_argument("--group", type=int, default=8)
    ap.add_argument("--max-new", type=int, default=64)
    ap.add_argument("--vllm-dtype", default="auto", choices=["auto", "float32", "bfloat16"])
    ap.add_argument("--lora", action="store_true", help="also compare the two LoRA weight-sync modes")
    ap.add_argument("--lora-prompts", type=int, default=4)
    ap.add_argument("--lora-max-new", type=int, default=32)
    ap.add_argument("--train-steps", type=int, default=0, help="training steps per backend (0: skip)")
    ap.add_argument("--train-prompts", type=int, default=4)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    vcfg = VLLMConfig(dtype=args.vllm_dtype, max_model_len=512)
    hf, vl, plain = generation(args, vcfg)
    if args.lora:
        lora_modes(args)
    if args.train_steps:
        training_steps(args, vcfg)
    print(
        f"\nvLLM {vl:.1f} tok/s, rlvr's transformers backend {hf:.1f} tok/s, transformers' generate {plain:.1f} tok/s"
    )
    print(f"vLLM / transformers' generate: {vl / plain:.2f}; rlvr's transformers backend / generate: {hf / plain:.2f}")
    print(f"ratio: {vl / hf:.2f}")


if __name__ == "__main__":
    main()
