"""``start_groups``: the controller's actor groups start at once; when one fails, those that came up are
shut down and the first error is raised (no Ray needed: the groups here are plain objects)."""

from __future__ import annotations

import threading

import pytest

from rlvr.rl_core.distributed.runtime import start_groups


class Group:
    def __init__(self, name: str, barrier: threading.Barrier | None = None, fail: bool = False) -> None:
        if barrier is not None:
            barrier.wait()  # breaks (after its timeout) unless every group is being constructed at the same time
        if fail:
            raise RuntimeError(f"{name} did not start")
        self.name, self.closed = name, False

    def shutdown(self) -> None:
        self.closed = True


def test_groups_start_at_once_and_come_back_in_order() -> None:
    barrier = threading.Barrier(3, timeout=10)
    got = start_groups(*[lambda n=n: Group(n, barrier) for n in ("learner", "rollout", "verifier")])
    assert [g.name for g in got] == ["learner", "rollout", "verifier"] and not any(g.closed for g in got)


def test_a_group_that_fails_to_start_shuts_the_others_down() -> None:
    made: list[Group] = []

    def make(name: str, fail: bool = False) -> Group:
        made.append(Group(name, fail=fail))
        return made[-1]

    with pytest.raises(RuntimeError, match="rollout did not start"):
        start_groups(lambda: make("learner"), lambda: make("rollout", fail=True), lambda: make("verifier"))
    assert sorted(g.name for g in made) == ["learner", "verifier"] and all(g.closed for g in made)
