"""The engine as adapters use it: async, ordered per person, delivered after commit.

Turns run in worker threads (the engine and the database driver are
synchronous); a lock per conversation key keeps one person's events in
order while different people are handled concurrently. Locks exist only
while someone holds or waits for them, so nothing accumulates per person.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.delivery import Deliverer
from bot.engine import TurnResult
from bot.messages import ConversationKey, InboundEvent, OutgoingMessage
from bot.runtime import Runtime


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
    """Handle an event, then deliver what it produced."""

    def __init__(self, runtime: Runtime, deliverer: Deliverer) -> None:
        self.runtime = runtime
        self.deliverer = deliverer
        self.locks = KeyedLocks()
        self._background: set[asyncio.Task[None]] = set()

    async def handle(self, event: InboundEvent) -> TurnResult:
        """Commit the turn and deliver its messages, in order for this person."""
        async with self.locks.hold(event.key):
            result = await self.commit(event)
            await self.deliverer.deliver(result.deliveries)
        return result

    async def reply_only(self, key: ConversationKey, chat: str, event_id: str,
                         message: OutgoingMessage, *, deliver_later: bool = False) -> TurnResult:
        """Answer an event the flows do not read (see :meth:`Engine.reply_only`), in order."""
        async with self.locks.hold(key):
            result = await asyncio.to_thread(self.runtime.engine.reply_only, key.platform, chat,
                                             event_id, message)
            if not deliver_later:
                await self.deliverer.deliver(result.deliveries)
        if deliver_later and result.deliveries:
            self._later(key, result)
        return result

    async def commit(self, event: InboundEvent) -> TurnResult:
        """Only the transaction (for webhooks that must answer quickly)."""
        return await asyncio.to_thread(self.runtime.engine.handle, event)

    async def handle_then_deliver_later(self, event: InboundEvent) -> TurnResult:
        """Commit now; deliver in the background (the outbox covers a crash meanwhile)."""
        async with self.locks.hold(event.key):
            result = await self.commit(event)
        if result.deliveries:
            self._later(event.key, result)
        return result

    def _later(self, key: ConversationKey, result: TurnResult) -> None:
        task = asyncio.create_task(self._deliver_in_order(key, result))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _deliver_in_order(self, key: ConversationKey, result: TurnResult) -> None:
        async with self.locks.hold(key):
            await self.deliverer.deliver(result.deliveries)

    async def drain(self) -> None:
        """Wait for background deliveries (on shutdown and in tests)."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)
