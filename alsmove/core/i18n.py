"""Translatable text from the pure core, without importing Django.

The core marks every sentence a person will read with `gettext_noop` (Django's
`makemessages` collects that keyword), and returns a `Message`: the untranslated text
with `{named}` placeholders plus their values. The web layer translates the text first
and fills the placeholders after, so translators see one stable sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


def gettext_noop(message: str) -> str:
    return message


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class Message:
    text: str
    params: Mapping[str, str | int | float] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = _identity) -> str:
        return translate(self.text).format(**self.params)

    def __str__(self) -> str:
        return self.render()
