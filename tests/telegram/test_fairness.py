"""One chat's trouble is that chat's alone: a 429 or an outage for Alice never holds Bob up.

Real python-telegram-bot against the fake Bot API, in the polling mode (the
worker's relay beside it).
"""

from __future__ import annotations

import asyncio
import time

from fakes.telegram import FakeTelegram
from tests.telegram.driver import TelegramDriver

BOB = 6230047985


async def test_a_flood_wait_for_one_chat_does_not_hold_another_chat(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot_polling.person()
    bob = telegram_bot_polling.person(BOB, "Bob")
    await alice.says("hello")
    fake_telegram.fail("sendMessage", 429, retry_after=20, times=50, chat=alice.user)
    fake_telegram.enqueue(fake_telegram.text_update(alice.user, "help"))
    while not any(c.status == 429 for c in fake_telegram.calls_of("sendMessage")):
        telegram_bot_polling.alive()
        await _pause()
    asked = time.monotonic()
    answer = await bob.says("hi there")
    assert answer.has("not a doctor")
    assert answer[0].at - asked < 1.0  # not the 20 s Alice has to wait


async def test_an_outage_of_one_chat_does_not_hold_another_chat(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot_polling.person()
    bob = telegram_bot_polling.person(BOB, "Bob")
    await alice.says("hello")
    fake_telegram.fail("sendMessage", 500, times=50, chat=alice.user)
    fake_telegram.enqueue(fake_telegram.text_update(alice.user, "help"))
    while not any(c.status == 500 for c in fake_telegram.calls_of("sendMessage")):
        telegram_bot_polling.alive()
        await _pause()
    asked = time.monotonic()
    answer = await bob.says("good morning")
    assert answer.has("not a doctor")
    assert answer[0].at - asked < 1.0


async def _pause() -> None:
    await asyncio.sleep(0.01)
