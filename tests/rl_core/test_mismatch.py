import math

import pytest
import torch

from rlvr.rl_core.mismatch import IS_CORRECTIONS, mismatch_metrics, sequence_tis, token_tis

LEARNER = torch.tensor([[-1.0, -2.0, -0.5, 0.0], [-3.0, -1.0, 0.0, 0.0]])
SAMPLER = torch.tensor([[-1.0, -1.0, -2.0, -9.0], [-1.0, -1.5, float("-inf"), float("nan")]])
MASK = torch.tensor([[True, True, True, False], [True, True, False, False]])


def test_token_tis_truncates_the_ratio_and_zeroes_padding():
    w = token_tis(LEARNER, SAMPLER, MASK, cap=2.0)
    expected = torch.tensor([[1.0, math.exp(-1.0), 2.0, 0.0], [math.exp(-2.0), math.exp(0.5), 0.0, 0.0]])
    torch.testing.assert_close(w, expected)
    assert IS_CORRECTIONS["tis"] is token_tis


def test_sequence_tis_uses_the_product_of_ratios():
    w = sequence_tis(LEARNER, SAMPLER, MASK, cap=3.0)
    # row 0: log ratio sum 0 - 1 + 1.5 = 0.5; row 1: -2 + 0.5 = -1.5
    expected = torch.tensor([[math.exp(0.5)] * 3 + [0.0], [math.exp(-1.5)] * 2 + [0.0, 0.0]])
    torch.testing.assert_close(w, expected)
    assert sequence_tis(LEARNER, SAMPLER, MASK, cap=1.0)[0, 0] == 1.0


def test_weights_carry_no_gradient_and_agree_when_policies_match():
    lp = LEARNER.clone().requires_grad_(True)
    w = token_tis(lp, LEARNER, MASK)
    assert not w.requires_grad
    torch.testing.assert_close(w, MASK.float())


def test_mismatch_metrics_exact_values():
    m = mismatch_metrics(LEARNER, SAMPLER, MASK, cap=2.0)
    r = torch.tensor([0.0, -1.0, 1.5, -2.0, 0.5])
    assert m["mismatch/abs_mean"] == pytest.approx(float(r.abs().mean()))
    assert m["mismatch/abs_max"] == pytest.approx(2.0)
    assert m["mismatch/kl"] == pytest.approx(float((r.exp() - 1 - r).mean()))
    assert m["mismatch/ratio_mean"] == pytest.approx(float(r.exp().mean()))
    assert m["mismatch/clip_frac"] == pytest.approx(1 / 5)
    assert all(math.isfinite(v) for v in m.values())


def test_empty_mask_and_bad_inputs():
    m = mismatch_metrics(LEARNER, SAMPLER, torch.zeros_like(MASK))
    assert m["mismatch/abs_mean"] == 0.0 and m["mismatch/ratio_mean"] == 1.0
    with pytest.raises(ValueError, match="cap"):
        token_tis(LEARNER, SAMPLER, MASK, cap=0.5)
    with pytest.raises(ValueError, match="shapes differ"):
        token_tis(LEARNER, SAMPLER[:, :3], MASK)


def test_run_config_chooses_the_correction_by_registry_name():
    from rlvr.rl_core.config import ConfigError, load_config

    cfg = load_config(None, ["rollout.is_correction=seq_tis", "rollout.is_cap=3"])
    assert (cfg.rollout.is_correction, cfg.rollout.is_cap) == ("seq_tis", 3.0)
    assert load_config(None).rollout.is_correction == "none"
    for override, field in (
        ("rollout.is_correction=ppo", "rollout.is_correction"),
        ("rollout.is_cap=0.5", "rollout.is_cap"),
        ("rollout.is_cap=.nan", "rollout.is_cap"),
    ):
        with pytest.raises(ConfigError, match=f"^{field}:"):
            load_config(None, [override])
