"""``sciatica-bot chat``: talk to the bot in a terminal.

Choices are numbered; answer with the number, the label or free text.
Reminders that fall due while you chat are shown before the next prompt.
Charts and data exports are written to a folder (:mod:`bot.terminal.files`)
and shown by their path and alt text.
"""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

import tzlocal

from bot.runtime import Runtime
from bot.terminal.files import Shelf
from bot.terminal.render import as_text
from core.messages import InboundEvent
from storage.turns import Queued, mark_sent

PLATFORM = "terminal"
BANNER = (
    "Sciatica Bot - terminal chat. Type your answers; numbers pick a button.\n"
    "Type help for commands, or press Ctrl-D to leave.\n"
)


def run(runtime: Runtime, user: str, read: Callable[[str], str], out: IO[str], *,
        files: Path | None = None) -> None:
    """Chat until end of input. ``read`` is :func:`input` in real use.

    Pictures and files go to ``files`` (default: :func:`~bot.terminal.files.default_folder`).
    """
    out.write(BANNER + "\n")
    shelf = Shelf(runtime, files)
    zone = local_zone()
    first = True
    while True:
        _show(runtime, shelf, runtime.reminders.run_due().queued, out)
        if first:
            # Open the conversation so a new person sees the welcome at once.
            _say(runtime, shelf, user, "/start", out, zone)
            first = False
        try:
            line = read("you> ")
        except (EOFError, KeyboardInterrupt):
            out.write("\nBye. Your progress is saved; run the same command to continue.\n")
            return
        if line.strip():
            _say(runtime, shelf, user, line, out, zone)


def local_zone() -> str | None:
    """The computer's IANA time zone, if it has one (offered when the bot asks for a zone).

    tzlocal, the usual library for it: it reads ``TZ``, ``/etc/localtime``,
    ``/etc/timezone`` or the Windows registry, which we would otherwise each
    have to handle. Any doubt (no zone, a warning about a mismatch) is no hint.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            name = tzlocal.get_localzone_name()
        except Exception:  # noqa: BLE001 - a hint only: any failure means none
            return None
    return name or None


def _say(runtime: Runtime, shelf: Shelf, user: str, text: str, out: IO[str],
         zone: str | None = None) -> None:
    event = InboundEvent(
        platform=PLATFORM, user=user, chat=user, event_id=uuid.uuid4().hex,
        at=runtime.clock.now(), text=text, zone_hint=zone,
    )
    _show(runtime, shelf, runtime.engine.handle(event).deliveries, out)


def _show(runtime: Runtime, shelf: Shelf, queued: Iterable[Queued], out: IO[str]) -> None:
    items = list(queued)
    for item in items:
        message, saved = shelf.receive(item)
        out.write("\n" + as_text(message, saved) + "\n\n")
    out.flush()
    mark_sent(runtime.db, [q.outbox_id for q in items], runtime.clock.now())
