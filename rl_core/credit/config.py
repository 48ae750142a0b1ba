"""The ``credit`` section: which credit method runs, each with its own settings (a discriminated variant on
``method``)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import model_validator

from rlvr.rl_core.config_base import FieldError, Float, Section, knob, registered, require, variants
from rlvr.rl_core.credit.base import CREDIT
from rlvr.rl_core.credit.mc_values import MC_SELECT
from rlvr.rl_core.credit.prm import PRM_COMBINE
from rlvr.rl_core.credit.redistribute import WEIGHTINGS
from rlvr.rl_core.credit.steps import SPLITTERS, StepSplitter


class NoCredit(Section):
    """The preset's sequence advantage on every token."""

    method: Literal["none"] = knob("none", "no token-level credit: the sequence advantage on every token (GRPO)")


class StepCredit(Section):
    """The step splitting shared by the methods that work on reasoning steps."""

    split: registered(SPLITTERS) = knob(
        "newline", "step splitter: newline | sentence | regex | tokens (VinePPO cuts at newlines)"
    )
    split_regex: str = knob("", "split=regex: a step ends where a match ends; a lookahead cuts before a marker")
    chunk_tokens: int = knob(16, "split=tokens: tokens per step", ge=1)
    max_steps: int = knob(
        8, "budget: at most this many steps per completion, consecutive steps merged (VinePPO; 0: no limit)", ge=0
    )

    @model_validator(mode="after")
    def _regex_compiles(self) -> Any:
        if self.split == "regex":
            require(bool(self.split_regex), "split_regex", "must be set when credit.split=regex")
            try:
                re.compile(self.split_regex)
            except re.error as e:
                raise FieldError("split_regex", f"is not a valid regular expression: {e}") from None
        return self

    def splitter(self) -> StepSplitter:
        """The step splitter these settings describe."""
        return StepSplitter(self.split, self.split_regex, self.chunk_tokens, self.max_steps)


class MCCredit(StepCredit):
    """Monte Carlo step values (VinePPO, Kazemnejad et al. 2024)."""

    method: Literal["mc"] = knob("mc", "VinePPO Monte Carlo step values (Kazemnejad et al. 2024)")
    k: int = knob(4, "continuations per step boundary (VinePPO's K)", ge=1)
    select: registered(MC_SELECT) = knob(
        "all",
        "which completions get values: all | varied (groups whose rewards differ) | failed (reward < 1); the "
        "others keep the preset's advantage (VinePPO budget)",
    )
    max_new_tokens: int = knob(0, "cap on a continuation's length (VinePPO budget; 0: the rollout's remaining)", ge=0)
    temperature: Float | None = knob(None, "temperature of the continuations (VinePPO; None: the rollout's)", ge=0)
    chunk: int = knob(0, "prefixes per generate call (VinePPO's batching; 0: all in one call)", ge=0)


class PRMCredit(StepCredit):
    """Step scores of a process reward model (Math-Shepherd, Wang et al. 2024)."""

    method: Literal["prm"] = knob("prm", "a process reward model trained on Math-Shepherd labels (Wang et al. 2024)")
    path: str = knob(..., "directory (or hub id) of a model saved by `rlvr prm train` (Math-Shepherd)", min_length=1)
    combine: registered(PRM_COMBINE) = knob(
        "weighted",
        "how step scores join the outcome: min (PURE min-form, Cheng et al. 2025) | sum (outcome plus process "
        "advantage, PRIME, Cui et al. 2025) | weighted ((1-w)*outcome + w*process)",
    )
    weight: Float = knob(0.5, "weight w of the process term in sum / weighted (PRIME, Cui et al. 2025)", ge=0)
    forward_batch_size: int = knob(16, "completions per forward pass of the PRM (Math-Shepherd scoring)", ge=1)

    @model_validator(mode="after")
    def _weighted_is_a_mix(self) -> PRMCredit:
        require(
            self.combine != "weighted" or self.weight <= 1,
            "weight",
            f"must lie in [0, 1] for combine=weighted, got {self.weight}",
        )
        return self


class RedistributeCredit(StepCredit):
    """The sequence advantage spread over tokens, A_t = A*n*w_t/sum(w) (after Chan et al. 2024)."""

    method: Literal["redistribute"] = knob(
        "redistribute", "the sequence advantage spread over tokens by weights (after Chan et al. 2024)"
    )
    weighting: registered(WEIGHTINGS) = knob(
        "uniform",
        "uniform (w_t = 1) | length (w_t = characters token t wrote) | attention (the policy's attention from the "
        "answer span, Chan et al. 2024, 'Dense Reward for Free')",
    )
    smoothing: Float = knob(
        0.0, "mix lambda of uniform weights, w <- (1-lambda)*w + lambda*uniform (Chan et al. 2024)", ge=0, le=1
    )
    attention_layers: int = knob(
        0, "weighting=attention: average over the last n layers (Chan et al. 2024; 0: all)", ge=0
    )
    forward_batch_size: int = knob(16, "weighting=attention: completions per forward pass of the policy", ge=1)


class PluginCredit(Section):
    """A credit method an installed package registered (entry point ``rlvr.credit``)."""

    method: registered(CREDIT) = knob(..., "name the plugin registered in CREDIT (entry point rlvr.credit)")
    options: dict[str, Any] = knob({}, "the plugin's own settings, passed to it as cfg.options")


#: ``credit``: token-level credit assignment, chosen by ``method``
CreditConfig = variants("method", NoCredit, MCCredit, PRMCredit, RedistributeCredit, plugin=PluginCredit)
