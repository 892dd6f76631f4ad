"""`alsmove fhir-export EMAIL`: print the person's record as a FHIR R4 Bundle (JSON).

Like `send-reminders` it needs the database, so it sets up Django inside `run()`. It is
an operator's tool on the server (no sign-in): the same bundle the record page's
download gives the person. An address with no record exits 2 with one line.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "fhir-export",
        help="print a person's record as a FHIR R4 Bundle (needs the database)",
        description="Print the record of the person who signs in with EMAIL as a FHIR R4 "
        "Bundle of type collection (docs/fhir.md).",
    )
    parser.add_argument("email", help="the person's sign-in email address")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:

    from alsmove.cli import fail, setup_django

    setup_django()
    from alsmove.interop.services import exported_for
    from alsmove.patients.models import Patient

    patient = Patient.objects.filter(user__email__iexact=args.email.strip()).first()
    if patient is None:
        return fail(f"no person's record signs in with {args.email!r}")
    json.dump(exported_for(patient, None, "cli"), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
