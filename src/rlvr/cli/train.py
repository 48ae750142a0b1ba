"""``rlvr train --config C.yaml [key.sub=value ...] [--resume]``.

Exit status: 0 done; 1 the run failed (non-finite updates, no intact checkpoint); 2 bad config, a resume
whose config changed in a field that cannot change, or a run directory in use / holding another run;
130 / 143 stopped by SIGINT / SIGTERM after writing a checkpoint (``--resume`` continues it).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

logger = logging.getLogger(__name__)


def add_parser(subparsers: argparse._SubParsersAction, name: str, help_: str) -> None:
    p = subparsers.add_parser(
        name,
        help=help_,
        description="Train a policy with RL from verifiable rewards.",
        epilog="example: rlvr train --config dapo loss.policy.eps_high=0.28 steps=50 (every knob: --list-knobs; "
        "the config's shape: docs/config.md)",
    )
    p.add_argument(
        "--config",
        "-c",
        type=Path,
        help="YAML run config: a path, or the name of a config shipped with rlvr (default, tiny, dapo, ...); omitted: all defaults",
    )
    p.add_argument("overrides", nargs="*", metavar="KEY=VALUE", help="dotted overrides, e.g. loss.eps_high=0.28")
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue from the newest intact checkpoint in the run directory (none there: start fresh)",
    )
    p.add_argument("--run-dir", type=Path, help="output directory (overrides logging.run_dir)")
    p.add_argument("--print-config", action="store_true", help="print the resolved config and exit")
    p.add_argument(
        "--list-knobs",
        action="store_true",
        help="print every field (variants as field[tag].name) with its default and help, then exit",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="check what the run would load (model, data, context, memory, trackers) without loading weights or "
        "data and without contacting a hub; exit 1 when something is missing here",
    )
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from rlvr.rl_core.config import ConfigError, describe, load_config

    if args.list_knobs:
        for name, default, help_ in describe():
            print(f"{name} = {default}\n    {help_}")
        return 0

    try:
        cfg = load_config(args.config, args.overrides)
    except (ConfigError, OSError) as e:
        print(f"rlvr train: bad config: {e}", file=sys.stderr)
        return 2
    if args.print_config:
        import yaml

        print(yaml.safe_dump(cfg.to_dict(), sort_keys=False), end="")
        return 0
    if args.dry_run:
        from rlvr.rl_core.preflight import dry_run

        ok, report = dry_run(cfg)
        print("\n".join(report))
        print("dry run: " + ("everything the run needs can be had here" if ok else "something is missing (see above)"))
        return 0 if ok else 1
    from rlvr.rl_core.checkpoint import CheckpointError
    from rlvr.rl_core.models import ModelNotFoundError
    from rlvr.rl_core.nonfinite import NonFiniteError
    from rlvr.rl_core.preemption import TrainingInterrupted
    from rlvr.rl_core.rundir import RunDirError
    from rlvr.rl_core.trainer import run
    from rlvr.rl_core.verification import VerifierFailureError

    try:
        run_dir = run(cfg, resume=args.resume, run_dir=args.run_dir)
    except ConfigError as e:
        print(f"rlvr train: bad config: {e}", file=sys.stderr)
        return 2
    except (RunDirError, ModelNotFoundError) as e:
        print(f"rlvr train: {e}", file=sys.stderr)
        return 2
    except (NonFiniteError, CheckpointError, VerifierFailureError) as e:
        print(f"rlvr train: {e}", file=sys.stderr)
        return 1
    except TrainingInterrupted as e:
        print(f"rlvr train: {e}; continue with --resume", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:  # before training started (loading), when no checkpoint can exist yet
        print("rlvr train: interrupted before training started", file=sys.stderr)
        return 130
    try:
        from rlvr.rl_core.report import write_report
    except ImportError:
        print(f"run directory: {run_dir}")
        return 0
    print(f"report: {write_report(run_dir)}")
    return 0
