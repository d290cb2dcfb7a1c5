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
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal, Protocol

from bot import metrics
from bot.attachments import Attachments
from bot.clock import Clock
from core.messages import OutgoingMessage
from flows import texts
from storage.database import Database
from storage.outbox import (
    RELAY_LEASE,
    RELAY_OWNER,
    attempts_of,
    claim_unsent,
    deactivate_chat,
    defer,
    give_up,
    mark_failed,
    release,
    renew_lease,
    text_sent,
)
from storage.turns import PROCESS_OWNER, Queued, mark_sent

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

    An urgent send (a safety alert) takes the next slot of its chat at once,
    ahead of ordinary sends waiting for the overall limit (they move back),
    but not ahead of a hold the platform asked everyone for.
    """

    #: How late past its slot a send may still go (at least; half a gap if longer).
    LATE_OK = 0.005
    #: 429s for this many different chats within :data:`GLOBAL_WINDOW` seconds mean the
    #: platform's overall limit, not one chat's: then everyone waits.
    GLOBAL_CHATS = 3
    GLOBAL_WINDOW = 1.0

    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self._next_chat: dict[str, float] = {}
        self._next_all = 0.0
        self._held_all = 0.0
        self._limited: dict[str, float] = {}  # chat -> when its last 429 came

    async def wait(self, chat: str, *, urgent: bool = False) -> None:
        """Sleep until ``chat`` may get its next message."""
        chat_gap, all_gap = 1.0 / self.rate.per_chat, 1.0 / self.rate.overall
        late_ok = max(self.LATE_OK, all_gap / 2)
        while True:
            now = time.monotonic()
            floor = self._held_all if urgent else max(self._next_all, self._held_all)
            at = max(now, self._next_chat.get(chat, 0.0), floor)
            self._next_chat[chat] = at + chat_gap
            self._next_all = max(self._next_all, at) + all_gap
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
            self._held_all = max(self._held_all, until)
        else:
            self._next_chat[chat] = max(self._next_chat.get(chat, 0.0), until)

    def limited(self, chat: str, seconds: float) -> bool:
        """A 429 for ``chat``: hold that chat, or everyone when many chats got one at once.

        Returns whether the hold is global.
        """
        now = time.monotonic()
        self._limited[chat] = now
        self._limited = {c: t for c, t in self._limited.items() if now - t <= self.GLOBAL_WINDOW}
        everyone = len(self._limited) >= self.GLOBAL_CHATS
        self.hold(None if everyone else chat, seconds)
        return everyone


class Slots:
    """At most ``count`` sends at once; urgent ones (safety alerts) get the next free place."""

    def __init__(self, count: int) -> None:
        self._free = count
        self._urgent: deque[asyncio.Future[None]] = deque()
        self._ordinary: deque[asyncio.Future[None]] = deque()

    @asynccontextmanager
    async def take(self, *, urgent: bool = False) -> AsyncIterator[None]:
        """Hold one place for the ``async with`` block."""
        if self._free > 0 and not self._urgent and (urgent or not self._ordinary):
            self._free -= 1
        else:
            waiter = asyncio.get_running_loop().create_future()
            (self._urgent if urgent else self._ordinary).append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():
                    self._give()  # handed a place just as it was cancelled: pass it on
                else:
                    (self._urgent if urgent else self._ordinary).remove(waiter)
                raise
        try:
            yield
        finally:
            self._give()

    def _give(self) -> None:
        for waiters in (self._urgent, self._ordinary):
            while waiters:
                waiter = waiters.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    return
        self._free += 1


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
#: Tries at a message's picture or files once its text went out (each try is
#: up to :data:`IN_CALL_RETRIES` calls); then they are given up and the person told.
ATTACHMENT_TRIES = 4


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


Outcome = Literal["sent", "failed", "blocked", "waiting"]


class Deliverer:
    """Sends outbox rows through the right :class:`Sender`, in order per chat.

    A row is only sent while this process holds its lease; a lease about to
    run out is renewed first, and if another process took the row over in
    the meantime, this one leaves it alone. Together with marking rows sent
    right after delivery, a message goes out once in normal operation and
    at least once across crashes.

    Order: a chat's rows go one after another, in ``id`` (commit) order. A row
    that cannot go now (deferred, or taken over by another process) holds the
    later rows of its chat: this process's later rows of that chat are handed
    to the relay, which sends them after it (:func:`storage.outbox.claim_unsent`).
    Other chats go on: a send holds one of ``concurrency`` places only while
    it is being made, never while it waits out a 429 or a backoff, and safety
    alerts take the next free place.
    """

    def __init__(self, db: Database, clock: Clock, senders: Iterable[Sender],
                 rates: dict[str, Rate] | None = None, *, concurrency: int = 32,
                 owner: str = PROCESS_OWNER, relay_owner: str = RELAY_OWNER) -> None:
        self.db = db
        self.clock = clock
        self.senders = {s.platform: s for s in senders}
        self.limiters = {p: RateLimiter(r) for p, r in (rates or {}).items()}
        # Sends at once: bounded, so a burst of thousands of reminders
        # does not open thousands of connections.
        self._slots = Slots(concurrency)
        self._marker = _SentMarker(db, clock)
        self.attachments = Attachments(db, clock)
        self.owner = owner
        self.relay_owner = relay_owner
        self._handed_back: set[int] = set()  # our rows the relay now sends
        self._relay_wanted: asyncio.Event | None = None
        self._relay_at: float | None = None  # monotonic: when a deferred row falls due
        self.sent = 0
        self.rate_limited = 0

    async def deliver(self, items: Sequence[Queued], *, relayed: bool = False) -> None:
        """Deliver leased ``items``: chats in parallel, each chat's messages in order.

        Rows without a lease (an earlier row of their chat is waiting) and rows
        handed to the relay meanwhile are left to :meth:`relay_once`, which is
        woken for them. ``relayed``: the rows were claimed by the relay (each
        chat's in order), so none of them was handed back.
        """
        by_chat: dict[tuple[str, str], list[Queued]] = defaultdict(list)
        for item in items:
            if item.platform not in self.senders:
                continue
            if relayed:
                self._handed_back.discard(item.outbox_id)
            elif item.lease_until is None or item.outbox_id in self._handed_back:
                self._handed_back.discard(item.outbox_id)
                self.want_relay()
                continue
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
                                       sorted(self.senders), self.relay_owner)

    async def relay_once(self, limit: int = 200) -> int:
        """Claim and deliver rows nobody is delivering; return how many were claimed."""
        claimed = await self.claim(limit)
        await self.deliver(claimed, relayed=True)
        return len(claimed)

    def want_relay(self, after: float = 0.0) -> None:
        """Ask the relay loop to run (in ``after`` seconds): rows are waiting for it."""
        at = time.monotonic() + after
        if after <= 0:
            if self._relay_wanted is not None:
                self._relay_wanted.set()
            self._relay_at = at
        elif self._relay_at is None or at < self._relay_at:
            self._relay_at = at

    async def relay_wait(self, interval: float, stop: asyncio.Event) -> None:
        """Sleep until the next relay round: ``interval``, or sooner when rows wait for it."""
        if self._relay_wanted is None:
            self._relay_wanted = asyncio.Event()
        wanted = self._relay_wanted
        timeout = interval
        if self._relay_at is not None:
            timeout = min(timeout, max(0.0, self._relay_at - time.monotonic()))
        if timeout > 0 and not wanted.is_set():
            waits = [asyncio.ensure_future(wanted.wait()), asyncio.ensure_future(stop.wait())]
            await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            for waiting in waits:
                waiting.cancel()
        wanted.clear()
        if self._relay_at is not None and self._relay_at <= time.monotonic():
            self._relay_at = None

    async def _chat(self, queue: list[Queued]) -> None:
        for position, item in enumerate(queue):
            if item.outbox_id in self._handed_back:
                # Handed to the relay (an earlier row is waiting): so is all that follows.
                self._handed_back.difference_update(i.outbox_id for i in queue[position:])
                self.want_relay()
                return
            outcome = await self._one(item)
            if outcome == "blocked":
                return  # the chat's rows failed with it
            if outcome == "waiting":
                rest = [i.outbox_id for i in queue[position + 1:]
                        if i.lease_until is not None]
                if rest:
                    await asyncio.to_thread(release, self.db, rest, "waiting for an earlier one")
                self._handed_back.difference_update(rest)
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

    async def _one(self, item: Queued) -> Outcome:
        """Send one row (its text, then its attachment on its own); what became of it."""
        if item.message.attachment is None:
            return await self._attempts(item, item.message, item.lease_until)
        lease = item.lease_until
        if item.progress == 0:
            outcome = await self._attempts(item, replace(item.message, attachment=None), lease,
                                           mark=False)
            if outcome != "sent":
                return outcome
            await asyncio.to_thread(text_sent, self.db, item.outbox_id)
            item = replace(item, progress=1)
        return await self._attachment(item)

    async def _attachment(self, item: Queued) -> Outcome:
        """The picture or files of a message whose text went out: bounded tries, then told."""
        try:
            made = await asyncio.to_thread(self.attachments.resolve, item.user_id, item.message)
        except Exception as error:  # noqa: BLE001 - a file we cannot make is given up, said once
            log.warning("%s attachment could not be made (%s)", item.platform,
                        type(error).__name__)
            return await self._give_up_attachment(item, type(error).__name__)
        files = OutgoingMessage("", image=made.image, documents=made.documents)
        if files.image is None and not files.documents:
            self._sent(item)
            return "sent"
        tries = await asyncio.to_thread(attempts_of, self.db, item.outbox_id)
        outcome = await self._attempts(item, files, item.lease_until,
                                       give_up=tries + 1 >= ATTACHMENT_TRIES)
        return outcome

    async def _give_up_attachment(self, item: Queued, reason: str) -> Outcome:
        notice = OutgoingMessage(texts.common.FILE_NOT_SENT)
        await asyncio.to_thread(give_up, self.db, item, self.clock.now(),
                                f"attachment given up: {reason}", notice)
        log.warning("%s attachment given up; the person is told", item.platform)
        metrics.DELIVERY_PROBLEMS.labels(item.platform, "attachment_given_up").inc()
        self.want_relay()
        return "failed"

    async def _attempts(self, item: Queued, message: OutgoingMessage, lease: datetime | None,
                        *, mark: bool = True, give_up: bool = False) -> Outcome:
        """Up to :data:`IN_CALL_RETRIES` calls; then the row waits for the relay.

        ``give_up``: this is the attachment's last try; failing it gives the files up.
        """
        sender = self.senders[item.platform]
        limiter = self.limiters.get(item.platform)
        for attempt in range(1, IN_CALL_RETRIES + 1):
            if limiter is not None:
                await limiter.wait(item.chat, urgent=item.urgent)
            lease = await self._still_ours(item, lease) if lease is not None else None
            if lease is None:
                await self._hand_back(item, None, "taken over")
                return "waiting"
            try:
                async with self._slots.take(urgent=item.urgent):
                    await sender.send(item.chat, message)
            except RetryLater as error:
                if error.rate_limited:
                    self.rate_limited += 1
                    metrics.RATE_LIMITED.labels(item.platform).inc()
                    if limiter is not None and error.retry_after:
                        limiter.limited(item.chat, error.retry_after)
                elif limiter is not None and error.retry_after:
                    limiter.hold(item.chat if error.chat_wide else None, error.retry_after)
                wait = error.retry_after or backoff(attempt)
                if attempt == IN_CALL_RETRIES or wait > MAX_IN_CALL_WAIT:
                    if give_up:
                        return await self._give_up_attachment(item, str(error))
                    await self._hand_back(item, wait, str(error))
                    return "waiting"
                await asyncio.sleep(wait)
                continue
            except Undeliverable as error:
                if item.progress and not error.blocked:
                    return await self._give_up_attachment(item, str(error))
                return await self._refused(item, error)
            except Exception as error:  # noqa: BLE001 - a sender bug must not drop the message
                log.warning("%s sender failed with %s; will retry", item.platform,
                            type(error).__name__)
                metrics.DELIVERY_PROBLEMS.labels(item.platform, "error").inc()
                if attempt == IN_CALL_RETRIES:
                    if give_up:
                        return await self._give_up_attachment(item, type(error).__name__)
                    await self._hand_back(item, backoff(attempt), type(error).__name__)
                    return "waiting"
                await asyncio.sleep(backoff(attempt))
                continue
            if mark:
                self._sent(item)
            return "sent"
        raise AssertionError("unreachable: the last attempt always returns")

    def _sent(self, item: Queued) -> None:
        self._marker.add(item.outbox_id)
        self.sent += 1
        metrics.SENT.labels(item.platform).inc()

    async def _hand_back(self, item: Queued, seconds: float | None, reason: str) -> None:
        """The row waits ``seconds`` (``None``: another process has it), and the chat with it.

        The wait doubles with every deferral of the same row (4 s, 8 s ... up to
        five minutes), so a platform that stays down for long gets fewer and
        fewer requests instead of a steady stream; a Retry-After longer than
        that is kept. This process's later rows of the chat are handed to the
        relay, which is woken when the row falls due.
        """
        due, handed = await asyncio.to_thread(defer, self.db, item, seconds, self.clock.now(),
                                              reason, self.owner)
        self._handed_back.update(handed)
        if len(self._handed_back) > 100_000:  # rows that never came back here: forget them
            self._handed_back.clear()
        if due is not None:
            wait = (due - self.clock.now()).total_seconds()
            log.warning("%s delivery deferred by %.0fs", item.platform, wait)
            metrics.DELIVERY_PROBLEMS.labels(item.platform, "deferred").inc()
            self.want_relay(max(0.0, wait))

    async def _refused(self, item: Queued, error: Undeliverable) -> Outcome:
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
