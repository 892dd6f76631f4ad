"""Reads the translation catalogues as msgfmt compiles them (what Django will serve)."""

from __future__ import annotations

import gettext
import re
import subprocess
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[1] / "alsmove" / "locale"
LANGUAGES = ("es", "de")
# `{name}` (str.format) and `%(name)s` (Django's blocktranslate and % formatting).
BRACE = re.compile(r"(?<!{){([A-Za-z_][A-Za-z0-9_]*)[^{}]*}(?!})")
PERCENT = re.compile(r"%\(([A-Za-z_][A-Za-z0-9_]*)\)[sdfr]")


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def compile_catalogue(language: str, out: Path) -> subprocess.CompletedProcess[str]:
    """Runs `msgfmt --check-format`; the .mo goes to `out`."""
    return subprocess.run(
        ["msgfmt", "--check-format", "-o", str(out), str(po_path(language))],
        capture_output=True,
        text=True,
        check=False,
    )


def translations(mo: Path) -> list[tuple[str, str, bool]]:
    """(English msgid, translation, is a plural form) for every translated message."""
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    found: list[tuple[str, str, bool]] = []
    for key, value in catalogue._catalog.items():  # type: ignore[attr-defined]
        msgid, plural = (key[0], True) if isinstance(key, tuple) else (key, False)
        if msgid:  # the header has the empty msgid
            found.append((msgid.split("\x04", 1)[-1], value, plural))
    return found


def placeholders(text: str) -> set[str]:
    return set(BRACE.findall(text)) | {f"%({name})" for name in PERCENT.findall(text)}
