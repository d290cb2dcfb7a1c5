"""The words of a person's export: the summary page and the spreadsheet's columns."""

TITLE = "Sciatica Bot: your summary"
INTRO = (
    "Everything you told Sciatica Bot, made on {made}. It holds your pain scores and answers "
    "about your health, so keep it somewhere private. Times are in {zone}."
)
NOT_A_DOCTOR_NOTE = (
    "Sciatica Bot is a coaching bot, not a doctor. You may show this page to your own "
    "clinician."
)

OVERVIEW = "Overview"
STARTED = "First talked to the bot"
FIRST_SESSION = "Programme day 1"
TODAY = "Programme day today"
CHECKIN_COUNT = "Check-ins"
PAIN_FIRST = "Pain at the first check-in"
PAIN_LATEST = "Pain at the latest check-in"
SECOND_EXERCISE = "Your second exercise"
FLOSS_PHASE = "Nerve floss now"
PAUSED = "Exercise programme"
PAUSED_VALUE = "paused for your safety since {since}, until a clinician has examined you"
NOT_YET = "not yet"

CHART = "Your leg pain, before and after"
CHECKINS = "Check-ins"
NO_CHECKINS = "No check-ins yet."
FLARES = "Flare-ups"
NO_FLARES = "No flare-ups: your pain never went from 5 or less up to 6 or more in a session."
FLARE_LINE = "{when}: pain went from {before} to {after}"
ALERTS = "Safety alerts"
NO_ALERTS = "No safety alerts."
ALERT_RAISED = "{when}: {level} (from {source})"
ALERT_CLEARED = "{when}: you told the bot a clinician had examined you, and the pause was lifted"
REVIEWS = "Reviews"
REVIEW_LINE = "{when}: {result} (pain {baseline} at the start, {average} on average lately)"
REVIEW_RESULTS = {"better": "clearly better", "not_better": "not clearly better"}
FILES_NOTE = (
    "With this page come your check-ins as a spreadsheet (CSV) and the complete copy of "
    "everything stored about you (JSON)."
)

ALERT_LEVELS = {
    "emergency": "Emergency: go to an emergency department now",
    "see_doctor": "See a doctor before exercising",
    "surgical_review": "Prompt medical review",
}
ALERT_SOURCES = {
    "screening": "the safety questions",
    "checkin": "a check-in",
    "free_text": "something you wrote",
    "review": "the six-week review",
}

# The spreadsheet's columns (also the summary's table): plain words, one row per check-in.
COLUMN_DATE = "Date"
COLUMN_DAY = "Programme day"
COLUMN_STATUS = "Check-in"
COLUMN_PAIN_BEFORE = "Pain before (0-10)"
COLUMN_PAIN_AFTER = "Pain after (0-10)"
COLUMN_FLARE = "Flare-up"
YES = "yes"
NO = "no"
STATUSES = {"completed": "completed", "rested": "rested (pain too high)",
            "abandoned": "left unfinished"}
OUTCOMES = {"done": "done", "skip": "skipped", "too_painful": "too painful"}

# The files, as the chat names them.
SUMMARY_TITLE = "Your summary (a page to read, opens in a web browser)"
CHECKINS_TITLE = "Your check-ins (CSV, opens in a spreadsheet)"
JSON_TITLE = "Everything stored about you (JSON, for programs)"
