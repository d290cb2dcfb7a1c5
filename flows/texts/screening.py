"""Screening questions asked before the first exercise (PROTOCOL.md section 1 and 3)."""

INTRO = (
    "Before we do any exercise, I'll ask a few safety questions. They check for the rare "
    "problems that need a doctor rather than exercises. Answer each one for how you are now."
)

SADDLE = (
    "Have you noticed any NEW numbness or tingling in the saddle area: between your legs, "
    "your groin or genitals, your inner thighs, or around your back passage?"
)
BLADDER_BOWEL = (
    "Have you had any NEW problem with your bladder or bowels: leaking or accidents, "
    "or difficulty starting to pee, or being unable to pee at all?"
)
WEIGHT_LOSS = "Have you lost weight recently without trying to?"
FEVER = "Have you had a fever (a high temperature) along with this pain?"
NIGHT_SWEATS = "Do you wake up drenched in sweat at night?"
CANCER = "Have you, or has anyone in your close family, ever had cancer?"
WORSENING = "Is weakness or numbness in your leg getting steadily worse?"
BOTH_LEGS = "Do you have sciatica pain in both legs?"
SEVERE_WEAKNESS = (
    "Is your leg pain severe enough that painkillers don't control it, AND is your leg "
    "clearly weak, for example your foot slaps down or you can't lift your toes when you walk?"
)
AGE = "How old are you? (Just the number is fine.)"
BENDING = "Does bending forward or sitting make your leg pain worse?"
STANDING = (
    "Does standing or walking make your leg pain worse, with relief when you sit down or "
    "lean forward?"
)
NOT_SURE = "Not sure"

UNSURE_SAFETY = (
    "If you're not sure, it's safest to answer Yes, so that a doctor can check. "
    "Please answer Yes or No."
)
YES_NO_HINT = "Please answer Yes or No."
YES_NO_UNSURE_HINT = "Please answer Yes, No or Not sure."
SAFETY_HINT = (
    "I need a Yes or No to this one, for your safety. Even a little counts as Yes, and if "
    "you're not sure, answer Yes so a doctor can check. You can tap a button."
)
SADDLE_HINT = (
    "This question is only about the saddle area: between your legs, your groin or "
    "genitals, your inner thighs and around your back passage (not your leg or foot). "
    "Any new numbness or tingling there, even a little? Please answer Yes or No."
)
AGE_HINT = "Please send your age as a number, for example 52."
UNDER_AGE = (
    "This programme is written for adults. If you're under 18, please ask a doctor or "
    "physiotherapist for advice that suits you. If you typed it wrong, send your age again."
)
AGE_NOW = "How old are you today, in years? (Just the number is fine.)"
AGE_IMPLAUSIBLE = "That looks like a typo. Please send your age in years, for example 52."

FLAG_NAMES = {
    "weight_loss": "weight loss you can't explain",
    "fever": "fever",
    "night_sweats": "night sweats",
    "cancer": "a personal or family history of cancer",
    "worsening": "leg weakness or numbness that keeps getting worse",
    "both_legs": "sciatica in both legs",
    "legs_giving_way": "both legs giving way",
}

CLEAR = (
    "Thank you, that's all. Nothing you told me needs a doctor before you start, so here "
    "is your daily programme (about ten minutes):\n"
    "1. Hip release with a ball, both sides\n"
    "2. {primary}\n"
    "3. Sciatic nerve floss, starting with the gentle slider version\n\n"
    "{why}\n\nShall we do your first session now?"
)
WHY_PRESSUP = (
    "I picked press-ups because your pain sounds like the disc type that bending and "
    "sitting aggravate."
)
WHY_KNEE_HUGS = (
    "I picked knee hugs because your pain sounds like the narrowing (stenosis) type that "
    "standing and walking aggravate."
)
WHY_PRESSUP_AGE = (
    "Your answers didn't point clearly one way, so I went by age: press-ups suit people "
    "under 60 best."
)
WHY_KNEE_HUGS_AGE = (
    "Your answers didn't point clearly one way, so I went by age: knee hugs suit people "
    "aged 60 or over best."
)
START_NOW = "Start my first session"
LATER = "Later"

STILL_PAUSED = (
    "Thank you, that's all. Nothing in these answers is new, but your programme is still "
    "paused from before: it stays paused until a clinician has examined you."
)
