"""The project's routes, read from Django's URL resolver, with sample values filled in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# A regex route's named group (the support desk's app index) read as a plain parameter.
REGEX_GROUP = re.compile(r"\^?\(\?P<(?P<name>\w+)>[^)]*\)\$?")


@dataclass(frozen=True)
class Route:
    template: str
    name: str

    @property
    def is_api(self) -> bool:
        return self.template.startswith("api/")


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[Route]:
    for entry in patterns:
        route = REGEX_GROUP.sub(r"<\g<name>>", prefix + str(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        else:
            yield Route(route.lstrip("^").rstrip("$"), entry.name or "")


# A valid body for each API route that takes one: the refusal must come from the access
# policy, not from the body failing validation first.
API_BODIES: dict[str, dict[str, object]] = {
    "api/v1/patients/<patient_id>/alsfrs": {
        "date": "2026-01-01",
        "items": {
            "1": 4,
            "2": 4,
            "3": 4,
            "4": 4,
            "5a": 4,
            "6": 4,
            "7": 4,
            "8": 4,
            "9": 4,
            "10": 4,
            "11": 4,
            "12": 4,
        },
    },
    "api/v1/patients/<patient_id>/alsfrs/<assessment_id>": {
        "date": "2026-01-01",
        "items": {
            "1": 3,
            "2": 4,
            "3": 4,
            "4": 4,
            "5a": 4,
            "6": 4,
            "7": 4,
            "8": 4,
            "9": 4,
            "10": 4,
            "11": 4,
            "12": 4,
        },
    },
    "api/v1/patients/<patient_id>/routine/<version>/edit": {
        "changes": [{"exercise": "neck-forward-tilt", "remove": False, "reps": 5}],
        "add": None,
    },
    "api/v1/patients/<patient_id>/routine/propose": {},
    "api/v1/patients/<patient_id>/team/invitations": {
        "email": "friend@example.com",
        "relation": "caregiver",
        "permission": "view",
        "consent_note": "asked",
    },
    "api/v1/patients/<patient_id>/logs": {
        "client_id": "5b0f3c1e-8a4e-4d0b-9a51-2f1d7c0e9b11",
        "exercises": [{"exercise": "neck-forward-tilt", "status": "done", "pain": 0}],
        "fatigue": 2,
    },
    "api/v1/patients/<patient_id>/checkins": {
        "client_id": "0e6a2a8c-6c0f-4f4e-8d3e-7a9b1c2d3e4f",
        "kind": "after_30_min",
        "weaker": False,
    },
    "api/v1/patients/<patient_id>/routine/<version>/approve": {},
    "api/v1/patients/<patient_id>/profile": {"minutes": 25, "head_control": "good"},
    # A bundle the importer would store (one clinician's rating): a refusal comes from
    # the policy, never from the bundle.
    "api/v1/patients/<patient_id>/fhir/import": {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "QuestionnaireResponse",
                    "questionnaire": "https://alsmove.example/fhir/Questionnaire/alsfrs-r|1",
                    "status": "completed",
                    "authored": "2026-01-02",
                    "item": [
                        {
                            "linkId": item,
                            "answer": [
                                {
                                    "valueCoding": {
                                        "system": "https://alsmove.example/fhir/CodeSystem/alsfrs-r",
                                        "code": f"{item}-4",
                                    }
                                }
                            ],
                        }
                        for item in ("1", "2", "3", "4", "5a", "6", "7", "8", "9", "10", "11", "12")
                    ],
                }
            }
        ],
    },
    "api/v1/patients/<patient_id>/equipment": {"name": "Bidet seat", "note": "asked"},
    "api/v1/patients/<patient_id>/equipment/<item>/status": {"status": "ordered", "note": "x"},
}


def all_routes() -> list[Route]:
    unique = {r.template: r for r in _walk(get_resolver().url_patterns)}
    return sorted(unique.values(), key=lambda r: r.template)


def url_for(route: Route, samples: dict[str, str]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in samples:
            pytest.fail(f"Add a sample value for <{name}> (route {route.template})")
        return samples[name]

    return "/" + PARAM.sub(fill, route.template)


def _a_session_log(demo: object) -> int:
    """A session log of the demo person's (made here if the demo has none yet)."""
    import uuid

    from django.utils import timezone

    from alsmove.logbook.models import SessionLog
    from alsmove.logbook.services import record_session

    patient = demo.patient  # type: ignore[attr-defined]
    log = SessionLog.objects.filter(patient=patient).first()
    if log is None:
        log = record_session(
            patient=patient,
            by=demo.person,
            client_id=uuid.uuid4(),  # type: ignore[attr-defined]
            day=timezone.localdate(),
            plan=None,
            statuses={},
            pain=0,
            pain_exercises=[],
            fatigue=2,
            cramps="none",
            breathless_after=False,
        ).log
    return int(log.pk)


def _an_alert(demo: object) -> int:
    """An alert on the demo person's record (the demo's logs raise several)."""
    from django.utils import timezone

    from alsmove.logbook.models import Alert

    patient = demo.patient  # type: ignore[attr-defined]
    alert = Alert.objects.filter(patient=patient).first()
    if alert is None:
        alert = Alert.objects.create(
            patient=patient,
            day=timezone.localdate(),
            rule="OVERWORK-CRAMP-01",
            message={"text": "You had severe cramps.", "params": {}},
        )
    return int(alert.pk)


def _a_feeling(demo: object) -> int:
    """A low answer to "How have you been feeling?" on the demo person's record."""
    import uuid

    from alsmove.logbook.feelings import record_feeling
    from alsmove.logbook.models import FeelingCheckIn
    from alsmove.patients.clock import today_for

    patient = demo.patient  # type: ignore[attr-defined]
    found = FeelingCheckIn.objects.filter(patient=patient, answer="low").first()
    if found is None:
        found, _created = record_feeling(
            patient=patient, client_id=uuid.uuid4(), answer="low", day=today_for(patient)
        )
    return int(found.pk)


def _an_invitation(demo: object) -> int:
    """A pending invitation on the demo person's record (made here if none is waiting)."""
    from alsmove.patients.invitations import invite
    from alsmove.patients.models import Invitation

    patient = demo.patient  # type: ignore[attr-defined]
    invitation = Invitation.objects.filter(patient=patient, status="pending").first()
    if invitation is None:
        invitation = invite(
            patient=patient,
            by=demo.person,  # type: ignore[attr-defined]
            email="invited-friend@example.com",
            relation="caregiver",
            permission="view",
        ).invitation
    return int(invitation.pk)


def _a_taught_mark(demo: object) -> int:
    """A caregiver skill the demo therapist marked as taught (the demo has two)."""
    from alsmove.caregiving.models import SkillTaught

    mark = SkillTaught.objects.filter(patient=demo.patient).first()  # type: ignore[attr-defined]
    assert mark is not None, "the demo marks two skills as taught"
    return int(mark.pk)


def demo_samples(demo: object) -> dict[str, str]:
    patient = demo.patient  # type: ignore[attr-defined]
    link = patient.care_links.active().get(member=demo.caregiver)  # type: ignore[attr-defined]
    # The newest routine version, so pages and API routes about one version have one.
    latest = patient.routine_plans.order_by("-version").first()
    return {
        "patient_id": str(patient.pk),
        "link_id": str(link.pk),
        "slug": "neck-forward-tilt",
        "step": "date",
        "version": str(latest.version if latest is not None else 1),
        "index": "1",
        "user_id": str(demo.therapist.pk),  # type: ignore[attr-defined]
        "uidb64": "MQ",
        "token": "not-a-valid-token",
        "log_id": str(_a_session_log(demo)),
        "alert_id": str(_an_alert(demo)),
        "invitation_id": str(_an_invitation(demo)),
        "feeling_id": str(_a_feeling(demo)),
        "assessment_id": str(
            patient.assessments.filter(superseded_at__isnull=True, source="clinician")
            .order_by("-taken_on")
            .values_list("pk", flat=True)
            .first()
        ),
        "kind": "after_30_min",
        "exercise": "neck-forward-tilt",
        "resource": "massage",
        "skill": "transfer-board-bed-chair",
        # The support desk (Django's admin): a record's row, and an app's index.
        "object_id": str(patient.pk),
        "content_type_id": "1",
        "app_label": "patients",
        "mark_id": str(_a_taught_mark(demo)),
        "item": "ramp",  # on the demo's equipment plan, and in the catalogue
        "code": "es",  # the language switcher
    }


# Who would open each page; everything else is opened by the person with ALS.
VIEWER = {
    "patients/new/": "therapist",
    "patients/<int:patient_id>/routine/review/": "therapist",
    "clinic/": "admin",
    "clinic/staff/<int:user_id>/switch-off/": "admin",
    "clinic/staff/<int:user_id>/reset-two-step/": "admin",
    "clinic/import/": "admin",
    "clinic/trail/": "admin",
    "accounts/login/": None,
    "accounts/signup/": None,
    "accounts/password-reset/": None,
    "accounts/reset/<uidb64>/<token>/": None,
    # The person owns the record and cannot leave it; a caregiver can.
    "patients/<int:patient_id>/team/leave/": "caregiver",
    # The emailed link, opened by the therapist it was sent to (see _samples).
    "invitations/<str:token>/": "other_therapist",
    # Importing ALSFRS-R records from a FHIR bundle is the therapist's (IMPORT_ASSESSMENTS).
    "patients/<int:patient_id>/fhir/import/": "therapist",
    # The plan of care is written and signed by the therapist (WRITE_PLAN_OF_CARE).
    "patients/<int:patient_id>/documents/plan-of-care/": "therapist",
}
# Pages only: a pictogram file is an image (its alt text is checked on the library page),
# and a route named like a file is a download (a FHIR bundle, a calendar, a PDF, a zip).
DOWNLOADS = (".svg", ".json", ".ics", ".pdf", ".zip", ".csv")
# The support desk is Django's own admin, for support staff: its markup is Django's, not
# the product's, and it is walked for refusals and audit in tests/accounts, not here.
SUPPORT_DESK = settings.ALSMOVE_SUPPORT_URL
PAGES = [
    r
    for r in all_routes()
    if not r.is_api
    and not r.template.endswith(DOWNLOADS)
    and not r.template.startswith(SUPPORT_DESK)
]


def page_samples(demo: object, route: Route) -> dict[str, str]:
    """demo_samples, and for the emailed invitation a fresh one to the other therapist."""
    samples = demo_samples(demo)
    if route.template == "invitations/<str:token>/":
        from alsmove.patients.invitations import invite

        samples["token"] = invite(
            patient=demo.patient,  # type: ignore[attr-defined]
            by=demo.person,  # type: ignore[attr-defined]
            email=demo.other_therapist.email,  # type: ignore[attr-defined]
            relation="therapist",
            permission="view",
        ).token
    return samples
