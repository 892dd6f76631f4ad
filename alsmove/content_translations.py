"""Content written as data, in other languages: one overlay file per English file.

`alsmove/<app>/content/<lang>/<file>.yaml` holds, for every entry of the English
`alsmove/<app>/content/<file>.yaml`, its `id` and the same words-for-people fields in the
same shape (a list has as many items, a mapping the same keys). Ids, codes, numbers and
sources are never repeated there: they stay in the English file, the one truth. The
merged entry is validated by the same pydantic model as the English one.

Plain Python (no Django), like `content_files`, so the command line and the core's tests
can use it. `python -m alsmove.content_translations [LANG ...]` checks every overlay;
`... --skeleton LANG` writes the English words of each missing overlay, to translate.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from alsmove.core.caregiving import Skill
from alsmove.core.equipment_catalogue import CatalogueItem
from alsmove.core.library import Exercise
from alsmove.core.resources import Resource

PACKAGE = Path(__file__).resolve().parent
LANGUAGES = ("es", "de")

# The fields people read, per content folder. Everything else is code, not words.
TEXT_FIELDS: dict[str, frozenset[str]] = {
    "exercises": frozenset(
        {
            "name",
            "summary",
            "targets",
            "equipment",
            "steps",
            "cautions",
            "hand_placement",
            "limits",
            "position_steps",
        }
    ),
    "equipment": frozenset(
        {
            "name",
            "what_for",
            "sign_text",
            "outgrown_text",
            "lead_time_note",
            "alternatives",
            "choices",
            "pointer",
            "keywords",
        }
    ),
    "resources": frozenset({"title", "summary", "known", "sections", "keywords"}),
    "caregiving": frozenset(
        {"title", "summary", "prepare", "steps", "stop_if", "not_alone", "lift_needed"}
    ),
}
MODELS: dict[str, type[BaseModel]] = {
    "exercises": Exercise,
    "equipment": CatalogueItem,
    "resources": Resource,
    "caregiving": Skill,
}
# Inside a translated mapping, the keys that stay code (a resource's `known.source`).
KEPT_KEYS = frozenset({"source"})
# A sentence this long left as the English is a translation not yet done.
SAME_IS_UNTRANSLATED = 20
# Search words need not match the English one for one.
FREE_LENGTH = frozenset({"keywords"})


class TranslationError(ValueError):
    pass


@dataclass(frozen=True)
class Overlay:
    app: str
    language: str
    english: Path
    translated: Path


def overlays(language: str) -> list[Overlay]:
    """Every English content file and where its translation into `language` lives."""
    found = []
    for app in TEXT_FIELDS:
        folder = PACKAGE / app / "content"
        for english in sorted(folder.glob("*.yaml")):
            found.append(Overlay(app, language, english, folder / language / english.name))
    return found


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as problem:
        raise TranslationError(f"{path}: not valid YAML ({problem})") from problem
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise TranslationError(f"{path}: expected a list of entries")
    return raw


def _merge(
    english: Any, translated: Any, where: str, free: bool = False, strict: bool = True
) -> Any:
    """`translated` laid over `english`, refusing any change of shape (and, when `strict`,
    a long sentence left in English)."""
    if isinstance(english, str):
        if not isinstance(translated, str) or not translated.strip():
            raise TranslationError(f"{where}: expected text")
        same = translated.strip() == english.strip()
        if strict and same and len(english) >= SAME_IS_UNTRANSLATED:
            raise TranslationError(f"{where}: still the English text")
        return translated
    if isinstance(english, list):
        if not isinstance(translated, list):
            raise TranslationError(f"{where}: expected a list")
        if not free and len(translated) != len(english):
            raise TranslationError(
                f"{where}: {len(translated)} items where English has {len(english)}"
            )
        if free:
            return [
                _merge("x", t, f"{where}[{i}]", strict=strict) for i, t in enumerate(translated)
            ]
        return [
            _merge(e, t, f"{where}[{i}]", strict=strict)
            for i, (e, t) in enumerate(zip(english, translated, strict=True))
        ]
    if isinstance(english, Mapping):
        if not isinstance(translated, Mapping):
            raise TranslationError(f"{where}: expected a mapping")
        wanted = {k for k in english if k not in KEPT_KEYS}
        if set(translated) != wanted:
            missing = sorted(wanted - set(translated))
            extra = sorted(set(translated) - wanted)
            raise TranslationError(f"{where}: missing keys {missing}, unexpected keys {extra}")
        merged = dict(english)
        for key in wanted:
            merged[key] = _merge(english[key], translated[key], f"{where}.{key}", strict=strict)
        return merged
    raise TranslationError(f"{where}: {type(english).__name__} is not text")


def merged_entries(overlay: Overlay) -> list[dict[str, Any]]:
    """The English entries of one file with the translated words laid over them.

    Refuses a missing file, a missing or extra entry, a missing or extra field, and any
    change of shape, naming the file, the entry and the field."""
    if not overlay.translated.exists():
        raise TranslationError(f"{overlay.translated}: missing")
    english = _read(overlay.english)
    translated = {str(item.get("id")): item for item in _read(overlay.translated)}
    fields = TEXT_FIELDS[overlay.app]
    merged = []
    for entry in english:
        entry_id = str(entry["id"])
        where = f"{overlay.translated.name}: {entry_id}"
        words = translated.pop(entry_id, None)
        if words is None:
            raise TranslationError(f"{where}: not translated")
        wanted = {key for key in entry if key in fields}
        given = set(words) - {"id"}
        if given != wanted:
            raise TranslationError(
                f"{where}: missing fields {sorted(wanted - given)}, "
                f"unexpected fields {sorted(given - wanted)}"
            )
        out = dict(entry)
        for key in wanted:
            out[key] = _merge(entry[key], words[key], f"{where}.{key}", free=key in FREE_LENGTH)
        merged.append(out)
    if translated:
        raise TranslationError(f"{overlay.translated.name}: unknown ids {sorted(translated)}")
    return merged


def _words_for(app: str, entry_id: str, language: str | None) -> dict[str, Any] | None:
    """The translated words of one entry, or None (English, an unknown language such as
    "pt-br", or no translation yet); "es-mx" reads Spanish."""
    code = (language or "").split("-")[0]
    return _words_by_id(app, code).get(entry_id) if code in LANGUAGES else None


@cache
def _words_by_id(app: str, language: str) -> dict[str, dict[str, Any]]:
    """The translated words of every entry of `app` in `language`, by id (read once)."""
    words: dict[str, dict[str, Any]] = {}
    for overlay in overlays(language):
        if overlay.app == app and overlay.translated.exists():
            for item in _read(overlay.translated):
                words[str(item.get("id"))] = item
    return words


def in_language(app: str, entry: Mapping[str, Any], language: str | None) -> dict[str, Any]:
    """One English entry (as its JSON) with its words in `language` where they exist.

    English when the language is English or unknown, when the entry has no translation
    yet, or when its translation does not fit the English shape: a page never breaks for
    a translation, and the completeness tests catch the gap."""
    words = _words_for(app, str(entry.get("id")), language)
    if words is None:
        return dict(entry)
    fields = TEXT_FIELDS[app]
    out = dict(entry)
    try:
        for key in fields & set(entry) & set(words):
            out[key] = _merge(entry[key], words[key], key, free=key in FREE_LENGTH, strict=False)
    except TranslationError:
        return dict(entry)
    return out


def name_in_language(app: str, entry_id: str, english: str, language: str | None) -> str:
    """One entry's name (or title) in `language`, for the places that stored the English
    name with a routine or a log; the English name when there is no translation."""
    words = _words_for(app, entry_id, language) or {}
    name = words.get("name", words.get("title"))
    return name if isinstance(name, str) and name.strip() else english


def skeleton(overlay: Overlay) -> list[dict[str, Any]]:
    """The English words of one file in the overlay's shape: a start for a translator."""
    fields = TEXT_FIELDS[overlay.app]
    out = []
    for entry in _read(overlay.english):
        words: dict[str, Any] = {"id": entry["id"]}
        for key, value in entry.items():
            if key in fields:
                if isinstance(value, Mapping):
                    value = {k: v for k, v in value.items() if k not in KEPT_KEYS}
                words[key] = value
        out.append(words)
    return out


def write_skeletons(language: str) -> list[Path]:
    """Write the skeleton of every overlay of `language` that does not exist yet."""
    written = []
    for overlay in overlays(language):
        if not overlay.translated.exists():
            overlay.translated.parent.mkdir(exist_ok=True)
            text = yaml.safe_dump(skeleton(overlay), allow_unicode=True, sort_keys=False, width=100)
            overlay.translated.write_text(text, encoding="utf-8")
            written.append(overlay.translated)
    return written


def problems(language: str) -> list[str]:
    """Every problem with the overlays of one language (empty when all are complete):
    shape, completeness, and the same model validation as the English entries."""
    found = []
    for overlay in overlays(language):
        try:
            entries = merged_entries(overlay)
        except TranslationError as problem:
            found.append(str(problem))
            continue
        for entry in entries:
            try:
                MODELS[overlay.app].model_validate(entry)
            except ValidationError as problem:
                found.append(f"{overlay.translated.name}: {entry['id']}: {problem}")
    return found


def main(argv: list[str]) -> int:
    if argv[:1] == ["--skeleton"]:
        for language in argv[1:]:
            for path in write_skeletons(language):
                print(f"wrote {path}")
        return 0
    failed = False
    for language in argv or list(LANGUAGES):
        for problem in problems(language):
            failed = True
            print(f"{language}: {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
