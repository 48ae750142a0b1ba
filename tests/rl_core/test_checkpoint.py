import random

import numpy as np
import pytest
import torch

from rlvr.rl_core import checkpoint as ckpt


def test_atomic_save_load_keep_and_rng(tmp_path):
    w = {"a": torch.arange(6.0).view(2, 3), "b": torch.ones(2)}
    random.seed(1), np.random.seed(1), torch.manual_seed(1)
    for step in (1, 2, 3):
        ckpt.save_checkpoint(tmp_path, step, w, {"x": step}, keep=2)
    expected = (random.random(), float(np.random.rand()), float(torch.rand(1)))
    found = ckpt.list_checkpoints(tmp_path)
    assert [p.name for p in found] == ["step-00000002", "step-00000003"]
    weights, state = ckpt.load_checkpoint(ckpt.latest_checkpoint(tmp_path))
    assert torch.equal(weights["a"], w["a"]) and state["x"] == 3 and state["step"] == 3
    random.seed(9), np.random.seed(9), torch.manual_seed(9)
    ckpt.set_rng_state(state["rng"])
    assert (random.random(), float(np.random.rand()), float(torch.rand(1))) == expected


def test_interrupted_save_is_ignored(tmp_path):
    ckpt.save_checkpoint(tmp_path, 1, {"a": torch.zeros(1)}, {})
    # a crash mid-save leaves only a temporary directory (and a half-written file) behind
    tmp = ckpt.checkpoint_dir(tmp_path) / ".tmp-step-00000002-123"
    tmp.mkdir()
    (tmp / ckpt.WEIGHTS).write_bytes(b"\x00" * 10)
    assert ckpt.latest_checkpoint(tmp_path).name == "step-00000001"
    # and an incomplete directory with the final name (no state file) is not a checkpoint
    (ckpt.checkpoint_dir(tmp_path) / "step-00000003").mkdir()
    assert ckpt.latest_checkpoint(tmp_path).name == "step-00000001"
    assert ckpt.latest_checkpoint(tmp_path / "none") is None


def test_checksums_catch_damaged_bytes_and_failed_saves_are_removed(tmp_path):
    path = ckpt.save_checkpoint(tmp_path, 1, {"a": torch.arange(1000.0)}, {"x": 1})
    assert ckpt.verify_checkpoint(path)
    data = bytearray((path / ckpt.WEIGHTS).read_bytes())
    data[-8:] = b"\xff" * 8  # 0xff bytes: two NaN floats, same size
    (path / ckpt.WEIGHTS).write_bytes(bytes(data))
    with pytest.raises(ckpt.CheckpointError, match="SHA-256 differs"):
        ckpt.load_checkpoint(path)
    path = ckpt.save_checkpoint(tmp_path, 2, {"a": torch.arange(1000.0)}, {"x": 2})
    (path / ckpt.STATE).write_bytes(b"")
    with pytest.raises(ckpt.CheckpointError, match="state.pt: 0 bytes.*truncated"):
        ckpt.verify_checkpoint(path)
    stale = ckpt.checkpoint_dir(tmp_path) / ".tmp-step-00000003-4242"
    stale.mkdir()
    assert ckpt.remove_partial_saves(tmp_path) == [stale] and not stale.exists()
