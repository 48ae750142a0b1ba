"""The config building blocks: strict values, help strings, registry names, discriminated variants, and
errors that start with the dotted field the user wrote."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest
from pydantic import Field, model_validator

from rlvr.registry import Registry
from rlvr.rl_core.config_base import (
    ConfigError,
    Float,
    Section,
    VariantKey,
    build,
    describe,
    knob,
    merge,
    registered,
    require,
    section,
    variant_key,
    variants,
)

COLOURS: Registry[object] = Registry("colour")
COLOURS.add("red", object())


class Clipped(Section):
    name: Literal["clipped"] = "clipped"
    eps: Float = knob(0.2, "clip range (PPO)", ge=0, lt=1)


class Sequence_(Section):
    name: Literal["gspo"] = "gspo"
    eps: Float = knob(3e-4, "sequence clip range (GSPO)", ge=0, lt=1)


class Inner(Section):
    n: int = knob(1, "a count", ge=1)
    colour: registered(COLOURS) = knob("red", "a registered colour")
    stops: list[str] = knob([], "stop strings")
    policy: Annotated[Clipped | Sequence_, Field(discriminator="name")] = knob(Clipped(), "the variant")


class Outer(Section):
    lr: Float = knob(1e-3, "learning rate", gt=0)
    flag: bool = knob(False, "a switch")
    inner: Inner = section(Inner, "a section")


def test_values_parse_strictly_and_yaml_floats_are_numbers() -> None:
    cfg = build(Outer, {"lr": "1e-5", "inner": {"policy": {"name": "gspo", "eps": 1e-3}, "stops": ["\n"]}})
    assert cfg.lr == 1e-5 and isinstance(cfg.inner.policy, Sequence_) and cfg.inner.policy.eps == 1e-3
    assert build(Outer, {}).inner.policy == Clipped()
    assert Outer().inner.stops is not Outer().inner.stops  # mutable defaults are copied


@pytest.mark.parametrize(
    ("data", "start"),
    [
        ({"lr": 0}, "lr: Input should be greater than 0, got 0"),
        ({"lr": True}, "lr: expected a number, got a boolean"),
        ({"lr": "fast"}, "lr: expected a number, got 'fast'"),
        ({"flag": 1}, "flag: Input should be a valid boolean, got 1"),
        ({"inner": {"n": True}}, "inner.n: Input should be a valid integer"),
        ({"inner": {"n": 1.5}}, "inner.n: Input should be a valid integer"),
        ({"inner": {"colour": "blue"}}, "inner.colour: unknown colour 'blue'; choices: red"),
        ({"inner": {"stops": "x"}}, "inner.stops: Input should be a valid list"),
        ({"inner": {"policy": {"name": "gspo", "eps": 2}}}, "inner.policy.eps: Input should be less than 1"),
        ({"inner": {"policy": {"name": "ppo"}}}, "inner.policy: Input tag 'ppo' found using 'name' does not match"),
        ({"inner": {"policy": {"name": "clipped", "bogus": 1}}}, "inner.policy.bogus: unknown key (known: eps, name)"),
        ({"inner": {"nn": 1}}, "inner.nn: unknown key (known: colour, n, policy, stops)"),
        ({"bogus": 1}, "bogus: unknown key (known: flag, inner, lr)"),
    ],
)
def test_errors_name_the_dotted_field(data: dict, start: str) -> None:
    with pytest.raises(ConfigError) as e:
        build(Outer, data)
    assert str(e.value).startswith(start), str(e.value)
    with pytest.raises(ConfigError) as e:
        build(Outer, data, prefix="run")
    assert str(e.value).startswith("run." + start), str(e.value)


def test_assignment_and_replace_are_validated() -> None:
    cfg = Outer()
    with pytest.raises(ValueError):
        cfg.lr = -1.0
    assert cfg.inner.replace(n=3).n == 3
    with pytest.raises(ValueError):
        cfg.inner.replace(n=0)


def test_describe_lists_every_leaf_with_its_help() -> None:
    rows = {name: (default, help_) for name, default, help_ in describe(Outer)}
    assert rows["lr"] == ("0.001", "learning rate")
    assert rows["inner.stops"] == ("[]", "stop strings")
    assert rows["inner.policy[clipped].eps"] == ("0.2", "clip range (PPO)")
    assert rows["inner.policy[gspo].eps"] == ("0.0003", "sequence clip range (GSPO)")


class Low(Section):
    kind: Literal["low"] = knob("low", "the default variant")
    x: int = knob(1, "low's knob", ge=0)


class High(Section):
    kind: Literal["high"] = knob("high", "another variant")
    y: Float = knob(0.5, "high's knob", le=1)

    @model_validator(mode="after")
    def _own_check(self) -> High:
        require(self.y != 0.25, "y", "must not be a quarter")
        return self


class PluginVariant(Section):
    kind: registered(COLOURS) = knob(..., "a registered name")
    options: dict[str, object] = knob({}, "the plugin's settings")


class Holder(Section):
    v: variants("kind", Low, High, plugin=PluginVariant) = knob(Low(), "a variant with a plugin fallback")
    w: variants("kind", Low, High) = knob(Low(), "a closed variant")


def test_variants_pick_by_tag_default_to_the_first_and_fall_back_to_the_plugin() -> None:
    assert build(Holder, {"v": {"x": 3}}).v == Low(x=3)
    assert build(Holder, {"v": {"kind": "high", "y": 1}}).v == High(y=1.0)
    assert build(Holder, {"v": {"kind": "red", "options": {"a": 1}}}).v == PluginVariant(kind="red", options={"a": 1})
    assert Holder().v is not Holder().v  # section defaults are copied too


@pytest.mark.parametrize(
    ("data", "start"),
    [
        ({"v": {"kind": "high", "y": 0.25}}, "v.y: must not be a quarter"),  # a section's own check
        ({"v": {"kind": "high", "x": 1}}, "v.x: unknown key (known: kind, y)"),
        ({"v": {"kind": "blue"}}, "v.kind: unknown colour 'blue'; choices: red"),  # plugin fallback
        ({"w": {"kind": "blue"}}, "w: expected a mapping whose kind is one of low, high, got {'kind': 'blue'}"),
        ({"w": "high"}, "w: expected a mapping whose kind is one of low, high"),
    ],
)
def test_variant_errors_name_the_dotted_field(data: dict, start: str) -> None:
    with pytest.raises(ConfigError) as e:
        build(Holder, data)
    assert str(e.value).startswith(start), str(e.value)


def test_merge_replaces_a_variant_whose_tag_changes_and_tunes_one_that_stays() -> None:
    base = {"v": {"kind": "high", "y": 0.9}, "w": {"x": 2}}
    assert merge(Holder, base, {"v": {"kind": "low"}}) == {"v": {"kind": "low"}, "w": {"x": 2}}
    assert merge(Holder, base, {"v": {"y": 0.1}})["v"] == {"kind": "high", "y": 0.1}
    assert merge(Holder, base, {"w": {"kind": "low", "x": 5}})["w"] == {"x": 5, "kind": "low"}  # same tag (default)
    assert variant_key(Holder.model_fields["v"]) == VariantKey("kind", "low")


def test_registered_accepts_extra_names() -> None:
    class S(Section):
        c: registered(COLOURS, also=("none",)) = knob("none", "a colour or none")

    assert build(S, {"c": "red"}).c == "red" and S().c == "none"
    with pytest.raises(ConfigError, match="^c: unknown colour 'x'; choices: none, red"):
        build(S, {"c": "x"})
