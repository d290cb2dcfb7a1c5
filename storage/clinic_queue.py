"""A clinic's posts into the outbox, each in the transaction that decides it.

The call, the day's summary and its chart, and alerts are outbox rows like
any message: retried, spaced per channel, never lost. Opening a round and
queuing its call happen together (a round always has its call queued, once);
so do marking an alert owed as done and queuing it, and closing a round and
queuing its summary. What the clinicians see is made when the rows are sent
(:class:`core.messages.ClinicPost`), from what is stored then.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert, select, update

from storage.clinics import (
    ROUND_COLUMNS,
    AlertRow,
    ClinicRow,
    RoundRow,
    alert_rows,
    alerts,
    audit,
    clinics,
    export_sessions,
    rounds,
)
from storage.database import Database
from storage.turns import Destination, Queued, enqueue_many

#: What ``clinic_rounds.call_ts`` / ``summary_ts`` hold for a post queued in the outbox.
QUEUED = "outbox:{id}"


def queue_call(db: Database, clinic_id: int, local_date: date, *, starts_at: datetime,
               call_at: datetime, closes_at: datetime, call: Destination,
               next_call_at: datetime, now: datetime) -> list[Queued]:
    """Open the day's round and queue its call; nothing if the round already has one.

    Either way the clinic is released, due again at ``next_call_at``.
    """
    with db.transaction() as connection:
        connection.execute(
            db.insert_ignoring_duplicates(rounds).values(
                clinic_id=clinic_id, local_date=local_date, starts_at=starts_at,
                call_at=call_at, closes_at=closes_at))
        round_ = RoundRow(*connection.execute(
            select(*ROUND_COLUMNS)
            .where(rounds.c.clinic_id == clinic_id, rounds.c.local_date == local_date)
        ).one())
        queued: list[Queued] = []
        if round_.call_ts is None:
            queued = enqueue_many(connection, [call], now)
            connection.execute(update(rounds).where(rounds.c.id == round_.id)
                               .values(call_ts=QUEUED.format(id=queued[0].outbox_id)))
        connection.execute(update(clinics).where(clinics.c.id == clinic_id)
                           .values(next_call_at=next_call_at, lease_until=None))
    return queued


def queue_summary(db: Database, round_id: int, posts: list[Destination], now: datetime
                  ) -> list[Queued]:
    """Close the round: its summary (and chart) queued to the clinicians' places."""
    with db.transaction() as connection:
        queued = enqueue_many(connection, posts, now)
        done = QUEUED.format(id=queued[0].outbox_id) if queued else "nowhere"
        connection.execute(update(rounds).where(rounds.c.id == round_id)
                           .values(summary_ts=done, lease_until=None))
    return queued


def queue_alert(db: Database, alert: AlertRow, posts: list[Destination], now: datetime
                ) -> list[Queued]:
    """The owed alert queued to the clinicians' places (audited), or dropped if none."""
    with db.transaction() as connection:
        queued = enqueue_many(connection, posts, now)
        connection.execute(update(alerts).where(alerts.c.id == alert.id)
                           .values(posted_at=now, lease_until=None))
        if queued:
            connection.execute(insert(audit).values(
                user_id=alert.user_id, at=now, kind="clinic_alert",
                detail=f"clinic {alert.clinic_id}"))
    return queued


def queue_export(db: Database, clinic: ClinicRow, by: str, post: Destination, now: datetime
                 ) -> list[Queued]:
    """A clinician's export queued to their DM, audited (clinic, check-ins, who) as asked.

    Audited once, here: the file itself is made when the row is sent, from
    what is shared then, however often sending it is tried.
    """
    with db.transaction() as connection:
        _, facts = export_sessions(connection, clinic)
        rows = "1 check-in" if len(facts) == 1 else f"{len(facts)} check-ins"
        connection.execute(insert(audit).values(
            user_id=None, at=now, kind="clinic_export",
            detail=f"clinic {clinic.id}: {rows} by {by}"))
        return enqueue_many(connection, [post], now)


def get_round(db: Database, round_id: int) -> RoundRow | None:
    """One round by id."""
    with db.engine.connect() as connection:
        row = connection.execute(select(*ROUND_COLUMNS).where(rounds.c.id == round_id)).first()
    return RoundRow(*row) if row is not None else None


def get_alert(db: Database, alert_id: int) -> AlertRow | None:
    """One alert by id, with who it is about on the clinic's platform."""
    with db.engine.connect() as connection:
        row = connection.execute(
            alert_rows()
            .where(alerts.c.id == alert_id)
        ).first()
    return AlertRow(*tuple(row)) if row is not None else None
