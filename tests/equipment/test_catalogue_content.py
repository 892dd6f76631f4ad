"""The equipment catalogue's content: it validates, holds every item the issue lists with
all it must say, labels heuristics, and copies no sentence from the source documents."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from alsmove.core.equipment_catalogue import SOURCES, CatalogueItem, Group, HomeArea, Paperwork
from alsmove.equipment.loader import CONTENT_DIR, CatalogueError, load_catalogue, load_file

ROOT = Path(__file__).resolve().parents[2]
SEED_TOOL = ROOT.parent.parent / "shared" / "tools" / "seed_overlap.py"

# Every item issue 14 names, and the catalogue id that covers it.
REQUIRED = {
    "ankle-foot orthosis, off the shelf": "afo-off-the-shelf",
    "ankle-foot orthosis, custom": "afo-custom",
    "cane": "cane",
    "rollator": "rollator",
    "walker": "walker",
    "transport chair": "transport-chair",
    "manual wheelchair": "manual-wheelchair",
    "power wheelchair": "power-wheelchair",
    "wheelchair cushion": "wheelchair-cushion",
    "pressure-relieving mattress": "pressure-mattress",
    "transfer board": "transfer-board",
    "gait belt": "gait-belt",
    "standing or pivot transfer aid": "pivot-transfer-aid",
    "patient lift with slings": "patient-lift",
    "hospital bed": "hospital-bed",
    "shower chair": "shower-chair",
    "tub transfer bench": "tub-transfer-bench",
    "raised toilet seat or commode": "toilet-seat-commode",
    "grab bars": "grab-bars",
    "bed rail": "bed-rail",
    "ramp": "ramp",
    "stair lift": "stair-lift",
    "door widening": "door-widening",
    "car swivel seat": "car-swivel-seat",
    "car transfer handle": "car-transfer-handle",
    "soft cervical collar": "soft-collar",
    "supportive cervical collar": "supportive-collar",
    "wrist and hand splint": "wrist-hand-splint",
    "resting hand splint": "resting-hand-splint",
    "arm support or mobile arm support": "mobile-arm-support",
    "lap tray": "lap-tray",
    "reacher": "reacher",
    "built-up utensils": "built-up-utensils",
    "button hook": "button-hook",
    "speech-generating device": "speech-generating-device",
}


def _entry(**changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": "sample-item",
        "name": "A sample",
        "group": "walking",
        "what_for": "Something useful.",
        "signs": [{"item": 8, "at_or_below": 2}],
        "sign_text": "Walking is harder.",
        "heuristic": True,
        "lead_time_weeks": {"min": 1, "max": 2},
        "lead_time_note": "Quick to get.",
        "paperwork": ["none"],
        "providers": ["shop"],
        "sources": ["clinical-equipment"],
    }
    entry.update(changes)
    return entry


def test_a_well_formed_item_validates() -> None:
    assert CatalogueItem.model_validate(_entry()).id == "sample-item"


@pytest.mark.parametrize(
    "changes",
    [
        {"signs": [], "profile_signs": []},
        {"signs": [{"item": 13, "at_or_below": 2}]},
        {"signs": [{"item": 8, "at_or_below": 4}]},  # 4 is normal: never a sign
        {"profile_signs": [{"field": "walking", "values": ["sometimes"]}]},
        {"profile_signs": [{"field": "mood", "values": ["low"]}]},
        {"lead_time_weeks": {"min": 5, "max": 2}},
        {"paperwork": []},
        {"paperwork": ["none", "prescription"]},
        {"sources": ["a-source-nobody-listed"]},
        {"group": "home"},  # a home change needs its area
        {"home_area": "kitchen"},  # and only home changes have one
        {"price": "10 dollars"},  # closed schema
    ],
)
def test_a_malformed_item_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        CatalogueItem.model_validate(_entry(**changes))


def test_a_broken_file_names_the_file_and_the_item(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("- id: bad-item\n  name: x\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"broken\.yaml: bad-item"):
        load_catalogue(tmp_path)


def test_an_id_used_twice_across_files_is_refused(tmp_path: Path) -> None:
    text = (CONTENT_DIR / "home.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="already used"):
        load_catalogue(tmp_path)


def test_the_catalogue_has_at_least_30_items_and_every_one_the_issue_lists() -> None:
    ids = {item.id for item in load_catalogue()}
    assert len(ids) >= 30
    assert set(REQUIRED.values()) <= ids
    assert sum(len(load_file(p)) for p in CONTENT_DIR.glob("*.yaml")) == len(ids)


def test_every_item_says_what_it_is_for_when_how_long_what_paperwork_who_and_where_from() -> None:
    for item in load_catalogue():
        assert item.what_for and item.sign_text and item.lead_time_note, item.id
        assert item.lead_time_weeks.max >= item.lead_time_weeks.min, item.id
        assert item.paperwork and item.providers and item.sources, item.id
        assert set(item.sources) <= set(SOURCES), item.id


def test_every_heuristic_is_labelled_and_the_catalogue_says_so() -> None:
    # CLINICAL.md section 5: the thresholds are heuristics unless sourced; none is sourced.
    assert all(item.heuristic for item in load_catalogue())


def test_the_power_chair_lists_the_choices_to_get_right_and_its_sourced_lead_time() -> None:
    chair = next(i for i in load_catalogue() if i.id == "power-wheelchair")
    choices = " ".join(chair.choices).casefold()
    for word in ("tilt", "recline", "seat elevation", "head, chin or switch", "ventilator"):
        assert word in choices, word
    assert (chair.lead_time_weeks.min, chair.lead_time_weeks.max) == (11, 25)
    assert {"mda-power-chair", "complex-rehab-timeline", "medicare-wheelchair-5y"} <= set(
        chair.sources
    )
    assert Paperwork.MEDICAL_NECESSITY in chair.paperwork
    assert Paperwork.FUNDING_APPROVAL in chair.paperwork


def test_loan_closets_are_offered_as_an_alternative() -> None:
    lending = [
        i.id for i in load_catalogue() if any("loan closet" in a.casefold() for a in i.alternatives)
    ]
    assert len(lending) >= 8


def test_the_home_checklist_covers_every_area() -> None:
    areas = {item.home_area for item in load_catalogue() if item.group is Group.HOME}
    assert areas == set(HomeArea)


def test_the_speech_device_points_to_the_speech_therapist() -> None:
    device = next(i for i in load_catalogue() if i.id == "speech-generating-device")
    assert device.pointer is not None and "speech" in device.pointer.casefold()


def test_no_sentence_is_copied_from_the_source_documents() -> None:
    if not SEED_TOOL.exists():
        pytest.skip("the seed documents are not on this machine")
    if shutil.which("git") is None:
        pytest.skip("seed_overlap.py lists files with git, which is not installed")
    result = subprocess.run(
        [sys.executable, str(SEED_TOOL), str(ROOT)], capture_output=True, text=True, check=True
    )
    copied = [line for line in result.stdout.splitlines() if "equipment" in line]
    assert copied == []
