"""Onboarding: who the bot is, consent, time zone and reminder time."""

from flows.texts.common import NOT_A_DOCTOR

WELCOME = (
    "Hi, I'm Sciatica Bot. I help you look after leg pain from sciatica with a short "
    "daily routine: about ten minutes of three gentle exercises, a quick pain check "
    "before and after, and tips for the bad days.\n\n"
    f"{NOT_A_DOCTOR}\n\n"
    "If you ever have new numbness between your legs or around your bottom, or you lose "
    "control of your bladder or bowels, don't wait for me: go to an emergency department."
)
CONTINUE = "Let's start"

CONSENT = (
    "To coach you I need to store what you tell me about your health: your answers to "
    "safety questions, your pain scores and which exercises you did. It stays in this "
    "bot's database, is used only to coach you, and you can download or erase it at any "
    "time with /export and /delete.\n\nDo you agree to me storing this?"
)
CONSENT_YES = "I agree"
CONSENT_NO = "I don't agree"

DECLINED = (
    "That's fine. Without your agreement I won't store anything about your health, which "
    "means I can't run the exercise programme for you. You can still ask me for pain "
    "relief tips at any time (type tips), and if you change your mind, tap below."
)
CHANGED_MIND = "I've changed my mind"

TIMEZONE = (
    "Thanks. Which time zone are you in? Pick one below, or type your city (for example "
    "Glasgow or Toronto), a zone such as Europe/Berlin, or an offset such as UTC+2."
)
TIMEZONE_SET = "Time zone set to {zone}."
ZONE_FROM_DEVICE = "{zone} (from your device)"

REMINDER = (
    "At what time each day should I remind you to check in? Send a time such as 08:30, "
    "or pick one below."
)
REMINDER_NONE = "No reminders"
REMINDER_SET = "I'll remind you every day at {time} ({zone})."
REMINDER_OFF = "No reminders then. You can turn them on any time with /remind 08:30."
