"""The home page a platform may show beside the chat (Slack's App Home tab)."""

TITLE = "Sciatica Bot"
NEW = (
    "Hi! I coach you through a short daily routine for sciatica. Open the Messages tab "
    "and say hello to get started."
)
STREAK = "Check-in streak: {streak} day{s}"
NO_CHECKINS = "No check-ins yet: type /sciatica checkin to do your first one."
RECENT = "Last pain scores, before → after: {scores} (out of 10, oldest first)"
NEXT_REMINDER = "Next reminder: {when} ({zone})"
NO_REMINDER = "Reminders are off. /sciatica remind 08:30 turns them on."
PAUSED = "Your exercise programme is paused until a clinician has examined you."
COMMANDS = (
    "/sciatica checkin · /sciatica tips · /sciatica progress · /sciatica remind 08:30 · "
    "/sciatica pause 3 · /sciatica help"
)
