"""Reading what people type: pain scores, ages, times of day, yes and no.

Every reader returns an :class:`~flows.spec.Answer`, an
:class:`~flows.spec.Unreadable` with a specific hint, or ``None``. The
larger readers have modules of their own (:mod:`flows.pain_scores`,
:mod:`flows.yes_no`, :mod:`flows.times_of_day`); their entry points are
named here too, where the flows have always found them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import alpha2digit

from flows import texts
from flows.pain_scores import parse_pain
from flows.plain_text import normalise, plain
from flows.spec import ANSWER, Answer, Unreadable
from flows.times_of_day import parse_clock
from flows.yes_no import read_plain_yes_no, read_yes_no, read_yes_no_unsure
from flows.zones import parse_zone

__all__ = [
    "QuietHours", "normalise", "parse_age", "parse_clock", "parse_days", "parse_pain",
    "parse_quiet", "parse_weekdays", "read_clock", "read_plain_yes_no", "read_reminder",
    "read_yes_no", "read_yes_no_unsure", "read_zone",
]

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_AGE_TO_COME = re.compile(
    r"\b(?:in (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|next|turning|"
    r"nearly|almost|soon|coming up|on my birthday)\b"
)


#: Words that may stand around an age without making the number count something else.
_AGE_WORDS = frozenset(
    ["i", "im", "am", "me", "my", "its", "it", "is", "age", "aged", "years", "year", "yrs",
    "yr", "yo", "y", "o", "old", "of", "young", "just", "turned", "now", "today", "currently",
    "ok", "okay", "sure", "well", "um", "erm", "hmm", "love", "mate", "please", "thanks"]
)
#: Words of an age still to come ("I'll be 50 in May"), read by :data:`_AGE_TO_COME`.
_AGE_TO_COME_WORDS = frozenset(
    ["ill", "be", "will", "in", "next", "month", "week", "turning", "nearly", "almost", "soon",
    "coming", "up", "on", "birthday", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "january", "february", "march", "april", "june",
    "july", "august", "september", "october", "november", "december"]
)


def parse_age(text: str) -> Answer | Unreadable | None:
    """Read an age in years: "45", "I'm 45", "45 years old", "fifty-two".

    The number must be the answer: "took 2 paracetamol" or "did all 10 reps"
    is ``None`` (asked again), never a child's age.
    """
    cleaned = normalise(text)
    digits = alpha2digit(cleaned, "en")
    numbers = _NUMBER.findall(digits)
    if len(numbers) != 1:
        return None
    others = set(plain(_NUMBER.sub(" ", digits)).split())
    if others - _AGE_WORDS - _AGE_TO_COME_WORDS:
        return None
    try:
        age = int(numbers[0])
    except ValueError:
        return None
    if _AGE_TO_COME.search(cleaned):
        return Unreadable(texts.screening.AGE_NOW)
    if age < 18:
        return Unreadable(texts.screening.UNDER_AGE)
    if age > 110:
        return Unreadable(texts.screening.AGE_IMPLAUSIBLE)
    return Answer(ANSWER, age)


def read_clock(text: str) -> Answer | Unreadable | None:
    """Reader for steps that ask for a reminder time."""
    value = parse_clock(text)
    return Answer(ANSWER, value) if value else None


_NO_REMINDERS = re.compile(
    r"^(?:no|none|nope|no thanks|no thank you|no reminders?(?: please| thanks)?|"
    r"(?:i )?(?:dont|do not) (?:need|want)(?: any)? reminders?|dont remind me|"
    r"do not remind me|never|off|no need|not needed|skip)$"
)


def read_reminder(text: str) -> Answer | Unreadable | None:
    """The reminder question of the setup: a time, or no reminders at all."""
    if _NO_REMINDERS.match(plain(text)):
        return Answer("none")
    return read_clock(text)


def read_zone(text: str) -> Answer | Unreadable | None:
    """Reader for steps that ask for a time zone."""
    value = parse_zone(text)
    return Answer(ANSWER, value) if value else Unreadable(texts.common.ZONE_UNKNOWN)


_DAYS = re.compile(r"^(\d{1,3})\s*(d|day|days|w|wk|wks|week|weeks)?$")
_DAY_PHRASES = {
    "today": 1, "just today": 1, "today only": 1, "only today": 1, "till tomorrow": 1,
    "until tomorrow": 1, "a day": 1, "a couple of days": 2, "couple of days": 2,
    "a couple days": 2, "couple days": 2, "a few days": 3, "few days": 3, "a week": 7,
    "week": 7, "till next week": 7, "until next week": 7, "next week": 7, "the week": 7,
    "a fortnight": 14, "fortnight": 14, "a month": 30, "month": 30,
}
_DAYS_LEAD = re.compile(r"^(?:for|just|only|about|around|maybe|please|pause for|pause)\s+")


def parse_days(text: str) -> int | None:
    """Read a number of days for a pause: "3", "3 days", "a week", "a few days"."""
    cleaned = plain(text)
    while _DAYS_LEAD.match(cleaned):
        cleaned = _DAYS_LEAD.sub("", cleaned, count=1)
    cleaned = re.sub(r"\s+(?:please|thanks|thank you)$", "", cleaned)
    if cleaned in _DAY_PHRASES:
        return _DAY_PHRASES[cleaned]
    match = _DAYS.match(alpha2digit(cleaned, "en", threshold=0))
    if not match:
        return None
    days = int(match.group(1)) * (7 if (match.group(2) or "d")[0] == "w" else 1)
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
