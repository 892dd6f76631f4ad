"""ALSFRS-R: the twelve items, their validation, the total and the four domain subscores.

Cedarbaum et al., J Neurol Sci 1999 (CLINICAL.md §1). The level texts below are our own
plain-words paraphrases, never the scale's original wording (its copyright holder is
unclear), so the product can show them on the entry screens and in any language.

Item 5 comes in two variants: 5a (cutting food, no feeding tube) and 5b (handling food and
utensils with a feeding tube). A record holds exactly one of them, so the total stays 0-48.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from alsmove.core.i18n import Message, gettext_noop

RULE_TOTAL = "ALSFRS-TOTAL-01"
RULE_ITEM5 = "ALSFRS-ITEM5-01"
RULE_DOMAINS = "ALSFRS-DOMAIN-01"
RULE_RANGE = "ALSFRS-RANGE-01"

ITEM_IDS: tuple[str, ...] = ("1", "2", "3", "4", "5a", "5b", "6", "7", "8", "9", "10", "11", "12")
MIN_SCORE = 0
MAX_SCORE = 4
MAX_TOTAL = 48
MAX_DOMAIN = 12


class Domain(StrEnum):
    BULBAR = "bulbar"
    FINE_MOTOR = "fine_motor"
    GROSS_MOTOR = "gross_motor"
    RESPIRATORY = "respiratory"


# Level texts in the order the scale lists them: score 4 first, down to score 0.
Levels = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class ItemSpec:
    """What one entry screen shows: a title and one plain sentence per score."""

    id: str
    title: str
    domain: Domain
    levels: Levels

    def level(self, score: int) -> str:
        """The text for a score (4 = as before, 0 = no function left)."""
        return self.levels[MAX_SCORE - score]


# Asked before item 5: the answer decides whether the person sees 5a or 5b.
GASTROSTOMY_QUESTION = gettext_noop("Do you have a feeding tube into your stomach (a gastrostomy)?")
GASTROSTOMY_HINT = gettext_noop(
    "Answer yes if you have a tube even if you still eat some food by mouth. "
    "The next question then asks about handling the tube instead of cutting food."
)

ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec(
        "1",
        gettext_noop("Speech"),
        Domain.BULBAR,
        (
            gettext_noop("I speak as I always have."),
            gettext_noop("People can tell my speech has changed."),
            gettext_noop("People often ask me to say things again."),
            gettext_noop("I need writing, a letter board or a device as well as my voice."),
            gettext_noop("I can no longer make myself understood by speaking."),
        ),
    ),
    ItemSpec(
        "2",
        gettext_noop("Saliva"),
        Domain.BULBAR,
        (
            gettext_noop("I have no more saliva than usual."),
            gettext_noop("I have a little extra saliva; I may drool in my sleep."),
            gettext_noop("I clearly have extra saliva and sometimes drool a little."),
            gettext_noop("I have a lot of extra saliva and drool at times."),
            gettext_noop("I drool nearly all the time."),
        ),
    ),
    ItemSpec(
        "3",
        gettext_noop("Swallowing"),
        Domain.BULBAR,
        (
            gettext_noop("I eat and drink as I always have."),
            gettext_noop("Swallowing is starting to be hard; I choke now and then."),
            gettext_noop("I need softer food or thicker drinks."),
            gettext_noop("I need extra feeding through a tube."),
            gettext_noop("All my food and drink go through a tube."),
        ),
    ),
    ItemSpec(
        "4",
        gettext_noop("Handwriting"),
        Domain.FINE_MOTOR,
        (
            gettext_noop("I write as I always have."),
            gettext_noop("I write slower or messier, but every word can be read."),
            gettext_noop("Some of the words I write cannot be read."),
            gettext_noop("I can hold a pen but cannot write with it."),
            gettext_noop("I cannot hold a pen."),
        ),
    ),
    ItemSpec(
        "5a",
        gettext_noop("Cutting food and using cutlery"),
        Domain.FINE_MOTOR,
        (
            gettext_noop("I cut my food and use cutlery as I always have."),
            gettext_noop("It takes me longer and I fumble a bit, but I manage alone."),
            gettext_noop("I manage most food but need help with some of the cutting."),
            gettext_noop("Another person cuts up my food; I put it in my mouth myself, slowly."),
            gettext_noop("Another person feeds me."),
        ),
    ),
    ItemSpec(
        "5b",
        gettext_noop("Handling food and utensils with a feeding tube"),
        Domain.FINE_MOTOR,
        (
            gettext_noop("I handle my tube, food and utensils as I always have."),
            gettext_noop("I fumble, but I still do every step myself."),
            gettext_noop("Someone helps me with caps, clips and connectors."),
            gettext_noop("My carer does most of it; I help a little."),
            gettext_noop("My carer does all of it."),
        ),
    ),
    ItemSpec(
        "6",
        gettext_noop("Dressing and washing"),
        Domain.FINE_MOTOR,
        (
            gettext_noop("I dress and wash as I always have."),
            gettext_noop("I do it all myself, but it takes more effort or time."),
            gettext_noop("I need help now and then, or do things in a different way."),
            gettext_noop("I need a helper to dress and wash."),
            gettext_noop("Others do all of my dressing and washing."),
        ),
    ),
    ItemSpec(
        "7",
        gettext_noop("Turning in bed"),
        Domain.GROSS_MOTOR,
        (
            gettext_noop("I turn over and pull up the covers as I always have."),
            gettext_noop("It takes longer, but I manage alone."),
            gettext_noop("I manage on my own, but it is very hard work."),
            gettext_noop("I can start to turn or move the covers, but cannot finish alone."),
            gettext_noop("I cannot turn over or move the covers at all."),
        ),
    ),
    ItemSpec(
        "8",
        gettext_noop("Walking"),
        Domain.GROSS_MOTOR,
        (
            gettext_noop("I walk as I always have."),
            gettext_noop("Walking has started to get harder."),
            gettext_noop("I walk only with help: a person, a stick or a walker."),
            gettext_noop("I cannot walk, but I can move my legs, for example to help a transfer."),
            gettext_noop("I cannot move my legs in a useful way."),
        ),
    ),
    ItemSpec(
        "9",
        gettext_noop("Climbing stairs"),
        Domain.GROSS_MOTOR,
        (
            gettext_noop("I climb stairs as I always have."),
            gettext_noop("I climb stairs more slowly."),
            gettext_noop("I feel a bit unsteady or tired on stairs."),
            gettext_noop("I need help on stairs."),
            gettext_noop("I cannot climb stairs."),
        ),
    ),
    ItemSpec(
        "10",
        gettext_noop("Shortness of breath"),
        Domain.RESPIRATORY,
        (
            gettext_noop("I do not get out of breath."),
            gettext_noop("I get out of breath when I walk."),
            gettext_noop("I get out of breath when I eat, wash or dress."),
            gettext_noop("I am out of breath even at rest, sitting or lying down."),
            gettext_noop("I am very short of breath and breathing support is being discussed."),
        ),
    ),
    ItemSpec(
        "11",
        gettext_noop("Breathing when lying down"),
        Domain.RESPIRATORY,
        (
            gettext_noop("Lying down does not make my breathing harder."),
            gettext_noop("Breathlessness sometimes disturbs my sleep; two pillows are enough."),
            gettext_noop("I need more than two pillows to sleep."),
            gettext_noop("I have to sit upright to get any sleep."),
            gettext_noop("I cannot sleep because of breathlessness."),
        ),
    ),
    ItemSpec(
        "12",
        gettext_noop("Breathing support"),
        Domain.RESPIRATORY,
        (
            gettext_noop("I use no breathing machine."),
            gettext_noop("I use a mask breathing machine (such as BiPAP) some of the time."),
            gettext_noop("I use the mask breathing machine all night, every night."),
            gettext_noop("I use the mask breathing machine night and day."),
            gettext_noop("A ventilator breathes for me through a tube in my neck or mouth."),
        ),
    ),
)

ITEMS_BY_ID: Mapping[str, ItemSpec] = MappingProxyType({spec.id: spec for spec in ITEMS})

# The scale positions in each domain; position 5 is whichever of 5a / 5b a record holds.
DOMAIN_ITEMS: Mapping[Domain, tuple[int, int, int]] = MappingProxyType(
    {
        Domain.BULBAR: (1, 2, 3),
        Domain.FINE_MOTOR: (4, 5, 6),
        Domain.GROSS_MOTOR: (7, 8, 9),
        Domain.RESPIRATORY: (10, 11, 12),
    }
)


class AlsfrsError(ValueError):
    """A record a person entered cannot be scored; the message says what to fix.

    Carries a `Message` so the web layer can translate it; `str()` gives the English text
    for the command line and logs.
    """

    def __init__(self, message: Message) -> None:
        super().__init__(message.render())
        self.message = message


def _error(text: str, **params: str | int | float) -> AlsfrsError:
    return AlsfrsError(Message(text, params))


@dataclass(frozen=True)
class Domains:
    """The four domain subscores, each 0-12."""

    bulbar: int
    fine_motor: int
    gross_motor: int
    respiratory: int

    def as_dict(self) -> dict[str, int]:
        return {
            Domain.BULBAR.value: self.bulbar,
            Domain.FINE_MOTOR.value: self.fine_motor,
            Domain.GROSS_MOTOR.value: self.gross_motor,
            Domain.RESPIRATORY.value: self.respiratory,
        }


@dataclass(frozen=True)
class Scores:
    """One validated ALSFRS-R record: the eleven fixed items plus 5a or 5b.

    Build it with `parse_items`; constructing it directly validates too, so an invalid
    record cannot exist anywhere in the program.
    """

    items: Mapping[str, int]
    # Scores by scale position 1-12 (5 = 5a or 5b), computed once: staging reads them
    # many times per record and the progression benchmark runs thousands of records.
    _positions: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Freeze a private copy: a caller mutating its dict must not change a stored record.
        items = _validated(self.items)
        object.__setattr__(self, "items", MappingProxyType(items))
        five = items["5b"] if "5b" in items else items["5a"]
        positions = [items[str(n)] if n != 5 else five for n in range(1, 13)]
        object.__setattr__(self, "_positions", tuple(positions))

    def __hash__(self) -> int:
        # The generated hash would hash the read-only mapping, which is unhashable.
        return hash(tuple(sorted(self.items.items())))

    @property
    def total(self) -> int:
        return sum(self._positions)

    @property
    def gastrostomy(self) -> bool:
        """True when the record used item 5b, i.e. the person has a feeding tube."""
        return "5b" in self.items

    def item(self, number: int) -> int:
        """The score at scale position 1-12; position 5 is whichever of 5a / 5b is present."""
        if not 1 <= number <= 12:
            raise KeyError(number)
        return self._positions[number - 1]

    @property
    def domains(self) -> Domains:
        p = self._positions
        return Domains(
            bulbar=sum(p[0:3]),  # items 1-3
            fine_motor=sum(p[3:6]),  # items 4, 5a or 5b, 6
            gross_motor=sum(p[6:9]),  # items 7-9
            respiratory=sum(p[9:12]),  # items 10-12
        )


def _score(item_id: str, value: object) -> int:
    # bool is a subclass of int and 3.0 == 3 in Python; both are almost always a mistake
    # in a hand-written record, so they are refused rather than silently counted.
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(
            gettext_noop("item {item}: score must be a whole number from 0 to 4, got {value}"),
            item=item_id,
            value=repr(value),
        )
    if not MIN_SCORE <= value <= MAX_SCORE:
        raise _error(
            gettext_noop("item {item}: score {value} is out of range 0-4"),
            item=item_id,
            value=value,
        )
    return value


def _validated(raw: Mapping[str, object]) -> dict[str, int]:
    if not isinstance(raw, Mapping):
        raise _error(gettext_noop("items must be a mapping of item number to score"))
    for key in raw:
        if key not in ITEMS_BY_ID:
            if str(key) == "5":
                raise _error(
                    gettext_noop(
                        "unknown item '5': give '5a' (no feeding tube) or '5b' (feeding tube)"
                    )
                )
            raise _error(gettext_noop("unknown item '{item}'"), item=str(key))
    if "5a" in raw and "5b" in raw:
        raise _error(gettext_noop("item 5: give 5a or 5b, not both"))
    clean: dict[str, int] = {}
    for item_id in ITEM_IDS:
        if item_id in ("5a", "5b"):
            if item_id in raw:
                clean[item_id] = _score(item_id, raw[item_id])
            elif item_id == "5b" and "5a" not in raw:
                raise _error(
                    gettext_noop(
                        "item 5 is missing: give 5a (no feeding tube) or 5b (feeding tube)"
                    )
                )
            continue
        if item_id not in raw:
            raise _error(gettext_noop("item {item} is missing"), item=item_id)
        clean[item_id] = _score(item_id, raw[item_id])
    return clean


def parse_items(raw: Mapping[str, object]) -> Scores:
    """Validate a record (item id -> score) and return its `Scores`.

    Raises `AlsfrsError` naming the first problem: an unknown item, both or neither of
    5a / 5b, a missing item, or a score that is not a whole number 0-4.
    """
    return Scores(items=_validated(raw))
