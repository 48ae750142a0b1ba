"""Imports every built-in verifier module so that each registers itself."""

from rlvr.verifiers import code, combine, format, math  # noqa: F401
