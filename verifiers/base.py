"""The verifier protocol, its result type, and the registry.

A verifier turns ``(completion, reference, **context)`` into a :class:`VerifyResult`. Verifiers are found by
name: built-ins register with :func:`register_verifier`, third-party packages through the entry-point group
``rlvr.verifiers`` (the entry point names a Verifier subclass or a zero-argument factory).
"""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

from rlvr.registry import Registry

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "rlvr.verifiers"

#: Status values a verifier reports. ``ok``: the check ran and decided; ``no_answer``: nothing could be
#: extracted; ``timeout``: the hard time limit fired; ``error``: the check itself failed (bad reference,
#: crash); ``no_tests``: the tests ran to their end without executing a single check (code). Only ``ok``
#: can carry ``passed=True``.
STATUSES = ("ok", "no_answer", "timeout", "error", "no_tests")


@dataclass
class VerifyResult:
    """Outcome of one verification.

    score: reward in [0, 1]. passed: the completion is judged correct. status: one of :data:`STATUSES`.
    extracted: the answer string the verifier judged (``None`` when nothing was extracted).
    details: verifier-specific extras (e.g. ``stdout``/``stderr`` for code, component scores for
    combinations). duration_s: wall-clock seconds spent. error: a message when status is error/timeout.
    """

    score: float
    passed: bool
    status: str = "ok"
    extracted: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    duration_s: float = 0.0
    error: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"VerifyResult.status must be one of {STATUSES}, got {self.status!r}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"VerifyResult.score must lie in [0, 1], got {self.score}")
        if self.passed and self.status != "ok":
            raise ValueError("VerifyResult.passed=True requires status='ok'")

    @classmethod
    def failure(cls, status: str, error: str | None = None, **kw: Any) -> VerifyResult:
        """A zero-reward result for ``no_answer``, ``timeout`` or ``error``."""
        return cls(score=0.0, passed=False, status=status, error=error, **kw)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Verifier(ABC):
    """Base class of all verifiers.

    Subclasses implement :meth:`verify`. :meth:`verify_batch` scores many completions and may spread them
    over worker processes; it always returns exactly one result per completion, in order.
    """

    name: ClassVar[str] = ""
    #: True when every call is bounded by hard limits of the verifier's own (worker processes, a sandbox):
    #: the learner then calls it in its process; other verifiers run in killable workers under
    #: ``reward.timeout_s`` (:mod:`rlvr.verifiers.isolated`)
    enforces_time_limit: ClassVar[bool] = False

    @abstractmethod
    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        """Score one completion against its reference. Must never raise for bad model output."""

    def start(self) -> None:  # noqa: B027 - optional hook: most verifiers start nothing
        """Start what the first call would otherwise start (worker processes, a sandbox pool) and wait until it
        is ready, so that a time limit on a call measures the call alone (a restarted verifier actor calls it
        before it answers its readiness probe). A verifier that holds others starts them."""

    def verify_batch(
        self,
        completions: Sequence[str],
        references: Sequence[Any],
        contexts: Sequence[Mapping[str, Any]] | None = None,
    ) -> list[VerifyResult]:
        """Score ``len(completions)`` completions; references (and contexts) must match in length."""
        check_batch_lengths(completions, references, contexts)
        ctxs = contexts if contexts is not None else [{}] * len(completions)
        return [self.safe_verify(c, r, **dict(x)) for c, r, x in zip(completions, references, ctxs)]

    def safe_verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        """:meth:`verify`, with any exception turned into a zero-reward ``error`` result."""
        t0 = time.perf_counter()
        try:
            res = self.verify(completion, reference, **context)
        except Exception as e:  # a verifier crash must never crash the trainer
            logger.warning("verifier %s raised %s: %s", self.name or type(self).__name__, type(e).__name__, e)
            return VerifyResult.failure("error", f"{type(e).__name__}: {e}", duration_s=time.perf_counter() - t0)
        if not res.duration_s:
            res.duration_s = time.perf_counter() - t0
        return res


class BatchVerifier(Verifier):
    """A verifier whose unit of work is the batch (a worker pool, caches shared across a group): subclasses
    implement :meth:`verify_batch`; :meth:`verify` scores a batch of one."""

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        return self.verify_batch([completion], [reference], [context])[0]

    @abstractmethod
    def verify_batch(
        self,
        completions: Sequence[str],
        references: Sequence[Any],
        contexts: Sequence[Mapping[str, Any]] | None = None,
    ) -> list[VerifyResult]:
        """Score ``len(completions)`` completions, one result each, in order."""


#: the longest time limit a verifier accepts, in seconds (about 23 days): the OS's wait calls take at most
#: 2**31 - 1 ms, and a longer limit made every check an ``OverflowError``
MAX_TIMEOUT_S = 2_000_000.0


def checked_timeout(value: object, field: str) -> float:
    """``value`` as a time limit in seconds: a number in (0, :data:`MAX_TIMEOUT_S`], else a ``ValueError``
    naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_TIMEOUT_S:
        raise ValueError(f"{field} must be a number of seconds > 0 and <= {MAX_TIMEOUT_S:g}, got {value!r}")
    return float(value)


def check_batch_lengths(
    completions: Sequence[Any], references: Sequence[Any], contexts: Sequence[Any] | None = None
) -> None:
    """Raise ValueError unless all given sequences have one entry per completion (no silent broadcast)."""
    n = len(completions)
    if len(references) != n:
        raise ValueError(f"got {n} completions but {len(references)} references")
    if contexts is not None and len(contexts) != n:
        raise ValueError(f"got {n} completions but {len(contexts)} contexts")


def _name_class(name: str, factory: Callable[..., Verifier]) -> None:
    if isinstance(factory, type) and not factory.name:
        factory.name = name


#: every verifier by name: the built-ins (imported on first lookup) and the ``rlvr.verifiers`` entry points
VERIFIERS: Registry[Callable[..., Verifier]] = Registry(
    "verifier", builtin_modules=("rlvr.verifiers.builtins",), entry_point_group=ENTRY_POINT_GROUP
)


def register_verifier(name: str) -> Callable[[Callable[..., Verifier]], Callable[..., Verifier]]:
    """Decorator: register a Verifier subclass (or a factory returning one) under ``name``."""
    return VERIFIERS.register(name, _name_class)


def get_verifier(name: str, **kwargs: Any) -> Verifier:
    """Instantiate the verifier registered as ``name`` with ``kwargs``."""
    factory = VERIFIERS[name]
    verifier = factory(**kwargs)
    if not isinstance(verifier, Verifier):
        raise TypeError(f"verifier {name!r} produced {type(verifier).__name__}, not a Verifier")
    return verifier


def available_verifiers() -> list[str]:
    """Names of all registered and entry-point verifiers."""
    return sorted(VERIFIERS.names())
