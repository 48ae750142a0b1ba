"""SFT mixing: a weighted next-token NLL on supervised (prompt, completion) pairs added to each RL update
(``sft.*``), so the policy keeps a format or skill the rewards alone do not hold.

:func:`make_sft` chooses at build time: an :class:`SFTMix` when ``sft.data`` is set, else :class:`NoSFT`,
whose backward adds nothing; the update stage calls either the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import torch

from rlvr.rl_core.config import RunConfig
from rlvr.rl_core.forward import pack, token_logprobs
from rlvr.tasks.base import Example, Task
from rlvr.tasks.dataset import encode_prompt


class AuxLoss(NamedTuple):
    """What an auxiliary backward added: its loss value (for the non-finite check) and its metrics."""

    value: float
    metrics: dict[str, float]


class AuxiliaryLoss(Protocol):
    """A loss added to every RL update; ``pos`` is its data position (checkpointed)."""

    pos: int

    def backward(
        self, model: torch.nn.Module, autocast: Callable[[], AbstractContextManager[Any]], device: torch.device
    ) -> AuxLoss: ...

    def advance(self) -> None: ...


def load_sft_pairs(cfg: RunConfig, task: Task, tokenizer: Any) -> list[tuple[list[int], list[int]]]:
    """(prompt ids, completion ids + EOS) pairs of the SFT JSONL, prompts rendered by the task's template."""
    s = cfg.sft
    pairs = []
    for n, line in enumerate(Path(s.data).read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            prompt, completion = str(row[s.prompt_field]), str(row[s.completion_field])
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise ValueError(
                f"sft.data {s.data}:{n}: needs JSON with fields {s.prompt_field!r} and {s.completion_field!r} ({e})"
            ) from None
        ex = Example(id=f"sft-{n}", prompt=prompt, reference=None)
        comp = list(tokenizer(completion, add_special_tokens=False)["input_ids"]) + [tokenizer.eos_token_id]
        pairs.append((encode_prompt(task, ex, tokenizer), comp))
    if not pairs:
        raise ValueError(f"sft.data {s.data}: no rows")
    return pairs


class SFTMix:
    """``weight`` x mean NLL of ``batch_size`` pairs per update, cycling through ``pairs`` from ``pos``."""

    def __init__(self, pairs: list[tuple[list[int], list[int]]], batch_size: int, weight: float, pad_id: int) -> None:
        self.pairs, self.batch_size, self.weight, self.pad_id = pairs, batch_size, weight, pad_id
        self.pos = 0

    def backward(
        self, model: torch.nn.Module, autocast: Callable[[], AbstractContextManager[Any]], device: torch.device
    ) -> AuxLoss:
        """Backward of ``weight`` x mean NLL over this step's batch (the completion tokens, EOS included)."""
        n = len(self.pairs)
        pairs = [self.pairs[(self.pos + i) % n] for i in range(self.batch_size)]
        comp = [c for _, c in pairs]
        width = max(len(c) for c in comp)
        ids = torch.full((len(comp), width), self.pad_id, dtype=torch.long)
        cmask = torch.zeros((len(comp), width), dtype=torch.bool)
        for i, c in enumerate(comp):
            ids[i, : len(c)], cmask[i, : len(c)] = torch.tensor(c), True
        p = pack([pr for pr, _ in pairs], range(len(pairs)), ids, cmask, self.pad_id).to(device)
        with autocast():
            lp, _ = token_logprobs(model, p, 1.0, False)
        cm = cmask[:, : lp.shape[1]].to(device)
        nll = -(lp * cm).sum() / cm.sum()
        (self.weight * nll).backward()
        value = float(nll.detach())
        return AuxLoss(value, {"sft/nll": value})

    def advance(self) -> None:
        """Move to the next step's batch (after an applied update)."""
        self.pos += self.batch_size


class NoSFT:
    """No SFT data: adds nothing."""

    pos = 0

    def backward(
        self, model: torch.nn.Module, autocast: Callable[[], AbstractContextManager[Any]], device: torch.device
    ) -> AuxLoss:
        return AuxLoss(0.0, {})

    def advance(self) -> None:
        pass


def make_sft(cfg: RunConfig, task: Task, tokenizer: Any, pad_id: int) -> AuxiliaryLoss:
    """The SFT mixing of ``cfg.sft``: :class:`SFTMix` with ``sft.data``, else :class:`NoSFT`."""
    if not cfg.sft.data:
        return NoSFT()
    return SFTMix(load_sft_pairs(cfg, task, tokenizer), cfg.sft.batch_size, cfg.sft.weight, pad_id)
