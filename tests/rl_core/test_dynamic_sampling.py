import logging

import pytest
import torch

from rlvr.rl_core.dynamic_sampling import GroupBuffer, dynamic_sampling, zero_variance_groups


def test_zero_variance_uses_the_range_not_the_mean_or_std() -> None:
    rewards = torch.tensor(
        [
            [1.0, 1.0, 1.0, 1.0],  # all correct
            [0.0, 0.0, 0.0, 0.0],  # all wrong
            [0.5, 0.5, 0.5, 0.5],  # same partial credit: constant although the mean is 0.5
            [0.0, 1.0, 0.0, 1.0],  # mean 0.5 too, but varies
            [0.3, 0.3 + 1e-9, 0.3, 0.3 - 1e-9],  # float noise: constant
            [0.3, 0.3, 0.3, 0.31],  # a real difference in continuous rewards
        ]
    )
    assert zero_variance_groups(rewards).tolist() == [True, True, True, False, True, False]


def test_tolerance_is_inclusive_and_configurable() -> None:
    rewards = torch.tensor([[0.0, 0.25], [0.0, 0.5]], dtype=torch.float64)
    assert zero_variance_groups(rewards, tol=0.25).tolist() == [True, False]
    assert zero_variance_groups(rewards, tol=0.0).tolist() == [False, False]
    assert zero_variance_groups(torch.tensor([[2.0, 2.0]]), tol=0.0).tolist() == [True]


def test_group_of_one_and_empty_batch() -> None:
    assert zero_variance_groups(torch.tensor([[0.0], [1.0]])).tolist() == [True, True]
    assert zero_variance_groups(torch.zeros(0, 4)).tolist() == []


def test_integer_and_bool_rewards() -> None:
    assert zero_variance_groups(torch.tensor([[1, 1], [0, 1]])).tolist() == [True, False]
    assert zero_variance_groups(torch.tensor([[True, True], [False, True]])).tolist() == [True, False]


def test_bad_rewards_raise() -> None:
    with pytest.raises(ValueError, match="NaN"):
        zero_variance_groups(torch.tensor([[0.0, float("nan")]]))
    with pytest.raises(ValueError, match=r"\(B, G\)"):
        zero_variance_groups(torch.zeros(3))
    with pytest.raises(ValueError, match="tol"):
        zero_variance_groups(torch.zeros(1, 2), tol=-1.0)


def test_dynamic_sampling_result() -> None:
    result = dynamic_sampling(torch.tensor([[1.0, 1.0], [0.0, 1.0], [0.0, 0.0], [0.2, 0.9]]))
    assert result.keep == [1, 3]
    assert result.filtered_fraction == 0.5
    assert (result.num_groups, result.num_kept) == (4, 2)
    assert dynamic_sampling(torch.zeros(0, 2)).filtered_fraction == 0.0


# --------------------------------------------------------------------------------------------- buffer
def rows(*groups: list[float]) -> torch.Tensor:
    return torch.tensor(groups)


def test_buffer_fills_across_rounds_and_returns_exactly_target() -> None:
    buf: GroupBuffer[str] = GroupBuffer(target_groups=3, max_rounds=5)
    buf.add(["a", "b", "c", "d"], rows([1, 1], [0, 1], [0, 0], [1, 1]))
    assert not buf.full and buf.rounds == 1 and buf.filtered_fraction == 0.75
    buf.add(["e", "f", "g", "h"], rows([1, 0], [0, 0], [0.5, 0.2], [1, 0]))
    assert buf.full and not buf.exhausted
    assert buf.rounds == 2 and buf.groups_seen == 8 and buf.groups_kept == 4
    assert buf.filtered_fraction == 0.5
    items, rewards = buf.take(with_rewards=True)
    assert items == ["b", "e", "g"]  # arrival order; the surplus "h" is dropped
    assert rewards.tolist() == [[0.0, 1.0], [1.0, 0.0], pytest.approx([0.5, 0.2])]
    assert buf.rounds == 2 and buf.filtered_fraction == 0.5  # metrics stay readable after take


def test_buffer_items_are_opaque() -> None:
    groups = [{"prompt": i, "completions": [object()]} for i in range(3)]
    buf: GroupBuffer[dict] = GroupBuffer(target_groups=2, max_rounds=1)
    buf.add(groups, rows([0, 1], [1, 1], [1, 0]))
    assert buf.take() == [groups[0], groups[2]]


def test_buffer_exhausted_partial_returns_what_it_has(caplog: pytest.LogCaptureFixture) -> None:
    buf: GroupBuffer[int] = GroupBuffer(target_groups=4, max_rounds=2, on_exhausted="partial")
    buf.add([0, 1], rows([0, 1], [1, 1]))
    buf.add([2, 3], rows([0, 0], [0.1, 0.2]))
    assert buf.exhausted and not buf.full
    with caplog.at_level(logging.WARNING):
        assert buf.take() == [0, 3]
    assert "sampling.max_rounds=2" in caplog.text


def test_buffer_exhausted_error_names_max_rounds() -> None:
    buf: GroupBuffer[int] = GroupBuffer(target_groups=2, max_rounds=1, on_exhausted="error")
    buf.add([0, 1], rows([1, 1], [0, 0]))
    with pytest.raises(RuntimeError, match="sampling.max_rounds"):
        buf.take()


def test_buffer_exhausted_skip_returns_nothing() -> None:
    buf: GroupBuffer[int] = GroupBuffer(target_groups=2, max_rounds=1, on_exhausted="skip")
    buf.add([0, 1], rows([0, 1], [0, 0]))
    items, rewards = buf.take(with_rewards=True)
    assert items == [] and rewards.numel() == 0


def test_buffer_exhausted_with_no_informative_group() -> None:
    buf: GroupBuffer[int] = GroupBuffer(target_groups=2, max_rounds=1)
    buf.add([0, 1], rows([1, 1], [0, 0]))
    assert buf.filtered_fraction == 1.0
    assert buf.take() == []


def test_buffer_full_in_first_round_is_exact() -> None:
    buf: GroupBuffer[int] = GroupBuffer(target_groups=2, max_rounds=1)
    buf.add([0, 1], rows([0, 1], [1, 0]))
    assert buf.full and buf.take() == [0, 1]


def test_buffer_misuse_raises_clear_errors() -> None:
    buf: GroupBuffer[int] = GroupBuffer(target_groups=1, max_rounds=2)
    with pytest.raises(RuntimeError, match="before full"):
        buf.take()
    with pytest.raises(ValueError, match="one row per group"):
        buf.add([0, 1, 2], rows([0, 1], [1, 0]))
    buf.add([0], rows([0, 1]))
    with pytest.raises(RuntimeError, match="full"):
        buf.add([1], rows([0, 1]))
    buf.take()
    with pytest.raises(RuntimeError, match="reset"):
        buf.take()
    with pytest.raises(RuntimeError, match="reset"):
        buf.add([1], rows([0, 1]))
    buf.reset()
    assert buf.rounds == 0 and buf.filtered_fraction == 0.0
    buf.add([5], rows([0, 1]))
    assert buf.take() == [5]


def test_buffer_refuses_rounds_beyond_max() -> None:
    buf: GroupBuffer[int] = GroupBuffer(target_groups=3, max_rounds=1)
    buf.add([0], rows([0, 1]))
    with pytest.raises(RuntimeError, match="sampling.max_rounds=1"):
        buf.add([1], rows([0, 1]))


@pytest.mark.parametrize(
    ("kwargs", "field_name"),
    [
        ({"target_groups": 0, "max_rounds": 1}, "sampling.target_groups"),
        ({"target_groups": 1, "max_rounds": 0}, "sampling.max_rounds"),
        ({"target_groups": 1, "max_rounds": 1, "tol": -1.0}, "sampling.tol"),
        ({"target_groups": 1, "max_rounds": 1, "on_exhausted": "retry"}, "sampling.on_exhausted"),
    ],
)
def test_bad_buffer_config(kwargs: dict, field_name: str) -> None:
    with pytest.raises(ValueError, match=field_name):
        GroupBuffer(**kwargs)


@pytest.mark.parametrize("seed", range(5))
def test_buffer_matches_a_direct_filter(seed: int) -> None:
    """Randomised: the buffer keeps exactly the first `target` varying groups over its rounds."""
    g = torch.Generator().manual_seed(seed)
    rounds = [(torch.rand(6, 4, generator=g) > 0.7).float() for _ in range(4)]
    buf: GroupBuffer[tuple[int, int]] = GroupBuffer(target_groups=5, max_rounds=4)
    expected = [(r, i) for r, rw in enumerate(rounds) for i in range(6) if rw[i].max() != rw[i].min()]
    seen = 0
    for r, rw in enumerate(rounds):
        buf.add([(r, i) for i in range(6)], rw)
        seen += 6
        if buf.full:
            break
    assert buf.take() == expected[:5]
    kept = sum(1 for r, _ in expected if r < buf.rounds)
    assert buf.filtered_fraction == pytest.approx((seen - kept) / seen)
