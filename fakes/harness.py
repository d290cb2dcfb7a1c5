"""A test adapter with push/pop: say something, get the replies back.

Drives the real engine and reminder dispatcher on a real database, with a
manual clock, so a test can live through six weeks in a second.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.clock import ManualClock
from bot.engine import Engine
from bot.reminders import ReminderDispatcher
from core.messages import Alert, Exercise, InboundEvent, OutgoingMessage
from flows.context import Context
from storage.database import Database
from storage.tables import conversations, identities
from storage.turns import mark_sent

PLATFORM = "test"


class Replies(list[OutgoingMessage]):
    """The messages one turn produced, with helpers for assertions."""

    @property
    def text(self) -> str:
        """All texts joined, for substring checks."""
        return "\n".join(m.text for m in self)

    @property
    def alerts(self) -> list[Alert]:
        return [m.alert for m in self if m.alert is not None]

    @property
    def exercises(self) -> list[Exercise]:
        return [m.exercise for m in self if m.exercise is not None]

    @property
    def choices(self) -> list[str]:
        """Choice ids of the last message that has any."""
        for message in reversed(self):
            if message.choices:
                return [c.id for c in message.choices]
        return []

    @property
    def labels(self) -> list[str]:
        """Button labels of the last message that has any."""
        for message in reversed(self):
            if message.choices:
                return [c.label for c in message.choices]
        return []

    @property
    def token(self) -> str | None:
        for message in reversed(self):
            if message.reply_token is not None:
                return message.reply_token
        return None

    def has(self, fragment: str) -> bool:
        return fragment.lower() in self.text.lower()


class ChatHarness:
    """Talk to the bot as one or more people."""

    def __init__(self, db: Database, start: datetime) -> None:
        self.db = db
        self.clock = ManualClock(start)
        self.engine = Engine(db, self.clock)
        self.reminders = ReminderDispatcher(db, self.clock)
        self._ids = itertools.count(1)
        self.last: dict[str, Replies] = {}
        self.tokens: dict[str, list[str]] = {}

    # --- pushing ---------------------------------------------------------

    def say(self, text: str, user: str = "alice", *, at: datetime | None = None) -> Replies:
        """The person types ``text``."""
        return self._send(user, text=text, at=at)

    def press(self, choice: str, user: str = "alice", *, token: str | None = None,
              stale: bool = False) -> Replies:
        """The person presses a button of the last question, or of an earlier one."""
        if token is None:
            seen = self.tokens.get(user, [])
            if stale:
                token = seen[-2] if len(seen) > 1 else "0"
            else:
                token = self.last.get(user, Replies()).token
        return self._send(user, choice=choice, token=token)

    def send_event(self, event: InboundEvent) -> Replies:
        """Feed a ready-made event (for duplicate tests)."""
        result = self.engine.handle(event)
        mark_sent(self.db, [q.outbox_id for q in result.deliveries], self.clock.now())
        replies = Replies(q.message for q in result.deliveries)
        if replies:
            self.last[event.user] = replies
            if replies.token is not None:
                seen = self.tokens.setdefault(event.user, [])
                if not seen or seen[-1] != replies.token:
                    seen.append(replies.token)
        return replies

    def event(self, user: str, *, text: str | None = None, choice: str | None = None,
              token: str | None = None, event_id: str | None = None) -> InboundEvent:
        return InboundEvent(
            platform=PLATFORM, user=user, chat=f"chat-{user}",
            event_id=event_id or f"e{next(self._ids)}-{uuid.uuid4().hex[:12]}",
            at=self.clock.now(),
            text=text, choice=choice, reply_token=token,
        )

    def _send(self, user: str, *, text: str | None = None, choice: str | None = None,
              token: str | None = None, at: datetime | None = None) -> Replies:
        if at is not None:
            self.clock.set(at)
        return self.send_event(self.event(user, text=text, choice=choice, token=token))

    # --- time ------------------------------------------------------------

    def advance(self, **delta: float) -> datetime:
        return self.clock.advance(timedelta(**delta))

    def tick(self, at: datetime | None = None) -> dict[str, Replies]:
        """Run the reminder dispatcher; replies by person."""
        if at is not None:
            self.clock.set(at)
        report = self.reminders.run_due()
        mark_sent(self.db, [q.outbox_id for q in report.queued], self.clock.now())
        sent: dict[str, Replies] = {}
        for queued in report.queued:
            user = queued.chat.removeprefix("chat-")
            sent.setdefault(user, Replies()).append(queued.message)
        return sent

    # --- peeking ---------------------------------------------------------

    def context(self, user: str = "alice") -> Context:
        """What the bot remembers about ``user`` (from the database)."""
        return Context.model_validate_json(self._row(user).context)

    def position(self, user: str = "alice") -> str:
        """``flow.state`` the conversation rests in."""
        row = self._row(user)
        return f"{row.flow}.{row.state}"

    def _row(self, user: str):  # type: ignore[no-untyped-def]
        with self.db.engine.connect() as connection:
            return connection.execute(
                select(conversations.c.flow, conversations.c.state, conversations.c.context)
                .join(identities, identities.c.user_id == conversations.c.user_id)
                .where(identities.c.platform == PLATFORM, identities.c.platform_user == user)
            ).one()

    # --- common paths ------------------------------------------------------

    def onboard(self, user: str = "alice", *, age: int = 45, bending: str = "yes",
                standing: str = "no", zone: str = "Europe/Berlin", remind: str = "09:00",
                flags: Iterable[str] = ()) -> Replies:
        """Welcome, consent, time zone, reminder, and a screening (clear unless flagged)."""
        flagged = set(flags)
        self.say("hello", user)
        self.press("continue", user)
        self.press("yes", user)
        self.say(zone, user)
        self.say(remind, user)
        for question in ("saddle", "bladder_bowel", "weight_loss", "fever", "night_sweats",
                         "cancer", "worsening", "both_legs", "severe_weakness"):
            self.press("yes" if question in flagged else "no", user)
        self.say(str(age), user)
        self.press(bending, user)
        return self.press(standing, user)

    def checkin(self, before: int, after: int, user: str = "alice", *,
                outcomes: Iterable[str] = ("done", "done", "done"),
                tensioner: bool | None = None, go_on: bool = True) -> Replies:
        """A whole daily check-in; answers the tensioner offer if one comes."""
        replies = self.say("/checkin", user)
        replies = self.say(str(before), user)
        replies = self.press("no", user)
        if "go_on" in replies.choices:
            replies = self.press("go_on" if go_on else "not_today", user)
            if not go_on:
                return replies
        if "yes" in replies.choices and replies.has("tensioner"):
            replies = self.press("yes" if tensioner else "no", user)
        for outcome in outcomes:
            replies = self.press(outcome, user)
        return self.say(str(after), user)
