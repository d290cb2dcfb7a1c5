"""Time zones as people type them: "Europe/Berlin", "berlin", "New York", "UTC+2".

Stored names are either IANA keys (DST handled by zoneinfo) or fixed
offsets written ``UTC+05:30``.
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$")

# Common names that are not the last part of an IANA key.
_ALIASES = {
    "uk": "Europe/London",
    "england": "Europe/London",
    "britain": "Europe/London",
    "ireland": "Europe/Dublin",
    "germany": "Europe/Berlin",
    "france": "Europe/Paris",
    "spain": "Europe/Madrid",
    "italy": "Europe/Rome",
    "netherlands": "Europe/Amsterdam",
    "holland": "Europe/Amsterdam",
    "switzerland": "Europe/Zurich",
    "austria": "Europe/Vienna",
    "poland": "Europe/Warsaw",
    "sweden": "Europe/Stockholm",
    "norway": "Europe/Oslo",
    "denmark": "Europe/Copenhagen",
    "finland": "Europe/Helsinki",
    "portugal": "Europe/Lisbon",
    "greece": "Europe/Athens",
    "turkey": "Europe/Istanbul",
    "russia": "Europe/Moscow",
    "india": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "china": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",
    "japan": "Asia/Tokyo",
    "korea": "Asia/Seoul",
    "singapore": "Asia/Singapore",
    "australia": "Australia/Sydney",
    "new zealand": "Pacific/Auckland",
    "brazil": "America/Sao_Paulo",
    "mexico": "America/Mexico_City",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "dallas": "America/Chicago",
    "houston": "America/Chicago",
    "montreal": "America/Toronto",
    "ottawa": "America/Toronto",
    "calgary": "America/Edmonton",
    # Big cities that are not the city of an IANA key.
    "glasgow": "Europe/London", "edinburgh": "Europe/London", "manchester": "Europe/London",
    "birmingham": "Europe/London", "liverpool": "Europe/London", "leeds": "Europe/London",
    "bristol": "Europe/London", "cardiff": "Europe/London", "belfast": "Europe/London",
    "cork": "Europe/Dublin",
    "frankfurt": "Europe/Berlin", "munich": "Europe/Berlin", "hamburg": "Europe/Berlin",
    "cologne": "Europe/Berlin", "stuttgart": "Europe/Berlin", "dusseldorf": "Europe/Berlin",
    "leipzig": "Europe/Berlin", "dresden": "Europe/Berlin",
    "barcelona": "Europe/Madrid", "valencia": "Europe/Madrid", "seville": "Europe/Madrid",
    "milan": "Europe/Rome", "naples": "Europe/Rome", "turin": "Europe/Rome",
    "florence": "Europe/Rome", "venice": "Europe/Rome",
    "lyon": "Europe/Paris", "marseille": "Europe/Paris", "toulouse": "Europe/Paris",
    "nice": "Europe/Paris", "bordeaux": "Europe/Paris",
    "rotterdam": "Europe/Amsterdam", "the hague": "Europe/Amsterdam",
    "antwerp": "Europe/Brussels", "geneva": "Europe/Zurich", "basel": "Europe/Zurich",
    "krakow": "Europe/Warsaw", "porto": "Europe/Lisbon", "gothenburg": "Europe/Stockholm",
    "st petersburg": "Europe/Moscow", "saint petersburg": "Europe/Moscow",
    "philadelphia": "America/New_York", "pittsburgh": "America/New_York",
    "baltimore": "America/New_York", "orlando": "America/New_York",
    "cleveland": "America/New_York", "charlotte": "America/New_York",
    "minneapolis": "America/Chicago", "st louis": "America/Chicago",
    "new orleans": "America/Chicago", "austin": "America/Chicago",
    "san antonio": "America/Chicago", "kansas city": "America/Chicago",
    "nashville": "America/Chicago", "milwaukee": "America/Chicago",
    "salt lake city": "America/Denver", "albuquerque": "America/Denver",
    "san diego": "America/Los_Angeles", "san jose": "America/Los_Angeles",
    "portland": "America/Los_Angeles", "las vegas": "America/Los_Angeles",
    "sacramento": "America/Los_Angeles", "oakland": "America/Los_Angeles",
    "quebec": "America/Toronto", "ottawa ontario": "America/Toronto",
    "rio": "America/Sao_Paulo", "rio de janeiro": "America/Sao_Paulo",
    "chennai": "Asia/Kolkata", "hyderabad": "Asia/Kolkata", "pune": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata", "osaka": "Asia/Tokyo", "kyoto": "Asia/Tokyo",
    "canberra": "Australia/Sydney", "wellington": "Pacific/Auckland",
    "cape town": "Africa/Johannesburg", "durban": "Africa/Johannesburg",
    "abu dhabi": "Asia/Dubai", "tel aviv": "Asia/Jerusalem",
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
}


#: Zones offered as buttons when we ask (an IANA key, and the city people know it by).
#: Anything else is typed: a city, a zone name or an offset.
COMMON = (
    ("Europe/London", "London"),
    ("Europe/Berlin", "Berlin, Paris, Madrid"),
    ("America/New_York", "New York"),
    ("America/Chicago", "Chicago"),
    ("America/Los_Angeles", "Los Angeles"),
    ("Asia/Kolkata", "India"),
    ("Australia/Sydney", "Sydney"),
    ("UTC", "UTC"),
)


@cache
def _by_lower() -> dict[str, str]:
    keys = available_timezones()
    index: dict[str, str] = {k.lower(): k for k in keys}
    cities: dict[str, str] = {}
    for key in sorted(keys):
        if "/" not in key or key.startswith(("Etc/", "SystemV/", "US/")):
            continue
        city = key.rsplit("/", 1)[1].replace("_", " ").lower()
        cities.setdefault(city, key)
    for city, key in cities.items():
        index.setdefault(city, key)
    for alias, key in _ALIASES.items():
        index.setdefault(alias, key)
    return index


def parse_zone(text: str) -> str | None:
    """Return the stored name for what a person typed, or ``None`` if unknown."""
    cleaned = " ".join(text.strip().replace("_", " ").split()).lower()
    if not cleaned:
        return None
    match = _OFFSET.match(cleaned.replace(" ", ""))
    if match:
        sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or minutes >= 60:
            return None
        if hours == 0 and minutes == 0:
            return "UTC"
        return f"UTC{sign}{hours:02d}:{minutes:02d}"
    index = _by_lower()
    for candidate in _candidates(cleaned):
        if candidate in index:
            return index[candidate]
    return None


_LEAD = re.compile(r"^(?:i'?m |i am |i live |we'?re |based |living |currently )?"
                   r"(?:in|near|from|at|around) (?:the )?")


def _candidates(cleaned: str) -> list[str]:
    """What a place might be called in "london uk", "I'm in Sydney", "Melbourne, Australia".

    The whole text first, then without "I'm in", then each part between commas,
    then runs of words, longest first ("new york" before "york").
    """
    stripped = _LEAD.sub("", cleaned).strip(" .!")
    found = [cleaned, cleaned.replace(" ", "_"), stripped]
    parts = [p.strip() for p in stripped.split(",") if p.strip()]
    found += parts
    words = stripped.replace(",", " ").split()
    for size in range(min(len(words), 3), 0, -1):
        found += [" ".join(words[i:i + size]) for i in range(len(words) - size + 1)
                  if size > 1 or len(words[i]) > 2]
    return found


@cache
def zone(name: str) -> tzinfo:
    """The tzinfo for a stored name (unknown names fall back to UTC)."""
    if name.startswith("UTC") and len(name) > 3:
        sign = -1 if name[3] == "-" else 1
        hours, minutes = name[4:].split(":")
        return timezone(timedelta(hours=int(hours), minutes=int(minutes)) * sign, name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
