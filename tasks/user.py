"""``file``: a task over the user's own data — a JSONL file, a Parquet file, or a saved ``datasets``
directory (``Dataset.save_to_disk`` / ``DatasetDict.save_to_disk``), with columns mapped in the config.

    task: {name: file, path: data.jsonl, prompt_field: question, reference_field: answer, verifier: math}

``prompt_template`` (e.g. ``"{question}\\nOptions: {options}"``) formats the prompt from any columns instead
of ``prompt_field``. Splits: ``train_path``/``eval_path``; else a DatasetDict's ``train`` and
``test``/``eval``/``validation`` splits; else a seeded shuffle of ``path`` cut at ``n_eval`` rows. A row
missing its prompt or reference raises an error naming the file, row and field.
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rlvr.tasks.base import Example
from rlvr.tasks.dataset import DatasetTask
from rlvr.tasks.registry import register_task

EVAL_SPLIT_NAMES = ("eval", "test", "validation")


def read_rows(path: str | Path, split: str | None = None) -> list[dict[str, Any]]:
    """Rows of a JSONL / JSON-array / Parquet file or a saved ``datasets`` directory (``split`` of a
    DatasetDict). JSONL errors name the line."""
    p = Path(path).expanduser()
    if not p.exists():
        raise FileNotFoundError(f"data file {p} does not exist")
    if p.is_dir():
        import datasets

        ds = datasets.load_from_disk(str(p))
        if isinstance(ds, datasets.DatasetDict):
            names = [split] if split else []
            if split == "eval":
                names = [n for n in EVAL_SPLIT_NAMES if n in ds]
            if not names or names[0] not in ds:
                raise ValueError(f"{p}: no split {split!r} (has {sorted(ds)})")
            ds = ds[names[0]]
        return ds.to_list()
    suffix = p.suffix.lower()
    if suffix == ".parquet":
        import datasets

        return datasets.Dataset.from_parquet(str(p)).to_list()
    if suffix == ".json" and p.read_text().lstrip().startswith("["):
        rows = json.loads(p.read_text())
        if not all(isinstance(r, dict) for r in rows):
            raise ValueError(f"{p}: a JSON array of objects expected")
        return rows
    if suffix not in (".jsonl", ".json", ".ndjson"):
        raise ValueError(f"{p}: unsupported data format {suffix!r} (use .jsonl, .json, .parquet or a directory)")
    rows = []
    with p.open() as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{p}:{i}: not valid JSON ({e.msg})") from None
            if not isinstance(row, dict):
                raise ValueError(f"{p}:{i}: expected a JSON object, got {type(row).__name__}")
            rows.append(row)
    return rows


def _is_dict_with_splits(path: Path) -> bool:
    return path.is_dir() and (path / "dataset_dict.json").exists()


@register_task("file")
class FileTask(DatasetTask):
    """User data: JSONL / Parquet / saved datasets dir, prompt and reference columns mapped in the config."""

    name = "file"

    def __init__(
        self,
        path: str | None = None,
        *,
        train_path: str | None = None,
        eval_path: str | None = None,
        prompt_field: str = "prompt",
        reference_field: str = "answer",
        id_field: str | None = None,
        prompt_template: str | None = None,
        meta_fields: Sequence[str] = (),
        n_eval: int = 100,
        seed: int = 0,
        task_name: str | None = None,
        cache: bool = False,
        **kw: Any,
    ) -> None:
        super().__init__(cache=cache, **kw)
        if path is None and (train_path is None or eval_path is None):
            raise ValueError("file task: set 'path', or both 'train_path' and 'eval_path'")
        if prompt_template is not None:
            fields = [f for _, f, _, _ in string.Formatter().parse(prompt_template) if f]
            if not fields:
                raise ValueError(f"file task: prompt_template names no column: {prompt_template!r}")
        if not isinstance(n_eval, int) or n_eval < 1:
            raise ValueError(f"file task: n_eval must be a positive integer, got {n_eval!r}")
        self.path, self.train_path, self.eval_path = path, train_path, eval_path
        self.prompt_field, self.reference_field, self.id_field = prompt_field, reference_field, id_field
        self.prompt_template, self.meta_fields = prompt_template, tuple(meta_fields)
        self.n_eval, self.seed = n_eval, seed
        if task_name:
            self.name = task_name  # type: ignore[misc]

    def config(self) -> dict[str, Any]:
        return {
            k: getattr(self, k)
            for k in (
                "path",
                "train_path",
                "eval_path",
                "prompt_field",
                "reference_field",
                "id_field",
                "prompt_template",
                "meta_fields",
                "n_eval",
                "seed",
            )
        }

    def _example(self, row: Mapping[str, Any], i: int, source: str) -> Example:
        where = f"{source} row {i}"
        if self.prompt_template is not None:
            try:
                prompt = self.prompt_template.format(**row)
            except KeyError as e:
                raise ValueError(f"{where}: prompt_template needs field {e.args[0]!r}, which is missing") from None
        else:
            prompt = row.get(self.prompt_field)
            if not isinstance(prompt, str) or not prompt.strip():
                raise ValueError(
                    f"{where}: field {self.prompt_field!r} (prompt_field) must be a non-empty string, got {prompt!r}"[
                        :300
                    ]
                )
        if self.reference_field not in row or row[self.reference_field] is None:
            raise ValueError(f"{where}: field {self.reference_field!r} (reference_field) is missing")
        rid = row.get(self.id_field) if self.id_field else None
        if self.id_field and (rid is None or rid == ""):
            raise ValueError(f"{where}: field {self.id_field!r} (id_field) is missing")
        meta = {}
        for f in self.meta_fields:
            if f not in row:
                raise ValueError(f"{where}: field {f!r} (meta_fields) is missing")
            meta[f] = row[f]
        return Example(
            id=str(rid) if rid is not None else f"{Path(source).stem}-{i}",
            prompt=prompt,
            reference=row[self.reference_field],
            meta=meta,
        )

    def build(self, split: str) -> list[Example]:
        if self.train_path is not None and self.eval_path is not None:
            src = self.train_path if split == "train" else self.eval_path
            return [self._example(r, i, src) for i, r in enumerate(read_rows(src))]
        assert self.path is not None
        if _is_dict_with_splits(Path(self.path).expanduser()):
            return [self._example(r, i, f"{self.path}[{split}]") for i, r in enumerate(read_rows(self.path, split))]
        examples = [self._example(r, i, self.path) for i, r in enumerate(read_rows(self.path))]
        if len(examples) <= self.n_eval:
            raise ValueError(f"{self.path}: {len(examples)} rows leave none for training with n_eval={self.n_eval}")
        order = list(range(len(examples)))
        random.Random(self.seed).shuffle(order)
        chosen = order[: self.n_eval] if split == "eval" else order[self.n_eval :]
        return [examples[i] for i in sorted(chosen)]
