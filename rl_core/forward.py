"""The learner's forward: per-token log-probabilities (and entropies) of completions under a model, with
each distinct prompt — and a prefix common to all prompts — run once and its KV cache shared.

:func:`prefill` is also the sampler's first step (:mod:`rlvr.rl_core.rollout.hf`), so generation and the
learner see the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch

from rlvr.rl_core.types import RolloutBatch


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


@dataclass
class PackedBatch:
    """R completion rows answering U distinct prompts, packed for the forward pass.

    prompt_ids, prompt_mask: (U, P) left-padded prompts. row_prompt: (R,) long, the prompt of each row.
    completion_ids, completion_mask: (R, T) right-padded completions (T trimmed to the longest).
    """

    prompt_ids: torch.Tensor
    prompt_mask: torch.Tensor
    row_prompt: torch.Tensor
    completion_ids: torch.Tensor
    completion_mask: torch.Tensor

    def to(self, device: torch.device) -> PackedBatch:
        return PackedBatch(
            *(
                t.to(device)
                for t in (self.prompt_ids, self.prompt_mask, self.row_prompt, self.completion_ids, self.completion_mask)
            )
        )


def pack(
    prompts: Sequence[Sequence[int]],
    row_prompt: Sequence[int],
    completion_ids: torch.Tensor,
    completion_mask: torch.Tensor,
    pad_id: int,
) -> PackedBatch:
    """Pack U distinct ``prompts`` with R completions (row r answers ``prompts[row_prompt[r]]``)."""
    width = int(completion_mask.sum(1).max()) if completion_mask.numel() else 0
    p_ids, p_mask = left_pad(prompts, pad_id)
    return PackedBatch(
        p_ids,
        p_mask,
        torch.as_tensor(list(row_prompt), dtype=torch.long),
        completion_ids[:, :width],
        completion_mask[:, :width],
    )


def micro_batches(batch: RolloutBatch, size: int, pad_id: int) -> list[tuple[list[int], PackedBatch]]:
    """Consecutive rows of ``batch`` cut into micro-batches of ``size`` rows, each with its row indices; each
    packs its distinct prompts once (completions of one prompt are contiguous, so a group's prompt is computed
    once per micro-batch)."""
    gid = batch.group_ids.tolist()
    out = []
    for k in range(0, len(gid), size):
        idx = list(range(k, min(k + size, len(gid))))
        groups = sorted({gid[i] for i in idx})
        local = {g: j for j, g in enumerate(groups)}
        p = pack(
            [batch.prompt_ids[g] for g in groups],
            [local[gid[i]] for i in idx],
            batch.completion_ids[idx],
            batch.completion_mask[idx],
            pad_id,
        )
        out.append((idx, p))
    return out


def _logits_concatenated(model: torch.nn.Module, b: PackedBatch) -> torch.Tensor:
    """(R, T, V) next-token logits of every completion position: each row runs its own prompt."""
    t = b.completion_ids.shape[1]
    mask = torch.cat([b.prompt_mask[b.row_prompt], b.completion_mask], 1).long()
    pos = (mask.cumsum(-1) - 1).clamp_min(0)
    ids = torch.cat([b.prompt_ids[b.row_prompt], b.completion_ids], 1)
    out = model(input_ids=ids, attention_mask=mask, position_ids=pos, use_cache=False, logits_to_keep=t + 1)
    return out.logits[:, :t, :]


def _logits_shared_prefix(model: torch.nn.Module, b: PackedBatch) -> torch.Tensor:
    """(R, T, V) next-token logits with each distinct prompt run once (and a prefix common to all prompts,
    such as a chat template's system prompt, once in all): the prompts' KV cache, with its autograd graph,
    is gathered to the rows, which then run only their completion tokens."""
    t = b.completion_ids.shape[1]
    prompts = [row[m].tolist() for row, m in zip(b.prompt_ids, b.prompt_mask.bool())]
    cache, last_logits, pmask, last_pos = prefill(model, prompts, 0, b.prompt_ids.device)
    first = last_logits[b.row_prompt]  # predicts completion token 0
    if t == 1:
        return first[:, None, :]
    cache.batch_select_indices(b.row_prompt)
    mask = torch.cat([pmask[b.row_prompt], b.completion_mask[:, :-1].long()], 1)
    pos = last_pos[b.row_prompt][:, None] + 1 + torch.arange(t - 1, device=pmask.device)
    rest = model(
        input_ids=b.completion_ids[:, :-1], attention_mask=mask, position_ids=pos, past_key_values=cache, use_cache=True
    ).logits
    return torch.cat([first[:, None, :], rest], 1)


def token_logprobs(
    model: torch.nn.Module,
    batch: PackedBatch,
    temperature: float,
    with_entropy: bool,
    entropy_grad: bool = False,
    share_prefix: bool = True,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """(R, T) log-probabilities of the completion tokens under ``model`` at ``temperature``, and the
    (R, T) entropy (nats) of each next-token distribution when ``with_entropy`` (differentiable only with
    ``entropy_grad``; otherwise computed without building a graph).

    ``share_prefix``: run each distinct prompt once and share its KV cache (and gradient) among its rows
    (G-fold less prompt compute for a GRPO group); otherwise every row runs prompt + completion (needed
    with gradient checkpointing, which disables the cache). Both give the same numbers.
    """
    shared = share_prefix and batch.prompt_ids.shape[0] < batch.completion_ids.shape[0]
    logits = (_logits_shared_prefix if shared else _logits_concatenated)(model, batch).float()
    if temperature != 1.0:
        logits = logits / temperature
    lse = logits.logsumexp(-1)
    logp = logits.gather(-1, batch.completion_ids.unsqueeze(-1)).squeeze(-1) - lse
    entropy = None
    if with_entropy:
        with torch.set_grad_enabled(entropy_grad and torch.is_grad_enabled()):
            z = logits if entropy_grad else logits.detach()
            entropy = z.logsumexp(-1) - (z.softmax(-1) * z).sum(-1)
    return logp, entropy


_DROPOUT = (
    torch.nn.Dropout,
    torch.nn.Dropout1d,
    torch.nn.Dropout2d,
    torch.nn.Dropout3d,
    torch.nn.AlphaDropout,
    torch.nn.FeatureAlphaDropout,
)


def has_dropout(model: torch.nn.Module) -> bool:
    """Whether a train-mode forward of ``model`` is stochastic: a dropout module with p > 0 (LoRA's
    adapter dropout among them) or a positive ``*dropout`` / ``*pdrop`` rate in its config (functional
    attention dropout, as in Llama)."""
    if any(isinstance(m, _DROPOUT) and m.p > 0 for m in model.modules()):
        return True
    config = getattr(model, "config", None)
    rates = config.to_dict() if hasattr(config, "to_dict") else {}
    return any(
        ("dropout" in k or "pdrop" in k) and isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0
        for k, v in rates.items()
    )
