"""Every library entry declares what the position rules read (issue 8)."""

from __future__ import annotations

import re

import yaml

from alsmove.core.library import Kind, Position
from alsmove.exercises.loader import CONTENT_DIR, default_library


def raw_entries() -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    for path in sorted(CONTENT_DIR.glob("*.yaml")):
        entries.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    return entries


def test_every_entry_says_what_it_asks_of_the_trunk_and_the_neck_and_what_it_keeps_long() -> None:
    for entry in raw_entries():
        for key in ("trunk", "neck", "contracture", "muscle_groups"):
            assert key in entry, f"{entry['id']} does not declare {key}"


def test_every_exercise_that_moves_names_its_muscle_groups_and_joints() -> None:
    still = (Kind.BREATHING, Kind.RELAXATION)
    for exercise in default_library():
        if exercise.kind not in still:
            assert exercise.muscle_groups, exercise.id
            assert exercise.joints, exercise.id


def test_each_shortening_prone_group_has_a_gentle_exercise_in_the_library() -> None:
    kept_long = {c for e in default_library() for c in e.contracture}
    assert {c.value for c in kept_long} == {
        "calf",
        "hamstrings",
        "hip_flexors",
        "wrist_finger_flexors",
        "shoulder",
    }


def test_steps_for_a_standing_variant_never_mention_armrests_and_bed_steps_never_say_sit() -> None:
    for exercise in default_library():
        for position in exercise.positions:
            steps = " ".join(exercise.steps_for(position)).lower()
            if position is Position.STANDING and len(exercise.positions) > 1:
                # (Standing up from a chair, standing only, pushes on the armrests.)
                assert "armrest" not in steps, exercise.id
            if position is Position.IN_BED and position in exercise.position_steps:
                assert not re.search(r"\bsit\b", steps), exercise.id


def test_every_exercise_offered_in_several_positions_has_steps_for_each_of_them() -> None:
    several = [e for e in default_library() if len(e.positions) > 1]
    assert len(several) >= 80
    for exercise in several:
        assert set(exercise.position_steps) == set(exercise.positions), exercise.id
        for position, steps in exercise.position_steps.items():
            assert exercise.steps_for(position) == steps


def test_the_new_supports_are_in_the_library() -> None:
    ids = {e.id for e in default_library()}
    assert {
        "supported-neck-turns",
        "supported-chest-opener",
        "helper-steadied-trunk-turn",
        "side-lying-hip-flexor-stretch",
        "prone-rest-hip-stretch",
        "wheelchair-weight-shifts",
        "tilt-pressure-relief",
        "turning-in-bed-with-helper",
        "breath-stacking",
        "assisted-cough",
        "afo-on-and-skin-check",
        "pacing-pause",
    } <= ids


def test_every_step_is_short_enough_to_read_at_a_glance() -> None:
    # The session shows the first step beside the picture on one tablet screen in the
    # largest text; a long step pushes it off (split it into two steps instead).
    for exercise in default_library():
        for position in exercise.positions:
            for step in exercise.steps_for(position):
                assert len(step) <= 160, (exercise.id, position, step)
