"""rlvr.rl_core."""
