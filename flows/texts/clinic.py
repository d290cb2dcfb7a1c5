"""Clinic team check-ins: the consent to share, the daily call and the team summary.

What a clinic may see is spelled out once, in :data:`CLINIC_SEES`, and shown
before any consent (a call button or an invite); the summary, alerts and the
clinicians' commands show no more than that.
"""

# One list for every way of joining a clinic: what the team may see, and all of it.
CLINIC_SEES = (
    "- the days you checked in, and the days you missed (how often you keep to the "
    "programme)\n"
    "- your pain score before and after each day's exercises, and whether it went up, "
    "down or stayed the same\n"
    "- which check-ins had a flare-up\n"
    "- when I advised you to see a doctor, to have a prompt medical review or to go to an "
    "emergency department: which of these, and when\n\n"
    "They never see anything you write to me in your own words, and never your answers to "
    "the screening questions."
)
SHARE_QUESTION = (
    "The clinic team in {clinic} follows daily check-ins there. Before your first check-in "
    "for them: may I share your check-ins with the team?\n\n"
    "If you agree, the team will see, in their channel's daily summary and when they look "
    "up their patients:\n"
    "- your name as shown in this workspace\n"
    + CLINIC_SEES
    + " Your check-in itself stays in this private chat. You can stop sharing at any time "
    "with /sharing, and it stops at once.\n\n"
    "Share this with {clinic}?"
)
SHARE_YES = "Yes, share it"
SHARE_NO = "No, keep it private"
SHARED = "Thanks. {clinic} will see your daily note from today's summary on."
KEPT_PRIVATE = (
    "OK, I won't share anything with {clinic}. Your check-ins stay between us, and you can "
    "change this any time with /sharing."
)
INVITE_QUESTION = (
    "{clinic} invited you to link your programme with their clinic team. Nothing is shared "
    "unless you say yes below.\n\n"
    "If you agree, the team will see:\n"
    "- {who}\n"
    + CLINIC_SEES
    + " You can stop sharing at any time with /clinic leave, and it stops at once.\n\n"
    "Share this with {clinic}?"
)
INVITE_NAME = "your name, as shown on this app"
INVITE_LABEL = "your name as they entered it on the invite: {label}"
INVITE_YES = "Yes, I agree to share"
INVITE_AFTER_SETUP = (
    "You have an invite from {clinic}. Let's get you set up first; then I'll show you "
    "exactly what they would see and ask whether you want to share it."
)
INVITE_ALREADY_SHARING = "You're already sharing your check-ins with {clinic}."
INVITE_REFUSED = {
    "unknown": (
        "I don't recognise that invite code. Please check it with your clinic, or ask them "
        "for a new one."
    ),
    "used": (
        "That invite code has already been used. Each code works once: please ask your "
        "clinic for a new one."
    ),
    "expired": "That invite code has expired. Please ask your clinic for a new one.",
}
LEFT = "Done: {clinics} no longer see anything about you, starting now."
LEAVE_NONE = "You aren't sharing anything with a clinic, so there's nothing to stop."
LEAVE_NOT_FOUND = (
    "You don't share with a clinic by that name. /clinic leave on its own stops sharing "
    "with every clinic."
)

CHECKING_IN_FOR = "Your check-in for {clinic}."

MANAGE_NONE = "You're not part of any clinic's check-ins."
MANAGE_INTRO = "Clinics that follow your check-ins:"
MANAGE_SHARING = "- {clinic}: sharing your daily note"
MANAGE_PRIVATE = "- {clinic}: not sharing"
STOP_SHARING = "Stop sharing with {clinic}"
START_SHARING = "Share with {clinic}"
BACK = "Back"
STOPPED = "Done: from now on {clinic} sees nothing about you, not even today's summary."

CALL = (
    "Time for today's check-in ({day}). Tap the button to do yours "
    "privately with me; the window closes at {closes}. The team summary follows in a "
    "thread, for those who chose to share."
)
CALL_BUTTON = "Check in privately"

SUMMARY_TITLE = "Check-ins for {day} (closed {closes})"
SUMMARY_NOBODY = "Nobody shares their check-ins with this clinic yet."
SUMMARY_CHECKED_IN = "Checked in ({count} of {total}): {names}"
SUMMARY_CHECKED_IN_NONE = "Checked in: nobody (0 of {total})"
SUMMARY_MISSED = "Missed ({count}): {names}"
SUMMARY_FLARES = "Flare-ups: {names}"
SUMMARY_ALERTS = "Alerts: {items}"
SUMMARY_LEGEND = "Pain against each person's previous check-in: ↑ higher, ↓ lower, → same."
NEW_MARK = "(first check-in)"

ALERT_WORDS = {
    "emergency": "told to go to an emergency department",
    "see_doctor": "advised to see a doctor",
    "surgical_review": "advised a prompt medical review",
}

SETUP_DONE = (
    "Daily check-ins are set up for this channel: every day at {time} ({zone}), with a "
    "summary in a thread {hours} hours later. Members tap the button in the call to check "
    "in privately; only those who agree are named in the summary."
)
SETUP_ONLY_IN_CHANNEL = "Run /sciatica clinic setup in the team channel you want the check-ins in."
SETUP_BAD_TIME = "I couldn't read that time. Try for example: /sciatica clinic setup 09:00"
SETUP_BAD_ZONE = (
    "I don't know that time zone. Try for example: /sciatica clinic setup 09:00 Europe/Berlin"
)
SETUP_BAD_WINDOW = "The window is a number of hours from 1 to 23, for example 12."
SETUP_NOT_IN_CHANNEL = (
    "I'm not a member of this channel yet. Add me first (for example /invite @Sciatica Bot), "
    "then run /sciatica clinic setup again."
)
OFF_DONE = "Daily check-in calls are off for this channel. /sciatica clinic setup turns them on."
INVITE_CREATED = (
    "New invite for {clinic}, valid for {days} days and for one person only:\n"
    "- Telegram: {telegram}\n"
    "- Slack: in the app's direct messages, /sciatica join {code}\n"
    "Send it privately to your patient. They see exactly what you will see and must agree "
    "before anything is shared. {naming}"
)
INVITE_NAMED = "In the summaries they will appear as {label}."
INVITE_UNNAMED = (
    "Tip: /sciatica clinic invite Anna K. names the patient as your team will see them; "
    "without a name, someone joining from Telegram appears as \"Patient\" and a number."
)
UNNAMED_MEMBER = "Patient {number}"
INVITE_TELEGRAM_LINK = "open https://t.me/{username}?start={code}"
INVITE_TELEGRAM_TYPED = "send /start {code} to the bot"
NO_CLINIC_HERE = "This channel has no daily check-ins. /sciatica clinic setup starts them."

ALERT_NOW = {
    "emergency": (
        "🚨 {name} reported warning signs at {time} on {day} and was told to go to an "
        "emergency department now. You may want to contact them to make sure they are "
        "getting urgent care."
    ),
    "see_doctor": (
        "⚠️ {name} reported symptoms at {time} on {day} and was advised to see a doctor soon. "
        "You may want to contact them to check they have an appointment."
    ),
}
ALERT_FOOTER = "Their own words and pain scores stay private; the bot is not a doctor."
