"""Wiring: settings to database, engine and dispatcher, shared by every mode."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock, SystemClock
from bot.engine import Engine
from bot.reminders import ReminderDispatcher
from bot.settings import Settings
from storage.crypto import cipher
from storage.database import Database, ensure_schema


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
        """Connect, make sure the schema is current, assemble."""
        clock = clock or SystemClock()
        key = settings.data_encryption_key
        cipher.configure(key.get_secret_value() if key else None)
        db = Database.connect(
            settings.database_url,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            sqlite_synchronous=settings.sqlite_synchronous,
        )
        ensure_schema(db.engine, auto_upgrade=settings.migrate_automatically())
        return cls(settings, clock, db, Engine(db, clock), ReminderDispatcher(db, clock))

    def close(self) -> None:
        """Release database connections."""
        self.db.dispose()
