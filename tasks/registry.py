"""The task registry: built-ins register with :func:`register_task`; third-party packages through the
entry-point group ``rlvr.tasks`` (the entry point names a Task class or a factory taking keyword config)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rlvr.registry import Registry
from rlvr.tasks.base import Task

ENTRY_POINT_GROUP = "rlvr.tasks"

#: Built-in task modules, imported on first use so that ``rlvr tasks list`` stays fast.
BUILTIN_MODULES = ("arithmetic", "gsm8k", "asdiv", "humaneval", "codegen", "user", "compose")

TaskFactory = Callable[..., Task]
#: every task by name: the built-ins (imported on first lookup) and the ``rlvr.tasks`` entry points
TASKS: Registry[TaskFactory] = Registry(
    "task", builtin_modules=tuple(f"rlvr.tasks.{m}" for m in BUILTIN_MODULES), entry_point_group=ENTRY_POINT_GROUP
)


def register_task(name: str) -> Callable[[TaskFactory], TaskFactory]:
    """Decorator: register a Task class (or a factory returning one) under ``name``."""
    return TASKS.register(name)


def get_task(name: str, **cfg: Any) -> Task:
    """Instantiate the task registered as ``name`` with its config ``cfg`` (keyword arguments)."""
    factory = TASKS[name]
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
    return sorted(TASKS.names())


def describe_task(name: str) -> str:
    """First line of the docstring of the task registered as ``name``."""
    doc = (TASKS[name].__doc__ or "").strip()
    return doc.splitlines()[0] if doc else ""
