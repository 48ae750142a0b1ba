import math

import pytest
import torch

from rlvr.rl_core.config_base import ConfigError, build, describe
from rlvr.rl_core.losses import (
    AGGREGATIONS,
    KL_ESTIMATORS,
    POLICY_LOSSES,
    ClippedPolicy,
    GSPOPolicy,
    LossConfig,
    LossInputs,
    Objective,
    StepNormalizer,
    agg_loss,
    compute_loss,
    kl_penalty,
    merge_loss_metrics,
    truncation_mask,
)

LOG = math.log


def objective(
    policy: str = "clipped",
    *,
    eps_low: float = 0.2,
    eps_high: float = 0.2,
    gspo_eps_low: float = 3e-4,
    gspo_eps_high: float = 4e-4,
    dual_clip: float | None = None,
    kl_beta: float = 0.0,
    kl_estimator: str = "k3",
    **loss: object,
) -> Objective:
    """The loss section with ``policy``'s clip ranges (the clipped ones or GSPO's) and a KL term."""
    if policy == "gspo":
        chosen: ClippedPolicy | GSPOPolicy = GSPOPolicy(
            eps_low=gspo_eps_low, eps_high=gspo_eps_high, dual_clip=dual_clip
        )
    else:
        chosen = ClippedPolicy(eps_low=eps_low, eps_high=eps_high, dual_clip=dual_clip)
    return Objective(LossConfig(policy=chosen, **loss), kl_beta, kl_estimator)


def one_token(logp: float, old: float, adv: float) -> LossInputs:
    return LossInputs(
        logprobs=torch.tensor([[logp]], dtype=torch.float32, requires_grad=True),
        old_logprobs=torch.tensor([[old]]),
        advantages=torch.tensor([adv]),
        mask=torch.tensor([[True]]),
    )


def loss_and_grad(inputs: LossInputs, cfg: LossConfig) -> tuple[float, float, dict[str, float]]:
    out = compute_loss(inputs, cfg, StepNormalizer.from_masks([inputs.mask]))
    out.loss.backward()
    return out.loss.item(), inputs.logprobs.grad.item(), out.metrics


def test_registries() -> None:
    assert POLICY_LOSSES.names() == ["clipped", "gspo"]
    assert KL_ESTIMATORS.names() == ["k1", "k2", "k3"]
    assert AGGREGATIONS.names() == ["token_mean", "seq_mean_token_mean", "seq_sum_norm"]


# ------------------------------------------------------------------------------------------------ KL
def test_kl_estimators_hand_values() -> None:
    # π_θ = 0.5, π_ref = 0.25: log ratio = log 2; r = π_ref/π_θ = 0.5
    logp, ref = torch.tensor([[LOG(0.5)]]), torch.tensor([[LOG(0.25)]])
    assert kl_penalty(logp, ref, "k1").item() == pytest.approx(LOG(2), abs=1e-7)
    assert kl_penalty(logp, ref, "k2").item() == pytest.approx(0.5 * LOG(2) ** 2, abs=1e-7)
    assert kl_penalty(logp, ref, "k3").item() == pytest.approx(0.5 - 1 - LOG(0.5), abs=1e-7)
    # the other direction: π_θ = 0.25, π_ref = 0.5, r = 2
    assert kl_penalty(ref, logp, "k1").item() == pytest.approx(-LOG(2), abs=1e-7)
    assert kl_penalty(ref, logp, "k3").item() == pytest.approx(2 - 1 - LOG(2), abs=1e-7)


@pytest.mark.parametrize("estimator", ["k1", "k2", "k3"])
def test_kl_zero_for_identical_policies(estimator: str) -> None:
    logp = torch.log(torch.rand(3, 5))
    assert (kl_penalty(logp, logp.clone(), estimator) == 0).all()


def test_k2_k3_nonnegative_and_k1_k3_unbiased() -> None:
    g = torch.Generator().manual_seed(0)
    p = torch.randn(50, generator=g, dtype=torch.float64).softmax(0)
    q = torch.randn(50, generator=g, dtype=torch.float64).softmax(0)
    exact = (p * (p.log() - q.log())).sum()
    lp, lq = p.log()[None], q.log()[None]
    for est in ("k2", "k3"):
        assert (kl_penalty(lp, lq, est) >= 0).all()
    # expectation over samples from π_θ = p: weight each token by p
    for est in ("k1", "k3"):
        torch.testing.assert_close((p * kl_penalty(lp, lq, est)[0].double()).sum(), exact, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(("estimator", "direction"), [("k1", None), ("k2", "reverse"), ("k3", "forward")])
def test_expected_kl_loss_gradients(estimator: str, direction: str | None) -> None:
    """On-policy, E_y~π[∇ k(y)]: k2 gives ∇KL(π‖ref), k3 gives ∇KL(ref‖π), k1 gives 0 (score identity)."""
    g = torch.Generator().manual_seed(1)
    theta = torch.randn(6, generator=g, dtype=torch.float64, requires_grad=True)
    ref = torch.randn(6, generator=g, dtype=torch.float64).log_softmax(0)
    logp = theta.log_softmax(0)
    weights = logp.detach().exp()  # sampling distribution, not differentiated
    (weights * kl_penalty(logp[None], ref[None], estimator)[0]).sum().backward()
    got, theta.grad = theta.grad.clone(), None
    logp = theta.log_softmax(0)
    if direction == "reverse":
        (logp.exp() * (logp - ref)).sum().backward()
    elif direction == "forward":
        (ref.exp() * (ref - logp)).sum().backward()
    want = theta.grad if direction else torch.zeros(6, dtype=torch.float64)
    torch.testing.assert_close(got, want, rtol=1e-10, atol=1e-12)


def test_kl_in_loss_adds_beta_times_k3() -> None:
    inputs = one_token(LOG(0.5), LOG(0.5), 0.0)
    inputs.ref_logprobs = torch.tensor([[LOG(0.25)]])
    loss, grad, metrics = loss_and_grad(inputs, objective(kl_beta=0.1))
    assert loss == pytest.approx(0.1 * (LOG(2) - 0.5), abs=1e-7)
    # d k3 / d logp = 1 - π_ref/π_θ = 0.5
    assert grad == pytest.approx(0.1 * 0.5, abs=1e-7)
    assert metrics["kl"] == pytest.approx(LOG(2) - 0.5, abs=1e-7)


def test_kl_reported_but_not_trained_when_beta_zero() -> None:
    inputs = one_token(LOG(0.5), LOG(0.5), 0.0)
    inputs.ref_logprobs = torch.tensor([[LOG(0.25)]])
    loss, grad, metrics = loss_and_grad(inputs, objective(kl_beta=0.0))
    assert loss == 0.0 and grad == 0.0
    assert metrics["kl"] == pytest.approx(LOG(2) - 0.5, abs=1e-7)


# ------------------------------------------------------------------------------------------ clipping
CFG = objective(eps_low=0.2, eps_high=0.28)


@pytest.mark.parametrize(
    ("ratio", "adv", "loss", "grad", "low", "high"),
    [
        (1.0, 1.0, -1.0, -1.0, 0.0, 0.0),  # on-policy: loss -A·r, d/dlogp = -A·r
        (1.5, 1.0, -1.28, 0.0, 0.0, 1.0),  # above 1+ε_high with A > 0: clipped, no gradient
        (1.2, 1.0, -1.2, -1.2, 0.0, 0.0),  # inside the clip-higher range: still learns
        (0.5, 1.0, -0.5, -0.5, 0.0, 0.0),  # below 1-ε_low with A > 0: pessimistic term is unclipped
        (0.5, -1.0, 0.8, 0.0, 1.0, 0.0),  # below 1-ε_low with A < 0: clipped
        (1.5, -1.0, 1.5, 1.5, 0.0, 0.0),  # above 1+ε_high with A < 0: unclipped
        (4.0, -2.0, 8.0, 8.0, 0.0, 0.0),  # no dual clip: unbounded
    ],
)
def test_clipped_surrogate_hand_values(
    ratio: float, adv: float, loss: float, grad: float, low: float, high: float
) -> None:
    got_loss, got_grad, m = loss_and_grad(one_token(LOG(ratio) + LOG(0.3), LOG(0.3), adv), CFG)
    assert got_loss == pytest.approx(loss, abs=1e-6)
    assert got_grad == pytest.approx(grad, abs=1e-6)
    assert (m["clip_frac_low"], m["clip_frac_high"]) == (low, high)
    assert m["ratio_mean"] == pytest.approx(ratio, rel=1e-6)


@pytest.mark.parametrize(
    ("ratio", "adv", "loss", "grad", "dual"),
    [
        (4.0, -2.0, 6.0, 0.0, 1.0),  # A < 0, r > c: capped at -A·c, no gradient
        (2.0, -2.0, 4.0, 4.0, 0.0),  # r < c: unchanged
        (4.0, 2.0, -2.56, 0.0, 0.0),  # A > 0: dual clip never applies
    ],
)
def test_dual_clip_only_for_negative_advantages(
    ratio: float, adv: float, loss: float, grad: float, dual: float
) -> None:
    cfg = objective(eps_low=0.2, eps_high=0.28, dual_clip=3.0)
    got_loss, got_grad, m = loss_and_grad(one_token(LOG(ratio), 0.0, adv), cfg)
    assert got_loss == pytest.approx(loss, abs=1e-5)
    assert got_grad == pytest.approx(grad, abs=1e-5)
    assert m["dual_clip_frac"] == dual


def test_token_level_advantages() -> None:
    logp = torch.zeros(1, 3, requires_grad=True)
    inputs = LossInputs(logp, torch.zeros(1, 3), torch.tensor([[1.0, -2.0, 3.0]]), torch.ones(1, 3, dtype=torch.bool))
    out = compute_loss(inputs, objective(), StepNormalizer(3, 1))
    assert out.loss.item() == pytest.approx(-2 / 3)
    out.loss.backward()
    assert logp.grad[0].tolist() == pytest.approx([-1 / 3, 2 / 3, -1.0])


# ---------------------------------------------------------------------------------------- aggregation
LOSS_MAT = torch.tensor([[1.0, 2.0, 3.0, 100.0], [4.0, 100.0, 100.0, 100.0], [5.0, 6.0, 100.0, 100.0]])
MASK = torch.tensor([[1, 1, 1, 0], [1, 0, 0, 0], [1, 1, 0, 0]], dtype=torch.bool)


def test_token_mean_value() -> None:
    assert agg_loss(LOSS_MAT, MASK, "token_mean", StepNormalizer(6, 3), None).item() == pytest.approx(21 / 6)
    # the step's count, not this micro-batch's: a micro-batch of a 12-token step
    assert agg_loss(LOSS_MAT, MASK, "token_mean", StepNormalizer(12, 6), None).item() == pytest.approx(21 / 12)


def test_seq_mean_token_mean_value() -> None:
    got = agg_loss(LOSS_MAT, MASK, "seq_mean_token_mean", StepNormalizer(6, 3), None).item()
    assert got == pytest.approx((2.0 + 4.0 + 5.5) / 3)
    got = agg_loss(LOSS_MAT, MASK, "seq_mean_token_mean", StepNormalizer(6, 5), None).item()
    assert got == pytest.approx((2.0 + 4.0 + 5.5) / 5)


def test_seq_sum_norm_value_and_required_length() -> None:
    assert agg_loss(LOSS_MAT, MASK, "seq_sum_norm", StepNormalizer(6, 3), 10).item() == pytest.approx(21 / 30)
    with pytest.raises(ValueError, match="loss.max_completion_len"):
        agg_loss(LOSS_MAT, MASK, "seq_sum_norm", StepNormalizer(6, 3), None)


def test_padding_with_nan_or_inf_never_leaks() -> None:
    logp = torch.tensor([[LOG(0.5), float("-inf")], [LOG(0.2), float("nan")]], requires_grad=True)
    old = torch.tensor([[LOG(0.4), float("-inf")], [LOG(0.2), float("nan")]])
    mask = torch.tensor([[True, False], [True, False]])
    inputs = LossInputs(
        logp,
        old,
        torch.tensor([1.0, -1.0]),
        mask,
        ref_logprobs=old.clone(),
        entropy=torch.tensor([[0.5, float("nan")], [0.1, float("inf")]]),
    )
    for agg, policy in POLICY_AGG:
        cfg = objective(policy=policy, agg=agg, kl_beta=0.1, entropy_coef=0.01, max_completion_len=2)
        logp.grad = None
        out = compute_loss(inputs, cfg, StepNormalizer.from_masks([mask]))
        out.loss.backward()
        assert math.isfinite(out.loss.item())
        assert torch.isfinite(logp.grad).all() and (logp.grad[:, 1] == 0).all()
        assert all(math.isfinite(v) for v in out.metrics.values())


def test_step_without_tokens_gives_zero_loss() -> None:
    logp = torch.zeros(2, 3, requires_grad=True)
    inputs = LossInputs(logp, torch.zeros(2, 3), torch.ones(2), torch.zeros(2, 3, dtype=torch.bool))
    for agg in AGGREGATIONS:
        out = compute_loss(inputs, objective(agg=agg, max_completion_len=3), StepNormalizer(0, 0))
        out.loss.backward()
        assert out.loss.item() == 0.0 and (logp.grad == 0).all()
        assert out.metrics == {"num_tokens": 0.0, "num_seqs": 0.0}


def test_step_normalizer_from_masks() -> None:
    norm = StepNormalizer.from_masks([MASK, torch.zeros(2, 7, dtype=torch.bool), torch.ones(1, 2, dtype=torch.int64)])
    assert (norm.num_tokens, norm.num_seqs, norm.num_rows) == (8, 4, 6)
    assert StepNormalizer(6, 3).num_rows == 3
    with pytest.raises(ValueError):
        StepNormalizer(-1, 0)
    with pytest.raises(ValueError):
        StepNormalizer(6, 3, 2)


def test_seq_sum_norm_counts_every_row_so_masking_a_row_changes_no_other_weight() -> None:
    """Dr. GRPO's normaliser is rows × L: switching a row off (overlong filtering) must not rescale the
    other rows' gradient, as a count of rows with a counted token would."""
    logp = torch.zeros(3, 2, requires_grad=True)
    adv = torch.tensor([1.0, -2.0, 0.5])
    full = torch.ones(3, 2, dtype=torch.bool)
    filtered = full.clone()
    filtered[1] = False  # row 1 was truncated
    cfg = objective(agg="seq_sum_norm", max_completion_len=4)
    grads = []
    for mask in (full, filtered):
        logp.grad = None
        compute_loss(
            LossInputs(logp, torch.zeros(3, 2), adv, mask), cfg, StepNormalizer.from_masks([mask])
        ).loss.backward()
        grads.append(logp.grad.clone())
    expected = -adv[:, None].expand(3, 2) / (3 * 4)
    torch.testing.assert_close(grads[0], expected)
    torch.testing.assert_close(grads[1], torch.where(filtered, expected, torch.zeros(())))


def test_gspo_requires_the_per_sequence_mean() -> None:
    for agg in ("token_mean", "seq_sum_norm"):
        with pytest.raises(
            ConfigError, match=r"^loss\.agg: must be 'seq_mean_token_mean' with loss\.policy\.name=gspo"
        ):
            build(LossConfig, {"policy": {"name": "gspo"}, "agg": agg, "max_completion_len": 4}, prefix="loss")
    objective(policy="gspo", agg="seq_mean_token_mean")


def test_approx_kl_is_the_unbiased_k3_of_kl_old_to_new() -> None:
    """The rollout's tokens come from π_old, so k3 with r = π_θ/π_old estimates KL(π_old ‖ π_θ) without
    bias: its mean over exact samples of π_old equals the KL."""
    p_old = torch.tensor([0.5, 0.3, 0.2], dtype=torch.float64)
    p_new = torch.tensor([0.2, 0.3, 0.5], dtype=torch.float64)
    # all three tokens, each repeated in proportion to π_old (10 samples: 5, 3, 2)
    tokens = torch.tensor([0] * 5 + [1] * 3 + [2] * 2)
    lp, old = p_new.log()[tokens][None, :], p_old.log()[tokens][None, :]
    m = compute_loss(
        LossInputs(lp, old, torch.zeros(1), torch.ones(1, 10, dtype=torch.bool)), CFG, StepNormalizer(10, 1)
    )
    kl_old_new = float((p_old * (p_old / p_new).log()).sum())
    assert m.metrics["approx_kl"] == pytest.approx(kl_old_new, rel=1e-12)


#: every (aggregation, policy loss) pair the config accepts: gspo needs its per-sequence mean
POLICY_AGG = [(agg, "clipped") for agg in AGGREGATIONS] + [("seq_mean_token_mean", "gspo")]


# ------------------------------------------------------------------ micro-batch split invariance (exact)
def _batch(seed: int, n: int = 8, t: int = 9) -> tuple[torch.Tensor, ...]:
    g = torch.Generator().manual_seed(seed)
    lengths = torch.randint(1, t + 1, (n,), generator=g)
    lengths[0] = t
    mask = torch.arange(t)[None, :] < lengths[:, None]
    base = torch.log_softmax(torch.randn(n, t, 5, generator=g, dtype=torch.float64), -1)[..., 0]
    old = base + 0.3 * torch.randn(n, t, generator=g, dtype=torch.float64)
    ref = base + 0.3 * torch.randn(n, t, generator=g, dtype=torch.float64)
    entropy = torch.rand(n, t, generator=g, dtype=torch.float64)
    adv = torch.randn(n, generator=g, dtype=torch.float64)
    return base, old, ref, entropy, adv, mask


def _grad(
    cfg: LossConfig,
    splits: int,
    token_adv: bool,
    dtype: torch.dtype = torch.float64,
    seed: int = 0,
    is_weights: torch.Tensor | None = None,
) -> tuple[torch.Tensor, float, dict[str, float]]:
    base, old, ref, entropy, adv, mask = (x.to(dtype) if x.is_floating_point() else x for x in _batch(seed))
    theta = base.clone().requires_grad_(True)  # stands in for the policy's log-probs
    ent_param = entropy.clone().requires_grad_(True)
    advantages = adv[:, None] * torch.linspace(0.5, 1.5, mask.shape[1], dtype=dtype) if token_adv else adv
    chunks = torch.arange(mask.shape[0]).chunk(splits)
    micro = []
    for idx in chunks:
        width = int(mask[idx].sum(dim=1).max())  # each micro-batch padded to its own longest sequence
        micro.append((idx, width))
    norm = StepNormalizer.from_masks([mask[idx, :w] for idx, w in micro])
    total = 0.0
    metrics = []
    for idx, w in micro:
        inputs = LossInputs(
            logprobs=theta[idx, :w],
            old_logprobs=old[idx, :w],
            advantages=advantages[idx, :w] if token_adv else advantages[idx],
            mask=mask[idx, :w],
            ref_logprobs=ref[idx, :w],
            entropy=ent_param[idx, :w],
            is_weights=None if is_weights is None else is_weights[idx, :w],
        )
        out = compute_loss(inputs, cfg, norm)
        out.loss.backward()
        total += out.loss.item()
        metrics.append(out.metrics)
    return torch.cat([theta.grad, ent_param.grad]), total, merge_loss_metrics(metrics)


@pytest.mark.parametrize(("agg", "policy"), POLICY_AGG)
@pytest.mark.parametrize("token_adv", [False, True])
def test_gradient_independent_of_micro_batch_split(agg: str, policy: str, token_adv: bool) -> None:
    cfg = objective(
        policy=policy,
        agg=agg,
        max_completion_len=9,
        eps_high=0.28,
        dual_clip=3.0,
        kl_beta=0.05,
        entropy_coef=0.01,
        gspo_eps_low=0.05,
        gspo_eps_high=0.05,
    )
    full_grad, full_loss, full_metrics = _grad(cfg, 1, token_adv)
    assert full_grad.abs().sum() > 0
    for splits in (2, 4, 8):
        grad, loss, metrics = _grad(cfg, splits, token_adv)
        torch.testing.assert_close(grad, full_grad, rtol=1e-12, atol=1e-14)  # float64: exact up to rounding
        assert loss == pytest.approx(full_loss, rel=1e-12, abs=1e-14)
        assert metrics.keys() == full_metrics.keys()
        for key, value in full_metrics.items():
            assert metrics[key] == pytest.approx(value, rel=1e-12, abs=1e-14), key


@pytest.mark.parametrize(("agg", "policy"), POLICY_AGG)
def test_gradient_with_is_weights_independent_of_micro_batch_split(agg: str, policy: str) -> None:
    cfg = objective(
        policy=policy,
        agg=agg,
        max_completion_len=9,
        eps_high=0.28,
        dual_clip=3.0,
        kl_beta=0.05,
        entropy_coef=0.01,
        gspo_eps_low=0.05,
        gspo_eps_high=0.05,
    )
    weights = torch.rand(8, 9, generator=torch.Generator().manual_seed(5), dtype=torch.float64) * 2
    full_grad, full_loss, full_metrics = _grad(cfg, 1, True, is_weights=weights)
    assert full_grad.abs().sum() > 0
    assert not torch.allclose(full_grad, _grad(cfg, 1, True)[0])  # the weights do act
    for splits in (2, 4, 8):
        grad, loss, metrics = _grad(cfg, splits, True, is_weights=weights)
        torch.testing.assert_close(grad, full_grad, rtol=1e-12, atol=1e-14)
        assert loss == pytest.approx(full_loss, rel=1e-12, abs=1e-14)
        for key, value in full_metrics.items():
            assert metrics[key] == pytest.approx(value, rel=1e-12, abs=1e-14), key


@pytest.mark.parametrize("agg", ["token_mean", "seq_mean_token_mean", "seq_sum_norm"])
def test_gradient_split_invariance_in_float32(agg: str) -> None:
    cfg = objective(agg=agg, max_completion_len=9, kl_beta=0.05, entropy_coef=0.01)
    full_grad, _, _ = _grad(cfg, 1, False, torch.float32)
    for splits in (2, 4):
        grad, _, _ = _grad(cfg, splits, False, torch.float32)
        torch.testing.assert_close(grad, full_grad, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("policy", ["clipped", "gspo"])
def test_is_weights_of_one_change_nothing(policy: str) -> None:
    cfg = objective(
        policy=policy,
        agg="seq_mean_token_mean",
        kl_beta=0.05,
        entropy_coef=0.01,
        gspo_eps_low=0.05,
        gspo_eps_high=0.05,
    )
    ones = torch.ones(8, 9, dtype=torch.float64)
    grad, loss, metrics = _grad(cfg, 2, False)
    grad_w, loss_w, metrics_w = _grad(cfg, 2, False, is_weights=ones)
    assert torch.equal(grad, grad_w) and loss == loss_w
    assert metrics_w.pop("is_weight_mean") == 1.0
    assert metrics_w == metrics


def test_a_constant_is_weight_scales_the_policy_gradient_exactly() -> None:
    cfg = objective(eps_high=0.28, dual_clip=3.0, entropy_coef=0.01)
    grad, _, metrics = _grad(cfg, 3, True)
    grad_w, _, metrics_w = _grad(cfg, 3, True, is_weights=torch.full((8, 9), 0.25, dtype=torch.float64))
    n = grad.shape[0] // 2  # rows of the policy log-probs' gradient, then those of the entropy's
    assert grad[:n].abs().sum() > 0
    assert torch.equal(grad_w[:n], 0.25 * grad[:n])  # a power of two: exact in floating point
    assert torch.equal(grad_w[n:], grad[n:])  # the entropy bonus is not re-weighted
    assert metrics_w["pg_loss"] == 0.25 * metrics["pg_loss"] and metrics_w["is_weight_mean"] == 0.25


def test_is_weights_leave_kl_and_entropy_terms_untouched() -> None:
    # one token: ratio 1, A = 2, w = 0.25; k1 KL = log π - log π_ref = log 2; entropy 0.5
    # loss = -w·A·r + β·log 2 - c·H; d/dlogπ = -w·A + β (the k1 term's gradient is 1); d/dH = -c
    lp = torch.tensor([[LOG(0.5)]], dtype=torch.float64, requires_grad=True)
    ent = torch.tensor([[0.5]], dtype=torch.float64, requires_grad=True)
    inputs = LossInputs(
        lp,
        lp.detach(),
        torch.tensor([2.0], dtype=torch.float64),
        torch.tensor([[True]]),
        ref_logprobs=torch.tensor([[LOG(0.25)]], dtype=torch.float64),
        entropy=ent,
        is_weights=torch.tensor([[0.25]]),
    )
    cfg = objective(kl_beta=0.1, kl_estimator="k1", entropy_coef=0.01)
    out = compute_loss(inputs, cfg, StepNormalizer(1, 1))
    out.loss.backward()
    assert out.loss.item() == pytest.approx(-0.5 + 0.1 * LOG(2) - 0.005, rel=1e-12)
    assert lp.grad.item() == pytest.approx(-0.5 + 0.1, rel=1e-12)
    assert ent.grad.item() == pytest.approx(-0.01, rel=1e-12)
    assert out.metrics["pg_loss"] == -0.5 and out.metrics["is_weight_mean"] == 0.25


def test_is_weights_are_constants_and_padding_never_leaks() -> None:
    lp = torch.tensor([[-1.0, -2.0, -3.0]], requires_grad=True)
    w = torch.tensor([[0.5, 2.0, float("nan")]], requires_grad=True)
    inputs = LossInputs(lp, lp.detach(), torch.tensor([1.0]), torch.tensor([[True, True, False]]), is_weights=w)
    out = compute_loss(inputs, objective(), StepNormalizer(2, 1))
    out.loss.backward()
    assert out.loss.item() == -(0.5 + 2.0) / 2
    assert lp.grad.tolist() == [[-0.25, -1.0, 0.0]]
    assert w.grad is None
    assert out.metrics["is_weight_mean"] == 1.25


def test_half_precision_inputs_are_upcast() -> None:
    lp = torch.tensor([[-1.0, -2.0]], dtype=torch.bfloat16, requires_grad=True)
    out = compute_loss(
        LossInputs(lp, lp.detach(), torch.tensor([1.0]), torch.ones(1, 2, dtype=torch.bool)),
        objective(),
        StepNormalizer(2, 1),
    )
    assert out.loss.dtype == torch.float32 and out.loss.item() == -1.0
    out.loss.backward()
    assert lp.grad.dtype == torch.bfloat16


def _reference_clipped(r: float, a: float, lo: float, hi: float, c: float | None) -> float:
    """PPO/dual-clip objective written out case by case (Schulman et al. 2017; Ye et al. 2020)."""
    loss = max(-a * r, -a * min(max(r, 1 - lo), 1 + hi))
    if c is not None and a < 0:
        loss = min(loss, -a * c)
    return loss


@pytest.mark.parametrize("dual_clip", [None, 2.0])
def test_clipped_loss_matches_reference_on_a_grid(dual_clip: float | None) -> None:
    ratios = [0.1, 0.5, 0.79, 0.8, 0.81, 1.0, 1.1, 1.27, 1.29, 1.9, 2.5, 7.0]
    advs = [-2.0, -0.5, 0.0, 0.5, 2.0]
    points = [(r, a) for r in ratios for a in advs]
    lp = torch.tensor([[math.log(r) for r, _ in points]], dtype=torch.float64, requires_grad=True)
    adv = torch.tensor([[a for _, a in points]], dtype=torch.float64)
    cfg = objective(eps_low=0.2, eps_high=0.28, dual_clip=dual_clip)
    n = len(points)
    out = compute_loss(
        LossInputs(lp, torch.zeros(1, n, dtype=torch.float64), adv, torch.ones(1, n, dtype=torch.bool)),
        cfg,
        StepNormalizer(n, 1),
    )
    expected = sum(_reference_clipped(r, a, 0.2, 0.28, dual_clip) for r, a in points) / n
    assert out.loss.item() == pytest.approx(expected, rel=1e-12)
    out.loss.backward()
    # the gradient w.r.t. log π is -A·r/n where the unclipped branch is active, else 0
    for k, (r, a) in enumerate(points):
        active = _reference_clipped(r, a, 0.2, 0.28, dual_clip) == pytest.approx(-a * r, rel=1e-12) and not (
            (a > 0 and r > 1.28) or (a < 0 and r < 0.8) or (dual_clip is not None and a < 0 and r > dual_clip)
        )
        want = -a * r / n if active else 0.0
        assert lp.grad[0, k].item() == pytest.approx(want, abs=1e-12), (r, a)


def test_token_mean_weights_every_token_equally_across_micro_batches() -> None:
    # micro-batch A: one token of loss 1; micro-batch B: three tokens of loss 1 — the step loss is 1
    cfg = objective()
    norm = StepNormalizer(4, 2)
    a, b = (
        LossInputs(
            torch.zeros(1, t, requires_grad=True),
            torch.zeros(1, t),
            torch.tensor([-1.0]),
            torch.ones(1, t, dtype=torch.bool),
        )
        for t in (1, 3)
    )
    la, lb = compute_loss(a, cfg, norm).loss, compute_loss(b, cfg, norm).loss
    assert (la.item(), lb.item()) == (0.25, 0.75)


# --------------------------------------------------------------------------------------------- GSPO
def test_gspo_sequence_ratio_value_and_gradient() -> None:
    lp = torch.tensor([[-1.0, -2.0, -0.5, 0.0]], dtype=torch.float64)
    old = torch.tensor([[-1.1, -2.3, -0.2, 0.0]], dtype=torch.float64)
    mask = torch.tensor([[True, True, True, False]])
    cfg = objective(policy="gspo", agg="seq_mean_token_mean", gspo_eps_low=0.5, gspo_eps_high=0.5)
    theta = lp.clone().requires_grad_(True)
    out = compute_loss(LossInputs(theta, old, torch.tensor([2.0]), mask), cfg, StepNormalizer(3, 1))
    out.loss.backward()
    s = math.exp((0.1 + 0.3 - 0.3) / 3)
    assert out.loss.item() == pytest.approx(-2.0 * s, rel=1e-6)
    assert out.metrics["ratio_mean"] == pytest.approx(s, rel=1e-6)
    # reference: the sequence-level objective -A · exp(mean log-ratio)
    ref = lp.clone().requires_grad_(True)
    (-2.0 * torch.exp(((ref - old)[:, :3]).mean())).backward()
    torch.testing.assert_close(theta.grad, ref.grad)


@pytest.mark.parametrize("seed", range(3))
def test_gspo_matches_the_sequence_objective_on_random_batches(seed: int) -> None:
    """GSPO's J = mean_i min(s_i A_i, clip(s_i) A_i); the token form with seq_mean_token_mean equals it."""
    base, old, _, _, adv, mask = _batch(seed, n=6, t=7)
    theta = base.clone().requires_grad_(True)
    cfg = objective(policy="gspo", agg="seq_mean_token_mean", gspo_eps_low=0.05, gspo_eps_high=0.08)
    out = compute_loss(LossInputs(theta, old, adv, mask), cfg, StepNormalizer.from_masks([mask]))
    out.loss.backward()
    ref = base.clone().requires_grad_(True)
    s = torch.exp(((ref - old) * mask).sum(1) / mask.sum(1))
    j = torch.minimum(s * adv, s.clamp(0.95, 1.08) * adv)
    (-j.mean()).backward()
    assert out.loss.item() == pytest.approx(-j.mean().item(), rel=1e-12)
    torch.testing.assert_close(theta.grad, ref.grad, rtol=1e-10, atol=1e-12)


def test_gspo_clips_the_sequence_ratio() -> None:
    # sequence log-ratio 1e-3 > log(1 + 4e-4): clipped for A > 0, no gradient, every token counts as clipped
    theta = torch.tensor([[1e-3, 1e-3]], requires_grad=True)
    inputs = LossInputs(theta, torch.zeros(1, 2), torch.tensor([1.0]), torch.ones(1, 2, dtype=torch.bool))
    out = compute_loss(inputs, objective(policy="gspo", agg="seq_mean_token_mean"), StepNormalizer(2, 1))
    out.loss.backward()
    assert out.loss.item() == pytest.approx(-(1 + 4e-4), rel=1e-6)
    assert (theta.grad == 0).all()
    assert out.metrics["clip_frac_high"] == 1.0 and out.metrics["clip_frac_low"] == 0.0


def test_gspo_equals_clipped_for_single_token_sequences() -> None:
    g = torch.Generator().manual_seed(5)
    lp, old = torch.randn(6, 1, generator=g) * 0.1, torch.randn(6, 1, generator=g) * 0.1
    adv, mask = torch.randn(6, generator=g), torch.ones(6, 1, dtype=torch.bool)
    gspo = objective(policy="gspo", agg="seq_mean_token_mean", gspo_eps_low=0.2, gspo_eps_high=0.2)
    a = compute_loss(LossInputs(lp, old, adv, mask), gspo, StepNormalizer(6, 6))
    b = compute_loss(LossInputs(lp, old, adv, mask), objective(), StepNormalizer(6, 6))
    assert a.loss.item() == pytest.approx(b.loss.item(), rel=1e-6)


# ------------------------------------------------------------------------------------ entropy, metrics
def test_entropy_bonus_value_and_gradient() -> None:
    ent = torch.tensor([[0.5, 1.5]], requires_grad=True)
    inputs = LossInputs(
        torch.zeros(1, 2, requires_grad=True),
        torch.zeros(1, 2),
        torch.tensor([0.0]),
        torch.ones(1, 2, dtype=torch.bool),
        entropy=ent,
    )
    out = compute_loss(inputs, objective(entropy_coef=0.1), StepNormalizer(2, 1))
    out.loss.backward()
    assert out.loss.item() == pytest.approx(-0.1 * 1.0)
    assert ent.grad[0].tolist() == pytest.approx([-0.05, -0.05])
    assert out.metrics["entropy"] == pytest.approx(1.0)


def test_metrics_are_token_weighted() -> None:
    # tokens: ratio 1.5 (A>0, clipped high), ratio 0.5 (A<0, clipped low), ratio 1.0 twice (not clipped)
    lp = torch.tensor([[LOG(1.5), LOG(0.5)], [0.0, 0.0]])
    adv = torch.tensor([[1.0, -1.0], [1.0, 1.0]])
    inputs = LossInputs(lp, torch.zeros(2, 2), adv, torch.ones(2, 2, dtype=torch.bool))
    m = compute_loss(inputs, CFG, StepNormalizer(4, 2)).metrics
    assert m["num_tokens"] == 4 and m["num_seqs"] == 2
    assert m["clip_frac_high"] == 0.25 and m["clip_frac_low"] == 0.25 and m["dual_clip_frac"] == 0.0
    assert m["ratio_min"] == pytest.approx(0.5) and m["ratio_max"] == pytest.approx(1.5)
    assert m["ratio_mean"] == pytest.approx(1.0)
    assert m["pg_loss"] == pytest.approx((-1.28 + 0.8 - 1.0 - 1.0) / 4)


def test_merge_loss_metrics() -> None:
    a = {"num_tokens": 1.0, "num_seqs": 1.0, "kl": 0.4, "ratio_min": 0.9, "ratio_max": 1.1}
    b = {"num_tokens": 3.0, "num_seqs": 2.0, "kl": 0.0, "ratio_min": 0.8, "ratio_max": 1.0}
    empty = {"num_tokens": 0.0, "num_seqs": 0.0}
    assert merge_loss_metrics([a, empty, b]) == {
        "num_tokens": 4.0,
        "num_seqs": 3.0,
        "kl": pytest.approx(0.1),
        "ratio_min": 0.8,
        "ratio_max": 1.1,
    }


def test_truncation_mask() -> None:
    mask = torch.tensor([[1, 1, 0], [1, 1, 1], [1, 0, 0]], dtype=torch.bool)
    got = truncation_mask(mask, torch.tensor([False, True, False]))
    assert got.tolist() == [[True, True, False], [False, False, False], [True, False, False]]
    with pytest.raises(ValueError):
        truncation_mask(mask, torch.tensor([True]))


# -------------------------------------------------------------------------------------------- config
def test_config_fields_carry_help_strings() -> None:
    rows = describe(LossConfig)
    assert {name for name, _, _ in rows} >= {"policy[clipped].eps_high", "policy[gspo].eps_low", "agg"}
    assert all(help_ for _, _, help_ in rows), rows


@pytest.mark.parametrize(
    ("data", "field_name"),
    [
        ({"policy": {"name": "ppo2"}}, "loss.policy.name: unknown policy loss 'ppo2'"),
        ({"agg": "mean"}, "loss.agg: unknown aggregation 'mean'"),
        ({"policy": {"eps_low": 1.0}}, "loss.policy.eps_low"),
        ({"policy": {"eps_high": -0.1}}, "loss.policy.eps_high"),
        ({"policy": {"eps_high": float("inf")}}, "loss.policy.eps_high"),
        ({"policy": {"dual_clip": 1.0}}, "loss.policy.dual_clip"),
        ({"entropy_coef": -1.0}, "loss.entropy_coef"),
        ({"max_completion_len": 0}, "loss.max_completion_len"),
        ({"max_completion_len": 12.5}, "loss.max_completion_len"),
        ({"policy": {"name": "gspo", "eps_low": 1.5}, "agg": "seq_mean_token_mean"}, "loss.policy.eps_low"),
        ({"policy": {"name": "gspo"}, "agg": "token_mean"}, "loss.agg: must be 'seq_mean_token_mean'"),
    ],
)
def test_bad_config_names_the_field(data: dict, field_name: str) -> None:
    with pytest.raises(ConfigError) as e:
        build(LossConfig, data, prefix="loss")
    assert str(e.value).startswith(field_name), str(e.value)


def test_objective_checks_the_kl_term() -> None:
    with pytest.raises(ValueError, match="kl.estimator"):
        Objective(kl_estimator="k4")
    with pytest.raises(ValueError, match="kl.beta"):
        Objective(kl_beta=float("nan"))


def test_bad_inputs_raise() -> None:
    inputs = one_token(0.0, 0.0, 1.0)
    with pytest.raises(ValueError, match="ref_logprobs"):
        compute_loss(inputs, Objective(kl_beta=0.1), StepNormalizer(1, 1))
    with pytest.raises(ValueError, match="entropy"):
        compute_loss(inputs, objective(entropy_coef=0.1), StepNormalizer(1, 1))
    inputs.advantages = torch.ones(3)
    with pytest.raises(ValueError, match="advantages"):
        compute_loss(inputs, Objective(), StepNormalizer(1, 1))
    with pytest.raises(ValueError, match="old_logprobs"):
        bad = LossInputs(torch.zeros(2, 3), torch.zeros(2, 2), torch.zeros(2), torch.ones(2, 3, dtype=torch.bool))
        compute_loss(bad, Objective(), StepNormalizer(6, 2))
    with pytest.raises(ValueError, match="is_weights"):
        bad = LossInputs(
            torch.zeros(2, 3),
            torch.zeros(2, 3),
            torch.zeros(2),
            torch.ones(2, 3, dtype=torch.bool),
            is_weights=torch.ones(2, 1),
        )
        compute_loss(bad, Objective(), StepNormalizer(6, 2))
