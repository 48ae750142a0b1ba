"""Ray plumbing shared by the actor groups: starting or joining a cluster, actor options, placement groups,
and waiting on remote calls with a deadline and errors that name the actor.

Ray is optional: this module imports it only inside functions, and :func:`import_ray` says how to install it.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import math
import os
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from rlvr.rl_core.distributed.config import ActorResources, DistributedConfig
from rlvr.rl_core.distributed.errors import ActorFailedError, DistributedError, RemoteTimeoutError

logger = logging.getLogger(__name__)

G = TypeVar("G")


def import_ray() -> Any:
    """``import ray``, or an ImportError that says how to install the optional extra."""
    try:
        import ray
    except ImportError as e:
        raise ImportError(
            "distributed.backend=ray needs Ray: pip install 'rlvr[ray]' (or bash scripts/setup.sh --dev)"
        ) from e
    return ray


def init_ray(cfg: DistributedConfig, **kwargs: Any) -> bool:
    """Connect this process (the controller) to Ray as ``cfg`` says; returns True when it started Ray here
    (and so should shut it down). ``address: None`` always starts a private instance (``address='local'``):
    a stale address file of a crashed run must not make it attach to a dead cluster."""
    ray = import_ray()
    if ray.is_initialized():
        return False
    args: dict[str, Any] = {"namespace": cfg.namespace, "log_to_driver": True, **kwargs}
    if cfg.address is None:
        args.setdefault("include_dashboard", False)
        args["address"] = "local"
        # a private instance holds every group, oversubscribing the machine's cores when they reserve more
        # (each actor runs its own threads): actors that could never be placed would wait until startup_s
        args["num_cpus"] = cfg.num_cpus or max(os.cpu_count() or 1, math.ceil(cfg.cpus_reserved()))
    else:
        args["address"] = cfg.address
    t0 = time.perf_counter()
    ray.init(**args)
    logger.info("ray %s (%s) up in %.1f s", ray.__version__, args["address"], time.perf_counter() - t0)
    return True


@contextlib.contextmanager
def ray_session(cfg: DistributedConfig, **kwargs: Any) -> Iterator[None]:
    """Ray for the duration of the block; shut down at the end when this call started it."""
    started = init_ray(cfg, **kwargs)
    try:
        yield
    finally:
        if started:
            import_ray().shutdown()


def actor_options(
    cfg: DistributedConfig, resources: ActorResources, scheduling_strategy: Any = None, max_restarts: int | None = None
) -> dict[str, Any]:
    """``.options(...)`` of one actor: its resources, environment (one thread per reserved CPU), restarts
    (``distributed.max_restarts`` unless given; task retries are the controller's, so Ray never re-runs a
    call silently)."""
    opts: dict[str, Any] = {
        "num_cpus": resources.num_cpus,
        "num_gpus": resources.num_gpus,
        "max_restarts": cfg.max_restarts if max_restarts is None else max_restarts,
        "max_task_retries": 0,
        "runtime_env": {"env_vars": cfg.actor_env(resources)},
    }
    if resources.custom:
        opts["resources"] = dict(resources.custom)
    if resources.memory_gib is not None:
        opts["memory"] = int(resources.memory_gib * 2**30)
    if scheduling_strategy is not None:
        opts["scheduling_strategy"] = scheduling_strategy
    return opts


def placement_group(
    cfg: DistributedConfig, strategy: str, resources: ActorResources, count: int, label: str
) -> Any | None:
    """A ready placement group of ``count`` bundles of ``resources`` (gang scheduling: all or nothing), or
    None when ``strategy`` is none or the group needs no GPU and ``placement.force`` is off. Raises
    :class:`DistributedError` with the cluster's free resources when it is not ready in time."""
    if strategy == "none" or (resources.num_gpus <= 0 and not cfg.placement.force):
        return None
    ray = import_ray()
    from ray.util.placement_group import placement_group as make_pg
    from ray.util.placement_group import remove_placement_group

    bundle: dict[str, float] = {"CPU": resources.num_cpus, **resources.custom}
    if resources.num_gpus > 0:
        bundle["GPU"] = resources.num_gpus
    if resources.memory_gib is not None:
        bundle["memory"] = int(resources.memory_gib * 2**30)
    bundle = {k: v for k, v in bundle.items() if v > 0}
    pg = make_pg([dict(bundle) for _ in range(count)], strategy=strategy)
    ready, _ = ray.wait([pg.ready()], timeout=cfg.placement.ready_timeout_s)
    if not ready:
        remove_placement_group(pg)
        raise DistributedError(
            f"{label}: placement group of {count} x {bundle} ({strategy}) not ready within "
            f"{cfg.placement.ready_timeout_s:g} s; free resources: {ray.available_resources()}"
        )
    return pg


def bundle_strategy(pg: Any | None, index: int) -> Any:
    """The scheduling strategy that puts an actor on bundle ``index`` of ``pg`` (None without a group)."""
    if pg is None:
        return None
    from ray.util.scheduling_strategies import PlacementGroupSchedulingStrategy

    return PlacementGroupSchedulingStrategy(placement_group=pg, placement_group_bundle_index=index)


def start_actors(
    cls: type,
    cfg: DistributedConfig,
    resources: ActorResources,
    names: Sequence[str],
    args_of: Callable[[int, str], tuple[Any, ...]],
    pg: Any | None = None,
    max_restarts: int | None = None,
) -> list[Any]:
    """One actor of ``cls`` per name (actor i on bundle i of ``pg``, constructed with ``args_of(i, name)``),
    all answering ``ready()`` within ``timeouts.startup_s``; on failure they are killed and the error names
    the actor."""
    remote = import_ray().remote(cls)
    actors = [
        remote.options(**actor_options(cfg, resources, bundle_strategy(pg, i), max_restarts)).remote(*args_of(i, n))
        for i, n in enumerate(names)
    ]
    try:
        get_all([a.ready.remote() for a in actors], names, "start", cfg.timeouts.startup_s)
    except BaseException:
        kill_all(actors)
        raise
    return actors


def remove_placement_group(pg: Any | None) -> None:
    if pg is not None:
        from ray.util.placement_group import remove_placement_group as remove

        remove(pg)


def _cause(err: BaseException) -> str:
    ray = import_ray()
    if isinstance(err, ray.exceptions.RayTaskError):
        inner = err.cause if getattr(err, "cause", None) is not None else err
        return f"{type(inner).__name__}: {inner}".strip()
    return f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}".strip()


def remote_error(err: BaseException, actor: str, call: str) -> DistributedError:
    """A Ray error of ``call`` on ``actor`` as a :class:`DistributedError` naming both; an error the actor's
    code raised that is already a DistributedError keeps its type."""
    ray = import_ray()
    if isinstance(err, ray.exceptions.RayTaskError) and isinstance(getattr(err, "cause", None), DistributedError):
        return err.cause
    if isinstance(err, ray.exceptions.RayActorError):
        return ActorFailedError(actor, call, f"the actor died ({_cause(err)})")
    return ActorFailedError(actor, call, _cause(err))


def get_all(
    refs: Sequence[Any], actors: Sequence[str], call: str, timeout_s: float, grace_s: float = 10.0
) -> list[Any]:
    """Results of ``refs`` (one call per actor in ``actors``), all within ``timeout_s``.

    Past the deadline :class:`RemoteTimeoutError` names the actors still running. When a call fails, the
    others get ``grace_s`` to finish or fail too, and the error raised is the root cause: an actor that died
    before one whose collective broke because of it (the others are listed in the message).
    """
    ray = import_ray()
    index = {r: i for i, r in enumerate(refs)}
    pending, out = list(refs), [None] * len(refs)
    failures: list[tuple[int, BaseException]] = []
    deadline = time.monotonic() + timeout_s
    while pending:
        ready, pending = ray.wait(pending, num_returns=1, timeout=max(0.0, deadline - time.monotonic()))
        if not ready:
            if failures:
                break
            raise RemoteTimeoutError([actors[index[r]] for r in pending], call, timeout_s)
        for r in ready:
            try:
                out[index[r]] = ray.get(r)
            except Exception as e:
                if not failures:
                    deadline = min(deadline, time.monotonic() + grace_s)
                failures.append((index[r], e))
    if not failures:
        return out
    died = [f for f in failures if isinstance(f[1], ray.exceptions.RayActorError)]
    i, err = (died or failures)[0]
    main = remote_error(err, actors[i], call)
    notes = [f"then {actors[j]}: {_cause(e)}" for j, e in failures if j != i]
    if pending:
        notes.append("still running: " + ", ".join(actors[index[r]] for r in pending))
    if notes:
        main.args = (f"{main.args[0]} ({'; '.join(notes)})",)
    raise main from err


def kill_all(actors: Sequence[Any]) -> None:
    """Kill actors for good (no restart); errors of already dead ones are ignored."""
    ray = import_ray()
    for a in actors:
        with contextlib.suppress(Exception):
            ray.kill(a, no_restart=True)


def start_groups(*makers: Callable[[], G]) -> list[G]:
    """The actor groups ``makers`` construct, started at once (in threads: an actor's start-up is mostly its
    process's imports and model load, which overlap); when one fails, the others that came up are shut down
    (``shutdown()``) once all are done and the first error is raised."""
    pool = concurrent.futures.ThreadPoolExecutor(len(makers), thread_name_prefix="start-group")
    futures = [pool.submit(make) for make in makers]
    try:
        concurrent.futures.wait(futures)
    finally:  # also when interrupted: the groups that come up are shut down
        pool.shutdown(wait=True)
        failed = [f for f in futures if f.cancelled() or f.exception() is not None]
        if failed:
            for f in futures:
                if f not in failed:
                    with contextlib.suppress(Exception):
                        f.result().shutdown()  # type: ignore[attr-defined]
    if failed:
        raise failed[0].exception()
    return [f.result() for f in futures]
