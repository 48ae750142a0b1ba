"""The task registry: built-ins, decorator registration, entry points, clear errors."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from rlvr.tasks import registry
from rlvr.tasks.arithmetic import ArithmeticTask
from rlvr.tasks.base import Example
from rlvr.tasks.dataset import DatasetTask


def test_builtins_are_listed() -> None:
    assert {"arithmetic", "gsm8k", "asdiv", "humaneval", "codegen", "file"} <= set(registry.available_tasks())
    assert "arithmetic" in registry.describe_task("arithmetic").lower()


def test_get_task_passes_config_and_reports_bad_names() -> None:
    t = registry.get_task("arithmetic", level=2, n_eval=10, cache=False)
    assert isinstance(t, ArithmeticTask) and t.num_ops == 2
    with pytest.raises(KeyError, match="unknown task 'nope'.*arithmetic"):
        registry.get_task("nope")
    with pytest.raises(TypeError, match="bad config for task 'arithmetic'"):
        registry.get_task("arithmetic", no_such_option=1)


class _Echo(DatasetTask):
    name = "echo-test"

    def build(self, split: str) -> list[Example]:
        return [Example(id=f"{split}-0", prompt="say 1", reference="1")]


def test_register_decorator_and_duplicate_guard() -> None:
    registry.register_task("echo-test")(_Echo)
    try:
        t = registry.get_task("echo-test", cache=False)
        assert [e.id for e in t.examples("train")] == ["train-0"]
        with pytest.raises(ValueError, match="already registered"):
            registry.register_task("echo-test")(ArithmeticTask)
    finally:
        registry.TASKS.remove("echo-test")


def test_entry_point_tasks_are_found(monkeypatch) -> None:
    ep = EntryPoint(name="plugin-echo", value=f"{__name__}:_Echo", group=registry.ENTRY_POINT_GROUP)
    import rlvr.registry as shared  # the one registry module scans the entry points of every registry

    monkeypatch.setattr(shared, "entry_points", lambda group: [ep] if group == registry.ENTRY_POINT_GROUP else [])
    try:
        assert "plugin-echo" in registry.available_tasks()
        assert registry.get_task("plugin-echo", cache=False).examples("eval")[0].reference == "1"
    finally:
        registry.TASKS.remove("plugin-echo")


def test_a_factory_that_is_not_a_task_is_rejected() -> None:
    registry.register_task("not-a-task")(lambda: object())
    try:
        with pytest.raises(TypeError, match="lacks Task member"):
            registry.get_task("not-a-task")
    finally:
        registry.TASKS.remove("not-a-task")
