"""VinePPO Monte Carlo values on multi-step arithmetic: exact values, advantages and budgets."""

from __future__ import annotations

import pytest
import torch

from rlvr.rl_core.advantages import compute_advantages
from rlvr.rl_core.credit import CreditInputs, get_credit, preset_affine, score_affine
from rlvr.rl_core.credit.config import MCCredit
from rlvr.rl_core.types import SamplingParams

# (3 + 4) * 2 - 5: steps 7, 14, 9
PROBLEM = (3, [("+", 4), ("*", 2), ("-", 5)])
WRONG = [None, {1: 1}, {0: 1}, None]  # c1 errs at step 2, c2 at step 1


def build(chain, tok, preset="grpo", k=4, problems=(PROBLEM,), wrongs=(WRONG,), **cfg_kw):
    task = chain.ChainTask(list(problems))
    exs = task.examples("train")
    texts = [[chain.solution(ex, w) for w in ws] for ex, ws in zip(exs, wrongs)]
    roll = chain.make_rollout(tok, exs, texts)
    g = len(wrongs[0])
    rewards = torch.tensor(
        [float(chain.AnswerVerifier().verify(t, ex.reference).passed) for ex, group in zip(exs, texts) for t in group]
    )
    adv = compute_advantages(preset, rewards.view(-1, g)).flatten()
    policy = chain.ChainPolicy(tok, exs)
    inputs = CreditInputs(
        rollout=roll,
        rewards=rewards,
        advantages=adv,
        examples=[ex for ex in exs for _ in range(g)],
        task=task,
        generator=policy,
        sampling=SamplingParams(max_new_tokens=40, seed=0),
        tokenizer=tok,
        model=torch.nn.Linear(1, 1),
    )
    cfg = MCCredit(k=k, **cfg_kw)
    return inputs, cfg, policy


def step_values(out: torch.Tensor, row: int, spans: list[tuple[int, int]]) -> list[float]:
    vals = []
    for s, e in spans:
        seg = out[row, s:e]
        assert torch.allclose(seg, seg[0].expand_as(seg)), "a step's tokens share one advantage"
        vals.append(round(float(seg[0]), 6))
    return vals


def test_values_after_a_wrong_step_drop_exactly(chain, tok):
    inputs, cfg, policy = build(chain, tok, preset="dr_grpo")
    out = get_credit("mc")(inputs, cfg)
    spans = [
        cfg.splitter()(inputs.rollout.completion_ids[i][inputs.rollout.completion_mask[i]].tolist(), tok).tokens
        for i in range(4)
    ]
    # Scores [1, 0, 0, 1]. V(s0) = the mean score of the other three: 1/3 for a correct completion, 2/3 for a
    # wrong one; correct prefix with arithmetic left: 0.75; only the answer left: 1; wrong: 0. dr_grpo's scale
    # α = 1 becomes β = α·(G−1)/G = 0.75 around the leave-one-out baseline.
    assert step_values(out, 0, spans[0]) == [0.3125, 0.0, 0.1875, 0.0]  # 0.75·(0.75 − 1/3), 0.75·(1 − 0.75)
    assert step_values(out, 1, spans[1]) == [0.0625, -0.5625, 0.0, 0.0]  # the wrong step 2 takes the blame
    assert step_values(out, 2, spans[2]) == [-0.5, 0.0, 0.0, 0.0]  # 0.75·(0 − 2/3): the wrong step 1
    assert step_values(out, 3, spans[3]) == [0.3125, 0.0, 0.1875, 0.0]
    assert torch.all(out[~inputs.rollout.completion_mask] == 0)
    # One generate call for all 4 completions x 3 inner boundaries, K = 4 each.
    assert [(p, n) for p, n, _ in policy.calls] == [(12, 4)]
    assert inputs.metrics["credit/mc_continuations"] == 48


@pytest.mark.parametrize(
    "preset,scale",
    [
        ("grpo", 1 / (3**-0.5 + 1e-6)),  # unbiased σ of [1, 0, 0, 1] = 1/√3
        ("dr_grpo", 1.0),
        ("rloo", 4 / 3),  # R_i − mean of the other three = (G/(G−1))·(R_i − mean)
        ("reinforce_pp", 1 / (3**-0.5 + 1e-6)),  # batch whitening of one group = group σ here
    ],
)
def test_mc_composes_with_every_preset(chain, tok, preset, scale):
    inputs, cfg, _ = build(chain, tok, preset=preset)
    aff = preset_affine(inputs.rewards, inputs.advantages, inputs.rollout.group_ids)
    assert torch.allclose(aff.scale, torch.full((4,), scale), rtol=1e-5)
    assert torch.allclose(aff.baseline, torch.full((4,), 0.5))
    assert torch.allclose(aff.shift, torch.zeros(4), atol=1e-6)
    step = score_affine(inputs.rewards, inputs.rewards, inputs.advantages, inputs.rollout.group_ids)
    beta = scale * 3 / 4  # around the leave-one-out baseline: rloo's scale is 1
    assert torch.allclose(step.scale, torch.full((4,), beta), rtol=1e-5)
    assert torch.allclose(step.baseline, torch.tensor([1 / 3, 2 / 3, 2 / 3, 1 / 3]))
    out = get_credit("mc")(inputs, cfg)
    mask = inputs.rollout.completion_mask
    spans = cfg.splitter()(inputs.rollout.completion_ids[1][mask[1]].tolist(), tok).tokens
    assert step_values(out, 1, spans) == pytest.approx([(0.75 - 2 / 3) * beta, -0.75 * beta, 0.0, 0.0], rel=1e-5)


def test_first_step_credit_uses_a_leave_one_out_value_of_the_prompt(chain, tok):
    """rloo's advantage is R − mean of the other G−1: its step advantages are the plain value gains, with
    V(s0) the other completions' mean score, so step 1 is valued like every later step (with V(s0) the mean
    including the completion itself, step 1's expected credit is (G−1)/G of its value gain)."""
    inputs, cfg, _ = build(chain, tok, preset="rloo")
    out = get_credit("mc")(inputs, cfg)
    mask = inputs.rollout.completion_mask
    spans = [cfg.splitter()(inputs.rollout.completion_ids[i][mask[i]].tolist(), tok).tokens for i in range(4)]
    assert step_values(out, 0, spans[0]) == pytest.approx([0.75 - 1 / 3, 0.0, 1.0 - 0.75, 0.0], abs=1e-6)
    assert step_values(out, 1, spans[1]) == pytest.approx([0.75 - 2 / 3, 0.0 - 0.75, 0.0, 0.0], abs=1e-6)
    for i in range(4):  # and the steps still sum to the preset advantage
        assert sum(step_values(out, i, spans[i])) == pytest.approx(float(inputs.advantages[i]), abs=1e-6)


@pytest.mark.parametrize("preset", ["grpo", "dr_grpo", "rloo", "reinforce_pp"])
@pytest.mark.parametrize(
    "shaping",
    [
        [0.0, -0.5, 0.0, -1.0],  # overlong penalty: completions 1 and 3 ran into the buffer
        [-0.013, -0.002, -0.021, -0.007],  # KL in the reward: -β·KL(seq) of every completion
    ],
)
def test_values_are_of_the_score_and_shaping_goes_to_every_token(chain, tok, preset, shaping):
    """One reward definition for every value (the verifier score); the shaping's share of the preset
    advantage is a sequence-level term that every token receives, not a jump at the last step."""
    inputs, cfg, _ = build(chain, tok, preset=preset)
    scores = inputs.rewards.clone()
    inputs.scores = scores
    inputs.rewards = scores + torch.tensor(shaping)
    inputs.advantages = compute_advantages(preset, inputs.rewards.view(1, 4)).flatten()
    out = get_credit("mc")(inputs, cfg)
    aff = preset_affine(inputs.rewards, inputs.advantages, inputs.rollout.group_ids)
    beta = aff.scale * 3 / 4
    shift = inputs.advantages - aff.scale * (scores - scores.mean())
    mask = inputs.rollout.completion_mask
    # the score values of each completion (V(s0) leave-one-out, inner values of the chain policy, V(sL) = S)
    values = {0: [1 / 3, 0.75, 0.75, 1.0, 1.0], 1: [2 / 3, 0.75, 0.0, 0.0, 0.0], 3: [1 / 3, 0.75, 0.75, 1.0, 1.0]}
    for i, v in values.items():
        spans = cfg.splitter()(inputs.rollout.completion_ids[i][mask[i]].tolist(), tok).tokens
        want = [float(beta[i]) * (b - a) + float(shift[i]) for a, b in zip(v[:-1], v[1:])]
        assert step_values(out, i, spans) == pytest.approx(want, abs=1e-5)
        assert sum(step_values(out, i, spans)) == pytest.approx(
            float(inputs.advantages[i]) + (len(spans) - 1) * float(shift[i]), abs=1e-5
        )


def test_sum_of_step_deltas_is_the_preset_advantage(chain, tok):
    inputs, cfg, _ = build(chain, tok, preset="grpo")
    out = get_credit("mc")(inputs, cfg)
    mask = inputs.rollout.completion_mask
    for i in range(4):
        spans = cfg.splitter()(inputs.rollout.completion_ids[i][mask[i]].tolist(), tok).tokens
        assert sum(step_values(out, i, spans)) == pytest.approx(float(inputs.advantages[i]), rel=1e-5)


def test_max_steps_merges_steps_and_values_fewer_boundaries(chain, tok):
    inputs, cfg, policy = build(chain, tok, preset="dr_grpo", max_steps=2)
    out = get_credit("mc")(inputs, cfg)
    mask = inputs.rollout.completion_mask
    spans = cfg.splitter()(inputs.rollout.completion_ids[1][mask[1]].tolist(), tok).tokens
    assert len(spans) == 2
    # after "3+4=7\n7*2=15\n": V = 0 (from V(s0) = 2/3), then S = 0; times β = 3/4
    assert step_values(out, 1, spans) == [-0.5, 0.0]
    assert policy.calls[0][0] == 4


def test_select_failed_keeps_the_preset_advantage_elsewhere(chain, tok):
    inputs, cfg, policy = build(chain, tok, preset="dr_grpo", select="failed")
    out = get_credit("mc")(inputs, cfg)
    mask = inputs.rollout.completion_mask
    assert torch.all(out[0][mask[0]] == 0.5) and torch.all(out[3][mask[3]] == 0.5)
    assert policy.calls[0][0] == 6  # 2 failed completions x 3 boundaries


def test_continuation_budget_is_enforced(chain, tok):
    inputs, cfg, policy = build(chain, tok, preset="dr_grpo", max_new_tokens=3)
    out = get_credit("mc")(inputs, cfg)
    mask = inputs.rollout.completion_mask
    spans = cfg.splitter()(inputs.rollout.completion_ids[0][mask[0]].tolist(), tok).tokens
    # Three tokens never reach "Answer:", so every inner value is 0: the first step takes −1/3 (V(s0) = the
    # others' mean), the last +1; times dr_grpo's β = 3/4.
    assert step_values(out, 0, spans) == [-0.25, 0.0, 0.0, 0.75]
    assert policy.calls[0][2].max_new_tokens == 3
    assert inputs.metrics["credit/mc_tokens"] == 48 * 3


def test_chunked_generation_gives_the_same_values(chain, tok):
    a, cfg, _ = build(chain, tok)
    b, cfg_chunked, policy = build(chain, tok, chunk=5)
    assert torch.equal(get_credit("mc")(a, cfg), get_credit("mc")(b, cfg_chunked))
    assert [p for p, _, _ in policy.calls] == [5, 5, 2]


def test_zero_variance_group_uses_the_batch_scale(chain, tok):
    problems = (PROBLEM, (2, [("+", 2), ("*", 3), ("+", 1)]))
    wrongs = (WRONG, [{0: 1}, {1: 2}, {2: 1}, {0: 1}])  # the second group is all wrong: preset advantage 0
    inputs, cfg, _ = build(chain, tok, preset="dr_grpo", problems=problems, wrongs=wrongs)
    assert torch.all(inputs.advantages[4:] == 0)
    out = get_credit("mc")(inputs, cfg)
    mask = inputs.rollout.completion_mask
    spans = cfg.splitter()(inputs.rollout.completion_ids[5][mask[5]].tolist(), tok).tokens
    # baseline 0; after step 1 (correct, arithmetic left) 0.75; after the wrong step 2, 0; final 0; the batch
    # scale 1 of the varied group, times (G−1)/G.
    assert step_values(out, 5, spans) == [0.5625, -0.5625, 0.0, 0.0]


def test_group_ids_after_dynamic_sampling_filtering(chain, tok):
    """Kept groups arrive with their own prompt table; values do not depend on which groups were dropped."""
    inputs, cfg, _ = build(chain, tok, preset="dr_grpo")
    ref = get_credit("mc")(inputs, cfg)
    roll = inputs.rollout
    roll.prompt_ids = [[0], *roll.prompt_ids]  # a dropped group left a hole at index 0
    roll.group_ids = roll.group_ids + 1
    assert torch.equal(get_credit("mc")(inputs, cfg), ref)


def test_bad_inputs_are_rejected(chain, tok):
    inputs, _, _ = build(chain, tok)
    with pytest.raises(ValueError, match="rewards"):
        CreditInputs(**{**vars(inputs), "rewards": torch.zeros(3)})


def test_select_varied_skips_groups_without_signal(chain, tok):
    problems = (PROBLEM, (2, [("+", 2), ("*", 3), ("+", 1)]))
    wrongs = (WRONG, [{0: 1}, {1: 2}, {2: 1}, {0: 1}])
    inputs, cfg, policy = build(chain, tok, preset="grpo", problems=problems, wrongs=wrongs, select="varied")
    out = get_credit("mc")(inputs, cfg)
    assert torch.all(out[4:] == 0)  # the all-wrong group keeps its (zero) preset advantage
    assert policy.calls[0][0] == 12  # only the first group's 4 completions x 3 boundaries
