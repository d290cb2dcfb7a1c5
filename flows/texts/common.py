"""Words shared by every flow: re-prompts, hints and the not-a-doctor notice."""

NOT_A_DOCTOR = (
    "I'm a coaching bot, not a doctor: I can't examine you or diagnose anything, "
    "and my suggestions don't replace advice from your own clinician."
)

DIDNT_UNDERSTAND = "Sorry, I didn't catch that."
UNKNOWN_COMMAND = "I don't know the command {typed}. Did you mean {command}?"
UNKNOWN_COMMAND_NO_GUESS = "I don't know the command {typed}. Type help to see what I can do."
DID_YOU_MEAN = "Did you mean {command}?"
PICK_ONE = "Please choose one of the options (you can type its number)."
PICK_FROM = "Please answer {labels}, or tap a button."
STALE_BUTTON = (
    "That button belongs to an earlier question, so I've ignored it. Here is where we are now:"
)
NOT_RECEIVED = (
    "My last question may not have reached you, so before I read your answer, here it is again:"
)
FILE_NOT_SENT = (
    "I couldn't send the picture or files you asked for, even after several tries. "
    "You can ask again later: /progress for your chart, /export for your data."
)
EDIT_NOT_READ = (
    "I saw you edited an earlier message. I can't change an answer I've already used, so "
    "please send your answer again as a new message."
)
NOT_TEXT = "I can only read text and buttons. Please type your answer or tap one of the buttons."

PAIN_HINT = (
    "Please send a number from 0 (no pain) to 10 (the worst pain you can imagine), for example 4."
)
PAIN_OUT_OF_RANGE = "The scale only goes from 0 to 10. Please send a number in that range."
PAIN_NOT_A_COUNT = (
    "I'm after your pain score on the 0 to 10 scale rather than a count of tablets, hours "
    "or repetitions. From 0 (no pain) to 10 (the worst imaginable), how is your leg pain "
    "right now?"
)
PAIN_CONFIRM = "Is your pain {pain} out of 10 right now?"
PAIN_SAME = "About the same as last time, {pain} out of 10: is that right?"
PAIN_CONFIRM_NO = "OK. Which number from 0 (no pain) to 10 (the worst imaginable) fits best?"
PAIN_AMBIGUOUS = (
    "I saw more than one number there. Which single number from 0 to 10 fits best right now?"
)
ZONE_UNKNOWN = (
    "I don't know that time zone. Try your nearest big city (for example Berlin or New York), "
    "a zone name like Europe/Berlin, or an offset like UTC+2."
)
TIME_HINT = "Please send a time of day such as 08:30, 7pm or 19:00."

SETUP_FIRST = "Let's finish getting you set up first."
SCREENING_FIRST = "Before any exercise, I need to ask a few safety questions."
SOMETHING_WRONG = (
    "Sorry, something went wrong on my side and I couldn't handle that. Please try again, "
    "or type menu."
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
A_DATE = "{weekday} {day} {month}"
EARLIER_TODAY = "earlier today"
YESTERDAY = "yesterday"
TOMORROW = "tomorrow"
