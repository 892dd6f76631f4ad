from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Type the password you sign in with, to show it is you."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("The record file (record.json)"),
        help_text=_('A file downloaded from "Your data" in another ALS Move.'),
    )
