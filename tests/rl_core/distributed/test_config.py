"""The ``distributed`` config section: defaults, building from a mapping, errors naming the dotted field."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rlvr.rl_core.config import ConfigError, describe
from rlvr.rl_core.config_base import build
from rlvr.rl_core.distributed.config import DistributedConfig


def make(data):
    return build(DistributedConfig, data, "distributed")


def test_defaults_are_the_local_backend_with_one_actor_per_group() -> None:
    c = DistributedConfig()
    assert c.backend == "local" and c.address is None
    assert (c.learner.size, c.rollout.size, c.verifier.size) == (1, 1, 1)
    assert c.weight_sync.transport == "object_store" and c.max_logprob_gap == 0.5


def test_a_nested_mapping_builds_every_section() -> None:
    c = make(
        {
            "backend": "ray",
            "address": "auto",
            "learner": {"size": 4, "strategy": "fsdp2", "resources": {"num_cpus": 8, "num_gpus": 1}},
            "rollout": {"size": 2, "prompts_per_task": 16, "resources": {"num_gpus": 0.5}},
            "verifier": {
                "size": 8,
                "sample_timeout_s": 10,
                "resources": {"num_cpus": 0.5, "custom": {"verifier_node": 1}},
            },
            "placement": {"learner": "STRICT_PACK"},
            "weight_sync": {"transport": "filesystem", "path": "/shared/w", "keep": 3},
            "timeouts": {"collective_s": 120},
            "env": {"GLOO_SOCKET_IFNAME": "eth0"},
        }
    )
    assert c.learner.resources.num_gpus == 1 and c.learner.resources.threads == 8
    assert c.verifier.resources.custom == {"verifier_node": 1} and c.verifier.resources.threads == 1
    assert c.rollout.resources.num_gpus == 0.5 and c.timeouts.collective_s == 120
    env = c.actor_env(c.verifier.resources)
    assert env["OMP_NUM_THREADS"] == "1" and env["GLOO_SOCKET_IFNAME"] == "eth0"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"backend": "slurm"}, "distributed.backend"),
        ({"address": "nowhere"}, "distributed.address"),
        ({"num_cpus": 0}, "distributed.num_cpus"),
        ({"num_cpus": 4, "address": "auto"}, "distributed.num_cpus"),
        ({"learner": {"size": 0}}, "distributed.learner.size"),
        ({"learner": {"strategy": "zero3"}}, "distributed.learner.strategy"),
        ({"learner": {"strategy": "fsdp2", "size": 1}}, "distributed.learner.strategy"),
        ({"learner": {"comm_backend": "nccl"}}, "distributed.learner.comm_backend"),
        ({"learner": {"bucket_mib": 0}}, "distributed.learner.bucket_mib"),
        ({"learner": {"sizee": 2}}, "distributed.learner.sizee"),
        ({"learner": {"resources": {"num_cpus": -1}}}, "distributed.learner.resources.num_cpus"),
        ({"learner": {"resources": {"num_gpus": 1.5}}}, "distributed.learner.resources.num_gpus"),
        ({"learner": {"resources": {"memory_gib": 0}}}, "distributed.learner.resources.memory_gib"),
        ({"verifier": {"resources": {"custom": {"GPU": 1}}}}, "distributed.verifier.resources.custom.GPU"),
        ({"verifier": {"resources": {"custom": {"cpu_node": 0}}}}, "distributed.verifier.resources.custom.cpu_node"),
        ({"verifier": {"sample_timeout_s": 0}}, "distributed.verifier.sample_timeout_s"),
        ({"verifier": {"size": 0}}, "distributed.verifier.size"),
        ({"rollout": {"prompts_per_task": 0}}, "distributed.rollout.prompts_per_task"),
        ({"placement": {"learner": "pack"}}, "distributed.placement.learner"),
        ({"placement": {"ready_timeout_s": 0}}, "distributed.placement.ready_timeout_s"),
        ({"timeouts": {"collective_s": 0}}, "distributed.timeouts.collective_s"),
        ({"timeouts": {"call_s": float("inf")}}, "distributed.timeouts.call_s"),
        ({"weight_sync": {"transport": "nfs"}}, "distributed.weight_sync.transport"),
        ({"weight_sync": {"keep": 0}}, "distributed.weight_sync.keep"),
        ({"max_restarts": -1}, "distributed.max_restarts"),
        ({"max_task_retries": -1}, "distributed.max_task_retries"),
        ({"max_logprob_gap": 0}, "distributed.max_logprob_gap"),
        ({"max_logprob_gap": float("nan")}, "distributed.max_logprob_gap"),
    ],
)
def test_a_bad_value_names_its_dotted_field(data, field) -> None:
    with pytest.raises(ConfigError) as e:
        make(data)
    assert str(e.value).startswith(f"{field}:"), str(e.value)


def test_the_gap_check_can_be_switched_off() -> None:
    assert make({"max_logprob_gap": None}).max_logprob_gap is None


def test_every_field_has_a_help_string() -> None:
    rows = describe(DistributedConfig)
    assert len(rows) > 30
    for name, _, text in rows:
        assert len(text) > 20, name


def test_the_package_and_its_config_import_without_ray() -> None:
    """Ray is an optional extra: with ``import ray`` failing, everything but building a group works."""
    code = (
        "import sys; sys.modules['ray'] = None\n"
        "import rlvr.rl_core.distributed as d\n"
        "from rlvr.rl_core.distributed import collect, learner, pool, rollout, sync, verifier, weight_sync\n"
        "from rlvr.rl_core.distributed.runtime import import_ray\n"
        "d.DistributedConfig()\n"
        "try:\n    import_ray()\nexcept ImportError as e:\n    print('HINT', e)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "HINT distributed.backend=ray needs Ray: pip install 'rlvr[ray]'" in r.stdout


def test_cpus_reserved_sums_the_three_groups() -> None:
    """What a private instance must hold at least (``init_ray`` gives it max(cores, this) logical CPUs)."""
    dcfg = build(
        DistributedConfig,
        {
            "learner": {"size": 2, "resources": {"num_cpus": 1.5}},
            "rollout": {"size": 3, "resources": {"num_cpus": 1}},
            "verifier": {"size": 4, "resources": {"num_cpus": 0.25}},
        },
        "distributed",
    )
    assert dcfg.cpus_reserved() == 2 * 1.5 + 3 * 1 + 4 * 0.25
