"""Every word a template shows is inside a translation tag (or comes from a variable).

A cheap guard for "ready for other languages": it strips what may hold words (translation
blocks, template tags and variables, comments, HTML tags and attribute values that are
not human-readable) and fails on any letters left over.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "alsmove" / "templates"
HTML_TEMPLATES = sorted(TEMPLATES.rglob("*.html"))

BLOCKTRANS = re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S)
TAG = re.compile(r"{%.*?%}", re.S)
VAR = re.compile(r"{{.*?}}", re.S)
COMMENT = re.compile(r"{#.*?#}|<!--.*?-->", re.S)
SVG = re.compile(r"<svg.*?</svg>", re.S)
HTML_TAG = re.compile(r"<[^>]*>", re.S)
ENTITY = re.compile(r"&[a-z]+;|&#\d+;")
# Marks that carry no language: numbers, punctuation, the middle dot between facts.
LEFTOVER_OK = re.compile(r"^[\s\W\d\u00b7\u2013\u2014\u2026]*$")


def _visible_text(source: str) -> str:
    # Attribute values that people read (aria-label, title, alt, placeholder) must use
    # {% translate %}; after tag removal they would vanish, so check them first.
    for match in re.finditer(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', source):
        value = TAG.sub("", VAR.sub("", match.group(1)))
        if re.search(r"[A-Za-z]", value):
            raise AssertionError(f"untranslated attribute text: {match.group(0)}")
    for pattern in (COMMENT, BLOCKTRANS, SVG, TAG, VAR, HTML_TAG, ENTITY):
        source = pattern.sub(" ", source)
    return source


@pytest.mark.parametrize("path", HTML_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_shows_words_outside_a_translation_tag(path: Path) -> None:
    leftover = [
        line.strip()
        for line in _visible_text(path.read_text(encoding="utf-8")).splitlines()
        if not LEFTOVER_OK.match(line)
    ]
    assert leftover == [], f"{path.name}: words outside {{% translate %}}: {leftover}"


def test_the_guard_catches_a_bare_word() -> None:
    assert "Hello" in _visible_text("<p>Hello {% translate 'x' %}</p>")
    assert "Hello" not in _visible_text("<p>{% translate 'Hello' %}</p>")
