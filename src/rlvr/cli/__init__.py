"""The ``rlvr`` command line: ``rlvr {train,eval,verify,tasks,prm} ...``.

Each subcommand lives in its own module exposing ``add_parser(subparsers)``; the module is imported only
when needed, so ``rlvr verify`` never pays for importing torch.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from typing import Any

#: subcommand -> (module under rlvr.cli, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "train": ("train", "train a policy with GRPO / Dr. GRPO / RLOO / DAPO"),
    "eval": ("evaluate", "pass@k / maj@k of a model on a task, or re-score a samples JSONL"),
    "verify": ("verify", "score completions from a JSONL file with a verifier"),
    "tasks": ("tasks", "list the registered tasks"),
    "prm": ("prm", "label steps and train a process reward model"),
}


class _IntermixedParser(argparse.ArgumentParser):
    """A subcommand's parser that takes positionals (``KEY=VALUE`` overrides) between and after its flags,
    e.g. ``rlvr train --config tiny steps=8 --resume seed=1`` (``argparse.parse_intermixed_args``)."""

    _mixing = False

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        nested = any(a.nargs in (argparse.PARSER, argparse.REMAINDER) for a in self._get_positional_actions())
        if self._mixing or nested:  # intermixed parsing calls back here for its two passes; it cannot nest
            return super().parse_known_args(args, namespace)
        self._mixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._mixing = False


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rlvr", description="Reinforcement learning from verifiable rewards.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_IntermixedParser)
    wanted = next((a for a in argv if a in COMMANDS), None)
    for name, (module, help_) in COMMANDS.items():
        if name == wanted:
            mod = importlib.import_module(f"rlvr.cli.{module}")
            mod.add_parser(sub, name, help_)
        else:
            sub.add_parser(name, help=help_)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
