"""Reads of a person's record are in the audit trail, and the person reads who looked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from signin_support import sign_in

from alsmove.accounts.audit import READ, READ_WINDOW
from alsmove.accounts.models import AuditEvent
from alsmove.demo.seed import Demo


def _client(user: Any, address: str = "127.0.0.1") -> Client:
    client = Client(REMOTE_ADDR=address)
    sign_in(client, user)
    return client


def _inserts(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]


def _who_looked(demo: Demo) -> str:
    response = _client(demo.person).get(f"/patients/{demo.patient.pk}/who-looked/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_therapists_read_is_recorded_with_who_what_when_and_from_where(demo: Demo) -> None:
    client = _client(demo.therapist, "203.0.113.7")
    assert client.get(f"/patients/{demo.patient.pk}/progress/").status_code == 200
    event = AuditEvent.objects.get(action=READ, actor=demo.therapist, patient=demo.patient)
    assert event.kind == "assessments:progress"
    assert event.relation == "therapist"
    assert event.actor_label == "Tess Morgan"
    assert event.address == "203.0.113.7"
    assert event.organisation_id == demo.riverside.pk
    assert timezone.now() - event.at < timedelta(minutes=1)


def test_the_who_looked_page_shows_therapist_reads_and_not_others_records(demo: Demo) -> None:
    assert _client(demo.therapist).get(f"/patients/{demo.patient.pk}/progress/").status_code == 200
    # Omar reads Priya's record (his own patient), not Sam's.
    omar = _client(demo.other_therapist)
    assert omar.get(f"/patients/{demo.other_patient.pk}/progress/").status_code == 200
    page = _who_looked(demo)
    assert "Tess Morgan, your therapist, looked at your function scores and progress on" in page
    assert "Omar Haddad" not in page
    assert "Priya" not in page


def test_the_persons_own_visits_are_not_listed_or_recorded(demo: Demo) -> None:
    before = AuditEvent.objects.filter(action=READ).count()
    client = _client(demo.person)
    assert client.get(f"/patients/{demo.patient.pk}/progress/").status_code == 200
    assert AuditEvent.objects.filter(action=READ).count() == before
    assert "Sam Rivera, " not in _who_looked(demo)


def test_the_who_looked_page_says_the_time_on_the_persons_clock(demo: Demo) -> None:
    demo.patient.time_zone = "Asia/Tokyo"
    demo.patient.save(update_fields=["time_zone"])
    at = timezone.now().replace(hour=23, minute=30, second=0, microsecond=0) - timedelta(days=1)
    AuditEvent.objects.create(
        at=at, actor=demo.therapist, relation="therapist", patient=demo.patient,
        action=READ, kind="routines:routine",
    )  # fmt: skip
    tokyo = timezone.localtime(at, timezone.get_fixed_timezone(9 * 60))
    # The demo's own entries of today (its equipment plan) come first: read two pages.
    client = _client(demo.person)
    pages = "".join(
        client.get(f"/patients/{demo.patient.pk}/who-looked/?page={n}").content.decode()
        for n in (1, 2)
    )
    assert f"looked at your exercise routine on {tokyo:%-d %B %Y} at 08:30." in pages


def test_only_the_person_opens_who_looked_their_caregiver_and_therapist_are_refused(
    demo: Demo,
) -> None:
    url = f"/patients/{demo.patient.pk}/who-looked/"
    for user in (demo.caregiver, demo.therapist):
        assert _client(user).get(url).status_code == 403
    assert _client(demo.other_person).get(url).status_code == 404


def test_a_therapist_of_another_person_is_refused_and_nothing_written_names_the_record(
    demo: Demo,
) -> None:
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    response = _client(demo.other_therapist).get(f"/patients/{demo.patient.pk}/progress/")
    assert response.status_code == 404
    new = AuditEvent.objects.exclude(pk__in=before)
    assert [e.action for e in new] == ["refused"]
    refusal = new.get()
    assert refusal.patient_id is None
    assert refusal.actor_id == demo.other_therapist.pk
    written = repr(list(new.values()))
    assert demo.patient.display_name not in written
    assert f"/{demo.patient.pk}/" not in written


def test_a_person_trying_another_record_is_kept_without_their_name(demo: Demo) -> None:
    response = _client(demo.person).get(f"/patients/{demo.other_patient.pk}/")
    assert response.status_code == 404
    refusal = AuditEvent.objects.filter(action="refused").latest("at")
    assert refusal.actor_label == "" and refusal.relation == "person"
    assert refusal.patient_id is None


def test_a_caregiver_who_may_not_log_is_refused_and_the_record_is_not_named(demo: Demo) -> None:
    client = _client(demo.caregiver)
    demo.patient.care_links.filter(member=demo.caregiver).update(permission="view")
    response = client.get(f"/patients/{demo.patient.pk}/profile/")
    assert response.status_code == 403
    refusal = AuditEvent.objects.filter(action="refused").latest("at")
    assert refusal.patient_id is None and refusal.actor_label == ""


def test_one_page_view_adds_one_insert_and_a_repeat_within_the_window_adds_none(
    demo: Demo,
) -> None:
    client = _client(demo.therapist)
    url = f"/patients/{demo.patient.pk}/progress/"
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).status_code == 200
    audit_inserts = [sql for sql in _inserts(first) if "accounts_auditevent" in sql]
    assert len(audit_inserts) == 1
    assert [sql for sql in _inserts(again) if "accounts_auditevent" in sql] == []
    assert AuditEvent.objects.filter(actor=demo.therapist, action=READ).count() == 1


def test_a_view_after_the_window_is_recorded_again(demo: Demo) -> None:
    client = _client(demo.therapist)
    url = f"/patients/{demo.patient.pk}/progress/"
    assert client.get(url).status_code == 200
    AuditEvent.objects.create(
        at=timezone.now() - READ_WINDOW - timedelta(seconds=1), actor=demo.caregiver,
        patient=demo.patient, action=READ, kind="assessments:progress",
    )  # fmt: skip
    caregiver = _client(demo.caregiver)
    assert caregiver.get(url).status_code == 200
    reads = AuditEvent.objects.filter(
        actor=demo.caregiver, action=READ, kind="assessments:progress"
    )
    assert reads.count() == 2


def test_an_api_read_is_recorded_once(demo: Demo) -> None:
    client = _client(demo.therapist)
    for _ in range(3):
        assert client.get(f"/api/v1/patients/{demo.patient.pk}/routine").status_code == 200
    reads = AuditEvent.objects.filter(actor=demo.therapist, action=READ)
    assert reads.count() == 1
    assert reads.get().kind.startswith("api")


def test_a_write_request_is_not_recorded_as_a_read(demo: Demo) -> None:
    client = _client(demo.therapist)
    client.post(f"/patients/{demo.patient.pk}/profile/", {})
    assert not AuditEvent.objects.filter(actor=demo.therapist, action=READ).exists()


def test_the_who_looked_page_pages_through_a_long_trail_in_bounded_queries(
    demo: Demo, django_assert_max_num_queries: Any
) -> None:
    now = timezone.now() + timedelta(hours=2)  # newer than anything the demo holds
    for n in range(65):
        AuditEvent.objects.create(
            at=now - timedelta(minutes=n), actor=demo.therapist, relation="therapist",
            patient=demo.patient, action=READ, kind="routines:routine",
        )  # fmt: skip
    client = _client(demo.person)
    url = f"/patients/{demo.patient.pk}/who-looked/"
    assert client.get(url).status_code == 200  # the stored session
    with django_assert_max_num_queries(12):
        response = client.get(url + "?page=2")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Tess Morgan, your therapist") == 20
    pages = -(
        -AuditEvent.objects.filter(patient=demo.patient).exclude(actor=demo.person).count() // 20
    )
    assert f"Page 2 of {pages}" in page


def test_the_record_and_the_home_page_link_to_who_looked(demo: Demo) -> None:
    client = _client(demo.person)
    link = f"/patients/{demo.patient.pk}/who-looked/"
    assert link in client.get(f"/patients/{demo.patient.pk}/").content.decode()
    assert link in client.get("/").content.decode()
    therapist = _client(demo.therapist)
    assert link not in therapist.get(f"/patients/{demo.patient.pk}/").content.decode()


def test_a_caregivers_look_is_named_from_their_account_and_not_kept_in_the_row(
    demo: Demo,
) -> None:
    caregiver = _client(demo.caregiver)
    assert caregiver.get(f"/patients/{demo.patient.pk}/routine/").status_code == 200
    read = AuditEvent.objects.get(action=READ, actor=demo.caregiver)
    assert read.actor_label == "" and read.relation == "caregiver"
    assert "Alex Rivera, your caregiver, looked at your exercise routine on" in _who_looked(demo)


def test_a_caregivers_quick_log_is_a_change_on_the_persons_page_in_its_transaction(
    demo: Demo,
) -> None:
    import uuid

    from alsmove.logbook.models import SessionLog

    client = _client(demo.caregiver)
    response = client.post(
        f"/patients/{demo.patient.pk}/log/new/",
        {"client_id": str(uuid.uuid4()), "pain": "0", "fatigue": "2", "cramps": "none"},
    )
    assert response.status_code in (200, 302)
    log = SessionLog.objects.filter(patient=demo.patient, entered_by=demo.caregiver).latest("pk")
    row = AuditEvent.objects.get(action="session_logged", actor=demo.caregiver)
    assert row.patient_id == demo.patient.pk and row.detail == str(log.day)
    assert not AuditEvent.objects.filter(action=READ, actor=demo.caregiver).exists()
    assert "Alex Rivera, your caregiver, logged an exercise session on" in _who_looked(demo)


def test_a_read_says_your_in_the_words_of_the_page_in_spanish_and_german(demo: Demo) -> None:
    # "your" takes the page's gender and number: one phrase per page, never "your %(what)s".
    from alsmove.patients.trail import LOOKED_AT_WORDS, PAGE_WORDS

    assert LOOKED_AT_WORDS.keys() == PAGE_WORDS.keys()
    client = _client(demo.therapist)
    assert client.get(f"/patients/{demo.patient.pk}/progress/").status_code == 200
    assert client.get(f"/patients/{demo.patient.pk}/routine/").status_code == 200
    person = _client(demo.person)
    for language, words in (
        ("es", ["miró tus puntuaciones de función y tu evolución", "miró tu rutina de ejercicios"]),
        ("de", ["hat sich Ihre Funktionswerte und Ihren Verlauf", "hat sich Ihren Übungsplan"]),
    ):
        page = person.get(
            f"/patients/{demo.patient.pk}/who-looked/", HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        assert all(phrase in page for phrase in words), language
