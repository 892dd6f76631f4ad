"""The record's FHIR pages: the Bundle download (the person and their therapists) and
the ALSFRS-R import form (a linked therapist who may record assessments). Both go
through the access policy; a bad file is answered in words on the form, never a 500."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from alsmove.formats import say
from alsmove.interop.fhir.parse import BundleError
from alsmove.interop.services import FHIR_JSON, exported_for, import_responses
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require

MAX_FILE_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    bundle = forms.FileField(
        label=gettext_lazy("FHIR bundle (a .json file)"),
        help_text=gettext_lazy(
            "A FHIR R4 Bundle holding ALSFRS-R questionnaire responses, at most 2 MB."
        ),
    )

    def clean_bundle(self) -> object:
        upload = self.cleaned_data["bundle"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(_("The file is larger than 2 MB. Export a shorter period."))
        raw = upload.read(MAX_FILE_BYTES + 1)
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise ValidationError(
                _("The file is not JSON. Choose the .json file of a FHIR bundle.")
            ) from None


def _filename(patient: Patient) -> str:
    return f"alsmove-record-{patient.pk}-fhir.json"


@login_required
@require_GET
def export(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EXPORT_FHIR)
    body = json.dumps(exported_for(patient, request.user, "page"), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type=f"{FHIR_JSON}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(patient)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_form(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.IMPORT_ASSESSMENTS)
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    status = 200
    if posted:
        status = 400
        if form.is_valid():
            try:
                result = import_responses(
                    patient=patient, by=request.user, data=form.cleaned_data["bundle"]
                )
            except BundleError as error:
                problem = say(error.problem)
                form.add_error(
                    "bundle",
                    _("Nothing was imported. %(problem)s")
                    % {"problem": problem[:1].upper() + problem[1:]},
                )
            else:
                count = len(result.imported)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d ALSFRS-R record was imported.",
                        "%(count)d ALSFRS-R records were imported.",
                        count,
                    )
                    % {"count": count},
                )
                for skipped in result.skipped:
                    messages.info(request, say(skipped))
                return redirect("assessments:progress", patient_id=patient.pk)
    return render(request, "interop/import.html", {"patient": patient, "form": form}, status=status)
