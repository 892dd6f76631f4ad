"""Geometry, poses and scenery for the exercise pictograms (see `pictograms.py`).

Everything is drawn in a 200 x 200 viewBox, seen from the side with the figure facing
right. A pose is a handful of joint positions; the scenery (chair, wheelchair, mat, bed,
wall) is plain SVG drawn behind the figure. Pure Python: no Django, no files, no network.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from alsmove.core.library import Position

Point = tuple[float, float]

INK = "#1f2937"  # body strokes: 14.7:1 on white
FURNITURE = "#4b5563"  # furniture outlines: 7.6:1 on white
FURNITURE_FILL = "#e5e7eb"  # soft fill inside furniture outlines (decorative)
FURNITURE_WIDTH = 4


# -- small geometry helpers -------------------------------------------------------------


def fmt(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zero, so output is stable."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def add(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


def sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def scale(a: Point, k: float) -> Point:
    return (a[0] * k, a[1] * k)


def mid(a: Point, b: Point, t: float = 0.5) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def unit(a: Point) -> Point:
    length = math.hypot(a[0], a[1])
    return (0.0, 0.0) if length == 0 else (a[0] / length, a[1] / length)


def angle_of(a: Point) -> float:
    """Screen angle in degrees (y grows downward, so positive turns clockwise)."""
    return math.degrees(math.atan2(a[1], a[0]))


def polar(center: Point, radius: float, degrees: float) -> Point:
    rad = math.radians(degrees)
    return (center[0] + radius * math.cos(rad), center[1] + radius * math.sin(rad))


def path_d(points: tuple[Point, ...]) -> str:
    head, *rest = points
    return f"M{fmt(head[0])} {fmt(head[1])}" + "".join(f" L{fmt(x)} {fmt(y)}" for x, y in rest)


def stroke_path(points: tuple[Point, ...], colour: str, width: float, extra: str = "") -> str:
    return (
        f'<path d="{path_d(points)}" fill="none" stroke="{colour}" '
        f'stroke-width="{fmt(width)}" stroke-linecap="round" stroke-linejoin="round"{extra}/>'
    )


def circle(
    center: Point,
    radius: float,
    fill: str,
    stroke: str | None = None,
    width: float = 0,
    extra: str = "",
) -> str:
    outline = f' stroke="{stroke}" stroke-width="{fmt(width)}"' if stroke else ""
    return (
        f'<circle cx="{fmt(center[0])}" cy="{fmt(center[1])}" r="{fmt(radius)}" '
        f'fill="{fill}"{outline}{extra}/>'
    )


def rect(x: float, y: float, w: float, h: float, rx: float = 4) -> str:
    return (
        f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(w)}" height="{fmt(h)}" rx="{fmt(rx)}" '
        f'fill="{FURNITURE_FILL}" stroke="{FURNITURE}" stroke-width="{FURNITURE_WIDTH}"/>'
    )


def furniture(*points: Point, width: float = FURNITURE_WIDTH) -> str:
    return stroke_path(points, FURNITURE, width)


# -- poses ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pose:
    """Joint positions of the figure, plus which way its chest faces and its head points."""

    head: Point
    shoulder: Point
    hip: Point
    elbow: Point
    hand: Point
    knee: Point
    ankle: Point
    toe: Point
    front: Point  # unit vector the chest faces
    up: Point  # unit vector from the hips toward the head
    floor: float  # y the helper stands or kneels on
    lying: bool
    stance: tuple[Point, ...] = ()  # the other leg, drawn only when the legs differ

    @property
    def chest(self) -> Point:
        return mid(self.shoulder, self.hip, 0.3)

    def shifted(self, dx: float, dy: float) -> Pose:
        def move(p: Point) -> Point:
            return (p[0] + dx, p[1] + dy)

        return Pose(
            head=move(self.head),
            shoulder=move(self.shoulder),
            hip=move(self.hip),
            elbow=move(self.elbow),
            hand=move(self.hand),
            knee=move(self.knee),
            ankle=move(self.ankle),
            toe=move(self.toe),
            front=self.front,
            up=self.up,
            floor=self.floor,
            lying=self.lying,
            stance=tuple(move(p) for p in self.stance),
        )


@dataclass(frozen=True)
class Scene:
    pose: Pose
    scenery: tuple[str, ...]  # drawn behind the figure
    support: str | None = None  # what a standing figure holds, for the title


FLOOR = 186.0
UPRIGHT_FRONT: Point = (1.0, 0.0)
UPRIGHT_UP: Point = (0.0, -1.0)

_SEATED = Pose(
    head=(90, 36),
    shoulder=(84, 64),
    hip=(80, 118),
    elbow=(98, 92),
    hand=(118, 108),
    knee=(132, 118),
    ankle=(134, 174),
    toe=(150, 176),
    front=UPRIGHT_FRONT,
    up=UPRIGHT_UP,
    floor=FLOOR,
    lying=False,
)

_LYING = Pose(
    head=(34, 155),
    shoulder=(60, 162),
    hip=(114, 162),
    elbow=(80, 146),
    hand=(100, 154),
    knee=(146, 162),
    ankle=(172, 162),
    toe=(176, 146),
    front=(0.0, -1.0),
    up=(-1.0, 0.0),
    floor=FLOOR,
    lying=True,
)


def _floor_line() -> str:
    return furniture((8, FLOOR + 3), (192, FLOOR + 3), width=3)


def _standing(holds: str | None) -> Scene:
    if holds is None:
        elbow, hand = (106, 92), (118, 114)
    else:
        elbow, hand = (124, 92), (144, 96)
    pose = Pose(
        head=(100, 36),
        shoulder=(100, 64),
        hip=(100, 120),
        elbow=elbow,
        hand=hand,
        knee=(104, 152),
        ankle=(100, 180),
        toe=(116, 181),
        front=UPRIGHT_FRONT,
        up=UPRIGHT_UP,
        floor=FLOOR,
        lying=False,
    )
    scenery = [_floor_line()]
    if holds == "wall":
        scenery.append(rect(152, 40, 16, FLOOR - 38, rx=2))
    elif holds == "chair":
        scenery += [
            furniture((152, 96), (152, FLOOR)),  # back post and back leg
            furniture((152, 136), (186, 136), (186, FLOOR)),  # seat and front leg
            furniture((148, 96), (156, 96), width=6),  # top rail the hand holds
        ]
    return Scene(pose, tuple(scenery), holds)


def _chair() -> tuple[str, ...]:
    return (
        _floor_line(),
        furniture((64, 62), (64, FLOOR)),  # back post and back leg
        furniture((60, 128), (126, 128), (126, FLOOR)),  # seat and front leg
    )


def _wheelchair() -> tuple[str, ...]:
    hub: Point = (86, 146)
    spokes = [furniture(polar(hub, 6, a), polar(hub, 36, a), width=3) for a in range(0, 360, 45)]
    return (
        _floor_line(),
        circle(hub, 40, "none", FURNITURE, 6),  # the big wheel and its rim
        *spokes,
        circle(hub, 5, FURNITURE),
        furniture((46, 64), (64, 64), (64, 128)),  # push handle and back
        furniture((60, 128), (128, 128), (138, 176), (156, 176)),  # seat, leg rest, footplate
        circle((128, 180), 6, "#ffffff", FURNITURE, 4),  # front caster
    )


def _mat() -> tuple[str, ...]:
    return (_floor_line(), rect(12, 170, 176, 16, rx=7))


def _bed() -> tuple[str, ...]:
    return (
        _floor_line(),
        rect(12, 82, 12, FLOOR - 80, rx=4),  # headboard
        furniture((24, 150), (188, 150), (188, FLOOR)),  # frame and foot leg
        rect(24, 126, 164, 20, rx=6),  # mattress
        '<ellipse cx="46" cy="120" rx="20" ry="8" fill="#ffffff" '
        f'stroke="{FURNITURE}" stroke-width="{FURNITURE_WIDTH}"/>',  # pillow
    )


def marching(pose: Pose) -> Pose:
    """A standing pose with one knee lifted (walking on the spot); the other leg stands."""
    stance = (pose.hip, pose.knee, pose.ankle, pose.toe)
    return replace(pose, knee=(130, 132), ankle=(128, 164), toe=(144, 166), stance=stance)


def reaching(pose: Pose, forearm_only: bool = False) -> Pose:
    """The arm held out in front (forward when upright, up to the ceiling when lying).

    With `forearm_only` a lying figure keeps its elbow on the bed and raises the forearm,
    which shows the wrist and hand without lifting the whole arm.
    """
    front, up = pose.front, pose.up
    if forearm_only and pose.lying:
        elbow = add(pose.shoulder, scale(up, -26))
        hand = add(elbow, add(scale(front, 28), scale(up, -4)))
        return replace(pose, elbow=elbow, hand=hand)
    elbow = add(pose.shoulder, add(scale(front, 27), scale(up, -7)))
    hand = add(pose.shoulder, add(scale(front, 53), scale(up, -5)))
    return replace(pose, elbow=elbow, hand=hand)


def support_of(requires: tuple[str, ...], equipment: tuple[str, ...]) -> str | None:
    """What a standing figure holds: a wall, a chair back, or nothing."""
    words = " ".join([*requires, *equipment]).lower()
    if "wall" in words:
        return "wall"
    if "chair" in words:
        return "chair"
    return None


def scene_for(position: Position, holds: str | None = None) -> Scene:
    """The figure and its furniture for one position."""
    if position is Position.STANDING:
        return _standing(holds)
    if position is Position.SEATED:
        return Scene(_SEATED, _chair())
    if position is Position.IN_WHEELCHAIR:
        return Scene(replace(_SEATED, ankle=(138, 166), toe=(154, 168)), _wheelchair())
    if position is Position.LYING:
        return Scene(_LYING, _mat())
    return Scene(_LYING.shifted(8, -44), _bed())
