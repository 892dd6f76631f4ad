"""The Spanish and German catalogues compile and keep every placeholder of the English.

msgfmt --check-format checks `%(name)s` in entries flagged python-format; it does not
check `{name}` (str.format) placeholders, which the Python check below compares.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from catalogue_support import (
    LANGUAGES,
    compile_catalogue,
    placeholders,
    translations,
)

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext")


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_compiles_with_format_checks(language: str, tmp_path: Path) -> None:
    result = compile_catalogue(language, tmp_path / "django.mo")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_drops_or_adds_a_placeholder(language: str, tmp_path: Path) -> None:
    mo = tmp_path / "django.mo"
    assert compile_catalogue(language, mo).returncode == 0
    wrong = []
    for english, translated, plural in translations(mo):
        expected, found = placeholders(english), placeholders(translated)
        # A plural form may leave out the count the singular spells as a word ("one").
        if found != expected and not (plural and found <= expected | {"count", "%(count)"}):
            wrong.append((english, translated))
    assert not wrong, "\n".join(f"{m!r} -> {s!r}" for m, s in wrong)
