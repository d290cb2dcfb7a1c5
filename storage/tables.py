"""Core table handles of the sqlmodel models, for the hot-path statements."""

from __future__ import annotations

from sqlalchemy import Table

from storage.models import (
    AuditEntry,
    ConversationRow,
    ExerciseSession,
    FunctionalActivity,
    Identity,
    OutboxMessage,
    OutcomeScore,
    ProcessedEvent,
    Reminder,
    ReminderDelivery,
    ReviewResult,
    SafetyEvent,
    ScreeningAnswer,
    User,
)


def _table(model: type) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table


users = _table(User)
identities = _table(Identity)
conversations = _table(ConversationRow)
processed = _table(ProcessedEvent)
outbox = _table(OutboxMessage)
screening_answers = _table(ScreeningAnswer)
safety_events = _table(SafetyEvent)
sessions = _table(ExerciseSession)
reviews = _table(ReviewResult)
outcome_scores = _table(OutcomeScore)
activities = _table(FunctionalActivity)
audit = _table(AuditEntry)
reminders = _table(Reminder)
deliveries = _table(ReminderDelivery)
