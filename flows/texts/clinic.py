"""Clinic team check-ins: the consent to share, the daily call and the team summary.

What a clinic sees is spelled out in :data:`SHARE_QUESTION`; the summary
(:mod:`flows.clinic`) shows exactly that and nothing more.
"""

SHARE_QUESTION = (
    "The clinic team in {clinic} follows daily check-ins there. Before your first check-in "
    "for them: may I share a short daily note with the team?\n\n"
    "If you agree, once each day's check-in window closes the team sees, in a thread in "
    "their channel:\n"
    "- whether you checked in that day\n"
    "- whether your pain went up (↑), down (↓) or stayed the same (→) compared with your "
    "previous check-in, without any numbers\n"
    "- whether the check-in had a flare-up\n"
    "- whether I advised you to see a doctor, to have a medical review or to go to an "
    "emergency department\n\n"
    "They never see your pain scores, your answers or anything you write to me; your "
    "check-in itself stays in this private chat. You can stop sharing at any time with "
    "/sciatica sharing, and it stops at once.\n\n"
    "Share this with {clinic}?"
)
SHARE_YES = "Yes, share it"
SHARE_NO = "No, keep it private"
SHARED = "Thanks. {clinic} will see your daily note from today's summary on."
KEPT_PRIVATE = (
    "OK, I won't share anything with {clinic}. Your check-ins stay between us, and you can "
    "change this any time with /sciatica sharing."
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
