"""The library's list of exercises is kept per process under the language and every
row's (id, last change) read in plain SQL (exercises.services.exercise_library): a
changed, removed or added row and another language show at once."""

from __future__ import annotations

from django.utils import translation

from alsmove.demo.seed import Demo
from alsmove.exercises import services
from alsmove.exercises.models import ExerciseRecord
from alsmove.exercises.services import exercise_library, library_with_changes


def _fresh() -> list[str]:
    return [e.name for e, _changed in library_with_changes()]


def test_a_kept_library_is_the_library_read_from_nothing_kept(demo: Demo) -> None:
    first = [e.name for e in exercise_library()]
    assert first == [e.name for e in exercise_library()] == _fresh()
    assert len(services._LISTS) > 0


def test_a_renamed_exercise_shows_its_new_name_at_once(demo: Demo) -> None:
    exercise_library()
    record = ExerciseRecord.objects.order_by("slug").first()
    assert record is not None
    record.data = {**record.data, "name": "Zz renamed for the test"}
    record.save()
    names = [e.name for e in exercise_library()]
    assert "Zz renamed for the test" in names
    assert names == _fresh()


def test_a_removed_exercise_leaves_the_library_at_once(demo: Demo) -> None:
    before = exercise_library()
    record = ExerciseRecord.objects.order_by("slug").first()
    assert record is not None
    record.delete()
    after = exercise_library()
    assert len(after) == len(before) - 1
    assert record.slug not in {e.id for e in after}


def test_the_library_speaks_each_language_although_kept(demo: Demo) -> None:
    english = [e.name for e in exercise_library()]
    for code in ("es", "de"):
        with translation.override(code):
            names = [e.name for e in exercise_library()]
            assert names == _fresh()
            assert names != english
    assert [e.name for e in exercise_library()] == english


def test_each_caller_gets_a_list_of_its_own(demo: Demo) -> None:
    mine = exercise_library()
    mine.clear()
    assert exercise_library()
