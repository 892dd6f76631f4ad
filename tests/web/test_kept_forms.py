"""An empty form's fields are drawn once per state of their inputs (`web.kept_forms`): what
is shown is always what drawing the form afresh shows, whichever input changed."""

from __future__ import annotations

import pytest
from django import forms
from django.template.loader import get_template
from django.utils import translation

from alsmove.accounts.forms import PreferencesForm
from alsmove.accounts.models import User
from alsmove.logbook.forms import FeelingForm
from alsmove.web import kept_forms
from alsmove.web.templatetags.alsmove import form_fields

pytestmark = pytest.mark.django_db


def _fresh(form: forms.BaseForm) -> str:
    return get_template("includes/_form_fields.html").render({"form": form})


@pytest.fixture(autouse=True)
def _nothing_kept() -> None:
    kept_forms.clear()


class Choosing(forms.Form):
    how = forms.ChoiceField(choices=[("a", "Apple"), ("b", "Bean")], widget=forms.RadioSelect)
    note = forms.CharField(required=False, help_text="Anything else")


def test_an_empty_form_is_drawn_once_and_shown_as_drawn_afresh() -> None:
    user = User.objects.create_user(email="kim@example.org", password="x" * 12)
    first = form_fields(PreferencesForm(instance=user))
    assert first == _fresh(PreferencesForm(instance=user))
    assert len(kept_forms._KEPT) == 1
    assert form_fields(PreferencesForm(instance=user)) == first
    assert len(kept_forms._KEPT) == 1


def test_a_changed_saved_answer_is_shown_at_once() -> None:
    user = User.objects.create_user(email="kim@example.org", password="x" * 12)
    before = form_fields(PreferencesForm(instance=user))
    user.high_contrast = not user.high_contrast
    after = form_fields(PreferencesForm(instance=user))
    assert after != before
    assert after == _fresh(PreferencesForm(instance=user))


def test_each_language_gets_its_own_words() -> None:
    user = User.objects.create_user(email="kim@example.org", password="x" * 12)
    english = form_fields(PreferencesForm(instance=user))
    with translation.override("es"):
        spanish = form_fields(PreferencesForm(instance=user))
        assert spanish == _fresh(PreferencesForm(instance=user))
    assert spanish != english


@pytest.mark.parametrize(
    "change",
    [
        lambda f: setattr(f.fields["how"], "choices", [("c", "Carrot")]),
        lambda f: f.fields["how"].widget.attrs.update({"aria-describedby": "x"}),
        lambda f: setattr(f.fields["note"], "label", "Other notes"),
        lambda f: setattr(f.fields["note"], "help_text", "Something else"),
        lambda f: setattr(f.fields["note"], "required", True),
        lambda f: setattr(f.fields["note"], "disabled", True),
        lambda f: f.initial.update({"how": "b"}),
        lambda f: setattr(f, "prefix", "second"),
        lambda f: setattr(f, "auto_id", "field_%s"),
        lambda f: f.fields.pop("note"),
        lambda f: setattr(f.fields["note"], "widget", forms.Textarea()),
    ],
)
def test_a_form_changed_for_one_request_is_drawn_with_the_change(change: object) -> None:
    plain = form_fields(Choosing())
    changed = Choosing()
    change(changed)  # type: ignore[operator]
    shown = form_fields(changed)
    assert shown != plain
    again = Choosing()
    change(again)  # type: ignore[operator]
    assert shown == _fresh(again)


def test_a_sent_form_is_drawn_with_its_answers_and_errors_every_time() -> None:
    sent = Choosing(data={"how": "nonsense"})
    assert not sent.is_valid()
    shown = form_fields(sent)
    assert "Select a valid choice" in shown
    assert len(kept_forms._KEPT) == 0


def test_a_form_whose_choices_are_a_query_is_never_kept() -> None:
    class Whom(forms.Form):
        who = forms.ModelChoiceField(queryset=User.objects.all())

    User.objects.create_user(email="kim@example.org", password="x" * 12)
    assert kept_forms.form_key(Whom()) is None
    assert form_fields(Whom()) == _fresh(Whom())
    assert len(kept_forms._KEPT) == 0


def test_a_form_with_a_new_client_id_each_time_is_never_kept() -> None:
    form = FeelingForm()
    assert kept_forms.form_key(form) is None
    assert form_fields(form) == _fresh(form)
    assert len(kept_forms._KEPT) == 0
