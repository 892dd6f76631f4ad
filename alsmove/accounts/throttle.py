"""Slowing password guessing without letting a stranger lock anyone out.

django-axes records every failed login (account, address, browser). Instead of its hard
lock, GrowingDelayHandler asks the next attempt to wait, and the wait doubles with each
further failure, in three scopes (the longest wait applies):

- this account from this address: after 5 failures, 30 s, then 1, 2, 4 ... up to 15 min.
  A stranger guessing a therapist's password slows only themselves: the therapist,
  signing in from elsewhere, is not held up.
- this address, whatever the account: after 20 failures, the same growth. Spraying a
  few guesses at many accounts from one place is slowed.
- this account, from anywhere: after 30 failures (many addresses at once), 10 s growing
  to at most 1 minute, so a crowd of addresses cannot guess freely, and cannot keep the
  owner out for more than a minute at a time either.

A try made while waiting is refused without looking at the password and is not counted.
Failures older than an hour (AXES_COOLOFF_TIME) are forgotten; a right password clears
that account's failures from that address.

Password-reset requests are counted too (ResetRequest): at most 10 an hour from one
address, and at most 3 emails an hour to one account; the answer is the same whether the
address has an account or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Scope:
    free: int  # failures allowed before any wait
    first_wait: int  # seconds, after `free` failures; doubles with each one more
    longest_wait: int  # seconds


PAIR = Scope(free=5, first_wait=30, longest_wait=15 * 60)
ADDRESS = Scope(free=20, first_wait=30, longest_wait=15 * 60)
ACCOUNT = Scope(free=30, first_wait=10, longest_wait=60)


def scope_wait(scope: Scope, failures: int, last: datetime | None, now: datetime) -> int:
    """Seconds still to wait in one scope (0 when free)."""
    if last is None or failures < scope.free:
        return 0
    delay = min(scope.longest_wait, scope.first_wait * 2 ** min(failures - scope.free, 20))
    return max(0, int((last + timedelta(seconds=delay) - now).total_seconds() + 0.999))


def _tally(attempts: QuerySet[AccessAttempt]) -> tuple[int, datetime | None]:
    row = attempts.aggregate(n=Sum("failures_since_start"), last=Max("attempt_time"))
    return int(row["n"] or 0), row["last"]


def login_wait_seconds(request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
    """How long before this login attempt may be tried (0: try now)."""
    now = getattr(request, "axes_attempt_time", None) or timezone.now()
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - WINDOW)
    waits = [scope_wait(ADDRESS, *_tally(recent.filter(ip_address=address)), now)]
    if username:
        pair = recent.filter(username=username, ip_address=address)
        waits.append(scope_wait(PAIR, *_tally(pair), now))
        waits.append(scope_wait(ACCOUNT, *_tally(recent.filter(username=username)), now))
    return max(waits)


class GrowingDelayHandler(AxesDatabaseHandler):
    """axes' database handler, locked only while a wait is running (AXES_FAILURE_LIMIT is
    1: this reports one "failure" when a wait applies, none otherwise)."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        return 1 if login_wait_seconds(request, credentials) > 0 else 0


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page for a login that must wait: how long, in words, and the way to a new
    password. It never says whether the account exists."""
    seconds = login_wait_seconds(request, credentials) or 30
    minutes = (seconds + 59) // 60
    return render(
        request,
        "accounts/locked_out.html",
        {"seconds": seconds, "minutes": minutes, "under_a_minute": seconds < 60},
        status=429,
    )
