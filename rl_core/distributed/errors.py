"""Errors of the distributed backend. Each names the actor (``learner-0``, ``rollout-1``, ``verifier-2``)
and the call that failed, so a failure on a cluster reads like one in a single process."""

from __future__ import annotations


class DistributedError(RuntimeError):
    """Base class: something in the actor groups failed and could not be recovered."""


class ActorFailedError(DistributedError):
    """An actor died and could not be brought back (restarts exhausted), or a call on it raised."""

    def __init__(self, actor: str, call: str, cause: str) -> None:
        super().__init__(f"{actor}: {call} failed: {cause}")
        self.actor, self.call, self.cause = actor, call, cause


class RemoteTimeoutError(DistributedError):
    """A remote call or collective did not finish within its deadline."""

    def __init__(self, actors: list[str], call: str, timeout_s: float) -> None:
        who = ", ".join(actors)
        super().__init__(f"{who}: {call} did not finish within {timeout_s:g} s (see distributed.timeouts)")
        self.actors, self.call, self.timeout_s = actors, call, timeout_s


class StaleRolloutError(DistributedError):
    """A rollout was sampled with a policy version the controller does not accept."""


class WeightSyncError(DistributedError):
    """A weight push did not land: names that do not match the policy, a corrupt payload, or weights on an
    actor that differ from the learner's after the push."""


class LogprobGapError(DistributedError):
    """The sampler's log-probabilities are further from the learner's than ``distributed.max_logprob_gap``."""
