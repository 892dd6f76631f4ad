"""Words for people, ids for clinicians: a person or a caregiver never reads a rule id or a
raw exercise id; a caregiver sees whom they act for; errors name the exercise or field."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse
from logbook_support import client_for, empty_logbook, log_session

from alsmove.demo.seed import Demo
from alsmove.exercises.services import exercise_library
from alsmove.logbook.services import Entry, LogError, record_log, record_session

RULE_ID = re.compile(r"\b[A-Z]+(?:-[A-Z]+)+-\d\d\b")


def _painful_exercise(demo: Demo) -> tuple[str, str]:
    exercise = next(e for e in exercise_library() if e.performer != "caregiver")
    return exercise.id, exercise.name


@pytest.mark.django_db
def test_a_person_and_a_caregiver_read_no_rule_id_where_a_therapist_does(demo: Demo) -> None:
    empty_logbook(demo)
    slug, _name = _painful_exercise(demo)
    log = log_session(demo.patient, demo.person, pain_on=slug, pain=6)
    pages = [
        reverse("routines:routine", args=[demo.patient.pk]),
        reverse("logbook:session", args=[demo.patient.pk, log.pk]),
        reverse("sessions:start", args=[demo.patient.pk]),
        reverse("logbook:alerts", args=[demo.patient.pk]),
    ]
    for user in (demo.person, demo.caregiver):
        client = client_for(user)
        for page in pages:
            body = client.get(page).content.decode()
            assert not RULE_ID.search(body), (user.email, page, RULE_ID.search(body))
    therapist = client_for(demo.therapist)
    seen = [bool(RULE_ID.search(therapist.get(page).content.decode())) for page in pages]
    assert any(seen)


@pytest.mark.django_db
def test_the_routine_names_each_exercise_it_left_out_instead_of_its_id(demo: Demo) -> None:
    response = client_for(demo.person).get(reverse("routines:routine", args=[demo.patient.pk]))
    excluded = response.context["excluded"]
    assert excluded, "the demo routine leaves something out"
    body = response.content.decode()
    names = {e.id: e.name for e in exercise_library()}
    for out in excluded:
        assert out["name"] == names[out["exercise"]]
        assert f">{out['exercise']}</a>" not in body
        assert f">{out['name']}</a>" in body


@pytest.mark.django_db
def test_a_caregiver_logging_sees_for_whom_and_the_person_does_not(demo: Demo) -> None:
    page = reverse("logbook:quick_log", args=[demo.patient.pk])
    name = demo.patient.display_name
    caregiver = client_for(demo.caregiver).get(page).content.decode()
    assert f"How did it go for {name}?" in caregiver
    person = client_for(demo.person).get(page).content.decode()
    assert "How did it go for" not in person
    assert "How did it go?" in person
    start = client_for(demo.caregiver).get(reverse("sessions:start", args=[demo.patient.pk]))
    assert f"Today's session for {name}" in start.content.decode()
    routine = client_for(demo.caregiver).get(reverse("routines:routine", args=[demo.patient.pk]))
    assert f"Exercise routine for {name}" in routine.content.decode()


@pytest.mark.django_db
def test_a_pain_level_out_of_range_names_the_exercise(demo: Demo) -> None:
    slug, name = _painful_exercise(demo)
    with pytest.raises(LogError, match=re.escape(f"Pain during {name} is a number")):
        record_log(
            patient=demo.patient,
            by=demo.person,
            client_id=uuid.uuid4(),
            day=demo.patient.created_at.date(),
            plan=None,
            entries=[Entry(slug, "done", 11)],
            fatigue=2,
            cramps="none",
            breathless_after=False,
        )


@pytest.mark.django_db
def test_an_exercise_listed_twice_or_with_a_wrong_status_is_named(demo: Demo) -> None:
    slug, name = _painful_exercise(demo)
    common = {
        "patient": demo.patient,
        "by": demo.person,
        "day": demo.patient.created_at.date(),
        "plan": None,
        "fatigue": 2,
        "cramps": "none",
        "breathless_after": False,
    }
    with pytest.raises(LogError, match=re.escape(f"{name} is listed twice")):
        record_log(
            client_id=uuid.uuid4(),
            entries=[Entry(slug, "done", 0), Entry(slug, "done", 0)],
            **common,
        )
    with pytest.raises(LogError, match=re.escape(f"For {name}, choose done")):
        record_log(client_id=uuid.uuid4(), entries=[Entry(slug, "maybe", 0)], **common)
    with pytest.raises(LogError, match=re.escape(f"{name} is not in this session")):
        record_session(
            client_id=uuid.uuid4(),
            statuses={},
            pain=3,
            pain_exercises=[slug],
            **{k: v for k, v in common.items()},
        )


@pytest.mark.django_db
def test_the_quick_log_names_the_exercise_whose_answer_was_not_understood(demo: Demo) -> None:
    page = reverse("logbook:quick_log", args=[demo.patient.pk])
    client = client_for(demo.person)
    items = client.get(page).context["items"]
    assert items, "the demo has exercises today"
    first = items[0]
    response = client.post(
        page,
        {
            "client_id": str(uuid.uuid4()),
            f"status-{first['exercise']}": "sideways",
            "pain": "0",
            "fatigue": "2",
        },
    )
    assert response.status_code == 200
    assert f"For {first['name']}, choose done, partly or skipped." in response.content.decode()


@pytest.mark.django_db
def test_no_page_a_person_or_caregiver_opens_shows_a_rule_id(demo: Demo) -> None:
    """Every page route from the URL list, as the person and as their caregiver."""
    from routes_support import all_routes, demo_samples, url_for

    samples = demo_samples(demo)
    pages = [r for r in all_routes() if not r.is_api and "patient_id" in r.template]
    assert len(pages) > 10
    for user in (demo.person, demo.caregiver):
        client = client_for(user)
        for route in pages:
            response = client.get(url_for(route, samples))
            if response.status_code != 200:
                continue
            kind = response["Content-Type"].split(";")[0]
            if kind == "application/pdf":  # a printable document's text
                from pdf_support import text_of

                body = text_of(response.content)
            elif kind == "text/html":
                body = response.content.decode()
            else:  # a data download (JSON, CSV, a calendar) keeps its codes as data
                continue
            found = RULE_ID.search(body)
            assert found is None, (user.email, route.template, found.group(0) if found else "")
