"""The ALSFRS-R as a FHIR Questionnaire, in the product's own wording.

The items, titles and answer texts are those of `alsmove.core.alsfrs` (our plain-words
paraphrases, never the scale's original text). Item 5 is asked as on the entry screens:
first whether there is a feeding tube, then 5a (no tube) or 5b (tube).
"""

from __future__ import annotations

from typing import Any

from alsmove.core.alsfrs import GASTROSTOMY_QUESTION, ITEMS, MAX_SCORE, MIN_SCORE, ItemSpec
from alsmove.interop.fhir.codes import (
    ALSFRS_SYSTEM,
    ORDINAL_VALUE,
    QUESTIONNAIRE_URL,
    QUESTIONNAIRE_VERSION,
    answer_code,
    stable_id,
)

TUBE_LINK_ID = "gastrostomy"
QUESTIONNAIRE_ID = stable_id("Questionnaire", QUESTIONNAIRE_URL, QUESTIONNAIRE_VERSION)
SCORES = tuple(range(MAX_SCORE, MIN_SCORE - 1, -1))  # 4 first, as the scale lists them


def answer_coding(spec: ItemSpec, score: int) -> dict[str, Any]:
    return {
        "system": ALSFRS_SYSTEM,
        "code": answer_code(spec.id, score),
        "display": spec.level(score),
    }


def _item(spec: ItemSpec) -> dict[str, Any]:
    item: dict[str, Any] = {
        "linkId": spec.id,
        "code": [{"system": ALSFRS_SYSTEM, "code": spec.id, "display": spec.title}],
        "prefix": spec.id,
        "text": spec.title,
        "type": "choice",
        "required": True,
        "answerOption": [
            {
                "valueCoding": {
                    **answer_coding(spec, score),
                    "extension": [{"url": ORDINAL_VALUE, "valueDecimal": score}],
                }
            }
            for score in SCORES
        ],
    }
    if spec.id in ("5a", "5b"):
        item["enableWhen"] = [
            {"question": TUBE_LINK_ID, "operator": "=", "answerBoolean": spec.id == "5b"}
        ]
    return item


def questionnaire() -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for spec in ITEMS:
        if spec.id == "5a":
            items.append(
                {
                    "linkId": TUBE_LINK_ID,
                    "text": GASTROSTOMY_QUESTION,
                    "type": "boolean",
                    "required": True,
                }
            )
        items.append(_item(spec))
    return {
        "resourceType": "Questionnaire",
        "id": QUESTIONNAIRE_ID,
        "url": QUESTIONNAIRE_URL,
        "version": QUESTIONNAIRE_VERSION,
        "name": "ALSMoveALSFRSR",
        "title": "ALSFRS-R (revised ALS Functional Rating Scale), ALS Move wording",
        "status": "active",
        "subjectType": ["Patient"],
        "description": (
            "The twelve items of the ALSFRS-R (Cedarbaum et al. 1999) with answer texts "
            "in ALS Move's own plain words, not the scale's original wording. Each answer's "
            "score (4 = as before, 0 = no function left) is its ordinal value. Item 5 is "
            "5a without a feeding tube and 5b with one."
        ),
        "code": [{"system": ALSFRS_SYSTEM, "code": "alsfrs-r", "display": "ALSFRS-R"}],
        "item": items,
    }


def code_system() -> dict[str, Any]:
    """The local code system of the items and answers, so a receiving system can read
    every code in the bundle without asking us (each answer's score as a property)."""
    concepts: list[dict[str, Any]] = [{"code": "alsfrs-r", "display": "ALSFRS-R"}]
    for spec in ITEMS:
        concepts.append({"code": spec.id, "display": spec.title})
        concepts.extend(
            {
                "code": answer_code(spec.id, score),
                "display": spec.level(score),
                "property": [{"code": "score", "valueInteger": score}],
            }
            for score in SCORES
        )
    return {
        "resourceType": "CodeSystem",
        "id": stable_id("CodeSystem", ALSFRS_SYSTEM, QUESTIONNAIRE_VERSION),
        "url": ALSFRS_SYSTEM,
        "version": QUESTIONNAIRE_VERSION,
        "name": "ALSMoveALSFRSRCodes",
        "title": "ALSFRS-R items and answers, ALS Move wording",
        "status": "active",
        "content": "complete",
        "caseSensitive": True,
        "description": (
            "Item codes are the item numbers (5a without a feeding tube, 5b with one); "
            "answer codes are <item>-<score>. Not LOINC: there is no public LOINC panel "
            "for the ALSFRS-R."
        ),
        "property": [
            {
                "code": "score",
                "description": "The answer's score, 4 (as before) to 0 (no function left)",
                "type": "integer",
            }
        ],
        "concept": concepts,
    }
