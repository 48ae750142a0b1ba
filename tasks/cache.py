"""The on-disk cache: ``$RLVR_CACHE`` or ``~/.cache/rlvr`` (datasets, model conversions, downloaded data).

Built example sets are stored as ``datasets`` Arrow directories keyed by task name + config hash. Writes go
to a private temporary directory that is renamed into place, so concurrent builders never see a partial
cache: the first rename wins and the others load its result.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from rlvr.tasks.base import Example

logger = logging.getLogger(__name__)

#: Bump when the on-disk layout of cached example sets changes.
CACHE_FORMAT = 1


def cache_root() -> Path:
    """The cache directory (created on demand)."""
    root = Path(os.environ.get("RLVR_CACHE") or Path.home() / ".cache" / "rlvr")
    root.mkdir(parents=True, exist_ok=True)
    return root


def config_key(name: str, config: Mapping[str, Any]) -> str:
    """A stable directory name for ``name`` built with ``config`` (JSON-serialisable values)."""
    blob = json.dumps({"format": CACHE_FORMAT, **config}, sort_keys=True, default=str)
    return f"{name}-{hashlib.sha256(blob.encode()).hexdigest()[:16]}"


def atomic_publish(tmp: Path, final: Path) -> None:
    """Rename the finished directory ``tmp`` to ``final``; if another process got there first, keep theirs."""
    try:
        os.rename(tmp, final)
    except OSError:
        if not final.exists():
            raise
        shutil.rmtree(tmp, ignore_errors=True)


def cached_examples(key: str, build: Callable[[], Iterable[Example]]) -> list[Example]:
    """The examples cached under ``key``, building (and caching) them with ``build()`` on a miss.

    Stored as a ``datasets`` directory with string columns ``id``, ``prompt``, ``reference`` and ``meta``
    (the last two JSON-encoded, so references of any shape round-trip exactly).
    """
    import datasets

    final = cache_root() / "datasets" / key
    if not final.exists():
        rows = [
            {"id": e.id, "prompt": e.prompt, "reference": json.dumps(e.reference), "meta": json.dumps(e.meta)}
            for e in build()
        ]
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=final.parent))
        features = datasets.Features({c: datasets.Value("string") for c in ("id", "prompt", "reference", "meta")})
        ds = datasets.Dataset.from_list(rows, features=features)
        quiet = not datasets.utils.are_progress_bars_disabled()
        if quiet:
            datasets.utils.disable_progress_bars()
        try:
            ds.save_to_disk(str(tmp / "data"))
        finally:
            if quiet:
                datasets.utils.enable_progress_bars()
        atomic_publish(tmp, final)
        logger.debug("cached %d examples at %s", len(rows), final)
    ds = datasets.load_from_disk(str(final / "data"))
    cols = ds.to_dict()
    return [
        Example(id=i, prompt=p, reference=json.loads(r), meta=json.loads(m))
        for i, p, r, m in zip(cols["id"], cols["prompt"], cols["reference"], cols["meta"])
    ]
