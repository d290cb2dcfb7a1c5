"""How people answer each safety question in their own words (PROTOCOL.md section 1).

A person asked about fever may write "had a temperature last week" rather
than "yes"; asked about both legs, "no, just the left one". These patterns
(over :func:`flows.plain_text.plain` forms: lower case, no apostrophes) let
the safety readers take such answers. A pattern here can only make an
answer a yes, keep a "no" from counting as clear, or recognise a no that the
question itself defines; it never turns an unclear answer into "no" on its own.
"""

from __future__ import annotations

from flows import texts
from flows.yes_no import Vocabulary

_NUMB = (
    r"\b(?:numb\w*|tingl\w*|pins and needles|no feeling|(?:cant|cannot|couldnt) feel|"
    r"(?:lost|loss of|less|reduced|strange|weird|odd) (?:the )?(?:feeling|sensation)|"
    r"dead|fuzzy|buzzing)\b"
)
_SADDLE_SITE = (
    r"\b(?:down there|between (?:my |the )?legs|groin|genitals?|privates?|private parts|"
    r"crotch|bum|butt|bottom|backside|back passage|anus|perineum|saddle|inner thighs?|"
    r"vagina|vulva|penis|testicles?|balls|scrotum|when i wipe|on the toilet|on the loo)\b"
)
_LEG_SITE = r"\b(?:leg|legs|foot|feet|toes?|calf|calves|knees?|shin|ankle|heel|hip|outer thigh)\b"
_BLADDER_BOWEL = (
    r"\b(?:leak\w*|wet (?:myself|the bed|my(?: self)? (?:pants|trousers|knickers))|wetting|"
    r"accidents?|incontinen\w*|soil\w*|(?:cant|cannot|couldnt|struggl\w* to) "
    r"(?:pee|wee|go|poo|urinate|empty|hold|control)|"
    r"(?:trouble|difficulty|problems?|hard|hard to) (?:to )?(?:pee\w*|wee\w*|urinat\w*|"
    r"start\w*|going|go|control\w*)|strain\w*|nothing (?:comes|came)|wont (?:come|empty|start)|"
    r"dribbl\w*|(?:no|lost|losing) control|"
    r"(?:didnt|did not|couldnt|could not|dont|do not) (?:make it|get) to the "
    r"(?:toilet|loo|bathroom|lav)|"
    r"(?:cant|cannot|couldnt|dont|do not) (?:tell|know|feel) (?:when|if) (?:i|im|ive|its) "
    r"(?:need|finished|done|empty|full|going|gone))\b"
)
_NOT_FEELING = r"\b(?:dont|do not|didnt|did not|cant|cannot|barely|hardly) feel\b"

SADDLE = Vocabulary(
    yes=(_NUMB,),
    doubt=(_NOT_FEELING,),
    elsewhere=(_LEG_SITE,),
    here=(_SADDLE_SITE,),
    hint=texts.screening.SADDLE_HINT,
)
BLADDER_BOWEL = Vocabulary(yes=(_BLADDER_BOWEL,))
#: The daily question asks both at once (PROTOCOL.md section 4).
CAUDA_EQUINA = Vocabulary(
    yes=(_NUMB, _BLADDER_BOWEL),
    doubt=(_NOT_FEELING,),
    elsewhere=(_LEG_SITE,),
    here=(_SADDLE_SITE, _BLADDER_BOWEL),
    hint=texts.checkin.CAUDA_EQUINA_HINT,
)
WEIGHT_LOSS = Vocabulary(
    yes=(
        r"\b(?:lost|losing|dropped|dropping|shed|down)\b.{0,30}\b(?:weight|kilos?|kgs?|stones?|"
        r"pounds|lbs?|\d+ ?(?:kg|lb|lbs))\b",
        r"\bweight loss\b",
        r"\b(?:clothes|trousers|jeans|belt) (?:are |feel |is )?(?:loose|baggy|looser)\b",
    ),
    no=(r"\b(?:put (?:weight |it |some )?on|gained|opposite|heavier|same weight|stable)\b",),
)
FEVER = Vocabulary(
    yes=(r"\b(?:temp|temps|temperature|temperatures|fevers?|feverish|febrile|chills|shivery|"
         r"shivering|hot and cold|burning up|high temp\w*)\b",),
)
NIGHT_SWEATS = Vocabulary(
    yes=(r"\b(?:sweat\w*|drenched|soaked|soaking|damp (?:sheets|bed)|"
         r"change (?:my |the )?(?:sheets|pyjamas|pajamas|nightclothes))\b",),
)
CANCER = Vocabulary(
    yes=(
        r"\b(?:cancer|tumou?rs?|leuka?emia|lymphoma|melanoma|myeloma|sarcoma|carcinoma|"
        r"chemo\w*|radiotherapy|oncolog\w*)\b",
        r"\b(?:mum|mom|mother|dad|father|sister|brother|aunt|auntie|uncle|gran|granny|grandma|"
        r"grandad|grandpa|grandfather|grandmother|nan|nana|son|daughter|husband|wife|partner|"
        r"cousin|parents?) (?:did|had|has|have|does)\b",
    ),
    no=(r"\bno (?:family )?history\b", r"\bnot in (?:my|the) family\b"),
)
WORSENING = Vocabulary(
    yes=(r"\b(?:worse|worsening|weaker|weakening|getting weak|spreading|progressing|"
         r"deteriorat\w*)\b",),
    no=(r"^(?:(?:its|it is|about|much|pretty much) )*(?:the )?same\b",
        r"\b(?:stayed|staying|still|been|its|it is) (?:about |much |pretty much )?the same\b",
        r"\b(?:better|improving|improved|stable|steady|no worse|not (?:getting )?worse)\b"),
)
BOTH_LEGS = Vocabulary(
    yes=(r"\bboth\b", r"\b(?:other|second) (?:one|leg|side)\b", r"\beach leg\b",
         r"\b(?:left and right|right and left)\b", r"\btwo legs\b",
         r"\b(?:now|also|too) in (?:my |the )?(?:right|left|other|good) (?:leg|one|side)\b",
         r"\b(?:right|left|other|good) (?:leg|one|side) too\b"),
    no=(r"\b(?:just|only) (?:the |my |in (?:my |the )?)?(?:left|right|one|bad)\b",
        r"\bone (?:leg|side)\b",
        r"^(?:left|right)(?: (?:one|leg|side|only|leg only|side only))?$"),
)
SEVERE_WEAKNESS = Vocabulary(
    yes=(
        r"\b(?:(?:pain ?killers?|tablets?|pills?|meds|medication|medicine|drugs|paracetamol|"
        r"ibuprofen|codeine|co codamol|naproxen|tramadol|gabapentin|pregabalin|morphine)\b.{0,30}"
        r"\b(?:dont|do not|doesnt|arent|not|nothing|useless|barely|hardly|wont)|"
        r"nothing (?:helps|works|touches)|(?:cant|cannot) control the pain)\b",
        r"\b(?:foot (?:drop|slaps?|drags?|dragging|flops?)|drop foot|"
        r"(?:cant|cannot|couldnt) (?:lift|raise|pull up) (?:my )?(?:toes|foot)|"
        r"(?:leg|foot|ankle) (?:is |feels |keeps )?(?:giving way|weak|dead|useless|collaps\w*)|"
        r"trip\w* over|weakness)\b",
    ),
    all_of=True,
)
