"""What the therapist reads when a person chose to tell them they have been feeling low
(FEELING-SHARED-01). Written for the therapist: what was said, that it was the person's
choice, and what is not known."""

from __future__ import annotations

from alsmove.core.i18n import gettext_noop

# FEELING-SHARED-01: the alert's message. The answer itself is all the product knows.
SHARED = gettext_noop(
    "Answered “Low” to the optional question “How have you been feeling?” and chose to let "
    "you know. Nothing more was asked. A call or a word at the next visit may help; the "
    "emotional-support resources list what can be offered."
)
# FEELING-SHARED-01: the alert's title in the inbox.
SHARED_TITLE = gettext_noop("Feeling low, and asked that you know")
