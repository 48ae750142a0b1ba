"""``rlvr tasks``: list the registered tasks, or show a few examples of one."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def add_parser(subparsers: Any, name: str, help_: str) -> None:
    p = subparsers.add_parser(name, help=help_, description=__doc__)
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub.add_parser("list", help="names and one-line descriptions of all tasks (built-in and entry points)")
    show = sub.add_parser("show", help="print examples of a task as JSON lines")
    show.add_argument("name", help="task name")
    show.add_argument("--split", default="eval", help="train or eval (default: eval)")
    show.add_argument("--limit", type=int, default=3, help="how many examples (default: 3)")
    show.add_argument(
        "--task-arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="task config entry, value parsed as YAML (repeatable)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rlvr.tasks.registry import available_tasks, describe_task, get_task

    if args.action == "list":
        names = available_tasks()
        width = max(len(n) for n in names)
        for n in names:
            print(f"{n:<{width}}  {describe_task(n)}")
        return 0
    import yaml

    cfg = {}
    for item in args.task_arg:
        key, sep, raw = item.partition("=")
        if not sep:
            print(f"rlvr tasks: --task-arg {item!r}: expected KEY=VALUE", file=sys.stderr)
            return 2
        cfg[key.strip()] = yaml.safe_load(raw)
    try:
        task = get_task(args.name, **cfg)
        examples = task.examples(args.split)
    except (KeyError, TypeError, ValueError, FileNotFoundError) as e:
        print(f"rlvr tasks: {e}", file=sys.stderr)
        return 2
    print(f"{task.name}/{args.split}: {len(examples)} examples", file=sys.stderr)
    for ex in list(examples)[: args.limit]:
        print(json.dumps({"id": ex.id, "prompt": ex.prompt, "reference": ex.reference, "meta": ex.meta}))
    return 0
