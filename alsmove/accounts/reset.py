"""Password-reset requests, throttled per address and per account.

At most RESET_PER_ADDRESS requests an hour from one address (then a page asks to wait;
it reads the same for any email address typed), and at most RESET_EMAILS_PER_ACCOUNT
emails an hour to one account (further requests get the usual "check your email" page
and send nothing). Whether an address has an account is never told.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib.auth.views import PasswordResetView
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone

from alsmove.accounts.models import ResetRequest, User

RESET_PER_ADDRESS = 10
RESET_EMAILS_PER_ACCOUNT = 3
RESET_WINDOW = timedelta(hours=1)


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form: Any) -> HttpResponse:
        now = timezone.now()
        since = now - RESET_WINDOW
        address = get_client_ip_address(self.request)
        email = str(form.cleaned_data["email"]).strip().lower()
        with transaction.atomic():
            ResetRequest.objects.filter(at__lt=now - 2 * RESET_WINDOW).delete()
            if ResetRequest.objects.filter(address=address, at__gte=since).count() >= (
                RESET_PER_ADDRESS
            ):
                return render(self.request, "accounts/password_reset_wait.html", status=429)
            # Locked so that two requests at once cannot both take the last email.
            user = User.objects.select_for_update().filter(email=email).first()
            sent = (
                ResetRequest.objects.filter(user=user, sent=True, at__gte=since).count()
                if user is not None
                else RESET_EMAILS_PER_ACCOUNT
            )
            send = user is not None and sent < RESET_EMAILS_PER_ACCOUNT
            ResetRequest.objects.create(address=address, user=user, sent=send, at=now)
        if send:
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
