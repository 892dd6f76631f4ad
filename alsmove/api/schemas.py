"""The schemas every API module shares: the error bodies and the refusals they declare.

The exception handlers in api/main.py send these bodies; an operation lists them in its
`response=` (usually as `**REFUSALS`) so the OpenAPI document names every status it can
answer. Every module imports them from here, never from another router.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from ninja import Schema

from alsmove.core.i18n import Message
from alsmove.formats import say


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: list[dict[str, Any]]


# What the exception handlers in api/main.py send, declared so OpenAPI lists them.
REFUSALS: dict[int, type[Schema]] = {
    401: ErrorOut,  # not logged in
    403: ErrorOut,  # on the care team, without this right
    404: ErrorOut,  # no such record (or not yours to see), or no such version
    422: InvalidOut,  # a path, query or body that does not validate
}

# For a route any signed-in account may call and that names no record.
SIGNED_IN: dict[int, type[Schema]] = {401: ErrorOut, 422: InvalidOut}


def error_text(error: Exception) -> str:
    """The sentence a domain error carries, translated: a core Message is rendered in the
    request's language, a plain string goes through gettext (already translated ones come
    back unchanged)."""
    first = error.args[0] if error.args else ""
    if isinstance(first, Message):
        return say(first)
    return gettext(str(first)) if first else ""
