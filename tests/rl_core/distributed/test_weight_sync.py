"""The filesystem transport and payload checks (the object-store and collective transports run in
test_rollout.py, inside a private network)."""

from __future__ import annotations

import json

import pytest
import torch

from rlvr.rl_core.distributed.errors import WeightSyncError
from rlvr.rl_core.distributed.versioning import fingerprint
from rlvr.rl_core.distributed.weight_sync import (
    MANIFEST,
    TRANSPORTS,
    WeightUpdate,
    check_payload,
    layout_hash,
    nbytes,
    policy_tensors,
    version_dir,
)
from rlvr.rl_core.distributed.worker import load_named
from rlvr.rl_core.models import tiny_model


def update_of(tensors, version):
    return WeightUpdate(version, "filesystem", fingerprint(tensors), sorted(tensors), nbytes(tensors))


def test_filesystem_versions_round_trip_and_only_the_newest_stay(tmp_path) -> None:
    fs = TRANSPORTS["filesystem"]()
    model, _ = tiny_model(seed=1)
    tensors = policy_tensors(model, full=True)
    updates = []
    for v in range(4):
        with torch.no_grad():
            next(model.parameters()).add_(1.0)
        t = policy_tensors(model, full=True)
        updates.append(fs.publish(t, update_of(t, v), {"path": str(tmp_path), "keep": 2}))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v00000002", "v00000003"]
    got = fs.fetch(updates[3])
    check_payload(updates[3], got, "rollout-0")
    for n, t in policy_tensors(model, full=True).items():
        assert torch.equal(got[n], t), n
    manifest = json.loads((version_dir(tmp_path, 3) / MANIFEST).read_text())
    assert manifest["version"] == 3 and manifest["nbytes"] == nbytes(tensors)
    with pytest.raises(WeightSyncError, match="is gone"):
        fs.fetch(updates[0])
    # a folder holding newer versions of an earlier run: the version just written is never pruned
    t = policy_tensors(model, full=True)
    fs.publish(t, update_of(t, 1), {"path": str(tmp_path), "keep": 1})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v00000001", "v00000002", "v00000003"]


def test_a_corrupt_or_mismatched_payload_is_an_error(tmp_path) -> None:
    fs = TRANSPORTS["filesystem"]()
    model, _ = tiny_model(seed=1)
    t = policy_tensors(model, full=True)
    u = fs.publish(t, update_of(t, 5), {"path": str(tmp_path)})
    bad = dict(fs.fetch(u))
    name = sorted(bad)[0]
    bad[name] = bad[name].clone()
    bad[name].view(-1)[0] += 1e-3
    with pytest.raises(WeightSyncError, match="rollout-1: version 5 \\(filesystem\\) arrived corrupt"):
        check_payload(u, bad, "rollout-1")
    with pytest.raises(WeightSyncError, match="other tensor names"):
        check_payload(u, {k: v for k, v in bad.items() if k != name}, "rollout-1")
    (version_dir(tmp_path, 5) / MANIFEST).write_text(json.dumps({"version": 4, "fingerprint": u.fingerprint}))
    with pytest.raises(WeightSyncError, match="holds version 4, expected 5"):
        fs.fetch(u)


def test_loading_by_name_rejects_unknown_names_and_shapes() -> None:
    model, _ = tiny_model(seed=1)
    other, _ = tiny_model(seed=2)
    load_named(model, policy_tensors(other, full=True))
    assert fingerprint(policy_tensors(model, full=True)) == fingerprint(policy_tensors(other, full=True))
    with pytest.raises(KeyError, match="not parameters of the policy"):
        load_named(model, {"lm_head.bias": torch.zeros(3)})
    name, p = next(iter(model.named_parameters()))
    with pytest.raises(ValueError, match=f"pushed tensor {name} has shape"):
        load_named(model, {name: torch.zeros(p.shape[0] + 1)})


def test_policy_tensors_are_the_trainable_ones_unless_full() -> None:
    from rlvr.rl_core.config import LoraConfig
    from rlvr.rl_core.lora import apply_lora

    model = apply_lora(tiny_model(seed=1)[0], LoraConfig(enabled=True, r=2, target_modules=["q_proj"]))
    trainable = policy_tensors(model, full=False)
    assert trainable and all(".lora_" in n for n in trainable)
    assert set(trainable) < set(policy_tensors(model, full=True))
    assert layout_hash(trainable) != layout_hash(policy_tensors(model, full=True))
    assert layout_hash(trainable) == layout_hash({n: torch.zeros_like(t) for n, t in trainable.items()})
