"""The planner's profile reasons in plain words (EQUIP-PROFILE-01): one sentence for each
answer a catalogue sign can read, instead of a field name and a raw value."""

from __future__ import annotations

from alsmove.core.i18n import gettext_noop

PROFILE_SIGN_TEXTS: dict[tuple[str, str], str] = {
    ("walking", "with_aid"): gettext_noop("The profile says walking needs an aid."),
    ("walking", "unable"): gettext_noop("The profile says walking is no longer possible."),
    ("standing", "with_support"): gettext_noop("The profile says standing needs support."),
    ("standing", "unsafe"): gettext_noop("The profile says standing is not safe."),
    ("sitting_balance", "needs_support"): gettext_noop(
        "The profile says sitting upright needs support."
    ),
    ("sitting_balance", "poor"): gettext_noop(
        "The profile says sitting balance is poor, even with support."
    ),
    ("head_control", "tires"): gettext_noop(
        "The profile says the head gets heavy and needs resting at times."
    ),
    ("head_control", "needs_support"): gettext_noop(
        "The profile says the head drops unless it is supported."
    ),
    ("trunk_control", "reduced"): gettext_noop(
        "The profile says leaning or turning while sitting is unsteady."
    ),
    ("trunk_control", "poor"): gettext_noop(
        "The profile says the body slumps or tips sideways without support."
    ),
    ("grip", "weak"): gettext_noop("The profile says the grip is weak."),
    ("grip", "none"): gettext_noop("The profile says the hands can no longer grip."),
    ("foot_drop", "yes"): gettext_noop("The profile says the front of a foot drops when walking."),
    ("arm_hangs", "yes"): gettext_noop("The profile says an arm hangs unless it is supported."),
    ("falls", "yes"): gettext_noop("The profile says there were falls in the last three months."),
    ("base", "chair"): gettext_noop("The profile says the day is spent mostly in a chair."),
    ("base", "wheelchair"): gettext_noop(
        "The profile says the day is spent mostly in a wheelchair."
    ),
    ("base", "bed"): gettext_noop("The profile says the day is spent mostly in bed."),
}
