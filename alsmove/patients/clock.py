"""The person's own clock: their time zone, their "now" and their "today".

Every app asks this module, never `timezone.localdate()` (the server's day), when it
needs the date a person lives in: which day a log belongs to, the routine's weekday,
check-ins, reminders and charts. `today_for(patient)` is the one answer.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, tzinfo
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.utils import timezone


class HasTimeZone(Protocol):
    time_zone: str


def default_zone_name() -> str:
    return str(settings.TIME_ZONE)


@lru_cache(maxsize=512)
def _zone(name: str) -> tzinfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return None


def is_known_zone(name: str) -> bool:
    """True for an IANA name this server knows (Europe/Paris, Pacific/Auckland, UTC)."""
    return bool(name) and _zone(name) is not None


def zone_for(patient: HasTimeZone | None) -> tzinfo:
    """The record's time zone; the server's when the record has none or an unknown one."""
    name = getattr(patient, "time_zone", "") or ""
    return _zone(name) or _zone(default_zone_name()) or timezone.get_default_timezone()


def now_for(patient: HasTimeZone | None, now: datetime | None = None) -> datetime:
    """The moment `now` (default: this instant) on the person's own clock."""
    moment = now or timezone.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(zone_for(patient))


def today_for(patient: HasTimeZone | None, now: datetime | None = None) -> date:
    """The date the person is living in at `now` (default: this instant)."""
    return now_for(patient, now).date()


def day_of(patient: HasTimeZone | None, moment: datetime) -> date:
    """The person's date at a stored moment (a log's created_at, a plan's creation)."""
    return now_for(patient, moment).date()


_REGIONS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


def time_zone_choices(*keep: str) -> list[tuple[str, str]]:
    """The place names people look for (Europe/Paris), not the legacy aliases; `keep`
    adds names already in use (the server's, a record's) even if they are aliases."""
    available = zoneinfo.available_timezones()
    names = {n for n in available if n.startswith(_REGIONS)}
    names |= {"UTC", *(k for k in keep if k in available)}
    return [(name, name.replace("_", " ")) for name in sorted(names)]
