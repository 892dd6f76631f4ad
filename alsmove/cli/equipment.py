"""`alsmove equipment FILE.json` (or `-` for stdin): the equipment and home plan as JSON.

Input: what `alsmove assess` reads (`onset_date`, `assessments` with `date` and `items`),
plus an optional `profile` (a functional profile, as `alsmove plan` reads it) and an
optional `as_of` date (default today; not before the last assessment, not in the future).
Output: a JSON list, one entry per catalogue item, now first:
{item, name, status: "now" | "soon" | "later", estimated_need_date, start_by,
 lead_time_weeks: {min, max}, reasons: [{rule, text}]}.
Any problem with the input is one line on stderr naming the field, and exit code 2.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from pydantic import ValidationError

from alsmove.cli import fail
from alsmove.cli.assess import InputError, parse_date, parse_document, read_document
from alsmove.cli.plan import describe
from alsmove.core.alsfrs import AlsfrsError
from alsmove.core.equipment import Suggestion, plan
from alsmove.core.profile import FunctionalProfile
from alsmove.core.progression_summary import summarize
from alsmove.equipment.loader import CatalogueError, default_catalogue


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "equipment",
        help="equipment and home changes to start now, soon or later, with start-by dates",
        description="Read ALSFRS-R records (and optionally a profile) as JSON and print the "
        "equipment plan.",
    )
    parser.add_argument(
        "file", help="JSON file with onset_date, assessments, profile, as_of; or - for stdin"
    )
    parser.set_defaults(func=run)


def _profile(value: object) -> FunctionalProfile | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError("profile: must be an object")
    try:
        return FunctionalProfile.model_validate(value)
    except ValidationError as error:
        message = describe(error)
        return _raise(message if message.startswith("profile") else f"profile.{message}")


def _raise(message: str) -> FunctionalProfile:
    raise InputError(message)


def to_json(suggestion: Suggestion) -> dict[str, object]:
    def day(value: date | None) -> str | None:
        return None if value is None else value.isoformat()

    item = suggestion.item
    return {
        "item": item.id,
        "name": item.name,
        "status": suggestion.status,
        "estimated_need_date": day(suggestion.estimated_need),
        "start_by": day(suggestion.start_by),
        "lead_time_weeks": {"min": item.lead_time_weeks.min, "max": item.lead_time_weeks.max},
        "reasons": [{"rule": r.rule, "text": r.message.render()} for r in suggestion.reasons],
    }


def run(args: argparse.Namespace) -> int:
    try:
        document = read_document(args.file)
        if not isinstance(document, dict):
            raise InputError('the input must be a JSON object with "onset_date" and "assessments"')
        rest = {k: v for k, v in document.items() if k not in ("profile", "as_of")}
        onset, assessments = parse_document(rest)
        today = date.today()
        as_of = parse_date(document["as_of"], "as_of") if "as_of" in document else today
        if as_of > today:
            raise InputError(f"as_of: {as_of.isoformat()} is in the future")
        last = max(day for day, _ in assessments)
        if as_of < last:
            raise InputError(
                f"as_of: {as_of.isoformat()} is before the last assessment ({last.isoformat()})"
            )
        profile = _profile(document.get("profile"))
        summarize(onset, assessments, as_of)  # the same date checks as `alsmove assess`
        suggestions = plan(default_catalogue(), onset, assessments, as_of, profile)
    except (InputError, AlsfrsError, CatalogueError) as error:
        return fail(str(error))
    print(json.dumps([to_json(s) for s in suggestions], indent=2, ensure_ascii=False))
    return 0
