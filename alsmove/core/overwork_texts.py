"""What a person reads about overwork: what happened, what we changed, when to call.

The texts of `alsmove.core.overwork`, one per rule (the rule's id is in the comment), kept
apart from the rules so each can be read on its own. Placeholders in braces are filled in
by the rule.
"""

from __future__ import annotations

from alsmove.core.i18n import gettext_noop

# OVERWORK-PAIN-01
PAIN = gettext_noop(
    "You felt pain ({pain} out of 10) during {exercise}. We have taken it out of the "
    "rest of that day's routine and marked it for your therapist; the other exercises "
    "can go on if they feel fine. Call your therapist if the pain stays after you rest "
    "or comes back the next time you do it."
)
# OVERWORK-REPEAT-01
REPEAT = gettext_noop(
    "You have had pain during {exercise} twice within {days} days. We have taken it out "
    "of your routine until your therapist has looked at it. Call your therapist to talk it "
    "over; it comes back only after they have reviewed it."
)
# OVERWORK-WEAKER-01
WEAKER = gettext_noop(
    "You felt weaker, not stronger, after exercising. That can mean the routine was "
    "too much. For the next {days} days it has fewer repetitions, shorter holds and no "
    "strengthening, and your therapist has been told. Call your therapist if the "
    "weakness has not passed by the next day, or sooner if it gets worse."
)
# OVERWORK-WEAKER-01, told at the next-day check-in
WEAKER_NEXT_DAY = gettext_noop(
    "You still felt weaker the day after exercising. That can mean the routine was too "
    "much. For the next {days} days it has fewer repetitions, shorter holds and no "
    "strengthening, and your therapist has been told. Call your therapist if the weakness "
    "has not passed by tomorrow, or sooner if it gets worse."
)
# OVERWORK-SORE-01
SORE = gettext_noop(
    "You were still sore a day after exercising. That can mean the routine was too "
    "much. For the next {days} days it has fewer repetitions, shorter holds and no "
    "strengthening, and your therapist has been told. Call your therapist if the "
    "soreness lasts another day or stops you doing your usual things."
)
# OVERWORK-CRAMP-01
CRAMP = gettext_noop(
    "You had severe cramps. Rest whenever a cramp comes; do not carry on through it. "
    "For the next {days} days the routine has fewer repetitions, shorter holds and no "
    "strengthening, and your therapist has been told. Call your therapist if cramps "
    "keep coming back or do not ease with rest."
)
# OVERWORK-HEAVY-01
HEAVY = gettext_noop(
    "Your arms or legs felt heavy after exercising. That can mean the routine was too "
    "much. For the next {days} days it has fewer repetitions, shorter holds and no "
    "strengthening, and your therapist has been told. Call your therapist if the "
    "heaviness lasts into the next day or keeps coming back."
)
# OVERWORK-BREATH-01
BREATH = gettext_noop(
    "You were still short of breath after the session. For the next {days} days the "
    "routine has fewer repetitions, shorter holds and no strengthening, and your "
    "therapist has been told. Call your therapist or doctor today if your breathing "
    "does not settle with rest; if you are struggling to breathe, call emergency "
    "services."
)
# OVERWORK-FATIGUE-01
FATIGUE = gettext_noop(
    "You rated your tiredness {fatigue} out of 10 after the session. That is more than "
    "exercise should leave you. For the next {days} days the routine has fewer "
    "repetitions, shorter holds and no strengthening, and your therapist has been "
    "told. Call your therapist if you are still this tired the next day or feel like "
    "this after most sessions."
)
# OVERWORK-REASSESS-01
REASSESS = gettext_noop(
    "Signs of doing too much came up on {count} days in the last {days} days. The "
    "routine may no longer fit how you are now, so we have asked your therapist to "
    "reassess it. Please call your therapist to arrange a visit."
)
# OVERWORK-REST-01
REST = gettext_noop(
    "Several strong signs of doing too much came together ({count}). Today is a rest "
    "day: no exercise, only rest and gentle changes of position. Call your therapist "
    "today, and ask them to reassess your routine before you start again."
)
