"""`alsmove plan`: a functional profile in, today's routine out; bad input is one line, exit 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from alsmove.cli import main
from alsmove.core.profile import FunctionalProfile
from alsmove.exercises.loader import default_library

ALL_FOURS = {key: 4 for key in ("1", "2", "3", "4", "5a", "6", "7", "8", "9", "10", "11", "12")}


def profile(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "standing": "independent",
        "walking": "independent",
        "sitting_balance": "good",
        "floor_transfer": True,
        "can_lie_down": True,
        "caregiver_available": False,
        "painful_joints": ["left_shoulder"],
        "strength": {"knee_extensors": 4},
        "breathless_at_rest": False,
        "uses_niv": False,
        "minutes": 20,
        "stage": "early",
    }
    doc.update(changes)
    return {key: value for key, value in doc.items() if value is not None}


def run(tmp_path: Path, content: str, *extra: str) -> int:
    path = tmp_path / "profile.json"
    path.write_text(content, encoding="utf-8")
    return main(["plan", str(path), *extra])


def error_line(capsys: pytest.CaptureFixture[str]) -> str:
    out = capsys.readouterr()
    assert out.out == ""
    lines = out.err.splitlines()
    assert len(lines) == 1, out.err
    assert lines[0].startswith("alsmove: error: ")
    return lines[0].removeprefix("alsmove: error: ")


def test_it_prints_the_routine_in_the_agreed_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, json.dumps(profile())) == 0
    out = capsys.readouterr()
    assert out.err == ""
    routine = json.loads(out.out)
    assert set(routine) == {"stage", "minutes", "items", "excluded", "message", "therapist_notes"}
    assert routine["stage"] == "early"
    assert 0 < routine["minutes"] <= 20
    keys = {"exercise", "position", "performer", "sides", "hold_seconds", "reps", "reasons"}
    keys |= {"minutes", "sitting", "side"}
    assert routine["items"] and all(set(item) == keys for item in routine["items"])
    for item in routine["items"]:
        assert all(set(r) == {"rule", "text"} and r["text"] for r in item["reasons"])
    assert all(set(e) == {"exercise", "rule", "reason"} for e in routine["excluded"])
    rules = {e["rule"] for e in routine["excluded"]}
    assert "SAFE-PAIN-01" in rules  # the painful left shoulder


def test_it_reads_stdin_when_the_file_is_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(profile(stage="mid"))))
    assert main(["plan", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["stage"] == "mid"


def test_another_day_gives_another_routine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, json.dumps(profile())) == 0
    first = json.loads(capsys.readouterr().out)
    assert run(tmp_path, json.dumps(profile()), "--day", "3") == 0
    other = json.loads(capsys.readouterr().out)
    assert [i["exercise"] for i in first["items"]] != [i["exercise"] for i in other["items"]]


def test_week_prints_all_seven_days_and_the_therapist_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = profile(
        stage="advanced",
        caregiver_available=False,
        standing="unsafe",
        walking="unable",
        sitting_balance="poor",
        painful_joints=[],
        strength={"ankle_dorsiflexors": 1},
    )
    assert run(tmp_path, json.dumps(doc), "--week") == 0
    week = json.loads(capsys.readouterr().out)
    assert [d["day"] for d in week["days"]] == list(range(7))
    assert week["days"][0]["name"] == "Monday"
    notes = week["days"][0]["therapist_notes"]
    assert notes and notes[0]["rule"] == "ROUTINE-PASSIVE-01"


def test_before_review_holds_only_gentle_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, json.dumps(profile(painful_joints=[])), "--week", "--before-review") == 0
    week = json.loads(capsys.readouterr().out)
    library = {e.id: e for e in default_library()}
    for day in week["days"]:
        assert day["items"]
        for item in day["items"]:
            exercise = library[item["exercise"]]
            assert not exercise.is_strengthening and exercise.kind.value != "aerobic"
            assert item["position"] != "standing"


def test_a_day_outside_the_week_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, json.dumps(profile()), "--day", "9") == 2
    assert error_line(capsys).startswith("--day:")


def test_schema_prints_the_profile_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == FunctionalProfile.model_json_schema()
    assert "standing" in schema["properties"]
    for field in ("lies_flat_comfortably", "head_control", "trunk_control", "arm_hangs"):
        assert field in schema["properties"]


def test_an_unknown_key_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, json.dumps(profile(standng="independent"))) == 2
    assert error_line(capsys) == "standng: unknown field"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"standing": "sometimes"}, "standing: must be one of independent, with_support, unsafe"),
        ({"floor_transfer": "yes"}, "floor_transfer: must be true or false"),
        ({"minutes": 500}, "minutes: must be at most 180"),
        ({"minutes": 12.5}, "minutes: must be a whole number"),
        ({"strength": {"knee_extensors": 7}}, "strength.knee_extensors: must be at most 5"),
        ({"painful_joints": "neck"}, "painful_joints: must be a list"),
        ({"stage": "late"}, "stage: must be one of early, mid, advanced"),
        ({"head_control": "wobbly"}, "head_control: must be one of good, tires, needs_support"),
        ({"trunk_control": 2}, "trunk_control: must be one of good, reduced, poor"),
        ({"arm_hangs": "top"}, "arm_hangs: must be one of none, left, right, both"),
        ({"typical_fatigue": 12}, "typical_fatigue: must be at most 10"),
        ({"falls_last_3_months": -1}, "falls_last_3_months: must be at least 0"),
        ({"lies_flat_comfortably": "no"}, "lies_flat_comfortably: must be true or false"),
        ({"caregiver_days": [7]}, "caregiver_days.0: must be at most 6"),
    ],
)
def test_a_bad_value_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, Any], expected: str
) -> None:
    assert run(tmp_path, json.dumps(profile(**changes))) == 2
    assert error_line(capsys) == expected


def test_an_unknown_muscle_group_or_joint_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, json.dumps(profile(strength={"knee_extenors": 3}))) == 2
    assert error_line(capsys).startswith("strength.knee_extenors: not a known name; use one of ")
    assert run(tmp_path, json.dumps(profile(painful_joints=["left_shouldr"]))) == 2
    assert error_line(capsys).startswith("painful_joints: unknown joint 'left_shouldr'")


def test_a_missing_field_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = profile()
    del doc["walking"]
    assert run(tmp_path, json.dumps(doc)) == 2
    assert error_line(capsys) == "walking: missing (required)"


def test_without_stage_or_alsfrs_the_error_names_stage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, json.dumps(profile(stage=None))) == 2
    assert error_line(capsys).startswith("stage: missing")


def test_bad_json_and_missing_files_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "{not json") == 2
    assert "not valid JSON" in error_line(capsys)
    assert run(tmp_path, "[1, 2]") == 2
    assert "expected a JSON object" in error_line(capsys)
    assert main(["plan", str(tmp_path / "nowhere.json")]) == 2
    assert "cannot read" in error_line(capsys)


def test_the_real_staging_turns_full_function_into_the_early_stage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, json.dumps(profile(stage=None, alsfrs=ALL_FOURS))) == 0
    assert json.loads(capsys.readouterr().out)["stage"] == "early"
    bedbound = {**ALL_FOURS, "6": 1, "7": 0, "8": 0, "9": 0}
    assert run(tmp_path, json.dumps(profile(stage=None, alsfrs=bedbound))) == 0
    assert json.loads(capsys.readouterr().out)["stage"] == "advanced"


def test_bad_alsfrs_items_are_one_line_naming_alsfrs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, json.dumps(profile(stage=None, alsfrs={"1": 4}))) == 2
    assert error_line(capsys).startswith("alsfrs: ")


def test_the_console_command_runs_without_django(tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile()), encoding="utf-8")
    code = (
        "import sys; from alsmove.cli import main; rc = main(['plan', sys.argv[1]]); "
        "assert 'django' not in sys.modules, 'plan imported Django'; sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stage"] == "early"
