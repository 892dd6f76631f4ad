"""The audit trail's one way in for reads and refusals (docs/security.md, "The audit trail").

The access policy calls `record_read` when it lets someone open a person's record for a
page or API read, and `record_refusal` when it refuses; the support desk (Django admin)
calls `record_read` too. Writes are recorded by the service that makes them, in its
transaction. `AuditContextMiddleware` keeps the current request at hand, so the policy
knows from where (the client's address, as django-axes reads it behind the proxy) and
which page without every view passing it along.

Reads are debounced: one row per viewer, record and page within READ_WINDOW, and at most
one INSERT per request whatever the page calls. The person's own reads of their own
record are not recorded (they are the reason the record exists).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from datetime import timedelta
from functools import cache
from typing import Any, Protocol

from axes.helpers import get_client_ip_address
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from alsmove.accounts.models import AuditEvent, label_kept_for


class Record(Protocol):
    """What the trail reads of a person's record (a `patients.Patient`). Named by shape:
    `accounts` sits below `patients` and imports nothing from it, not even for types."""

    @property
    def pk(self) -> Any: ...

    @property
    def user_id(self) -> int | None: ...


READ = "read"
REFUSED = "refused"
READ_WINDOW = timedelta(minutes=5)
READ_METHODS = ("GET", "HEAD")

_request: ContextVar[HttpRequest | None] = ContextVar("alsmove_audit_request", default=None)


class AuditContextMiddleware:
    """Keeps the request being answered where the policy can find it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_request() -> HttpRequest | None:
    return _request.get()


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    return str(address) if address else None


def page_kind(request: HttpRequest | None) -> str:
    """The page's or API route's name ("assessments:progress"), never its ids."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return str(match.view_name)[:100]


def record_read(
    user: Any, patient: Record | None, relation: str, *, kind: str = "", force: bool = False
) -> AuditEvent | None:
    """One "read" row for `user` opening `patient`'s data, unless the same viewer opened
    the same kind of page of the same record within READ_WINDOW (or earlier in this
    request). Only reads are recorded here: a request that writes is recorded by its
    service. `force` records outside a request (the support desk passes its own kind)."""
    request = current_request()
    if not getattr(user, "is_authenticated", False) or relation == "self":
        return None
    if not force and (request is None or request.method not in READ_METHODS):
        return None
    kind = kind or page_kind(request)
    key = (patient.pk if patient is not None else None, kind)
    seen: set[tuple[int | None, str]] = (
        request.__dict__.setdefault("_alsmove_audited_reads", set())
        if request is not None
        else set()
    )
    if key in seen:
        return None
    seen.add(key)
    now = timezone.now()
    if _read_recently(user.pk, key[0], kind, now - READ_WINDOW):
        return None
    return AuditEvent.objects.create(
        at=now,
        actor=user,
        actor_label=label_kept_for(user),
        relation=relation,
        patient=patient,
        action=READ,
        kind=kind,
        address=client_address(request),
    )


def record_change(by: Any, patient: Record, action: str, detail: str = "") -> AuditEvent:
    """A change to a person's record, for the service that makes it to call inside its
    transaction (so the row and the change are kept or lost together)."""
    request = current_request()
    return AuditEvent.objects.create(
        actor=by,
        relation="self" if patient.user_id is not None and patient.user_id == by.pk else "",
        patient=patient,
        action=action,
        kind=page_kind(request),
        address=client_address(request),
        detail=detail,
    )


@cache
def _recent_sql(no_record: bool) -> str:
    """`AuditEvent.objects.filter(actor=…, patient=…, kind=…, action=READ, at__gte=…)
    .exists()` in plain SQL built once (compiling it in the ORM cost more than running it)."""
    q = connection.ops.quote_name
    record = f"{q('patient_id')} IS NULL" if no_record else f"{q('patient_id')} = %s"
    return (
        f"SELECT 1 FROM {q(AuditEvent._meta.db_table)} WHERE {q('actor_id')} = %s"  # noqa: S608
        f" AND {record} AND {q('kind')} = %s AND {q('action')} = %s AND {q('at')} >= %s LIMIT 1"
    )


def _read_recently(actor_id: int, patient_id: int | None, kind: str, since: Any) -> bool:
    record = [] if patient_id is None else [patient_id]
    params = [actor_id, *record, kind, READ, connection.ops.adapt_datetimefield_value(since)]
    with connection.cursor() as cursor:
        cursor.execute(_recent_sql(patient_id is None), params)
        return cursor.fetchone() is not None


def record_refusal(user: Any, action: str) -> AuditEvent:
    """A refused try, kept without the record it was for (nobody else's record is named
    in the trail), and without the name of an actor who is not staff (a person or a
    caregiver trying someone else's record is kept by account id and role only)."""
    request = current_request()
    signed_in = getattr(user, "is_authenticated", False)
    actor = user if signed_in else None
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=label_kept_for(user) if signed_in else "",
        relation=user.role if signed_in else "",
        patient=None,
        organisation_id=user.organisation_id if signed_in else None,
        action=REFUSED,
        kind=page_kind(request),
        address=client_address(request),
        detail=str(action),
    )
