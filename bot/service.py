"""The engine as adapters use it: async, ordered per person, delivered after commit.

Turns run in worker threads (the engine and the database driver are
synchronous); a lock per conversation key keeps one person's events in
order while different people are handled concurrently. Locks exist only
while someone holds or waits for them, so nothing accumulates per person.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.delivery import Deliverer
from bot.engine import TurnResult
from bot.runtime import Runtime
from core.messages import ConversationKey, InboundEvent, OutgoingMessage

log = logging.getLogger(__name__)

# How long shutdown waits for deliveries in flight: under Kubernetes' default
# 30 s termination grace, so a stop is never a SIGKILL.
SHUTDOWN_GRACE_SECONDS = 10.0


class KeyedLocks:
    """One :class:`asyncio.Lock` per key, dropped when nobody needs it."""

    def __init__(self) -> None:
        self._locks: dict[ConversationKey, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: ConversationKey) -> AsyncIterator[None]:
        """Exclusive section for ``key``."""
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


class BotService:
    """Handle an event, then deliver what it produced.

    Turns for one person are committed one at a time (a lock per key), but
    a turn does not wait for the previous turn's messages to be delivered:
    deliveries for a person are chained in commit order instead, so a
    webhook can answer as soon as its turn is committed while the person
    still reads every reply in order.
    """

    def __init__(self, runtime: Runtime, deliverer: Deliverer) -> None:
        self.runtime = runtime
        self.deliverer = deliverer
        self.locks = KeyedLocks()
        self._tails: dict[ConversationKey, asyncio.Task[None]] = {}
        self._background: set[asyncio.Task[None]] = set()

    async def handle(self, event: InboundEvent) -> TurnResult:
        """Commit the turn and deliver its messages, in order for this person."""
        async with self.locks.hold(event.key):
            result = await self.commit(event)
            delivery = self._chain(event.key, result)
        await delivery
        return result

    async def reply_only(self, key: ConversationKey, chat: str, event_id: str,
                         message: OutgoingMessage, *, deliver_later: bool = False) -> TurnResult:
        """Answer an event the flows do not read (see :meth:`Engine.reply_only`), in order."""
        async with self.locks.hold(key):
            result = await asyncio.to_thread(self.runtime.engine.reply_only, key.platform, chat,
                                             event_id, message)
            delivery = self._chain(key, result)
        if deliver_later:
            self._keep(delivery)
        else:
            await delivery
        return result

    async def commit(self, event: InboundEvent) -> TurnResult:
        """Only the transaction (for webhooks that must answer quickly)."""
        return await asyncio.to_thread(self.runtime.engine.handle, event)

    async def handle_then_deliver_later(self, event: InboundEvent) -> TurnResult:
        """Commit now; deliver in the background (the outbox covers a crash meanwhile)."""
        async with self.locks.hold(event.key):
            result = await self.commit(event)
            delivery = self._chain(event.key, result)
        self._keep(delivery)
        return result

    def _chain(self, key: ConversationKey, result: TurnResult) -> asyncio.Task[None]:
        """Deliver after whatever this person was sent before (call under the key's lock)."""
        previous = self._tails.get(key)
        task = asyncio.create_task(self._deliver_after(previous, result))
        self._tails[key] = task

        def forget(done: asyncio.Task[None]) -> None:
            if self._tails.get(key) is done:
                del self._tails[key]

        task.add_done_callback(forget)
        return task

    async def _deliver_after(self, previous: asyncio.Task[None] | None,
                             result: TurnResult) -> None:
        if previous is not None:
            await asyncio.wait([previous])  # its own errors are its own
        if result.deliveries:
            await self.deliverer.deliver(result.deliveries)

    def _keep(self, task: asyncio.Task[None]) -> None:
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def drain(self, grace: float | None = None) -> int:
        """Wait for background deliveries; after ``grace`` seconds stop waiting.

        What is still going then is cancelled: those messages stay in the
        outbox, where the relay sends them once their lease ends, so a stop
        is bounded and loses nothing. Returns how many were left so.
        """
        return await finish(self._background, grace)


async def finish(tasks: set[asyncio.Task[None]], grace: float | None) -> int:
    """Wait for ``tasks`` (a set that may grow meanwhile); cancel what outlives ``grace``."""
    loop = asyncio.get_running_loop()
    deadline = None if grace is None else loop.time() + grace
    while tasks:
        pending = list(tasks)
        remaining = None if deadline is None else deadline - loop.time()
        if remaining is not None and remaining <= 0:
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            log.warning("stopping: %d deliveries left to the outbox relay", len(pending))
            return len(pending)
        await asyncio.wait(pending, timeout=remaining)
    return 0
