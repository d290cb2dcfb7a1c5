"""Delivering outbox messages through platform senders.

Adapters implement :class:`Sender` (one neutral message to one chat, or a
:class:`DeliveryError`); everything else is shared here: the rate limits,
waiting out a 429, backing off on network errors, giving up on a chat that
blocked the bot, and marking rows sent only after the platform took them.
A message is marked sent after its platform call returned, so a crash in
between sends it again (at least once) rather than never.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from bot.clock import Clock
from bot.messages import OutgoingMessage
from storage.database import Database
from storage.outbox import claim_unsent, deactivate_chat, mark_failed, retry_later
from storage.turns import Queued, mark_sent

log = logging.getLogger(__name__)


class DeliveryError(Exception):
    """A platform did not take a message."""


class RetryLater(DeliveryError):
    """Rate limited (429) or a passing fault: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: float, reason: str = "", *, chat_wide: bool = False) -> None:
        super().__init__(reason or f"retry after {retry_after:.1f}s")
        self.retry_after = max(0.0, retry_after)
        self.chat_wide = chat_wide


class Undeliverable(DeliveryError):
    """The platform refused for good; ``blocked`` when the person blocked the bot."""

    def __init__(self, reason: str, *, blocked: bool = False) -> None:
        super().__init__(reason)
        self.blocked = blocked


class Sender(Protocol):
    """What an adapter provides to send one message to one chat."""

    platform: str

    async def send(self, chat: str, message: OutgoingMessage) -> None:
        """Send, or raise :class:`RetryLater` / :class:`Undeliverable`."""
        ...


@dataclass(frozen=True, slots=True)
class Rate:
    """Messages per second allowed to one chat and in all."""

    per_chat: float
    overall: float


class RateLimiter:
    """Spaces sends so neither a chat's nor the overall limit is exceeded.

    Keeps one timestamp per recently used chat; entries in the past are
    dropped, so memory does not grow with the number of people.
    """

    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self._next_chat: dict[str, float] = {}
        self._next_all = 0.0
        self._lock = asyncio.Lock()

    async def wait(self, chat: str) -> None:
        """Sleep until ``chat`` may get its next message."""
        async with self._lock:
            now = time.monotonic()
            at = max(now, self._next_chat.get(chat, 0.0), self._next_all)
            self._next_chat[chat] = at + 1.0 / self.rate.per_chat
            self._next_all = at + 1.0 / self.rate.overall
            if len(self._next_chat) > 10_000:
                self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
        if at > now:
            await asyncio.sleep(at - now)

    def hold(self, chat: str | None, seconds: float) -> None:
        """The platform said wait: nothing to ``chat`` (or to anyone) for ``seconds``."""
        until = time.monotonic() + seconds
        if chat is None:
            self._next_all = max(self._next_all, until)
        else:
            self._next_chat[chat] = max(self._next_chat.get(chat, 0.0), until)


#: Waits within one delivery attempt before the row is left to the relay.
IN_CALL_RETRIES = 3
#: A platform asking for a longer pause than this is not waited for in the call
#: (that would hold the person's turn and outlive the delivery lease): the row
#: is left to the relay, due when the platform said.
MAX_IN_CALL_WAIT = 10.0
MAX_BACKOFF_SECONDS = 300.0


def backoff(attempt: int) -> float:
    """Exponential backoff for network faults: 1, 2, 4 ... capped at 5 minutes."""
    return float(min(MAX_BACKOFF_SECONDS, 2.0 ** max(0, attempt - 1)))


class Deliverer:
    """Sends outbox rows through the right :class:`Sender`, in order per chat."""

    def __init__(self, db: Database, clock: Clock, senders: Iterable[Sender],
                 rates: dict[str, Rate] | None = None) -> None:
        self.db = db
        self.clock = clock
        self.senders = {s.platform: s for s in senders}
        self.limiters = {p: RateLimiter(r) for p, r in (rates or {}).items()}
        self.sent = 0
        self.rate_limited = 0

    async def deliver(self, items: Sequence[Queued]) -> None:
        """Deliver ``items``: chats in parallel, each chat's messages in order."""
        by_chat: dict[tuple[str, str], list[Queued]] = defaultdict(list)
        for item in items:
            if item.platform in self.senders:
                by_chat[(item.platform, item.chat)].append(item)
        if by_chat:
            await asyncio.gather(*(self._chat(queue) for queue in by_chat.values()))

    async def relay_once(self, limit: int = 200) -> int:
        """Claim and deliver rows that were not delivered in time; return how many."""
        if not self.senders:
            return 0
        claimed = await asyncio.to_thread(claim_unsent, self.db, self.clock.now(), limit,
                                          list(self.senders))
        await self.deliver(claimed)
        return len(claimed)

    async def _chat(self, queue: list[Queued]) -> None:
        for position, item in enumerate(queue):
            outcome = await self._one(item)
            if outcome == "blocked":
                return  # the rest of this chat's rows were failed with it
            if outcome == "later":
                # keep order: the rest of this chat waits for the relay too
                for rest in queue[position + 1:]:
                    await asyncio.to_thread(retry_later, self.db, rest.outbox_id,
                                            self.clock.now(), "waiting for an earlier message")
                return

    async def _one(self, item: Queued) -> str:
        sender = self.senders[item.platform]
        limiter = self.limiters.get(item.platform)
        for attempt in range(1, IN_CALL_RETRIES + 1):
            if limiter is not None:
                await limiter.wait(item.chat)
            try:
                await sender.send(item.chat, item.message)
            except RetryLater as error:
                self.rate_limited += 1
                if limiter is not None:
                    limiter.hold(item.chat if error.chat_wide else None, error.retry_after)
                if attempt == IN_CALL_RETRIES or error.retry_after > MAX_IN_CALL_WAIT:
                    due = self.clock.now() + timedelta(seconds=max(error.retry_after,
                                                                   backoff(attempt)))
                    await asyncio.to_thread(retry_later, self.db, item.outbox_id, due, str(error))
                    log.warning("%s delivery deferred after %d attempts", item.platform, attempt)
                    return "later"
                await asyncio.sleep(error.retry_after if error.retry_after else backoff(attempt))
                continue
            except Undeliverable as error:
                now = self.clock.now()
                if error.blocked:
                    log.info("%s chat blocked the bot; marking the person inactive",
                             item.platform)
                    await asyncio.to_thread(deactivate_chat, self.db, item.platform, item.chat,
                                            item.user_id, now)
                    return "blocked"
                log.warning("%s refused a message: %s", item.platform, type(error).__name__)
                await asyncio.to_thread(mark_failed, self.db, item.outbox_id, now, str(error))
                return "failed"
            except Exception as error:  # noqa: BLE001 - a sender bug must not drop the message
                log.warning("%s sender failed with %s; will retry", item.platform,
                            type(error).__name__)
                if attempt == IN_CALL_RETRIES:
                    due = self.clock.now() + timedelta(seconds=backoff(attempt))
                    await asyncio.to_thread(retry_later, self.db, item.outbox_id, due,
                                            type(error).__name__)
                    return "later"
                await asyncio.sleep(backoff(attempt))
                continue
            await asyncio.to_thread(mark_sent, self.db, [item.outbox_id], self.clock.now())
            self.sent += 1
            return "sent"
        return "later"  # pragma: no cover - the loop always returns
