"""The public facade: every exported name resolves, and importing rlvr stays light."""

import subprocess
import sys

import rlvr


def test_every_export_resolves() -> None:
    for name in rlvr.__all__:
        assert getattr(rlvr, name) is not None, name


def test_import_does_not_pull_torch() -> None:
    code = "import sys, rlvr; rlvr.get_verifier; assert 'torch' not in sys.modules, 'torch imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
