"""Pain scores over time, as the charts need them: one person's days, a clinic's trends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, select

from storage.clinics import COUNTED
from storage.tables import sessions


@dataclass(frozen=True, slots=True)
class DayScores:
    """The last check-in of one local day (an abandoned one does not count)."""

    day: int
    local_date: date
    pain_before: int
    pain_after: int | None
    flare: bool
    floss: str


def days_of(connection: Connection, user_id: int) -> list[DayScores]:
    """Every day the person checked in, oldest first; a day checked in twice shows its last."""
    rows = connection.execute(
        select(sessions.c.day, sessions.c.local_date, sessions.c.pain_before,
               sessions.c.pain_after, sessions.c.flare, sessions.c.floss)
        .where(sessions.c.user_id == user_id, sessions.c.status.in_(COUNTED))
        .order_by(sessions.c.at, sessions.c.id)
    ).all()
    by_date: dict[date, DayScores] = {}
    for row in rows:
        by_date[row.local_date] = DayScores(row.day, row.local_date, row.pain_before,
                                            row.pain_after, bool(row.flare), row.floss)
    return sorted(by_date.values(), key=lambda d: d.local_date)


@dataclass(frozen=True, slots=True)
class Trend:
    """One person's pain before each check-in since a moment, oldest first."""

    user_id: int
    pains: tuple[int, ...]
    flares: int


def trends_since(connection: Connection, user_ids: Sequence[int], since: datetime) -> list[Trend]:
    """The trend of each of ``user_ids`` (in that order) from check-ins at or after ``since``."""
    if not user_ids:
        return []
    rows = connection.execute(
        select(sessions.c.user_id, sessions.c.pain_before, sessions.c.flare)
        .where(sessions.c.user_id.in_(list(user_ids)), sessions.c.status.in_(COUNTED),
               sessions.c.at >= since)
        .order_by(sessions.c.at, sessions.c.id)
    ).all()
    pains: dict[int, list[int]] = {u: [] for u in user_ids}
    flares: dict[int, int] = dict.fromkeys(user_ids, 0)
    for row in rows:
        pains[row.user_id].append(row.pain_before)
        flares[row.user_id] += int(bool(row.flare))
    return [Trend(u, tuple(pains[u]), flares[u]) for u in user_ids]
