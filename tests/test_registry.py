"""The one registry: registration, lazy built-ins, entry-point plugins, and the errors that name choices."""

from __future__ import annotations

import sys
import textwrap
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import rlvr.registry as shared
from rlvr.registry import Registry, import_object, is_import_path, missing_module, split_import_path


def test_register_lookup_and_duplicates() -> None:
    reg: Registry[object] = Registry("widget")

    @reg.register("a")
    def a() -> None: ...

    assert reg["a"] is a and "a" in reg and reg.names() == ["a"] and len(reg) == 1 and list(reg) == ["a"]
    reg.register("a")(a)  # the same object again (a module imported twice) is fine
    with pytest.raises(ValueError, match="widget 'a' is already registered"):
        reg.register("a")(lambda: None)
    with pytest.raises(KeyError, match="unknown widget 'b'; choices: a"):
        reg["b"]
    with pytest.raises(ValueError, match="cfg.field must be one of \\['a'\\], got 'b'"):
        reg.check("b", "cfg.field")
    reg.remove("a")
    assert "a" not in reg and 1 not in reg


def test_builtin_modules_load_on_first_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reg: Registry[object] = Registry("gadget", builtin_modules=("gadget_builtins_mod", "gadget_missing_mod"))
    (tmp_path / "gadget_builtins_mod.py").write_text(
        textwrap.dedent("""
        import tests_registry_target as t
        t.REG.add("g", 42)
    """)
    )
    target = type(sys)("tests_registry_target")
    target.REG = reg  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tests_registry_target", target)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert reg._items == {}  # nothing imported at construction
    assert reg["g"] == 42  # imported on the first lookup; the missing optional module is skipped


def test_entry_point_plugins_are_found_late_and_broken_ones_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    reg: Registry[object] = Registry("gizmo", entry_point_group="rlvr.gizmos")
    eps: list[EntryPoint] = []
    monkeypatch.setattr(shared, "entry_points", lambda group: list(eps) if group == "rlvr.gizmos" else [])
    assert reg.names() == []
    eps.append(EntryPoint(name="path", value="pathlib:Path", group="rlvr.gizmos"))
    eps.append(EntryPoint(name="broken", value="no_such_module_xyz:thing", group="rlvr.gizmos"))
    assert reg["path"] is Path  # installed after the first scan, still found
    assert "broken" not in reg and reg.names() == ["path"]


@pytest.mark.parametrize(
    ("module", "attr"),
    [
        ("rlvr.verifiers.base", "VERIFIERS"),
        ("rlvr.tasks.registry", "TASKS"),
        ("rlvr.rl_core.rollout", "BACKENDS"),
        ("rlvr.rl_core.advantages", "ADVANTAGES"),
        ("rlvr.rl_core.losses", "POLICY_LOSSES"),
        ("rlvr.rl_core.losses", "AGGREGATIONS"),
        ("rlvr.rl_core.credit.base", "CREDIT"),
    ],
)
def test_every_component_registry_is_the_shared_one(module: str, attr: str) -> None:
    import importlib

    reg = getattr(importlib.import_module(module), attr)
    assert isinstance(reg, Registry) and reg.names()


def test_import_paths_parse_check_and_import() -> None:
    assert is_import_path("json:dumps") and not is_import_path("math")
    assert split_import_path("a.b:c") == ("a.b", "c")
    for bad in (":c", "a:", ":"):
        with pytest.raises(ValueError, match="not 'module:attribute'"):
            split_import_path(bad)
    assert missing_module("json:dumps") is None
    assert missing_module("no_such_pkg.sub:f") == "'no_such_pkg.sub:f': no module 'no_such_pkg.sub' on the import path"
    assert missing_module("json:") == "'json:' is not 'module:attribute'"
    import json

    assert import_object("json:dumps") is json.dumps
