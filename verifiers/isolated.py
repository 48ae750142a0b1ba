"""Any verifier under a hard time limit: :class:`IsolatedVerifier` runs it in killable worker processes.

The built-in verifiers bound their own time (``math`` checks in worker processes, ``code`` in the sandbox).
A user's verifier may not: one that never returns would stop whatever called it. ``IsolatedVerifier`` sends
a copy of the verifier (cloudpickle: classes defined in ``__main__``, in a test module or inside a function
travel by value, importable ones by reference) to a :class:`~rlvr.verifiers.workers.WorkerPool` whose workers
load it at start-up (not inside any time limit) and score one completion per task under ``timeout_s``. A
completion whose check overruns gets ``VerifyResult.failure("timeout")`` and its worker is killed and replaced;
a crash or an unsendable result is an ``error`` result. Workers see the caller's ``sys.path``, so a verifier
class from a module the caller imported is importable there too.

The copy travels in the workers' environment (base64, up to :data:`MAX_INLINE_PAYLOAD` bytes), so no file
outlives a caller that is killed; a larger one goes through a temporary file. The copy is taken once: state the verifier changes while scoring stays in the workers (and a replaced worker
starts from the copy). A verifier that cannot be copied (an open socket, a lock, a GPU model) raises
:class:`IsolationError` at construction, naming the reason.
"""

from __future__ import annotations

import base64
import logging
import os
import sys
import tempfile
import weakref
from collections.abc import Mapping, Sequence
from typing import Any

import cloudpickle

from rlvr.verifiers.base import Verifier, VerifyResult, check_batch_lengths, checked_timeout
from rlvr.verifiers.workers import WorkerPool, checked_pool_size, default_pool_size

logger = logging.getLogger(__name__)

_ENV_PAYLOAD = "RLVR_ISOLATED_VERIFIER"
_ENV_INLINE = "RLVR_ISOLATED_VERIFIER_B64"
#: a pickled verifier up to this many bytes travels in the workers' environment (base64; Linux caps one
#: environment string at 128 KiB); a larger one in a temporary file removed when the verifier is collected
MAX_INLINE_PAYLOAD = 64 * 1024
_ENV_PATH = "RLVR_ISOLATED_SYS_PATH"
_PRELOAD = "rlvr.verifiers.isolated:_load"
_CALL = "rlvr.verifiers.isolated:_verify_one"

#: the verifier a worker loaded at start-up (worker side only)
_LOADED: Verifier | None = None


class IsolationError(RuntimeError):
    """The verifier cannot run in a worker process (it does not pickle, or a worker cannot load it)."""


def verifier_name(verifier: Any) -> str:
    """The registered name of a verifier, else its class path (for messages)."""
    name = getattr(verifier, "name", "") or ""
    cls = type(verifier)
    path = f"{cls.__module__}.{cls.__qualname__}"
    return f"{name!r} ({path})" if name else path


class IsolatedVerifier(Verifier):
    """Runs ``verifier`` in ``workers`` worker processes, each completion under ``timeout_s`` seconds.

    memory_mb: address-space cap of each worker (0: none). startup_timeout_s: limit on starting a worker
    (loading the verifier included).
    """

    enforces_time_limit = True

    def __init__(
        self,
        verifier: Verifier,
        timeout_s: float = 10.0,
        workers: int | None = None,
        memory_mb: int = 4096,
        startup_timeout_s: float = 120.0,
    ) -> None:
        timeout_s = checked_timeout(timeout_s, "IsolatedVerifier.timeout_s")
        workers = checked_pool_size(workers, "IsolatedVerifier.workers")
        self.inner = verifier
        self.name = getattr(verifier, "name", "") or type(verifier).__name__
        self.timeout_s = timeout_s
        self.label = verifier_name(verifier)
        try:
            payload = cloudpickle.dumps(verifier)
        except Exception as e:
            raise IsolationError(
                f"verifier {self.label} cannot be sent to a worker process ({type(e).__name__}: {e})"
            ) from None
        self._env = {_ENV_PATH: os.pathsep.join(p or os.getcwd() for p in sys.path)}
        if len(payload) <= MAX_INLINE_PAYLOAD:  # in the workers' environment: no file to outlive a killed caller
            self._env[_ENV_INLINE] = base64.b64encode(payload).decode("ascii")
        else:
            fd, path = tempfile.mkstemp(prefix="rlvr-verifier-", suffix=".pkl")
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
            weakref.finalize(self, _remove, path)
            self._env[_ENV_PAYLOAD] = path
        self.workers, self.memory_mb, self.startup_timeout_s = workers, memory_mb, startup_timeout_s
        self._pool: WorkerPool | None = None
        try:  # load it once now: a verifier the workers cannot import fails here, not as N error rewards
            self.pool._idle[0].wait_ready(startup_timeout_s)
        except Exception as e:
            self.close()
            raise IsolationError(f"verifier {self.label} cannot be loaded in a worker process: {e}") from None

    @property
    def pool(self) -> WorkerPool:
        """The workers (started again after :meth:`close`, or in a forked child)."""
        p = self._pool
        if p is None or p._closed or p._pid != os.getpid():
            p = self._pool = WorkerPool(
                size=self.workers or default_pool_size(),
                preload=(_PRELOAD,),
                memory_limit_mb=self.memory_mb,
                startup_timeout_s=self.startup_timeout_s,
                env=self._env,
            )
            weakref.finalize(self, _close_pool, p)
        return p

    def start(self) -> None:
        self.pool.wait_ready()

    def verify(self, completion: str, reference: Any, **context: Any) -> VerifyResult:
        return self.verify_batch([completion], [reference], [context])[0]

    def verify_batch(
        self,
        completions: Sequence[str],
        references: Sequence[Any],
        contexts: Sequence[Mapping[str, Any]] | None = None,
    ) -> list[VerifyResult]:
        check_batch_lengths(completions, references, contexts)
        ctxs = contexts if contexts is not None else [{}] * len(completions)
        calls = [(_CALL, (c, r, dict(x))) for c, r, x in zip(completions, references, ctxs)]
        out: list[Any] = []
        errors: list[str] = []
        for res in self.pool.run_many(calls, self.timeout_s):
            if res.status == "ok":
                if isinstance(res.value, VerifyResult) and not res.value.duration_s:
                    res.value.duration_s = res.duration_s
                out.append(res.value)
            elif res.status == "timeout":
                out.append(
                    VerifyResult.failure(
                        "timeout", f"verifier {self.label} exceeded {self.timeout_s:g} s", duration_s=res.duration_s
                    )
                )
            else:
                errors.append(str(res.error))
                out.append(
                    VerifyResult.failure("error", f"verifier {self.label}: {res.error}", duration_s=res.duration_s)
                )
        if errors:
            logger.warning(
                "verifier %s raised on %d of %d completions (reward 0), e.g. %s",
                self.label,
                len(errors),
                len(out),
                errors[0],
            )
        timeouts = sum(r.status == "timeout" for r in out if isinstance(r, VerifyResult))
        if timeouts:
            logger.warning(
                "verifier %s: %d of %d completions exceeded the time limit of %g s (reward 0, workers replaced)",
                self.label,
                timeouts,
                len(out),
                self.timeout_s,
            )
        return out

    def close(self) -> None:
        """Stop the workers (the next call starts new ones)."""
        if self._pool is not None:
            _close_pool(self._pool)
            self._pool = None

    def __reduce__(self) -> Any:  # a copy elsewhere (Ray, multiprocessing) isolates the same verifier anew
        return (IsolatedVerifier, (self.inner, self.timeout_s, self.workers, self.memory_mb, self.startup_timeout_s))


def _close_pool(pool: WorkerPool) -> None:
    if pool._pid == os.getpid() and not pool._closed:
        pool.close()


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# ------------------------------------------------------------------------------------------- worker side


def _load() -> None:
    """Preload of a worker: extend ``sys.path`` with the caller's and unpickle the verifier."""
    global _LOADED
    for p in os.environ.get(_ENV_PATH, "").split(os.pathsep):
        if p and p not in sys.path:
            sys.path.append(p)
    inline = os.environ.get(_ENV_INLINE)
    if inline is not None:
        _LOADED = cloudpickle.loads(base64.b64decode(inline))
        return
    with open(os.environ[_ENV_PAYLOAD], "rb") as f:
        _LOADED = cloudpickle.load(f)


def _verify_one(completion: str, reference: Any, context: dict[str, Any]) -> VerifyResult:
    """Score one completion (an exception goes back to the caller as an ``error`` task result)."""
    assert _LOADED is not None, "worker started without its verifier"
    return _LOADED.verify(completion, reference, **context)
