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
        self.load_sql = (
            "SELECT i.user_id, i.chat, c.flow, c.state, c.context, c.version, u.active "  # noqa: S608
            "FROM identities AS i JOIN conversations AS c ON c.user_id = i.user_id "
            "JOIN users AS u ON u.id = i.user_id "
            f"WHERE i.platform = {mark} AND i.platform_user = {mark}"
            + ("" if self.sqlite else " FOR UPDATE OF c")
        )
        self.save_sql = (
            f"UPDATE conversations SET flow = {mark}, state = {mark}, context = {mark}, "  # noqa: S608
            f"version = {mark}, updated_at = {mark} WHERE user_id = {mark} AND version = {mark}"
        )
        self.outbox_sql = (
            "INSERT INTO outbox (user_id, platform, chat, payload, image, created_at, due_at, "  # noqa: S608
            f"lease_until, attempts, last_error) VALUES ({marks(10)}) RETURNING id"
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

    def load(self, connection: Connection, platform: str, user: str
             ) -> tuple[int, str, str, str, str, int, bool] | None:
        """(user id, chat, flow, state, context, version, active), or ``None``."""
        cursor = self._cursor(connection)
        cursor.execute(self.load_sql, (platform, user))
        row = cursor.fetchone()
        if row is None:
            return None
        user_id, chat, flow, state, context, version, active = row
        return user_id, chat, flow, state, cipher.open(context), version, bool(active)

    def save(self, connection: Connection, user_id: int, version: int, *, flow: str, state: str,
             context: str, now: datetime) -> int:
        """Write the new state if the version still matches; the number of rows written."""
        cursor = self._cursor(connection)
        cursor.execute(self.save_sql, (flow, state, cipher.seal(context), version + 1,
                                       self._when(now), user_id, version))
        return int(cursor.rowcount)

    def enqueue(self, connection: Connection, row: dict[str, Any]) -> int:
        """One outbox row (the columns of :func:`storage.turns.enqueue_many`); its id."""
        cursor = self._cursor(connection)
        cursor.execute(self.outbox_sql, (
            row["user_id"], row["platform"], row["chat"], cipher.seal(row["payload"]),
            row["image"], self._when(row["created_at"]), self._when(row["due_at"]),
            self._when(row["lease_until"]), row["attempts"], row["last_error"],
        ))
        return int(cursor.fetchone()[0])
