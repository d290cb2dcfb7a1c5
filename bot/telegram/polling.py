"""``sciatica-bot telegram``: long polling, the engine and the worker in one process.

PTB's :class:`~telegram.ext.Updater` fetches updates (getUpdates, retrying
network errors) into a queue. Each update is handed to
:class:`PerPersonOrder`, which runs different people's updates concurrently
but one person's strictly in the order Telegram sent them. The shared
:class:`~bot.worker.Worker` sends reminders and relays the outbox beside it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial

from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Updater

from bot.runtime import Runtime
from bot.server import assemble
from bot.telegram.handler import UpdateHandler
from bot.telegram.menu import register_commands
from bot.telegram.platform import TelegramPlatform
from bot.telegram.updates import ALLOWED_UPDATES

log = logging.getLogger(__name__)

#: Updates being handled or waiting for an earlier one of the same person.
MAX_IN_FLIGHT = 256
#: Attempts at the start-up call (deleteWebhook) before giving up.
BOOTSTRAP_RETRIES = 3


class PerPersonOrder:
    """Runs jobs concurrently across keys and one after another for the same key.

    :meth:`submit` decides a job's place synchronously, before any ``await``
    of the job itself, so jobs of one key run in submission order whatever
    each of them awaits. At most ``limit`` jobs are pending at once;
    :meth:`submit` waits for a free place, which slows fetching down
    instead of piling up updates.
    """

    def __init__(self, limit: int = MAX_IN_FLIGHT) -> None:
        self._tails: dict[str, asyncio.Task[None]] = {}
        self._running: set[asyncio.Task[None]] = set()
        self._places = asyncio.Semaphore(limit)

    async def submit(self, key: str, job: Callable[[], Awaitable[object]]) -> None:
        """Queue ``job`` behind the last job of ``key``."""
        await self._places.acquire()
        task = asyncio.create_task(self._run(self._tails.get(key), job))
        self._tails[key] = task
        self._running.add(task)
        task.add_done_callback(partial(self._done, key))

    async def _run(self, previous: asyncio.Task[None] | None,
                   job: Callable[[], Awaitable[object]]) -> None:
        try:
            if previous is not None:
                await asyncio.wait([previous])  # its failure is its own, already logged
            await job()
        except Exception as error:  # noqa: BLE001 - one update must not stop the others
            log.error("telegram update failed: %s", type(error).__name__)
        finally:
            self._places.release()

    def _done(self, key: str, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        if self._tails.get(key) is task:
            del self._tails[key]

    async def drain(self) -> None:
        """Wait until every submitted job has finished."""
        while self._running:
            await asyncio.gather(*list(self._running), return_exceptions=True)

    def __len__(self) -> int:
        return len(self._running)


def order_key(update: Update) -> str:
    """Whose queue an update joins: the person's, or its own if it has none."""
    user = update.effective_user
    return f"user:{user.id}" if user is not None else f"update:{update.update_id}"


class TelegramPolling:
    """Long polling until ``stop`` is set; then fetched updates are finished, not dropped."""

    def __init__(self, runtime: Runtime, platform: TelegramPlatform, *,
                 max_in_flight: int = MAX_IN_FLIGHT) -> None:
        self.runtime = runtime
        self.platform = platform
        self.service, self.worker = assemble(runtime, [platform])
        self.handler = UpdateHandler(self.service, platform.bot, runtime.clock)
        self.order = PerPersonOrder(max_in_flight)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll, handle and run the worker until ``stop`` is set.

        Raises:
            RuntimeError: Telegram rejected the token.

        """
        queue: asyncio.Queue[object] = asyncio.Queue()
        updater = Updater(self.platform.bot, queue)
        try:
            await updater.initialize()
        except InvalidToken:
            raise RuntimeError("Telegram rejected TELEGRAM_BOT_TOKEN") from None
        try:
            await register_commands(self.platform.bot)
            await updater.start_polling(
                timeout=timedelta(seconds=self.runtime.settings.telegram_poll_timeout),
                allowed_updates=list(ALLOWED_UPDATES),
                bootstrap_retries=BOOTSTRAP_RETRIES,
                error_callback=_polling_error,
            )
            log.info("polling Telegram for updates")
            worker = asyncio.create_task(self.worker.run())
            stopper = asyncio.create_task(_stop_then_close(stop, updater, queue))
            try:
                await self._dispatch(queue)
            finally:
                stop.set()  # also when cancelled (Ctrl-C)
                await stopper
                await self.order.drain()
                self.worker.stop()
                await worker
                await self.service.drain()
        finally:
            await updater.shutdown()

    async def _dispatch(self, queue: asyncio.Queue[object]) -> None:
        while (item := await queue.get()) is not _CLOSED:
            if isinstance(item, Update):
                await self.order.submit(order_key(item),
                                        partial(self.handler.handle, item))


_CLOSED = object()


async def _stop_then_close(stop: asyncio.Event, updater: Updater,
                           queue: asyncio.Queue[object]) -> None:
    """On ``stop``: stop fetching (confirming what was fetched), then end the queue."""
    try:
        await stop.wait()
    finally:
        if updater.running:
            await updater.stop()
        queue.put_nowait(_CLOSED)


def _polling_error(error: TelegramError) -> None:
    """PTB retries getUpdates itself; log the kind only (messages may quote URLs)."""
    log.warning("getUpdates failed (%s); retrying", type(error).__name__)
