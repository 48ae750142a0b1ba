"""The transformers rollout backend (``hf``): sample G completions per prompt, with the sampling log-probabilities.

The transformers backend (:class:`HFGenerator`) runs its own decoding loop over a KV cache instead of
``model.generate``: each prompt is prefilled once and its cache is shared by its G samples (repeated along
the batch axis after the prefill), logprobs come from the same temperature / top-p processed distribution
that the token was drawn from, and finished rows stop counting at their EOS or stop string. Masks come
from the generated positions, never from pad ids, so a model whose pad token is its EOS (SmolLM2) keeps
EOS in the loss.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch

from rlvr.rl_core.forward import prefill
from rlvr.rl_core.rollout.base import register_backend
from rlvr.rl_core.rollout.batch import _concat, pad_token_id
from rlvr.rl_core.types import RolloutBatch, SamplingParams


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
        self.pad_id = pad_token_id(tokenizer)
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


@register_backend("hf")
def _hf_backend(model: torch.nn.Module, tokenizer: Any, prompt_batch: int = 64, **_: Any) -> HFGenerator:
    return HFGenerator(model, tokenizer, prompt_batch=prompt_batch)
