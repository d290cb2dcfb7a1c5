"""Bulk-create people with reminders, for benchmarks and scale tests.

Writes the rows the reminder dispatcher reads (users and reminders) in
large batches; it does not go through the conversation, which would take
hours for a million people.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from storage.database import Database
from storage.tables import (
    conversations,
    identities,
    reminders,
    screening_answers,
    sessions,
    users,
)

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


def screened_context(today: date) -> str:
    """The stored context of someone set up and screened clear, with no check-in yet."""
    from core.messages import Exercise
    from flows.context import Context, Programme, Schedule, Screening

    moment = datetime.combine(today, datetime.min.time()).replace(tzinfo=UTC)
    return Context(
        consent=True, consent_at=moment, setup_done=True,
        schedule=Schedule(timezone="Europe/Berlin", remind_at=None),
        screening=Screening(completed_at=moment, age=45, bending_worse="yes",
                            standing_worse="no"),
        programme=Programme(primary=Exercise.PRESSUP_EXTENSION),
        prompt_seq=20,
    ).model_dump_json()


def seed_people(db: Database, count: int, *, platform: str, now: datetime,
                start: int = 0) -> None:
    """Create ``count`` screened people resting at the menu, named ``person-<n>``."""
    context = screened_context(now.date())
    for first in range(start, start + count, BATCH):
        size = min(BATCH, start + count - first)
        with db.transaction() as connection:
            ids = connection.execute(
                insert(users).returning(users.c.id, sort_by_parameter_order=True),
                [{"created_at": now, "active": True} for _ in range(size)],
            ).scalars().all()
            names = [f"person-{first + i}" for i in range(size)]
            connection.execute(insert(identities), [
                {"user_id": u, "platform": platform, "platform_user": n, "chat": n}
                for u, n in zip(ids, names, strict=True)])
            connection.execute(insert(conversations), [
                {"user_id": u, "flow": "menu", "state": "idle", "context": context,
                 "version": 1, "updated_at": now} for u in ids])


def seed_history(db: Database, platform: str, user: str, days: int, now: datetime) -> None:
    """Give one person ``days`` days of check-ins and answers in the history tables."""
    with db.engine.connect() as connection:
        user_id = connection.execute(
            select(identities.c.user_id).where(identities.c.platform == platform,
                                               identities.c.platform_user == user)
        ).scalar_one()
    with db.transaction() as connection:
        connection.execute(insert(sessions), [{
            "user_id": user_id, "at": now - timedelta(days=d),
            "started_at": now - timedelta(days=d), "local_date": (now - timedelta(days=d)).date(),
            "day": days - d, "pain_before": 4, "pain_after": 3, "flare": False,
            "floss": "floss_slider", "outcomes": "{}", "status": "completed",
        } for d in range(days)])
        connection.execute(insert(screening_answers), [{
            "user_id": user_id, "at": now - timedelta(days=d), "question": "checkin_cauda_equina",
            "answer": "no"} for d in range(days)])
