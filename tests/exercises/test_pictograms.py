"""Exercise pictograms: well-formed, labelled, highlighted, and different where they should be.

Pure Python (no Django): `.venv/bin/pytest tests/exercises/test_pictograms.py -q -p no:django`.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from alsmove.core.library import BodyRegion, Exercise, Performer, Position
from alsmove.exercises import pictograms
from alsmove.exercises.loader import default_library
from alsmove.exercises.pictograms import pictogram_svg, pictogram_title

SVG = "{http://www.w3.org/2000/svg}"
LIBRARY = default_library()

POSITION_NEEDS = {
    Position.STANDING: "standing_balance",
    Position.LYING: "floor_transfer",
    Position.IN_BED: "bed",
}


def make(
    position: Position = Position.SEATED,
    region: BodyRegion = BodyRegion.NECK,
    performer: Performer = Performer.SELF,
    **overrides: Any,
) -> Exercise:
    """A valid exercise built through the same validation as the YAML library."""
    requires = [POSITION_NEEDS[position]] if position in POSITION_NEEDS else []
    if performer is not Performer.SELF:
        requires.append("caregiver")
    data: dict[str, Any] = {
        "id": f"test-{position.value.replace('_', '-')}-{region.value.replace('_', '-')}",
        "name": "Test exercise",
        "summary": "An exercise made up for a test.",
        "kind": "stretch",
        "body_region": region.value,
        "positions": [position.value],
        "performer": performer.value,
        "requires": requires,
        "steps": ["Do the first thing.", "Do the second thing."],
        "hold_seconds": {"min": 15, "max": 30},
        "reps": 2,
        "sides": "none",
        "minutes": 1,
        "cautions": ["Stop if it hurts."],
        "stages": ["early"],
        "sources": ["stretching-guide"],
    }
    if performer is Performer.CAREGIVER:
        data |= {"hand_placement": "Under the limb.", "limits": "Stop at resistance."}
    data |= overrides
    return Exercise.model_validate(data)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


def classes(root: ET.Element) -> set[str]:
    return {c for el in root.iter() for c in el.get("class", "").split()}


def title_of(root: ET.Element) -> ET.Element:
    titles = [el for el in root.iter(f"{SVG}title")]
    assert len(titles) == 1
    return titles[0]


def test_the_library_is_not_empty() -> None:
    assert LIBRARY


@pytest.mark.parametrize("exercise", LIBRARY, ids=lambda e: e.id)
def test_every_library_exercise_draws_a_labelled_highlighted_svg(exercise: Exercise) -> None:
    root = parse(pictogram_svg(exercise))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = title_of(root)
    assert root.get("aria-labelledby") == title.get("id") == f"pict-{exercise.id}-title"
    assert title.text and title.text.strip()
    assert "highlight" in classes(root)


@pytest.mark.parametrize("exercise", LIBRARY, ids=lambda e: e.id)
def test_every_library_exercise_with_a_helper_shows_the_helper(exercise: Exercise) -> None:
    has_helper = "helper" in classes(parse(pictogram_svg(exercise)))
    assert has_helper == (exercise.performer is not Performer.SELF)


def test_title_ids_are_unique_across_the_library() -> None:
    ids = [title_of(parse(pictogram_svg(e))).get("id") for e in LIBRARY]
    assert len(ids) == len(set(ids))


def test_the_svg_is_sized_by_css_through_its_viewbox() -> None:
    root = parse(pictogram_svg(make()))
    assert root.get("viewBox") == "0 0 200 200"
    assert root.get("width") is None and root.get("height") is None


def test_each_position_gives_a_different_drawing() -> None:
    drawings = {position: pictogram_svg(make(position)) for position in Position}
    assert len(set(drawings.values())) == len(Position)
    assert drawings[Position.STANDING] != drawings[Position.LYING]


def test_each_region_highlights_something_different() -> None:
    def highlighted(region: BodyRegion) -> str:
        root = parse(pictogram_svg(make(Position.SEATED, region)))
        lit = [el for el in root.iter() if "highlight" in el.get("class", "").split()]
        return "".join(ET.tostring(el, encoding="unicode") for el in lit)

    lit = {region: highlighted(region) for region in BodyRegion}
    assert all(lit.values())
    # The chest and the upper back share the upper torso; they differ by halo and arrow.
    assert len(set(lit.values())) == len(BodyRegion) - 1


@pytest.mark.parametrize("position", list(Position))
@pytest.mark.parametrize("performer", [Performer.CAREGIVER, Performer.ASSISTED])
def test_caregiver_and_assisted_exercises_show_the_helper_figure(
    position: Position, performer: Performer
) -> None:
    root = parse(pictogram_svg(make(position, BodyRegion.LEGS, performer)))
    assert {"helper", "helper-hands"} <= classes(root)
    assert pictograms.HELPER in pictogram_svg(make(position, BodyRegion.LEGS, performer))


def test_a_person_alone_has_no_helper_figure() -> None:
    assert "helper" not in classes(parse(pictogram_svg(make(performer=Performer.SELF))))


def test_a_title_passed_in_is_escaped() -> None:
    exercise = make(name='Neck <script>alert("x")</script> & co')
    svg = pictogram_svg(exercise, title=exercise.name)
    assert "<script>" not in svg
    assert title_of(parse(svg)).text == exercise.name


def test_the_default_title_describes_position_region_and_helper_in_words() -> None:
    title = pictogram_title(make(Position.SEATED, BodyRegion.NECK, Performer.ASSISTED))
    assert title == "Seated figure, neck highlighted, helper supporting"


@pytest.mark.parametrize("position", list(Position))
@pytest.mark.parametrize("region", list(BodyRegion))
def test_every_title_names_the_position_and_the_region(
    position: Position, region: BodyRegion
) -> None:
    title = title_of(parse(pictogram_svg(make(position, region)))).text or ""
    position_word = {
        Position.STANDING: "Standing",
        Position.SEATED: "Seated",
        Position.IN_WHEELCHAIR: "wheelchair",
        Position.LYING: "lying on a mat",
        Position.IN_BED: "in bed",
    }[position]
    assert position_word in title
    region_words = {
        BodyRegion.WRISTS_HANDS: "wrists and hands",
        BodyRegion.ANKLES_FEET: "ankles and feet",
    }.get(region, region.value.replace("_", " "))
    assert f"{region_words} highlighted" in title


def test_a_standing_figure_holding_a_wall_says_so() -> None:
    exercise = make(Position.STANDING, BodyRegion.LEGS, requires=["standing_balance", "wall"])
    assert "holding on to a wall" in pictogram_title(exercise)
    chair = make(Position.STANDING, BodyRegion.LEGS, equipment=["a sturdy chair"])
    assert "holding a chair back" in pictogram_title(chair)


def test_both_sides_adds_a_left_right_badge_with_readable_text() -> None:
    root = parse(pictogram_svg(make(sides="both")))
    assert "sides-badge" in classes(root)
    texts = {el.text: el for el in root.iter(f"{SVG}text")}
    assert {"L", "R"} <= set(texts)
    assert all(float(el.get("font-size", "0")) >= 12 for el in texts.values())
    assert "sides-badge" not in classes(parse(pictogram_svg(make(sides="none"))))
    assert "both sides" in pictogram_title(make(sides="both"))


@pytest.mark.parametrize(
    ("kind", "marker"),
    [("breathing", "A30 30"), ("relaxation", ">z</text>"), ("stretch", "<polygon")],
)
def test_the_kind_of_exercise_adds_its_motion_hint(kind: str, marker: str) -> None:
    overrides: dict[str, Any] = {"kind": kind}
    if kind != "stretch":
        overrides["hold_seconds"] = None
    assert marker in pictogram_svg(make(Position.SEATED, BodyRegion.CHEST, **overrides))


def test_strokes_are_at_least_three_units_and_text_at_least_twelve() -> None:
    samples = [make(p, r, Performer.CAREGIVER, sides="both") for p in Position for r in BodyRegion]
    for exercise in [*samples, *LIBRARY]:
        svg = pictogram_svg(exercise)
        widths = [float(w) for w in re.findall(r'stroke-width="([\d.]+)"', svg)]
        assert widths and min(widths) >= 3
        sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
        assert all(size >= 12 for size in sizes)


def test_the_drawing_is_deterministic() -> None:
    exercise = make(Position.IN_WHEELCHAIR, BodyRegion.ARMS, Performer.CAREGIVER)
    assert pictogram_svg(exercise) == pictogram_svg(exercise)


def test_the_pictogram_modules_do_not_import_django() -> None:
    folder = Path(pictograms.__file__).parent
    for name in ("pictograms.py", "pictogram_poses.py"):
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "django" for a in node.names)
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] != "django"
