"""A person who never received the question is shown it again before an answer is read."""

from __future__ import annotations

from fakes.telegram import FakeTelegram
from flows.texts.common import NOT_RECEIVED
from tests.telegram.driver import TelegramDriver


async def test_after_blocking_and_unblocking_the_question_is_shown_again_first(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot_polling.person()
    await alice.says("hello")
    fake_telegram.block(alice.user)
    missed = await alice.presses("Let's start")  # the consent question cannot reach her
    assert missed == []
    fake_telegram.blocked.discard(alice.user)  # she unblocks the bot ...
    again = await alice.says("yes")  # ... and types what she thinks comes next
    assert again.has(NOT_RECEIVED)
    assert again.has("Do you agree")  # the question she never saw, before any answer
    assert not again.has("time zone")
    agreed = await alice.presses("I agree")
    assert agreed.has("time zone")


async def test_a_question_whose_delivery_failed_is_not_answered_by_the_next_message(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot_polling.person()
    await alice.says("hello")
    fake_telegram.fail("sendMessage", 400, description="Bad Request: message is too long",
                       chat=alice.user)  # refused for good: that question never arrives
    await alice.presses("Let's start")
    again = await alice.says("yes")
    assert again.has(NOT_RECEIVED)
    assert again.has("Do you agree")


async def test_a_command_is_still_obeyed_after_an_unseen_question(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot_polling.person()
    await alice.says("hello")
    fake_telegram.block(alice.user)
    await alice.presses("Let's start")
    fake_telegram.blocked.discard(alice.user)
    tips = await alice.says("/tips")
    assert tips.has("heat") or tips.has("ice") or tips.has("walk")
    assert tips.has("Do you agree")  # the question follows the tips
