"""Words of a platform's slash command (Slack's /sciatica) around the conversation."""

USAGE = (
    "Usage: /sciatica [checkin | tips | exercises | progress | review | remind 08:30 | "
    "pause 3 | resume | stop | timezone Berlin | quiet 22:00-07:00 | days mon-fri | help | "
    "menu | restart | sharing | clinic leave | join <invite code> | export | delete]\n"
    "For clinic teams, in their channel: /sciatica clinic setup [09:00] [time zone] "
    "[window hours], /sciatica clinic invite [patient name], or /sciatica clinic off; "
    "/sciatica patients, /sciatica patient <number or name> and /sciatica export show the "
    "patients sharing with that clinic (only to you)."
)
DID_YOU_MEAN = "I don't know that one. Did you mean {command}?"
SENT_TO_DM = "I've answered in our direct messages (under Apps, Sciatica Bot)."
CHECKIN_IN_DM = "Your check-in is waiting in our direct messages (under Apps, Sciatica Bot)."
