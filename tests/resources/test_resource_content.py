"""The Resources section's content rules: schema, sources, evidence line, no promise that
anything slows ALS, no sentence copied from the source documents, and the topics the
issue asks for are all there."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from alsmove.core.library import Stage
from alsmove.core.resources import SOURCES, Audience, Resource, Topic, promises_slowing
from alsmove.resources.loader import CONTENT_DIR, ResourceError, load_file, load_resources

ROOT = Path(__file__).resolve().parents[2]
SEED_TOOL = ROOT.parent.parent / "shared" / "tools" / "seed_overlap.py"


def _entry(**changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": "sample-entry",
        "title": "A sample",
        "summary": "A short summary.",
        "topic": "therapies",
        "audiences": ["person"],
        "stages": ["early"],
        "known": {"text": "What is known, in a line.", "source": "stretching-guide"},
        "sections": [{"heading": "What it is", "paragraphs": ["Some words here."]}],
        "sources": ["stretching-guide"],
        "last_reviewed": "2026-12-01",
    }
    entry.update(changes)
    return entry


def test_a_well_formed_entry_validates() -> None:
    assert Resource.model_validate(_entry()).id == "sample-entry"


@pytest.mark.parametrize(
    "changes",
    [
        {"sources": []},
        {"sources": ["a-source-nobody-listed"]},
        {"known": {"text": "Known.", "source": "paganoni-2015"}},  # not among the sources
        {"last_reviewed": None},
        {"topic": "shopping"},
        {"audiences": []},
        {"stages": []},
        {"sections": [{"heading": "Empty"}]},
        {"related": ["sample-entry"]},
        {"price": "10 dollars"},  # closed schema: no field to sell anything
        {"summary": "Gentle massage slows ALS."},
        {"sections": [{"heading": "Hope", "points": ["Daily yoga can delay the disease."]}]},
    ],
)
def test_an_entry_breaking_a_content_rule_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Resource.model_validate(_entry(**changes))


@pytest.mark.parametrize(
    ("text", "promises"),
    [
        ("Massage slows ALS.", True),
        ("Tai chi may halt the progression.", True),
        ("This diet reverses the disease.", True),
        ("Massage does not slow ALS.", False),
        ("None of these slows the disease.", False),
        ("It helps comfort. Nothing here slows ALS.", False),
        ("Breathe slowly while you stretch.", False),
    ],
)
def test_a_promise_of_slowing_als_is_recognised(text: str, promises: bool) -> None:
    assert promises_slowing(text) is promises


def test_the_content_loads_and_every_entry_names_known_sources_and_a_review_date() -> None:
    resources = load_resources()
    assert len(resources) >= 20
    for resource in resources:
        assert resource.sources and all(s in SOURCES for s in resource.sources)
        assert resource.known.source in resource.sources
        assert date(2025, 1, 1) <= resource.last_reviewed <= date.today()
        assert not any(promises_slowing(text) for text in resource.texts())


def test_ids_are_unique_across_files_and_related_entries_exist(tmp_path: Path) -> None:
    for path in CONTENT_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "copy.yaml").write_text(
        (CONTENT_DIR / "therapies.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(ResourceError, match="already used"):
        load_resources(tmp_path)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "one.yaml").write_text(
        "- " + str(_entry(related=["missing-entry"])).replace("'", '"'), encoding="utf-8"
    )
    with pytest.raises(ResourceError, match="related entries not found"):
        load_resources(broken)


def test_a_malformed_file_names_the_file_and_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("- id: no-title-here\n  topic: therapies\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad\.yaml: no-title-here"):
        load_file(path)


def test_the_topics_the_issue_asks_for_are_all_covered() -> None:
    ids = {r.id for r in load_resources()}
    wanted = {
        "massage",
        "paying-for-massage",
        "aquatic-therapy",
        "yoga-and-tai-chi",
        "breathing-practice",
        # every form of emotional support the stretching guide lists
        "feeling-low",
        "counselling",
        "mindfulness",
        "therapeutic-recreation",
        "support-groups",
        "biofeedback",
        "cbt",
        "mind-body-practice",
        "nutrition-counselling",
        "music-and-art-therapy",
        "spiritual-care",
        "caregiver-support",
        "questions-early-stage",
        "questions-middle-stage",
        "questions-advanced-stage",
        "long-term-therapy",
        "when-to-call-your-therapist",
        "als-clinics",
        "loan-closets",
        "home-health-agencies",
    }
    assert wanted <= ids
    resources = load_resources()
    assert {r.topic for r in resources} == set(Topic)
    assert {a for r in resources for a in r.audiences} == set(Audience)
    assert {s for r in resources for s in r.stages} == set(Stage)


def _text(resource_id: str) -> str:
    resource = next(r for r in load_resources() if r.id == resource_id)
    return " ".join(resource.texts()).casefold()


def test_massage_says_what_it_does_not_do_and_how_coverage_works() -> None:
    massage = _text("massage")
    assert "does not build strength" in massage
    assert "table" in massage and "caregiver" in massage and "home" in massage
    paying = _text("paying-for-massage")
    assert "original medicare" in paying and "plan of care" in paying
    assert "medicare advantage" in paying and "ask your plan" in paying


def test_the_crisis_line_names_the_local_emergency_number_and_invents_no_hotline() -> None:
    import re

    for resource in load_resources():
        for text in resource.texts():
            assert not re.search(r"\d{3}[-. ]?\d{3,4}|\b\d{3}\b", text), (resource.id, text)
    assert "local emergency number" in _text("feeling-low")
    assert "local emergency number" in _text("caregiver-support")


def test_no_sentence_is_copied_from_the_source_documents() -> None:
    if not SEED_TOOL.exists():
        pytest.skip("the seed documents are not on this machine")
    result = subprocess.run(
        [sys.executable, str(SEED_TOOL), str(ROOT)], capture_output=True, text=True, check=True
    )
    copied = [line for line in result.stdout.splitlines() if "alsmove/resources/" in line]
    assert copied == []
