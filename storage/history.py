"""A person's history as their export reads it: every check-in, alert and review, oldest first.

Read-only, for one person; :mod:`bot.export` turns it into pages and files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, select

from storage.tables import conversations, reviews, safety_events, sessions, users


@dataclass(frozen=True, slots=True)
class Checkin:
    """One check-in, however it ended (``status``: completed, rested or abandoned)."""

    at: datetime
    local_date: date
    day: int
    status: str
    pain_before: int
    pain_after: int | None
    flare: bool
    floss: str
    outcomes: dict[str, str]  # exercise id -> done / skip / too_painful


@dataclass(frozen=True, slots=True)
class SafetyEntry:
    """An alert raised, or a pause lifted."""

    at: datetime
    level: str
    kind: str  # raised / cleared
    source: str


@dataclass(frozen=True, slots=True)
class Review:
    """A six-week (or asked-for) review."""

    at: datetime
    result: str
    baseline: int
    recent_average: float


@dataclass(frozen=True, slots=True)
class History:
    """Everything a person's readable export shows."""

    started: datetime | None  # when they first wrote
    context: str | None  # the conversation's saved context (JSON)
    checkins: tuple[Checkin, ...]
    safety: tuple[SafetyEntry, ...]
    reviews: tuple[Review, ...]


def context_of(connection: Connection, user_id: int) -> str | None:
    """The saved context (JSON) of ``user_id``'s conversation, or ``None``."""
    context = connection.execute(
        select(conversations.c.context).where(conversations.c.user_id == user_id)
    ).scalar_one_or_none()
    return None if context is None else str(context)


def history_of(connection: Connection, user_id: int) -> History:
    """The history of ``user_id`` (empty for someone not stored)."""
    started = connection.execute(
        select(users.c.created_at).where(users.c.id == user_id)).scalar_one_or_none()
    context = context_of(connection, user_id)
    checkins = tuple(
        Checkin(row.at, row.local_date, row.day, row.status, row.pain_before, row.pain_after,
                bool(row.flare), row.floss, _outcomes(row.outcomes))
        for row in connection.execute(
            select(sessions).where(sessions.c.user_id == user_id)
            .order_by(sessions.c.at, sessions.c.id))
    )
    safety = tuple(
        SafetyEntry(row.at, row.level, row.kind, row.source)
        for row in connection.execute(
            select(safety_events).where(safety_events.c.user_id == user_id)
            .order_by(safety_events.c.at, safety_events.c.id))
    )
    found = tuple(
        Review(row.at, row.result, row.baseline, row.recent_average)
        for row in connection.execute(
            select(reviews).where(reviews.c.user_id == user_id)
            .order_by(reviews.c.at, reviews.c.id))
    )
    return History(started, context, checkins, safety, found)


def _outcomes(stored: str) -> dict[str, str]:
    try:
        value = json.loads(stored)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
