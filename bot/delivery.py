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
from datetime import datetime, timedelta
from typing import Protocol

from bot import metrics
from bot.attachments import Attachments
from bot.clock import Clock
from core.messages import OutgoingMessage
from storage.database import Database
from storage.outbox import (
    RELAY_LEASE,
    attempts_of,
    claim_unsent,
    deactivate_chat,
    mark_failed,
    renew_lease,
    retry_later,
)
from storage.turns import Queued, mark_sent

log = logging.getLogger(__name__)


class DeliveryError(Exception):
    """A platform did not take a message."""


class RetryLater(DeliveryError):
    """Rate limited (429) or a passing fault: try again after ``retry_after`` seconds.

    ``rate_limited`` tells a 429 from a fault (what ``sciatica_rate_limited`` counts).
    """

    def __init__(self, retry_after: float, reason: str = "", *, chat_wide: bool = False,
                 rate_limited: bool = False) -> None:
        super().__init__(reason or f"retry after {retry_after:.1f}s")
        self.retry_after = max(0.0, retry_after)
        self.chat_wide = chat_wide
        self.rate_limited = rate_limited


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

    Each send reserves the next free slot and sleeps until it. A sender that
    wakes up much later than its slot (a busy event loop) takes a new slot
    instead of going at once: otherwise everyone who overslept would go
    together, a burst that a platform counting over a strict one-second
    window refuses. Keeps one timestamp per recently used chat; entries in
    the past are dropped, so memory does not grow with the number of people.
    """

    #: How late past its slot a send may still go (at least; half a gap if longer).
    LATE_OK = 0.005

    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self._next_chat: dict[str, float] = {}
        self._next_all = 0.0

    async def wait(self, chat: str) -> None:
        """Sleep until ``chat`` may get its next message."""
        chat_gap, all_gap = 1.0 / self.rate.per_chat, 1.0 / self.rate.overall
        late_ok = max(self.LATE_OK, all_gap / 2)
        while True:
            now = time.monotonic()
            at = max(now, self._next_chat.get(chat, 0.0), self._next_all)
            self._next_chat[chat] = at + chat_gap
            self._next_all = at + all_gap
            if len(self._next_chat) > 10_000:
                self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
            if at > now:
                await asyncio.sleep(at - now)
            if time.monotonic() - at <= late_ok:
                return

    def hold(self, chat: str | None, seconds: float) -> None:
        """The platform said wait: nothing to ``chat`` (or to anyone) for ``seconds``."""
        until = time.monotonic() + seconds
        if chat is None:
            self._next_all = max(self._next_all, until)
        else:
            self._next_chat[chat] = max(self._next_chat.get(chat, 0.0), until)


#: Attempts within one delivery before the row is left to the relay.
IN_CALL_RETRIES = 3
#: Longer waits are not slept through: the row is released and due again later.
MAX_IN_CALL_WAIT = 5.0
#: A row's lease is renewed (if it is still ours) when this close to its end.
LEASE_MARGIN = timedelta(seconds=10)
#: Sent rows are marked within this many seconds, many per transaction: the
#: window in which a crash could send a message twice stays this short.
MARK_DELAY = 0.02
MARK_BATCH = 200
MAX_BACKOFF_SECONDS = 300.0


def backoff(attempt: int) -> float:
    """Exponential backoff for network faults: 1, 2, 4 ... capped at 5 minutes."""
    return float(min(MAX_BACKOFF_SECONDS, 2.0 ** max(0, attempt - 1)))


class _SentMarker:
    """Marks delivered rows sent shortly after delivery, in batches."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self._ids: list[int] = []
        self._lock = asyncio.Lock()
        self._timer: asyncio.Task[None] | None = None

    def add(self, outbox_id: int) -> None:
        self._ids.append(outbox_id)
        if self._timer is None or self._timer.done():
            self._timer = asyncio.create_task(self._soon())

    async def _soon(self) -> None:
        await asyncio.sleep(MARK_DELAY)
        await self.flush()

    async def flush(self) -> None:
        async with self._lock:
            while self._ids:
                batch, self._ids = self._ids[:MARK_BATCH], self._ids[MARK_BATCH:]
                await asyncio.to_thread(mark_sent, self.db, batch, self.clock.now())


class Deliverer:
    """Sends outbox rows through the right :class:`Sender`, in order per chat.

    A row is only sent while this process holds its lease; a lease about to
    run out is renewed first, and if another process took the row over in
    the meantime, this one leaves it alone. Together with marking rows sent
    right after delivery, a message goes out once in normal operation and
    at least once across crashes.
    """

    def __init__(self, db: Database, clock: Clock, senders: Iterable[Sender],
                 rates: dict[str, Rate] | None = None, *, concurrency: int = 32) -> None:
        self.db = db
        self.clock = clock
        self.senders = {s.platform: s for s in senders}
        self.limiters = {p: RateLimiter(r) for p, r in (rates or {}).items()}
        # Chats served at once: bounded, so a burst of thousands of reminders
        # does not open thousands of connections.
        self._slots = asyncio.Semaphore(concurrency)
        self._marker = _SentMarker(db, clock)
        self.attachments = Attachments(db, clock)
        self.sent = 0
        self.rate_limited = 0

    async def deliver(self, items: Sequence[Queued]) -> None:
        """Deliver leased ``items``: chats in parallel, each chat's messages in order.

        Rows without a lease are left to :meth:`relay_once`.
        """
        by_chat: dict[tuple[str, str], list[Queued]] = defaultdict(list)
        for item in items:
            if item.platform in self.senders and item.lease_until is not None:
                by_chat[(item.platform, item.chat)].append(item)
        if not by_chat:
            return
        try:
            await asyncio.gather(*(self._chat(queue) for queue in by_chat.values()))
        finally:
            await self._marker.flush()

    async def claim(self, limit: int = 200) -> list[Queued]:
        """Lease up to ``limit`` due rows of this deliverer's platforms nobody is delivering."""
        if not self.senders:
            return []
        return await asyncio.to_thread(claim_unsent, self.db, self.clock.now(), limit,
                                       sorted(self.senders))

    async def relay_once(self, limit: int = 200) -> int:
        """Claim and deliver rows nobody is delivering; return how many were claimed."""
        claimed = await self.claim(limit)
        await self.deliver(claimed)
        return len(claimed)

    async def _chat(self, queue: list[Queued]) -> None:
        async with self._slots:
            for position, item in enumerate(queue):
                outcome = await self._one(item)
                if outcome in ("blocked", "lost"):
                    return  # blocked: the chat's rows failed with it; lost: not ours now
                if isinstance(outcome, datetime):
                    # Deferred until ``outcome``: the rest of this chat goes after it,
                    # in order, so nobody reads answer 3 before question 2.
                    for step, rest in enumerate(queue[position + 1:], 1):
                        await asyncio.to_thread(retry_later, self.db, rest.outbox_id,
                                                outcome + timedelta(microseconds=step),
                                                "waiting for an earlier one")
                    return

    async def _still_ours(self, item: Queued, lease: datetime) -> datetime | None:
        """The lease to send under: renewed when close to its end; ``None`` if taken over."""
        now = self.clock.now()
        if lease - now > LEASE_MARGIN:
            return lease
        renewed = now + RELAY_LEASE
        if await asyncio.to_thread(renew_lease, self.db, item.outbox_id, lease, renewed):
            return renewed
        return None

    async def _one(self, item: Queued) -> str | datetime:
        """``sent``, ``failed``, ``blocked``, ``lost``, or the time it was deferred to."""
        sender = self.senders[item.platform]
        limiter = self.limiters.get(item.platform)
        lease: datetime | None = item.lease_until
        message: OutgoingMessage | None = None  # with its attachment made, once
        for attempt in range(1, IN_CALL_RETRIES + 1):
            if limiter is not None:
                await limiter.wait(item.chat)
            lease = await self._still_ours(item, lease) if lease is not None else None
            if lease is None:
                return "lost"
            try:
                if message is None:
                    message = await asyncio.to_thread(self.attachments.resolve, item.user_id,
                                                      item.message)
                await sender.send(item.chat, message)
            except RetryLater as error:
                if error.rate_limited:
                    self.rate_limited += 1
                    metrics.RATE_LIMITED.labels(item.platform).inc()
                if limiter is not None:
                    limiter.hold(item.chat if error.chat_wide else None, error.retry_after)
                wait = error.retry_after or backoff(attempt)
                if attempt == IN_CALL_RETRIES or wait > MAX_IN_CALL_WAIT:
                    return await self._defer(item, wait, str(error))
                await asyncio.sleep(wait)
                continue
            except Undeliverable as error:
                return await self._refused(item, error)
            except Exception as error:  # noqa: BLE001 - a sender bug must not drop the message
                log.warning("%s sender failed with %s; will retry", item.platform,
                            type(error).__name__)
                metrics.DELIVERY_PROBLEMS.labels(item.platform, "error").inc()
                if attempt == IN_CALL_RETRIES:
                    return await self._defer(item, backoff(attempt), type(error).__name__)
                await asyncio.sleep(backoff(attempt))
                continue
            self._marker.add(item.outbox_id)
            self.sent += 1
            metrics.SENT.labels(item.platform).inc()
            return "sent"
        raise AssertionError("unreachable: the last attempt always returns")

    async def _defer(self, item: Queued, seconds: float, reason: str) -> datetime:
        """Leave the row for a later relay pass, later each time it is deferred again.

        The wait doubles with every deferral of the same row (4 s, 8 s ... up to
        five minutes), so a platform that stays down for long gets fewer and
        fewer requests instead of a steady stream; a Retry-After longer than
        that is kept.
        """
        earlier = await asyncio.to_thread(attempts_of, self.db, item.outbox_id)
        seconds = max(seconds, backoff(IN_CALL_RETRIES + earlier))
        due = self.clock.now() + timedelta(seconds=max(seconds, 1.0))
        await asyncio.to_thread(retry_later, self.db, item.outbox_id, due, reason)
        log.warning("%s delivery deferred by %.0fs", item.platform, seconds)
        metrics.DELIVERY_PROBLEMS.labels(item.platform, "deferred").inc()
        return due

    async def _refused(self, item: Queued, error: Undeliverable) -> str:
        now = self.clock.now()
        if error.blocked:
            log.info("%s chat blocked the bot; marking the person inactive", item.platform)
            await asyncio.to_thread(deactivate_chat, self.db, item.platform, item.chat,
                                    item.user_id, now)
            metrics.DELIVERY_PROBLEMS.labels(item.platform, "blocked").inc()
            return "blocked"
        log.warning("%s refused a message: %s", item.platform, type(error).__name__)
        await asyncio.to_thread(mark_failed, self.db, item.outbox_id, now, str(error))
        metrics.DELIVERY_PROBLEMS.labels(item.platform, "refused").inc()
        return "failed"
