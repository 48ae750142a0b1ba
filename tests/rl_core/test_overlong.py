import pytest
import torch

from rlvr.rl_core.overlong import overlong_filter_mask, overlong_penalty


def test_boundaries_dapo_shape() -> None:
    # max_len 16, buffer 4: the soft zone is (12, 16]
    lengths = torch.tensor([0, 11, 12, 13, 14, 15, 16, 17, 100])
    got = overlong_penalty(lengths, max_len=16, buffer=4)
    assert got.tolist() == [0.0, 0.0, 0.0, -0.25, -0.5, -0.75, -1.0, -1.0, -1.0]
    assert got.dtype == torch.float32
    assert not torch.signbit(got[:3]).any()  # exactly +0.0, not -0.0


def test_penalty_scales_the_soft_zone() -> None:
    got = overlong_penalty(torch.tensor([12, 14, 16, 20]), max_len=16, buffer=4, penalty=0.5)
    assert got.tolist() == [0.0, -0.25, -0.5, -0.5]


def test_dapo_paper_setting() -> None:
    # DAPO: L_max = 20480, L_cache = 4096 (expected length 16384)
    got = overlong_penalty(torch.tensor([16384, 16385, 18432, 20480, 20481]), max_len=20480, buffer=4096)
    assert got.tolist() == [0.0, -1 / 4096, -0.5, -1.0, -1.0]


def test_continuous_and_monotone() -> None:
    lengths = torch.arange(0, 40)
    got = overlong_penalty(lengths, max_len=30, buffer=7, penalty=2.0)
    assert (got[1:] <= got[:-1]).all()
    assert (got.diff().abs() <= 2.0 / 7 + 1e-6).all()
    assert got.max() == 0.0 and got.min() == -2.0


def test_zero_buffer_is_a_hard_limit() -> None:
    assert overlong_penalty(torch.tensor([0, 8, 9]), max_len=8, buffer=0).tolist() == [0.0, 0.0, -1.0]


def test_buffer_equal_to_max_len() -> None:
    assert overlong_penalty(torch.tensor([0, 2, 4]), max_len=4, buffer=4).tolist() == [0.0, -0.5, -1.0]


def test_float_lengths_and_empty() -> None:
    assert overlong_penalty(torch.tensor([13.0]), max_len=16, buffer=4).tolist() == [-0.25]
    assert overlong_penalty(torch.zeros(0, dtype=torch.long), max_len=16, buffer=4).shape == (0,)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"max_len": 0, "buffer": 0}, "max_len"),
        ({"max_len": 8, "buffer": 9}, "buffer"),
        ({"max_len": 8, "buffer": -1}, "buffer"),
        ({"max_len": 8, "buffer": 2, "penalty": -1.0}, "penalty"),
        ({"max_len": 8, "buffer": 2, "penalty": float("nan")}, "penalty"),
    ],
)
def test_bad_arguments(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        overlong_penalty(torch.tensor([1]), **kwargs)


def test_bad_lengths() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        overlong_penalty(torch.tensor([-1]), max_len=8, buffer=2)
    with pytest.raises(ValueError, match=r"\(N,\)"):
        overlong_penalty(torch.zeros(2, 2), max_len=8, buffer=2)


def test_filter_mask_keeps_untruncated() -> None:
    assert overlong_filter_mask(torch.tensor([True, False, True])).tolist() == [False, True, False]
    assert overlong_filter_mask(torch.tensor([1, 0])).tolist() == [False, True]
    with pytest.raises(ValueError):
        overlong_filter_mask(torch.zeros(2, 2, dtype=torch.bool))
