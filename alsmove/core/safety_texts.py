"""What a person reads about the safety rules, grouped by rule.

The texts of `alsmove.core.safety`, kept apart from the rules so the rules can be read as
logic. For each rule: its statement (`*_RULE`, the rule in plain words), why an exercise
or a position is left out, and the notes given when an exercise is offered. Placeholders
in braces are filled in by the rule.
"""

from __future__ import annotations

from alsmove.core.i18n import gettext_noop

# SAFE-RESIST-01
RESIST_RULE = gettext_noop("Never heavy resistance and never lowering a load slowly against it.")
RESIST_LEFT_OUT = gettext_noop(
    "Heavy resistance, or slowly lowering a load, can strain muscles "
    "weakened by ALS, so this exercise is never part of a routine."
)

# SAFE-CAREGIVER-01
CAREGIVER_RULE = gettext_noop("An exercise that needs a helper is offered only when one is there.")
CAREGIVER_LEFT_OUT = gettext_noop(
    "This exercise needs a helper, and your profile says no helper is "
    "available. Do not try it alone."
)

# SAFE-BREATH-01
BREATH_RULE = gettext_noop("No aerobic exercise for a person who is short of breath at rest.")
BREATH_LEFT_OUT = gettext_noop(
    "You are short of breath even at rest, so exercise that makes you "
    "breathe harder is left out. Tell your therapist if your breathing "
    "has changed."
)
BREATH_TALK_TEST = gettext_noop(
    "Keep a pace at which you can still talk comfortably. Slow down if you cannot, and "
    "stop and call your therapist if you stay short of breath."
)

# SAFE-STRENGTH-01
STRENGTH_RULE = gettext_noop(
    "No strengthening of a muscle that cannot move against gravity (graded below 3 out of 5)."
)
STRENGTH_TOO_WEAK = gettext_noop(
    "Strengthening is left out because these muscles are graded below 3 out "
    "of 5 (they cannot move fully against gravity): {groups}. Working them "
    "against resistance can tire them further."
)
STRENGTH_MUSCLES_UNNAMED = gettext_noop(
    "Strengthening is left out because this exercise does not say which "
    "muscles it works, and some of your muscles are graded below 3 out of 5."
)
STRENGTH_NOTE_UNNAMED = gettext_noop(
    "This exercise does not say which muscles it works, so your therapist has not "
    "graded them for it. Keep it light, stop if you feel weaker afterwards, and "
    "ask your therapist about it."
)
STRENGTH_NOTE_UNGRADED = gettext_noop(
    "Your therapist has not graded the strength of these muscles yet: {groups}. "
    "Keep it light, stop if you feel weaker afterwards, and ask your therapist "
    "to check them."
)
STRENGTH_NOTE_GRADED = gettext_noop(
    "Strengthening is offered because the muscles it works are graded 3 out of 5 "
    "or more. Keep it light, and stop and tell your therapist if you feel weaker "
    "rather than stronger afterwards."
)

# SAFE-PAIN-01
PAIN_RULE = gettext_noop(
    "No exercise that moves a painful joint unless the therapist has cleared it."
)
PAIN_LEFT_OUT = gettext_noop(
    "This exercise moves a joint you have marked as painful ({joints}). It "
    "stays out until your therapist has checked that joint and cleared it."
)
PAIN_CLEARED = gettext_noop(
    "Your therapist has cleared this for your painful joint ({joints}). Move only as "
    "far as it does not hurt, and stop and call your therapist if the pain gets worse."
)

# SAFE-SUBLUX-01
SUBLUX_RULE = gettext_noop(
    "With a partly dislocated shoulder, only helper-moved shoulder exercises "
    "within a range that does not hurt, and no shoulder strengthening."
)
SUBLUX_LEFT_OUT = gettext_noop(
    "Your shoulder has slipped partly out of its socket, so shoulder "
    "exercises you do on your own, and shoulder strengthening, are left out. "
    "A helper can move the arm gently within a range that does not hurt. "
    "This is a cautious rule of thumb; your therapist can say more."
)
SUBLUX_NOTE = gettext_noop(
    "Because your shoulder has slipped partly out of its socket, the helper supports "
    "the whole arm and keeps it below shoulder height unless your therapist has said "
    "otherwise. Stop at any pain."
)

# SAFE-STANDING-01
STANDING_RULE = gettext_noop(
    "Nothing standing when standing is unsafe; with support, standing only for "
    "exercises that hold on to a chair or a wall."
)
STANDING_UNSAFE = gettext_noop("Standing is not safe for you at the moment.")
STANDING_NO_SUPPORT = gettext_noop(
    "You stand only with support, and this exercise does not use a chair or a "
    "wall to hold on to, so it is not done standing."
)
STANDING_NO_POSITION = gettext_noop(
    "This exercise is done standing, and standing is not safe for you at the moment. "
    "It offers no other position that is safe for you."
)
STANDING_NO_SUPPORTED_POSITION = gettext_noop(
    "This exercise is done standing without a chair or a wall to hold, and you stand safely "
    "only with support. It offers no other position that is safe for you."
)

# SAFE-WALK-01
WALK_RULE = gettext_noop("No walking or marching on the spot for a person who cannot walk.")
WALK_NOT_STANDING = gettext_noop(
    "Your profile says you cannot walk, so exercise on your feet such as walking "
    "or marching is not done standing."
)
WALK_NO_POSITION = gettext_noop(
    "This exercise is walking or marching on your feet, and your profile says you cannot "
    "walk. It offers no other position that is safe for you."
)

# SAFE-FLOOR-01
FLOOR_RULE = gettext_noop("No mat work for a person who cannot get down to the floor and up.")
FLOOR_NOT_ON_MAT = gettext_noop(
    "Getting down to a mat on the floor and back up is not safe for you, so "
    "this is not done on a mat."
)
FLOOR_NO_POSITION = gettext_noop(
    "This exercise is done on a mat on the floor, and getting down and back up is not "
    "safe for you. It offers no other position that is safe for you."
)

# SAFE-BED-01
BED_RULE = gettext_noop("No exercise lying in bed for a person who cannot lie down safely.")
BED_NOT_IN_BED = gettext_noop("Lying down is not safe for you, so this is not done lying in bed.")
BED_NO_POSITION = gettext_noop(
    "This exercise is done lying in bed, and lying down is not safe for you. It offers "
    "no other position that is safe for you."
)

# SAFE-SITTING-01
SITTING_RULE = gettext_noop(
    "With poor sitting balance, only exercises in a wheelchair or in bed, or "
    "seated with a helper giving support."
)
SITTING_NOT_HERE = gettext_noop(
    "Your sitting balance is poor, so this is done only in a wheelchair, in bed, or "
    "sitting with a helper holding you steady."
)
SITTING_NO_POSITION = gettext_noop(
    "Your sitting balance is poor, and this exercise is not done in a wheelchair, in "
    "bed, or with a helper holding you steady."
)

# SAFE-EMPTY-01
EMPTY_RULE = gettext_noop(
    "When nothing is safe, the routine is empty and says to contact the therapist."
)
EMPTY = gettext_noop(
    "Nothing in the exercise library is safe and suited to you today, so there is no "
    "routine. Please do not try exercises on your own: contact your therapist, who can "
    "check your profile and choose safe exercises with you. Each exercise left out is "
    "listed with the reason."
)
EMPTY_NO_HELPER = gettext_noop(
    "At this stage the stretches are done with a helper, and your profile says no helper "
    "is available, so there is no routine today. Please do not try them alone: contact "
    "your therapist to arrange a helper and to show them safe ways to move you."
)
