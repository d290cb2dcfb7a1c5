"""The statements of one conversation turn, inside one transaction.

Plain SQLAlchemy Core on the hot path: a turn is a handful of indexed
statements (claim the event id, load the conversation, save it with a
version check, add records and outbox rows), whatever the history size.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Executable, bindparam, delete, insert, or_, select, update

from core.messages import OutgoingMessage
from flows.records import (
    ActivityNamed,
    ClinicianCommandRefused,
    ClinicJoined,
    ClinicSharingChanged,
    ConsentChanged,
    ErasureRequested,
    ExportRequested,
    OutcomeScored,
    Record,
    ReviewDone,
    SafetyCleared,
    SafetyRaised,
    ScreeningAnswered,
    SessionFinished,
)
from storage import clinics
from storage.codec import message_to_json
from storage.database import Database
from storage.hot_path import HotPath, VersionMoved
from storage.tables import (
    activities,
    audit,
    conversations,
    identities,
    outbox,
    outcome_scores,
    processed,
    reviews,
    safety_events,
    screening_answers,
    sessions,
    users,
)

#: The ``user_id`` of outbox rows to someone erased in that very turn (the goodbye):
#: no person owns them, and they are deleted as soon as they are sent.
ERASED_RECIPIENT = 0

#: How long the process that committed a turn owns delivery of its messages
#: before the outbox relay may take them over.
DELIVERY_LEASE = timedelta(seconds=30)
#: Who holds the leases of the messages this process's turns commit: unique per
#: process, so a turn tells its own messages in flight from anyone else's.
PROCESS_OWNER = f"{os.getpid()}-{uuid.uuid4().hex[:16]}"


class RetryTurn(Exception):
    """The turn raced another one for the same person; run it again."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """A conversation as read at the start of a turn."""

    user_id: int
    chat: str
    flow: str
    state: str
    context: str
    version: int
    active: bool = True
    #: The question the conversation waits on is known not to have reached the
    #: person: the row that showed it was given up on, deferred, or left to the
    #: relay. Their message is then no answer to it (the engine shows it again).
    unseen: bool = False


@dataclass(frozen=True, slots=True)
class Queued:
    """An outbox row, ready to hand to the adapter."""

    outbox_id: int
    user_id: int | None
    platform: str
    chat: str
    message: OutgoingMessage
    lease_until: datetime | None = None  # this process may send it until then
    urgent: bool = False  # a safety alert: ahead of other chats' messages
    progress: int = 0  # 1: the text went out, only the attachment is left


# Statements are built once: SQLAlchemy then reuses their compiled form and
# cache key, which is most of what a statement costs on the hot path.
_LOAD = (
    select(
        identities.c.user_id, identities.c.chat, conversations.c.flow, conversations.c.state,
        conversations.c.context, conversations.c.version, users.c.active,
    )
    .join(conversations, conversations.c.user_id == identities.c.user_id)
    .join(users, users.c.id == identities.c.user_id)
    .where(identities.c.platform == bindparam("platform"),
           identities.c.platform_user == bindparam("user"))
)
_LOAD_LOCKED = _LOAD.with_for_update(of=conversations)
_SAVE = (
    update(conversations)
    .where(conversations.c.user_id == bindparam("b_user"),
           conversations.c.version == bindparam("b_version"))
    .values(flow=bindparam("b_flow"), state=bindparam("b_state"),
            context=bindparam("b_context"), version=bindparam("b_next"),
            updated_at=bindparam("b_now"))
)
_REACTIVATE = update(users).where(users.c.id == bindparam("b_user")).values(active=True)
_MOVE_CHAT = (
    update(identities)
    .where(identities.c.platform == bindparam("b_platform"),
           identities.c.platform_user == bindparam("b_user"))
    .values(chat=bindparam("b_chat"))
)
_CONSENT = update(users).where(users.c.id == bindparam("b_user")).values(
    consent_at=bindparam("b_at"))
_NEW_USER = insert(users).returning(users.c.id)
_NEW_CONVERSATION = insert(conversations)
_ANSWER = insert(screening_answers)
_SAFETY = insert(safety_events)
_AUDIT = insert(audit)
_SESSION = insert(sessions)
_REVIEW = insert(reviews)
_SCORE = insert(outcome_scores)
_ACTIVITY = insert(activities)
_OUTBOX = insert(outbox).returning(outbox.c.id, sort_by_parameter_order=True)
_ROW_BY_ROW = 8  # up to this many outbox rows, single inserts beat an executemany
_FORGET_SENT = delete(outbox).where(
    outbox.c.id.in_(bindparam("ids", expanding=True)),
    outbox.c.user_id == bindparam("erased"),
)  # up to this many outbox rows, single inserts beat an executemany


class Turn:
    """Statements of one turn, on one connection inside one transaction."""

    def __init__(self, db: Database, connection: Connection) -> None:
        self.db = db
        self.connection = connection

    def claim_event(self, platform: str, event_id: str, now: datetime) -> bool:
        """Record the event id; ``False`` if it was processed before."""
        if self.db.hot_path is not None:
            return self.db.hot_path.claim(self.connection, platform, event_id, now)
        statement = self.db.prepared("claim_event", _claim_event)
        row = self.connection.execute(
            statement, {"platform": platform, "event_id": event_id, "at": now}
        ).first()
        return row is not None

    def begin(self, platform: str, event_id: str, user: str, chat: str, now: datetime, *,
              flow: str, state: str) -> Loaded | None:
        """:meth:`claim_event`, then :meth:`load`; ``None`` when the event was seen before.

        On PostgreSQL both statements go in one round trip (see
        :meth:`storage.hot_path.HotPath.claim_and_load`).
        """
        if self.db.hot_path is None:
            if not self.claim_event(platform, event_id, now):
                return None
            return self.load(platform, user, chat, now, flow=flow, state=state)
        claimed, row = self.db.hot_path.claim_and_load(self.connection, platform, event_id,
                                                       user, now)
        if not claimed:
            return None
        return self._loaded(row, platform, user, chat, now, flow=flow, state=state)

    def load(self, platform: str, user: str, chat: str, now: datetime, *, flow: str,
             state: str) -> Loaded:
        """The person's conversation, created (at ``flow``/``state``) on first contact.

        On PostgreSQL the row is locked until commit, so turns for one person
        are processed one after another across processes.
        """
        row: Any
        if self.db.hot_path is not None:
            row = self.db.hot_path.load(self.connection, platform, user, now)
        else:
            query = _LOAD if self.db.sqlite else _LOAD_LOCKED
            row = self.connection.execute(query, {"platform": platform, "user": user}).first()
            if row is not None:
                row = (*row, _unseen(self.connection, platform, row.chat, now))
        return self._loaded(row, platform, user, chat, now, flow=flow, state=state)

    def _loaded(self, row: Any, platform: str, user: str, chat: str, now: datetime, *,
                flow: str, state: str) -> Loaded:
        """The loaded row as a :class:`Loaded`: created if missing, reactivated, chat moved."""
        if row is None:
            return self._create(platform, user, chat, now, flow=flow, state=state)
        loaded = Loaded(*row)
        if not loaded.active:
            # They wrote to us again after blocking the bot: they are back.
            self.connection.execute(_REACTIVATE, {"b_user": loaded.user_id})
        if loaded.chat != chat and chat:
            self.connection.execute(
                _MOVE_CHAT, {"b_platform": platform, "b_user": user, "b_chat": chat}
            )
        return loaded

    def _create(self, platform: str, user: str, chat: str, now: datetime, *, flow: str,
                state: str) -> Loaded:
        user_id = self.connection.execute(
            _NEW_USER, {"created_at": now, "active": True}
        ).scalar_one()
        created = self.connection.execute(
            self.db.prepared("new_identity", _new_identity),
            {"user_id": user_id, "platform": platform, "platform_user": user, "chat": chat},
        ).first()
        if created is None:
            raise RetryTurn("another turn created this person first")
        self.connection.execute(_NEW_CONVERSATION, {
            "user_id": user_id, "flow": flow, "state": state, "context": "{}", "version": 0,
            "updated_at": now,
        })
        return Loaded(user_id, chat, flow, state, "{}", 0)

    def save(self, loaded: Loaded, *, flow: str, state: str, context: str, now: datetime) -> None:
        """Write the new state if nobody else did since :meth:`load`."""
        if self.db.hot_path is not None:
            written = self.db.hot_path.save(self.connection, loaded.user_id, loaded.version,
                                            flow=flow, state=state, context=context, now=now)
        else:
            written = self.connection.execute(_SAVE, {
                "b_user": loaded.user_id, "b_version": loaded.version, "b_flow": flow,
                "b_state": state, "b_context": context, "b_next": loaded.version + 1,
                "b_now": now,
            }).rowcount
        if written != 1:
            raise RetryTurn("the conversation changed under this turn")

    def save_and_enqueue(self, loaded: Loaded, *, flow: str, state: str, context: str,
                         now: datetime, platform: str, chat: str,
                         messages: list[OutgoingMessage], owner: str = PROCESS_OWNER,
                         asks: bool = False, last: bool = False) -> list[Queued]:
        """:meth:`save`, then :meth:`enqueue` the turn's messages to the person.

        On PostgreSQL the save and a turn's few outbox rows go in one round
        trip (:meth:`storage.hot_path.HotPath.save_and_enqueue`); ``last``
        (nothing follows in the transaction) adds the COMMIT of a
        :meth:`storage.database.Database.turn` to that trip.

        Raises:
            RetryTurn: the conversation changed since :meth:`load` (roll back).

        """
        hot_path = self.db.hot_path
        if hot_path is None or len(messages) > _ROW_BY_ROW:
            self.save(loaded, flow=flow, state=state, context=context, now=now)
            return self.enqueue(loaded.user_id, platform, chat, messages, now, owner=owner,
                                asks=asks)
        items: list[Destination] = [(loaded.user_id, platform, chat, m) for m in messages]
        rows = _rows(items, now, leased=True, owner=owner, asks=asks)
        try:
            written, made = hot_path.save_and_enqueue(
                self.connection, loaded.user_id, loaded.version, flow=flow, state=state,
                context=context, now=now, rows=rows, commit=last)
        except VersionMoved as error:
            raise RetryTurn("the conversation changed under this turn") from error
        if written != 1:
            raise RetryTurn("the conversation changed under this turn")
        return _queued(made, items, now + DELIVERY_LEASE)

    def add_records(self, user_id: int, records: list[Record]) -> None:
        """Append the turn's facts to the history tables."""
        for record in records:
            self._add(user_id, record)

    def _add(self, user_id: int, record: Record) -> None:
        execute = self.connection.execute
        match record:
            case ScreeningAnswered(at=at, question=question, answer=answer):
                execute(_ANSWER, {"user_id": user_id, "at": at, "question": question,
                                  "answer": answer})
            case SafetyRaised(at=at, level=level, source=source):
                execute(_SAFETY, {"user_id": user_id, "at": at, "level": level.value,
                                  "kind": "raised", "source": source})
                execute(_AUDIT, {"user_id": user_id, "at": at, "kind": "alert_raised",
                                 "detail": level.value})
                clinics.queue_alerts(self.connection, self.db, user_id, at, level.value)
            case SafetyCleared(at=at, level=level):
                execute(_SAFETY, {"user_id": user_id, "at": at, "level": level.value,
                                  "kind": "cleared", "source": "person"})
                execute(_AUDIT, {"user_id": user_id, "at": at, "kind": "alert_cleared",
                                 "detail": level.value})
            case ConsentChanged(at=at, given=given):
                execute(_CONSENT, {"b_user": user_id, "b_at": at if given else None})
                execute(_AUDIT, {"user_id": user_id, "at": at, "detail": "health_data",
                                 "kind": "consent_given" if given else "consent_withdrawn"})
            case SessionFinished():
                execute(_SESSION, {
                    "user_id": user_id, "at": record.at, "started_at": record.started_at,
                    "local_date": record.local_date, "day": record.day,
                    "pain_before": record.pain_before, "pain_after": record.pain_after,
                    "flare": record.flare, "floss": record.floss,
                    "outcomes": json.dumps(dict(record.outcomes)), "status": record.status,
                })
            case ReviewDone(at=at, result=result, baseline=baseline,
                            recent_average=recent_average):
                execute(_REVIEW, {"user_id": user_id, "at": at, "result": result,
                                  "baseline": baseline, "recent_average": recent_average})
            case OutcomeScored():
                execute(_SCORE, {
                    "user_id": user_id, "at": record.at, "local_date": record.local_date,
                    "measure": record.measure, "item": record.item, "score": record.score,
                    "occasion": record.occasion,
                })
            case ActivityNamed(at=at, slot=slot, name=name):
                execute(_ACTIVITY, {"user_id": user_id, "at": at, "slot": slot, "name": name})
            case ClinicJoined(at=at, clinic_id=clinic_id, label=label):
                clinics.join(self.connection, self.db, clinic_id, user_id, at, label)
            case ClinicSharingChanged(at=at, clinic_id=clinic_id, given=given):
                clinics.set_sharing(self.connection, self.db, clinic_id, user_id, given, at)
                execute(_AUDIT, {"user_id": user_id, "at": at, "detail": f"clinic {clinic_id}",
                                 "kind": "sharing_given" if given else "sharing_withdrawn"})
            case ClinicianCommandRefused(at=at, command=command):
                execute(_AUDIT, {"user_id": user_id, "at": at, "kind": "clinician_refused",
                                 "detail": f"no clinic: {command} typed in a chat"})
            case ExportRequested(at=at):
                execute(_AUDIT, {"user_id": user_id, "at": at, "kind": "data_exported",
                                 "detail": "copy of all data requested"})
            case ErasureRequested():
                raise ValueError("an erasure is carried out by the engine, never stored")

    def enqueue(self, user_id: int | None, platform: str, chat: str,
                messages: list[OutgoingMessage], now: datetime, *, leased: bool = True,
                owner: str = PROCESS_OWNER, asks: bool = False) -> list[Queued]:
        """Add messages to the outbox; leased rows belong to ``owner`` for a while.

        ``asks``: the last message shows the question the conversation now waits on.
        """
        return enqueue_many(self.connection,
                            [(user_id, platform, chat, m) for m in messages], now, leased=leased,
                            owner=owner, hot_path=self.db.hot_path, asks=asks)


def _claim_event(db: Database) -> Executable:
    return db.insert_ignoring_duplicates(processed).returning(processed.c.event_id)


def _new_identity(db: Database) -> Executable:
    return db.insert_ignoring_duplicates(identities).returning(identities.c.id)


Destination = tuple[int | None, str, str, OutgoingMessage]


def enqueue_many(connection: Connection, items: list[Destination], now: datetime, *,
                 leased: bool = True, owner: str = PROCESS_OWNER, hot_path: HotPath | None = None,
                 asks: bool = False) -> list[Queued]:
    """Outbox rows for messages to any number of chats, in one statement.

    A turn's few messages go row by row through ``hot_path`` when given;
    many at once (reminders) go through one executemany. A row asked for
    with a lease gets none while an earlier row of its chat waits (deferred,
    left to the relay, or held by another process): the relay then sends it
    after that one, so a chat's messages never overtake each other.
    """
    if not items:
        return []
    lease = now + DELIVERY_LEASE if leased else None
    rows = _rows(items, now, leased=leased, owner=owner, asks=asks)
    if hot_path is not None and len(rows) <= _ROW_BY_ROW:
        made = [hot_path.enqueue(connection, row) for row in rows]
    else:
        if leased and any(_waiting(connection, p, c, now, owner)
                          for p, c in {(platform, chat) for _, platform, chat, _ in items}):
            for row in rows:  # rare (a turn of many messages): one chat, all behind
                row["lease_until"] = None
        made = [(i, rows[0]["lease_until"] is not None)
                for i in connection.execute(_OUTBOX, rows).scalars().all()]
    return _queued(made, items, lease)


def _rows(items: list[Destination], now: datetime, *, leased: bool, owner: str, asks: bool
          ) -> list[dict[str, Any]]:
    """The outbox columns of each message (``asks``: the last one shows the question)."""
    lease = now + DELIVERY_LEASE if leased else None
    rows = []
    for index, (user_id, platform, chat, message) in enumerate(items):
        payload, image = message_to_json(message)
        rows.append({
            "user_id": user_id, "platform": platform, "chat": chat, "payload": payload,
            "image": image, "created_at": now, "due_at": now, "lease_until": lease,
            "lease_owner": owner if leased else None, "attempts": 0, "last_error": "",
            "urgent": message.alert is not None, "asks": asks and index == len(items) - 1,
            "progress": 0,
        })
    return rows


def _queued(made: list[tuple[int, bool]], items: list[Destination], lease: datetime | None
            ) -> list[Queued]:
    return [Queued(i, user_id, platform, chat, message, lease if got_lease else None,
                   message.alert is not None)
            for (i, got_lease), (user_id, platform, chat, message) in zip(made, items, strict=True)]


def _waiting(connection: Connection, platform: str, chat: str, now: datetime,
             owner: str) -> bool:
    """Whether a row of this chat is pending and not in flight from ``owner``."""
    return connection.execute(
        select(outbox.c.id).where(
            outbox.c.platform == platform, outbox.c.chat == chat,
            outbox.c.sent_at.is_(None), outbox.c.failed_at.is_(None),
            or_(outbox.c.lease_until.is_(None), outbox.c.lease_until < now,
                outbox.c.lease_owner.is_(None), outbox.c.lease_owner != owner),
        ).limit(1)
    ).first() is not None


def _unseen(connection: Connection, platform: str, chat: str, now: datetime) -> bool:
    """Whether the last row that showed a question is known not to have arrived."""
    row = connection.execute(
        select(outbox.c.sent_at, outbox.c.failed_at, outbox.c.attempts, outbox.c.lease_until,
               outbox.c.progress)
        .where(outbox.c.platform == platform, outbox.c.chat == chat, outbox.c.asks)
        .order_by(outbox.c.id.desc()).limit(1)
    ).first()
    if row is None or row.sent_at is not None or row.progress:
        return False
    return bool(row.failed_at is not None or row.attempts or row.lease_until is None
                or row.lease_until < now)


def mark_sent(db: Database, outbox_ids: list[int], now: datetime) -> None:
    """Delivered: these rows will never be sent again.

    A delivered goodbye to someone just erased (:data:`ERASED_RECIPIENT`) is
    deleted instead: nothing of theirs stays.
    """
    if not outbox_ids:
        return
    with db.transaction() as connection:
        connection.execute(
            update(outbox).where(outbox.c.id.in_(outbox_ids)).values(sent_at=now, lease_until=None)
        )
        connection.execute(_FORGET_SENT, {"ids": list(outbox_ids), "erased": ERASED_RECIPIENT})


def stored_chat(db: Database, platform: str, user: str) -> str | None:
    """Where a platform user last talked to the bot, or ``None`` for someone never met."""
    with db.engine.connect() as connection:
        value = connection.execute(
            select(identities.c.chat)
            .where(identities.c.platform == platform, identities.c.platform_user == user)
        ).scalar_one_or_none()
    return str(value) if value is not None else None


def stored_context(db: Database, platform: str, user: str) -> str | None:
    """The saved context JSON of a platform user, or ``None`` for someone never met (read-only)."""
    with db.engine.connect() as connection:
        value = connection.execute(
            select(conversations.c.context)
            .join(identities, identities.c.user_id == conversations.c.user_id)
            .where(identities.c.platform == platform, identities.c.platform_user == user)
        ).scalar_one_or_none()
    return str(value) if value is not None else None


def stored_conversation(db: Database, platform: str, user: str) -> tuple[str, str, str] | None:
    """Flow, state and context JSON of a platform user, or ``None`` for someone never met.

    Read-only: nothing is claimed, created or locked.
    """
    with db.engine.connect() as connection:
        row = connection.execute(
            select(conversations.c.flow, conversations.c.state, conversations.c.context)
            .join(identities, identities.c.user_id == conversations.c.user_id)
            .where(identities.c.platform == platform, identities.c.platform_user == user)
        ).one_or_none()
    return (str(row.flow), str(row.state), str(row.context)) if row is not None else None
