"""The learner group: N ranks compute the gradient one process computes, for every loss aggregation.

Runs inside a private network namespace (conftest ``run_in_netns``); outside it, this module is one test.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

IN_NETNS = os.environ.get("RLVR_NETNS") == "1"

if not IN_NETNS:
    import torch

    from rlvr.rl_core.distributed.learner import assign, make_micro_batches
    from rlvr.rl_core.forward import micro_batches
    from rlvr.rl_core.rollout import build_rollout_batch

    @pytest.mark.slow
    def test_learner_group_in_private_network(run_in_netns, netns_passed) -> None:  # type: ignore[no-untyped-def]
        netns_passed(run_in_netns(__file__))

    def test_micro_batches_are_cut_as_the_trainer_cuts_them() -> None:
        g = torch.Generator().manual_seed(0)
        lengths = [3, 7, 1, 5, 6, 2, 4, 4, 7, 1]
        comps = [torch.randint(4, 90, (n,), generator=g).tolist() for n in lengths]
        prompts = [[5, 6, 7], [8, 9], [10, 11, 12, 13, 14]]  # groups of 4, 4, 2 completions: G = 4 needs 12
        batch = build_rollout_batch(
            prompts,
            comps + [[4], [5]],
            [[-1.0] * len(c) for c in comps + [[4], [5]]],
            [False] * 12,
            0,
            None,
            4,
            texts=[""] * 12,
        )
        adv = torch.randn(12, generator=g)
        for size in (1, 3, 5, 12):
            want = micro_batches(batch, size, 0)
            got = make_micro_batches(batch, adv, batch.completion_mask, size, 0)
            assert [mb.rows for mb in got] == [idx for idx, _ in want]
            for mb, (idx, p) in zip(got, want):
                for a, b in zip(vars(mb.packed).values(), vars(p).values()):
                    assert torch.equal(a, b)
                t = p.completion_ids.shape[1]
                assert torch.equal(mb.advantages, adv[idx]) and torch.equal(mb.mask, batch.completion_mask[idx, :t])
                assert torch.equal(mb.sampler_logprobs, batch.old_logprobs[idx, :t])

    def test_micro_batches_go_to_the_least_loaded_rank() -> None:
        assert assign([5, 9, 1, 4, 8], 2, equal_counts=False) == [[1, 2, 3], [0, 4]]  # 14 and 13 tokens
        assert assign([5, 9, 1, 4, 8], 2, equal_counts=True) == [[1, 2, 3], [0, 4]]
        assert assign([10, 1, 1, 1], 2, equal_counts=False) == [[0], [1, 2, 3]]
        assert assign([10, 1, 1, 1], 2, equal_counts=True) == [[0, 3], [1, 2]]
        assert assign([3], 3, equal_counts=False) == [[0], [], []]
        assert assign([], 2, equal_counts=True) == [[], []]

else:
    import ray
    import torch

    from rlvr.rl_core.config import build, load_config
    from rlvr.rl_core.distributed.config import DistributedConfig
    from rlvr.rl_core.distributed.errors import ActorFailedError, DistributedError
    from rlvr.rl_core.distributed.learner import LearnerGroup, make_micro_batches
    from rlvr.rl_core.distributed.runtime import start_groups
    from rlvr.rl_core.distributed.worker import build_policy
    from rlvr.rl_core.forward import token_logprobs
    from rlvr.rl_core.lora import make_optimizer
    from rlvr.rl_core.losses import AGGREGATIONS, LossInputs, StepNormalizer, compute_loss
    from rlvr.rl_core.rollout import HFGenerator
    from rlvr.rl_core.types import SamplingParams

    G, MAX_NEW = 4, 10
    GRAD_ATOL = 1e-7  # float32 gradients summed in another order (two ranks, shards) agree to about this
    BASE = [
        "rollout.group_size=4",
        f"rollout.max_new_tokens={MAX_NEW}",
        "optim.micro_batch_size=3",
        "optim.lr=0.05",
        "seed=3",
    ]
    LORA = [*BASE, "lora.enabled=true", "lora.r=4", "lora.alpha=8"]

    def cfg_of(*over):
        return load_config(None, list(over))

    def dist_cfg(size, strategy="ddp", collective_s=120.0):
        data = {
            "backend": "ray",
            "learner": {"size": size, "strategy": strategy, "resources": {"num_cpus": 0.5}},
            "timeouts": {"collective_s": collective_s, "startup_s": 300, "call_s": 300},
        }
        return build(DistributedConfig, data, "distributed")

    def perturbed(model, seed):
        """Random trainable weights (LoRA's B starts at zero, which would hide half the gradient)."""
        g = torch.Generator().manual_seed(seed)
        return {n: torch.randn(p.shape, generator=g) * 0.1 for n, p in model.named_parameters() if p.requires_grad}

    @pytest.fixture(scope="module")
    def batch():
        """A real rollout of the tiny model: 4 prompts x G completions (ragged lengths)."""
        model, tok = build_policy(cfg_of(*BASE))
        prompts = [tok(t, add_special_tokens=False)["input_ids"] for t in ("3+4=", "12+9=", "7+1=", "20+22=")]
        return HFGenerator(model, tok).generate(prompts, G, SamplingParams(max_new_tokens=MAX_NEW, seed=11)), tok

    def micro(batch_tok, token_level=False, ref=False, sizes=3):
        b, tok = batch_tok
        g = torch.Generator().manual_seed(5)
        adv = torch.randn(b.completion_ids.shape if token_level else (len(b),), generator=g)
        refs = b.old_logprobs - 0.3 * torch.rand(b.old_logprobs.shape, generator=g) if ref else None
        mask = b.completion_mask.clone()
        mask[1] = False  # one sequence with no counted token
        return make_micro_batches(b, adv, mask, sizes, tok.pad_token_id, ref_logprobs=refs)

    def local_gradients(cfg, mbs, loss_cfg, state=None):
        """The single-process reference: the trainer's per-micro-batch loss, summed by autograd."""
        model, _ = build_policy(cfg)
        if state is not None:
            with torch.no_grad():
                for n, p in model.named_parameters():
                    if n in state:
                        p.copy_(state[n])
        model.train()
        norm = StepNormalizer.from_masks([mb.mask for mb in mbs])
        lps = []
        for mb in mbs:
            lp, ent = token_logprobs(model, mb.packed, cfg.rollout.temperature, True, loss_cfg.entropy_coef > 0)
            lps.append(lp.detach())
            inputs = LossInputs(lp, lp.detach(), mb.advantages, mb.mask, mb.ref_logprobs, ent)
            compute_loss(inputs, loss_cfg, norm).loss.backward()
        grads = {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad and p.grad is not None}
        return grads, norm, lps, model

    @pytest.fixture(scope="module")
    def lora_groups(ray_local):
        cfg = cfg_of(*LORA)
        one, two = start_groups(lambda: LearnerGroup(cfg, dist_cfg(1)), lambda: LearnerGroup(cfg, dist_cfg(2)))
        state = perturbed(build_policy(cfg)[0], 0)
        one.load_trainable_state(state)
        two.load_trainable_state(state)
        yield cfg, one, two, state
        one.shutdown()
        two.shutdown()

    LOSSES = [
        *[(f"loss.agg={a}",) for a in AGGREGATIONS.names()],
        ("loss.agg=seq_mean_token_mean", "loss.policy.name=gspo"),
        ("loss.agg=seq_mean_token_mean", "kl.beta=0.1", "loss.entropy_coef=0.01"),
    ]

    @pytest.mark.parametrize("over", LOSSES, ids="-".join)
    @pytest.mark.parametrize("token_level", [False, True], ids=["seq_adv", "token_adv"])
    def test_two_ranks_compute_the_one_process_gradient(lora_groups, batch, over, token_level) -> None:
        cfg, one, two, state = lora_groups
        loss_cfg = cfg_of(*LORA, *over).loss_config()
        mbs = micro(batch, token_level, ref=loss_cfg.kl_beta > 0)
        assert len(mbs) == 6  # 16 rows in micro-batches of 3: ranks get unequal shares
        want, norm, _, _ = local_gradients(cfg, mbs, loss_cfg, state)
        g1 = one.gradients(mbs, norm, loss_cfg)
        g2 = two.gradients(mbs, norm, loss_cfg)
        assert sorted(g1) == sorted(g2) == sorted(want) and len(want) == 16  # A and B of q, k, v, o in two layers
        for n in want:
            assert want[n].abs().sum() > 0, n
            torch.testing.assert_close(g1[n], want[n], rtol=0, atol=0)  # one rank: the same arithmetic
            torch.testing.assert_close(g2[n], want[n], rtol=1e-5, atol=1e-8)  # two: summed in another order

    def test_a_rank_without_micro_batches_adds_nothing(lora_groups, batch) -> None:
        cfg, one, two, state = lora_groups
        mbs = micro(batch, sizes=16)  # one micro-batch: rank 1 idles
        want, norm, _, _ = local_gradients(cfg, mbs, cfg.loss_config(), state)
        got = two.gradients(mbs, norm)
        for n in want:
            torch.testing.assert_close(got[n], want[n], rtol=1e-6, atol=0)

    def test_steps_on_one_and_two_ranks_agree(lora_groups, batch) -> None:
        cfg, one, two, state = lora_groups
        mbs = micro(batch)
        norm = StepNormalizer.from_masks([mb.mask for mb in mbs])
        _, _, lps, _ = local_gradients(cfg, mbs, cfg.loss_config(), state)
        r1, r2 = one.step(mbs, norm, 0.5), two.step(mbs, norm, 0.5)
        assert r1.rows == r2.rows == list(range(16))
        b, _ = batch
        for mb, lp in zip(mbs, lps):
            torch.testing.assert_close(r1.learner_logprobs[mb.rows, : lp.shape[1]], lp, rtol=0, atol=0)
            torch.testing.assert_close(r2.learner_logprobs[mb.rows, : lp.shape[1]], lp, rtol=0, atol=1e-6)
        assert r1.step_metrics["lr"] == r2.step_metrics["lr"] == 0.025
        assert r1.step_metrics["grad_norm"] == pytest.approx(r2.step_metrics["grad_norm"], rel=1e-5)
        for k, v in r1.loss_metrics.items():
            assert r2.loss_metrics[k] == pytest.approx(v, rel=1e-5, abs=1e-7), k
        assert r1.loss_metrics["num_tokens"] == norm.num_tokens
        s1, s2 = one.trainable_state(), two.trainable_state()
        moved = 0
        for n in s1:
            torch.testing.assert_close(s2[n], s1[n], rtol=1e-5, atol=1e-6)
            moved += int(not torch.equal(s1[n], state[n]))
        assert moved == len(s1)

    def resumes_exactly(group, mbs) -> None:
        """Step, checkpoint, step; restore the checkpoint and step again: the same weights bit for bit."""
        norm = StepNormalizer.from_masks([mb.mask for mb in mbs])
        group.step(mbs, norm, 1.0)
        saved = group.state_dict()
        assert saved["optimizer"]["state"] and set(saved["model"]) == set(group.trainable_state())
        group.step(mbs, norm, 0.5)
        want = group.trainable_state()
        group.load_state_dict(saved)
        assert all(torch.equal(group.trainable_state()[n], t) for n, t in saved["model"].items())
        group.step(mbs, norm, 0.5)
        got = group.trainable_state()
        for n in want:
            assert torch.equal(got[n], want[n]), n

    def test_a_checkpoint_of_the_group_resumes_exactly(lora_groups, batch) -> None:
        resumes_exactly(lora_groups[2], micro(batch))

    def test_fsdp2_full_fine_tuning_matches_one_process(ray_local, batch) -> None:
        # AdamW's first step moves a weight by lr * g / (|g| + eps): where g is float noise (a cancelling
        # sum), the summation order alone decides its move; a larger eps keeps the comparison about gradients
        cfg = cfg_of(*BASE, "optim.adam_eps=1e-4")
        group = LearnerGroup(cfg, dist_cfg(2, "fsdp2"))
        try:
            mbs = micro(batch, sizes=5)  # 4 micro-batches of unequal token counts, equal counts per rank
            for agg in AGGREGATIONS.names():
                loss_cfg = cfg_of(*BASE, "optim.adam_eps=1e-4", f"loss.agg={agg}").loss_config()
                want, norm, _, _ = local_gradients(cfg, mbs, loss_cfg)
                got = group.gradients(mbs, norm, loss_cfg)
                assert sorted(got) == sorted(want) and len(want) > 10
                for n in want:
                    torch.testing.assert_close(
                        got[n], want[n], rtol=1e-4, atol=GRAD_ATOL, msg=lambda m, n=n: f"{n}: {m}"
                    )
            mbs = micro(batch, sizes=7)  # 3 micro-batches: rank 1 gets a zero-weight pad
            want, norm, lps, model = local_gradients(cfg, mbs, cfg.loss_config())
            res = group.step(mbs, norm, 1.0)
            for mb, lp in zip(mbs, lps):
                torch.testing.assert_close(res.learner_logprobs[mb.rows, : lp.shape[1]], lp, rtol=1e-4, atol=1e-5)
            opt = make_optimizer(model, cfg.optim, cfg.lora)
            torch.nn.utils.clip_grad_norm_(list(model.parameters()), cfg.optim.max_grad_norm)
            opt.step()
            after = group.trainable_state()
            # the first move lr * g / (|g| + eps) has slope at most lr / eps in g: the gradients' atol, so scaled,
            # bounds what summation order alone may change in a weight (a real fault moves it by ~lr)
            move_atol = cfg.optim.lr / cfg.optim.adam_eps * GRAD_ATOL
            for n, p in model.named_parameters():
                torch.testing.assert_close(after[n], p.detach(), rtol=1e-4, atol=move_atol)
            resumes_exactly(group, mbs)
        finally:
            group.shutdown()

    def test_a_collective_whose_peer_hangs_or_dies_fails_with_its_name(ray_local, batch) -> None:
        cfg = cfg_of(*LORA)
        group = LearnerGroup(cfg, dist_cfg(2, collective_s=4.0))
        mbs = micro(batch)
        norm = StepNormalizer.from_masks([mb.mask for mb in mbs])
        pids = ray.get([a.pid.remote() for a in group.actors])
        try:
            os.kill(pids[1], signal.SIGSTOP)  # hung: never enters the all-reduce
            t0 = time.monotonic()
            ref = group.actors[0].gradients.remote(mbs[:3], norm)
            with pytest.raises(ray.exceptions.RayTaskError, match="Timed out|timed out|Timeout"):
                ray.get(ref, timeout=120)
            assert time.monotonic() - t0 < 60  # the 4 s collective timeout, plus the forward passes
            os.kill(pids[1], signal.SIGKILL)  # dead: the controller names it
            with pytest.raises(ActorFailedError, match="learner-1.*died") as e:
                group.step(mbs, norm, 1.0)
            assert isinstance(e.value, DistributedError)
        finally:
            for p in pids:
                try:
                    os.kill(p, signal.SIGCONT)
                except ProcessLookupError:
                    pass
            group.shutdown()
