from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from alsmove.accounts.language import language_choices
from alsmove.accounts.models import Role, User


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "That email address and password do not match an account. Check both and try "
            "again; the password is case-sensitive."
        ),
        "inactive": _("This account is switched off. Ask your clinic to switch it back on."),
    }

    def clean_username(self) -> str:
        # Addresses are stored in lower case; "Sam@Example.org" is the same person.
        return str(self.cleaned_data["username"]).strip().lower()


class PreferencesForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("The one my browser asks for")), *language_choices()],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Pages, emails and printed documents use it."),
    )

    class Meta:
        model = User
        fields = (
            "language",
            "text_size",
            "high_contrast",
            "large_targets",
            "speech_enabled",
            "tone_enabled",
            "dwell_enabled",
            "dwell_ms",
        )
        widgets = {"text_size": forms.RadioSelect, "dwell_ms": forms.RadioSelect}
        help_texts = {
            "dwell_enabled": _(
                "Rest the pointer on a button or link and a ring fills around it; when the "
                "ring is full, it is pressed. Move away to cancel. For eye gaze and head "
                "pointers; leave it off if your own software already does this."
            ),
            "dwell_ms": _("How long the pointer rests before a press."),
            "large_targets": _(
                "Makes every button at least 72 pixels tall, for eye gaze, "
                "head pointers and shaky hands."
            ),
            "speech_enabled": _("The guided session reads instructions and counts aloud."),
            "high_contrast": _("Black text on white, with strong outlines."),
        }


class SessionPreferencesForm(forms.ModelForm):
    """The guided session's own switches, saved as the person flips them."""

    class Meta:
        model = User
        fields = ("speech_enabled", "tone_enabled", "dwell_enabled")


class StaffForm(forms.Form):
    full_name = forms.CharField(label=_("Their name"), max_length=200)
    email = forms.EmailField(label=_("Their email address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.THERAPIST.value, Role.THERAPIST.label),
            (Role.ADMIN.value, Role.ADMIN.label),
        ],
        widget=forms.RadioSelect,
        initial=Role.THERAPIST.value,
    )
    # The new account has no language of its own yet: the welcome email and their pages
    # use this one until they choose in their display settings.
    language = forms.ChoiceField(
        label=_("Their language"),
        choices=language_choices(),
        required=False,  # the page's own language when not sent
        widget=forms.RadioSelect,
        help_text=_("The welcome email and their pages use it. They can change it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()

    def clean_language(self) -> str:
        return str(self.cleaned_data.get("language") or translation.get_language())

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email
