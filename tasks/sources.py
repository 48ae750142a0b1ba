"""Where a user task's rows come from: a local file, a saved ``datasets`` directory, a dataset repository
folder, data files (globs too), or a dataset on the Hugging Face hub.

A :class:`DataSource` holds the arguments of ``datasets.load_dataset`` (``path``, ``config``, ``split``,
``data_files``, ``revision``) and loads rows without any reader of its own beyond JSONL (whose errors name
the line): Parquet, CSV, JSON, dataset folders and hub names all go through ``datasets``, so the user's
``HF_HOME``, ``HF_DATASETS_CACHE``, ``HF_HUB_OFFLINE`` and token apply exactly as in their own code.
Offline, a hub dataset is served from the prepared cache an earlier online ``load_dataset`` left in
``HF_DATASETS_CACHE``. :meth:`DataSource.availability` says, without loading anything, whether the rows
can be had here (the dry run uses it).
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: split names taken as the evaluation split, in this order, when none is configured
EVAL_SPLIT_NAMES = ("eval", "test", "validation")
#: single-file formats read directly (JSONL line by line, the rest through ``datasets``)
FILE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".parquet", ".csv")
#: ``load_dataset``'s packaged builder for a data-file suffix
BUILDERS = {".jsonl": "json", ".ndjson": "json", ".json": "json", ".parquet": "parquet", ".csv": "csv"}

DataFiles = str | Sequence[str] | Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class DataSource:
    """The rows of a dataset: ``path`` (a local file or directory, a packaged builder such as ``json``, or a
    hub dataset ``org/name``), with ``load_dataset``'s ``config`` (its ``name``), ``split``, ``data_files``
    (globs allowed; a mapping names splits) and ``revision`` (hub only). Without ``path``, ``data_files``
    alone picks the builder from the files' suffix."""

    path: str | None = None
    config: str | None = None
    split: str | None = None
    data_files: DataFiles | None = None
    revision: str | None = None

    def __post_init__(self) -> None:
        if self.path is None and self.data_files is None:
            raise ValueError("a data source needs 'path' or 'data_files'")
        if self.kind in ("file", "saved") and (self.config or self.data_files or self.revision):
            raise ValueError(
                f"{self.path}: config, data_files and revision apply to load_dataset sources, not a local file"
            )
        if self.revision is not None and self.kind != "hub":
            raise ValueError(f"revision applies to hub datasets; {self.path!r} is a local {self.kind}")

    @classmethod
    def from_spec(cls, spec: str | Mapping[str, Any], **defaults: Any) -> DataSource:
        """A source from a path string (with ``defaults`` for the other arguments) or a mapping of them."""
        if isinstance(spec, Mapping):
            unknown = sorted(set(spec) - {"path", "config", "split", "data_files", "revision"})
            if unknown:
                raise ValueError(f"data source {dict(spec)!r}: unknown key {unknown[0]!r}")
            return cls(**dict(spec))
        return cls(path=str(spec), **defaults)

    # ------------------------------------------------------------------------------------------- what

    @property
    def kind(self) -> str:
        """``file`` | ``saved`` (``save_to_disk``) | ``folder`` (files in a directory, e.g. a cloned dataset
        repository) | ``files`` (data files with a packaged builder) | ``hub``."""
        if self.path is None:
            return "files"
        p = Path(self.path).expanduser()
        if p.is_file():
            return "file"
        if p.is_dir():
            saved = (p / "dataset_dict.json").exists() or (p / "state.json").exists()
            return "saved" if saved else "folder"
        if self.path in set(BUILDERS.values()) | {"text", "arrow"}:
            return "files"
        if p.suffix.lower() in FILE_SUFFIXES or self.path.startswith((".", "/", "~")):
            return "file"  # a missing local file: reading it raises FileNotFoundError naming it
        return "hub"

    @property
    def label(self) -> str:
        """How errors name the source: the path (or data files), with the split when there is one."""
        name = self.path if self.path is not None else _first_pattern(self.data_files)
        return f"{name}[{self.split}]" if self.split and self.kind != "file" else str(name)

    def describe(self) -> str:
        parts = [f"{self.kind} {self.path if self.path is not None else ''}".strip()]
        for key in ("config", "split", "data_files", "revision"):
            value = getattr(self, key)
            if value:
                parts.append(f"{key}={value}")
        return " ".join(parts)

    def load_args(self) -> dict[str, Any]:
        """The keyword arguments of ``datasets.load_dataset`` (without ``split``)."""
        path = self.path if self.path is not None else _builder_for(self.data_files)
        args: dict[str, Any] = {"path": str(Path(path).expanduser()) if self.kind == "folder" else path}
        if self.config:
            args["name"] = self.config
        if self.data_files is not None:
            args["data_files"] = _jsonable(self.data_files)
        if self.revision:
            args["revision"] = self.revision
        return args

    # ------------------------------------------------------------------------------------------- rows

    def rows(self, split: str | None = None) -> list[dict[str, Any]]:
        """The rows of ``split`` (default: this source's own ``split``; a single file has one)."""
        split = split or self.split
        if self.kind == "file":
            return read_file(self.path or "")
        import datasets

        if self.kind == "saved":
            ds = datasets.load_from_disk(str(Path(self.path or "").expanduser()))
            if isinstance(ds, datasets.DatasetDict):
                if split is None or split not in ds:
                    raise ValueError(f"{self.path}: no split {split!r} (has {sorted(ds)})")
                ds = ds[split]
            return ds.to_list()
        if split is None:
            names = self.split_names()
            if len(names) != 1:
                raise ValueError(f"{self.label}: set a split (has {names})")
            split = names[0]
        try:
            return datasets.load_dataset(**self.load_args(), split=split).to_list()
        except ValueError as e:
            if "split" in str(e).lower():
                name = self.path if self.path is not None else _first_pattern(self.data_files)
                raise ValueError(f"{name}[{split}]: no split {split!r} ({e})") from None
            raise

    def split_names(self) -> list[str]:
        """The splits this source offers (for a single file: none); asked of ``datasets`` once per source."""
        cached = self.__dict__.get("_names_memo")
        if cached is None:
            cached = self._split_names()
            object.__setattr__(self, "_names_memo", cached)  # frozen: a memo, not state
        return list(cached)

    def _split_names(self) -> list[str]:
        if self.kind == "file":
            return []
        import datasets

        if self.kind == "saved":
            ds = datasets.load_from_disk(str(Path(self.path or "").expanduser()))
            return sorted(ds) if isinstance(ds, datasets.DatasetDict) else []
        return list(datasets.load_dataset(**self.load_args()))

    def has_splits(self) -> bool:
        return bool(self.split_names())

    # --------------------------------------------------------------------------------------- dry run

    def availability(self) -> tuple[bool, str]:
        """(whether the rows can be loaded here without a download that offline mode forbids, a one-line
        account), checked without loading any rows."""
        kind = self.kind
        if kind in ("file", "saved", "folder"):
            p = Path(self.path or "").expanduser()
            return (p.exists(), f"local {kind} {p}" + ("" if p.exists() else " does not exist"))
        if kind == "files":
            matched = _matched_files(self.data_files)
            missing = [pat for pat, hits in matched.items() if not hits]
            if missing:
                return False, f"data_files {missing[0]!r} matches no file"
            return (
                True,
                f"{sum(len(h) for h in matched.values())} data file(s) via the {self.load_args()['path']} builder",
            )
        import datasets
        from datasets.naming import camelcase_to_snakecase

        *namespace, name = (self.path or "").split("/")
        cache = Path(datasets.config.HF_DATASETS_CACHE) / "___".join([*namespace, camelcase_to_snakecase(name)])
        configs = sorted(p.name for p in cache.iterdir()) if cache.is_dir() else []
        offline = bool(datasets.config.HF_HUB_OFFLINE)
        if configs:
            return (
                True,
                f"hub dataset {self.path}: prepared in the datasets cache {cache} (configs: {', '.join(configs)})",
            )
        if offline:
            return False, (
                f"hub dataset {self.path}: not in the datasets cache ({cache}) and offline mode is on "
                "(HF_HUB_OFFLINE=1): load it once on a connected machine with the same HF_HOME"
            )
        return True, f"hub dataset {self.path}: not cached yet; load_dataset downloads it on first use"


def _first_pattern(data_files: DataFiles | None) -> str:
    if data_files is None:
        return ""
    if isinstance(data_files, str):
        return data_files
    if isinstance(data_files, Mapping):
        return _first_pattern(next(iter(data_files.values()), None))
    return str(next(iter(data_files), ""))


def _patterns(data_files: DataFiles | None) -> list[str]:
    if data_files is None:
        return []
    if isinstance(data_files, str):
        return [data_files]
    if isinstance(data_files, Mapping):
        return [p for v in data_files.values() for p in _patterns(v)]
    return [str(p) for p in data_files]


def _matched_files(data_files: DataFiles | None) -> dict[str, list[str]]:
    return {pat: sorted(glob.glob(os.path.expanduser(pat), recursive=True)) for pat in _patterns(data_files)}


def _builder_for(data_files: DataFiles | None) -> str:
    suffixes = {Path(p).suffix.lower() for p in _patterns(data_files)}
    builders = {BUILDERS.get(s) for s in suffixes}
    if len(builders) != 1 or None in builders:
        raise ValueError(
            f"data_files {_patterns(data_files)}: cannot tell the format from the suffixes {sorted(suffixes)}; "
            f"use one of {sorted(BUILDERS)} or set path to a builder (json, parquet, csv)"
        )
    return builders.pop()  # type: ignore[return-value]


def _jsonable(data_files: DataFiles) -> Any:
    if isinstance(data_files, str):
        return os.path.expanduser(data_files)
    if isinstance(data_files, Mapping):
        return {k: _jsonable(v) for k, v in data_files.items()}
    return [os.path.expanduser(str(p)) for p in data_files]


def read_file(path: str | Path) -> list[dict[str, Any]]:
    """Rows of one JSONL / JSON-array / Parquet / CSV file. JSONL errors name the line."""
    p = Path(path).expanduser()
    if not p.exists():
        raise FileNotFoundError(f"data file {p} does not exist")
    suffix = p.suffix.lower()
    if suffix in (".parquet", ".csv"):
        import datasets

        read = datasets.Dataset.from_parquet if suffix == ".parquet" else datasets.Dataset.from_csv
        return read(str(p)).to_list()
    if suffix == ".json" and p.read_text().lstrip().startswith("["):
        rows = json.loads(p.read_text())
        if not all(isinstance(r, dict) for r in rows):
            raise ValueError(f"{p}: a JSON array of objects expected")
        return rows
    if suffix not in (".jsonl", ".json", ".ndjson"):
        raise ValueError(f"{p}: unsupported data format {suffix!r} (use {', '.join(FILE_SUFFIXES)} or a directory)")
    with p.open() as f:
        return [row for _, row in jsonl_objects(f, str(p))]


def jsonl_objects(lines: Iterable[str], source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line of a JSONL stream; a line that is not a JSON object is a
    ValueError naming ``source:line``."""
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{source}:{i}: not valid JSON ({e.msg})") from None
        if not isinstance(row, dict):
            raise ValueError(f"{source}:{i}: expected a JSON object, got {type(row).__name__}")
        yield i, row
