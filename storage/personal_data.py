"""A person's data rights: everything we hold about them, and erasing it.

Both work from the schema rather than a hand-kept list: every table with a
``user_id`` column is part of a person's data, so a table added later is
exported and erased without anyone remembering to add it here. Two tables
refer to a person without a ``user_id`` and are handled by name: outbox
rows addressed to one of their chats (an apology, a reply to a sticker),
and redelivery markers (``processed_events``) whose event id names their
platform account (Slack button presses: ``action:<ts>:<user>``). A table
that names the person who used something (``used_by``: a clinic invite, which
may carry the name the clinic gave them) counts as theirs too.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    and_,
    delete,
    false,
    insert,
    or_,
    select,
    tuple_,
)
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (every table on the metadata)
from storage.tables import audit, identities, outbox, processed, users


def personal_tables() -> list[Table]:
    """Tables that hold rows about one person, children before parents."""
    tables = [t for t in SQLModel.metadata.sorted_tables
              if ("user_id" in t.c or "used_by" in t.c) and t.name not in ("users",)]
    return list(reversed(tables))


@dataclass(frozen=True, slots=True)
class Export:
    """Everything stored about a person, as JSON (the readable files are :mod:`bot.export`)."""

    json_text: str
    rows: int


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def export(connection: Connection, user_id: int, now: datetime) -> Export:
    """Collect every row about ``user_id`` from every personal table.

    Read only: the request was audited in the turn that asked for it.
    """
    tables: dict[str, list[dict[str, Any]]] = {}
    person = connection.execute(select(users).where(users.c.id == user_id)).mappings().first()
    tables["users"] = [{k: _plain(v) for k, v in person.items()}] if person else []
    chats = _chats(connection, user_id)
    for table in sorted([*personal_tables(), processed], key=lambda t: t.name):
        found = connection.execute(
            select(table).where(_theirs(table, user_id, chats)).order_by(*table.primary_key)
        ).mappings()
        tables[table.name] = [{k: _plain(v) for k, v in row.items()} for row in found]
    body = {"exported_at": now.isoformat(), "user_id": user_id, "tables": tables}
    count = sum(len(rows) for rows in tables.values())
    return Export(json.dumps(body, ensure_ascii=False, indent=2), count)


def erase(connection: Connection, user_id: int, now: datetime) -> int:
    """Delete every row about ``user_id``; leave one audit line that names no one.

    Outbox rows addressed to the person's chats (even those not linked to
    the person, like an apology) and redelivery markers naming their account
    go too. Returns how many rows were deleted. The one place a person is
    erased: callers run it inside the turn that confirmed it.
    """
    chats = _chats(connection, user_id)
    deleted = 0
    for table in [processed, *personal_tables()]:
        deleted += connection.execute(delete(table).where(_theirs(table, user_id, chats))
                                      ).rowcount
    deleted += connection.execute(delete(users).where(users.c.id == user_id)).rowcount
    connection.execute(insert(audit).values(user_id=None, at=now, kind="erased",
                                            detail="all data erased on request"))
    return deleted


@dataclass(frozen=True, slots=True)
class _Account:
    platform: str
    platform_user: str
    chat: str


def _chats(connection: Connection, user_id: int) -> list[_Account]:
    rows = connection.execute(
        select(identities.c.platform, identities.c.platform_user, identities.c.chat)
        .where(identities.c.user_id == user_id)
    ).all()
    return [_Account(*row) for row in rows]


def _theirs(table: Table, user_id: int, accounts: list[_Account]) -> ColumnElement[bool]:
    """Rows of ``table`` about the person."""
    if table is processed:
        if not accounts:
            return false()
        return or_(*(
            and_(processed.c.platform == a.platform,
                 processed.c.event_id.like(f"%:{_escaped(_account_id(a))}", escape="\\"))
            for a in accounts
        ))
    mine = (table.c.used_by if "user_id" not in table.c else table.c.user_id) == user_id
    if table is outbox and accounts:
        return or_(mine, tuple_(outbox.c.platform, outbox.c.chat).in_(
            [(a.platform, a.chat) for a in accounts]))
    return mine


def _account_id(account: _Account) -> str:
    """The platform's own id of the account: the part after the team on Slack (``T1:U2``)."""
    return account.platform_user.rsplit(":", 1)[-1]


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
