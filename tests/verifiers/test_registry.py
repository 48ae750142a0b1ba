"""The registry: decorator registration, and third-party verifiers found through entry points."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rlvr.verifiers import base
from rlvr.verifiers.base import Verifier, VerifyResult, available_verifiers, get_verifier, register_verifier


@pytest.fixture
def clean_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    base.VERIFIERS.names()  # built-ins loaded before the copy
    monkeypatch.setattr(base.VERIFIERS, "_items", dict(base.VERIFIERS._items))


def test_builtins_registered() -> None:
    assert {"math", "format", "combine", "code"} <= set(available_verifiers())


def test_register_in_a_few_lines(clean_registry: None) -> None:
    @register_verifier("exact")
    class Exact(Verifier):
        def verify(self, completion: str, reference: object, **context: object) -> VerifyResult:
            ok = completion.strip() == str(reference)
            return VerifyResult(float(ok), ok)

    v = get_verifier("exact")
    assert v.name == "exact" and v.verify(" 4 ", 4).passed
    assert [r.score for r in v.verify_batch(["1", "2"], ["1", "1"])] == [1.0, 0.0]
    with pytest.raises(ValueError, match="already registered"):
        register_verifier("exact")(type("Other", (Exact,), {}))


def test_entry_point_verifier_is_discovered(
    clean_registry: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shout_plugin.py").write_text(
        textwrap.dedent("""
        from rlvr.verifiers.base import Verifier, VerifyResult

        class Shout(Verifier):
            def __init__(self, word="HELLO"):
                self.word = word

            def verify(self, completion, reference, **context):
                ok = self.word in completion
                return VerifyResult(float(ok), ok, extracted=self.word if ok else None)
    """)
    )
    dist = tmp_path / "shout_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shout-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[rlvr.verifiers]\nshout = shout_plugin:Shout\n")
    assert "shout" not in available_verifiers()  # scanned once already: a later plugin must still be found
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "shout" in available_verifiers()
    v = get_verifier("shout", word="HI")
    assert v.verify("oh HI there", None).passed
    assert not v.verify("hello", None).passed


def test_unknown_and_bad_factories(clean_registry: None) -> None:
    with pytest.raises(KeyError, match="unknown verifier 'nope'"):
        get_verifier("nope")
    register_verifier("notaverifier")(lambda: object())
    with pytest.raises(TypeError, match="not a Verifier"):
        get_verifier("notaverifier")


def test_safe_verify_turns_crashes_into_errors(clean_registry: None) -> None:
    @register_verifier("crashy")
    class Crashy(Verifier):
        def verify(self, completion: str, reference: object, **context: object) -> VerifyResult:
            raise RuntimeError("boom")

    r = get_verifier("crashy").safe_verify("x", None)
    assert (r.status, r.score, r.passed) == ("error", 0.0, False) and "boom" in r.error
