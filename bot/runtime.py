"""Wiring: settings to database, engine and dispatcher, shared by every mode."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.clock import Clock, SystemClock
from bot.engine import Engine
from bot.reminders import ReminderDispatcher
from bot.settings import ConfigurationError, Settings
from storage.crypto import cipher
from storage.database import Database, check_reachable, ensure_schema, shown_url

log = logging.getLogger(__name__)


def connect(settings: Settings) -> Database:
    """Open the configured database and say which one it is (never its password).

    Raises:
        storage.database.DatabaseUrlError: ``DATABASE_URL`` cannot be right;
            nothing was created.
        storage.database.DatabaseUnavailable: it cannot be opened or reached.

    """
    db = Database.connect(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        sqlite_synchronous=settings.sqlite_synchronous,
    )
    try:
        check_reachable(db.engine)  # its error names the database itself
    except BaseException:
        db.dispose()
        raise
    log.info("database: %s", shown_url(settings.database_url))
    return db


@dataclass(slots=True)
class Runtime:
    """The parts every mode (chat, Telegram, Slack, web, worker) runs on."""

    settings: Settings
    clock: Clock
    db: Database
    engine: Engine
    reminders: ReminderDispatcher

    @classmethod
    def build(cls, settings: Settings, *, clock: Clock | None = None) -> Runtime:
        """Connect, make sure the schema is current, assemble (errors as :func:`connect`)."""
        clock = clock or SystemClock()
        key = settings.data_encryption_key
        try:
            cipher.configure(key.get_secret_value() if key else None)
        except ValueError as error:
            raise ConfigurationError(f"{error}: make one with python3 -c \"from "
                                     "cryptography.fernet import Fernet; "
                                     "print(Fernet.generate_key().decode())\"") from None
        db = connect(settings)
        try:
            ensure_schema(db.engine, auto_upgrade=settings.migrate_automatically())
        except BaseException:
            db.dispose()
            raise
        return cls(settings, clock, db, Engine(db, clock), ReminderDispatcher(db, clock))

    def close(self) -> None:
        """Release database connections."""
        self.db.dispose()
