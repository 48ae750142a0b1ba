"""rlvr.sandbox: run untrusted Python safely and fast.

``get_sandbox()`` returns the process-wide default: a pool of pre-started bubblewrap workers. Backends:
``bwrap`` (default), ``docker`` (docker SDK), ``rlimits`` (trusted code only, no isolation; warns).
"""

from __future__ import annotations

from typing import Any

from rlvr.sandbox.base import (
    RUN_STATUSES,
    JudgeResult,
    JudgeSpec,
    Limits,
    RunResult,
    Sandbox,
    SandboxUnavailable,
)

__all__ = [
    "RUN_STATUSES",
    "JudgeResult",
    "JudgeSpec",
    "Limits",
    "RunResult",
    "Sandbox",
    "SandboxUnavailable",
    "get_sandbox",
]


def get_sandbox(backend: str = "bwrap", workers: int | None = None, **kwargs: Any) -> Sandbox:
    """The sandbox of ``backend``: ``bwrap`` and ``rlimits`` give a shared process-wide worker pool
    (``workers`` defaults to the CPU count); ``docker`` a :class:`~rlvr.sandbox.docker.DockerSandbox`."""
    if backend in ("bwrap", "rlimits"):
        from rlvr.sandbox.pool import default_pool

        return default_pool(workers=workers, backend=backend)
    if backend == "docker":
        from rlvr.sandbox.docker import DockerSandbox

        return DockerSandbox(**kwargs)
    raise ValueError(f"unknown sandbox backend {backend!r}; choose bwrap, docker or rlimits")
