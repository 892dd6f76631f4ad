"""The caregiver skills' content rules: the schema refuses a skill without stop rules,
sources or (when it moves the person) a word on lifts; passive movement stops at
resistance or pain; steps are short; related exercises exist; no sentence is copied from
the source documents; every skill the issue asks for is there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from alsmove.caregiving.loader import CONTENT_DIR, SkillError, load_file, load_skills
from alsmove.core.caregiving import MOVES_THE_PERSON, SOURCES, STEP_MAX_CHARS, Skill, SkillKind
from alsmove.exercises.loader import default_library

ROOT = Path(__file__).resolve().parents[2]
SEED_TOOL = ROOT.parent.parent / "shared" / "tools" / "seed_overlap.py"


def _skill(**changes: object) -> dict[str, object]:
    skill: dict[str, object] = {
        "id": "sample-skill",
        "title": "A sample skill",
        "summary": "What it is for.",
        "kind": "transfer",
        "stages": ["mid"],
        "prepare": ["A gait belt."],
        "steps": ["First this.", "Then that.", "Then rest."],
        "stop_if": ["It hurts."],
        "not_alone": ["The person cannot stand."],
        "lift_needed": ["The person cannot help at all."],
        "sources": ["safe-handling"],
        "last_reviewed": "2026-12-01",
    }
    skill.update(changes)
    return skill


def test_a_well_formed_skill_validates() -> None:
    assert Skill.model_validate(_skill()).id == "sample-skill"


@pytest.mark.parametrize(
    "changes",
    [
        {"stop_if": []},
        {"not_alone": []},
        {"sources": []},
        {"sources": ["a-source-nobody-listed"]},
        {"prepare": []},
        {"steps": ["Only one step.", "And two."]},
        {"steps": ["x" * (STEP_MAX_CHARS + 1), "Then that.", "Then rest."]},
        {"lift_needed": []},  # a transfer must say when a lift is needed
        {"kind": "positioning", "lift_needed": []},
        {"kind": "range_of_motion", "stop_if": ["Stop if the person is tired."]},
        {"kind": "range_of_motion", "stop_if": ["Stop at resistance."]},  # and pain
        {"summary": "Daily turning slows ALS."},
        {"kind": "juggling"},
        {"last_reviewed": None},
        {"price": "10 dollars"},  # closed schema
        {"exercises": ["Not An Id"]},
    ],
)
def test_a_skill_missing_a_safety_rule_or_source_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Skill.model_validate(_skill(**changes))


def test_passive_movement_that_stops_at_resistance_and_pain_validates() -> None:
    skill = _skill(
        kind="range_of_motion", lift_needed=[], stop_if=["Never go past resistance or pain."]
    )
    assert Skill.model_validate(skill).kind is SkillKind.RANGE_OF_MOTION


def test_a_cough_or_a_brace_needs_no_word_on_lifts() -> None:
    assert Skill.model_validate(_skill(kind="breathing", lift_needed=[])).lift_needed == ()


REQUIRED = {
    "transfer-board-bed-chair": SkillKind.TRANSFER,
    "sit-to-stand-gait-belt": SkillKind.TRANSFER,
    "toilet-transfer": SkillKind.TRANSFER,
    "car-transfer": SkillKind.TRANSFER,
    "turning-and-positioning": SkillKind.POSITIONING,
    "helper-body-mechanics": SkillKind.HELPER_SAFETY,
    "assisted-cough": SkillKind.BREATHING,
    "passive-range-of-motion": SkillKind.RANGE_OF_MOTION,
    "putting-on-an-afo": SkillKind.ORTHOSIS,
}


def test_every_skill_the_issue_asks_for_is_there_with_its_kind() -> None:
    skills = {skill.id: skill.kind for skill in load_skills()}
    assert {k: skills.get(k) for k in REQUIRED} == REQUIRED


def test_every_skill_has_stop_rules_sources_and_short_steps() -> None:
    for skill in load_skills():
        assert skill.stop_if and skill.not_alone and skill.sources, skill.id
        assert all(source in SOURCES for source in skill.sources), skill.id
        if skill.kind in MOVES_THE_PERSON:
            assert skill.lift_needed, skill.id
        for step in skill.steps:
            assert len(step) <= STEP_MAX_CHARS, (skill.id, step)
            # One idea a step: at most two sentences, so a screen reads in one breath.
            assert step.count(". ") <= 1, (skill.id, step)


def test_passive_range_of_motion_links_the_librarys_passive_exercises() -> None:
    skill = next(s for s in load_skills() if s.id == "passive-range-of-motion")
    library = {e.id: e for e in default_library()}
    assert skill.exercises
    assert all(library[e].performer.value == "caregiver" for e in skill.exercises)


def test_a_transfer_never_tells_the_helper_to_pull_on_an_arm() -> None:
    for skill in load_skills():
        for step in skill.steps:
            lower = step.lower()
            assert "pull on the arm" not in lower and "under the arms" not in lower, step


def test_a_broken_file_is_named_with_the_skill(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: no-stop-rules\n  title: Oops\n", encoding="utf-8")
    with pytest.raises(SkillError, match=r"broken\.yaml: no-stop-rules"):
        load_file(broken)


def test_a_related_exercise_missing_from_the_library_is_refused(tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "skills.yaml"
    path.write_text(yaml.safe_dump([_skill(exercises=["no-such-exercise"])]), encoding="utf-8")
    with pytest.raises(SkillError, match="no-such-exercise"):
        load_skills(tmp_path)


def test_the_content_files_are_all_loaded() -> None:
    in_files = sum(len(load_file(path)) for path in CONTENT_DIR.glob("*.yaml"))
    assert in_files == len(load_skills()) >= len(REQUIRED)


def test_no_sentence_is_copied_from_the_source_documents() -> None:
    if not SEED_TOOL.exists():
        pytest.skip("the seed documents are not on this machine")
    result = subprocess.run(
        [sys.executable, str(SEED_TOOL), str(ROOT)], capture_output=True, text=True, check=True
    )
    copied = [line for line in result.stdout.splitlines() if "caregiving" in line]
    assert copied == []
