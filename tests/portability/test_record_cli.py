"""`alsmove export EMAIL` and `alsmove import FILE`: the round trip from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from portability_support import enrich, new_person

from alsmove.accounts.models import Organisation, User
from alsmove.cli import main
from alsmove.demo.seed import Demo
from alsmove.patients.models import Patient
from alsmove.portability.schema import RecordExport


def test_export_prints_the_persons_record_and_it_validates(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    enrich(demo)
    assert main(["export", "Person@Example.org"]) == 0
    document = json.loads(capsys.readouterr().out)
    RecordExport.model_validate(document)
    assert document["person"]["email"] == "person@example.org"


def test_export_to_a_file_then_import_refuses_a_person_already_here(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "record.json"
    assert main(["export", "person@example.org", "-o", str(target)]) == 0
    capsys.readouterr()
    before = (User.objects.count(), Patient.objects.count())
    assert main(["import", str(target), "--clinic", demo.riverside.name]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "person@example.org already exists" in error
    assert (User.objects.count(), Patient.objects.count()) == before


def test_import_into_a_clinic_then_export_gives_the_same_record(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "person@example.org"]) == 0
    document = json.loads(capsys.readouterr().out)
    # The same record arriving as someone not here yet.
    moved = new_person(document, "arrived@example.org")
    source = tmp_path / "arrived.json"
    source.write_text(json.dumps(moved))
    assert main(["import", str(source), "--clinic", str(demo.riverside.pk)]) == 0
    assert "imported the record" in capsys.readouterr().out
    patient = Patient.objects.get(user__email="arrived@example.org")
    assert patient.organisation == demo.riverside
    assert main(["export", "arrived@example.org"]) == 0
    again = json.loads(capsys.readouterr().out)
    moved.pop("exported_at")
    again.pop("exported_at")
    assert again == moved


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["export", "nobody@example.org"], "no person with a record"),
        (["import", "/no/such/file.json", "--clinic", "{CLINIC}"], "cannot read"),
        (["import", "{FILE}", "--clinic", "Nowhere"], "no clinic is called Nowhere"),
        (["import", "{FILE}"], "name the clinic with --clinic"),
        (["import", "{BAD}", "--clinic", "{CLINIC}"], "not JSON"),
        (["import", "{V2}", "--clinic", "{CLINIC}"], "Unknown schema version 2"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_problem(
    demo: Demo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    problem: str,
) -> None:
    assert Organisation.objects.count() > 1
    files = {
        "{FILE}": tmp_path / "ok.json",
        "{BAD}": tmp_path / "bad.json",
        "{V2}": tmp_path / "v2.json",
    }
    files["{FILE}"].write_text("{}")
    files["{BAD}"].write_text("{not json")
    files["{V2}"].write_text(json.dumps({"schema": "alsmove-record", "schema_version": 2}))
    argv = [str(files[a]) if a in files else a for a in argv]
    argv = [demo.riverside.name if a == "{CLINIC}" else a for a in argv]
    assert main(argv) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and problem in error
