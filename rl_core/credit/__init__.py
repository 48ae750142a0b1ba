"""Token-level credit assignment: Monte Carlo step values (VinePPO), a process reward model
(Math-Shepherd) and reward redistribution, behind one interface.

The learner builds :class:`CreditInputs` after computing sequence advantages and calls
``get_credit(cfg.method)(inputs, cfg)`` for (N, T) token advantages, 0 on padding.
"""

from rlvr.rl_core.credit import mc_values, prm, redistribute  # noqa: F401  (register the methods)
from rlvr.rl_core.credit.base import CREDIT, CreditFn, CreditInputs, get_credit, preset_affine, score_affine
from rlvr.rl_core.credit.config import CreditConfig
from rlvr.rl_core.credit.steps import Steps, StepSplitter

__all__ = [
    "CREDIT",
    "CreditConfig",
    "CreditFn",
    "CreditInputs",
    "StepSplitter",
    "Steps",
    "get_credit",
    "preset_affine",
    "score_affine",
]
