"""Words of the clinician commands in a clinic channel."""

PATIENTS_HEADER = "Patients sharing with this clinic (check-ins over the last {days} days):"
PATIENT_LINE = "{number}. {label}: {done} of {days} days, pain {arrow}, last check-in {last}"
PATIENTS_FOOTER = (
    "Pain against the previous check-in: ↑ higher, ↓ lower, → same. "
    "/sciatica patient <number or name> shows one person's history."
)
NO_PATIENTS = "Nobody shares their check-ins with this clinic yet."
NEVER = "never"
NO_VALUE = "-"
HISTORY_HEADER = "Recent check-ins of {label} (pain before → after, out of 10):"
HISTORY_LINE = "{day}: {before} → {after} {flare}"
FLARE_MARK = "(flare-up)"
HISTORY_REACH = ", reaches {reach}"
MEASURES_HEADER = "Outcome measures (first shared answer, then the latest; 0-10 unless said):"
MEASURE_REACH = "- pain reached {first} at the first shared check-in, {now} at the latest"
MEASURE_MOVEMENT = (
    "- leg pain with the press-ups or knee hugs: moved up {up}, no change {same}, spread "
    "down {down} (sessions)"
)
MEASURE_ACTIVITY = "- activity {slot}: {first} at the start, {now} now"
MEASURE_SCORE = "- {name}: {first} at the start, {now} now"
MEASURE_CHANGE = "- six-week review: {change}"
MEASURES_TITLE = "{clinic} outcome answers (CSV)"
HISTORY_EMPTY = "{label} has not checked in yet."
NO_SUCH_PATIENT = (
    "I couldn't find that patient among those sharing with this clinic. "
    "/sciatica patients lists them with their numbers."
)
EXPORT_COMING = (
    "I'm preparing this clinic's export. It will arrive as a CSV file in your direct "
    "messages with me, where only you can see it."
)
EXPORT_INTRO = (
    "{clinic}: every check-in shared with the clinic ({rows} in all), one row each. "
    "Keep this file as safe as any patient record."
)
EXPORT_TITLE = "{clinic} check-ins (CSV)"
EXPORT_FAILED = (
    "I couldn't send the export to your direct messages just now. Please try again in a "
    "few minutes."
)
NOT_A_CLINIC = "This channel is not a clinic channel. Run this in your clinic's channel."
NOT_A_MEMBER = "Only members of this clinic's channel can see its patients."
