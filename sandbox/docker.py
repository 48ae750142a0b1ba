"""Docker backend (extra ``docker``): one throw-away container per job, same interface and limits.

The container runs the same worker as the bubblewrap backend (``sandbox/worker/``) as its PID 1, in
one-shot mode: no network, read-only root, a fresh size- and inode-limited tmpfs on /tmp and /dev/shm,
memory and pids limits, all capabilities dropped except the three the worker needs to give each child a
uid of its own and kill everything afterwards; children still get rlimits and the seccomp filter.
Slower than the pool (a container start per job) but needs no bubblewrap on the host.
"""

from __future__ import annotations

import base64
import json
import logging
import random
import secrets
import time
from dataclasses import asdict
from typing import Any

from rlvr.sandbox.base import (
    JudgeResult,
    JudgeSpec,
    Limits,
    RunResult,
    Sandbox,
    SandboxUnavailable,
)
from rlvr.sandbox.pool import (
    GRACE_S,
    PREIMPORT,
    SANDBOX_ENV,
    _frame,
    _run_result,
    judge_frames,
    judge_result,
)
from rlvr.sandbox.seccomp import sandbox_filter_bpf
from rlvr.sandbox.worker import assemble, launcher

logger = logging.getLogger(__name__)

DEFAULT_IMAGE = "python:3.11-slim"


def container_spec(limits: Limits, image: str = DEFAULT_IMAGE, source: str | None = None) -> dict[str, Any]:
    """Keyword arguments of ``docker.DockerClient.containers.create`` for one job under ``limits``."""
    from docker.types import Ulimit

    tmpfs_opts = f"size={int(limits.disk_mb)}m,nr_inodes={int(limits.inodes)},mode=1777,nosuid,nodev"
    mem = int(limits.memory_mb) * 2 + 256  # the solution and the trusted test process, plus the worker
    return {
        "image": image,
        "command": ["python", "-I", "-B", "-c", launcher(source if source is not None else assemble())],
        "stdin_open": True,
        "detach": True,
        "network_mode": "none",
        "read_only": True,
        "tmpfs": {"/tmp": tmpfs_opts, "/dev/shm": tmpfs_opts},
        "working_dir": "/tmp",
        "environment": dict(SANDBOX_ENV),
        "mem_limit": f"{mem}m",
        "memswap_limit": f"{mem}m",
        "pids_limit": 2 * int(limits.nproc) + 8,
        "cap_drop": ["ALL"],
        "cap_add": ["SETUID", "SETGID", "KILL"],
        "security_opt": ["no-new-privileges"],
        "ulimits": [Ulimit(name="core", soft=0, hard=0), Ulimit(name="nofile", soft=256, hard=256)],
        "user": "0:0",
        "init": False,
        "labels": {"rlvr.sandbox": "1"},
    }


def worker_config(limits: Limits | None = None) -> dict[str, Any]:
    """The worker's init frame inside a container: no mounts (docker provides the tmpfs)."""
    base = random.randrange(20000, 60000, 2)
    return {
        "limits": asdict(limits or Limits()),
        "bpf": base64.b64encode(sandbox_filter_bpf()).decode(),
        "preimport": list(PREIMPORT),
        "isolated": True,
        "mount": False,
        "workdir": "/tmp",
        "uids": [base, base + 1],
    }


class DockerSandbox(Sandbox):
    """Runs each job in a fresh container through the docker SDK (``pip install rlvr[docker]``)."""

    def __init__(self, limits: Limits | None = None, image: str = DEFAULT_IMAGE, client: Any = None) -> None:
        self.limits = limits or Limits()
        self.image = image
        if client is None:
            try:
                import docker
            except ImportError:
                raise SandboxUnavailable(
                    "the docker backend needs the docker SDK: pip install 'rlvr[docker]'"
                ) from None
            try:
                client = docker.from_env()
                client.ping()
            except Exception as e:
                raise SandboxUnavailable(f"no Docker engine reachable: {e}") from None
        self.client = client
        self._source = assemble()
        self._ids = iter(range(1, 1 << 62))

    def _job(self, frames: list[bytes], limits: Limits) -> dict[str, Any]:
        c = self.client.containers.create(**container_spec(limits, self.image, self._source))
        try:
            sock = c.attach_socket(params={"stdin": 1, "stream": 1})
            c.start()
            raw = getattr(sock, "_sock", sock)
            raw.sendall(_frame(worker_config(limits)) + b"".join(frames))
            raw.shutdown(1)  # EOF: the worker exits after this job
            try:
                c.wait(timeout=limits.wall_s + GRACE_S + 10)
            except Exception:
                c.kill()
                return {"status": "sandbox_error", "error": "container did not finish in time"}
            lines = c.logs(stdout=True, stderr=False).splitlines()
            msgs = [json.loads(x) for x in lines if x.startswith(b"{")]
            answer = [m for m in msgs if "status" in m]
            if not answer:
                err = c.logs(stdout=False, stderr=True)[-2000:].decode("utf-8", "replace")
                return {"status": "sandbox_error", "error": f"worker gave no answer: {err}"}
            reports = [m["report"] for m in msgs if "report" in m]
            return {**answer[-1], "report": reports[-1] if reports else None}
        finally:
            try:
                c.remove(force=True)
            except Exception as e:
                logger.warning("could not remove container %s: %s", getattr(c, "id", "?"), e)

    def run(self, program: str, stdin: str | None = None, limits: Limits | None = None) -> RunResult:
        lim = limits or self.limits
        job = {"kind": "exec", "id": next(self._ids), "program": program, "stdin": stdin, "limits": asdict(lim)}
        return _run_result(self._job([_frame(job)], lim))

    def judge(self, spec: JudgeSpec, limits: Limits | None = None, fraction: bool = False) -> JudgeResult:
        lim = limits or self.limits
        nonce, t0 = secrets.token_hex(16), time.perf_counter()
        msg = self._job(judge_frames(next(self._ids), spec, lim, nonce, fraction), lim)
        return judge_result(msg, nonce, lim, time.perf_counter() - t0)
