"""rlvr.tasks: datasets + prompt templates + verifiers (see :mod:`rlvr.tasks.base`), the task registry,
model loading and pass@k evaluation."""

from rlvr.tasks.base import Example, Task
from rlvr.tasks.dataset import DatasetTask, encode_prompt, render_chat
from rlvr.tasks.registry import available_tasks, get_task, register_task

__all__ = [
    "DatasetTask",
    "Example",
    "Task",
    "available_tasks",
    "encode_prompt",
    "get_task",
    "register_task",
    "render_chat",
]
