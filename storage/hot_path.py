"""The statements every turn runs, as SQL text handed straight to the database driver.

A turn is a handful of tiny statements; through SQLAlchemy's execution
machinery each costs several times what the database spends on it
(profiled: about 40 µs of Python around 5-10 µs of SQLite). These few
therefore skip it. They run on the same connection and inside the same
transaction as everything else, and convert values exactly as the column
types do (UTC datetimes stored naive on SQLite in SQLAlchemy's format,
encrypted text through :mod:`storage.crypto`). Everything else in the
project uses SQLAlchemy Core.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from storage.crypto import cipher


class HotPath:
    """Driver-level SQL for one dialect (SQLite or PostgreSQL)."""

    def __init__(self, dialect: str) -> None:
        if dialect not in ("sqlite", "postgresql"):
            raise ValueError(f"no hot path for {dialect}")
        self.sqlite = dialect == "sqlite"
        mark = "?" if self.sqlite else "%s"

        def marks(count: int) -> str:
            return ", ".join([mark] * count)

        self.claim_sql = (
            # Only placeholder marks are put into these strings, never data: noqa S608.
            f"INSERT INTO processed_events (platform, event_id, at) VALUES ({marks(3)}) "  # noqa: S608
            "ON CONFLICT DO NOTHING RETURNING event_id"
        )
        # The last row that showed the conversation's question, and whether it is known
        # not to have reached the person (given up, deferred, or left to the relay).
        self.load_sql = (
            "SELECT i.user_id, i.chat, c.flow, c.state, c.context, c.version, u.active, "  # noqa: S608
            "(SELECT CASE WHEN o.sent_at IS NULL AND o.progress = 0 AND (o.failed_at IS NOT NULL "
            f"OR o.attempts > 0 OR o.lease_until IS NULL OR o.lease_until < {mark}) THEN 1 "
            "ELSE 0 END FROM outbox AS o WHERE o.platform = i.platform AND o.chat = i.chat "
            "AND o.asks ORDER BY o.id DESC LIMIT 1) "
            "FROM identities AS i JOIN conversations AS c ON c.user_id = i.user_id "
            "JOIN users AS u ON u.id = i.user_id "
            f"WHERE i.platform = {mark} AND i.platform_user = {mark}"
            + ("" if self.sqlite else " FOR UPDATE OF c")
        )
        self.save_sql = (
            f"UPDATE conversations SET flow = {mark}, state = {mark}, context = {mark}, "  # noqa: S608
            f"version = {mark}, updated_at = {mark} WHERE user_id = {mark} AND version = {mark}"
        )
        # Leased to this process only when nothing of the chat is pending elsewhere: a
        # row that waits (deferred, left to the relay, held by another process) keeps
        # the new one behind it, and the relay sends them in order.
        lease = mark if self.sqlite else f"CAST({mark} AS TIMESTAMPTZ)"
        self.outbox_sql = (
            "INSERT INTO outbox (user_id, platform, chat, payload, image, created_at, due_at, "  # noqa: S608
            "lease_until, lease_owner, attempts, last_error, urgent, asks, progress) "
            f"SELECT {marks(7)}, CASE WHEN EXISTS (SELECT 1 FROM outbox AS o "
            f"WHERE o.platform = {mark} AND o.chat = {mark} AND o.sent_at IS NULL "
            f"AND o.failed_at IS NULL AND (o.lease_until IS NULL OR o.lease_until < {mark} "
            f"OR o.lease_owner IS NULL OR o.lease_owner <> {mark})) THEN NULL ELSE {lease} END, "
            f"{marks(3)}, {marks(2)}, 0 RETURNING id, lease_until"
        )

    def _when(self, value: datetime | None) -> Any:
        if value is None:
            return None
        value = value.astimezone(UTC)
        if not self.sqlite:
            return value
        # SQLAlchemy's SQLite DateTime storage format, "2026-03-02 07:00:00.000000".
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")

    @staticmethod
    def _cursor(connection: Connection) -> Any:
        return connection.connection.driver_connection.cursor()  # type: ignore[union-attr]

    def claim(self, connection: Connection, platform: str, event_id: str, at: datetime
              ) -> bool:
        """Record an event id; ``False`` when it was there already."""
        cursor = self._cursor(connection)
        cursor.execute(self.claim_sql, (platform, event_id, self._when(at)))
        return cursor.fetchone() is not None

    def load(self, connection: Connection, platform: str, user: str, now: datetime
             ) -> tuple[int, str, str, str, str, int, bool, bool] | None:
        """(user id, chat, flow, state, context, version, active, unseen), or ``None``.

        ``unseen``: the question the conversation waits on is known not to have
        reached the person (see :class:`storage.turns.Loaded`).
        """
        cursor = self._cursor(connection)
        cursor.execute(self.load_sql, (self._when(now), platform, user))
        row = cursor.fetchone()
        if row is None:
            return None
        user_id, chat, flow, state, context, version, active, unseen = row
        return (user_id, chat, flow, state, cipher.open(context), version, bool(active),
                bool(unseen))

    def save(self, connection: Connection, user_id: int, version: int, *, flow: str, state: str,
             context: str, now: datetime) -> int:
        """Write the new state if the version still matches; the number of rows written."""
        cursor = self._cursor(connection)
        cursor.execute(self.save_sql, (flow, state, cipher.seal(context), version + 1,
                                       self._when(now), user_id, version))
        return int(cursor.rowcount)

    def enqueue(self, connection: Connection, row: dict[str, Any]) -> tuple[int, bool]:
        """One outbox row (the columns of :func:`storage.turns.enqueue_many`).

        Returns its id and whether it is leased to ``row["lease_owner"]``: a row
        asked for with a lease gets none while an earlier one of its chat waits.
        """
        cursor = self._cursor(connection)
        now = self._when(row["created_at"])
        cursor.execute(self.outbox_sql, (
            row["user_id"], row["platform"], row["chat"], cipher.seal(row["payload"]),
            row["image"], now, self._when(row["due_at"]),
            row["platform"], row["chat"], now, row["lease_owner"],
            self._when(row["lease_until"]),
            row["lease_owner"], row["attempts"], row["last_error"],
            row["urgent"], row["asks"], ))
        outbox_id, lease = cursor.fetchone()
        return int(outbox_id), lease is not None
