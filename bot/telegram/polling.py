"""``sciatica-bot telegram``: long polling, the engine and the worker in one process.

Updates are fetched with getUpdates and handed to :class:`PerPersonOrder`,
which runs different people's updates concurrently but one person's
strictly in the order Telegram sent them. A batch is confirmed to Telegram
(the next getUpdates ``offset``) only once every update in it is committed,
so an update fetched by a process that dies is fetched again, never lost;
the engine's dedupe on ``update_id`` keeps it from counting twice. The
shared :class:`~bot.worker.Worker` sends reminders and relays the outbox
beside it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from functools import partial

from telegram import Update
from telegram.error import Conflict, InvalidToken, TelegramError

from bot.delivery import backoff
from bot.runtime import Runtime
from bot.server import assemble
from bot.telegram.handler import UpdateHandler
from bot.telegram.menu import register_commands
from bot.telegram.platform import TelegramPlatform
from bot.telegram.sender import token_problem
from bot.telegram.updates import ALLOWED_UPDATES

log = logging.getLogger(__name__)

#: Updates being handled or waiting for an earlier one of the same person.
MAX_IN_FLIGHT = 256
#: Attempts at the start-up call (deleteWebhook) before giving up.
BOOTSTRAP_RETRIES = 3
#: While Telegram answers 409 Conflict, getUpdates is asked again this often (seconds).
CONFLICT_RETRY_SECONDS = 2.0
CONFLICT_EXPLAINED = (
    "getUpdates refused with 409 Conflict: another process is polling with this bot token, "
    "or a webhook was set for it since this one started (`sciatica-bot telegram "
    "delete-webhook` removes a webhook; stop the other poller). Asking again every "
    f"{CONFLICT_RETRY_SECONDS:.0f} s; polling resumes as soon as the conflict ends."
)


class PerPersonOrder:
    """Runs jobs concurrently across keys and one after another for the same key.

    :meth:`submit` decides a job's place synchronously, before any ``await``
    of the job itself, so jobs of one key run in submission order whatever
    each of them awaits. At most ``limit`` jobs are pending at once;
    :meth:`submit` waits for a free place, which slows fetching down
    instead of piling up updates.
    """

    def __init__(self, limit: int = MAX_IN_FLIGHT) -> None:
        self._tails: dict[str, asyncio.Task[bool]] = {}
        self._running: set[asyncio.Task[bool]] = set()
        self._places = asyncio.Semaphore(limit)

    async def submit(self, key: str, job: Callable[[], Awaitable[object]]) -> asyncio.Task[bool]:
        """Queue ``job`` behind the last job of ``key``; the task says whether it succeeded."""
        await self._places.acquire()
        task = asyncio.create_task(self._run(self._tails.get(key), job))
        self._tails[key] = task
        self._running.add(task)
        task.add_done_callback(partial(self._done, key))
        return task

    async def _run(self, previous: asyncio.Task[bool] | None,
                   job: Callable[[], Awaitable[object]]) -> bool:
        try:
            if previous is not None:
                await asyncio.wait([previous])  # its failure is its own, already logged
            await job()
        except Exception as error:  # noqa: BLE001 - one update must not stop the others
            log.error("telegram update failed: %s", type(error).__name__)
            return False
        finally:
            self._places.release()
        return True

    def _done(self, key: str, task: asyncio.Task[bool]) -> None:
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
            RuntimeError: Telegram rejected the token, or could not be reached.

        """
        bot = self.platform.bot
        try:
            await bot.initialize()
        except InvalidToken:
            raise RuntimeError("Telegram rejected TELEGRAM_BOT_TOKEN") from None
        except TelegramError as error:  # NetworkError, TimedOut: the address or the network
            raise RuntimeError(f"Telegram is not reachable at "
                               f"{self.runtime.settings.telegram_api_url} "
                               f"({type(error).__name__})") from None
        try:
            await self._bootstrap()
            log.info("polling Telegram for updates")
            worker = asyncio.create_task(self.worker.run())
            try:
                await self._poll(stop)
            finally:
                stop.set()  # also when cancelled (Ctrl-C)
                await self.order.drain()
                self.worker.stop()
                await worker
                await self.service.drain()
        finally:
            await bot.shutdown()

    async def _bootstrap(self) -> None:
        """Polling and a webhook exclude each other: remove any webhook, keep its updates."""
        bot = self.platform.bot
        for attempt in range(1, BOOTSTRAP_RETRIES + 1):
            try:
                await bot.delete_webhook(drop_pending_updates=False)
                break
            except TelegramError as error:
                if attempt == BOOTSTRAP_RETRIES:
                    raise RuntimeError(f"Telegram not reachable ({type(error).__name__})") from None
                await asyncio.sleep(backoff(attempt))
        await register_commands(bot)

    async def _poll(self, stop: asyncio.Event) -> None:
        bot = self.platform.bot
        timeout = self.runtime.settings.telegram_poll_timeout
        offset: int | None = None
        failures = batch_failures = 0
        conflicted = False
        while not stop.is_set():
            fetch = asyncio.create_task(bot.get_updates(
                offset=offset, timeout=timeout, allowed_updates=list(ALLOWED_UPDATES)))
            stopping = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if fetch not in done:
                fetch.cancel()  # what it would have fetched stays unconfirmed: sent again
                with contextlib.suppress(asyncio.CancelledError, TelegramError):
                    await fetch
                break
            try:
                updates = fetch.result()
            except Conflict:
                # Not a fault of ours that grows worse with time: ask again every few
                # seconds, so polling resumes soon after the other poller or webhook is gone.
                if not conflicted:
                    log.error(CONFLICT_EXPLAINED)
                conflicted = True
                await _sleep_unless(stop, CONFLICT_RETRY_SECONDS)
                continue
            except TelegramError as error:
                failures += 1
                _polling_error(error)
                await _sleep_unless(stop, backoff(failures))
                continue
            if conflicted:
                log.warning("getUpdates works again: the conflict is over, polling resumed")
                conflicted = False
            failures = 0
            if updates:
                offset, handled = await self._handle_batch(updates)
                if not handled:
                    # the database (most likely) is failing: don't spin on the same update
                    batch_failures += 1
                    await _sleep_unless(stop, backoff(batch_failures))
                else:
                    batch_failures = 0
        await self._confirm(offset)

    async def _handle_batch(self, updates: tuple[Update, ...]) -> tuple[int, bool]:
        """Handle a batch: the offset to confirm (past it, or back to a failure), and success."""
        # Each update's replies go out after its commit, in the background (in order per
        # person): one chat's slow or failing delivery never holds up the next fetch.
        jobs = [(update.update_id,
                 await self.order.submit(order_key(update),
                                         partial(self.handler.handle, update, deliver_later=True)))
                for update in updates]
        outcomes = [(update_id, await job) for update_id, job in jobs]
        failed = [update_id for update_id, ok in outcomes if not ok]
        if failed:
            # Not committed: fetch it again (and the ones after it, which dedupe).
            return min(failed), False
        return max(update_id for update_id, _ in outcomes) + 1, True

    async def _confirm(self, offset: int | None) -> None:
        """On the way out, tell Telegram which updates are done (none is fetched for good)."""
        if offset is None:
            return
        with contextlib.suppress(TelegramError):
            await self.platform.bot.get_updates(offset=offset, timeout=0, limit=1,
                                                allowed_updates=list(ALLOWED_UPDATES))


async def _sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


def _polling_error(error: TelegramError) -> None:
    """Log the kind only (messages may quote URLs, which carry the token)."""
    if isinstance(error, InvalidToken):
        log.error("getUpdates failed: %s; retrying", token_problem(error))
        return
    log.warning("getUpdates failed (%s); retrying", type(error).__name__)
