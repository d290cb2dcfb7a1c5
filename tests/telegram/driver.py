"""Talking to the Telegram adapter as people do, through the fake Bot API.

A :class:`TelegramDriver` hands updates to the bot the way one mode
receives them (``getUpdates`` for polling, an HTTP POST for the webhook)
and waits until the bot is done with one: its update id is claimed in the
database and nothing for that chat is left undelivered. What the bot sent
in the meantime comes back as :class:`Sent`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import func, select

from fakes.telegram import Call, FakeTelegram
from storage.database import Database
from storage.tables import outbox, processed

Transport = Callable[[dict[str, Any]], Awaitable[None]]
ALICE = 5120036874
SETTLE_TIMEOUT = 15.0
#: How long a press waits for the bot to edit the pressed message (it does so after the turn).
EDIT_WAIT = 5.0


class Sent(list[Call]):
    """Messages the bot sent in answer to one update."""

    @property
    def text(self) -> str:
        """Everything visible, joined."""
        return "\n".join(c.text for c in self)

    @property
    def labels(self) -> list[str]:
        """Button labels of the last message that has any."""
        for call in reversed(self):
            if call.buttons:
                return [label for label, _ in call.buttons]
        return []

    @property
    def asking(self) -> Call:
        """The last message with buttons (the question being asked)."""
        for call in reversed(self):
            if call.buttons:
                return call
        raise AssertionError("no message with buttons among " + repr([c.text for c in self]))

    def has(self, fragment: str) -> bool:
        return fragment.lower() in self.text.lower()


class TelegramDriver:
    """Sends updates through one transport and collects the answers."""

    def __init__(self, fake: FakeTelegram, db: Database, transport: Transport, *,
                 alive: Callable[[], None] = lambda: None, webhook_url: str = "",
                 finished: Callable[[int], bool] = lambda _: True) -> None:
        self.fake = fake
        self.db = db
        self.transport = transport
        self.alive = alive
        self.webhook_url = webhook_url
        #: Whether the bot is done with an update (polling: it confirmed it, so the
        #: pressed message's edit, made after the turn, has been made too).
        self.finished = finished

    def person(self, user: int = ALICE, name: str = "Alice") -> Person:
        return Person(self, user, name)

    async def deliver(self, update: dict[str, Any], chat: int) -> Sent:
        """Hand ``update`` over, wait until it is handled, return what reached ``chat``."""
        before = len(self.fake.sent(chat))
        await self.transport(update)
        await self.settled(update["update_id"], chat)
        return Sent(self.fake.sent(chat)[before:])

    async def settled(self, update_id: int, chat: int) -> None:
        """Wait until the update is claimed and ``chat`` has nothing undelivered."""
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while not (await asyncio.to_thread(_settled, self.db, str(update_id), str(chat))
                   and self.finished(update_id)):
            self.alive()
            if time.monotonic() > deadline:
                raise AssertionError(f"update {update_id} was not handled in time")
            await asyncio.sleep(0.01)


def _settled(db: Database, event_id: str, chat: str) -> bool:
    with db.engine.connect() as connection:
        claimed = connection.execute(
            select(processed.c.event_id)
            .where(processed.c.platform == "telegram", processed.c.event_id == event_id)
        ).first()
        if claimed is None:
            return False
        waiting = connection.execute(
            select(func.count()).select_from(outbox)
            .where(outbox.c.chat == chat, outbox.c.sent_at.is_(None),
                   outbox.c.failed_at.is_(None))
        ).scalar_one()
    return int(waiting) == 0


class Person:
    """One Telegram user in a private chat with the bot."""

    def __init__(self, driver: TelegramDriver, user: int, name: str) -> None:
        self.driver = driver
        self.user = user
        self.name = name
        self.last = Sent()
        self.history: list[Call] = []

    @property
    def fake(self) -> FakeTelegram:
        return self.driver.fake

    async def says(self, text: str) -> Sent:
        return await self.sends(self.fake.text_update(self.user, text, name=self.name))

    async def presses(self, label: str, on: Call | None = None, *,
                      inaccessible: bool = False, data: str | None = None) -> Sent:
        """Press ``label`` on ``on`` (by default the last question asked).

        Returns once the turn is done and the pressed message was edited (the
        answer shown, or just its keyboard dropped), which the bot does after
        the turn: a test reading the message, or counting edits, next must not
        race that edit. A press the bot does not edit for is waited for
        ``EDIT_WAIT`` seconds at most.
        """
        message = on if on is not None else self.last.asking
        edits = self._edits_of(message)
        sent = await self.sends(self.fake.press(self.user, message, label,
                                                inaccessible=inaccessible, data=data))
        deadline = time.monotonic() + EDIT_WAIT
        while self._edits_of(message) == edits:
            if time.monotonic() > deadline:
                break  # a press the bot leaves as it is
            await asyncio.sleep(0.01)
        return sent

    def _edits_of(self, message: Call) -> int:
        result = message.result if isinstance(message.result, dict) else {}
        message_id = str(result.get("message_id"))
        return sum(1 for method in ("editMessageText", "editMessageReplyMarkup")
                   for call in self.fake.calls_of(method)
                   if str(call.params.get("message_id")) == message_id)

    async def sends_recorded(self, name: str) -> Sent:
        """A recorded update (``sticker``, ``photo``, ``edited_message`` ...)."""
        return await self.sends(self.fake.other_update(name, self.user))

    async def sends(self, update: dict[str, Any]) -> Sent:
        sent = await self.driver.deliver(update, self.user)
        if sent:
            self.last = sent
            self.history.extend(sent)
        return sent

    def asked_with(self, label: str) -> Call:
        """The latest message that offered a button ``label``."""
        for call in reversed(self.history):
            if label in [text for text, _ in call.buttons]:
                return call
        raise AssertionError(f"no message offered {label!r}")

    async def onboards(self) -> Sent:
        """Welcome, consent, time zone, reminder time and a clear screening, by buttons."""
        await self.says("hello")
        await self.presses("Let's start")
        await self.presses("I agree")
        await self.says("Europe/Berlin")
        await self.says("09:00")
        for _ in range(9):  # no red flags
            await self.presses("No")
        await self.says("45")
        await self.presses("Yes")  # worse bending
        await self.presses("No")  # not worse standing
        return await self.presses("Later")
