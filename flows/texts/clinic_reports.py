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
HISTORY_EMPTY = "{label} has not checked in yet."
NO_SUCH_PATIENT = (
    "I couldn't find that patient among those sharing with this clinic. "
    "/sciatica patients lists them with their numbers."
)
EXPORT_INTRO = "This clinic's check-ins as CSV (only you can see this):"
EXPORT_TOO_LONG = (
    "This clinic's export ({rows} check-ins) is too long to show here, and sending it as a "
    "file is not available yet. /sciatica patient <number> shows one person at a time."
)
NOT_A_CLINIC = "This channel is not a clinic channel. Run this in your clinic's channel."
NOT_A_MEMBER = "Only members of this clinic's channel can see its patients."
