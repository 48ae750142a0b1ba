"""``rlvr verify NAME --input FILE.jsonl|-``: score completions with a verifier, one JSON line out per line in.

Input lines: ``{"id": optional, "completion": str, "reference": any}``. Output lines, same order:
``{"id"?, "score", "passed", "status", "extracted", "duration_s", "error"?}`` plus ``stdout``/``stderr`` when
the verifier reports them. A malformed line gives a ``status: "error"`` record and processing continues;
the exit status is 0 unless the command itself is misused. The logic lives in
:mod:`rlvr.verifiers.jsonl`; this module only parses arguments.
"""

from __future__ import annotations

import argparse
import io
import sys
from typing import Any


def add_parser(subparsers: Any, name: str, help_: str) -> None:
    p = subparsers.add_parser(name, help=help_, description=__doc__.split("\n\n")[0])
    p.add_argument("verifier", metavar="NAME", help="verifier name (e.g. math, format, code) or a .yaml/.json spec")
    p.add_argument("--input", "-i", required=True, metavar="FILE", help="JSONL input file, or - for stdin")
    p.add_argument(
        "--opt",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="verifier keyword argument (VALUE read as JSON when it parses, else as a string); repeatable",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=64,
        metavar="N",
        help="lines verified together over the worker pool (1 for interactive streams)",
    )
    p.add_argument("--details", action="store_true", help="add each result's details object to its output line")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rlvr.verifiers.jsonl import parse_opts, verify_stream

    try:
        kwargs = parse_opts(args.opt)
    except ValueError as e:
        print(f"rlvr verify: {e}", file=sys.stderr)
        return 2
    if args.batch_size < 1:
        print("rlvr verify: --batch-size must be >= 1", file=sys.stderr)
        return 2
    try:
        if args.input == "-":
            stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="replace")
            return verify_stream(args.verifier, kwargs, stdin, sys.stdout, args.batch_size, args.details)
        with open(args.input, encoding="utf-8-sig", errors="replace") as fh:
            return verify_stream(args.verifier, kwargs, fh, sys.stdout, args.batch_size, args.details)
    except OSError as e:
        print(f"rlvr verify: cannot read {args.input}: {e}", file=sys.stderr)
        return 2
    except (KeyError, ValueError, TypeError) as e:
        print(f"rlvr verify: {e.args[0] if isinstance(e, KeyError) and e.args else e}", file=sys.stderr)
        return 2
