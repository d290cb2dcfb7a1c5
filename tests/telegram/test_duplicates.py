"""Exactly-once: an update Telegram sends again changes nothing the second time."""

from __future__ import annotations

from fakes.telegram import FakeTelegram
from tests.telegram.driver import TelegramDriver


def times_served(fake: FakeTelegram, update_id: int) -> int:
    return sum(1 for call in fake.calls_of("getUpdates") for update in call.result or []
               if update["update_id"] == update_id)


async def test_an_update_fetched_again_by_polling_changes_nothing(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot_polling.person()
    welcome = await alice.says("hello")
    press = fake_telegram.press(alice.user, welcome.asking, "Let's start")
    consent = await alice.sends(press)
    fake_telegram.redeliver(press)  # the confirming getUpdates was lost
    zone = await alice.says("I agree")  # handled after the redelivered press
    assert times_served(fake_telegram, press["update_id"]) == 2
    assert consent.labels == ["I agree", "I don't agree"]
    assert zone.has("time zone")
    assert not any("earlier question" in c.text for c in alice.history)
    sent = [c.text for c in fake_telegram.sent(alice.user)]
    assert sum("Do you agree" in text for text in sent) == 1


async def test_a_webhook_post_repeated_changes_nothing(
        telegram_bot_webhook: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot_webhook.person()
    update = fake_telegram.text_update(alice.user, "hello")
    first = await alice.sends(update)
    await telegram_bot_webhook.transport(update)  # 200 again, once the duplicate is seen
    await telegram_bot_webhook.settled(update["update_id"], alice.user)
    assert len(first) == 1
    assert len(fake_telegram.sent(alice.user)) == 1
