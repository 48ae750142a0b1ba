"""Pre-forked sandbox workers: the default backend (bubblewrap) and the explicit trusted-code mode.

Each worker is a fresh ``python -I`` running the worker's source (``sandbox/worker/``, assembled into one;
never a fork of the caller, so it never holds torch or the caller's secrets) inside its own bubblewrap
sandbox: new PID, network, IPC, UTS and mount namespaces; read-only binds of /usr and the Python install
only; a scrubbed environment; a cgroup of its own where cgroups are writable. It runs as
PID 1 of its namespace, so nothing a program starts can outlive the run or signal anything outside. A
worker that dies, hangs or breaks the protocol is killed and replaced; its job reports ``sandbox_error``.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import queue
import random
import secrets
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rlvr.sandbox.base import (
    JudgeResult,
    JudgeSpec,
    Limits,
    RunResult,
    Sandbox,
    SandboxUnavailable,
)
from rlvr.sandbox.cgroups import WorkerCgroups, enter_command, remove_stale
from rlvr.sandbox.seccomp import sandbox_filter_bpf
from rlvr.sandbox.worker import assemble, launcher

logger = logging.getLogger(__name__)

#: Modules imported once per worker, so that a forked run finds them loaded.
PREIMPORT = (
    "atexit", "bisect", "collections", "copy", "dataclasses", "datetime", "decimal", "fractions",
    "functools", "hashlib", "heapq", "itertools", "json", "math", "operator", "random", "re",
    "statistics", "string", "threading", "typing", "unittest",
)  # fmt: skip
INSTALL_HINT = (
    "bubblewrap (bwrap) is required for sandboxed code execution: install it with "
    "'sudo apt-get install bubblewrap' (Debian/Ubuntu), 'sudo dnf install bubblewrap' (Fedora) or "
    "'bash scripts/setup.sh'; for trusted code only, use backend='rlimits' (no isolation)"
)
#: The whole environment of a sandboxed program. One BLAS/OpenMP thread: runs are many and parallel, and
#: a thread per core would run into RLIMIT_NPROC on big machines.
SANDBOX_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/tmp",
    "TMPDIR": "/tmp",
    "LANG": "C.UTF-8",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
STARTUP_TIMEOUT_S = 60.0
#: Where a worker sees its runs' cgroup directories (one per hierarchy), under a directory only root enters.
CGROUP_MOUNT = "/run/rlvr-cgroup"
GRACE_S = 5.0  # beyond a job's wall limit before the host declares the worker hung


UID_RANGE = (20000, 60002)  # as host root, each worker's runs and trusted tests get two uids from here


def _maps_ids(path: str, lo: int, hi: int) -> bool:
    """Whether this user namespace's ``path`` (``/proc/self/uid_map`` or ``gid_map``) maps id 0 and every
    id in [lo, hi): the initial namespace maps all, ``unshare --user --map-root-user`` only 0 (root there
    cannot give a run a uid of its own)."""
    try:
        with open(path) as f:
            ranges = [tuple(int(x) for x in line.split()) for line in f if line.strip()]
    except (OSError, ValueError):
        return False

    def covered(a: int, b: int) -> bool:
        return any(len(r) == 3 and r[0] <= a and b <= r[0] + r[2] for r in ranges)

    return covered(0, 1) and covered(lo, hi)


def can_give_uids() -> bool:
    """Root whose user namespace maps the uids the runs get (:data:`UID_RANGE`): the privileged mode (uids
    of their own, cgroups); otherwise the pool runs as an unprivileged user would (a user namespace)."""
    return os.geteuid() == 0 and all(_maps_ids(f"/proc/self/{m}_map", *UID_RANGE) for m in ("uid", "gid"))


class WorkerDied(RuntimeError):
    """The worker process exited, hung or broke the protocol."""


class WorkerGone(WorkerDied):
    """The worker had exited before it read a job: nothing of that job ran, so it may go to another worker."""


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


def _python_roots() -> list[str]:
    """Directories holding the interpreter, its stdlib and site-packages (outside /usr)."""
    roots = []
    for p in {sys.base_prefix, sys.prefix, os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))}:
        p = os.path.realpath(p)
        if not any(p == r or p.startswith(r + "/") for r in ("/usr",)):
            roots.append(p)
    return sorted(set(roots))


def bwrap_command(bwrap: str, privileged: bool, disk_mb: int = 64, cgroup_dirs: Sequence[str] = ()) -> list[str]:
    """The bubblewrap command line of one worker (without the program); ``cgroup_dirs``: its runs' cgroup
    directories, bound read-write under :data:`CGROUP_MOUNT` (mode 0700: the runs' uids cannot enter)."""
    cmd = [bwrap, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    if privileged:  # host root: children get uids of their own; the worker keeps what it needs for that
        caps = ("CAP_SYS_ADMIN", "CAP_SETUID", "CAP_SETGID", "CAP_KILL")
    else:  # unprivileged: a user namespace; mount rights inside it only
        cmd += ["--unshare-user", "--disable-userns"]
        caps = ("CAP_SYS_ADMIN",)
    for c in caps:
        cmd += ["--cap-add", c]
    cmd += ["--as-pid-1", "--die-with-parent", "--new-session", "--clearenv"]
    for k, v in SANDBOX_ENV.items():
        cmd += ["--setenv", k, v]
    cmd += ["--ro-bind", "/usr", "/usr"]
    for d in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(d):
            cmd += ["--symlink", os.readlink(d), d]
        elif os.path.isdir(d):
            cmd += ["--ro-bind", d, d]
    for root in _python_roots():
        cmd += ["--ro-bind", root, root]
        for parent in Path(root).parents:  # e.g. /root is 0700 on the host: traversable, nothing else
            if str(parent) != "/":
                cmd += ["--chmod", "0755", str(parent)]
    cmd += ["--proc", "/proc", "--dev", "/dev", "--size", str(disk_mb << 20), "--tmpfs", "/tmp"]
    cmd += ["--size", str(disk_mb << 20), "--tmpfs", "/dev/shm"]
    if cgroup_dirs:
        cmd += ["--perms", "0700", "--dir", CGROUP_MOUNT]
        for i, d in enumerate(cgroup_dirs):
            cmd += ["--bind", d, f"{CGROUP_MOUNT}/{i}"]
    cmd += ["--remount-ro", "/", "--chdir", "/tmp"]
    return cmd


class WorkerProcess:
    """Host-side handle of one worker: frames in, JSON lines out, with deadlines."""

    def __init__(
        self,
        argv: list[str],
        cfg: dict[str, Any],
        env: dict[str, str] | None = None,
        cgroups: WorkerCgroups | None = None,
    ) -> None:
        self.cgroups = cgroups  # removed when the worker is killed
        self._stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, env=env, close_fds=True
        )
        self._buf = b""
        self.jobs = 0
        os.set_blocking(self.proc.stdout.fileno(), False)  # type: ignore[union-attr]
        os.set_blocking(self.proc.stdin.fileno(), False)  # type: ignore[union-attr]
        self._in_poll, self._out_poll = select.poll(), select.poll()  # made once: no epoll per message
        self._in_poll.register(self.proc.stdout.fileno(), select.POLLIN)  # type: ignore[union-attr]
        self._out_poll.register(self.proc.stdin.fileno(), select.POLLOUT)  # type: ignore[union-attr]
        self._send([_frame(cfg)], time.monotonic() + STARTUP_TIMEOUT_S)

    def wait_ready(self) -> dict[str, Any]:
        """The worker's hello: ``ready``, its ``pid`` and ``uid``, and whether its runs get namespaces of
        their own (``run_namespaces``)."""
        hello = self._recv(time.monotonic() + STARTUP_TIMEOUT_S)
        if not hello.get("ready"):
            raise WorkerDied(f"worker did not start: {hello}")
        return hello

    def _send(self, frames: list[bytes], deadline: float) -> None:
        """Write all of ``frames``; wait (poll) only while the pipe is full."""
        data = memoryview(b"".join(frames))
        fd = self.proc.stdin.fileno()  # type: ignore[union-attr]
        while data:
            try:
                data = data[os.write(fd, data[: 1 << 16]) :]
                continue
            except BlockingIOError:
                pass
            except OSError as e:
                raise WorkerGone(f"worker input closed: {e}") from None
            left = deadline - time.monotonic()
            if left <= 0:
                raise WorkerDied("worker stopped reading its input")
            self._out_poll.poll(left * 1000)

    def _recv(self, deadline: float) -> dict[str, Any]:
        """One JSON line from the worker; wait (poll) only while none is buffered."""
        fd = self.proc.stdout.fileno()  # type: ignore[union-attr]
        while b"\n" not in self._buf:
            try:
                chunk = os.read(fd, 1 << 16)  # (asking 1 MiB cost an mmap + munmap per message)
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise WorkerDied("worker did not answer in time") from None
                self._in_poll.poll(left * 1000)
                continue
            if not chunk:
                raise WorkerDied(f"worker exited: {self.stderr_tail()}")
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        try:
            msg = json.loads(line)
        except ValueError:
            raise WorkerDied("worker sent malformed output") from None
        if not isinstance(msg, dict):
            raise WorkerDied("worker sent malformed output")
        return msg

    def call(self, frames: list[bytes], job_id: int, timeout_s: float) -> dict[str, Any]:
        """Send a job; return the worker's answer, with the trusted test process's report (which it writes
        to the same stream just before the worker answers) under ``"report"``."""
        deadline = time.monotonic() + timeout_s
        self._send(frames, deadline)
        report = None
        while True:
            msg = self._recv(deadline)
            if "report" in msg:
                report = msg["report"]
                continue
            break
        if msg.get("id") != job_id:
            raise WorkerDied(f"worker answered job {msg.get('id')!r}, expected {job_id}")
        msg["report"] = report
        self.jobs += 1
        return msg

    def stderr_tail(self, n: int = 2000) -> str:
        try:
            self._stderr.seek(0, os.SEEK_END)
            size = self._stderr.tell()
            self._stderr.seek(max(0, size - n))
            return self._stderr.read().decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            return ""

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close_input(self) -> None:
        """Ask the worker to shut down cleanly (it exits at the end of its input)."""
        try:
            self.proc.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass

    def kill(self, grace_s: float = 0.0) -> None:
        """Stop the worker: with ``grace_s``, first close its input and let it shut down cleanly."""
        if grace_s > 0 and self.proc.poll() is None:
            self.close_input()
            try:
                self.proc.wait(timeout=grace_s)
            except subprocess.TimeoutExpired:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            logger.error("sandbox worker %d did not exit after SIGKILL", self.proc.pid)
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()  # type: ignore[union-attr]
            except OSError:
                pass
        self._stderr.close()
        if self.cgroups is not None:
            self.cgroups.remove()
            self.cgroups = None


def _frame(obj: dict[str, Any]) -> bytes:
    """``obj`` as one frame for the worker: its JSON's length in a fixed-width header (one read), the JSON."""
    data = json.dumps(obj).encode()
    return b"%019d\n" % len(data) + data


class SandboxPool(Sandbox):
    """A pool of pre-started workers; ``run``/``judge`` borrow one per job. Thread-safe.

    backend: ``bwrap`` (default; refuses with :class:`SandboxUnavailable` when bubblewrap is missing) or
    ``rlimits`` (trusted code only: no namespaces, no filesystem isolation; warns). workers: pool size
    (default: the CPUs this process may run on). limits: default :class:`Limits` of a run.
    """

    def __init__(self, workers: int | None = None, limits: Limits | None = None, backend: str = "bwrap") -> None:
        if backend not in ("bwrap", "rlimits"):
            raise ValueError(f"SandboxPool.backend must be 'bwrap' or 'rlimits', got {backend!r}")
        self.backend = backend
        self.limits = limits or Limits()
        self.size = int(workers or len(os.sched_getaffinity(0)) or 1)  # the CPUs this process may use
        if self.size < 1:
            raise ValueError(f"SandboxPool.workers must be >= 1, got {workers}")
        self._privileged = can_give_uids()
        # a cgroup per worker binds each run as a whole; only as host root, where the runs get uids of their
        # own (in a user namespace they would share the worker's uid, and could move out of their group)
        self._cgroups = self._privileged
        if self._cgroups:
            remove_stale()
        if backend == "bwrap":
            bw = bwrap_path()
            if bw is None:
                raise SandboxUnavailable(INSTALL_HINT)
            self._bwrap = bw
        else:
            warnings.warn(
                "rlvr sandbox backend 'rlimits' gives NO isolation (filesystem, network, processes): "
                "use it only for code you trust",
                RuntimeWarning,
                stacklevel=2,
            )
            logger.warning("sandbox backend 'rlimits': NO isolation; trusted code only")
            self._scratch = tempfile.mkdtemp(prefix="rlvr-sandbox-")
        self._bpf = base64.b64encode(sandbox_filter_bpf()).decode()
        self._source = assemble()
        self._launch = launcher(self._source)
        self._ids = iter(range(1, 1 << 62))
        self._id_lock = threading.Lock()
        self._idle: queue.SimpleQueue[WorkerProcess | None] = queue.SimpleQueue()
        self._closed = False
        self._noted = False
        self._all: set[WorkerProcess] = set()
        self._all_lock = threading.Lock()
        # bwrap dies with the *thread* that started it (PR_SET_PDEATHSIG): one long-lived thread starts all
        self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rlvr-sandbox-spawn")
        started = [self._spawner.submit(self._spawn).result() for _ in range(self.size)]
        for w in started:
            try:
                self._note(w.wait_ready())
            except WorkerDied as e:
                self.close()
                for x in started:
                    x.kill()
                raise SandboxUnavailable(f"sandbox worker failed to start: {e} {w.stderr_tail()}") from None
            self._idle.put(w)
        self._executor = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="rlvr-sandbox")
        self._probe()

    def _probe(self) -> None:
        """Judge one trivial correct program: where this environment lets the workers start but not their
        runs or trusted tests (a process that cannot take its uid, mount or limits), refuse here with the
        reason, rather than fail every job later."""
        res = self.judge(
            JudgeSpec(solution="x = 1\n", tests="assert x == 1\n"),
            self.limits.replace(wall_s=30.0, cpu_s=max(self.limits.cpu_s, 10.0)),
        )
        if res.all_passed:
            return
        tails = [w.stderr_tail(600) for w in list(self._all)]
        self.close()
        why = res.error or (res.run.error if res.run is not None else None) or "; ".join(res.failures) or res.status
        detail = " | ".join(t for t in tails if t)
        raise SandboxUnavailable(
            f"sandbox runs fail in this environment ({why}){': ' + detail if detail else ''}. Run as an "
            "unprivileged user, or as root of the initial user namespace (a user namespace must map the uids "
            f"{UID_RANGE[0]}-{UID_RANGE[1] - 1} for root's mode), with bubblewrap able to create namespaces"
        )

    # ------------------------------------------------------------------ workers
    def _spawn(self) -> WorkerProcess:
        python = os.path.realpath(sys.executable)
        argv_py = [python, "-I", "-B", "-c", self._launch]
        cfg: dict[str, Any] = {"bpf": self._bpf, "preimport": list(PREIMPORT), "limits": asdict(self.limits)}
        cg = WorkerCgroups.create() if self._cgroups else None
        if self.backend == "bwrap":
            run_dirs = cg.run_dirs if cg is not None else []
            argv = bwrap_command(self._bwrap, self._privileged, self.limits.disk_mb, run_dirs) + ["--"] + argv_py
            cfg.update(isolated=True, workdir="/tmp")
            if cg is not None:
                cfg["cgroup"] = cg.spec([f"{CGROUP_MOUNT}/{i}" for i in range(len(run_dirs))])
            if self._privileged:  # two fresh uids: the solution's, and the trusted tests'
                base = random.randrange(UID_RANGE[0], UID_RANGE[1] - 2, 2)
                cfg["uids"] = [base, base + 1]
            env = None
        else:
            argv = argv_py
            cfg.update(isolated=False, scratch=self._scratch, workdir=self._scratch)
            if cg is not None:
                cfg["cgroup"] = cg.spec()
            env = {**SANDBOX_ENV, "HOME": self._scratch, "TMPDIR": self._scratch}
        if cg is not None:  # the worker starts inside its own group (no moving afterwards, no race)
            argv = enter_command(cg.sys_procs, argv)
        try:
            w = WorkerProcess(argv, cfg, env, cg)
        except BaseException:
            if cg is not None:
                cg.remove()
            raise
        with self._all_lock:
            self._all.add(w)
        return w

    def _note(self, hello: dict[str, Any]) -> None:
        if self.backend == "bwrap" and not hello.get("run_namespaces") and not self._noted:
            self._noted = True
            logger.warning(
                "sandbox: the kernel refuses each run a PID and mount namespace of its own here; runs of a "
                "worker share its PID counter and /proc (see docs/sandbox.md, threat model)"
            )

    def _discard(self, w: WorkerProcess) -> None:
        w.kill()
        with self._all_lock:
            self._all.discard(w)

    def _start_one(self) -> WorkerProcess | None:
        """A new ready worker, or None (logged) when none can be started right now."""
        for _attempt in range(2):
            try:
                nw = self._spawner.submit(self._spawn).result()
            except OSError as e:
                logger.error("could not start a sandbox worker: %s", e)
                continue
            try:
                self._note(nw.wait_ready())
                return nw
            except WorkerDied as e:
                logger.error("a sandbox worker failed to start (%s): %s", e, nw.stderr_tail())
                self._discard(nw)
        return None

    def _replace(self, w: WorkerProcess | None) -> None:
        """Put a fresh worker in ``w``'s place. If none can start, its slot stays (as None) and the next job
        that draws it tries again, so the pool never shrinks and never blocks forever."""
        if w is not None:
            self._discard(w)
        if not self._closed:
            self._idle.put(self._start_one())

    def _job(self, frames_of: Any, limits: Limits) -> dict[str, Any]:
        """Borrow a worker, run one job (``frames_of(job_id) -> frames``), return the worker's answer."""
        if self._closed:
            raise RuntimeError("the sandbox pool is closed")
        with self._id_lock:
            job_id = next(self._ids)
        gone = ""
        for _attempt in range(2):  # a worker found dead before its job ran: one other worker may take the job
            w = self._idle.get()
            if w is None:  # a slot whose worker could not be restarted: try again now
                w = self._start_one()
                if w is None:
                    self._idle.put(None)
                    return {"status": "sandbox_error", "error": "no sandbox worker could be started"}
            if w.alive():
                try:
                    return self._call(w, frames_of(job_id), job_id, limits)
                except WorkerGone as e:  # it died idle: the job never reached it
                    gone = str(e)
            else:
                gone = f"worker exited with status {w.proc.returncode}"
            logger.warning("sandbox worker had exited while idle (%s: %s); replacing it", gone, w.stderr_tail(300))
            self._replace(w)
        return {"status": "sandbox_error", "error": f"sandbox worker died: {gone}"}

    def _call(self, w: WorkerProcess, frames: list[bytes], job_id: int, limits: Limits) -> dict[str, Any]:
        """Run one job on ``w``; a worker that dies during it is replaced and the job reported lost."""
        try:
            msg = w.call(frames, job_id, limits.wall_s + GRACE_S)
        except WorkerGone:
            raise
        except WorkerDied as e:
            logger.warning("sandbox worker died (%s); replacing it", e)
            self._replace(w)
            return {"status": "sandbox_error", "error": f"sandbox worker died: {e}"}
        except BaseException:
            self._replace(w)
            raise
        if msg.get("recycle") or not w.alive():
            self._replace(w)
        else:
            self._idle.put(w)
        return msg

    # ------------------------------------------------------------------ API
    def run(self, program: str, stdin: str | None = None, limits: Limits | None = None) -> RunResult:
        lim = limits or self.limits
        job = {"kind": "exec", "program": program, "stdin": stdin, "limits": asdict(lim)}
        msg = self._job(lambda i: [_frame({**job, "id": i})], lim)
        return _run_result(msg)

    def judge(self, spec: JudgeSpec, limits: Limits | None = None, fraction: bool = False) -> JudgeResult:
        lim = limits or self.limits
        nonce, t0 = secrets.token_hex(16), time.perf_counter()
        msg = self._job(lambda i: judge_frames(i, spec, lim, nonce, fraction), lim)
        return judge_result(msg, nonce, lim, time.perf_counter() - t0)

    def run_many(
        self, programs: Sequence[str], stdins: Sequence[str | None] | None = None, limits: Limits | None = None
    ) -> list[RunResult]:
        stdins = stdins if stdins is not None else [None] * len(programs)
        if len(stdins) != len(programs):
            raise ValueError(f"got {len(programs)} programs but {len(stdins)} stdins")
        return list(self._executor.map(lambda ps: self.run(ps[0], ps[1], limits), zip(programs, stdins)))

    def judge_many(
        self, specs: Sequence[JudgeSpec], limits: Limits | None = None, fraction: bool = False
    ) -> list[JudgeResult]:
        return list(self._executor.map(lambda s: self.judge(s, limits, fraction), specs))

    def submit(self, fn: Any, *args: Any) -> Any:
        """Run ``fn(*args)`` on the pool's dispatch threads (one per worker); returns a Future."""
        return self._executor.submit(fn, *args)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if hasattr(self, "_executor"):
            self._executor.shutdown(wait=True)
        with self._all_lock:
            workers, self._all = list(self._all), set()
        for w in workers:  # all shut down together, then each is waited for
            w.close_input()
        for w in workers:
            w.kill(grace_s=2.0)
        if hasattr(self, "_spawner"):
            self._spawner.shutdown(wait=True)
        if self.backend == "rlimits":
            shutil.rmtree(self._scratch, ignore_errors=True)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


def _run_result(msg: dict[str, Any]) -> RunResult:
    if msg.get("status") == "sandbox_error":
        return RunResult("sandbox_error", error=str(msg.get("error")))
    return RunResult(
        status=msg["status"],
        returncode=msg.get("returncode"),
        stdout=msg.get("stdout", ""),
        stderr=msg.get("stderr", ""),
        duration_s=float(msg.get("duration_s", 0.0)),
        stdout_truncated=bool(msg.get("stdout_truncated")),
        stderr_truncated=bool(msg.get("stderr_truncated")),
    )


def judge_frames(job_id: int, spec: JudgeSpec, lim: Limits, nonce: str, fraction: bool) -> list[bytes]:
    """The two frames of a judge job: the public half (solution, limits; read by the worker) and the secret
    half (tests, expected outputs, nonce; read only by the trusted test process)."""
    secret = json.dumps(
        {
            "id": job_id,
            "nonce": nonce,
            "mode": spec.mode,
            "tests": spec.tests,
            "fn_name": spec.fn_name,
            "inputs": list(spec.inputs),
            "outputs": list(spec.outputs),
            "float_tol": spec.float_tol,
            "fraction": fraction,
            "entry_point": spec.entry_point,
            "unwrap_single": spec.unwrap_single,
            "max_failures_reported": spec.max_failures_reported,
        }
    ).encode()
    public = {"kind": "judge", "id": job_id, "solution": spec.solution, "limits": asdict(lim), "t_bytes": len(secret)}
    if spec.mode == "call":  # the solution is imported as a module (APPS, LiveCodeBench): no __main__ block runs
        public["as_module"] = True
    return [_frame(public), secret]


def judge_result(msg: dict[str, Any], nonce: str, lim: Limits, duration_s: float) -> JudgeResult:
    """Turn the worker's answer into a JudgeResult; only a report carrying ``nonce`` can pass."""
    run = _run_result(msg)
    if msg.get("status") == "sandbox_error":
        return JudgeResult("sandbox_error", run=run, duration_s=duration_s, error=msg.get("error"))
    if msg.get("status") == "timeout":
        return JudgeResult("timeout", run=run, duration_s=duration_s, error=f"wall-clock limit {lim.wall_s}s")
    rep = msg.get("report")
    if not isinstance(rep, dict) or not secrets.compare_digest(str(rep.get("nonce", "")), nonce):
        err = "the trusted test process did not report"
        return JudgeResult("sandbox_error", run=run, duration_s=duration_s, error=err)
    total, completed = int(rep.get("total", 0)), bool(rep.get("completed"))
    return JudgeResult(
        "no_tests" if completed and total == 0 else "ok",  # ran to their end without a single check
        passed=int(rep.get("passed", 0)),
        total=total,
        completed=completed,
        all_counted=bool(rep.get("all_counted")),
        run=run,
        failures=[str(f) for f in rep.get("failures", [])][:20],
        duration_s=duration_s,
    )


_DEFAULT: dict[tuple[Any, ...], SandboxPool] = {}
_DEFAULT_LOCK = threading.Lock()


def default_pool(workers: int | None = None, backend: str = "bwrap") -> SandboxPool:
    """A process-wide pool, created on first use and closed at exit."""
    key = (workers, backend)
    with _DEFAULT_LOCK:
        pool = _DEFAULT.get(key)
        if pool is None or pool._closed:
            pool = _DEFAULT[key] = SandboxPool(workers=workers, backend=backend)
            import atexit

            atexit.register(pool.close)
        return pool
