"""CPU-time limits of the linear-time tests, scaled to the speed of the machine that runs them.

A 1 MB hostile completion that the grader reads in linear time takes a few CPU seconds at most; one read in
super-linear time takes minutes. The limit tells the two apart on any machine: :data:`LINEAR_LIMIT_S` on the
reference machine, times how much slower this machine runs a fixed calibration workload (never less)."""

from __future__ import annotations

import re
import time
from functools import lru_cache

#: CPU seconds of :func:`_calibrate` on the reference machine (the 2-core development machine, December 2026)
REFERENCE_S = 0.84
#: CPU seconds a linear-time reading of a 1 MB hostile input may take on the reference machine
LINEAR_LIMIT_S = 5.0


def _calibrate() -> float:
    """CPU seconds of a fixed mix of regex scanning, splitting, sorting and a character loop over 640 KB."""
    text = "The answer is $\\boxed{5}$ or 6. " * 20_000
    t0 = time.process_time()
    for _ in range(5):
        re.findall(r"\w+|\S", text)
        text.split()
        sorted(text[:200_000])
        [c for c in text if c.isdigit()]
    return time.process_time() - t0


@lru_cache(maxsize=1)
def machine_factor() -> float:
    """How much slower than the reference machine this one is (the best of three calibrations; at least 1)."""
    return max(1.0, min(_calibrate() for _ in range(3)) / REFERENCE_S)


def cpu_limit(seconds: float = LINEAR_LIMIT_S) -> float:
    """``seconds`` of reference-machine CPU time on this machine."""
    return seconds * machine_factor()
