"""Reading the answers to the outcome questions as people type them.

Buttons do most of the work; these readers take the everyday words for the
same answers: where the pain reaches ("down to my calf"), an activity in the
person's own words, a 0-10 rating and the global change ("a lot better").
Every reader returns an :class:`~flows.spec.Answer`, an
:class:`~flows.spec.Unreadable` with a hint, or ``None``.
"""

from __future__ import annotations

import re

from flows import texts
from flows.measures import MAX_ACTIVITY_CHARS, REACHES
from flows.parsing import normalise, parse_pain
from flows.plain_text import plain
from flows.spec import ANSWER, Answer, Unreadable

T = texts.outcomes

_SKIP = frozenset({"skip", "pass", "not sure", "unsure", "don't know", "dont know", "no idea",
                   "idk", "i don't know", "i dont know", "skip it", "next"})

# Body parts by reach level; the furthest part named wins ("from my bum down to my foot").
# "Knee" alone means the pain stops at the knee: the thigh level; below or past it is lower.
_PARTS: tuple[tuple[str, str], ...] = (
    ("foot", r"feet|foot|toes?|heels?|soles?|instep|all the way down|whole leg"),
    ("below_knee", r"calf|calves|shins?|ankles?|lower leg|below (?:the |my )?knee|"
                   r"under (?:the |my )?knee|past (?:the |my )?knee"),
    ("thigh", r"thighs?|hamstrings?|knees?|upper leg|top of (?:the |my )?leg"),
    ("buttock", r"buttocks?|bum|butt|glutes?|backside|bottom|hips?"),
)
_COMPILED = tuple((level, re.compile(rf"\b(?:{words})\b")) for level, words in _PARTS)
_NEGATED = re.compile(r"\b(?:not|no|never|nothing)\b(?:\s+\w+){0,3}\s*$")
_BACK = re.compile(r"\b(?:back|spine)\b")


def read_reach(text: str) -> Answer | Unreadable | None:
    """How far down the leg the pain goes: a reach id, or ``skip``."""
    cleaned = normalise(text).strip(" .!?")
    if cleaned in _SKIP:
        return Answer("skip")
    deepest: int | None = None
    for level, pattern in _COMPILED:
        for match in pattern.finditer(cleaned):
            if _NEGATED.search(cleaned[:match.start()]):
                continue
            index = REACHES.index(level)
            deepest = index if deepest is None else max(deepest, index)
    if deepest is not None:
        return Answer(REACHES[deepest])
    if _BACK.search(cleaned):
        return Answer("back_only")
    return None


_NOT_A_RATING = re.compile(r"^(?:no pain|pain free|pain-free|painless|nothing|none(?: at all)?)$")
_OUT_OF_TEN = re.compile(r"(?:/|\bout of)\s*10\b")
_A_NUMBER = re.compile(
    r"\b(?:\d+(?:\.\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b")


def read_score(text: str) -> Answer | Unreadable | None:
    """A 0-10 rating: "7", "7/10", "seven", "maybe a 4".

    Words that mean 0 on a pain scale ("no pain", "none") say nothing on a
    scale of how well someone copes, so they are asked again; so are words
    the pain reader takes as a score to confirm ("fine"). Two numbers ("6 or
    7") are asked again too: the pain reader takes the higher, which is the
    careful reading of pain but not of how well someone manages an activity.
    """
    cleaned = normalise(text).strip(" .!?")
    if _NOT_A_RATING.match(cleaned):
        return None
    if len(_A_NUMBER.findall(_OUT_OF_TEN.sub(" ", cleaned))) > 1:
        return Unreadable(T.SCORE_AMBIGUOUS)
    reading = parse_pain(cleaned)
    if isinstance(reading, Unreadable):
        ambiguous = reading.hint == texts.common.PAIN_AMBIGUOUS
        return Unreadable(T.SCORE_AMBIGUOUS if ambiguous else T.SCORE_HINT)
    if isinstance(reading, Answer) and reading.trigger != ANSWER:
        return None
    return reading


_NO_MORE = frozenset({"no", "none", "nothing", "that's all", "thats all", "nope", "no more",
                      "that's it", "thats it", "done", "skip", "no thanks", "no thank you",
                      "n/a", "na", "nothing else", "not really", "nah", "that is all",
                      "later", "not now", "maybe later", "skip for now", "pass"})
_HAS_LETTERS = re.compile(r"[^\W\d_]{2,}")
#: A yes before the activity ("yes, gardening") is dropped; a yes alone names nothing.
_AGREEING = re.compile(r"^(?:yes|yeah|yep|yup|ya|y|ok|okay|sure|well)\b[\s,.!:;-]*", re.IGNORECASE)
#: Words that answer "which activity?" without naming one ("yes there are loads", "idk").
_VAGUE = frozenset(
    ["", "yes", "yeah", "sure", "thing", "things", "there", "are", "is", "theres", "loads", "lots",
     "of", "them", "a", "few", "many", "some", "plenty", "all", "really", "i", "have", "do",
     "dont", "know", "not", "idk", "dunno", "no", "idea", "hmm", "um", "erm", "one", "think",
     "so", "maybe", "unsure", "what", "you", "mean"]
)
_NUMBER_ONLY = re.compile(r"^[\d\s/.,-]+(?:out of \d+)?$")


def read_activity(text: str) -> Answer | Unreadable | None:
    """An activity in the person's own words, or ``no_more``.

    The words are kept as typed (trimmed, without a closing full stop): the
    person reads them back every week.
    """
    kept = " ".join(text.split()).strip(" .")
    cleaned = normalise(kept).strip(" .!")
    if not kept:
        return None
    if cleaned in _NO_MORE:
        return Answer("no_more")
    if _NUMBER_ONLY.match(cleaned) or not _HAS_LETTERS.search(cleaned):
        return Unreadable(T.ACTIVITY_HINT)
    agreed = _AGREEING.match(kept)
    if agreed:
        kept = kept[agreed.end():]
    if kept.endswith("?") or set(plain(kept).split()) <= _VAGUE:
        return Unreadable(T.ACTIVITY_HINT)
    if len(kept) > MAX_ACTIVITY_CHARS:
        return Unreadable(T.ACTIVITY_TOO_LONG)
    return Answer(ANSWER, kept)


_CHANGES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (answer, re.compile(rf"^(?:i'?m |i am |i feel |feeling |it's |its )?(?:{words})$"))
    for answer, words in (
        ("very_much_better", r"very much better|massively better|hugely better|"
                             r"far better|completely better|so much better"),
        ("much_better", r"much better|a lot better|lots better|loads better|way better|"
                        r"a good deal better"),
        ("little_better", r"better|a (?:little|bit|tad) better|slightly better|"
                          r"little better|bit better|somewhat better"),
        ("no_change", r"no change|the same|same|about the same|no different|"
                      r"not changed|unchanged|same as before"),
        ("little_worse", r"a (?:little|bit|tad) worse|slightly worse|little worse|"
                         r"bit worse|somewhat worse"),
        ("much_worse", r"much worse|a lot worse|lots worse|loads worse|way worse"),
        ("very_much_worse", r"very much worse|massively worse|far worse|so much worse"),
    )
)


def read_global_change(text: str) -> Answer | Unreadable | None:
    """The global change in everyday words; a bare "worse" is asked again (how much?)."""
    cleaned = normalise(text).strip(" .!")
    if cleaned in _SKIP:
        return Answer("skip")
    for answer, pattern in _CHANGES:
        if pattern.match(cleaned):
            return Answer(answer)
    return None
