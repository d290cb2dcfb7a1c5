"""Order per chat and fairness across chats: what waits, waits for its own chat only.

The deliverer and relay against a real database, with a sender that fails as
told; the chaos run with SIGKILLs is in ``tests/test_crash_safety.py``.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from sqlalchemy import select

from bot.delivery import ATTACHMENT_TRIES, Deliverer, Rate, RateLimiter, RetryLater, Slots
from bot.runtime import Runtime
from bot.service import BotService
from bot.settings import Settings
from core.messages import Alert, Attachment, OutgoingMessage
from fakes.harness import ChatHarness
from flows.texts.common import FILE_NOT_SENT
from storage.tables import outbox, users
from storage.turns import Queued, Turn


class ChatSender:
    """Records (chat, text); fails the sends to chats in ``failing`` with their error."""

    platform = "test"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.files: list[str] = []
        self.failing: dict[str, Exception] = {}
        self.failing_files: Exception | None = None

    async def send(self, chat: str, message: OutgoingMessage) -> None:
        if message.image is not None or message.documents:
            self.files.append(chat)
            if self.failing_files is not None:
                raise self.failing_files
            return
        if chat in self.failing:
            raise self.failing[chat]
        self.sent.append((chat, message.text))

    def texts(self, chat: str) -> list[str]:
        return [text for c, text in self.sent if c == chat]


def commit(bot: ChatHarness, chat: str, *texts: str, alert: bool = False,
           attachment: Attachment | None = None) -> list[Queued]:
    """One turn's messages to ``chat``, committed (leased to this process when free)."""
    with bot.db.transaction() as connection:
        return Turn(bot.db, connection).enqueue(
            None, "test", chat,
            [OutgoingMessage(t, alert=Alert.EMERGENCY if alert else None, attachment=attachment)
             for t in texts], bot.clock.now())


async def test_a_message_that_cannot_go_holds_the_later_ones_of_its_chat_only(
        bot: ChatHarness) -> None:
    sender = ChatSender()
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    sender.failing["alice"] = RetryLater(30, "flood")
    await deliverer.deliver(commit(bot, "alice", "Have you had a fever?"))
    await deliverer.deliver(commit(bot, "bob", "hello Bob"))
    del sender.failing["alice"]
    later = commit(bot, "alice", "Which time zone are you in?")
    assert later[0].lease_until is None  # committed behind a waiting row: the relay's
    await deliverer.deliver(later)
    assert sender.texts("alice") == []
    assert sender.texts("bob") == ["hello Bob"]
    await deliverer.relay_once()
    assert sender.texts("alice") == []  # the fever question is not due yet; nor what follows
    bot.clock.advance(timedelta(seconds=31))
    await deliverer.relay_once()
    assert sender.texts("alice") == ["Have you had a fever?", "Which time zone are you in?"]


async def test_messages_of_earlier_turns_in_flight_are_handed_to_the_relay_behind_a_failure(
        bot: ChatHarness) -> None:
    sender = ChatSender()
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    first = commit(bot, "alice", "question one")
    second = commit(bot, "alice", "answer, question two")  # committed before the failure
    assert second[0].lease_until is not None
    sender.failing["alice"] = RetryLater(30, "flood")
    await deliverer.deliver(first)
    del sender.failing["alice"]
    await deliverer.deliver(second)  # its turn comes: handed back, not sent past the first
    assert sender.texts("alice") == []
    bot.clock.advance(timedelta(seconds=31))
    await deliverer.relay_once()
    assert sender.texts("alice") == ["question one", "answer, question two"]


async def test_the_relay_claims_a_chats_rows_only_from_its_first_waiting_one(
        bot: ChatHarness) -> None:
    sender = ChatSender()
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    with bot.db.transaction() as connection:
        rows = Turn(bot.db, connection).enqueue(
            None, "test", "alice", [OutgoingMessage(f"m{i}") for i in range(5)],
            bot.clock.now(), leased=False)
    with bot.db.transaction() as connection:  # the first fell due later than the rest
        connection.execute(outbox.update().where(outbox.c.id == rows[0].outbox_id)
                           .values(due_at=bot.clock.now() - timedelta(seconds=1)))
        connection.execute(outbox.update().where(outbox.c.id != rows[0].outbox_id)
                           .values(due_at=bot.clock.now() - timedelta(seconds=9)))
    assert await deliverer.relay_once(limit=3) == 0  # m1..m3 fit the limit, m0 did not
    assert await deliverer.relay_once(limit=5) == 5
    assert sender.texts("alice") == [f"m{i}" for i in range(5)]


async def test_a_crashed_process_s_message_holds_its_chat_until_its_lease_ends(
        bot: ChatHarness) -> None:
    commit(bot, "alice", "sent by a process that died")
    mine = Deliverer(bot.db, bot.clock, [ChatSender()], owner="another process")
    with bot.db.transaction() as connection:
        after = Turn(bot.db, connection).enqueue(None, "test", "alice",
                                                 [OutgoingMessage("next")], bot.clock.now(),
                                                 owner="another process")
    assert after[0].lease_until is None
    assert await mine.relay_once() == 0
    bot.clock.advance(timedelta(seconds=31))
    sender = ChatSender()
    assert await Deliverer(bot.db, bot.clock, [sender]).relay_once() == 2
    assert sender.texts("alice") == ["sent by a process that died", "next"]


async def test_alerts_are_claimed_and_sent_ahead_of_other_chats_messages(
        bot: ChatHarness) -> None:
    with bot.db.transaction() as connection:
        turn = Turn(bot.db, connection)
        for n in range(5):
            turn.enqueue(None, "test", f"reminded-{n}", [OutgoingMessage("reminder")],
                         bot.clock.now(), leased=False)
        turn.enqueue(None, "test", "alice",
                     [OutgoingMessage("Go to an emergency department now",
                                      alert=Alert.EMERGENCY)], bot.clock.now(), leased=False)
    sender = ChatSender()
    deliverer = Deliverer(bot.db, bot.clock, [sender], concurrency=1)
    claimed = await deliverer.claim(limit=3)
    assert claimed[0].chat == "alice"
    await deliverer.deliver(claimed, relayed=True)
    assert sender.sent[0] == ("alice", "Go to an emergency department now")


async def test_an_urgent_send_takes_the_next_free_place() -> None:
    slots = Slots(1)
    order: list[str] = []

    async def send(name: str, urgent: bool, pause: float) -> None:
        async with slots.take(urgent=urgent):
            order.append(name)
            await asyncio.sleep(pause)

    first = asyncio.create_task(send("busy", False, 0.05))
    await asyncio.sleep(0)
    waiting = [asyncio.create_task(send(f"ordinary-{n}", False, 0)) for n in range(3)]
    await asyncio.sleep(0)
    alert = asyncio.create_task(send("alert", True, 0))
    await asyncio.gather(first, alert, *waiting)
    assert order[:2] == ["busy", "alert"]


async def test_a_flood_wait_holds_one_chat_and_many_at_once_hold_everyone() -> None:
    limiter = RateLimiter(Rate(per_chat=1000, overall=1000))
    assert not limiter.limited("alice", 20)
    started = time.monotonic()
    await limiter.wait("bob")
    assert time.monotonic() - started < 0.1
    assert not limiter.limited("carol", 20)
    assert limiter.limited("dave", 0.3)  # a third chat within a second: the bot's own limit
    started = time.monotonic()
    await limiter.wait("erin")
    assert time.monotonic() - started >= 0.25


async def test_an_attachment_is_retried_on_its_own_then_given_up_and_said_once(
        bot: ChatHarness) -> None:
    sender = ChatSender()
    sender.failing_files = RetryLater(0.01, "upload failed")
    deliverer = Deliverer(bot.db, bot.clock, [sender])
    with bot.db.transaction() as connection:
        user_id = connection.execute(users.insert().values(created_at=bot.clock.now(),
                                                           active=True)).inserted_primary_key[0]
        items = Turn(bot.db, connection).enqueue(
            user_id, "test", "alice",
            [OutgoingMessage("Here is a copy of your data.", attachment=Attachment.DATA_EXPORT),
             OutgoingMessage("What next?")], bot.clock.now())
    await deliverer.deliver(items)
    for _ in range(ATTACHMENT_TRIES + 2):
        bot.clock.advance(timedelta(minutes=10))
        await deliverer.relay_once()
    # the notice is committed when the files are given up: after what was already queued
    assert sender.texts("alice") == ["Here is a copy of your data.", "What next?",
                                     FILE_NOT_SENT]
    assert len(sender.files) == ATTACHMENT_TRIES * 3  # each try: three calls, then no more
    with bot.db.engine.connect() as connection:
        row = connection.execute(select(outbox.c.failed_at, outbox.c.last_error)
                                 .where(outbox.c.id == items[0].outbox_id)).one()
    assert row.failed_at is not None
    assert row.last_error.startswith("attachment given up")


async def test_a_delivery_chain_of_one_person_never_waits_for_another(bot: ChatHarness) -> None:
    sender = ChatSender()
    sender.failing["chat-alice"] = RetryLater(0.4, "slow chat")
    runtime = Runtime(Settings(database_url="sqlite://"), bot.clock, bot.db, bot.engine,
                      bot.reminders)
    service = BotService(runtime, Deliverer(bot.db, bot.clock, [sender]))
    alice = asyncio.create_task(service.handle(bot.event("alice", text="hello")))
    await asyncio.sleep(0.05)
    started = time.monotonic()
    await service.handle(bot.event("bob", text="hello"))
    assert time.monotonic() - started < 0.3
    assert sender.texts("chat-bob")
    await alice
