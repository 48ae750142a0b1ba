"""``rlvr train --config C.yaml [key.sub=value ...] [--resume]``."""

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
        epilog="example: rlvr train --config dapo loss.eps_high=0.28 steps=50",
    )
    p.add_argument(
        "--config",
        "-c",
        type=Path,
        help="YAML run config: a path, or the name of a config shipped with rlvr (default, tiny, dapo, ...); omitted: all defaults",
    )
    p.add_argument("overrides", nargs="*", metavar="KEY=VALUE", help="dotted overrides, e.g. loss.eps_high=0.28")
    p.add_argument("--resume", action="store_true", help="continue from the latest checkpoint in the run directory")
    p.add_argument("--run-dir", type=Path, help="output directory (overrides logging.run_dir)")
    p.add_argument("--print-config", action="store_true", help="print the resolved config and exit")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from rlvr.rl_core.config import ConfigError, load_config

    try:
        cfg = load_config(args.config, args.overrides)
    except (ConfigError, OSError) as e:
        print(f"rlvr train: bad config: {e}", file=sys.stderr)
        return 2
    if args.print_config:
        import yaml

        print(yaml.safe_dump(cfg.to_dict(), sort_keys=False), end="")
        return 0
    from rlvr.rl_core.trainer import run

    run_dir = run(cfg, resume=args.resume, run_dir=args.run_dir)
    try:
        from rlvr.rl_core.report import write_report
    except ImportError:
        print(f"run directory: {run_dir}")
        return 0
    print(f"report: {write_report(run_dir)}")
    return 0
