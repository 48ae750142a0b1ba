from pathlib import Path

import pytest
import yaml

from rlvr.rl_core.config import PRESETS, ConfigError, RunConfig, describe, dump_config, load_config, parse_override

CONFIGS = Path(__file__).resolve().parents[2] / "configs"


def test_defaults_and_overrides_parse_yaml_values():
    cfg = load_config(None, ["loss.eps_high=0.28", 'rollout.stop=["\\n"]', "optim.lr=1e-5", "lora.enabled=true"])
    assert cfg.loss.eps_high == 0.28
    assert cfg.rollout.stop == ["\n"]
    assert cfg.optim.lr == 1e-5  # "1e-5" is a string to YAML 1.1; numbers are accepted anyway
    assert cfg.lora.enabled is True
    assert parse_override("a.b.c=3") == {"a": {"b": {"c": 3}}}


def test_preset_is_filled_then_overridden_by_the_file(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("preset: dapo\nloss:\n  eps_high: 0.3\nrollout:\n  group_size: 4\n")
    cfg = load_config(path)
    assert cfg.loss.eps_high == 0.3  # the file wins over the preset
    assert cfg.loss.eps_low == 0.2 and cfg.loss.agg == "token_mean"
    assert cfg.sampling.dynamic is True and cfg.reward.overlong_buffer_ratio == 0.2
    assert cfg.rollout.group_size == 4
    # the command line wins over the file
    assert load_config(path, ["loss.eps_high=0.25"]).loss.eps_high == 0.25


@pytest.mark.parametrize(
    "preset,adv,agg,beta,in_reward",
    [
        ("grpo", "grpo", "seq_mean_token_mean", 0.04, False),
        ("dr_grpo", "dr_grpo", "seq_sum_norm", 0.0, False),
        ("rloo", "rloo", "token_mean", 0.05, True),
        ("dapo", "grpo", "token_mean", 0.0, False),
    ],
)
def test_presets_carry_the_papers_settings(preset, adv, agg, beta, in_reward):
    cfg = load_config(None, [f"preset={preset}", "rollout.max_new_tokens=100"])
    assert (cfg.advantages.name, cfg.loss.agg, cfg.kl.beta, cfg.kl.in_reward) == (adv, agg, beta, in_reward)
    loss = cfg.loss_config()
    assert loss.kl_beta == (0.0 if in_reward else beta)
    assert loss.max_completion_len == 100  # Dr. GRPO's constant normaliser defaults to the length limit
    if preset == "dapo":
        assert loss.eps_high == 0.28


@pytest.mark.parametrize(
    "override,field",
    [
        ("loss.eps_hgh=0.3", "loss.eps_hgh"),
        ("rollout.group_size=1", "rollout.group_size"),
        ("optim.lr=fast", "optim.lr"),
        ("loss.agg=mean", "loss.agg"),
        ("advantages.name=ppo", "advantages.name"),
        ("kl.estimator=k4", "kl.estimator"),
        ("lora.r=0", "lora.r"),
        ("rollout.top_p=1.5", "rollout.top_p"),
        ("sampling.on_exhausted=retry", "sampling.on_exhausted"),
        ("credit.method=magic", "credit.method"),
        ("steps=0", "steps"),
        ("loss.kl_beta=0.1", "loss.kl_beta"),
        ("preset=ppo", "preset"),
        ("bogus=1", "bogus"),
        ("optim.micro_batch_size=true", "optim.micro_batch_size"),
        ("rollout.stop=3", "rollout.stop"),
    ],
)
def test_bad_values_are_rejected_naming_the_field(override, field):
    with pytest.raises(ConfigError) as e:
        load_config(None, [override])
    assert str(e.value).startswith(field), str(e.value)


def test_bad_yaml_and_non_mapping(tmp_path):
    (tmp_path / "a.yaml").write_text("- 1\n- 2\n")
    with pytest.raises(ConfigError, match="mapping"):
        load_config(tmp_path / "a.yaml")
    with pytest.raises(ConfigError, match="override"):
        load_config(None, ["noequals"])


def test_dump_roundtrip(tmp_path):
    cfg = load_config(None, ["preset=grpo", "lora.enabled=true", "rollout.stop=['###']"])
    dump_config(cfg, tmp_path / "c.yaml")
    again = load_config(tmp_path / "c.yaml")
    assert again == cfg


def test_every_field_has_a_help_string():
    rows = describe(RunConfig)
    assert len(rows) > 80
    missing = [name for name, _, help_ in rows if not help_]
    assert not missing


@pytest.mark.parametrize("name", sorted(PRESETS) + ["tiny"])
def test_shipped_configs_load(name):
    cfg = load_config(CONFIGS / f"{name}.yaml")
    data = yaml.safe_load((CONFIGS / f"{name}.yaml").read_text())
    if name in PRESETS:
        assert data["preset"] == name and cfg.preset == name
