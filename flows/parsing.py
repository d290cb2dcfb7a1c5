"""Reading what people type: pain scores, ages, times of day, yes and no.

Every reader returns an :class:`~flows.spec.Answer`, an
:class:`~flows.spec.Unreadable` with a specific hint, or ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from flows import texts
from flows.spec import ANSWER, Answer, Unreadable
from flows.zones import parse_zone

_NUMBER_WORDS = {
    "zero": 0, "nought": 0, "nil": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20,
}
_NO_PAIN = re.compile(r"^(?:no pain|pain free|pain-free|painless|nothing|none at all)$")
_OUT_OF = re.compile(r"(-?\d+(?:[.,]\d+)?)\s*(?:/|out of|of)\s*10\b")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
_FILLER = re.compile(
    r"\b(?:about|around|roughly|maybe|approx(?:imately)?|like|a|an|its|it's|it is|is|i'd say|"
    r"i would say|say|pain|my|the|level|score|currently|now|today|right|at|i'm|im|i am|"
    r"feels|feel|probably|perhaps|solid|strong|out|of|ten|\/10)\b"
)


def normalise(text: str) -> str:
    """Lower-case, fold accents and curly quotes, collapse spaces."""
    folded = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(folded.lower().split())


def parse_pain(text: str) -> Answer | Unreadable | None:
    """Read a 0-10 pain score: "7", "7/10", "seven", "about 7", "no pain"."""
    cleaned = normalise(text).strip(" .!?")
    if _NO_PAIN.match(cleaned):
        return Answer(ANSWER, 0)
    match = _OUT_OF.search(cleaned)
    candidates: list[str]
    if match:
        candidates = [match.group(1)]
    else:
        candidates = _NUMBER.findall(cleaned)
        if not candidates:
            rest = _FILLER.sub(" ", cleaned).split()
            words = [w for w in rest if w in _NUMBER_WORDS]
            if len(words) == 1 and len(rest) == 1:
                candidates = [str(_NUMBER_WORDS[words[0]])]
            elif cleaned in ("ten", "10/10"):
                candidates = ["10"]
    if len(set(candidates)) != 1:
        return Unreadable(texts.common.PAIN_AMBIGUOUS) if len(candidates) > 1 else None
    value = float(candidates[0].replace(",", "."))
    if value < 0 or value > 10:
        return Unreadable(texts.common.PAIN_OUT_OF_RANGE)
    return Answer(ANSWER, int(value + 0.5))


def parse_age(text: str) -> Answer | Unreadable | None:
    """Read an age in years: "45", "I'm 45", "45 years old"."""
    numbers = _NUMBER.findall(normalise(text))
    if len(numbers) != 1:
        return None
    try:
        age = int(numbers[0])
    except ValueError:
        return None
    if age < 18:
        return Unreadable(texts.screening.UNDER_AGE)
    if age > 110:
        return Unreadable(texts.screening.AGE_IMPLAUSIBLE)
    return Answer(ANSWER, age)


_CLOCK = re.compile(
    r"^(?:at\s+)?(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|h|o'?clock)?$"
)


def parse_clock(text: str) -> str | None:
    """Read a time of day into "HH:MM": "8:30", "08.30", "7pm", "19h", "noon"."""
    cleaned = normalise(text).strip(" .!")
    if cleaned in ("noon", "midday"):
        return "12:00"
    match = _CLOCK.match(cleaned)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").replace(".", "")
    if suffix in ("am", "pm"):
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if suffix == "pm" else 0)
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def read_clock(text: str) -> Answer | Unreadable | None:
    """Reader for steps that ask for a reminder time."""
    value = parse_clock(text)
    return Answer(ANSWER, value) if value else None


def read_zone(text: str) -> Answer | Unreadable | None:
    """Reader for steps that ask for a time zone."""
    value = parse_zone(text)
    return Answer(ANSWER, value) if value else Unreadable(texts.common.ZONE_UNKNOWN)


_YES = {
    "yes", "y", "yeah", "yep", "yup", "ya", "sure", "correct", "true", "i do", "i have",
    "definitely", "absolutely", "affirmative", "ok", "okay", "yes please", "si", "ja", "oui",
}
_NO = {
    "no", "n", "nope", "nah", "not really", "none", "i don't", "i dont", "i haven't",
    "i havent", "never", "negative", "no thanks", "no thank you", "false", "nein", "non",
}
_UNSURE = {"not sure", "unsure", "don't know", "dont know", "i don't know", "i dont know",
           "maybe", "no idea", "idk", "perhaps", "i'm not sure", "im not sure"}


def read_yes_no(text: str) -> Answer | Unreadable | None:
    """Yes/no for safety questions: being unsure earns the advice to answer yes."""
    cleaned = normalise(text).strip(" .!")
    if cleaned in _YES:
        return Answer("yes")
    if cleaned in _NO:
        return Answer("no")
    if cleaned in _UNSURE:
        return Unreadable(texts.screening.UNSURE_SAFETY)
    return None


def read_yes_no_unsure(text: str) -> Answer | Unreadable | None:
    """Yes/no/not sure for questions where unsure is a fine answer."""
    cleaned = normalise(text).strip(" .!")
    if cleaned in _UNSURE:
        return Answer("unsure")
    if cleaned in _YES:
        return Answer("yes")
    if cleaned in _NO:
        return Answer("no")
    return None


_DAYS = re.compile(r"^(\d{1,3})\s*(?:d|day|days)?$")


def parse_days(text: str) -> int | None:
    """Read a number of days for a pause: "3", "3 days", "a week"."""
    cleaned = normalise(text).strip(" .!")
    if cleaned in ("a week", "one week", "1 week", "week"):
        return 7
    if cleaned in ("two weeks", "2 weeks", "a fortnight", "fortnight"):
        return 14
    if cleaned in _NUMBER_WORDS:
        days = _NUMBER_WORDS[cleaned]
    else:
        match = _DAYS.match(cleaned)
        if not match:
            return None
        days = int(match.group(1))
    return days if 1 <= days <= 90 else None


_QUIET = re.compile(r"^(\S+)\s*(?:-|to|until|\u2013)\s*(\S+)$")


@dataclass(frozen=True, slots=True)
class QuietHours:
    """Local hours without reminders; both ``None`` means none at all."""

    start: str | None
    end: str | None


def parse_quiet(text: str) -> QuietHours | None:
    """Quiet hours from "22:00-07:00" or "off"; ``None`` if unreadable."""
    cleaned = normalise(text).strip(" .!")
    if cleaned in ("off", "none", "no", "stop"):
        return QuietHours(None, None)
    match = _QUIET.match(cleaned)
    if not match:
        return None
    start, end = parse_clock(match.group(1)), parse_clock(match.group(2))
    if start is None or end is None or start == end:
        return None
    return QuietHours(start, end)


_DAY_NAMES = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
_DAY_SETS = {
    "every day": "1234567", "daily": "1234567", "all": "1234567", "everyday": "1234567",
    "weekdays": "12345", "work days": "12345", "workdays": "12345", "weekends": "67",
    "weekend": "67",
}


def parse_weekdays(text: str) -> str | None:
    """Reminder days as ISO weekday digits: "mon-fri", "weekdays", "mon, wed, fri"."""
    cleaned = normalise(text).strip(" .!")
    if cleaned in _DAY_SETS:
        return _DAY_SETS[cleaned]
    span = re.fullmatch(r"([a-z]+)\s*(?:-|to|\u2013)\s*([a-z]+)", cleaned)
    if span:
        first, last = _DAY_NAMES.get(span.group(1)[:3]), _DAY_NAMES.get(span.group(2)[:3])
        if first is None or last is None:
            return None
        days = [(first - 1 + i) % 7 + 1 for i in range((last - first) % 7 + 1)]
        return "".join(str(d) for d in sorted(days))
    names = [n for n in re.split(r"[\s,;/&]+|\band\b", cleaned) if n]
    found = {_DAY_NAMES.get(n[:3]) for n in names}
    if not names or None in found:
        return None
    return "".join(str(d) for d in sorted(d for d in found if d is not None))
