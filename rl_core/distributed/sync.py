"""The controller's side of weight sync: publish on the learner, deliver to every rollout actor, verify.

A rollout actor that restarted has its initial weights again; the rollout group calls
:meth:`WeightSync.resend` before it gets work: learner rank 0 publishes its current weights in full through
the object store, under the current version (in the synchronous loop the learner does not step while
rollouts run, so its weights are that version's). With the collective transport the old group is broken
and the other actors may be busy generating, so the group is formed again at the next push.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from rlvr.rl_core.distributed.config import DistributedConfig
from rlvr.rl_core.distributed.errors import WeightSyncError
from rlvr.rl_core.distributed.learner import LearnerGroup
from rlvr.rl_core.distributed.rollout import RolloutGroup
from rlvr.rl_core.distributed.runtime import get_all
from rlvr.rl_core.distributed.weight_sync import WeightAck, WeightUpdate

logger = logging.getLogger(__name__)


@dataclass
class PushReport:
    """One push: version, bytes moved per actor, seconds end to end, and the slowest actor's load time."""

    version: int
    transport: str
    nbytes: int
    seconds: float
    publish_s: float
    max_load_s: float


class WeightSync:
    """Pushes learner rank 0's weights to the rollout group (``distributed.weight_sync``)."""

    def __init__(
        self, dcfg: DistributedConfig, learner: LearnerGroup, rollouts: RolloutGroup, run_dir: str | Path = "."
    ) -> None:
        self.dcfg, self.learner, self.rollouts = dcfg, learner, rollouts
        ws = dcfg.weight_sync
        self.transport = ws.transport
        self.options = {"path": ws.path or str(Path(run_dir) / "weights"), "keep": ws.keep}
        self.version: int | None = None
        self._group_ok = False
        rollouts.resend = self.resend

    def push(self, version: int, full: bool = False) -> PushReport:
        """Make every rollout actor sample from the learner's current weights as ``version`` (``full``: every
        weight, not only the trainable ones; the first push must be full)."""
        if self.version is None and not full:
            raise WeightSyncError("the first push must be full (the actors' frozen weights come with it)")
        if self.version is not None and version <= self.version:
            raise WeightSyncError(f"version {version} is not newer than the current {self.version}")
        t0 = time.perf_counter()
        self.rollouts.pool.settle()  # an actor still restarting would refuse the push
        timeout = self.dcfg.timeouts.weight_sync_s
        if self.transport == "collective":
            self._form_group()
            pub = self.learner.publish("collective", version, full, self.options)
            recv = [a.receive_broadcast.remote(version, full) for a in self.rollouts.actors]
            names = self.learner.names + self.rollouts.names
            try:
                out = get_all(pub + recv, names, f"push v{version} (collective)", timeout)
            except BaseException:
                self._group_ok = False  # a broken broadcast leaves the group unusable: form it again next time
                raise
            update, acks = out[0], out[len(pub) :]
        else:
            update = self._publish(self.transport, version, full)
            refs = [a.receive.remote(update) for a in self.rollouts.actors]
            acks = get_all(refs, self.rollouts.names, f"push v{version} ({self.transport})", timeout)
        self._check(update, acks)
        self.version = version
        return PushReport(
            version,
            self.transport,
            update.nbytes,
            time.perf_counter() - t0,
            update.publish_s,
            max(a.load_s for a in acks),
        )

    def _publish(self, transport: str, version: int, full: bool) -> WeightUpdate:
        refs = self.learner.publish(transport, version, full, self.options)
        return get_all(refs, self.learner.names, f"publish v{version} ({transport})", self.dcfg.timeouts.weight_sync_s)[
            0
        ]

    def _check(self, update: WeightUpdate, acks: list[WeightAck]) -> None:
        for a in acks:
            if a.version != update.version:
                raise WeightSyncError(f"{a.actor} took version {a.version}, pushed {update.version}")
            if self.dcfg.weight_sync.verify and a.fingerprint != update.fingerprint:
                raise WeightSyncError(
                    f"{a.actor}: after the push of version {update.version} its weights differ from the learner's "
                    f"(fingerprint {a.fingerprint[:12]} != {update.fingerprint[:12]})"
                )

    def _form_group(self) -> None:
        if self._group_ok:
            return
        t = self.dcfg.timeouts
        world = 1 + len(self.rollouts.actors)
        backend = (
            "nccl" if self.dcfg.learner.resources.num_gpus > 0 and self.dcfg.rollout.resources.num_gpus > 0 else "gloo"
        )
        host, port = get_all(
            [self.learner.actors[0].open_weight_group.remote(world, t.collective_s)],
            self.learner.names[:1],
            "open_weight_group",
            t.startup_s,
        )[0]
        refs = [self.learner.actors[0].join_weight_group.remote(host, port, world, backend, t.collective_s)]
        refs += [
            a.join_weight_group.remote(host, port, i + 1, world, backend, t.collective_s)
            for i, a in enumerate(self.rollouts.actors)
        ]
        get_all(
            refs, self.learner.names[:1] + self.rollouts.names, f"join weight group ({backend}, {world})", t.startup_s
        )
        self._group_ok = True

    def resend(self, i: int) -> None:
        """Deliver the learner's current weights in full, as the current version, to rollout actor ``i``."""
        name = self.rollouts.names[i]
        if self.version is None:
            raise WeightSyncError(f"{name} restarted before any weights were pushed")
        if self.transport == "collective":
            self._group_ok = False
        update = self._publish("object_store", self.version, full=True)
        ack = get_all(
            [self.rollouts.actors[i].receive.remote(update)],
            [name],
            f"resend v{self.version}",
            self.dcfg.timeouts.weight_sync_s,
        )[0]
        self._check(update, [ack])
        logger.warning("%s: version %d re-delivered after a restart", name, self.version)
