"""Whatever JSON arrives, the FHIR reader answers with responses or a problem in words:
never another exception (so a junk upload can never become a server error)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from alsmove.interop.fhir.codes import ALSFRS_SYSTEM, QUESTIONNAIRE_CANONICAL
from alsmove.interop.fhir.parse import BundleError, one_a_day, read_bundle

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "resourceType",
                    "entry",
                    "resource",
                    "item",
                    "linkId",
                    "answer",
                    "valueCoding",
                    "code",
                    "system",
                    "authored",
                    "status",
                    "questionnaire",
                    "meta",
                    "tag",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)
ITEMS = ("1", "2", "3", "4", "5a", "6", "7", "8", "9", "10", "11", "12")


def _valid() -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "entry": [
            {
                "resource": {
                    "resourceType": "QuestionnaireResponse",
                    "questionnaire": QUESTIONNAIRE_CANONICAL,
                    "status": "completed",
                    "authored": "2026-01-02",
                    "item": [
                        {
                            "linkId": item,
                            "answer": [
                                {"valueCoding": {"system": ALSFRS_SYSTEM, "code": f"{item}-3"}}
                            ],
                        }
                        for item in ITEMS
                    ],
                }
            }
        ],
    }


def _read(data: object) -> None:
    try:
        one_a_day(read_bundle(data), "clinician")
    except BundleError as error:
        assert error.problem.render()


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_json_gets_responses_or_a_problem_in_words(data: object) -> None:
    _read(data)
    _read({"resourceType": "Bundle", "entry": [{"resource": data}]})


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 11), st.sampled_from(["linkId", "answer"]), JSON)
def test_one_changed_field_of_a_good_response_gets_a_problem_in_words(
    index: int, key: str, value: object
) -> None:
    bundle = copy.deepcopy(_valid())
    bundle["entry"][0]["resource"]["item"][index][key] = value
    _read(bundle)


def test_the_good_response_itself_is_read() -> None:
    (response,) = read_bundle(_valid())
    assert response.items == {item: 3 for item in ITEMS}
