"""Rollout: sample G completions per prompt, with the sampling log-probabilities.

The transformers backend (:class:`HFGenerator`) runs its own decoding loop over a KV cache instead of
``model.generate``: each prompt is prefilled once and its cache is shared by its G samples (repeated along
the batch axis after the prefill), logprobs come from the same temperature / top-p processed distribution
that the token was drawn from, and finished rows stop counting at their EOS or stop string. Masks come
from the generated positions, never from pad ids, so a model whose pad token is its EOS (SmolLM2) keeps
EOS in the loss.

Backends are found by name (:func:`register_backend`, :func:`make_generator`); ``auto`` picks vLLM when it
is registered and usable, else ``hf``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import torch

from rlvr.registry import Registry
from rlvr.rl_core.types import Generator, RolloutBatch, SamplingParams

logger = logging.getLogger(__name__)

#: backend name -> factory(model, tokenizer, **options) -> Generator; the vLLM module registers ``vllm`` (it
#: imports its engine lazily), other packages add theirs through the ``rlvr.rollout_backends`` entry points
BACKENDS: Registry[Callable[..., Generator]] = Registry(
    "rollout backend", builtin_modules=("rlvr.rl_core.rollout_vllm",), entry_point_group="rlvr.rollout_backends"
)


#: on CPU, ``auto`` tries vLLM only for models of at least this many parameters: on SmolLM2-135M it generated
#: several times the transformers loop's tokens/s (benchmarks/rollout_vllm_vs_hf.py); on models of a few
#: million parameters the two are level and the engine's start-up is not repaid
AUTO_VLLM_CPU_MIN_PARAMS = 50_000_000


def auto_order(device: torch.device, num_params: int = 0) -> tuple[str, ...]:
    """Backends ``auto`` tries, in order: vLLM first (when it imports) on a GPU or for a model of at least
    :data:`AUTO_VLLM_CPU_MIN_PARAMS` parameters on CPU, else the transformers loop (which shares each prompt's
    prefill across its G samples without an engine to sync)."""
    if device.type == "cuda" or num_params >= AUTO_VLLM_CPU_MIN_PARAMS:
        return ("vllm", "hf")
    return ("hf",)


def register_backend(name: str) -> Callable[[Callable[..., Generator]], Callable[..., Generator]]:
    """Decorator: register a Generator factory ``(model, tokenizer, **options) -> Generator`` as ``name``."""
    return BACKENDS.register(name)


def available_backends() -> list[str]:
    return sorted(BACKENDS.names())


def make_generator(backend: str, model: torch.nn.Module, tokenizer: Any, **options: Any) -> Generator:
    """The Generator for ``backend`` ("auto", "hf", or any registered name) over the learner's model.
    ``options`` go to the backend's factory (each takes what it knows, e.g. ``prompt_batch`` for hf,
    ``vllm`` and ``seed`` for vllm)."""
    if backend == "auto":
        for name in auto_order(next(model.parameters()).device, sum(p.numel() for p in model.parameters())):
            if name not in BACKENDS:
                continue
            try:
                return BACKENDS[name](model, tokenizer, **options)
            except (ImportError, RuntimeError) as e:  # e.g. vllm not installed or no device for it
                logger.info("rollout backend %s unavailable (%s); trying the next", name, e)
        raise RuntimeError(f"no rollout backend usable; registered: {available_backends()}")
    return BACKENDS[backend](model, tokenizer, **options)


def left_pad(seqs: Sequence[Sequence[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Left-pad token lists to (B, L) ids and a (B, L) bool attention mask."""
    width = max((len(s) for s in seqs), default=0)
    ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.bool)
    for i, s in enumerate(seqs):
        if len(s):
            ids[i, width - len(s) :] = torch.as_tensor(list(s), dtype=torch.long)
            mask[i, width - len(s) :] = True
    return ids, mask


def common_prefix_length(seqs: Sequence[Sequence[int]]) -> int:
    """Length of the longest prefix all ``seqs`` share, leaving every sequence at least one token of its own."""
    first, limit = seqs[0], min(len(q) for q in seqs) - 1
    n = 0
    while n < limit and all(q[n] == first[n] for q in seqs):
        n += 1
    return n


def prefill(
    model: torch.nn.Module, prompts: Sequence[Sequence[int]], pad_id: int, device: torch.device, min_shared: int = 8
) -> tuple[Any, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Run U prompts through ``model`` and return (KV cache, (U, V) logits of the next token, (U, L) long
    attention mask over the cache, (U,) position of each prompt's last token).

    A prefix that all prompts share (a chat template's system prompt, a few-shot header; at least
    ``min_shared`` tokens) runs once; each prompt's remainder runs left-padded after it, the padding masked
    out in the middle of the sequence. Positions count real tokens only, so the result equals running each
    prompt alone.
    """
    shared = common_prefix_length(prompts) if len(prompts) > 1 else 0
    shared = shared if shared >= min_shared else 0
    cache = None
    if shared:
        head = torch.as_tensor([list(prompts[0][:shared])], dtype=torch.long, device=device)
        cache = model(
            input_ids=head, position_ids=torch.arange(shared, device=device)[None], use_cache=True, logits_to_keep=1
        ).past_key_values
        cache.batch_repeat_interleave(len(prompts))
    ids, tail_mask = left_pad([q[shared:] for q in prompts], pad_id)
    ids, tail_mask = ids.to(device), tail_mask.long().to(device)
    mask = torch.cat([torch.ones(len(prompts), shared, dtype=torch.long, device=device), tail_mask], 1)
    pos = shared + (tail_mask.cumsum(-1) - 1).clamp_min(0)
    out = model(
        input_ids=ids, attention_mask=mask, position_ids=pos, past_key_values=cache, use_cache=True, logits_to_keep=1
    )
    return out.past_key_values, out.logits[:, -1, :], mask, pos[:, -1]


def process_logits(logits: torch.Tensor, temperature: float, top_p: float) -> torch.Tensor:
    """Temperature then nucleus (top-p) filtering of (R, V) logits; filtered entries become -inf.

    The most likely token always survives; ties at the threshold are kept.
    """
    logits = logits.float()
    if temperature > 0 and temperature != 1.0:
        logits = logits / temperature
    if top_p < 1.0:
        sorted_logits, order = torch.sort(logits, dim=-1, descending=True)
        probs = sorted_logits.softmax(-1)
        # drop a token when the mass of strictly more likely tokens already reaches top_p
        drop_sorted = (probs.cumsum(-1) - probs) >= top_p
        drop = torch.zeros_like(drop_sorted).scatter(-1, order, drop_sorted)
        logits = logits.masked_fill(drop, float("-inf"))
    return logits


def sample_categorical(logp: torch.Tensor, gen: torch.Generator, block: int = 256) -> torch.Tensor:
    """(R,) one draw per row of the (R, V) log-probabilities by inverting the CDF at one uniform per row.

    Two levels keep it accurate and cheap: a float64 CDF over the (float32) masses of ``block``-token blocks
    picks a block, then a float64 CDF inside that block picks the token. Same distribution as
    ``torch.multinomial``, whose V exponential variates per row cost ~20x more on a CPU; a token of
    probability 0 is never drawn.
    """
    rows, vocab = logp.shape
    p = logp.float().exp()
    pad = -vocab % block
    if pad:
        p = torch.nn.functional.pad(p, (0, pad))
    blocks = p.view(rows, -1, block)  # (R, nb, block)
    mass = blocks.sum(-1).double()  # (R, nb)
    cdf = mass.cumsum(-1)
    u = torch.rand(rows, 1, generator=gen, device=p.device, dtype=torch.float64) * cdf[:, -1:]
    b = torch.searchsorted(cdf, u, right=True).clamp_max(cdf.shape[1] - 1)  # (R, 1) chosen block
    inner = blocks[torch.arange(rows, device=p.device), b.squeeze(1)]  # (R, block)
    rest = u - (cdf.gather(1, b) - mass.gather(1, b))  # uniform offset inside the chosen block
    j = torch.searchsorted(inner.double().cumsum(-1), rest, right=True)
    last = (inner > 0).long().mul(torch.arange(block, device=p.device)).argmax(-1, keepdim=True)
    return (b * block + torch.minimum(j, last)).squeeze(1)


class StopMatcher:
    """Detects stop strings in the decoded tail of each row (only the last few tokens are decoded)."""

    def __init__(self, tokenizer: Any, stops: Sequence[str]) -> None:
        self.tokenizer = tokenizer
        self.stops = [s for s in stops if s]
        longest = max((len(s) for s in self.stops), default=0)
        self.window = longest + 8  # tokens are at least one character; a margin covers merges

    def __bool__(self) -> bool:
        return bool(self.stops)

    def hits(self, generated: list[list[int]], rows: Sequence[int]) -> list[int]:
        """Rows (among ``rows``) whose text now contains a stop string."""
        out = []
        for r in rows:
            tail = self.tokenizer.decode(generated[r][-self.window :], skip_special_tokens=True)
            if any(s in tail for s in self.stops):
                out.append(r)
        return out


class HFGenerator:
    """Batched KV-cached sampling with a transformers causal LM (CPU or GPU).

    The generator samples from the learner's own model, so :meth:`sync_weights` is a no-op.
    ``prompt_batch``: prompts prefilled together (their G samples decode together).
    """

    def __init__(self, model: torch.nn.Module, tokenizer: Any, prompt_batch: int = 64) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.prompt_batch = max(1, int(prompt_batch))
        pad = tokenizer.pad_token_id
        self.pad_id = int(pad if pad is not None else tokenizer.eos_token_id)
        eos = getattr(model, "generation_config", None)
        eos_ids = getattr(eos, "eos_token_id", None) if eos is not None else None
        if eos_ids is None:
            eos_ids = tokenizer.eos_token_id
        self.eos_ids = sorted({int(e) for e in (eos_ids if isinstance(eos_ids, (list, tuple)) else [eos_ids])})

    def sync_weights(self, model: torch.nn.Module) -> None:
        """The learner's model is sampled directly; nothing to copy."""

    def generate(self, prompts: list[list[int]], n: int, params: SamplingParams) -> RolloutBatch:
        """``n`` completions for each prompt (completions of one prompt contiguous)."""
        if n < 1:
            raise ValueError(f"n must be >= 1, got {n}")
        if params.temperature < 0 or not 0 < params.top_p <= 1 or params.max_new_tokens < 0:
            raise ValueError(
                f"bad sampling parameters {params}: need temperature >= 0 (0 = greedy), "
                "0 < top_p <= 1, max_new_tokens >= 0"
            )
        empty = [i for i, p in enumerate(prompts) if not len(p)]
        if empty:
            raise ValueError(f"prompts {empty[:5]} are empty; every prompt needs at least one token")
        gen = torch.Generator(device=next(self.model.parameters()).device)
        gen.manual_seed(params.seed if params.seed is not None else int(torch.randint(0, 2**62, (1,))))
        parts = [
            self._generate_chunk(prompts[i : i + self.prompt_batch], n, params, gen)
            for i in range(0, len(prompts), self.prompt_batch)
        ]
        return _concat(parts, prompts, n, self.pad_id, self.tokenizer)

    @torch.inference_mode()
    def _generate_chunk(
        self, prompts: list[list[int]], n: int, params: SamplingParams, gen: torch.Generator
    ) -> tuple[list[list[int]], list[list[float]], list[bool]]:
        model = self.model
        device = next(model.parameters()).device
        was_training = model.training
        model.eval()
        try:
            cache, logits, mask, last_pos = prefill(model, prompts, self.pad_id, device)
            if n > 1:  # the prompt's KV cache is computed once and shared by its n samples
                cache.batch_repeat_interleave(n)
                logits = logits.repeat_interleave(n, dim=0)
                mask = mask.repeat_interleave(n, dim=0)
                last_pos = last_pos.repeat_interleave(n, dim=0)
            return self._decode(model, cache, logits, mask, last_pos, params, gen, device)
        finally:
            model.train(was_training)

    def _decode(
        self,
        model: torch.nn.Module,
        cache: Any,
        logits: torch.Tensor,
        attn: torch.Tensor,
        last_pos: torch.Tensor,
        params: SamplingParams,
        gen: torch.Generator,
        device: torch.device,
    ) -> tuple[list[list[int]], list[list[float]], list[bool]]:
        """Sample up to ``max_new_tokens`` per row. Finished rows leave the batch (their KV cache is
        dropped) once a quarter of the live batch has finished, so late steps only pay for live rows."""
        rows, width = logits.shape[0], params.max_new_tokens
        eos = torch.tensor(self.eos_ids, device=device)
        stops = StopMatcher(self.tokenizer, params.stop)
        out_tok = torch.full((rows, width), self.pad_id, dtype=torch.long, device=device)
        out_lp = torch.zeros((rows, width), dtype=torch.float32, device=device)
        lengths = torch.zeros(rows, dtype=torch.long, device=device)
        truncated = torch.ones(rows, dtype=torch.bool, device=device)
        generated: list[list[int]] = [[] for _ in range(rows)]
        batch_rows = torch.arange(rows, device=device)  # original row of each batch position
        alive = torch.ones(rows, dtype=torch.bool, device=device)  # per batch position
        attn = attn.long()
        for step in range(width):
            scores = process_logits(logits, params.temperature, params.top_p)
            logp_all = scores.log_softmax(-1)
            if params.temperature > 0:
                nxt = sample_categorical(logp_all, gen)
            else:
                nxt = scores.argmax(-1)
            lp = logp_all.gather(-1, nxt[:, None]).squeeze(-1)
            live = batch_rows[alive]
            out_tok[live, step] = nxt[alive]
            out_lp[live, step] = lp[alive].float()
            lengths[live] += 1
            finished = torch.isin(nxt, eos) & alive
            if stops:
                nxt_list = nxt.tolist()
                live_pos = alive.nonzero().flatten().tolist()
                for j in live_pos:
                    generated[int(batch_rows[j])].append(nxt_list[j])
                hits = set(stops.hits(generated, [int(batch_rows[j]) for j in live_pos]))
                for j in live_pos:
                    if int(batch_rows[j]) in hits:
                        finished[j] = True
            truncated[batch_rows[finished]] = False
            alive = alive & ~finished
            if step == width - 1 or not bool(alive.any()):
                break
            if int((~alive).sum()) * 4 >= alive.numel():  # compact: drop finished rows from the batch
                keep = alive.nonzero().flatten()
                cache.batch_select_indices(keep)
                attn, last_pos, nxt, batch_rows = attn[keep], last_pos[keep], nxt[keep], batch_rows[keep]
                alive = alive[keep]
            attn = torch.cat([attn, alive.long()[:, None]], dim=1)
            last_pos = last_pos + 1
            out = model(
                input_ids=nxt[:, None],
                attention_mask=attn,
                position_ids=last_pos[:, None],
                past_key_values=cache,
                use_cache=True,
            )
            cache = out.past_key_values
            logits = out.logits[:, -1, :]
        lens = lengths.cpu().tolist()
        tok, lpt = out_tok.cpu(), out_lp.cpu()
        return (
            [tok[r, : lens[r]].tolist() for r in range(rows)],
            [lpt[r, : lens[r]].tolist() for r in range(rows)],
            truncated.cpu().tolist(),
        )


def _concat(
    parts: list[tuple[list[list[int]], list[list[float]], list[bool]]],
    prompts: list[list[int]],
    n: int,
    pad_id: int,
    tokenizer: Any,
) -> RolloutBatch:
    seqs = [s for p in parts for s in p[0]]
    logps = [lp for p in parts for lp in p[1]]
    trunc = [t for p in parts for t in p[2]]
    return build_rollout_batch(prompts, seqs, logps, trunc, pad_id, tokenizer, n)


def build_rollout_batch(
    prompts: list[list[int]],
    completions: list[list[int]],
    logprobs: list[list[float]],
    truncated: list[bool],
    pad_id: int,
    tokenizer: Any,
    n: int,
    texts: list[str] | None = None,
) -> RolloutBatch:
    """Right-pad N = len(prompts)·n completions into a :class:`RolloutBatch` (masks from lengths);
    ``texts`` are decoded from the ids when not given."""
    rows = len(completions)
    if rows != len(prompts) * n:
        raise ValueError(f"{rows} completions for {len(prompts)} prompts x {n}")
    width = max((len(c) for c in completions), default=0)
    ids = torch.full((rows, width), pad_id, dtype=torch.long)
    mask = torch.zeros((rows, width), dtype=torch.bool)
    old = torch.zeros((rows, width), dtype=torch.float32)
    for r, (c, lp) in enumerate(zip(completions, logprobs)):
        ids[r, : len(c)] = torch.as_tensor(c, dtype=torch.long)
        mask[r, : len(c)] = True
        old[r, : len(lp)] = torch.as_tensor(lp, dtype=torch.float32)
    return RolloutBatch(
        prompt_ids=[list(p) for p in prompts],
        completion_ids=ids,
        completion_mask=mask,
        old_logprobs=old,
        truncated=torch.as_tensor(truncated, dtype=torch.bool),
        group_ids=torch.arange(len(prompts)).repeat_interleave(n),
        texts=texts if texts is not None else tokenizer.batch_decode(completions, skip_special_tokens=True),
    )


@register_backend("hf")
def _hf_backend(model: torch.nn.Module, tokenizer: Any, prompt_batch: int = 64, **_: Any) -> HFGenerator:
    return HFGenerator(model, tokenizer, prompt_batch=prompt_batch)
