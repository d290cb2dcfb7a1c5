"""Fixtures: the fake Bot API, and the adapter running against it in either mode.

``telegram_bot_polling`` runs ``sciatica-bot telegram``'s loop in the test's
event loop; ``telegram_bot_webhook`` serves the real web app (uvicorn,
Starlette) on 127.0.0.1 and posts updates to it as Telegram would. Both
run the real python-telegram-bot against ``fake_telegram`` and the real
engine on the ``db`` fixture (SQLite and PostgreSQL).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from bot.clock import ManualClock
from bot.engine import Engine
from bot.reminders import ReminderDispatcher
from bot.runtime import Runtime
from bot.server import assemble, configured_platforms
from bot.settings import Settings
from bot.telegram.platform import TelegramPlatform
from bot.telegram.polling import TelegramPolling
from bot.telegram.webhook import SECRET_HEADER
from bot.web import create_app
from fakes.http import LocalServer
from fakes.telegram import WEBHOOK_SECRET, FakeTelegram, served, settings_for
from storage.database import Database
from tests.conftest import START
from tests.telegram.driver import TelegramDriver


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    """The fake Bot API, served on 127.0.0.1."""
    with served() as fake:
        yield fake


@pytest.fixture
def telegram_settings(fake_telegram: FakeTelegram) -> Settings:
    return settings_for(fake_telegram)


@pytest.fixture
def telegram_runtime(db: Database, telegram_settings: Settings) -> Runtime:
    """The engine on the ``db`` fixture with a manual clock, as the telegram modes build it."""
    clock = ManualClock(START)
    return Runtime(telegram_settings, clock, db, Engine(db, clock), ReminderDispatcher(db, clock))


@contextlib.asynccontextmanager
async def polling_mode(runtime: Runtime, fake: FakeTelegram) -> AsyncIterator[TelegramDriver]:
    """``sciatica-bot telegram``: long polling against the fake, worker included."""
    polling = TelegramPolling(runtime, TelegramPlatform(runtime.settings))
    stop = asyncio.Event()
    task = asyncio.create_task(polling.run(stop))

    def alive() -> None:
        if task.done():
            task.result()
            raise AssertionError("polling stopped")

    async def enqueue(update: dict[str, Any]) -> None:
        fake.enqueue(update)

    def confirmed(update_id: int) -> bool:
        return fake.confirmed_before > update_id

    try:
        yield TelegramDriver(fake, runtime.db, enqueue, alive=alive, finished=confirmed)
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=15)


@contextlib.asynccontextmanager
async def webhook_mode(runtime: Runtime, fake: FakeTelegram) -> AsyncIterator[TelegramDriver]:
    """``sciatica-bot serve`` with Telegram configured, served on 127.0.0.1 (no worker).

    Updates are POSTed to the webhook with Telegram's secret header.
    """
    platforms = configured_platforms(runtime.settings)
    service, _worker = assemble(runtime, platforms)
    plugins = [p.web_plugin(service) for p in platforms]
    app = create_app(runtime, [p for p in plugins if p is not None])
    with LocalServer(app) as server:
        url = server.url + runtime.settings.telegram_webhook_path
        async with httpx.AsyncClient(timeout=15) as client:

            async def post(update: dict[str, Any]) -> None:
                response = await client.post(url, json=update,
                                             headers={SECRET_HEADER: WEBHOOK_SECRET})
                assert response.status_code == 200, response.text

            yield TelegramDriver(fake, runtime.db, post, webhook_url=url)


@pytest.fixture
async def telegram_bot_polling(telegram_runtime: Runtime,
                               fake_telegram: FakeTelegram) -> AsyncIterator[TelegramDriver]:
    """The adapter in polling mode."""
    async with polling_mode(telegram_runtime, fake_telegram) as driver:
        yield driver


@pytest.fixture
async def telegram_bot_webhook(telegram_runtime: Runtime,
                               fake_telegram: FakeTelegram) -> AsyncIterator[TelegramDriver]:
    """The adapter in webhook mode."""
    async with webhook_mode(telegram_runtime, fake_telegram) as driver:
        yield driver


@pytest.fixture(params=["polling", "webhook"])
async def telegram_bot(request: pytest.FixtureRequest, telegram_runtime: Runtime,
                       fake_telegram: FakeTelegram) -> AsyncIterator[TelegramDriver]:
    """The adapter in each mode in turn."""
    mode = polling_mode if request.param == "polling" else webhook_mode
    async with mode(telegram_runtime, fake_telegram) as driver:
        yield driver
