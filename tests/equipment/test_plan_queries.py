"""The plan page and the plan API make the same number of queries however many items and
changes the plan holds, and stay under a fixed bound."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.equipment.models import CatalogueRecord, PlanChange, PlanItem

PAGE_BOUND = 30


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow(demo: Demo) -> None:
    """Every catalogue item on the plan, each with five changes by the three of them."""
    now = timezone.now()
    authors = [demo.person, demo.caregiver, demo.therapist]
    on_plan = set(PlanItem.objects.filter(patient=demo.patient).values_list("slug", flat=True))
    for record in CatalogueRecord.objects.exclude(slug__in=on_plan):
        item = PlanItem.objects.create(
            patient=demo.patient, slug=record.slug, name=record.name, status="discussing"
        )
        PlanChange.objects.bulk_create(
            PlanChange(
                item=item,
                changed_by=authors[n % 3],
                changed_at=now,
                from_status="suggested",
                to_status="discussing",
                note=f"change {n}",
            )
            for n in range(5)
        )
    for n in range(10):
        PlanItem.objects.create(patient=demo.patient, slug=f"own-extra-{n}", name=f"Extra {n}")


def test_the_plan_page_makes_as_many_queries_with_every_item_on_the_plan(
    demo: Demo, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    sign_in(client, demo.therapist)
    url = f"/patients/{demo.patient.pk}/equipment/"
    client.get(url)  # the first page of a session also notes the sign-in
    before = _count(client, url)
    _grow(demo)
    assert PlanItem.objects.filter(patient=demo.patient).count() >= 50
    with django_assert_max_num_queries(PAGE_BOUND):
        client.get(url)
    assert _count(client, url) == before


def test_the_plan_api_and_the_home_page_do_not_grow_with_the_plan(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.person)
    api = f"/api/v1/patients/{demo.patient.pk}/equipment"
    client.get("/")  # the first page of a session also notes the sign-in
    before = (_count(client, api), _count(client, "/"))
    _grow(demo)
    assert (_count(client, api), _count(client, "/")) == before
