"""The columns of the check-ins table: the spreadsheet's and the summary page's.

Each column says what a spreadsheet gets (``value``: ISO dates, plain numbers)
and what a reader sees (``shown``: dates in words). Add a measure by adding a
column here; both files pick it up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.messages import Exercise
from flows import texts
from flows.dates import long_date
from storage.history import Checkin

T = texts.export


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its heading, its value for a spreadsheet and, if different, for a reader."""

    heading: str
    value: Callable[[Checkin], str]
    shown: Callable[[Checkin], str] | None = None

    def words(self, checkin: Checkin) -> str:
        """The cell as the summary page shows it."""
        return (self.shown or self.value)(checkin)


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _outcome(exercise: Exercise) -> Callable[[Checkin], str]:
    def cell(checkin: Checkin) -> str:
        outcome = checkin.outcomes.get(exercise.value)
        return "" if outcome is None else T.OUTCOMES.get(outcome, outcome)
    return cell


CHECKIN_COLUMNS: tuple[Column, ...] = (
    Column(T.COLUMN_DATE, lambda c: c.local_date.isoformat(),
           lambda c: long_date(c.local_date, year=True)),
    Column(T.COLUMN_DAY, lambda c: str(c.day)),
    Column(T.COLUMN_STATUS, lambda c: T.STATUSES.get(c.status, c.status)),
    Column(T.COLUMN_PAIN_BEFORE, lambda c: str(c.pain_before)),
    Column(T.COLUMN_PAIN_AFTER, lambda c: _number(c.pain_after)),
    Column(T.COLUMN_FLARE, lambda c: T.YES if c.flare else T.NO),
    *(Column(texts.exercises.NAMES[e], _outcome(e)) for e in Exercise),
)
