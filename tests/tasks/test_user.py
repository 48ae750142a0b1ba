"""User data tasks: JSONL / JSON / Parquet / saved datasets, column mapping, clear errors on bad rows."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import datasets
import pytest

from rlvr.tasks.registry import get_task


def write_jsonl(path, rows) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return str(path)


ROWS = [{"q": f"What is {i} + 1?", "a": str(i + 1), "uid": f"u{i}", "src": "mine"} for i in range(20)]


def test_jsonl_with_column_mapping_and_seeded_split(tmp_path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", ROWS)
    t = get_task(
        "file", path=path, prompt_field="q", reference_field="a", id_field="uid", meta_fields=["src"], n_eval=5
    )
    ev, train = t.examples("eval"), t.examples("train")
    assert len(ev) == 5 and len(train) == 15
    assert not {e.id for e in ev} & {e.id for e in train}
    e = ev[0]
    i = int(e.id[1:])
    assert (e.prompt, e.reference, e.meta) == (f"What is {i} + 1?", str(i + 1), {"src": "mine"})
    assert t.verifier_name == "math"


def test_prompt_template_uses_any_columns(tmp_path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", ROWS)
    t = get_task("file", path=path, prompt_template="[{src}] {q}", reference_field="a", n_eval=2)
    assert t.examples("eval")[0].prompt.startswith("[mine] What is")


def test_parquet_and_separate_files(tmp_path) -> None:
    datasets.Dataset.from_list(ROWS).to_parquet(str(tmp_path / "train.parquet"))
    ev = write_jsonl(tmp_path / "eval.jsonl", ROWS[:3])
    t = get_task(
        "file", train_path=str(tmp_path / "train.parquet"), eval_path=ev, prompt_field="q", reference_field="a"
    )
    assert len(t.examples("train")) == 20 and len(t.examples("eval")) == 3


def test_saved_datasetdict_splits(tmp_path) -> None:
    dd = datasets.DatasetDict(
        {"train": datasets.Dataset.from_list(ROWS[:12]), "test": datasets.Dataset.from_list(ROWS[12:])}
    )
    dd.save_to_disk(str(tmp_path / "dd"))
    t = get_task("file", path=str(tmp_path / "dd"), prompt_field="q", reference_field="a")
    assert len(t.examples("train")) == 12 and len(t.examples("eval")) == 8


def test_bad_rows_name_the_row_and_field(tmp_path) -> None:
    bad = write_jsonl(tmp_path / "bad.jsonl", ROWS[:3] + [{"q": "", "a": "1"}] + ROWS[3:])
    t = get_task("file", path=bad, prompt_field="q", reference_field="a", n_eval=2)
    with pytest.raises(ValueError, match=r"bad.jsonl row 3: field 'q' \(prompt_field\)"):
        t.examples("eval")
    missing = write_jsonl(tmp_path / "m.jsonl", [{"q": "hi"}] * 5)
    with pytest.raises(ValueError, match=r"row 0: field 'a' \(reference_field\) is missing"):
        get_task("file", path=missing, prompt_field="q", reference_field="a", n_eval=1).examples("train")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"q": "x", "a": "1"}\n{not json\n')
    with pytest.raises(ValueError, match=r"broken.jsonl:2: not valid JSON"):
        get_task("file", path=str(broken), prompt_field="q", reference_field="a", n_eval=1).examples("eval")
    with pytest.raises(ValueError, match="path"):
        get_task("file")
    with pytest.raises(FileNotFoundError):
        get_task("file", path=str(tmp_path / "nope.jsonl")).examples("eval")


# ------------------------------------------------------------------------------ load_dataset sources
sys.path.insert(0, str(Path(__file__).parents[1]))
from hub_layout import put_prepared_dataset, run_offline  # noqa: E402

MATH = [{"problem": f"What is {i} * 3?", "solution": f"It is \\boxed{{{3 * i}}}.", "level": i % 5} for i in range(12)]


def _repo_folder(root: Path) -> Path:
    """A dataset repository as a clone of a hub dataset looks: a card whose YAML names configs and splits."""
    root.mkdir()
    (root / "README.md").write_text(
        "---\nconfigs:\n"
        "- config_name: main\n  data_files:\n  - split: train\n    path: main/train-*.parquet\n"
        "  - split: test\n    path: main/test-*.parquet\n"
        "- config_name: hard\n  data_files:\n  - split: train\n    path: hard/*.parquet\n---\n# a dataset\n"
    )
    (root / "main").mkdir()
    datasets.Dataset.from_list(MATH[:6]).to_parquet(str(root / "main" / "train-00000-of-00002.parquet"))
    datasets.Dataset.from_list(MATH[6:9]).to_parquet(str(root / "main" / "train-00001-of-00002.parquet"))
    datasets.Dataset.from_list(MATH[9:]).to_parquet(str(root / "main" / "test-00000-of-00001.parquet"))
    (root / "hard").mkdir()
    datasets.Dataset.from_list(MATH).to_parquet(str(root / "hard" / "part.parquet"))
    return root


def test_dataset_repository_folder_with_configs_and_splits(tmp_path) -> None:
    repo = _repo_folder(tmp_path / "repo")
    t = get_task("file", path=str(repo), config="main", prompt_field="problem", reference_field="solution")
    train, ev = t.examples("train"), t.examples("eval")
    assert [e.prompt for e in train] == [r["problem"] for r in MATH[:9]]  # two shards, in order
    assert [e.reference for e in ev] == [r["solution"] for r in MATH[9:]]  # the test split
    assert ev[0].id == "repo-test-0" and t.verifier.verify("so \\boxed{27}", ev[0].reference).passed
    # the 'hard' config has no evaluation split: a seeded cut of its train split at n_eval
    hard = get_task("file", path=str(repo), config="hard", prompt_field="problem", reference_field="solution", n_eval=4)
    h_train, h_eval = hard.examples("train"), hard.examples("eval")
    assert len(h_train) == 8 and len(h_eval) == 4
    assert sorted(e.prompt for e in h_train + h_eval) == sorted(r["problem"] for r in MATH)
    # explicit splits, with load_dataset's slicing
    sliced = get_task(
        "file",
        path=str(repo),
        config="main",
        split="train[:4]",
        eval_split="train[4:6]",
        prompt_field="problem",
        reference_field="solution",
    )
    assert [e.prompt for e in sliced.examples("eval")] == [r["problem"] for r in MATH[4:6]]
    assert len(sliced.examples("train")) == 4
    with pytest.raises(ValueError, match=r"repo\[nope\]: no split 'nope'"):
        get_task("file", path=str(repo), config="main", eval_split="nope", prompt_field="problem").examples("eval")


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_data_files_globs_of_each_format(tmp_path, fmt) -> None:
    for k, lo in enumerate(range(0, 12, 4)):
        rows = MATH[lo : lo + 4]
        path = tmp_path / f"train-{k}.{fmt}"
        if fmt == "jsonl":
            write_jsonl(path, rows)
        elif fmt == "parquet":
            datasets.Dataset.from_list(rows).to_parquet(str(path))
        else:
            datasets.Dataset.from_list(rows).to_csv(str(path), index=False)
    write_jsonl(tmp_path / "held.jsonl", MATH[:2])
    t = get_task(
        "file",
        data_files={"train": str(tmp_path / f"train-*.{fmt}")},
        prompt_template="Level {level}: {problem}",
        reference_field="solution",
        n_eval=3,
    )
    train, ev = t.examples("train"), t.examples("eval")
    assert len(train) == 9 and len(ev) == 3
    assert sorted(e.prompt for e in train + ev) == sorted(f"Level {r['level']}: {r['problem']}" for r in MATH)
    # one file per split, and train/eval sources given as load_dataset argument mappings
    pair = get_task(
        "file",
        train_path={"data_files": str(tmp_path / f"train-1.{fmt}")},
        eval_path=str(tmp_path / "held.jsonl"),
        prompt_field="problem",
        reference_field="solution",
    )
    assert [e.prompt for e in pair.examples("train")] == [r["problem"] for r in MATH[4:8]]
    assert [e.prompt for e in pair.examples("eval")] == [r["problem"] for r in MATH[:2]]


def test_nested_fields_and_chat_message_columns(tmp_path) -> None:
    """DAPO-Math-17k's layout: the prompt is a list of chat messages, the answer sits in a nested column."""
    rows = [
        {"prompt": [{"role": "user", "content": f"Add {i} and 1."}], "reward_model": {"ground_truth": str(i + 1)}}
        for i in range(6)
    ]
    datasets.Dataset.from_list(rows).to_parquet(str(tmp_path / "dapo.parquet"))
    t = get_task(
        "file",
        data_files=str(tmp_path / "dapo.parquet"),
        prompt_template="{prompt[0][content]}",
        reference_field="reward_model.ground_truth",
        n_eval=2,
    )
    ex = sorted(t.examples("train") + t.examples("eval"), key=lambda e: e.reference)
    assert [(e.prompt, e.reference) for e in ex] == [(f"Add {i} and 1.", str(i + 1)) for i in range(6)]

    def task(template: str, reference: str):
        return get_task(
            "file",
            data_files=str(tmp_path / "dapo.parquet"),
            prompt_template=template,
            reference_field=reference,
            n_eval=1,
        )

    with pytest.raises(ValueError, match=r"row 0: field 'reward_model.answer' \(reference_field\) is missing"):
        task("{prompt[0][content]}", "reward_model.answer").examples("train")
    with pytest.raises(ValueError, match=r"row 0: prompt_template '\{prompt\[3\]\[content\]\}' does not fit the row"):
        task("{prompt[3][content]}", "reward_model.ground_truth").examples("train")


def test_source_arguments_are_checked(tmp_path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", ROWS)
    with pytest.raises(ValueError, match="revision applies to hub datasets"):
        get_task("file", path=str(tmp_path), data_files=path, revision="main")
    with pytest.raises(ValueError, match="config, data_files and revision apply to load_dataset sources"):
        get_task("file", path=path, config="main")
    with pytest.raises(ValueError, match="cannot tell the format"):
        get_task("file", data_files=str(tmp_path / "*.txt"), n_eval=1).examples("train")
    with pytest.raises(ValueError, match="split and eval_split do not apply to the single file"):
        get_task("file", path=path, split="train")
    with pytest.raises(ValueError, match="unknown key 'splitt'"):
        get_task("file", train_path={"path": path, "splitt": "x"}, eval_path=path)


_HUB = """
import json, sys
from rlvr.tasks.registry import get_task

out = {}
t = get_task("file", path="acme/mathy", config="main", prompt_field="problem", reference_field="solution")
out["train"] = [e.prompt for e in t.examples("train")]
out["eval"] = [(e.id, e.reference) for e in t.examples("eval")]
bad = get_task("file", path="acme/mathy", config="main", prompt_field="nope", reference_field="solution")
for key, fn in (("bad", lambda: bad.examples("eval")), ("missing", lambda: get_task("file", path="acme/none").examples("eval"))):
    try:
        fn()
    except Exception as e:
        out[key] = [type(e).__name__, str(e)]
from rlvr.tasks.sources import DataSource
out["available"] = DataSource("acme/mathy").availability()
out["unavailable"] = DataSource("acme/none").availability()
print(json.dumps(out))
"""


def test_hub_dataset_by_name_offline_from_the_datasets_cache(tmp_path) -> None:
    """`path: org/name` goes through load_dataset; offline (no network at all) it is served from the prepared
    cache an earlier online load left in HF_DATASETS_CACHE, which this test writes."""
    home = tmp_path / "hf"
    put_prepared_dataset(home / "datasets", "acme/mathy", {"train": MATH[:8], "test": MATH[8:]}, config="main")
    p = run_offline([sys.executable, "-c", _HUB], home)
    assert p.returncode == 0, p.stderr[-3000:]
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["train"] == [r["problem"] for r in MATH[:8]]
    assert out["eval"] == [[f"mathy-test-{i}", r["solution"]] for i, r in enumerate(MATH[8:])]
    assert out["bad"] == [
        "ValueError",
        "acme/mathy[test] row 0: field 'nope' (prompt_field) must be a non-empty string, got None",
    ]
    assert out["missing"][0] == "ConnectionError" and "acme/none" in out["missing"][1]
    assert out["available"][0] is True and "prepared in the datasets cache" in out["available"][1]
    assert out["unavailable"][0] is False and "offline mode is on" in out["unavailable"][1]


def test_revision_and_config_reach_load_dataset(tmp_path, monkeypatch) -> None:
    """Hub arguments are load_dataset's own: recorded on the way through, then served by a local folder."""
    repo = _repo_folder(tmp_path / "repo")
    seen = []
    real = datasets.load_dataset

    def spy(path, **kw):
        seen.append((path, kw))
        return real(str(repo), **{k: v for k, v in kw.items() if k != "revision"})

    monkeypatch.setattr(datasets, "load_dataset", spy)
    t = get_task(
        "file", path="acme/mathy", config="main", revision="v1.2", prompt_field="problem", reference_field="solution"
    )
    assert len(t.examples("eval")) == 3
    assert {(p, kw.get("name"), kw.get("revision")) for p, kw in seen} == {("acme/mathy", "main", "v1.2")}
