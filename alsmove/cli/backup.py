"""`alsmove backup FILE`: a copy of the installation's database, safe while it serves.

Like `send-reminders` it needs the database, so it sets up Django inside `run()`.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy the database to FILE (SQLite or PostgreSQL; safe while serving)",
        description="Write a consistent copy of the installation's database to FILE: "
        "SQLite through its online backup API, PostgreSQL through pg_dump (custom format). "
        "FILE must not exist yet.",
    )
    parser.add_argument("file", type=Path, help="the backup file to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from alsmove.cli import fail
    from alsmove.cli.backup_store import BackupError, backup

    try:
        database = settings.DATABASES["default"]
        backup(database, args.file)
    except (BackupError, ImproperlyConfigured) as error:
        return fail(str(error))
    print(f"Backed up {database['NAME']} to {args.file} ({args.file.stat().st_size} bytes).")
    return 0
