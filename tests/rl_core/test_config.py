import json
import re
from pathlib import Path

import pytest
import yaml

from rlvr.rl_core.config import (
    ConfigError,
    RunConfig,
    describe,
    dump_config,
    load_config,
    parse_override,
    preset_names,
    resolve,
)
from rlvr.rl_core.losses import POLICY_LOSSES, ClippedPolicy, GSPOPolicy, PluginPolicy

PRESETS = preset_names()

CONFIGS = Path(__file__).resolve().parents[2] / "configs"


def test_defaults_and_overrides_parse_yaml_values():
    cfg = load_config(None, ["loss.policy.eps_high=0.28", 'rollout.stop=["\\n"]', "optim.lr=1e-5", "lora.enabled=true"])
    assert cfg.loss.policy.eps_high == 0.28
    assert cfg.rollout.stop == ["\n"]
    assert cfg.optim.lr == 1e-5  # "1e-5" is a string to YAML 1.1; numbers are accepted anyway
    assert cfg.lora.enabled is True
    assert parse_override("a.b.c=3") == {"a": {"b": {"c": 3}}}


def test_preset_is_filled_then_overridden_by_the_file(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("preset: dapo\nloss:\n  policy: {eps_high: 0.3}\nrollout:\n  group_size: 4\n")
    cfg = load_config(path)
    assert cfg.loss.policy.eps_high == 0.3  # the file wins over the preset
    assert cfg.loss.policy.eps_low == 0.2 and cfg.loss.agg == "token_mean"
    assert cfg.sampling.dynamic is True and cfg.reward.overlong_buffer_ratio == 0.2
    assert cfg.rollout.group_size == 4
    # the command line wins over the file
    assert load_config(path, ["loss.policy.eps_high=0.25"]).loss.policy.eps_high == 0.25


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
    assert loss.loss.max_completion_len == 100  # Dr. GRPO's constant normaliser defaults to the length limit
    assert loss.loss.policy == ClippedPolicy(eps_high=0.28 if preset == "dapo" else 0.2)


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


# ------------------------------------------------------------------------------ the README's knob table
README = Path(__file__).resolve().parents[2] / "README.md"
KNOB = re.compile(r"^[a-z_]+(\.[a-z_]+)+(=\S+)?$")


def _knob_rows() -> list[tuple[str, list[str]]]:
    """(paper, backticked spans) of each row of the README's "Papers → knobs" table."""
    text = README.read_text()
    section = text[text.index("## Papers → knobs") :]
    section = section[: section.index("\n## ", 1)]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] not in ("paper", "---"):
            rows.append((cells[0], re.findall(r"`([^`]+)`", cells[1])))
    return rows


def _default(key: str, base: RunConfig) -> str:
    """The field's default in ``base`` (the row's preset and given values: they choose the variant) as an
    override value (JSON is YAML)."""
    value: object = base
    for part in key.split("."):
        value = getattr(value, part)
    return json.dumps(value)


@pytest.mark.parametrize("paper,spans", _knob_rows(), ids=[r[0] for r in _knob_rows()])
def test_every_knob_of_the_readme_table_loads_and_takes_effect(paper, spans):
    """Each row's knobs applied together as overrides (its preset first; a knob without a value at its
    default; a key given twice, once per value): the config loads and every given value is the resolved one."""
    preset = [f"preset={s.split(':', 1)[1].strip()}" for s in spans if s.startswith("preset:")]
    knobs = [s for s in spans if KNOB.match(s)]
    assert knobs, f"{paper}: no knob in the row"
    given = [k for k in knobs if "=" in k]
    base = load_config(None, [*preset, *given])
    valued: dict[str, list[str]] = {}
    for k in knobs:
        key, _, value = k.partition("=")
        valued.setdefault(key, []).append(value or _default(key, base))
    variants = [{}]
    for key, values in valued.items():
        variants = [{**v, key: value} for v in variants for value in values]
    for variant in variants:
        cfg = load_config(None, [*preset, *(f"{k}={v}" for k, v in variant.items())])
        for key, raw in variant.items():
            value: object = cfg
            for part in key.split("."):
                value = getattr(value, part)
            assert value == yaml.safe_load(raw), f"{paper}: {key} resolved to {value!r}, not {raw}"


def test_the_readme_table_names_the_kl_section():
    spans = [s for _, row in _knob_rows() for s in row]
    assert "kl.beta=0.04" in spans and "kl.estimator=k3" in spans
    assert not [s for s in spans if s.startswith(("loss.kl_beta", "loss.kl_estimator"))]


# ---------------------------------------------------------------------------- cross-section checks
@pytest.mark.parametrize(
    "overrides,fields",
    [
        (["kl.beta=0.1", "kl.estimator=k1"], ("kl.estimator", "kl.in_reward")),
        (["loss.kl_estimator=k2"], ("loss.kl_estimator", "kl.estimator")),
        (["loss.kl_estimator=k1", "kl.estimator=k1", "kl.in_reward=true", "kl.beta=0.1"], ("loss.kl_estimator",)),
        (["preset=rloo", "sampling.dynamic=true"], ("sampling.dynamic", "kl.in_reward")),
        (["preset=dapo", "sampling.tol=0"], ("sampling.tol", "advantages.tol")),
        (["advantages.whiten=token"], ("advantages.whiten", "advantages.name")),
        (["advantages.name=reinforce_pp", "advantages.scale=group", "advantages.whiten=token"], ("advantages.whiten",)),
    ],
)
def test_settings_that_would_do_nothing_or_something_else_are_rejected(overrides, fields):
    with pytest.raises(ConfigError) as e:
        load_config(None, overrides)
    msg = str(e.value)
    assert msg.startswith(fields[0]), msg
    assert all(f in msg for f in fields), msg


def test_k1_is_accepted_in_the_reward_and_k2_k3_in_the_loss():
    assert load_config(None, ["kl.beta=0.1", "kl.estimator=k1", "kl.in_reward=true"]).loss_config().kl_beta == 0
    for est in ("k2", "k3"):
        assert load_config(None, ["kl.beta=0.1", f"kl.estimator={est}"]).loss_config().kl_estimator == est
    assert load_config(None, ["kl.estimator=k1"]).kl.beta == 0  # no KL at all: nothing to reject


COUNTED = ["preset=dapo", "sampling.count_filtered=true", "sampling.max_rounds=1"]


@pytest.mark.parametrize(
    "extra,other",
    [
        (["kl.beta=0.04"], "kl.beta"),  # (b) the dropped groups' KL term has a gradient
        (["loss.entropy_coef=0.01"], "loss.entropy_coef"),  # (b) and their entropy bonus
        (["credit.method=mc"], "credit.method"),  # (d) token credit of constant groups is not 0
        (["credit.method=prm", "credit.prm_path=p"], "credit.method"),
        (["sampling.tol=0.01"], "advantages.tol"),  # (f) dropped groups with non-zero advantages
        (["sampling.max_rounds=2"], "sampling.max_rounds"),  # refills: other prompts than the unfiltered step
        (["sampling.oversample=2"], "sampling.oversample"),
        (["sampling.on_exhausted=skip"], "sampling.on_exhausted"),
        (["sampling.on_exhausted=error"], "sampling.on_exhausted"),
    ],
)
def test_count_filtered_rejects_what_would_break_its_gradient_claim(extra, other):
    with pytest.raises(ConfigError) as e:
        load_config(None, [*COUNTED, *extra])
    assert str(e.value).startswith("sampling.count_filtered") and other in str(e.value), str(e.value)


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_count_filtered_with_every_preset_loads_or_names_the_conflict(preset):
    overrides = [f"preset={preset}", "sampling.dynamic=true", "sampling.count_filtered=true", "sampling.max_rounds=1"]
    if preset in ("grpo", "rloo"):  # KL in the loss (grpo) / in the reward (rloo)
        with pytest.raises(ConfigError, match="kl"):
            load_config(None, overrides)
    else:
        assert load_config(None, overrides).sampling.count_filtered
        assert load_config(None, [*overrides, "advantages.name=reinforce_pp", "reward.overlong_filter=true"])
        assert load_config(None, [*overrides, "credit.method=redistribute"])


# ---------------------------------------------------------------------------- one error per style
@pytest.mark.parametrize(
    "overrides,start",
    [
        (["optim.micro_batch_size=2.5"], "optim.micro_batch_size: Input should be a valid integer"),  # type
        (["lora.enabled=1"], "lora.enabled: Input should be a valid boolean"),  # strict: 1 is not true
        (["optim.lr=-1"], "optim.lr: Input should be greater than 0"),  # bound
        (["monitor.kl_max=.inf"], "monitor.kl_max: Input should be a finite number"),  # finite
        (["model.dtype=float8"], "model.dtype: Input should be 'float32', 'bfloat16' or 'float16'"),  # literal
        (["advantages.name=ppo"], "advantages.name: unknown advantage estimator 'ppo'"),  # registry name
        (["logging.trackers=[mlflow]"], "logging.trackers[0]: unknown tracker 'mlflow'"),  # list item
        (["rollout.vllm.bogus=1"], "rollout.vllm.bogus: unknown key (known: cpu_kvcache_space_gib"),  # unknown key
        (["loss.policy.name=ppo"], "loss.policy.name: unknown policy loss 'ppo'"),  # variant tag
        (["loss.policy=gspo"], "loss.policy: expected a mapping whose name is one of clipped, gspo"),  # variant shape
        (["loss.policy.name=gspo", "loss.policy.eps_low=2"], "loss.policy.eps_low: Input should be less than 1"),
        (["credit.method=mc", "credit.path=x"], "credit.path: unknown key (known: chunk, chunk_tokens"),
        (["credit.method=prm"], "credit.path: Field required"),  # a variant's required field
        (["credit.method=mc", "credit.split=regex", "credit.split_regex=("], "credit.split_regex: is not a valid"),
        (["model.device=cpu", "model.attn_implementation=flash_attention_2"], "model.attn_implementation: "),
        (["loss.policy.name=gspo"], "loss.agg: must be 'seq_mean_token_mean' with loss.policy.name=gspo"),
        (["preset=grpo", "kl.estimator=k1"], "kl.estimator: k1 = log(pi/pi_ref) with kl.in_reward=false"),  # across
        (["rollout.vllm.max_model_len=64", "rollout.max_new_tokens=64"], "rollout.vllm.max_model_len: 64 leaves"),
        (["loss.kl_beta=0.04"], "loss.kl_beta: the kl section owns KL; set kl.beta instead"),  # KL's other spelling
        (["loss.gspo_eps_low=0.001"], "loss.gspo_eps_low: GSPO's clip range is now loss.policy.eps_low"),
        (["preset=ppo"], "preset: unknown preset 'ppo'"),
        (["steps"], "override 'steps': expected key.sub=value"),
        (["rollout.stop=[a"], "rollout.stop: the value '[a' is not valid YAML"),
    ],
)
def test_every_error_style_names_the_dotted_field(overrides, start):
    with pytest.raises(ConfigError) as e:
        load_config(None, overrides)
    assert str(e.value).startswith(start), str(e.value)


def test_a_bad_file_names_the_file(tmp_path):
    (tmp_path / "c.yaml").write_text("loss: [1\n")
    with pytest.raises(ConfigError, match=r"c\.yaml: not valid YAML"):
        load_config(tmp_path / "c.yaml")


# ---------------------------------------------------------------------------- variants
def test_switching_a_variant_starts_from_its_own_defaults():
    """DAPO's clipped ranges do not carry over to GSPO; settings given with the switch, or later, apply."""
    gspo = load_config(None, ["preset=dapo", "loss.policy.name=gspo", "loss.agg=seq_mean_token_mean"])
    assert gspo.loss.policy == GSPOPolicy()
    tuned = load_config(
        None, ["preset=dapo", "loss.policy.name=gspo", "loss.policy.eps_high=1.0e-3", "loss.agg=seq_mean_token_mean"]
    )
    assert tuned.loss.policy == GSPOPolicy(eps_high=1e-3)
    assert load_config(None, ["preset=dapo", "loss.policy.dual_clip=3"]).loss.policy == ClippedPolicy(
        eps_high=0.28, dual_clip=3.0
    )
    mc = load_config(None, ["credit.method=mc", "credit.k=2", "credit.select=failed"])
    assert (mc.credit.method, mc.credit.k, mc.credit.select) == ("mc", 2, "failed")
    assert load_config(None, ["credit.method=mc", "credit.k=2", "credit.method=redistribute"]).credit.method == (
        "redistribute"
    )


def test_a_plugin_policy_loss_is_configurable_by_its_registered_name():
    POLICY_LOSSES.add("test_plugin_loss", POLICY_LOSSES["clipped"])
    try:
        cfg = load_config(None, ["loss.policy.name=test_plugin_loss", "loss.policy.options={c: 2}"])
        assert cfg.loss.policy == PluginPolicy(name="test_plugin_loss", options={"c": 2})
    finally:
        POLICY_LOSSES.remove("test_plugin_loss")


def test_describe_lists_each_variant_with_help():
    rows = {name: help_ for name, _, help_ in describe(RunConfig)}
    assert "GSPO" in rows["loss.policy[gspo].eps_low"] and "VinePPO" in rows["credit[mc].k"]
    assert "credit[prm].path" in rows and "loss.kl_beta" not in rows and "credit.mc_select" not in rows
    assert not [name for name, help_ in rows.items() if re.search(r"\d+(\.\d+)?\s*%|~\s*\d", help_)]  # no figures


# ---------------------------------------------------------------------------- presets are data
def test_presets_are_yaml_files_of_the_package():
    folder = CONFIGS / "presets"
    assert sorted(p.stem for p in folder.glob("*.yaml")) == PRESETS and {"grpo", "dapo", "dr_grpo", "rloo"} <= set(
        PRESETS
    )
    for name in PRESETS:  # every preset on its own resolves, and only algorithm sections are set
        data = yaml.safe_load((folder / f"{name}.yaml").read_text())
        assert set(data) <= {"advantages", "loss", "kl", "sampling", "reward", "credit"}, name
        assert load_config(None, [f"preset={name}"]).preset == name


# ---------------------------------------------------------------------------- the earlier flat keys
def test_earlier_flat_keys_are_migrated_with_a_warning(tmp_path, caplog):
    path = tmp_path / "old.yaml"
    path.write_text(
        "preset: dapo\nloss: {policy_loss: gspo, gspo_eps_high: 0.001, agg: seq_mean_token_mean}\n"
        "credit: {method: prm, prm_path: p, prm_combine: min}\n"
    )
    with caplog.at_level("WARNING"):
        cfg = load_config(path, ["loss.dual_clip=3"])
    assert cfg.loss.policy == GSPOPolicy(eps_high=0.001, dual_clip=3.0)
    assert (cfg.credit.method, cfg.credit.path, cfg.credit.combine) == ("prm", "p", "min")
    assert (
        "loss.policy_loss is now loss.policy.name" in caplog.text
        and "credit.prm_path is now credit.path" in caplog.text
    )
    assert load_config(None, ["preset=dapo", "loss.eps_high=0.3"]).loss.policy == ClippedPolicy(eps_high=0.3)


def test_a_config_saved_by_the_earlier_version_resolves_to_the_same_run():
    """A checkpoint's config.yaml lists every field, the unused variants' and the loss's KL keys included."""
    old = load_config(None, ["preset=grpo", "loss.policy.eps_high=0.28"]).to_dict()
    old["loss"] = {
        "policy_loss": "clipped", "eps_low": 0.2, "eps_high": 0.28, "dual_clip": None, "kl_beta": 0.0,
        "kl_estimator": "k3", "entropy_coef": 0.0, "agg": "seq_mean_token_mean", "max_completion_len": None,
        "gspo_eps_low": 3e-4, "gspo_eps_high": 4e-4,
    }  # fmt: skip
    old["credit"] = {
        "method": "none",
        "split": "newline",
        "k": 4,
        "mc_select": "all",
        "prm_path": "",
        "prm_weight": 0.5,
    }
    assert resolve(old, saved=True) == load_config(None, ["preset=grpo", "loss.policy.eps_high=0.28"])
    with pytest.raises(ConfigError, match="^loss.kl_beta: the kl section owns KL"):
        resolve(old)  # a user's file is told, also of the unused default the earlier version wrote
    with pytest.raises(ConfigError, match="^credit.split: unknown key \\(known: method\\)"):
        resolve({"credit": old["credit"]})  # and of another variant's knob


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("nosuchverifier", r"^reward.verifier: unknown verifier 'nosuchverifier'; choices: .*math"),
        ("no_such_module_xyz:make", r"^reward.verifier: 'no_such_module_xyz:make': no module 'no_such_module_xyz'"),
        ("nopkg_xyz.sub:make", r"^reward.verifier: 'nopkg_xyz.sub:make': no module 'nopkg_xyz.sub'"),
        (":make", r"^reward.verifier: ':make' is not 'module:attribute'"),
    ],
)
def test_an_unknown_reward_verifier_is_a_load_time_error(name, message):
    with pytest.raises(ConfigError, match=message):
        load_config(None, [f"reward.verifier={name}"])


def test_a_registered_or_importable_reward_verifier_loads():
    assert load_config(None, ["reward.verifier=math"]).reward.verifier == "math"
    assert load_config(None, ["reward.verifier=json:loads"]).reward.verifier == "json:loads"  # checked when built


@pytest.mark.parametrize("field", ["optim.lr", "kl.beta", "reward.timeout_s", "optim.max_grad_norm", "sampling.tol"])
def test_infinite_numbers_are_rejected_naming_the_field(field):
    with pytest.raises(ConfigError, match=f"^{re.escape(field)}: Input should be a finite number"):
        load_config(None, [f"{field}=inf"])
