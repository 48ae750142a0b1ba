"""``rlvr prm label`` then ``rlvr prm train`` on the arithmetic task with the tiny model."""

from __future__ import annotations

from rlvr.cli import main
from rlvr.rl_core.credit.prm import ProcessRewardModel, read_labels


def test_prm_label_then_train(tmp_path, capsys):
    labels = tmp_path / "labels.jsonl"
    rc = main(
        [
            "prm",
            "label",
            "--task",
            "arithmetic",
            "--task-arg",
            "level=2",
            "--task-arg",
            "cache=false",
            "--out",
            str(labels),
            "--limit",
            "3",
            "--samples",
            "2",
            "--k",
            "2",
            "--max-new-tokens",
            "12",
            "--split-method",
            "tokens",
            "--max-steps",
            "3",
        ]
    )
    assert rc == 0
    recs = read_labels(labels)
    assert len(recs) == 6 and all(1 <= len(r.steps) <= 3 for r in recs)
    rc = main(
        [
            "prm",
            "train",
            "--data",
            str(labels),
            "--out",
            str(tmp_path / "prm"),
            "--epochs",
            "1",
            "--lora-r",
            "2",
            "--eval-fraction",
            "0.34",
        ]
    )
    assert rc == 0
    assert "held-out step AUC" in capsys.readouterr().out
    prm = ProcessRewardModel.load(tmp_path / "prm")
    assert len(prm.score([recs[0].prompt], [recs[0].steps])[0]) == len(recs[0].steps)
