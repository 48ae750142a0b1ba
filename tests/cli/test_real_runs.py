"""Real runs with the user's own model and data, as a user types them: a hub model, a hub dataset and W&B in
three config lines, trained offline (no network at all) from caches laid out as downloads leave them; and the
1.5B DAPO recipe, checked by --print-config and by a dry run that loads no weights and no rows."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import yaml

sys.path.insert(0, str(Path(__file__).parents[1]))
from hub_layout import put_hub_repo, put_prepared_dataset, run_offline  # noqa: E402

sys.path.insert(0, str(Path(__file__).parents[1] / "rl_core"))
from test_trackers import read_wandb_history  # noqa: E402

RLVR = [sys.executable, "-m", "rlvr"]
MATH = [
    {"problem": f"What is {i} + {i}?", "solution": f"So \\boxed{{{2 * i}}}.", "level": "Level 1"} for i in range(10)
]

#: Qwen2.5-Math-1.5B's architecture as its config.json states it
QWEN_MATH_15B = {
    "architectures": ["Qwen2ForCausalLM"],
    "model_type": "qwen2",
    "hidden_size": 1536,
    "intermediate_size": 8960,
    "num_hidden_layers": 28,
    "num_attention_heads": 12,
    "num_key_value_heads": 2,
    "max_position_embeddings": 4096,
    "rope_theta": 10000.0,
    "vocab_size": 151936,
    "tie_word_embeddings": True,
    "torch_dtype": "bfloat16",
    "bos_token_id": 151643,
    "eos_token_id": 151643,
}


#: runs ``rlvr.cli.main`` on each command line of a JSON list in argv[1], in this one process, and prints one
#: JSON object per command: its exit status and standard output
MANY = """
import contextlib, io, json, sys
from rlvr.cli import main
for argv in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            code = main(argv)
        except SystemExit as e:
            code = e.code
    sys.__stdout__.write(json.dumps({"returncode": code, "stdout": out.getvalue()}) + "\\n")
"""


def run_offline_many(commands: list[list[str]], hf_home: Path) -> list[SimpleNamespace]:
    """``rlvr ARGS`` for each command line (without the ``rlvr``), one after another in one offline process
    (one interpreter and torch start-up): each one's exit status and standard output."""
    p = run_offline([sys.executable, "-c", MANY, json.dumps(commands)], hf_home)
    assert p.returncode == 0, p.stderr[-3000:]
    return [SimpleNamespace(**json.loads(line)) for line in p.stdout.splitlines()[-len(commands) :]]


def test_hub_model_hub_dataset_and_wandb_in_three_config_lines(tmp_path) -> None:
    from rlvr.rl_core.models import tiny_model

    home = tmp_path / "hf"
    model, tok = tiny_model(seed=5)
    model.save_pretrained(tmp_path / "model")
    tok.save_pretrained(tmp_path / "model")
    put_hub_repo(home, "acme/tiny-math", tmp_path / "model")
    put_prepared_dataset(home / "datasets", "acme/mathy", {"train": MATH[:6], "test": MATH[6:]}, config="main")
    user = tmp_path / "run.yaml"
    user.write_text(
        "model: {name: acme/tiny-math}\n"
        "task: {name: file, kwargs: {path: acme/mathy, config: main, prompt_field: problem, reference_field: solution}}\n"
        "logging: {trackers: [wandb]}\n"
    )
    run_dir = tmp_path / "run"
    fast = ["steps=2", "rollout.prompts_per_step=2", "rollout.group_size=2", "rollout.max_new_tokens=4",
            "logging.progress=false", "logging.tensorboard=false"]  # fmt: skip
    p = run_offline([*RLVR, "train", "--config", str(user), "--run-dir", str(run_dir), *fast], home, cwd=str(tmp_path))
    assert p.returncode == 0, p.stderr[-4000:]
    rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    assert [r["step"] for r in rows] == [0, 1, 2]
    saved = yaml.safe_load((run_dir / "config.yaml").read_text())
    assert saved["model"]["name"] == "acme/tiny-math" and saved["task"]["kwargs"]["path"] == "acme/mathy"
    evals = [json.loads(line) for line in (run_dir / "samples_after.jsonl").read_text().splitlines()]
    assert sorted({e["task_id"] for e in evals}) == [f"mathy-test-{i}" for i in range(4)]  # the hub test split
    (wandb_file,) = run_dir.glob("wandb/offline-run-*/run-*.wandb")
    run, history = read_wandb_history(wandb_file)
    assert run["name"] == "run" and run["config"]["model"]["name"] == "acme/tiny-math"
    assert [h["_step"] for h in history] == [0, 1, 2]
    assert history[1]["reward/mean"] == rows[1]["reward/mean"]


def test_a_missing_hub_model_fails_clearly_before_training(tmp_path) -> None:
    p = run_offline([*RLVR, "train", "model.name=acme/absent", "steps=1"], tmp_path / "hf", cwd=str(tmp_path))
    assert p.returncode == 2
    assert "rlvr train: model.name: could not load hub model 'acme/absent': offline mode is on" in p.stderr
    assert "Traceback" not in p.stderr


def test_recipe_prints_its_config(tmp_path) -> None:
    p = run_offline([*RLVR, "train", "--config", "qwen2.5_math_1.5b_dapo", "--print-config"], tmp_path / "hf")
    assert p.returncode == 0, p.stderr[-2000:]
    cfg = yaml.safe_load(p.stdout)
    assert cfg["model"]["name"] == "Qwen/Qwen2.5-Math-1.5B" and cfg["rollout"]["backend"] == "vllm"
    assert cfg["loss"]["policy"]["eps_high"] == 0.28 and cfg["sampling"]["dynamic"] is True  # the DAPO preset
    r = cfg["rollout"]
    assert r["max_prompt_tokens"] + r["max_new_tokens"] <= r["vllm"]["max_model_len"] <= 4096
    assert cfg["logging"]["trackers"] == ["wandb"]


def test_recipe_dry_run_offline_says_what_is_missing(tmp_path) -> None:
    p = run_offline([*RLVR, "train", "--config", "qwen2.5_math_1.5b_dapo", "--dry-run"], tmp_path / "hf")
    assert p.returncode == 1, p.stderr[-2000:]
    out = p.stdout
    assert (
        "[MISSING] model: hub model Qwen/Qwen2.5-Math-1.5B: config.json not in the HF cache and offline mode is on"
        in out
    )
    assert "[MISSING] data (train): hub DigitalLearningGmbH/MATH-lighteval split=train" in out
    assert "[MISSING] data (eval): hub HuggingFaceH4/MATH-500 split=test" in out
    # online, nothing is missing: both would be downloaded on first use (the dry run itself never connects)
    p = run_offline(
        [*RLVR, "train", "--config", "qwen2.5_math_1.5b_dapo", "--dry-run"],
        tmp_path / "hf",
        HF_HUB_OFFLINE="0",
        HF_DATASETS_OFFLINE="0",
    )
    assert p.returncode == 0, p.stdout + p.stderr[-2000:]
    assert "from_pretrained downloads it on first use" in p.stdout
    assert "load_dataset downloads it on first use" in p.stdout


def test_recipe_dry_run_resolves_a_cached_model_and_data_without_loading_them(tmp_path) -> None:
    """The model's config.json and weight index in the hub cache (the shards are empty files: the dry run
    must never read them), both datasets prepared in the datasets cache: everything resolves, the parameter
    count comes from the architecture on the meta device, and the memory estimate follows."""
    home, snap = tmp_path / "hf", tmp_path / "qwen"
    snap.mkdir()
    (snap / "config.json").write_text(json.dumps(QWEN_MATH_15B))
    (snap / "model.safetensors.index.json").write_text(
        json.dumps({"metadata": {}, "weight_map": {"lm_head.weight": "model-00001-of-00001.safetensors"}})
    )
    (snap / "model-00001-of-00001.safetensors").write_bytes(b"")
    commit = put_hub_repo(home, "Qwen/Qwen2.5-Math-1.5B", snap)
    rows = {"train": MATH[:5], "test": MATH[5:]}
    put_prepared_dataset(home / "datasets", "DigitalLearningGmbH/MATH-lighteval", rows)
    put_prepared_dataset(home / "datasets", "HuggingFaceH4/MATH-500", {"test": MATH})
    args = ["train", "--config", "qwen2.5_math_1.5b_dapo", "--dry-run"]
    p, v9, too_long, positions = run_offline_many(
        [
            args,
            # a revision that is not in the cache is missing offline
            [*args, "model.revision=v9"],
            # a context budget the model cannot hold is found here too
            [*args, "rollout.vllm.max_model_len=8192", "rollout.max_new_tokens=7000"],
            # ... unless the config overrides the model's positions (from_pretrained applies model.kwargs to it)
            [
                *args,
                "rollout.vllm.max_model_len=8192",
                "rollout.max_new_tokens=7000",
                "model.kwargs={max_position_embeddings: 8192}",
            ],
        ],
        home,
    )
    assert p.returncode == 0, p.stdout
    out = p.stdout
    assert (
        f"[ok] model: hub model Qwen/Qwen2.5-Math-1.5B: cached in {home}/hub/models--Qwen--Qwen2.5-Math-1.5B/snapshots/{commit}"
        in out
    )
    assert "[ok] data (train): hub DigitalLearningGmbH/MATH-lighteval split=train: hub dataset" in out
    assert "[ok] context: prompt budget + completion = 4096 tokens, model max_position_embeddings = 4096" in out
    assert "parameters: 1,543,714,304 (1,543,714,304 trainable)" in out
    assert "weights (float32): 5.75 GiB" in out
    assert "gradients + AdamW moments of the trainable parameters: 17.25 GiB" in out
    assert re.search(
        r"logits of one micro-batch \(2 x 3072 tokens x 151,936 vocab, bfloat16 \+ float32\): 5\.22 GiB", out
    )
    assert "learner, without other activations: about 33.44 GiB" in out
    assert (
        "vLLM engine: weights 2.88 GiB; KV cache 28.0 KiB per token, 28.00 GiB for the step's 256 sequences of up to 4096 tokens"
        in out
    )
    assert v9.returncode == 1 and "at revision v9: config.json not in the HF cache" in v9.stdout
    assert too_long.returncode == 1
    assert (
        "[MISSING] context: prompt budget + completion = 8024 tokens, model max_position_embeddings = 4096"
        in too_long.stdout
    )
    assert (
        positions.returncode == 0
        and "[ok] context: prompt budget + completion = 8024 tokens, model max_position_embeddings = 8192"
        in positions.stdout
    )
