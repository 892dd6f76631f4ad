"""The library list: a page at a time, pictograms as cached files fetched when seen."""

from __future__ import annotations

import re

from django.test import Client
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.exercises.services import exercise_library


def test_the_library_shows_a_page_of_exercises_with_lazy_pictogram_files(demo: Demo) -> None:
    html = Client().get("/library/").content.decode()
    images = re.findall(r'<img src="(/library/[^"]+/pictogram\.svg\?v=[^"]+)"[^>]*>', html)
    assert len(images) == 24
    assert all('loading="lazy"' in tag for tag in re.findall(r"<img [^>]+>", html))
    assert all(re.search(r'alt="[^"]+"', tag) for tag in re.findall(r"<img [^>]+>", html))
    assert "<svg" not in html
    assert len(html) < 60 * 1024


def test_every_exercise_is_on_one_of_the_pages_and_the_filters_stay_in_the_links(
    demo: Demo,
) -> None:
    client = Client()
    seen: list[str] = []
    page = 1
    while True:
        html = client.get("/library/", {"kind": "", "page": page}).content.decode()
        seen += re.findall(r'<h2 class="exercise-card-title"><a href="/library/([^/]+)/"', html)
        if "Next page" not in html:
            break
        assert f"kind=&amp;page={page + 1}" in html
        page += 1
    assert sorted(seen) == sorted(e.id for e in exercise_library())


def test_a_page_number_that_is_not_one_shows_a_real_page(demo: Demo) -> None:
    for junk in ("0", "999", "x", "-1"):
        assert Client().get("/library/", {"page": junk}).status_code == 200


def test_a_pictogram_file_is_cached_for_a_year_and_answers_304_when_unchanged(
    demo: Demo,
) -> None:
    client = Client()
    src = re.findall(r'src="(/library/[^"]+)"', client.get("/library/").content.decode())[0]
    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age=31536000" in response["Cache-Control"]
    assert response.content.startswith(b"<svg")
    again = client.get(src, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get("/library/no-such-exercise/pictogram.svg").status_code == 404


def test_a_changed_exercise_gets_a_new_pictogram_address(demo: Demo) -> None:
    from alsmove.exercises.models import ExerciseRecord

    client = Client()
    before = client.get("/library/").content.decode()
    slug = re.findall(r'src="/library/([^/]+)/pictogram', before)[0]
    record = ExerciseRecord.objects.get(slug=slug)
    record.save()
    after = client.get("/library/").content.decode()
    pattern = rf'/library/{record.slug}/pictogram\.svg\?v=([^"]+)"'
    old, new = re.findall(pattern, before), re.findall(pattern, after)
    assert len(old) == len(new) == 1
    assert old != new


def test_a_logged_in_person_caches_the_pictogram_files_too(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.person)
    page = client.get("/library/")
    assert "no-store" in page["Cache-Control"]  # the page itself is theirs
    src = re.findall(r'src="(/library/[^"]+)"', page.content.decode())[0]
    assert "max-age=31536000" in client.get(src)["Cache-Control"]
