"""The learner's off-policy correction for stale rows (``MicroBatch.behaviour_rows``), in process (one rank,
no Ray): a stale row's π_old is the sampler's log-probs and its IS-correction weight is 1; fresh rows keep the
learner's own epoch-0 log-probs and their TIS weight. Whole gradient tensors compared for equality."""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch

from rlvr.rl_core.config import load_config
from rlvr.rl_core.distributed.learner import LearnerWorker, make_micro_batches
from rlvr.rl_core.distributed.worker import build_policy
from rlvr.rl_core.lora import make_optimizer
from rlvr.rl_core.losses import StepNormalizer
from rlvr.rl_core.mismatch import IS_CORRECTIONS
from rlvr.rl_core.rollout import HFGenerator
from rlvr.rl_core.types import SamplingParams

G = 4
OVER = ["rollout.group_size=4", "rollout.max_new_tokens=8", "seed=3", "lora.enabled=true", "lora.r=4", "lora.alpha=8"]


@pytest.fixture(scope="module")
def setup():
    """A rollout of the base policy, and a learner whose LoRA weights moved since (the rollout is stale)."""
    cfg = load_config(None, [*OVER, "rollout.is_correction=tis", "rollout.is_cap=1.5"])
    model, tok = build_policy(cfg)
    prompts = [tok(t, add_special_tokens=False)["input_ids"] for t in ("3+4=", "12+9=")]
    batch = HFGenerator(model, tok).generate(prompts, G, SamplingParams(max_new_tokens=8, seed=11))
    worker = LearnerWorker(cfg, 0, 1, "ddp", 64.0, 1)
    worker.optimizer = make_optimizer(worker.model, cfg.optim, cfg.lora)  # what join() builds; no process group
    g = torch.Generator().manual_seed(7)
    moved = {n: torch.randn(p.shape, generator=g) * 0.2 for n, p in worker.model.named_parameters() if p.requires_grad}
    worker.load_trainable_state(moved)
    adv = torch.randn(len(batch), generator=g)
    return worker, batch, adv, tok.pad_token_id


def grads(worker, mbs, correction):
    worker.is_correction = None if correction == "none" else IS_CORRECTIONS[correction]
    return worker.gradients(mbs, StepNormalizer.from_masks([mb.mask for mb in mbs]))


def records(setup, old=None, rows=None):
    worker, batch, adv, pad = setup
    mbs = make_micro_batches(batch, adv, batch.completion_mask, 3, pad, old_logprobs=old)
    return [mb if rows is None else replace(mb, behaviour_rows=rows[mb.rows]) for mb in mbs]


def equal(a, b) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[n], b[n]) for n in a)


def test_stale_rows_take_the_sampler_log_probs_as_pi_old_and_weight_one(setup) -> None:
    worker, batch, _, _ = setup
    every = torch.ones(len(batch), dtype=torch.bool)
    got = grads(worker, records(setup, rows=every), "tis")
    want = grads(worker, records(setup, old=batch.old_logprobs), "none")  # ratio π_θ / π_sampler, no IS weight
    assert equal(got, want)
    on_policy = grads(worker, records(setup), "tis")  # the synchronous loop's: π_old = the learner's own
    assert not equal(got, on_policy)


def test_fresh_rows_keep_the_learners_own_log_probs(setup) -> None:
    worker, batch, _, _ = setup
    stale = torch.arange(len(batch)) < G  # the first group is stale, the second fresh
    own = worker.logprobs(records(setup))
    mixed_old = torch.where(stale[:, None], batch.old_logprobs, own)
    assert equal(
        grads(worker, records(setup, rows=stale), "none"), grads(worker, records(setup, old=mixed_old), "none")
    )
    nobody = torch.zeros(len(batch), dtype=torch.bool)  # no stale row: exactly the synchronous update
    assert equal(grads(worker, records(setup, rows=nobody), "tis"), grads(worker, records(setup), "tis"))
