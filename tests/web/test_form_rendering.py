"""Forms draw their fields with Django's Jinja2 form templates for speed
(docs/performance.md); the markup a person gets must be the template language's."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, Jinja2, get_default_renderer

import alsmove


def _product_forms() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(alsmove.__path__, "alsmove."):
        if module_info.name.startswith(("alsmove.core", "alsmove.cli", "alsmove.demo")):
            continue
        if (
            module_info.name.endswith(("management", "migrations"))
            or ".migrations." in (module_info.name)
            or ".management." in module_info.name
        ):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module_info.name
            ):
                found.append(value)
    return found


def _markup(form: forms.BaseForm) -> str:
    fields = "".join(str(bound.as_field_group()) for bound in form.visible_fields())
    html = fields + str(form.non_field_errors())
    # The same apostrophe, escaped by Jinja2 as &#39; and by Django as &#x27;.
    return " ".join(html.replace("&#39;", "&#x27;").split()).replace("> <", "><")


def test_the_product_draws_its_forms_with_the_jinja2_renderer() -> None:
    assert isinstance(get_default_renderer(), Jinja2)


@pytest.mark.django_db
def test_every_form_renders_the_same_markup_as_with_the_template_language() -> None:
    compared = 0
    for form_class in _product_forms():
        for data in (None, {}):  # unbound, and bound with nothing (every error shown)
            try:
                django_form = form_class(data, renderer=DjangoTemplates())
                jinja_form = form_class(data, renderer=Jinja2())
            except TypeError:
                continue  # a form that needs its own arguments (an alert, a patient)
            if data is not None:
                django_form.is_valid()
                jinja_form.is_valid()
            assert _markup(jinja_form) == _markup(django_form), form_class
            compared += 1
    assert compared >= 20
