"""Which training prompts each step draws: a seeded shuffle of the example indices, epoch by epoch."""

from __future__ import annotations

import torch


class PromptSampler:
    """Seeded epoch-wise shuffling of example indices; its position is checkpointed."""

    def __init__(self, size: int, seed: int) -> None:
        if size < 1:
            raise ValueError("the task has no training examples")
        self.size, self.seed, self.epoch, self.pos = size, seed, 0, 0
        self._perm = self._permutation()

    def _permutation(self) -> list[int]:
        g = torch.Generator().manual_seed(self.seed * 1_000_003 + self.epoch)
        return torch.randperm(self.size, generator=g).tolist()

    def next(self, k: int) -> list[int]:
        """The next ``k`` indices (a new epoch's permutation starts when one is used up)."""
        out = []
        for _ in range(k):
            if self.pos == self.size:
                self.epoch, self.pos = self.epoch + 1, 0
                self._perm = self._permutation()
            out.append(self._perm[self.pos])
            self.pos += 1
        return out

    def state_dict(self) -> dict[str, int]:
        return {"epoch": self.epoch, "pos": self.pos}

    def load_state_dict(self, state: dict[str, int]) -> None:
        self.epoch, self.pos = state["epoch"], state["pos"]
        self._perm = self._permutation()
