"""Reminders sent by the dispatcher, on a real database, through the clock."""

from __future__ import annotations

from datetime import UTC, datetime

from fakes.harness import ChatHarness


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def test_reminder_fires_at_local_time_once(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot  # 09:00 Berlin = 08:00 UTC in March
    assert bot.tick(at(2, 7, 59)) == {}
    sent = bot.tick(at(2, 8, 0))
    assert list(sent) == ["alice"]
    assert sent["alice"].has("daily check-in")
    assert sent["alice"].choices == ["checkin", "snooze", "skip_today"]
    assert bot.tick(at(2, 8, 30)) == {}


def test_reminder_every_day(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.tick(at(2, 8, 0))
    assert bot.tick(at(3, 7, 59)) == {}
    assert "alice" in bot.tick(at(3, 8, 0))


def test_reminder_follows_local_time_across_dst(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.tick(at(28, 8, 0))
    assert bot.tick(at(29, 6, 59)) == {}
    assert "alice" in bot.tick(at(29, 7, 0))  # 09:00 CEST


def test_reminder_follows_a_move_to_another_time_zone(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.say("/timezone America/New_York", at=at(2, 6, 0))
    assert bot.tick(at(2, 8, 0)) == {}
    assert "alice" in bot.tick(at(2, 14, 0))  # 09:00 EST


def test_no_reminder_after_checking_in_that_day(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.clock.set(at(2, 7, 0))
    bot.checkin(3, 3)
    assert bot.tick(at(2, 8, 0)) == {}
    assert "alice" in bot.tick(at(3, 8, 0))


def test_one_gentle_nudge_after_two_missed_days(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.clock.set(at(2, 7, 0))
    bot.checkin(3, 3)
    bot.tick(at(2, 8, 0))
    assert not bot.tick(at(3, 8, 0))["alice"].has("couple of days")
    assert not bot.tick(at(4, 8, 0))["alice"].has("couple of days")
    nudge = bot.tick(at(5, 8, 0))["alice"]
    assert nudge.has("couple of days")
    assert len(nudge) == 1
    assert not bot.tick(at(6, 8, 0))["alice"].has("couple of days")


def test_pause_for_three_days(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.say("/pause 3", at=at(2, 7, 0))
    for day in (2, 3, 4):
        assert bot.tick(at(day, 8, 0)) == {}
    assert "alice" in bot.tick(at(5, 8, 0))


def test_stop_means_no_more_reminders(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.say("/stop", at=at(2, 7, 0))
    assert bot.tick(at(9, 8, 0)) == {}


def test_snooze_from_the_reminder_button(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.tick(at(2, 8, 0))
    reply = bot.press("snooze")
    assert reply.has("remind you again at 10:00")
    assert bot.tick(at(2, 8, 59)) == {}
    assert "alice" in bot.tick(at(2, 9, 0))
    assert bot.tick(at(2, 12, 0)) == {}


def test_check_in_from_the_reminder_button(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.tick(at(2, 8, 0))
    assert bot.press("checkin").has("How bad is your leg pain")


def test_late_reminder_is_sent_once_the_same_day(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot  # the bot was down from 08:00 to 15:00
    sent = bot.tick(at(2, 15, 0))
    assert len(sent["alice"]) == 1


def test_reminder_of_a_day_that_is_over_is_skipped(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot  # down for three days: only today's reminder, once
    sent = bot.tick(at(5, 9, 0))
    assert len(sent["alice"]) == 1
    assert bot.tick(at(5, 20, 0)) == {}


def test_no_reminders_while_a_safety_pause_is_active(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.say("I can't control my bladder", at=at(2, 7, 0))
    assert bot.tick(at(3, 8, 0)) == {}
    bot.press("examined")
    assert "alice" in bot.tick(at(4, 8, 0))


def test_quiet_hours_hold_a_reminder_until_they_end(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.say("/quiet 08:00-10:00", at=at(2, 6, 0))
    assert bot.tick(at(2, 8, 30)) == {}
    assert "alice" in bot.tick(at(2, 9, 0))  # 10:00 Berlin


def test_weekday_reminders_skip_the_weekend(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.say("/days mon-fri", at=at(6, 9, 0))  # a Friday, after the reminder time
    assert bot.tick(at(7, 8, 0)) == {}
    assert bot.tick(at(8, 8, 0)) == {}
    assert "alice" in bot.tick(at(9, 8, 0))
