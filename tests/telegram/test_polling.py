"""``sciatica-bot telegram``: long polling, one person's updates in order, people in parallel."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

import pytest

from bot.runtime import Runtime
from bot.telegram.polling import CONFLICT_RETRY_SECONDS, PerPersonOrder
from fakes.telegram import FakeTelegram
from flows.intents import parse_intent
from flows.texts.menu import COMMANDS
from tests.telegram.conftest import polling_mode
from tests.telegram.driver import TelegramDriver

BOB = 6230047985


async def test_polling_asks_for_the_update_kinds_the_bot_handles(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    await telegram_bot_polling.person().says("hello")
    polls = fake_telegram.calls_of("getUpdates")
    assert polls[0].params["allowed_updates"] == ["message", "edited_message", "callback_query"]
    assert fake_telegram.calls_of("deleteWebhook")  # polling and a webhook exclude each other


async def test_the_command_menu_lists_only_commands_the_engine_understands(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    await telegram_bot_polling.person().says("hello")
    names = [c["command"] for c in fake_telegram.commands]
    assert names == [c for c, _ in COMMANDS]
    for name in ("start", "checkin", "tips", "exercises", "progress", "remind", "pause",
                 "help", "stop"):
        assert name in names
    for name in names:
        intent = parse_intent(f"/{name}")
        assert intent is not None
        assert intent.name == name


async def test_two_quick_updates_from_one_person_are_handled_in_order(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot_polling.person()
    welcome = await alice.says("hello")
    press = fake_telegram.press(alice.user, welcome.asking, "Let's start")
    typed = fake_telegram.text_update(alice.user, "I agree")
    fake_telegram.delay("answerCallbackQuery", 0.3)  # the press is slow to acknowledge
    before = len(fake_telegram.sent(alice.user))
    fake_telegram.enqueue(press, typed)
    await telegram_bot_polling.settled(typed["update_id"], alice.user)
    await telegram_bot_polling.settled(press["update_id"], alice.user)
    replies = [c.text for c in fake_telegram.sent(alice.user)[before:]]
    assert "Do you agree" in replies[0]  # the press moved on to the consent question
    assert any("time zone" in text for text in replies[1:])  # then "I agree" answered it
    assert not any("didn't catch" in text for text in replies)


async def test_different_people_are_handled_at_the_same_time(
        telegram_bot_polling: TelegramDriver, fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot_polling.person()
    welcome = await alice.says("hello")
    fake_telegram.delay("answerCallbackQuery", 1.0)
    press = fake_telegram.press(alice.user, welcome.asking, "Let's start")
    hello = fake_telegram.text_update(BOB, "hello", name="Bob")
    fake_telegram.enqueue(press, hello)
    await telegram_bot_polling.settled(hello["update_id"], BOB)
    await telegram_bot_polling.settled(press["update_id"], alice.user)
    (bob_welcome,) = fake_telegram.sent(BOB)
    alice_consent = fake_telegram.sent(alice.user)[-1]
    assert bob_welcome.at < alice_consent.at  # Bob did not wait behind Alice's slow press


async def test_jobs_of_one_key_run_in_submission_order_whatever_they_await() -> None:
    order = PerPersonOrder(limit=8)
    done: list[str] = []

    def job(name: str, pause: float) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await asyncio.sleep(pause)
            done.append(name)
        return run

    await order.submit("alice", job("alice-1", 0.05))
    await order.submit("alice", job("alice-2", 0.0))
    await order.submit("bob", job("bob-1", 0.0))
    await order.drain()
    assert done.index("alice-1") < done.index("alice-2")
    assert done[0] == "bob-1"  # not held up by Alice's slow job
    assert len(order) == 0


async def test_a_failing_job_does_not_stop_the_next_one_of_the_same_key() -> None:
    order = PerPersonOrder(limit=2)
    done: list[str] = []

    async def fails() -> None:
        raise ValueError("boom")

    async def works() -> None:
        done.append("ran")

    await order.submit("alice", fails)
    await order.submit("alice", works)
    await order.submit("alice", works)  # waits for a free place, then runs
    await order.drain()
    assert done == ["ran", "ran"]


async def test_stopping_finishes_the_updates_already_fetched(
        telegram_runtime: Runtime, fake_telegram: FakeTelegram) -> None:
    async with polling_mode(telegram_runtime, fake_telegram) as driver:
        alice = driver.person()
        welcome = await alice.says("hello")
        fake_telegram.delay("answerCallbackQuery", 0.5)  # still busy with it when told to stop
        press = fake_telegram.press(alice.user, welcome.asking, "Let's start")
        fake_telegram.enqueue(press)
        deadline = time.monotonic() + 10
        while "answerCallbackQuery" not in fake_telegram.arrived:
            assert time.monotonic() < deadline, "the press was never handled"
            await asyncio.sleep(0.01)  # fetched, and its acknowledgement under way
    assert "Do you agree" in fake_telegram.sent(alice.user)[-1].text


async def test_an_update_whose_turn_failed_is_fetched_again_not_lost(
        telegram_runtime: Runtime, fake_telegram: FakeTelegram) -> None:
    engine = telegram_runtime.engine
    failures = {"left": 1}
    real_handle = engine.handle

    def flaky(event):  # type: ignore[no-untyped-def]
        if failures["left"]:
            failures["left"] -= 1
            raise ConnectionError("the database went away")
        return real_handle(event)

    engine.handle = flaky  # type: ignore[method-assign]
    update = fake_telegram.text_update(5120036874, "hello")
    async with polling_mode(telegram_runtime, fake_telegram) as driver:
        welcome = await driver.deliver(update, 5120036874)  # fails once, then comes back
    assert welcome.has("not a doctor")
    offsets = [c.params.get("offset") for c in fake_telegram.calls_of("getUpdates")]
    # not confirmed after the failure (fetched again from it), confirmed after the success
    assert offsets[1:3] == [update["update_id"], update["update_id"] + 1]


async def test_a_conflict_is_explained_and_polling_resumes_soon_after_it_ends(
        telegram_runtime: Runtime, fake_telegram: FakeTelegram,
        caplog: pytest.LogCaptureFixture) -> None:
    fake_telegram.fail("getUpdates", 409, times=3)  # another instance polls, for a while
    update = fake_telegram.text_update(5120036874, "hello")
    fake_telegram.enqueue(update)
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="bot.telegram.polling"):
        async with polling_mode(telegram_runtime, fake_telegram) as driver:
            await driver.settled(update["update_id"], 5120036874)
    waited = time.monotonic() - started
    assert waited < 3 * CONFLICT_RETRY_SECONDS + 3  # no growing backoff
    explained = [r.getMessage() for r in caplog.records if "409 Conflict" in r.getMessage()]
    assert len(explained) == 1  # said once, not every two seconds
    assert "another process is polling" in explained[0]
    assert "webhook" in explained[0]
    assert any("conflict is over" in r.getMessage() for r in caplog.records)
