"""Spanish and German are complete: every marked string and every content entry."""

from __future__ import annotations

import pytest

from alsmove import content_translations
from tests.i18n.po_support import LANGUAGES, entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_has_a_translation(language: str) -> None:
    missing = [
        entry.msgid[:80]
        for entry in entries(language)
        if not all(entry.strs) or "fuzzy" in entry.flags
    ]
    assert not missing, f"{len(missing)} untranslated or fuzzy, first: {missing[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_content_entry_exists_in_every_language(language: str) -> None:
    """Every exercise, caregiver skill, equipment item and resource, with every field
    people read, in the same shape as the English and valid by the same model."""
    problems = content_translations.problems(language)
    assert not problems, "\n".join(problems[:20])
