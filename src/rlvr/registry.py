"""The one name → object registry of rlvr: verifiers, tasks, rollout backends, advantage estimators, losses,
credit methods and the rest register under a name, and configs choose them by that name.

>>> LOSSES = Registry("policy loss")
>>> @LOSSES.register("clipped")
... def clipped(x): ...
>>> LOSSES["clipped"] is clipped
True

A registry may name the modules that register its built-ins (imported on first lookup, so that listing
names stays cheap) and an entry-point group through which other installed packages add theirs, e.g. in the
plugin's pyproject.toml::

    [project.entry-points."rlvr.verifiers"]
    exact = "my_package.verifiers:Exact"

Lookups of unknown names raise a :class:`KeyError` that lists the registered choices. This module imports
only the standard library.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable, Iterator, Sequence
from importlib.metadata import entry_points
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


class Registry(Generic[T]):
    """Maps names to registered objects (usually pure functions or factories).

    ``kind`` names what is registered (used in messages); ``builtin_modules`` are imported on first lookup;
    ``entry_point_group`` is scanned for plugins whenever a name is missing (so a plugin installed after the
    first lookup is still found) and when all names are listed.
    """

    def __init__(self, kind: str, *, builtin_modules: Sequence[str] = (), entry_point_group: str | None = None) -> None:
        self.kind = kind
        self.builtin_modules = tuple(builtin_modules)
        self.entry_point_group = entry_point_group
        self._items: dict[str, T] = {}
        self._builtins_loaded = not self.builtin_modules

    def register(self, name: str, on_register: Callable[[str, T], None] | None = None) -> Callable[[T], T]:
        """Decorator: register the decorated object under ``name``. Registering the same object again is a
        no-op (a module imported twice); another object under a taken name is an error. ``on_register`` is
        called with (name, object) once it is registered."""

        def decorate(obj: T) -> T:
            self.add(name, obj)
            if on_register is not None:
                on_register(name, obj)
            return obj

        return decorate

    def add(self, name: str, obj: T) -> None:
        """Register ``obj`` under ``name`` (see :meth:`register`)."""
        if name in self._items and self._items[name] is not obj:
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self._items[name] = obj

    def remove(self, name: str) -> None:
        """Forget ``name`` (for tests and plugin reloads); unknown names are ignored."""
        self._items.pop(name, None)

    # ------------------------------------------------------------------------------------------ discovery

    def _load_builtins(self) -> None:
        if self._builtins_loaded:
            return
        self._builtins_loaded = True
        for module in self.builtin_modules:
            try:
                importlib.import_module(module)
            except ImportError as e:  # an optional engine missing removes only what that module registers
                logger.warning("%s module %s not importable: %s", self.kind, module, e)

    def _load_entry_points(self) -> None:
        """Add every entry point of the group not registered yet; a plugin that fails to load is logged and
        skipped, so it cannot break the built-ins."""
        if self.entry_point_group is None:
            return
        for ep in entry_points(group=self.entry_point_group):
            if ep.name in self._items:
                continue
            try:
                self._items[ep.name] = ep.load()
            except Exception as e:  # a broken plugin must not take the built-ins down
                logger.warning("could not load %s entry point %s (%s): %s", self.kind, ep.name, ep.value, e)

    def _find(self, name: str) -> bool:
        self._load_builtins()
        if name not in self._items:
            self._load_entry_points()
        return name in self._items

    # -------------------------------------------------------------------------------------------- lookups

    def __getitem__(self, name: str) -> T:
        if not self._find(name):
            raise KeyError(f"unknown {self.kind} {name!r}; choices: {', '.join(self.names())}")
        return self._items[name]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._find(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())

    def names(self) -> list[str]:
        """Every name: built-ins in registration order, then plugins."""
        self._load_builtins()
        self._load_entry_points()
        return list(self._items)

    def check(self, name: str, field: str) -> None:
        """Raise a :class:`ValueError` naming the config ``field`` when ``name`` is not registered."""
        if name not in self:
            raise ValueError(f"{field} must be one of {self.names()}, got {name!r}")


# ---------------------------------------------------------------------------------------- import paths
# Besides a registered name, a config may name an object by import path, ``module:attribute``.


def is_import_path(name: str) -> bool:
    """Whether ``name`` is a ``module:attribute`` import path rather than a registered name."""
    return ":" in name


def split_import_path(spec: str) -> tuple[str, str]:
    """``module:attribute`` as (module, attribute); a :class:`ValueError` when either side is empty."""
    module, _, attr = spec.partition(":")
    if not (module and attr):
        raise ValueError(f"{spec!r} is not 'module:attribute'")
    return module, attr


def missing_module(spec: str) -> str | None:
    """Why the module of import path ``spec`` cannot be imported, found without importing it, or ``None``."""
    try:
        module, _ = split_import_path(spec)
    except ValueError as e:
        return str(e)
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a dotted path whose parent package is missing
        found = False
    return None if found else f"{spec!r}: no module {module!r} on the import path"


def import_object(spec: str) -> object:
    """The object named by import path ``spec`` (``module:attribute``), importing its module."""
    module, attr = split_import_path(spec)
    return getattr(importlib.import_module(module), attr)
