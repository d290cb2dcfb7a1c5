"""The reminder dispatcher: turns due reminder rows into outbox messages.

Run by ``sciatica-bot worker`` (and inside single-process modes). Each
batch is one transaction: claim, decide, take the exactly-once key,
enqueue, reschedule, commit. A crash before commit leaves no trace, so
another dispatcher simply does the work again.

A reminder that is late because the bot was down is still sent if it is
still the same local day for the person; once that day is over it is
skipped (recorded as ``late-skipped``) and the next one is scheduled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot import metrics
from bot.clock import Clock
from flows import schedule as schedules
from storage.database import Database
from storage.reminders import DueReminder, claim_due, mark_delivered, reschedule
from storage.turns import Queued, Turn


@dataclass(frozen=True, slots=True)
class DispatchReport:
    """What one run did, for logs and metrics (no health data)."""

    queued: tuple[Queued, ...]
    skipped: int
    late_skipped: int
    duplicates: int
    max_lag_seconds: float


class ReminderDispatcher:
    """Claims due reminders and queues their messages."""

    def __init__(self, db: Database, clock: Clock, *, batch: int = 500) -> None:
        self.db = db
        self.clock = clock
        self.batch = batch

    def run_due(self, now: datetime | None = None) -> DispatchReport:
        """Handle everything due up to ``now`` (default: the clock)."""
        now = now or self.clock.now()
        queued: list[Queued] = []
        counts = {"skipped": 0, "late-skipped": 0, "duplicate": 0, "held": 0}
        max_lag = 0.0
        while True:
            with self.db.transaction() as connection:
                claimed = claim_due(self.db, connection, now, self.batch)
                turn = Turn(self.db, connection)
                for reminder in claimed:
                    outcome, messages = self._one(turn, reminder, now)
                    if outcome in counts:
                        counts[outcome] += 1
                    metrics.REMINDERS.labels(outcome).inc()
                    if messages:
                        lag = max(0.0, (now - reminder.due_at).total_seconds())
                        metrics.REMINDER_LAG.observe(lag)
                        max_lag = max(max_lag, lag)
                    queued.extend(messages)
            if not claimed:
                break
        return DispatchReport(tuple(queued), counts["skipped"] + counts["held"],
                              counts["late-skipped"], counts["duplicate"], max_lag)

    def _one(self, turn: Turn, reminder: DueReminder, now: datetime
             ) -> tuple[str, list[Queued]]:
        schedule = reminder.schedule
        day = schedules.local_date(reminder.due_at, schedule)
        today = schedules.local_date(now, schedule)
        daily = reminder.slot == "daily"
        served = reminder.served_on
        if daily and (served is None or day > served):
            served = day
        nudged_for = reminder.nudged_for
        slot = "daily" if daily else f"snooze-{reminder.due_at:%H%M}"
        lapse = schedules.Lapse(reminder.last_checkin, reminder.since, reminder.nudged_for)
        kind = schedules.reminder_kind(day, lapse)
        if not daily and kind == "nudge":
            kind = "reminder"
        outcome: str
        messages: list[Queued] = []
        if day < today:
            outcome = "late-skipped"
        elif reminder.held:
            outcome = "held"
        elif kind == "skip":
            outcome = "skipped"
        else:
            outcome = kind
        fresh = mark_delivered(self.db, turn.connection, reminder.user_id, day, slot, outcome, now)
        if not fresh:
            outcome = "duplicate"
        elif outcome in ("reminder", "nudge"):
            messages = turn.enqueue(reminder.user_id, reminder.platform, reminder.chat,
                                    [schedules.reminder_message(kind)], now)
            if outcome == "nudge":
                nudged_for = schedules.lapse_reference(lapse)
        due = schedules.next_due(schedule, reminder.due_at, served=served)
        reschedule(turn.connection, reminder, next_due=due.at if due else None,
                   next_kind=due.slot if due else "daily", served_on=served,
                   nudged_for=nudged_for)
        return outcome, messages
