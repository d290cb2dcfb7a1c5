"""The webhook route of ``sciatica-bot serve``: only Telegram's calls get in."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from bot.engine import Engine, TurnResult
from bot.runtime import Runtime
from bot.server import assemble
from bot.telegram.platform import TelegramPlatform
from bot.telegram.webhook import SECRET_HEADER
from core.messages import InboundEvent
from fakes.telegram import WEBHOOK_SECRET, FakeTelegram, settings_for
from flows.texts.menu import COMMANDS
from storage.tables import processed
from tests.telegram.conftest import webhook_mode
from tests.telegram.driver import ALICE


def processed_count(runtime: Runtime) -> int:
    with runtime.db.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(processed)).scalar_one())


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "not-the-secret"},
                                     {SECRET_HEADER: WEBHOOK_SECRET + "x"}],
                         ids=["missing", "wrong", "longer"])
async def test_a_call_without_the_right_secret_is_refused_and_not_processed(
        telegram_runtime: Runtime, fake_telegram: FakeTelegram,
        headers: dict[str, str]) -> None:
    async with webhook_mode(telegram_runtime, fake_telegram) as driver:
        url = driver.webhook_url
        async with httpx.AsyncClient() as client:
            response = await client.post(url, json=fake_telegram.text_update(ALICE, "hello"),
                                         headers=headers)
    assert response.status_code == 403
    assert processed_count(telegram_runtime) == 0
    assert fake_telegram.calls_of("sendMessage") == []


async def test_a_body_that_is_not_an_update_is_refused(telegram_runtime: Runtime,
                                                       fake_telegram: FakeTelegram) -> None:
    async with webhook_mode(telegram_runtime, fake_telegram) as driver:
        url = driver.webhook_url
        async with httpx.AsyncClient() as client:
            for body in (b"{not json", b"[1, 2]", b'{"message": {}}'):
                response = await client.post(url, content=body,
                                             headers={SECRET_HEADER: WEBHOOK_SECRET})
                assert response.status_code == 400
    assert processed_count(telegram_runtime) == 0


async def test_a_turn_that_fails_answers_500_and_the_resent_update_counts_once(
        telegram_runtime: Runtime, fake_telegram: FakeTelegram) -> None:
    engine = telegram_runtime.engine
    failures = [RuntimeError("database went away")]

    class Flaky(Engine):
        def handle(self, event: InboundEvent) -> TurnResult:
            if failures:
                raise failures.pop()
            return engine.handle(event)

    telegram_runtime.engine = Flaky(telegram_runtime.db, telegram_runtime.clock)
    update = fake_telegram.text_update(ALICE, "hello")
    async with webhook_mode(telegram_runtime, fake_telegram) as driver:
        url = driver.webhook_url
        async with httpx.AsyncClient() as client:
            headers = {SECRET_HEADER: WEBHOOK_SECRET}
            first = await client.post(url, json=update, headers=headers)
            assert first.status_code == 500
            again = await client.post(url, json=update, headers=headers)  # Telegram retries
            assert again.status_code == 200
        await driver.settled(update["update_id"], ALICE)
    assert len(fake_telegram.sent(ALICE)) == 1


async def test_the_command_menu_is_registered_on_start(telegram_runtime: Runtime,
                                                       fake_telegram: FakeTelegram) -> None:
    async with webhook_mode(telegram_runtime, fake_telegram):
        pass
    assert [c["command"] for c in fake_telegram.commands] == [c for c, _ in COMMANDS]


def test_webhook_mode_refuses_to_start_without_a_secret(fake_telegram: FakeTelegram,
                                                        telegram_runtime: Runtime) -> None:
    settings = settings_for(fake_telegram, telegram_webhook_secret=None)
    service, _ = assemble(telegram_runtime, [])
    with pytest.raises(RuntimeError, match="TELEGRAM_WEBHOOK_SECRET is not set"):
        TelegramPlatform(settings).web_plugin(service)


def test_webhook_mode_refuses_a_secret_telegram_would_not_accept(
        fake_telegram: FakeTelegram, telegram_runtime: Runtime) -> None:
    settings = settings_for(fake_telegram, telegram_webhook_secret="has spaces!")
    service, _ = assemble(telegram_runtime, [])
    with pytest.raises(RuntimeError, match="may only use"):
        TelegramPlatform(settings).web_plugin(service)
