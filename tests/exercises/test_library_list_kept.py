"""The library list's rows are made once per language and library version, and never
shown stale: a changed, removed or added exercise and the page's language all show at
once (alsmove.exercises.listing)."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client
from django.utils import translation

from alsmove.demo.seed import Demo
from alsmove.exercises.listing import sorted_rows
from alsmove.exercises.models import ExerciseRecord
from alsmove.exercises.services import exercise_library
from alsmove.exercises.views import pictogram_version


def _all_titles(client: Client, **params: str) -> list[str]:
    seen: list[str] = []
    page = 1
    while True:
        html = client.get("/library/", {**params, "page": page}).content.decode()
        seen += re.findall(
            r'<h2 class="exercise-card-title"><a href="/library/[^/]+/">([^<]+)<', html
        )
        if "Next page" not in html:
            return seen
        page += 1


def test_a_renamed_exercise_shows_its_new_name_on_the_list_at_once(demo: Demo) -> None:
    client = Client()
    _all_titles(client)  # the rows are made and kept
    record = ExerciseRecord.objects.order_by("slug").first()
    assert record is not None
    record.data = {**record.data, "name": "Zz renamed for the test"}
    record.save()
    assert "Zz renamed for the test" in _all_titles(client)


def test_a_removed_exercise_leaves_the_list_at_once(demo: Demo) -> None:
    client = Client()
    before = _all_titles(client)
    record = ExerciseRecord.objects.order_by("slug").first()
    assert record is not None
    name = next(e.name for e in exercise_library() if e.id == record.slug)
    record.delete()
    after = _all_titles(client)
    assert len(after) == len(before) - 1
    assert name not in after


def test_the_list_speaks_each_requests_language_although_its_rows_are_kept(demo: Demo) -> None:
    client = Client()
    english = _all_titles(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    spanish = _all_titles(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _all_titles(client) == english
    assert spanish != english


def test_the_kept_rows_are_the_rows_made_afresh(demo: Demo) -> None:
    with translation.override("de"):
        kept = sorted_rows(pictogram_version)
        assert sorted_rows(pictogram_version) is kept  # made once
        names = [row["exercise"].name for row in kept]
        assert sorted(names) == sorted(e.name for e in exercise_library())
        regions = [str(row["region"]) for row in kept]
        assert regions == sorted(regions)
