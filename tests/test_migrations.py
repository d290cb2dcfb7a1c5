"""Alembic migrations produce exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (tables on the metadata)
from storage.database import Database, current_revision, head_revision


def test_database_is_at_the_newest_revision(db: Database) -> None:
    assert current_revision(db.engine) == head_revision(db.engine)


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_a_fresh_sqlite_file_is_upgraded_on_first_run(tmp_path: object) -> None:
    from pathlib import Path

    from bot.runtime import Runtime
    from bot.settings import Settings

    path = Path(str(tmp_path)) / "new.sqlite3"
    runtime = Runtime.build(Settings(database_url=f"sqlite:///{path}"))
    try:
        assert current_revision(runtime.db.engine) == head_revision(runtime.db.engine)
    finally:
        runtime.close()
