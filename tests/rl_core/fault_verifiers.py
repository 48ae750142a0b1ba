"""User verifiers that misbehave, registered the way users register theirs (a class + ``@register_verifier``).

Importable as ``fault_verifiers`` (this directory on sys.path / PYTHONPATH); ``reward.verifier=fault_verifiers:make``
loads one by ``module:factory`` (which imports this module, registering them all).
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

from rlvr.verifiers.base import Verifier, VerifyResult, register_verifier


def _digit_score(completion: str) -> float:
    head = completion[:4]
    return sum(c.isdigit() for c in head) / 4


@register_verifier("test_hangs_on_even")
class HangsOnEven(Verifier):
    """Never returns (in practice) on completions of even length; the toy digit score otherwise."""

    def __init__(self, sleep_s: float = 3600.0) -> None:
        self.sleep_s = sleep_s

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        if len(completion) % 2 == 0:
            time.sleep(self.sleep_s)
        s = _digit_score(completion)
        return VerifyResult(score=s, passed=False, details={"digits": s})


@register_verifier("test_slow")
class Slow(Verifier):
    """Takes ``sleep_s`` seconds per completion (a slow but honest verifier)."""

    def __init__(self, sleep_s: float = 2.0) -> None:
        self.sleep_s = sleep_s

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        time.sleep(self.sleep_s)
        return VerifyResult(score=_digit_score(completion), passed=False)


@register_verifier("test_out_of_range")
class OutOfRange(Verifier):
    """Builds a valid result, then sets its score to ``value`` (bypassing VerifyResult's own check)."""

    def __init__(self, value: float = 1.5) -> None:
        self.value = value

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        res = VerifyResult(score=0.5, passed=False)
        res.score = self.value
        return res


@register_verifier("test_unpicklable")
class Unpicklable(Verifier):
    """Holds a lock: it cannot be copied to a worker process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        with self.lock:
            return VerifyResult(score=_digit_score(completion), passed=False)


@register_verifier("test_pid")
class ReportsPid(Verifier):
    """Reports the process it ran in (``details["pid"]``)."""

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        return VerifyResult(score=_digit_score(completion), passed=False, details={"pid": float(os.getpid())})


@register_verifier("test_always_raises")
class AlwaysRaises(Verifier):
    """A broken verifier: every call raises."""

    def verify(self, completion: str, reference: Any) -> VerifyResult:
        raise RuntimeError("reference format not understood")


def make(kind: str = "test_hangs_on_even", **kwargs: Any) -> Verifier:
    """``module:factory`` entry for configs: ``reward.verifier=fault_verifiers:make``."""
    from rlvr.verifiers.base import get_verifier

    return get_verifier(kind, **kwargs)


@register_verifier("test_tensor_score")
class TensorScore(Verifier):
    """Scores with a 0-d torch tensor (``kind="torch"``), a numpy scalar (``"numpy"``) or a Fraction."""

    def __init__(self, kind: str = "torch") -> None:
        self.kind = kind

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        import fractions

        import numpy as np
        import torch

        s = _digit_score(completion)
        score = {"torch": torch.tensor(s), "numpy": np.float32(s), "fraction": fractions.Fraction(s)}[self.kind]
        return VerifyResult(score=score, passed=False)
