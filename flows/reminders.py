"""Reminder settings by chat: time, time zone, pause, off and on.

The same setters serve the settings flow and the one-line commands
(``/remind 08:30``, ``/timezone Berlin``, ``/pause 3``, ``/stop``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from core.messages import Choice, OutgoingMessage
from flows import texts
from flows.conversation import Conversation
from flows.dates import relative_date
from flows.onboarding import zone_choices
from flows.parsing import QuietHours, parse_days, read_clock, read_zone
from flows.spec import ANSWER, Answer, Flow, Gate, Go, Step, Unreadable
from flows.zones import zone

T = texts.reminders

SNOOZE = timedelta(hours=1)


def set_time(conversation: Conversation, at: str) -> None:
    """Remind every day at ``at`` local time (and end any pause)."""
    schedule = conversation.ctx.schedule
    schedule.remind_at = at
    schedule.stopped_at = None
    schedule.paused_until = None
    conversation.say(T.TIME_SET.format(time=at, zone=schedule.timezone))


def set_zone(conversation: Conversation, name: str) -> None:
    """Move to another time zone; reminders keep their local time."""
    conversation.ctx.schedule.timezone = name
    conversation.say(T.ZONE_SET.format(zone=zone(name)))


def pause_days(conversation: Conversation, days: int) -> None:
    """No reminders for ``days`` local days, starting today; say the day they come back."""
    schedule = conversation.ctx.schedule
    if schedule.remind_at is None:
        conversation.say(T.NO_TIME_YET)
        return
    until = conversation.today + timedelta(days=days - 1)
    schedule.paused_until = until
    schedule.snoozed_until = None
    back = relative_date(until + timedelta(days=1), conversation.today)
    conversation.say(T.PAUSED.format(days=days, s="" if days == 1 else "s", day=back,
                                     time=schedule.remind_at))


def stop(conversation: Conversation, _: Any = None) -> None:
    """Turn reminders off; the time is kept so /resume can bring it back."""
    schedule = conversation.ctx.schedule
    schedule.stopped_at = schedule.remind_at or schedule.stopped_at
    schedule.remind_at = None
    schedule.paused_until = None
    schedule.snoozed_until = None
    conversation.say(T.STOPPED)


def resume(conversation: Conversation, _: Any = None) -> None:
    """End a pause, or turn reminders back on at the time they had before /stop."""
    schedule = conversation.ctx.schedule
    if schedule.remind_at is None and schedule.stopped_at is not None:
        schedule.remind_at, schedule.stopped_at = schedule.stopped_at, None
    if schedule.remind_at is None:
        conversation.say(T.NO_TIME_YET)
        return
    schedule.paused_until = None
    conversation.say(T.RESUMED.format(time=schedule.remind_at))


def snooze(conversation: Conversation, _: Any = None) -> None:
    """One more reminder an hour from now."""
    at = conversation.now + SNOOZE
    conversation.ctx.schedule.snoozed_until = at
    local = at.astimezone(conversation.tz)
    conversation.say(T.SNOOZED.format(time=local.strftime("%H:%M")))


def set_quiet(conversation: Conversation, hours: QuietHours) -> None:
    """No reminders in these local hours (a reminder due then waits until they end)."""
    schedule = conversation.ctx.schedule
    schedule.quiet_start, schedule.quiet_end = hours.start, hours.end
    if hours.start is None:
        conversation.say(T.QUIET_OFF)
    else:
        conversation.say(T.QUIET_SET.format(start=hours.start, end=hours.end))


def set_days(conversation: Conversation, days: str) -> None:
    """Remind only on these ISO weekdays."""
    conversation.ctx.schedule.days = days
    names = ", ".join(T.DAY_NAMES[int(d) - 1] for d in days)
    conversation.say(T.DAYS_SET.format(days=names))


def overview(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """Current settings in one line."""
    schedule = conversation.ctx.schedule
    if schedule.remind_at is None:
        return [T.OVERVIEW_OFF.format(zone=schedule.timezone)]
    paused = ""
    if schedule.paused_until is not None and schedule.paused_until >= conversation.today:
        back = relative_date(schedule.paused_until + timedelta(days=1), conversation.today)
        paused = T.PAUSED_SUFFIX.format(day=back)
    return [T.OVERVIEW_ON.format(time=schedule.remind_at, zone=schedule.timezone, paused=paused)]


def overview_choices(conversation: Conversation) -> tuple[Choice, ...]:
    """Offer what makes sense for the current settings."""
    on = conversation.ctx.schedule.remind_at is not None
    toggle = Choice("off", T.TURN_OFF) if on else Choice("change_time", T.TURN_ON)
    choices = [Choice("change_time", T.CHANGE_TIME)] if on else []
    choices += [Choice("change_zone", T.CHANGE_ZONE)]
    if on:
        choices.append(Choice("pause", T.PAUSE))
    choices += [toggle, Choice("menu", T.BACK)]
    return tuple(choices)


def read_days(text: str) -> Answer | Unreadable | None:
    """Reader for the pause question."""
    days = parse_days(text)
    return Answer(ANSWER, days) if days else Unreadable(T.PAUSE_HINT)


_TO_MENU = Go.to_flow("menu")

REMINDERS = Flow(
    name="reminders",
    title="Reminder settings",
    gate=Gate(setup_done=True),
    steps=(
        Step(
            "overview",
            say=overview,
            choices=overview_choices,
            on={
                "change_time": Go("ask_time"),
                "change_zone": Go("ask_zone"),
                "pause": Go("ask_pause"),
                "off": Go.to_flow("menu", do=(stop,)),
            },
        ),
        Step(
            "ask_time",
            say=T.ASK_TIME,
            read=read_clock,
            hint=texts.common.TIME_HINT,
            on={ANSWER: Go.to_flow("menu", do=(set_time,))},
        ),
        Step(
            "ask_zone",
            say=T.ASK_ZONE,
            choices=zone_choices,
            read=read_zone,
            hint=texts.common.ZONE_UNKNOWN,
            on={ANSWER: Go.to_flow("menu", do=(set_zone,))},
        ),
        Step(
            "ask_pause",
            say=T.ASK_PAUSE,
            choices=(Choice("1", T.PAUSE_1), Choice("3", T.PAUSE_3), Choice("7", T.PAUSE_7)),
            read=read_days,
            hint=T.PAUSE_HINT,
            on={ANSWER: Go.to_flow("menu", do=(pause_days,))},
        ),
    ),
)
