"""The emergency detector: free text that describes a cauda equina symptom.

PROTOCOL.md section 1: saddle numbness or tingling, or new loss of bladder or
bowel control, in any state, in everyday words, but not when negated.

The text is split into clauses, because one message can deny one thing and
report another ("no pain today and I wet myself"). A symptom in a clause
counts unless it is denied, and a denial has to be *about the symptom*:

* a negation word governs the symptom only when nothing but filler stands
  between them ("no bladder problems", "I haven't had any numbness in my
  groin"); a negation of something else ("I didn't notice until today that
  my groin is numb") does not hide it;
* a bare answer after a symptom named as a label denies it ("bladder
  problems: none", "numb groin? not at all"), but not after a statement
  ("I can't feel anything down there, nothing at all").

Words that are part of a symptom ("can't control", "no feeling", "haven't
been able to pee") are matched as the symptom itself, so they never count as
a negation of it. When in doubt the detector triggers: a needless emergency
reply pauses the programme until the person says they were examined, a
missed one can cost them their continence.
"""

from __future__ import annotations

import re

from flows.parsing import normalise

# Words that can follow "," inside one list of symptoms ("no pain, numbness or
# tingling"), where a negation before the list still governs every item.
_LIST_WORD = (
    r"(?:numb\w*|tingl\w*|pins|needles|pain|weakness|bladder|bowels?|urin\w*|incontinen\w*|"
    r"saddle|groin|genitals?|privates|inner|thighs?|bum|butt|bottom|balls|anus|"
    r"perine\w*|back passage|crotch)"
)

# "And" joins two nouns before one head only in "bladder and bowel problems"
# and "pins and needles"; "no pain and numbness down there" is read as two
# clauses, the safe reading.
_AND_JOINS = r"(?:bladder|bowels?|needles|urin\w*)"
# Conjunctions separate clauses that each stand alone ("so" only as "so I...",
# not "so numb").
_CONJUNCTION = re.compile(
    rf"\b(?:but|however|although|though|except|yet|then|whereas|plus|"
    rf"so(?= (?:i|i'm|i've|im|ive|my|it|it's|its|now|the|there|this|that|we|he|she|they)\b)|"
    rf"and(?! {_AND_JOINS}\b))\b|&(?! ?{_AND_JOINS}\b)"
)
# Punctuation separates clauses too, but a bare answer after it ("bladder
# problems: none") still belongs to the label before it. A comma inside a list
# of symptoms ("no pain, numbness or tingling") does not separate.
_PUNCTUATION = re.compile(
    rf"(?:\s*(?:[.;!?:\n]|,(?! ?{_LIST_WORD}(?: \w+)? (?:or|nor)\b)|(?<=\s)-+(?=\s)|"
    r"[\u2013\u2014])\s*)+"
)

# Saddle area words precise enough to pair with a sensation word anywhere in
# the clause ("numbness in my inner thigh and groin").
_SADDLE = (
    r"(?:saddle(?: area| region)?|groin|genitals?|genital area|perineum|perineal(?: area)?|"
    r"taint|gooch|grundle|crotch|privates?|private parts?|private area|down there|down below|"
    r"nether regions?|undercarriage|between (?:my|the) legs|inner thighs?|"
    r"insides? of (?:my|the|both) thighs?|anus|anal(?: area)?|"
    r"around (?:my|the) (?:anus|bum ?hole|butt ?hole|back passage|bottom|bum|butt|arse|ass)|"
    r"bum ?hole|butt ?hole|back passage|rectum|penis|willy|willie|todger|vagina|vulva|labia|"
    r"clitoris|clit|minge|scrotum|testicles?|testes|nutsack|ball ?sack|"
    r"(?:my|lady|man|girly|boy|private|nether) bits|lady parts|man parts|front bottom|"
    r"sit(?:ting)? ?bones?|(?:my|the) (?:bum|butt|bottom) cheeks? and (?:groin|genitals?))"
)
# Bottom and slang genital words are also used for other things ("the bottom
# of my foot", "the balls of my feet", "a bum knee", sciatica running "from my
# bum down to my numb foot", "numb at the bottom"), so they count only right
# next to the sensation.
_BOTTOM = (
    r"(?:bum(?! (?:leg|knee|foot|ankle|hip|back)s?\b)|butt(?! of\b)|(?<!the )bottom(?! of\b)|"
    r"backside|arse|ass|buttocks|(?:bum|butt) cheeks|rear end|tush|tushy|booty|arsehole|asshole|"
    r"dick|cock|knob|fanny|balls(?! of\b)|nuts)(?:'s)?"
)
_SENSE = (
    r"(?:numb\w*|tingl(?:e|es|ed|ing|y)|pins (?:and|&|n) needles|prickl\w*|"
    r"an?a?esthe\w*|parae?sthe\w*|hypoa?esthe\w*|sensory loss|"
    r"no (?:feeling|sensation)|"
    r"(?:lost|losing|loss of|lack of|reduced|less|decreased|altered|strange|weird|funny|odd) "
    r"(?:all |the |any |some )?(?:feeling|sensation)|"
    r"(?:can ?not|can't|cant|couldn't|could not|unable to) (?:really )?feel(?: anything| much)?|"
    r"dead|asleep|feels? (?:nothing|different|strange|weird|dead|funny|odd|wrong)|without feeling)"
)
# Filler allowed between a bottom word and the sensation ("my bum's gone numb").
_NEAR_AFTER = (
    r"(?:is|are|isn't|isnt|not|feels?|felt|feeling|has|have|had|gone|goes|going|went|got|gets|"
    r"getting|become|becoming|becomes|all|completely|totally|a|bit|kind|sort|of|kinda|really|so|very|quite|"
    r"slightly|now|also|still|been|just|keeps|keep|and|both|area|region|crack)"
)
# Filler allowed between the sensation and a bottom word ("numbness in my bum").
# Not "left", "right" or "side": numbness in one buttock, running down the leg, is
# the sciatica itself; saddle numbness is in the middle, on both sides.
_NEAR_BEFORE = (
    r"(?:in|on|around|of|across|over|at|my|the|both|sides|whole|entire|all|under|down|between)"
)
# "A numb bum from sitting all day" is the chair, not the nerves.
_FROM_SITTING = (
    r"(?! (?:\w+ )?from (?:sitting|the (?:chair|bike|saddle|sofa|car)|cycling|riding|driving))"
)
_WIPE = r"(?:wip(?:e|es|ed|ing)|toilet paper|loo roll)"

# Passing urine, as the thing someone cannot do. "Wee" is not the Scottish
# "a wee bit", "piss" is not "pissed off".
_WEE = r"wee(?! (?:bit|while|one|ones|hours?|lad|lass|bairn|boy|girl|man|thing|walk|rest|nap)\b)"
_PEE = (
    rf"(?:pee|piss|{_WEE}|urinate|urinating|pass(?:ing)? (?:any )?(?:urine|water)|"
    r"empty(?:ing)? (?:my|the) bladder|go to the (?:toilet|loo|bathroom)|"
    r"(?:go|have|do) (?:for )?an? (?:pee|wee|piss|wazz)|"
    r"start (?:peeing|urinating|weeing|the flow|to pee|to wee)|"
    r"get (?:the )?(?:pee|wee|urine|flow) (?:out|going|started))(?:ing|ed)?\b(?! off\b)"
)
# "Go" as in going to the toilet, not "go out" or "go to the gym".
_GO = r"go(?! (?:out|for|and|back|home|anywhere|outside|on|to (?!the (?:toilet|loo|bathroom)))\b)"
_CANT = (
    r"(?:can ?not|can'?t|couldn'?t|could not|unable to|not able to|no longer able to|"
    r"(?:haven'?t|hasn'?t|have not|has not|had not|not|never) been able to|"
    r"(?:don'?t|do not) think i can|"
    r"trouble|difficult(?:y|ies)?(?: in)?|struggl\w*(?: to)?|strain\w*(?: to)?|hard to|problems?|"
    r"impossible to|push(?:ing)? to|(?:takes|took|taking) (?:ages|forever|a long time|a while) to)"
)
_DONT_HAVE = r"(?:don'?t|do not|doesn'?t|does not) have(?: (?:any|much|full|proper|real))?"
_NOT_DO = (
    r"(?:didn'?t|did not|couldn'?t|could not|can'?t|cannot|don'?t|do not|not|never|won'?t|"
    r"wouldn'?t)"
)
_ORGAN = r"(?:bladder|bowels?|pee|urine|poo|poop|wee|water|stool|bum|bottom|back passage)"
_CLOTHES = (
    r"(?:myself|my ?self|(?:my|the) (?:pants|trousers|knickers|underwear|undies|boxers|briefs|bed|"
    r"jeans|shorts|pyjamas|pajamas|pjs|clothes|sheets))"
)

# Saddle numbness: area then sensation, or sensation then area, in one clause
# (a negation next to the sensation denies it: "my groin isn't numb"). These
# run only on a clause with a sensation word, which keeps a long message full
# of area words from costing a scan per word. The gap between the two is
# bounded (_GAP): unbounded, each sensation word of one long clause would scan
# to its end, the square of the clause's length.
_GAP = r".{0,200}"
_SENSATION = re.compile(rf"\b{_SENSE}")
_NUMBNESS = [
    re.compile(rf"\b{_SADDLE}\b{_GAP}\b(?P<core>{_SENSE})"),
    re.compile(rf"\b{_SENSE}{_GAP}\b{_SADDLE}\b"),
    re.compile(
        rf"(?<!left )(?<!right )(?<!one )\b{_BOTTOM} (?:{_NEAR_AFTER} ){{0,4}}"
        rf"(?P<core>{_SENSE}){_FROM_SITTING}"
    ),
    re.compile(rf"\b{_SENSE} (?:{_NEAR_BEFORE} ){{0,5}}{_BOTTOM}\b{_FROM_SITTING}"),
    re.compile(rf"\b{_SENSE} (?:\w+ ){{0,2}}where (?:i|you)(?:'d| would)? sit\b"),
    # numbness noticed when wiping
    re.compile(rf"\b{_SENSE}{_GAP}\b{_WIPE}\b"),
    re.compile(rf"\b{_WIPE}\b{_GAP}\b(?P<core>{_SENSE})"),
]
_SYMPTOMS = [
    re.compile(r"\blike (?:i'm |i am |im |i've been )?sitting on (?:a |my )?(?:bike )?saddle\b"),
    # loss of bladder or bowel control
    re.compile(
        rf"\b(?:(?:{_CANT}|no longer|lost|losing|lose|loss of|lack of|poor)\s+(?:\w+\s+)?"
        rf"|{_DONT_HAVE}\s+)"
        rf"(?:control(?:ling)?|hold(?:ing)?(?: in| it in)?)\s+"
        rf"(?:of\s+|over\s+|when\s+i\s+)?(?:my\s+|the\s+)?{_ORGAN}\b(?! bottle)"
    ),
    re.compile(rf"\bno (?:real |proper )?control (?:of|over) (?:my |the )?{_ORGAN}\b"),
    re.compile(
        rf"\b(?:lost|losing|lose|loss of|lack of|no|poor|reduced|less|without|zero|"
        rf"{_DONT_HAVE})\s+"
        r"(?:(?:all|any|my|the|some|total|complete|full)\s+)*"
        r"(?:bladder|bowel|urinary|urine|faecal|fecal|anal|toilet|continence)s?\s+control\b"
        r"(?!\s+(?:problems?|issues?|trouble|worries|concerns|changes?)\b)"
    ),
    re.compile(
        r"\b(?:bladder|bowels?|waterworks)(?: control)?(?:'s)?"
        r"(?: (?:is|are|has|have|been|just|totally|completely|suddenly|now))*"
        r" (?:gone|failing|failed|lost|broken|playing up|"
        r"(?:not|isn'?t|aren'?t|doesn'?t|does not|don'?t|do not|won'?t|will not) (?:\w+ )?"
        r"(?:working|work|right|normal|functioning|function|behaving|emptying|empty)|"
        r"(?:stopped|quit) working|(?:gone|going|went) (?:funny|weird|wrong|haywire|crazy))\b"
    ),
    re.compile(
        r"\b(?:bladder|bowel|pee|wee|urine|poo|poop|stool|toilet|bathroom|bed)s? "
        r"(?:(?:is|are|keeps?|has been|have been|'s) )?"
        r"(?:accidents?|leak(?:s|ing|age|ed)?|incontinence|weakness)\b"
    ),
    re.compile(r"\bincontinen(?:t|ce)\b"),
    re.compile(
        r"\b(?:wet|wets|wetting|pee|pees|peed|pee'd|peeing|piss|pisses|pissed|pissing|"
        r"wee|wees|weed|wee'd|weeing|soil|soils|soiled|soiling|poo|poos|pooed|poo'd|pooing|"
        r"poop|poops|pooped|pooping|shat|shit|shitting|crap|crapped|crapping|mess|messed|messing|"
        r"leak|leaks|leaked|leaking|dribble|dribbled|dribbling)"
        r"(?: (?:a little bit|a little|a bit|slightly|again|completely|all over))?"
        rf"(?: (?:in|into|on))? {_CLOTHES}\b"
    ),
    re.compile(
        r"\bi(?:'m|m| am|'ve| have)?(?: (?:been|started|keep|kept|always|now|also|just|still))*"
        r" leak(?:s|ed|ing)?\b"
    ),
    re.compile(
        rf"\b(?:leak|dribbl|trickl|drip|seep)\w* (?:\w+ ){{0,3}}(?:urine|pee|{_WEE}|poo|stool)\b"
    ),
    re.compile(
        rf"\b(?:urine|pee|{_WEE}|piss|poo|stool)\s+(?:\w+\s+){{0,2}}"
        r"(?:dribbl\w*|trickl\w*|leak\w*|drip\w*|seep\w*|escap\w*|(?:comes?|came|coming) out)"
    ),
    re.compile(r"\baccidents? (?:with|in) (?:my |the )?(?:pants|underwear|bladder|bowels?|bed)\b"),
    re.compile(
        r"\b(?:having|had|have|has|keep having|kept having|getting|get)\s+"
        r"(?:(?:a few|some|lots of|loads of|more|several|frequent|regular|the odd|"
        r"a couple of|any|little|small)\s+)?accidents\b"
    ),
    re.compile(
        r"\b(?:had|having|have|has)\s+(?:a|an|another)\s+(?:little|small|slight|bit of an?|"
        r"toilet|bathroom|bladder|bowel|pee|wee) accident\b"
    ),
    # not reaching the toilet in time (not "can't get to the toilet without help")
    re.compile(
        rf"\b{_NOT_DO} (?:always |quite )?make it to (?:the )?(?:toilet|loo|bathroom)\b"
        r"(?! (?:without|on my own|alone|by myself|unaided|with)\b)"
    ),
    re.compile(
        rf"\b{_NOT_DO} (?:always |quite )?(?:get|got|reach|reached) to (?:the )?"
        r"(?:toilet|loo|bathroom) in time\b"
    ),
    # "I can't hold it in": urine, said plainly (not "hold it in position")
    re.compile(
        r"\b(?:can ?not|can'?t|couldn'?t|could not|unable to|not able to|hard to)"
        r" (?:hold|keep) (?:it|myself) in\b(?! (?:position|place|line|the|that|this|a|an)\b)"
    ),
    re.compile(
        r"\b(?:can ?not|can'?t|couldn'?t|could not|unable to|not able to|hard to)"
        r" hold (?:it|on|myself) (?:in time|when i (?:cough|sneeze|laugh)|"
        r"(?:till|until|til|before|long enough to) (?:i )?(?:get|reach|make it) (?:to )?"
        r"(?:the )?(?:toilet|loo|bathroom))"
    ),
    # passing urine or stool without feeling it
    re.compile(
        r"\b(?:pee|wee|urinat|piss|poo|wet)\w* without (?:knowing|feeling|noticing|realising|"
        r"realizing)\b"
    ),
    re.compile(
        rf"\b{_NOT_DO} (?:even )?(?:feel|notice|realise|realize)(?: that)? "
        r"(?:myself |i(?:'m| was| am| had| have)? )?(?:pee|wee|urinat|piss|poo|wet)\w*"
    ),
    re.compile(r"\b(?:bladder|bowel|waterworks)s? (?:problems?|issues?|trouble|dysfunction)\b"),
    re.compile(
        r"\b(?:problems?|issues?|trouble|difficult(?:y|ies)|changes?) (?:with|in|controlling) "
        r"(?:my |the )?(?:bladder|bowels?|waterworks|peeing|weeing|urinating|continence)\b"
    ),
    # retention: cannot start or pass urine
    re.compile(rf"\b{_CANT}\s+(?:\w+\s+){{0,2}}?{_PEE}"),
    re.compile(
        r"\b(?:haven'?t|hasn'?t|have not|has not|not|never|didn'?t|did not)\s+(?:\w+\s+)?"
        r"(?:peed|pee'd|urinated|weed|wee'd|pissed|passed (?:any )?(?:urine|water)|"
        r"had an? (?:pee|wee|piss|wazz)|been for an? (?:pee|wee|piss))\b"
        rf"(?! (?:(?:a little |a bit |in |on )?{_CLOTHES}|off)\b)"
    ),
    re.compile(
        rf"\b(?:didn'?t|did not) (?:\w+ )?(?:pee|{_WEE}|urinate)\b(?! (?:in |on )?{_CLOTHES})"
    ),
    re.compile(r"\bnothing (?:\w+ )?(?:comes?|came|will come|would come|is coming) out\b"),
    re.compile(
        r"\bnothing (?:happens|happened|comes|came) (?:when|if|as) i (?:try|tried|want|go|went)"
        r" (?:to )?(?:pee|wee|urinate|go)\b"
    ),
    re.compile(
        rf"\b(?:pee|{_WEE}|urine|peeing|weeing|urinating|(?:the|my|urine) (?:flow|stream))"
        r"(?: \w+)? (?:won'?t|will not|wouldn'?t|doesn'?t|does not|didn'?t|did not|isn'?t|is not)"
        r" (?:start|come|flow|happen)\w*\b"
    ),
    re.compile(
        r"\bbladder (?:won'?t|will not|doesn'?t|does not|isn'?t|is not|not) "
        r"(?:fully |properly |completely )?empty(?:ing)?\b"
    ),
    re.compile(r"\b(?:urinary|urine) retention\b|\bretaining urine\b|\bretention of urine\b"),
    # lost awareness: not feeling or knowing when the bladder or bowel needs emptying
    re.compile(
        r"\b(?:can ?not|can'?t|couldn'?t|don'?t|do not|didn'?t|no longer|not|never)"
        r" (?:really |even |always |properly )?(?:know|tell|feel|notice|sense|realise|realize)"
        r"(?: (?:when|if|whether|that))? i(?:'m| am|'ve| have|'d| had| was)?"
        r" (?:(?:need|have|about|got) (?:to |a )?)?"
        rf"(?:pee|wee|poo|urinate|{_GO}|peeing|weeing|pooing|urinating|peed|weed|pooed|wet)\b"
    ),
    re.compile(
        r"\b(?:can ?not|can'?t|couldn'?t|don'?t|do not|no longer|not|never)"
        r" (?:really |even )?(?:feel|tell|know|sense|notice)"
        r" (?:myself |my )?(?:peeing|weeing|pooing|urinating|wetting|pee|wee)\b"
    ),
    re.compile(
        r"\b(?:can ?not|can'?t|couldn'?t|don'?t|do not|didn'?t|did not)"
        r" (?:really |even )?feel (?:it|anything|a thing|much|myself)"
        rf" (?:when|while|as) i (?:pee|wee|urinate|{_GO}|poo|wipe)\b"
    ),
    re.compile(
        rf"\b(?:when|while|as) i (?:pee|wee|urinate|{_GO}|poo|wipe)\b(?: i)?"
        r" (?:can ?not|can'?t|couldn'?t|don'?t|do not|didn'?t|did not)"
        r" (?:really |even )?feel (?:it|anything|a thing|much)\b"
    ),
    re.compile(
        r"\b(?:can ?not|can'?t|couldn'?t|don'?t|do not|no longer|not|never)"
        r" (?:really |always )?(?:feel|tell|know|sense|notice) (?:when|if|whether) (?:my|the)"
        r" bladder(?:'s| is| gets)? full\b"
    ),
    re.compile(
        r"\b(?:no|lost|losing|loss of) (?:the |any )?(?:urge|sensation) to "
        rf"(?:pee|wee|urinate|{_GO}|poo)\b"
    ),
    re.compile(
        r"\b(?:can'?t|cannot|don'?t|do not|never|no longer) (?:feel|get) (?:the |any )?"
        rf"(?:(?:urge|sensation|feeling) to (?:pee|wee|urinate|{_GO}|poo)|"
        r"need to (?:pee|wee|urinate|poo))\b"
    ),
]

_NUMBNESS_AND_SYMPTOMS = [*_NUMBNESS, *_SYMPTOMS]

# Symptoms told across a "but" or an "and", matched before the text is split:
# wanting to pee and not being able to, peeing and not feeling it.
_ACROSS_CLAUSES = [
    re.compile(
        r"\b(?:(?:need|needing|needed|want|wanting|wanted|try|trying|tried|urge) to "
        r"(?:pee|wee|urinate|go(?: to the (?:toilet|loo|bathroom))?)|"
        r"bladder (?:feels |is )?(?:so )?(?:full|bursting))"
        r",? (?:but|and|yet) (?:i )?(?:just )?"
        r"(?:(?:can'?t|cannot|can not|couldn'?t|could not)"
        r"(?: (?:go|do it|manage it|seem to|get (?:it|anything) out))?(?=$|[.,;!?]| now| today)|"
        r"nothing (?:happens|happened|comes|came|will come))"
    ),
    re.compile(
        r"\b(?:can'?t|cannot|couldn'?t) (?:go|pee|wee)[,.]? (?:and |but )?my bladder"
        r" (?:feels |is |'s )(?:so |really )?full\b"
    ),
    re.compile(
        r"\b(?:peed|weed|wee'd|pooed|wet (?:myself|the bed))(?: \w+){0,2},? and "
        r"(?:i )?(?:didn'?t|did not|couldn'?t|could not) (?:even )?(?:feel|notice)"
        r" (?:it|anything)\b"
    ),
]

# Negation words: they deny a symptom only when they govern it (see _governed).
_NEGATIONS = frozenset(
    [
        "no", "not", "never", "without", "nor", "none", "nothing", "neither", "nope", "nah", "zero",
        "deny", "denies", "denied", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt",
        "haven't", "havent", "hasn't", "hasnt", "isn't", "isnt", "aren't", "arent", "wasn't",
        "wasnt", "weren't", "werent", "won't", "wont", "free",
    ]
)
_MULTIWORD_NEGATION = re.compile(r"\b(?:ruled out|free of)\b")
# Words that may stand between a negation and the symptom it governs: articles,
# "have / had / noticed / any", and other items of a list of symptoms. Anything
# else ("didn't notice *until today that* my groin is numb", "no pain *today*")
# means the negation is about something else.
_BRIDGE = frozenset(
    [
        "a", "an", "the", "any", "my", "some", "more", "much", "further", "new", "other", "real",
        "really", "actual", "actually", "major", "big", "obvious", "significant", "serious", "such",
        "sign", "signs", "symptom", "symptoms", "kind", "sort", "type", "of", "at", "all", "ever",
        "once", "have", "has", "had", "having", "got", "get", "getting", "gotten", "been", "be",
        "being", "is", "are", "was", "were", "am", "experienced", "experiencing", "experience",
        "noticed", "notice", "noticing", "seen", "felt", "feel", "feeling", "suffer", "suffered",
        "suffering", "from", "developed", "develop", "with", "in", "to", "there", "there's",
        "theres", "currently", "recently", "lately", "yet", "longer", "problem", "problems",
        "issue", "issues", "trouble", "troubles", "change", "changes", "difficulty", "difficulties",
        "loss", "pain", "pains", "weakness", "numbness", "tingling", "numb", "tingly", "leg",
        "legs", "back", "bladder", "bowel", "bowels", "urine", "urinary", "groin", "saddle", "area",
        "region", "down", "below", "between", "around", "inner", "thigh", "thighs", "genitals",
        "privates", "crotch", "perineum", "anus", "bum", "bottom", "butt", "passage", "or", "nor",
        "and", "and/or", "/", "&", ",", "either",
    ]
)
# A finite verb inside a symptom phrase ("groin *is* numb", "bum's gone numb").
_OWN_VERB = re.compile(
    r"\b(?:is|are|was|were|feels|felt|has|have|gone|went|goes|gets|got|keeps|became|becomes)\b"
    r"|\w's\b"
)
_BRIDGE_LIMIT = 8  # at most this many filler words between a negation and its symptom
_GOVERNED_WINDOW = 400  # characters: far more than that many words and their negation
_WORD_OR_COMMA = re.compile(r"[\w'/&]+|,")

# A bare answer after a symptom named as a label: "bladder problems: none".
_ANSWER = re.compile(
    r"(?:(?:is|are|was|were|both|all|seems?|seem to be|feels?|still|totally|completely|"
    r"perfectly|absolutely|just|pretty|quite|working|works|functioning) )*"
    r"(?P<answer>nothing at all|none at all|not at all|at all|not a thing|nothing|zero|"
    r"none|no|nope|nah|not really|never|nil|n/?a|fine|normal|ok|okay|good|"
    r"all good|all fine|all ok|great|no problems?|no issues?|no changes?|unchanged|as normal|"
    r"as usual|same as (?:usual|always|before|ever)|under control|nothing new|"
    r"nothing to report|not noticed|not that i(?:'ve| have)? noticed|not that i know of|"
    r"not at the moment|not now|not currently|not any ?more|no longer|not recently|not lately|"
    r"i(?:'m| am) fine|(?:i )?(?:don'?t|do not|haven'?t|have not)"
    r"(?: (?:have|had|got))?(?: (?:any|it|them|that|those))?)"
    r"(?: (?:at all|thanks?|thank you|ta|now|today|so far|as usual|as always|too|either|"
    r"really|thankfully|luckily|fortunately|x))*"
)
# After a symptom that is itself negative ("can't feel anything down there"),
# these answers stress it rather than deny it.
_EMPHATIC = frozenset(
    ["nothing", "nothing at all", "none at all", "not at all", "at all", "not a thing", "zero"]
)
_NEGATIVE_FORM = re.compile(
    r"\b(?:no|not|never|nothing|without|can ?not|can'?t|couldn'?t|unable|haven'?t|hasn'?t|"
    r"don'?t|didn'?t|won'?t|isn'?t|aren'?t|doesn'?t|lost|loss|lose|losing)\b"
)
# A clause with a subject or a verb is a statement, not a label, so an answer
# after it ("I wet myself? No") is not read as denying it.
_STATEMENT = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|me|myself|is|are|was|were|am|feels?|felt|has|have|had|got|"
    r"gets|keeps?|kept|went|been)\b|\w's\b"
)

# Every symptom pattern contains one of these stems; text without any of them
# (a pain score, "yes", "done") is ruled out without running the patterns,
# and so is each clause without one. (Grouped by first letter: Python's re
# tries every branch of a flat alternation at every position.)
_STEMS = re.compile(
    r"a(?:sleep|ccident)|b(?:ladder|owel|athroom)|c(?:ontrol|omes? out|ame out|oming out|rap)|"
    r"continen|d(?:ead|ribbl|rip)|esthe|f(?:eel|low)|hold|i go|keep|l(?:oo|eak)|mess|"
    r"n(?:umb|eedles)|p(?:rickl|ee|iss|oo)|ret(?:ention|ain)|"
    r"s(?:addle|ensory|ensation|tool|tream|oil|hat|hit|eep)|t(?:ingl|oilet|rickl|o go)|"
    r"u(?:rin|rge)|w(?:ee|ater|et|azz)"
)


def describes_cauda_equina(text: str) -> bool:
    """Whether ``text`` reports a cauda equina symptom (and does not deny it)."""
    cleaned = normalise(text)
    if not cleaned or not _STEMS.search(cleaned):
        return False
    for pattern in _ACROSS_CLAUSES:
        if any(not _governed(cleaned[: m.start()]) for m in pattern.finditer(cleaned)):
            return True
    for part in _CONJUNCTION.split(cleaned):
        clauses = [c for c in _PUNCTUATION.split(part) if c.strip()]
        for index, clause in enumerate(clauses):
            if not _STEMS.search(clause):
                continue
            following = clauses[index + 1] if index + 1 < len(clauses) else ""
            if _clause_reports_symptom(clause.strip(), following.strip()):
                return True
    return False


def _clause_reports_symptom(clause: str, following: str) -> bool:
    patterns = _NUMBNESS_AND_SYMPTOMS if _SENSATION.search(clause) else _SYMPTOMS
    return any(
        not _denied_before(clause, match) and not _answered_no(clause, match, following)
        for pattern in patterns
        for match in pattern.finditer(clause)
    )


def _denied_before(clause: str, symptom: re.Match[str]) -> bool:
    """Whether a negation governs the symptom, before it or before its sensation word.

    A symptom said as a sentence of its own ("my groin is numb") has its own
    verb, so a negation before it belongs to another verb ("I didn't notice
    my groin is numb") and only a negation inside it counts.
    """
    if "core" in symptom.re.groupindex and _governed(
        clause[symptom.start() : symptom.start("core")]
    ):
        return True
    if _OWN_VERB.search(symptom.group(0)):
        return False
    return _governed(clause[: symptom.start()])


def _governed(before: str) -> bool:
    """Whether a negation at the end of ``before`` governs what follows it.

    It does when only filler stands between them (see _BRIDGE). Only the last
    few words can matter, so only the end of ``before`` is read: a long message
    with many matches must not cost the square of its length.
    """
    before = _MULTIWORD_NEGATION.sub(" not ", before[-_GOVERNED_WINDOW:])
    words = _WORD_OR_COMMA.findall(before)
    for word in reversed(words[-(_BRIDGE_LIMIT + 1) :]):
        if word in _NEGATIONS:
            return True
        if word not in _BRIDGE:
            return False
    return False


def _answered_no(clause: str, symptom: re.Match[str], following: str) -> bool:
    """Whether a bare answer after a symptom label denies it ("bladder problems: none")."""
    if _STATEMENT.search(clause, 0, symptom.end()):
        return False
    rest = clause[symptom.end() :].strip(" ,:-?")
    answer = _ANSWER.fullmatch(rest or following.strip(" ,:-?.!"))
    if answer is None:
        return False
    return not (answer["answer"] in _EMPHATIC and _NEGATIVE_FORM.search(symptom.group(0)))
