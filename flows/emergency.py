"""The emergency detector: free text that describes a cauda equina symptom.

PROTOCOL.md section 1: saddle numbness or tingling, or new loss of bladder or
bowel control, in any state, in everyday words, but not when negated.

The text is split into clauses (a "no ... but ..." sentence can deny one thing
and report another); a clause counts when it names a symptom and no negation
word stands before the symptom inside that clause. Words that are part of a
symptom ("can't control", "no feeling") are matched as the symptom itself,
so they never count as a negation of it.
"""

from __future__ import annotations

import re

from flows.parsing import normalise

_CLAUSE_SPLIT = re.compile(
    r"[.;!?\n]+|,|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\bexcept\b|\byet\b|\bthen\b"
)

_AREA = (
    r"(?:saddle(?: area)?|groin|genitals?|genital area|perineum|perineal(?: area)?|taint|crotch|"
    r"privates?|private parts?|private area|down there|between (?:my|the) legs|inner thighs?|"
    r"anus|anal(?: area)?|around (?:my|the) (?:anus|bum ?hole|back passage|bottom)|bum ?hole|"
    r"back passage|rectum|penis|vagina|vulva|labia|scrotum|testicles?|balls|"
    r"(?:my|the) (?:bum|butt|bottom) cheeks? and (?:groin|genitals?))"
)
_SENSE = (
    r"(?:numb(?:ness|ed)?|tingl(?:e|es|ing|y)|pins and needles|no (?:feeling|sensation)|"
    r"(?:lost|losing|loss of|lack of|reduced|less|decreased|altered|strange|weird|funny|odd) "
    r"(?:feeling|sensation)|"
    r"(?:can ?not|can't|cant|couldn't|could not|unable to) (?:really )?feel(?: anything| much)?|"
    r"dead|asleep|feels? (?:nothing|different|strange|weird|dead)|without feeling)"
)
_WIPE = r"(?:wip(?:e|es|ed|ing)|toilet paper)"

_PEE = (
    r"(?:pee|piss|wee|urinate|urinating|pass urine|pass water|empty (?:my|the) bladder|"
    r"go to the (?:toilet|loo|bathroom)|start (?:peeing|urinating|the flow|to pee))(?:ing|ed)?\b"
)
_ORGAN = r"(?:bladder|bowels?|pee|urine|poo|poop|wee|stool|bum|bottom|back passage)"

_SYMPTOMS = [
    # saddle numbness: area then sensation, or sensation then area, in one clause
    re.compile(rf"\b{_AREA}\b.*\b{_SENSE}"),
    re.compile(rf"\b{_SENSE}.*\b{_AREA}\b"),
    # numbness noticed when wiping
    re.compile(rf"\b{_SENSE}.*\b{_WIPE}\b"),
    re.compile(rf"\b{_WIPE}\b.*\b{_SENSE}"),
    # loss of bladder or bowel control
    re.compile(
        rf"\b(?:can ?not|can't|cant|couldn't|could not|unable to|no longer|lost|losing|loss of|"
        rf"no|lack of|poor|trouble|difficulty|problems?|struggl\w*)\s+(?:\w+\s+)?"
        rf"(?:control(?:ling)?|hold(?:ing)?(?: in| it in)?)\s+(?:of\s+)?(?:my\s+|the\s+)?{_ORGAN}"
    ),
    re.compile(rf"\b{_ORGAN}s? (?:control )?(?:is |are |has )?(?:gone|failing|lost|not working)"),
    re.compile(rf"\b{_ORGAN}s? (?:accidents?|leak(?:s|ing|age)?|incontinence)"),
    re.compile(r"\bincontinen(?:t|ce)\b"),
    re.compile(
        r"\b(?:wet|wetting|peed|pissed|weed|soiled|soiling|pooed|pooped|shat|shit|messed)"
        r" (?:myself|my (?:pants|trousers|knickers|underwear|bed)|the bed)\b"
    ),
    re.compile(r"\b(?:leak(?:s|ed|ing)?|dribbl\w*) (?:urine|pee|wee|poo|stool)\b"),
    re.compile(r"\b(?:accidents?) (?:with|in) (?:my )?(?:pants|underwear|bladder|bowels?)\b"),
    re.compile(r"\b(?:bladder|bowel)s? (?:problems?|issues?|trouble|dysfunction)\b"),
    # retention: cannot start or pass urine
    re.compile(
        rf"\b(?:can ?not|can't|cant|couldn't|could not|unable to|trouble|difficulty|"
        rf"struggl\w*|hard to|problems?|impossible to|not able to)\s+(?:\w+\s+)?{_PEE}"
    ),
    re.compile(r"\b(?:haven't|have not|hasn't|not) (?:peed|urinated|weed|passed urine)\b"),
    re.compile(r"\b(?:urinary|urine) retention\b|\bretaining urine\b"),
    re.compile(r"\bcan't feel (?:when|if) i (?:need to )?(?:pee|wee|go|poo)\b"),
    re.compile(r"\bdon'?t (?:feel|notice) (?:when|if) i (?:need to )?(?:pee|wee|poo|go)\b"),
    re.compile(
        r"\b(?:no|lost|losing|loss of) (?:the )?(?:urge|sensation) to (?:pee|wee|urinate|go)\b"
    ),
]

# Negation words that deny a symptom when they stand before it in the clause.
_NEGATION = re.compile(
    r"\b(?:no|not|never|without|nor|none|nothing|neither|don't|dont|doesn't|doesnt|didn't|"
    r"didnt|haven't|havent|hasn't|hasnt|isn't|isnt|aren't|arent|wasn't|wasnt|weren't|"
    r"werent|won't|deny|denies|denied|zero|free of|ruled out)\b"
)
_NEGATION_WINDOW = 6  # words between a negation and the symptom it denies


# Every symptom pattern contains one of these stems; text without any of them
# (a pain score, "yes", "done") is ruled out without running the patterns.
_STEMS = re.compile(
    r"numb|tingl|pins and needles|feel|sensation|dead|asleep|bladder|bowel|pee|piss|wee|"
    r"urin|poo|stool|toilet|loo|bathroom|incontinen|wet|soil|shat|shit|mess|leak|dribbl|"
    r"accident|control|hold|retention|retain|urge|flow"
)


def describes_cauda_equina(text: str) -> bool:
    """Whether ``text`` reports a cauda equina symptom (and does not deny it)."""
    cleaned = normalise(text)
    if not cleaned or not _STEMS.search(cleaned):
        return False
    return any(_clause_reports_symptom(c.strip()) for c in _CLAUSE_SPLIT.split(cleaned))


def _clause_reports_symptom(clause: str) -> bool:
    return any(
        not _negated(clause, match.start())
        for pattern in _SYMPTOMS
        for match in pattern.finditer(clause)
    )


def _negated(clause: str, symptom_start: int) -> bool:
    words = clause[:symptom_start].split()[-_NEGATION_WINDOW:]
    return bool(_NEGATION.search(" ".join(words)))
