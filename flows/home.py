"""What a home page shows about one person: streak, last pain scores, next reminder.

Pure: computed from the stored :class:`~flows.context.Context` and the
current instant; adapters only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flows import texts
from flows.context import Context
from flows.programme import current_streak, recent_checkins
from flows.schedule import next_due
from flows.zones import zone


@dataclass(frozen=True, slots=True)
class Home:
    """The lines of a person's home page, in order, already worded."""

    title: str
    lines: tuple[str, ...]


def home(context: Context | None, now: datetime) -> Home:
    """The home page for ``context`` (``None``: someone the bot has not met)."""
    T = texts.home
    if context is None or not context.setup_done:
        return Home(T.TITLE, (T.NEW, T.COMMANDS))
    prog = context.programme
    lines: list[str] = []
    if context.safety.hold is not None:
        lines.append(T.PAUSED)
    if prog.checkins:
        today = now.astimezone(zone(context.schedule.timezone)).date()
        streak = current_streak(prog, today)
        lines.append(T.STREAK.format(streak=streak, s="" if streak == 1 else "s"))
        lines.append(T.RECENT.format(scores=", ".join(
            f"{before} → {after}" if after is not None else str(before)
            for before, after in recent_checkins(prog))))
    else:
        lines.append(T.NO_CHECKINS)
    due = next_due(context.schedule, now)
    if due is None:
        lines.append(T.NO_REMINDER)
    else:
        local = due.at.astimezone(zone(context.schedule.timezone))
        lines.append(T.NEXT_REMINDER.format(when=local.strftime("%a %d %b, %H:%M"),
                                            zone=context.schedule.timezone))
    lines.append(T.COMMANDS)
    return Home(T.TITLE, tuple(lines))
