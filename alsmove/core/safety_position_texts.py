"""What a person reads about the position safety rules (issue 8), grouped by rule.

Plain words only: no rule ids, no exercise ids, no anatomy a person would not use.
"""

from __future__ import annotations

from alsmove.core.i18n import gettext_noop

# SAFE-FLAT-01
FLAT_RULE = gettext_noop(
    "No lying flat and no floor work for a person who gets breathless lying flat or uses a "
    "breathing machine; in bed, only with the head raised, the machine on if it is used, "
    "and rests between exercises."
)
FLAT_NOT_ON_MAT = gettext_noop(
    "Lying flat makes your breathing harder, so this is not done on a mat on the floor."
)
FLAT_IN_BED = gettext_noop(
    "This is done lying flat, and lying flat makes your breathing harder, so it is left out."
)
FLAT_NO_POSITION = gettext_noop(
    "This exercise is done lying flat on a mat, and lying flat makes your breathing harder. "
    "It offers no other position that is safe for you."
)
FLAT_HEAD_RAISED = gettext_noop(
    "In bed, keep the head of the bed raised or sit propped on pillows, never flat. Wear "
    "your breathing machine if you use it, and rest for a minute between exercises."
)

# SAFE-TRUNK-01
TRUNK_RULE = gettext_noop(
    "With reduced or poor trunk control, no leaning, twisting, bending to the side or "
    "reaching done alone while sitting or standing, unless the seat gives the support that "
    "movement needs."
)
TRUNK_NOT_HERE = gettext_noop(
    "Leaning, turning or reaching like this while sitting could tip you over, because your "
    "body is not steady enough without support. It is not done this way."
)
TRUNK_NO_POSITION = gettext_noop(
    "This exercise asks you to lean, turn or reach while sitting or standing, and your body "
    "is not steady enough for that without more support. Your therapist can suggest a safe "
    "way."
)

# SAFE-NECK-01
NECK_RULE = gettext_noop(
    "When the neck is weak, no holding the head forward or letting it drop, and neck "
    "movement only with the head supported or moved gently by a helper."
)
NECK_NOT_HERE = gettext_noop(
    "Your neck muscles tire and your head needs support, so this is done only with your "
    "head resting on a pillow or headrest."
)
NECK_NO_POSITION = gettext_noop(
    "This exercise lets your head hang or asks your neck to hold it up, and your neck needs "
    "support. It is left out; a supported or helper-moved neck exercise is used instead."
)

# SAFE-STANDING-02
ONE_LEG_RULE = gettext_noop(
    "Nothing on one leg for a person who stands only with support or has a dropping foot."
)
ONE_LEG_NOT_HERE = gettext_noop(
    "This is done standing on one leg, and you stand safely only with support on both feet."
)
ONE_LEG_NO_POSITION = gettext_noop(
    "This exercise is done standing on one leg, which is not safe for you. It offers no "
    "other position."
)

# SAFE-FALLS-01
FALLS_RULE = gettext_noop(
    "After a fall in the last three months, no exercise standing until the therapist has "
    "cleared standing again."
)
FALLS_NOT_STANDING = gettext_noop(
    "You have fallen in the last three months, so nothing is done standing until your "
    "therapist has checked and cleared it."
)
FALLS_NO_POSITION = gettext_noop(
    "This exercise is done standing, and after your recent fall standing waits until your "
    "therapist has cleared it. It offers no other position."
)

# SAFE-FOOT-01
FOOT_RULE = gettext_noop("With a dropping foot, walking work only with the ankle-foot brace on.")
FOOT_NOT_STANDING = gettext_noop(
    "The muscles that lift your foot are weak and you do not wear a brace for it, so "
    "walking or marching on your feet could trip you."
)
FOOT_NO_POSITION = gettext_noop(
    "This is walking or marching on your feet. The muscles that lift your foot are weak "
    "and you do not wear a brace for it, so it is left out. Ask your therapist about a "
    "brace."
)
FOOT_NOTE = gettext_noop("Wear your ankle-foot brace and shoes for this.")

# SAFE-ARM-01
ARM_RULE = gettext_noop(
    "An arm that hangs is never left hanging: shoulder work only with the arm supported or "
    "moved by a helper, on the side that hangs."
)
ARM_LEFT_OUT = gettext_noop(
    "Your arm hangs when it is not supported, and this exercise would leave it hanging or "
    "pull on the shoulder. It is left out. Rest the arm on a pillow, tray or armrest."
)
ARM_NOTE = gettext_noop(
    "Keep the weak arm resting on a pillow, tray or armrest the whole time. Nobody pulls on it."
)

# SAFE-GRIP-01
GRIP_RULE = gettext_noop("No exercise that needs a firm grip when the grip is weak.")
GRIP_LEFT_OUT = gettext_noop(
    "This exercise needs you to hold a band, towel or support firmly, and your grip is weak."
)

# SAFE-GRADE-01
GRADE_RULE = gettext_noop(
    "Who moves follows the muscle grade: 3 out of 5 or more, the person; 2, with help; "
    "1 or 0, moved gently by a helper."
)
GRADE_TOO_WEAK_ALONE = gettext_noop(
    "These muscles are too weak to do this movement on your own ({groups}). A version "
    "where your helper supports or moves the limb is used instead when a helper is there."
)
GRADE_TOO_WEAK_ASSISTED = gettext_noop(
    "These muscles are too weak to take part in this movement ({groups}). Your helper "
    "moves the limb for you instead, gently, when a helper is there."
)

# SAFE-SWITCH-01
SWITCH_RULE = gettext_noop(
    "Some exercises are offered only when they fit: putting on a brace only for a person "
    "who wears one; breath stacking and assisted cough only once the therapist has taught "
    "them and turned them on."
)
SWITCH_AFO = gettext_noop("Only for people who wear an ankle-foot brace.")
SWITCH_TILT = gettext_noop("Only for a wheelchair that tilts back.")
SWITCH_THERAPIST = gettext_noop(
    "Your therapist teaches this first and then turns it on in your profile."
)

# SAFE-PAIN-02 and SAFE-ARM-01 on one side
ONE_SIDE = gettext_noop(
    "Done on your {side} side only. The other side stays out until your therapist has "
    "checked it; rest it on a pillow in a comfortable position."
)
SIDE_WORDS = {"left": gettext_noop("left"), "right": gettext_noop("right")}
PAIN_SIDE_RULE = gettext_noop(
    "A painful joint, or a hanging arm, on one side takes out that side only; the other "
    "side keeps its movement."
)

# Notes: cramps and spasticity (SAFE-TONE-01)
TONE_RULE = gettext_noop(
    "With cramps or stiff, tight muscles, stretches are slow and steady, never quick, and "
    "stop when a cramp starts."
)
CRAMP_NOTE = gettext_noop(
    "If a cramp starts, stop, breathe, and gently stretch the cramping muscle until it eases."
)
SPASTIC_NOTE = gettext_noop(
    "Move slowly and steadily: quick movements make stiff muscles tighten. Hold still if a "
    "limb starts to jump, and wait until it settles."
)

# Muscle groups in words a person uses (never "dorsiflexors").
GROUP_WORDS = {
    "neck": gettext_noop("the neck muscles"),
    "shoulder": gettext_noop("the shoulder muscles"),
    "elbow_flexors": gettext_noop("the muscles that bend the elbow"),
    "elbow_extensors": gettext_noop("the muscles that straighten the elbow"),
    "wrist_hand": gettext_noop("the wrist and hand muscles"),
    "trunk": gettext_noop("the trunk muscles"),
    "hip_flexors": gettext_noop("the muscles that lift the thigh"),
    "hip_extensors": gettext_noop("the buttock muscles"),
    "hip_abductors": gettext_noop("the muscles that move the leg out to the side"),
    "knee_extensors": gettext_noop("the muscles that straighten the knee"),
    "knee_flexors": gettext_noop("the muscles that bend the knee"),
    "ankle_dorsiflexors": gettext_noop("the muscles that lift your foot"),
    "ankle_plantarflexors": gettext_noop("the calf muscles"),
}
