"""`alsmove restore FILE`: load a backup into an empty installation (refused otherwise)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="load a backup FILE into this installation's empty database",
        description="Load a backup written by `alsmove backup` into the database the "
        "settings name. It must be an empty installation (no accounts, clinics, records "
        "or audit entries); anything else is refused. Stop the server first, and run "
        "`manage.py migrate` afterwards when this version is newer than the backup.",
    )
    parser.add_argument("file", type=Path, help="the backup file to read")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from alsmove.cli import fail
    from alsmove.cli.backup_store import BackupError, restore

    try:
        database = settings.DATABASES["default"]
        restore(args.file, database)
    except (BackupError, ImproperlyConfigured) as error:
        return fail(str(error))
    print(f"Restored {args.file} into {database['NAME']}.")
    return 0
