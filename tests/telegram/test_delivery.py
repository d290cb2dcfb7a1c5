"""Delivery through the outbox to Telegram: flood control, blocked bots, reminders."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from sqlalchemy import select

from bot.clock import ManualClock
from bot.runtime import Runtime
from fakes.telegram import FakeTelegram
from storage.tables import identities, reminders, users
from tests.telegram.driver import TelegramDriver


async def test_flood_control_is_waited_out_then_the_message_is_sent(
        telegram_bot: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail("sendMessage", 429, retry_after=1)
    alice = telegram_bot.person()
    welcome = await alice.says("hello")
    assert welcome.labels == ["Let's start"]
    refused, accepted = fake_telegram.calls_of("sendMessage", alice.user)
    assert (refused.status, accepted.status) == (429, 200)
    assert accepted.at - refused.at >= 1.0


async def test_a_person_who_blocked_the_bot_is_inactive_and_gets_no_reminders(
        telegram_bot: TelegramDriver, fake_telegram: FakeTelegram,
        telegram_runtime: Runtime) -> None:
    alice = telegram_bot.person()
    await alice.onboards()
    assert reminder_due(telegram_runtime, alice.user) is not None
    fake_telegram.block(alice.user)
    assert await alice.says("/help") == []
    statuses = [c.status for c in fake_telegram.calls_of("sendMessage", alice.user)]
    assert statuses.count(403) == 1  # the rest of that turn was not tried
    assert not is_active(telegram_runtime, alice.user)
    assert reminder_due(telegram_runtime, alice.user) is None
    clock = telegram_runtime.clock
    assert isinstance(clock, ManualClock)
    clock.set(datetime(2026, 3, 5, 8, 30, tzinfo=UTC))  # 09:30 in Berlin, days later
    assert not telegram_runtime.reminders.run_due().queued


async def test_the_worker_sends_a_due_reminder_with_its_buttons(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram,
        telegram_runtime: Runtime) -> None:
    alice = telegram_bot_polling.person()
    await alice.onboards()
    before = len(fake_telegram.sent(alice.user))
    clock = telegram_runtime.clock
    assert isinstance(clock, ManualClock)
    clock.set(datetime(2026, 3, 3, 8, 1, tzinfo=UTC))  # 09:01 in Berlin, the next day
    deadline = time.monotonic() + 10
    while len(fake_telegram.sent(alice.user)) == before:
        assert time.monotonic() < deadline, "no reminder was sent"
        await asyncio.sleep(0.02)
    reminder = fake_telegram.sent(alice.user)[before]
    assert [data.split("|")[1] for _, data in reminder.buttons] == [
        "checkin", "snooze", "skip_today"]


def _user_id(runtime: Runtime, telegram_user: int) -> int:
    with runtime.db.engine.connect() as connection:
        return int(connection.execute(
            select(identities.c.user_id).where(identities.c.platform == "telegram",
                                               identities.c.platform_user == str(telegram_user))
        ).scalar_one())


def is_active(runtime: Runtime, telegram_user: int) -> bool:
    with runtime.db.engine.connect() as connection:
        return bool(connection.execute(
            select(users.c.active).where(users.c.id == _user_id(runtime, telegram_user))
        ).scalar_one())


def reminder_due(runtime: Runtime, telegram_user: int) -> datetime | None:
    with runtime.db.engine.connect() as connection:
        value = connection.execute(
            select(reminders.c.next_due_at)
            .where(reminders.c.user_id == _user_id(runtime, telegram_user))
        ).scalar_one()
    return value if isinstance(value, datetime) else None
