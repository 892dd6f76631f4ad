"""`alsmove import FILE [--clinic NAME]`: import a full-record JSON export (or - for stdin).

The record goes to the clinic named with --clinic (its name or number); without it, to
the installation's only clinic. Needs the database, so it sets Django up inside `run()`.
A refused file (unknown schema version, a person who already has an account here, a
damaged file) is one line on stderr naming the problem, exit code 2, and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import a person's whole record from an export file (needs the database)",
        description="Import the JSON written by `alsmove export` or downloaded from "
        '"Your data" into a clinic of this installation, in one transaction.',
    )
    parser.add_argument("file", help="the record.json file, or - for stdin")
    parser.add_argument("--clinic", help="the clinic's name or number (default: the only one)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:

    from alsmove.cli import fail, setup_django

    setup_django()
    from alsmove.accounts.models import Organisation
    from alsmove.portability.importer import ImportRefused, import_record, parse_file

    try:
        if args.file == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as source:
                raw = source.read()
    except OSError as error:
        return fail(f"cannot read {args.file}: {error.strerror}")
    clinics = Organisation.objects.all()
    if args.clinic:
        wanted = args.clinic.strip()
        found = clinics.filter(name__iexact=wanted)
        if wanted.isdigit():
            found = found | clinics.filter(pk=int(wanted))
        clinic = found.first()
        if clinic is None:
            return fail(f"no clinic is called {wanted}")
    else:
        if clinics.count() != 1:
            return fail(
                f"name the clinic with --clinic (this installation has {clinics.count()} clinics)"
            )
        clinic = clinics.get()
    try:
        patient = import_record(parse_file(raw), clinic=clinic, by=None)
    except ImportRefused as error:
        return fail(str(error))
    print(f"imported the record of {patient.display_name} into {clinic.name} (record {patient.pk})")
    return 0
