"""The home page a platform may show beside the chat (Slack's App Home tab).

Commands are named as on every platform (``/checkin``); the renderer spells them its way.
"""

TITLE = "Sciatica Bot"
NEW = (
    "Hi! I coach you through a short daily routine for sciatica. Open the Messages tab "
    "and say hello to get started."
)
STREAK = "Check-in streak: {streak} day{s}"
NO_CHECKINS = "No check-ins yet: type /checkin to do your first one."
RECENT = "Last pain scores, before → after: {scores} (out of 10, oldest first)"
NEXT_REMINDER = "Next reminder: {when} ({zone})"
NO_REMINDER = "Reminders are off. /remind 08:30 turns them on."
PAUSED = "Your exercise programme is paused until a clinician has examined you."
COMMANDS = "/checkin · /tips · /progress · /remind 08:30 · /pause 3 · /help"
