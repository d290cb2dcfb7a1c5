"""Words of the clinician commands: answered to the clinician who asked, alone."""

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
# Refusals say plainly who the command is for; each one is written in the audit log.
NOT_A_CLINICIAN = (
    "/sciatica {command} is for the clinicians of {clinic}, and you are not one of them, so "
    "I can't show or change anything. (This request was recorded.) If you should be, ask "
    "one of its clinicians: /sciatica clinic clinicians add @you. Your own check-ins: "
    "/sciatica progress, or /sciatica export in our direct messages."
)
NOT_A_CLINICIAN_ANYWHERE = (
    "/sciatica {command} is for a clinic's clinicians, and you are not a clinician of any "
    "clinic here. (This request was recorded.) Your own check-ins: /sciatica progress, or "
    "/sciatica export for a copy of your data."
)
SEVERAL_CLINICS = (
    "You are a clinician of several clinics ({clinics}). Run this in the clinic's channel "
    "so I know which one."
)
SLACK_SLOW = (
    "Slack didn't answer me in time, so I couldn't do that just now. Nothing was changed; "
    "please try again in a minute."
)

CLINICIANS_HEADER = "Clinicians of {clinic} (they alone see its named details, {place}):"
CLINICIAN_LINE = "{number}. {name}, since {since}"
CLINICIAN_UNNAMED = "a clinician"
CLINICIANS_FOOTER = (
    "Add: /sciatica clinic clinicians add @name. Remove: /sciatica clinic clinicians "
    "remove @name."
)
PLACE_CHANNEL = "in the private channel {place}"
PLACE_DMS = "in their direct messages with me"
CLINICIAN_ADDED = (
    "Done: {name} is now a clinician of {clinic} and gets its named details. Patients who "
    "share with {clinic} have been told."
)
CLINICIAN_ALREADY = "{name} already is a clinician of {clinic}."
CLINICIAN_REMOVED = "Done: {name} is no longer a clinician of {clinic}."
CLINICIAN_NOT_ONE = "{name} isn't a clinician of {clinic}, so there was nothing to remove."
CLINICIAN_LAST = (
    "{name} is {clinic}'s only clinician. Add another one first; a clinic always needs "
    "someone to see its alerts. To stop the calls, use /sciatica clinic off."
)
CLINICIAN_WHO = (
    "Mention the person so Slack links them: /sciatica clinic clinicians add @name (pick "
    "them from the list as you type). To see who they are: /sciatica clinic clinicians list."
)
CLINICIAN_NOT_A_PERSON = "{name} is an app, not a person; only people can be clinicians."
CLINICIANS_USAGE = (
    "/sciatica clinic clinicians list, /sciatica clinic clinicians add @name or "
    "/sciatica clinic clinicians remove @name."
)

SETTINGS = (
    "{clinic}: {calls}\n"
    "Named details (who checked in or missed, flare-ups, alerts, exports) go {place}.\n"
    "Clinicians: {count} (/sciatica clinic clinicians list).\n"
    "Change: /sciatica clinic setup [09:00] [time zone] [window hours] [details #private-channel "
    "| details dm]. Stop the calls: /sciatica clinic off."
)
SETTINGS_CALLS = "a call every day at {time} ({zone}), closing {hours} later."
SETTINGS_OFF = "calls are off."
