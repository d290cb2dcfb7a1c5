"""Bulk-create people with reminders, for benchmarks and scale tests.

Writes the rows the reminder dispatcher reads (users and reminders) in
large batches; it does not go through the conversation, which would take
hours for a million people.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import insert, select

from storage.database import Database
from storage.tables import reminders, users

BATCH = 5000


def seed_reminders(db: Database, count: int, *, platform: str, first_due: datetime,
                   spread: timedelta = timedelta(0), remind_at: str = "09:00",
                   timezone: str = "UTC", since: date | None = None) -> list[int]:
    """Create ``count`` people whose daily reminder is due from ``first_due`` on.

    Due instants are spread evenly over ``spread``; chats are ``c<user id>``.
    Returns the new user ids.
    """
    created: list[int] = []
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        with db.transaction() as connection:
            ids = connection.execute(
                insert(users).returning(users.c.id, sort_by_parameter_order=True),
                [{"created_at": first_due, "active": True} for _ in range(size)],
            ).scalars().all()
            rows = []
            for offset, user_id in enumerate(ids):
                position = start + offset
                due = first_due + (spread * position / count if count else timedelta(0))
                rows.append({
                    "user_id": user_id, "platform": platform, "chat": f"c{user_id}",
                    "timezone": timezone, "remind_at": remind_at, "days": "1234567",
                    "revision": 1, "next_due_at": due, "next_kind": "daily",
                    "since": since or first_due.date(), "held": False,
                })
            connection.execute(insert(reminders), rows)
        created.extend(ids)
    return created


def count_reminders(db: Database) -> int:
    """How many reminder rows exist."""
    with db.engine.connect() as connection:
        return len(connection.execute(select(reminders.c.user_id)).all())
