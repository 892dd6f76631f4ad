"""Reads content written as data (`content/*.yaml`: the exercise library, the resources)
and validates every entry against its pydantic model.

Plain Python (no Django), so the command-line tools and the pure core's tests can use it.
Every message names the file and the entry, so a typo is found at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Entry = TypeVar("Entry", bound=BaseModel)


def load_file(path: Path, model: type[Entry], error: type[ValueError], noun: str) -> list[Entry]:
    """The entries of one file; `noun` names them in the messages ("exercises")."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as problem:
        raise error(f"{path.name}: not valid YAML ({problem})") from problem
    if not isinstance(raw, list):
        raise error(f"{path.name}: expected a list of {noun}")
    entries = []
    for index, item in enumerate(raw):
        label = item.get("id", f"entry {index + 1}") if isinstance(item, dict) else index + 1
        try:
            entries.append(model.model_validate(item))
        except ValidationError as problem:
            raise error(f"{path.name}: {label}: {problem}") from problem
    return entries


def load_folder(
    directory: Path, model: type[Entry], error: type[ValueError], noun: str
) -> list[Entry]:
    """Every entry of every `*.yaml` in the folder, in file order; ids unique across files."""
    seen: dict[str, str] = {}
    entries: list[Entry] = []
    for path in sorted(directory.glob("*.yaml")):
        for entry in load_file(path, model, error, noun):
            entry_id = str(getattr(entry, "id"))  # noqa: B009 (every content model has an id)
            if entry_id in seen:
                raise error(f"{path.name}: id {entry_id!r} is already used in {seen[entry_id]}")
            seen[entry_id] = path.name
            entries.append(entry)
    return entries
