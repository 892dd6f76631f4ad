"""The clinic's audit trail for its administrator: search it, page through it, export it.

Scoped to the administrator's clinic (AuditEvent.organisation: the record's clinic, else
the actor's). A refusal by someone who is not staff is shown by role, never by name, and
no refusal names a record. The CSV export is itself audited ("trail_exported") and every
cell that a spreadsheet would read as a formula is made plain text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, time
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from alsmove.accounts.audit import READ, REFUSED, client_address
from alsmove.accounts.models import AuditEvent, Role, User, actor_names
from alsmove.accounts.staff import STAFF_ROLES, require_clinic_admin
from alsmove.formats import DateInput
from alsmove.patients.models import Patient
from alsmove.patients.trail import CHANGE_WORDS, page_words

PER_PAGE = 50
EXPORTED = "trail_exported"
ACCOUNT_EVENTS = (
    "staff_added",
    "staff_switched_off",
    "staff_switched_on",
    "two_factor_on",
    "two_factor_off",
    "two_factor_reset",
    "clinic_created",
    EXPORTED,
)
ACCOUNT_WORDS = {
    "staff_added": gettext_lazy("Added an account:"),
    "staff_switched_off": gettext_lazy("Switched an account off:"),
    "staff_switched_on": gettext_lazy("Switched an account on again:"),
    "two_factor_on": gettext_lazy("Turned on two-step sign-in:"),
    "two_factor_off": gettext_lazy("Turned off two-step sign-in:"),
    "two_factor_reset": gettext_lazy("Reset the two-step sign-in of:"),
    "clinic_created": gettext_lazy("Set up the clinic:"),
    EXPORTED: gettext_lazy("Exported the audit trail:"),
}
# Who a refused actor was, when they are not staff (never their name).
ROLE_WORDS = {
    Role.PERSON: gettext_lazy("A person with ALS (name not shown)"),
    Role.CAREGIVER: gettext_lazy("A caregiver (name not shown)"),
}
# Leading characters a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Kind:
    READS = "reads"
    CHANGES = "changes"
    REFUSALS = "refusals"
    ACCOUNTS = "accounts"
    CHOICES = (
        ("", gettext_lazy("Everything")),
        (READS, gettext_lazy("Records opened")),
        (CHANGES, gettext_lazy("Records changed")),
        (REFUSALS, gettext_lazy("Refused tries")),
        (ACCOUNTS, gettext_lazy("Account changes")),
    )


class TrailSearchForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Patient.objects.none(), required=False, label=gettext_lazy("Person")
    )
    staff = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label=gettext_lazy("Staff member")
    )
    since = forms.DateField(
        required=False,
        label=gettext_lazy("From (day)"),
        widget=DateInput(),
    )
    until = forms.DateField(
        required=False,
        label=gettext_lazy("Until (day, included)"),
        widget=DateInput(),
    )
    kind = forms.ChoiceField(choices=Kind.CHOICES, required=False, label=gettext_lazy("What"))

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        staff = self.fields["staff"]
        assert isinstance(person, forms.ModelChoiceField)
        assert isinstance(staff, forms.ModelChoiceField)
        person.queryset = Patient.objects.filter(organisation_id=organisation_id)
        staff.queryset = User.objects.filter(
            organisation_id=organisation_id, role__in=STAFF_ROLES
        ).order_by("full_name")
        staff.label_from_instance = lambda user: user.full_name or user.email  # type: ignore[method-assign]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The last day comes before the first."))
        return data


def search(organisation_id: int, data: dict[str, Any]) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(organisation_id=organisation_id)
    if data.get("person"):
        events = events.filter(patient_id=data["person"].pk)
    if data.get("staff"):
        events = events.filter(actor_id=data["staff"].pk)
    zone = timezone.get_current_timezone()
    if data.get("since"):
        start = timezone.make_aware(datetime.combine(data["since"], time.min), zone)
        events = events.filter(at__gte=start)
    if data.get("until"):
        end = timezone.make_aware(datetime.combine(data["until"], time.max), zone)
        events = events.filter(at__lte=end)
    kind = data.get("kind")
    if kind == Kind.READS:
        events = events.filter(action=READ)
    elif kind == Kind.REFUSALS:
        events = events.filter(action=REFUSED)
    elif kind == Kind.ACCOUNTS:
        events = events.filter(action__in=ACCOUNT_EVENTS)
    elif kind == Kind.CHANGES:
        events = events.exclude(action__in=(READ, REFUSED, *ACCOUNT_EVENTS))
    return events.order_by("-at", "-id")


def describe(
    event: AuditEvent, names: dict[int, str], actors: dict[int, str] | None = None
) -> dict[str, Any]:
    """One row, in words an administrator reads. `actors`: current names of actors whose
    rows keep none (people and caregivers; never used for a refusal)."""
    someone = (actors or {}).get(event.actor_id or 0) or _("Someone")
    if event.action == REFUSED:
        who = event.actor_label or str(ROLE_WORDS.get(event.relation, _("Someone signed in")))
        if not event.actor_id:
            who = _("Someone not signed in")
        what = _("Was refused a page of a record")
    elif event.action == READ:
        who = event.actor_label or someone
        what = _("Opened: %(what)s") % {"what": page_words(event.kind)}
    elif event.action in ACCOUNT_WORDS:
        who = event.actor_label or someone
        what = f"{ACCOUNT_WORDS[event.action]} {event.detail}"
    else:
        who = event.actor_label or someone
        words = CHANGE_WORDS.get(event.action)
        what = str(words) if words else _("Changed the record")
    record = ""
    if event.patient_id:
        record = names.get(event.patient_id, _("a record no longer kept"))
    return {
        "at": event.at,
        "who": who,
        "record": record,
        "what": what,
        "address": event.address or "",
    }


def _names(organisation_id: int, events: list[AuditEvent]) -> dict[int, str]:
    ids = {e.patient_id for e in events if e.patient_id}
    return dict(
        Patient.objects.filter(organisation_id=organisation_id, pk__in=ids).values_list(
            "pk", "display_name"
        )
    )


def _form(request: HttpRequest) -> TrailSearchForm:
    user = request.user
    assert isinstance(user, User)
    return TrailSearchForm(
        request.GET or None, organisation_id=int(user.organisation_id or 0), label_suffix=""
    )


@login_required
@require_GET
def trail(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_clinic_admin(user)  # type: ignore[arg-type]
    form = _form(request)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    page = Paginator(search(int(user.organisation_id), data), PER_PAGE).get_page(  # type: ignore[union-attr,arg-type]
        request.GET.get("page")
    )
    rows = list(page.object_list)
    names = _names(int(user.organisation_id), rows)  # type: ignore[union-attr,arg-type]
    actors = actor_names(rows)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/trail.html",
        {
            "form": form,
            "page": page,
            "rows": [describe(e, names, actors) for e in rows],
            "filters": query.urlencode(),
        },
        status=200 if valid else 400,
    )


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ (or tab, return) is escaped."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(organisation_id: int, events: QuerySet[AuditEvent]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([_("When (UTC)"), _("Who"), _("Record"), _("What"), _("From where")])
    batch: list[AuditEvent] = []
    for event in events.iterator(chunk_size=500):
        batch.append(event)
        if len(batch) == 500:
            yield from _csv_batch(writer, organisation_id, batch)
            batch = []
    yield from _csv_batch(writer, organisation_id, batch)


def _csv_batch(writer: Any, organisation_id: int, batch: list[AuditEvent]) -> Iterator[str]:
    names = _names(organisation_id, batch)
    actors = actor_names(batch)
    for event in batch:
        row = describe(event, names, actors)
        yield writer.writerow(
            [
                safe_cell(row["at"].astimezone(UTC).isoformat(timespec="seconds")),
                safe_cell(row["who"]),
                safe_cell(row["record"]),
                safe_cell(row["what"]),
                safe_cell(row["address"]),
            ]
        )


@login_required
@require_GET
def trail_csv(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_clinic_admin(user)  # type: ignore[arg-type]
    assert isinstance(user, User)
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return trail(request)
    data = form.cleaned_data if form.is_bound else {}
    organisation_id = int(user.organisation_id or 0)
    # The export is in the trail itself, with what was asked for (no record's name).
    asked = ", ".join(
        f"{key}={getattr(value, 'pk', value)}" for key, value in sorted(data.items()) if value
    )
    AuditEvent.objects.create(
        actor=user,
        action=EXPORTED,
        organisation_id=organisation_id,
        address=client_address(request),
        detail=asked or _("everything"),
    )
    events = search(organisation_id, data)
    response = StreamingHttpResponse(_csv_rows(organisation_id, events), content_type="text/csv")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.csv"'
    return response
