"""Reminder settings and the reminder messages themselves (PROTOCOL.md section 4)."""

OVERVIEW_ON = "Reminders: every day at {time} ({zone}).{paused}"
OVERVIEW_OFF = "Reminders are off. Time zone: {zone}."
PAUSED_SUFFIX = " Paused: the next one comes {day}."
CHANGE_TIME = "Change time"
CHANGE_ZONE = "Change time zone"
PAUSE = "Pause"
TURN_OFF = "Turn off"
TURN_ON = "Turn on"
BACK = "Back"

ASK_TIME = "What time should I remind you each day? For example 08:30 or 7pm."
ASK_ZONE = (
    "Which time zone are you in? A city (Berlin), a zone (Europe/Berlin) or an offset "
    "(UTC+2) all work."
)
ASK_PAUSE = "Pause reminders for how long?"
PAUSE_1 = "1 day"
PAUSE_3 = "3 days"
PAUSE_7 = "1 week"
PAUSE_HINT = "Please send a number of days between 1 and 90, or pick an option."

TIME_SET = "Done: I'll remind you every day at {time} ({zone})."
ZONE_SET = "Time zone set to {zone}."
PAUSED = (
    "Reminders paused for {days} day{s}: the next one comes {day} at {time}. "
    "/resume brings them back sooner."
)
RESUMED = "Reminders are back on, every day at {time}."
STOPPED = "Reminders are off. Turn them back on any time with /remind 08:30."
NO_TIME_YET = "You haven't set a reminder time yet. Send one with /remind 08:30."
ALREADY_ON = "Reminders are on, every day at {time}."
SNOOZED = "OK, I'll remind you again at {time}."

REMINDER = "Time for your daily check-in: about ten minutes for your back and leg."
NUDGE = (
    "It's been a couple of days since your last check-in. No pressure: even a short "
    "session helps keep the progress going. Ready when you are."
)
REMINDER_CHECKIN = "Check in now"
REMINDER_SNOOZE = "Snooze 1 hour"
REMINDER_SKIP = "Not today"
SKIPPED_TODAY = "No problem. See you tomorrow."

QUIET_SET = "Quiet hours set: no reminders between {start} and {end}."
QUIET_OFF = "Quiet hours are off."
QUIET_HINT = "Send quiet hours like /quiet 22:00-07:00, or /quiet off."
DAYS_SET = "Reminders on: {days}."
DAYS_HINT = "Send the days like /days mon-fri, /days weekdays or /days mon, wed, fri."
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
