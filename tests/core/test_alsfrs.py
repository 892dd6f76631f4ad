"""ALSFRS-R records: validation, total, domains and the entry-screen texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from alsmove.core import alsfrs, progression, staging
from alsmove.core.alsfrs import (
    ITEM_IDS,
    ITEMS,
    ITEMS_BY_ID,
    AlsfrsError,
    Domain,
    Scores,
    parse_items,
)
from alsmove.core.i18n import Message


def record(changes: dict[str, object] | None = None, tube: bool = False) -> dict[str, object]:
    """A full record with every item at 4, with 5a (or 5b when tube), then `changes`."""
    ids = [i for i in ITEM_IDS if i != ("5a" if tube else "5b")]
    items: dict[str, object] = dict.fromkeys(ids, 4)
    items.update(changes or {})
    return items


def test_a_normal_record_totals_48() -> None:
    assert parse_items(record()).total == 48


def test_a_record_of_zeros_totals_0() -> None:
    assert parse_items(dict.fromkeys(record(), 0)).total == 0


def test_the_total_is_the_sum_of_the_twelve_items() -> None:
    raw = record({"1": 3, "3": 2, "5a": 1, "8": 0, "12": 3})
    assert parse_items(raw).total == 48 - 1 - 2 - 3 - 4 - 1


def test_domains_group_the_items_in_threes() -> None:
    raw = record({"2": 3, "4": 2, "5a": 3, "6": 1, "7": 0, "11": 2})
    domains = parse_items(raw).domains
    assert (domains.bulbar, domains.fine_motor, domains.gross_motor, domains.respiratory) == (
        11,
        6,
        8,
        10,
    )
    assert domains.as_dict() == {
        "bulbar": 11,
        "fine_motor": 6,
        "gross_motor": 8,
        "respiratory": 10,
    }


def test_item_5_reads_5a_without_a_feeding_tube() -> None:
    scores = parse_items(record({"5a": 2}))
    assert scores.item(5) == 2
    assert not scores.gastrostomy


def test_item_5_reads_5b_with_a_feeding_tube() -> None:
    scores = parse_items(record({"5b": 1}, tube=True))
    assert scores.item(5) == 1
    assert scores.gastrostomy
    assert scores.domains.fine_motor == 9


def test_item_positions_outside_1_to_12_are_refused() -> None:
    with pytest.raises(KeyError):
        parse_items(record()).item(13)


def without(key: str) -> dict[str, object]:
    raw = record()
    del raw[key]
    return raw


BAD_RECORDS = [
    ("both 5a and 5b", {**record(), "5b": 3}, "item 5: give 5a or 5b, not both"),
    ("neither 5a nor 5b", without("5a"), "item 5 is missing"),
    ("a score of 5", record({"7": 5}), "item 7: score 5 is out of range 0-4"),
    ("a negative score", record({"7": -1}), "item 7: score -1 is out of range 0-4"),
    ("a missing item", without("9"), "item 9 is missing"),
    ("an unknown item", {**record(), "13": 4}, "unknown item '13'"),
    ("a plain item 5", {**without("5a"), "5": 4}, "unknown item '5'"),
    ("a boolean score", record({"2": True}), "item 2: score must be a whole number"),
    ("a float score", record({"3": 3.0}), "item 3: score must be a whole number"),
    ("a text score", record({"4": "3"}), "item 4: score must be a whole number"),
    ("a null score", record({"10": None}), "item 10: score must be a whole number"),
]


@pytest.mark.parametrize(
    ("raw", "message"), [case[1:] for case in BAD_RECORDS], ids=[c[0] for c in BAD_RECORDS]
)
def test_it_refuses_a_bad_record_naming_the_problem(raw: dict[str, object], message: str) -> None:
    with pytest.raises(AlsfrsError) as caught:
        parse_items(raw)
    assert message in str(caught.value)


def test_errors_are_value_errors_carrying_a_translatable_message() -> None:
    with pytest.raises(ValueError) as caught:
        parse_items(record({"7": 5}))
    assert isinstance(caught.value, AlsfrsError)
    assert isinstance(caught.value.message, Message)
    assert "{item}" in caught.value.message.text


def test_scores_cannot_be_built_from_an_invalid_record_directly() -> None:
    with pytest.raises(AlsfrsError):
        Scores(items={"1": 4})


def test_a_stored_record_does_not_change_when_the_input_dict_does() -> None:
    raw = record()
    scores = parse_items(raw)
    raw["1"] = 0
    assert scores.item(1) == 4
    with pytest.raises(TypeError):
        scores.items["1"] = 0  # type: ignore[index]


def test_every_item_has_a_title_and_five_level_texts() -> None:
    assert tuple(spec.id for spec in ITEMS) == ITEM_IDS
    for spec in ITEMS:
        assert spec.title
        assert len(spec.levels) == 5
        assert len(set(spec.levels)) == 5
        assert spec.level(4) == spec.levels[0]
        assert spec.level(0) == spec.levels[4]


def test_each_domain_has_three_scale_positions_on_screen() -> None:
    positions: dict[Domain, set[str]] = {}
    for spec in ITEMS:
        positions.setdefault(spec.domain, set()).add(spec.id.rstrip("ab"))
    assert {domain: len(ids) for domain, ids in positions.items()} == dict.fromkeys(Domain, 3)
    assert ITEMS_BY_ID["5b"].domain is Domain.FINE_MOTOR


def test_every_tracking_rule_id_in_the_code_is_in_the_docs() -> None:
    ids = {
        value
        for module in (alsfrs, staging, progression)
        for name, value in vars(module).items()
        if name.startswith("RULE_") and isinstance(value, str)
    }
    docs = Path(__file__).resolve().parents[2] / "docs" / "clinical-rules.md"
    text = docs.read_text(encoding="utf-8")
    assert len(ids) >= 20
    assert sorted(rule for rule in ids if f"`{rule}`" not in text) == []


def test_equal_records_are_equal_and_hash_alike() -> None:
    assert parse_items(record()) == parse_items(record())
    assert len({parse_items(record()), parse_items(record()), parse_items(record({"1": 3}))}) == 2
