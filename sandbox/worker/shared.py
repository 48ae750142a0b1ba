"""What the tests and the solution would share as one file, and the tests change: ``sys.stdout``,
``sys.stdin``, ``sys.argv``, builtins, ``os.environ``, a ``unittest.mock`` patch in force, warnings or
logs being recorded (a filter alone is no change: ``unittest.main()`` sets one). The solution runs in
another process and cannot see such a change, so tests that call it while one is in force (capturing its
output, stubbing its input, banning a function, expecting no warning) would judge something other than
what they mean — in both directions: ``redirect_stdout`` + ``buf.getvalue() == ''`` passed a solution
that printed. :class:`SharedState` tells, at each request to the solution, whether such a change is in
force; the request is then refused and the run fails (never a pass)."""

from __future__ import annotations

import builtins
import os
import sys
import warnings


class Active:
    """How many ``unittest.mock`` patches and ``assertLogs``/``assertNoLogs`` contexts are in force (their
    ``__enter__``/``__exit__`` wrapped once per trusted process: :func:`watch`)."""

    patches = 0
    logs = 0


def _counting(cls: type, field: str, on: str = "__enter__", off: str = "__exit__") -> None:
    """Count in ``Active.<field>`` the instances of ``cls`` between their ``on`` and ``off`` methods."""
    enter, leave = getattr(cls, on), getattr(cls, off)
    if getattr(enter, "_rlvr_counted", False):
        return

    def entered(self: object, *a: object, **k: object) -> object:
        result = enter(self, *a, **k)
        setattr(Active, field, getattr(Active, field) + 1)
        return result

    def left(self: object, *a: object, **k: object) -> object:
        setattr(Active, field, max(0, getattr(Active, field) - 1))
        return leave(self, *a, **k)

    entered._rlvr_counted = True  # type: ignore[attr-defined]
    setattr(cls, on, entered)
    setattr(cls, off, left)


def watch() -> None:
    """Once per trusted process: count the ``unittest.mock`` patches (``with patch(...)``, decorators,
    ``start()``; ``patch.object``; ``patch.dict``, whose decorator bypasses ``__enter__``) and log-assertion
    contexts in force."""
    import unittest._log
    import unittest.mock

    _counting(unittest.mock._patch, "patches")
    _counting(unittest.mock._patch_dict, "patches", "_patch_dict", "_unpatch_dict")
    _counting(unittest._log._AssertLogsContext, "logs")


class SharedState:
    """A snapshot, taken when the tests start, of what one file's two halves would share;
    :meth:`changed` names what the tests changed since (None: nothing)."""

    def __init__(self) -> None:
        Active.patches = Active.logs = 0
        self.streams = sys.stdin, sys.stdout, sys.stderr
        self.argv = sys.argv
        self.argv_items = list(sys.argv)
        self.names = vars(builtins)
        self.items = tuple(self.names.items())
        self.values = tuple(v for _, v in self.items)
        self.environ = dict(os.environ._data)  # type: ignore[attr-defined]  # (bytes: compared in C)
        self.shown = warnings.showwarning, warnings._showwarnmsg_impl  # type: ignore[attr-defined]

    def restore(self) -> None:
        """After the run: what the tests changed of it is undone, so that no run's tests see another's
        (the trusted process serves every run of its worker)."""
        sys.stdin = self.streams[0]
        if tuple(self.names.values()) != self.values:
            keep = {k for k, _ in self.items}
            for k in [k for k in self.names if k not in keep]:
                del self.names[k]
            self.names.update(self.items)
        if os.environ._data != self.environ:  # type: ignore[attr-defined]
            os.environ.clear()
            os.environ.update({os.fsdecode(k): os.fsdecode(v) for k, v in self.environ.items()})
        warnings.showwarning, warnings._showwarnmsg_impl = self.shown  # type: ignore[attr-defined]

    def changed(self) -> str | None:
        if (sys.stdin, sys.stdout, sys.stderr) != self.streams:
            return "sys.stdin, sys.stdout or sys.stderr (redirect_stdout, a patch, an assignment)"
        if Active.patches:
            return "a unittest.mock patch in force"
        if tuple(self.names.values()) != self.values:  # (identical items compare by identity: ~2 us)
            return "builtins (input, print, sorted ...)"
        shown = warnings.showwarning, warnings._showwarnmsg_impl  # type: ignore[attr-defined]
        if Active.logs or shown[0] is not self.shown[0] or shown[1] is not self.shown[1]:
            return "warnings or logs recorded (catch_warnings(record=True), assertWarns, pytest.warns, assertLogs)"
        if sys.argv is not self.argv or sys.argv != self.argv_items or os.environ._data != self.environ:  # type: ignore[attr-defined]
            return "sys.argv or os.environ"
        return None
