"""The config building blocks: strict values, help strings, registry names, discriminated variants, and
errors that start with the dotted field the user wrote."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest
from pydantic import Field

from rlvr.registry import Registry
from rlvr.rl_core.config_base import ConfigError, Float, Section, build, describe, knob, registered, section

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
