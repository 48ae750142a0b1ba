"""``file``: a task over the user's own data — a JSONL / JSON / Parquet / CSV file, a saved ``datasets``
directory, data files (globs too), a dataset repository folder, or a dataset on the Hugging Face hub — with
columns mapped in the config.

    task: {name: file, kwargs: {path: data.jsonl, prompt_field: question, reference_field: answer}}
    task: {name: file, kwargs: {path: openai/gsm8k, config: main, prompt_field: question, reference_field: answer}}
    task: {name: file, kwargs: {data_files: {train: "data/train-*.parquet", test: "data/test-*.parquet"}, ...}}

Everything but a plain local file goes through ``datasets.load_dataset`` (see :mod:`rlvr.tasks.sources`),
with ``config`` (its ``name``), ``data_files``, ``revision`` and the splits ``split`` (train, default
``train``) and ``eval_split`` (default: the first of ``eval``/``test``/``validation`` present).
``train_path``/``eval_path`` take one source each (a path or hub name, or a mapping of those arguments). A
source without an evaluation split is cut by a seeded shuffle at ``n_eval`` rows. ``prompt_template`` (e.g.
``"{question}\\nOptions: {options}"``, or ``"{prompt[0][content]}"`` for a chat-message column) formats the
prompt from any columns instead of ``prompt_field``; field names may be dotted paths into nested columns
(``reward_model.ground_truth``). A row missing its prompt or reference raises an error naming the source,
row and field.
"""

from __future__ import annotations

import random
import string
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rlvr.tasks.base import Example
from rlvr.tasks.dataset import DatasetTask
from rlvr.tasks.registry import register_task
from rlvr.tasks.sources import EVAL_SPLIT_NAMES, DataFiles, DataSource

_MISSING = object()


def lookup(row: Mapping[str, Any], name: str) -> Any:
    """``row[name]``, or for a dotted ``name`` absent as a column, the value at that path in nested
    mappings; a missing value is ``_MISSING``."""
    if name in row:
        return row[name]
    value: Any = row
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return _MISSING
        value = value[part]
    return value


@register_task("file")
class FileTask(DatasetTask):
    """User data: a local file, a saved datasets dir, data files or a hub dataset; columns mapped in the config."""

    name = "file"

    def __init__(
        self,
        path: str | None = None,
        *,
        train_path: str | Mapping[str, Any] | None = None,
        eval_path: str | Mapping[str, Any] | None = None,
        config: str | None = None,
        split: str | None = None,
        eval_split: str | None = None,
        data_files: DataFiles | None = None,
        revision: str | None = None,
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
        pair = train_path is not None and eval_path is not None
        if path is None and data_files is None and not pair:
            raise ValueError("file task: set 'path' (or 'data_files'), or both 'train_path' and 'eval_path'")
        if prompt_template is not None:
            fields = [f for _, f, _, _ in string.Formatter().parse(prompt_template) if f]
            if not fields:
                raise ValueError(f"file task: prompt_template names no column: {prompt_template!r}")
        if not isinstance(n_eval, int) or n_eval < 1:
            raise ValueError(f"file task: n_eval must be a positive integer, got {n_eval!r}")
        try:
            if pair:
                self.sources = {
                    "train": DataSource.from_spec(train_path),  # type: ignore[arg-type]
                    "eval": DataSource.from_spec(eval_path),  # type: ignore[arg-type]
                }
            else:
                self.sources = {
                    "all": DataSource(path=path, config=config, split=None, data_files=data_files, revision=revision)
                }
        except ValueError as e:
            raise ValueError(f"file task: {e}") from None
        if (split or eval_split) and (pair or self.sources["all"].kind == "file"):
            where = "train_path/eval_path (give each its own split)" if pair else f"the single file {path}"
            raise ValueError(f"file task: split and eval_split do not apply to {where}")
        self.path, self.train_path, self.eval_path = path, train_path, eval_path
        self.data_config, self.split, self.eval_split = config, split, eval_split
        self.data_files, self.revision = data_files, revision
        self.prompt_field, self.reference_field, self.id_field = prompt_field, reference_field, id_field
        self.prompt_template, self.meta_fields = prompt_template, tuple(meta_fields)
        self.n_eval, self.seed = n_eval, seed
        if task_name:
            self.name = task_name  # type: ignore[misc]

    def config(self) -> dict[str, Any]:
        out = {
            k: getattr(self, k)
            for k in (
                "path",
                "train_path",
                "eval_path",
                "split",
                "eval_split",
                "data_files",
                "revision",
                "prompt_field",
                "reference_field",
                "id_field",
                "prompt_template",
                "meta_fields",
                "n_eval",
                "seed",
            )
        }
        out["config"] = self.data_config
        return out

    def _example(self, row: Mapping[str, Any], i: int, source: str, id_prefix: str) -> Example:
        where = f"{source} row {i}"
        if self.prompt_template is not None:
            try:
                prompt = self.prompt_template.format(**row)
            except KeyError as e:
                raise ValueError(f"{where}: prompt_template needs field {e.args[0]!r}, which is missing") from None
            except (IndexError, TypeError) as e:
                raise ValueError(
                    f"{where}: prompt_template {self.prompt_template!r} does not fit the row ({e})"
                ) from None
        else:
            prompt = lookup(row, self.prompt_field)
            if not isinstance(prompt, str) or not prompt.strip():
                shown = None if prompt is _MISSING else prompt
                raise ValueError(
                    f"{where}: field {self.prompt_field!r} (prompt_field) must be a non-empty string, got {shown!r}"[
                        :300
                    ]
                )
        reference = lookup(row, self.reference_field)
        if reference is _MISSING or reference is None:
            raise ValueError(f"{where}: field {self.reference_field!r} (reference_field) is missing")
        rid = lookup(row, self.id_field) if self.id_field else None
        if self.id_field and (rid is _MISSING or rid is None or rid == ""):
            raise ValueError(f"{where}: field {self.id_field!r} (id_field) is missing")
        meta = {}
        for f in self.meta_fields:
            value = lookup(row, f)
            if value is _MISSING:
                raise ValueError(f"{where}: field {f!r} (meta_fields) is missing")
            meta[f] = value
        return Example(
            id=str(rid) if rid is not None else f"{id_prefix}-{i}",
            prompt=prompt,
            reference=reference,
            meta=meta,
        )

    def _examples_of(self, source: DataSource, split: str | None) -> list[Example]:
        if source.kind == "file":
            label, prefix = source.label, Path(source.path or "").stem
        else:
            split = split or source.split
            label = f"{source.path or source.label}[{split}]" if split else source.label
            prefix = f"{Path(source.path or 'data').name}-{split}" if split else Path(source.path or "data").name
        return [self._example(r, i, label, prefix) for i, r in enumerate(source.rows(split))]

    def _eval_split_of(self, source: DataSource) -> str | None:
        """The configured evaluation split, else the first of eval/test/validation the source has."""
        if self.eval_split is not None:
            return self.eval_split
        return next((n for n in EVAL_SPLIT_NAMES if n in source.split_names()), None)

    def build(self, split: str) -> list[Example]:
        if "train" in self.sources:
            source = self.sources["train" if split == "train" else "eval"]
            return self._examples_of(source, None)
        source = self.sources["all"]
        if source.kind != "file" and source.has_splits():
            held_out = self._eval_split_of(source)
            if held_out is not None:
                return self._examples_of(source, (self.split or "train") if split == "train" else held_out)
            examples = self._examples_of(source, self.split or "train")
        else:
            examples = self._examples_of(source, None)
        label = source.label if source.kind == "file" else f"{source.label} split {self.split or 'train'}"
        if len(examples) <= self.n_eval:
            raise ValueError(f"{label}: {len(examples)} rows leave none for training with n_eval={self.n_eval}")
        order = list(range(len(examples)))
        random.Random(self.seed).shuffle(order)
        chosen = order[: self.n_eval] if split == "eval" else order[self.n_eval :]
        return [examples[i] for i in sorted(chosen)]

    def describe_sources(self) -> list[tuple[str, DataSource]]:
        """(role, source) pairs: what :meth:`build` would read, for the dry run."""
        return list(self.sources.items())
