"""Three Ray nodes on this machine (``ray.cluster_utils.Cluster``): the learner ranks on a "trainer" node
through a placement group, a rollout actor on the head, verifier actors on a CPU-only node, all placed by
custom resources; one synchronous round through every seam (push, generate, verify, learner step, push over
the collective, generate again) crosses nodes; a placement that cannot be met fails naming the group.

Runs inside a private network namespace (conftest ``run_in_netns``); outside it, this module is one test.
"""

from __future__ import annotations

import os
import sys

import pytest

IN_NETNS = os.environ.get("RLVR_NETNS") == "1"

if not IN_NETNS:

    @pytest.mark.slow
    def test_multi_node_cluster_in_private_network(run_in_netns, netns_passed) -> None:  # type: ignore[no-untyped-def]
        netns_passed(run_in_netns(__file__))

else:
    import ray
    import torch
    from ray.cluster_utils import Cluster

    from rlvr.rl_core.advantages import compute_advantages
    from rlvr.rl_core.config import build, load_config
    from rlvr.rl_core.distributed.collect import generate_and_verify
    from rlvr.rl_core.distributed.config import DistributedConfig
    from rlvr.rl_core.distributed.errors import DistributedError
    from rlvr.rl_core.distributed.learner import LearnerGroup, make_micro_batches
    from rlvr.rl_core.distributed.rollout import RolloutGroup
    from rlvr.rl_core.distributed.runtime import init_ray, start_groups
    from rlvr.rl_core.distributed.sync import WeightSync
    from rlvr.rl_core.distributed.verifier import VerifierGroup
    from rlvr.rl_core.distributed.worker import build_policy
    from rlvr.rl_core.losses import StepNormalizer
    from rlvr.rl_core.mismatch import mismatch_metrics
    from rlvr.rl_core.types import SamplingParams
    from rlvr.verifiers.base import Verifier, VerifyResult

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])

    G = 4
    CFG = ["rollout.group_size=4", "rollout.max_new_tokens=8", "optim.micro_batch_size=4", "optim.lr=0.05", "seed=2"]

    class DigitVerifier(Verifier):
        name = "digits"

        def verify(self, completion, reference, **context):
            return VerifyResult(score=sum(c.isdigit() for c in completion[:4]) / 4, passed=False)

    @pytest.fixture(scope="module")
    def cluster():
        c = Cluster(
            initialize_head=True,
            head_node_args={"num_cpus": 2, "resources": {"rollout_node": 1}, "include_dashboard": False},
        )
        trainer = c.add_node(num_cpus=2, resources={"trainer": 2})
        verify = c.add_node(num_cpus=2, resources={"verifier_node": 2})
        init_ray(build(DistributedConfig, {"address": c.address}, "distributed"), log_to_driver=False)
        yield {"head": c.head_node.node_id, "trainer": trainer.node_id, "verify": verify.node_id}
        ray.shutdown()
        c.shutdown()

    def test_actors_land_on_their_nodes_and_a_round_crosses_them(cluster) -> None:
        cfg = load_config(None, CFG)
        dcfg = build(
            DistributedConfig,
            {
                "backend": "ray",
                "learner": {"size": 2, "resources": {"num_cpus": 0.5, "custom": {"trainer": 1}}},
                "rollout": {"size": 1, "resources": {"num_cpus": 0.5, "custom": {"rollout_node": 1}}},
                "verifier": {"size": 2, "resources": {"num_cpus": 0.5, "custom": {"verifier_node": 1}}},
                "placement": {"force": True, "learner": "STRICT_PACK", "rollout": "none"},
                "weight_sync": {"transport": "object_store"},
                "timeouts": {"startup_s": 300, "call_s": 120, "weight_sync_s": 120, "collective_s": 60},
            },
            "distributed",
        )
        learner, rollouts, verifiers = start_groups(
            lambda: LearnerGroup(cfg, dcfg), lambda: RolloutGroup(cfg, dcfg), lambda: VerifierGroup(DigitVerifier, dcfg)
        )
        try:
            assert learner.pg is not None
            assert ray.get([a.node_id.remote() for a in learner.actors]) == [cluster["trainer"]] * 2
            assert ray.get([a.node_id.remote() for a in rollouts.actors]) == [cluster["head"]]
            assert ray.get([a.node_id.remote() for a in verifiers.actors]) == [cluster["verify"]] * 2

            _, tok = build_policy(cfg)
            pad = tok.pad_token_id
            prompts = [tok(t, add_special_tokens=False)["input_ids"] for t in ("1+1=", "2+5=", "9+9=")]
            sync = WeightSync(dcfg, learner, rollouts)
            sync.push(0, full=True)
            params = SamplingParams(max_new_tokens=8, seed=4)
            got = generate_and_verify(rollouts, verifiers, prompts, ["x"] * 3, G, params, 0, pad)
            rewards = torch.tensor([r.score for r in got.results]).view(3, G)
            adv = compute_advantages("grpo", rewards).flatten()
            mbs = make_micro_batches(got.batch, adv, got.batch.completion_mask, 4, pad)
            res = learner.step(mbs, StepNormalizer.from_masks([m.mask for m in mbs]), 1.0)
            t = res.learner_logprobs.shape[1]
            before = mismatch_metrics(
                res.learner_logprobs, got.batch.old_logprobs[:, :t], got.batch.completion_mask[:, :t]
            )
            assert before["mismatch/abs_mean"] < 1e-4  # version 0 everywhere

            dcfg.weight_sync.transport = "collective"  # gloo group of learner-0 and the rollout actor, across nodes
            sync = WeightSync(dcfg, learner, rollouts)
            sync.version = 0
            sync.push(1)
            again = generate_and_verify(rollouts, verifiers, prompts, ["x"] * 3, G, params, 1, pad)
            assert again.batch.extras["policy_version"].tolist() == [1] * 12
            mbs = make_micro_batches(again.batch, adv, again.batch.completion_mask, 4, pad)
            lp = learner.logprobs(mbs)
            t = lp.shape[1]
            after = mismatch_metrics(lp, again.batch.old_logprobs[:, :t], again.batch.completion_mask[:, :t])
            assert after["mismatch/abs_mean"] < 1e-4
        finally:
            for g in (learner, rollouts, verifiers):
                g.shutdown()

    def test_a_placement_that_cannot_be_met_fails_naming_the_group(cluster) -> None:
        cfg = load_config(None, CFG)
        dcfg = build(
            DistributedConfig,
            {
                "backend": "ray",
                "learner": {"size": 2, "resources": {"num_cpus": 0.5, "custom": {"trainer": 1}}},
                "placement": {"force": True, "learner": "STRICT_SPREAD", "ready_timeout_s": 3},
            },
            "distributed",
        )
        with pytest.raises(
            DistributedError, match=r"learner: placement group of 2 x .*trainer.*STRICT_SPREAD.*free resources"
        ):
            LearnerGroup(cfg, dcfg)
