"""The product's form renderer draws select and radio or check box options in place
(alsmove/web/form_renderer.py): the markup must be Django's Jinja2 templates' own, byte
for byte, for every form, empty, bound with errors, and with choices selected."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.forms.renderers import Jinja2, get_default_renderer

import alsmove
from alsmove.accounts.forms import PreferencesForm
from alsmove.demo.seed import Demo
from alsmove.exercises.views import LibraryFilterForm
from alsmove.web.form_renderer import FormRenderer


def _product_forms() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(alsmove.__path__, "alsmove."):
        name = module_info.name
        if name.startswith(("alsmove.core", "alsmove.cli", "alsmove.demo")):
            continue
        if name.endswith(("management", "migrations")) or ".migrations." in name:
            continue
        if ".management." in name:
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == name
            ):
                found.append(value)
    return found


def _markup(form: forms.BaseForm) -> str:
    return "".join(str(bound.as_field_group()) for bound in form.visible_fields()) + str(
        form.non_field_errors()
    )


def test_the_product_draws_its_forms_with_its_own_renderer() -> None:
    assert isinstance(get_default_renderer(), FormRenderer)


@pytest.mark.django_db
def test_every_form_draws_the_same_markup_as_djangos_jinja2_templates() -> None:
    compared = 0
    for form_class in _product_forms():
        for data in (None, {}):
            try:
                ours = form_class(data, renderer=FormRenderer())
                django_own = form_class(data, renderer=Jinja2())
            except TypeError:
                continue
            if data is not None:
                ours.is_valid()
                django_own.is_valid()
            assert _markup(ours) == _markup(django_own), form_class
            compared += 1
    assert compared >= 20


def test_the_display_settings_with_choices_made_draw_the_same_markup(demo: Demo) -> None:
    for data in (None, {"text_size": "large", "high_contrast": "on"}, {"text_size": "x"}):
        ours = PreferencesForm(data, instance=demo.person, renderer=FormRenderer())
        django_own = PreferencesForm(data, instance=demo.person, renderer=Jinja2())
        if data is not None:
            ours.is_valid()
            django_own.is_valid()
        assert _markup(ours) == _markup(django_own)
        assert 'type="radio"' in _markup(ours)


def test_the_library_filters_with_choices_made_draw_the_same_markup(demo: Demo) -> None:
    for data in ({"region": "neck", "kind": "stretch"}, {"position": "bogus"}, None):
        ours = LibraryFilterForm(data, user=demo.person, renderer=FormRenderer())
        django_own = LibraryFilterForm(data, user=demo.person, renderer=Jinja2())
        if data is not None:
            ours.is_valid()
            django_own.is_valid()
        assert _markup(ours) == _markup(django_own)
        assert "<option" in _markup(ours)
