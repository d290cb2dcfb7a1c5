"""``sciatica-bot chat --jsonl``: the scripted mode tests and tools drive.

Input, one JSON object per line::

    {"user": "alice", "text": "7"}
    {"user": "alice", "choice": "yes"}             (a pressed button)
    {"user": "alice", "text": "7", "at": "2026-03-01T09:00:00+01:00"}
    {"tick": "2026-03-02T09:00:00+01:00"}          (run what is due)

Output, one JSON line per input line::

    {"user": "alice", "replies": [{"text": ..., "choices": [...], "alert": ..., "exercise": ...}]}
    {"tick": "...", "sent": [{"user": "...", "replies": [...]}]}
        (a chart adds "image": {"path", "alt", "bytes", "mime_type"}; an export adds
        "files": [{"path", "title", "bytes", "mime_type"}]: see bot/terminal/files.py)
    {"error": "..."}                                (bad line; the run goes on)

Messages are marked sent only once their line is written and flushed, and
every line repeats whatever is still unsent (for that user, or for everyone
on a tick): a run killed mid-turn loses nothing, and a script that resends
the unanswered line with the same ``"id"`` gets the answer without a second
turn. With ``ids`` (``chat --jsonl --ids``) every answer and every entry of a
tick also carries ``"ids"``, the outbox ids of its replies, so such a script
can tell a repeat from a new message; without it the lines are exactly the
contract above.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from bot.clock import ScriptClock
from bot.runtime import Runtime
from bot.terminal.files import Shelf
from bot.terminal.render import as_json
from core.messages import InboundEvent
from storage.outbox import unsent
from storage.turns import mark_sent

PLATFORM = "terminal"
MAX_LINE = 1_000_000
#: Longest event id the database keeps (``processed.event_id``).
MAX_ID = 128


def run(runtime: Runtime, clock: ScriptClock, lines: Iterable[str], out: IO[str], *,
        files: Path | None = None, ids: bool = False) -> None:
    """Answer every line of ``lines`` on ``out``, flushing after each.

    Pictures and files go to ``files`` (default: :func:`~bot.terminal.files.default_folder`);
    ``ids`` adds the outbox ids to every answer.
    """
    shelf = Shelf(runtime, files)
    for line in lines:
        if not line.strip():
            continue
        delivered: list[int] = []
        try:
            reply, delivered = _handle(runtime, shelf, clock, line)
        except _BadLine as error:
            reply = {"error": str(error)}
        if not ids:
            _drop_ids(reply)
        out.write(json.dumps(reply, ensure_ascii=False) + "\n")
        out.flush()
        mark_sent(runtime.db, delivered, clock.now())


class _BadLine(ValueError):
    pass


def _drop_ids(reply: dict[str, Any]) -> None:
    """The line as the plain contract has it: no outbox ids."""
    reply.pop("ids", None)
    for entry in reply.get("sent", ()):
        entry.pop("ids", None)


def _control(value: str) -> bool:
    """Whether ``value`` holds a control character.

    User and event ids are stored as they are, and PostgreSQL refuses text
    with a NUL in it: such a line would stop the whole run, not just fail.
    """
    return any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value)


Answer = tuple[dict[str, Any], list[int]]  # the output line, the outbox ids it carries


def _handle(runtime: Runtime, shelf: Shelf, clock: ScriptClock, line: str) -> Answer:
    if len(line) > MAX_LINE:
        raise _BadLine(f"line longer than {MAX_LINE} characters")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise _BadLine(f"not valid JSON: {error.msg}") from None
    if not isinstance(data, dict):
        raise _BadLine("each line must be a JSON object")
    if "tick" in data:
        return _tick(runtime, shelf, clock, data)
    return _turn(runtime, shelf, clock, data)


def _time(value: Any, field: str) -> datetime:
    if not isinstance(value, str):
        raise _BadLine(f'"{field}" must be an ISO 8601 time string')
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise _BadLine(f'"{field}" is not an ISO 8601 time: {value!r}') from None
    if when.tzinfo is None:
        raise _BadLine(f'"{field}" needs a UTC offset, for example {value}+00:00')
    return when


def _tick(runtime: Runtime, shelf: Shelf, clock: ScriptClock, data: dict[str, Any]
          ) -> Answer:
    clock.set(_time(data["tick"], "tick"))
    runtime.reminders.run_due(clock.now())
    pending = unsent(runtime.db, PLATFORM)
    sent: dict[str, dict[str, Any]] = {}
    for queued in pending:
        entry = sent.setdefault(queued.chat, {"user": queued.chat, "replies": [], "ids": []})
        entry["replies"].append(as_json(*shelf.receive(queued)))
        entry["ids"].append(queued.outbox_id)
    return {"tick": data["tick"], "sent": list(sent.values())}, [q.outbox_id for q in pending]


def _turn(runtime: Runtime, shelf: Shelf, clock: ScriptClock, data: dict[str, Any]
          ) -> Answer:
    user = data.get("user")
    if not isinstance(user, str) or not user.strip() or len(user) > 200 or _control(user):
        raise _BadLine('"user" must be a non-empty string of at most 200 characters, '
                       'without control characters')
    text, choice = data.get("text"), data.get("choice")
    if (text is None) == (choice is None):
        raise _BadLine('give exactly one of "text" and "choice"')
    if not isinstance(text if text is not None else choice, str):
        raise _BadLine('"text" and "choice" must be strings')
    token = data.get("token")
    if token is not None and not isinstance(token, str):
        raise _BadLine('"token" must be a string')
    event_id = data.get("id", uuid.uuid4().hex)
    if not isinstance(event_id, str) or len(event_id) > MAX_ID or _control(event_id):
        raise _BadLine(f'"id" must be a string of at most {MAX_ID} characters, '
                       'without control characters')
    if "at" in data:
        clock.set(_time(data["at"], "at"))
    event = InboundEvent(
        platform=PLATFORM, user=user, chat=user, event_id=event_id, at=clock.now(),
        text=text, choice=choice, reply_token=token,
    )
    runtime.engine.handle(event)
    pending = unsent(runtime.db, PLATFORM, user)
    ids = [q.outbox_id for q in pending]
    return {"user": user, "replies": [as_json(*shelf.receive(q)) for q in pending], "ids": ids}, ids
