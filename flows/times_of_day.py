"""Times of day as people say them: "08:30", "7pm", "half past eight", "quarter to 7", "8ish".

British and American habits both: "half 8" is half past eight, "ten to
nine" is 08:50, "7 in the evening" and "7 at night" are 19:00. A time
without morning or evening is read on the 24-hour clock ("8" is 08:00,
"quarter to 7" is 06:45), as the reminder question's examples suggest.
Number words go through text2num (see :mod:`flows.pain_scores` for why);
the clock phrases themselves are few and fixed, so a small grammar reads
them: dateparser and parsedatetime read dates in running text and miss
"half 8" and "8ish".
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from flows.plain_text import normalise

_AROUND = re.compile(
    r"^(?:(?:at|about|around|round|approx|approximately|roughly|say|maybe|like|ideally|"
    r"usually|every day at|each day at|daily at|remind me at)\s+)+"
)
_TAIL = re.compile(r"(?:\s*-?\s*ish|\s+(?:or so|please|thanks|thank you|every day|each day|"
                   r"daily|would be good|works|is good|is fine))+$")
_MORNING = re.compile(r"\s*(?:am|a\.m\.?|in the morning|morning|in the am)$")
_EVENING = re.compile(
    r"\s*(?:pm|p\.m\.?|in the (?:evening|afternoon)|evening|afternoon|at night|tonight|"
    r"in the pm)$"
)
_PLAIN = re.compile(r"^(\d{1,2})(?:(?:\s*[:.h]\s*|\s+)(\d{2}))?(?:\s*(?:h|o'?clock|hrs|hours))?$")
_HALF_PAST = re.compile(r"^half\s+(?:past\s+)?(\d{1,2})$")
_QUARTER = re.compile(r"^(?:a\s+)?quarter\s+(past|after|to|til|till)\s+(\d{1,2})$")
_MINUTES = re.compile(r"^(\d{1,2})(?:\s+minutes?)?\s+(past|after|to|til|till)\s+(\d{1,2})$")
_NAMED = {"noon": "12:00", "midday": "12:00", "lunchtime": "12:30", "midnight": "00:00"}


def parse_clock(text: str) -> str | None:
    """Read a time of day into "HH:MM", or ``None`` if it is not one."""
    cleaned = normalise(text).strip(" .!")
    if not cleaned:
        return None
    cleaned = _TAIL.sub("", _AROUND.sub("", cleaned)).strip()
    if cleaned in _NAMED:
        return _NAMED[cleaned]
    period = ""
    for name, pattern in (("am", _MORNING), ("pm", _EVENING)):
        stripped = pattern.sub("", cleaned)
        if stripped != cleaned:
            period, cleaned = name, stripped.strip()
            break
    cleaned = _TAIL.sub("", cleaned).strip()
    if not cleaned:
        return None
    digits = alpha2digit(cleaned, "en", threshold=0) if re.search(r"[a-z]", cleaned) else cleaned
    clock = _read(digits.replace("-", " ").strip())
    if clock is None:
        return None
    hour, minutes = clock
    if period:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if period == "pm" else 0)
    if hour > 23 or not -60 < minutes < 60:
        return None
    total = (hour * 60 + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def _read(words: str) -> tuple[int, int] | None:
    """The hour named and the minutes from it ("quarter to 7" is 7 and -15)."""
    match = _PLAIN.match(words)
    if match:
        return int(match.group(1)), int(match.group(2) or 0)
    match = _HALF_PAST.match(words)
    if match:
        return int(match.group(1)), 30
    match = _QUARTER.match(words)
    if match:
        return int(match.group(2)), 15 if match.group(1) in ("past", "after") else -15
    match = _MINUTES.match(words)
    if match:
        minutes = int(match.group(1))
        if not 0 < minutes < 60:
            return None
        return int(match.group(3)), minutes if match.group(2) in ("past", "after") else -minutes
    return None
