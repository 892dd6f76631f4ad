"""Who looked at my record: the person's own audit trail, in plain words.

Only the person sees it (Action.SEE_TRAIL; docs/security.md says why not their caregivers
or therapists). It lists what others did on the record, newest first, in the person's time
zone: reads (one row per viewer and page every few minutes, accounts.audit) and changes.
The person's own reads and changes are left out; refusals never name a record, so none
appear here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from alsmove.accounts.audit import READ
from alsmove.accounts.models import AuditEvent, actor_names
from alsmove.patients.clock import zone_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require

PER_PAGE = 20

# Who the reader was to the person when they looked.
RELATION_WORDS = {
    "therapist": gettext_lazy("your therapist"),
    "caregiver": gettext_lazy("your caregiver"),
    "admin": gettext_lazy("an administrator at your clinic"),
    "support": gettext_lazy("ALS Move support staff"),
}
# What they looked at, by page (namespace, then a few pages of their own).
PAGE_WORDS = {
    "assessments": gettext_lazy("function scores and progress"),
    "caregiving": gettext_lazy("caregiver skills"),
    "logbook:alerts": gettext_lazy("alerts"),
    "logbook:trends": gettext_lazy("sessions and trends"),
    "logbook:caseload": gettext_lazy("record"),
    "logbook:acknowledge": gettext_lazy("record"),
    "logbook:checkin": gettext_lazy("check-ins and reminders"),
    "logbook:feeling": gettext_lazy("check-ins and reminders"),
    "logbook:feeling_share": gettext_lazy("check-ins and reminders"),
    "logbook:reminders": gettext_lazy("check-ins and reminders"),
    "logbook:flag_review": gettext_lazy("check-ins and reminders"),
    "logbook": gettext_lazy("session log"),
    "patients:team": gettext_lazy("care team"),
    "patients": gettext_lazy("record"),
    "routines:profile": gettext_lazy("profile (what is possible today)"),
    "routines": gettext_lazy("exercise routine"),
    "sessions": gettext_lazy("exercise session"),
    "resources:questions": gettext_lazy("questions for the clinic"),
    "interop": gettext_lazy("record, to pass to another health system"),
    "api": gettext_lazy("record, through the app"),
    "support": gettext_lazy("record, at the support desk"),
}
# The person's line about a read, by the same keys: whole phrases, as "your" takes the
# page's gender and number in Spanish and German ("tus alertas", "Ihren Eintrag"), which
# "looked at your %(what)s" around PAGE_WORDS could not give.
LOOKED_AT_WORDS = {
    "assessments": gettext_lazy("looked at your function scores and progress"),
    "caregiving": gettext_lazy("looked at your caregiver skills"),
    "logbook:alerts": gettext_lazy("looked at your alerts"),
    "logbook:trends": gettext_lazy("looked at your sessions and trends"),
    "logbook:caseload": gettext_lazy("looked at your record"),
    "logbook:acknowledge": gettext_lazy("looked at your record"),
    "logbook:checkin": gettext_lazy("looked at your check-ins and reminders"),
    "logbook:feeling": gettext_lazy("looked at your check-ins and reminders"),
    "logbook:feeling_share": gettext_lazy("looked at your check-ins and reminders"),
    "logbook:reminders": gettext_lazy("looked at your check-ins and reminders"),
    "logbook:flag_review": gettext_lazy("looked at your check-ins and reminders"),
    "logbook": gettext_lazy("looked at your session log"),
    "patients:team": gettext_lazy("looked at your care team"),
    "patients": gettext_lazy("looked at your record"),
    "routines:profile": gettext_lazy("looked at your profile (what is possible today)"),
    "routines": gettext_lazy("looked at your exercise routine"),
    "sessions": gettext_lazy("looked at your exercise session"),
    "resources:questions": gettext_lazy("looked at your questions for the clinic"),
    "interop": gettext_lazy("looked at your record, to pass to another health system"),
    "api": gettext_lazy("looked at your record, through the app"),
    "support": gettext_lazy("looked at your record, at the support desk"),
}
# What others changed, by the service's action name.
CHANGE_WORDS = {
    "record_created": gettext_lazy("opened your record"),
    "record_updated": gettext_lazy("changed your record's details"),
    "member_invited": gettext_lazy("invited someone to your care team"),
    "invitation_accepted": gettext_lazy("joined your care team"),
    "invitation_declined": gettext_lazy("declined to join your care team"),
    "invitation_withdrawn": gettext_lazy("withdrew an invitation to your care team"),
    "member_revoked": gettext_lazy("took someone off your care team"),
    "member_restored": gettext_lazy("put someone back on your care team"),
    "member_left": gettext_lazy("left your care team"),
    "routine_proposed": gettext_lazy("proposed a new exercise routine"),
    "routine_approved": gettext_lazy("approved your exercise routine"),
    "routine_revised": gettext_lazy("changed your exercise routine"),
    "routine_edit_undone": gettext_lazy("undid a change to your exercise routine"),
    "assessment_changed": gettext_lazy("corrected a function score"),
    "alert_acknowledged": gettext_lazy("looked into an alert"),
    "alert_withdrawn": gettext_lazy("withdrew an alert"),
    "session_logged": gettext_lazy("logged an exercise session"),
    "checkin_recorded": gettext_lazy("answered a check-in after a session"),
    "log_corrected": gettext_lazy("corrected a session log"),
    "flag_cleared": gettext_lazy("cleared a flagged exercise"),
    "profile_changed": gettext_lazy("changed what is possible for you today"),
    "assessment_recorded": gettext_lazy("recorded a function score"),
    "reminders_changed": gettext_lazy("changed your session reminders"),
    "record_imported": gettext_lazy("brought your record in from another ALS Move"),
    "calendar_link_made": gettext_lazy("made a calendar link of your sessions"),
    "calendar_link_revoked": gettext_lazy("stopped a calendar link of your sessions"),
    "skill_taught": gettext_lazy("marked a caregiver skill as taught"),
    "fhir_exported": gettext_lazy("downloaded your record for another health system"),
    "assessments_imported": gettext_lazy("imported function scores from another system"),
}
SOMEONE = pgettext_lazy("who looked, when the name is not known", "Someone")


# Until 2 December 2026 some apps had more than one URL namespace; rows stored before
# then name their page by the old one and read the same as new rows.
FORMER_NAMESPACES = {
    "caseload": "logbook",
    "checkins": "logbook",
    "visit": "resources",
    "invitations": "patients",
}


def _page_key(kind: str) -> str:
    """The key of PAGE_WORDS (and LOOKED_AT_WORDS) for an audited page's kind."""
    namespace, _, name = kind.partition(":")
    if namespace in FORMER_NAMESPACES:
        kind = f"{FORMER_NAMESPACES[namespace]}:{name}"
    namespace = kind.split(":", 1)[0]
    if namespace.startswith("api"):
        namespace = "api"
    return kind if kind in PAGE_WORDS else namespace if namespace in PAGE_WORDS else "patients"


def page_words(kind: str) -> str:
    return str(PAGE_WORDS[_page_key(kind)])


def looked_at_words(kind: str) -> str:
    return str(LOOKED_AT_WORDS[_page_key(kind)])


def sentence(
    event: AuditEvent, patient: Patient, team: dict[int, str], names: dict[int, str]
) -> dict[str, Any]:
    """One line of the page: the sentence, and the moment on the person's clock. A change
    recorded without the actor's place on the record says their place on the team now."""
    at = timezone.localtime(event.at, zone_for(patient))
    name = event.actor_label or names.get(event.actor_id or 0) or str(SOMEONE)
    place = event.relation or team.get(event.actor_id or 0, "")
    relation = RELATION_WORDS.get(place)
    if event.action == READ:
        did = looked_at_words(event.kind)
    else:
        did = str(CHANGE_WORDS.get(event.action, gettext_lazy("made a change to your record")))
    values = {
        "name": name,
        "relation": relation,
        "did": did,
        "day": formats.date_format(at, "DATE_FORMAT"),
        "time": formats.time_format(at, "TIME_FORMAT"),
    }
    text = (
        _("%(name)s, %(relation)s, %(did)s on %(day)s at %(time)s.")
        if relation
        else _("%(name)s %(did)s on %(day)s at %(time)s.")
    ) % values
    return {"text": text, "at": at, "is_read": event.action == READ}


def trail_for(patient: Patient) -> Any:
    """What others did on the record, newest first (the person's own steps left out)."""
    events = AuditEvent.objects.filter(patient=patient).exclude(action="refused")
    if patient.user_id is not None:
        events = events.exclude(actor_id=patient.user_id)
    return events.only("at", "actor_id", "actor_label", "relation", "action", "kind").order_by(
        "-at", "-id"
    )


@login_required
def who_looked(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.SEE_TRAIL)
    page = Paginator(trail_for(patient), PER_PAGE).get_page(request.GET.get("page"))
    team = dict(patient.care_links.values_list("member_id", "relation"))
    names = actor_names(page.object_list)
    return render(
        request,
        "patients/who_looked.html",
        {
            "patient": patient,
            "page": page,
            "lines": [sentence(event, patient, team, names) for event in page.object_list],
        },
    )
