"""How forms draw their fields: Django's own Jinja2 copies of its form templates (the same
markup as the template language's, at a fraction of the cost; docs/performance.md), with
two of them drawn in one piece.

A select list, a group of radio buttons or of check boxes includes a template per option
(and, for a radio button, four nested ones), each a lookup and a new context: the display
settings, mostly radio groups, made about ninety of them. `form_templates/` holds
`select.html` and `multiple_input.html` with Django's option templates drawn in place (a
macro for the attributes): the same markup (tests/web/test_form_rendering.py compares
every form), and an option with a template of its own is still included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import Jinja2
from django.utils.functional import cached_property

OURS = Path(__file__).parent / "form_templates"


class FormRenderer(Jinja2):
    @cached_property
    def engine(self) -> Any:
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [OURS, Path(django.forms.__file__).parent / "jinja2"],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
