"""Pain scores from what people type: taken only when the number is the answer.

"6", "7/10", "about a six", "seven out of ten", "a solid 8" are scores. A
number that counts something else is not: tablets, reps, hours, days, an
o'clock, an age, a dose in mg ("took 2 paracetamol and it's still really
bad" is no 2/10). When a number might be the score but the message does
not make it plain, the reader asks for a confirmation rather than storing a
guess (PROTOCOL.md section 4). The rules are in docs/clinical-decisions.md.

Number words go through text2num's ``alpha2digit``: it reads compound and
hyphenated numbers inside a sentence ("fifty-two", "seven out of ten") and
leaves "one" and "no one" alone, where number-parser turns "no one" into
"no 1" and word2number only reads a message that is nothing but a number.
A lone misspelt number word ("fiv") is matched with rapidfuzz and confirmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from text_to_num import alpha2digit

from flows import texts
from flows.plain_text import normalise
from flows.spec import ANSWER, Answer, Unreadable

#: Trigger of a score to be confirmed before it is stored; its value is the score.
CONFIRM = "confirm"
#: Trigger of "about the same": the flow knows what it is the same as.
SAME = "same"

_SMALL = {"zero": 0, "nil": 0, "nought": 0, "one": 1, "two": 2}
_WORDS = {**_SMALL, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}
_NO_PAIN = re.compile(
    r"^(?:no pain(?: at all)?|pain free|pain-free|painless|none|nothing|none at all|"
    r"zero pain|no pain today)$"
)
_SAME = re.compile(
    r"\b(?:(?:about|roughly|pretty much|much|just|still|exactly|more or less) )?(?:the )?same"
    r"(?: as (?:before|yesterday|last time|earlier|then))?\b|\bno (?:real )?change\b|"
    r"\bunchanged\b|\bno different\b"
)
_TOKEN = re.compile(r"\d{1,2}:\d{2}|\d+(?:[.,]\d+)?|[a-z]+(?:'[a-z]+)?|/|-|\u2013|[,;.!?]")
_FILLER = frozenset({
    "about", "around", "roughly", "maybe", "approx", "approximately", "like", "a", "an", "its",
    "it's", "it", "is", "id", "i'd", "say", "pain", "pain's", "pains", "my", "the", "level",
    "score", "currently", "now", "today", "right", "at", "i'm", "im", "i", "am", "feels",
    "feel", "feeling", "probably", "prob", "probs", "perhaps", "solid", "strong", "good",
    "out", "of", "ten", "this", "morning", "evening", "tonight", "still", "just", "only",
    "honestly", "hmm", "um", "erm", "uh", "so", "well", "ok", "okay", "yeah", "yes", "sitting",
    "leg", "mine", "be", "would", "reckon", "guess", "think", "rate", "more", "or",
    "less", "ish", "fairly", "pretty", "steady", "hurts", "hurting", "sore", "aching",
    "aboot", "roond", "noo",
})
_COUNTED = frozenset({
    "tablet", "tablets", "tabs", "pill", "pills", "capsule", "capsules", "paracetamol",
    "ibuprofen", "codeine", "co-codamol", "cocodamol", "codamol", "naproxen", "tramadol",
    "painkiller", "painkillers", "dose", "doses", "rep", "reps", "repetitions", "repetition",
    "set", "sets",
    "time", "times", "hour", "hours", "hr", "hrs", "h", "minute", "minutes", "min", "mins",
    "second", "seconds", "secs", "day", "days", "week", "weeks", "month", "months", "year",
    "years", "yr", "yrs", "night", "nights", "mile", "miles", "km", "k", "step", "steps",
    "kid", "kids", "cup", "cups", "mg", "ml", "g", "am", "pm", "o'clock", "oclock", "yo",
    "kg", "kilos", "stone", "lbs", "lb", "pounds", "th", "st", "nd", "rd", "percent", "x",
    "floors", "flights", "laps", "goes", "rounds", "sessions", "exercises", "visits",
    "injections", "patches", "puffs", "drops", "beers", "glasses", "people", "children",
})
_FUNCTION = frozenset({
    "after", "before", "since", "with", "the", "a", "and", "but", "when", "then", "today",
    "now", "this", "that", "it", "its", "it's", "is", "was", "still", "so", "if", "or", "to",
    "at", "on", "in", "of", "for", "because", "as", "though", "while",
})
_BAD = re.compile(
    r"\b(?:really bad|very bad|so bad|awful|terrible|horrendous|horrible|agony|agonising|"
    r"agonizing|unbearable|excruciating|killing me|worst ever|can'?t cope|cant cope)\b"
)
_FINE = re.compile(r"\b(?:fine|great|no pain|pain free|barely|hardly|much better|loads better)\b")
_NUMBER_WORD = re.compile(
    r"(?:zero|nil|nought|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_UNIT_AFTER = re.compile(r"^(?:mg|ml|g|kg|am|pm|h|hr|hrs|yo|x|th|st|nd|rd|k|km|%)$")


@dataclass(frozen=True, slots=True)
class _Number:
    """A number in the message: its value, its token index, and why it is no score."""

    value: float
    index: int
    scale: bool = False
    counts: bool = False


def parse_pain(text: str) -> Answer | Unreadable | None:
    """Read a 0-10 pain score, or say why not.

    Returns ``Answer(ANSWER, n)`` for a plain score, ``Answer(CONFIRM, n)``
    for one to check with the person first, ``Answer(SAME)`` for "about the
    same", an :class:`Unreadable` with a specific hint, or ``None``.
    """
    cleaned = normalise(text).strip(" .!?")
    if cleaned.isdigit() and len(cleaned) <= 2:  # the usual answer, read at once
        return _score(float(cleaned), certain=True) if int(cleaned) <= 10 else Unreadable(
            texts.common.PAIN_OUT_OF_RANGE)
    if _NO_PAIN.match(cleaned):
        return Answer(ANSWER, 0)
    if re.search(r"(?:^|\s)(?:-|minus )\s*\d", cleaned):
        return Unreadable(texts.common.PAIN_OUT_OF_RANGE)
    words = _digits(cleaned)
    tokens = _TOKEN.findall(words)
    numbers = _numbers(tokens)
    if not numbers:
        return _without_numbers(cleaned, tokens)
    scores = [n for n in numbers if not n.counts]
    if not scores:
        if len(numbers) == 1 and _only_number(tokens, numbers[0]):
            return Unreadable(texts.common.PAIN_OUT_OF_RANGE)
        if _SAME.search(cleaned):
            return Answer(SAME)
        return Unreadable(texts.common.PAIN_NOT_A_COUNT)
    values = sorted({round(n.value, 1) for n in scores})
    if len(values) == 2 and _is_range(tokens, scores) and values[1] - values[0] <= 1:
        return _score(values[1], certain=not _contradicts(cleaned, values[1]))
    if len(values) > 1:
        scaled = [n for n in scores if n.scale]
        if len(scaled) == 1:
            return _score(scaled[0].value, certain=True)
        return Unreadable(texts.common.PAIN_AMBIGUOUS)
    number = scores[0]
    certain = (number.scale or _only_number(tokens, number) or _leads(tokens, number)
               or _trails(tokens, number))
    return _score(number.value, certain=certain and not _contradicts(cleaned, number.value))


def _digits(cleaned: str) -> str:
    """Number words as digits: "about a six" -> "about a 6", "it's a two" -> "it's a 2"."""
    if not _NUMBER_WORD.search(cleaned):
        return cleaned
    words = alpha2digit(cleaned, "en")
    return re.sub(
        r"\b(zero|nil|nought|one|two)\b",
        lambda m: str(_SMALL[m.group(1)]) if _small_number_fits(words, m) else m.group(0),
        words,
    )


def _small_number_fits(words: str, match: re.Match[str]) -> bool:
    before = words[: match.start()].split()
    after = words[match.end():].split()
    alone = not before and not after
    led = bool(before) and before[-1] in {"a", "about", "around", "maybe", "its", "it's", "is",
                                          "like", "solid", "prob", "probably", "at"}
    scaled = bool(after) and (after[0].startswith("/") or after[:2] == ["out", "of"])
    return alone or led or scaled


def _numbers(tokens: list[str]) -> list[_Number]:
    found: list[_Number] = []
    skip: set[int] = set()
    for i, token in enumerate(tokens):
        if i in skip or not token[0].isdigit():
            continue
        if ":" in token:  # a time of day, "woke at 4:30"
            found.append(_Number(0, i, counts=True))
            continue
        value = float(token.replace(",", "."))
        scale_at = _scale_after(tokens, i)
        if scale_at:
            skip.add(scale_at)
            found.append(_Number(value, i, scale=True))
            continue
        found.append(_Number(value, i, counts=_counts_something(tokens, i, value)))
    return found


def _scale_after(tokens: list[str], i: int) -> int:
    """Index of the "10" in "7/10", "7 out of 10", "7 of 10" after token ``i``, else 0."""
    rest = tokens[i + 1:i + 4]
    if rest[:2] in (["/", "10"], ["of", "10"], ["outta", "10"], ["oot", "10"]):
        return i + 2
    if rest[:3] in (["out", "of", "10"], ["oot", "of", "10"], ["oot", "o", "10"]):
        return i + 3
    return 0


def _counts_something(tokens: list[str], i: int, value: float) -> bool:
    """The number counts tablets, hours, reps ... or is a time, an age, a dose."""
    if value > 10:
        return True
    after = [t for t in tokens[i + 1:i + 4] if t not in {"-", "/"}]
    for j, word in enumerate(after):
        if word in _COUNTED or _UNIT_AFTER.match(word):
            return True
        if word in _FUNCTION or not word.isalpha() or j >= 2:
            break
    before = tokens[max(0, i - 3):i]
    if before and before[-1] in {"at", "since", "aged", "age", "till", "until", "til", "by",
                                 "for", "took", "taken", "take", "had", "did", "done", "slept",
                                 "walked", "ate", "drank", "all", "after", "before", "past"}:
        return True
    if before[-2:] == ["out", "of"] or (len(before) >= 2 and before[-1] in {"of", "x"}
                                        and before[-2] in _COUNTED):
        return True  # "3 exercises out of 3", "2 sets of 10"
    return len(before) == 2 and before[0] in {"took", "had", "did", "taken"} and before[1] in {
        "like", "about", "around", "maybe", "another", "only", "just"}


def _only_number(tokens: list[str], number: _Number) -> bool:
    """Nothing else in the message but filler words around the number."""
    return all(t in _FILLER or t in {",", ".", "!", "?", "-", "/"} or j == number.index
               for j, t in enumerate(tokens))


def _leads(tokens: list[str], number: _Number) -> bool:
    """The number opens the message or its clause, after filler words only."""
    start = number.index
    while start > 0 and tokens[start - 1] not in {",", ";", ".", "!", "?", "but", "and"}:
        start -= 1
    return all(t in _FILLER for t in tokens[start:number.index])


def _trails(tokens: list[str], number: _Number) -> bool:
    """The number closes the message ("burning down the back of my leg 7")."""
    return all(t in {",", ".", "!", "?"} for t in tokens[number.index + 1:])


def _is_range(tokens: list[str], scores: list[_Number]) -> bool:
    """Two scores given as a range: "6-7", "6 to 7", "6 or 7", "4 maybe 5", "between 4 and 5"."""
    first, second = scores[0].index, scores[-1].index
    between = tokens[first + 1:second]
    return between in ([], ["-"], ["\u2013"], ["to"], ["or"], ["maybe"], ["and"], ["/"],
                       ["or", "maybe"], [",", "maybe"], ["-", "ish"], ["ish", "maybe"])


def _contradicts(cleaned: str, value: float) -> bool:
    """A low score with words of severe pain, or a high one with "fine": ask."""
    return (value <= 3 and bool(_BAD.search(cleaned))) or (value >= 7 and bool(
        _FINE.search(cleaned)))


def _score(value: float, *, certain: bool) -> Answer | Unreadable:
    if value < 0 or value > 10:
        return Unreadable(texts.common.PAIN_OUT_OF_RANGE)
    score = int(value + 0.5)
    return Answer(ANSWER, score) if certain else Answer(CONFIRM, score)


def _without_numbers(cleaned: str, tokens: list[str]) -> Answer | Unreadable | None:
    """No digits: "about the same", a misspelt number word, a negative, or nothing."""
    if _SAME.search(cleaned):
        return Answer(SAME)
    if re.search(r"\b(?:eleven|twelve|thirteen|fifteen|twenty|hundred)\b", cleaned):
        return Unreadable(texts.common.PAIN_OUT_OF_RANGE)
    rest = [t for t in tokens if t.isalpha() and t not in _FILLER]
    if len(rest) == 1 and len(rest[0]) >= 3:
        guess = _misspelt_number(rest[0])
        if guess is not None:
            return Answer(CONFIRM, guess)
    return None


def _misspelt_number(word: str) -> int | None:
    """One edit away from exactly one number word ("fiv", "sevn"), else ``None``."""
    near = [v for w, v in _WORDS.items()
            if len(w) >= 3 and w[0] == word[0] and Levenshtein.distance(word, w) <= 1]
    return near[0] if len(near) == 1 else None
