"""The alerts page keeps each alert's drawn card per process (alsmove.logbook.alert_views:
`Card`, `_CARDS`), under everything the card shows: the alert, its title and message,
the day's evidence, the exercise's name and flag, who acknowledged or withdrew it and
when, the reader's rights and place on the record, the language and the person's clock.
Changing any of these shows at once, a kept page is the page drawn from nothing kept, and
every reader's forms carry their own token."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext
from logbook_support import PAINFUL_SLUG, client_for, empty_logbook, painful_neck_log

from alsmove.demo.seed import Demo
from alsmove.exercises.models import ExerciseRecord
from alsmove.logbook import alert_evidence, alert_views
from alsmove.logbook.alerts import acknowledge_alert
from alsmove.logbook.models import Alert, FlagReview
from alsmove.patients.clock import today_for


def _page(client: Client, demo: Demo) -> str:
    html = client.get(f"/patients/{demo.patient.pk}/alerts/").content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _same_as_fresh(client: Client, demo: Demo) -> str:
    kept = _page(client, demo)
    assert len(alert_views._CARDS) > 0
    alert_views._CARDS.clear()
    alert_evidence._DRAWN.clear()
    alert_views._FORMS.clear()
    assert kept == _page(client, demo)
    return kept


def _signed_in(user: object) -> Client:
    client = client_for(user)
    client.get("/")  # the sign-in message shows once, on this page
    return client


def _open_alert(demo: Demo) -> Alert:
    alert = Alert.objects.filter(patient=demo.patient, acknowledged_at__isnull=True).first()
    assert alert is not None
    return alert


def test_a_kept_card_is_the_card_drawn_from_nothing_kept(demo: Demo) -> None:
    painful_neck_log(demo)
    therapist = _signed_in(demo.therapist)
    first = _page(therapist, demo)
    assert first == _same_as_fresh(therapist, demo)
    assert "Sharp pull." in first


def test_each_reader_sees_the_cards_with_their_own_rights(demo: Demo) -> None:
    painful_neck_log(demo)
    alert = _open_alert(demo)
    form = f'id="ack-{alert.pk}-note"'
    therapist, person = _signed_in(demo.therapist), _signed_in(demo.person)
    for _ in range(2):  # the second time from the kept cards
        as_therapist, as_person = _page(therapist, demo), _page(person, demo)
        assert form in as_therapist and form not in as_person
        assert f"Rule {alert.rule}" in as_therapist
        assert f"Rule {alert.rule}" not in as_person
        assert "The therapist has been told and will look at it." in as_person
        assert "The therapist has been told and will look at it." not in as_therapist
    assert as_therapist == _same_as_fresh(therapist, demo)
    assert as_person == _same_as_fresh(person, demo)


def test_a_kept_cards_form_carries_the_readers_own_token(demo: Demo) -> None:
    painful_neck_log(demo)
    alert = _open_alert(demo)
    _signed_in(demo.therapist).get(f"/patients/{demo.patient.pk}/alerts/")  # kept now
    client = client_for(demo.therapist)
    client.handler.enforce_csrf_checks = True
    html = client.get(f"/patients/{demo.patient.pk}/alerts/").content.decode()
    action = f"/patients/{demo.patient.pk}/alerts/{alert.pk}/acknowledge/"
    form = html[html.index(f'action="{action}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token is not None
    response = client.post(action, {"csrfmiddlewaretoken": token.group(1), "note": "Called."})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledgement == "Called."


def test_a_cleared_flag_takes_its_button_off_the_card_at_once(demo: Demo) -> None:
    empty_logbook(demo)
    painful_neck_log(demo, days_ago=0)
    therapist = _signed_in(demo.therapist)
    assert "Clear the flag on" in _page(therapist, demo)
    FlagReview.objects.create(
        patient=demo.patient, exercise=PAINFUL_SLUG, day=today_for(demo.patient), reviewed_by=None
    )
    page = _same_as_fresh(therapist, demo)
    assert "Clear the flag on" not in page
    assert f'id="ack-{_open_alert(demo).pk}-note"' in page  # the alert itself still open


def test_a_renamed_exercise_shows_in_the_cards_message_at_once(demo: Demo) -> None:
    empty_logbook(demo)
    painful_neck_log(demo, days_ago=0)
    therapist = _signed_in(demo.therapist)
    _page(therapist, demo)
    record = ExerciseRecord.objects.get(slug=PAINFUL_SLUG)
    record.data = {**record.data, "name": "Zz renamed for the test"}
    record.save()
    page = _same_as_fresh(therapist, demo)
    assert "Clear the flag on Zz renamed for the test" in page
    shown = re.findall(r"Message shown at the time:</strong> ([^<]*)</p>", page)
    assert any("Zz renamed for the test" in message for message in shown)


def test_a_renamed_acknowledger_shows_by_the_new_name_at_once(demo: Demo) -> None:
    empty_logbook(demo)
    painful_neck_log(demo)
    acknowledge_alert(_open_alert(demo), by=demo.therapist, note="Called.")
    therapist = _signed_in(demo.therapist)
    assert f"Acknowledged by {demo.therapist.full_name} on" in _page(therapist, demo)
    demo.therapist.full_name = "Tessa Renamed"
    demo.therapist.save(update_fields=["full_name"])
    assert "Acknowledged by Tessa Renamed on" in _same_as_fresh(therapist, demo)


def test_a_withdrawn_alert_says_so_at_once(demo: Demo) -> None:
    empty_logbook(demo)
    painful_neck_log(demo)
    alert = _open_alert(demo)
    therapist = _signed_in(demo.therapist)
    _page(therapist, demo)
    now = timezone.now()
    Alert.objects.filter(pk=alert.pk).update(
        acknowledged_at=now, withdrawn_at=now, acknowledged_by=demo.caregiver
    )
    page = _same_as_fresh(therapist, demo)
    assert f"{demo.caregiver.full_name} corrected the log, and it no longer shows" in page


def test_the_acknowledgement_day_is_on_the_persons_clock_although_kept(demo: Demo) -> None:
    empty_logbook(demo)
    late = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)  # 11 March in Auckland
    # Nothing logged that day: the card's evidence is the same on every clock.
    Alert.objects.create(
        patient=demo.patient,
        day=date(2026, 3, 9),
        rule="OVERWORK-PAIN-01",
        message={"text": "Pain during {exercise}.", "params": {"exercise": "Ankle pumps"}},
        exercise="ankle-pumps",
        acknowledged_by=demo.therapist,
        acknowledged_at=late,
        acknowledgement="Called.",
    )
    therapist = _signed_in(demo.therapist)
    demo.patient.time_zone = "UTC"
    demo.patient.save(update_fields=["time_zone"])
    assert f"on {date_format(date(2026, 3, 10), 'DATE_FORMAT')}:" in _page(therapist, demo)
    demo.patient.time_zone = "Pacific/Auckland"
    demo.patient.save(update_fields=["time_zone"])
    page = _same_as_fresh(therapist, demo)
    assert f"on {date_format(date(2026, 3, 11), 'DATE_FORMAT')}:" in page


def test_a_changed_acknowledgement_note_shows_at_once(demo: Demo) -> None:
    empty_logbook(demo)
    painful_neck_log(demo)
    alert = _open_alert(demo)
    acknowledge_alert(alert, by=demo.therapist, note="Called.")
    therapist = _signed_in(demo.therapist)
    assert "Called." in _page(therapist, demo)
    # Not a path the product offers (a note is final); the card follows its row all the same.
    Alert.objects.filter(pk=alert.pk).update(acknowledgement="Called twice.")
    assert "Called twice." in _same_as_fresh(therapist, demo)


def test_a_card_speaks_each_readers_language_although_kept(demo: Demo) -> None:
    painful_neck_log(demo)
    therapist = _signed_in(demo.therapist)
    english = _page(therapist, demo)
    for code in ("es", "de", "en"):
        demo.therapist.language = code
        demo.therapist.save(update_fields=["language"])
        page = _same_as_fresh(therapist, demo)
        assert (page == english) == (code == "en")
        with translation.override(code):  # the card's own words, not only the layout's
            assert escape(gettext("Message shown at the time:")) in page
            assert escape(gettext("See the routine")) in page


def test_the_cards_keep_the_order_and_pages_of_the_alerts(demo: Demo) -> None:
    empty_logbook(demo)
    for days_ago in (3, 2, 1):
        painful_neck_log(demo, days_ago=days_ago, note=f"Day {days_ago}.")
    therapist = _signed_in(demo.therapist)
    page = _page(therapist, demo)
    assert page.index("Day 1.") < page.index("Day 2.") < page.index("Day 3.")
    oldest = Alert.objects.filter(patient=demo.patient).order_by("day").first()
    assert oldest is not None
    Alert.objects.filter(pk=oldest.pk).update(day=oldest.day + timedelta(days=10))
    page = _same_as_fresh(therapist, demo)
    assert page.index(f'id="alert-{oldest.pk}-title"') < page.index("Day 1.")
