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
