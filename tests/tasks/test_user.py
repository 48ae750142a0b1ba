"""User data tasks: JSONL / JSON / Parquet / saved datasets, column mapping, clear errors on bad rows."""

from __future__ import annotations

import json

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
