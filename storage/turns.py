"""The statements of one conversation turn, inside one transaction.

Plain SQLAlchemy Core on the hot path: a turn is a handful of indexed
statements (claim the event id, load the conversation, save it with a
version check, add records and outbox rows), whatever the history size.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, and_, insert, select, update

from bot.messages import OutgoingMessage
from flows.records import (
    ClinicJoined,
    ClinicSharingChanged,
    ConsentChanged,
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
from storage.models import (
    AuditEntry,
    ConversationRow,
    ExerciseSession,
    Identity,
    OutboxMessage,
    ProcessedEvent,
    Reminder,
    ReviewResult,
    SafetyEvent,
    ScreeningAnswer,
    User,
)

users = User.__table__  # type: ignore[attr-defined]
identities = Identity.__table__  # type: ignore[attr-defined]
conversations = ConversationRow.__table__  # type: ignore[attr-defined]
processed = ProcessedEvent.__table__  # type: ignore[attr-defined]
outbox = OutboxMessage.__table__  # type: ignore[attr-defined]
screening_answers = ScreeningAnswer.__table__  # type: ignore[attr-defined]
safety_events = SafetyEvent.__table__  # type: ignore[attr-defined]
sessions = ExerciseSession.__table__  # type: ignore[attr-defined]
reviews = ReviewResult.__table__  # type: ignore[attr-defined]
audit = AuditEntry.__table__  # type: ignore[attr-defined]
reminders = Reminder.__table__  # type: ignore[attr-defined]

#: How long the process that committed a turn owns delivery of its messages
#: before the outbox relay may take them over.
DELIVERY_LEASE = timedelta(seconds=30)


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


@dataclass(frozen=True, slots=True)
class Queued:
    """An outbox row, ready to hand to the adapter."""

    outbox_id: int
    user_id: int | None
    platform: str
    chat: str
    message: OutgoingMessage


class Turn:
    """Statements of one turn, on one connection inside one transaction."""

    def __init__(self, db: Database, connection: Connection) -> None:
        self.db = db
        self.connection = connection

    def claim_event(self, platform: str, event_id: str, now: datetime) -> bool:
        """Record the event id; ``False`` if it was processed before."""
        statement = self.db.insert_ignoring_duplicates(processed).values(
            platform=platform, event_id=event_id, at=now
        ).returning(processed.c.event_id)
        return self.connection.execute(statement).first() is not None

    def load(self, platform: str, user: str, chat: str, now: datetime, *, flow: str,
             state: str) -> Loaded:
        """The person's conversation, created (at ``flow``/``state``) on first contact.

        On PostgreSQL the row is locked until commit, so turns for one person
        are processed one after another across processes.
        """
        query = (
            select(
                identities.c.user_id, identities.c.chat, conversations.c.flow,
                conversations.c.state, conversations.c.context, conversations.c.version,
                users.c.active,
            )
            .join(conversations, conversations.c.user_id == identities.c.user_id)
            .join(users, users.c.id == identities.c.user_id)
            .where(identities.c.platform == platform, identities.c.platform_user == user)
        )
        if not self.db.sqlite:
            query = query.with_for_update(of=conversations)
        row = self.connection.execute(query).first()
        if row is None:
            return self._create(platform, user, chat, now, flow=flow, state=state)
        loaded = Loaded(*row)
        if not loaded.active:
            # They wrote to us again after blocking the bot: they are back.
            self.connection.execute(
                update(users).where(users.c.id == loaded.user_id).values(active=True)
            )
        if loaded.chat != chat and chat:
            self.connection.execute(
                update(identities)
                .where(identities.c.platform == platform, identities.c.platform_user == user)
                .values(chat=chat)
            )
        return loaded

    def _create(self, platform: str, user: str, chat: str, now: datetime, *, flow: str,
                state: str) -> Loaded:
        user_id = self.connection.execute(
            insert(users).values(created_at=now, active=True).returning(users.c.id)
        ).scalar_one()
        created = self.connection.execute(
            self.db.insert_ignoring_duplicates(identities).values(
                user_id=user_id, platform=platform, platform_user=user, chat=chat
            ).returning(identities.c.id)
        ).first()
        if created is None:
            raise RetryTurn("another turn created this person first")
        self.connection.execute(
            insert(conversations).values(
                user_id=user_id, flow=flow, state=state, context="{}", version=0, updated_at=now
            )
        )
        return Loaded(user_id, chat, flow, state, "{}", 0)

    def save(self, loaded: Loaded, *, flow: str, state: str, context: str, now: datetime) -> None:
        """Write the new state if nobody else did since :meth:`load`."""
        result = self.connection.execute(
            update(conversations)
            .where(and_(conversations.c.user_id == loaded.user_id,
                        conversations.c.version == loaded.version))
            .values(flow=flow, state=state, context=context, version=loaded.version + 1,
                    updated_at=now)
        )
        if result.rowcount != 1:
            raise RetryTurn("the conversation changed under this turn")

    def add_records(self, user_id: int, records: list[Record]) -> None:
        """Append the turn's facts to the history tables."""
        for record in records:
            self._add(user_id, record)

    def _add(self, user_id: int, record: Record) -> None:
        execute = self.connection.execute
        match record:
            case ScreeningAnswered(at=at, question=question, answer=answer):
                execute(insert(screening_answers).values(
                    user_id=user_id, at=at, question=question, answer=answer))
            case SafetyRaised(at=at, level=level, source=source):
                execute(insert(safety_events).values(
                    user_id=user_id, at=at, level=level.value, kind="raised", source=source))
                execute(insert(audit).values(
                    user_id=user_id, at=at, kind="alert_raised", detail=level.value))
            case SafetyCleared(at=at, level=level):
                execute(insert(safety_events).values(
                    user_id=user_id, at=at, level=level.value, kind="cleared", source="person"))
                execute(insert(audit).values(
                    user_id=user_id, at=at, kind="alert_cleared", detail=level.value))
            case ConsentChanged(at=at, given=given):
                execute(insert(audit).values(
                    user_id=user_id, at=at,
                    kind="consent_given" if given else "consent_withdrawn", detail="health_data"))
            case SessionFinished():
                execute(insert(sessions).values(
                    user_id=user_id, at=record.at, started_at=record.started_at,
                    local_date=record.local_date, day=record.day,
                    pain_before=record.pain_before, pain_after=record.pain_after,
                    flare=record.flare, floss=record.floss,
                    outcomes=json.dumps(dict(record.outcomes)), status=record.status))
            case ReviewDone(at=at, result=result, baseline=baseline,
                            recent_average=recent_average):
                execute(insert(reviews).values(
                    user_id=user_id, at=at, result=result, baseline=baseline,
                    recent_average=recent_average))
            case ClinicJoined(at=at, clinic_id=clinic_id):
                clinics.join(self.connection, self.db, clinic_id, user_id, at)
            case ClinicSharingChanged(at=at, clinic_id=clinic_id, given=given):
                clinics.set_sharing(self.connection, self.db, clinic_id, user_id, given, at)
                execute(insert(audit).values(
                    user_id=user_id, at=at,
                    kind="sharing_given" if given else "sharing_withdrawn",
                    detail=f"clinic {clinic_id}"))

    def enqueue(self, user_id: int | None, platform: str, chat: str,
                messages: list[OutgoingMessage], now: datetime, *, leased: bool = True
                ) -> list[Queued]:
        """Add messages to the outbox; leased rows belong to this process for a while."""
        if not messages:
            return []
        rows = []
        for message in messages:
            payload, image = message_to_json(message)
            rows.append({
                "user_id": user_id, "platform": platform, "chat": chat, "payload": payload,
                "image": image, "created_at": now, "due_at": now,
                "lease_until": now + DELIVERY_LEASE if leased else None, "attempts": 0,
                "last_error": "",
            })
        ids = self.connection.execute(
            insert(outbox).returning(outbox.c.id, sort_by_parameter_order=True), rows
        ).scalars().all()
        return [Queued(i, user_id, platform, chat, m) for i, m in zip(ids, messages, strict=True)]

    def sync_reminder(self, user_id: int, platform: str, chat: str, *, schedule: str,
                      next_due: datetime | None, next_kind: str, since: date | None,
                      last_checkin: date | None, held: bool) -> None:
        """Create or update the person's reminder row (the dispatcher's index).

        ``since`` is given when reminders were just switched on; it restarts
        the count of missed days for someone who has not checked in yet.
        """
        values: dict[str, object] = {
            "platform": platform, "chat": chat, "schedule": schedule, "next_due_at": next_due,
            "next_kind": next_kind, "last_checkin": last_checkin, "held": held,
        }
        if since is not None:
            values["since"] = since
        updated = self.connection.execute(
            update(reminders).where(reminders.c.user_id == user_id).values(**values)
        ).rowcount
        if updated == 0:
            self.connection.execute(insert(reminders).values(user_id=user_id, **values))

    def note_progress(self, user_id: int, *, last_checkin: date | None, held: bool) -> None:
        """Tell the dispatcher about check-ins and safety pauses (it skips or nudges on them)."""
        self.connection.execute(
            update(reminders).where(reminders.c.user_id == user_id)
            .values(last_checkin=last_checkin, held=held)
        )


def mark_sent(db: Database, outbox_ids: list[int], now: datetime) -> None:
    """Delivered: these rows will never be sent again."""
    if not outbox_ids:
        return
    with db.transaction() as connection:
        connection.execute(
            update(outbox).where(outbox.c.id.in_(outbox_ids)).values(sent_at=now, lease_until=None)
        )


def stored_context(db: Database, platform: str, user: str) -> str | None:
    """The saved context JSON of a platform user, or ``None`` for someone never met (read-only)."""
    with db.engine.connect() as connection:
        value = connection.execute(
            select(conversations.c.context)
            .join(identities, identities.c.user_id == conversations.c.user_id)
            .where(identities.c.platform == platform, identities.c.platform_user == user)
        ).scalar_one_or_none()
    return str(value) if value is not None else None
