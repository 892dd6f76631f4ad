"""A therapist's caseload, ordered by what needs attention first.

Order: new (unacknowledged) alerts, then no session logged for a week, then a fast
decline in function, then a routine waiting for review, then everyone else. Each row
carries every reason that applies, in words, so the order is never a mystery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, cached_property
from typing import Any, NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, OuterRef, QuerySet, Subquery, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alsmove.assessments.models import Assessment
from alsmove.core.alsfrs import AlsfrsError
from alsmove.core.alsfrs_source import CLINICIAN
from alsmove.core.plausible import record_problems
from alsmove.core.staging import progression_category, progression_rate
from alsmove.logbook.models import Alert, SessionLog, StoredAttention
from alsmove.patients.clock import today_for
from alsmove.patients.models import CareLink, Patient, Relation
from alsmove.patients.policy import Action, link_grants, visible_subquery
from alsmove.routines.models import RoutinePlan, Status

QUIET_DAYS = 7  # no session logged for this many days is worth a call

NEW_ALERTS, NO_LOGS, FAST_DECLINE, REVIEW, NOTHING = range(5)


@dataclass
class CaseloadRow:
    pk: int
    name: str
    rank: int = NOTHING
    open_alerts: int = 0
    newest_open: date | None = None
    last_log: date | None = None
    rate: float | None = None
    pending_review: bool = False
    quiet_days: int = 0  # days since the last log, when it is QUIET_DAYS or more
    # What applies, most pressing first; put in words only for the rows a page shows.
    signals: list[int] = field(default_factory=list)
    record: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def add(self, rank: int) -> None:
        self.rank = min(self.rank, rank)
        self.signals.append(rank)

    @cached_property
    def patient(self) -> Patient:
        """The record, with what the caseload read of it (the rest loads when asked)."""
        names = ["id", "display_name", "time_zone", "onset_date", "diagnosis_date"]
        values = [self.pk, *(self.record[name] for name in names[1:])]
        return Patient.from_db(None, names, values)

    @property
    def reasons(self) -> list[str]:
        """Every reason that applies, in words, most pressing first."""
        words = [_reason_words(self, signal) for signal in self.signals]
        return words or [_("Nothing needs your attention.")]


def _reason_words(row: CaseloadRow, signal: int) -> str:
    if signal == NEW_ALERTS:
        return ngettext(
            "%(count)d new alert to look at (the newest from %(day)s).",
            "%(count)d new alerts to look at (the newest from %(day)s).",
            row.open_alerts,
        ) % {"count": row.open_alerts, "day": _day(row.newest_open)}
    if signal == NO_LOGS and row.last_log is None:
        return _("No sessions logged yet.")
    if signal == NO_LOGS:
        return _("No session logged for %(days)d days (the last on %(day)s).") % {
            "days": row.quiet_days,
            "day": _day(row.last_log),
        }
    if signal == FAST_DECLINE:
        return _(
            "Function is falling faster than average: %(rate)s points a month on "
            "the latest ALSFRS-R."
        ) % {"rate": row.rate}
    return _("A new routine is waiting for your review.")


# What one caseload row reads, in this order (values, not model instances: 200 records
# made into Patient objects cost more than the query itself).
_COLUMNS = (
    "pk",
    "display_name",
    "time_zone",
    "onset_date",
    "diagnosis_date",
    "open_alerts",
    "newest_open",
    "last_log",
    "newest_assessment",
    "link_permission",
    "link_relation",
    "approved_version",
    "pending_version",
    "stored_stamp",
    "stored_rate",
)


@cache
def _caseload_sql() -> str:
    """The caseload's columns (`_COLUMNS`) for the records in `{visible}`, the user's
    therapist links only. Plain SQL, the same on SQLite and PostgreSQL, built once: the
    ORM took longer to compile these subqueries than the database took to answer them
    (as for today's session). Subqueries, not joins: joining alerts and logs together
    would multiply the rows. Each reads an index by patient: open alerts by their own
    partial index (patient, day), logs by (patient, day), ALSFRS-R rows by patient,
    routines by (patient, version), the stored row and the link by their keys.

    The dates are read through COALESCE, an expression without a declared type: SQLite
    then gives them as text instead of a date made per value by a Python converter (600
    a look; a kept page's key needs only their values, and `_record` makes the dates when
    a page is drawn). PostgreSQL gives dates either way."""
    t = {
        name: model._meta.db_table
        for name, model in {
            "patient": Patient,
            "link": CareLink,
            "alert": Alert,
            "log": SessionLog,
            "assessment": Assessment,
            "plan": RoutinePlan,
            "stored": StoredAttention,
        }.items()
    }
    open_alerts = f"FROM {t['alert']} WHERE patient_id = p.id AND acknowledged_at IS NULL"

    def plan(status: str) -> str:
        return (
            f"(SELECT version FROM {t['plan']} WHERE patient_id = p.id "  # noqa: S608
            f"AND status = '{status}' ORDER BY version DESC LIMIT 1)"
        )

    columns = [
        "p.id",
        "p.display_name",
        "p.time_zone",
        "COALESCE(p.onset_date, NULL)",
        "COALESCE(p.diagnosis_date, NULL)",
        f"(SELECT COUNT(*) {open_alerts})",
        f"(SELECT MAX(day) {open_alerts})",
        f"COALESCE((SELECT day FROM {t['log']} WHERE patient_id = p.id "  # noqa: S608
        "ORDER BY day DESC LIMIT 1), NULL)",
        f"(SELECT id FROM {t['assessment']} WHERE patient_id = p.id ORDER BY id DESC LIMIT 1)",  # noqa: S608
        "c.permission",
        "c.relation",
        plan(Status.APPROVED.value),
        plan(Status.PROPOSED.value),
        "s.stamp",
        "s.rate",
    ]
    assert len(columns) == len(_COLUMNS)
    # Table names and choices from the models; the values are parameters.
    return (
        f"SELECT {', '.join(columns)} FROM {t['patient']} p "  # noqa: S608
        f"JOIN {t['link']} c ON c.patient_id = p.id AND c.member_id = %s "
        f"AND c.relation = '{Relation.THERAPIST.value}' AND c.revoked_at IS NULL "
        f"LEFT JOIN {t['stored']} s ON s.patient_id = p.id "
        "WHERE p.id IN ({visible}) ORDER BY p.display_name, p.id"
    )


def _as_date(value: Any) -> date | None:
    # SQLite gives a subquery's date as text; PostgreSQL as a date.
    return date.fromisoformat(value) if isinstance(value, str) else value


Records = tuple[tuple[Any, ...], ...]


def _therapist_links(records: QuerySet[Patient], user_pk: int) -> QuerySet[Patient]:
    # The user's therapist links in the subquery too: the database starts from them (an
    # index by member) rather than from every record of the installation.
    return records.filter(
        care_links__member_id=user_pk,
        care_links__relation=Relation.THERAPIST,
        care_links__revoked_at__isnull=True,
    )


# Compiled once (the ORM took as long to compile it on every look as SQLite to run it).
_mine = visible_subquery(_therapist_links)


def therapist_records(user: Any) -> Records:
    """The records the user may see where they are linked as the therapist, each with
    what the caseload shows (`_COLUMNS`), from one query (no query per person), as the
    database gives them: what `caseload_words` keeps a drawn page under.

    Which records: the access policy's `visible_patients`, as a subquery compiled once
    (`visible_subquery`). Everything is read fresh but the rate of decline, which is
    stored (`StoredAttention`) with a stamp of its inputs: the newest ALSFRS-R row (a new
    or corrected record is a new row) and the dates it is judged against."""
    found = _mine(user)
    if found is None:  # nobody (an anonymous or inactive user)
        return ()
    visible, params = found
    with connection.cursor() as cursor:
        cursor.execute(_caseload_sql().replace("{visible}", visible), [user.pk, *params])
        return tuple(cursor.fetchall())


_DATES = frozenset(
    _COLUMNS.index(name) for name in ("onset_date", "diagnosis_date", "newest_open", "last_log")
)


def _record(values: tuple[Any, ...]) -> dict[str, Any]:
    return {
        name: _as_date(value) if i in _DATES else value
        for i, (name, value) in enumerate(zip(_COLUMNS, values, strict=True))
    }


class Ranked(NamedTuple):
    rows: list[CaseloadRow]
    # Some rates were judged again from ALSFRS-R rows (and stored): this result read more
    # than the records it was made from, so it is not kept under them.
    judged: bool


def _rate_stamp(record: dict[str, Any], day: date) -> str:
    """The inputs of a record's rate, as its stored row names them."""
    return "|".join(
        str(value)
        for value in (
            day,
            record["newest_assessment"],
            record["onset_date"],
            record["diagnosis_date"],
        )
    )


def _judge_rates(records: list[dict[str, Any]], days: dict[int, date]) -> dict[int, float | None]:
    """The rates of records whose stored one is missing or stale, judged from their
    current ALSFRS-R records (one query for all of them), and stored."""
    # The record the rate reads (ALSFRS-SOURCE-01): the latest day's clinician rating if
    # it has one, otherwise that day's first record.
    latest = (
        Assessment.objects.current()
        .filter(patient=OuterRef("pk"))
        .annotate(rank=Case(When(source=CLINICIAN, then=0), default=1))
        .order_by("-taken_on", "rank", "created_at")
    )
    found = Patient.objects.filter(pk__in=[r["pk"] for r in records]).values_list(
        "pk",
        Subquery(latest.values("total")[:1]),
        Subquery(latest.values("taken_on")[:1]),
        Subquery(latest.order_by("taken_on").values("taken_on")[:1]),
    )
    inputs = {pk: (total, latest_on, first_on) for pk, total, latest_on, first_on in found}
    rates: dict[int, float | None] = {}
    now = timezone.now()
    rows = []
    for record in records:
        pk = record["pk"]
        total, latest_on, first_on = inputs.get(pk, (None, None, None))
        rates[pk] = _latest_rate(record, total, latest_on, first_on, days[pk])
        rows.append(
            StoredAttention(
                patient_id=pk, stamp=_rate_stamp(record, days[pk]), rate=rates[pk], computed_at=now
            )
        )
    # All of them in one statement (a new day turns every record's stamp at once).
    try:
        with transaction.atomic():
            StoredAttention.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["patient"],
                update_fields=["stamp", "rate", "computed_at"],
            )
    except IntegrityError:  # a record deleted meanwhile: the next look stores them again
        pass
    return rates


def _latest_rate(
    record: dict[str, Any],
    total: int | None,
    latest_on: date | None,
    first_on: date | None,
    today: date,
) -> float | None:
    """ΔFS of the latest record; None without one, or when the record's dates do not fit
    together (older data): one inconsistent record never breaks the caseload. The first
    and latest dates stand for all of them (the plausibility rules look at no others)."""
    onset = record["onset_date"]
    if total is None or onset is None or latest_on is None or first_on is None:
        return None
    if record_problems(
        onset=onset,
        diagnosis=record["diagnosis_date"],
        assessment_days=[first_on, latest_on],
        today=today,
    ):
        return None
    try:
        return round(progression_rate(total, onset, latest_on), 2)
    except AlsfrsError:
        return None


def _pending_review(record: dict[str, Any]) -> bool:
    """A proposal newer than the routine in use (as `current_plans` decides)."""
    pending, approved = record["pending_version"], record["approved_version"]
    return pending is not None and (approved is None or pending > approved)


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


class _Zone(NamedTuple):
    time_zone: str


_ZONE = _COLUMNS.index("time_zone")


def zone_days(records: Records, today: date | None = None) -> dict[str, date]:
    """Each time zone of the records with its today (`today` fixes one for tests): the
    day each person is judged on, read once per zone."""
    zones = {values[_ZONE] for values in records}
    if today is not None:
        return dict.fromkeys(zones, today)
    now = timezone.now()
    return {zone: today_for(_Zone(zone), now) for zone in zones}


def ranked(user: Any, records: Records, days_by_zone: dict[str, date]) -> Ranked:
    """The rows of `records` (`therapist_records`), each judged on its person's day in
    `days_by_zone`, most pressing first. Each row's reasons are put in words when read,
    so a page of 40 out of 200 people words only its own 40."""
    found = [_record(values) for values in records]
    days: dict[int, date] = {}
    rates: dict[int, float | None] = {}
    stale = []
    for record in found:
        day = days[record["pk"]] = days_by_zone[record["time_zone"]]
        if record["stored_stamp"] == _rate_stamp(record, day):
            rates[record["pk"]] = record["stored_rate"]
        else:
            stale.append(record)
    if stale:
        rates.update(_judge_rates(stale, days))
    grants_by_link: dict[tuple[str | None, str | None], frozenset[Action]] = {}
    rows = []
    for record in found:
        day = days[record["pk"]]
        row = CaseloadRow(
            record["pk"],
            record["display_name"],
            open_alerts=record["open_alerts"],
            newest_open=record["newest_open"],
            last_log=record["last_log"],
            record=record,
        )
        if row.open_alerts:
            row.add(NEW_ALERTS)
        if row.last_log is None:
            row.add(NO_LOGS)
        elif row.last_log <= day - timedelta(days=QUIET_DAYS):
            row.quiet_days = (day - row.last_log).days
            row.add(NO_LOGS)
        row.rate = rates[record["pk"]]
        if row.rate is not None and progression_category(row.rate) == "fast":
            row.add(FAST_DECLINE)
        # Only someone who may approve a routine is asked to review one.
        link = (record["link_permission"], record["link_relation"])
        if link not in grants_by_link:
            grants_by_link[link] = link_grants(user, *link)
        row.pending_review = Action.EDIT_PLAN in grants_by_link[link] and _pending_review(record)
        if row.pending_review:
            row.add(REVIEW)
        rows.append(row)
    # Python's sort is stable: within a rank, the most alerts first, then by name.
    rows.sort(key=lambda r: (r.rank, -r.open_alerts))
    return Ranked(rows, judged=bool(stale))


def caseload(user: Any, today: date | None = None) -> list[CaseloadRow]:
    """The rows, each judged on its person's own today (`today` fixes one for tests)."""
    records = therapist_records(user)
    return ranked(user, records, zone_days(records, today)).rows
