"""The alerts page: every open alert on every page; the acknowledged ones a page at a time."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from logbook_support import client_for, empty_logbook

from alsmove.demo.seed import Demo
from alsmove.logbook.alert_inbox import ALERTS_PAGE
from alsmove.logbook.alerts import rule_title
from alsmove.logbook.models import Alert


def _alerts(demo: Demo, *, acknowledged: int, open_: int) -> list[Alert]:
    today = timezone.localdate()
    made = []
    for n in range(acknowledged + open_):
        alert = Alert.objects.create(
            patient=demo.patient,
            day=today - timedelta(days=n + 1),
            rule="OVERWORK-CRAMP-01",
            message={"text": "You had severe cramps.", "params": {}},
        )
        if n >= open_:
            alert.acknowledged_by = demo.therapist
            alert.acknowledged_at = timezone.now()
            alert.acknowledgement = f"Called on day {n + 1}."
            alert.save()
        made.append(alert)
    return made


def _notes(html: str) -> list[str]:
    return [part.split("</p>")[0] for part in html.split("Called on day ")[1:]]


def test_acknowledged_alerts_come_a_page_at_a_time_newest_first_and_open_ones_on_every_page(
    demo: Demo,
) -> None:
    empty_logbook(demo)
    _alerts(demo, acknowledged=2 * ALERTS_PAGE + 3, open_=2)
    client = client_for(demo.therapist)
    url = f"/patients/{demo.patient.pk}/alerts/"

    first = client.get(url).content.decode()
    assert _notes(first) == [f"{n}." for n in range(3, 3 + ALERTS_PAGE)]
    assert "Older alerts" in first and "Newer alerts" not in first
    assert f"Alerts 1 to {ALERTS_PAGE} of {2 * ALERTS_PAGE + 3}" in first

    last = client.get(url, {"page": 3}).content.decode()
    assert _notes(last) == [f"{n}." for n in range(3 + 2 * ALERTS_PAGE, 6 + 2 * ALERTS_PAGE)]
    assert "Newer alerts" in last and "Older alerts" not in last
    for page in (first, last):
        assert page.count("Acknowledge<span") == 2  # both open alerts, with their forms
        assert rule_title("OVERWORK-CRAMP-01") in page


def test_a_page_number_that_is_not_one_shows_the_nearest_page(demo: Demo) -> None:
    empty_logbook(demo)
    _alerts(demo, acknowledged=ALERTS_PAGE + 1, open_=0)
    client = client_for(demo.therapist)
    url = f"/patients/{demo.patient.pk}/alerts/"
    first = [f"{n}." for n in range(1, ALERTS_PAGE + 1)]
    last = [f"{ALERTS_PAGE + 1}."]
    for page, expected in (("99", last), ("-1", last), ("x", first), ("", first)):
        response = client.get(url, {"page": page})
        assert response.status_code == 200
        assert _notes(response.content.decode()) == expected


def test_a_short_history_shows_no_pager(demo: Demo) -> None:
    empty_logbook(demo)
    _alerts(demo, acknowledged=3, open_=1)
    html = client_for(demo.caregiver).get(f"/patients/{demo.patient.pk}/alerts/").content
    assert b"Older alerts" not in html and b"Alerts 1 to" not in html
    assert _notes(html.decode()) == ["2.", "3.", "4."]
