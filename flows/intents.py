"""Global intents: commands understood in every state.

Typed as ``/command`` or in plain words ("help", "pause reminders"), or
pressed as a menu or reminder button whose id is the intent's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from flows.parsing import normalise


@dataclass(frozen=True, slots=True)
class Intent:
    """A recognised command and its argument (possibly empty)."""

    name: str
    arg: str = ""


NAMES = frozenset({
    "help", "menu", "tips", "restart", "checkin", "exercises", "progress", "review",
    "remind", "timezone", "pause", "stop", "resume", "snooze", "skip_today", "start",
    "reminders", "quiet", "days", "sharing", "export", "delete", "clinic", "leave_clinic",
})

_SLASH_ALIASES = {
    "check_in": "checkin",
    "check": "checkin",
    "time_zone": "timezone",
    "tz": "timezone",
    "reminder": "remind",
    "unpause": "resume",
    "settings": "reminders",
    "erase": "delete",
    "download": "export",
}

#: Commands a person may be told about, hence suggested for a slip of the finger.
ADVERTISED = (
    "checkin", "tips", "exercises", "progress", "review", "remind", "timezone", "pause",
    "resume", "stop", "quiet", "days", "reminders", "menu", "help", "restart", "clinic",
    "sharing", "export", "delete",
)
#: How alike (0-100, rapidfuzz's ratio) a mistyped word must be to a command to suggest it:
#: "chekin", "progres", "remnd" and "hlep" score 75-93; unrelated words stay below 60.
SUGGEST_FROM = 72

_PHRASES = {
    "help": "help", "?": "help", "what can you do": "help", "commands": "help",
    "menu": "menu", "main menu": "menu", "home": "menu", "back": "menu",
    "tips": "tips", "pain tips": "tips", "pain relief": "tips", "relief": "tips",
    "pain relief tips": "tips", "relief tips": "tips",
    "restart": "restart", "start over": "restart", "start again": "restart",
    "check in": "checkin", "checkin": "checkin", "check-in": "checkin",
    "daily check-in": "checkin", "daily check in": "checkin",
    "exercises": "exercises", "my exercises": "exercises", "today's exercises": "exercises",
    "progress": "progress", "my progress": "progress", "stats": "progress",
    "how am i doing": "progress", "how am i getting on": "progress", "my stats": "progress",
    "review": "review", "six week review": "review", "6 week review": "review",
    "reminders": "reminders", "reminder settings": "reminders",
    "pause": "pause", "pause reminders": "pause",
    "stop": "stop", "stop reminders": "stop", "unsubscribe": "stop",
    "turn off reminders": "stop", "no more reminders": "stop",
    "resume": "resume", "resume reminders": "resume", "unpause": "resume",
    "turn reminders back on": "resume", "reminders back on": "resume",
    "turn reminders on": "resume", "reminders on": "resume",
    "snooze": "snooze",
    "sharing": "sharing", "clinic sharing": "sharing", "stop sharing": "sharing",
    "export": "export", "export my data": "export", "download my data": "export",
    "my data": "export",
    "delete": "delete", "delete my data": "delete", "erase my data": "delete",
    "delete my account": "delete",
    "leave clinic": "leave_clinic", "leave the clinic": "leave_clinic",
    "leave clinics": "leave_clinic", "clinic leave": "leave_clinic",
}
_WITH_ARG = re.compile(
    r"^(?:remind me at|remind me|remind|set reminder to|reminder at)\s+(?P<remind>.+)$"
    r"|^(?:time ?zone|my time ?zone is)\s+(?P<timezone>.+)$"
    r"|^(?:pause(?: reminders)?(?: for)?)\s+(?P<pause>.+)$"
    r"|^(?:quiet hours|quiet)\s+(?P<quiet>.+)$"
    r"|^(?:remind me on|reminder days|days)\s+(?P<days>.+)$"
)
#: A request to see something, wrapped in everyday words: "show me my progress please".
_POLITE = re.compile(
    r"^(?:(?:can|could|may) (?:i|you) )?(?:please )?"
    r"(?:(?:show|give|send|tell)(?: me)?|see|view|check|let me see|i(?: want|'d like) to see)?"
    r"\s*(?:my |the )?(?P<rest>.+?)(?:,? please)?(?:,? thanks| thank you)?$"
)
#: What the polite form may ask for: things to look at, never a change.
_LOOK = frozenset({"progress", "exercises", "tips", "help", "menu", "reminders", "review"})
_LEAVE = re.compile(r"^(?:leave (?:the )?clinics?|clinic leave)(?:\s+(?P<which>.+))?$")
_SLASH = re.compile(r"^/(?P<cmd>[a-z_]+)(?:@\w+)?(?:\s+(?P<arg>.*))?$", re.DOTALL)


def parse_intent(text: str) -> Intent | None:
    """Recognise a global intent in typed text, or ``None``."""
    stripped = text.strip()
    slash = _SLASH.match(stripped.lower()) if stripped.startswith("/") else None
    if slash:
        cmd = _SLASH_ALIASES.get(slash.group("cmd"), slash.group("cmd"))
        arg = stripped.split(None, 1)[1].strip() if len(stripped.split(None, 1)) > 1 else ""
        if cmd == "clinic":
            return _clinic_command(arg)
        if cmd not in NAMES:
            return None
        return Intent(cmd, arg)
    cleaned = normalise(stripped).strip(" .!")
    if len(cleaned) > 1:
        cleaned = cleaned.rstrip(" ?.!")  # "how am I doing?"; a lone "?" asks for help
    leaving = _LEAVE.match(cleaned)
    if leaving:
        return Intent("leave_clinic", leaving.group("which") or "")
    if cleaned in _PHRASES:
        return Intent(_PHRASES[cleaned])
    polite = _POLITE.match(cleaned)
    if polite:
        rest = polite.group("rest")
        name = _PHRASES.get(rest) or _PHRASES.get(f"my {rest}")
        if name in _LOOK:
            return Intent(name)
    match = _WITH_ARG.match(cleaned)
    if match:
        for name in ("remind", "timezone", "pause", "quiet", "days"):
            if match.group(name):
                return Intent(name, match.group(name))
    return None


def _clinic_command(arg: str) -> Intent:
    """``/clinic leave [name]`` withdraws sharing; ``/clinic`` alone shows the switches."""
    verb, _, rest = arg.partition(" ")
    if verb.lower() == "leave":
        return Intent("leave_clinic", rest.strip())
    return Intent("clinic")


@cache
def _spellings() -> dict[str, str]:
    """Every way of writing a command we know (names and aliases), to its name."""
    known = {name: name for name in ADVERTISED}
    known.update({alias: name for alias, name in _SLASH_ALIASES.items() if name in ADVERTISED})
    return known


def unknown_command(text: str) -> str | None:
    """The word of a ``/word`` that is no command we know, or ``None``."""
    slash = _SLASH.match(text.strip().lower())
    if slash is None:
        return None
    word = slash.group("cmd")
    return None if word in NAMES or word in _SLASH_ALIASES or word == "clinic" else word


def nearest_command(word: str) -> str | None:
    """The command a mistyped ``word`` most likely meant ("chekin" → "checkin"), or ``None``.

    rapidfuzz's ``ratio`` (a normalised edit similarity, in C) rather than our
    own edit distance: it is the usual tool for this, fast, and its
    ``extractOne`` applies the cut-off for us.
    """
    found = process.extractOne(word.lower().lstrip("/"), list(_spellings()),
                               scorer=fuzz.ratio, score_cutoff=SUGGEST_FROM)
    return _spellings()[found[0]] if found else None
