"""The task registry: built-ins register with :func:`register_task`; third-party packages through the
entry-point group ``rlvr.tasks`` (the entry point names a Task class or a factory taking keyword config)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from rlvr.tasks.base import Task
from rlvr.verifiers.base import load_entry_points

ENTRY_POINT_GROUP = "rlvr.tasks"

#: Built-in task modules, imported on first use so that ``rlvr tasks list`` stays fast.
BUILTIN_MODULES = ("arithmetic", "gsm8k", "asdiv", "humaneval", "codegen", "user", "compose")

TaskFactory = Callable[..., Task]
_REGISTRY: dict[str, TaskFactory] = {}
_LOADED = False


def register_task(name: str) -> Callable[[TaskFactory], TaskFactory]:
    """Decorator: register a Task class (or a factory returning one) under ``name``."""

    def deco(factory: TaskFactory) -> TaskFactory:
        if name in _REGISTRY and _REGISTRY[name] is not factory:
            raise ValueError(f"task {name!r} is already registered")
        _REGISTRY[name] = factory
        return factory

    return deco


def _load_all() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    for mod in BUILTIN_MODULES:
        importlib.import_module(f"rlvr.tasks.{mod}")
    load_entry_points(ENTRY_POINT_GROUP, _REGISTRY, "task")


def get_task(name: str, **cfg: Any) -> Task:
    """Instantiate the task registered as ``name`` with its config ``cfg`` (keyword arguments)."""
    _load_all()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown task {name!r}; available: {', '.join(available_tasks())}") from None
    try:
        task = factory(**cfg)
    except TypeError as e:
        raise TypeError(f"bad config for task {name!r}: {e}") from None
    missing = [a for a in ("name", "verifier", "examples", "render_prompt") if not _has(task, a)]
    if missing:
        raise TypeError(f"task {name!r} produced {type(task).__name__}, which lacks Task member(s) {missing}")
    return task


def _has(obj: Any, attr: str) -> bool:
    """Attribute presence without evaluating properties (a task's verifier is built lazily)."""
    return attr in getattr(obj, "__dict__", {}) or any(attr in vars(c) for c in type(obj).__mro__)


def available_tasks() -> list[str]:
    """Names of all registered and entry-point tasks."""
    _load_all()
    return sorted(_REGISTRY)


def describe_task(name: str) -> str:
    """First line of the docstring of the task registered as ``name``."""
    _load_all()
    doc = (_REGISTRY[name].__doc__ or "").strip()
    return doc.splitlines()[0] if doc else ""
