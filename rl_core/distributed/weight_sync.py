"""Versioned weight sync from learner rank 0 to the rollout actors: one interface, three transports.

A push of version v moves named tensors (the trainable ones: the LoRA adapters, or every weight in full
fine-tuning; ``full=True`` sends every weight, as the first push does) and a :class:`WeightUpdate` record
that names the version, the transport and the :func:`~rlvr.rl_core.distributed.versioning.fingerprint`
of the tensors. Each actor checks the payload against the fingerprint, copies it into its policy by name
(unknown names and shape mismatches raise), reads its parameters back and fingerprints them again, pushes
them into its engine (vLLM) and only then takes version v. The controller compares every actor's reported
fingerprint with the learner's, so a push that moved nothing or moved the wrong thing is an error
(:class:`~rlvr.rl_core.distributed.errors.WeightSyncError`), never a silent drift.

Transports (registry :data:`TRANSPORTS`):

- ``object_store``: rank 0 ``ray.put``\\ s the tensors once; actors fetch them from the object store (on another
  node Ray copies them over its own network path). The record carries the reference, so the controller
  never holds the tensors.
- ``filesystem``: ``<path>/v00000007/{weights.safetensors, manifest.json}``, written to a temporary folder
  and renamed (a reader never sees half a version); the newest ``keep`` versions stay. For shared storage
  and for inspecting what the actors loaded.
- ``collective``: a broadcast in a process group of learner rank 0 (rank 0) and the M rollout actors,
  separate from the learner's own group (gloo on CPU, NCCL when all members have GPUs). A header
  (version, layout hash, tensor count) goes first, so an actor whose parameter layout differs fails
  instead of reading garbage; then one flat buffer per dtype.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import torch

from rlvr.registry import Registry
from rlvr.rl_core.distributed.errors import WeightSyncError
from rlvr.rl_core.distributed.versioning import fingerprint

MANIFEST = "manifest.json"
WEIGHTS = "weights.safetensors"


@dataclass
class WeightUpdate:
    """One published version. ``payload``: the object-store reference (in a list, so Ray passes it on
    unresolved), the filesystem folder, or None for the collective (the tensors travel in the broadcast)."""

    version: int
    transport: str
    fingerprint: str
    names: list[str]
    nbytes: int
    payload: Any = None
    publish_s: float = 0.0


@dataclass
class WeightAck:
    """An actor's answer to a push: the version it now samples with and the fingerprint of its weights."""

    actor: str
    version: int
    fingerprint: str
    load_s: float = 0.0


def policy_tensors(model: torch.nn.Module, full: bool) -> dict[str, torch.Tensor]:
    """The tensors a push moves: every parameter (``full``) or the trainable ones, by name, detached (a
    sharded FSDP2 parameter is gathered: every rank must call this together)."""
    out = {}
    for n, p in model.named_parameters():
        if full or p.requires_grad:
            t = p.detach()
            if hasattr(t, "full_tensor"):
                t = t.full_tensor()
            out[n] = t
    return out


def nbytes(tensors: Mapping[str, torch.Tensor]) -> int:
    return sum(t.numel() * t.element_size() for t in tensors.values())


def check_payload(update: WeightUpdate, tensors: Mapping[str, torch.Tensor], actor: str) -> None:
    """Raise :class:`WeightSyncError` unless ``tensors`` are exactly what ``update`` announced."""
    if sorted(tensors) != sorted(update.names):
        raise WeightSyncError(f"{actor}: version {update.version} arrived with other tensor names than published")
    got = fingerprint(tensors)
    if got != update.fingerprint:
        raise WeightSyncError(
            f"{actor}: version {update.version} ({update.transport}) arrived corrupt: fingerprint {got[:12]} "
            f"!= published {update.fingerprint[:12]}"
        )


# ------------------------------------------------------------------------------------------ transports
class Transport:
    """``publish`` runs in learner rank 0 and returns the record; ``fetch`` runs in a rollout actor."""

    name = ""

    def publish(self, tensors: dict[str, torch.Tensor], update: WeightUpdate, options: dict[str, Any]) -> WeightUpdate:
        raise NotImplementedError

    def fetch(self, update: WeightUpdate) -> dict[str, torch.Tensor]:
        raise NotImplementedError


TRANSPORTS: Registry[type[Transport]] = Registry("weight-sync transport")


@TRANSPORTS.register("object_store")
class ObjectStoreTransport(Transport):
    name = "object_store"

    def publish(self, tensors: dict[str, torch.Tensor], update: WeightUpdate, options: dict[str, Any]) -> WeightUpdate:
        import ray

        update.payload = [ray.put({k: v.cpu() for k, v in tensors.items()})]
        return update

    def fetch(self, update: WeightUpdate) -> dict[str, torch.Tensor]:
        import ray

        (tensors,) = ray.get(update.payload)
        return tensors


def version_dir(root: str | Path, version: int) -> Path:
    return Path(root) / f"v{version:08d}"


def _versions(root: Path) -> list[int]:
    return [int(p.name[1:]) for p in root.glob("v[0-9]*") if p.is_dir() and p.name[1:].isdigit()]


@TRANSPORTS.register("filesystem")
class FilesystemTransport(Transport):
    name = "filesystem"

    def publish(self, tensors: dict[str, torch.Tensor], update: WeightUpdate, options: dict[str, Any]) -> WeightUpdate:
        from safetensors.torch import save_file

        root = Path(options["path"])
        root.mkdir(parents=True, exist_ok=True)
        final = version_dir(root, update.version)
        tmp = root / f".{final.name}.tmp-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        save_file({k: v.detach().cpu().contiguous() for k, v in tensors.items()}, str(tmp / WEIGHTS))
        manifest = {
            "version": update.version,
            "fingerprint": update.fingerprint,
            "names": update.names,
            "nbytes": update.nbytes,
            "created": time.time(),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1))
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
        keep = int(options.get("keep", 2))
        older = sorted(v for v in _versions(root) if v < update.version)  # newer ones are not this run's to prune
        for v in older[: max(0, len(older) - (keep - 1))]:
            shutil.rmtree(version_dir(root, v), ignore_errors=True)
        update.payload = str(final)
        return update

    def fetch(self, update: WeightUpdate) -> dict[str, torch.Tensor]:
        from safetensors.torch import load_file

        folder = Path(update.payload)
        try:
            manifest = json.loads((folder / MANIFEST).read_text())
        except FileNotFoundError:
            raise WeightSyncError(f"version {update.version}: {folder} is gone (filesystem transport keep?)") from None
        if manifest["version"] != update.version or manifest["fingerprint"] != update.fingerprint:
            raise WeightSyncError(f"{folder / MANIFEST} holds version {manifest['version']}, expected {update.version}")
        return load_file(str(folder / WEIGHTS))


# ------------------------------------------------------------------------------------------ collective
def layout_hash(tensors: Mapping[str, torch.Tensor]) -> int:
    """A signed 63-bit hash of the names, shapes and dtypes (what both ends of a broadcast must agree on)."""
    text = ";".join(f"{n}:{tuple(t.shape)}:{t.dtype}" for n, t in sorted(tensors.items()))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little") >> 1


class WeightGroup:
    """A process group of learner rank 0 (rank 0) and the rollout actors, apart from the learner's default
    group: a torch ``TCPStore`` hosted by rank 0 and a gloo (or NCCL) group built on it, with a timeout on
    every collective."""

    def __init__(
        self, host: str, port: int, rank: int, world: int, backend: str, timeout_s: float, store: Any = None
    ) -> None:
        import torch.distributed as dist

        timeout = timedelta(seconds=timeout_s)
        self.store = store if store is not None else dist.TCPStore(host, port, world, False, timeout=timeout)
        prefixed = dist.PrefixStore(f"rlvr-weights-{port}", self.store)
        self.rank, self.world, self.backend = rank, world, backend
        if backend == "nccl":
            self.pg = dist.ProcessGroupNCCL(prefixed, rank, world)
            self.device = torch.device("cuda", torch.cuda.current_device())
        else:
            self.pg = dist.ProcessGroupGloo(prefixed, rank, world, timeout)
            self.device = torch.device("cpu")

    @staticmethod
    def host_store(host: str, world: int, timeout_s: float) -> tuple[Any, int]:
        """Rank 0: a TCPStore on a free port of ``host``; returns (store, port)."""
        import torch.distributed as dist

        store = dist.TCPStore(host, 0, world, True, timeout=timedelta(seconds=timeout_s), wait_for_workers=False)
        return store, store.port

    def broadcast(self, tensor: torch.Tensor) -> torch.Tensor:
        """Broadcast ``tensor`` from rank 0 in place (on the group's device); returns it on that device."""
        import torch.distributed as dist

        t = tensor.to(self.device)
        opts = dist.BroadcastOptions()
        opts.rootRank = 0
        self.pg.broadcast([t], opts).wait()
        return t

    def send(self, tensors: dict[str, torch.Tensor], version: int) -> None:
        """Rank 0: header, then one flat buffer per dtype in name order."""
        names = sorted(tensors)
        self.broadcast(torch.tensor([version, layout_hash(tensors), len(names)], dtype=torch.long))
        for dtype in sorted({tensors[n].dtype for n in names}, key=str):
            group = [tensors[n].detach().reshape(-1).to(self.device) for n in names if tensors[n].dtype == dtype]
            self.broadcast(torch.cat(group))

    def receive(self, template: dict[str, torch.Tensor], version: int, actor: str) -> dict[str, torch.Tensor]:
        """Other ranks: the tensors named and shaped like ``template`` (the actor's own parameters)."""
        names = sorted(template)
        header = self.broadcast(torch.zeros(3, dtype=torch.long)).cpu().tolist()
        if header[1] != layout_hash(template) or header[2] != len(names):
            raise WeightSyncError(f"{actor}: the learner's parameter layout differs from this actor's policy")
        if header[0] != version:
            raise WeightSyncError(f"{actor}: the broadcast carries version {header[0]}, expected {version}")
        out: dict[str, torch.Tensor] = {}
        for dtype in sorted({template[n].dtype for n in names}, key=str):
            members = [n for n in names if template[n].dtype == dtype]
            flat = self.broadcast(torch.empty(sum(template[n].numel() for n in members), dtype=dtype))
            for n, piece in zip(members, flat.split([template[n].numel() for n in members])):
                out[n] = piece.view(template[n].shape)
        return out

    def close(self) -> None:
        self.pg = None
        self.store = None
