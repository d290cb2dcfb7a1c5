"""The outbox after commit: claiming unsent rows, marking them sent or failed.

Rows are created in the turn's transaction (:meth:`storage.turns.Turn.enqueue`)
with a short lease for the process that made them. Whatever that process
does not deliver in time (it crashed, the platform was down) is claimed
here by any relay, so every message goes out at least once.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update

from storage.codec import message_from_json
from storage.database import Database
from storage.tables import outbox, reminders, users
from storage.turns import Queued

RELAY_LEASE = timedelta(seconds=60)


def claim_unsent(db: Database, now: datetime, limit: int = 200,
                 platforms: Collection[str] | None = None) -> list[Queued]:
    """Lease up to ``limit`` due, unsent rows nobody else holds, oldest first.

    ``platforms`` restricts the claim to rows this process can send, so a
    relay never leases (and so delays) another platform's messages.
    """
    lease = now + RELAY_LEASE
    with db.transaction() as connection:
        candidates = (
            select(outbox.c.id)
            .where(
                outbox.c.sent_at.is_(None),
                outbox.c.failed_at.is_(None),
                outbox.c.due_at <= now,
                or_(outbox.c.lease_until.is_(None), outbox.c.lease_until < now),
                *([outbox.c.platform.in_(platforms)] if platforms is not None else []),
            )
            .order_by(outbox.c.due_at, outbox.c.id)  # the pending index's order
            .limit(limit)
        )
        if not db.sqlite:
            candidates = candidates.with_for_update(skip_locked=True)
        rows = connection.execute(
            update(outbox)
            .where(outbox.c.id.in_(candidates.scalar_subquery()))
            .values(lease_until=lease)
            .returning(outbox.c.id, outbox.c.user_id, outbox.c.platform, outbox.c.chat,
                       outbox.c.payload, outbox.c.image, outbox.c.due_at)
        ).all()
    rows = sorted(rows, key=lambda r: (r.due_at, r.id))
    queued = [Queued(r.id, r.user_id, r.platform, r.chat, message_from_json(r.payload, r.image),
                     lease) for r in rows]
    return queued


def renew_lease(db: Database, outbox_id: int, held: datetime, renewed: datetime) -> bool:
    """Extend a lease this process still holds; ``False`` if someone else took the row."""
    with db.transaction() as connection:
        return connection.execute(
            update(outbox)
            .where(outbox.c.id == outbox_id, outbox.c.lease_until == held,
                   outbox.c.sent_at.is_(None))
            .values(lease_until=renewed)
        ).rowcount == 1


def mark_failed(db: Database, outbox_id: int, now: datetime, error: str) -> None:
    """Give up on one message for good (the platform refused it permanently)."""
    with db.transaction() as connection:
        connection.execute(
            update(outbox).where(outbox.c.id == outbox_id)
            .values(failed_at=now, lease_until=None, last_error=error[:255],
                    attempts=outbox.c.attempts + 1)
        )


def retry_later(db: Database, outbox_id: int, due_at: datetime, error: str) -> None:
    """Leave a message for a later attempt (released, due again at ``due_at``)."""
    with db.transaction() as connection:
        connection.execute(
            update(outbox).where(outbox.c.id == outbox_id)
            .values(due_at=due_at, lease_until=None, last_error=error[:255],
                    attempts=outbox.c.attempts + 1)
        )


def attempts_of(db: Database, outbox_id: int) -> int:
    """How many failed attempts a message has had."""
    with db.engine.connect() as connection:
        value = connection.execute(
            select(outbox.c.attempts).where(outbox.c.id == outbox_id)
        ).scalar_one_or_none()
    return int(value or 0)


def deactivate_chat(db: Database, platform: str, chat: str, user_id: int | None,
                    now: datetime) -> None:
    """The person blocked the bot: inactive, no reminders, nothing more queued for them."""
    with db.transaction() as connection:
        if user_id is not None:
            connection.execute(update(users).where(users.c.id == user_id).values(active=False))
            connection.execute(
                update(reminders).where(reminders.c.user_id == user_id).values(next_due_at=None)
            )
        connection.execute(
            update(outbox)
            .where(and_(outbox.c.platform == platform, outbox.c.chat == chat,
                        outbox.c.sent_at.is_(None), outbox.c.failed_at.is_(None)))
            .values(failed_at=now, lease_until=None, last_error="blocked by the person")
        )


def pending_count(db: Database) -> int:
    """Messages not yet delivered nor given up on (for health checks and metrics)."""
    with db.engine.connect() as connection:
        return int(connection.execute(
            select(func.count()).select_from(outbox)
            .where(outbox.c.sent_at.is_(None), outbox.c.failed_at.is_(None))
        ).scalar_one())


def unsent(db: Database, platform: str, chat: str | None = None) -> list[Queued]:
    """Every row of ``platform`` (one chat, or all) not yet sent nor given up on, oldest first.

    For a single-process adapter (the terminal) that owns its platform's
    rows outright: leases are ignored, so rows a killed run left behind
    come out again on the next turn or tick.
    """
    query = (
        select(outbox.c.id, outbox.c.user_id, outbox.c.platform, outbox.c.chat,
               outbox.c.payload, outbox.c.image)
        .where(outbox.c.platform == platform, outbox.c.sent_at.is_(None),
               outbox.c.failed_at.is_(None),
               *([outbox.c.chat == chat] if chat is not None else []))
        .order_by(outbox.c.id)
    )
    with db.engine.connect() as connection:
        rows = connection.execute(query).all()
    return [Queued(r.id, r.user_id, r.platform, r.chat, message_from_json(r.payload, r.image))
            for r in rows]
