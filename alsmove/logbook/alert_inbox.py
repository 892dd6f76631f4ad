"""The alerts page's alerts: every open one, and one page of the acknowledged ones with
their count, in one query.

The same alerts as `feelings.alerts_visible_to` (a shared feeling only for a reader who
may see shared feelings), read in plain SQL built once: compiling the three ORM queries
(the open ones, the count, the page) cost more than running them, and on PostgreSQL each
query is a round trip. The values go through the ORM's own converters, so an alert read
here is the alert the ORM reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connections, router

from alsmove.accounts.models import User
from alsmove.core.feelings import FEELING_SHARED_01
from alsmove.kept import column
from alsmove.logbook.models import Alert
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action

ALERTS_PAGE = 10  # acknowledged alerts per page: the open ones are always all shown

_OPEN, _DONE, _COUNT = 0, 1, 2  # which part of the query a row comes from


@dataclass(frozen=True)
class Inbox:
    open: list[Alert]  # the newest first
    done: Page[Alert]  # the acknowledged ones, the newest first, a page of them


class _Read:
    """The query and the ORM's converters of its alert columns, for one database."""

    def __init__(self, alias: str) -> None:
        conn = connections[alias]
        self.alias = alias
        self.fields = list(Alert._meta.concrete_fields)
        self.names = [field.attname for field in self.fields]
        self.compiler = Alert.objects.using(alias).all().query.get_compiler(alias)
        table = Alert._meta.db_table
        # Converters by position in a row: the part comes first, the alert's columns next.
        self.converters = {
            at + 1: converter
            for at, converter in self.compiler.get_converters(
                [field.get_col(table) for field in self.fields]
            ).items()
        }
        self.sql = {hide: _sql(conn, self.fields, hide) for hide in (False, True)}


def _sql(conn: Any, fields: list[Any], hide_feelings: bool) -> str:
    q = conn.ops.quote_name
    alert, user = q(Alert._meta.db_table), q(User._meta.db_table)
    columns = ", ".join(f"{column(field, 'a')} AS {q(field.column)}" for field in fields)
    blanks = ", ".join("NULL" for _ in fields)
    seen = f"a.{q('patient_id')} = %s"
    if hide_feelings:
        seen += f" AND a.{q('rule')} <> %s"
    joined = (
        f"{alert} a LEFT JOIN {user} u ON u.{q('id')} = a.{q('acknowledged_by_id')}"
        f" WHERE {seen} AND a.{q('acknowledged_at')} IS"
    )
    newest = f"a.{q('day')} DESC, a.{q('created_at')} DESC, a.{q('id')} DESC"
    # Table and column names from the models; every value is a parameter.
    return (
        f"SELECT * FROM (SELECT {_OPEN} AS part, {columns}, u.{q('full_name')} AS by_name,"  # noqa: S608
        f" CAST(NULL AS BIGINT) AS total FROM {joined} NULL) o"
        f" UNION ALL SELECT * FROM (SELECT {_DONE} AS part, {columns}, u.{q('full_name')},"
        f" CAST(NULL AS BIGINT) FROM {joined} NOT NULL ORDER BY {newest} LIMIT %s OFFSET %s) d"
        f" UNION ALL SELECT {_COUNT}, {blanks}, NULL, COUNT(*) FROM {alert} a"
        f" WHERE {seen} AND a.{q('acknowledged_at')} IS NOT NULL"
        f" ORDER BY part, {q('day')} DESC, {q('created_at')} DESC, {q('id')} DESC"
    )


# Per database alias, as `kept.by_key` keeps its reads (a connection is made per thread).
@cache
def _read_for(alias: str) -> _Read:
    return _Read(alias)


def _rows(
    patient: Patient, hide_feelings: bool, offset: int
) -> tuple[list[Alert], list[Alert], int]:
    """(the open alerts, `ALERTS_PAGE` acknowledged ones from `offset`, how many are)."""
    read = _read_for(router.db_for_read(Alert))
    seen: list[Any] = [patient.pk, FEELING_SHARED_01] if hide_feelings else [patient.pk]
    with connections[read.alias].cursor() as cursor:
        cursor.execute(read.sql[hide_feelings], [*seen, *seen, ALERTS_PAGE, offset, *seen])
        rows = cursor.fetchall()
    open_alerts: list[Alert] = []
    done: list[Alert] = []
    total = 0
    by_field = Alert._meta.get_field("acknowledged_by")
    for row in read.compiler.apply_converters(rows, read.converters):
        part = row[0]
        if part == _COUNT:
            total = int(row[-1])
            continue
        alert = Alert.from_db(read.alias, read.names, row[1 : 1 + len(read.names)])
        if alert.acknowledged_by_id is not None:
            # As select_related("acknowledged_by") gives it, with the one field shown.
            by = User.from_db(read.alias, ["id", "full_name"], [alert.acknowledged_by_id, row[-2]])
            by_field.set_cached_value(alert, by)
        (open_alerts if part == _OPEN else done).append(alert)
    return open_alerts, done, total


def inbox(patient: Patient, actions: frozenset[Action], page: str | None) -> Inbox:
    """The alerts `actions` (the reader's `allowed_actions`) let them see; `page`: the
    page of acknowledged ones asked for (one that is not a page shows the nearest real
    page, as `Paginator.get_page` does)."""
    hide = Action.SEE_SHARED_FEELINGS not in actions
    try:
        guess = max(1, int(page or 1))
    except (TypeError, ValueError):
        guess = 1
    open_alerts, done, total = _rows(patient, hide, (guess - 1) * ALERTS_PAGE)
    # The page numbers over the count read with the alerts: nothing more is asked.
    pages = Paginator(range(total), ALERTS_PAGE)
    number = pages.get_page(page).number
    if number != guess:  # past the last page, or not a number: the nearest, read again
        done = _rows(patient, hide, (number - 1) * ALERTS_PAGE)[1]
    return Inbox(open_alerts, Page(done, number, pages))
