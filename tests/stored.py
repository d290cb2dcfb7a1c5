"""Looking through every table for traces of one person, independently of the code under test.

Walks all tables of the schema (not a list kept by hand) and reads every row:
a row is the person's when a ``user_id`` (or ``used_by``) column holds their id or
any text column contains one of their platform references (account id, chat id).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (every table on the metadata)
from storage.database import Database
from storage.tables import identities

Row = dict[str, Any]


def user_id_of(db: Database, platform: str, platform_user: str) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(
            select(identities.c.user_id).where(identities.c.platform == platform,
                                               identities.c.platform_user == platform_user)
        ).scalar_one())


def traces(db: Database, user_id: int, references: Iterable[str]) -> dict[str, list[Row]]:
    """Rows of every table that belong to or mention the person, by table name."""
    refs = [r for r in references if r]
    found: dict[str, list[Row]] = {}
    with db.engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in connection.execute(select(table)).mappings():
                values = dict(row)
                theirs = any(values.get(column) == user_id and column in table.c
                             for column in ("user_id", "used_by")) or (
                    table.name == "users" and values.get("id") == user_id)
                mentions = any(isinstance(v, str) and any(r in v for r in refs)
                               for v in values.values())
                if theirs or mentions:
                    found.setdefault(table.name, []).append(values)
    return found


def everything(db: Database) -> dict[str, list[Row]]:
    """Every row of every table (for before/after comparisons)."""
    with db.engine.connect() as connection:
        return {t.name: [dict(r) for r in connection.execute(select(t)).mappings()]
                for t in SQLModel.metadata.sorted_tables}
