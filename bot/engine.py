"""The engine: one inbound event is one transaction.

Dedupe on (platform, event id), load the conversation, run the flows,
save state, records and outgoing messages, commit; only then are the
messages handed back for delivery. A turn that raced another turn for the
same person is simply run again.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from pydantic import ValidationError

from bot import metrics
from bot.clock import Clock
from core.messages import InboundEvent, OutgoingMessage
from flows import clinic as clinics
from flows import schedule as schedules
from flows import texts
from flows.context import Context
from flows.conversation import Conversation
from flows.long_text import readable
from flows.records import ErasureRequested
from flows.turn import FIRST_FLOW, NEW, ask_again, run_turn
from storage import clinicians, invites, personal_data
from storage import reminders as reminder_rows
from storage.clinics import clinic_name
from storage.database import ConnectionLost, Database
from storage.turns import (
    ERASED_RECIPIENT,
    PROCESS_OWNER,
    Loaded,
    Queued,
    RetryTurn,
    Turn,
    stored_conversation,
)

log = logging.getLogger(__name__)

class TurnFailed(RuntimeError):
    """A turn could not be committed after several attempts."""


@dataclass(frozen=True, slots=True)
class TurnResult:
    """What a turn committed: the messages to deliver now, or nothing for a duplicate."""

    duplicate: bool
    deliveries: tuple[Queued, ...] = ()
    user_id: int | None = None
    #: The event's button press was taken as the answer (adapters show it on the message).
    press_taken: bool = False


class Engine:
    """Runs turns against the database; safe to call from several threads."""

    def __init__(self, db: Database, clock: Clock, *, max_attempts: int = 8,
                 owner: str = PROCESS_OWNER) -> None:
        self.db = db
        self.clock = clock
        self.max_attempts = max_attempts
        #: Whose lease a turn's messages get (this process's deliverer's).
        self.owner = owner

    def handle(self, event: InboundEvent) -> TurnResult:
        """Process one event exactly once and return what to deliver.

        Idempotent on ``(event.platform, event.event_id)``: a redelivered
        event returns ``duplicate=True`` and changes nothing.

        A turn whose connection the database server dropped is run again on a
        new one (a drop at the commit itself may have committed it: the rerun
        is then a duplicate, and the relay sends its messages once their
        lease ends).

        Raises:
            TurnFailed: the turn kept colliding with concurrent turns.

        """
        started = time.perf_counter()
        # Once, and before the transaction: screening a long text takes a while and must
        # not hold the database's lock (nor run again when the turn is retried).
        text = readable(event.text)
        try:
            for _attempt in range(self.max_attempts):
                try:
                    result = self._attempt(event, text)
                except (RetryTurn, ConnectionLost):
                    continue  # rolled back: run it again (on a new connection if lost)
                except _FlowError:
                    log.exception("flow error on %s event; replying with an apology",
                                  event.platform)
                    metrics.TURNS.labels(event.platform, "apology").inc()
                    return self._apologise(event)
                outcome = "duplicate" if result.duplicate else "handled"
                metrics.TURNS.labels(event.platform, outcome).inc()
                return result
            raise TurnFailed(f"turn for a {event.platform} user kept conflicting")
        finally:
            metrics.TURN_SECONDS.labels(event.platform).observe(time.perf_counter() - started)

    def _attempt(self, event: InboundEvent, text: str | None) -> TurnResult:
        now = self.clock.now()
        with self.db.turn() as connection:
            turn = Turn(self.db, connection)
            begun = turn.begin(event.platform, event.event_id, event.user, event.chat, now,
                               flow=FIRST_FLOW, state=NEW)
            if begun is None:
                return TurnResult(duplicate=True)
            loaded = begun
            conversation = self._conversation(loaded, now)
            before = _ReminderFacts.of(conversation) if loaded.active else _ReminderFacts.NONE
            invitation = self._invitation(turn, event, loaded.user_id, now)
            try:
                run_turn(conversation, text=text, choice=event.choice,
                         reply_token=event.reply_token, invitation=invitation,
                         edited=event.edited, unseen=loaded.unseen or not loaded.active,
                         zone_hint=event.zone_hint)
            except Exception as error:
                raise _FlowError from error
            if any(isinstance(r, ErasureRequested) for r in conversation.records):
                return self._erase(turn, loaded.user_id, event, conversation, now)
            turn.add_records(loaded.user_id, conversation.records)
            self._sync_reminder(turn, loaded, event, conversation, before)
            queued = turn.save_and_enqueue(
                loaded, flow=conversation.flow, state=conversation.state,
                context=conversation.ctx.model_dump_json(), now=now, platform=event.platform,
                chat=event.chat, messages=conversation.out, owner=self.owner, asks=True,
                last=True)
        return TurnResult(False, tuple(queued), loaded.user_id, conversation.press_taken)

    def _erase(self, turn: Turn, user_id: int, event: InboundEvent, conversation: Conversation,
               now: datetime) -> TurnResult:
        """Erase the person in this turn's transaction; only the goodbye is queued.

        The one place a person is erased (an audit entry belongs here). The
        goodbye belongs to nobody (the person no longer exists) and its row is
        deleted once it is sent.
        """
        personal_data.erase(turn.connection, user_id, now)
        queued = turn.enqueue(ERASED_RECIPIENT, event.platform, event.chat, conversation.out,
                              now, owner=self.owner)
        log.info("a %s user's data was erased on request", event.platform)
        return TurnResult(False, tuple(queued), None)

    @staticmethod
    def _invitation(turn: Turn, event: InboundEvent, user_id: int, now: datetime
                    ) -> clinics.Invitation | clinics.InviteRefused | None:
        """A press of a clinic's call button, or an invite code used in this very turn.

        The code is spent by this turn's transaction: a turn that is rolled
        back (a race, a flow error) leaves it unused. An edited message is
        read for safety only, so it spends nothing.
        """
        code = None if event.edited else clinics.invite_code(event.text)
        if code is not None:
            redeemed = invites.redeem(turn.connection, code, user_id, now)
            if isinstance(redeemed, str):
                return clinics.InviteRefused(redeemed)
            invited, clinic, label = redeemed
            return clinics.Invitation(invited, clinic, by_code=True, label=label,
                                      audience=_audience(turn, invited))
        clinic_id = clinics.joined_clinic(event.choice)
        if clinic_id is None:
            return None
        name = clinic_name(turn.connection, clinic_id)
        return (clinics.Invitation(clinic_id, name, audience=_audience(turn, clinic_id))
                if name is not None else None)

    @staticmethod
    def _conversation(loaded: Loaded, now: datetime) -> Conversation:
        try:
            context = Context.model_validate_json(loaded.context)
        except ValidationError as error:
            raise _FlowError("stored context is unreadable") from error
        return Conversation(loaded.flow, loaded.state, context, now)

    @staticmethod
    def _sync_reminder(turn: Turn, loaded: Loaded, event: InboundEvent,
                       conversation: Conversation, before: _ReminderFacts) -> None:
        """Keep the dispatcher's reminder row in step with what the turn changed."""
        after = _ReminderFacts.of(conversation)
        if after == before:
            return
        if after.schedule != before.schedule:
            schedule = conversation.ctx.schedule
            due = schedules.next_due(schedule, conversation.now)
            switched_on = before.schedule[1] is None and schedule.remind_at is not None
            reminder_rows.sync(
                turn.connection, loaded.user_id, event.platform, event.chat,
                schedule=schedule,
                next_due=due.at if due else None,
                next_kind=due.slot if due else "daily",
                since=conversation.today if switched_on else None,
                last_checkin=after.last_checkin,
                held=after.held,
            )
        else:
            reminder_rows.note_progress(turn.connection, loaded.user_id,
                                        last_checkin=after.last_checkin, held=after.held)

    def question(self, platform: str, user: str) -> tuple[OutgoingMessage, ...] | None:
        """What ``user`` is being asked right now, said again: for someone back in a chat.

        Read-only: nothing is saved, no event is claimed, a check-in under way
        stays under way. ``None`` for someone who has not been asked
        anything yet, or whose stored conversation cannot be read (a turn
        then welcomes them, or apologises).
        """
        stored = stored_conversation(self.db, platform, user)
        if stored is None or stored[1] == NEW:
            return None
        flow, state, context = stored
        try:
            conversation = Conversation(flow, state, Context.model_validate_json(context),
                                        self.clock.now())
            ask_again(conversation)
        except (ValidationError, KeyError, ValueError):
            log.warning("a stored %s conversation could not be asked again", platform)
            return None
        return tuple(conversation.out)

    def reply_only(self, platform: str, chat: str, event_id: str,
                   message: OutgoingMessage) -> TurnResult:
        """Answer an event the flows do not read (a sticker, an edit) with a fixed message.

        The event id is claimed like any other, so a redelivery returns
        ``duplicate=True``; the message goes through the outbox; no
        conversation is loaded or changed.
        """
        now = self.clock.now()
        with self.db.transaction() as connection:
            turn = Turn(self.db, connection)
            if not turn.claim_event(platform, event_id, now):
                return TurnResult(duplicate=True)
            queued = turn.enqueue(None, platform, chat, [message], now, owner=self.owner)
        return TurnResult(False, tuple(queued))

    def _apologise(self, event: InboundEvent) -> TurnResult:
        """Answer an event the flows could not handle; state stays as it was."""
        return self.reply_only(event.platform, event.chat, event.event_id,
                               OutgoingMessage(texts.common.SOMETHING_WRONG))


def _audience(turn: Turn, clinic_id: int) -> clinics.Audience:
    """Who would see what the person shares with the clinic, as of this turn."""
    names, place = clinicians.audience(turn.connection, clinic_id)
    return clinics.Audience(names, place)


class _FlowError(Exception):
    """A bug in a flow (never a database error): rolled back and apologised for."""


@dataclass(frozen=True, slots=True)
class _ReminderFacts:
    """What the reminder dispatcher needs to know about a conversation."""

    schedule: tuple[object, ...]  # the schedule's fields, remind_at second
    last_checkin: date | None
    held: bool

    NONE: ClassVar[_ReminderFacts]

    @classmethod
    def of(cls, conversation: Conversation) -> _ReminderFacts:
        ctx = conversation.ctx
        s = ctx.schedule
        return cls((s.timezone, s.remind_at, s.days, s.paused_until, s.snoozed_until,
                    s.quiet_start, s.quiet_end), ctx.programme.last_checkin,
                   ctx.safety.hold is not None)


# Compared against a returning person's facts, this forces a full re-sync of
# the reminder row (blocking the bot had cleared it).
_ReminderFacts.NONE = _ReminderFacts(("",) * 7, None, False)
