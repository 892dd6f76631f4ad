"""The log's flags on the routine page: `{% log_flags patient %}`.

The routine page is the routines app's, and the routines app sits below the logbook (the
logbook reads the routine in use), so its view cannot ask the logbook's overwork rules.
The flags and their words are the logbook's; the routine page includes them here, for
the therapist who may change the plan (the template asks `can_review` first).
"""

from __future__ import annotations

from typing import Any

from django import template

from alsmove.logbook.flags import flags_to_review
from alsmove.patients.models import Patient

register = template.Library()


@register.inclusion_tag("logbook/_log_flags.html", takes_context=True)
def log_flags(context: template.Context, patient: Patient) -> dict[str, Any]:
    return {
        "patient": patient,
        "flags": flags_to_review(patient),
        "show_rule_ids": context.get("show_rule_ids", False),
    }
