"""Translatable text from the pure core, without importing Django.

The core marks every sentence a person will read with `gettext_noop` (Django's
`makemessages` collects that keyword), and returns a `Message`: the untranslated text
with `{named}` placeholders plus their values. The web layer translates the text first
and fills the placeholders after, so translators see one stable sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

# A day travels in a message as its ISO string, so a stored message stays JSON and stable;
# the reader's renderer writes it their way.
_ISO_DAY = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")


def gettext_noop(message: str) -> str:
    return message


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class Message:
    text: str
    params: Mapping[str, str | int | float] = field(default_factory=dict)

    def render(
        self,
        translate: Callable[[str], str] = _identity,
        number: Callable[[float], str] = str,
        day: Callable[[str], str] = _identity,
    ) -> str:
        """The text translated, then filled: `number` writes each fractional value and
        `day` each ISO day the reader's way (0,9 and "2. Dezember 2026" in German)."""
        return translate(self.text).format(**self.written_params(number, day))

    def written_params(
        self,
        number: Callable[[float], str] = str,
        day: Callable[[str], str] = _identity,
    ) -> dict[str, str | int | float]:
        written: dict[str, str | int | float] = {}
        for name, value in self.params.items():
            if isinstance(value, float):
                written[name] = number(value)
            elif isinstance(value, str):
                # A day alone or in a list ("2026-03-07, 2026-04-01").
                written[name] = _ISO_DAY.sub(lambda found: day(found.group(0)), value)
            else:
                written[name] = value
        return written

    def __str__(self) -> str:
        return self.render()
