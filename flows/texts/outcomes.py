"""Where the pain reaches, and the outcome questions (PROTOCOL.md section 5).

Item wording of the validated measures is ours, kept to each measure's
meaning, recall period and anchors; ``docs/clinical-decisions.md`` lists it
against the original and says how each score is used.
"""

SKIP = "Skip"

# --- where the pain reaches (daily) -----------------------------------------------------

REACH = "And how far down does the pain go right now?"
REACH_LABELS = {
    "back_only": "Back only",
    "buttock": "Buttock",
    "thigh": "Thigh",
    "below_knee": "Below the knee",
    "foot": "Into the foot",
}
#: The same places in running text ("it reaches {}").
REACH_WORDS = {
    "back_only": "back only",
    "buttock": "the buttock",
    "thigh": "the thigh",
    "below_knee": "below the knee",
    "foot": "into the foot",
}
REACH_HINT = "Tap where the pain reaches now, or tell me in a word or two (for example calf)."
SPREADING = (
    "For your last {days} check-ins the pain has reached further down your leg than when you "
    "started ({first} then, {now} now). I've noted it, and it counts at your six-week review. "
    "If it keeps spreading, or numbness or weakness in the leg gets worse, please see your "
    "doctor."
)

# --- during the press-ups or knee hugs -------------------------------------------------

MOVEMENT_QUESTION = (
    "When you've finished, tell me with the Done button what the pain in your leg did: "
    "move up toward your back, stay where it was, or spread further down your leg? "
    "(Plain Done if you're not sure.)"
)
DONE_UP = "Done, it moved up"
DONE_SAME = "Done, no change"
DONE_DOWN = "Done, spread down"
CENTRALISING = (
    "That's a good sign: leg pain drawing back up toward the spine (centralising) means "
    "this exercise suits you. Your back may ache a little more while it does; that's fine."
)
SPREAD_DOWN = (
    "Stop the {exercise} for today: pain spreading further down the leg means they don't "
    "suit your back today. Carry on with the rest of the routine, gently."
)
SPREAD_DOWN_AGAIN = (
    "That's the second session running that the pain spread down your leg with the "
    "{exercise}. Please see a physiotherapist or your doctor, so they can check which "
    "movements suit your back. Until then, stop the {exercise} whenever the pain spreads down."
)
PRIMARY_STOPPED = (
    "No {exercise} today: the pain spread down your leg with them earlier. The rest of the "
    "routine as usual."
)
PRIMARY_NAMES = {"pressup_extension": "press-ups", "knee_hugs": "knee hugs"}

# --- what the person wants to get back to (PSFS), at set-up ----------------------------

ACTIVITY_FIRST = (
    "One last question, and you can skip it: which everyday activities does your leg pain "
    "make hard? Tell me one you'd like to do well again, in a few words: for example "
    "walking the dog, sitting through a meeting, or picking up a child. I'll ask how it's "
    "going once a week."
)
ACTIVITY_ANOTHER = "Thanks. Is there another one? Type it, or tap That's all."
ACTIVITY_SKIP = "Skip"
ACTIVITY_ENOUGH = "That's all"
ACTIVITY_HINT = (
    "Please tell me the activity in a few words (for example walking the dog), or tap the "
    "button if there isn't one."
)
ACTIVITY_TOO_LONG = (
    "Please put it in a few words, up to 80 letters (for example sitting through a meeting)."
)
PSFS = (
    "How well can you manage {activity} now, from 0 (I can't do it at all) to 10 "
    "(as well as before the pain)?"
)
SCORE_HINT = "Please send a number from 0 to 10, or tap Skip."
SCORE_AMBIGUOUS = "I saw more than one number there. Which one number from 0 to 10 fits best?"

# --- the weekly questions and the review's ----------------------------------------------

WEEKLY_INTRO = (
    "It's been a week, so a few quick questions about the past week ({count} at most; skip "
    "any you like)."
)
FIRST_WEEK_INTRO = (
    "To see how things change over the weeks, a few quick questions about the past week "
    "({count} at most; skip any you like). I'll ask them again once a week."
)
REVIEW_INTRO = (
    "Six-week review. First, {count} quick question{s} about how things have changed (skip "
    "any you like)."
)
PEG_PAIN = (
    "Over the past week, how bad has your pain been on average, from 0 (no pain) to 10 "
    "(as bad as you can imagine)?"
)
PEG_ENJOYMENT = (
    "Over the past week, how much has pain got in the way of enjoying life, from 0 (not at "
    "all) to 10 (completely)?"
)
PEG_ACTIVITY = (
    "Over the past week, how much has pain got in the way of your general activity, from 0 "
    "(not at all) to 10 (completely)?"
)
BACK_PAIN = (
    "And your back pain, not the leg: over the past week, how bad has it been on average, "
    "from 0 (none) to 10 (as bad as you can imagine)?"
)
SKIP_REST = "Not now"
GLOBAL_CHANGE = (
    "Since you started the programme, how would you describe the change in your sciatica "
    "overall: the pain, what you can do, and how you feel?"
)
GLOBAL_CHANGE_LABELS = {
    "very_much_better": "Very much better",
    "much_better": "Much better",
    "little_better": "A little better",
    "no_change": "No change",
    "little_worse": "A little worse",
    "much_worse": "Much worse",
    "very_much_worse": "Very much worse",
}
GLOBAL_CHANGE_HINT = "Please tap the answer that fits best, or Skip."
WEEKLY_DONE = "Thanks, that's this week's questions done. /progress shows how they're going."
WEEKLY_LATER = "No problem. I'll ask again next week."

# --- what /progress and the review say ----------------------------------------------------

PROGRESS_REACH = "Where the pain reaches: {first} at your first check-in, {now} lately"
PROGRESS_REACH_ONCE = "Where the pain reaches: {now}"
PROGRESS_ACTIVITIES = "Activities (how well you manage them, 0-10):"
PROGRESS_ACTIVITY = "- {activity}: {first} at the start, {now} now"
PROGRESS_PEG = (
    "PEG (pain, and how much it gets in the way of life and activity, 0-10): {first} at the "
    "start, {now} lately"
)
PROGRESS_BACK = "Back pain over a week (0-10): {first} at the start, {now} lately"
PROGRESS_CHANGE = "At your six-week review you said you were: {change}"
REVIEW_ACTIVITY = "{activity}: {first} at the start, {now} now"
REVIEW_ACTIVITIES = "What you wanted to get back to (0-10, how well you manage it):"
REVIEW_CHANGE = "Overall, you said you're {change}."
REVIEW_FEELS_WORSE = (
    "You told me you feel worse overall, though your pain score has come down. If that's "
    "how it is, please talk it over with your doctor or physiotherapist."
)
REVIEW_SPREAD = (
    "Your pain also reaches further down your leg than when you started ({first} then, "
    "{now} now), which is a reason to have it checked."
)
