"""``sciatica-bot chat``: talk to the bot in a terminal.

Choices are numbered; answer with the number, the label or free text.
Reminders that fall due while you chat are shown before the next prompt.
Charts and data exports are written to a folder (:mod:`bot.terminal.files`)
and shown by their path and alt text.

Leaving is Ctrl-D or Ctrl-C, at the prompt or while the bot is answering.
Everything said is stored turn by turn, so the next start carries on where
the person was: someone new gets the welcome, anyone else first whatever a
run that stopped had not shown yet, otherwise the question they were last
asked, once more (a check-in under way stays under way).
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
from storage.outbox import unsent
from storage.turns import Queued, mark_sent

PLATFORM = "terminal"
BANNER = (
    "Sciatica Bot - terminal chat. Type your answers; numbers pick a button.\n"
    "Type help for commands, or press Ctrl-D to leave.\n"
)
WELCOME_BACK = "Welcome back. Here is where we were:"
GOODBYE = "Bye. Your progress is saved; run the same command to continue."


def run(runtime: Runtime, user: str, read: Callable[[str], str], out: IO[str], *,
        files: Path | None = None) -> None:
    """Chat until end of input or Ctrl-C. ``read`` is :func:`input` in real use.

    Pictures and files go to ``files`` (default: :func:`~bot.terminal.files.default_folder`).
    """
    out.write(BANNER + "\n")
    shelf = Shelf(runtime, files)
    zone = local_zone()
    try:
        _show(runtime, shelf, runtime.reminders.run_due().queued, out)
        _open(runtime, shelf, user, out, zone)
        while True:
            try:
                line = read("you> ")
            except EOFError:
                break
            if line.strip():
                _say(runtime, shelf, user, line, out, zone)
            _show(runtime, shelf, runtime.reminders.run_due().queued, out)
    except KeyboardInterrupt:
        pass  # Ctrl-C: at the prompt, or while a turn ran (committed whole, or not at all)
    out.write(f"\n{GOODBYE}\n")
    out.flush()


def _open(runtime: Runtime, shelf: Shelf, user: str, out: IO[str],
          zone: str | None) -> None:
    """The start of a session: the welcome, what was not shown, or the open question again."""
    left = unsent(runtime.db, PLATFORM, user)
    if left:
        _show(runtime, shelf, left, out)
        return
    question = runtime.engine.question(PLATFORM, user)
    if question is None:
        # Someone new: open the conversation so they see the welcome at once.
        _say(runtime, shelf, user, "/start", out, zone)
        return
    out.write(f"\n{WELCOME_BACK}\n")
    for message in question:
        out.write("\n" + as_text(message) + "\n\n")
    out.flush()


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
