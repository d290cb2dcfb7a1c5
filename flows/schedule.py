"""When reminders are due, and what each one says (PROTOCOL.md section 4).

Times are kept in the person's local time and turned into instants only
when needed, so a 09:00 reminder stays 09:00 across DST changes and moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from core.messages import Choice, OutgoingMessage
from flows import texts
from flows.context import Schedule
from flows.conversation import local_time_of_day
from flows.zones import zone

#: Days without a check-in after which the one gentle nudge goes out.
NUDGE_AFTER_SKIPPED_DAYS = 2
_HORIZON_DAYS = 370

Kind = Literal["skip", "reminder", "nudge"]


def _in_quiet_hours(at: time, schedule: Schedule) -> bool:
    if not schedule.quiet_start or not schedule.quiet_end:
        return False
    start, end = local_time_of_day(schedule.quiet_start), local_time_of_day(schedule.quiet_end)
    if start <= end:
        return start <= at < end
    return at >= start or at < end


def _out_of_quiet(local: datetime, schedule: Schedule) -> datetime:
    """Move an instant inside quiet hours to their end (same or next local day)."""
    if not _in_quiet_hours(local.timetz().replace(tzinfo=None), schedule) or not schedule.quiet_end:
        return local
    end = local_time_of_day(schedule.quiet_end)
    moved = datetime.combine(local.date(), end, tzinfo=local.tzinfo)
    if moved <= local:
        moved = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=local.tzinfo)
    return moved


def next_daily(schedule: Schedule, after: datetime, *, not_on_or_before: date | None = None
               ) -> datetime | None:
    """The first daily reminder instant strictly after ``after`` (UTC), or ``None``.

    ``not_on_or_before`` skips local dates already served, so a reminder sent
    late on Monday does not make Monday due again.
    """
    if schedule.remind_at is None:
        return None
    tz = zone(schedule.timezone)
    at = local_time_of_day(schedule.remind_at)
    first = after.astimezone(tz).date()
    for offset in range(_HORIZON_DAYS):
        day = first + timedelta(days=offset)
        if str(day.isoweekday()) not in schedule.days:
            continue
        if schedule.paused_until is not None and day <= schedule.paused_until:
            continue
        if not_on_or_before is not None and day <= not_on_or_before:
            continue
        local = _out_of_quiet(datetime.combine(day, at, tzinfo=tz), schedule)
        instant = local.astimezone(UTC)
        if instant > after:
            return instant
    return None


@dataclass(frozen=True, slots=True)
class Due:
    """The next reminder: when, and whether it is the daily one or a snooze."""

    at: datetime
    slot: Literal["daily", "snooze"]


def next_due(schedule: Schedule, after: datetime, *, served: date | None = None) -> Due | None:
    """Next daily reminder or pending snooze, whichever comes first."""
    daily = next_daily(schedule, after, not_on_or_before=served)
    snooze = None
    if schedule.snoozed_until is not None and schedule.snoozed_until > after:
        local = schedule.snoozed_until.astimezone(zone(schedule.timezone))
        snooze = _out_of_quiet(local, schedule).astimezone(UTC)
    if snooze is not None and (daily is None or snooze < daily):
        return Due(snooze, "snooze")
    return Due(daily, "daily") if daily is not None else None


def local_date(instant: datetime, schedule: Schedule) -> date:
    """The person's calendar date at ``instant``."""
    return instant.astimezone(zone(schedule.timezone)).date()


@dataclass(frozen=True, slots=True)
class Lapse:
    """What the dispatcher knows about recent check-ins."""

    last_checkin: date | None
    since: date | None  # when reminders began, for someone who never checked in
    nudged_for: date | None  # the lapse that already got its nudge


def lapse_reference(lapse: Lapse) -> date | None:
    """The day a run of missed days is counted from."""
    return lapse.last_checkin or lapse.since


def reminder_kind(today: date, lapse: Lapse) -> Kind:
    """Skip when already checked in today; one nudge per lapse of two missed days."""
    if lapse.last_checkin == today:
        return "skip"
    reference = lapse_reference(lapse)
    if (
        reference is not None
        and (today - reference).days > NUDGE_AFTER_SKIPPED_DAYS
        and lapse.nudged_for != reference
    ):
        return "nudge"
    return "reminder"


REMINDER_CHOICES = (
    Choice("checkin", texts.reminders.REMINDER_CHECKIN),
    Choice("snooze", texts.reminders.REMINDER_SNOOZE),
    Choice("skip_today", texts.reminders.REMINDER_SKIP),
)


def reminder_message(kind: Kind) -> OutgoingMessage:
    """The reminder or the nudge; its buttons are global intents, never stale."""
    text = texts.reminders.NUDGE if kind == "nudge" else texts.reminders.REMINDER
    return OutgoingMessage(text, choices=REMINDER_CHOICES)
