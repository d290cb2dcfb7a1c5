"""The async service: turns committed in order, deliveries chained in that order."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.delivery import Deliverer
from bot.runtime import Runtime
from bot.service import BotService
from bot.settings import Settings
from core.messages import OutgoingMessage
from fakes.harness import ChatHarness
from storage.tables import outbox


class SlowSender:
    """Takes a while per message, and records the order messages arrived in."""

    platform = "test"

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.release = asyncio.Event()

    async def send(self, chat: str, message: OutgoingMessage) -> None:
        await self.release.wait()
        self.texts.append(message.text)


def service_for(bot: ChatHarness, sender: SlowSender) -> BotService:
    runtime = Runtime(Settings(database_url="sqlite://"), bot.clock, bot.db, bot.engine,
                      bot.reminders)
    return BotService(runtime, Deliverer(bot.db, bot.clock, [sender]))


async def test_a_turn_does_not_wait_for_the_previous_delivery(bot: ChatHarness) -> None:
    sender = SlowSender()
    service = service_for(bot, sender)
    first = await service.handle_then_deliver_later(bot.event("alice", text="hi"))
    second = await asyncio.wait_for(
        service.handle_then_deliver_later(bot.event("alice", text="1")), timeout=5)
    assert first.deliveries
    assert second.deliveries
    assert sender.texts == []  # both committed while nothing was delivered yet
    sender.release.set()
    await service.drain()
    expected = [q.message.text for q in first.deliveries + second.deliveries]
    assert sender.texts == expected


async def test_deliveries_keep_commit_order_across_turns(bot: ChatHarness) -> None:
    sender = SlowSender()
    sender.release.set()
    service = service_for(bot, sender)
    results = []
    for text in ("hi", "1", "yes", "tips"):
        results.append(await service.handle_then_deliver_later(bot.event("alice", text=text)))
    await service.drain()
    assert sender.texts == [q.message.text for r in results for q in r.deliveries]
    assert service._tails == {}  # nothing kept per person once delivered


async def test_stopping_waits_only_its_grace_and_leaves_the_rest_in_the_outbox(
        bot: ChatHarness) -> None:
    sender = SlowSender()  # never released: the platform does not answer
    service = service_for(bot, sender)
    result = await service.handle_then_deliver_later(bot.event("alice", text="hi"))

    left = await asyncio.wait_for(service.drain(grace=0.2), timeout=5)

    assert left == 1
    assert sender.texts == []
    with bot.db.engine.connect() as connection:
        unsent = connection.execute(
            select(outbox.c.id).where(outbox.c.sent_at.is_(None)).order_by(outbox.c.id)
        ).scalars().all()
    assert unsent == sorted(q.outbox_id for q in result.deliveries)
