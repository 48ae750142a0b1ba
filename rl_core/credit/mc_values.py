"""Monte Carlo step values (VinePPO, Kazemnejad et al. 2024).

At the end of each reasoning step s_t of a completion, K continuations are sampled from the prefix with
the current policy and scored with the learner's verifier: V̂(s_t) = their mean score. Every value is a
value of the verifier *score* S (one definition throughout): V̂(s_0) is the mean score of the *other* G−1
completions of the group (G−1 Monte Carlo rollouts from the prompt that do not contain this completion,
so step 1's credit is not shrunk towards 0 by its own outcome), and V̂(s_L) is the completion's own score.
The step advantages

    δ_t = V̂(s_t) − V̂(s_{t−1}),   t = 1..L,     Σ_t δ_t = S − V̂(s_0)

decompose the score part of the sequence advantage over steps. Each token of step t receives
``scale·δ_t + shift`` (:func:`~rlvr.rl_core.credit.base.score_affine`): scale = the preset's α·(G−1)/G, so
the steps of a completion sum to the score part of its preset advantage, and shift = the rest of the
advantage — reward shaping (overlong penalty, KL-in-reward), which is a sequence-level term without step
values, goes to every token unchanged, as the preset broadcasts it. ``mc`` composes with grpo, dr_grpo,
rloo (scale 1: the plain value gains) and reinforce_pp alike.

All continuations of all completions are sampled in as few ``generate`` calls as the chunking allows
(prefixes sorted by remaining token budget, so a call never samples past any prefix's budget by much and
each continuation is trimmed to its own budget).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import torch

from rlvr.registry import Registry
from rlvr.rl_core.credit.base import CREDIT, CreditInputs, broadcast, score_affine, spread_steps
from rlvr.rl_core.credit.steps import Steps
from rlvr.rl_core.types import Generator, SamplingParams
from rlvr.tasks.base import Example

if TYPE_CHECKING:
    from rlvr.rl_core.credit.config import MCCredit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prefix:
    """A state to value: a prompt, the completion so far, and the continuation budget (tokens)."""

    prompt_ids: list[int]
    completion_ids: list[int]
    budget: int
    example: Example


@dataclass
class MCStats:
    """Cost of one Monte Carlo estimation."""

    prefixes: int = 0
    continuations: int = 0
    tokens: int = 0
    calls: int = 0
    seconds: float = 0.0

    def as_metrics(self, prefix: str = "credit/mc_") -> dict[str, float]:
        return {f"{prefix}{k}": float(v) for k, v in vars(self).items()}


def mc_values(
    prefixes: list[Prefix],
    *,
    generator: Generator,
    tokenizer: Any,
    k: int,
    sampling: SamplingParams,
    score: Callable[[list[str], list[Example]], torch.Tensor],
    chunk: int = 0,
    temperature: float | None = None,
) -> tuple[torch.Tensor, torch.Tensor, MCStats]:
    """Monte Carlo values of ``prefixes``: (P,) mean reward of ``k`` continuations each, the (P, k) rewards,
    and the cost.

    ``chunk``: prefixes per ``generate`` call (0 = all in one call). ``temperature``: sampling temperature
    of the continuations (None = the rollout's). A continuation is the completion prefix followed by at most
    ``budget`` sampled tokens; the scorer sees the decoded whole (special tokens removed).
    """
    stats = MCStats(prefixes=len(prefixes))
    rewards = torch.zeros((len(prefixes), k), dtype=torch.float32)
    if not prefixes:
        return rewards.mean(1), rewards, stats
    t0 = time.perf_counter()
    order = sorted(range(len(prefixes)), key=lambda p: -prefixes[p].budget)
    size = chunk if chunk > 0 else len(order)
    texts: list[str] = []
    owners: list[int] = []
    for c, lo in enumerate(range(0, len(order), size)):
        part = order[lo : lo + size]
        params = replace(
            sampling,
            max_new_tokens=max(1, max(prefixes[p].budget for p in part)),
            temperature=sampling.temperature if temperature is None else temperature,
            seed=None if sampling.seed is None else sampling.seed + 1_000_003 * (c + 1),
        )
        batch = generator.generate([prefixes[p].prompt_ids + prefixes[p].completion_ids for p in part], k, params)
        stats.calls += 1
        if len(batch) != len(part) * k:
            raise RuntimeError(f"generator returned {len(batch)} continuations for {len(part)} prefixes x {k}")
        lengths = batch.completion_mask.sum(1).tolist()
        seqs = []
        for row in range(len(batch)):
            pre = prefixes[part[row // k]]
            cont = batch.completion_ids[row, : min(int(lengths[row]), max(pre.budget, 0))].tolist()
            stats.tokens += len(cont)
            seqs.append(pre.completion_ids + cont)
            owners.append(part[row // k])
        texts.extend(tokenizer.batch_decode(seqs, skip_special_tokens=True))
    stats.continuations = len(texts)
    scores = score(texts, [prefixes[p].example for p in owners])
    fill = torch.zeros(len(prefixes), dtype=torch.long)
    for s, p in zip(scores.tolist(), owners):
        rewards[p, fill[p]] = s
        fill[p] += 1
    stats.seconds = time.perf_counter() - t0
    return rewards.mean(1), rewards, stats


def boundary_prefixes(
    inputs: CreditInputs, rows: list[int], steps: list[Steps], budget_cap: int = 0
) -> tuple[list[Prefix], list[list[int]]]:
    """The prefixes ending at each inner step boundary of completions ``rows`` (steps[j] of rows[j]) and,
    per row, the indices of its prefixes in the returned list (L−1 for L steps)."""
    roll = inputs.rollout
    prefixes: list[Prefix] = []
    index: list[list[int]] = []
    for i, st in zip(rows, steps):
        ids = roll.completion_ids[i][roll.completion_mask[i]].tolist()
        prompt = roll.prompt_ids[int(roll.group_ids[i])]
        mine = []
        for _, end in st.tokens[:-1]:
            budget = inputs.sampling.max_new_tokens - end
            if budget_cap > 0:
                budget = min(budget, budget_cap)
            mine.append(len(prefixes))
            prefixes.append(Prefix(list(prompt), ids[:end], max(budget, 1), inputs.examples[i]))
        index.append(mine)
    return prefixes, index


#: which completions get Monte Carlo values: inputs -> (N,) bool; the others keep the broadcast advantage
MC_SELECT: Registry[Callable[[CreditInputs], torch.Tensor]] = Registry("mc completion selection")


@MC_SELECT.register("all")
def _select_all(inputs: CreditInputs) -> torch.Tensor:
    return torch.ones(len(inputs.rollout), dtype=torch.bool)


@MC_SELECT.register("varied")
def _select_varied(inputs: CreditInputs) -> torch.Tensor:
    """Completions in groups whose rewards vary (where the preset's advantage is not identically 0)."""
    g = inputs.rollout.group_ids.cpu()
    r = inputs.rewards.detach().float().cpu()
    _, inv = torch.unique(g, return_inverse=True)
    hi = torch.full((int(inv.max()) + 1,), -torch.inf).scatter_reduce(0, inv, r, "amax")
    lo = torch.full((int(inv.max()) + 1,), torch.inf).scatter_reduce(0, inv, r, "amin")
    return (hi - lo)[inv] > 1e-6


@MC_SELECT.register("failed")
def _select_failed(inputs: CreditInputs) -> torch.Tensor:
    """Completions below full score (1.0, before shaping): find the step where each went wrong."""
    return inputs.unshaped_scores.detach().float().cpu() < 1.0 - 1e-6


def step_deltas(values: list[float], baseline: float, final: float) -> list[float]:
    """δ_t = V(s_t) − V(s_{t−1}) for t = 1..L given the L−1 inner values, V(s_0) and V(s_L)."""
    v = [baseline, *values, final]
    return [b - a for a, b in zip(v[:-1], v[1:])]


@CREDIT.register("mc")
def mc_credit(inputs: CreditInputs, cfg: MCCredit) -> torch.Tensor:
    """VinePPO token advantages (N, T): scale·δ_t + shift on the tokens of step t, 0 on padding."""
    roll = inputs.rollout
    mask = roll.completion_mask
    out = broadcast(inputs.advantages, mask).cpu()
    rows = MC_SELECT[cfg.select](inputs).nonzero().flatten().tolist()
    splitter = cfg.splitter()
    steps = [splitter(roll.completion_ids[i][mask[i]].tolist(), inputs.tokenizer) for i in rows]
    keep = [j for j, st in enumerate(steps) if len(st) > 0]
    rows, steps = [rows[j] for j in keep], [steps[j] for j in keep]
    prefixes, index = boundary_prefixes(inputs, rows, steps, cfg.max_new_tokens)
    values, _, stats = mc_values(
        prefixes,
        generator=inputs.generator,
        tokenizer=inputs.tokenizer,
        k=cfg.k,
        sampling=inputs.sampling,
        score=inputs.score,
        chunk=cfg.chunk,
        temperature=cfg.temperature,
    )
    scores = inputs.unshaped_scores
    aff = score_affine(scores, inputs.rewards, inputs.advantages, roll.group_ids)
    step_adv = []
    for i, idx in zip(rows, index):
        deltas = step_deltas(values[idx].tolist(), float(aff.baseline[i]), float(scores[i]))
        step_adv.append([float(aff.scale[i]) * d + float(aff.shift[i]) for d in deltas])
    if rows:
        out[rows] = spread_steps(step_adv, [st.tokens for st in steps], (len(rows), out.shape[1]))
    inputs.metrics.update(stats.as_metrics())
    inputs.metrics["credit/mc_completions"] = float(len(rows))
    inputs.metrics["credit/mc_steps_mean"] = float(sum(map(len, steps)) / max(len(steps), 1))
    return (out * mask.float().cpu()).to(mask.device)
