"""The sandbox interface: :class:`Limits` in, :class:`RunResult` / :class:`JudgeResult` out.

A :class:`Sandbox` runs untrusted Python programs. ``run`` executes one program with optional stdin;
``judge`` runs a solution against trusted tests in a *separate* process (see ``sandbox/worker/``).
Backends: :mod:`rlvr.sandbox.pool` (bubblewrap namespaces + pre-forked workers, the default),
:mod:`rlvr.sandbox.docker` (docker SDK) and the explicit, unsafe ``rlimits`` mode for trusted code.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

#: RunResult.status values. ``ok``: exited with code 0; ``runtime_error``: non-zero exit or killed by a
#: signal (segfault, CPU limit); ``timeout``: the wall-clock limit fired; ``sandbox_error``: the sandbox
#: itself failed (worker died, protocol violation) -- never a pass.
RUN_STATUSES = ("ok", "runtime_error", "timeout", "sandbox_error")


class SandboxUnavailable(RuntimeError):
    """The requested backend cannot run on this machine (e.g. bubblewrap is not installed)."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one run. Sizes in MiB, times in seconds."""

    wall_s: float = field(default=10.0, metadata={"help": "wall-clock limit; the whole PID namespace is SIGKILLed"})
    cpu_s: float = field(
        default=10.0,
        metadata={"help": "RLIMIT_CPU per process; with cgroups also the CPU time of all the run's processes together"},
    )
    memory_mb: int = field(
        default=1024,
        metadata={"help": "RLIMIT_AS per process; with cgroups also the memory of the run as a whole (shm, tmpfs)"},
    )
    fsize_mb: int = field(default=16, metadata={"help": "RLIMIT_FSIZE: largest file a process may write"})
    disk_mb: int = field(default=64, metadata={"help": "size of the per-run tmpfs workdir (/tmp)"})
    inodes: int = field(default=4096, metadata={"help": "inode count of the per-run tmpfs workdir"})
    nofile: int = field(default=64, metadata={"help": "RLIMIT_NOFILE: open file descriptors per process"})
    nproc: int = field(
        default=32, metadata={"help": "RLIMIT_NPROC: processes/threads of the run's user; with cgroups, pids.max"}
    )
    output_bytes: int = field(default=1 << 20, metadata={"help": "cap on captured stdout and on stderr each"})

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or v <= 0:
                raise ValueError(f"Limits.{f.name} must be a positive number, got {v!r}")
        if self.nproc < 2:
            raise ValueError(f"Limits.nproc must be >= 2 (the interpreter itself), got {self.nproc}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def replace(self, **changes: Any) -> Limits:
        return Limits(**{**asdict(self), **changes})


@dataclass
class RunResult:
    """Outcome of one program run.

    status: one of :data:`RUN_STATUSES`. returncode: exit code, or ``-signal`` when killed (None when the
    sandbox failed). stdout/stderr: decoded text (UTF-8, invalid bytes replaced), each capped at
    ``Limits.output_bytes``; ``*_truncated`` tell whether more was produced. duration_s: wall seconds of the
    run inside the sandbox. error: what went wrong for ``sandbox_error``.
    """

    status: str
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    duration_s: float = 0.0
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    error: str | None = None

    def __post_init__(self) -> None:
        if self.status not in RUN_STATUSES:
            raise ValueError(f"RunResult.status must be one of {RUN_STATUSES}, got {self.status!r}")

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class JudgeResult:
    """Outcome of judging a solution against trusted tests.

    passed / total: checks (executed ``assert`` statements, collected ``test*`` functions and methods, or
    call cases) that passed / ran. completed: the trusted test process ran to the end and returned the
    run's secret nonce. all_counted: ``total`` holds every check the tests would have made, those not
    reached counted as failed (call mode: its cases are known in advance). status: ``ok`` (the judge decided), ``no_tests`` (the tests ran to their end
    without executing a single check: a failure), ``timeout`` or ``sandbox_error``. run: the solution
    process's output (stdout/stderr). failures: short descriptions of the first failing tests.
    """

    status: str
    passed: int = 0
    total: int = 0
    completed: bool = False
    all_counted: bool = False
    run: RunResult | None = None
    failures: list[str] = field(default_factory=list)
    duration_s: float = 0.0
    error: str | None = None

    @property
    def all_passed(self) -> bool:
        return self.status == "ok" and self.completed and self.total > 0 and self.passed == self.total

    @property
    def fraction(self) -> float:
        """Fraction of checks passed. A run that did not finish (the solution died, the tests stopped)
        scores no more than the same run with every check it did not reach failed: 0, unless ``total``
        counts the checks not reached (``all_counted``); either way it counts one extra failed check. (A
        site that passed before the run stopped might have failed in a later execution, so an unfinished
        assert-style run has no sound count but 0; a timeout is 0 too.)"""
        if self.status != "ok" or not (self.completed or self.all_counted):
            return 0.0
        denom = self.total + (0 if self.completed else 1)
        return self.passed / denom if denom else 0.0


@dataclass(frozen=True)
class JudgeSpec:
    """What to judge. ``mode`` is ``assert`` (``tests`` is Python source with asserts, run in the trusted
    process as ``__main__``, then its pytest-style tests; names it reads that the solution defines are
    proxied) or ``call`` (``fn_name`` called on each of ``inputs``, results compared with ``outputs`` by
    value and exact type). ``entry_point`` (assert mode): the solution's function under test, bound in the
    tests as ``__entry_point__`` (HumanEval's ``check(__entry_point__)``: a builtin of the same name stays
    the builtin) or, in tests that do not use ``__entry_point__``, under its own name, even over a builtin
    (as in the concatenated file). ``float_tol``: relative tolerance for floats in call mode (0: a relative
    1e-9, what two ways of computing one float differ by). ``unwrap_single`` (call mode, APPS' ``input_output``
    wrapper only): an expected one-element list also accepts its element."""

    solution: str
    mode: str = "assert"
    tests: str = ""
    fn_name: str = ""
    inputs: Sequence[Sequence[Any]] = ()
    outputs: Sequence[Any] = ()
    float_tol: float = 0.0
    max_failures_reported: int = 3
    entry_point: str = ""
    unwrap_single: bool = False

    def __post_init__(self) -> None:
        if self.mode not in ("assert", "call"):
            raise ValueError(f"JudgeSpec.mode must be 'assert' or 'call', got {self.mode!r}")
        if self.mode == "assert" and not self.tests.strip():
            raise ValueError("JudgeSpec.tests is empty (mode='assert')")
        if self.mode == "call":
            if not self.fn_name:
                raise ValueError("JudgeSpec.fn_name is required for mode='call'")
            if len(self.inputs) != len(self.outputs):
                raise ValueError(f"JudgeSpec: {len(self.inputs)} inputs but {len(self.outputs)} outputs")
            if not self.inputs:
                raise ValueError("JudgeSpec.inputs is empty (mode='call')")
        if self.entry_point and not self.entry_point.isidentifier():
            raise ValueError(f"JudgeSpec.entry_point must be an identifier, got {self.entry_point!r}")


class Sandbox(ABC):
    """Runs untrusted programs. Implementations are thread-safe: ``run``/``judge`` may be called from many
    threads; ``run_many``/``judge_many`` spread a batch over the backend's workers, results in order."""

    limits: Limits

    @abstractmethod
    def run(self, program: str, stdin: str | None = None, limits: Limits | None = None) -> RunResult:
        """Execute ``program`` (Python source) with ``stdin`` (None: /dev/null)."""

    @abstractmethod
    def judge(self, spec: JudgeSpec, limits: Limits | None = None, fraction: bool = False) -> JudgeResult:
        """Judge ``spec.solution`` against trusted tests; see :class:`JudgeSpec`. ``fraction``: keep going
        after a failed test (for partial credit) instead of stopping at the first."""

    def run_many(
        self, programs: Sequence[str], stdins: Sequence[str | None] | None = None, limits: Limits | None = None
    ) -> list[RunResult]:
        stdins = stdins if stdins is not None else [None] * len(programs)
        if len(stdins) != len(programs):
            raise ValueError(f"got {len(programs)} programs but {len(stdins)} stdins")
        return [self.run(p, s, limits) for p, s in zip(programs, stdins)]

    def judge_many(
        self, specs: Sequence[JudgeSpec], limits: Limits | None = None, fraction: bool = False
    ) -> list[JudgeResult]:
        return [self.judge(s, limits, fraction) for s in specs]

    def close(self) -> None:  # noqa: B027 - optional hook: most backends hold nothing
        """Release workers/containers. Idempotent."""

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
