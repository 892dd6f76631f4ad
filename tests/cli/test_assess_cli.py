"""`alsmove assess`: JSON in, the summary out; bad input is one line and exit code 2."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

import pytest

from alsmove.cli import main

ITEMS = {"1": 4, "2": 4, "3": 3, "4": 3, "5a": 3, "6": 3}
ITEMS |= {"7": 4, "8": 3, "9": 3, "10": 4, "11": 4, "12": 4}


def document(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "onset_date": "2023-01-10",
        "assessments": [
            {"date": "2023-09-01", "items": ITEMS},
            {"date": "2024-01-15", "items": {**ITEMS, "1": 3, "9": 2}},
            {"date": "2024-05-20", "items": {**ITEMS, "1": 3, "8": 2, "9": 1}},
        ],
    }
    doc.update(changes)
    return doc


def run(tmp_path: Path, content: str) -> int:
    path = tmp_path / "records.json"
    path.write_text(content, encoding="utf-8")
    return main(["assess", str(path)])


def test_it_prints_the_summary_for_a_good_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, json.dumps(document())) == 0
    out = capsys.readouterr()
    summary = json.loads(out.out)
    assert out.err == ""
    assert [row["total"] for row in summary["assessments"]] == [42, 40, 38]
    assert summary["assessments"][0]["kings_stage"] == "3"
    assert summary["model"]["kind"] == "d50"
    assert len(summary["model"]["forecast"]) == 3


def test_it_reads_stdin_when_the_file_is_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = document(assessments=[{"date": "2024-01-15", "items": ITEMS}])
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(doc)))
    assert main(["assess", "-"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["model"]["kind"] == "linear"
    assert summary["assessments"][0]["date"] == "2024-01-15"


def test_a_bad_record_on_stdin_names_stdin_problems_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("{not json"))
    assert main(["assess", "-"]) == 2
    assert capsys.readouterr().err.startswith("alsmove: error: stdin: not valid JSON")


def one(items: Mapping[str, object], day: str = "2024-01-15") -> list[dict[str, object]]:
    return [{"date": day, "items": items}]


TOMORROW = (date.today() + timedelta(days=1)).isoformat()
WITHOUT_9 = {k: v for k, v in ITEMS.items() if k != "9"}

BAD = [
    ("a score of 5", document(assessments=one({**ITEMS, "7": 5})), "score 5 is out of range"),
    ("both 5a and 5b", document(assessments=one({**ITEMS, "5b": 2})), "give 5a or 5b, not both"),
    ("a missing item", document(assessments=one(WITHOUT_9)), "item 9 is missing"),
    ("an unknown item", document(assessments=one({**ITEMS, "13": 1})), "unknown item '13'"),
    ("a date before onset", document(assessments=one(ITEMS, "2022-12-01")), "before the onset"),
    ("a date in the future", document(assessments=one(ITEMS, TOMORROW)), "in the future"),
    ("an onset in the future", document(onset_date=TOMORROW), "onset date"),
    ("a missing onset date", {"assessments": one(ITEMS)}, "onset_date is missing"),
    ("a bad date format", document(onset_date="10/01/2023"), "not a date in YYYY-MM-DD"),
    ("a date that does not exist", document(onset_date="2023-02-30"), "not a real calendar"),
    ("a record date missing", document(assessments=[{"items": ITEMS}]), "date is missing"),
    ("an empty list", document(assessments=[]), "assessments is empty"),
    ("no assessments key", {"onset_date": "2023-01-10"}, "assessments is missing"),
    ("assessments not a list", document(assessments={}), "assessments must be a list"),
    ("items not an object", document(assessments=[{"date": "2024-01-15"}]), "items must be"),
    ("a top-level list", [], "must be a JSON object"),
    ("an unknown field", document(patient="x"), "unknown field 'patient'"),
    (
        "two records on one day",
        document(assessments=one(ITEMS) + one(ITEMS)),
        "two assessments on 2024-01-15",
    ),
]


def assert_one_line_error(capsys: pytest.CaptureFixture[str], message: str) -> None:
    out = capsys.readouterr()
    assert out.out == ""
    assert "Traceback" not in out.err
    assert out.err.endswith("\n")
    assert out.err.count("\n") == 1
    assert out.err.startswith("alsmove: error: ")
    assert message in out.err


@pytest.mark.parametrize(("doc", "message"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_input_exits_2_with_one_line_naming_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], doc: object, message: str
) -> None:
    assert run(tmp_path, json.dumps(doc)) == 2
    assert_one_line_error(capsys, message)


def test_an_item_error_says_which_assessment_it_is_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = document()
    doc["assessments"][1]["items"] = {**ITEMS, "7": 5}  # type: ignore[index]
    assert run(tmp_path, json.dumps(doc)) == 2
    assert_one_line_error(capsys, "assessment 2 (2024-01-15): item 7: score 5 is out of range 0-4")


def test_malformed_json_exits_2_with_where_it_broke(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, '{"onset_date": "2023-01-10",\n "assessments": [}') == 2
    assert_one_line_error(capsys, "records.json: not valid JSON (Expecting value at line 2")


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(tmp_path / "nowhere.json")]) == 2
    assert_one_line_error(capsys, "nowhere.json: no such file")


def test_a_directory_instead_of_a_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(tmp_path)]) == 2
    assert_one_line_error(capsys, "is a directory")
