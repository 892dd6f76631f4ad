"""`alsmove export EMAIL [-o FILE]`: the person's whole record as JSON (docs/data-export.md).

Needs the database, so it sets Django up inside `run()`. An unknown address, or an
account that is not a person with a record, is one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="print a person's whole record as JSON (needs the database)",
        description="Print (or write with -o) the full-record JSON of the person with "
        "this email address, in the schema of docs/data-export.md.",
    )
    parser.add_argument("email", help="the person's email address")
    parser.add_argument("-o", "--output", help="write to this file instead of the screen")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:

    from alsmove.cli import fail, setup_django

    setup_django()
    from alsmove.patients.models import Patient
    from alsmove.portability.export import export_record, to_json_bytes

    email = args.email.strip().lower()
    patient = Patient.objects.filter(user__email__iexact=email).first()
    if patient is None:
        return fail(f"no person with a record has the address {email}")
    data = to_json_bytes(export_record(patient))
    if args.output:
        try:
            with open(args.output, "wb") as out:
                out.write(data)
        except OSError as error:
            return fail(f"cannot write {args.output}: {error.strerror}")
    else:
        sys.stdout.write(data.decode())
    return 0
