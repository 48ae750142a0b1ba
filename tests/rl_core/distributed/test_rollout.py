"""Rollout workers and versioned weight sync: after a push the rollout actors sample with exactly the
learner's weights (per transport), a stale rollout is an error, a push that moves nothing is an error, and a
rollout actor killed mid-step comes back and the step's completions and rewards are identical.

Runs inside a private network namespace (conftest ``run_in_netns``); outside it, this module is one test.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

IN_NETNS = os.environ.get("RLVR_NETNS") == "1"

if not IN_NETNS:
    from rlvr.rl_core.distributed.rollout import RolloutChunk, merge_chunks, plan_tasks, task_seed

    @pytest.mark.slow
    def test_rollout_workers_in_private_network(run_in_netns, netns_passed) -> None:  # type: ignore[no-untyped-def]
        netns_passed(run_in_netns(__file__))

    def test_tasks_cover_the_prompts_in_order() -> None:
        assert plan_tasks(5, 2, None) == [[0, 1], [2, 3, 4]]
        assert plan_tasks(7, 3, None) == [[0, 1], [2, 3, 4], [5, 6]]
        assert plan_tasks(2, 4, None) == [[0], [1]]
        assert plan_tasks(5, 2, 2) == [[0, 1], [2, 3], [4]]
        assert plan_tasks(0, 2, None) == [] and plan_tasks(0, 2, 3) == []

    def test_one_task_keeps_the_step_seed_and_many_get_distinct_ones() -> None:
        assert task_seed(17, 0, 1) == 17 and task_seed(None, 3, 4) is None
        seeds = [task_seed(17, i, 4) for i in range(4)]
        assert len(set(seeds)) == 4 and 17 not in seeds and seeds == [task_seed(17, i, 4) for i in range(4)]

    def test_chunks_merge_in_task_order_with_their_versions() -> None:
        def chunk(i, prompts, version):
            comps = [[10 + i, 11], [12]] * len(prompts)
            return RolloutChunk(
                i,
                prompts,
                comps,
                [[-0.5] * len(c) for c in comps],
                [False, True] * len(prompts),
                ["a", "b"] * len(prompts),
                version,
                f"rollout-{i}",
                0.0,
            )

        b = merge_chunks([chunk(0, [[1, 2]], 3), chunk(1, [[3], [4, 5]], 3)], 2, 0)
        assert b.prompt_ids == [[1, 2], [3], [4, 5]] and b.group_ids.tolist() == [0, 0, 1, 1, 2, 2]
        assert b.completion_ids[:, 0].tolist() == [10, 12, 11, 12, 11, 12]
        assert b.completion_mask.sum(1).tolist() == [2, 1] * 3 and b.truncated.tolist() == [False, True] * 3
        assert b.extras["policy_version"].tolist() == [3] * 6

else:
    import ray
    import torch

    from rlvr.rl_core.config import build, load_config
    from rlvr.rl_core.distributed.collect import generate_and_verify
    from rlvr.rl_core.distributed.config import DistributedConfig
    from rlvr.rl_core.distributed.errors import DistributedError, LogprobGapError, StaleRolloutError, WeightSyncError
    from rlvr.rl_core.distributed.learner import LearnerGroup, make_micro_batches
    from rlvr.rl_core.distributed.rollout import RolloutGroup, RolloutWorker, task_seed
    from rlvr.rl_core.distributed.runtime import start_groups
    from rlvr.rl_core.distributed.sync import WeightSync
    from rlvr.rl_core.distributed.verifier import VerifierGroup
    from rlvr.rl_core.distributed.versioning import check_logprob_gap
    from rlvr.rl_core.distributed.worker import build_policy
    from rlvr.rl_core.losses import StepNormalizer
    from rlvr.rl_core.mismatch import mismatch_metrics
    from rlvr.rl_core.rollout import HFGenerator
    from rlvr.rl_core.types import SamplingParams
    from rlvr.verifiers.base import Verifier, VerifyResult

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the test classes travel to the actors

    G, MAX_NEW = 4, 12
    CFG = ["rollout.group_size=4", f"rollout.max_new_tokens={MAX_NEW}", "optim.micro_batch_size=4", "optim.lr=0.05"]
    CFG += ["lora.enabled=true", "lora.r=4", "lora.alpha=8", "seed=5"]
    TEXTS = ["3+4=", "12+9=", "7+1=", "20+22=", "5+5="]

    class DigitVerifier(Verifier):
        """Reward: the fraction of digits in the first four characters (a random tiny model varies it)."""

        name = "digits"

        def verify(self, completion, reference, **context):
            return VerifyResult(score=sum(c.isdigit() for c in completion[:4]) / 4, passed=False)

    class ProbedRollout(RolloutWorker):
        """A rollout actor that can be slowed down (to be killed mid-task) or made to drop pushed weights
        (the verl #7495 bug the fingerprint check exists for)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.delay, self.drop_pushes = 0.0, False

        def configure(self, delay, drop_pushes):
            self.delay, self.drop_pushes = delay, drop_pushes

        def generate(self, *args):
            time.sleep(self.delay)
            return super().generate(*args)

        def receive(self, update):
            if not self.drop_pushes:
                return super().receive(update)
            import rlvr.rl_core.distributed.rollout as mod

            real, mod.load_named = mod.load_named, lambda model, tensors: None  # a loader that moves nothing
            try:
                return super().receive(update)
            finally:
                mod.load_named = real

    @pytest.fixture(scope="module")
    def cluster(ray_local):
        cfg = load_config(None, CFG)
        dcfg = build(
            DistributedConfig,
            {
                "backend": "ray",
                "learner": {"size": 1, "resources": {"num_cpus": 0.5}},
                "rollout": {"size": 2, "resources": {"num_cpus": 0.5}},
                "verifier": {"size": 1, "resources": {"num_cpus": 0.5}},
                "timeouts": {"startup_s": 300, "call_s": 120, "weight_sync_s": 120, "collective_s": 60},
            },
            "distributed",
        )
        learner, rollouts, verifiers = start_groups(
            lambda: LearnerGroup(cfg, dcfg),
            lambda: RolloutGroup(cfg, dcfg, ProbedRollout),
            lambda: VerifierGroup(DigitVerifier, dcfg),
        )
        _, tok = build_policy(cfg)
        prompts = [tok(t, add_special_tokens=False)["input_ids"] for t in TEXTS]
        g = torch.Generator().manual_seed(1)
        learner.load_trainable_state(
            {
                n: torch.randn(p.shape, generator=g) * 0.2
                for n, p in build_policy(cfg)[0].named_parameters()
                if p.requires_grad
            }
        )
        yield {
            "cfg": cfg,
            "dcfg": dcfg,
            "learner": learner,
            "rollouts": rollouts,
            "verifiers": verifiers,
            "prompts": prompts,
            "tok": tok,
        }
        for group in (learner, rollouts, verifiers):
            group.shutdown()

    @pytest.fixture(scope="module")
    def state():
        return {"version": -1}  # the last pushed version, shared by the tests of this module (they run in order)

    def params(seed=17):
        return SamplingParams(max_new_tokens=MAX_NEW, temperature=1.0, seed=seed)

    def gap(c, batch):
        """rollout/logprob_gap: the learner's log-probs of the sampled tokens against the sampler's."""
        mbs = make_micro_batches(batch, torch.zeros(len(batch)), batch.completion_mask, 4, c["tok"].pad_token_id)
        lp = c["learner"].logprobs(mbs)
        t = lp.shape[1]
        return mismatch_metrics(lp, batch.old_logprobs[:, :t], batch.completion_mask[:, :t])["mismatch/abs_mean"]

    def train_step(c, batch):
        g = torch.Generator().manual_seed(len(batch))
        mbs = make_micro_batches(
            batch, torch.randn(len(batch), generator=g), batch.completion_mask, 4, c["tok"].pad_token_id
        )
        c["learner"].step(mbs, StepNormalizer.from_masks([m.mask for m in mbs]), 1.0)

    @pytest.mark.parametrize("transport", ["object_store", "filesystem", "collective"])
    def test_after_a_push_sampler_and_learner_logprobs_agree(cluster, state, tmp_path_factory, transport) -> None:
        c = cluster
        c["dcfg"].weight_sync.transport = transport
        c["dcfg"].weight_sync.path = str(tmp_path_factory.mktemp("weights"))
        sync = WeightSync(c["dcfg"], c["learner"], c["rollouts"])
        v = state["version"] + 1
        first = sync.version = None if v == 0 else state["version"]
        report = sync.push(v, full=first is None)
        state["version"] = v
        assert report.version == v and report.nbytes > 0
        versions = ray.get([a.policy_version.remote() for a in c["rollouts"].actors])
        assert versions == [v, v]
        batch = c["rollouts"].generate(c["prompts"], G, params(), v, c["tok"].pad_token_id)
        assert batch.extras["policy_version"].tolist() == [v] * len(batch)
        fresh = gap(c, batch)
        assert fresh < 1e-4  # the same weights: kernel rounding only
        check_logprob_gap(fresh, 1e-3, v)
        if transport == "filesystem":
            folders = sorted(p.name for p in (tmp_path_factory.getbasetemp()).glob("weights*/v*"))
            assert folders and folders[-1] == f"v{v:08d}"
        # the learner steps; until the next push the actors are one version behind
        train_step(c, batch)
        with pytest.raises(StaleRolloutError, match=f"version {v} at learner version {v + 1}"):
            c["rollouts"].generate(c["prompts"], G, params(), v + 1, c["tok"].pad_token_id)
        stale = c["rollouts"].generate(c["prompts"], G, params(), v, c["tok"].pad_token_id)
        measured = gap(c, stale)
        assert measured > 100 * max(fresh, 1e-7)
        with pytest.raises(LogprobGapError, match="exceeds distributed.max_logprob_gap"):
            check_logprob_gap(measured, 1e-3, v + 1)
        v += 1
        sync.push(v)
        state["version"] = v
        again = c["rollouts"].generate(c["prompts"], G, params(), v, c["tok"].pad_token_id)
        assert gap(c, again) < 1e-4

    def test_a_push_that_moves_nothing_is_an_error(cluster, state) -> None:
        c = cluster
        c["dcfg"].weight_sync.transport = "object_store"
        sync = WeightSync(c["dcfg"], c["learner"], c["rollouts"])
        sync.version = state["version"]
        batch = c["rollouts"].generate(c["prompts"], G, params(), sync.version, c["tok"].pad_token_id)
        train_step(c, batch)
        ray.get(c["rollouts"].actors[1].configure.remote(0.0, True))
        with pytest.raises(WeightSyncError, match="rollout-1: after the push of version .* differ from the learner's"):
            sync.push(sync.version + 1)
        ray.get(c["rollouts"].actors[1].configure.remote(0.0, False))
        sync.push(sync.version + 2)
        state["version"] = sync.version

    def test_chunks_are_what_one_generator_samples_whichever_actor_runs_them(cluster, state) -> None:
        c = cluster
        v = state["version"]
        batch = c["rollouts"].generate(c["prompts"], G, params(), v, c["tok"].pad_token_id)
        model, tok = build_policy(c["cfg"])
        for n, p in model.named_parameters():
            if p.requires_grad:
                p.data.copy_(c["learner"].trainable_state()[n])
        gen = HFGenerator(model, tok)
        plan = c["rollouts"].tasks(c["prompts"])
        assert plan == [[0, 1], [2, 3, 4]]
        for i, idx in enumerate(plan):
            local = gen.generate([c["prompts"][j] for j in idx], G, params(task_seed(17, i, len(plan))))
            rows = [j * G + k for j in idx for k in range(G)]
            assert local.texts == [batch.texts[r] for r in rows]
            torch.testing.assert_close(
                local.old_logprobs, batch.old_logprobs[rows, : local.old_logprobs.shape[1]], rtol=0, atol=1e-5
            )
        one = c["rollouts"].generate(
            c["prompts"][:1], G, params(), v, c["tok"].pad_token_id
        )  # one task: the step's seed
        assert one.texts == gen.generate(c["prompts"][:1], G, params()).texts

    def test_a_broadcast_to_a_hung_actor_times_out_naming_it(cluster, state) -> None:
        c = cluster
        dcfg = c["dcfg"].model_copy(
            update={
                "weight_sync": c["dcfg"].weight_sync.model_copy(update={"transport": "collective"}),
                "timeouts": c["dcfg"].timeouts.model_copy(update={"collective_s": 3.0, "weight_sync_s": 30.0}),
            }
        )
        sync = WeightSync(dcfg, c["learner"], c["rollouts"])
        sync.version = state["version"]
        sync.push(sync.version + 1)  # forms the group (3 s collective timeout)
        state["version"] = sync.version
        pid = ray.get(c["rollouts"].actors[1].pid.remote())
        os.kill(pid, signal.SIGSTOP)
        t0 = time.monotonic()
        try:
            with pytest.raises(DistributedError, match=r"push v\d+ \(collective\).*still running: rollout-1"):
                sync.push(sync.version + 1)
            assert time.monotonic() - t0 < 30
        finally:
            os.kill(pid, signal.SIGCONT)
        # the next push forms a new group; the actors sample the learner's weights again
        sync.push(sync.version + 2)
        state["version"] = sync.version
        batch = c["rollouts"].generate(c["prompts"], G, params(), sync.version, c["tok"].pad_token_id)
        assert gap(c, batch) < 1e-4

    def test_a_rollout_actor_killed_mid_step_comes_back_with_identical_rewards(cluster, state) -> None:
        c = cluster
        v, pad = state["version"], c["tok"].pad_token_id
        refs = [[p] * 1 for p in TEXTS]
        base = generate_and_verify(c["rollouts"], c["verifiers"], c["prompts"], refs, G, params(23), v, pad)
        assert len(base.results) == len(TEXTS) * G and len({r.score for r in base.results}) > 1
        actors = c["rollouts"].actors
        ray.get([a.configure.remote(3.0, False) for a in actors])
        pid = ray.get(actors[0].pid.remote())
        stats = dict(c["rollouts"].pool.stats)
        killer = threading.Timer(1.5, os.kill, (pid, signal.SIGKILL))  # mid-task: both actors are sleeping
        killer.start()
        got = generate_and_verify(c["rollouts"], c["verifiers"], c["prompts"], refs, G, params(23), v, pad)
        killer.join()
        c["rollouts"].pool.settle()  # rollout-0 may still be restarting if rollout-1 re-ran its task
        ray.get([a.configure.remote(0.0, False) for a in actors])
        assert c["rollouts"].pool.stats["restarts"] == stats["restarts"] + 1
        assert c["rollouts"].pool.stats["retries"] == stats["retries"] + 1
        assert ray.get(actors[0].pid.remote()) != pid
        assert ray.get(actors[0].policy_version.remote()) == v  # the weights were re-delivered
        assert got.batch.texts == base.batch.texts
        assert torch.equal(got.batch.completion_ids, base.batch.completion_ids)
        assert [r.score for r in got.results] == [r.score for r in base.results]
        assert got.batch.extras["policy_version"].tolist() == [v] * len(got.batch)
