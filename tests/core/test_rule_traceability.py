"""Every rule id in the code is in docs/clinical-rules.md, and every id there is in the code.

Ids are collected from the modules of `alsmove.core` (module-level string constants and
the strings inside module-level dicts, tuples and sets, such as `safety.RULES`) and from
every string literal in their source, so an id written inline is found too.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import alsmove
import alsmove.core
from alsmove.core import safety

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "clinical-rules.md"
PACKAGE = Path(alsmove.__file__).resolve().parent
# Upper-case words and a two-digit number: SAFE-STANDING-01, KINGS-04, D50-02.
RULE_ID = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d\d")
# A rule table's row: the first cell is an id in backticks (reference keys are lower-case).
ROW = re.compile(r"^\| `(?P<id>[A-Z][A-Z0-9-]*)` \|.*\|\s*$")


def _is_rule_id(value: object) -> bool:
    return isinstance(value, str) and RULE_ID.fullmatch(value) is not None


def _strings(value: object) -> Iterator[object]:
    yield value
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield item
    elif isinstance(value, tuple | list | set | frozenset):
        yield from value


def core_modules() -> list[str]:
    return sorted(
        f"alsmove.core.{info.name}" for info in pkgutil.iter_modules(alsmove.core.__path__)
    )


def ids_in_module_globals(name: str) -> set[str]:
    module = importlib.import_module(name)
    return {
        value
        for attribute in vars(module).values()
        for value in _strings(attribute)
        if _is_rule_id(value)
    }


def literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and _is_rule_id(node.value)
    }


def module_level_constants(path: Path) -> set[str]:
    """Ids assigned to a name at the top of a module: `THERAPIST_ADD = "THERAPIST-ADD-01"`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Constant) and _is_rule_id(value.value):
            found.add(value.value)
    return found


def code_ids() -> set[str]:
    found: set[str] = set()
    for name in core_modules():
        found |= ids_in_module_globals(name)
    for path in (PACKAGE / "core").glob("*.py"):
        found |= literals(path)
    return found


def app_sources() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and path.parent.name != "core"
    )


def doc_rows() -> dict[str, str]:
    """id -> its row in one of the document's rule tables."""
    rows: dict[str, str] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        row = ROW.match(line)
        if row:
            assert row.group("id") not in rows, f"{row.group('id')} is listed twice"
            rows[row.group("id")] = line
    return rows


def reference_keys() -> set[str]:
    text = DOC.read_text(encoding="utf-8").split("## References", 1)[1].split("\n## ", 1)[0]
    return {m.group(1) for m in re.finditer(r"^\| `([a-z0-9-]+)` \|", text, re.MULTILINE)}


def source_cell(row: str) -> str:
    return row.rstrip().rstrip("|").rsplit("|", 1)[1]


def test_the_core_defines_the_rules_we_expect_to_find() -> None:
    ids = code_ids()
    # One from each area, so a broken scan cannot pass by finding nothing.
    assert {"ALSFRS-TOTAL-01", "KINGS-04", "D50-02", "GUIDE-STAGE-02"} <= ids
    assert {"SAFE-STANDING-01", "ROUTINE-TIME-01", "OVERWORK-REASSESS-01"} <= ids
    assert len(ids) >= 60


def test_every_rule_id_in_the_core_is_in_the_clinical_rules_document() -> None:
    missing = sorted(code_ids() - set(doc_rows()))
    assert missing == [], f"add these ids to {DOC.name}: {missing}"


def test_every_rule_id_defined_in_the_apps_is_in_the_document_too() -> None:
    defined = {rule for path in app_sources() for rule in module_level_constants(path)}
    assert "THERAPIST-ADD-01" in defined
    missing = sorted(defined - set(doc_rows()))
    assert missing == [], f"add these ids to {DOC.name}: {missing}"


def test_every_id_in_the_document_is_well_formed() -> None:
    assert [rule for rule in doc_rows() if not _is_rule_id(rule)] == []


def test_every_rule_id_in_the_document_exists_in_the_code() -> None:
    in_code = code_ids() | {rule for path in app_sources() for rule in literals(path)}
    stale = sorted(set(doc_rows()) - in_code)
    assert stale == [], f"{DOC.name} lists ids no code defines: {stale}"


def test_every_rule_in_the_document_names_a_known_source() -> None:
    keys = reference_keys()
    assert {"cedarbaum-1999", "paganoni-2015", "convention"} <= keys
    for rule, row in doc_rows().items():
        cited = set(re.findall(r"`([^`]+)`", source_cell(row)))
        assert cited, f"{rule} cites no source"
        assert cited <= keys, f"{rule} cites {sorted(cited - keys)}, not in the references"


def test_the_sources_the_safety_rules_cite_in_code_are_in_their_rows() -> None:
    rows = doc_rows()
    keys = reference_keys()
    for rule in safety.RULES.values():
        row = rows[rule.id]
        cited = set(re.findall(r"`([^`]+)`", source_cell(row)))
        assert set(rule.sources) <= keys, rule.id
        assert set(rule.sources) <= cited, (rule.id, sorted(set(rule.sources) - cited))
        assert rule.heuristic == ("heuristic" in row.lower()), (
            f"{rule.id}: the code and the document disagree on whether it is a heuristic"
        )
