"""The outbox after commit: claiming unsent rows, marking them sent or failed.

Rows are created in the turn's transaction (:meth:`storage.turns.Turn.enqueue`)
with a short lease for the process that made them. Whatever that process
does not deliver in time (it crashed, the platform was down) is claimed
here by any relay, so every message goes out at least once.

A chat's rows leave in ``id`` order: the relay claims, per chat, only rows
with nothing unsent before them that is not being claimed too (an earlier
row deferred, or leased to someone else, holds the later ones of that chat
and of no other). On PostgreSQL the claims of several relays take turns (a
transaction-level advisory lock), so two relays never split one chat's rows.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, and_, func, or_, select, text, update
from sqlalchemy.orm import aliased

from core.messages import OutgoingMessage
from storage.codec import message_from_json
from storage.database import Database
from storage.tables import conversations, outbox, reminders, users
from storage.turns import PROCESS_OWNER, Queued, enqueue_many

RELAY_LEASE = timedelta(seconds=60)
#: The longest a deferred row waits before its next try (seconds).
MAX_DEFER = 300.0
#: Who holds a lease taken by this process's relay (its turns' is ``PROCESS_OWNER``).
RELAY_OWNER = f"{PROCESS_OWNER}/relay"
#: Any fixed number, the same in every process: the relays' claims take turns on it.
_CLAIM_LOCK = 0x5C1A_0001


def claim_unsent(db: Database, now: datetime, limit: int = 200,
                 platforms: Collection[str] | None = None,
                 owner: str = RELAY_OWNER) -> list[Queued]:
    """Lease up to ``limit`` due rows nobody holds, each chat's in order; alerts first.

    A row is claimed only when every unsent row before it in its chat is
    claimable too (so a chat's claimed rows are the start of its queue): a
    deferred row, or one in another process's hands, holds its chat's later
    rows back. Chats whose next row is a safety alert come first.
    ``platforms`` restricts the claim to rows this process can send, so a
    relay never leases (and so delays) another platform's messages.
    """
    lease = now + RELAY_LEASE
    earlier = aliased(outbox)
    with db.transaction() as connection:
        if not db.sqlite:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CLAIM_LOCK})
        held_back = (
            select(earlier.c.id)
            .where(earlier.c.platform == outbox.c.platform, earlier.c.chat == outbox.c.chat,
                   earlier.c.id < outbox.c.id, earlier.c.sent_at.is_(None),
                   earlier.c.failed_at.is_(None),
                   or_(earlier.c.due_at > now,
                       and_(earlier.c.lease_until.is_not(None), earlier.c.lease_until >= now)))
            .exists()
        )
        candidates = connection.execute(
            select(outbox.c.id, outbox.c.platform, outbox.c.chat)
            .where(
                outbox.c.sent_at.is_(None),
                outbox.c.failed_at.is_(None),
                outbox.c.due_at <= now,
                or_(outbox.c.lease_until.is_(None), outbox.c.lease_until < now),
                ~held_back,
                *([outbox.c.platform.in_(platforms)] if platforms is not None else []),
            )
            .order_by(outbox.c.urgent.desc(), outbox.c.due_at, outbox.c.id)
            .limit(limit)
        ).all()
        chosen = _chat_prefixes(connection, candidates)
        if not chosen:
            return []
        rows = connection.execute(
            update(outbox)
            .where(outbox.c.id.in_(chosen))
            .values(lease_until=lease, lease_owner=owner)
            .returning(outbox.c.id, outbox.c.user_id, outbox.c.platform, outbox.c.chat,
                       outbox.c.payload, outbox.c.image, outbox.c.urgent, outbox.c.progress)
        ).all()
    rows = sorted(rows, key=lambda r: (not r.urgent, r.id))
    return [Queued(r.id, r.user_id, r.platform, r.chat, message_from_json(r.payload, r.image),
                   lease, bool(r.urgent), int(r.progress)) for r in rows]


def defer(db: Database, item: Queued, seconds: float | None, now: datetime, error: str,
          owner: str) -> tuple[datetime | None, set[int]]:
    """Leave a row for later; hand ``owner``'s later rows of its chat to the relay.

    ``seconds``: how long at least (doubled with every earlier deferral of the
    row, up to :data:`MAX_DEFER`); ``None`` only hands the later rows back (the
    row itself went to another process). Returns when the row is due again and
    the ids handed back: ``owner`` must not send those itself, since the relay
    sends them after this one. On PostgreSQL the person's conversation row is
    locked first, so a turn committing meanwhile is either seen here (and its
    rows handed back) or sees this row waiting (and leaves its own unleased).
    """
    with db.transaction() as connection:
        if not db.sqlite and item.user_id:
            connection.execute(select(conversations.c.user_id)
                               .where(conversations.c.user_id == item.user_id)
                               .with_for_update())
        due = None
        if seconds is not None:
            earlier = int(connection.execute(
                select(outbox.c.attempts).where(outbox.c.id == item.outbox_id)
            ).scalar_one_or_none() or 0)
            wait = max(seconds, 1.0, min(MAX_DEFER, 2.0 ** (earlier + 2)))
            due = now + timedelta(seconds=wait)
            connection.execute(
                update(outbox).where(outbox.c.id == item.outbox_id)
                .values(due_at=due, lease_until=None, last_error=error[:255],
                        attempts=outbox.c.attempts + 1)
            )
        released = connection.execute(
            update(outbox)
            .where(outbox.c.platform == item.platform, outbox.c.chat == item.chat,
                   outbox.c.id > item.outbox_id, outbox.c.lease_owner == owner,
                   outbox.c.lease_until.is_not(None), outbox.c.sent_at.is_(None),
                   outbox.c.failed_at.is_(None))
            .values(lease_until=None, last_error="waiting for an earlier one")
            .returning(outbox.c.id)
        ).scalars().all()
    return due, set(released)


def _chat_prefixes(connection: Connection, candidates: Sequence[Row[Any, Any, Any]]
                   ) -> list[int]:
    """Of ``candidates``, the rows that start their chat's queue (with the rows before them).

    The limit of a claim can take a chat's later rows and leave an earlier one
    out (it fell due later): those later rows are not claimed this time.
    """
    if not candidates:
        return []
    wanted = {row.id for row in candidates}
    chats = {(row.platform, row.chat) for row in candidates}
    pending = connection.execute(
        select(outbox.c.id, outbox.c.platform, outbox.c.chat)
        .where(outbox.c.sent_at.is_(None), outbox.c.failed_at.is_(None),
               outbox.c.chat.in_(sorted({chat for _, chat in chats})),
               outbox.c.platform.in_(sorted({platform for platform, _ in chats})))
        .order_by(outbox.c.id)
    ).all()
    chosen: list[int] = []
    stopped: set[tuple[str, str]] = set()
    for row in pending:
        key = (row.platform, row.chat)
        if key not in chats or key in stopped:
            continue
        if row.id in wanted:
            chosen.append(row.id)
        else:
            stopped.add(key)
    return chosen


def release(db: Database, outbox_ids: Collection[int], error: str) -> None:
    """Hand rows back to the relay untried (an earlier row of their chat is waiting)."""
    if not outbox_ids:
        return
    with db.transaction() as connection:
        connection.execute(
            update(outbox).where(outbox.c.id.in_(list(outbox_ids)), outbox.c.sent_at.is_(None))
            .values(lease_until=None, last_error=error[:255])
        )


def text_sent(db: Database, outbox_id: int) -> None:
    """The text of a message with an attachment went out: only the attachment is left.

    Its attempts start again from nought, so the attachment gets its own bounded count.
    """
    with db.transaction() as connection:
        connection.execute(
            update(outbox).where(outbox.c.id == outbox_id).values(progress=1, attempts=0)
        )


def give_up(db: Database, item: Queued, now: datetime, error: str,
            notice: OutgoingMessage | None = None) -> bool:
    """Stop trying a message; with ``notice``, tell the person so, once.

    The notice is queued (unleased, for the relay) in the same transaction
    that marks the row failed, and only by the call that did mark it: a
    second call for the same row queues nothing. Returns whether it marked.
    """
    with db.transaction() as connection:
        marked = connection.execute(
            update(outbox).where(outbox.c.id == item.outbox_id, outbox.c.failed_at.is_(None),
                                 outbox.c.sent_at.is_(None))
            .values(failed_at=now, lease_until=None, last_error=error[:255],
                    attempts=outbox.c.attempts + 1)
        ).rowcount == 1
        if marked and notice is not None:
            enqueue_many(connection, [(item.user_id, item.platform, item.chat, notice)], now,
                         leased=False)
    return marked


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
