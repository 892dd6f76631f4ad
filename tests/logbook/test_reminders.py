"""Session reminders: on the chosen days, after the chosen time, once a day, by email."""

from __future__ import annotations

from datetime import date, time
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from logbook_support import client_for, log_session, make_user

from alsmove.accounts.models import Role
from alsmove.cli import main as alsmove_cli
from alsmove.demo.seed import Demo
from alsmove.logbook.models import ReminderSchedule, ReminderSent
from alsmove.patients.models import CareLink, Patient, Permission, Relation

MONDAY = date(2026, 3, 2)  # a Monday in winter time
AT_9_30 = "2026-03-02T09:30:00+00:00"


def _schedule(demo: Demo, **fields: Any) -> ReminderSchedule:
    values: dict[str, Any] = {
        "days": [0, 2, 4],
        "time": time(9, 0),
        "time_zone": "UTC",
        "caregivers_too": False,
    }
    values.update(fields)
    # The reminder follows the record's clock (the one every page uses for "today").
    Patient.objects.filter(pk=demo.patient.pk).update(time_zone=values["time_zone"])
    return ReminderSchedule.objects.create(patient=demo.patient, **values)


def _send(now: str) -> str:
    out = StringIO()
    call_command("send_reminders", now=now, stdout=out)
    return out.getvalue()


def test_the_person_is_reminded_once_a_day_with_a_link_to_the_session(
    demo: Demo, mailoutbox: list[Any], settings: Any
) -> None:
    settings.ALSMOVE_BASE_URL = "https://move.example.org/"
    _schedule(demo)
    assert "Sent 1 reminder email(s) for 1 record(s)." in _send(AT_9_30)
    assert "Sent 0" in _send("2026-03-02T11:00:00+00:00")
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [demo.person.email]
    assert email.subject == "Time for today's exercises"
    assert f"https://move.example.org/patients/{demo.patient.pk}/session/" in email.body
    assert f"https://move.example.org/patients/{demo.patient.pk}/reminders/" in email.body
    assert "Stop any exercise that hurts" in email.body
    assert ReminderSent.objects.get(patient=demo.patient).day == MONDAY
    # The next chosen day gets its own reminder.
    _send("2026-03-04T09:01:00+00:00")
    assert len(mailoutbox) == 2


def test_no_reminder_before_the_chosen_time(demo: Demo, mailoutbox: list[Any]) -> None:
    _schedule(demo)
    _send("2026-03-02T08:59:00+00:00")
    assert mailoutbox == []


def test_no_reminder_on_a_day_off(demo: Demo, mailoutbox: list[Any]) -> None:
    _schedule(demo)
    _send("2026-03-03T10:00:00+00:00")  # a Tuesday
    assert mailoutbox == []
    assert not ReminderSent.objects.exists()


def test_no_reminder_when_the_session_is_already_logged(demo: Demo, mailoutbox: list[Any]) -> None:
    _schedule(demo)
    log_session(demo.patient, demo.person, day=MONDAY)
    _send(AT_9_30)
    assert mailoutbox == []


def test_no_reminder_when_reminders_are_turned_off(demo: Demo, mailoutbox: list[Any]) -> None:
    _schedule(demo, enabled=False)
    _send(AT_9_30)
    assert mailoutbox == []


def test_the_time_is_on_the_persons_own_clock(demo: Demo, mailoutbox: list[Any]) -> None:
    _schedule(demo, time_zone="America/New_York")  # UTC-5 in early March
    _send("2026-03-02T13:30:00+00:00")  # 08:30 in New York
    assert mailoutbox == []
    _send("2026-03-02T14:30:00+00:00")  # 09:30 in New York
    assert len(mailoutbox) == 1


def test_a_caregiver_is_reminded_only_when_caregivers_too_is_chosen(
    demo: Demo, mailoutbox: list[Any]
) -> None:
    schedule = _schedule(demo)
    _send(AT_9_30)
    assert [m.to for m in mailoutbox] == [[demo.person.email]]

    schedule.caregivers_too = True
    schedule.save()
    mailoutbox.clear()
    _send("2026-03-04T09:30:00+00:00")
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([demo.person.email, demo.caregiver.email])
    # The therapist is on the care team but is not a caregiver: never reminded.
    assert demo.therapist.email not in recipients
    to_caregiver = next(m for m in mailoutbox if m.to == [demo.caregiver.email])
    assert demo.patient.display_name in to_caregiver.subject
    # Each email goes to one person: nobody sees the others' addresses.
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mailoutbox)


def test_a_revoked_caregiver_is_not_reminded(demo: Demo, mailoutbox: list[Any]) -> None:
    from django.utils import timezone

    _schedule(demo, caregivers_too=True)
    CareLink.objects.filter(patient=demo.patient, member=demo.caregiver).update(
        revoked_at=timezone.now()
    )
    _send(AT_9_30)
    assert [m.to for m in mailoutbox] == [[demo.person.email]]


def test_a_failed_send_is_tried_again_on_the_next_run(
    demo: Demo, mailoutbox: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.mail.backends.locmem import EmailBackend

    _schedule(demo)
    original = EmailBackend.send_messages

    def broken(self: Any, messages: Any) -> int:
        raise OSError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", broken)
    assert "Sent 0" in _send(AT_9_30)
    assert not ReminderSent.objects.exists()
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert "Sent 1" in _send("2026-03-02T09:45:00+00:00")
    assert len(mailoutbox) == 1


def test_a_bad_now_is_refused_in_words(demo: Demo) -> None:
    with pytest.raises(CommandError, match="--now: not a date and time"):
        _send("next tuesday")


def test_the_alsmove_console_script_sends_them_too(
    demo: Demo, mailoutbox: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    _schedule(demo)
    assert alsmove_cli(["send-reminders", "--now", AT_9_30]) == 0
    assert len(mailoutbox) == 1
    assert "Sent 1" in capsys.readouterr().out


# ---- the reminder page -----------------------------------------------------------------


def _url(demo: Demo) -> str:
    return f"/patients/{demo.patient.pk}/reminders/"


def test_the_person_chooses_days_a_time_and_caregivers_too(demo: Demo) -> None:
    client = client_for(demo.person)
    page = client.get(_url(demo))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="time"' in html and "Wednesday" in html
    response = client.post(
        _url(demo),
        {
            "days": ["0", "3"],
            "time": "10:15",
            "time_zone": "Europe/London",
            "caregivers_too": "on",
        },
    )
    assert response.status_code == 302
    schedule = ReminderSchedule.objects.get(patient=demo.patient)
    assert schedule.days == [0, 3] and schedule.time == time(10, 15)
    assert schedule.time_zone == "Europe/London" and schedule.caregivers_too
    assert Patient.objects.get(pk=demo.patient.pk).time_zone == "Europe/London"
    assert schedule.updated_by == demo.person
    # Saving again changes the same schedule.
    client.post(_url(demo), {"days": ["1"], "time": "18:00", "time_zone": "UTC"})
    schedule.refresh_from_db()
    assert schedule.days == [1] and schedule.enabled and not schedule.caregivers_too


def test_no_day_ticked_means_no_reminders_and_the_page_never_starts_ticked(demo: Demo) -> None:
    client = client_for(demo.person)
    ReminderSchedule.objects.filter(patient=demo.patient).delete()
    first = client.get(_url(demo)).content.decode()
    assert "checked" not in first  # no day, and no "send reminders" box ticked
    assert "No day ticked means no reminders." in first
    response = client.post(_url(demo), {"time": "10:00", "time_zone": "UTC"}, follow=True)
    assert "No day is ticked, so no reminders will come." in response.content.decode()
    schedule = ReminderSchedule.objects.get(patient=demo.patient)
    assert schedule.days == [] and not schedule.enabled


def test_saving_days_says_when_the_reminders_come(demo: Demo) -> None:
    response = client_for(demo.person).post(
        _url(demo), {"days": ["0", "3"], "time": "09:30", "time_zone": "Europe/Paris"}, follow=True
    )
    text = response.content.decode()
    assert "Reminders come by email on Monday, Thursday at 09:30 (Europe/Paris)." in text


def test_the_time_zone_is_a_short_list_of_common_zones_with_the_rest_searchable(
    demo: Demo,
) -> None:
    response = client_for(demo.person).get(_url(demo))
    choices = response.context["form"].fields["time_zone"].choices
    offered = [name for _group, options in choices for name, _label in options]
    assert len(offered) < 60 and "Europe/Paris" in offered and "UTC" in offered
    assert offered[0] != "UTC"  # not 489 raw names starting at UTC
    assert demo.patient.time_zone in offered  # the record's zone is always there
    html = response.content.decode()
    assert "Paris (Europe/Paris)" in html
    assert '<datalist id="all-zones">' in html and 'value="Asia/Manila"' in html


def test_a_typed_city_or_zone_name_wins_over_the_list(demo: Demo) -> None:
    client = client_for(demo.person)
    for typed, zone in (("Lisbon", "Europe/Lisbon"), ("asia/manila", "Asia/Manila")):
        client.post(
            _url(demo),
            {"days": ["0"], "time": "10:00", "time_zone": "UTC", "other_zone": typed},
        )
        assert Patient.objects.get(pk=demo.patient.pk).time_zone == zone
    # A zone outside the short list stays offered, first, once it is the record's.
    form = client.get(_url(demo)).context["form"]
    group, options = form.fields["time_zone"].choices[0]
    assert str(group) == "In use" and options == [("Asia/Manila", "Manila (Asia/Manila)")]


def test_an_unknown_typed_zone_is_named_in_the_message_and_nothing_is_saved(
    demo: Demo,
) -> None:
    before = Patient.objects.get(pk=demo.patient.pk).time_zone
    response = client_for(demo.person).post(
        _url(demo),
        {"days": ["0"], "time": "10:00", "time_zone": "UTC", "other_zone": "Atlantis"},
    )
    assert response.status_code == 200
    assert "We do not know the time zone “Atlantis”." in response.content.decode()
    assert Patient.objects.get(pk=demo.patient.pk).time_zone == before


def test_a_caregiver_cannot_change_the_persons_reminders(demo: Demo) -> None:
    client = client_for(demo.caregiver)
    assert client.get(_url(demo)).status_code == 403
    response = client.post(_url(demo), {"days": ["0"], "time": "10:00", "time_zone": "UTC"})
    assert response.status_code == 403
    assert not ReminderSchedule.objects.exists()


def test_an_unrelated_therapist_is_refused_the_reminder_page(demo: Demo) -> None:
    client = client_for(demo.other_therapist)
    assert client.get(_url(demo)).status_code == 404
    response = client.post(_url(demo), {"days": ["0"], "time": "10:00", "time_zone": "UTC"})
    assert response.status_code == 404
    assert not ReminderSchedule.objects.exists()


def test_a_view_only_caregiver_gets_the_record_link_not_the_session(
    demo: Demo, mailoutbox: list[Any]
) -> None:
    reader = make_user("reader@example.org", "Rae Reader", Role.CAREGIVER)
    CareLink.objects.create(
        patient=demo.patient,
        member=reader,
        relation=Relation.CAREGIVER,
        permission=Permission.VIEW,
    )
    _schedule(demo, caregivers_too=True)
    _send(AT_9_30)
    to_reader = next(m for m in mailoutbox if m.to == [reader.email])
    assert f"/patients/{demo.patient.pk}/session/" not in to_reader.body
    assert f"/patients/{demo.patient.pk}/\n" in to_reader.body


def test_the_console_script_refuses_a_bad_now_in_one_line(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert alsmove_cli(["send-reminders", "--now", "soon"]) == 2
    assert capsys.readouterr().err.startswith("alsmove: error: --now: not a date and time")
