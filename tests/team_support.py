"""Helpers for the care-team service tests: what the team tables hold, and the audit
entries a call added."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alsmove.accounts.models import AuditEvent
from alsmove.patients.models import CareLink, Invitation, Patient
from alsmove.patients.services import TeamError


def team_tables() -> dict[str, list[Any]]:
    """Every row a care-team service could write: records, links, invitations, audit."""
    return {
        "records": list(Patient.objects.order_by("pk").values()),
        "links": list(CareLink.objects.order_by("pk").values()),
        "invitations": list(Invitation.objects.order_by("pk").values()),
        "audit": list(AuditEvent.objects.order_by("pk").values_list("pk", flat=True)),
    }


def refused(call: Callable[[], object], match: str) -> TeamError:
    """Run a call that must be refused with words matching `match`; nothing may change."""
    before = team_tables()
    with pytest.raises(TeamError, match=match) as raised:
        call()
    assert team_tables() == before
    return raised.value


def last_audit_id() -> int:
    newest = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    return newest or 0


def audit_since(since: int) -> list[tuple[str, int | None, int | None, str]]:
    """(action, actor id, record id, detail) of each audit entry added after `since`."""
    return list(
        AuditEvent.objects.filter(pk__gt=since)
        .order_by("pk")
        .values_list("action", "actor_id", "patient_id", "detail")
    )
