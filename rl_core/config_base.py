"""The building blocks of rlvr's configuration (pydantic v2): a section model that forbids unknown keys and
coerces nothing silently, fields with help strings, names checked against a registry, and errors that start
with the dotted field they are about.

Every component owns one :class:`Section` (``loss``, ``kl``, ``credit``, ...); :mod:`rlvr.rl_core.config`
assembles them into the run configuration.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from rlvr.registry import Registry

M = TypeVar("M", bound=BaseModel)


class ConfigError(ValueError):
    """A bad configuration value; the message starts with the dotted field name."""


class Section(BaseModel):
    """A config section: unknown keys are errors, values are checked strictly (``1`` is not ``true``, ``1.5``
    is not an integer), assignments are validated too."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True, validate_default=True)

    def replace(self: M, **changes: Any) -> M:
        """A validated copy with ``changes`` applied."""
        return type(self).model_validate({**self.model_dump(round_trip=True), **changes})


def knob(default: Any, help: str, **constraints: Any) -> Any:  # noqa: A002 - "help" is the natural name here
    """A field with its help string (``help`` names the source: paper, tool) and pydantic constraints
    (``ge``, ``gt``, ``lt``, ``le``, ...). Mutable defaults are copied per instance."""
    if isinstance(default, (list, dict)):
        return Field(default_factory=lambda: copy.deepcopy(default), description=help, **constraints)
    return Field(default, description=help, **constraints)


def section(cls: type[Section], help: str) -> Any:  # noqa: A002
    """A nested section with its default instance."""
    return Field(default_factory=cls, description=help)


def _yaml_float(value: Any) -> Any:
    """YAML 1.1 reads ``1e-3`` (no dot) as a string: accept numeric strings; never booleans."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got a boolean")
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise ValueError(f"expected a number, got {value!r}") from None
    return value


#: a float that also accepts a numeric YAML string and an int, never a bool
Float = Annotated[float, BeforeValidator(_yaml_float)]


def registered(registry: Registry[Any]) -> Any:
    """A ``str`` type whose value must be a name in ``registry`` (checked at validation, so entry-point
    plugins count)."""

    def check(name: str) -> str:
        if name not in registry:
            raise ValueError(f"unknown {registry.kind} {name!r}; choices: {', '.join(registry.names())}")
        return name

    return Annotated[str, AfterValidator(check)]


# ------------------------------------------------------------------------------------------------ errors


def _resolve(loc: tuple[Any, ...], model: type[BaseModel] | None) -> tuple[str, type[BaseModel] | None]:
    """The dotted field of an error location and the section model it ends in. List indices read ``[i]``;
    the variant tag pydantic puts after a discriminated field (``loss.policy.clipped.eps_high``) selects the
    variant and is dropped from the name (``loss.policy.eps_high``)."""
    parts: list[str] = []
    union: dict[str, type[BaseModel]] | None = None
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
            continue
        if union is not None and item in union:
            model, union = union[item], None
            continue
        parts.append(("." if parts else "") + str(item))
        annotation = model.model_fields[item].annotation if model is not None and item in model.model_fields else None
        model, union = (annotation, None) if _is_model(annotation) else (None, _union(annotation))
    return "".join(parts), model


def _variants(annotation: Any) -> list[type[BaseModel]]:
    """The models of a union annotation (``A | B``, possibly wrapped in ``Annotated``)."""
    out: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        if _is_model(arg):
            out.append(arg)
        else:
            out += _variants(arg)
    return out


def _union(annotation: Any) -> dict[str, type[BaseModel]] | None:
    """tag -> variant model of a discriminated field, or None."""
    variants = _variants(annotation)
    return {_tag(v): v for v in variants} if len(variants) > 1 else None


def config_error(err: ValidationError, model: type[BaseModel], prefix: str = "") -> ConfigError:
    """The first error of ``err`` as a :class:`ConfigError` that starts with the dotted field."""
    e = err.errors(include_url=False)[0]
    where, _ = _resolve(tuple(e["loc"]), model)
    field = f"{prefix}.{where}" if prefix and where else (prefix or where)
    msg = e["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if e["type"] == "extra_forbidden":
        _, parent = _resolve(tuple(e["loc"])[:-1], model)
        known = ", ".join(sorted(parent.model_fields)) if parent is not None else ""
        msg = f"unknown key (known: {known})"
    elif e["type"] not in ("value_error", "assertion_error") and "input" in e:
        msg = f"{msg}, got {e['input']!r}"
    if not field:  # a check across fields: its message names them
        return ConfigError(msg)
    return ConfigError(f"{field}: {msg}")


def build(model: type[M], data: Mapping[str, Any], prefix: str = "") -> M:
    """Validate ``data`` into ``model``; any problem is a :class:`ConfigError` naming the dotted field
    (``prefix``: where this section sits in the run config)."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as e:
        raise config_error(e, model, prefix) from None


def describe(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str, str]]:
    """(dotted field, default, help) for every leaf field of ``model`` and its sections; the variants of a
    discriminated field are listed as ``field[tag].name``."""
    rows: list[tuple[str, str, str]] = []
    for name, f in model.model_fields.items():
        dotted = f"{prefix}{name}"
        union = _union(f.annotation)
        if _is_model(f.annotation):
            rows += describe(f.annotation, dotted + ".")
        elif union is not None:
            for tag, v in union.items():
                rows += describe(v, f"{dotted}[{tag}].")
        else:
            default = f.get_default(call_default_factory=True)
            rows.append((dotted, repr(default), f.description or ""))
    return rows


def _is_model(annotation: Any) -> bool:
    """Whether ``annotation`` is a section model class."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _tag(variant: type[BaseModel]) -> str:
    """The literal tag a variant model carries in its first field (``name`` or ``method``)."""
    first = next(iter(variant.model_fields.values()))
    return str(first.default)
