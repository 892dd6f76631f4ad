"""The Spanish and German catalogues compile, and no translation loses a placeholder."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.i18n.po_support import LANGUAGES, LOCALE, entries

BRACES = re.compile(r"\{(\w+)\}")
PERCENT = re.compile(r"%\((\w+)\)[sd]|%[sd]")
TAGS = re.compile(r"</?([a-z]+)[^>]*>")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_compiles_with_gettexts_own_format_checks(language: str) -> None:
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt is missing: `make messages` installs Debian's gettext")
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_drops_or_adds_a_placeholder_or_a_tag(language: str) -> None:
    wrong = []
    for entry in entries(language):
        for text in (t for t in entry.strs if t):
            source = entry.plural if entry.plural and text is not entry.strs[0] else entry.msgid
            for pattern in (BRACES, PERCENT, TAGS):
                theirs = sorted(pattern.findall(text))
                ours = sorted(pattern.findall(source))
                # A plural's singular may say "one" instead of the count.
                if entry.plural and pattern is PERCENT:
                    ours, theirs = sorted(set(ours)), sorted(set(theirs))
                    if set(theirs) <= set(ours):
                        continue
                if theirs != ours:
                    wrong.append(f"{entry.msgid[:60]!r}: {ours} vs {theirs}")
    assert not wrong, "\n".join(wrong[:20])


def test_the_reader_finds_every_entry_of_the_catalogue() -> None:
    """The checks above read what msgfmt reads: the same number of messages."""
    found = entries("es")
    assert len(found) > 1500
    assert all(entry.msgid for entry in found)
