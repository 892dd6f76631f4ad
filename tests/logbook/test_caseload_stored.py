"""The caseload's stored figures (`StoredAttention`) and its kept drawn pages
(`caseload_words.drawn_caseload`) follow every change of their inputs: after each change
the page shows the new truth, and what it shows equals a caseload judged, and a page
drawn, from nothing stored or kept."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_script_prefix, set_script_prefix
from django.utils import timezone
from logbook_support import client_for, log_session, therapists_record

from alsmove.accounts.models import User
from alsmove.assessments.models import Assessment
from alsmove.assessments.services import record_assessment
from alsmove.demo.seed import Demo
from alsmove.logbook import attention, caseload_words
from alsmove.logbook.alerts import acknowledge_alert
from alsmove.logbook.attention import FAST_DECLINE, NEW_ALERTS, NO_LOGS, REVIEW, caseload
from alsmove.logbook.corrections import correct_log
from alsmove.logbook.models import Alert, StoredAttention
from alsmove.logbook.services import Entry
from alsmove.patients.clock import today_for
from alsmove.patients.models import CareLink, Patient
from alsmove.patients.services import revoke_member
from alsmove.routines.models import RoutinePlan, Status

ITEMS = ("1", "2", "3", "4", "5a", "6", "7", "8", "9", "10", "11", "12")


def _figures(user: User, today: date | None = None) -> list[tuple[Any, ...]]:
    return [
        (r.pk, r.rank, r.signals, r.rate, r.quiet_days, r.pending_review, r.open_alerts)
        for r in caseload(user, today)
    ]


def _row(user: User, patient: Patient, today: date | None = None) -> Any:
    return next(r for r in caseload(user, today) if r.pk == patient.pk)


_CLIENTS: dict[int, Client] = {}


@pytest.fixture(autouse=True)
def _a_new_sign_in_and_nothing_kept_each_test() -> None:
    _CLIENTS.clear()
    caseload_words._DRAWN.clear()


def _look(user: User, url: str) -> str:
    if user.pk not in _CLIENTS:  # one sign-in per test (its message shows once)
        _CLIENTS[user.pk] = client_for(user)
        _CLIENTS[user.pk].get("/")
    html = _CLIENTS[user.pk].get(url).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _page(user: User, url: str = "/caseload/") -> str:
    """The page, looked at twice: the second look reads what the first kept (the first
    may have judged rates again, and is then not kept), so a change made after this is
    seen only if the kept page's key holds it."""
    first = _look(user, url)
    assert _look(user, url) == first
    return first


def _card(user: User, name: str) -> str:
    """The person's row on the (kept) page: their name, reasons and links."""
    cards = _page(user).split('<li class="card caseload-row')[1:]
    return next(card for card in cards if f">{name}</a>" in card)


def _same_as_judged_from_nothing(user: User, today: date | None = None) -> None:
    stored = _figures(user, today)
    kept = _page(user)
    assert len(caseload_words._DRAWN) > 0
    StoredAttention.objects.all().delete()
    assert stored == _figures(user, today)
    if today is None:  # the page is judged on the real day
        StoredAttention.objects.all().delete()
        caseload_words._DRAWN.clear()
        assert kept == _page(user)


def _score(patient: Patient, by: User, points: int, days_ago: int = 3, **kw: Any) -> Assessment:
    return record_assessment(
        patient=patient,
        by=by,
        taken_on=timezone.localdate() - timedelta(days=days_ago),
        items={k: points for k in ITEMS},
        **kw,
    )


def test_a_second_look_at_the_caseload_reads_the_stored_figures(demo: Demo) -> None:
    patient = therapists_record(demo, "Cora Fast", onset_days=180)
    _score(patient, demo.therapist, 2)
    first = _figures(demo.therapist)
    stored = StoredAttention.objects.get(patient=patient)
    assert stored.rate is not None and stored.rate > 0
    assert _figures(demo.therapist) == first
    assert StoredAttention.objects.get(patient=patient).computed_at == stored.computed_at
    _same_as_judged_from_nothing(demo.therapist)


def test_a_new_log_ends_the_quiet_reason_at_once(demo: Demo) -> None:
    patient = therapists_record(demo, "Gil Quiet")
    log_session(patient, demo.person, day=today_for(patient) - timedelta(days=9))
    assert "No session logged for 9 days" in _page(demo.therapist)
    log_session(patient, demo.person, day=today_for(patient))
    assert _row(demo.therapist, patient).rank != NO_LOGS
    assert "No session logged for 9 days" not in _page(demo.therapist)
    _same_as_judged_from_nothing(demo.therapist)


def test_a_new_alert_puts_the_person_first_at_once(demo: Demo) -> None:
    patient = therapists_record(demo, "Hal Sore")
    log_session(patient, demo.person, day=today_for(patient) - timedelta(days=1))
    assert _row(demo.therapist, patient).rank != NEW_ALERTS
    assert "new alert" not in _card(demo.therapist, "Hal Sore")
    log_session(patient, demo.person, day=today_for(patient), pain_on="ankle-pumps", pain=6)
    row = _row(demo.therapist, patient)
    assert row.rank == NEW_ALERTS and row.open_alerts == 1
    assert "1 new alert to look at" in _card(demo.therapist, "Hal Sore")
    _same_as_judged_from_nothing(demo.therapist)


def test_an_acknowledged_alert_leaves_the_caseload_at_once(demo: Demo) -> None:
    patient = therapists_record(demo, "Ida Ache")
    log_session(patient, demo.person, day=today_for(patient), pain_on="ankle-pumps", pain=6)
    assert _row(demo.therapist, patient).rank == NEW_ALERTS
    assert "1 new alert to look at" in _card(demo.therapist, "Ida Ache")
    alert = Alert.objects.get(patient=patient)
    acknowledge_alert(alert, by=demo.therapist, note="Called: resting today.")
    assert _row(demo.therapist, patient).open_alerts == 0
    assert "new alert" not in _card(demo.therapist, "Ida Ache")
    _same_as_judged_from_nothing(demo.therapist)


def test_a_corrected_log_that_withdraws_its_alert_shows_at_once(demo: Demo) -> None:
    patient = therapists_record(demo, "Jo Mistyped")
    log = log_session(patient, demo.person, day=today_for(patient), pain_on="ankle-pumps", pain=6)
    assert _row(demo.therapist, patient).rank == NEW_ALERTS
    assert "1 new alert to look at" in _card(demo.therapist, "Jo Mistyped")
    correct_log(
        patient=patient,
        log_id=log.pk,
        by=demo.person,
        revision=log.revision,
        entries=[Entry("ankle-pumps", "done", 0)],
        fatigue=2,
        cramps="none",
        breathless_after=False,
    )
    assert _row(demo.therapist, patient).open_alerts == 0
    assert "new alert" not in _card(demo.therapist, "Jo Mistyped")
    _same_as_judged_from_nothing(demo.therapist)


def test_a_new_alsfrs_record_shows_a_fast_decline_at_once(demo: Demo) -> None:
    patient = therapists_record(demo, "Kim Falling", onset_days=180)
    log_session(patient, demo.person, day=today_for(patient))
    assert _row(demo.therapist, patient).rate is None
    assert StoredAttention.objects.filter(patient=patient, rate=None).exists()
    assert "Function is falling" not in _card(demo.therapist, "Kim Falling")
    _score(patient, demo.therapist, 2)
    row = _row(demo.therapist, patient)
    assert row.rank == FAST_DECLINE and row.rate is not None
    assert "Function is falling faster than average" in _card(demo.therapist, "Kim Falling")
    _same_as_judged_from_nothing(demo.therapist)


def test_a_corrected_alsfrs_record_changes_the_rate_at_once(demo: Demo) -> None:
    patient = therapists_record(demo, "Lou Corrected", onset_days=180)
    log_session(patient, demo.person, day=today_for(patient))
    record = _score(patient, demo.therapist, 4)
    slow = _row(demo.therapist, patient)
    assert slow.rate == 0.0 and slow.rank != FAST_DECLINE
    assert "Function is falling" not in _card(demo.therapist, "Lou Corrected")
    _score(patient, demo.therapist, 2, replaces=record)
    fast = _row(demo.therapist, patient)
    assert fast.rank == FAST_DECLINE and fast.rate is not None and fast.rate > 0
    assert "Function is falling" in _card(demo.therapist, "Lou Corrected")
    _same_as_judged_from_nothing(demo.therapist)


def test_a_changed_onset_date_changes_the_rate_at_once(demo: Demo) -> None:
    patient = therapists_record(demo, "Max Moved", onset_days=180)
    _score(patient, demo.therapist, 2)
    before = _row(demo.therapist, patient).rate
    assert f"{before} points a month" in _card(demo.therapist, "Max Moved")
    Patient.objects.filter(pk=patient.pk).update(
        onset_date=timezone.localdate() - timedelta(days=3000)
    )
    after = _row(demo.therapist, patient).rate
    assert before is not None and after is not None and after < before
    assert f"{before} points a month" not in _card(demo.therapist, "Max Moved")
    _same_as_judged_from_nothing(demo.therapist)


def test_a_routine_to_review_and_a_team_change_show_at_once(demo: Demo) -> None:
    patient = therapists_record(demo, "Nia Review")
    log_session(patient, demo.person, day=today_for(patient))
    assert _row(demo.therapist, patient).rank != REVIEW
    assert "routine is waiting" not in _card(demo.therapist, "Nia Review")
    RoutinePlan.objects.create(patient=patient, version=1, status=Status.PROPOSED, stage="early")
    assert _row(demo.therapist, patient).rank == REVIEW
    assert "routine is waiting" in _card(demo.therapist, "Nia Review")
    # Only someone who may approve a routine is asked to review one.
    CareLink.objects.filter(patient=patient, member=demo.therapist).update(permission="log")
    assert _row(demo.therapist, patient).rank != REVIEW
    assert "routine is waiting" not in _card(demo.therapist, "Nia Review")
    link = CareLink.objects.get(patient=patient, member=demo.therapist)
    revoke_member(patient=patient, by=demo.therapist, link_id=link.pk)
    assert patient.pk not in [r.pk for r in caseload(demo.therapist)]
    assert "Nia Review" not in _page(demo.therapist)
    _same_as_judged_from_nothing(demo.therapist)


def test_the_next_day_in_the_persons_zone_is_judged_again(demo: Demo) -> None:
    patient = therapists_record(demo, "Oli Tomorrow", onset_days=180)
    today = timezone.localdate()
    log_session(patient, demo.person, day=today - timedelta(days=6))
    # A record dated tomorrow does not fit today (PLAUSIBLE rules): no rate until then.
    Assessment.objects.create(
        patient=patient,
        taken_on=today + timedelta(days=1),
        items={k: 2 for k in ITEMS},
        total=24,
        source="clinician",
        entered_by=demo.therapist,
    )
    row = _row(demo.therapist, patient, today)
    assert row.rate is None and row.rank != NO_LOGS
    tomorrow = _row(demo.therapist, patient, today + timedelta(days=1))
    assert tomorrow.rate is not None and tomorrow.signals == [NO_LOGS, FAST_DECLINE]
    assert tomorrow.quiet_days == 7
    _same_as_judged_from_nothing(demo.therapist, today + timedelta(days=1))


def test_each_record_is_judged_on_its_own_zones_day_and_follows_a_new_zone(demo: Demo) -> None:
    # UTC+14 and UTC-11 are a day or more apart at every moment.
    ahead = therapists_record(demo, "Pia Ahead", zone="Pacific/Kiritimati")
    behind = therapists_record(demo, "Quin Behind", zone="Pacific/Pago_Pago")
    assert today_for(ahead) > today_for(behind)
    day = today_for(behind) - timedelta(days=6)
    for patient in (ahead, behind):
        log_session(patient, demo.person, day=day)
    rows = {r.pk: r for r in caseload(demo.therapist)}
    assert rows[ahead.pk].rank == NO_LOGS and rows[behind.pk].rank != NO_LOGS
    assert "No session logged for" not in _card(demo.therapist, "Quin Behind")
    # The record moves to the zone ahead: its day, and so its figures, move with it.
    Patient.objects.filter(pk=behind.pk).update(time_zone="Pacific/Kiritimati")
    assert _row(demo.therapist, behind).rank == NO_LOGS
    assert "No session logged for" in _card(demo.therapist, "Quin Behind")
    _same_as_judged_from_nothing(demo.therapist)


def test_judging_every_record_again_takes_as_many_queries_as_judging_one(demo: Demo) -> None:
    # A new day turns every record's stamp at once: the caseload judges them all together.
    first = therapists_record(demo, "Vic One", onset_days=180)
    _score(first, demo.therapist, 2)
    caseload(demo.therapist)
    StoredAttention.objects.filter(patient=first).delete()
    with CaptureQueriesContext(connection) as one:
        caseload(demo.therapist)
    for n in range(8):
        _score(therapists_record(demo, f"Wyn {n}", onset_days=180), demo.therapist, 2)
    StoredAttention.objects.all().delete()
    with CaptureQueriesContext(connection) as all_of_them:
        caseload(demo.therapist)
    assert len(all_of_them) == len(one)
    assert StoredAttention.objects.count() == len(caseload(demo.therapist))


def _listing(page: str) -> str:
    """The drawn rows and pager (the rest of the page names its own address)."""
    found = re.search(
        r'<ol class="caseload-list".*?</ol>\s*(<nav class="pager".*?</nav>)?', page, re.S
    )
    assert found is not None
    return found.group(0)


def _fresh_page(user: User, url: str = "/caseload/") -> str:
    caseload_words._DRAWN.clear()
    return _look(user, url)


def test_a_kept_caseload_page_is_the_page_drawn_from_nothing_kept(demo: Demo) -> None:
    patient = therapists_record(demo, "Ada Kept", onset_days=180)
    _score(patient, demo.therapist, 2)
    log_session(patient, demo.person, day=today_for(patient) - timedelta(days=8))
    first = _page(demo.therapist)
    assert "Ada Kept" in first and "No session logged for 8 days" in first
    assert _page(demo.therapist) == first == _fresh_page(demo.therapist)


def test_a_page_whose_rates_were_judged_again_is_not_kept(demo: Demo) -> None:
    # The rates judged again read ALSFRS-R rows that the kept page's key does not hold.
    _score(therapists_record(demo, "Bo Judged", onset_days=180), demo.therapist, 2)
    StoredAttention.objects.all().delete()
    caseload_words._DRAWN.clear()
    judged = _look(demo.therapist, "/caseload/")
    assert len(caseload_words._DRAWN) == 0
    assert _look(demo.therapist, "/caseload/") == judged
    assert len(caseload_words._DRAWN) == 1


def test_the_language_of_the_reader_is_part_of_a_kept_page(demo: Demo) -> None:
    therapists_record(demo, "Cy Sprache")
    english = _page(demo.therapist)
    assert "No session logged yet." in english and len(caseload_words._DRAWN) == 1
    User.objects.filter(pk=demo.therapist.pk).update(language="de")
    german = _page(demo.therapist)
    assert "Noch keine Einheit eingetragen." in german
    assert "No session logged yet." not in german
    assert german == _fresh_page(demo.therapist)


def test_each_page_of_a_long_caseload_is_kept_apart(demo: Demo) -> None:
    # 41 people and more: two pages of 40, the names sorting after the demo's own.
    for n in range(41):
        therapists_record(demo, f"Zed {n:02}")
    first = _page(demo.therapist)
    second = _page(demo.therapist, "/caseload/?page=2")
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert "Zed 40" in second and "Zed 40" not in first
    # A page number that is not one shows the nearest real page, kept as that page.
    assert _listing(_page(demo.therapist, "/caseload/?page=9")) == _listing(second)
    assert _listing(_page(demo.therapist, "/caseload/?page=x")) == _listing(first)
    assert second == _fresh_page(demo.therapist, "/caseload/?page=2")


def test_the_addresses_prefix_is_part_of_a_kept_page(demo: Demo) -> None:
    # A site served under a path (SCRIPT_NAME): the handler sets the prefix per request.
    patient = therapists_record(demo, "Eli Prefix")
    assert f'href="/patients/{patient.pk}/alerts/"' in _page(demo.therapist)
    assert f'href="/patients/{patient.pk}/alerts/"' in _page(demo.therapist)
    set_script_prefix("/clinic/")
    try:
        under = caseload_words.drawn_caseload(demo.therapist, None).listing
    finally:
        clear_script_prefix()
    assert f'href="/clinic/patients/{patient.pk}/alerts/"' in under


def test_a_new_day_in_the_persons_zone_shows_on_a_kept_page(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = therapists_record(demo, "Flo Tomorrow")
    log_session(patient, demo.person, day=today_for(patient) - timedelta(days=6))
    assert "Flo Tomorrow" in _page(demo.therapist)
    assert "No session logged for 7 days" not in _page(demo.therapist)
    real = attention.today_for
    monkeypatch.setattr(attention, "today_for", lambda *a: real(*a) + timedelta(days=1))
    assert "No session logged for 7 days" in _page(demo.therapist)
    assert _page(demo.therapist) == _fresh_page(demo.therapist)
