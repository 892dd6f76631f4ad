"""`alsmove assess FILE.json` (or `-` for stdin): score, stage and forecast ALSFRS-R records.

Input: {"onset_date": "YYYY-MM-DD",
        "assessments": [{"date": "YYYY-MM-DD", "items": {"1": 4, ..., "5a": 3, ...}}]}
Output: the JSON from `alsmove.core.progression_summary.summarize`, with today as `date.today()`.
Any problem with the input is one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from typing import Any

from alsmove.cli import fail
from alsmove.core.alsfrs import AlsfrsError, Scores, parse_items
from alsmove.core.progression_summary import summarize

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TOP_KEYS = {"onset_date", "assessments"}
_RECORD_KEYS = {"date", "items"}


class InputError(ValueError):
    """The input file is not in the expected shape; the message says where."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "assess",
        help="score and stage ALSFRS-R records and forecast the total",
        description="Read ALSFRS-R records as JSON and print totals, stages and a forecast.",
    )
    parser.add_argument("file", help="JSON file with onset_date and assessments, or - for stdin")
    parser.set_defaults(func=run)


def read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a JSON file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def parse_date(value: object, where: str) -> date:
    # date.fromisoformat also takes "20240301" and week dates; the format is pinned to
    # YYYY-MM-DD so a file reads the same to a person and to the program.
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise InputError(f"{where}: {json.dumps(value)} is not a date in YYYY-MM-DD form")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{where}: {value} is not a real calendar date") from None


def _unknown(keys: set[str], allowed: set[str], where: str) -> None:
    extra = sorted(keys - allowed)
    if extra:
        raise InputError(f"{where}unknown field {extra[0]!r}")


def parse_document(document: object) -> tuple[date, list[tuple[date, Scores]]]:
    if not isinstance(document, dict):
        raise InputError('the input must be a JSON object with "onset_date" and "assessments"')
    _unknown(set(document), _TOP_KEYS, "")
    if "onset_date" not in document:
        raise InputError("onset_date is missing")
    onset = parse_date(document["onset_date"], "onset_date")
    records = document.get("assessments")
    if records is None:
        raise InputError("assessments is missing")
    if not isinstance(records, list):
        raise InputError("assessments must be a list")
    if not records:
        raise InputError("assessments is empty: give at least one assessment")
    parsed: list[tuple[date, Scores]] = []
    for number, record in enumerate(records, start=1):
        where = f"assessment {number}"
        if not isinstance(record, dict):
            raise InputError(f'{where}: must be an object with "date" and "items"')
        _unknown(set(record), _RECORD_KEYS, f"{where}: ")
        if "date" not in record:
            raise InputError(f"{where}: date is missing")
        day = parse_date(record["date"], f"{where}: date")
        where = f"assessment {number} ({day.isoformat()})"
        items = record.get("items")
        if not isinstance(items, dict):
            raise InputError(f"{where}: items must be an object of item number to score")
        try:
            parsed.append((day, parse_items(items)))
        except AlsfrsError as error:
            raise InputError(f"{where}: {error}") from None
    return onset, parsed


def read_document(path: str) -> object:
    """The parsed JSON of a file (or `-`, standard input); InputError in one line if not."""
    text = read_input(path)
    name = "stdin" if path == "-" else path
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{name}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    except (ValueError, RecursionError):
        # Numbers too long to convert, or nesting too deep for the parser.
        raise InputError(f"{name}: not usable JSON (too deeply nested or too large)") from None


def run(args: argparse.Namespace) -> int:
    try:
        onset, assessments = parse_document(read_document(args.file))
        summary = summarize(onset, assessments, date.today())
    except (InputError, AlsfrsError) as error:
        return fail(str(error))
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0
