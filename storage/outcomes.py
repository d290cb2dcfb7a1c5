"""The outcome answers as the pictures and the clinicians' views need them.

Read only. One person's answers for their own chart; the answers of a
clinic's sharing members for the clinicians (never the activities' names:
those are the person's own words, which a clinic never sees).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, select

from storage.tables import activities, outcome_scores


@dataclass(frozen=True, slots=True)
class Score:
    """One stored answer (see ``flows.records.OutcomeScored`` for the measures)."""

    user_id: int
    at: datetime
    local_date: date
    measure: str
    item: str
    score: int
    occasion: str


def scores_of(connection: Connection, user_ids: Sequence[int], since: datetime | None = None
              ) -> list[Score]:
    """Every answer of these people (from ``since``), oldest first."""
    if not user_ids:
        return []
    query = (
        select(outcome_scores.c.user_id, outcome_scores.c.at, outcome_scores.c.local_date,
               outcome_scores.c.measure, outcome_scores.c.item, outcome_scores.c.score,
               outcome_scores.c.occasion)
        .where(outcome_scores.c.user_id.in_(list(user_ids)))
        .order_by(outcome_scores.c.at, outcome_scores.c.id)
    )
    if since is not None:
        query = query.where(outcome_scores.c.at >= since)
    return [Score(*row) for row in connection.execute(query).all()]


def activities_of(connection: Connection, user_id: int) -> dict[int, str]:
    """The person's activities by slot, in their own words (the latest name of each slot)."""
    rows = connection.execute(
        select(activities.c.slot, activities.c.name)
        .where(activities.c.user_id == user_id)
        .order_by(activities.c.at, activities.c.id)
    ).all()
    return {row.slot: row.name for row in rows}
