"""The building blocks of rlvr's configuration (pydantic v2): a section model that forbids unknown keys and
coerces nothing silently, fields with help strings, names checked against a registry, and errors that start
with the dotted field they are about.

Every component owns one :class:`Section` (``loss``, ``kl``, ``credit``, ...); :mod:`rlvr.rl_core.config`
assembles them into the run configuration.
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, ValidationError
from pydantic.fields import FieldInfo

from rlvr.registry import Registry

M = TypeVar("M", bound=BaseModel)


class ConfigError(ValueError):
    """A bad configuration value; the message starts with the dotted field name."""


class FieldError(ValueError):
    """Raised by a section's own check (a ``model_validator``) about ``field``, a field of that section (or a
    dotted path below it; for a check across sections, the full dotted path): :func:`config_error` puts the
    section's dotted path in front."""

    def __init__(self, field: str, msg: str) -> None:
        super().__init__(msg)
        self.field = field


def require(cond: bool, field: str, msg: str) -> None:
    """Raise :class:`FieldError` about ``field`` unless ``cond``."""
    if not cond:
        raise FieldError(field, msg)


class Section(BaseModel):
    """A config section: unknown keys are errors, values are checked strictly (``1`` is not ``true``, ``1.5``
    is not an integer), assignments are validated too."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True, validate_default=True)

    def replace(self: M, **changes: Any) -> M:
        """A validated copy with ``changes`` applied."""
        return type(self).model_validate({**self.model_dump(round_trip=True), **changes})


def knob(default: Any, help: str, **constraints: Any) -> Any:  # noqa: A002 - "help" is the natural name here
    """A field with its help string (``help`` names the source: paper, tool) and pydantic constraints
    (``ge``, ``gt``, ``lt``, ``le``, ...). Mutable defaults (lists, dicts, sections) are copied per instance."""
    if isinstance(default, (list, dict, BaseModel)):
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


#: a finite float that also accepts a numeric YAML string and an int, never a bool
Float = Annotated[float, BeforeValidator(_yaml_float), Field(allow_inf_nan=False)]


def registered(registry: Registry[Any], also: tuple[str, ...] = ()) -> Any:
    """A ``str`` type whose value must be a name in ``registry`` or in ``also`` (such as ``"none"``); checked
    at validation, so entry-point plugins count."""

    def check(name: str) -> str:
        if name not in registry and name not in also:
            raise ValueError(f"unknown {registry.kind} {name!r}; choices: {', '.join([*also, *registry.names()])}")
        return name

    return Annotated[str, AfterValidator(check)]


#: the tag of the catch-all variant of a discriminated field: a name some plugin registered
PLUGIN = "plugin"


@dataclass(frozen=True)
class VariantKey:
    """Metadata of a discriminated field: the tag field (``name``, ``method``) and the default tag."""

    key: str
    default: str


def variants(key: str, *models: type[Section], plugin: type[Section] | None = None) -> Any:
    """A discriminated field type: the value is the model whose ``key`` field (a ``Literal`` tag) it names,
    the first model when it names none. With ``plugin``, a name no built-in variant carries selects that model
    (whose ``key`` field checks the name against a registry, so entry-point plugins are configurable)."""
    tags = {_tag(m, key): m for m in models}
    default = next(iter(tags))
    choices = [Annotated[m, Tag(t)] for t, m in tags.items()]
    if plugin is not None:
        choices.append(Annotated[plugin, Tag(PLUGIN)])

    def pick(value: Any) -> str | None:
        if isinstance(value, BaseModel):
            tag = getattr(value, key, None)
        elif isinstance(value, Mapping):
            tag = value.get(key, default)
        else:
            return None
        if isinstance(tag, str) and tag in tags:
            return tag
        return PLUGIN if plugin is not None else str(tag)

    message = f"expected a mapping whose {key} is one of {', '.join(tags)}" + (" or a plugin's" if plugin else "")
    return Annotated[
        Union[tuple(choices)],  # noqa: UP007 - a runtime tuple of members
        Discriminator(pick, custom_error_type="variant", custom_error_message=message),
        VariantKey(key, default),
    ]


def variant_key(f: FieldInfo) -> VariantKey | None:
    """The :class:`VariantKey` of a field made with :func:`variants`, else None."""
    return next((m for m in f.metadata if isinstance(m, VariantKey)), None)


def variants_of(f: FieldInfo) -> dict[str, type[BaseModel]]:
    """tag -> model of a discriminated field (empty for any other field)."""
    return _union(f.annotation) or {}


def merge(model: type[BaseModel] | None, base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base`` (plain mappings of a ``model``), recursively. A mapping that selects another
    variant of a discriminated field replaces the base's: the old variant's settings do not carry over
    (``loss.policy.name=gspo`` over a preset's clipped ranges starts from GSPO's defaults)."""
    out = dict(base)
    for k, v in over.items():
        old = out.get(k)
        if not (isinstance(v, Mapping) and isinstance(old, Mapping)):
            out[k] = v
            continue
        f = model.model_fields.get(k) if model is not None else None
        sub: type[BaseModel] | None = None
        if f is not None and _is_model(f.annotation):
            sub = f.annotation
        elif f is not None and (vk := variant_key(f)) is not None:
            tag = old.get(vk.key, vk.default)
            if v.get(vk.key, tag) != tag:
                out[k] = dict(v)
                continue
            sub = (_union(f.annotation) or {}).get(tag)
        out[k] = merge(sub, old, v)
    return out


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


def _variants(annotation: Any) -> dict[str, type[BaseModel]]:
    """tag -> model of a union annotation (``A | B``, members possibly ``Annotated[A, Tag("a")]``)."""
    out: dict[str, type[BaseModel]] = {}
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is Annotated:
            model, *meta = typing.get_args(arg)
            tag = next((m.tag for m in meta if isinstance(m, Tag)), None)
            if _is_model(model):
                out[tag or _tag(model)] = model
            else:
                out.update(_variants(model))
        elif _is_model(arg):
            out[_tag(arg)] = arg
        else:
            out.update(_variants(arg))
    return out


def _union(annotation: Any) -> dict[str, type[BaseModel]] | None:
    """tag -> variant model of a discriminated field, or None."""
    variants = _variants(annotation)
    return variants if len(variants) > 1 else None


def config_error(err: ValidationError, model: type[BaseModel], prefix: str = "") -> ConfigError:
    """The first error of ``err`` as a :class:`ConfigError` that starts with the dotted field."""
    e = err.errors(include_url=False)[0]
    where, _ = _resolve(tuple(e["loc"]), model)
    field = f"{prefix}.{where}" if prefix and where else (prefix or where)
    msg = e["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    cause = (e.get("ctx") or {}).get("error")
    if isinstance(cause, FieldError):  # a section's own check names its field
        where = f"{where}.{cause.field}" if where else cause.field
        field = f"{prefix}.{where}" if prefix else where
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


def _tag(variant: type[BaseModel], key: str | None = None) -> str:
    """The literal tag a variant model carries in its ``key`` field (default: its first field)."""
    f = variant.model_fields[key] if key is not None else next(iter(variant.model_fields.values()))
    args = typing.get_args(f.annotation)
    return str(args[0]) if typing.get_origin(f.annotation) is typing.Literal else str(f.default)
