"""The exercise library's content: it validates, covers what the documents ask for, and
says nothing unsafe. Plain Python: runs without Django (`pytest -p no:django`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from alsmove.core.library import (
    SOURCES,
    BodyRegion,
    Exercise,
    Joint,
    Kind,
    Performer,
    Position,
    Requirement,
    Resistance,
    Sides,
    Stage,
)
from alsmove.exercises.loader import CONTENT_DIR, load_file, load_library

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_OVERLAP = REPO_ROOT.parent / "shared" / "tools" / "seed_overlap.py"

# Every stretch the seed stretching guide describes, and the library entry that covers it.
GUIDE_STRETCHES: dict[str, str] = {
    "neck stretch: head tilted forward": "neck-forward-tilt",
    "neck stretch: head tilted to each side": "neck-side-tilt",
    "shoulder and arm stretch: reach toward the opposite shoulder blade": "shoulder-reach-across",
    "leg stretch: seated, one leg straight, lean forward": "seated-leg-stretch",
    "ankle stretch: circles": "ankle-circles",
    "foot stretch: flex and point": "foot-flex-and-point",
    "wrist stretch: fingers eased back": "wrist-stretch",
    "spinal twist: seated": "seated-spinal-twist",
    "hip and knee stretch: lying knee to chest": "knee-to-chest",
    "chest stretch: palm on a wall, turn away": "chest-wall-stretch",
    "upper back stretch: hands joined, back rounded": "upper-back-stretch",
    "biceps stretch": "biceps-stretch",
    "triceps stretch": "triceps-stretch",
    "thigh stretch: standing, with a chair or wall": "standing-thigh-stretch",
    "calf stretch: at a wall": "wall-calf-stretch",
    "hamstring stretch: at the edge of a chair": "seated-hamstring-stretch",
    "seated glute stretch": "seated-glute-stretch",
    "lying glute stretch": "lying-glute-stretch",
    "posture: shoulder rolls": "shoulder-rolls",
    "posture: wall push-ups": "wall-push-up",
}

# Each major joint (and each shoulder movement) and its helper-moved exercise.
PASSIVE_ROM: dict[str, tuple[str, Joint]] = {
    "neck": ("passive-neck-range", Joint.NECK),
    "shoulder flexion": ("passive-shoulder-flexion", Joint.SHOULDER),
    "shoulder abduction": ("passive-shoulder-abduction", Joint.SHOULDER),
    "shoulder rotation": ("passive-shoulder-rotation", Joint.SHOULDER),
    "elbow": ("passive-elbow-and-forearm", Joint.ELBOW),
    "wrist": ("passive-wrist-and-fingers", Joint.WRIST),
    "fingers": ("passive-wrist-and-fingers", Joint.FINGERS),
    "hip": ("passive-hip-and-knee-bend", Joint.HIP),
    "knee": ("passive-knee-bend-seated", Joint.KNEE),
    "ankle": ("passive-ankle-stretch", Joint.ANKLE),
}

PUSHING_THROUGH_PAIN = re.compile(
    r"push(es|ing)? through|work(s|ing)? through|no pain,? no gain|through the pain"
    r"|ignore (the )?pain|despite (the )?pain|even if it hurts",
    re.IGNORECASE,
)
CLAIMS_TO_SLOW_ALS = re.compile(
    r"slow(s|ing)?( down)? (the )?(progression|disease|als\b)|slows? als|\bcure[sd]?\b"
    r"|\bhalt|revers(e|es|ing) (the )?(als|disease)|stop(s)? (the )?(als|disease)\b",
    re.IGNORECASE,
)
SEATED = {Position.SEATED, Position.IN_WHEELCHAIR}
MAX_SENTENCE_WORDS = 20


@cache
def library() -> tuple[Exercise, ...]:
    return load_library()


def by_id() -> dict[str, Exercise]:
    return {exercise.id: exercise for exercise in library()}


def texts(exercise: Exercise) -> Iterator[str]:
    """Every piece of text a person reads for this exercise."""
    yield exercise.name
    yield exercise.summary
    yield from exercise.targets
    yield from exercise.equipment
    yield from exercise.steps
    yield from exercise.cautions
    if exercise.hand_placement:
        yield exercise.hand_placement
    if exercise.limits:
        yield exercise.limits


def helper_text(exercise: Exercise) -> str:
    return " ".join([exercise.limits or "", *exercise.cautions]).lower()


def test_every_library_file_validates_against_the_schema() -> None:
    paths = sorted(CONTENT_DIR.glob("*.yaml"))
    assert paths, "no library files found"
    for path in paths:
        assert load_file(path), f"{path.name} holds no exercises"
    assert len(load_library()) == sum(len(load_file(path)) for path in paths)


def test_the_library_has_at_least_fifty_exercises() -> None:
    assert len(library()) >= 50


def test_exercise_ids_are_plain_kebab_case() -> None:
    for exercise in library():
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", exercise.id), exercise.id


def test_every_source_is_a_known_reference() -> None:
    for exercise in library():
        unknown = set(exercise.sources) - set(SOURCES)
        assert not unknown, f"{exercise.id}: unknown sources {sorted(unknown)}"


def test_every_stretch_named_in_the_stretching_guide_is_in_the_library() -> None:
    exercises = by_id()
    missing = {name: id for name, id in GUIDE_STRETCHES.items() if id not in exercises}
    assert not missing
    for name, id in GUIDE_STRETCHES.items():
        assert "stretching-guide" in exercises[id].sources, f"{name}: {id} does not cite it"


def test_every_major_joint_has_a_caregiver_passive_range_of_motion_exercise() -> None:
    exercises = by_id()
    for movement, (id, joint) in PASSIVE_ROM.items():
        exercise = exercises.get(id)
        assert exercise is not None, f"{movement}: {id} is missing"
        assert exercise.kind is Kind.PASSIVE, id
        assert exercise.performer is Performer.CAREGIVER, id
        assert joint in exercise.joints, f"{id} does not move the {joint}"
        assert exercise.hand_placement and exercise.limits, id
        assert set(exercise.stages) >= {Stage.MID, Stage.ADVANCED}, id
        assert Position.LYING not in exercise.positions, f"{id}: passive work is in bed"


def test_caregiver_exercises_say_never_to_move_past_resistance_or_pain() -> None:
    helped = [e for e in library() if e.performer is not Performer.SELF]
    assert helped
    for exercise in helped:
        text = helper_text(exercise)
        assert "resistance" in text, f"{exercise.id} does not mention resistance"
        assert "pain" in text, f"{exercise.id} does not mention pain"


def test_passive_exercises_are_slow_and_never_bounce() -> None:
    for exercise in library():
        if exercise.kind is Kind.PASSIVE:
            text = helper_text(exercise)
            assert "slow" in text, exercise.id
            assert "bounc" in text, exercise.id


def test_stretch_holds_default_to_fifteen_to_thirty_seconds() -> None:
    stretches = [e for e in library() if e.kind is Kind.STRETCH]
    assert stretches
    for exercise in stretches:
        hold = exercise.hold_seconds
        assert hold is not None
        assert hold.min >= 10 and hold.max <= 30, exercise.id
    default = [
        e
        for e in stretches
        if e.hold_seconds and (e.hold_seconds.min, e.hold_seconds.max) == (15, 30)
    ]
    assert len(default) >= 0.8 * len(stretches)


def test_every_exercise_says_when_to_stop() -> None:
    for exercise in library():
        assert len(exercise.cautions) >= 2, f"{exercise.id} needs two or more cautions"
        assert any("stop" in caution.lower() for caution in exercise.cautions), exercise.id


def test_no_text_tells_anyone_to_push_through_pain() -> None:
    for exercise in library():
        for text in texts(exercise):
            assert not PUSHING_THROUGH_PAIN.search(text), f"{exercise.id}: {text!r}"


def test_no_text_claims_exercise_slows_als() -> None:
    for exercise in library():
        for text in texts(exercise):
            assert not CLAIMS_TO_SLOW_ALS.search(text), f"{exercise.id}: {text!r}"


def test_sentences_are_short_enough_to_read_when_tired() -> None:
    for exercise in library():
        for text in texts(exercise):
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                words = len(sentence.split())
                assert words <= MAX_SENTENCE_WORDS, f"{exercise.id}: {sentence!r}"


def test_strengthening_is_light_short_and_never_eccentric() -> None:
    strengthening = [e for e in library() if e.is_strengthening]
    assert strengthening
    allowed = {Resistance.NONE, Resistance.BODY_WEIGHT, Resistance.LIGHT}
    for exercise in strengthening:
        assert exercise.kind is Kind.STRENGTHENING, exercise.id
        assert exercise.muscle_groups, exercise.id
        assert exercise.resistance in allowed, exercise.id
        assert not exercise.eccentric, exercise.id
        assert exercise.reps <= 12, exercise.id
        assert set(exercise.stages) <= {Stage.EARLY, Stage.MID}, exercise.id
        text = " ".join(exercise.cautions).lower()
        assert "few more" in text, f"{exercise.id} must say to stop before tiring"
        assert "below 3 out of 5" in text, f"{exercise.id} must warn about weak muscles"


def test_aerobic_exercise_keeps_to_ten_minute_bouts_at_a_talking_pace() -> None:
    aerobic = [e for e in library() if e.kind is Kind.AEROBIC]
    assert aerobic
    for exercise in aerobic:
        assert exercise.minutes <= 10, exercise.id
        text = " ".join(texts(exercise)).lower()
        assert "talk" in text, exercise.id
        assert "short of breath" in text, exercise.id


def test_minutes_leave_time_for_every_hold() -> None:
    for exercise in library():
        if exercise.hold_seconds is None:
            continue
        sides = 2 if exercise.sides is Sides.BOTH else 1
        holding = exercise.reps * exercise.hold_seconds.min * sides / 60
        assert holding <= exercise.minutes, exercise.id


def test_standing_only_exercises_hold_on_to_a_chair_or_a_wall() -> None:
    for exercise in library():
        if set(exercise.positions) != {Position.STANDING} or exercise.kind is Kind.AEROBIC:
            continue
        words = " ".join(exercise.equipment).lower()
        support = {Requirement.CHAIR, Requirement.WALL} & set(exercise.requires)
        assert support or "chair" in words or "wall" in words, exercise.id


def test_every_region_can_be_trained_seated_and_in_bed_or_passively() -> None:
    for region in BodyRegion:
        in_region = [e for e in library() if e.body_region is region]
        assert len(in_region) >= 3, f"{region}: too few exercises"
        assert any(SEATED & set(e.positions) for e in in_region), f"{region}: none seated"
        assert any(
            Position.IN_BED in e.positions or e.performer is Performer.CAREGIVER for e in in_region
        ), f"{region}: none in bed or by a caregiver"


def test_every_region_has_exercises_at_every_stage() -> None:
    for region in BodyRegion:
        for stage in Stage:
            assert any(e.body_region is region and stage in e.stages for e in library()), (
                f"{region} has nothing for the {stage} stage"
            )


def test_library_text_repeats_no_ten_word_run_of_the_source_documents() -> None:
    if not SEED_OVERLAP.is_file():
        pytest.skip(f"{SEED_OVERLAP} not found: shared/ is not beside the repository")
    if shutil.which("git") is None:
        pytest.skip("seed_overlap.py lists files with git, which is not installed")
    result = subprocess.run(
        [sys.executable, str(SEED_OVERLAP), str(CONTENT_DIR)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "repeats the source documents" not in result.stdout, result.stdout
    assert "no sentences copied" in result.stdout, result.stdout


def test_work_against_body_weight_counts_as_strengthening_for_the_safety_rules() -> None:
    from alsmove.core.library import Kind

    for exercise in load_library():
        if exercise.resistance is not Resistance.NONE:
            assert exercise.is_strengthening and exercise.muscle_groups, exercise.id
    posture = next(e for e in load_library() if e.kind is Kind.POSTURE)
    with_weight = posture.model_copy(update={"resistance": Resistance.BODY_WEIGHT})
    assert with_weight.is_strengthening
