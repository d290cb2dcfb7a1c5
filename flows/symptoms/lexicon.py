"""The words people use for red-flag symptoms, grouped into cues.

A cue is one ingredient of a concept: a sensation (``SENSE``), a body site
(``SADDLE``), an organ (``URINE``), an event (``LEAK``) ... The concept
layer (:mod:`flows.symptoms.concepts`) combines cues into concerns ("numb"
near "groin" is saddle numbness). Each entry is a phrase pattern over the
normalised tokens: ``(a|b)`` is a choice, ``[a|b]`` an optional choice,
anything else a literal token. Lay, slang and clinical words, in British,
American and Australian usage, are listed side by side; spelling mistakes
are not listed (the spelling layer maps them to these words).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from typing import Final

from flows.symptoms.text import words


class Cue(StrEnum):
    """One kind of ingredient of a red-flag concept."""

    SENSE = "sense"  # lost or altered feeling
    ODD = "odd"  # a vague "feels weird"
    SADDLE = "saddle"  # a saddle-area site
    BOTTOM = "bottom"  # the bottom, side not said
    BOTTOM_ONE = "bottom_one"  # one buttock, in one word
    SADDLE_FEELING = "saddle_feeling"  # saddle numbness, said in full in one phrase
    BOTTOM_BOTH = "bottom_both"  # both buttocks, in one word
    SIDE = "side"  # one side only
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    WIDE = "wide"  # from the waist down
    TOILET = "toilet"  # wiping, the toilet seat
    URINE = "urine"
    BOWEL = "bowel"
    CONTROL = "control"  # losing control (head of a control concept)
    ORGAN_FAIL = "organ_fail"  # "let go", "stopped working" next to an organ
    LEAK = "leak"  # an accident, said in full ("wet myself")
    LEAK_VERB = "leak_verb"  # an accident's verb, needs an organ or clothes
    ACT_PAST = "act_past"  # "peed", "pooed": an accident when not felt
    LEAK_VAGUE = "leak_vague"  # "I've been leaking", "accidents"
    CLOTHES = "clothes"
    WET = "wet"  # clothes or bed found wet
    UNNOTICED = "unnoticed"
    SLEPT = "slept"  # slept through it: unnoticed, said of a wet bed only
    RETAIN = "retain"  # cannot pass urine, said in full
    RETAIN_VAGUE = "retain_vague"  # "nothing comes out": needs urine or the toilet
    URGE_LOST = "urge_lost"  # not feeling the need to go
    PROBLEM = "problem"  # "problems", "not right", next to an organ
    CONSTIPATION = "constipation"
    SITTING = "sitting"
    NUMB_EXPLAINED = "numb_explained"  # a local cause of numbness: an injection, the cold
    PERSIST = "persist"
    PASSES = "passes"
    LEG = "leg"
    LEGS = "legs"  # both legs, said in full
    LEG_PAIN = "leg_pain"  # pain or sciatica words
    SPREAD = "spread"  # "now in the other leg too"
    GIVING_WAY = "giving_way"
    WEAK = "weak"
    FOOT_DROP = "foot_drop"
    WORSE = "worse"
    FEVER = "fever"
    SWEATS = "sweats"
    WEIGHT_LOSS = "weight_loss"
    ON_PURPOSE = "on_purpose"
    NOT_ON_PURPOSE = "not_on_purpose"  # "without trying", "not dieting"
    WET_EXPLAINED = "wet_explained"  # rain, a spilt drink
    CANCER = "cancer"
    MEDICINE = "medicine"
    NO_EFFECT = "no_effect"
    UNCONTROLLED = "uncontrolled"  # pain no medicine controls, said in full
    SECOND_LEG = "second_leg"  # "the other leg", "as well as the left"
    STRENGTH = "strength"  # "neither leg has any strength"
    UNABLE = "unable"  # "won't", "can't", "doesn't": composed with MOVE, HOLD, NOTICE
    MOVE = "move"  # what a leg or foot should do: "lift", "move", "take my weight"
    MOTOR = "motor"  # what a dropped foot does: "drags", "catches", "flops"
    HOLD = "hold"  # what a sphincter should do: "hold it in", "squeeze", "stop it"
    NOTICE = "notice"  # what the person should sense: "tell", "know", "feel"
    SEVERE = "severe"  # pain said to be severe
    BETTER = "better"  # getting better, not worse
    EXERTION = "exertion"  # what explains both legs aching: "squats", "leg day"
    WEIGHT = "weight"  # a weight word or unit
    LOSE = "lose"  # a word of losing
    BLOCK = "block"  # phrases that look like a cue but are not ("balls of my feet")


_CANT = (
    "(can't|cannot|couldn't|unable to|not able to|struggling to|struggle to|hard to|can't to|"
    "(haven't|hasn't|have not|has not|not) been able to|no longer able to)"
)
_PEE = (
    "(pee|wee|urinate|piss|wazz|tinkle|widdle|make water|pass water|pass urine|have a slash|"
    "spend a penny|go potty|go to the toilet|go to the loo|empty my bladder|have a wee|"
    "have a pee|have a piss|do a wee|do a pee|make pee|make wee|make pipi|piddle)"
)
_MYSELF = (
    "(myself|my pants|my trousers|my knickers|my underwear|my undies|my jeans|my shorts|"
    "my pyjamas|my pjs|my boxers|my clothes|the bed|my bed|the sheets|my nappy|my pad|me pants|"
    "me trousers|me knickers|me undies|me drawers|my drawers|me jocks|my jocks|my daks)"
)

LEXICON: Final[dict[Cue, tuple[str, ...]]] = {
    Cue.SENSE: (
        "numb", "numbness", "numbed", "numbish", "numbing", "tingling", "tingly",
        "tingle", "tingles", "tingled", "pins and needles", "pins n needles", "prickly",
        "prickling", "buzzing", "no (feeling|sensation)", "[the] feeling has gone",
        "(lost|losing|lose|loss of|lack of|reduced|less|altered|decreased) [all|the|any|some|"
        "more|more and more|most|much|a lot of|my] "
        "(feeling|sensation)",
        f"{_CANT} [really|properly] (feel|sense) [anything|a thing|much|it|them]",
        "(don't|didn't|do not|did not|can't|cannot|couldn't|never|barely|hardly) [really|even] "
        "feel (anything|a thing|much|it|the paper|the seat|myself|the toilet)",
        "(barely|hardly|no longer) feel",
        "feel nothing", "feels nothing", "nothing there", "dead", "deadened", "gone dead",
        "(someone else's|somebody else's|someone elses|somebody elses)",
        "not (mine|my own)", "not my body", "like cardboard", "like rubber", "rubbery",
        "anaesthetised", "anesthetized", "anaesthetic", "anesthetic", "like at the dentist",
        "like the dentist", "frozen", "asleep", "fallen asleep", "fell asleep",
        "paraesthesia", "paresthesia", "hypoaesthesia", "hypoesthesia", "anaesthesia",
        "anesthesia", "sensory loss", "no sensation", "can't tell if (it's|its) there",
        "felt nothing", "feel nothing", "didn't feel a thing", "couldn't feel a thing",
        "(can't|couldn't) i feel", "rubber glove", "(belongs|belong|belonged) to (someone|"
        "somebody) else", "(sitting|sat) on (someone|somebody) else", "cushion of air",
        "sitting on air", "switched off", "(is|are|feel|feels) (not|no) mine",
        "no mine", "not mine any more", "(no|not) mine any mair", "cold and numb",
        "can't feel either", "can't feel both", "prickles", "the prickles", "sleeping",
        "without feeling", "(not|no) feeling", "deadness", "numbness about", "at the dentist",
        "(like|as if) (it's|it has|i've|i have) been (injected|anaesthetised|anesthetized|numbed)",
        "(haven't|have not|haven't got) [any] (feeling|sensation)", "[the] feeling's gone",
        "feeling (is|has) gone", "(gone|going|getting) number", "number and number",
        "(could not|do not|did not|cannot) [really|even] feel (anything|a thing|much|it)",
        "(can't|cannot|couldn't|don't|do not|didn't|did not) [really|even|properly] feel my",
        "(like|as if|as though) (it's|it is|its) not my",
        "(like|as if|as though) (it's|it is|its) not mine",
    ),
    Cue.ODD: (
        "weird", "strange", "funny", "odd", "different", "not right", "wrong", "off",
        "not normal",
    ),
    Cue.SADDLE: (
        "groin", "groins", "genitals", "genital", "genital area", "genitalia", "crotch",
        "privates", "private parts", "private area", "private bits", "down there",
        "down below", "between (my|the|your) legs", "perineum", "perineal", "taint", "gooch",
        "grundle", "undercarriage", "saddle", "saddle area", "saddle region",
        "inner (thigh|thighs|legs)", "inside of (my|both|the) (thigh|thighs|legs)",
        "anus", "anal", "back passage", "rectum", "bumhole", "bum hole", "butthole",
        "butt hole", "arsehole", "asshole", "my ring", "ring piece", "penis", "willy", "willie",
        "todger", "dick", "cock", "testicles", "testes", "scrotum", "nutsack", "ball sack",
        "ballsack", "balls", "nuts", "vagina", "vulva", "labia", "clitoris", "clit", "fanny",
        "minge", "vag", "front bottom", "(my|lady|man|girly|nether|private) bits",
        "(my|the) junk", "lady parts", "man parts", "nether regions", "nethers",
        "(sit|sitting) bones", "where (i|you) sit", "perianal", "peri anal", "seat area",
        "seat region", "the bits", "knob", "knackers", "clacker", "date", "vajayjay",
        "vajajay", "nether parts", "nether", "during sex", "during relations",
        "during intercourse", "touch myself", "touching myself", "the private",
        "south of the border",
        "parts of down", "the sex", "front passage", "(my|me) parts", "seat of my (trousers|"
        "pants|jeans|trousers area)", "saddle part", "lady garden", "down part",
        "(my|me|ma|mi) hole", "perineal area", "pubic [area|region]",
        "pelvic floor",
        "downstairs", "pecker", "pussy", "doodle", "old fella", "private part", "private",
        "crotch area", "front n back", "place (of|where) (sitting|i sit|you sit)",
        "(part|parts|bit|bits|area|areas) [of me] [that] (i|you) sit on",
        "(bum|bottom|butt|arse|ass) and bits", "round (my|the) (bum|bottom|"
        "butt|arse|ass|back passage|backside)", "front and back",
        "between (my|the) (cheeks|buttocks)", "around my (bum|bottom|butt|arse|ass) hole",
        "around (my|the) (bum|bottom|butt|arse|ass|backside)",
    ),
    Cue.BOTTOM: (
        "bum", "butt", "bottom", "backside", "arse", "ass", "rear", "tush", "tushy", "booty",
        "behind", "rear end", "bumsee", "bumsie", "batty", "bum bum", "ring", "bahookie",
        "keister", "derriere", "buns", "hiney", "heinie",
    ),
    Cue.BOTTOM_ONE: ("buttock", "glute", "bum cheek", "butt cheek", "cheek", "arse cheek"),
    Cue.SADDLE_FEELING: (
        "[(like|as if|as though)] [(i'm|i am)] (sitting|sat) on a [bike] saddle",
        "saddle (anaesthesia|anesthesia|numbness|paraesthesia|paresthesia|sensory loss)",
        "(reduced|altered|decreased|absent|loss of|lost|no|diminished) (perineal|perianal|saddle|"
        "genital|anal) (sensation|feeling)",
        "[like] (i'm|i am) (sitting|sat) on (someone|somebody) else",
    ),
    Cue.BOTTOM_BOTH: (
        "buttocks", "bum cheeks", "butt cheeks", "arse cheeks", "ass cheeks", "cheeks", "glutes",
        "both (bum|butt|bottom|buttock|buttocks|cheeks|sides of my bum|sides of my bottom)",
    ),
    Cue.SIDE: (
        "one side", "one buttock", "one cheek", "on one side", "one of my", "one bum cheek",
        "the other (one|ones|side|cheek) [is] (fine|grand|ok|okay|normal|alright)",
        "the (left|right) [one|side] [is] (fine|grand|ok|okay|normal|alright)",
    ),
    Cue.LEFT: ("left",),
    Cue.RIGHT: ("right",),
    Cue.BOTH: ("both", "both sides", "each side", "either side", "two sides"),
    Cue.WIDE: (
        "(from|below|under|beneath) [the|my] (waist|middle|hips|belly|belly button|bellybutton|"
        "navel|tummy|stomach|undies|pants|knickers) [all the way] (down|downwards|to down)",
        "everything below my (hips|waist|belly|belly button)",
        "(from|below) (the|my) waist [down]", "waist down", "from the hips down",
        "(below|under|beneath) (my|the) (belly button|bellybutton|navel|tummy|stomach)",
        "(belly button|bellybutton|navel) down", "from my (belly button|bellybutton) down",
        "everything (below|down) (there|here)", "whole lower (body|half)", "lower half",
        "from the (belly|tummy) down", "from (my|the) waist to (my|the) (knees|knee|feet|toes)",
        "[all the way] down from my middle", "from my middle down",
    ),
    Cue.TOILET: (
        "wipe", "wiping", "wiped", "wipes", "toilet paper", "loo roll", "toilet roll",
        "loo paper", "bog roll", "toilet tissue", "(on|sitting on|sat on|sit on) the "
        "(toilet|loo|bog|dunny|john|can|pan)", "toilet seat", "loo seat", "bog seat",
        "the seat", "bidet", "toilet", "loo", "bathroom", "dunny", "bog", "lavatory",
        "potty", "the throne", "restroom", "spend a penny", "managed to go", "tried to go",
        "the mat", "yoga mat", "the pan", "over the pan",
        "(need|needing|needed|try|trying|tried|want|wanting|wanted) to go",
    ),
    Cue.URINE: (
        "bladder", "continence", "pee", "peeing", "peed", "pees", "wee", "weeing", "wees",
        "urine", "urinate",
        "urinating", "urination", "urinary", "piss", "pissing", "pass water", "passing water",
        "waterworks", "wazz", "tinkle", "widdle", "number one", "number ones", "wee wee",
        "piddle", "piddling", "piddled", "tinkling", "plumbing",
        "stream", "my flow", "the flow", "slash", "a leak", "the water", "my water",
        "micturition", "urination", "a drop", "drips", "trickle", "number 1", "make water",
        "spend a penny", "urinated", "urinates", "pipi", "ease myself",
    ),
    Cue.BOWEL: (
        "bowel", "bowels", "poo", "poos", "poop", "poops", "pooing", "pooping", "pooed",
        "stool", "stools", "faeces", "feces", "faecal", "fecal", "number two", "number twos",
        "kaka", "caca", "doo doo", "doodoo", "dookie", "dookied", "number 2", "#2",
        "crap", "shit", "motions", "bowel movement", "bowel movements", "turd", "back passage",
        "jobbies", "jobby", "number 2", "motion", "a poo", "the poo",
    ),
    Cue.CONTROL: (
        f"{_CANT} [really|properly|fully|always] (control|hold it|hold on|hold myself|"
        "hold it in|hold myself in|keep it in|stop it|stop)",
        f"{_CANT} hold [in] [my|the] {_PEE} [in]",
        f"{_CANT} hold [in] [my|the] (poo|bowels|bladder|urine|water|jobbies|number two|motions|"
        "wee|pee|stool) [in]",
        "(trouble|difficulty|problems|struggling) (holding|controlling) [it|my|the] [(water|pee|"
        "wee|urine|bladder|bowels|poo)]",
        "(not having|don't have|haven't got|have no|having no) [any] control",
        f"{_CANT} (seem to|really) control", f"{_CANT} hold anything in",
        "(lost|losing|lose|loss of|lack of|no|poor|zero|no real|reduced|less|without) "
        "[all|any|my|the|some|total|complete|full] [(bladder|bowel|urinary|faecal|fecal|"
        "toilet|continence)] control",
        "(no longer|not) in control", "(lost|losing|lose) [all] control",
        "(can't|cannot|couldn't) (make it|get) to the (toilet|loo|bathroom|bog) in time",
        "(didn't|did not|don't|do not|never) (make it|get) to the (toilet|loo|bathroom|bog) "
        "[in time]",
        "out of control", "dysfunction", "incontinent of",
        "(don't|didn't|do not|did not|doesn't) have [any|much|full|proper|real] [(bladder|"
        "bowel)] control",
    ),
    Cue.ORGAN_FAIL: (
        "let go", "gave way", "give way", "gone", "failing", "failed", "packed up",
        "stopped working", "not working", "isn't working", "aren't working", "playing up",
        "giving way", "just went", "opened", "emptied", "lets go", "letting go", "goes whenever",
        "goes when it wants", "mind of its own", "does what it wants", "not holding",
        "isn't holding", "won't hold", "does its own thing",
    ),
    Cue.LEAK: (
        "(wet|wets|wetting|peed|pee|peeing|pees|pissed|pissing|weed|wee'd|weeing|wees|pooed|"
        "pooped|pooing|pooping|soiled|soiling|soil|shat|shit|shitting|crapped|crapping|"
        f"messed|leaked|leaking|leak|dribbled|dribbling|piddling|piddled|tinkling|dookied|"
        "losing|lost) [a bit|a little|slightly|again|all] "
        f"[in|on|into] {_MYSELF}",
        "wet the bed", "wetting the bed", "wet my bed", "bed wetting", "bedwetting",
        "bed-wetting", "bladder accident", "bowel accident", "toilet accident",
        "accident in my (pants|trousers|knickers|underwear|undies|bed|sleep)",
        "incontinence", "incontinent", "enuresis", "nocturnal enuresis", "followed through",
        "(urine|pee|wee) (in|on) [the|my] (bed|sheets|mattress)",
        "(urinated|pissed) [in|on] [the|my] (bed|sheets|mattress)",
        "(wet|peed|pissed|weed|wee'd|pooed|soiled) (it|myself|the bed) in my sleep",
        "(lost|losing|leaked|leaking) [a bit of|a little|some|a little bit of] (poo|wee|pee|urine|"
        "stool)",
        "(losing|lost|leaking|passing) (urine|pee|wee|poo|stool|my water|water) [without "
        "(any|a) warning|without knowing]",
        "(pee|peed|wee|weed|poo|pooed|pooped|make pee|make poo|make the poo|made pee|"
        "wet) (in|on) [the|my] (bed|pants|floor|sleep)", "bowel movement in my sleep",
        "(it|pee|wee|urine|poo|things|stuff) [just] (comes|come|came) out (by itself|on its own|"
        "without warning)", "things just come out", "it just came out",
        "(can't|couldn't) stop (a|the|my) (poo|pee|wee|it) [from] (coming|coming out)",
        "(bum|arse|bottom|butt|back passage) [just] (lets go|let go|gives way|gave way)",
        "another accident", "wearing (a pad|pads)", "buy me pads",
        f"{_CANT} (hold|keep) it (in|back) [(till|until|before) i (get|reach) [to] [the] "
        "(toilet|loo|bathroom)]",
        "(had|have|having) an accident", "(leak|leaking|leaked|leaks|dribbling|dribble|"
        "dribbled|trickling|seeping) (urine|pee|wee|poo|stool)",
        "(urine|pee|wee|poo) [just|keeps|always|still] (leaking|leaks|leaked|dribbling|"
        "dribbles|escaping|comes out|coming out|came out|trickles out|trickling out|comes)",
        "incontinence pad", "incontinence pads",
    ),
    Cue.LEAK_VERB: (
        "leak", "leaking", "leaked", "leaks", "leakage", "dribble", "dribbling",
        "dribbled", "dribbles", "soiled", "soiling", "accident", "accidents", "messed",
        "trickle", "trickling",
    ),
    Cue.ACT_PAST: (
        "peed", "wee'd", "weed", "pooed", "pooped", "wet", "soiled", "leaked", "followed through",
        "had an accident", "dribbled", "went in my", "let go",
    ),
    Cue.LEAK_VAGUE: (
        "(i've|i have|i am|i'm|i keep|keep|been|i) [been|just|started] (leaking|dribbling)",
        "(having|had|have|keep having|getting) [a few|some|lots of|loads of|little|small|the odd|"
        "two|three|several|a couple of|2|3|4]"
        " accidents",
        "(had|having|have) a [little|small|bit of an] accident",
        "(messed|wet) myself", "[a bit|a little|quite|so|very] leaky",
        "(had|having|have) [me] an accident", "caught short",
    ),
    Cue.CLOTHES: (
        "myself", "drawers", "me pants", "maself", "pants", "trousers", "knickers", "underwear",
        "undies", "jeans", "shorts",
        "pyjamas", "pajamas", "pjs", "boxers", "briefs", "bed", "sheets", "mattress",
        "clothes", "nappy", "pad", "pads", "the chair", "my seat", "duvet", "socks", "floor",
        "mat", "woke up", "the sofa", "the car seat",
    ),
    Cue.WET: ("wet", "damp", "soaked", "soggy", "wet patch", "soaking", "sodden", "wet through",
              "in a puddle"),
    Cue.UNNOTICED: (
        "without (knowing|noticing|feeling|realising|realizing|meaning to)",
        "without (my|me) (knowing|knowledge|noticing|feeling it)",
        "without (having been|being) aware [of it]", "(hadn't|haven't|had not|have not) "
        "[even] (noticed|realised|realized|felt|known) [a thing|anything|it|myself]",
        "no idea (it happened|when|how)", "without i know", "without me knowing",
        "(never|didn't|did not|don't) (feel|felt) it (coming|come|go|happen)",
        "didn't know till", "without any warning", "(no|any) warning from my (bladder|bowels)",
        "(didn't|did not|never|don't|do not|couldn't|wasn't) [even] (notice|noticed|realise|"
        "realize|realised|realized|feel|felt|know|aware|noticing)",
        "[had] no idea", "not aware", "unaware", "no clue", "didn't have a clue",
        "(can't|cannot|couldn't) tell", "without warning", "no warning",
        "(didn't|did not|hadn't|haven't|never) [even] (felt|feel) (it|a thing|anything|myself)",
        "only (knew|noticed|realised|realized|found out)", "(didn't|did not) know (till|until)",
        "(till|until|til) (i|my) (saw|got home|looked|noticed|sock|skirt)",
    ),
    Cue.SLEPT: (
        "(slept|sleep|sleeping) (right|straight) through [it]", "(did not|didn't) wake [up]",
        "(did not|didn't) (even) wake [up]",
    ),
    Cue.RETAIN: (
        f"{_CANT} [even|really|seem to|actually] ({_PEE}|pass (urine|water)|empty [my|the] "
        "bladder|start (peeing|weeing|the flow|to pee|to wee)|get (it|anything|the pee|the wee|"
        "the urine) (out|going|started|to come))",
        "(haven't|hasn't|have not|not|didn't|did not|never) [been able to|managed to] "
        "(peed|weed|wee'd|urinated|pissed|passed (urine|water)|had a (pee|wee|piss)|"
        "been for a (pee|wee)|had a proper (pee|wee))",
        "(haven't|have not|not) [been able to] (pee|wee|urinate) [since|all|for]",
        "(didn't|did not) [even] (pee|wee|urinate) [(all|since|for|today|yesterday)]",
        "(need|needing|needed|want|wanting|wanted|try|trying|tried|desperate) to (pee|wee|go|"
        "urinate) [(but|and)] [i] [just] (can't|cannot|couldn't|nothing happens|nothing comes|"
        "nothing came|nothing will come|it won't come|it won't start)",
        "(have|having|had|need) to (push|strain) to (pee|wee|go|get it out|get it started)",
        "(haven't|hasn't|have not|not|never) been able to (pee|wee|urinate|piss|go|pass "
        "(urine|water)|empty [my|the] bladder)",
        "(pee|wee|urine|stream|flow|water) (won't|will not|wouldn't|doesn't|does not|isn't|is not|"
        "didn't|did not|not|no) (start|come|flow|happen|come out|coming|starting|flowing)",
        "(bladder|it) (won't|will not|doesn't|does not|isn't|is not|not|never|no) [fully|properly|"
        "completely] (empty|emptying|empties) [right|properly|all the way]",
        "(difficulty|trouble|problems|unable) (initiating|starting|passing) (micturition|"
        "urination|urine|a stream|the stream|the flow)",
        "(haven't|not|didn't|hasn't) (passed|managed) a drop", "not a drop",
        "(can't|cannot|couldn't|don't) (know|tell|feel) (when|if) (i've|i have|i'm|i am) "
        "(finished|done|empty|peeing|weeing|wet|dry)",
        f"{_CANT} [fully|properly|completely] empty", "not emptying", "won't empty",
        "urinary retention", "retention", "retaining urine", "retaining water",
        "(can't|cannot|couldn't|don't) tell (when|if) (i've|i have|i'm|i am) "
        "(finished|done|empty)",
        "(can't|cannot|couldn't|don't) tell (when|if) (my|the) bladder (is|'s) (full|empty)",
        "bladder (feels|is) (full|bursting) but", "no stream", "just a dribble", "hesitancy",
        "no (water|urine|wee|pee) passed", "urinary hesitancy",
        "(trouble|difficulty|struggling|struggle|hard|hard work) (getting|to get) [my|the|it] "
        "[(pee|wee|urine|stream|flow|water)] (started|going|to start|to come|out)",
        "(bladder|i'm|i am) bursting but",
    ),
    Cue.RETAIN_VAGUE: (
        "nothing [will|would|is|ever] (comes|come|came|coming) [out]", "nothing happens",
        "nothing happened", "(won't|wouldn't|doesn't|didn't) (come|come out|start)",
        "straining", "strain", "strained", "push and push", "pushing", "can't go",
        "couldn't go", "can't get it out", "can't get anything out", "can't finish",
        "takes ages to start", "can't start", "and nothing", "but nothing", "nothing at all",
        "only managed a trickle", "barely anything", "just drips", "just a trickle",
        "stops and starts", "stops halfway", "takes forever to start", "wait ages",
        "won't come", "wouldn't come", "no coming", "nothing would come", "nothing more comes",
        "to get it started", "press on my tummy", "full to bursting", "gonna burst",
        "going to burst", "belly's swollen", "nothing comes",
        # Told as a story: it will not come, however long they wait or push.
        "(refuses|refused|refusing) to come [out]", "(won't|wouldn't|will not|does not|doesn't|"
        "did not|didn't|will no|'ll no|not) (let it go|come out|come)", "couldn't start",
        "can't start it", "not a trickle", "[not] a single drop", "still nothing", "zip",
        "nothing come", "nothing coming", "busting", "been busting", "in (little|tiny) drips",
        "(nah|no) come", "it no come", "it will no come",
        "(can't|couldn't|cannot) get [a single|a] drop [out]",
        # Incomplete emptying: it stops, but the bladder is not empty.
        "never finishes", "never finish", "not finishing", "(never|don't|do not|can't) feel "
        "(i've|i have) finished", "still more [there|in there]", "more in there",
        "always more", "(still|half) full", "still (feel|feels) full", "some left [in there]",
        "never empty", "(doesn't|does not|don't|won't) (all come|come all) out",
        "get it all out", "still need (one|to go)", "need to go again", "still a lot inside",
        "(it|urine|the urine|pee|wee) [is] coming slowly",
    ),
    Cue.URGE_LOST: (
        "(not|no longer|never|stopped) (giving|give|gives|telling|tell|tells) me (the signal|a "
        "signal|when) [for|it] [the] [toilet|needs to go|to go|i need to go]",
        "signal for [the] toilet", "no longer receive any warning",
        "(can't|cannot|couldn't|don't) feel when i (go|gotta go|have to go|need to go) "
        "(number two|number 2|#2|2|poo|a poo)",
        "(no|lost the|lost my|don't get the|don't feel the|never get the|can't feel the) "
        f"(urge|need|feeling) [to] [{_PEE}|go|poo]",
        f"(can't|cannot|couldn't|don't|do not|didn't|no longer) [even|really] (feel|tell|know|"
        f"sense|notice) (when|if) i (need|have) to ({_PEE}|go|poo)",
        "(can't|cannot|couldn't|don't|do not|didn't|no longer) [even|really] (feel|tell|know|"
        "sense|notice) (when|if) i need a (pee|wee|poo|poop)",
        f"when i ({_PEE}|go|poo) [i] (can't|cannot|couldn't|don't|do not|didn't) [really|even] "
        "feel (it|anything|a thing|much)",
        "(can't|cannot|couldn't|don't|do not|didn't|no longer) [even|really] (feel|tell|know|"
        "sense|notice) (when|if) (my|the) bladder (is|'s|gets) full",
        f"(can't|cannot|couldn't|don't|do not|didn't|not|never) [even|really] [have] "
        "(feel|felt) (myself|it|the) "
        f"({_PEE}|peeing|weeing|pooing|urine|poo|coming out)",
        "(can't|cannot|couldn't|don't|do not|didn't) [even|really] feel (it|anything) when i "
        f"({_PEE}|go|poo)",
    ),
    Cue.PROBLEM: (
        "problem", "problems", "issue", "issues", "trouble", "troubles", "difficulty",
        "difficulties", "not right", "wrong", "weird", "funny", "strange", "odd", "different",
        "changes", "change", "playing up", "acting up", "dysfunction", "weakness", "weak",
    ),
    Cue.CONSTIPATION: (
        "constipated", "constipation", "bunged up", "blocked up", "backed up", "hard stools",
        "(can't|cannot|haven't|hasn't|not|couldn't) [been able to] (poo|poop|pooed|pooped|"
        "had a poo|been for a poo|go for a poo|open my bowels|opened my bowels)",
        "laxative", "laxatives", "lactulose", "senna", "fibre", "fiber", "prunes",
        # Another known cause of a bladder that does not empty, said with it.
        "prostate", "enlarged prostate", "bph", "diuretic", "diuretics", "water pills",
        "water tablets", "uti", "cystitis", "water infection", "bladder infection",
        "kidney infection",
        "urine infection",
    ),
    Cue.NUMB_EXPLAINED: (
        "injection", "injections", "jab", "epidural", "local anaesthetic", "local anesthetic",
        "the cold", "cold out", "so cold", "freezing", "it's cold", "cold bench", "ice pack",
        "frostbite", "nerve block", "steroid injection",
    ),
    Cue.SITTING: (
        "(from|after|when|while) (sitting|sat|driving|cycling|riding)", "sitting for",
        "sat for", "sat down for", "long drive", "on the bike", "bike seat", "from the chair",
        "in the chair", "sitting too long", "sitting all day", "sitting down", "when i sit",
        "from sitting", "at my desk", "long flight", "on the sofa", "sitting on",
        "in the car", "on the bus", "on the train", "gaming", "office chair", "long meeting",
        "(off|on|from) the (settee|sofa|couch|recliner|bleachers|chair|toilet)",
        "sat through", "sitting through", "(on|during|after|from) the (drive|journey|flight|ride|"
        "trip|commute)", "drive over", "bike ride", "long ride", "spin bike", "spin class",
        "sat on", "on the ball",
    ),
    Cue.PERSIST: (
        "(hasn't|has not|haven't|not|didn't|doesn't|won't|isn't|never) [gone|went|worn|come] "
        "(away|off|back|going away|wearing off)",
        "(hasn't|has not|not|didn't|doesn't|won't) (gone|go|pass|passed|worn off|wear off|"
        "come back)", "still", "even after", "even when", "hours later", "stays",
        "been all day", "all day now", "this time", "an hour after", "hours after",
        "still numb", "still there", "won't wear off", "not worn off", "not from sitting",
        "has stayed", "won't go", "not going away", "since", "for days", "for hours",
        "(hasn't|has not|not|haven't|have not) [yet] (resolved|settled|eased|cleared)",
        "stayed", "stayed put", "it still is", "still is", "they're still", "are still",
        "been hours", "it's been hours", "still now", "still the same",
    ),
    Cue.PASSES: (
        "(goes|went|go|gone|wears|wore|worn) (away|off)", "comes back", "came back",
        "(goes|gone) when", "fine after", "passes", "passed", "back to normal", "normal again",
        "then it's fine", "then its fine", "soon goes", "goes in a", "fine once", "fine now",
        "goes within", "once i got", "as soon as i stood", "when i stood", "once i stood",
        "after a walk", "when i got up", "when i get up", "once i get up", "when i stand",
        "(goes|go|went|wears off) (after|again|within|in) [a|about|half|a few|few|1|2|5|10|"
        "15|20|30|five|ten|twenty] (minute|minutes|min|mins|second|seconds|while|bit)",
        "(it's|its|it is|it has|it's all|all) gone [now]", "gone now", "came back once",
        "back once", "ok now", "okay now",
        "went as soon as", "goes as soon as", "returned to normal", "went back to normal",
        "sorted after", "sorted itself", "then normal", "normal now", "all normal", "came good",
        "come good",
        "comes good", "shook it off", "shake it off", "wore off", "wears off", "worn off",
        "it returned",
    ),
    Cue.LEG: (
        "leg", "foot", "toes", "calf", "thigh", "shin", "ankle", "knee", "hamstring", "toe",
        "big toe", "tibialis anterior", "ehl", "dorsiflexors", "ankle dorsiflexors",
        "sole", "heel",
    ),
    Cue.LEGS: (
        "both (legs|my legs|feet|my feet|thighs|calves|of my legs|of my feet|the legs)",
        "(down|in|into) both", "both of them", "the both of them",
        "(left|right) and (right|left) (leg|legs|side|sides)", "bilateral", "each leg",
        "two legs", "my legs", "legs", "the legs", "either leg", "neither leg", "my two legs",
        "the two legs", "(down|in) the both", "both the legs",
        "both (knees|my knees|ankles|my ankles)",
    ),
    Cue.SECOND_LEG: (
        "(the|my) other leg", "other leg", "(my|the) good leg", "(my|the) good legs",
        "(my|the) (left|right) (leg|one|side) (too|as well|now)",
        "as well as (the|my) (left|right|other|bad) [one|leg|side]",
        "(left|right) leg too", "(into|in|to|down) (my|the) (left|right) [leg] (too|as well)",
        "(the|my) (left|right) leg is (going|doing) the same",
    ),
    Cue.LEG_PAIN: (
        "pain", "pains", "painful", "sciatica", "hurts", "hurting", "hurt", "aching", "ache",
        "aches", "shooting", "burning", "sore", "throbbing", "agony", "numb", "numbness",
        "tingling", "pins and needles", "nerve pain", "zaps", "cramp", "cramping",
        "killing me", "killing", "at it", "going", "playing up", "sair",
    ),
    Cue.SPREAD: (
        "too", "as well", "also", "now", "(spread|spreading|spreads|moved|moving|gone|going|"
        "started|starting|crossed|crossing) (to|into|down|over|in)", "crossed over",
        "switched sides", "same way as", "(like|same as) the (left|right|other|bad) [one|leg]",
        "just as bad", "as bad as the (left|right|other)", "started in", "started going",
    ),
    Cue.GIVING_WAY: (
        "giving way", "gives way", "gave way", "give way", "giving out", "gave out",
        "give out", "buckling", "buckle", "buckled", "buckles", "collapsing", "collapsed",
        "went from under me", "go from under me", "going from under me",
        "(won't|wouldn't|can't|couldn't|don't) hold me [up]", "like jelly", "gone to jelly",
        "folded", "fold under me", "went on me", "go on me", "going on me", "gave in",
        "give in", "gone from under me", "went from underneath me",
        "(fold|folds|folded|folding) (on me|under me|up)",
    ),
    Cue.WEAK: (
        "weak", "weaker", "weakness", "no strength", "lost strength", "losing strength",
        "loss of strength", "floppy", "won't hold me", "can't support", "paralysed",
        "paralyzed", "paralysis", "half paralysed", "half paralyzed", "no power", "lost power",
        "(haven't|haven't got|have no|don't have) [any] (power|strength)",
        "lost the power", "losing power", "feeble", "dead weight", "useless", "no use",
        "gone limp", "limp and", "heavy and weak", "strength ('s|has|is) gone", "no force",
        "motor deficit", "motor weakness", "strength has gone",
    ),
    Cue.STRENGTH: ("any strength", "any power", "any feeling", "strength", "power"),
    Cue.UNABLE: (
        "can't", "cannot", "couldn't", "can not", "won't", "wouldn't", "will not", "doesn't",
        "does not", "don't", "do not", "didn't", "did not", "isn't", "is not", "not",
        "unable to", "not able to", "struggling to", "struggle to", "struggles to", "hard to",
        "harder to", "hardly", "barely", "no longer", "can hardly", "can barely",
        "(haven't|hasn't|have not|has not) been able to", "lost the (power|ability) to",
        "no power to", "not strong enough to", "too weak to", "fails to", "failing to",
        "cannae", "hard time", "trouble", "no",
    ),
    Cue.MOVE: (
        "move", "lift", "raise", "work", "go up", "come up", "straighten", "bend", "point",
        "shift", "budge", "moving", "dorsiflex",
        "push off", "wiggle", "point [it] up", "pull [it] up", "pick [it] up", "hop",
        "stand on", "walk on", "heel walk", "flex", "bear weight", "take my weight",
        "hold me [up]", "support me", "do what i tell it", "respond", "obey", "lifting",
        "get my foot up", "get it up", "lift it", "do a calf raise", "do a single leg calf raise",
        "tiptoe", "stand on tiptoe", "come off the ground", "clear the ground",
    ),
    Cue.HOLD: (
        "hold", "hold it", "hold it in", "hold on", "hold anything in", "hold anything",
        "keep it in", "keep anything in", "stop it", "stop", "stop them", "squeeze", "clench",
        "control", "control it", "hold back", "hold it back", "make it", "get there in time",
        "keep it back", "tighten",
    ),
    Cue.NOTICE: (
        "tell", "know", "understand", "feel", "sense", "notice", "be sure", "work out",
        "figure out", "say",
    ),
    Cue.MOTOR: (
        "drags", "dragging", "drag", "dragged", "catches", "catching", "catch", "caught",
        "slaps", "slapping", "slap", "flops", "flopping", "flop", "hangs", "hanging",
        "scuffs", "scuffing", "trailing", "trails", "tripping over", "trip over",
        "gone floppy", "gone limp", "goes limp",
    ),
    Cue.FOOT_DROP: (
        "foot drop", "drop foot", "dropped foot", "dropping foot", "foot is dropping",
        "foot drags", "foot dragging", "dragging my (foot|leg|toes)", "drag my (foot|leg|toes)",
        "(foot|leg|toes) (is|are|keeps|keep|has started|have started|started) "
        "[to] (dragging|drag|dropping|drop|slapping|slap|catching|catch|flopping|flop)",
        "(foot|toes) (slaps|slapping|flops|catch|catches|catching|scuffs|scuffing|drags)",
        f"{_CANT} (lift|raise|pick up|pull up|bend up|point up) my (foot|toes|ankle)",
        "(can't|cannot|couldn't) (lift|raise|pick) my (foot|toes) up",
        f"{_CANT} (walk|stand) on my (heels|heel|toes|tiptoes|tiptoe)",
        f"{_CANT} heel walk", "ehl weakness", "l5 weakness", "plantarflexion weakness",
        "dorsiflexion weakness", "tripping over my (foot|toes)", "trip over my (foot|toes)",
    ),
    Cue.WORSE: (
        "worse", "worsening", "getting worse", "weaker", "more and more", "keeps getting",
        "by the day", "day by day", "progressing", "progressive", "increasing", "spreading",
        "spread", "spreads", "deteriorating", "further", "more", "growing", "grown", "grows",
        "bigger", "larger", "higher", "creeping", "crept", "creeps", "harder", "less and less",
        "now it's the whole", "now the whole", "now its the whole", "was small", "again today",
        "than last week", "than yesterday", "each day", "every day", "every morning",
        "each morning", "number and number", "more numb",
    ),
    Cue.BETTER: (
        "better", "improving", "improved", "improvement", "stronger", "coming back",
        "come back", "came back", "going away", "easing", "eased", "less numb", "reducing",
        "no worse", "not worse", "not getting worse", "isn't getting worse", "settling",
        "recovering", "returning", "strong",
    ),
    Cue.EXERTION: (
        "gym", "squats", "squat", "leg day", "stretched", "stretch", "stretches", "stretching",
        "floss", "exercise", "exercises", "the ball", "workout", "arthritis", "cold weather",
        "restless", "run", "running", "hike", "hiking", "walked", "marathon", "cycling",
        "football", "dancing", "the cold", "did the", "okay", "ok", "fine",
    ),
    Cue.FEVER: (
        "fever", "fevers", "feverish", "high temperature", "a temperature", "temperature of",
        "running a temperature", "running a temp", "high temp", "a temp", "temp of",
        "hot and cold", "hot then cold", "chills", "shivery", "shivering", "shivers", "rigors",
        "burning up", "pyrexia", "febrile", "(38|39|40|101|102|103) (degrees|c)",
        "temperature", "flu-like", "flu like", "fluey",
    ),
    Cue.SWEATS: (
        "night sweats", "night sweat", "sweating at night", "sweats at night", "sweat at night",
        "(drenched|soaked|dripping|wringing) (in|with) sweat", "(drenched|soaked) in the night",
        "sweating buckets", "sweats", "sweaty at night", "clammy at night",
        "drenched in the night", "woke up drenched", "drenched again",
        "(drenched|soaked) (every|each|most) night",
    ),
    Cue.WEIGHT_LOSS: (
        "(lost|losing|lose|dropped|dropping|shed|shedding) [a lot of|lots of|so much|loads of|"
        "some|a bit of|a load of] weight",
        "(lost|dropped|down|shed) [about|around|nearly|almost|over] [a|one|two|three|half a|"
        "1|2|3|4|5|6|7|8|9|10|12|15|20] (stone|stones|kg|kilos|kgs|pounds|lbs|dress size|"
        "dress sizes|sizes|st)",
        "weight loss", "weight is dropping", "weight dropping", "weight keeps dropping",
        "weight (has|'s) (dropped|gone down|fallen)", "clothes are (loose|hanging off me)",
        "clothes (hanging|falling) off me", "getting thinner", "wasting away",
        "belt (is|feels) looser", "trousers are falling down",
    ),
    Cue.ON_PURPOSE: (
        "diet", "dieting", "slimming world", "weight watchers", "on purpose", "trying to lose",
        "been trying", "gym", "cutting carbs", "keto", "calorie", "calories", "intermittent",
        "fasting", "ozempic", "wegovy", "mounjaro", "healthy eating", "running", "exercising",
        "walking more", "the idea", "was the idea", "meant to", "intended", "the plan",
        "cutting", "eating less", "eating better", "the gym",
    ),
    Cue.NOT_ON_PURPOSE: (
        "(not|haven't been|haven't|wasn't|isn't|am not|i'm not) (dieting|trying|on a diet)",
        "without (trying|dieting|meaning to)", "no diet", "not on purpose", "no reason",
        "for no reason", "don't know why", "no idea why", "eating (normally|the same|loads|well)",
        "unexplained", "unintentional", "unintended", "not intentional", "can't explain",
        "(never|didn't|did not|not) (meant|mean) to", "no trying",
    ),
    Cue.WET_EXPLAINED: (
        "period", "periods", "time of the month", "water infection", "bladder infection", "uti",
        "cystitis", "stinging", "burning", "infection", "laughing", "laugh", "sneeze", "cough",
        "rain", "rained", "raining", "rainy", "shower", "showered", "swim", "swimming", "pool",
        "spilt", "spilled", "spill", "washing", "bath", "puddle", "sweat", "sweaty", "sweating",
        "laughed", "laughs", "sneezed", "sneezing", "coughed", "coughing", "sneezes", "coughs",
        "drink", "tea", "coffee", "water bottle", "hot water bottle", "dog", "cat", "baby",
        "the kids", "leaky", "roof", "dew", "grass", "snow", "wash",
    ),
    Cue.CANCER: (
        "cancer", "cancers", "tumour", "tumor", "tumours", "tumors", "malignant", "malignancy",
        "chemo", "chemotherapy", "radiotherapy", "radiation therapy", "oncologist", "oncology",
        "lymphoma", "leukaemia", "leukemia", "myeloma", "metastases", "metastatic",
        "secondaries", "the big c", "carcinoma", "melanoma", "sarcoma", "growth on my spine",
        "mass on my", "a lump", "shadow on my",
    ),
    Cue.MEDICINE: (
        "painkillers", "painkiller", "pain killers", "pain killer", "tablets", "tablet",
        "pills", "meds", "medication", "medications", "medicine", "medicines", "drugs",
        "codeine", "co-codamol", "cocodamol", "co codamol", "tramadol", "morphine", "oramorph",
        "naproxen", "ibuprofen", "paracetamol", "acetaminophen", "tylenol", "advil",
        "gabapentin", "pregabalin", "lyrica", "amitriptyline", "diclofenac", "oxycodone", "oxy",
        "nurofen", "panadol", "panadeine", "panadeine forte", "endone", "targin", "celebrex",
        "naprosyn", "voltaren", "diazepam", "prescription", "strong stuff", "injection",
        "the lot", "analgesia", "analgesics", "analgesic", "patches", "everything the doctor",
        "dose", "max dose", "maximum dose", "endone", "lyrica", "hydromorph", "hydromorphone",
        "what the doctor gave me", "what they gave me", "anything", "nothing i take",
        "whatever i take", "what i take", "max painkillers", "maximum painkillers",
    ),
    Cue.NO_EFFECT: (
        "(don't|doesn't|didn't|do not|does not|did not|won't|aren't|isn't|not|ain't) [even] "
        "(touch|touching|help|helping|work|working|do anything|doing anything|make a "
        "difference|making a difference|shift it|take the edge off|touched|helped|worked|"
        "dent|control|controlling|controlled|do a thing|doing a thing|make a dent|making a dent|"
        "relieved|relieving|responding|responding to|touched by|scratch the surface)",
        "(do|does|did|doing|daein|doin) (nothing|nothin)", "no (use|good|help|effect|difference|"
        "relief)", "useless", "not a thing", "nothing (helps|works|touches|is working|touching it|"
        "controls|helped|worked)", "nothing takes the edge off", "barely touch",
        "hardly touch", "barely touching", "hardly touching", "barely scratch", "like smarties",
        "still agony", "still unbearable", "still excruciating", "even with", "even on",
        "even after", "despite", "in spite of", "no matter what", "still (a|at) (8|9|10|eight|"
        "nine|ten)", "still severe", "still (terrible|horrendous|awful|dreadful)",
        "is still", "pain is still", "on max", "on maximum", "unmanageable on", "maxed out even",
        "still a solid (8|9|10|eight|nine|ten)", "nothing is working", "nothing working",
    ),
    Cue.UNCONTROLLED: (
        "(can't|cannot|couldn't) get on top of (the|my|this) pain", "uncontrolled pain",
        "pain (isn't|is not|not|'s not) (controlled|under control)", "out of control pain",
        "nothing (helps|works|touches) (the|my) pain", "no pain relief works",
        "no matter what i take", "whatever i take", "nothing i take (helps|works|touches)",
        "(isn't|is not|not) touched by anything", "nothing (is|'s) touching (it|the pain)",
        "nothing's touching", "refractory to", "intractable", "uncontrolled",
        "pain is uncontrolled", "unmanageable", "(isn't|is not|not) (controlled|relieved) by",
        "nothing (helps|works|touches) it", "(doesn't|don't) make a dent", "nothing at all helps",
        "painkillers do nothing", "pills do nothing", "tablets do nothing",
        "(analgesia|analgesic|painkiller|medication) resistant", "resistant to (analgesia|"
        "painkillers|medication)", "unresponsive to (analgesia|painkillers|medication)",
        "(painkillers|tablets|pills|meds) (are|aren't|arent) (useless|working)",
    ),
    Cue.SEVERE: (
        "unbearable", "savage", "through the roof", "off the scale", "excruciating", "agony",
        "killing me", "murder", "horrendous", "dreadful", "severe", "fierce", "terrible",
        "desperate", "next level", "maxed out", "worse than childbirth", "crying",
        "(pain|pain's|it's|its|is) (9|10|nine|ten)", "(9|10) out of 10", "(9|10) 10",
        "a (9|10|nine|ten)", "10/10", "9/10", "unreal", "horrific", "torture", "screaming",
    ),
    Cue.WEIGHT: (
        "weight", "weights", "pounds", "lbs", "lb", "kg", "kgs", "kilos", "kilograms",
        "stone", "stones", "st", "dress size", "dress sizes", "a size", "sizes", "a few kilos",
    ),
    Cue.LOSE: (
        "lost", "losing", "lose", "dropped", "dropping", "drop", "shed", "shedding", "down",
        "reducing", "reduced", "coming down", "come down", "falling", "fallen", "gone down",
        "going down", "coming off", "falling off", "fell off", "dropping off", "melting",
    ),
    Cue.BLOCK: (
        "bottom of (my|the|your) (foot|feet|leg|back|spine|stairs|garden|page)",
        "balls of (my|the|your) (foot|feet)", "ball of (my|the|your) foot", "butt of",
        "ring finger", "wedding ring", "bum (knee|leg|ankle|hip|back|deal|steer|note|rap)",
        "(car|road|traffic|bike|work|sporting|skiing) accident",
        "accident (and|&) emergency", "wee (bit|while|one|ones|lad|lass|"
        "bairn|boy|girl|man|hours|thing|walk|rest|nap|dram|minute|moment|something)",
        "pissed off", "piss off", "taking the piss", "take the piss", "pissed off with",
        "right now", "right away", "right after", "all right", "alright",
        "right here", "that's right", "thats right", "feel right", "feels right", "left it",
        "left me", "i left", "left the", "left over", "leftover",
        "pain in the (bum|butt|arse|ass)", "(my|the) dentist", "(at|on|from) the bottom",
        "go (out|home|back|outside|shopping|anywhere|to work|to sleep|to bed|to the (gp|doctor|"
        "doctors|hospital|shop|shops|gym|dentist|physio|pub|office|clinic|surgery))",
        "(don't|didn't|do not|did not|doesn't) feel like",
        "(nearly|almost) (wet|peed|pissed|wee'd|weed|pooed|shat|soiled) myself",
        "(shat|shit|crapping|crapped|shitting|bricking) myself (when|before|over|about|with)",
        "(wet|pissed|peed) myself laughing", "(leg|legs|both legs) (sore|aching|achy) from",
        "hold it in (position|place|line)",
        "hold it for", "hold the stretch", "control the pain", "control my pain",
        "(can't|couldn't|can not|cannot) get to the (toilet|loo|bathroom) (without|on my own|"
        "alone|by myself|unaided)", "down the (leg|back|side)",
        "cancer (charity|charities|research|ward|nurse|nurses|unit|screening|scare|awareness|"
        "fundraiser|run|walk|relay|shop|appeal|society|support)",
        "cold feet", "sweat it", "no sweat", "get on top of it", "off work", "off sick",
        "gone off", "feet up", "numbers", "number of",
        "wee (numb|sore|tingly|tingling|patch|spot|area|toe|pain|ache|twinge|bit|cut|lump)",
        "(joke|jokes|laugh|laughing|funny|film|show|video|meme|comedian) (made|makes) me (wet|pee|"
        "piss|wee) (myself|my pants|me pants)",
        "had me (crapping|shitting|pissing|wetting|peeing|shatting) (myself|my pants|my "
        "trousers|me pants)",
        "(can't|cannot|couldn't) go (on my own|alone|by myself|without help|unaided)",
        "nothing (comes|came|will come|come) of",
    ),
}

_PIECE = re.compile(r"[()\[\]|]|[^\s()\[\]|]+")


def expand(pattern: str) -> list[tuple[str, ...]]:
    """Every token sequence a phrase pattern stands for.

    ``(a|b c)`` is a required choice, ``[a|b]`` an optional one; choices may be
    several words and may nest.
    """
    pieces = _PIECE.findall(pattern)
    sequences, rest = _sequence(pieces, 0)
    if rest != len(pieces):
        raise ValueError(f"unbalanced pattern: {pattern!r}")
    return sorted({s for s in sequences if s})


def _sequence(pieces: list[str], at: int) -> tuple[set[tuple[str, ...]], int]:
    """Sequences of the pattern from ``at`` up to a closing bracket or ``|``."""
    out: set[tuple[str, ...]] = {()}
    while at < len(pieces) and pieces[at] not in (")", "]", "|"):
        piece = pieces[at]
        if piece in ("(", "["):
            choices, at = _choices(pieces, at + 1, ")" if piece == "(" else "]")
            if piece == "[":
                choices.add(())
        else:
            choices, at = {(piece,)}, at + 1
        out = {a + b for a in out for b in choices}
    return out, at


def _choices(pieces: list[str], at: int, close: str) -> tuple[set[tuple[str, ...]], int]:
    """The alternatives of one bracket, and the position after its closing bracket."""
    choices: set[tuple[str, ...]] = set()
    while True:
        sequences, at = _sequence(pieces, at)
        choices |= sequences
        if at >= len(pieces):
            raise ValueError("unclosed bracket")
        if pieces[at] == "|":
            at += 1
            continue
        if pieces[at] != close:
            raise ValueError(f"expected {close!r}")
        return choices, at + 1


@cache
def phrases() -> dict[Cue, frozenset[tuple[str, ...]]]:
    """Every cue with the token sequences that stand for it."""
    return {
        cue: frozenset(words(" ".join(p)) for pattern in patterns for p in expand(pattern))
        for cue, patterns in LEXICON.items()
    }
