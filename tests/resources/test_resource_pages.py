"""The Resources pages: public, searched and filtered on the server, one page per entry,
loaded idempotently by the management command."""

from __future__ import annotations

import re

from django.core.management import call_command
from django.test import Client

from alsmove.demo.seed import Demo
from alsmove.resources.loader import default_resources
from alsmove.resources.models import ResourceRecord
from alsmove.resources.services import sync_resources


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="resource-card-title"><a href="/resources/([^/]+)/"', html)


def test_loading_twice_changes_nothing_and_an_edited_row_is_put_back(demo: Demo) -> None:
    call_command("load_resources")
    again = sync_resources()
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == len(default_resources())
    ResourceRecord.objects.filter(slug="massage").update(title="Changed by hand")
    ResourceRecord.objects.create(slug="gone-entry", title="Gone", topic="therapies", data={})
    fixed = sync_resources()
    assert (fixed.updated, fixed.removed) == (1, 1)
    assert ResourceRecord.objects.get(slug="massage").title == "Massage"


def test_the_resources_page_lists_every_entry_for_anyone(demo: Demo) -> None:
    response = Client().get("/resources/")
    assert response.status_code == 200
    html = response.content.decode()
    assert sorted(_titles(html)) == sorted(r.id for r in default_resources())
    assert "local emergency number" in html


def test_search_and_filters_narrow_the_list_on_the_server(demo: Demo) -> None:
    client = Client()
    found = _titles(client.get("/resources/", {"q": "insurance"}).content.decode())
    assert "paying-for-massage" in found and "support-groups" not in found
    emotional = _titles(client.get("/resources/", {"topic": "emotional"}).content.decode())
    assert "counselling" in emotional and "massage" not in emotional
    caregivers = _titles(client.get("/resources/", {"audience": "caregiver"}).content.decode())
    assert "caregiver-support" in caregivers and "biofeedback" not in caregivers
    early = _titles(client.get("/resources/", {"stage": "early"}).content.decode())
    assert "questions-early-stage" in early and "questions-advanced-stage" not in early
    both = client.get("/resources/", {"q": "massage", "topic": "therapies"}).content.decode()
    assert set(_titles(both)) == {"massage", "paying-for-massage"}


def test_a_search_that_finds_nothing_says_so(demo: Demo) -> None:
    html = Client().get("/resources/", {"q": "zzzz nothing"}).content.decode()
    assert _titles(html) == []
    assert "No resource matches" in html


def test_an_unknown_filter_value_shows_everything_and_says_so(demo: Demo) -> None:
    html = Client().get("/resources/", {"topic": "shopping"}).content.decode()
    assert "was not recognised" in html
    assert len(_titles(html)) == len(default_resources())


def test_an_entry_page_shows_what_is_known_its_sources_and_review_date(demo: Demo) -> None:
    html = Client().get("/resources/massage/").content.decode()
    assert "What is known" in html and "does not build strength" in html
    assert "Sources" in html and "forum thread on massage" in html
    assert "Last reviewed on 1 December 2026" in html
    assert 'href="/resources/paying-for-massage/"' in html


def test_an_unknown_entry_is_a_page_not_found(demo: Demo) -> None:
    assert Client().get("/resources/no-such-entry/").status_code == 404


def test_the_main_navigation_links_to_the_resources(demo: Demo) -> None:
    html = Client().get("/resources/").content.decode()
    nav = html.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    assert 'href="/resources/" aria-current="page"' in nav


def test_the_list_is_grouped_by_topic_and_the_stage_questions_come_in_stage_order(
    demo: Demo,
) -> None:
    html = Client().get("/resources/").content.decode()
    headings = re.findall(r'<h2 id="topic-[a-z_]+">([^<]+)</h2>', html)
    assert headings == [
        "Massage and other therapies",
        "Feelings and support",
        "Questions to ask your care team",
        "Finding care and equipment",
    ]
    order = _titles(html)
    stages = ["questions-early-stage", "questions-middle-stage", "questions-advanced-stage"]
    assert [order.index(s) for s in stages] == sorted(order.index(s) for s in stages)
    assert order.index("when-to-call-your-therapist") < order.index("questions-early-stage")


def test_a_filtered_list_keeps_only_the_topics_it_found(demo: Demo) -> None:
    html = Client().get("/resources/?topic=emotional").content.decode()
    assert re.findall(r'<h2 id="topic-[a-z_]+">([^<]+)</h2>', html) == ["Feelings and support"]
    assert "No resource matches" not in html
    empty = Client().get("/resources/?q=zzzzqqq").content.decode()
    assert "No resource matches all of these filters" in empty
