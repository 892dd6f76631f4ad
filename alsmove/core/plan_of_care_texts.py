"""Sentences of the plan-of-care rules (alsmove/core/plan_of_care.py), marked for
translation. Each is a suggestion the therapist accepts, edits or deletes: it names what
the records show and leaves the judgement to the therapist."""

from __future__ import annotations

from alsmove.core.i18n import gettext_noop

SKILLED_OPENING = gettext_noop(
    "In my assessment, a therapist's skill is needed to design this maintenance "
    "programme and to carry it out safely, because:"
)
SKILLED_PROGRESSIVE = gettext_noop(
    "ALS (ICD-10-CM G12.21) is a progressive disease; the programme aims to keep function "
    "and comfort for as long as possible, not to restore what was lost."
)
SKILLED_DECLINE = gettext_noop(
    "the ALSFRS-R total recorded here changed from {first} to {last} between {first_day} "
    "and {last_day}, so the exercises and positions have to be judged again as strength "
    "changes."
)
SKILLED_REVISED = gettext_noop(
    "the routine was revised {count} times in this period as the person's function changed."
)
SKILLED_EVENTS = gettext_noop(
    "{count} possible signs of overwork were logged in this period and needed a therapist's review."
)
SKILLED_HELPER = gettext_noop(
    "a helper moves the person's limbs in {count} of the exercises; the hand placement and "
    "the limits have to be taught and checked by a therapist."
)
SKILLED_PAIN = gettext_noop(
    "the functional profile records {count} painful joints; the range and the positions "
    "need a therapist's judgement."
)
# Shown beside the suggestion in the therapist's form, never in the document.
JIMMO_NOTE = gettext_noop(
    "Coverage of maintenance therapy turns on the need for a therapist's skill, not on "
    "improvement (Jimmo v. Sebelius settlement). This wording is only a start built from "
    "the records: keep what your own assessment supports, change or delete the rest."
)
DECLINE_SUGGESTION = gettext_noop(
    "In my assessment, without the programme joint stiffness, shortened muscles, pain and "
    "the loss of transfers and positions still possible today would likely come sooner. "
    "The programme keeps function and comfort; it does not slow ALS itself."
)
