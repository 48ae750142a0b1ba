"""IsolatedVerifier: a user's verifier copied to killable worker processes."""

from __future__ import annotations

import glob
import os
import tempfile
from typing import Any

import pytest

from rlvr.verifiers.base import Verifier, VerifyResult
from rlvr.verifiers.isolated import MAX_INLINE_PAYLOAD, IsolatedVerifier


class Echo(Verifier):
    """Passes when the completion equals the reference; ``ballast`` makes its copy as large as asked."""

    name = "echo"

    def __init__(self, ballast: int = 0) -> None:
        self.ballast = "x" * ballast

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        passed = completion == reference
        return VerifyResult(float(passed), passed, "ok", completion)


def _payload_files() -> set[str]:
    return set(glob.glob(os.path.join(tempfile.gettempdir(), "rlvr-verifier-*.pkl")))


def test_a_small_verifier_travels_without_a_file() -> None:
    before = _payload_files()
    v = IsolatedVerifier(Echo(), timeout_s=10.0, workers=1)
    try:
        assert _payload_files() == before
        assert [r.passed for r in v.verify_batch(["a", "b"], ["a", "a"])] == [True, False]
    finally:
        v.close()


def test_a_large_verifier_travels_in_a_file_removed_with_it() -> None:
    before = _payload_files()
    v = IsolatedVerifier(Echo(ballast=2 * MAX_INLINE_PAYLOAD), timeout_s=10.0, workers=1)
    try:
        assert len(_payload_files() - before) == 1
        assert v.verify("a", "a").passed
    finally:
        v.close()
    del v
    assert _payload_files() - before == set()


@pytest.mark.parametrize(("kwargs", "field"), [({"timeout_s": 1e7}, "timeout_s"), ({"workers": 10_000}, "workers")])
def test_limits_beyond_what_the_machine_can_honour_are_refused(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ValueError, match=f"IsolatedVerifier.{field}"):
        IsolatedVerifier(Echo(), **kwargs)
