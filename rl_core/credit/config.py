"""CreditConfig: which credit method runs and its knobs (embedded as ``credit`` in the run config)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from rlvr.rl_core.credit.steps import SPLITTERS, StepSplitter


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass
class CreditConfig:
    """Token-level credit assignment. Every field's help names its source; values are checked on creation."""

    method: str = field(
        default="none",
        metadata=_help(
            "none | mc | prm | redistribute. none: the preset's sequence advantage on every token; mc: VinePPO "
            "Monte Carlo step values (Kazemnejad et al. 2024); prm: a process reward model trained on "
            "Math-Shepherd labels (Wang et al. 2024); redistribute: the preset's sequence advantage spread over "
            "tokens, A_t = A·n·w_t/Σw, used as each token's advantage (no return-to-go; after Chan et al. 2024)."
        ),
    )
    split: str = field(
        default="newline",
        metadata=_help("step splitter: newline | sentence | regex | tokens (VinePPO cuts at newlines)."),
    )
    split_regex: str = field(
        default="", metadata=_help("split='regex': a step ends where a match ends; a lookahead cuts before a marker.")
    )
    chunk_tokens: int = field(default=16, metadata=_help("split='tokens': tokens per step."))
    max_steps: int = field(
        default=8,
        metadata=_help(
            "budget: at most this many steps per completion, consecutive steps merged (VinePPO budget; 0 = no limit)."
        ),
    )
    k: int = field(
        default=4, metadata=_help("mc / prm labels: continuations per step boundary (VinePPO K; Math-Shepherd N).")
    )
    mc_select: str = field(
        default="all",
        metadata=_help(
            "mc budget: which completions get values: all | varied (groups whose rewards differ) | failed "
            "(reward < 1); the others keep the preset's advantage."
        ),
    )
    mc_max_new_tokens: int = field(
        default=0,
        metadata=_help("mc budget: cap on a continuation's length (0 = the rollout's remaining budget; VinePPO)."),
    )
    mc_temperature: float | None = field(
        default=None, metadata=_help("mc: temperature of the continuations (None = the rollout's; VinePPO uses 1.0).")
    )
    mc_chunk: int = field(default=0, metadata=_help("mc: prefixes per generate call (0 = all in one call)."))
    prm_path: str = field(
        default="", metadata=_help("prm: directory of a model saved by `rlvr prm train` (Math-Shepherd).")
    )
    prm_combine: str = field(
        default="weighted",
        metadata=_help(
            "prm: how step scores join the outcome: min (PURE min-form, Cheng et al. 2025) | sum (outcome plus "
            "process advantage, PRIME, Cui et al. 2025) | weighted ((1−w)·outcome + w·process)."
        ),
    )
    prm_weight: float = field(default=0.5, metadata=_help("prm: weight w of the process term in sum / weighted."))
    forward_batch_size: int = field(
        default=16,
        metadata=_help("prm / redistribute=attention: completions per forward pass of the PRM or the policy."),
    )
    redistribute_weighting: str = field(
        default="uniform",
        metadata=_help(
            "redistribute: uniform (w_t = 1) | length (w_t = characters token t wrote) | attention (the "
            "policy's attention from the answer span, after Chan et al. 2024, 'Dense Reward for Free')."
        ),
    )
    redistribute_smoothing: float = field(
        default=0.0,
        metadata=_help("redistribute: mix λ of uniform weights, w ← (1−λ)·w + λ·uniform (Chan et al. 2024)."),
    )
    attention_layers: int = field(
        default=0, metadata=_help("redistribute=attention: average over the last n layers (0 = all layers).")
    )

    def __post_init__(self) -> None:
        from rlvr.rl_core.credit import prm, redistribute  # noqa: F401  (registries)
        from rlvr.rl_core.credit.base import CREDIT
        from rlvr.rl_core.credit.mc_values import MC_SELECT

        CREDIT.check(self.method, "credit.method")
        SPLITTERS.check(self.split, "credit.split")
        MC_SELECT.check(self.mc_select, "credit.mc_select")
        prm.PRM_COMBINE.check(self.prm_combine, "credit.prm_combine")
        redistribute.WEIGHTINGS.check(self.redistribute_weighting, "credit.redistribute_weighting")
        for name in ("k", "chunk_tokens", "forward_batch_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"credit.{name} must be >= 1, got {getattr(self, name)}")
        for name in ("max_steps", "mc_max_new_tokens", "mc_chunk", "attention_layers"):
            if getattr(self, name) < 0:
                raise ValueError(f"credit.{name} must be >= 0, got {getattr(self, name)}")
        if self.mc_temperature is not None and self.mc_temperature < 0:
            raise ValueError(f"credit.mc_temperature must be >= 0 or None, got {self.mc_temperature}")
        if not 0.0 <= self.redistribute_smoothing <= 1.0:
            raise ValueError(f"credit.redistribute_smoothing must lie in [0, 1], got {self.redistribute_smoothing}")
        if self.prm_weight < 0:
            raise ValueError(f"credit.prm_weight must be >= 0, got {self.prm_weight}")
        if self.prm_combine == "weighted" and self.prm_weight > 1:
            raise ValueError(f"credit.prm_weight must lie in [0, 1] for prm_combine='weighted', got {self.prm_weight}")
        if self.split == "regex":
            if not self.split_regex:
                raise ValueError("credit.split_regex must be set when credit.split='regex'")
            try:
                re.compile(self.split_regex)
            except re.error as e:
                raise ValueError(f"credit.split_regex is not a valid regular expression: {e}") from None
        if self.method == "prm" and not self.prm_path:
            raise ValueError("credit.prm_path must name a trained PRM directory when credit.method='prm'")

    def splitter(self) -> StepSplitter:
        """The step splitter these settings describe."""
        return StepSplitter(self.split, self.split_regex, self.chunk_tokens, self.max_steps)

    @classmethod
    def help(cls) -> dict[str, str]:
        """Field name -> help string."""
        return {f.name: f.metadata.get("help", "") for f in fields(cls)}
