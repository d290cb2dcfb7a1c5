"""The menu and the help text."""

from flows.texts.common import NOT_A_DOCTOR

MENU = "What would you like to do?"
CHECKIN = "Daily check-in"
TIPS = "Pain relief tips"
PROGRESS = "My progress"
EXERCISES = "Today's exercises"
REMINDERS = "Reminders"
HELP = "Help"

HELP_TEXT = (
    "Here's what I can do:\n"
    "/checkin - your daily check-in and exercises\n"
    "/tips - quick relief for a bad pain day\n"
    "/exercises - how to do today's exercises\n"
    "/progress - your pain chart, scores and streak\n"
    "/review - how you're doing compared with the start\n"
    "/remind 08:30 - set your daily reminder time\n"
    "/timezone Europe/Berlin - set your time zone\n"
    "/pause 3 - pause reminders for a few days; /resume - turn them back on; "
    "/stop - turn them off\n"
    "/quiet 22:00-07:00 - quiet hours; /days mon-fri - which days to remind you\n"
    "/menu - the main menu; /restart - start the setup again\n"
    "/clinic - the clinics you share with; /clinic leave - stop sharing with them at once\n"
    "/export - download your data; /delete - erase it\n"
    "You can also type the word alone, such as checkin, tips or help.\n\n"
    f"{NOT_A_DOCTOR}\n"
    "New numbness between your legs or loss of bladder or bowel control is an emergency: "
    "go to an emergency department straight away."
)

RESTART_CONFIRM = (
    "Start again from the beginning? I'll ask the setup and safety questions again. "
    "Your history is kept."
)
RESTART_YES = "Yes, start again"
RESTART_NO = "No, go back"

PROGRESS_NONE = "No check-ins yet. Your first one will set your starting point: /checkin"
#: The progress summary: one line each, so a later measure is one more line.
PROGRESS_HEADING = "Your progress:"
PROGRESS_CHECKINS = "Check-ins: {checkins}, streak {streak} day{s}"
PROGRESS_CHECKINS_LAPSED = (
    "Check-ins: {checkins}; your last check-in was {ago}, so a new streak starts with the next"
)
PROGRESS_DAY = "Programme day {day}; nerve floss: {phase}"
PROGRESS_START = "Pain at your first check-in: {start}"
PROGRESS_RECENT = "Your last check-ins, pain out of 10: {recent}"
PROGRESS_PAIR = "{before} before, {after} after"
PROGRESS_BEFORE_ONLY = "{before} before"
DAYS_AGO = "{days} days ago"
PHASES = {
    "slider": "slider",
    "tensioner": "tensioner",
    "maintenance": "maintenance",
}

EXERCISES_READY = "That's today's routine. Ready to do it with me? /checkin"
EXERCISES_NOT_READY = "Your exercises will appear here once the safety questions are done."

#: The command menu a chat app shows next to the text field (Telegram's
#: setMyCommands): command (a global intent, without the slash) and description.
COMMANDS = (
    ("start", "Start, or pick up where you left off"),
    ("checkin", "Daily check-in and exercises"),
    ("exercises", "How to do today's exercises"),
    ("tips", "Quick relief for a bad pain day"),
    ("progress", "Your pain chart, scores and streak"),
    ("review", "How you're doing compared with the start"),
    ("reminders", "Reminder settings"),
    ("remind", "Set your daily reminder time"),
    ("timezone", "Set your time zone"),
    ("pause", "Pause reminders for a few days"),
    ("resume", "Turn paused reminders back on"),
    ("stop", "Turn reminders off"),
    ("clinic", "Your clinic sharing; /clinic leave stops it"),
    ("menu", "The main menu"),
    ("help", "What I can do"),
    ("export", "Download everything stored about you"),
    ("delete", "Delete everything stored about you"),
)
