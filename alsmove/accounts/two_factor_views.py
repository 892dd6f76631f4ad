"""Pages of the second sign-in step: set up an authenticator, confirm a code, see the
recovery codes once, the account's two-step page, and an administrator's reset."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from alsmove.accounts import two_factor
from alsmove.accounts.models import User
from alsmove.accounts.staff import clinic_staff_member, require_clinic_admin

NEW_CODES = "alsmove_new_recovery_codes"
CODE_HELP = gettext_lazy(
    "Six digits from your authenticator app. The code changes every 30 seconds; there is "
    "no hurry: if it changes while you type, type the new one (the one just gone still "
    "works for a short while)."
)


def _code_widget() -> forms.TextInput:
    return forms.TextInput(
        attrs={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "autocapitalize": "off",
            "spellcheck": "false",
            "maxlength": "12",
            "class": "code-input",
        }
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("The code your app shows"),
        max_length=12,
        widget=_code_widget(),
        help_text=CODE_HELP,
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=12,
        required=False,
        widget=_code_widget(),
        help_text=CODE_HELP,
    )
    recovery_code = forms.CharField(
        label=gettext_lazy("Or one of your recovery codes"),
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
        help_text=gettext_lazy("Eight letters and digits from the list you printed or wrote down."),
    )

    def clean(self) -> dict[str, str]:
        cleaned: dict[str, str] = super().clean() or {}
        if not (cleaned.get("code") or cleaned.get("recovery_code")):
            self.add_error("code", _("Type the six digits your app shows, or a recovery code."))
        return cleaned


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse("web:home")


def _to(name: str, next_url: str) -> HttpResponse:
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url})}")


def _finish(request: HttpRequest, device: object) -> None:
    """This session passed the second step: remember the device, and a new session key so
    one seen before the step is worth nothing after it."""
    otp_login(request, device)
    request.session.cycle_key()


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    # With an authenticator already, a new one is set up only after this session proved
    # it has the old one: a stolen password alone must not enrol the thief's phone.
    if two_factor.has_authenticator(user) and not two_factor.is_verified(user):
        return redirect(
            f"{reverse('accounts:two_step_verify')}?{urlencode({'next': _next(request)})}"
        )
    device = two_factor.pending_authenticator(user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = two_factor.confirm_authenticator(user, form.cleaned_data["code"])
        if result is None:
            form.add_error(
                "code",
                _(
                    "That code does not match. Check that the app shows ALS Move with your "
                    "email address, and type the six digits it shows now."
                ),
            )
        else:
            confirmed, codes = result
            _finish(request, confirmed)
            request.session[NEW_CODES] = codes
            return redirect(
                f"{reverse('accounts:two_step_codes')}?{urlencode({'next': _next(request)})}"
            )
    return render(
        request,
        "accounts/two_step_setup.html",
        {
            "form": form,
            "qr": two_factor.qr_data_uri(device),
            "secret": two_factor.secret_text(device),
            "required": two_factor.is_staff_account(user),
            "next": _next(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The codes are shown on this one visit and never again (only their use is stored)."""
    codes = request.session.pop(NEW_CODES, None)
    return render(request, "accounts/two_step_codes.html", {"codes": codes, "next": _next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    if not two_factor.has_authenticator(user):
        return redirect(
            f"{reverse('accounts:two_step_setup')}?{urlencode({'next': _next(request)})}"
        )
    if two_factor.is_verified(user):
        return redirect(_next(request))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data.get("code") or form.cleaned_data.get("recovery_code") or ""
        wait = two_factor.wait_seconds(user)
        device = None if wait else two_factor.verify_code(user, code)
        if device is not None:
            _finish(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _(
                        "You used a recovery code; %(left)s are left. Each works once. Make "
                        "new ones on your two-step sign-in page when you need them."
                    )
                    % {"left": left},
                )
            return redirect(_next(request))
        if wait:
            # Checked before the code, so a try during the pause is not a new wrong guess.
            form.add_error(
                None,
                ngettext(
                    "After a wrong code, the next try waits a little longer each time. Wait "
                    "%(seconds)s second, then type the code your app shows then.",
                    "After a wrong code, the next try waits a little longer each time. Wait "
                    "%(seconds)s seconds, then type the code your app shows then.",
                    wait,
                )
                % {"seconds": wait},
            )
        else:
            form.add_error(
                "code" if form.cleaned_data.get("code") else "recovery_code",
                _(
                    "That code does not match. Type the six digits your app shows now, or a "
                    "recovery code you have not used before."
                ),
            )
    return render(
        request,
        "accounts/two_step_verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def manage(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    return render(
        request,
        "accounts/two_step.html",
        {
            "enabled": two_factor.has_authenticator(user),
            "required": two_factor.is_staff_account(user),
            "codes_left": StaticToken.objects.filter(device__user=user).count(),
        },
    )


@login_required
@require_POST
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    request.session[NEW_CODES] = two_factor.make_recovery_codes(request.user)
    return redirect(
        f"{reverse('accounts:two_step_codes')}?{urlencode({'next': reverse('accounts:two_step')})}"
    )


@login_required
@require_http_methods(["GET", "POST"])
def turn_off(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    if two_factor.is_staff_account(user):
        raise PermissionDenied(_("Therapists and administrators always sign in in two steps."))
    if not two_factor.has_authenticator(user):
        return redirect("accounts:two_step")
    if request.method == "GET":
        return render(
            request,
            "web/confirm.html",
            {
                "title": _("Stop the two-step sign-in?"),
                "lines": [
                    _("From now on, your password alone opens your account."),
                    _("Your authenticator and recovery codes stop working for ALS Move."),
                ],
                "action": reverse("accounts:two_step_off"),
                "hidden": [],
                "button": _("Yes, stop the two-step sign-in"),
                "cancel": reverse("accounts:two_step"),
            },
        )
    two_factor.turn_off(user)
    messages.success(request, _("Your password alone opens your account now."))
    return redirect("accounts:two_step")


@login_required
@require_http_methods(["GET", "POST"])
def reset_view(request: HttpRequest, user_id: int) -> HttpResponse:
    """An administrator resets a colleague's lost authenticator: GET asks, naming them."""
    require_clinic_admin(request.user)
    member = clinic_staff_member(request.user, user_id)
    if member.pk == request.user.pk:
        raise PermissionDenied(_("Another administrator of your clinic can reset yours."))
    name = member.full_name
    if request.method == "GET":
        return render(
            request,
            "web/confirm.html",
            {
                "title": _("Reset %(name)s's two-step sign-in?") % {"name": name},
                "lines": [
                    _(
                        "Do this only when %(name)s asked for it (a lost or new phone) and you "
                        "know it is really them."
                    )
                    % {"name": name},
                    _(
                        "Their authenticator and recovery codes stop working at once. The "
                        "next time they sign in, they set up a new authenticator."
                    ),
                ],
                "action": reverse("web:reset_two_step", args=[member.pk]),
                "hidden": [],
                "button": _("Yes, reset %(name)s's two-step sign-in") % {"name": name},
                "cancel": reverse("web:clinic"),
            },
        )
    two_factor.reset_for(admin=request.user, member=member)
    messages.success(
        request,
        _("%(name)s sets up a new authenticator at their next sign-in.") % {"name": name},
    )
    return redirect("web:clinic")
