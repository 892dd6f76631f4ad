from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest


def preferences(request: HttpRequest) -> dict[str, object]:
    """Classes on <html> that apply the person's saved display preferences."""
    # An error page for a request refused before authentication (an unknown Host) has
    # no user yet: it renders as for a visitor.
    user = getattr(request, "user", None) or AnonymousUser()
    classes = []
    if user.is_authenticated:
        classes.append(f"text-{user.text_size}")
        if user.high_contrast:
            classes.append("contrast-high")
        if user.large_targets:
            classes.append("targets-large")
    return {
        "preference_classes": " ".join(classes),
        # Rule ids are for clinicians; a person or a caregiver reads the words only.
        "show_rule_ids": bool(getattr(user, "is_therapist", False)),
        "speech_enabled": getattr(user, "speech_enabled", True),
    }
