"""The step page's pictogram is drawn once per exercise row's state, position and
language and kept per process (`alsmove.sessions.views._PICTOGRAMS`). After each change
the page shows what a drawing from nothing kept shows."""

from __future__ import annotations

import json
import re

from django.test import Client
from django.utils import translation
from signin_support import sign_in

from alsmove.core.library import Sides
from alsmove.demo.seed import Demo
from alsmove.exercises.models import ExerciseRecord
from alsmove.exercises.pictograms import pictogram_svg
from alsmove.exercises.services import exercise_with_change
from alsmove.logbook.today import todays_session
from alsmove.sessions import views


def _pictogram_on(page: bytes) -> str:
    found = re.search(r'<div class="pictogram pictogram-session">(.*?)</div>', page.decode(), re.S)
    assert found is not None
    return found.group(1)


def _drawn_fresh(slug: str, position: str, language: str) -> str:
    with translation.override(language):
        found = exercise_with_change(slug)
        assert found is not None
        return pictogram_svg(views.in_position(found[0], position), translate=translation.gettext)


def _step(client: Client, demo: Demo, language: str = "en") -> bytes:
    response = client.get(f"/patients/{demo.patient.pk}/session/1/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return bytes(response.content)


def _person(demo: Demo) -> Client:
    views._PICTOGRAMS.clear()
    client = Client()
    sign_in(client, demo.person)
    return client


def test_the_kept_pictogram_is_the_one_drawn_from_nothing_kept(demo: Demo) -> None:
    client = _person(demo)
    item = todays_session(demo.patient).items[0]
    first = _pictogram_on(_step(client, demo))
    assert _pictogram_on(_step(client, demo)) == first
    assert first == _drawn_fresh(item["exercise"], item["position"], "en")
    assert len(views._PICTOGRAMS) == 1


def test_each_language_has_its_own_pictogram_title(demo: Demo) -> None:
    client = _person(demo)
    item = todays_session(demo.patient).items[0]
    drawn = {
        language: _pictogram_on(_step(client, demo, language)) for language in ("en", "es", "de")
    }
    assert len(set(drawn.values())) == 3
    for language, svg in drawn.items():
        assert svg == _drawn_fresh(item["exercise"], item["position"], language)
    assert _pictogram_on(_step(client, demo)) == drawn["en"]


def test_each_position_has_its_own_pictogram(demo: Demo) -> None:
    views._PICTOGRAMS.clear()
    item = todays_session(demo.patient).items[0]
    found = exercise_with_change(item["exercise"])
    assert found is not None
    exercise, changed = found
    positions = [p.value for p in exercise.positions]
    drawn = {p: str(views._pictogram(exercise, changed, p)) for p in positions}
    for position, svg in drawn.items():
        assert svg == _drawn_fresh(item["exercise"], position, "en")
    if len(positions) > 1:
        assert len(set(drawn.values())) > 1


def test_a_changed_exercise_row_is_drawn_again(demo: Demo) -> None:
    client = _person(demo)
    item = todays_session(demo.patient).items[0]
    before = _pictogram_on(_step(client, demo))
    record = ExerciseRecord.objects.get(slug=item["exercise"])
    sides = record.data.get("sides")
    record.data = {**record.data, "sides": Sides.NONE if sides == Sides.BOTH else Sides.BOTH}
    record.save()
    after = _pictogram_on(_step(client, demo))
    assert after != before
    assert after == _drawn_fresh(item["exercise"], item["position"], "en")


def test_the_timer_cues_are_in_the_page_language_each_time(demo: Demo) -> None:
    client = _person(demo)
    views._CUES.clear()
    scripts = {}
    for language in ("en", "es", "de", "en"):
        page = _step(client, demo, language).decode()
        found = re.search(r'<script id="session-cues" type="application/json">(.*?)</script>', page)
        assert found is not None
        with translation.override(language):
            assert json.loads(found.group(1))["start"] == translation.gettext("Start")
            assert json.loads(found.group(1))["hold"] == translation.gettext(
                "Hold gently, and keep breathing."
            )
        scripts.setdefault(language, found.group(1))
        assert scripts[language] == found.group(1)
    assert len(set(scripts.values())) == 3
