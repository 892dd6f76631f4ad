from __future__ import annotations

import re

from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.patients.models import FunctionalProfile
from alsmove.routines.models import RoutinePlan, Status
from alsmove.routines.services import WHY_PROFILE, current_plans, plan_in_use


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


# The demo history: version 1, then version 2 rebuilt under the position rules and approved.
DEMO_VERSIONS = 2
PROFILE_FORM = {
    "standing": "independent",
    "walking": "independent",
    "sitting_balance": "good",
    "floor_transfer": "on",
    "can_lie_down": "on",
    "caregiver_available": "",
    "minutes": "15",
    "preferences": "",
}


def test_the_demo_person_has_a_reviewed_routine_and_sees_who_approved_it(demo: Demo) -> None:
    approved, pending = current_plans(demo.patient)
    assert approved is not None and pending is None
    # Rebuilt under the position rules when the new questions were answered, and approved.
    assert approved.version == DEMO_VERSIONS and approved.why["text"] == WHY_PROFILE
    assert approved.reviewed_by == demo.therapist
    page = _client(demo.person).get(f"/patients/{demo.patient.pk}/routine/").content.decode()
    assert "Reviewed and approved by Tess Morgan" in page
    assert "Start today&#x27;s session" in page or "Start today's session" in page
    assert "Why this exercise" in page and "left out, and why" in page


def test_a_bad_answer_to_a_new_profile_question_names_it_and_saves_nothing(demo: Demo) -> None:
    profile = FunctionalProfile.objects.get(patient=demo.patient)
    before = (profile.typical_fatigue, profile.falls_last_3_months, profile.head_control)
    client = _client(demo.person)
    bad = {**PROFILE_FORM, "typical_fatigue": "12", "head_control": "wobbly"}
    response = client.post(f"/patients/{demo.patient.pk}/profile/", bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose a number from 0 to 10." in page
    assert "Select a valid choice" in page
    profile.refresh_from_db()
    assert (profile.typical_fatigue, profile.falls_last_3_months, profile.head_control) == before


def test_the_new_profile_questions_are_asked_one_plain_question_each(demo: Demo) -> None:
    page = _client(demo.person).get(f"/patients/{demo.patient.pk}/profile/").content.decode()
    for question in (
        "Can you lie flat without getting out of breath?",
        "How well do you hold your head up?",
        "How steady is your body when you sit?",
        "Does an arm hang down heavily unless it is supported?",
        "How many times have you fallen in the last three months?",
    ):
        assert question in page
    # The therapist's own questions are not shown to the person.
    assert "Standing work cleared again" not in page
    therapist_page = _client(demo.therapist).get(f"/patients/{demo.patient.pk}/profile/")
    assert "Standing work cleared again" in therapist_page.content.decode()


def test_no_routine_is_built_without_a_functional_profile(demo: Demo) -> None:
    page = _client(demo.other_person).get(f"/patients/{demo.other_patient.pk}/routine/")
    assert b"Fill in the functional profile" in page.content
    assert plan_in_use(demo.other_patient) is None


def test_saving_a_profile_proposes_a_routine_without_replacing_the_approved_one(
    demo: Demo,
) -> None:
    before, _ = current_plans(demo.patient)
    client = _client(demo.person)
    response = client.post(f"/patients/{demo.patient.pk}/profile/", PROFILE_FORM)
    assert response.status_code == 302
    approved, pending = current_plans(demo.patient)
    assert approved == before  # still the one in use
    assert pending is not None and pending.status == Status.PROPOSED
    page = client.get(f"/patients/{demo.patient.pk}/routine/").content.decode()
    assert "waiting for the therapist" in page


def test_a_bad_profile_answer_is_explained_and_nothing_is_lost(demo: Demo) -> None:
    form = dict(PROFILE_FORM, minutes="500", standing="flying")
    response = _client(demo.person).post(f"/patients/{demo.patient.pk}/profile/", form)
    assert response.status_code == 200
    assert b"Choose between 5 and 120 minutes." in response.content
    assert b"Select a valid choice" in response.content
    assert FunctionalProfile.objects.get(patient=demo.patient).minutes == 20


def test_the_therapist_edits_then_approves_and_every_version_is_kept(demo: Demo) -> None:
    client = _client(demo.therapist)
    plan = plan_in_use(demo.patient)
    assert plan is not None
    first, second = plan.items[0], plan.items[1]
    form = {f"reps-{first['exercise']}": "1", f"remove-{second['exercise']}": "on", "add": ""}
    url = f"/patients/{demo.patient.pk}/routine/review/"
    asked = client.post(url, form)  # a removal is confirmed first, naming the exercise
    assert asked.status_code == 200
    assert f"This edit takes out: {second['name']}." in asked.content.decode()
    assert RoutinePlan.objects.filter(patient=demo.patient).count() == DEMO_VERSIONS
    response = client.post(url, {**form, "confirmed": "yes"})
    assert response.status_code == 302
    revised = RoutinePlan.objects.for_patient(demo.patient).first()
    assert revised is not None and revised.version == plan.version + 1
    assert revised.status == Status.PROPOSED
    items = {i["exercise"]: i for i in revised.items}
    assert items[first["exercise"]]["reps"] == 1 and second["exercise"] not in items
    client.post(f"/patients/{demo.patient.pk}/routine/v{revised.version}/approve/")
    revised.refresh_from_db()
    plan.refresh_from_db()
    assert revised.status == Status.APPROVED and plan.status == Status.SUPERSEDED
    assert RoutinePlan.objects.filter(patient=demo.patient).count() == DEMO_VERSIONS + 1


def test_adding_an_unsafe_exercise_is_refused_with_the_rule_in_words(demo: Demo) -> None:
    client = _client(demo.therapist)
    # Sam's legs are graded 1-2/5: walking alone breaks the muscle-grade rule (and more).
    response = client.post(f"/patients/{demo.patient.pk}/routine/review/", {"add": "walking"})
    assert response.status_code == 200
    assert re.search(rb"Easy walk: These muscles are too weak[^<]*lift your foot", response.content)
    assert RoutinePlan.objects.filter(patient=demo.patient).count() == DEMO_VERSIONS


def test_a_caregiver_can_start_a_session_but_cannot_review_the_routine(demo: Demo) -> None:
    client = _client(demo.caregiver)
    assert client.get(f"/patients/{demo.patient.pk}/session/").status_code == 200
    assert client.get(f"/patients/{demo.patient.pk}/routine/review/").status_code == 403


def test_each_session_screen_shows_one_exercise_with_steps_and_a_start_button(
    demo: Demo,
) -> None:
    client = _client(demo.person)
    page = client.get(f"/patients/{demo.patient.pk}/session/1/").content.decode()
    assert page.count('class="steps"') == 1
    assert 'id="timer-primary"' in page and ">Start<" in page
    assert "Exercise 1 of" in page
    plan = plan_in_use(demo.patient)
    assert plan is not None
    count = len(plan.items_for_day(timezone.localdate().weekday()))
    assert client.get(f"/patients/{demo.patient.pk}/session/{count + 1}/").status_code == 404


def test_caregiver_mode_shows_hand_placement_for_a_helper_exercise(demo: Demo) -> None:
    plan = plan_in_use(demo.patient)
    assert plan is not None
    day = timezone.localdate().weekday()
    items = plan.items_for_day(day)
    helped = [n for n, i in enumerate(items, 1) if i["performer"] != "self"]
    if not helped:
        return  # no helper exercise on this weekday in the demo week
    page = _client(demo.caregiver).get(f"/patients/{demo.patient.pk}/session/{helped[0]}/")
    assert b"For the helper" in page.content and b"Where your hands go:" in page.content


def test_saving_the_review_without_a_change_makes_no_new_version(demo: Demo) -> None:
    response = _client(demo.therapist).post(
        f"/patients/{demo.patient.pk}/routine/review/", {"add": ""}
    )
    assert response.status_code == 200
    assert b"Nothing was changed" in response.content
    assert RoutinePlan.objects.filter(patient=demo.patient).count() == DEMO_VERSIONS


def test_an_edit_is_undone_and_the_routine_is_as_it_was(demo: Demo) -> None:
    client = _client(demo.therapist)
    plan = plan_in_use(demo.patient)
    assert plan is not None
    before = (plan.status, plan.items)
    gone = plan.items[0]
    url = f"/patients/{demo.patient.pk}/routine/review/"
    response = client.post(url, {f"remove-{gone['exercise']}": "on", "confirmed": "yes"})
    revised = RoutinePlan.objects.for_patient(demo.patient).first()
    assert revised is not None and revised.version == plan.version + 1
    page = client.get(response["Location"]).content.decode()
    assert "Undo this edit" in page
    undo = f"/patients/{demo.patient.pk}/routine/v{revised.version}/undo/"
    assert f'action="{undo}"' in page
    done = client.post(undo, follow=True).content.decode()
    assert "Edit undone" in done
    revised.refresh_from_db()
    plan.refresh_from_db()
    assert revised.status == Status.SUPERSEDED
    assert (plan.status, plan.items) == before
    assert plan_in_use(demo.patient) == plan
    again = client.post(undo, follow=True).content.decode()
    assert "Only the newest edit, before it is approved, can be undone." in again
    assert _client(demo.caregiver).post(undo).status_code == 403


def test_a_bad_number_in_the_review_names_the_exercise_and_the_field(demo: Demo) -> None:
    client = _client(demo.therapist)
    plan = plan_in_use(demo.patient)
    assert plan is not None
    item = plan.items[0]
    url = f"/patients/{demo.patient.pk}/routine/review/"
    response = client.post(url, {f"reps-{item['exercise']}": "many"})
    assert f"{item['name']}, repetitions: write a whole number" in response.content.decode()
    response = client.post(url, {f"reps-{item['exercise']}": "99"})
    assert (
        f"{item['name']}, repetitions: choose a number between 1 and 30."
        in response.content.decode()
    )
    assert RoutinePlan.objects.filter(patient=demo.patient).count() == DEMO_VERSIONS
