"""The support desk: Django's admin, for support staff, read-only on people's data.

Mounted at settings.ALSMOVE_SUPPORT_URL (not /admin/; README says where). Only active
accounts with `is_staff` get in, after the same two-step sign-in as all staff (the second
step middleware asks any `is_staff` account for it). Nothing can be added, changed or
removed here: support staff look, and fix things through the management commands. Every
page that shows a person's data is recorded in the audit trail through the same path as
the product's own pages (accounts.audit.record_read), as "support".
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alsmove.accounts.audit import record_read
from alsmove.accounts.models import AuditEvent, Organisation, User
from alsmove.accounts.two_factor import is_verified, requires_second_step
from alsmove.patients.models import CareLink, Patient

SUPPORT = "support"


class SupportDesk(admin.AdminSite):
    site_header = _("ALS Move support desk")
    site_title = _("ALS Move support desk")
    index_title = _("Look up accounts and records (read-only)")
    site_url = "/"
    final_catch_all_view = False  # an unknown desk address is a plain 404

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return not requires_second_step(user) or is_verified(user)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        wrapped = super().admin_view(view, cacheable)

        def refuse_others(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return self._to_sign_in(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return wrapped(request, *args, **kwargs)  # type: ignore[no-any-return]

        return refuse_others

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        # One sign-in page for everyone (with its throttling and second step); a signed-in
        # account that is not support staff is refused, not sent round in a loop.
        if request.user.is_authenticated:
            raise PermissionDenied
        return self._to_sign_in(reverse("support:index"))

    @staticmethod
    def _to_sign_in(next_url: str) -> HttpResponse:
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


desk = SupportDesk(name="support")


def _person_of(obj: Model) -> Patient | None:
    """The record whose data this row is (None for rows about no one in particular)."""
    if isinstance(obj, Patient):
        return obj
    if isinstance(obj, CareLink):
        return obj.patient
    if isinstance(obj, User):
        return Patient.objects.filter(user=obj).first()
    if isinstance(obj, AuditEvent) and obj.patient_id:
        return Patient.objects.filter(pk=obj.patient_id).first()
    return None


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    """Look, never touch; and every look at people's data is in the trail."""

    actions = None

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _kind(self) -> str:
        return f"{SUPPORT}:{self.model._meta.label_lower}"

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if response.status_code == 200:
            record_read(request.user, None, SUPPORT, kind=f"{self._kind()}:list")
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            obj = self.get_object(request, object_id)
            if obj is not None:
                record_read(request.user, _person_of(obj), SUPPORT, kind=self._kind())
        return response


@admin.register(Organisation, site=desk)
class OrganisationDesk(ReadOnly):
    list_display = ("name", "created_at")


@admin.register(User, site=desk)
class UserDesk(ReadOnly):
    list_display = ("email", "full_name", "role", "organisation", "is_active", "is_staff")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email", "full_name")
    exclude = ("password", "user_permissions", "groups")


@admin.register(Patient, site=desk)
class PatientDesk(ReadOnly):
    list_display = ("display_name", "organisation", "created_at")
    search_fields = ("display_name",)


@admin.register(CareLink, site=desk)
class CareLinkDesk(ReadOnly):
    list_display = ("patient", "member", "relation", "permission", "revoked_at")


@admin.register(AuditEvent, site=desk)
class AuditEventDesk(ReadOnly):
    list_display = ("at", "actor_label", "relation", "action", "kind", "address")
    list_filter = ("action",)
