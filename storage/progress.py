"""Pain scores over time, as the charts need them: one person's days, a clinic's trends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, select

from storage.clinics import COUNTED, members
from storage.tables import outcome_scores, sessions


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
    """One member's check-ins shared with a clinic, oldest first."""

    user_id: int
    pains: tuple[int, ...]  # pain before each check-in: for directions, never shown
    flares: tuple[bool, ...]
    reaches: tuple[int | None, ...] = ()  # how far down the pain reached that day, if said


def shared_trends(connection: Connection, clinic_id: int, user_ids: Sequence[int],
                  since: datetime) -> list[Trend]:
    """Each member's check-ins from ``since``, but none from before they agreed to share.

    In the order of ``user_ids``; a member not sharing with the clinic gets an empty trend.
    """
    if not user_ids:
        return []
    sharing = connection.execute(
        select(members.c.user_id, members.c.consent_given_at)
        .where(members.c.clinic_id == clinic_id, members.c.user_id.in_(list(user_ids)),
               members.c.consent_given_at.is_not(None),
               members.c.consent_withdrawn_at.is_(None))
    ).all()
    consented: dict[int, datetime] = {row.user_id: row.consent_given_at for row in sharing}
    pains: dict[int, list[int]] = {u: [] for u in user_ids}
    flares: dict[int, list[bool]] = {u: [] for u in user_ids}
    reaches: dict[int, list[int | None]] = {u: [] for u in user_ids}
    rows = connection.execute(
        select(sessions.c.user_id, sessions.c.at, sessions.c.local_date, sessions.c.pain_before,
               sessions.c.flare)
        .where(sessions.c.user_id.in_(list(consented)), sessions.c.status.in_(COUNTED),
               sessions.c.at >= since)
        .order_by(sessions.c.at, sessions.c.id)
    ).all()
    reach_rows = connection.execute(
        select(outcome_scores.c.user_id, outcome_scores.c.at, outcome_scores.c.local_date,
               outcome_scores.c.score)
        .where(outcome_scores.c.user_id.in_(list(consented)),
               outcome_scores.c.measure == "reach", outcome_scores.c.at >= since)
        .order_by(outcome_scores.c.at, outcome_scores.c.id)
    ).all()
    reach_on = {(r.user_id, r.local_date): r.score for r in reach_rows
                if r.at >= consented[r.user_id]}
    for row in rows:
        if row.at >= consented[row.user_id]:
            pains[row.user_id].append(row.pain_before)
            flares[row.user_id].append(bool(row.flare))
            reaches[row.user_id].append(reach_on.get((row.user_id, row.local_date)))
    return [Trend(u, tuple(pains[u]), tuple(flares[u]), tuple(reaches[u])) for u in user_ids]
