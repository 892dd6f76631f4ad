"""One API shape (issue 11): a domain error says what went wrong by its class (invalid,
conflict, not found), one handler per family in api/main.py maps it to a status, and the
sentence it carries answers in the request's language. No route catches one itself."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext
from portability_support import new_person
from signin_support import sign_in

from alsmove.core.alsfrs import AlsfrsError
from alsmove.core.i18n import Message
from alsmove.demo.seed import Demo
from alsmove.equipment.services import PlanConflict, PlanError
from alsmove.interop.fhir.parse import BundleError, Problem
from alsmove.interop.services import DIFFERENT_STORED, ImportConflict
from alsmove.logbook.services import LogConflict, LogError
from alsmove.patients.invitations import invite
from alsmove.patients.services import TeamError, TeamNotFound
from alsmove.portability.calendar import CalendarError
from alsmove.portability.export import export_record
from alsmove.portability.importer import ImportRefused
from alsmove.routines.models import RoutinePlan
from alsmove.routines.services import RoutineConflict, RoutineError

LANGUAGES = ("es", "de")
API = Path(__file__).resolve().parents[2] / "alsmove" / "api"

# (the error as a service raises it, the status it answers, the field named before it)
KINDS: list[tuple[Exception, int, str]] = [
    (AlsfrsError(Message("That record has changed since; start again.")), 400, ""),
    (RoutineError("Nothing was changed, so no new version was made."), 400, ""),
    (RoutineConflict("Only a routine waiting for review can be approved."), 409, ""),
    (TeamError("Choose what they may do.", "permission"), 400, "permission"),
    (TeamError("This is your own record."), 400, ""),
    (TeamNotFound("You are not on this care team."), 404, ""),
    (ImportRefused("assessments: an id is used twice."), 422, ""),
    (
        ImportRefused(
            "Entries of this file are already stored here (their client ids are in use).",
            conflict=True,
        ),
        409,
        "",
    ),
]


def _english(error: Exception) -> str:
    first = error.args[0]
    return first.text if isinstance(first, Message) else str(first)


def _answer(error: Exception, language: str) -> Any:
    from alsmove.api.main import api

    with translation.override(language):
        response = api.on_exception(RequestFactory().get("/api/v1/"), error)
    return response.status_code, json.loads(response.content)


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("error", "status", "field"),
    KINDS,
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_each_error_kind_answers_its_status_with_the_sentence_in_the_request_language(
    error: Exception, status: int, field: str, language: str
) -> None:
    english = _english(error)
    translated = _in(language, english)
    assert translated != english, f"no {language} translation of {english!r}"
    answered, body = _answer(error, language)
    assert answered == status
    assert body["detail"] == (f"{field}: {translated}" if field else translated)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_fhir_entry_that_cannot_be_read_is_422_and_one_that_clashes_409_naming_it(
    language: str,
) -> None:
    problem = Problem(Message(DIFFERENT_STORED, {"day": "2026-03-01"}), 2)
    with translation.override(language):
        expected = gettext("entry {entry}: {problem}").format(
            entry=2, problem=gettext(DIFFERENT_STORED).format(day="2026-03-01")
        )
    assert expected != problem.render()
    for error, status in ((BundleError(problem), 422), (ImportConflict(problem), 409)):
        answered, body = _answer(error, language)
        assert answered == status
        assert body == {"detail": expected, "errors": [{"entry": 2, "message": expected}]}


def test_every_domain_error_family_has_one_handler_and_each_kind_its_own_status() -> None:
    from alsmove.api.main import api

    request = RequestFactory().get("/api/v1/")
    families = [
        (LogError("x"), 400),
        (LogConflict("x"), 409),
        (PlanError("item", "x"), 422),
        (PlanConflict("item", "x"), 409),
        (CalendarError("x"), 409),
        *((error, status) for error, status, _field in KINDS),
    ]
    for error, status in families:
        assert api.on_exception(request, error).status_code == status, type(error).__name__


def _caught_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            kinds = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            names |= {kind.id for kind in kinds if isinstance(kind, ast.Name)}
    return names


def test_no_api_route_catches_a_domain_error_itself() -> None:
    domain = {
        cls.__name__
        for cls in (
            AlsfrsError,
            BundleError,
            CalendarError,
            ImportConflict,
            ImportRefused,
            LogConflict,
            LogError,
            PlanConflict,
            PlanError,
            RoutineConflict,
            RoutineError,
            TeamError,
            TeamNotFound,
        )
    }
    caught = {
        f"{path.name}: {name}"
        for path in sorted(API.glob("*.py"))
        for name in _caught_names(path) & domain
    }
    assert caught == set()


# Through the routes: the services raise the kind, the handler answers it.


def _client(user: object, language: str) -> Client:
    client = Client(headers={"accept-language": language})
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _send(client: Client, method: str, url: str, body: object | None = None) -> Any:
    return getattr(client, method)(url, json.dumps(body or {}), content_type="application/json")


@pytest.mark.parametrize("language", LANGUAGES)
def test_approving_a_version_no_longer_waiting_is_a_translated_409(
    demo: Demo, language: str
) -> None:
    plan = RoutinePlan.objects.filter(patient=demo.patient).exclude(status="proposed").first()
    assert plan is not None
    url = f"/api/v1/patients/{demo.patient.pk}/routine/{plan.version}/approve"
    answer = _send(_client(demo.therapist, language), "post", url)
    assert answer.status_code == 409
    assert answer.json() == {
        "detail": _in(language, "Only a routine waiting for review can be approved.")
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawing_an_invitation_twice_is_a_translated_404(demo: Demo, language: str) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="friend@example.com",
        relation="caregiver",
        permission="view",
    )
    url = f"/api/v1/patients/{demo.patient.pk}/team/invitations/{sent.invitation.pk}"
    person = _client(demo.person, language)
    assert _send(person, "delete", url).status_code == 204
    again = _send(person, "delete", url)
    assert again.status_code == 404
    assert again.json() == {
        "detail": _in(language, "That invitation is no longer waiting for an answer.")
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_invitation_the_inviter_got_wrong_is_a_translated_400_naming_the_field(
    demo: Demo, language: str
) -> None:
    url = f"/api/v1/patients/{demo.patient.pk}/team/invitations"
    body = {"email": "x@example.com", "relation": "caregiver", "permission": "edit_plan"}
    answer = _send(_client(demo.person, language), "post", url, body)
    assert answer.status_code == 400
    expected = _in(language, "Only a therapist can change the plan.")
    assert answer.json() == {"detail": f"permission: {expected}"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_alsfrs_record_that_cannot_be_scored_is_a_translated_400(
    demo: Demo, language: str
) -> None:
    items = {str(n): 3 for n in (1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12)} | {"5a": 3, "5b": 2}
    body = {"date": timezone.localdate().isoformat(), "items": items}
    url = f"/api/v1/patients/{demo.patient.pk}/alsfrs"
    answer = _send(_client(demo.person, language), "post", url, body)
    assert answer.status_code == 400
    assert answer.json() == {"detail": _in(language, "item 5: give 5a or 5b, not both")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_record_import_with_an_alsfrs_problem_is_a_422_in_the_request_language(
    demo: Demo, language: str
) -> None:
    document = new_person(export_record(demo.patient), "new@example.org")
    document["assessments"][0]["items"].pop("3")
    answer = _send(_client(demo.admin, language), "post", "/api/v1/clinic/import", document)
    assert answer.status_code == 422
    expected = _in(language, "item {item} is missing").format(item="3")
    assert answer.json() == {"detail": f"assessments[0].items: {expected}", "errors": []}
