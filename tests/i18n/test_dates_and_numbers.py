"""Dates, times and numbers in the page's language: "2. Dezember 2026" and 0,93 in German,
"2 de diciembre de 2026" in Spanish, "2 December 2026" and 0.93 in English; a date field
keeps its saved day on every page in every language."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.utils import translation
from routes_support import PAGES, VIEWER, page_samples, url_for
from signin_support import sign_in

from alsmove.core.i18n import Message
from alsmove.demo.seed import Demo
from alsmove.formats import say

# Written out here rather than read from Django, so the test checks what a reader sees.
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}
ENGLISH_ONLY_MONTHS = ("January", "February", "March", "June", "July", "October", "December")
# Short English month names that the language writes differently (the charts' time axes).
ENGLISH_SHORT_MONTHS = {"es": ("Jan", "Apr", "Aug", "Dec"), "de": ("Mar", "May", "Oct", "Dec")}
DATE_INPUT = re.compile(r"<input[^>]*type=\"date\"[^>]*>")
VALUE = re.compile(r'value="([^"]*)"')
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _written(day: date, language: str) -> str:
    month = MONTHS[language].split()[day.month - 1]
    return {
        "en": f"{day.day} {month} {day.year}",
        "es": f"{day.day} de {month} de {day.year}",
        "de": f"{day.day}. {month} {day.year}",
    }[language]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "About 0.93 points a month since 2 December 2026."),
        ("es", "About 0,93 points a month since 2 de diciembre de 2026."),
        ("de", "About 0,93 points a month since 2. Dezember 2026."),
    ],
)
def test_a_message_writes_its_numbers_and_days_the_readers_way(
    language: str, expected: str
) -> None:
    message = Message(
        "About {rate} points a month since {day}.", {"rate": 0.93, "day": "2026-12-02"}
    )
    with translation.override(language):
        assert say(message) == expected
    # Stored as {text, params} (JSON), the same sentence comes out.
    with translation.override(language):
        assert say({"text": message.text, "params": dict(message.params)}) == expected


def test_whole_numbers_and_other_words_in_a_message_are_left_as_they_are() -> None:
    message = Message("{count} records, code {code}", {"count": 1200, "code": "2026-12"})
    with translation.override("de"):
        assert say(message) == "1200 records, code 2026-12"


def test_every_day_in_a_list_of_days_is_written_the_readers_way() -> None:
    message = Message("Records on {days}", {"days": "2026-03-07, 2026-04-01"})
    with translation.override("es"):
        assert say(message) == "Records on 7 de marzo de 2026, 1 de abril de 2026"


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_the_progress_page_dates_the_latest_score_in_the_pages_language(
    demo: Demo, client: Client, language: str
) -> None:
    sign_in(client, demo.person)
    latest = demo.patient.assessments.filter(superseded_at__isnull=True).latest("taken_on")
    page = client.get(
        f"/patients/{demo.patient.pk}/progress/", headers={"accept-language": language}
    )
    assert page.status_code == 200
    assert _written(latest.taken_on, language) in page.content.decode()


@pytest.mark.parametrize("language", ["es", "de"])
def test_no_page_writes_a_date_in_english_or_a_date_field_the_browser_cannot_read(
    demo: Demo, language: str
) -> None:
    """Every page, as the person who would open it: a date field's value is ISO (a browser
    shows "02.12.2026" as an empty field, and saving would lose the day), and no English
    month name is left in the words or on a chart's axis."""
    problems: list[str] = []
    for route in PAGES:
        if route.template.startswith("accounts/language/"):
            continue  # the switcher: it would save another language on the account
        viewer = VIEWER.get(route.template, "person")
        client = Client(headers={"accept-language": language})
        if viewer is not None:
            sign_in(client, getattr(demo, viewer))
        path = url_for(route, page_samples(demo, route))
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for field in DATE_INPUT.findall(html):
            value = VALUE.search(field)
            if value is not None and value.group(1) and not ISO_DAY.fullmatch(value.group(1)):
                problems.append(f"{path}: date field {field}")
        # Words only: no tags, and no time zone names ("Atlantic/Jan Mayen") from a list.
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<option[^>]*>[^<]*</option>", " ", html))
        for month in (*ENGLISH_ONLY_MONTHS, *ENGLISH_SHORT_MONTHS[language]):
            if re.search(rf"\b{month}\b", text):
                problems.append(f"{path}: English month {month!r}")
    assert not problems, "\n".join(problems)
