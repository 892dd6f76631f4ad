"""What the overwork rules read for one person, in two plain-SQL queries built once.

The quick log judges the day inside its write transaction (logbook.services.record_log),
and on SQLite that transaction holds the only write lock: every other writer waits for
it. Reading 45 days of logs as ORM objects with their exercises prefetched, then the
check-ins and the reviews, cost about half of the request; most of it compiling the
queries and making model instances that were thrown away at once. These queries read the
same rows, in the same order, straight into the rules' own records: one for the logs with
their exercises (a join), one for the check-ins and the reviews (a union). The SQL is the
same on SQLite and PostgreSQL; the values are converted here as the ORM's converters do
(SQLite may give text for dates and times, naive times, 0/1 for booleans).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from django.db import connection

from alsmove.core import overwork as core
from alsmove.kept import column
from alsmove.logbook.models import CheckIn, ExerciseLog, FlagReview, SessionLog


def _columns(model: Any, table: str, names: str) -> str:
    return ", ".join(column(model._meta.get_field(name), table) for name in names.split())


@cache
def _sessions_sql() -> str:
    """The logs dated since..as_of with their exercises, one row per exercise (a log with
    none gives one row of NULLs), oldest first as the ORM read them (day, created_at; the
    id only breaks ties the ORM left to the database), the exercises by id."""
    log, entry = SessionLog._meta.db_table, ExerciseLog._meta.db_table
    fields = _columns(SessionLog, "s", "id day fatigue cramps breathless_after changed_at")
    # Table and column names from the models; every value is a parameter.
    return (
        f"SELECT {fields}, {_columns(SessionLog, 's', 'created_at')}, "  # noqa: S608
        f"{_columns(ExerciseLog, 'e', 'exercise status pain')} "
        f"FROM {log} s LEFT JOIN {entry} e ON e.session_id = s.id "
        "WHERE s.patient_id = %s AND s.day >= %s AND s.day <= %s "
        "ORDER BY s.day, s.created_at, s.id, e.id"
    )


@cache
def _signs_sql() -> str:
    """The check-ins dated since..as_of, newest first as CheckIn's ordering gives them, then
    every review dated up to as_of (their order does not count: the rules take the latest
    of each exercise), in one union; a review's exercise in the check-in's kind column."""
    checkin, review = CheckIn._meta.db_table, FlagReview._meta.db_table
    answers = _columns(CheckIn, "", "day kind weaker soreness heaviness created_at id")
    day, exercise, made, pk = _columns(FlagReview, "", "day exercise created_at id").split(", ")
    return (
        f"SELECT 0 AS source, {answers} FROM {checkin} "  # noqa: S608
        "WHERE patient_id = %s AND day >= %s AND day <= %s "
        f"UNION ALL SELECT 1, {day}, {exercise}, NULL, NULL, NULL, {made}, {pk} "
        f"FROM {review} WHERE patient_id = %s AND day <= %s "
        "ORDER BY 1, 2 DESC, 7 DESC, 8"
    )


def _day(value: Any) -> date:
    # A date, or its text where SQLite's driver does not know the column's type (a union).
    return value if isinstance(value, date) else date.fromisoformat(value)


def _moment(value: Any) -> datetime | None:
    """A stored time as the ORM gives it: aware, in the connection's time zone when the
    database gives a naive one (SQLite stores UTC as text, which its driver parses into a
    naive time for a plain column and leaves as text through a union)."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=connection.timezone)


@lru_cache(maxsize=4096)
def _entry(exercise: str, status: str, pain: int) -> core.ExerciseLog:
    # The same few hundred (exercise, status, pain) again and again: made (and checked) once.
    return core.ExerciseLog(exercise, status, pain)  # type: ignore[arg-type]


def read_history(
    patient_id: int, since: date, as_of: date
) -> tuple[list[core.SessionLog], list[core.CheckIn], list[core.ReviewEvent]]:
    """The logs and check-ins dated since..as_of and every review up to as_of, as the
    overwork rules read them."""
    ops = connection.ops
    start, end = ops.adapt_datefield_value(since), ops.adapt_datefield_value(as_of)
    with connection.cursor() as cursor:
        cursor.execute(_sessions_sql(), [patient_id, start, end])
        rows = cursor.fetchall()
        cursor.execute(_signs_sql(), [patient_id, start, end, patient_id, end])
        signs = cursor.fetchall()
    sessions: list[core.SessionLog] = []
    entries: list[core.ExerciseLog] = []
    for index, row in enumerate(rows):
        log_id, day, fatigue, cramps, breathless, changed_at, created_at, *entry = row
        if entry[0] is not None:
            entries.append(_entry(*entry))
        if index + 1 < len(rows) and rows[index + 1][0] == log_id:
            continue  # more exercises of this log follow
        sessions.append(
            core.SessionLog(
                date=_day(day),
                exercises=tuple(entries),
                fatigue=fatigue if fatigue is not None else 0,
                cramps=cramps,
                breathless_after=bool(breathless),
                recorded_at=_moment(changed_at or created_at),
            )
        )
        entries = []
    checkins, reviews = [], []
    for source, day, word, weaker, soreness, heaviness, created_at, _id in signs:
        if source == 0:
            checkins.append(
                core.CheckIn(_day(day), word, bool(weaker), bool(soreness), bool(heaviness))
            )
        else:
            reviews.append(core.ReviewEvent(_day(day), word, _moment(created_at)))
    return sessions, checkins, reviews
