"""Whose ALSFRS-R counts when a clinician and a self-report share a day (ALSFRS-SOURCE-01).

A record keeps its author: a clinician's rating is corrected only by a clinician, and
anyone else who sees it differently adds a self-report for the same day. Both are kept and
shown; staging, the progression rate, the slope and the forecast read one record a day,
the clinician's when there is one. The self-rated ALSFRS-R agrees closely with the
clinician's (Maier et al. 2012) but is a different measurement, so it is marked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

RULE_SOURCE = "ALSFRS-SOURCE-01"
CLINICIAN = "clinician"
SELF_REPORT = "self_report"

Record = TypeVar("Record")


def counted(
    records: Sequence[Record],
    day: Callable[[Record], date],
    source: Callable[[Record], str],
) -> list[Record]:
    """One record per day, kept in the given order: the day's clinician rating if it has
    one, otherwise its first record (ALSFRS-SOURCE-01)."""
    chosen: dict[date, Record] = {}
    for record in records:
        key = day(record)
        if key not in chosen or (source(record) == CLINICIAN and source(chosen[key]) != CLINICIAN):
            chosen[key] = record
    return [record for record in records if chosen[day(record)] is record]
