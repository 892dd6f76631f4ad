"""The exercise library and the other content written as data, in the page's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from alsmove.content_translations import in_language, name_in_language
from alsmove.demo.seed import Demo
from alsmove.exercises.loader import default_library
from alsmove.exercises.names import exercise_name
from tests.signin_support import sign_in


def _spanish_name(slug: str) -> str:
    english = next(e for e in default_library() if e.id == slug).name
    spanish = name_in_language("exercises", slug, english, "es")
    assert spanish != english  # the Spanish overlay holds this exercise
    return spanish


def test_an_exercise_page_speaks_spanish_to_a_spanish_browser(db: None) -> None:
    from django.core.management import call_command

    call_command("load_library", verbosity=0)
    page = Client().get("/library/neck-forward-tilt/", HTTP_ACCEPT_LANGUAGE="es")
    assert _spanish_name("neck-forward-tilt") in page.content.decode()


def test_the_same_exercise_page_stays_english_for_an_english_browser(db: None) -> None:
    from django.core.management import call_command

    call_command("load_library", verbosity=0)
    page = Client().get("/library/neck-forward-tilt/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Neck forward tilt" in page.content.decode()


def test_a_translation_changes_only_words_never_what_the_engine_reads() -> None:
    for exercise in default_library():
        english = exercise.model_dump(mode="json")
        for language in ("es", "de"):
            translated = in_language("exercises", english, language)
            words = {"name", "summary", "targets", "equipment", "steps", "cautions"}
            words |= {"hand_placement", "limits", "position_steps"}
            for key in set(english) - words:
                assert translated[key] == english[key], (exercise.id, language, key)


def test_rows_that_stored_the_english_name_show_it_in_the_pages_language() -> None:
    row = {"exercise": "neck-forward-tilt", "name": "Neck forward tilt"}
    with translation.override("es"):
        assert exercise_name(row) == _spanish_name("neck-forward-tilt")
    with translation.override("en"):
        assert exercise_name(row) == "Neck forward tilt"
    # An exercise the library does not hold has no translation: its stored name is kept.
    with translation.override("es"):
        assert exercise_name({"exercise": "our-own", "name": "Our own"}) == "Our own"


def test_todays_session_lists_its_exercises_in_the_persons_language(demo: Demo) -> None:
    demo.person.language = "es"
    demo.person.save(update_fields=["language"])
    client = sign_in(Client(), demo.person)
    page = client.get(f"/patients/{demo.patient.pk}/session/").content.decode()
    assert '<html lang="es"' in page
    with translation.override("en"):
        from alsmove.logbook.today import todays_session

        items = todays_session(demo.patient).items
    assert items
    with translation.override("es"):
        for item in items:
            assert exercise_name(item) in page


def test_a_step_left_as_in_english_does_not_turn_the_whole_entry_back_to_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the checker refuses an untranslated sentence; a page shows what there is."""
    from alsmove import content_translations

    english = {
        "id": "x-one",
        "name": "Neck tilt",
        "steps": ["Sit tall with both feet flat.", "Rest."],
    }
    words = {
        "id": "x-one",
        "name": "Inclinación",
        "steps": ["Sit tall with both feet flat.", "Descansa."],
    }
    monkeypatch.setattr(content_translations, "_words_by_id", lambda app, code: {"x-one": words})
    shown = in_language("exercises", english, "es")
    assert shown["name"] == "Inclinación"
    assert shown["steps"] == ["Sit tall with both feet flat.", "Descansa."]
