"""The functional profile's choices are the core's enums (issue 11, item 6): one list of
values, in the core's order, each with its translated label."""

from __future__ import annotations

import types
import typing
from enum import StrEnum

import pytest
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real

from alsmove.core.profile import FunctionalProfile as CoreProfile
from alsmove.core.profile import Grip, Side
from alsmove.patients.models import FunctionalProfile, profile_choices

# Stored as text; the core reads it as lies_flat_comfortably (True, False or None).
NOT_AN_ENUM = {"lies_flat"}


def _core_enum(name: str) -> type[StrEnum]:
    annotation = CoreProfile.model_fields[name].annotation
    found = [annotation]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        found = list(typing.get_args(annotation))
    enums = [kind for kind in found if isinstance(kind, type) and issubclass(kind, StrEnum)]
    assert len(enums) == 1, f"{name}: {annotation}"
    return enums[0]


def _fields_with_choices() -> list[str]:
    return [
        field.name
        for field in FunctionalProfile._meta.get_fields()
        if getattr(field, "choices", None) and field.name not in NOT_AN_ENUM
    ]


def test_every_profile_choice_field_offers_exactly_the_core_values_in_the_core_order() -> None:
    names = _fields_with_choices()
    assert len(names) == 11
    for name in names:
        choices = FunctionalProfile._meta.get_field(name).choices
        values = [value for value, _label in choices]
        assert values == [member.value for member in _core_enum(name)], name
        assert all(type(value) is str for value in values), name


@pytest.mark.parametrize("language", ["es", "de"])
def test_every_profile_choice_label_is_translated_in_the_page_language(language: str) -> None:
    catalogue = trans_real.translation(language)._catalog
    for name in _fields_with_choices():
        for _value, label in FunctionalProfile._meta.get_field(name).choices:
            assert isinstance(label, Promise), f"{name}: not translated when shown"
            english = str(label)
            assert english in catalogue, f"{name}: {english!r} has no {language} translation"
            with translation.override(language):
                assert str(label) == catalogue[english]


def test_a_core_value_without_a_label_or_a_label_without_a_value_fails_at_once() -> None:
    with pytest.raises(ValueError, match="Grip"):
        profile_choices(Grip, {Grip.GOOD: "good", Grip.WEAK: "weak"})
    with pytest.raises(ValueError, match="Side"):
        profile_choices(Side, {**{member: member.value for member in Side}, Grip.GOOD: "x"})
