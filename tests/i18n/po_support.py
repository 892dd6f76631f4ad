"""A small reader of gettext catalogues, enough for the tests: each entry's msgid (and
plural), its translations and its flags."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "alsmove" / "locale"
LANGUAGES = ("es", "de")


@dataclass
class Entry:
    msgid: str = ""
    plural: str = ""
    strs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    where: str = ""


def entries(language: str) -> list[Entry]:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    found: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None

    def close() -> None:
        nonlocal current
        if current.msgid:
            found.append(current)
        current = Entry()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            close()
            target = None
        elif line.startswith("#,"):
            current.flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#:"):
            current.where = line[2:].strip()
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            current.plural = ast.literal_eval(line[13:])
            target = ("plural", 0)
        elif line.startswith("msgid "):
            current.msgid = ast.literal_eval(line[6:])
            target = ("msgid", 0)
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            current.strs.append(ast.literal_eval(line[line.index("]") + 2 :]))
            target = ("str", index)
        elif line.startswith("msgstr "):
            current.strs.append(ast.literal_eval(line[7:]))
            target = ("str", 0)
        elif line.startswith('"') and target is not None:
            text = ast.literal_eval(line)
            kind, index = target
            if kind == "msgid":
                current.msgid += text
            elif kind == "plural":
                current.plural += text
            else:
                current.strs[-1] += text
    close()
    return found
