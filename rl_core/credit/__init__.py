"""rlvr.rl_core.credit."""
