"""Stopping a run cleanly: SIGTERM, SIGINT and the ``max_minutes`` deadline, in the middle of a step too.

While :meth:`StopControl.armed` (a training step before its update is applied, an evaluation), a stop request
raises :class:`StopRun` at once in the training thread: the step is abandoned, nothing of it applied (its
sampler position and RNG states are restored by the trainer). Once the step starts to apply its update
(:meth:`StopControl.commit`) the request waits for the step's end, so weights, optimiser and scheduler never
part. Outside armed sections (metrics writes, checkpoint saves) a request is only recorded.

Signals: the first SIGTERM or SIGINT requests the stop and restores the default handlers, so a second one
ends the process at once (checkpoint writes are atomic: the newest complete checkpoint survives). The
deadline is a SIGALRM timer (``setitimer``). Python runs signal handlers in the main thread only: a trainer
in another thread gets no signal handling, and its deadline is checked between steps.
"""

from __future__ import annotations

import logging
import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

logger = logging.getLogger(__name__)

_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopRun(BaseException):  # noqa: N818 - not an error: control flow that user code must not swallow
    """Raised inside an armed section when the run must stop; ``reason``: ``SIGTERM``, ``SIGINT`` or ``deadline``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def stop_request(e: BaseException) -> StopRun | None:
    """The :class:`StopRun` that ``e`` is or was caused by, else ``None``. A stop raised by a signal handler while
    a C extension runs (Ray's ``wait``/``get``) surfaces as the extension's ``SystemError`` ("returned a result
    with an exception set") whose cause is the StopRun."""
    if isinstance(e, StopRun):
        return e
    if isinstance(e, SystemError) and isinstance(e.__cause__, StopRun):
        return e.__cause__
    return None


class TrainingInterrupted(Exception):  # noqa: N818 - named for what happened
    """:meth:`Trainer.train` stopped for a signal after checkpointing; ``exit_code`` is 128 + the signal."""

    def __init__(self, signum: int, step: int, checkpoint: Any) -> None:
        self.signum, self.step, self.checkpoint = signum, step, checkpoint
        self.exit_code = 128 + signum
        where = f"checkpoint {checkpoint}" if checkpoint else "no checkpoint (no step had completed)"
        super().__init__(f"stopped by {signal.Signals(signum).name} after step {step}: {where}")


class StopControl:
    """Signal handlers and the deadline for the duration of a ``with`` block (training)."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self.signum: int | None = None
        self.deadline = math.inf
        self._armed = False
        self._committed = False
        self._signals_only = False
        self._main = threading.current_thread() is threading.main_thread()
        self._previous: dict[int, Any] = {}
        self._timer: threading.Timer | None = None

    # ------------------------------------------------------------------------------------------ install

    def __enter__(self) -> StopControl:
        if self._main:
            for s in (*_SIGNALS, signal.SIGALRM):
                self._previous[s] = signal.signal(s, self._on_signal)
        else:
            logger.info("trainer outside the main thread: no SIGTERM/SIGINT handling, deadline checked between steps")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            for s, h in self._previous.items():
                signal.signal(s, h if h is not None else signal.SIG_DFL)
        self._previous.clear()

    def start_deadline(self, minutes: float | None) -> None:
        """Request a stop ``minutes`` from now (None: never)."""
        if not minutes:
            return
        seconds = 60.0 * minutes
        self.deadline = time.monotonic() + seconds
        if self._main:
            signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-6))
        else:
            self._timer = threading.Timer(seconds, self._request, ("deadline", None))
            self._timer.daemon = True
            self._timer.start()

    # ------------------------------------------------------------------------------------------ requests

    def _request(self, reason: str, signum: int | None) -> None:
        if signum is not None and self.signum is None:  # a signal outranks the deadline
            self.reason, self.signum = reason, signum
        elif self.reason is None:
            self.reason = reason

    def _on_signal(self, signum: int, frame: Any) -> None:
        if signum == signal.SIGALRM:
            if self.reason is None:
                logger.warning("max_minutes reached: stopping")
            self._request("deadline", None)
        else:
            name = signal.Signals(signum).name
            logger.warning("%s received: stopping cleanly (a second one stops at once)", name)
            self._request(name, signum)
            for s in _SIGNALS:  # the next one takes the default action
                signal.signal(s, signal.default_int_handler if s == signal.SIGINT else signal.SIG_DFL)
        if self._armed and not self._committed and (self.signum is not None or not self._signals_only):
            self._armed = False  # one raise per section: the unwinding code (cleanups) runs undisturbed
            raise StopRun(self.reason or "stop")

    @property
    def stopping(self) -> bool:
        if self.reason is None and time.monotonic() >= self.deadline:
            self._request("deadline", None)  # a timer that could not fire (another thread) is caught here
        return self.reason is not None

    # ------------------------------------------------------------------------------------------ sections

    @contextmanager
    def armed(self, signals_only: bool = False) -> Iterator[None]:
        """A section a stop request abandons at once (raising :class:`StopRun`); with ``signals_only`` the
        deadline does not abandon it (the after-training evaluation)."""
        try:
            self._armed, self._committed, self._signals_only = True, False, signals_only
            if self.signum is not None or (self.stopping and not signals_only):
                raise StopRun(self.reason or "stop")
            yield
        finally:
            self._armed = False

    def commit(self) -> None:
        """The armed section starts changing state that must not be left half-done: requests now wait."""
        self._committed = True
