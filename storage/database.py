"""Connecting to the database and keeping its schema current.

SQLite is the embedded default: one file under the user's data directory,
WAL journal, a busy timeout, and write transactions that take the write
lock up front (``BEGIN IMMEDIATE``) so two writers queue instead of
failing with "database is locked". Any SQLAlchemy URL works through
``DATABASE_URL``; PostgreSQL is the one we test for scale.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_dir
from sqlalchemy import (
    Connection,
    Engine,
    Executable,
    Insert,
    Table,
    create_engine,
    event,
    make_url,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from storage.hot_path import HotPath

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def default_url() -> str:
    """SQLite file in the per-user data directory."""
    path = Path(user_data_dir("sciatica-bot", appauthor=False)) / "sciatica-bot.sqlite3"
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """Accept a bare file path as SQLite, and plain ``postgresql://`` as psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def create_db_engine(
    url: str,
    *,
    pool_size: int = 10,
    max_overflow: int = 10,
    sqlite_synchronous: str = "NORMAL",
) -> Engine:
    """An engine configured for this project's transaction model."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # No pool_pre_ping: it is a round trip on every checkout (one in five of a
        # turn's). A connection the server dropped fails its first statement instead;
        # Database.transaction then empties the pool and the engine runs the turn again.
        return create_engine(
            url, pool_size=pool_size, max_overflow=max_overflow, pool_timeout=30,
        )
    database = parsed.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        **({"poolclass": StaticPool} if in_memory else {}),
    )
    synchronous = sqlite_synchronous.upper()
    if synchronous not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise ValueError(f"unknown SQLite synchronous mode {sqlite_synchronous!r}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Straight to the driver: this runs once per transaction, on the hot path.
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE")

    return engine


class ConnectionLost(Exception):
    """The database server dropped the connection mid-transaction (rolled back: run it again).

    The pool is emptied first, so the next transaction opens a new connection.
    """


def _lost(connection: Connection) -> bool:
    """Whether the driver's connection under ``connection`` is closed or broken."""
    if connection.invalidated or connection.closed:
        return True
    driver = connection.connection.driver_connection
    return bool(getattr(driver, "broken", False) or getattr(driver, "closed", False))


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine talks to SQLite."""
    return engine.dialect.name == "sqlite"


def alembic_config(engine: Engine) -> Config:
    """Alembic configuration bound to ``engine`` (no ini file needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (``None`` when empty)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent)."""
    command.upgrade(alembic_config(engine), "head")


def ensure_schema(engine: Engine, *, auto_upgrade: bool) -> None:
    """Upgrade when allowed; otherwise refuse to run on an outdated schema."""
    if current_revision(engine) == head_revision(engine):
        return
    if auto_upgrade:
        upgrade(engine)
        return
    raise RuntimeError(
        "the database schema is not current; run `sciatica-bot db upgrade` first"
    )


class Database:
    """An engine plus this project's transaction rules.

    On SQLite one process writes at a time through a lock, so concurrent
    turns wait their turn in Python instead of spinning in SQLite's busy
    handler; other processes are kept in line by ``BEGIN IMMEDIATE`` and the
    busy timeout. On PostgreSQL transactions run concurrently and rely on
    row locks and version checks.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sqlite = is_sqlite(engine)
        self._lock = threading.Lock() if self.sqlite else None
        self._prepared: dict[str, Executable] = {}
        self._held: Connection | None = None
        # An in-memory database has one connection for everyone: never keep it checked out.
        self._shared_pool = isinstance(engine.pool, StaticPool)
        name = engine.dialect.name
        self.hot_path = HotPath(name) if name in ("sqlite", "postgresql") else None

    def prepared(self, name: str, build: Callable[[Database], Executable]) -> Executable:
        """A dialect-specific statement, built once per database and reused."""
        statement = self._prepared.get(name)
        if statement is None:
            statement = self._prepared[name] = build(self)
        return statement

    @classmethod
    def connect(cls, url: str, **options: Any) -> Database:
        """Create the engine for ``url``."""
        return cls(create_db_engine(url, **options))

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed on success, rolled back on any exception."""
        if self._lock is None:
            connection = self.engine.connect()
            try:
                with connection.begin():
                    yield connection
            except Exception as error:
                if self.disconnected(error) or _lost(connection):
                    if not connection.invalidated:
                        connection.invalidate()
                    # Every pooled connection is as stale as this one (a restart, a
                    # failover): open new ones from now on.
                    self.engine.pool.dispose()
                    raise ConnectionLost(type(error).__name__) from error
                raise
            finally:
                connection.close()
            return
        if self._shared_pool:
            with self._lock, self.engine.begin() as connection:
                yield connection
            return
        with self._lock:
            connection = self._writer()
            try:
                with connection.begin():
                    yield connection
            except BaseException:
                if connection.invalidated or connection.closed:
                    self._held = None
                    connection.close()
                raise

    @staticmethod
    def disconnected(error: BaseException) -> bool:
        """Whether SQLAlchemy found ``error`` to mean a lost connection."""
        return isinstance(error, DBAPIError) and bool(error.connection_invalidated)

    def _writer(self) -> Connection:
        """SQLite's one writing connection, kept open: checking one out per turn cost ~15%."""
        if self._held is None:
            self._held = self.engine.connect()
        return self._held

    def insert_ignoring_duplicates(self, table: Table) -> Insert:
        """``INSERT ... ON CONFLICT DO NOTHING`` in this database's dialect."""
        if self.sqlite:
            return sqlite_insert(table).on_conflict_do_nothing()
        if self.engine.dialect.name == "postgresql":
            return postgresql_insert(table).on_conflict_do_nothing()
        raise NotImplementedError(f"unsupported database {self.engine.dialect.name}")

    def dispose(self) -> None:
        """Close every pooled connection."""
        if self._held is not None:
            self._held.close()
            self._held = None
        self.engine.dispose()
