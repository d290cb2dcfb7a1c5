"""How a command is written on the person's platform: ``/checkin`` or ``/sciatica checkin``.

The texts name commands one way, ``/checkin``, which is what a person types
on Telegram and in the terminal. Slack keeps a leading "/" for its own slash
commands, and the app has one, ``/sciatica``: there the same command is
``/sciatica checkin`` (or the plain word ``checkin`` in the app's messages).
Which syntax a platform uses is data its renderer passes here; the flows
never learn which platform they talk to.
"""

from __future__ import annotations

import re
from enum import StrEnum

from flows.intents import ADVERTISED


class CommandSyntax(StrEnum):
    """The way commands are typed on a platform."""

    SLASH = "slash"  # /checkin (Telegram, the terminal)
    SUBCOMMAND = "subcommand"  # /sciatica checkin (Slack: the app owns one slash command)


#: Commands the texts tell people to type, and joining by invite code. Not ``/start``:
#: only Telegram has it, and a clinic's invite names it for Telegram on purpose.
_COMMANDS = frozenset({*ADVERTISED, "join"})
#: A command at the start of a word ("/checkin", "(/remind 08:30"), never part of a
#: path or a zone ("Europe/Berlin", "and/or") nor an already spelled "/sciatica checkin".
_NAMED = re.compile(r"(?<![\w/])/(?P<name>[a-z_]+)\b")


def spell(text: str, syntax: CommandSyntax, *, command: str = "/sciatica") -> str:
    """``text`` with every command it names written in ``syntax``.

    ``command`` is the platform's own slash command, for the subcommand syntax.
    """
    if syntax is CommandSyntax.SLASH or "/" not in text:
        return text

    def respell(match: re.Match[str]) -> str:
        name = match.group("name")
        return f"{command} {name}" if name in _COMMANDS else match.group(0)

    return _NAMED.sub(respell, text)


def unspelled(text: str) -> list[str]:
    """Commands named in the slash syntax in ``text`` (what a subcommand platform must not show)."""
    return [m.group(0) for m in _NAMED.finditer(text) if m.group("name") in _COMMANDS]
