"""Yes and no as people say them, with safety questions read the careful way.

At a safety question (PROTOCOL.md section 1) a hedged yes is a yes ("a bit",
"yeah kind of", "think so", "yes since this morning"), only a clear no is a
no ("nope", "not that I know of", "no, nothing like that"), and anything else
is asked again with a re-prompt that says what is needed. Nothing here is
fuzzy: a typo never turns an answer into "no". When a message holds both a
hedge and a no ("no... well maybe a little") the yes wins.

Each safety question may add what an answer to *it* sounds like (a mother's
cancer, "just the left one"): :func:`safety_reader` builds the step's reader
from those words and the shared rules. Ordinary yes/no questions (consent,
the tensioner offer) are read by :func:`read_plain_yes_no`, which also takes
"ok", "fine" and "go ahead".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from flows import texts
from flows.plain_text import clauses, plain
from flows.spec import Answer, Reader, Unreadable
from flows.symptoms import read as read_symptoms

_UNSURE = re.compile(
    r"\b(?:not (?:really )?sure|unsure|dunno|dont know|do not know|idk|no idea|maybe|perhaps|"
    r"hard to say|cant say|cant tell|not certain|who knows|no clue|im not sure)\b"
)
_NEGATED_HEDGE = re.compile(
    r"\bnot (?:even )?(?:a (?:tiny )?(?:little|bit)|(?:one|a) bit|slightly|in the slightest|"
    r"at all|a thing)\b"
)
_NO_PHRASE = re.compile(
    r"\b(?:(?:i )?(?:dont|do not) (?:think|believe) so|not that (?:i know of|im aware of|"
    r"i (?:have|ve) noticed|ive noticed|i can tell)|not as far as i know|"
    r"(?:i )?(?:havent|have not|hasnt|has not|didnt|did not)(?: noticed| had| been)?"
    r"(?: any(?:thing)?)?|"
    r"nothing(?: (?:like that|of the sort|new|at all|like it))?|nobody|no one|noone|"
    r"none(?: at all)?|never|not me|no way|all (?:normal|fine|good|clear)|"
    r"everything(?:s| is)? (?:normal|fine)|(?:i )?(?:dont|do not)|(?:its|it is) not|isnt|"
    r"(?:i )?think not|not really no|no ?ma ?am)\b"
)
_NO_WORD = re.compile(r"\b(?:no|nope|nah|na|n|nay|negative|nein|non|noo)\b")
_YES_WORD = re.compile(
    r"\b(?:yes|yess|yeah|yea|yeh|ya|yah|yep|yup|ye|y|aye|mhm|mmhm|uhuh|affirmative|"
    r"correct|definitely|absolutely|certainly|indeed|sure|true|si|ja|oui)\b"
)
_HEDGE = re.compile(
    r"\b(?:a (?:tiny |little )?bit|a little(?: bit)?|little bit|bit|a touch|slightly|"
    r"(?:kind|sort) of|kinda|sorta|somewhat|sometimes|occasionally|at times|now and (?:then|again)|"
    r"on and off|off and on|from time to time|here and there|mildly|partly|"
    r"(?:i )?(?:think|guess|believe|suppose) so|probably|possibly|likely|"
    r"(?:i|it|that|there|i ?ve|ive|we)(?: has| have| do| did| am| is| was| does| had)"
    r"(?: been| got)?(?: a bit| a little| yes| though| too| actually)*$)\b"
)
_TURN = re.compile(r"\b(?:but|though|although|except|apart from|however|well)\b")
_QUESTION = re.compile(
    r"^(?:what|whats|why|how|which|where|who|when|can you|could you|do you|does that|is that|"
    r"explain|meaning|define)\b|\b(?:mean|explain)\b"
)
_NEGATORS = frozenset({
    "no", "not", "never", "without", "havent", "hasnt", "dont", "doesnt", "didnt", "isnt",
    "wasnt", "none", "nor", "nothing", "any",
})


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What an answer to one safety question sounds like, beyond yes and no.

    ``yes``: the symptom asked about, told in the person's words ("had a
    temperature last week"); it counts only where no negation comes just
    before it ("no fever" is not a fever). With ``all_of`` the question asks
    two things at once and every ``yes`` pattern must be there; one alone
    keeps a "no" from being read as clear. ``doubt``: words that also keep a
    "no" from counting ("I don't feel anything down there") without making
    the answer a yes. ``no``: a clear no of the question's own ("just the
    left one"). ``elsewhere`` and ``here``: a yes that names only another
    body part ("my leg is a bit numb" at the saddle question) is asked
    again, with ``hint`` saying which part is meant; a no that tells of the
    symptom only there ("no, the numbness is only in my foot") stays a no.
    """

    yes: Sequence[str] = ()
    no: Sequence[str] = ()
    doubt: Sequence[str] = ()
    all_of: bool = False
    elsewhere: Sequence[str] = ()
    here: Sequence[str] = ()
    hint: str = ""


def _affirmed(words: str, pattern: str) -> bool:
    """``pattern`` occurs in ``words`` at least once without a negation just before it."""
    for match in re.finditer(pattern, words):
        before = words[max(0, match.start() - 60):match.start()].split()[-3:]
        if not _NEGATORS & set(before):
            return True
    return False


#: A leading "no" that answers the question and then goes on to tell ("no it's numb"),
#: unlike one that negates the word after it ("no numbness").
_ANSWER_THEN_TELLS = re.compile(
    r"^(?:no|nope|nah|not really|yes|yeah)\s+(?=(?:its|it|i|im|ive|id|just|only|well|"
    r"actually|my|theres|there|they|that|thats|wet|had|got|been|sometimes|now)\b)"
)


@lru_cache(maxsize=256)
def _clause_words(text: str) -> tuple[str, ...]:
    """Each clause in plain form, without a leading "no" that goes on to tell."""
    return tuple(_ANSWER_THEN_TELLS.sub("", plain(clause)) for clause in clauses(text))


def _told(text: str, pattern: str) -> bool:
    """``pattern`` is affirmed in some clause of ``text`` (a comma or "but" ends a negation)."""
    return any(_affirmed(words, pattern) for words in _clause_words(text))


#: A message, or one of its clauses, that is a no and nothing else.
_CLEAR_NO = re.compile(
    r"(?:no|nope|nah|naw|na|nay|n|noo|negative|nein|non|no no|none(?: at all)?|never|"
    r"nothing(?: (?:like that|of the sort|new|at all|to report|unusual|different|like it))?|"
    r"no nothing|not at all|not (?:even )?(?:a (?:tiny )?(?:bit|little)|one bit)|"
    r"not in the slightest|nobody|no one|noone|not me|no way|"
    r"(?:i )?(?:havent|have not|hasnt|has not|didnt|did not)(?: noticed| had| seen| been)?"
    r"(?: any(?:thing)?(?: like that| new| unusual)?)?|"
    r"not that (?:i know of|im aware of|i (?:have|ve) noticed|ive noticed|i can tell)|"
    r"not as far as i know|(?:i )?(?:dont|do not) (?:think|believe) so|(?:i )?think not|"
    r"all (?:normal|fine|good|clear|ok|okay)|everything(?:s| is)? (?:normal|fine|ok|okay)|"
    r"no (?:problems?|issues?|changes?)|not really no)"
)
#: A message that opens with a no and goes on ("no, just the left one", "nope all normal").
_LEADING_NO = re.compile(r"^(?:no|nope|nah|naw|na|nay|noo|negative)\b")
#: Words around an answer that change nothing ("no thank god", "nope, all good thanks").
_COURTESY = re.compile(
    r"\b(?:thanks|thank you|thank god|thank goodness|thankfully|luckily|fortunately|"
    r"ma ?am|sir|dear|mate|doc|love|please|lol|haha|touch wood|so far|honestly|really)\b"
)


#: "No feeling", "no control": a loss told with "no" is a symptom, not an answer.
_LOSS = re.compile(r"\bno (?:feeling|sensation|control|warning|urge|idea when)\b")
#: Longest message whose opening "no" counts, and longest whose no may stand in any clause
#: ("Not down there, no. Just the foot."): a longer one is a story, asked about again.
LEADING_NO_UP_TO = 15
NO_CLAUSE_UP_TO = 8


def _reports_a_red_flag(text: str) -> bool:
    """Whether the safety reader finds a red flag reported, or one to ask about."""
    reading = read_symptoms(text)
    return bool(reading.certain) or reading.ask is not None


@lru_cache(maxsize=256)
def _clear_no(text: str) -> bool:
    """A clear no: a short message that opens with "no", or has a clause that is only a no.

    A negation inside a story ("wet my trackies and never felt it", "haven't been
    able to wee since yesterday", "painkillers do nothing, nothing at all, and my
    foot drags") is no answer at all, and neither is a loss ("no feeling"), nor any
    message in which the safety reader finds a red flag reported or to ask about
    ("No water passed since last night", "no feelnig in private parts").
    """
    parts = [" ".join(_COURTESY.sub(" ", plain(c)).split()) for c in clauses(text)]
    parts = [p for p in parts if p]
    length = sum(len(p.split()) for p in parts)
    if not parts or _LOSS.search(plain(text)):
        return False
    if _reports_a_red_flag(text):
        return False
    if length <= LEADING_NO_UP_TO and _LEADING_NO.match(parts[0]):
        return True
    return (length <= NO_CLAUSE_UP_TO or len(parts) == 1) and any(
        _CLEAR_NO.fullmatch(p) for p in parts)


def _classify(text: str) -> str:
    """"yes", "no", "unsure" or "unclear" for an answer to a yes/no question."""
    words = plain(text)
    if not words:
        return "unclear"
    question = bool(_QUESTION.search(words))
    hedges = _NO_PHRASE.sub(" ", _NEGATED_HEDGE.sub(" ", _UNSURE.sub(" ", words)))
    has_hedge = bool(_HEDGE.search(hedges))
    has_yes = bool(_YES_WORD.search(hedges))
    clear_no = _clear_no(text)
    if has_hedge and not question:
        return "yes"
    if has_yes and not question and not clear_no and not (
            _NO_WORD.search(words) and len(words.split()) <= 3):  # "yes no"
        return "yes"
    if _UNSURE.search(words):
        return "unsure"
    if clear_no and not has_yes and not question and not _TURN.search(words):
        return "no"
    return "unclear"


def safety_answer(text: str, vocabulary: Vocabulary = Vocabulary()) -> str:
    """"yes", "no", "unsure" or "unclear" for an answer to a safety question."""
    v = vocabulary
    words = plain(text)
    found = [_told(text, p) for p in v.yes]
    general = _classify(text)
    told = bool(found) and (all(found) if v.all_of else any(found))
    misplaced = (any(re.search(p, words) for p in v.elsewhere)
                 and not any(re.search(p, words) for p in v.here))
    if general == "no":
        # "No, the numbness is only in my foot": the symptom is told of another place.
        doubtful = (any(found) and not misplaced) or any(re.search(p, words) for p in v.doubt)
        return "unclear" if doubtful else "no"
    if told or general == "yes":
        return "unclear" if misplaced and not _YES_WORD.search(words) else "yes"
    if (general == "unclear" and not any(found) and not _TURN.search(words)
            and any(re.search(p, words) for p in v.no) and not _reports_a_red_flag(text)):
        return "no"
    return general


def safety_reader(vocabulary: Vocabulary = Vocabulary()) -> Reader:
    """The reader of a safety question: hedges are yes, unclear is asked again."""

    def read(text: str) -> Answer | Unreadable | None:
        meaning = safety_answer(text, vocabulary)
        if meaning in ("yes", "no"):
            return Answer(meaning)
        if meaning == "unsure":
            return Unreadable(texts.screening.UNSURE_SAFETY)
        return Unreadable(vocabulary.hint or texts.screening.SAFETY_HINT)

    return read


def read_yes_no(text: str) -> Answer | Unreadable | None:
    """Yes/no at a safety question: a hedged yes is yes, only a clear no is no.

    Unsure earns the advice to answer yes; anything else a re-prompt that
    says a Yes or No is needed (never "Sorry, I didn't catch that").
    """
    return _GENERAL(text)


_GENERAL = safety_reader()

_PLAIN_YES = re.compile(
    r"^(?:(?:yes|yeah|yep|yup|ya|y|sure|ok|okay|k|fine|alright|all right|go ahead|go on|"
    r"agreed|i agree|agree|i accept|accept|why not|lets do it|lets go|sounds good|"
    r"of course|please|yes please|absolutely|definitely|correct|right|thats right|"
    r"thats fine|fine by me|that is fine|good|great|cool)\b.*|.*\b(?:yes|i agree)\b.*)$"
)
#: Yeses that contain a "no" or a "don't": "I don't mind", "no problem", "why not".
_PLAIN_YES_IDIOM = re.compile(
    r"\b(?:(?:i )?(?:dont|do not) mind|no problem|no worries|not a problem|why not|"
    r"no reason not to)\b"
)
_PLAIN_NO = re.compile(
    r"\b(?:no|nope|nah|n|dont|do not|disagree|rather not|not now|not yet|no thanks|"
    r"no thank you|never mind|nevermind|cancel|not today|decline|refuse)\b"
)


def read_plain_yes_no(text: str) -> Answer | Unreadable | None:
    """Yes/no where nothing clinical rides on it: "ok", "fine" and "go ahead" are yes."""
    words = plain(text)
    if not words or _QUESTION.search(words):
        return None
    if _PLAIN_YES_IDIOM.search(words) and not _PLAIN_NO.search(_PLAIN_YES_IDIOM.sub(" ", words)):
        return Answer("yes")
    if _PLAIN_NO.search(words):
        return Answer("no")
    if _UNSURE.search(words):
        return None
    if _PLAIN_YES.match(words) or _classify(text) == "yes":
        return Answer("yes")
    return None


def read_yes_no_unsure(text: str) -> Answer | Unreadable | None:
    """Yes/no/not sure for questions where unsure is a fine answer."""
    words = plain(text)
    if _UNSURE.search(words) and not _HEDGE.search(_UNSURE.sub(" ", words)):
        return Answer("unsure")
    meaning = _classify(text)
    if meaning in ("yes", "no"):
        return Answer(meaning)
    if re.fullmatch(r"not really|not much|not especially|not particularly", words):
        return Answer("no")
    return None


def yes_no_unsure_reader(vocabulary: Vocabulary) -> Reader:
    """Yes/no/not sure with a question's own words for yes ("sitting kills me")."""

    def read(text: str) -> Answer | Unreadable | None:
        reading = read_yes_no_unsure(text)
        if reading == Answer("no") or reading == Answer("unsure"):
            return reading
        if any(_told(text, p) for p in vocabulary.yes):
            return Answer("yes")
        return reading

    return read
