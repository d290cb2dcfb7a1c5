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
    "- how far down your leg the pain reaches each day, and whether it moved up or spread "
    "down with the press-ups or knee hugs\n"
    "- your scores on the weekly and six-week questions (pain and how much it gets in the "
    "way, back pain, how well you manage the activities you named, but never what they "
    "are, and how much you've changed overall)\n"
    "- when I advised you to see a doctor, to have a prompt medical review or to go to an "
    "emergency department: which of these, and when\n\n"
    "They never see anything you write to me in your own words, and never your answers to "
    "the screening questions."
)
# Who would see a patient's note, said before any consent (clinicians' names on a line of
# their own): the place is a private channel of the clinicians, or each one's direct messages.
AUDIENCE = (
    "Who would see it: {clinicians}, the clinicians of {clinic}. {place}\n"
    "Nobody else: {clinic} itself only shows the daily call, never a name, a score or an "
    "alert. If the clinic adds a clinician, I'll tell you."
)
AUDIENCE_NONE = (
    "Who would see it: nobody yet, as {clinic} has no clinicians; I'll tell you when one "
    "is added.\n"
    "Nobody else: {clinic} itself only shows the daily call, never a name, a score or an "
    "alert."
)
AUDIENCE_IN_CHANNEL = "They read it in their private channel {place}, where only they are."
AUDIENCE_IN_DMS = "Each of them reads it in their own direct messages with me."
AUDIENCE_MORE = "{count} more"
AUDIENCE_AND = " and "
CLINICIAN_UNNAMED_MANY = "{count} clinicians"
SHARE_QUESTION = (
    "The clinic {clinic} follows daily check-ins there. Before your first check-in "
    "for them: may I share your check-ins with the clinic's clinicians?\n\n"
    "{audience}\n\n"
    "What they would see, in their daily summary and when they look up their patients:\n"
    "- your name as shown in this workspace\n"
    + CLINIC_SEES
    + " Your check-in itself stays in this private chat. You can stop sharing at any time "
    "with /sharing, and it stops at once.\n\n"
    "Share this with {clinic}?"
)
SHARE_YES = "Yes, share it"
SHARE_NO = "No, keep it private"
SHARED = "Thanks. {clinic}'s clinicians will see your daily note from today's summary on."
NEW_CLINICIAN = (
    "{clinic} added a clinician: {name}. Like the others, they now see what you share with "
    "the clinic. To stop sharing, use /sciatica sharing (on Telegram: /sharing); it stops "
    "at once."
)
KEPT_PRIVATE = (
    "OK, I won't share anything with {clinic}. Your check-ins stay between us, and you can "
    "change this any time with /sharing."
)
INVITE_QUESTION = (
    "{clinic} invited you to link your programme with their clinic team. Nothing is shared "
    "unless you say yes below.\n\n"
    "{audience}\n\n"
    "What they would see:\n"
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
    "privately with me; the window closes at {closes}. Nothing about anyone is posted "
    "here: only the clinicians of those who chose to share see their notes."
)
CALL_BUTTON = "Check in privately"

SUMMARY_TITLE = "{clinic}: check-ins for {day} (closed {closes})"
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
    "Daily check-ins are set up for this channel: a call every day at {time} ({zone}), "
    "closing {hours} later. Tap the call's button to check in privately; nothing about "
    "anyone is ever posted here."
)
SETUP_ANSWER = (
    "Done. {role}\n"
    "Named details (who checked in or missed, flare-ups, alerts, exports) go {place}; "
    "{clinic} itself only gets the daily call.\n"
    "Add your colleagues: /sciatica clinic clinicians add @name. "
    "See the settings: /sciatica clinic settings."
)
SETUP_ROLE_NEW = "You set {clinic} up, so you are its first clinician."
SETUP_ROLE_CHANGED = "{clinic} has its new settings."
PLACE_CHANNEL = "to the private channel {place}, as long as only the clinic's clinicians are in it"
PLACE_DMS = "to each clinician's direct messages with me"
SETUP_DETAILS_OTHERS = (
    "{place} has members who are not clinicians of {clinic} yet ({count}). Until you add "
    "them (/sciatica clinic clinicians add @name) or they leave, named details go to each "
    "clinician's direct messages instead."
)
SETUP_PUBLIC_DETAILS = (
    "{place} is a public channel: anyone in the workspace can read it, so I won't post "
    "patients' names, scores or alerts there. Name a private channel of the clinicians "
    "(details #private-channel) or have them sent to each clinician's direct messages "
    "(details dm)."
)
SETUP_DETAILS_NOT_FOUND = (
    "I can't see that channel. If it is private, add me to it first (/invite @Sciatica Bot "
    "in that channel), then run /sciatica clinic setup again."
)
SETUP_DETAILS_UNREADABLE = (
    "I couldn't tell where named details should go. Say details #private-channel (pick the "
    "channel as you type), details here (this channel, if it is private and only "
    "clinicians are in it) or details dm."
)
SETUP_DETAILS_TAKEN = (
    "That channel already belongs to another clinic. Each clinic needs its own channel "
    "for named details."
)
SETUP_DETAILS_CHANNEL = (
    "This is the private channel where {clinic}'s clinicians get named details. Run "
    "/sciatica clinic setup in {clinic} to change its settings."
)
SETUP_ONLY_IN_CHANNEL = "Run /sciatica clinic setup in the team channel you want the check-ins in."
SETUP_BAD_TIME = "I couldn't read that time. Try for example: /sciatica clinic setup 09:00"
SETUP_BAD_ZONE = (
    "I don't know that time zone. Try for example: /sciatica clinic setup 09:00 Europe/Berlin"
)
HOUR = "1 hour"
HOURS = "{hours} hours"
CLINICIAN_ONLY_HERE = (
    "That command is for a clinic's clinicians, in the clinic's own Slack workspace. Here "
    "I can only show what is about you: /progress for your check-ins, /sharing for the "
    "clinics you share them with."
)
SETUP_BAD_WINDOW = "The window is a number of hours from 1 to 23, for example 12."
SETUP_NOT_IN_CHANNEL = (
    "I'm not a member of this channel yet. Add me first (for example /invite @Sciatica Bot), "
    "then run /sciatica clinic setup again."
)
OFF_DONE = (
    "Daily check-in calls are off for {clinic}. Its clinicians and what patients shared "
    "stay; /sciatica clinic setup turns the calls on again."
)
INVITE_CREATED = (
    "New invite for {clinic}, valid for {days} days and for one person only:\n"
    "- Telegram: {telegram}\n"
    "- Slack: in the app's direct messages, /sciatica join {code}\n"
    "Send it privately to your patient. They see exactly what you will see and must agree "
    "before anything is shared. {naming}"
)
INVITE_NAMED = "They will appear as {label} in your summaries and alerts."
INVITE_UNNAMED = (
    "Tip: /sciatica clinic invite Anna K. names the patient as your team will see them; "
    "without a name, someone joining from Telegram appears as \"Patient\" and a number."
)
UNNAMED_MEMBER = "Patient {number}"
INVITE_TELEGRAM_LINK = "open https://t.me/{username}?start={code}"
INVITE_TELEGRAM_TYPED = "send /start {code} to the bot"

# The clinicians' alert has its own heading: the patient's own "Emergency: act now" is
# advice to the patient, not to the team.
ALERT_HEADING = {
    "emergency": "🚨 Patient alert: emergency department advised",
    "see_doctor": "⚠️ Patient alert: doctor advised",
}
ALERT_NOW = {
    "emergency": (
        "{name} ({clinic}) reported warning signs at {time} on {day} and was told to go to "
        "an emergency department now. You may want to contact them to make sure they are "
        "getting urgent care."
    ),
    "see_doctor": (
        "{name} ({clinic}) reported symptoms at {time} on {day} and was advised to see a "
        "doctor soon. You may want to contact them to check they have an appointment."
    ),
}
ALERT_FOOTER = "Their own words and pain scores stay private; the bot is not a doctor."
MOVED_TO_DMS = (
    "(Sent to you directly: {place} has members who are not {clinic}'s clinicians, so I "
    "post no names there. /sciatica clinic clinicians list shows who is.)"
)
