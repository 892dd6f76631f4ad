"""A question answered by a letter key takes the first letter of the answer in the page's
language: yes is Y in English, S (sí) in Spanish, J (ja) in German."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.demo.seed import Demo


@pytest.mark.parametrize(
    ("language", "yes", "hint"),
    [("en", "y", "press Y or N"), ("es", "s", "pulsa S o N"), ("de", "j", "drücken Sie J oder N")],
)
def test_the_feeding_tube_question_is_answered_by_the_languages_own_letters(
    demo: Demo, language: str, yes: str, hint: str
) -> None:
    client = Client(headers={"accept-language": language})
    sign_in(client, demo.therapist)
    start = f"/patients/{demo.patient.pk}/alsfrs/new/"
    client.get(start)
    dated = client.post(f"{start}date/", {"taken_on": timezone.localdate().isoformat()})
    assert dated.status_code == 302
    page = client.get(f"{start}tube/").content.decode()
    assert f'value="yes" data-key="{yes}"' in page
    assert 'value="no" data-key="n"' in page
    assert hint in page
