"""``sciatica-bot chat``: talk to the bot in a terminal.

Choices are numbered; answer with the number, the label or free text.
Reminders that fall due while you chat are shown before the next prompt.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import IO

from bot.messages import InboundEvent
from bot.runtime import Runtime
from bot.terminal.render import as_text
from storage.turns import Queued, mark_sent

PLATFORM = "terminal"
BANNER = (
    "Sciatica Bot - terminal chat. Type your answers; numbers pick a button.\n"
    "Type help for commands, or press Ctrl-D to leave.\n"
)


def run(runtime: Runtime, user: str, read: Callable[[str], str], out: IO[str]) -> None:
    """Chat until end of input. ``read`` is :func:`input` in real use."""
    out.write(BANNER + "\n")
    first = True
    while True:
        _show(runtime, runtime.reminders.run_due().queued, out)
        if first:
            # Open the conversation so a new person sees the welcome at once.
            _say(runtime, user, "/start", out)
            first = False
        try:
            line = read("you> ")
        except (EOFError, KeyboardInterrupt):
            out.write("\nBye. Your progress is saved; run the same command to continue.\n")
            return
        if line.strip():
            _say(runtime, user, line, out)


def _say(runtime: Runtime, user: str, text: str, out: IO[str]) -> None:
    event = InboundEvent(
        platform=PLATFORM, user=user, chat=user, event_id=uuid.uuid4().hex,
        at=runtime.clock.now(), text=text,
    )
    _show(runtime, runtime.engine.handle(event).deliveries, out)


def _show(runtime: Runtime, queued: Iterable[Queued], out: IO[str]) -> None:
    items = list(queued)
    for item in items:
        out.write("\n" + as_text(item.message) + "\n\n")
    out.flush()
    mark_sent(runtime.db, [q.outbox_id for q in items], runtime.clock.now())
