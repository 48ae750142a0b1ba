"""rlvr.sandbox."""
