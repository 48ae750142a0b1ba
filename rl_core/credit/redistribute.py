"""Redistribution: spread a completion's sequence *advantage* (not its reward) over its tokens by weights.

Token t of completion i receives the token advantage ``A_i · n_i · w_t / Σ_s w_s`` (A_i the preset's
advantage, n_i its real tokens), used directly as that token's advantage in the loss: there is no
return-to-go (token t does not collect the shares of the tokens after it) and no value baseline per token.
The token mean of the advantages stays A_i, so uniform weights reproduce the broadcast advantage exactly
and other weightings move credit between tokens without changing its total. (Chan et al. 2024 redistribute
the *reward* into dense per-token rewards and train PPO on their returns; here the group baseline of the
preset has already turned the reward into an advantage, and that advantage is what is spread.)

Weightings: ``uniform`` (w_t = 1), ``length`` (w_t = the characters token t wrote, at least 1, so a token
that writes more text carries more credit — it differs from uniform for BPE tokenizers), ``attention``
(w_t = the policy's attention from the answer span's tokens onto token t, averaged over heads and the
chosen layers, after Chan et al. 2024 "Dense Reward for Free in RLHF", who use the reward model's
attention). The answer span is where the verifier's extracted answer last occurs in the completion, else
the last step; the answer's own tokens and those after it get the mean weight of the tokens before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import torch

from rlvr.registry import Registry
from rlvr.rl_core.credit.base import CREDIT, ZERO_PRESERVING, CreditInputs
from rlvr.rl_core.credit.steps import token_char_spans
from rlvr.rl_core.rollout.batch import pad_token_id

if TYPE_CHECKING:
    from rlvr.rl_core.credit.config import RedistributeCredit

#: token weightings: (inputs, cfg) -> (N, T) non-negative weights (only masked entries are used)
WEIGHTINGS: Registry[Callable[[CreditInputs, RedistributeCredit], torch.Tensor]] = Registry("redistribution weighting")


def redistribute(
    total: torch.Tensor, weights: torch.Tensor, mask: torch.Tensor, smoothing: float = 0.0
) -> torch.Tensor:
    """r (N, T) = total_i · ŵ_t with ŵ = (1−λ)·w/Σw + λ/n over the mask; rows whose weights sum to 0 use
    uniform weights. Σ_t r_t = total_i for every row with a real token."""
    m = mask.to(torch.float32)
    w = weights.to(torch.float32).clamp_min(0) * m
    n = m.sum(1, keepdim=True)
    s = w.sum(1, keepdim=True)
    uniform = m / n.clamp_min(1)
    norm = torch.where(s > 0, w / s.clamp_min(1e-30), uniform)
    norm = (1.0 - smoothing) * norm + smoothing * uniform
    return total.to(torch.float32)[:, None] * norm


@CREDIT.register("redistribute")
def redistribute_credit(inputs: CreditInputs, cfg: RedistributeCredit) -> torch.Tensor:
    """Token advantages (N, T): A_i·n_i·ŵ_t, the preset's advantage redistributed with the token mean kept."""
    mask = inputs.rollout.completion_mask
    weights = WEIGHTINGS[cfg.weighting](inputs, cfg).to(mask.device)
    n = mask.sum(1).to(torch.float32)
    return redistribute(inputs.advantages.float() * n, weights, mask, cfg.smoothing)


ZERO_PRESERVING.add("redistribute")  # A_i = 0 gives 0 on every token whatever the weights


@WEIGHTINGS.register("uniform")
def uniform_weights(inputs: CreditInputs, cfg: RedistributeCredit) -> torch.Tensor:
    return inputs.rollout.completion_mask.to(torch.float32)


@WEIGHTINGS.register("length")
def length_weights(inputs: CreditInputs, cfg: RedistributeCredit) -> torch.Tensor:
    """w_t = max(1, characters written by token t)."""
    roll = inputs.rollout
    w = torch.zeros(roll.completion_ids.shape, dtype=torch.float32)
    for i in range(len(roll)):
        ids = roll.completion_ids[i][roll.completion_mask[i]].tolist()
        _, spans = token_char_spans(ids, inputs.tokenizer)
        w[i, : len(ids)] = torch.tensor([max(1, e - s) for s, e in spans], dtype=torch.float32)
    return w


def answer_token_start(inputs: CreditInputs, cfg: RedistributeCredit, i: int, ids: list[int]) -> int:
    """Index of the first token of completion i's answer span (see module doc)."""
    text, spans = token_char_spans(ids, inputs.tokenizer)
    res = inputs.verify([text], [inputs.examples[i].reference])[0]
    at = text.rfind(res.extracted) if res.extracted else -1
    if at >= 0:
        return next((j for j, (_, e) in enumerate(spans) if e > at), len(ids))
    steps = cfg.splitter()(ids, inputs.tokenizer)
    return steps.tokens[-1][0] if len(steps) else 0


@contextmanager
def eager_attention(model: torch.nn.Module) -> Iterator[torch.nn.Module]:
    """The model in eval mode with eager attention (the only kind that returns weights), restored after."""
    base = model.get_base_model() if hasattr(model, "get_base_model") else model
    before = getattr(base.config, "_attn_implementation", None)
    was_training = model.training
    model.eval()
    if before != "eager":
        base.set_attn_implementation("eager")
    try:
        yield model
    finally:
        if before not in (None, "eager"):
            base.set_attn_implementation(before)
        model.train(was_training)


@WEIGHTINGS.register("attention")
@torch.no_grad()
def attention_weights(inputs: CreditInputs, cfg: RedistributeCredit) -> torch.Tensor:
    """w_t = attention mass from the answer span's tokens onto completion token t (pre-answer tokens)."""
    roll = inputs.rollout
    tok = inputs.tokenizer
    pad = pad_token_id(tok)
    w = torch.zeros(roll.completion_ids.shape, dtype=torch.float32)
    device = next(inputs.model.parameters()).device
    rows = list(range(len(roll)))
    with eager_attention(inputs.model) as model:
        for lo in range(0, len(rows), cfg.forward_batch_size):
            part = rows[lo : lo + cfg.forward_batch_size]
            comps = [roll.completion_ids[i][roll.completion_mask[i]].tolist() for i in part]
            prompts = [roll.prompt_ids[int(roll.group_ids[i])] for i in part]
            seqs = [p + c for p, c in zip(prompts, comps)]
            width = max(map(len, seqs))
            ids = torch.full((len(seqs), width), pad, dtype=torch.long)
            att = torch.zeros((len(seqs), width), dtype=torch.long)
            for r, s in enumerate(seqs):
                ids[r, width - len(s) :] = torch.tensor(s)
                att[r, width - len(s) :] = 1
            pos = (att.cumsum(-1) - 1).clamp_min(0)
            out = model(
                input_ids=ids.to(device),
                attention_mask=att.to(device),
                position_ids=pos.to(device),
                output_attentions=True,
            )
            layers = out.attentions[-cfg.attention_layers :] if cfg.attention_layers else out.attentions
            attn = torch.stack([a.float().mean(1) for a in layers]).mean(0).cpu()  # (B, S, S)
            for r, i in enumerate(part):
                n = len(comps[r])
                if n == 0:
                    continue
                off = width - n
                a0 = answer_token_start(inputs, cfg, i, comps[r])
                if a0 == 0:
                    w[i, :n] = 1.0
                    continue
                mass = attn[r, off + a0 : off + n, off : off + a0].sum(0)
                w[i, :a0] = mass
                w[i, a0:n] = mass.mean()
    return w
