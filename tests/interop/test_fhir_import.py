"""Importing ALSFRS-R responses from a FHIR bundle: the round trip, all or nothing, the
entry named in every refusal, and only those the access policy lets record assessments."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from fhir_support import resources

from alsmove.accounts.models import AuditEvent
from alsmove.assessments.models import Assessment
from alsmove.demo.seed import Demo
from alsmove.interop.fhir.parse import BundleError
from alsmove.interop.services import ImportConflict, export_bundle, import_responses
from alsmove.patients.clock import today_for
from alsmove.patients.models import CareLink, Patient
from alsmove.routines.models import RoutinePlan


def _empty_record(demo: Demo, onset_days: int = 900) -> Patient:
    patient = Patient.objects.create(
        display_name="Jo Imported",
        organisation=demo.riverside,
        onset_date=today_for(demo.patient) - timedelta(days=onset_days),
    )
    CareLink.objects.create(
        patient=patient, member=demo.therapist, relation="therapist", permission="edit_plan"
    )
    return patient


def _answers(bundle: dict[str, Any]) -> list[tuple[str, str, dict[str, str]]]:
    """Each response's date, kind of author and answer codes, in date order."""
    return sorted(
        (
            r["authored"],
            r["meta"]["tag"][0]["code"],
            {i["linkId"]: str(next(iter(i["answer"][0].values()))) for i in r["item"]},
        )
        for r in resources(bundle, "QuestionnaireResponse")
    )


def _entry_of_response(bundle: dict[str, Any], index: int) -> tuple[int, dict[str, Any]]:
    """(1-based entry number, resource) of the bundle's `index`-th response."""
    found = [
        (n, e["resource"])
        for n, e in enumerate(bundle["entry"], start=1)
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
    ]
    return found[index]


def test_export_then_import_into_another_record_then_export_gives_the_same_responses(
    demo: Demo,
) -> None:
    first = export_bundle(demo.patient)
    target = _empty_record(demo)
    result = import_responses(patient=target, by=demo.therapist, data=first)
    assert len(result.imported) == demo.patient.assessments.current().count()
    second = export_bundle(target)
    assert _answers(second) == _answers(first)
    # A self-report stays a self-report (ALSFRS-SOURCE-01); the therapist entered both.
    assert set(target.assessments.values_list("source", flat=True)) == {
        "clinician",
        "self_report",
    }
    assert set(target.assessments.values_list("entered_by", flat=True)) == {demo.therapist.pk}


def test_a_response_from_elsewhere_without_a_source_is_the_importers_rating(
    demo: Demo,
) -> None:
    bundle = copy.deepcopy(export_bundle(demo.patient))
    for response in resources(bundle, "QuestionnaireResponse"):
        del response["meta"]
    bundle["entry"] = [
        e for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"
    ]
    target = _empty_record(demo)
    import_responses(patient=target, by=demo.therapist, data=bundle)
    assert set(target.assessments.values_list("source", flat=True)) == {"clinician"}


def test_the_round_trip_also_holds_into_a_record_without_other_data(demo: Demo) -> None:
    # The demo's own responses through the importer a second time change nothing.
    bundle = export_bundle(demo.patient)
    target = _empty_record(demo)
    import_responses(patient=target, by=demo.therapist, data=bundle)
    before = Assessment.objects.count()
    again = import_responses(patient=target, by=demo.therapist, data=bundle)
    assert again.imported == []
    assert len(again.skipped) == len(resources(bundle, "QuestionnaireResponse"))
    assert Assessment.objects.count() == before


def test_an_import_proposes_the_routine_and_is_audited_as_an_entry_is(demo: Demo) -> None:
    bundle = export_bundle(demo.patient)
    before = RoutinePlan.objects.filter(patient=demo.patient).count()
    # Into Sam's own record: remove Sam's latest so one response is new.
    latest = demo.patient.assessments.current().order_by("-taken_on").first()
    assert latest is not None
    latest.delete()
    result = import_responses(patient=demo.patient, by=demo.therapist, data=bundle)
    assert [a.taken_on for a in result.imported] == [latest.taken_on]
    assert AuditEvent.objects.filter(
        patient=demo.patient, action="assessments_imported", actor=demo.therapist
    ).exists()
    # The engine ran again (a proposal, or the same routine found and reused).
    assert RoutinePlan.objects.filter(patient=demo.patient).count() >= before


BAD_ENTRIES: list[tuple[str, Any, str]] = [
    ("answer code", ("item", 5, "answer", 0, "valueCoding", "code"), "5a-9"),
    ("answer system", ("item", 1, "answer", 0, "valueCoding", "system"), "http://loinc.org"),
    ("future date", ("authored",), "2999-01-01"),
    ("no date", ("authored",), "soon"),
    ("status", ("status",), "in-progress"),
    ("questionnaire", ("questionnaire",), "http://example.org/Questionnaire/other"),
]
EXPECTED = {
    "answer code": "answer to item 5a is not one of the allowed answers",
    "answer system": "answer to item 2 is not one of the allowed answers",
    "future date": "in the future",
    "no date": "the date (authored) is missing or not a date",
    "status": "not marked as completed",
    "questionnaire": "not for the ALS Move ALSFRS-R questionnaire",
}


def _set(resource: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = resource
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


@pytest.mark.parametrize(("name", "path", "value"), BAD_ENTRIES, ids=[b[0] for b in BAD_ENTRIES])
def test_a_malformed_entry_is_refused_naming_the_entry_and_nothing_is_written(
    demo: Demo, name: str, path: tuple[Any, ...], value: Any
) -> None:
    bundle = copy.deepcopy(export_bundle(demo.patient))
    # The fifth response is bad; the four before it would be fine on their own.
    number, resource = _entry_of_response(bundle, 4)
    _set(resource, path, value)
    target = _empty_record(demo)
    rows = (Assessment.objects.count(), RoutinePlan.objects.count(), AuditEvent.objects.count())
    with pytest.raises(BundleError) as refused:
        import_responses(patient=target, by=demo.therapist, data=bundle)
    message = str(refused.value)
    assert message.startswith(f"entry {number}: "), message
    assert EXPECTED[name] in message
    assert (
        Assessment.objects.count(),
        RoutinePlan.objects.count(),
        AuditEvent.objects.count(),
    ) == rows


def test_a_response_before_the_first_symptoms_is_refused_after_earlier_good_ones(
    demo: Demo,
) -> None:
    bundle = export_bundle(demo.patient)
    # Onset 100 days ago: the demo's later responses fit, the earlier ones do not. The
    # service stores in entry order, so a good one may have been written before the
    # bad one is reached: the transaction must take it back.
    target = _empty_record(demo, onset_days=100)
    _number, resource = _entry_of_response(
        bundle, len(resources(bundle, "QuestionnaireResponse")) - 1
    )
    late = copy.deepcopy(resource)
    bundle = copy.deepcopy(bundle)
    bundle["entry"].insert(0, {"fullUrl": "urn:uuid:late", "resource": late})
    before = Assessment.objects.count()
    with pytest.raises(BundleError) as refused:
        import_responses(patient=target, by=demo.therapist, data=bundle)
    assert "before the first symptoms" in str(refused.value)
    assert not str(refused.value).startswith("entry 1:")
    assert Assessment.objects.count() == before
    assert not target.assessments.exists()


def test_a_day_holding_different_answers_is_a_conflict_and_nothing_is_written(
    demo: Demo,
) -> None:
    bundle = copy.deepcopy(export_bundle(demo.patient))
    number, resource = _entry_of_response(bundle, 2)
    target = _empty_record(demo)
    import_responses(patient=target, by=demo.therapist, data=bundle)
    resource["item"][0]["answer"][0]["valueCoding"]["code"] = "1-0"
    extra = copy.deepcopy(resource)
    extra["authored"] = (today_for(target) - timedelta(days=1)).isoformat()
    bundle["entry"].append({"fullUrl": "urn:uuid:extra", "resource": extra})
    before = Assessment.objects.count()
    with pytest.raises(ImportConflict) as refused:
        import_responses(patient=target, by=demo.therapist, data=bundle)
    assert str(refused.value).startswith(f"entry {number}: a different record for")
    assert Assessment.objects.count() == before


def test_two_different_responses_for_one_day_in_a_file_are_refused(demo: Demo) -> None:
    bundle = copy.deepcopy(export_bundle(demo.patient))
    _number, resource = _entry_of_response(bundle, 0)
    twin = copy.deepcopy(resource)
    twin["meta"]["tag"][0]["code"] = "clinician"
    twin["item"][0]["answer"][0]["valueCoding"]["code"] = "1-1"
    bundle["entry"].append({"fullUrl": "urn:uuid:twin", "resource": twin})
    with pytest.raises(BundleError) as refused:
        import_responses(patient=_empty_record(demo), by=demo.therapist, data=bundle)
    assert str(refused.value).startswith(f"entry {len(bundle['entry'])}: ")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"resourceType": "Patient"}, "The file is not a FHIR Bundle."),
        ([], "The file is not a FHIR Bundle."),
        ({"resourceType": "Bundle", "entry": []}, "The bundle has no entries."),
        (
            {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient"}}]},
            "The bundle holds no ALSFRS-R questionnaire responses.",
        ),
        ({"resourceType": "Bundle", "entry": [{}, "x"]}, "entry 1: the entry holds no resource"),
    ],
)
def test_a_bundle_that_is_no_bundle_is_refused_in_words(
    demo: Demo, data: object, expected: str
) -> None:
    with pytest.raises(BundleError) as refused:
        import_responses(patient=_empty_record(demo), by=demo.therapist, data=data)
    assert str(refused.value) == expected


def test_strangers_and_those_who_may_not_record_are_refused_and_nothing_changes(
    demo: Demo,
) -> None:
    bundle = export_bundle(demo.patient)
    target = _empty_record(demo)
    CareLink.objects.create(
        patient=target, member=demo.caregiver, relation="caregiver", permission="log"
    )
    CareLink.objects.create(
        patient=target, member=demo.other_therapist, relation="therapist", permission="view"
    )
    before = (Assessment.objects.count(), RoutinePlan.objects.count())
    for user in (demo.other_person, demo.admin):
        with pytest.raises(Http404):
            import_responses(patient=target, by=user, data=bundle)
    for user in (demo.caregiver, demo.other_therapist):
        with pytest.raises(PermissionDenied):
            import_responses(patient=target, by=user, data=bundle)
    assert (Assessment.objects.count(), RoutinePlan.objects.count()) == before
    # Each refusal is audited, without naming the record it was for (docs/security.md).
    refusals = AuditEvent.objects.filter(
        action="refused",
        actor__in=(demo.other_person, demo.admin, demo.caregiver, demo.other_therapist),
    )
    assert refusals.count() == 4
    assert not refusals.filter(patient=target).exists()
