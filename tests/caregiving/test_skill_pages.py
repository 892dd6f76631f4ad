"""The caregiver skill pages: a list for the person's care team, a skill's overview, one
step per screen, a printable page; all through the access policy; loaded idempotently."""

from __future__ import annotations

from django.core.management import call_command
from django.test import Client
from signin_support import sign_in

from alsmove.caregiving.loader import default_skills
from alsmove.caregiving.models import SkillRecord
from alsmove.caregiving.services import sync_skills
from alsmove.demo.seed import Demo

SKILL = "transfer-board-bed-chair"


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def test_loading_twice_changes_nothing_and_an_edited_row_is_put_back(demo: Demo) -> None:
    call_command("load_skills")
    again = sync_skills()
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == len(default_skills())
    SkillRecord.objects.filter(slug=SKILL).update(title="Changed by hand")
    SkillRecord.objects.create(slug="gone-skill", title="Gone", kind="transfer", data={})
    fixed = sync_skills()
    assert (fixed.updated, fixed.removed) == (1, 1)
    assert SkillRecord.objects.get(slug=SKILL).title.startswith("Bed to chair")


def test_the_list_shows_every_skill_to_the_caregiver(demo: Demo) -> None:
    response = _client(demo.caregiver).get(f"/patients/{demo.patient.pk}/skills/")
    assert response.status_code == 200
    html = response.content.decode()
    for skill in default_skills():
        assert f"/patients/{demo.patient.pk}/skills/{skill.id}/" in html
    # Only a therapist marks skills as taught.
    assert "Mark as taught" not in html


def test_the_overview_says_what_to_prepare_the_stop_rules_and_the_sources(demo: Demo) -> None:
    response = _client(demo.caregiver).get(f"/patients/{demo.patient.pk}/skills/{SKILL}/")
    html = response.content.decode()
    skill = next(s for s in default_skills() if s.id == SKILL)
    assert "Stop at once if" in html and "Do not do it alone when" in html
    assert "Use a lift instead when" in html
    assert skill.prepare[0] in html.replace("&#x27;", "'")
    assert "Safe patient handling" in html
    assert f'href="/patients/{demo.patient.pk}/skills/{SKILL}/1/"' in html


def test_each_step_has_its_own_screen_and_the_last_leads_back_to_the_overview(
    demo: Demo,
) -> None:
    client = _client(demo.caregiver)
    skill = next(s for s in default_skills() if s.id == SKILL)
    count = len(skill.steps)
    first = client.get(f"/patients/{demo.patient.pk}/skills/{SKILL}/1/").content.decode()
    assert f"Step 1 of {count}" in first
    assert skill.steps[1] not in first.replace("&quot;", '"')
    assert f'href="/patients/{demo.patient.pk}/skills/{SKILL}/2/"' in first
    last = client.get(f"/patients/{demo.patient.pk}/skills/{SKILL}/{count}/").content.decode()
    assert "?finished=1" in last and "Finish" in last
    done = client.get(f"/patients/{demo.patient.pk}/skills/{SKILL}/?finished=1")
    assert "That was the last step" in done.content.decode()


def test_a_step_or_skill_that_does_not_exist_is_a_page_not_found(demo: Demo) -> None:
    client = _client(demo.caregiver)
    base = f"/patients/{demo.patient.pk}/skills"
    assert client.get(f"{base}/{SKILL}/0/").status_code == 404
    assert client.get(f"{base}/{SKILL}/99/").status_code == 404
    assert client.get(f"{base}/no-such-skill/").status_code == 404
    assert client.get(f"{base}/no-such-skill/print/").status_code == 404


def test_the_printable_page_has_every_step_and_the_stop_rules(demo: Demo) -> None:
    response = _client(demo.person).get(f"/patients/{demo.patient.pk}/skills/assisted-cough/print/")
    html = response.content.decode()
    skill = next(s for s in default_skills() if s.id == "assisted-cough")
    assert html.count("<li>") >= len(skill.steps) + len(skill.stop_if)
    assert "Stop at once if" in html and "no-print" in html


def test_someone_off_the_team_cannot_see_the_skills_of_a_record(demo: Demo) -> None:
    for user in (demo.other_therapist, demo.other_person, demo.admin):
        client = _client(user)
        assert client.get(f"/patients/{demo.patient.pk}/skills/").status_code == 404
        assert client.get(f"/patients/{demo.patient.pk}/skills/{SKILL}/1/").status_code == 404
    assert Client().get(f"/patients/{demo.patient.pk}/skills/").status_code == 302


def test_the_record_page_links_the_skills(demo: Demo) -> None:
    html = _client(demo.caregiver).get(f"/patients/{demo.patient.pk}/").content.decode()
    assert f"/patients/{demo.patient.pk}/skills/" in html
