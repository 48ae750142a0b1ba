"""The collect stage's result and the update stage's normaliser, at the seams between the trainer's stages."""

import sys
from pathlib import Path

import torch

from rlvr.rl_core.builders import load_policy
from rlvr.rl_core.collect import Totals, loss_mask
from rlvr.rl_core.config import load_config
from rlvr.rl_core.losses import StepNormalizer
from rlvr.rl_core.seeding import seed_everything
from rlvr.rl_core.trainer import Trainer
from rlvr.rl_core.update import normalizer

sys.path.insert(0, str(Path(__file__).parent))
from toy_task import DigitVerifier, ScriptedGenerator, ToyTask  # noqa: E402

from rlvr.verifiers.base import VerifyResult  # noqa: E402


class LeadingOne(DigitVerifier):
    def verify(self, completion, reference, **context):
        ok = completion.startswith("1")
        return VerifyResult(score=float(ok), passed=ok, extracted=completion[:1])


SCRIPT = [
    ["1", "0000"],  # rewards 1, 0: kept; 1 + 4 tokens
    ["00", "000"],  # rewards 0, 0: filtered; 2 + 3 tokens
    ["1", "10000000"],  # rewards 1, 1: filtered; 1 + 8 tokens, the second truncated (8 = max_new_tokens)
    ["0", "11"],  # rewards 0, 1: kept; 1 + 2 tokens
    ["1", "1"],  # a fifth group, drawn only with oversampling: filtered
]


def _trainer(tmp_path, *extra):
    cfg = load_config(
        None,
        [
            "task.name=toy_task:make_task",
            "rollout.prompts_per_step=4",
            "rollout.group_size=2",
            "rollout.max_new_tokens=8",
            "sampling.max_rounds=1",
            "reward.overlong_buffer_ratio=0",
            "logging.progress=false",
            f"logging.run_dir={tmp_path}",
            *extra,
        ],
    )
    seed_everything(cfg.seed)
    model, tok = load_policy(cfg)
    task = ToyTask()
    task.verifier = LeadingOne()
    t = Trainer(cfg, model, tok, task, tmp_path)
    t.generator = ScriptedGenerator(tok, SCRIPT)
    return t


def test_collect_result_totals_of_kept_and_filtered_groups(tmp_path):
    t = _trainer(tmp_path, "preset=dapo", "sampling.count_filtered=true", "reward.overlong_filter=true")
    c = t.collect(1)
    assert [g.texts for g in c.kept] == [SCRIPT[0], SCRIPT[3]]
    assert [g.texts for g in c.dropped] == [SCRIPT[1], SCRIPT[2]]
    assert c.counted == c.dropped
    assert c.kept_totals == Totals(groups=2, rows=4, seqs=4, tokens=1 + 4 + 1 + 2)
    # the truncated completion counts no token under reward.overlong_filter, but still a row
    assert c.dropped_totals == Totals(groups=2, rows=4, seqs=3, tokens=2 + 3 + 1)
    assert c.loss_totals == Totals(groups=4, rows=8, seqs=7, tokens=14)
    assert c.metrics["sampling/filtered_tokens"] == 6 and c.metrics["sampling/filtered_seqs"] == 3
    assert c.metrics["sampling/groups"] == 2 and c.metrics["sampling/rounds"] == 1
    assert c.metrics["sampling/filtered_fraction"] == 0.5


def test_without_count_filtered_the_normaliser_counts_only_kept_groups(tmp_path):
    t = _trainer(tmp_path, "preset=dapo", "sampling.count_filtered=false", "reward.overlong_filter=false")
    c = t.collect(1)
    assert c.counted == []
    assert c.dropped_totals == Totals(groups=2, rows=4, seqs=4, tokens=2 + 3 + 1 + 8)
    assert c.loss_totals == c.kept_totals == Totals(groups=2, rows=4, seqs=4, tokens=8)


def test_without_dynamic_sampling_one_round_is_kept_whole(tmp_path):
    t = _trainer(tmp_path, "preset=grpo", "sampling.dynamic=false")
    c = t.collect(1)
    assert [g.texts for g in c.kept] == SCRIPT[:4] and c.dropped == [] and c.counted == []
    assert c.kept_totals == Totals(groups=4, rows=8, seqs=8, tokens=1 + 4 + 2 + 3 + 1 + 8 + 1 + 2)
    assert "sampling/filtered_fraction" not in c.metrics


def test_update_normaliser_from_totals_equals_the_one_from_masks(tmp_path):
    t = _trainer(tmp_path, "preset=dapo", "sampling.count_filtered=true", "reward.overlong_filter=true")
    c = t.collect(1)
    masks = [loss_mask(c.kept, True), loss_mask(c.counted, True)]
    assert normalizer(c.loss_totals) == StepNormalizer.from_masks(masks) == StepNormalizer(14, 7, 8)


def test_train_step_normalises_by_the_collect_totals(tmp_path):
    """The step's loss/num_tokens is the collect result's loss_totals (kept + counted filtered tokens)."""
    t = _trainer(
        tmp_path,
        "preset=dapo",
        "sampling.count_filtered=true",
        "reward.overlong_filter=true",
        "eval.before=false",
        "eval.after=false",
    )
    seen = []
    collect = t.collect

    def spy(step):
        seen.append(collect(step))
        return seen[-1]

    t.collect = spy
    m = t.train_step(1)
    assert m["loss/num_tokens"] == seen[0].loss_totals.tokens == 14
    assert torch.isfinite(torch.tensor(m["grad_norm"]))
    t.close()
