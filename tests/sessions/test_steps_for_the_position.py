"""The guided session shows the steps for the position the routine chose (issue 8)."""

from __future__ import annotations

import html

from django.test import Client
from signin_support import sign_in

from alsmove.core.library import Position
from alsmove.demo.seed import Demo
from alsmove.exercises.loader import default_library
from alsmove.logbook.today import todays_session


def test_each_step_page_shows_the_steps_for_the_position_used(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.person)
    library = {e.id: e for e in default_library()}
    session = todays_session(demo.patient)
    assert session.items, "the demo has exercises today"
    for index, item in enumerate(session.items, start=1):
        page = html.unescape(
            client.get(f"/patients/{demo.patient.pk}/session/{index}/").content.decode()
        )
        exercise = library[item["exercise"]]
        for step in exercise.steps_for(Position(item["position"])):
            assert step in page, (item["exercise"], item["position"], step)


def test_an_exercise_with_its_own_bed_steps_shows_them_in_bed() -> None:
    arm_raises = next(e for e in default_library() if e.id == "arm-raises")
    in_bed = arm_raises.steps_for(Position.IN_BED)
    standing = arm_raises.steps_for(Position.STANDING)
    assert in_bed[0].startswith("Lie on your back in bed")
    assert standing[0].startswith("Stand tall") and "armrest" not in " ".join(standing).lower()
