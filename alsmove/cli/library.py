"""`alsmove library --json`: the whole exercise library as JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from alsmove.cli import fail
from alsmove.exercises.loader import LibraryError, load_library


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("library", help="print the exercise library")
    parser.add_argument("--json", action="store_true", help="print JSON (the only format)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        library = load_library()
    except LibraryError as error:
        return fail(str(error))
    print(json.dumps([e.model_dump(mode="json") for e in library], indent=2, ensure_ascii=False))
    return 0
