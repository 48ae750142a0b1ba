"""Run configs shipped with rlvr (``rlvr train --config default``); see :func:`rlvr.rl_core.config.config_file`."""
