"""`alsmove` console script: one subcommand per module in this package.

Each subcommand module exposes `register(subparsers)` which adds its parser and sets
`func` to a callable taking the parsed arguments and returning an exit code. Commands read
and write JSON and need no database, so they run without Django; the exceptions,
`send-reminders`, `backup`, `restore`, `fhir-export`, `export` and `import`, set Django
up inside their own `run()` and import what needs it there, after the setup (the one
reason this package imports inside functions).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMANDS = (
    "library",
    "assess",
    "plan",
    "overwork",
    "equipment",
    "send_reminders",
    "backup",
    "restore",
    "fhir_export",
    "record_export",
    "record_import",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alsmove", description="ALS Move command-line tools (JSON in, JSON out)."
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"alsmove.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"alsmove.cli.{name}":
                raise
            continue  # a command not built yet is simply not offered
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def setup_django() -> None:
    """For the commands that need the database: Django, set up from the one settings file."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def fail(message: str) -> int:
    """Print a one-line error for a person and return the usage-error exit code."""
    print(f"alsmove: error: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
