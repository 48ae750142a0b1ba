"""Suite-wide settings for parallel runs (pytest-xdist, ``-n auto --dist loadgroup`` in pyproject.toml): how many
workers start, how many threads each may use, which tests share a worker and which go first."""

from __future__ import annotations

import os

import pytest

#: the most workers ``-n auto`` starts: each imports torch and may start a vLLM engine or a Ray instance
MAX_WORKERS = 4
#: memory one worker may need at peak (a vLLM engine's KV cache and weights, or a tiny training run), in GiB
WORKER_GIB = 5


def _cores() -> int:
    return len(os.sched_getaffinity(0))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker per core this process may use, within :data:`MAX_WORKERS` and the machine's memory."""
    gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return max(1, min(_cores(), MAX_WORKERS, int(gib // WORKER_GIB)))


def pytest_configure(config: pytest.Config) -> None:
    """In a worker, torch and the processes it starts share the cores with the other workers: their thread pools
    spin-wait, and oversubscribed they run several times slower. Set before any test module imports torch."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if workers > 1:
        threads = str(max(1, _cores() // workers))
        for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, threads)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Each file is one xdist group (its module fixtures are built once), except the files of
    ``tests/rl_core/distributed``, which are one group: one worker runs their private-network Ray instances one
    after another (two at once oversubscribe the cores past the actors' deadlines). That group goes first, then
    files with a ``slow`` test (training runs, engines, caged suites), so that workers run them beside the many
    fast ones instead of all at the end; the order within each file is kept."""
    slow = {item.path for item in items if item.get_closest_marker("slow") is not None}

    def ray(item: pytest.Item) -> bool:
        return item.path.parent.name == "distributed" and item.path.parent.parent.name == "rl_core"

    items.sort(key=lambda item: (not ray(item), item.path not in slow))
    for item in items:
        item.add_marker(pytest.mark.xdist_group("ray" if ray(item) else str(item.path)))
