"""The statements every turn runs, as SQL text handed straight to the database driver.

A turn is a handful of tiny statements; through SQLAlchemy's execution
machinery each costs several times what the database spends on it
(profiled: about 40 µs of Python around 5-10 µs of SQLite). These few
therefore skip it. They run on the same connection and inside the same
transaction as everything else, and convert values exactly as the column
types do (UTC datetimes stored naive on SQLite in SQLAlchemy's format,
encrypted text through :mod:`storage.crypto`). Everything else in the
project uses SQLAlchemy Core.

On PostgreSQL every statement is a round trip to the server, and a turn's
time is mostly those trips (a turn was eight: a pool ping, BEGIN, claim,
load, save, two outbox rows, COMMIT). The two groups whose statements do
not need each other's answers go as one psycopg pipeline each
(:meth:`HotPath.claim_and_load`: BEGIN, claim, load;
:meth:`HotPath.save_and_enqueue`: save, the outbox rows, COMMIT), so a
usual turn is two trips. BEGIN and COMMIT are ours to send only in a
:meth:`storage.database.Database.turn` (psycopg in autocommit: its own
BEGIN would be a trip by itself). psycopg prepares the statements on the
server after a few uses (``prepare_threshold``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from storage.crypto import cipher

_BEGIN = "BEGIN"
_COMMIT = "COMMIT"
#: The words of the error a checked save fails with (see ``HotPath.checked_save_sql``).
_VERSION_MOVED = "conversation changed under this turn"


class VersionMoved(Exception):
    """A checked save found the conversation at another version; nothing was committed."""


class _Never(Exception):
    """Nothing raises it: what the SQLite side catches in place of psycopg's errors."""


class HotPath:
    """Driver-level SQL for one dialect (SQLite or PostgreSQL)."""

    def __init__(self, dialect: str) -> None:
        if dialect not in ("sqlite", "postgresql"):
            raise ValueError(f"no hot path for {dialect}")
        self.sqlite = dialect == "sqlite"
        self._bad_text: type[Exception] = _Never
        if not self.sqlite:
            # Imported here: SQLite alone never needs psycopg.
            from psycopg.errors import InvalidTextRepresentation
            self._bad_text = InvalidTextRepresentation
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
            "AND o.asks ORDER BY o.id DESC LIMIT 1) AS unseen "
            "FROM identities AS i JOIN conversations AS c ON c.user_id = i.user_id "
            "JOIN users AS u ON u.id = i.user_id "
            f"WHERE i.platform = {mark} AND i.platform_user = {mark}"
            + ("" if self.sqlite else " FOR UPDATE OF c")
        )
        # Both in one statement (PostgreSQL): whether the event id was new, then the
        # conversation's row, or NULLs for someone never met.
        self.claim_load_sql = (
            f"WITH claim AS ({self.claim_sql}) "  # noqa: S608
            "SELECT EXISTS (SELECT 1 FROM claim), l.* FROM (SELECT 1) AS one "
            f"LEFT JOIN LATERAL ({self.load_sql}) AS l ON true"
        )
        self.save_sql = (
            f"UPDATE conversations SET flow = {mark}, state = {mark}, context = {mark}, "  # noqa: S608
            f"version = {mark}, updated_at = {mark} WHERE user_id = {mark} AND version = {mark}"
        )
        # The save that fails, instead of writing nothing, when the version moved:
        # the COMMIT that follows it in one pipeline must not commit such a turn.
        # The text cast to a number is the error (PostgreSQL has no raise outside
        # PL/pgSQL); it depends on the count, so it is never folded at planning.
        self.checked_save_sql = (
            f"WITH saved AS ({self.save_sql} RETURNING 1) "  # noqa: S608
            f"SELECT CAST(CASE count(*) WHEN 1 THEN '1' ELSE '{_VERSION_MOVED}: ' "
            "|| count(*) END AS INTEGER) FROM saved"
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
        return self._opened(cursor.fetchone())

    @staticmethod
    def _opened(row: Any) -> tuple[int, str, str, str, str, int, bool, bool] | None:
        if row is None:
            return None
        user_id, chat, flow, state, context, version, active, unseen = row
        return (user_id, chat, flow, state, cipher.open(context), version, bool(active),
                bool(unseen))

    def save(self, connection: Connection, user_id: int, version: int, *, flow: str, state: str,
             context: str, now: datetime) -> int:
        """Write the new state if the version still matches; the number of rows written."""
        cursor = self._cursor(connection)
        cursor.execute(self.save_sql, self._save_values(user_id, version, flow, state, context,
                                                        now))
        return int(cursor.rowcount)

    def _save_values(self, user_id: int, version: int, flow: str, state: str, context: str,
                     now: datetime) -> tuple[Any, ...]:
        return (flow, state, cipher.seal(context), version + 1, self._when(now), user_id,
                version)

    def claim_and_load(self, connection: Connection, platform: str, event_id: str, user: str,
                       now: datetime
                       ) -> tuple[bool, tuple[int, str, str, str, str, int, bool, bool] | None]:
        """:meth:`claim` and :meth:`load` in one statement and one round trip on PostgreSQL.

        The load runs even for a duplicate (its answer is then not used);
        that costs less than a second trip. In a
        :meth:`storage.database.Database.turn` the BEGIN goes in the same trip.
        """
        if self.sqlite:
            if not self.claim(connection, platform, event_id, now):
                return False, None
            return True, self.load(connection, platform, user, now)
        driver = connection.connection.driver_connection
        with driver.pipeline():  # type: ignore[union-attr]
            if driver.autocommit:  # type: ignore[union-attr]
                # Database.turn: the transaction is ours to open, in this same trip.
                driver.cursor().execute(_BEGIN, prepare=False)  # type: ignore[union-attr]
            cursor = driver.cursor()  # type: ignore[union-attr]
            when = self._when(now)
            cursor.execute(self.claim_load_sql, (platform, event_id, when, when, platform, user))
        claimed, *row = cursor.fetchone()
        if not claimed:
            return False, None
        return True, self._opened(row if row[0] is not None else None)

    def save_and_enqueue(self, connection: Connection, user_id: int, version: int, *,
                         flow: str, state: str, context: str, now: datetime,
                         rows: list[dict[str, Any]], commit: bool = False
                         ) -> tuple[int, list[tuple[int, bool]]]:
        """:meth:`save`, then :meth:`enqueue` for each row: one round trip on PostgreSQL.

        Returns the rows written by the save (0: the version moved; the caller
        rolls back) and each outbox row's (id, leased).

        ``commit``: these are the turn's last statements; in a
        :meth:`storage.database.Database.turn` on PostgreSQL the COMMIT goes in
        the same trip. The save then checks its own version and fails the
        statement when it wrote nothing, so the COMMIT is never reached with
        a stale state (raises :class:`VersionMoved`: nothing was committed,
        and the caller's rollback ends the transaction).
        """
        if self.sqlite:
            written = self.save(connection, user_id, version, flow=flow, state=state,
                                context=context, now=now)
            return written, [self.enqueue(connection, row) for row in rows]
        driver = connection.connection.driver_connection
        commit = commit and driver.autocommit  # type: ignore[union-attr]
        values = self._save_values(user_id, version, flow, state, context, now)
        try:
            with driver.pipeline():  # type: ignore[union-attr]
                save = driver.cursor()  # type: ignore[union-attr]
                save.execute(self.checked_save_sql if commit else self.save_sql, values)
                inserts = []
                for row in rows:
                    insert = driver.cursor()  # type: ignore[union-attr]
                    insert.execute(self.outbox_sql, self._outbox_values(row))
                    inserts.append(insert)
                if commit:
                    driver.cursor().execute(_COMMIT, prepare=False)  # type: ignore[union-attr]
        except self._bad_text as error:
            if _VERSION_MOVED not in str(error):
                raise
            raise VersionMoved(_VERSION_MOVED) from error
        made = []
        for insert in inserts:
            outbox_id, lease = insert.fetchone()
            made.append((int(outbox_id), lease is not None))
        return 1 if commit else int(save.rowcount), made

    def enqueue(self, connection: Connection, row: dict[str, Any]) -> tuple[int, bool]:
        """One outbox row (the columns of :func:`storage.turns.enqueue_many`).

        Returns its id and whether it is leased to ``row["lease_owner"]``: a row
        asked for with a lease gets none while an earlier one of its chat waits.
        """
        cursor = self._cursor(connection)
        cursor.execute(self.outbox_sql, self._outbox_values(row))
        outbox_id, lease = cursor.fetchone()
        return int(outbox_id), lease is not None

    def _outbox_values(self, row: dict[str, Any]) -> tuple[Any, ...]:
        now = self._when(row["created_at"])
        return (row["user_id"], row["platform"], row["chat"], cipher.seal(row["payload"]),
                row["image"], now, self._when(row["due_at"]),
                row["platform"], row["chat"], now, row["lease_owner"],
                self._when(row["lease_until"]),
                row["lease_owner"], row["attempts"], row["last_error"],
                row["urgent"], row["asks"])
