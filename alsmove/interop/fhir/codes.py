"""The systems, codes and identifiers the export uses.

Standard codes only where a standard code exists (SNOMED CT and ICD-10-CM for the
diagnosis, HL7's own category and status systems); the ALSFRS-R, its answers, its
subscores and stages, the exercises and the equipment are under the product's own code
systems: there is no public LOINC panel for the ALSFRS-R and we invent no LOINC codes.
"""

from __future__ import annotations

import uuid

BASE = "https://alsmove.example/fhir"

# The ALSFRS-R items (code = item id: "1" ... "12", "5a", "5b") and their answers
# (code = "<item>-<score>", for example "5a-3").
ALSFRS_SYSTEM = f"{BASE}/CodeSystem/alsfrs-r"
# Totals, domain subscores and stages computed from one record.
SCORE_SYSTEM = f"{BASE}/CodeSystem/alsfrs-r-scores"
KINGS_SYSTEM = f"{BASE}/CodeSystem/kings-stage"
# Who the record is from: "clinician" (a clinician's rating) or "self_report".
SOURCE_SYSTEM = f"{BASE}/CodeSystem/alsfrs-r-source"
EXERCISE_SYSTEM = f"{BASE}/CodeSystem/exercise"
EQUIPMENT_SYSTEM = f"{BASE}/CodeSystem/equipment"
GOAL_SYSTEM = f"{BASE}/CodeSystem/goal"

QUESTIONNAIRE_URL = f"{BASE}/Questionnaire/alsfrs-r"
QUESTIONNAIRE_VERSION = "1"
QUESTIONNAIRE_CANONICAL = f"{QUESTIONNAIRE_URL}|{QUESTIONNAIRE_VERSION}"

SNOMED = "http://snomed.info/sct"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
ALS_SNOMED = "86044005"
ALS_SNOMED_DISPLAY = "Amyotrophic lateral sclerosis (disorder)"
ALS_ICD10CM = "G12.21"
ALS_ICD10CM_DISPLAY = "Amyotrophic lateral sclerosis"

CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ASSERTED_DATE = "http://hl7.org/fhir/StructureDefinition/condition-assertedDate"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"

# Every id in an export is a UUID5 in this namespace, named from the record, so two
# exports of the same record are identical.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE)


def stable_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def answer_code(item_id: str, score: int) -> str:
    return f"{item_id}-{score}"
