"""Delivery from the outbox: order, rate limits, 429s, blocked chats, crash recovery."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.delivery import Deliverer, Rate, RetryLater, Undeliverable
from bot.service import KeyedLocks
from core.messages import Attachment, ConversationKey, Document, OutgoingMessage
from fakes.harness import ChatHarness
from storage.codec import message_from_json, message_to_json
from storage.tables import outbox, reminders, users
from storage.turns import DELIVERY_LEASE, Turn


class RecordingSender:
    """A sender that records what it was given and fails as it is told."""

    platform = "test"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, float]] = []
        self.failures: list[Exception] = []

    async def send(self, chat: str, message: OutgoingMessage) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((chat, message.text, time.monotonic()))


def queue(bot: ChatHarness, chat: str, *texts: str, leased: bool = True) -> list:  # type: ignore[type-arg]
    with bot.db.transaction() as connection:
        return Turn(bot.db, connection).enqueue(
            None, "test", chat, [OutgoingMessage(t) for t in texts], bot.clock.now(), leased=leased
        )


def unsent(bot: ChatHarness) -> int:
    with bot.db.engine.connect() as connection:
        return len(connection.execute(select(outbox.c.id).where(outbox.c.sent_at.is_(None))).all())


async def test_messages_go_out_in_order_and_are_marked_sent(bot: ChatHarness) -> None:
    sender = RecordingSender()
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    await deliverer.deliver(queue(bot, "c1", "one", "two", "three"))
    assert [text for _, text, _ in sender.sent] == ["one", "two", "three"]
    assert unsent(bot) == 0


async def test_a_429_is_waited_out_and_retried(bot: ChatHarness) -> None:
    sender = RecordingSender()
    sender.failures = [RetryLater(0.3, rate_limited=True)]
    deliverer = Deliverer(bot.db, bot.clock, [sender], {"test": Rate(100, 100)})
    started = time.monotonic()
    await deliverer.deliver(queue(bot, "c1", "hello"))
    assert [text for _, text, _ in sender.sent] == ["hello"]
    assert sender.sent[0][2] - started >= 0.3
    assert deliverer.rate_limited == 1


async def test_a_passing_fault_is_retried_but_not_counted_as_rate_limited(
        bot: ChatHarness) -> None:
    sender = RecordingSender()
    sender.failures = [RetryLater(0.0, "internal_error")]
    deliverer = Deliverer(bot.db, bot.clock, [sender], {"test": Rate(100, 100)})
    await deliverer.deliver(queue(bot, "c1", "hello"))
    assert [text for _, text, _ in sender.sent] == ["hello"]
    assert deliverer.rate_limited == 0


async def test_the_rate_limit_spaces_messages_to_one_chat(bot: ChatHarness) -> None:
    sender = RecordingSender()
    deliverer = Deliverer(bot.db, bot.clock, [sender], {"test": Rate(per_chat=20, overall=100)})
    await deliverer.deliver(queue(bot, "c1", *[f"m{i}" for i in range(5)]))
    times = [t for _, _, t in sender.sent]
    assert times[-1] - times[0] >= 4 / 20 * 0.95


async def test_a_blocked_chat_makes_the_person_inactive(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    sender = RecordingSender()
    sender.failures = [Undeliverable("bot was blocked by the user", blocked=True)]
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    with bot.db.engine.connect() as connection:
        user_id = connection.execute(select(users.c.id)).scalar_one()
    with bot.db.transaction() as connection:
        items = Turn(bot.db, connection).enqueue(
            user_id, "test", "chat-alice", [OutgoingMessage("a"), OutgoingMessage("b")],
            bot.clock.now())
    await deliverer.deliver(items)
    with bot.db.engine.connect() as connection:
        assert connection.execute(select(users.c.active)).scalar_one() is False
        assert connection.execute(select(reminders.c.next_due_at)).scalar_one() is None
        failed = connection.execute(
            select(outbox.c.id).where(outbox.c.failed_at.is_not(None))).all()
    assert len(failed) == 2
    assert sender.sent == []


async def test_a_person_who_comes_back_gets_reminders_again(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    sender = RecordingSender()
    sender.failures = [Undeliverable("blocked", blocked=True)]
    with bot.db.engine.connect() as connection:
        user_id = connection.execute(select(users.c.id)).scalar_one()
    with bot.db.transaction() as connection:
        items = Turn(bot.db, connection).enqueue(user_id, "test", "chat-alice",
                                                 [OutgoingMessage("a")], bot.clock.now())
    await Deliverer(bot.db, bot.clock, [sender]).deliver(items)
    bot.say("hello again")
    with bot.db.engine.connect() as connection:
        assert connection.execute(select(users.c.active)).scalar_one() is True
        assert connection.execute(select(reminders.c.next_due_at)).scalar_one() is not None


async def test_a_message_a_crashed_process_left_is_relayed(bot: ChatHarness) -> None:
    queue(bot, "c1", "left behind")  # committed, leased, never delivered
    sender = RecordingSender()
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    assert await deliverer.relay_once() == 0  # the lease still protects it
    bot.clock.advance(DELIVERY_LEASE + timedelta(seconds=1))
    assert await deliverer.relay_once() == 1
    assert [text for _, text, _ in sender.sent] == ["left behind"]
    assert await deliverer.relay_once() == 0


async def test_repeated_failures_leave_the_message_for_later(bot: ChatHarness) -> None:
    sender = RecordingSender()
    sender.failures = [RetryLater(0.01), RetryLater(0.01), RetryLater(0.01)]
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    await deliverer.deliver(queue(bot, "c1", "first", "second"))
    assert sender.sent == []
    assert unsent(bot) == 2
    bot.clock.advance(timedelta(minutes=10))
    assert await deliverer.relay_once() == 2
    assert [text for _, text, _ in sender.sent] == ["first", "second"]


async def test_a_sender_bug_does_not_drop_the_message(bot: ChatHarness) -> None:
    sender = RecordingSender()
    sender.failures = [ValueError("bug")]
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    await deliverer.deliver(queue(bot, "c1", "survives"))
    assert [text for _, text, _ in sender.sent] == ["survives"]


async def test_keyed_locks_keep_one_key_in_order_and_forget_it() -> None:
    locks = KeyedLocks()
    key = ConversationKey("test", "alice")
    seen: list[int] = []

    async def turn(n: int) -> None:
        async with locks.hold(key):
            await asyncio.sleep(0.01 * (3 - n))
            seen.append(n)

    await asyncio.gather(*(turn(n) for n in range(3)))
    assert seen == [0, 1, 2]
    assert len(locks) == 0


async def test_a_row_another_process_took_over_is_not_sent_again(bot: ChatHarness) -> None:
    items = queue(bot, "c1", "mine first")
    bot.clock.advance(DELIVERY_LEASE + timedelta(seconds=1))  # our lease ran out ...
    other = RecordingSender()
    assert await Deliverer(bot.db, bot.clock, [other]).relay_once() == 1  # ... and was taken
    late = RecordingSender()
    await Deliverer(bot.db, bot.clock, [late]).deliver(items)
    assert [text for _, text, _ in other.sent] == ["mine first"]
    assert late.sent == []


async def test_a_lease_about_to_end_is_renewed_before_sending(bot: ChatHarness) -> None:
    items = queue(bot, "c1", "slow")
    bot.clock.advance(DELIVERY_LEASE - timedelta(seconds=2))
    sender = RecordingSender()
    await Deliverer(bot.db, bot.clock, [sender]).deliver(items)
    assert [text for _, text, _ in sender.sent] == ["slow"]
    assert unsent(bot) == 0


async def test_a_long_retry_after_is_not_slept_through(bot: ChatHarness) -> None:
    sender = RecordingSender()
    sender.failures = [RetryLater(60)]
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    started = time.monotonic()
    await deliverer.deliver(queue(bot, "c1", "later please"))
    assert time.monotonic() - started < 5
    assert sender.sent == []
    assert await deliverer.relay_once() == 0  # not due for a minute
    bot.clock.advance(timedelta(seconds=61))
    assert await deliverer.relay_once() == 1
    assert [text for _, text, _ in sender.sent] == ["later please"]


async def test_a_message_deferred_again_and_again_waits_longer_each_time(
        bot: ChatHarness) -> None:
    sender = RecordingSender()
    sender.failures = [RetryLater(6.0) for _ in range(4)]
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    await deliverer.deliver(queue(bot, "c1", "when you are back"))
    waits = []
    for _ in range(3):
        due = due_of(bot)
        waits.append((due - bot.clock.now()).total_seconds())
        bot.clock.set(due)
        assert await deliverer.relay_once() == 1
    assert waits == [6.0, 8.0, 16.0]


def due_of(bot: ChatHarness) -> datetime:
    """When the one outbox row is due again."""
    with bot.db.engine.connect() as connection:
        due: datetime = connection.execute(select(outbox.c.due_at)).scalar_one()
    return due


async def test_reminders_wait_in_the_outbox_for_the_relay(onboarded_bot: ChatHarness) -> None:
    from datetime import UTC, datetime

    bot = onboarded_bot
    report = bot.reminders.run_due(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    assert [q.lease_until for q in report.queued] == [None]
    sender = RecordingSender()
    sender.platform = "test"
    bot.clock.set(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    assert await Deliverer(bot.db, bot.clock, [sender]).relay_once() == 1
    assert "daily check-in" in sender.sent[0][1]


async def test_a_deferred_message_keeps_its_chat_in_order(bot: ChatHarness) -> None:
    sender = RecordingSender()
    sender.failures = [RetryLater(60)]
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    await deliverer.deliver(queue(bot, "c1", "one", "two", "three"))
    assert sender.sent == []
    bot.clock.advance(timedelta(seconds=61))
    await deliverer.relay_once()
    assert [text for _, text, _ in sender.sent] == ["one", "two", "three"]


class KeepingSender(RecordingSender):
    """Also keeps the messages as the adapter received them."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[OutgoingMessage] = []

    async def send(self, chat: str, message: OutgoingMessage) -> None:
        await super().send(chat, message)
        self.messages.append(message)


async def test_a_chart_is_drawn_at_send_time_and_never_stored_in_the_outbox(
        onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.checkin(5, 4)
    with bot.db.transaction() as connection:
        user_id = connection.execute(select(users.c.id)).scalar_one()
        queued = Turn(bot.db, connection).enqueue(
            user_id, "test", "chat-alice",
            [OutgoingMessage("Your progress", attachment=Attachment.PROGRESS_CHART)],
            bot.clock.now())
    with bot.db.engine.connect() as connection:
        stored = connection.execute(select(outbox.c.image, outbox.c.payload)
                                    .where(outbox.c.id == queued[0].outbox_id)).one()
    assert stored.image is None
    assert '"attach":"progress_chart"' in stored.payload
    sender = KeepingSender()

    await Deliverer(bot.db, bot.clock, [sender]).deliver(queued)

    text, picture = sender.messages  # the text once, then the picture on its own
    assert (text.text, text.image) == ("Your progress", None)
    assert picture.attachment is None
    assert picture.image is not None
    assert picture.image.data.startswith(b"\x89PNG")
    assert picture.image.alt.startswith("Leg pain at 1 check-in")


def test_the_outbox_keeps_an_attachment_request_and_refuses_documents() -> None:
    request = OutgoingMessage("Your data", attachment=Attachment.DATA_EXPORT)
    assert message_from_json(*message_to_json(request)) == request
    with pytest.raises(ValueError, match="attachment request"):
        message_to_json(OutgoingMessage("x", documents=(
            Document(b"{}", "d.json", "Data", "application/json"),)))
