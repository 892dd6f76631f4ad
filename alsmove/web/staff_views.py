"""The clinic administrator's staff pages: add an account, switch one off (after a
confirmation that names the person) and on again. They parse, authorise through
`require_clinic_admin`, call the services in `accounts.staff` and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alsmove.accounts.forms import StaffForm
from alsmove.accounts.staff import (
    add_staff,
    clinic_staff_member,
    require_clinic_admin,
    switch_off,
    switch_on,
)
from alsmove.web.views import clinic_page


@login_required
@require_POST
def add_staff_view(request: HttpRequest) -> HttpResponse:
    require_clinic_admin(request.user)
    form = StaffForm(request.POST)
    if not form.is_valid():
        return clinic_page(request, form=form)
    user = add_staff(admin=request.user, **form.cleaned_data)
    messages.success(
        request,
        _("%(name)s has an account now. They got an email with a link to choose a password.")
        % {"name": user.full_name},
    )
    return redirect("web:clinic")


@login_required
@require_http_methods(["GET", "POST"])
def switch_off_view(request: HttpRequest, user_id: int) -> HttpResponse:
    """GET asks "are you sure?", naming the person; POST switches the account off."""
    require_clinic_admin(request.user)
    if request.method == "GET":
        member = clinic_staff_member(request.user, user_id)
        if member.pk == request.user.pk:
            raise PermissionDenied(_("You cannot switch off your own account."))
        if not member.is_active:
            return redirect("web:clinic")
        name = member.full_name
        return render(
            request,
            "web/confirm.html",
            {
                "title": _("Switch off %(name)s's account?") % {"name": name},
                "lines": [
                    _("%(name)s will no longer be able to log in.") % {"name": name},
                    _(
                        "Their records, notes and care-team places are kept. You can switch "
                        "the account on again at any time from the clinic page."
                    ),
                ],
                "action": reverse("web:switch_off", args=[member.pk]),
                "hidden": [],
                "button": _("Yes, switch off %(name)s") % {"name": name},
                "cancel": reverse("web:clinic"),
            },
        )
    member = switch_off(admin=request.user, user_id=user_id)
    messages.success(request, _("%(name)s can no longer log in.") % {"name": member.full_name})
    return redirect(f"{reverse('web:clinic')}?undo={member.pk}")


@login_required
@require_POST
def switch_on_view(request: HttpRequest, user_id: int) -> HttpResponse:
    require_clinic_admin(request.user)
    member = switch_on(admin=request.user, user_id=user_id)
    messages.success(request, _("%(name)s can log in again.") % {"name": member.full_name})
    return redirect("web:clinic")
