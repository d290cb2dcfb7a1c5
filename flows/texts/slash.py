"""Words of a platform's slash command (Slack's /sciatica) around the conversation."""

USAGE = (
    "Usage: /sciatica [checkin | tips | exercises | progress | review | remind 08:30 | "
    "pause 3 | resume | stop | timezone Berlin | quiet 22:00-07:00 | days mon-fri | help | "
    "menu | restart | sharing | clinic leave | join <invite code> | export | delete]\n"
    "For a clinic's clinicians: /sciatica clinic setup [09:00] [time zone] [window hours] "
    "[details #private-channel | details dm] in the channel for the daily call; then "
    "/sciatica clinic clinicians add|remove|list @name, /sciatica clinic invite [patient "
    "name], /sciatica clinic settings, /sciatica clinic off; /sciatica patients, "
    "/sciatica patient <number or name> and /sciatica clinic export show the patients "
    "sharing with your clinic (only to you)."
)
DID_YOU_MEAN = "I don't know that one. Did you mean {command}?"
SENT_TO_DM = "I've answered in our direct messages (under Apps, Sciatica Bot)."
CHECKIN_IN_DM = "Your check-in is waiting in our direct messages (under Apps, Sciatica Bot)."
