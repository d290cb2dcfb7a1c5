"""The everyday phrases for each step's buttons, in one place a reviewer can read.

Written from how people answer in chat (tests/plain_answers.py lists the
answers they were written against). Phrases are in plain form: lower case,
no punctuation, no apostrophes ("dont", "ive"). See :mod:`flows.choice_words`
for how a message is matched against them.
"""

from __future__ import annotations

from flows.choice_words import Phrases

_YES = ("yes", "yeah", "yep", "yup", "ya", "y", "sure", "ok", "okay", "k", "fine", "alright",
        "all right", "go ahead", "of course", "absolutely", "definitely", "yes please",
        "no problem", "no worries", "i dont mind", "dont mind", "why not")
_NO = ("no", "nope", "nah", "n", "no thanks", "no thank you", "rather not", "id rather not",
       "not now", "never mind", "nevermind", "cancel")

WELCOME = Phrases({"continue": (
    *_YES, "lets go", "lets start", "lets do it", "start", "ready", "im ready", "sounds good",
    "go", "go on", "go on then", "continue", "next", "begin",
    # A greeting after the welcome means "I'm here": the consent question comes next.
    "hi", "hello", "hey", "hiya", "hi there", "hello there", "hey there", "morning",
    "good morning", "good afternoon", "good evening", "howdy",
)})
CONSENT = Phrases({
    "yes": (*_YES, "i agree", "agree", "agreed", "i accept", "accept", "fine by me",
            "thats fine", "that is fine", "ok fine", "okay fine", "i consent", "consent"),
    "no": (*_NO, "i dont agree", "dont agree", "i do not agree", "do not agree", "disagree",
           "i disagree", "i dont want that", "i dont want to", "refuse", "decline",
           "i decline", "dont store"),
})
DECLINED = Phrases({"consent": (
    "changed my mind", "ive changed my mind", "i changed my mind", "i agree", "agree",
    "i agree now", "ok i agree", "yes", "ok", "okay", "fine", "i consent",
)})
REMINDER = Phrases({"none": (
    "no", "none", "nope", "no thanks", "no thank you", "no reminders", "no reminder",
    "no reminders please", "dont remind me", "do not remind me", "i dont need reminders",
    "i dont want reminders", "no need", "not needed", "skip", "never", "off",
)})
SCREENING_CLEAR = Phrases({
    "start": (*_YES, "start", "lets go", "lets start", "lets do it", "now", "start now",
              "ready", "go", "begin", "start my first session", "first session"),
    "later": ("later", "not now", "maybe later", "tomorrow", "not today", "not yet", "no",
              "nope", "another time", "no thanks", "some other time"),
})
_EXAMINED = (
    "examined", "ive been examined", "i have been examined", "been examined", "im examined",
    "ive been seen", "i have been seen", "been seen", "seen a doctor", "saw a doctor",
    "seen the doctor", "saw the doctor", "doctor saw me", "doctor has seen me",
    "the doctor saw me", "a doctor saw me", "seen my gp", "saw my gp", "gp saw me",
    "seen by a doctor", "seen by my gp", "been checked", "got checked", "been checked out",
    "checked me", "they checked me", "checked me over", "been to a e", "been to a and e",
    "been to ae", "went to a e", "went to a and e", "been to the er", "went to the er",
    "been to er", "been to hospital", "went to hospital", "been to the hospital",
    "went to the hospital", "all clear", "given the all clear", "physio saw me",
    "seen a physio", "seen my physio", "clinician saw me", "seen a clinician",
)
#: Lifting a pause: examination words only, never a near miss (a typo must not lift it).
EXAMINED = Phrases({"examined": _EXAMINED}, near_misses=False)
HELD = Phrases({
    "examined": (*_EXAMINED, "yes", "yeah", "yep", "yes i have", "yes it has"),
    "not_yet": ("not yet", "no", "nope", "nah", "no not yet", "not yet no", "havent",
                "i havent", "no i havent", "not really", "appointment", "waiting",
                "still waiting", "booked", "tomorrow", "next week"),
}, near_misses=False)
HIGH_PAIN = Phrases({
    "go_on": (*_YES, "anyway", "do them anyway", "ill do them anyway", "do the exercises anyway",
              "go on", "carry on", "continue", "lets do it", "lets go", "ill try", "try",
              "gently", "do them gently", "ill do them", "do them", "exercises"),
    "not_today": ("not today", *_NO, "rest", "ill rest", "skip", "skip today", "tomorrow",
                  "maybe tomorrow", "later", "not now", "too sore", "stop", "ill wait",
                  "wait", "rest today"),
})
OFFER = Phrases({
    "yes": (*_YES, "try", "yes try it", "try it", "lets try", "ok lets try", "go for it",
            "tensioner", "the tensioner", "why not", "yes try the tensioner"),
    "no": (*_NO, "slider", "the slider", "stay", "stay with the slider", "keep the slider",
           "not yet", "id rather not", "stick with the slider", "same as before"),
})
EXERCISE = Phrases({
    "done": ("done", "did it", "did", "done it", "ive done it", "i did it", "finished",
             "finish", "complete", "completed", "ok done", "all done", "yes", "yep", "yeah",
             "ok", "okay", "next", "dun", "thats done", "managed", "managed it", "got it",
             "easy", "fine", "good", "did them", "did all"),
    "skip": ("skip", "skipped", "skip it", "skip this one", "skip that", "pass", "miss",
             "leave it", "cant do this one", "cant do it", "cant do that", "couldnt do it",
             "didnt do it", "didnt", "no ball", "dont have a ball", "havent got a ball",
             "not this one", "no time", "not now", "later", "rather not"),
    "too_painful": ("too painful", "painful", "pain", "hurt", "hurts", "hurting", "sore",
                    "too sore", "ouch", "ow", "agony", "made it worse", "worse", "too much",
                    "stabbing", "shooting", "killing me", "aggravated", "flared", "flare",
                    "it hurt", "that hurt", "hurt too much"),
})
REVIEW_BETTER = Phrases({"keep_going": (
    "keep going", "ok", "okay", "thanks", "thank you", "great", "good", "cool", "brilliant",
    "will do", "yes", "nice", "awesome", "continue", "next",
)})
RESTART = Phrases({
    "yes": (*_YES, "yes start again", "start over", "start again", "restart", "from scratch",
            "start from the beginning"),
    "no": (*_NO, "no go back", "go back", "back", "keep it", "dont", "stay"),
})
#: Consent to share with a clinic: no near misses, a typo must not share anything.
SHARE = Phrases({
    "yes": (*_YES, "share", "share it", "sure share", "i agree", "agree", "yes share it"),
    "no": (*_NO, "keep it private", "private", "dont share", "do not share",
           "no keep it private", "dont"),
}, near_misses=False)
