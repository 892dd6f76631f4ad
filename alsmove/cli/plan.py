"""`alsmove plan FILE.json` (or `-` for standard input): today's routine as JSON.

The input is a functional profile (alsmove.core.profile.FunctionalProfile). Its "stage"
is used when given; otherwise the stage is worked out from its "alsfrs" items.
`alsmove plan --schema` prints the profile's JSON Schema; `--week` prints all seven days
(Monday first), `--day N` one day, `--before-review` the gentle routine a person has
before a therapist has reviewed it.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from alsmove.cli import fail
from alsmove.core.library import Stage
from alsmove.core.profile import FunctionalProfile
from alsmove.core.routine import build_routine, build_week, routine_to_json, week_to_json
from alsmove.core.staging import stage_for_routine
from alsmove.exercises.loader import LibraryError, default_library


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plan", help="build today's routine from a functional profile (JSON)"
    )
    parser.add_argument("file", nargs="?", help="profile JSON file, or - for standard input")
    parser.add_argument("--schema", action="store_true", help="print the profile JSON Schema")
    parser.add_argument(
        "--day", type=int, default=0, help="day of the week, 0-6 (body areas take turns)"
    )
    parser.add_argument("--week", action="store_true", help="print all seven days (Monday first)")
    parser.add_argument(
        "--before-review",
        action="store_true",
        help="as before a therapist has reviewed: gentle stretching, range of motion, breathing",
    )
    parser.set_defaults(func=run)


def _field(loc: tuple[int | str, ...]) -> str:
    parts = [str(part) for part in loc if part != "[key]"]
    return ".".join(parts) or "profile"


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as "a, b, c"."""
    return expected.replace("'", "").replace(" or ", ", ")


def describe(error: ValidationError) -> str:
    """The first problem, as one line naming the field."""
    first: ErrorDetails = error.errors(include_url=False)[0]
    field, kind, ctx = _field(first["loc"]), first["type"], first.get("ctx", {})
    if kind == "extra_forbidden":
        return f"{field}: unknown field"
    if kind == "missing":
        return f"{field}: missing (required)"
    if kind == "enum":
        choices = _choices(str(ctx.get("expected", "")))
        if "[key]" in first["loc"]:
            return f"{field}: not a known name; use one of {choices}"
        return f"{field}: must be one of {choices}"
    if kind == "bool_type":
        return f"{field}: must be true or false"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{field}: must be a whole number"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        return f"{field}: must be {bound} {ctx.get('ge', ctx.get('le'))}"
    if kind in ("tuple_type", "list_type"):
        return f"{field}: must be a list"
    if kind in ("dict_type", "model_type"):
        return f"{field}: must be an object"
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{field}: {message[:1].lower()}{message[1:]}"


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    with open(name, encoding="utf-8") as handle:
        return handle.read()


def run(args: argparse.Namespace) -> int:
    if args.schema:
        print(json.dumps(FunctionalProfile.model_json_schema(), indent=2))
        return 0
    if not args.file:
        return fail("plan: give a profile JSON file, or - to read standard input")
    try:
        text = _read(args.file)
    except OSError as error:
        return fail(f"{args.file}: cannot read ({error.strerror or error})")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        return fail(f"{args.file}: not valid JSON (line {error.lineno}: {error.msg})")
    if not isinstance(raw, dict):
        return fail(f"{args.file}: expected a JSON object with the profile's fields")
    try:
        profile = FunctionalProfile.model_validate_json(text, strict=True)
    except ValidationError as error:
        return fail(describe(error))
    stage = profile.stage
    if stage is None:
        if profile.alsfrs is None:
            return fail('stage: missing; give "stage" (early, mid or advanced) or "alsfrs" items')
        try:
            stage = _derive_stage(profile)
        except ValueError as error:  # AlsfrsError is a ValueError
            return fail(f"alsfrs: {error}")
    try:
        library = default_library()
    except LibraryError as error:
        return fail(f"exercise library: {error}")
    reviewed = not args.before_review
    if args.week:
        week = build_week(profile, library, stage, reviewed=reviewed)
        print(json.dumps(week_to_json(week), indent=2, ensure_ascii=False))
        return 0
    if not 0 <= args.day <= 6:
        return fail("--day: must be 0 (Monday) to 6 (Sunday)")
    routine = build_routine(profile, library, stage, day_index=args.day, reviewed=reviewed)
    print(json.dumps(routine_to_json(routine), indent=2, ensure_ascii=False))
    return 0


def _derive_stage(profile: FunctionalProfile) -> Stage:
    assert profile.alsfrs is not None
    return stage_for_routine(profile.alsfrs, profile)
