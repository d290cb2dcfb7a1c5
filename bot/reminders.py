"""The reminder dispatcher: turns due reminder rows into outbox messages.

Run by ``sciatica-bot worker`` (and inside single-process modes). Each
batch is one transaction: claim, decide, take the exactly-once key,
enqueue, reschedule, commit. A crash before commit leaves no trace, so
another dispatcher simply does the work again.

Reminder messages are queued without a lease: the outbox relay of any
worker claims them in slices and sends them at the platform's pace.

A reminder that is late because the bot was down is still sent if it is
still the same local day for the person; once that day is over it is
skipped (recorded as ``late-skipped``) and the next one is scheduled.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from bot import metrics
from bot.clock import Clock
from flows import schedule as schedules
from storage.database import Database
from storage.reminders import DueReminder, Rescheduled, claim_due, reschedule, take_keys
from storage.turns import Queued, enqueue_many


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
        counts: Counter[str] = Counter()
        max_lag = 0.0
        while True:
            with self.db.transaction() as connection:
                claimed = claim_due(self.db, connection, now, self.batch)
                decisions = [_decide(reminder, now) for reminder in claimed]
                taken = take_keys(self.db, connection, [
                    (d.reminder.user_id, d.day, d.slot, d.outcome) for d in decisions
                ], now)
                sending: list[_Decision] = []
                moves: list[Rescheduled] = []
                for d in decisions:
                    fresh = (d.reminder.user_id, d.day, d.slot) in taken
                    outcome = d.outcome if fresh else "duplicate"
                    counts[outcome] += 1
                    metrics.REMINDERS.labels(outcome).inc()
                    if fresh and outcome in ("reminder", "nudge"):
                        sending.append(d)
                    nudged = d.nudge_reference if fresh and outcome == "nudge" else None
                    moves.append(Rescheduled(
                        d.reminder, d.next.at if d.next else None,
                        d.next.slot if d.next else "daily", d.served,
                        nudged or d.reminder.nudged_for,
                    ))
                queued_now = enqueue_many(connection, [
                    (d.reminder.user_id, d.reminder.platform, d.reminder.chat,
                     schedules.reminder_message(d.kind)) for d in sending
                ], now, leased=False)
                reschedule(connection, moves)
            for d in sending:
                lag = max(0.0, (now - d.reminder.due_at).total_seconds())
                metrics.REMINDER_LAG.observe(lag)
                max_lag = max(max_lag, lag)
            queued.extend(queued_now)
            if not claimed:
                break
        return DispatchReport(tuple(queued), counts["skipped"] + counts["held"],
                              counts["late-skipped"], counts["duplicate"], max_lag)


@dataclass(frozen=True, slots=True)
class _Decision:
    """What to do with one claimed reminder, before the exactly-once key is taken."""

    reminder: DueReminder
    day: date
    slot: str
    outcome: str  # reminder / nudge / skipped / held / late-skipped
    kind: schedules.Kind
    served: date | None
    nudge_reference: date | None
    next: schedules.Due | None


def _decide(reminder: DueReminder, now: datetime) -> _Decision:
    schedule = reminder.schedule
    day = schedules.local_date(reminder.due_at, schedule)
    today = schedules.local_date(now, schedule)
    daily = reminder.slot == "daily"
    served = reminder.served_on
    if daily and (served is None or day > served):
        served = day
    lapse = schedules.Lapse(reminder.last_checkin, reminder.since, reminder.nudged_for)
    kind = schedules.reminder_kind(day, lapse)
    if not daily and kind == "nudge":
        kind = "reminder"
    if day < today:
        outcome = "late-skipped"
    elif reminder.held:
        outcome = "held"
    elif kind == "skip":
        outcome = "skipped"
    else:
        outcome = kind
    return _Decision(
        reminder=reminder,
        day=day,
        slot="daily" if daily else f"snooze-{reminder.due_at:%H%M}",
        outcome=outcome,
        kind=kind,
        served=served,
        nudge_reference=schedules.lapse_reference(lapse),
        next=schedules.next_due(schedule, reminder.due_at, served=served),
    )
