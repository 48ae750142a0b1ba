"""Hugging Face cache layouts built offline, as a download leaves them on a user's disk.

:func:`put_hub_repo` lays a folder out as ``<HF_HOME>/hub/models--org--name`` (content-addressed ``blobs/``,
``snapshots/<commit>/`` of relative symlinks, ``refs/<branch or tag>`` holding the commit), the layout
``huggingface_hub`` and transformers read with ``HF_HUB_OFFLINE=1``. :func:`put_prepared_dataset` lays rows out
as an earlier online ``load_dataset("org/name", config)`` leaves them in ``HF_DATASETS_CACHE`` (Arrow files and
``dataset_info.json`` under ``org___name/<config>/0.0.0/<commit>``), which ``load_dataset`` serves offline.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any


def put_hub_repo(
    hf_home: Path, repo_id: str, src: Path, *, refs: Iterable[str] = ("main",), repo_type: str = "model"
) -> str:
    """Copy the files of ``src`` into the hub cache of ``hf_home`` as one commit of ``repo_id``, point
    ``refs`` at it, and return the commit hash (derived from the content, 40 hex digits)."""
    root = Path(hf_home) / "hub" / f"{repo_type}s--{repo_id.replace('/', '--')}"
    files = sorted(p for p in Path(src).rglob("*") if p.is_file())
    digest = hashlib.sha1()
    for f in files:
        digest.update(f.relative_to(src).as_posix().encode() + b"\0" + f.read_bytes())
    commit = digest.hexdigest()
    snapshot = root / "snapshots" / commit
    for f in files:
        data = f.read_bytes()
        blob = root / "blobs" / hashlib.sha256(data).hexdigest()
        blob.parent.mkdir(parents=True, exist_ok=True)
        blob.write_bytes(data)
        link = snapshot / f.relative_to(src)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(os.path.relpath(blob, link.parent))
    for ref in refs:
        (root / "refs").mkdir(parents=True, exist_ok=True)
        (root / "refs" / ref).write_text(commit)
    return commit


def put_prepared_dataset(
    datasets_cache: Path, repo_id: str, splits: Mapping[str, Sequence[Mapping[str, Any]]], config: str = "default"
) -> Path:
    """Write ``splits`` ({split: rows}) where an online ``load_dataset(repo_id, config)`` would have prepared
    them in ``datasets_cache`` (``HF_DATASETS_CACHE``); return that directory. The Arrow files and the
    ``dataset_info.json`` are produced by ``datasets`` itself (a packaged ``json`` build), then placed under
    the hub dataset's name."""
    import json
    import tempfile

    import datasets
    from datasets.naming import camelcase_to_snakecase

    name = camelcase_to_snakecase(repo_id.split("/")[-1])
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for split, rows in splits.items():
            path = Path(tmp) / f"{split}.jsonl"
            path.write_text("".join(json.dumps(dict(r)) + "\n" for r in rows))
            files[split] = str(path)
        builder = datasets.load_dataset_builder("json", data_files=files, cache_dir=str(Path(tmp) / "cache"))
        builder.download_and_prepare()
        built = Path(builder.cache_dir)
        folder = "___".join([*repo_id.split("/")[:-1], name])
        target = Path(datasets_cache) / folder / config / "0.0.0" / ("0" * 40)
        target.mkdir(parents=True)
        for split in splits:
            shutil.copy(built / f"json-{split}.arrow", target / f"{name}-{split}.arrow")
        info = json.loads((built / "dataset_info.json").read_text())
        info.update(builder_name="parquet", dataset_name=name, config_name=config)
        for split_info in info["splits"].values():
            split_info["dataset_name"] = name
        (target / "dataset_info.json").write_text(json.dumps(info))
    return target


_CUSTOM_CONFIG = """
from transformers import LlamaConfig


class RlvrTestConfig(LlamaConfig):
    model_type = "rlvr_test_llama"
"""

_CUSTOM_MODEL = """
from transformers import LlamaForCausalLM

from .configuration_rlvr_test import RlvrTestConfig


class RlvrTestForCausalLM(LlamaForCausalLM):
    config_class = RlvrTestConfig
"""


def write_custom_code_repo(repo: Path, model: Any, tokenizer: Any, architecture: str = "RlvrTestForCausalLM") -> None:
    """Save ``model`` and ``tokenizer`` to ``repo`` as a repository with its own modelling code: a config
    class (model_type ``rlvr_test_llama``, unknown to transformers) and a causal-LM class over Llama, named in
    ``auto_map``, so loading it needs ``trust_remote_code``. ``architecture`` is what ``config.json`` names
    (``LlamaForCausalLM`` lets vLLM serve it with its own Llama)."""
    import json

    model.save_pretrained(repo)
    tokenizer.save_pretrained(repo)
    cfg = json.loads((repo / "config.json").read_text())
    cfg.update(
        model_type="rlvr_test_llama",
        architectures=[architecture],
        auto_map={
            "AutoConfig": "configuration_rlvr_test.RlvrTestConfig",
            "AutoModelForCausalLM": "modeling_rlvr_test.RlvrTestForCausalLM",
        },
    )
    (repo / "config.json").write_text(json.dumps(cfg))
    (repo / "configuration_rlvr_test.py").write_text(_CUSTOM_CONFIG)
    (repo / "modeling_rlvr_test.py").write_text(_CUSTOM_MODEL)


def _unshare_works() -> bool:
    import subprocess

    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode == 0


def run_offline(args: Sequence[str], hf_home: Path, *, timeout: float = 600, cwd: str | None = None, **env: str) -> Any:
    """Run ``args`` (a command line) with ``HF_HOME=hf_home``, ``HF_HUB_OFFLINE=1``, W&B offline and no
    network but loopback where ``unshare --net`` works (as root or with user namespaces), so nothing it does
    can reach a hub; returns the CompletedProcess (text, output captured)."""
    import subprocess

    full = {
        **os.environ,
        "HF_HOME": str(hf_home),
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "WANDB_MODE": "offline",
        "OMP_NUM_THREADS": "1",
        **env,
    }
    for key in ("HF_HUB_CACHE", "HF_DATASETS_CACHE", "HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_CACHE"):
        if key not in env:
            full.pop(key, None)
    # a private network namespace: only loopback, brought up (vLLM's in-process engine binds gloo to it)
    prefix = (
        ["unshare", "--net", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "sh"] if _unshare_works() else []
    )
    return subprocess.run([*prefix, *args], env=full, capture_output=True, text=True, timeout=timeout, cwd=cwd)
