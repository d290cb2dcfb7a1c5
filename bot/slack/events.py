"""Slack payloads to neutral events, and nothing else.

A Slack person is ``<team id>:<user id>`` (user ids are only unique within
a workspace); their chat is the direct-message channel with the app. Every
event gets a stable, unique id so a redelivery is a no-op in the engine:
the Events API ``event_id`` (the same on every ``X-Slack-Retry-Num``
retry), ``action:<action_ts>:<user>`` for a button press and
``command:<trigger_id>`` for a slash command.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from core.messages import InboundEvent
from flows.intents import nearest_command

PLATFORM = "slack"
COMMAND = "/sciatica"

#: ``/sciatica <word> [argument]`` words that are the conversation's own commands.
SUBCOMMANDS = frozenset({
    "checkin", "tips", "progress", "remind", "pause", "help", "menu", "resume", "stop",
    "timezone", "exercises", "review", "reminders", "sharing", "restart", "export", "delete",
    "quiet", "days",
})

Payload = Mapping[str, Any]


def person(team: str, user: str) -> str:
    """The neutral user id of a Slack user."""
    return f"{team}:{user}"


def slack_user(person_id: str) -> str:
    """The Slack user id inside a neutral user id."""
    return person_id.partition(":")[2]


def _at(ts: object) -> datetime:
    """A Slack ``ts`` ("1700000000.000100") as an aware instant; now if missing."""
    try:
        return datetime.fromtimestamp(float(str(ts)), UTC)
    except ValueError:
        return datetime.now(UTC)


def _unescape(text: str) -> str:
    """Slack escapes exactly these three in message text."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def message(body: Payload) -> InboundEvent | None:
    """A person's own text in their DM with the app, or ``None`` for anything else.

    Edits, deletions, joins and bot messages (``subtype`` or ``bot_id``) are
    not things a person said to the bot.
    """
    event = body.get("event") or {}
    if event.get("type") != "message" or event.get("channel_type") != "im":
        return None
    if event.get("subtype") == "message_changed":
        return _edited(body, event)
    if event.get("subtype") or event.get("bot_id"):
        return None
    return _text_event(body, event, event, edited=False)


def _edited(body: Payload, event: Payload) -> InboundEvent | None:
    """A person changed a message of theirs: read for safety only (never the bot's own)."""
    changed = event.get("message") or {}
    if changed.get("bot_id") or changed.get("subtype"):
        return None
    return _text_event(body, event, changed, edited=True)


def _text_event(body: Payload, event: Payload, said: Payload, *, edited: bool
                ) -> InboundEvent | None:
    """The event for what ``said`` holds (the message, or its new version for an edit)."""
    text, user, channel = said.get("text"), said.get("user"), event.get("channel")
    team = body.get("team_id") or event.get("team")
    event_id = body.get("event_id")
    if not (isinstance(text, str) and text.strip() and user and channel and team and event_id):
        return None
    return InboundEvent(
        platform=PLATFORM, user=person(team, user), chat=channel, event_id=str(event_id),
        at=_at(event.get("ts")), text=_unescape(text), edited=edited,
    )


def home_opened(body: Payload) -> tuple[str, str] | None:
    """``(person, Slack user)`` when someone opened the app's Home tab."""
    event = body.get("event") or {}
    if event.get("type") != "app_home_opened" or event.get("tab") != "home":
        return None
    team = body.get("team_id")
    user = event.get("user")
    if not (team and user):
        return None
    return person(team, user), user


# --- buttons --------------------------------------------------------------------


def button_value(choice: str, token: str | None) -> str:
    """What a button carries: the choice id and the reply token of its question."""
    return json.dumps({"c": choice, "t": token}, separators=(",", ":"))


def read_button_value(value: str) -> tuple[str, str | None] | None:
    """Inverse of :func:`button_value`; ``None`` for a value this app did not make."""
    try:
        data = json.loads(value)
    except (json.JSONDecodeError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("c"), str):
        return None
    token = data.get("t")
    return data["c"], token if isinstance(token, str) else None


@dataclass(frozen=True, slots=True)
class Press:
    """One button press, as far as the adapter needs it."""

    person: str
    user: str
    team: str
    choice: str
    token: str | None
    label: str
    channel: str
    message_ts: str | None
    action_ts: str
    in_dm: bool

    def event(self, chat: str) -> InboundEvent:
        """The neutral event, answered in ``chat`` (the person's DM with the app)."""
        return InboundEvent(
            platform=PLATFORM, user=self.person, chat=chat,
            event_id=f"action:{self.action_ts}:{self.user}", at=_at(self.action_ts),
            choice=self.choice, reply_token=self.token,
        )


def press(body: Payload) -> Press | None:
    """The first action of a ``block_actions`` payload, if it is one of our buttons."""
    actions = body.get("actions") or []
    user = (body.get("user") or {}).get("id")
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    if not (actions and user and team and channel):
        return None
    action = actions[0]
    decoded = read_button_value(str(action.get("value", "")))
    if decoded is None:
        return None
    choice, token = decoded
    label = str((action.get("text") or {}).get("text", choice))
    return Press(
        person=person(team, user), user=user, team=team, choice=choice, token=token,
        label=label, channel=channel, message_ts=container.get("message_ts"),
        action_ts=str(action.get("action_ts") or body.get("trigger_id") or ""),
        in_dm=str(channel).startswith("D"),
    )


# --- the slash command ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Command:
    """What ``/sciatica ...`` asks for."""

    kind: Literal["say", "clinic_setup", "clinic_off", "clinic_invite", "clinic_patients",
                  "clinic_patient", "clinic_export", "usage"]
    text: str = ""
    args: tuple[str, ...] = ()


def read_command(text: str, *, in_channel: bool = False) -> Command:
    """``/sciatica`` alone is the menu; ``/sciatica remind 08:30`` is ``/remind 08:30``.

    ``export`` typed in a team channel is the clinic's export; elsewhere it is the person's.
    """
    words = text.split()
    if not words:
        return Command("say", "/menu")
    sub = words[0].lower()
    if sub == "clinic":
        action = words[1].lower() if len(words) > 1 else ""
        if action == "setup":
            return Command("clinic_setup", args=tuple(words[2:]))
        if action in ("off", "stop"):
            return Command("clinic_off")
        if action == "invite":
            return Command("clinic_invite", args=tuple(words[2:]))
        if action == "leave":
            return Command("say", " ".join(["/clinic", "leave", *words[2:]]))
        if not action and not in_channel:
            return Command("say", "/clinic")
        return Command("usage")
    if sub == "join" and len(words) == 2:
        return Command("say", f"/join {words[1]}")
    if sub == "patients" and len(words) == 1:
        return Command("clinic_patients")
    if sub == "patient" and len(words) > 1:
        return Command("clinic_patient", args=tuple(words[1:]))
    if sub == "export" and len(words) == 1 and in_channel:
        return Command("clinic_export")
    if sub.lstrip("/") in SUBCOMMANDS:
        return Command("say", " ".join([f"/{sub.lstrip('/')}", *words[1:]]))
    nearest = nearest_command(sub)
    return Command("usage", args=(nearest,) if nearest else ())


def command_event(body: Payload, chat: str, text: str) -> InboundEvent:
    """A ``/sciatica`` subcommand as the person typing ``text`` in their DM."""
    return InboundEvent(
        platform=PLATFORM, user=person(str(body["team_id"]), str(body["user_id"])), chat=chat,
        event_id=f"command:{body['trigger_id']}", at=datetime.now(UTC), text=text,
    )
