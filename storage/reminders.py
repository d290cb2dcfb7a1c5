"""Claiming due reminders with the database's own locking.

The database is the coordinator: any number of dispatcher processes run
:func:`claim_due`; each row is handed to one of them (``FOR UPDATE SKIP
LOCKED`` on PostgreSQL, the single writer on SQLite) and every effect of a
reminder is guarded by the unique (person, local date, slot) delivery key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, and_, or_, select, update

from storage.database import Database
from storage.models import ReminderDelivery
from storage.turns import reminders

deliveries = ReminderDelivery.__table__  # type: ignore[attr-defined]

#: A claimed row nobody finished (the process died) is claimable again after this.
CLAIM_LEASE = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A claimed reminder row."""

    user_id: int
    platform: str
    chat: str
    schedule: str
    due_at: datetime
    slot: str
    served_on: date | None
    since: date | None
    last_checkin: date | None
    held: bool
    nudged_for: date | None


def claim_due(db: Database, connection: Connection, now: datetime, limit: int
              ) -> list[DueReminder]:
    """Lease up to ``limit`` due rows to this transaction, oldest first."""
    candidates = (
        select(reminders.c.user_id)
        .where(
            reminders.c.next_due_at <= now,
            or_(reminders.c.lease_until.is_(None), reminders.c.lease_until < now),
        )
        .order_by(reminders.c.next_due_at)
        .limit(limit)
    )
    if not db.sqlite:
        candidates = candidates.with_for_update(skip_locked=True)
    statement = (
        update(reminders)
        .where(reminders.c.user_id.in_(candidates.scalar_subquery()))
        .values(lease_until=now + CLAIM_LEASE)
        .returning(
            reminders.c.user_id, reminders.c.platform, reminders.c.chat, reminders.c.schedule,
            reminders.c.next_due_at, reminders.c.next_kind, reminders.c.served_on,
            reminders.c.since, reminders.c.last_checkin, reminders.c.held, reminders.c.nudged_for,
        )
    )
    rows = connection.execute(statement).all()
    return sorted((DueReminder(*row) for row in rows), key=lambda r: r.due_at)


def mark_delivered(db: Database, connection: Connection, user_id: int, local_date: date,
                   slot: str, kind: str, now: datetime) -> bool:
    """Take the exactly-once key; ``False`` if this reminder already had its effect."""
    statement = db.insert_ignoring_duplicates(deliveries).values(
        user_id=user_id, local_date=local_date, slot=slot, kind=kind, at=now
    ).returning(deliveries.c.user_id)
    return connection.execute(statement).first() is not None


def reschedule(connection: Connection, claimed: DueReminder, *, next_due: datetime | None,
               next_kind: str, served_on: date | None, nudged_for: date | None) -> None:
    """Release the row with its next due instant.

    Guarded by the schedule text: if the person changed their settings
    while the row was claimed, the engine already stored a fresher next due.
    """
    connection.execute(
        update(reminders)
        .where(and_(reminders.c.user_id == claimed.user_id,
                    reminders.c.schedule == claimed.schedule))
        .values(next_due_at=next_due, next_kind=next_kind, served_on=served_on,
                nudged_for=nudged_for, lease_until=None)
    )
    connection.execute(
        update(reminders)
        .where(and_(reminders.c.user_id == claimed.user_id,
                    reminders.c.schedule != claimed.schedule))
        .values(lease_until=None, served_on=served_on, nudged_for=nudged_for)
    )
