"""Alembic environment: runs migrations on the engine the caller configured."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import storage.models

target_metadata = SQLModel.metadata


def run() -> None:
    """Online migrations only: there is always a live engine."""
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()
