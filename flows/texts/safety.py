"""Safety alerts and the pause that follows them (PROTOCOL.md section 1)."""

EMERGENCY = (
    "GO TO AN EMERGENCY DEPARTMENT NOW.\n"
    "What you describe can be a sign of cauda equina syndrome, where the nerves at the "
    "bottom of the spine are squeezed. It is a surgical emergency: please don't wait for "
    "a GP appointment and don't do any exercises. If you can't get there safely, call "
    "your local emergency number.\n\n"
    "I've stopped your exercise programme. It will resume once you tell me a clinician "
    "has examined you."
)

SEE_DOCTOR = (
    "Please see your family doctor before you exercise{when}.\n"
    "You told me about {reasons}. That is usually explained by something harmless, but it "
    "should be checked with an examination (and usually an x-ray of your lower back) "
    "before you start.\n\n"
    "I've paused your exercise programme until you tell me a doctor has checked you."
)
SEE_DOCTOR_TODAY = ", today if you can"

SURGICAL_REVIEW = (
    "Please arrange a prompt medical review.\n"
    "Severe leg pain that medicine doesn't control, together with clear weakness such as a "
    "dropping foot, is the situation where surgery may be worth discussing with a "
    "specialist. Whether to have an operation is a personal decision: most leg pain from a "
    "disc settles without surgery, and a year later people tend to be doing about as well "
    "either way. A doctor can help you weigh it up.\n\n"
    "I've paused the exercises until a clinician has reviewed you."
)

HELD = (
    "Your exercise programme is paused for your safety until a clinician has examined you. "
    "Has that happened?"
)
EXAMINED = "Yes, I've been examined"
NOT_YET = "Not yet"
WAITING = (
    "OK. Please get checked soon. I'll keep your programme paused until then; tap the "
    "button once a clinician has seen you. You can still ask me for pain relief tips."
)
WAITING_EMERGENCY = (
    "OK. Please go to an emergency department now; this can't wait. Tap the button once "
    "you've been examined."
)
CLEARED = (
    "Thanks for letting me know. I've lifted the pause. If anything new or worrying comes "
    "up, tell me straight away or see a doctor."
)

# The safety question (two tiers, PROTOCOL.md section 1): a message that points at a red
# flag without saying it clearly gets one yes/no question that names it in plain words.
QUESTIONS = {
    "saddle_numbness": (
        "I want to be sure I understood you. Is there NEW numbness, tingling or loss of "
        "feeling between your legs: your groin, genitals, bottom or inner thighs?"
    ),
    "toilet_feeling": (
        "I want to be sure I understood you. When you wipe or sit on the toilet, is the "
        "feeling there NEW and less than usual, or gone?"
    ),
    "bladder_control": (
        "I want to be sure I understood you. Have you NEWLY lost control of your bladder: "
        "leaking, or wetting yourself without meaning to?"
    ),
    "bowel_control": (
        "I want to be sure I understood you. Have you NEWLY lost control of your bowels: "
        "soiling yourself, or not being able to hold it in?"
    ),
    "retention": (
        "I want to be sure I understood you. Are you having NEW trouble peeing: it won't "
        "start, won't come, or your bladder won't empty, or you can't feel when you need to go?"
    ),
    "unnoticed_wetness": (
        "I want to be sure I understood you. Have you wet yourself without feeling it happen?"
    ),
    "cauda_equina": (
        "Legs that give way can go with a nerve emergency, so one more question: have you "
        "noticed any NEW numbness between your legs, or any change in your bladder or bowels "
        "(leaking, or trouble peeing)?"
    ),
    "nerve_emergency": (
        "I want to be sure I understood you. Is any of this NEW: numbness between your legs "
        "or around your bottom, or a change in your bladder or bowels (leaking, trouble "
        "peeing, not feeling when you need to go)?"
    ),
    "both_legs": "I want to be sure I understood you. Is your sciatica pain now in both legs?",
    "legs_giving_way": (
        "I want to be sure I understood you. Are both of your legs giving way under you?"
    ),
    "fever": "I want to be sure I understood you. Do you have a fever (a high temperature)?",
    "night_sweats": (
        "I want to be sure I understood you. Do you wake up drenched in sweat at night?"
    ),
    "weight_loss": (
        "I want to be sure I understood you. Have you lost weight recently without trying to?"
    ),
    "cancer": (
        "I want to be sure I understood you. Have you been diagnosed with cancer, or has "
        "someone in your close family?"
    ),
    "worsening": (
        "I want to be sure I understood you. Is weakness or numbness in your leg getting "
        "steadily worse (for example your foot drags or slaps down)?"
    ),
    "surgical": (
        "I want to be sure I understood you. Is your leg clearly weak (for example your foot "
        "drags or slaps down) AND is the pain too strong for painkillers to control?"
    ),
}
CONFIRM_YES = "Yes"
CONFIRM_NO = "No"
CONFIRM_DECLINED = "Thank you, that's reassuring. Back to where we were:"

# What each red flag is called when the bot names the reason for its advice.
REASONS = {
    "both_legs": "sciatica in both legs",
    "legs_giving_way": "both legs giving way",
    "fever": "a fever",
    "night_sweats": "night sweats",
    "weight_loss": "weight loss you can't explain",
    "cancer": "a cancer diagnosis",
    "worsening": "leg weakness or numbness that keeps getting worse",
    "surgical": "severe leg pain that painkillers don't control, with a weak leg",
}
# Red flags told before screening is finished: the advice comes with the screening's own.
NOTED = (
    "Thank you for telling me about {reason}. I've noted it, and I'll come back to it at "
    "the end of the safety questions, before any exercise."
)
# A message that names a red flag but says the person doesn't have it (or someone else
# does) is not met with "Sorry, I didn't catch that".
TOUCHED = "Thank you for telling me."
KEPT_TOO_SOON = (
    "I've kept the pause on: that came only moments after my warning, too soon for an "
    "examination. Once a clinician has examined you, tap \u201cYes, I've been examined\u201d."
)
KEPT_TOO_SOON_EMERGENCY = (
    "I've kept the pause on: that came only moments after my warning, too soon for an "
    "examination. Please go to an emergency department now. Once you've been examined, tap "
    "\u201cYes, I've been examined\u201d."
)
KEPT_REPEAT = (
    "I've kept the pause on: that was the same message as the one that led to my warning, "
    "so it may have been sent twice. Once a clinician has examined you, tap \u201cYes, I've "
    "been examined\u201d or tell me in your own words, for example \u201cI've been examined\u201d."
)
HOLD_HINT = (
    "Your exercise programme stays paused until a clinician has examined you. Once that has "
    "happened, tap \u201cYes, I've been examined\u201d or tell me in your own words. You can "
    "still ask me for pain relief tips."
)
