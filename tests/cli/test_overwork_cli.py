"""`alsmove overwork FILE.json`: JSON in, JSON out, one-line errors naming the field."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from alsmove.cli import main

SESSION = {
    "date": "2025-03-01",
    "exercises": [{"exercise": "neck-side-bend", "status": "partly", "pain": 4}],
    "fatigue": 3,
    "cramps": "none",
    "breathless_after": False,
}
CHECKIN = {
    "date": "2025-03-02",
    "kind": "after_30_min",
    "weaker": True,
    "soreness": False,
    "heaviness": False,
}
INPUT = {"sessions": [SESSION], "checkins": [CHECKIN]}


def run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: object | str
) -> tuple[int, str, str]:
    path = tmp_path / "logs.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), "utf-8")
    code = main(["overwork", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_warnings_flags_and_easing_as_of_the_last_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(tmp_path, capsys, INPUT)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {
        "warnings",
        "flags",
        "easing",
        "reassess_suggested",
        "rest_day",
        "alert_therapist",
        "skip_today",
    }
    assert data["alert_therapist"] is True and data["rest_day"] is False
    assert [(w["date"], w["rule"]) for w in data["warnings"]] == [
        ("2025-03-01", "OVERWORK-PAIN-01"),
        ("2025-03-02", "OVERWORK-WEAKER-01"),
    ]
    assert all(set(w) == {"date", "rule", "text"} for w in data["warnings"])
    assert data["flags"] == [
        {"exercise": "neck-side-bend", "rule": "OVERWORK-PAIN-01", "status": "flagged"}
    ]
    assert data["easing"] == {
        "active": True,
        "rules": ["OVERWORK-WEAKER-01"],
        "reps_factor": 0.7,
        "hold_factor": 0.75,
        "strengthening": False,
    }
    assert data["reassess_suggested"] is False


def test_it_reads_stdin_for_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"sessions": [SESSION]})))
    assert main(["overwork", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["flags"][0]["status"] == "flagged"
    assert data["easing"]["active"] is False


def test_an_empty_history_gives_no_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(tmp_path, capsys, {"sessions": [], "checkins": []})
    assert code == 0
    assert json.loads(out) == {
        "warnings": [],
        "flags": [],
        "easing": {
            "active": False,
            "rules": [],
            "reps_factor": 1.0,
            "hold_factor": 1.0,
            "strengthening": True,
        },
        "reassess_suggested": False,
        "rest_day": False,
        "alert_therapist": False,
        "skip_today": [],
    }


PAINFUL = {**SESSION, "exercises": [{"exercise": "arm-lift", "status": "done", "pain": "high"}]}
BAD = [
    ({**INPUT, "extra": 1}, "extra: unknown key"),
    (
        {"sessions": [{**SESSION, "date": "01/03/2025"}]},
        "sessions[0].date: not a date (YYYY-MM-DD)",
    ),
    (
        {"sessions": [SESSION, SESSION, PAINFUL]},
        "sessions[2].exercises[0].pain: must be an integer 0-10",
    ),
    ({"sessions": [{**SESSION, "fatigue": -1}]}, "sessions[0].fatigue: must be an integer 0-10"),
    (
        {"checkins": [CHECKIN, {**CHECKIN, "kind": "evening"}]},
        "checkins[1].kind: must be after_30_min or next_day",
    ),
    (
        {"checkins": [{**CHECKIN, "heaviness": None}]},
        "checkins[0].heaviness: must be true or false",
    ),
    ("[1, 2", "not valid JSON"),
    ("[" * 100_000, "JSON nested too deeply"),
    ('"sessions"', "input: must be an object"),
]


@pytest.mark.parametrize(("payload", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_input_gives_one_line_naming_the_field_and_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: object, message: str
) -> None:
    code, out, err = run(tmp_path, capsys, payload)
    assert code == 2
    assert out == ""
    assert err.startswith("alsmove: error: ")
    assert message in err
    assert err.count("\n") == 1


def test_a_missing_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["overwork", str(tmp_path / "nowhere.json")]) == 2
    err = capsys.readouterr().err
    assert "nowhere.json: cannot read" in err
    assert err.count("\n") == 1


def test_the_console_command_never_shows_a_traceback() -> None:
    for stdin in ("{", '{"sessions": [{"date": "2025-02-30"}]}'):
        done = subprocess.run(
            [sys.executable, "-m", "alsmove.cli", "overwork", "-"],
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 2
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("alsmove: error: ")
