"""Template helpers: render the core's translatable messages stored as {text, params}."""

from __future__ import annotations

import itertools
from datetime import tzinfo
from typing import Any

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

from alsmove.exercises.names import exercise_name, steps_today
from alsmove.formats import say
from alsmove.kept import Kept
from alsmove.patients.clock import zone_for
from alsmove.web.kept_forms import drawn

register = template.Library()


@register.filter
def message(value: Any) -> str:
    """{text, params} (as stored from a core Message) -> the translated sentence."""
    return say(value)


@register.filter
def get(container: Any, key: Any) -> Any:
    """container[key] for a dict (int or str key) or a list (int index); None if absent."""
    if isinstance(container, dict):
        return container.get(key, container.get(str(key)))
    if isinstance(container, (list, tuple)):
        try:
            return container[int(key)]
        except (IndexError, ValueError, TypeError):
            return None
    return None


@register.filter
def clock_of(patient: Any) -> tzinfo | None:
    """The time zone a record's pages show times in: the person's own (None, the server's,
    on pages about no record). Used as `{% timezone patient|clock_of %}` in the layout."""
    if not hasattr(patient, "time_zone"):
        return None
    return zone_for(patient)


@register.filter(name="exercise_name")
def exercise_name_filter(item: Any) -> str:
    """The exercise's name in the page's language (see alsmove.exercises.names)."""
    return exercise_name(item)


@register.simple_tag
def own_language_names() -> list[tuple[str, str]]:
    """Each language by its own name ("Deutsch", never "German" or "Alemán"): Django's
    get_available_languages translates the names into the page's language."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]


@register.filter(name="steps_today")
def steps_today_filter(item: Any) -> list[str]:
    """A routine item's steps in the page's language (see alsmove.exercises.names)."""
    return steps_today(item)


# The layout's parts that are the same on every request with the same inputs (the skip
# link, the main links, the language links, the footer): each drawn once per process for
# its inputs and kept (docs/performance.md, item 10).
_FRAGMENTS: Kept[str] = Kept(size=1024)
_SERIALS = itertools.count()


class KeepNode(template.Node):
    def __init__(self, nodelist: template.NodeList, inputs: list[Any]) -> None:
        self.nodelist = nodelist
        self.inputs = inputs
        # Each block as parsed is its own: a template parsed again (a changed file in
        # development) starts afresh instead of reading what an older version drew.
        self.serial = next(_SERIALS)

    def render(self, context: template.Context) -> str:
        # The block's place, the page's language, the address prefix and the escaping are
        # always inputs; the rest is named in the tag. Nothing in the block may read
        # anything else (no user's data, no CSRF token).
        key = (
            self.serial,
            translation.get_language(),
            get_script_prefix(),
            context.autoescape,
            *(value.resolve(context) for value in self.inputs),
        )
        return _FRAGMENTS.get_or_make(key, lambda: self.nodelist.render(context))


@register.tag("keep")
def keep(parser: Any, token: Any) -> KeepNode:
    """`{% keep a b %}…{% endkeep %}`: the block drawn once per value of `a` and `b` (and
    the page's language), then kept. Only for parts of a page that read nothing else."""
    inputs = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(nodelist, inputs)


@register.simple_tag
def form_fields(form: Any) -> str:
    """A form's fields and error summary (includes/_form_fields.html); an empty form's are
    drawn once per state of everything they are drawn from (alsmove.web.kept_forms)."""
    draw = get_template("includes/_form_fields.html")
    return mark_safe(drawn(form, lambda: draw.render({"form": form})))  # noqa: S308
