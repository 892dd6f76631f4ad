"""How a day's chosen exercises become sittings that flow (ROUTINE-FLOW-01 to -03).

At most three positions a sitting (two changes), each position one block, no block of a
single exercise when there are others, no move at all for a person who cannot stand and
has no helper that day, warm-up first and cool-down last; more than 30 minutes a day (15
with high fatigue) becomes two sittings with a rest between. Pure functions over plain
data; `alsmove.core.routine` calls `place` once it has chosen the day's exercises.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import permutations

from alsmove.core.library import BodyRegion, Exercise, Kind, Phase, Position
from alsmove.core.profile import Base, FunctionalProfile, Walking

ROUTINE_FLOW_01 = "ROUTINE-FLOW-01"  # at most two position changes a sitting, no lone block
ROUTINE_FLOW_02 = "ROUTINE-FLOW-02"  # no transfer without a helper for one who cannot stand
ROUTINE_FLOW_03 = "ROUTINE-FLOW-03"  # more than 30 minutes a day: two sittings

MAX_POSITIONS = 3
SITTING_SECONDS = 30 * 60
TIRED_SITTING_SECONDS = 15 * 60

_BASE_POSITION = {
    Base.CHAIR: Position.SEATED,
    Base.WHEELCHAIR: Position.IN_WHEELCHAIR,
    Base.BED: Position.IN_BED,
}


def allowed_positions(profile: FunctionalProfile) -> frozenset[Position] | None:
    """ROUTINE-FLOW-02: the positions a person can reach today without a transfer they
    cannot make (None: any). A person who cannot stand and walk alone and has no helper
    today stays where they spend the day."""
    base = profile.day_base()
    if base is Base.UP:
        if profile.walking is Walking.INDEPENDENT:
            # A person who walks without an aid has no wheelchair to sit in.
            return frozenset(set(Position) - {Position.IN_WHEELCHAIR})
        return None
    if base is Base.BED:
        return frozenset({Position.IN_BED})  # a bed-bound person is not moved for exercise
    home = _BASE_POSITION[base]
    if not (profile.stands_alone() or profile.caregiver_available):
        return frozenset({home})
    if base is Base.CHAIR:
        return frozenset(set(Position) - {Position.IN_WHEELCHAIR})
    if base is Base.WHEELCHAIR:
        # From the wheelchair only to bed, with help: an ordinary chair adds a transfer
        # and gives nothing the wheelchair does not.
        return frozenset({home, Position.IN_BED})
    return None


def base_position(profile: FunctionalProfile) -> Position | None:
    base = profile.day_base()
    return None if base is Base.UP else _BASE_POSITION[base]


@dataclass(frozen=True)
class Chosen:
    """An exercise the engine chose, where it may be done, and its role in the day."""

    exercise: Exercise
    positions: tuple[Position, ...]  # safe ones, best first
    role: str
    seconds: int


def _pick_positions(
    chosen: Sequence[Chosen], preference: Sequence[Position], first: Position | None
) -> list[Position]:
    """Up to three positions covering as many exercises as possible (greedy cover), the
    person's base position first when one is used."""
    picked: list[Position] = []
    left = list(chosen)
    if first is not None and any(first in c.positions for c in left):
        picked.append(first)
        left = [c for c in left if first not in c.positions]
    while left and len(picked) < MAX_POSITIONS:
        counts = {p: sum(1 for c in left if p in c.positions) for p in preference}
        best = max(preference, key=lambda p: (counts[p], -list(preference).index(p)))
        if counts[best] == 0:
            break
        picked.append(best)
        left = [c for c in left if best not in c.positions]
    return picked


def place(
    chosen: Sequence[Chosen],
    preference: Sequence[Position],
    profile: FunctionalProfile,
) -> tuple[list[tuple[Chosen, Position]], list[Chosen]]:
    """(the day's exercises in order with their positions, those dropped for the flow)."""
    first = base_position(profile)
    kept = list(chosen)
    dropped: list[Chosen] = []
    rank = {p: i for i, p in enumerate(preference)}
    while True:
        positions = _pick_positions(kept, preference, first)
        placed = []
        for c in kept:
            # The most suited of the sitting's positions (the base first when it has one).
            fits = [p for p in positions if p in c.positions]
            where = min(fits, key=lambda p: (p != first, rank[p]), default=None)
            if where is None:
                dropped.append(c)
            else:
                placed.append((c, where))
        blocks: dict[Position, list[tuple[Chosen, Position]]] = {}
        for pair in placed:
            blocks.setdefault(pair[1], []).append(pair)
        # A walk is an activity of its own (its own sitting, see `sittings`), not a move
        # for one exercise.
        lone = (
            [b[0] for b in blocks.values() if len(b) == 1 and not is_walk(*b[0])]
            if len(blocks) > 1
            else []
        )
        if not lone:
            break
        # Move a lone exercise into another block when it is safe there, else drop it.
        moved = False
        for c, where in lone:
            other = next((p for p in positions if p != where and p in c.positions), None)
            if other is not None:
                c2 = Chosen(c.exercise, (other,), c.role, c.seconds)
                kept = [c2 if k is c else k for k in kept]
                moved = True
            else:
                kept = [k for k in kept if k is not c]
                dropped.append(c)
        if not moved and not kept:
            placed = []
            break
    rest, walk = split_walk([pair for block in blocks.values() for pair in block])
    rest_blocks: dict[Position, list[tuple[Chosen, Position]]] = {}
    for pair in rest:
        rest_blocks.setdefault(pair[1], []).append(pair)
    ordered = _ends(_ordered(rest_blocks, [p for p in positions if p in rest_blocks], first)) + walk
    # A warm-up or cool-down that could not keep its place, and cannot be a main
    # exercise, is left out rather than done out of order.
    kept_pairs = [(c, p) for c, p in ordered if c.role in ("warm_up", "cool") or _can_be_main(c)]
    kept_now = {id(c) for c, _ in kept_pairs}
    dropped += [c for c, _ in ordered if id(c) not in kept_now]
    return kept_pairs, dropped


def is_walk(c: Chosen, where: Position) -> bool:
    return where is Position.STANDING and c.exercise.kind is Kind.AEROBIC


def split_walk(
    placed: list[tuple[Chosen, Position]],
) -> tuple[list[tuple[Chosen, Position]], list[tuple[Chosen, Position]]]:
    """A walk alone in its position is taken out of the sitting to be its own."""
    standing = [pair for pair in placed if pair[1] is Position.STANDING]
    if len(standing) == 1 and is_walk(*standing[0]) and len(placed) > 1:
        return [pair for pair in placed if pair is not standing[0]], standing
    return placed, []


def _can_be_main(c: Chosen) -> bool:
    return Phase.MAIN in c.exercise.phases


def _ends(placed: list[tuple[Chosen, Position]]) -> list[tuple[Chosen, Position]]:
    """Warm-up first and cool-down last (ROUTINE-ORDER-01), whatever the blocks did: a
    warm-up or cool-down stranded mid-session becomes a main exercise, and an exercise of
    the first (last) block that can warm up (cool down) takes the role."""
    if not placed:
        return placed

    def retag(pair: tuple[Chosen, Position], role: str) -> tuple[Chosen, Position]:
        c, where = pair
        return Chosen(c.exercise, c.positions, role, c.seconds), where

    first_pos, last_pos = placed[0][1], placed[-1][1]
    result = [
        retag(pair, "fill")
        if (pair[0].role == "warm_up" and index != 0)
        or (pair[0].role == "cool" and index != len(placed) - 1)
        else pair
        for index, pair in enumerate(placed)
    ]
    if result[0][0].role != "warm_up":
        for index, pair in enumerate(result):
            if pair[1] != first_pos:
                break
            if Phase.WARM_UP in pair[0].exercise.phases and pair[0].role in ("fill", "focus"):
                result.insert(0, retag(result.pop(index), "warm_up"))
                break
    if len(result) > 1 and result[-1][0].role != "cool":
        for index in range(len(result) - 1, 0, -1):
            pair = result[index]
            if pair[1] != last_pos:
                break
            if Phase.COOL_DOWN in pair[0].exercise.phases and pair[0].role in ("fill", "focus"):
                result.append(retag(result.pop(index), "cool"))
                break
    return result


_REGIONS = list(BodyRegion)


def _ordered(
    blocks: dict[Position, list[tuple[Chosen, Position]]],
    positions: list[Position],
    home: Position | None = None,
) -> list[tuple[Chosen, Position]]:
    """Blocks in the sitting's order: the first that can start with a warm-up and end
    with a cool-down (the chosen warm-up and cool-down preferred), else the picked order."""
    base = [p for p in positions if p in blocks]
    if not base:
        return []

    def has(where: Position, phase: Phase, role: str) -> int:
        block = blocks[where]
        if any(c.role == role for c, _ in block):
            return 2
        return 1 if any(phase in c.exercise.phases for c, _ in block) else 0

    def score(order: tuple[Position, ...]) -> tuple[int, int, int]:
        fits = has(order[0], Phase.WARM_UP, "warm_up") + has(order[-1], Phase.COOL_DOWN, "cool")
        both = int(has(order[0], Phase.WARM_UP, "warm_up") > 0) + int(
            has(order[-1], Phase.COOL_DOWN, "cool") > 0
        )
        # Where the person spends the day comes first when it can (no move to start).
        return both, int(order[0] == home), fits

    best: tuple[Position, ...] = tuple(base)
    for candidate in permutations(base):
        if score(candidate) > score(best):  # strictly better: the picked order wins ties
            best = candidate
    order = list(best)
    result: list[tuple[Chosen, Position]] = []
    for where in order:
        block = blocks[where]
        block.sort(key=lambda pair: _rank(pair[0], where == order[0], where == order[-1]))
        result.extend(block)
    return result


def _rank(c: Chosen, first_block: bool, last_block: bool) -> tuple[int, str]:
    if c.role == "warm_up":
        return (0 if first_block else 1, c.exercise.id)
    if c.role == "cool":
        return (9 if last_block else 8, c.exercise.id)
    return (_kind_order(c.exercise), f"{_REGIONS.index(c.exercise.body_region):02d}{c.exercise.id}")


def _kind_order(exercise: Exercise) -> int:
    if exercise.kind in (Kind.BREATHING, Kind.RELAXATION):
        return 6
    if exercise.kind is Kind.AEROBIC:
        return 5
    if exercise.is_strengthening:
        return 4
    return 2


def sittings(
    seconds: Sequence[int],
    positions: Sequence[Position],
    profile: FunctionalProfile,
    walk_last: bool = False,
) -> list[int]:
    """ROUTINE-FLOW-03: the sitting (1 or 2) of each exercise in order. Over 30 minutes
    (15 with high fatigue) the day splits in two: at the change of position nearest the
    middle, so no sitting starts or ends with a lone exercise in another position."""
    if (
        len(positions) > 1
        and positions[-1] is Position.STANDING
        and positions.count(Position.STANDING) == 1
        and walk_last
    ):
        # The walk is its own sitting, after the others.
        first = sittings(seconds[:-1], positions[:-1], profile)
        return [*first, max(first) + 1]
    limit = TIRED_SITTING_SECONDS if profile.high_fatigue() else SITTING_SECONDS
    total = sum(seconds)
    if total <= limit or len(seconds) < 2:
        return [1] * len(seconds)
    before = [sum(seconds[:n]) for n in range(len(seconds) + 1)]
    changes = [n for n in range(1, len(seconds)) if positions[n] != positions[n - 1]]
    # A cut inside a block must leave at least two of it on each side.
    inside = [
        n
        for n in range(2, len(seconds) - 1)
        if positions[n] == positions[n - 1] == positions[n - 2] == positions[n + 1]
        or (n not in changes and _block_ok(positions, n))
    ]
    cuts = changes + inside
    cut = min(cuts, key=lambda n: (abs(before[n] - total / 2), n), default=len(seconds) // 2)
    return [1 if n < cut else 2 for n in range(len(seconds))]


def _block_ok(positions: Sequence[Position], cut: int) -> bool:
    """Cutting before `cut` leaves no block of one on either side of the cut."""
    left, right = positions[:cut], positions[cut:]
    for part in (left, right):
        runs = [p for n, p in enumerate(part) if n == 0 or part[n - 1] != p]
        if len(runs) > 1 and any(part.count(p) == 1 for p in runs):
            return False
    return bool(left) and bool(right)


def cool_down_phase(role: str, exercise: Exercise) -> Phase:
    if role == "warm_up":
        return Phase.WARM_UP
    if role == "cool":
        return Phase.COOL_DOWN
    return Phase.MAIN if Phase.MAIN in exercise.phases else exercise.phases[0]
