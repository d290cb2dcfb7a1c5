"""The reminders table: kept in step with what people set, and claimed when due.

The database is the coordinator: any number of dispatcher processes run
:func:`claim_due`; each row is handed to one of them (``FOR UPDATE SKIP
LOCKED`` on PostgreSQL, the single writer on SQLite) and every effect of a
reminder is guarded by the unique (person, local date, slot) delivery key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, insert, or_, select, update

from flows.context import Schedule
from storage.database import Database
from storage.tables import deliveries, reminders

#: A claimed row nobody finished (the process died) is claimable again after this.
CLAIM_LEASE = timedelta(minutes=2)

_SCHEDULE_COLUMNS = ("timezone", "remind_at", "days", "paused_until", "snoozed_until",
                     "quiet_start", "quiet_end")


def schedule_values(schedule: Schedule) -> dict[str, Any]:
    """A schedule as reminder-table column values."""
    return {name: getattr(schedule, name) for name in _SCHEDULE_COLUMNS}


def sync(connection: Connection, user_id: int, platform: str, chat: str, *,
         schedule: Schedule, next_due: datetime | None, next_kind: str,
         since: date | None, last_checkin: date | None, held: bool) -> None:
    """Create or update the person's row after they changed their schedule.

    ``since`` is given when reminders were just switched on; it restarts
    the count of missed days for someone who has not checked in yet.
    """
    values: dict[str, Any] = {
        "platform": platform, "chat": chat, "next_due_at": next_due, "next_kind": next_kind,
        "last_checkin": last_checkin, "held": held, **schedule_values(schedule),
    }
    if since is not None:
        values["since"] = since
    updated = connection.execute(
        update(reminders).where(reminders.c.user_id == user_id)
        .values(revision=reminders.c.revision + 1, **values)
    ).rowcount
    if updated == 0:
        connection.execute(insert(reminders).values(user_id=user_id, revision=1, **values))


# Built once: this runs in every turn that completes a check-in or pauses for safety.
_NOTE_PROGRESS = (
    update(reminders).where(reminders.c.user_id == bindparam("b_user"))
    .values(last_checkin=bindparam("b_last"), held=bindparam("b_held"))
)


def note_progress(connection: Connection, user_id: int, *, last_checkin: date | None,
                  held: bool) -> None:
    """Tell the dispatcher about check-ins and safety pauses (it skips or nudges on them)."""
    connection.execute(_NOTE_PROGRESS,
                       {"b_user": user_id, "b_last": last_checkin, "b_held": held})


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A claimed reminder row."""

    user_id: int
    platform: str
    chat: str
    schedule: Schedule
    revision: int
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
    columns = [reminders.c[name] for name in _SCHEDULE_COLUMNS]
    statement = (
        update(reminders)
        .where(reminders.c.user_id.in_(candidates.scalar_subquery()))
        .values(lease_until=now + CLAIM_LEASE)
        .returning(
            reminders.c.user_id, reminders.c.platform, reminders.c.chat, reminders.c.revision,
            reminders.c.next_due_at, reminders.c.next_kind, reminders.c.served_on,
            reminders.c.since, reminders.c.last_checkin, reminders.c.held,
            reminders.c.nudged_for, *columns,
        )
    )
    claimed = []
    for row in connection.execute(statement).mappings():
        schedule = Schedule(**{name: row[name] for name in _SCHEDULE_COLUMNS})
        claimed.append(DueReminder(
            row["user_id"], row["platform"], row["chat"], schedule, row["revision"],
            row["next_due_at"], row["next_kind"], row["served_on"], row["since"],
            row["last_checkin"], row["held"], row["nudged_for"],
        ))
    return sorted(claimed, key=lambda r: r.due_at)


DeliveryKey = tuple[int, date, str]


def take_keys(db: Database, connection: Connection,
              keys: list[tuple[int, date, str, str]], now: datetime) -> set[DeliveryKey]:
    """Take exactly-once keys (person, local date, slot) with their outcome.

    Returns the keys this call took; a key already taken means that
    reminder already had its effect and must have no other.
    """
    if not keys:
        return set()
    statement = db.insert_ignoring_duplicates(deliveries).returning(
        deliveries.c.user_id, deliveries.c.local_date, deliveries.c.slot
    )
    rows = [{"user_id": u, "local_date": d, "slot": s, "kind": k, "at": now}
            for u, d, s, k in keys]
    return {(r.user_id, r.local_date, r.slot) for r in connection.execute(statement, rows)}


@dataclass(frozen=True, slots=True)
class Rescheduled:
    """Where a claimed row goes next."""

    claimed: DueReminder
    next_due: datetime | None
    next_kind: str
    served_on: date | None
    nudged_for: date | None


_SAME_REVISION = (
    update(reminders)
    .where(reminders.c.user_id == bindparam("b_user"),
           reminders.c.revision == bindparam("b_revision"))
    .values(next_due_at=bindparam("b_next"), next_kind=bindparam("b_kind"),
            served_on=bindparam("b_served"), nudged_for=bindparam("b_nudged"), lease_until=None)
)
_NEWER_REVISION = (
    update(reminders)
    .where(reminders.c.user_id == bindparam("b_user"),
           reminders.c.revision != bindparam("b_revision"))
    .values(served_on=bindparam("b_served"), nudged_for=bindparam("b_nudged"), lease_until=None)
)


def reschedule(connection: Connection, rows: list[Rescheduled]) -> None:
    """Release claimed rows with their next due instants.

    If a person changed their schedule while their row was claimed (a newer
    revision), the engine already stored a fresher due instant: keep it.
    """
    if not rows:
        return
    params = [{
        "b_user": r.claimed.user_id, "b_revision": r.claimed.revision, "b_next": r.next_due,
        "b_kind": r.next_kind, "b_served": r.served_on, "b_nudged": r.nudged_for,
    } for r in rows]
    connection.execute(_SAME_REVISION, params)
    connection.execute(_NEWER_REVISION, params)
