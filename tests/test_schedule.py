"""When reminders are due (pure rules)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flows.context import Schedule
from flows.schedule import Lapse, next_daily, next_due, reminder_kind

BERLIN = Schedule(timezone="Europe/Berlin", remind_at="09:00")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_next_reminder_is_today_if_the_time_is_still_ahead() -> None:
    assert next_daily(BERLIN, utc(2026, 3, 2, 7, 0)) == utc(2026, 3, 2, 8, 0)


def test_next_reminder_is_tomorrow_once_the_time_has_passed() -> None:
    assert next_daily(BERLIN, utc(2026, 3, 2, 8, 0)) == utc(2026, 3, 3, 8, 0)


def test_reminder_stays_at_nine_local_across_the_spring_dst_change() -> None:
    before = next_daily(BERLIN, utc(2026, 3, 28, 8, 30))
    assert before == utc(2026, 3, 29, 7, 0)  # 09:00 CEST is 07:00 UTC


def test_reminder_stays_at_nine_local_across_the_autumn_dst_change() -> None:
    assert next_daily(BERLIN, utc(2026, 10, 24, 8, 0)) == utc(2026, 10, 25, 8, 0)


def test_a_time_that_does_not_exist_on_the_dst_day_moves_forward() -> None:
    schedule = Schedule(timezone="Europe/Berlin", remind_at="02:30")
    due = next_daily(schedule, utc(2026, 3, 28, 12, 0))
    assert due == utc(2026, 3, 29, 1, 30)  # 03:30 CEST, an hour after the gap


def test_paused_days_are_skipped() -> None:
    schedule = BERLIN.model_copy(update={"paused_until": date(2026, 3, 4)})
    assert next_daily(schedule, utc(2026, 3, 2, 7, 0)) == utc(2026, 3, 5, 8, 0)


def test_only_chosen_weekdays() -> None:
    weekdays = BERLIN.model_copy(update={"days": "12345"})
    assert next_daily(weekdays, utc(2026, 3, 6, 9, 0)) == utc(2026, 3, 9, 8, 0)  # Fri → Mon


def test_quiet_hours_push_a_reminder_to_their_end() -> None:
    late = Schedule(timezone="UTC", remind_at="23:00", quiet_start="22:00", quiet_end="07:00")
    assert next_daily(late, utc(2026, 3, 2, 12, 0)) == utc(2026, 3, 3, 7, 0)


def test_no_time_no_reminder() -> None:
    assert next_due(Schedule(), utc(2026, 3, 2)) is None


def test_a_snooze_comes_before_tomorrows_reminder() -> None:
    snoozed = BERLIN.model_copy(update={"snoozed_until": utc(2026, 3, 2, 9, 0)})
    due = next_due(snoozed, utc(2026, 3, 2, 8, 0))
    assert due is not None
    assert (due.at, due.slot) == (utc(2026, 3, 2, 9, 0), "snooze")


def test_served_day_is_not_due_again() -> None:
    due = next_due(BERLIN, utc(2026, 3, 2, 7, 0), served=date(2026, 3, 2))
    assert due is not None
    assert due.at == utc(2026, 3, 3, 8, 0)


def test_no_reminder_on_a_day_already_checked_in() -> None:
    assert reminder_kind(date(2026, 3, 5), Lapse(date(2026, 3, 5), None, None)) == "skip"


def test_one_nudge_after_two_missed_days() -> None:
    lapse = Lapse(last_checkin=date(2026, 3, 2), since=None, nudged_for=None)
    assert reminder_kind(date(2026, 3, 4), lapse) == "reminder"
    assert reminder_kind(date(2026, 3, 5), lapse) == "nudge"
    nudged = Lapse(date(2026, 3, 2), None, nudged_for=date(2026, 3, 2))
    assert reminder_kind(date(2026, 3, 6), nudged) == "reminder"


def test_nudge_counts_from_when_reminders_began_if_never_checked_in() -> None:
    lapse = Lapse(last_checkin=None, since=date(2026, 3, 2), nudged_for=None)
    assert reminder_kind(date(2026, 3, 5), lapse) == "nudge"
