"""Exercise pictograms: a small, friendly inline SVG drawn from an exercise's own fields.

`pictogram_svg(exercise)` draws the person in the exercise's first position (standing,
seated, in a wheelchair, lying on a mat, in bed), highlights the body region worked (an
accent colour *and* a thicker stroke with a soft halo, so colour is never the only
signal), adds a motion hint (a curved arrow, a breath wave, repetition arrows, calm "z"s),
a green helper figure when a caregiver takes part, and an "L <-> R" badge for exercises
done on both sides. The SVG is self-contained, sized by CSS (viewBox only), and labelled
by a <title> for assistive technology. Pure Python: no Django, no assets, deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from alsmove.core.i18n import gettext_noop
from alsmove.core.library import BodyRegion, Exercise, Joint, Kind, Performer, Position, Sides
from alsmove.exercises.pictogram_poses import (
    FURNITURE,
    INK,
    Point,
    Pose,
    add,
    angle_of,
    circle,
    fmt,
    marching,
    mid,
    polar,
    reaching,
    scale,
    scene_for,
    stroke_path,
    sub,
    support_of,
    unit,
)

ACCENT = "#1d4ed8"  # highlight: 6.7:1 on white (WCAG non-text contrast needs 3:1)
HALO = "#bfdbfe"  # soft halo behind the highlight (decorative; the stroke carries it)
HELPER = "#166534"  # helper figure: 7.1:1 on white
BADGE_FILL = "#f3f4f6"  # badge text is INK on this: 13.9:1

LIMB = 9.0
TORSO = 15.0
HEAD_R = 13.0
HAND_R = 6.0
THICKER = 5.0  # extra stroke width of a highlighted part
HALO_EXTRA = 14.0

# -- the figure's parts -----------------------------------------------------------------

# A part is a stroked polyline (points, width) or, with a single point, a dot (radius).
Part = tuple[tuple[Point, ...], float]

# Drawing order: legs behind the torso, the arm in front of it, head over the neck.
PART_ORDER = (
    "stance",
    "thigh",
    "shin",
    "foot",
    "torso_lower",
    "torso_upper",
    "neck",
    "head",
    "upper_arm",
    "forearm",
    "hand",
    "hip_joint",
    "shoulder_joint",
    "ankle_joint",
)
ARM_REGIONS = frozenset({BodyRegion.SHOULDERS, BodyRegion.ARMS, BodyRegion.WRISTS_HANDS})
ARM_JOINTS = frozenset({Joint.SHOULDER, Joint.ELBOW, Joint.WRIST, Joint.FINGERS})
MARKERS = frozenset({"hip_joint", "shoulder_joint", "ankle_joint"})  # drawn only when lit

REGION_PARTS: dict[BodyRegion, tuple[str, ...]] = {
    BodyRegion.NECK: ("neck",),
    BodyRegion.SHOULDERS: ("shoulder_joint", "upper_arm"),
    BodyRegion.ARMS: ("upper_arm", "forearm"),
    BodyRegion.WRISTS_HANDS: ("hand",),
    BodyRegion.CHEST: ("torso_upper",),
    BodyRegion.UPPER_BACK: ("torso_upper",),
    BodyRegion.SPINE: ("neck", "torso_upper", "torso_lower"),
    BodyRegion.HIPS: ("hip_joint", "torso_lower"),
    BodyRegion.LEGS: ("stance", "thigh", "shin"),
    BodyRegion.ANKLES_FEET: ("ankle_joint", "foot"),
    BodyRegion.WHOLE_BODY: tuple(p for p in PART_ORDER if p not in MARKERS),
}


def _parts(pose: Pose) -> dict[str, Part]:
    head_base = add(pose.head, scale(unit(sub(pose.shoulder, pose.head)), HEAD_R))
    waist = mid(pose.shoulder, pose.hip, 0.5)
    return {
        "stance": (pose.stance, LIMB),
        "thigh": ((pose.hip, pose.knee), LIMB),
        "shin": ((pose.knee, pose.ankle), LIMB),
        "foot": ((pose.ankle, pose.toe), LIMB - 1),
        "torso_lower": ((waist, pose.hip), TORSO),
        "torso_upper": ((pose.shoulder, waist), TORSO),
        "neck": ((head_base, pose.shoulder), LIMB),
        "head": ((pose.head,), HEAD_R),
        "upper_arm": ((pose.shoulder, pose.elbow), LIMB - 1),
        "forearm": ((pose.elbow, pose.hand), LIMB - 1),
        "hand": ((pose.hand,), HAND_R),
        "hip_joint": ((pose.hip,), 9.0),
        "shoulder_joint": ((pose.shoulder,), 8.0),
        "ankle_joint": ((pose.ankle,), 6.0),
    }


def _draw_part(name: str, part: Part, colour: str, lit: bool) -> list[str]:
    points, size = part
    cls = ' class="highlight"' if lit else ""
    if name == "head":
        width = 7.0 if lit else 5.0
        face = circle(points[0], size, "#ffffff", colour, width, cls)
        return [face]
    if len(points) == 1:
        return [circle(points[0], size + (2 if lit else 0), colour, extra=cls)]
    return [stroke_path(points, colour, size + (THICKER if lit else 0), cls)]


def _halo(part: Part, shift: Point) -> str:
    points, size = part
    moved = tuple(add(p, shift) for p in points)
    if len(moved) == 1:
        return circle(moved[0], size + HALO_EXTRA / 2 + 2, HALO)
    return stroke_path(moved, HALO, size + HALO_EXTRA)


def _figure(pose: Pose, region: BodyRegion) -> list[str]:
    parts = _parts(pose)
    lit = set(REGION_PARTS[region])
    # The halo leans to the front for the chest and to the back for the upper back.
    lean = {BodyRegion.CHEST: 5.0, BodyRegion.UPPER_BACK: -5.0}.get(region, 0.0)
    shift = scale(pose.front, lean)
    drawn = [n for n in PART_ORDER if parts[n][0] and (n in lit or n not in MARKERS)]
    out = [_halo(parts[name], shift) for name in drawn if name in lit]
    for name in drawn:
        colour = ACCENT if name in lit else INK
        out += _draw_part(name, parts[name], colour, name in lit)
    eye = add(add(pose.head, scale(pose.front, 6)), scale(pose.up, 3))
    out.append(circle(eye, 2.5, INK))
    return out


# -- motion hints -----------------------------------------------------------------------


def _arrowhead(tip: Point, direction: Point, colour: str, size: float = 7) -> str:
    d = unit(direction)
    n = (-d[1], d[0])
    a = add(tip, scale(d, size * 0.6))
    b = add(sub(tip, scale(d, size * 0.8)), scale(n, size * 0.75))
    c = sub(sub(tip, scale(d, size * 0.8)), scale(n, size * 0.75))
    pts = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in (a, b, c))
    return f'<polygon points="{pts}" fill="{colour}"/>'


def _arc_arrow(center: Point, radius: float, start: float, end: float) -> list[str]:
    """An arc from `start` to `end` degrees (screen angles) with an arrowhead at the end."""
    p0, p1 = polar(center, radius, start), polar(center, radius, end)
    sweep = 1 if end > start else 0
    large = 1 if abs(end - start) > 180 else 0
    d = (
        f"M{fmt(p0[0])} {fmt(p0[1])} A{fmt(radius)} {fmt(radius)} 0 {large} {sweep} "
        f"{fmt(p1[0])} {fmt(p1[1])}"
    )
    tangent = polar((0, 0), 1, end + (90 if sweep else -90))
    back = polar(center, radius, end - (4 if sweep else -4))
    return [
        f'<path d="{d}" fill="none" stroke="{ACCENT}" stroke-width="4" stroke-linecap="round"/>',
        _arrowhead(add(back, scale(tangent, 3)), tangent, ACCENT),
    ]


def _turn_toward(direction: Point, toward: Point) -> float:
    cross = direction[0] * toward[1] - direction[1] * toward[0]
    return 1.0 if cross >= 0 else -1.0


# region -> (pivot, limb end, radius, offset degrees, sweep degrees, turn toward "front"/"up")
def _swing(pose: Pose, region: BodyRegion) -> tuple[Point, Point, float, float, float, Point]:
    front, up = pose.front, pose.up
    waist = mid(pose.shoulder, pose.hip)
    table: dict[BodyRegion, tuple[Point, Point, float, float, float, Point]] = {
        BodyRegion.NECK: (pose.shoulder, pose.head, 46, 5, 50, front),
        BodyRegion.SHOULDERS: (pose.shoulder, pose.elbow, 62, 18, 48, up),
        BodyRegion.ARMS: (pose.elbow, pose.hand, 30, 25, 55, up),
        BodyRegion.WRISTS_HANDS: (pose.hand, pose.elbow, 19, 50, 260, up),  # circles
        BodyRegion.CHEST: (pose.chest, add(pose.chest, front), 34, -35, 70, up),
        BodyRegion.UPPER_BACK: (waist, pose.shoulder, 52, 28, 40, front),
        BodyRegion.SPINE: (pose.hip, pose.shoulder, 72, 18, 40, front),
        BodyRegion.HIPS: (pose.hip, pose.knee, 60, 12, 36, add(front, up)),
        BodyRegion.LEGS: (pose.knee, pose.ankle, 38, 20, 50, front),
        BodyRegion.ANKLES_FEET: (pose.ankle, pose.toe, 26, 25, 45, up),
        BodyRegion.WHOLE_BODY: (waist, pose.shoulder, 70, 25, 45, front),
    }
    return table[region]


def _curved_arrow(pose: Pose, region: BodyRegion) -> list[str]:
    pivot, tip, radius, offset, sweep, toward = _swing(pose, region)
    direction = unit(sub(tip, pivot))
    turn = _turn_toward(direction, toward)
    start = angle_of(direction) + turn * offset
    return _arc_arrow(pivot, radius, start, start + turn * sweep)


def _breath(pose: Pose) -> list[str]:
    """Three widening arcs in front of the chest: the chest filling with air."""
    out = []
    centre = angle_of(pose.front)
    for i, radius in enumerate((30.0, 38.0, 46.0)):
        spread = 16 + i * 4
        a = polar(pose.chest, radius, centre - spread)
        b = polar(pose.chest, radius, centre + spread)
        out.append(
            f'<path d="M{fmt(a[0])} {fmt(a[1])} A{fmt(radius)} {fmt(radius)} 0 0 1 '
            f'{fmt(b[0])} {fmt(b[1])}" fill="none" stroke="{ACCENT}" stroke-width="4" '
            'stroke-linecap="round"/>'
        )
    return out


def _march_arrows(pose: Pose) -> list[str]:
    """An up-and-down arrow beside the lifted knee: knees up, in turn, again and again."""
    top, bottom = add(pose.knee, (13, -28)), add(pose.knee, (13, 18))
    return [
        stroke_path((add(top, (0, 5)), add(bottom, (0, -5))), ACCENT, 4),
        _arrowhead(top, (0, -1), ACCENT),
        _arrowhead(bottom, (0, 1), ACCENT),
    ]


def _arm_work(exercise: Exercise) -> bool:
    """The arms do the work: an arm region, or only arm joints named (e.g. arm cycling)."""
    joints = set(exercise.joints)
    return exercise.body_region in ARM_REGIONS or (bool(joints) and joints <= ARM_JOINTS)


def _marches(exercise: Exercise) -> bool:
    legs = exercise.body_region in (BodyRegion.LEGS, BodyRegion.HIPS, BodyRegion.WHOLE_BODY)
    standing = exercise.positions[0] is Position.STANDING
    return standing and legs and exercise.kind is Kind.AEROBIC and not _arm_work(exercise)


def _relax(pose: Pose) -> list[str]:
    spots = (
        (add(add(pose.head, scale(pose.front, 24)), scale(pose.up, 8)), 14),
        (add(add(pose.head, scale(pose.front, 38)), scale(pose.up, 22)), 18),
    )
    return [
        f'<text x="{fmt(x)}" y="{fmt(y)}" font-size="{size}" font-weight="700" '
        f'font-family="system-ui, sans-serif" fill="{ACCENT}">z</text>'
        for (x, y), size in spots
    ]


def _motion(pose: Pose, exercise: Exercise) -> list[str]:
    region = exercise.body_region
    if exercise.kind is Kind.BREATHING:
        return _breath(pose)
    if exercise.kind is Kind.RELAXATION:
        return _relax(pose)
    if exercise.kind is Kind.AEROBIC:
        if _marches(exercise):
            return _march_arrows(pose)
        legs = not _arm_work(exercise)
        pivot = pose.ankle if legs else pose.hand
        centre = add(pivot, scale(pose.front, 22 if legs else 20))
        return _arc_arrow(add(centre, scale(pose.up, 14)), 12, -80, 220)
    if exercise.kind is Kind.POSTURE:
        base = add(mid(pose.shoulder, pose.hip, 0.55), scale(pose.front, 40))
        top = add(base, scale(pose.up, 44))
        return [
            stroke_path((base, add(top, scale(pose.up, -4))), ACCENT, 4),
            _arrowhead(top, pose.up, ACCENT),
        ]
    return _curved_arrow(pose, region)


# -- the helper -------------------------------------------------------------------------


def _helper_hands(pose: Pose, region: BodyRegion) -> tuple[Point, Point]:
    behind = scale(pose.front, -1)
    table: dict[BodyRegion, tuple[Point, Point]] = {
        BodyRegion.NECK: (add(pose.head, scale(behind, 13)), add(pose.shoulder, scale(behind, 9))),
        BodyRegion.SHOULDERS: (pose.shoulder, pose.elbow),
        BodyRegion.ARMS: (pose.elbow, pose.hand),
        BodyRegion.WRISTS_HANDS: (mid(pose.elbow, pose.hand, 0.7), add(pose.hand, pose.front)),
        BodyRegion.CHEST: (pose.shoulder, add(pose.chest, scale(behind, 9))),
        BodyRegion.UPPER_BACK: (pose.shoulder, add(pose.chest, scale(behind, 9))),
        BodyRegion.SPINE: (pose.shoulder, add(mid(pose.shoulder, pose.hip), scale(behind, 9))),
        BodyRegion.HIPS: (pose.hip, mid(pose.hip, pose.knee, 0.6)),
        BodyRegion.LEGS: (mid(pose.hip, pose.knee, 0.85), mid(pose.knee, pose.ankle, 0.8)),
        BodyRegion.ANKLES_FEET: (mid(pose.knee, pose.ankle, 0.85), pose.toe),
        BodyRegion.WHOLE_BODY: (pose.shoulder, pose.knee),
    }
    return table[region]


BEHIND_REGIONS = frozenset(
    {BodyRegion.NECK, BodyRegion.CHEST, BodyRegion.UPPER_BACK, BodyRegion.SPINE}
)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _helper(pose: Pose, region: BodyRegion) -> tuple[list[str], list[str]]:
    """A simpler green figure: (body drawn behind everything, arms drawn over the person)."""
    hands = _helper_hands(pose, region)
    target = mid(*hands)
    ground = pose.floor - 3
    legs: tuple[Point, ...] = ()
    if pose.lying:  # behind the mat or bed, leaning over the person
        side = -1.0 if target[0] > 100 else 1.0
        shoulder = (_clamp(target[0] + side * 26, 24, 176), max(target[1] - 46, 52.0))
        hip = (shoulder[0] + side * 4, max(pose.hip[1], shoulder[1] + 54))
    else:  # beside the person: behind for the neck and back, in front for limbs
        side = -1.0 if region in BEHIND_REGIONS else 1.0
        shoulder = (_clamp(target[0] + side * 44, 26, 170), max(target[1] - 30, 66.0))
        hip = (shoulder[0] + side * 6, shoulder[1] + 54)
        if ground - hip[1] < 50:  # too low to stand: kneel, torso upright
            hip = (hip[0], ground - 34)
            shoulder = (shoulder[0], hip[1] - 54)
    if ground - hip[1] >= 50:  # standing (behind a bed, the legs show under it)
        legs = (hip, (hip[0] + side * 2, mid(hip, (0, ground))[1]), (hip[0], ground))
        legs += ((hip[0] - side * 10, ground),)
    elif not pose.lying:  # kneeling (beside a mat, the mat and the person hide the legs)
        legs = (hip, (hip[0] - side * 14, ground), (hip[0] + side * 16, ground))
    head = add(shoulder, (side * 6, -22))
    body = [
        stroke_path((shoulder, hip), HELPER, 11),
        circle(head, 11, "#ffffff", HELPER, 5),
    ]
    if legs:
        body.insert(0, stroke_path(legs, HELPER, 7))
    arms = []
    for hand in hands:
        reach = sub(hand, shoulder)
        bend = unit((-reach[1], reach[0]))
        if bend[1] < 0:
            bend = scale(bend, -1)  # elbows hang down
        elbow = add(mid(shoulder, hand), scale(bend, 10))
        arms.append(stroke_path((shoulder, elbow, hand), HELPER, 6))
        arms.append(circle(hand, 5.5, HELPER))
    return ['<g class="helper">', *body, "</g>"], ['<g class="helper-hands">', *arms, "</g>"]


# -- badge, title, assembly -------------------------------------------------------------


def _both_sides_badge() -> list[str]:
    text = 'font-size="16" font-weight="700" font-family="system-ui, sans-serif"'
    return [
        '<g class="sides-badge">',
        f'<rect x="5" y="4" width="60" height="26" rx="8" fill="{BADGE_FILL}" '
        f'stroke="{FURNITURE}" stroke-width="3"/>',
        f'<text x="12" y="23" {text} fill="{INK}">L</text>',
        f'<text x="48" y="23" {text} fill="{INK}">R</text>',
        stroke_path(((29, 17), (41, 17)), INK, 3),
        _arrowhead((42, 17), (1, 0), INK, 6),
        _arrowhead((28, 17), (-1, 0), INK, 6),
        "</g>",
    ]


# The description's words, marked for the catalogues (this module stays free of Django:
# the caller passes the page's gettext to pictogram_title).
POSITION_WORDS: dict[Position, str] = {
    Position.STANDING: gettext_noop("Standing figure"),
    Position.SEATED: gettext_noop("Seated figure"),
    Position.IN_WHEELCHAIR: gettext_noop("Figure seated in a wheelchair"),
    Position.LYING: gettext_noop("Figure lying on a mat"),
    Position.IN_BED: gettext_noop("Figure lying in bed"),
}
SUPPORT_WORDS = {
    "wall": gettext_noop("Standing figure holding on to a wall"),
    "chair": gettext_noop("Standing figure holding a chair back"),
}
REGION_WORDS: dict[BodyRegion, str] = {
    BodyRegion.NECK: gettext_noop("neck highlighted"),
    BodyRegion.SHOULDERS: gettext_noop("shoulders highlighted"),
    BodyRegion.ARMS: gettext_noop("arms highlighted"),
    BodyRegion.WRISTS_HANDS: gettext_noop("wrists and hands highlighted"),
    BodyRegion.CHEST: gettext_noop("chest highlighted"),
    BodyRegion.UPPER_BACK: gettext_noop("upper back highlighted"),
    BodyRegion.SPINE: gettext_noop("spine highlighted"),
    BodyRegion.HIPS: gettext_noop("hips highlighted"),
    BodyRegion.LEGS: gettext_noop("legs highlighted"),
    BodyRegion.ANKLES_FEET: gettext_noop("ankles and feet highlighted"),
    BodyRegion.WHOLE_BODY: gettext_noop("whole body highlighted"),
}
PERFORMER_WORDS: dict[Performer, str | None] = {
    Performer.SELF: None,
    Performer.ASSISTED: gettext_noop("helper supporting"),
    Performer.CAREGIVER: gettext_noop("helper moving the body"),
}
BOTH_SIDES = gettext_noop("both sides")


def _holds(exercise: Exercise) -> str | None:
    if exercise.positions[0] is not Position.STANDING:
        return None
    return support_of(tuple(exercise.requires), exercise.equipment)


def pictogram_title(exercise: Exercise, translate: Callable[[str], str] = str) -> str:
    """A short plain description, e.g. "Seated figure, neck highlighted, helper supporting",
    in English, or in the page's language when `translate` is its gettext."""
    holds = _holds(exercise)
    parts = [
        SUPPORT_WORDS[holds] if holds else POSITION_WORDS[exercise.positions[0]],
        REGION_WORDS[exercise.body_region],
        PERFORMER_WORDS[exercise.performer],
        BOTH_SIDES if exercise.sides is Sides.BOTH else None,
    ]
    return ", ".join(translate(part) for part in parts if part)


def pictogram_svg(
    exercise: Exercise, *, title: str | None = None, translate: Callable[[str], str] = str
) -> str:
    """The exercise's pictogram as a self-contained inline SVG labelled by its <title>
    (the description in English, or through `translate`, the page's gettext)."""
    position = exercise.positions[0]
    scene = scene_for(position, _holds(exercise))
    pose = marching(scene.pose) if _marches(exercise) else scene.pose
    if _arm_work(exercise) and scene.support is None:
        pose = reaching(pose, forearm_only=exercise.body_region is BodyRegion.WRISTS_HANDS)
    helper_body: list[str] = []
    helper_arms: list[str] = []
    if exercise.performer is not Performer.SELF:
        helper_body, helper_arms = _helper(pose, exercise.body_region)
    title_id = f"pict-{exercise.id}-title"
    label = title if title is not None else pictogram_title(exercise, translate)
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" '
        f'class="pictogram" aria-labelledby={quoteattr(title_id)}>',
        f"<title id={quoteattr(title_id)}>{escape(label)}</title>",
        *helper_body,
        *scene.scenery,
        *_figure(pose, exercise.body_region),
        *helper_arms,
        *_motion(pose, exercise),
        *(_both_sides_badge() if exercise.sides is Sides.BOTH else []),
        "</svg>",
    ]
    return "\n".join(parts)
