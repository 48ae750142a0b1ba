"""PRMs by hub id: a fresh PRM on a hub backbone, and a trained PRM fetched from a hub repository, both from
a hub cache laid out offline (HF_HOME in a temp dir, HF_HUB_OFFLINE=1, no network)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from rlvr.rl_core.credit.prm import build_prm
from rlvr.rl_core.models import tiny_model

sys.path.insert(0, str(Path(__file__).parents[2]))
from hub_layout import put_hub_repo, run_offline  # noqa: E402

_CODE = """
import json
from rlvr.rl_core.credit.prm import ProcessRewardModel, build_prm

out = {}
fresh = build_prm("acme/tiny-math", seed=3)
out["backbone"] = float(sum(p.detach().double().sum() for p in fresh.model.model.parameters()))
out["head"] = fresh.model.config.num_labels
trained = ProcessRewardModel.load("acme/tiny-prm")
out["scores"] = trained.score(["1+1=\\n"], [["1+1=2\\n", "Answer: 2"]])
try:
    build_prm("acme/absent")
except FileNotFoundError as e:
    out["missing"] = str(e)
print(json.dumps(out))
"""


def test_prm_backbone_and_trained_prm_by_hub_id(tmp_path) -> None:
    home = tmp_path / "hf"
    model, tok = tiny_model(seed=7)
    model.save_pretrained(tmp_path / "backbone")
    tok.save_pretrained(tmp_path / "backbone")
    put_hub_repo(home, "acme/tiny-math", tmp_path / "backbone")
    prm = build_prm("tiny", seed=1)
    prm.save(tmp_path / "prm")
    put_hub_repo(home, "acme/tiny-prm", tmp_path / "prm")
    p = run_offline([sys.executable, "-c", _CODE], home)
    assert p.returncode == 0, p.stderr[-3000:]
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["backbone"] == float(sum(p.detach().double().sum() for p in model.model.parameters()))
    assert out["head"] == 1
    assert out["scores"][0] == pytest.approx(prm.score(["1+1=\n"], [["1+1=2\n", "Answer: 2"]])[0], abs=1e-6)
    assert out["missing"].startswith("PRM base model: could not load hub model 'acme/absent': offline mode is on")
