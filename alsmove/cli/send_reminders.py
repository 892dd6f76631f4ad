"""`alsmove send-reminders [--now ISO]`: the same as `manage.py send_reminders`.

Unlike the other subcommands this one needs the database, so it sets up Django; the
import happens inside `run()` to keep `alsmove --help` and the JSON tools light.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "send-reminders",
        help="send the session reminders that are due (needs the database)",
        description="Email today's session reminders that are due and not yet sent. "
        "A scheduler runs this every few minutes.",
    )
    parser.add_argument("--now", help="act as if it were this ISO date and time")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from django.core.management import CommandError, call_command

    from alsmove.cli import fail, setup_django

    setup_django()
    options = {"now": args.now} if args.now else {}
    try:
        call_command("send_reminders", **options)
    except CommandError as error:
        return fail(str(error))
    return 0
