"""`alsmove overwork FILE.json` (or `-` for stdin): overwork warnings, flags and easing.

Reads {"sessions": [...], "checkins": [...]} and prints the result judged as of the last
date in the input. Bad input gives one line naming the field and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from alsmove.cli import fail
from alsmove.core.overwork import (
    OverworkInputError,
    assess_overwork,
    parse_input,
    result_to_json,
)
from alsmove.core.plausible import date_problem


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "overwork",
        help="judge session logs and check-ins for signs of doing too much",
        description="Print overwork warnings, flagged exercises and the easing to apply, "
        "as JSON, judged as of the last date in the input.",
    )
    parser.add_argument("file", metavar="FILE.json", help="the logs as JSON, or - for stdin")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    name = "stdin" if args.file == "-" else args.file
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
    except OSError as error:
        return fail(f"{name}: cannot read ({error.strerror or error})")
    except UnicodeDecodeError:
        return fail(f"{name}: not UTF-8 text")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        return fail(f"{name}: not valid JSON ({error.msg} at line {error.lineno})")
    except RecursionError:
        return fail(f"{name}: JSON nested too deeply")
    try:
        sessions, checkins = parse_input(raw)
    except OverworkInputError as error:
        return fail(str(error))
    # PLAUSIBLE-DATE-01: the same dates the pages and the API accept.
    today = date.today()
    dated = [("sessions", s.date) for s in sessions] + [("checkins", c.date) for c in checkins]
    for number, (kind, day) in enumerate(dated):
        index = number if kind == "sessions" else number - len(sessions)
        problem = date_problem(day, today, field=f"{kind}[{index}].date")
        if problem is not None:
            return fail(f"{problem.field}: {problem.message.render()}")
    result = assess_overwork(sessions, checkins)
    print(json.dumps(result_to_json(result), indent=2, ensure_ascii=False))
    return 0
