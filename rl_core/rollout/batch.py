"""Batch building for rollouts: right-padded completions with masks from lengths, and the pad id every
backend and the learner use."""

from __future__ import annotations

from typing import Any

import torch

from rlvr.rl_core.types import RolloutBatch


def pad_token_id(tokenizer: Any) -> int:
    """The tokenizer's pad id, or its EOS id when it has none (padding is masked out everywhere)."""
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    if pad is None:
        raise ValueError("the tokenizer has neither a pad nor an EOS token")
    return int(pad)


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
