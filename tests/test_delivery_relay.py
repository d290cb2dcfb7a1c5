"""Shared delivery: what the relay claims, and how long a send may wait in the call."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import select

from bot.clock import ManualClock
from bot.delivery import Deliverer, RetryLater
from bot.engine import Engine
from core.messages import OutgoingMessage
from storage.database import Database
from storage.tables import outbox
from storage.turns import Queued, Turn
from tests.conftest import START


class RecordingSender:
    """Records what it is given; raises ``fail_with`` while it is set."""

    def __init__(self, platform: str, fail_with: Exception | None = None) -> None:
        self.platform = platform
        self.fail_with = fail_with
        self.calls: list[tuple[str, OutgoingMessage]] = []

    async def send(self, chat: str, message: OutgoingMessage) -> None:
        self.calls.append((chat, message))
        if self.fail_with is not None:
            raise self.fail_with


def enqueue(db: Database, clock: ManualClock, platform: str, *, leased: bool) -> Queued:
    with db.transaction() as connection:
        (queued,) = Turn(db, connection).enqueue(None, platform, "chat-1",
                                                 [OutgoingMessage("hello")], clock.now(),
                                                 leased=leased)
    return queued


def row(db: Database, outbox_id: int) -> dict[str, object]:
    with db.engine.connect() as connection:
        return dict(connection.execute(select(outbox).where(outbox.c.id == outbox_id))
                    .mappings().one())


async def test_the_relay_claims_only_rows_of_platforms_it_can_send(db: Database) -> None:
    clock = ManualClock(START)
    theirs = enqueue(db, clock, "slack", leased=False)
    mine = enqueue(db, clock, "telegram", leased=False)
    sender = RecordingSender("telegram")
    relayed = await Deliverer(db, clock, [sender]).relay_once()
    assert relayed == 1
    assert [chat for chat, _ in sender.calls] == ["chat-1"]
    assert row(db, mine.outbox_id)["sent_at"] is not None
    assert row(db, theirs.outbox_id)["lease_until"] is None  # free for the Slack process


async def test_a_relay_without_senders_leases_nothing(db: Database) -> None:
    clock = ManualClock(START)
    queued = enqueue(db, clock, "telegram", leased=False)
    assert await Deliverer(db, clock, []).relay_once() == 0
    assert row(db, queued.outbox_id)["lease_until"] is None


async def test_a_long_flood_wait_is_left_to_the_relay_instead_of_slept(db: Database) -> None:
    clock = ManualClock(START)
    queued = enqueue(db, clock, "telegram", leased=True)
    sender = RecordingSender("telegram", RetryLater(600.0))
    started = time.monotonic()
    await Deliverer(db, clock, [sender]).deliver([queued])
    assert time.monotonic() - started < 5
    assert len(sender.calls) == 1
    stored = row(db, queued.outbox_id)
    assert stored["sent_at"] is None
    assert stored["failed_at"] is None
    due = stored["due_at"]
    assert isinstance(due, type(START))
    assert due.replace(tzinfo=START.tzinfo) >= START + timedelta(seconds=600)


def test_a_reply_only_event_is_answered_once(db: Database) -> None:
    engine = Engine(db, ManualClock(START))
    first = engine.reply_only("telegram", "chat-1", "update-9", OutgoingMessage("text please"))
    again = engine.reply_only("telegram", "chat-1", "update-9", OutgoingMessage("text please"))
    assert [q.message.text for q in first.deliveries] == ["text please"]
    assert again.duplicate
    assert not again.deliveries
