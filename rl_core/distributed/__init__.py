"""Scale-out on Ray: a learner group, rollout workers and verifier workers driven by the trainer loop.

The trainer loop stays the controller and keeps every piece of data-dependent state; the actor groups run
its stages (see docs/distributed.md). Ray is an optional extra (``pip install 'rlvr[ray]'``): importing
this package and its config does not import Ray; building a group does.

Modules: :mod:`.config` (the ``distributed`` section), :mod:`.runtime` (cluster, actor options, deadlines),
:mod:`.pool` (restartable actor pools, exactly-once tasks), :mod:`.learner`, :mod:`.rollout`,
:mod:`.verifier` (the three groups), :mod:`.weight_sync` and :mod:`.sync` (versioned weight transports),
:mod:`.versioning` (version and log-prob-gap checks), :mod:`.collect` (generation streaming into
verification), :mod:`.errors`.
"""

from rlvr.rl_core.distributed.config import DistributedConfig

__all__ = ["DistributedConfig"]
