"""What a person reads about their routine: why each exercise is in it or left out.

The texts of `alsmove.core.routine`, grouped by the rule that gives them (its id is in the
comment), kept apart from the engine so the engine can be read as logic. Placeholders in
braces are filled in by the engine.
"""

from __future__ import annotations

from alsmove.core.i18n import gettext_noop
from alsmove.core.library import Performer, Stage

# --- left out before any choice is made ---------------------------------------------------

# ROUTINE-STAGE-01
OTHER_STAGE: dict[Stage, str] = {
    Stage.EARLY: gettext_noop("Meant for a later stage, not for the early stage."),
    Stage.MID: gettext_noop("Meant for another stage, not for the middle stage."),
    Stage.ADVANCED: gettext_noop("Meant for an earlier stage, not for the advanced stage."),
}
# ROUTINE-REVIEW-01
REMOVED_PENDING_REVIEW = gettext_noop(
    "Taken out after a problem noted in your log, until your therapist has reviewed it."
)
# ROUTINE-SKIP-01
SKIPPED_TODAY = gettext_noop(
    "Skipped today because it hurt today. If the pain does not settle, call your therapist."
)
# ROUTINE-EASE-02
STRENGTHENING_PAUSED = gettext_noop(
    "Strengthening is paused after signs of overwork in your log, until your "
    "therapist has reviewed it."
)

# --- why an exercise is in the routine ----------------------------------------------------

# ROUTINE-STAGE-01
STAGE_FIT: dict[Stage, str] = {
    Stage.EARLY: gettext_noop(
        "Suits the early stage, when stretching, moving the joints fully and gentle exercise "
        "standing, sitting or on a mat help keep you moving and comfortable."
    ),
    Stage.MID: gettext_noop(
        "Suits the middle stage, when exercises sitting or lying keep the joints moving and "
        "help stop muscles from becoming stiff and short."
    ),
    Stage.ADVANCED: gettext_noop(
        "Suits the advanced stage, when gentle stretching, often done by a helper, eases "
        "stiffness, keeps you comfortable and helps circulation."
    ),
}

# ROUTINE-ORDER-01
WARM_UP = gettext_noop("Comes first, to warm up the muscles before stretching.")
BREATHING = gettext_noop(
    "Slow, deep breathing near the end keeps the chest moving and helps you relax."
)
COOL_DOWN = gettext_noop("Comes last, to slow down and end the session calmly.")
# ROUTINE-REGION-01
FOCUS = gettext_noop(
    "Part of today's focus area. The routines take turns through the body areas, so "
    "every area gets its time over the week."
)
# ROUTINE-TIME-01
TIME_LEFT = gettext_noop("Added because there is time for it within your {minutes} minutes.")

# ROUTINE-PERFORMER-01
PERFORMER: dict[Performer, str] = {
    Performer.SELF: gettext_noop("You do this on your own, at your own pace."),
    Performer.ASSISTED: gettext_noop("You make the movement and your helper supports part of it."),
    Performer.CAREGIVER: gettext_noop(
        "Your helper moves the limb slowly while you relax. The helper never moves it past "
        "the point where it resists or hurts, and never bounces it."
    ),
}

# ROUTINE-POSITION-01
STANDING_WITH_SUPPORT = gettext_noop(
    "Done standing while holding a steady chair back or a wall, because you "
    "stand safely only with support."
)
STANDING = gettext_noop("Done standing: your profile says you can stand safely on your own.")
SEATED_HELPER_HOLDS = gettext_noop(
    "Done sitting, with your helper holding you steady, because your sitting balance is poor."
)
SEATED_WITH_SUPPORT = gettext_noop(
    "Done sitting in a chair with a back and armrests, because you need support to sit steadily."
)
SEATED = gettext_noop("Done sitting in a steady chair with both feet on the floor.")
LYING = gettext_noop(
    "Done lying on a mat: your profile says you can get down to the floor and back up safely."
)
IN_WHEELCHAIR = gettext_noop(
    "Done sitting in your wheelchair with the brakes on, which supports your trunk."
)
IN_BED = gettext_noop("Done lying in bed, where you are supported and comfortable.")

# ROUTINE-SIDES-01
BOTH_SIDES = gettext_noop("Done on the left side, then the right.")
# ROUTINE-HOLD-01
HOLD = gettext_noop(
    "Hold for {min} to {max} seconds and keep breathing slowly. Never bounce or force "
    "it; ease off and stop if it hurts."
)
# ROUTINE-EASE-01
FEWER_REPS = gettext_noop(
    "Made lighter after signs of overwork in your log: {reps} repetitions instead of {planned}."
)
SHORTER_HOLDS = gettext_noop(
    "Holds shortened after signs of overwork in your log: {min} to {max} seconds "
    "instead of {planned_min} to {planned_max}."
)

# --- the routine's message ----------------------------------------------------------------

# ROUTINE-HELPER-01
HELPER = gettext_noop(
    "At this stage most stretches are done by a helper, and your profile says no helper is "
    "available. Today's routine holds only what you can do safely on your own. Please ask "
    "your therapist to help arrange a helper and to show them how."
)
# ROUTINE-EASE-01
EASED = gettext_noop(
    "This routine is lighter than usual because your log showed signs of doing too much. "
    "Stop and call your therapist if you feel weaker after exercising, have strong cramps, "
    "or stay short of breath."
)
# ROUTINE-HELPER-01 and ROUTINE-EASE-01 together
HELPER_EASED = gettext_noop(
    "At this stage most stretches are done by a helper, and no helper is available, so "
    "today's routine holds only what you can do safely on your own. It is also lighter than "
    "usual because your log showed signs of doing too much. Please call your therapist to "
    "arrange a helper, and stop and call them if you feel weaker, have strong cramps, or "
    "stay short of breath."
)
# ROUTINE-TIME-01
NO_TIME = gettext_noop(
    "None of the safe exercises fits in the {minutes} minutes set for today; the shortest "
    "takes about {shortest} minutes. Set more time, or ask your therapist for a shorter "
    "routine."
)
NOT_CHOSEN = gettext_noop(
    "Left out today to stay within your {minutes} minutes; the body areas take turns over the week."
)

# --- the week, the flow and the review (issue 8) ------------------------------------------

# ROUTINE-FIRST-01
BEFORE_REVIEW = gettext_noop(
    "Your therapist has not reviewed your routine yet, so for now it holds only gentle "
    "stretching, moving the joints and breathing: no strengthening, no aerobic work and "
    "nothing standing. More comes once your therapist has checked it."
)
BEFORE_REVIEW_LEFT_OUT = gettext_noop(
    "Waits until your therapist has reviewed your routine: until then only gentle "
    "stretching, moving the joints and breathing."
)
# ROUTINE-STAGE-02
KEPT_STRONG = gettext_noop(
    "Kept because the muscles it uses are still strong (3 out of 5 or more), even though "
    "other parts of the body need a gentler routine."
)
# ROUTINE-DOSE-01
DAILY_LENGTH = gettext_noop(
    "Done every day: these muscles shorten and stiffen easily, and daily stretching or "
    "moving keeps them long."
)
# ROUTINE-DOSE-02
STRENGTH_DAY = gettext_noop(
    "Strengthening day: one set, stopping while you could still do a few more. Muscles "
    "rest a day in between."
)
NOT_STRENGTH_DAY = gettext_noop(
    "Strengthening is done two or three days a week with a rest day between, and today is "
    "a rest day for it."
)
# ROUTINE-DOSE-03
AEROBIC_DAY = gettext_noop(
    "One short bout of gentle aerobic work, three days a week. Go at a pace at which you "
    "can still talk."
)
NOT_AEROBIC_DAY = gettext_noop(
    "Aerobic work is done three days a week, and today is not one of them."
)
SHORTER_BOUT = gettext_noop(
    "Made shorter after signs of overwork in your log: {minutes} minutes instead of {planned}."
)
# ROUTINE-POSITION-01 with SAFE-FLAT-01
IN_BED_HEAD_RAISED = gettext_noop(
    "Done in bed with the head of the bed raised or propped on pillows, never flat, "
    "because lying flat makes your breathing harder."
)
HEAD_RAISED_NOTE = gettext_noop(
    "Keep your head raised. Wear your breathing machine if you use it, and rest for a "
    "minute after each exercise."
)
# ROUTINE-FLOW-01
FLOW_DROPPED = gettext_noop(
    "Left out today so that you are not moved to another position for just one exercise."
)
NOT_A_GENTLE_END = gettext_noop(
    "Not planned: it can only start or end a session, and the start and the end of a "
    "session are kept gentle, with no strengthening or aerobic work."
)
# ROUTINE-FLOW-02
NO_TRANSFER = gettext_noop(
    "Not done today: it would mean moving you to another seat or bed, and nobody is there "
    "to help you move."
)
# ROUTINE-FLOW-03
TWO_SITTINGS = gettext_noop(
    "Today's exercises are in two sittings. Rest for at least an hour between them, and "
    "stop before you feel tired."
)
# ROUTINE-PASSIVE-01 (for the therapist)
PASSIVE_MISSING = gettext_noop(
    "Passive range of motion is missing today: these muscles are graded 1 or 0 out of 5 "
    "and no helper is there to move them ({groups})."
)

# ROUTINE-REST-01
REST_DAY = gettext_noop(
    "Today is a rest day: your log showed several strong signs of doing too much. Do no "
    "exercise today; rest and change position gently. Call your therapist today."
)
REST_DAY_LEFT_OUT = gettext_noop("Not today: today is a rest day.")

# ROUTINE-DOSE-05
SWITCHED_ON = gettext_noop(
    "Part of every day, because your profile says it fits you (your therapist turns on "
    "the breathing techniques after teaching them)."
)

# ROUTINE-PASSIVE-01
PASSIVE_DAILY = gettext_noop(
    "Your helper moves these joints for you every day: the muscles are too weak to move "
    "them, and gentle moving keeps the joints from stiffening."
)

# ROUTINE-DOSE-04 (with SAFE-FLAT-01)
BREATH_REST = gettext_noop(
    "Breathing comes first today: rest for a minute between exercises, keep your head "
    "raised, and wear your breathing machine during exercise if you use one. Stop and "
    "call your therapist if you stay short of breath."
)
