"""Version and log-prob-gap checks, and the weights fingerprint."""

from __future__ import annotations

import pytest
import torch

from rlvr.rl_core.distributed.errors import LogprobGapError, StaleRolloutError
from rlvr.rl_core.distributed.versioning import NO_VERSION, _digest, check_logprob_gap, check_version, fingerprint


def test_on_policy_accepts_only_the_current_version() -> None:
    check_version(7, 7)
    with pytest.raises(StaleRolloutError, match="policy version 6 at learner version 7; needs the same version"):
        check_version(6, 7)
    with pytest.raises(StaleRolloutError, match="newer than the learner's 7"):
        check_version(8, 7)
    with pytest.raises(StaleRolloutError, match="before any weights were pushed"):
        check_version(NO_VERSION, 0)


def test_a_staleness_bound_accepts_exactly_that_many_versions_behind() -> None:
    for v in (5, 6, 7):
        check_version(v, 7, max_staleness=2)
    with pytest.raises(StaleRolloutError, match="at most 2 versions behind"):
        check_version(4, 7, max_staleness=2)
    with pytest.raises(ValueError):
        check_version(7, 7, max_staleness=-1)


def test_the_gap_check_raises_over_the_threshold_and_on_nan() -> None:
    check_logprob_gap(0.01, 0.5)
    check_logprob_gap(0.5, 0.5)
    check_logprob_gap(3.0, None)
    with pytest.raises(
        LogprobGapError, match=r"rollout/logprob_gap 0\.6 exceeds distributed.max_logprob_gap 0\.5 at policy version 3"
    ):
        check_logprob_gap(0.6, 0.5, 3)
    with pytest.raises(LogprobGapError):
        check_logprob_gap(float("nan"), 0.5)


def test_the_fingerprint_sees_every_byte_name_shape_and_dtype_but_not_dict_order() -> None:
    a = {"w": torch.arange(6.0).view(2, 3), "b": torch.ones(3, dtype=torch.bfloat16), "s": torch.tensor(2.0)}
    ref = fingerprint(a)
    assert fingerprint(dict(reversed(list(a.items())))) == ref
    assert fingerprint({k: v.clone() for k, v in a.items()}) == ref
    changed = dict(a, w=a["w"].clone())
    changed["w"][1, 2] = torch.nextafter(changed["w"][1, 2], torch.tensor(100.0))  # one ulp
    assert fingerprint(changed) != ref
    assert fingerprint(dict(a, w=a["w"].view(3, 2))) != ref
    assert fingerprint(dict(a, w=a["w"].double())) != ref
    assert fingerprint({("x" if k == "b" else k): v for k, v in a.items()}) != ref
    assert fingerprint({k: v.t() if v.dim() == 2 else v for k, v in a.items()}) != ref  # non-contiguous works


def test_large_tensors_are_digested_exactly_and_moved_words_count() -> None:
    big = torch.randn(300_000)  # 1.2 MB: over SMALL_BYTES, digested by integer sums
    ref = fingerprint({"w": big})
    assert fingerprint({"w": big.clone()}) == ref
    for i, j in [(3, 70_000), (3, 3 + 65_536), (0, 299_999)]:  # across rows, same column, ends
        moved = big.clone()
        moved[[i, j]] = moved[[j, i]]
        assert fingerprint({"w": moved}) != ref and _digest(moved)[0] == _digest(big)[0]
    bumped = big.clone()
    bumped[123_456] = torch.nextafter(bumped[123_456], torch.tensor(100.0))
    assert fingerprint({"w": bumped}) != ref
    assert _digest(torch.zeros(0)) == (0, 0)
    assert _digest(torch.tensor([True, False, True])) == (1 + (1 << 16), 1 + (1 << 16))  # bytes 01 00 01 (00)
