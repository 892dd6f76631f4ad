"""Upgrading the library table from the schema that had a clinic scope (exercises 0002)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

BEFORE = [("exercises", "0001_initial")]
AFTER = [("exercises", "0002_library_rows_only")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema(transactional_db: None) -> Iterator[Any]:
    """The table as it was before 0002 (origin and organisation columns); the newest
    schema again afterwards, whatever the test left."""
    apps = _migrate(BEFORE)
    try:
        yield apps
    finally:
        if AFTER[0] not in MigrationRecorder(connection).applied_migrations():
            records = apps.get_model("exercises", "ExerciseRecord")
            records.objects.exclude(origin="library").delete()
        _migrate(AFTER)


def _row(apps: Any, slug: str, **fields: Any) -> None:
    apps.get_model("exercises", "ExerciseRecord").objects.create(
        slug=slug, name=slug, kind="stretch", body_region="neck", data={"id": slug}, **fields
    )


def test_the_library_rows_keep_their_exercise_when_the_clinic_columns_go(
    old_schema: Any,
) -> None:
    _row(old_schema, "an-old-row", origin="library")
    new = _migrate(AFTER)
    (row,) = new.get_model("exercises", "ExerciseRecord").objects.filter(slug="an-old-row").values()
    assert row["data"] == {"id": "an-old-row"}
    assert "origin" not in row and "organisation_id" not in row


def test_the_upgrade_refuses_to_drop_a_row_that_is_not_the_librarys(old_schema: Any) -> None:
    _row(old_schema, "our-own", origin="clinic")
    with pytest.raises(RuntimeError, match="our-own"):
        _migrate(AFTER)
    # Nothing was dropped: the row and its column are still there.
    still = _migrate(BEFORE).get_model("exercises", "ExerciseRecord")
    assert list(still.objects.exclude(origin="library").values_list("slug", flat=True)) == [
        "our-own"
    ]
