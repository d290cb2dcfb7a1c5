"""Connecting to the database and keeping its schema current.

SQLite is the embedded default: one file under the user's data directory,
WAL journal, a busy timeout, and write transactions that take the write
lock up front (``BEGIN IMMEDIATE``) so two writers queue instead of
failing with "database is locked". Any SQLAlchemy URL works through
``DATABASE_URL``; PostgreSQL is the one we test for scale.

A database URL is checked before anything is opened: a mistyped one (a
missing ``//``, a scheme no one supports, a folder that does not exist)
raises :class:`DatabaseUrlError` instead of quietly becoming a new, empty
SQLite file somewhere, and a database that cannot be opened or reached
raises :class:`DatabaseUnavailable`. Both messages are one line, fit to show
a person as they are.
"""

from __future__ import annotations

import re
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
    URL,
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
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from storage import private
from storage.hot_path import HotPath

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000


#: Seconds a PostgreSQL connection attempt may take (libpq's default is to wait forever).
CONNECT_TIMEOUT_SECONDS = 10
#: What a right database URL looks like, for every message about a wrong one.
URL_EXAMPLES = ("for example postgresql://bot:password@localhost/sciatica, "
                "sqlite:////var/lib/sciatica-bot/bot.sqlite3 or a plain file path")
#: The databases the statements are written for (``Database.insert_ignoring_duplicates``).
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
#: The start of a URL: a scheme and a colon (a Windows drive letter is a path, not a scheme).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


class DatabaseUrlError(ValueError):
    """A database URL that cannot be what was meant; nothing was opened or created.

    ``problem`` completes a sentence whose subject is the setting
    (``"DATABASE_URL " + problem``); ``str()`` reads on its own.
    """

    def __init__(self, problem: str) -> None:
        super().__init__(f"the database URL {problem}")
        self.problem = problem


class DatabaseUnavailable(RuntimeError):
    """The database could not be opened or reached (the message says which, and why)."""

    def __init__(self, verb: str, where: str, reason: str) -> None:
        super().__init__(f"cannot {verb} the database {where}: {reason}")
        self.verb, self.where, self.reason = verb, where, reason

    def naming(self, setting: str) -> str:
        """The message, saying which setting named the database."""
        return f"cannot {self.verb} the database {self.where} ({setting}): {self.reason}"


def default_path() -> Path:
    """The embedded SQLite file in the per-user data directory."""
    return Path(user_data_dir("sciatica-bot", appauthor=False)) / "sciatica-bot.sqlite3"


def default_url() -> str:
    """SQLite file in the per-user data directory."""
    return f"sqlite:///{default_path()}"


def normalise_url(url: str) -> str:
    """Accept a bare file path as SQLite, and plain ``postgresql://`` as psycopg 3.

    Raises:
        DatabaseUrlError: ``url`` is empty, looks like a URL but is not one,
            or names a database this project does not run on.

    """
    if not url.strip():
        raise DatabaseUrlError(f"is empty: leave it unset for the embedded SQLite file, "
                               f"or give one, {URL_EXAMPLES}")
    if "://" not in url:
        scheme = _SCHEME.match(url)
        if scheme is not None:
            raise DatabaseUrlError(f"starts with {scheme.group(0)!r} like a URL but has no "
                                   f"'//' after the colon; {URL_EXAMPLES}")
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        raise DatabaseUrlError(f"is not a URL SQLAlchemy can read; {URL_EXAMPLES}") from None
    if backend not in SUPPORTED_BACKENDS:
        raise DatabaseUrlError(f"names a {backend} database, which Sciatica Bot does not run "
                               f"on (PostgreSQL and SQLite only); {URL_EXAMPLES}")
    return url


def shown_url(url: str) -> str:
    """``url`` as it may be logged and shown: normalised, its password replaced by ``***``."""
    try:
        return make_url(normalise_url(url)).render_as_string(hide_password=True)
    except (DatabaseUrlError, ArgumentError):
        return "(not a valid database URL)"


def _sqlite_file(parsed: URL) -> Path | None:
    """The file a SQLite URL names, once it is sure to be a file (``None``: in memory).

    The folder of the default file is made; any other folder must exist: a
    mistyped path must not become a new, empty database.
    """
    database = parsed.database or ""
    if database in ("", ":memory:"):
        return None
    path = Path(database).expanduser()
    if path.is_dir():
        raise DatabaseUrlError(f"points to {path}, which is a folder; name a file in it, "
                               f"for example {path / 'sciatica-bot.sqlite3'}")
    if not path.parent.is_dir():
        if path != default_path():
            raise DatabaseUrlError(
                f"points to a SQLite file in {path.parent}, a folder that does not exist; "
                f"create the folder first, or name a file in one that does")
        private.folder(path.parent)
    return path


def create_db_engine(
    url: str,
    *,
    pool_size: int = 10,
    max_overflow: int = 10,
    sqlite_synchronous: str = "NORMAL",
) -> Engine:
    """An engine configured for this project's transaction model (nothing is opened yet).

    Raises:
        DatabaseUrlError: ``url`` is malformed, names an unsupported database
            or a driver that is not installed, or a SQLite file in a folder
            that does not exist (see :func:`normalise_url`).

    """
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        timeout = {} if "connect_timeout" in parsed.query else {
            "connect_timeout": CONNECT_TIMEOUT_SECONDS}
        # No pool_pre_ping: it is a round trip on every checkout (one in five of a
        # turn's). A connection the server dropped fails its first statement instead;
        # Database.transaction then empties the pool and the engine runs the turn again.
        return _engine(url, pool_size=pool_size, max_overflow=max_overflow, pool_timeout=30,
                       connect_args=timeout)
    synchronous = sqlite_synchronous.upper()
    if synchronous not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise ValueError(f"unknown SQLite synchronous mode {sqlite_synchronous!r}")
    database = _sqlite_file(parsed)
    in_memory = database is None
    if database is not None:
        # Before SQLite opens it: its journal and WAL files take the database file's mode.
        private.file(database)
    engine = _engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        **({"poolclass": StaticPool} if in_memory else {}),
    )

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


#: psycopg's ``TransactionStatus.IDLE`` (not imported here: SQLite alone needs no psycopg).
_IDLE = 0


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


def _engine(url: str, **options: Any) -> Engine:
    """``create_engine``, with a missing driver said as a wrong URL."""
    try:
        return create_engine(url, **options)
    except (NoSuchModuleError, ImportError):
        driver = make_url(url).drivername
        raise DatabaseUrlError(f"asks for the driver {driver!r}, which is not installed; "
                               f"{URL_EXAMPLES}") from None


def check_reachable(engine: Engine) -> None:
    """Open one connection, so a database that cannot be used is said at start, in one line.

    Raises:
        DatabaseUnavailable: the server cannot be reached or refuses us, or
            the file cannot be opened or is not a database.

    """
    try:
        with engine.connect():
            pass
    except DBAPIError as error:
        reason = " ".join(str(error.orig).split()) or type(error.orig).__name__
        where = engine.url.render_as_string(hide_password=True)
        verb = "open" if is_sqlite(engine) else "connect to"
        raise DatabaseUnavailable(verb, where, reason) from None


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
    """Upgrade when allowed; otherwise refuse to run on an outdated schema.

    Raises:
        RuntimeError: the schema is behind and ``auto_upgrade`` is off.

    """
    current, newest = current_revision(engine), head_revision(engine)
    if current == newest:
        return
    if auto_upgrade:
        upgrade(engine)
        return
    where = "has no schema yet" if current is None else \
        f"schema is at revision {current}, this version needs {newest}"
    raise RuntimeError(f"the database {where}: run `sciatica-bot db upgrade` first "
                       "(AUTO_MIGRATE is off, as it is for PostgreSQL by default)")


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
            with self._server_transaction(pipelined=False) as connection:
                yield connection
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

    @contextmanager
    def turn(self) -> Iterator[Connection]:
        """A conversation turn's transaction: :meth:`transaction`, with BEGIN and COMMIT pipelined.

        On PostgreSQL psycopg is switched to autocommit for the turn, so it
        does not send a BEGIN of its own (in pipeline mode that BEGIN is a
        round trip by itself): the turn's first statements,
        :meth:`storage.hot_path.HotPath.claim_and_load`, open the transaction
        in their pipeline, and its last, ``save_and_enqueue(commit=True)``,
        commit it in theirs. Everything between runs inside that transaction
        as usual. Anything that raises before the COMMIT is rolled back as in
        :meth:`transaction` (psycopg sends ROLLBACK whenever the server is in
        a transaction, autocommit or not); the caller must start with
        ``claim_and_load``. On SQLite it is :meth:`transaction`.
        """
        if self._lock is None:
            with self._server_transaction(pipelined=True) as connection:
                yield connection
            return
        with self.transaction() as connection:
            yield connection

    @contextmanager
    def _server_transaction(self, *, pipelined: bool) -> Iterator[Connection]:
        """A pooled connection's transaction on a database server (PostgreSQL)."""
        connection = self.engine.connect()
        driver = connection.connection.driver_connection if pipelined else None
        try:
            if driver is not None:
                driver.autocommit = True
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
            if driver is not None and not connection.invalidated:
                if _lost(connection) or driver.info.transaction_status != _IDLE:
                    # Never back to the pool in autocommit, nor half way through anything.
                    connection.invalidate()
                else:
                    # Committed or rolled back by now: back to psycopg's own transactions.
                    driver.autocommit = False
            connection.close()

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
