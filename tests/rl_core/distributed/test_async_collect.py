"""The asynchronous collect stage without Ray: rounds drawn ahead, admission by policy version (a stale group
is dropped or regenerated, counted), the staleness metrics, and the sampler state that makes resume exact.

The actor groups are replaced by a stand-in that samples deterministic completions and stamps each round
with the version it was started at (as a rollout actor does), so the tests check the collector's logic
exactly; the trainer on Ray is tested in test_async_trainer.py.
"""

from __future__ import annotations

import pytest
import torch

from rlvr.rl_core.builders import build_prompts, load_policy, load_task
from rlvr.rl_core.collect import collate
from rlvr.rl_core.config import ConfigError, dump_config, load_config
from rlvr.rl_core.distributed.async_collect import AheadSampler, AsyncCollector, admitted, make_collector
from rlvr.rl_core.distributed.collect import Collected
from rlvr.rl_core.distributed.config import async_section
from rlvr.rl_core.distributed.errors import StaleRolloutError
from rlvr.rl_core.prompt_sampler import PromptSampler
from rlvr.rl_core.reward_shaping import make_score_shaping
from rlvr.rl_core.rollout import build_rollout_batch
from rlvr.verifiers.base import VerifyResult

B, G = 4, 4  # the tiny config: prompts_per_step, group_size


class Round:
    def __init__(self, stages: Stages, prompts: list[list[int]], n: int, version: int) -> None:
        self.stages, self.prompts, self.n, self.version = stages, prompts, n, version

    def result(self) -> Collected:
        rows = [[7 + (len(p) + j) % 5, 2] for p in self.prompts for j in range(self.n)]
        batch = build_rollout_batch(
            self.prompts, rows, [[-0.5, -0.25]] * len(rows), [False] * len(rows), 0, None, self.n, ["x"] * len(rows)
        )
        batch.extras["policy_version"] = torch.full((len(rows),), self.version)
        results = [VerifyResult(score=float(j % 2), passed=j % 2 == 1) for _ in self.prompts for j in range(self.n)]
        return Collected(batch, results, {})


class Stages:
    """The actor groups' stand-in: rounds stamped with the version current when they start, minus ``lag``."""

    def __init__(self) -> None:
        self.version, self.lag, self.started = 0, 0, []

    def start_round(self, prompts, references, n, params) -> Round:
        self.started.append(params.seed)
        return Round(self, prompts, n, self.version - self.lag)


@pytest.fixture(scope="module")
def parts():
    cfg = load_config("tiny", ["distributed.backend=ray", "async.max_staleness=1", "sampling.dynamic=false"])
    _, tok = load_policy(cfg)
    task = load_task(cfg)
    examples, _ = build_prompts(cfg, task, tok)
    return cfg, task, tok, examples


def collector(parts, *over: str, steps: int = 6) -> tuple[AsyncCollector, Stages]:
    cfg, task, tok, examples = parts
    cfg = load_config("tiny", ["distributed.backend=ray", "sampling.dynamic=false", f"steps={steps}", *over])
    stages = Stages()
    c, sampler = make_collector(
        cfg, task, tok, examples, PromptSampler(len(examples), 0), make_score_shaping(cfg), lambda: stages
    )
    assert isinstance(c, AsyncCollector) and isinstance(sampler, AheadSampler)
    return c, stages


def run_steps(c: AsyncCollector, stages: Stages, first: int, last: int) -> dict[int, tuple[list[str], list[int], dict]]:
    """Steps first..last, each followed by an update (the version advances); per step the prompt ids used,
    their completions' versions and the metrics."""
    out = {}
    for step in range(first, last + 1):
        r = c(step, None, None)  # type: ignore[arg-type]
        ids = [g.example.id for g in r.kept]
        out[step] = (ids, [v for g in r.kept for v in g.versions], r.metrics, stages.version)
        stages.version += 1
    return out


def test_admission_bounds_staleness_and_never_admits_the_future() -> None:
    assert admitted([5, 5], 5, 0) and not admitted([4, 5], 5, 0)
    assert admitted([4, 3], 5, 2) and not admitted([2], 5, 2)
    assert not admitted([6], 5, 3)


def test_the_sampler_draws_ahead_and_checkpoints_what_it_drew() -> None:
    s, plain = AheadSampler(PromptSampler(50, 3)), PromptSampler(50, 3)
    assert s.next(4) == plain.next(4)
    ahead = s.draw_ahead(2, 4)
    assert ahead == plain.next(4)
    state = s.state_dict()
    t = AheadSampler(PromptSampler(50, 3))
    t.load_state_dict(state)
    assert t.ahead == {2: ahead} and t.next(4) == plain.next(4)
    assert t.take(2) == ahead and t.take(2) is None
    t.load_state_dict(PromptSampler(50, 3).state_dict())  # a synchronous run's checkpoint: nothing ahead
    assert t.ahead == {}


def test_k1_uses_the_synchronous_prompt_order_and_every_sample_is_within_the_bound(parts) -> None:
    c, stages = collector(parts, "async.max_staleness=1")
    got = run_steps(c, stages, 1, 6)
    sync = PromptSampler(len(parts[3]), 0)
    for step, (ids, versions, m, current) in got.items():
        assert ids == [parts[3][i].id for i in sync.next(B)], step  # no prompt skipped or repeated
        assert len(versions) == B * G
        assert all(0 <= current - v <= 1 for v in versions)
        want = 0 if step == 1 else 1  # round 0 of step s started before the update of step s - 1
        assert versions == [current - want] * (B * G)
        assert m["async/staleness_max"] == want and m[f"async/staleness_hist/{want}"] == 1.0
        assert m["async/dropped"] == 0 and m["async/dropped_fraction"] == 0
    assert c.inflight == {} and c.sampler.ahead == {}  # nothing started past the last step


def test_k2_prefetches_two_steps(parts) -> None:
    c, stages = collector(parts, "async.max_staleness=2")
    got = run_steps(c, stages, 1, 5)
    assert [current - versions[0] for _, versions, _, current in got.values()] == [0, 1, 2, 2, 2]


@pytest.mark.parametrize("policy", ["drop", "wait"])
def test_a_deliberately_stale_round_is_rejected_at_k0(parts, policy) -> None:
    c, stages = collector(parts, "async.max_staleness=1", f"async.stale_policy={policy}")
    c.k = 0  # the admission of k = 0 (the synchronous loop never needs it: its rounds are version-checked)
    stages.version, stages.lag = 3, 1
    if policy == "drop":
        r = c(1, None, None)  # type: ignore[arg-type]
        assert r.kept == [] and r.seen == []
        assert r.metrics["async/dropped"] == B and r.metrics["async/dropped_fraction"] == 1.0
    else:  # regenerated, and the stand-in still samples one version behind (a push that did not land): an error
        with pytest.raises(StaleRolloutError, match=r"regenerated at learner version 3 came back with .*\[2\]"):
            c(1, None, None)  # type: ignore[arg-type]


def test_wait_regenerates_stale_groups_with_the_current_weights(parts) -> None:
    c, stages = collector(parts, "async.max_staleness=1", "async.stale_policy=wait")
    c(1, None, None)  # type: ignore[arg-type]
    stages.version = 3  # three updates happened while step 2's round ran ahead at version 0
    r = c(2, None, None)  # type: ignore[arg-type]
    assert r.metrics["async/regenerated"] == B and r.metrics["async/dropped"] == 0
    assert all(v == 3 for g in r.kept for v in g.versions)
    batch, _, _ = collate(r.kept, 0, None, G)
    assert torch.equal(batch.extras["policy_version"], torch.full((B * G,), 3))


def test_resume_from_the_checkpointed_sampler_regenerates_the_rounds_in_flight(parts) -> None:
    """Kill after step 2 (step 3's round in flight), restore the sampler into a new collector: steps 3..6 use
    exactly the prompts the uninterrupted run uses, and step 3's round is generated again."""
    whole, stages = collector(parts, "async.max_staleness=1")
    want = {s: ids for s, (ids, *_) in run_steps(whole, stages, 1, 6).items()}
    first, stages = collector(parts, "async.max_staleness=1")
    got = {s: ids for s, (ids, *_) in run_steps(first, stages, 1, 2).items()}
    state = first.sampler.state_dict()
    assert [s for s, _ in state["ahead"]] == [3]
    resumed, stages2 = collector(parts, "async.max_staleness=1")
    resumed.sampler.load_state_dict(state)
    got.update({s: ids for s, (ids, *_) in run_steps(resumed, stages2, 3, 6).items()})
    assert got == want
    assert stages2.started[0] == resumed.params(3, 0).seed  # step 3's round regenerated first
    used = [i for ids in got.values() for i in ids]
    assert len(used) == len(set(used))


@pytest.mark.parametrize(
    ("over", "names"),
    [
        (["async.max_staleness=1"], ("async.max_staleness", "distributed.backend")),
        (["async.max_staleness=-1"], ("async.max_staleness",)),
        (["async.stale_policy=skip"], ("async.stale_policy",)),
        (
            ["async.max_staleness=1", "distributed.backend=ray", "async.old_logprobs=proximal"],
            ("async.old_logprobs", "rollout.is_correction"),
        ),
    ],
)
def test_config_errors_name_the_fields(over, names) -> None:
    with pytest.raises(ConfigError) as e:
        load_config("tiny", over)
    assert str(e.value).startswith(names[0]) and all(n in str(e.value) for n in names)


def test_the_async_section_round_trips_through_the_dumped_config(tmp_path) -> None:
    cfg = load_config("tiny", ["distributed.backend=ray", "async.max_staleness=2", "async.stale_policy=wait"])
    dump_config(cfg, tmp_path / "c.yaml")
    again = load_config(tmp_path / "c.yaml")
    assert async_section(again) == async_section(cfg) and async_section(again).max_staleness == 2
    assert async_section(load_config("tiny")).max_staleness == 0  # the synchronous loop by default
    assert make_collector(cfg, None, None, [], PromptSampler(1, 0), None, lambda: None)[1].__class__ is AheadSampler
