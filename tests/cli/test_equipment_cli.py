"""`alsmove equipment`: the same records as `alsmove assess` plus a profile and as_of in,
the plan out in the issue's shape; bad input is one line naming the field, exit code 2."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from alsmove.cli import main
from alsmove.equipment.loader import default_catalogue

NORMAL = {k: 4 for k in ("1", "2", "3", "4", "5a", "6", "7", "8", "9", "10", "11", "12")}
PROFILE = {
    "standing": "independent",
    "walking": "with_aid",
    "sitting_balance": "good",
    "floor_transfer": False,
    "can_lie_down": True,
    "caregiver_available": True,
}
KEYS = {"item", "name", "status", "estimated_need_date", "start_by", "lead_time_weeks", "reasons"}


def document(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "onset_date": "2024-11-01",
        "as_of": "2026-03-01",
        # 487 days before 1 March 2026 is 16 months (30.4375 days each): total 32, walking 2.
        "assessments": [
            {
                "date": "2026-03-01",
                "items": {
                    **NORMAL,
                    "1": 2,
                    "2": 3,
                    "3": 3,
                    "4": 3,
                    "5a": 3,
                    "6": 3,
                    "7": 3,
                    "8": 2,
                    "9": 2,
                    "10": 3,
                    "11": 3,
                    "12": 2,
                },
            }
        ],
    }
    doc.update(changes)
    return doc


def run(tmp_path: Path, content: str) -> int:
    path = tmp_path / "records.json"
    path.write_text(content, encoding="utf-8")
    return main(["equipment", str(path)])


def _plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], doc: dict[str, object]
) -> list[dict[str, object]]:
    assert run(tmp_path, json.dumps(doc)) == 0
    out = capsys.readouterr()
    assert out.err == ""
    result: list[dict[str, object]] = json.loads(out.out)
    return result


def test_it_prints_one_entry_per_item_in_the_issues_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = document(onset_date=(date(2026, 3, 1) - timedelta(days=487)).isoformat())
    entries = _plan(tmp_path, capsys, doc)
    assert len(entries) == len(default_catalogue())
    for entry in entries:
        assert set(entry) == KEYS
        assert entry["status"] in ("now", "soon", "later")
        assert all(set(r) == {"rule", "text"} for r in entry["reasons"])  # type: ignore[attr-defined]
    chair = next(e for e in entries if e["item"] == "power-wheelchair")
    assert chair["status"] == "soon"
    assert chair["estimated_need_date"] == "2026-10-31"
    assert chair["start_by"] == "2026-05-09"
    assert chair["lead_time_weeks"] == {"min": 11, "max": 25}
    rules = [r["rule"] for r in chair["reasons"]]  # type: ignore[attr-defined]
    assert "EQUIP-SOON-01" in rules and "EQUIP-STARTBY-01" in rules
    walker = next(e for e in entries if e["item"] == "rollator")
    assert walker["status"] == "now" and walker["start_by"] == "2026-03-01"


def test_a_profile_answer_makes_an_item_needed_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = document(assessments=[{"date": "2026-01-01", "items": NORMAL}])
    without = {e["item"]: e["status"] for e in _plan(tmp_path, capsys, doc)}
    assert without["rollator"] == "later"
    with_profile = {e["item"]: e for e in _plan(tmp_path, capsys, {**doc, "profile": PROFILE})}
    assert with_profile["rollator"]["status"] == "now"
    assert "EQUIP-PROFILE-01" in [r["rule"] for r in with_profile["rollator"]["reasons"]]  # type: ignore[attr-defined]


def test_as_of_defaults_to_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = document()
    del doc["as_of"]
    entries = _plan(tmp_path, capsys, doc)
    rollator = next(e for e in entries if e["item"] == "rollator")
    assert rollator["start_by"] == date.today().isoformat()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"as_of": "2026-02-30"}, "as_of: 2026-02-30 is not a real calendar date"),
        ({"as_of": "1 March"}, "as_of:"),
        ({"as_of": "2026-02-01"}, "as_of: 2026-02-01 is before the last assessment (2026-03-01)"),
        ({"as_of": "2999-01-01"}, "as_of: 2999-01-01 is in the future"),
        ({"profile": "walks"}, "profile: must be an object"),
        ({"profile": {**PROFILE, "walking": "fast"}}, "profile.walking: must be one of"),
        ({"profile": {**PROFILE, "wings": True}}, "profile.wings: unknown field"),
        ({"profile": {"walking": "with_aid"}}, "profile.standing: missing"),
        ({"onset_date": None}, "onset_date:"),
        ({"assessments": []}, "assessments is empty"),
        ({"assessments": [{"date": "2026-03-01", "items": {**NORMAL, "8": 7}}]}, "item 8"),
        ({"extra": 1}, "unknown field 'extra'"),
        ({"onset_date": "2026-06-01", "as_of": "2026-03-01"}, "onset"),
    ],
)
def test_bad_input_is_one_line_naming_the_field_and_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, object], message: str
) -> None:
    assert run(tmp_path, json.dumps(document(**changes))) == 2
    out = capsys.readouterr()
    assert out.out == ""
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], out.err


@pytest.mark.parametrize("content", ["", "[]", "{", '"text"'])
def test_a_file_that_is_not_a_json_object_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    assert run(tmp_path, content) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["equipment", str(tmp_path / "nothing.json")]) == 2
    assert "no such file" in capsys.readouterr().err
