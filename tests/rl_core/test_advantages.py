import math

import pytest
import torch

from rlvr.rl_core.advantages import ADVANTAGES, compute_advantages

NAMES = ["grpo", "dr_grpo", "rloo", "reinforce_pp"]


def test_registry_lists_the_four_estimators() -> None:
    assert ADVANTAGES.names() == NAMES


def test_rloo_seeds_example() -> None:
    rewards = torch.tensor([[0.8, 0.3, 0.9, 0.5]], dtype=torch.float64)
    adv = compute_advantages("rloo", rewards)
    # baseline_1 = (0.3 + 0.9 + 0.5) / 3 = 0.5667, A_1 = 0.8 - 0.5667 = +0.2333
    expected = torch.tensor([[0.8 - 1.7 / 3, 0.3 - 2.2 / 3, 0.9 - 1.6 / 3, 0.5 - 2.0 / 3]], dtype=torch.float64)
    torch.testing.assert_close(adv, expected, rtol=0, atol=1e-12)
    assert round(adv[0, 0].item(), 4) == 0.2333


def test_grpo_group_std_exact() -> None:
    # mean 0.25, deviations (0.75, -0.25, -0.25, -0.25), unbiased var 0.75/3 = 0.25, std 0.5
    adv = compute_advantages("grpo", torch.tensor([[1.0, 0.0, 0.0, 0.0]]), eps=0.0)
    assert adv.tolist() == [[1.5, -0.5, -0.5, -0.5]]


def test_grpo_eps_in_denominator() -> None:
    adv = compute_advantages("grpo", torch.tensor([[1.0, 0.0, 0.0, 0.0]], dtype=torch.float64), eps=0.5)
    torch.testing.assert_close(adv, torch.tensor([[0.75, -0.25, -0.25, -0.25]], dtype=torch.float64))


def test_dr_grpo_is_centred_only() -> None:
    adv = compute_advantages("dr_grpo", torch.tensor([[1.0, 0.0, 0.0, 0.0], [1.0, 1.0, 0.0, 0.0]]))
    assert adv.tolist() == [[0.75, -0.25, -0.25, -0.25], [0.5, 0.5, -0.5, -0.5]]


def test_grpo_batch_scale_uses_std_of_all_rewards() -> None:
    rewards = torch.tensor([[1.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 0.0]], dtype=torch.float64)
    sigma = math.sqrt(8 * 0.25 / 7)  # batch mean 0.5, every deviation ±0.5, unbiased over 8
    adv = compute_advantages("grpo", rewards, eps=0.0, scale="batch")
    expected = torch.tensor([[0.75, -0.25, -0.25, -0.25], [0.25, 0.25, 0.25, -0.75]], dtype=torch.float64) / sigma
    torch.testing.assert_close(adv, expected)


def test_reinforce_pp_group_centres_then_whitens_batch() -> None:
    rewards = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]], dtype=torch.float64)
    # centred: (.5, -.5, -.5, .5, 0, 0); mean 0; unbiased std sqrt(1/5)
    adv = compute_advantages("reinforce_pp", rewards, eps=0.0)
    s = math.sqrt(1 / 5)
    expected = torch.tensor([[0.5 / s, -0.5 / s], [-0.5 / s, 0.5 / s], [0.0, 0.0]], dtype=torch.float64)
    torch.testing.assert_close(adv, expected)
    assert adv[2].tolist() == [0.0, 0.0]


def test_reinforce_pp_whitens_over_tokens_as_if_each_advantage_were_repeated_per_token() -> None:
    """REINFORCE++ whitens the advantages of all tokens: completion i weighs its n_i counted tokens."""
    rewards = torch.tensor([[1.0, 0.0, 0.2], [0.0, 1.0, 0.3]], dtype=torch.float64)
    counts = torch.tensor([[3, 1, 5], [2, 0, 4]])  # a completion with no counted token (filtered) weighs 0
    adv = compute_advantages("reinforce_pp", rewards, eps=0.0, token_counts=counts)
    centred = rewards - rewards.mean(dim=1, keepdim=True)
    tokens = centred.flatten().repeat_interleave(counts.flatten())
    expected = (centred - tokens.mean()) / tokens.std()
    torch.testing.assert_close(adv, expected)
    # the token-weighted statistics differ from the per-completion ones
    assert not torch.allclose(adv, compute_advantages("reinforce_pp", rewards, eps=0.0))
    # one token each is the per-completion whitening; token counts need the batch whitening
    torch.testing.assert_close(
        compute_advantages("reinforce_pp", rewards, eps=0.0, token_counts=torch.ones(2, 3)),
        compute_advantages("reinforce_pp", rewards, eps=0.0),
    )
    with pytest.raises(ValueError, match="scale='batch'"):
        compute_advantages("reinforce_pp", rewards, scale="none", token_counts=counts)
    with pytest.raises(ValueError, match="reinforce_pp"):
        compute_advantages("grpo", rewards, token_counts=counts)


def test_reinforce_pp_whitened_output_has_unit_std() -> None:
    g = torch.Generator().manual_seed(0)
    rewards = torch.rand(16, 5, generator=g, dtype=torch.float64)
    adv = compute_advantages("reinforce_pp", rewards, eps=0.0)
    assert abs(adv.mean().item()) < 1e-12
    assert abs(adv.std().item() - 1.0) < 1e-12


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("scale", [None, "group", "batch", "none"])
@pytest.mark.parametrize("eps", [0.0, 1e-6])
def test_zero_variance_groups_give_exact_zero(name: str, scale: str | None, eps: float) -> None:
    rewards = torch.tensor(
        [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [0.3, 0.3 + 1e-9, 0.3 - 1e-9], [0.7, 0.7, 0.7], [1.0, 0.0, 0.2]]
    )
    adv = compute_advantages(name, rewards, eps=eps, scale=scale)
    assert torch.isfinite(adv).all()
    assert (adv[:4] == 0).all()
    assert (adv[4] != 0).all()


@pytest.mark.parametrize("name", NAMES)
def test_all_constant_batch_is_all_zero(name: str) -> None:
    for scale in (None, "group", "batch", "none"):
        adv = compute_advantages(name, torch.full((3, 4), 0.25), eps=0.0, scale=scale)
        assert adv.tolist() == [[0.0] * 4] * 3


@pytest.mark.parametrize("name", ["grpo", "dr_grpo", "rloo"])
def test_group_of_one_is_rejected_naming_group_size(name: str) -> None:
    with pytest.raises(ValueError, match="group_size"):
        compute_advantages(name, torch.tensor([[1.0], [0.0]]))


def test_reinforce_pp_group_of_one_whitens_over_batch() -> None:
    adv = compute_advantages("reinforce_pp", torch.tensor([[1.0], [0.0], [1.0]], dtype=torch.float64), eps=0.0)
    s = math.sqrt(1 / 3)  # centred (1/3, -2/3, 1/3), unbiased var (1/9 + 4/9 + 1/9) / 2
    torch.testing.assert_close(adv, torch.tensor([[1 / 3 / s], [-2 / 3 / s], [1 / 3 / s]], dtype=torch.float64))
    assert compute_advantages("reinforce_pp", torch.tensor([[0.4]])).tolist() == [[0.0]]
    assert compute_advantages("reinforce_pp", torch.tensor([[1.0], [0.0]]), scale="none").tolist() == [[0.5], [-0.5]]
    with pytest.raises(ValueError, match="group_size"):
        compute_advantages("reinforce_pp", torch.tensor([[1.0], [0.0]]), scale="group")


def test_scale_override_composes_with_every_estimator() -> None:
    g = torch.Generator().manual_seed(1)
    rewards = torch.rand(6, 4, generator=g, dtype=torch.float64)
    grpo = compute_advantages("grpo", rewards)
    dr = compute_advantages("dr_grpo", rewards)
    torch.testing.assert_close(compute_advantages("grpo", rewards, scale="none"), dr)
    torch.testing.assert_close(compute_advantages("dr_grpo", rewards, scale="group"), grpo)
    torch.testing.assert_close(compute_advantages("reinforce_pp", rewards, scale="none"), dr)
    torch.testing.assert_close(compute_advantages("reinforce_pp", rewards, scale="group"), grpo)
    # RLOO = G/(G-1) · (r - mean), at every scale
    for scale in ("none", "group", "batch"):
        torch.testing.assert_close(
            compute_advantages("rloo", rewards, scale=scale),
            compute_advantages("dr_grpo", rewards, scale=scale) * 4 / 3,
        )


@pytest.mark.parametrize("name", NAMES)
def test_invariant_to_reward_shift(name: str) -> None:
    g = torch.Generator().manual_seed(2)
    rewards = torch.rand(5, 3, generator=g, dtype=torch.float64)
    torch.testing.assert_close(compute_advantages(name, rewards + 3.0), compute_advantages(name, rewards))


@pytest.mark.parametrize("name", ["grpo", "reinforce_pp"])
def test_std_scaled_estimators_invariant_to_reward_scale(name: str) -> None:
    g = torch.Generator().manual_seed(3)
    rewards = torch.rand(5, 3, generator=g, dtype=torch.float64)
    torch.testing.assert_close(
        compute_advantages(name, rewards * 10.0, eps=0.0), compute_advantages(name, rewards, eps=0.0)
    )


def test_group_advantages_sum_to_zero() -> None:
    g = torch.Generator().manual_seed(4)
    rewards = torch.rand(7, 6, generator=g, dtype=torch.float64)
    for name in NAMES:
        sums = compute_advantages(name, rewards).sum(dim=1)
        torch.testing.assert_close(sums, torch.zeros(7, dtype=torch.float64), rtol=0, atol=1e-12)


def test_dtypes_and_shapes() -> None:
    assert compute_advantages("grpo", torch.tensor([[1, 0], [0, 0]])).dtype == torch.float32
    assert compute_advantages("dr_grpo", torch.tensor([[True, False]])).tolist() == [[0.5, -0.5]]
    assert compute_advantages("grpo", torch.zeros(2, 3, dtype=torch.float64)).dtype == torch.float64
    assert compute_advantages("rloo", torch.zeros(0, 4)).shape == (0, 4)


def test_bad_inputs_raise_clear_errors() -> None:
    with pytest.raises(KeyError, match="grpo, dr_grpo, rloo, reinforce_pp"):
        compute_advantages("ppo", torch.zeros(1, 2))
    with pytest.raises(ValueError, match="scale"):
        compute_advantages("grpo", torch.zeros(1, 2), scale="global")
    with pytest.raises(ValueError, match=r"\(B, G\)"):
        compute_advantages("grpo", torch.zeros(4))
    with pytest.raises(ValueError, match="NaN"):
        compute_advantages("grpo", torch.tensor([[1.0, float("nan")]]))
    with pytest.raises(ValueError, match="eps"):
        compute_advantages("grpo", torch.zeros(1, 2), eps=-1.0)
