"""What people type at each step, written before reading the step's reader.

Each table maps a step (``flow.state``) to realistic answers and what they
mean there: a choice id or value, :data:`ASK` (asked again, buttons kept) or
``confirm(n)`` (a pain score the bot checks before storing). The phrasings come
from how people text: lower case, no punctuation, fillers, British, American
and Australian habits, typos a phone leaves in. They are used by
``tests/test_plain_answers.py``; keep them realistic rather than convenient.
"""

from __future__ import annotations

from dataclasses import dataclass

ASK = "ask again"
#: "About the same": the bot reads back the score it is the same as, to confirm.
SAME = "same"


@dataclass(frozen=True, slots=True)
class Confirm:
    """The bot asks "Is your pain N out of 10 right now?" before storing N."""

    pain: int


def confirm(pain: int) -> Confirm:
    """A pain score to be confirmed, not stored at once."""
    return Confirm(pain)


# -- safety questions: screening (saddle, bladder_bowel, red flags) and the daily one ------

HEDGED_YES = [
    "yes", "Yes.", "YES", "y", "yep", "yeah", "yea", "ya", "yup", "aye", "mhm", "i have",
    "yes a little", "a bit", "a little", "yeah kind of", "kind of", "kinda", "sort of",
    "think so", "I think so", "yes since this morning", "yes I have", "yes I do",
    "a tiny bit", "bit tingly yes", "slightly", "sometimes", "now and then",
    "on and off", "yes, a bit on the left", "yes but only a little", "possibly",
    "probably", "i guess so", "yeah a bit", "ye", "yesss", "yes 😟",
    "yes it started yesterday", "a little bit yeah", "no... well maybe a little",
    "not sure, a bit maybe", "i do a bit", "it has been a bit yes",
]

CLEAR_NO = [
    "no", "No.", "NO", "n", "nope", "nah", "no thanks", "not that I know of",
    "no, nothing like that", "no thank god", "no thankfully", "none", "never",
    "not at all", "no nothing", "nothing like that", "no I haven't", "i haven't",
    "haven't noticed anything", "not that i've noticed", "no none", "nothing new",
    "I don't think so", "dont think so", "no 🙏", "nope, all normal", "no not at all",
    "no, nothing", "nah nothing like that", "no ma'am",
]

UNCLEAR_AT_SAFETY = [
    "what do you mean", "maybe", "not sure", "dunno", "idk", "hmm", "ok", "why",
    "what's the saddle area?", "not really", "no but", "yes no", "can you explain",
    "hard to say", "👍",
]


# -- ordinary steps -------------------------------------------------------------------

PLAIN_ANSWERS: dict[str, list[tuple[str, object]]] = {
    "onboarding.welcome": [
        ("ok", "continue"), ("okay", "continue"), ("sure", "continue"),
        ("let's go", "continue"), ("lets start", "continue"), ("start", "continue"),
        ("yes", "continue"), ("ready", "continue"), ("sounds good", "continue"),
        ("k", "continue"), ("go on then", "continue"), ("Let\u2019s start", "continue"),
    ],
    "onboarding.consent": [
        ("yes", "yes"), ("I agree", "yes"), ("agree", "yes"), ("ok", "yes"),
        ("okay fine", "yes"), ("sure", "yes"), ("yes that's fine", "yes"), ("yep", "yes"),
        ("i accept", "yes"), ("agreed", "yes"), ("fine by me", "yes"), ("go ahead", "yes"),
        ("i agre", "yes"), ("I don't mind", "yes"), ("no problem", "yes"),
        ("no", "no"), ("I don't agree", "no"), ("dont agree", "no"), ("no thanks", "no"),
        ("I disagree", "no"), ("nope", "no"), ("rather not", "no"), ("i do not agree", "no"),
        ("I don\u2019t agree", "no"),
    ],
    "onboarding.declined": [
        ("I've changed my mind", "consent"), ("changed my mind", "consent"),
        ("ok I agree", "consent"), ("i agree now", "consent"), ("fine, yes", "consent"),
    ],
    "onboarding.timezone": [
        ("London", "Europe/London"), ("london uk", "Europe/London"),
        ("I'm in Sydney", "Australia/Sydney"), ("berlin", "Europe/Berlin"),
        ("new york", "America/New_York"), ("Europe/Berlin", "Europe/Berlin"),
        ("Melbourne, Australia", "Australia/Melbourne"), ("chicago", "America/Chicago"),
        ("UK", "Europe/London"),
    ],
    "onboarding.reminder": [
        ("8:30", "08:30"), ("half past eight", "08:30"), ("quarter to 7", "06:45"),
        ("8ish", "08:00"), ("8am", "08:00"), ("8 in the morning", "08:00"),
        ("7 in the evening", "19:00"), ("7 at night", "19:00"), ("9 pm", "21:00"),
        ("noon", "12:00"), ("midday", "12:00"), ("quarter past 9", "09:15"),
        ("half 8", "08:30"), ("around 7pm", "19:00"), ("at 8", "08:00"),
        ("8 o'clock", "08:00"), ("18.00", "18:00"), ("about half seven", "07:30"),
        ("7.30am", "07:30"), ("20 past 6", "06:20"), ("ten to nine", "08:50"),
        ("half past 6 in the evening", "18:30"),
        ("no reminders", "none"), ("no thanks", "none"), ("don't remind me", "none"),
        ("none", "none"), ("no", "none"),
    ],
    "screening.both_legs": [
        ("no, just the left one", "no"), ("only the right", "no"), ("just one leg", "no"),
        ("left only", "no"), ("just my right leg", "no"), ("one side", "no"),
        ("both", "yes"), ("yes both", "yes"), ("both legs", "yes"),
        ("sometimes the other one too", "yes"), ("it's in both now", "yes"),
    ],
    "screening.cancer": [
        ("my mum had breast cancer", "yes"), ("yes, my grandmother", "yes"),
        ("my dad did", "yes"), ("I had skin cancer years ago", "yes"),
        ("no one", "no"), ("nobody", "no"), ("not that I know of", "no"),
    ],
    "screening.weight_loss": [
        ("yes about 5 kilos", "yes"), ("lost a stone without trying", "yes"),
        ("no, put weight on if anything", "no"), ("no the opposite lol", "no"),
    ],
    "screening.fever": [
        ("had a temperature last week", "yes"), ("no fever", "no"), ("no temp", "no"),
    ],
    "screening.worsening": [
        ("yes getting weaker", "yes"), ("it's getting worse", "yes"),
        ("no it's about the same", "no"), ("no, better if anything", "no"),
    ],
    "screening.age": [
        ("45", 45), ("I'm 45", 45), ("45 years old", 45), ("fifty two", 52), ("sixty", 60),
        ("72yo", 72), ("age 38", 38), ("forty-five", 45), ("45 yrs", 45),
        ("just turned 60", 60), ("im 67", 67), ("63 in march", ASK), ("mid fifties", ASK),
    ],
    "screening.bending": [
        ("yeah, sitting is the worst", "yes"), ("sitting kills me", "yes"),
        ("yes bending", "yes"), ("yes", "yes"), ("a bit", "yes"), ("definitely", "yes"),
        ("bending forward yes", "yes"), ("sitting in the car is agony", "yes"),
        ("not really", "no"), ("no", "no"), ("no, sitting is fine", "no"),
        ("dunno", "unsure"), ("not sure", "unsure"), ("hard to say", "unsure"),
        ("idk", "unsure"), ("no idea", "unsure"),
    ],
    "screening.standing": [
        ("yes walking is worse", "yes"), ("yes standing for long", "yes"),
        ("walking makes it worse", "yes"), ("yeah, sitting down helps", "yes"),
        ("no, sitting is worse", "no"), ("no walking actually helps", "no"),
        ("not really", "no"), ("not sure", "unsure"), ("dunno", "unsure"),
    ],
    "screening.clear": [
        ("start", "start"), ("let's go", "start"), ("yes", "start"), ("ok", "start"),
        ("now", "start"), ("sure", "start"), ("start my first session", "start"),
        ("later", "later"), ("not now", "later"), ("maybe later", "later"),
        ("tomorrow", "later"), ("not today", "later"),
    ],
    "safety.held": [
        ("yes I've been examined", "examined"), ("I've been to A&E", "examined"),
        ("the doctor saw me", "examined"), ("been checked", "examined"),
        ("yes", "examined"), ("yes they checked me", "examined"),
        ("seen my GP yesterday", "examined"), ("went to the ER, all clear", "examined"),
        ("not yet", "not_yet"), ("no", "not_yet"), ("no not yet", "not_yet"),
        ("I have an appointment on friday", "not_yet"), ("nope", "not_yet"),
    ],
    "safety.waiting": [
        ("yes I've been examined", "examined"), ("the doctor saw me", "examined"),
        ("i've been examined", "examined"), ("i have been seen", "examined"),
        ("not yet", ASK),
    ],
    "safety.alerted": [
        ("I've been examined", "examined"), ("been to A&E, they checked me", "examined"),
        ("ok", ASK), ("thanks", ASK), ("what now?", ASK), ("yes", ASK),
    ],
    "checkin.cauda_equina": [],  # the safety tables above apply
    "checkin.pain_now_check": [
        ("yes", "yes"), ("yep that's right", "yes"), ("correct", "yes"), ("no", "no"),
        ("no, 6", 6), ("nope more like a 7", 7), ("about the same", "yes"),
    ],
    "checkin.pain_after_check": [("yes", "yes"), ("no", "no"), ("no it's 5 now", 5)],
    "checkin.high_pain": [
        ("do them anyway", "go_on"), ("I'll do them anyway", "go_on"),
        ("go on", "go_on"), ("yes", "go_on"), ("let's do it", "go_on"),
        ("gently", "go_on"), ("i'll try", "go_on"),
        ("not today", "not_today"), ("no", "not_today"), ("rest", "not_today"),
        ("I'll rest", "not_today"), ("skip today", "not_today"),
        ("maybe tomorrow", "not_today"),
    ],
    "checkin.offer": [
        ("yes", "yes"), ("yes try it", "yes"), ("ok let's try", "yes"), ("sure", "yes"),
        ("go for it", "yes"), ("tensioner", "yes"),
        ("no", "no"), ("stay with the slider", "no"), ("slider", "no"),
        ("not yet", "no"), ("I'd rather not", "no"), ("no thanks", "no"),
    ],
    "checkin.exercise": [
        ("done", "done"), ("did it", "done"), ("finished", "done"), ("ok done", "done"),
        ("all done", "done"), ("did all 10 reps", "done"), ("✅", "done"), ("dun", "done"),
        ("next", "done"), ("yes", "done"),
        ("skip", "skip"), ("skip it", "skip"), ("skip this one", "skip"),
        ("can't do this one", "skip"), ("no ball", "skip"), ("pass", "skip"),
        ("too painful", "too_painful"), ("it hurt down my leg", "too_painful"),
        ("hurts too much", "too_painful"), ("too sore", "too_painful"),
        ("that really hurt", "too_painful"), ("ouch", "too_painful"),
        ("couldn't, too much pain", "too_painful"), ("made it worse", "too_painful"),
        ("painful", "too_painful"),
    ],
    "reminders.ask_time": [
        ("half past eight", "08:30"), ("quarter to 7", "06:45"), ("8ish", "08:00"),
        ("7pm", "19:00"), ("at 9 in the morning", "09:00"),
    ],
    "reminders.overview": [
        ("change the time", "change_time"), ("change time", "change_time"),
        ("change time zone", "change_zone"), ("change my time zone", "change_zone"),
        ("turn them off", "off"), ("turn off", "off"), ("back", "menu"),
    ],
    "reminders.ask_zone": [
        ("sydney", "Australia/Sydney"), ("I'm in London now", "Europe/London"),
        ("UTC+2", "UTC+02:00"),
    ],
    "reminders.ask_pause": [
        ("3", 3), ("a week", 7), ("for a week", 7), ("2 weeks", 14), ("a few days", 3),
        ("one day", 1), ("just today", 1), ("till next week", 7), ("a fortnight", 14),
        ("couple of days", 2),
    ],
    "restart.confirm": [
        ("yes", "yes"), ("yes start again", "yes"), ("start over", "yes"),
        ("no", "no"), ("no go back", "no"), ("cancel", "no"), ("never mind", "no"),
    ],
    "clinic.share": [
        ("yes", "yes"), ("yes share it", "yes"), ("sure, share", "yes"), ("ok", "yes"),
        ("no", "no"), ("keep it private", "no"), ("no thanks", "no"), ("private", "no"),
    ],
    "clinic.invited": [
        ("yes", "yes"), ("I agree", "yes"), ("ok", "yes"),
        ("no", "no"), ("no thanks", "no"), ("keep it private", "no"),
    ],
    "erase.confirm": [
        ("yes delete everything", "erase"), ("yes", "erase"), ("delete it", "erase"),
        ("no", "keep"), ("no keep it", "keep"), ("keep my data", "keep"), ("cancel", "keep"),
    ],
    "review.too_early": [("check in", "checkin"), ("ok let's check in", "checkin"),
                         ("menu", "menu")],
    "review.so_far": [("check in", "checkin"), ("menu", "menu"), ("back", "menu")],
    "clinic.manage": [("share with them", ("1", True)),
                      ("share with the physio team", ("1", True)), ("back", "menu")],
    "review.better": [
        ("keep going", "keep_going"), ("ok", "keep_going"), ("thanks!", "keep_going"),
        ("great", "keep_going"),
    ],
    "menu.idle": [
        ("check in", "checkin"), ("checkin", "checkin"), ("daily check-in", "checkin"),
        ("tips", "tips"), ("pain relief", "tips"), ("my progress", "progress"),
        ("progress", "progress"), ("exercises", "exercises"), ("today's exercises", "exercises"),
        ("reminders", "reminders"), ("help", "help"),
    ],
}


# -- pain scores ------------------------------------------------------------------------

PAIN_SCORES: list[tuple[str, object]] = [
    ("6", 6), ("7/10", 7), ("about a six", 6), ("seven out of ten", 7), ("a solid 8", 8),
    ("6-7", 7), ("like 4 maybe 5", 5), ("6 or 7", 7), ("between 4 and 5", 5),
    ("4 today", 4), ("it's a 3", 3), ("3, worse when I sit", 3), ("around 5", 5),
    ("prob a 6", 6), ("8 out of 10", 8), ("7 / 10", 7), ("5ish", 5), ("a five", 5),
    ("fiv", confirm(5)), ("zero", 0), ("0, no pain today!", 0), ("pain's about 4", 4),
    ("4 after the tablets", 4), ("2 this morning", 2), ("nine", 9), ("10!!", 10),
    ("had 2 bad nights, today maybe 6", 6), ("took 2 paracetamol, pain is 6", 6),
    ("took 2 paracetamol and it's still really bad", ASK),
    ("did all 10 reps, feels about the same", SAME),
    ("slept 3 hours", ASK), ("been like this 5 days", ASK), ("woke up at 4", ASK),
    ("I'm 45 and it hurts", ASK), ("took 400mg ibuprofen", ASK), ("2 tablets", ASK),
    ("2 co-codamol and a hot bath", ASK), ("worst in 5 years", ASK),
    ("walked 2 miles", ASK), ("sat for 3 hrs at work", ASK),
    ("2 still really bad", confirm(2)), ("9 but feeling fine", confirm(9)),
    ("3 to 8", ASK), ("really bad", ASK), ("better", ASK),
]


# -- answers that must never be read as "no" at their safety question ---------------------

NEVER_NO: dict[str, list[str]] = {
    "screening.saddle": [
        "no it's numb", "I don't feel anything down there", "no feeling down there",
        "can't feel it when I wipe", "numb bum", "no but it tingles", "not really, bit tingly",
        "nah just pins and needles round my bum",
    ],
    "screening.bladder_bowel": [
        "I didn't make it to the toilet", "can't tell when I've finished", "no control",
        "nope, just leaking a bit", "no, wet myself last night", "no but I have to strain",
        "don't know when I need to go",
    ],
    "screening.severe_weakness": [
        "painkillers don't work", "tablets don't touch it", "no, but my foot drags",
        "nothing helps the pain",
    ],
    "screening.fever": ["no, had a temperature though", "not a fever, just chills"],
    "screening.both_legs": ["not just one, both", "no, it's both now"],
    "checkin.cauda_equina": [
        "no it's numb down there", "I didn't make it to the loo", "no but I leaked a bit",
        "not really, bit of tingling when I wipe", "don't feel anything when I wipe",
    ],
}
