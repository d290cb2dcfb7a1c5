"""Clinics, their members and their daily rounds.

Claiming follows :mod:`storage.reminders`: ``UPDATE ... RETURNING`` over
a ``FOR UPDATE SKIP LOCKED`` sub-select on PostgreSQL (the single writer on
SQLite), with a lease, so any number of workers share the work and a call
or summary is posted by one of them. A round is unique per clinic and
local date, so a day never gets a second round.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, insert, or_, select, update

from storage.database import Database
from storage.models import (
    AuditEntry,
    Clinic,
    ClinicAlert,
    ClinicMember,
    ClinicRound,
    ExerciseSession,
    Identity,
    SafetyEvent,
)

clinics = Clinic.__table__  # type: ignore[attr-defined]
members = ClinicMember.__table__  # type: ignore[attr-defined]
rounds = ClinicRound.__table__  # type: ignore[attr-defined]
identities = Identity.__table__  # type: ignore[attr-defined]
sessions = ExerciseSession.__table__  # type: ignore[attr-defined]
safety_events = SafetyEvent.__table__  # type: ignore[attr-defined]
alerts = ClinicAlert.__table__  # type: ignore[attr-defined]
audit = AuditEntry.__table__  # type: ignore[attr-defined]

#: A claimed clinic or round nobody finished (the worker died) is claimable again after this.
CLAIM_LEASE = timedelta(minutes=5)
COUNTED = ("completed", "rested")  # session statuses that count as a check-in


@dataclass(frozen=True, slots=True)
class ClinicRow:
    """A clinic as the dispatcher and adapters need it."""

    id: int
    name: str
    platform: str
    team: str
    channel: str
    call_time: str
    timezone: str
    window_hours: int
    next_call_at: datetime | None
    details_channel: str | None = None  # the clinicians' private channel; None: their DMs
    details_name: str | None = None  # its name as set up ("#physio-team")


CLINIC_COLUMNS = (
    clinics.c.id, clinics.c.name, clinics.c.platform, clinics.c.team, clinics.c.channel,
    clinics.c.call_time, clinics.c.timezone, clinics.c.window_hours, clinics.c.next_call_at,
    clinics.c.details_channel, clinics.c.details_name,
)


def save_clinic(db: Database, *, name: str, platform: str, team: str, channel: str,
                call_time: str, timezone: str, window_hours: int, next_call_at: datetime,
                now: datetime, details_channel: str | None = None,
                details_name: str | None = None) -> ClinicRow:
    """Create the clinic of a channel, or give an existing one its new schedule.

    Whoever may do so is checked by the caller (:func:`storage.clinicians.set_up`
    checks it in the same transaction).
    """
    with db.transaction() as connection:
        return save_clinic_in(connection, name=name, platform=platform, team=team,
                              channel=channel, call_time=call_time, timezone=timezone,
                              window_hours=window_hours, next_call_at=next_call_at, now=now,
                              details_channel=details_channel, details_name=details_name)


def save_clinic_in(connection: Connection, *, name: str, platform: str, team: str,
                   channel: str, call_time: str, timezone: str, window_hours: int,
                   next_call_at: datetime, now: datetime, details_channel: str | None,
                   details_name: str | None) -> ClinicRow:
    """:func:`save_clinic` inside the caller's transaction."""
    values = {"name": name, "call_time": call_time, "timezone": timezone,
              "window_hours": window_hours, "next_call_at": next_call_at,
              "details_channel": details_channel, "details_name": details_name}
    row = connection.execute(
        update(clinics)
        .where(clinics.c.platform == platform, clinics.c.team == team,
               clinics.c.channel == channel)
        .values(**values).returning(*CLINIC_COLUMNS)
    ).first()
    if row is None:
        row = connection.execute(
            insert(clinics).values(platform=platform, team=team, channel=channel,
                                   created_at=now, **values)
            .returning(*CLINIC_COLUMNS)
        ).one()
    return ClinicRow(*row)


def stop_calls(db: Database, platform: str, team: str, channel: str) -> bool:
    """No more calls in this channel; ``False`` if it had no clinic."""
    with db.transaction() as connection:
        result = connection.execute(
            update(clinics)
            .where(clinics.c.platform == platform, clinics.c.team == team,
                   clinics.c.channel == channel)
            .values(next_call_at=None, lease_until=None)
        )
    return bool(result.rowcount)


def get_clinic(db: Database, clinic_id: int) -> ClinicRow | None:
    """One clinic by id."""
    with db.engine.connect() as connection:
        row = connection.execute(
            select(*CLINIC_COLUMNS).where(clinics.c.id == clinic_id)
        ).first()
    return ClinicRow(*row) if row is not None else None


def clinic_in_channel(db: Database, platform: str, team: str, channel: str
                      ) -> ClinicRow | None:
    """The clinic set up in a channel, if any."""
    with db.engine.connect() as connection:
        row = connection.execute(
            select(*CLINIC_COLUMNS).where(clinics.c.platform == platform,
                                           clinics.c.team == team, clinics.c.channel == channel)
        ).first()
    return ClinicRow(*row) if row is not None else None


def clinic_name(connection: Connection, clinic_id: int) -> str | None:
    """The clinic's name, read inside a turn's transaction."""
    return connection.execute(
        select(clinics.c.name).where(clinics.c.id == clinic_id)
    ).scalar_one_or_none()


# --- membership (written by the turn that recorded it) ---------------------------


def join(connection: Connection, db: Database, clinic_id: int, user_id: int,
         now: datetime, label: str = "") -> None:
    """The person joined the clinic's check-ins; a second join only takes a new label."""
    connection.execute(
        db.insert_ignoring_duplicates(members).values(
            clinic_id=clinic_id, user_id=user_id, joined_at=now)
    )
    if label:
        connection.execute(
            update(members)
            .where(members.c.clinic_id == clinic_id, members.c.user_id == user_id)
            .values(label=label)
        )


def set_sharing(connection: Connection, db: Database, clinic_id: int, user_id: int,
                given: bool, now: datetime) -> None:
    """Consent to share given (sharing from now) or withdrawn (nothing from now)."""
    join(connection, db, clinic_id, user_id, now)
    values = ({"consent_given_at": now, "consent_withdrawn_at": None} if given
              else {"consent_withdrawn_at": now})
    connection.execute(
        update(members)
        .where(members.c.clinic_id == clinic_id, members.c.user_id == user_id)
        .values(**values)
    )


# --- calls --------------------------------------------------------------------------


def claim_due_calls(db: Database, now: datetime, platforms: tuple[str, ...],
                    limit: int = 50) -> list[ClinicRow]:
    """Lease up to ``limit`` clinics on ``platforms`` whose call is due, oldest first."""
    with db.transaction() as connection:
        candidates = (
            select(clinics.c.id)
            .where(clinics.c.next_call_at <= now, clinics.c.platform.in_(platforms),
                   or_(clinics.c.lease_until.is_(None), clinics.c.lease_until < now))
            .order_by(clinics.c.next_call_at)
            .limit(limit)
        )
        if not db.sqlite:
            candidates = candidates.with_for_update(skip_locked=True)
        rows = connection.execute(
            update(clinics)
            .where(clinics.c.id.in_(candidates.scalar_subquery()))
            .values(lease_until=now + CLAIM_LEASE)
            .returning(*CLINIC_COLUMNS)
        ).all()
    return sorted((ClinicRow(*r) for r in rows), key=lambda c: c.next_call_at or now)


@dataclass(frozen=True, slots=True)
class RoundRow:
    """One clinic day."""

    id: int
    clinic_id: int
    local_date: date
    starts_at: datetime
    call_at: datetime
    closes_at: datetime
    call_ts: str | None


ROUND_COLUMNS = (rounds.c.id, rounds.c.clinic_id, rounds.c.local_date, rounds.c.starts_at,
                  rounds.c.call_at, rounds.c.closes_at, rounds.c.call_ts)


def skip_call(db: Database, clinic_id: int, next_call_at: datetime | None) -> None:
    """No call this time: release the clinic, due again at ``next_call_at`` (``None``: never)."""
    with db.transaction() as connection:
        connection.execute(
            update(clinics).where(clinics.c.id == clinic_id)
            .values(next_call_at=next_call_at, lease_until=None)
        )


# --- summaries -----------------------------------------------------------------------


def claim_due_summaries(db: Database, now: datetime, platforms: tuple[str, ...],
                        limit: int = 50) -> list[RoundRow]:
    """Lease rounds whose window closed, whose call was posted and summary was not."""
    on_platforms = select(clinics.c.id).where(clinics.c.platform.in_(platforms))
    with db.transaction() as connection:
        candidates = (
            select(rounds.c.id)
            .where(rounds.c.summary_ts.is_(None), rounds.c.call_ts.is_not(None),
                   rounds.c.clinic_id.in_(on_platforms.scalar_subquery()),
                   rounds.c.closes_at <= now,
                   or_(rounds.c.lease_until.is_(None), rounds.c.lease_until < now))
            .order_by(rounds.c.closes_at)
            .limit(limit)
        )
        if not db.sqlite:
            candidates = candidates.with_for_update(skip_locked=True)
        rows = connection.execute(
            update(rounds)
            .where(rounds.c.id.in_(candidates.scalar_subquery()))
            .values(lease_until=now + CLAIM_LEASE)
            .returning(*ROUND_COLUMNS)
        ).all()
    return sorted((RoundRow(*r) for r in rows), key=lambda r: r.closes_at)


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What the database knows about one sharing member's window (no names)."""

    user_id: int
    platform_user: str | None  # None: they chat on another platform than the clinic's
    label: str | None  # how the clinic named them on their invite
    pain_today: int | None
    pain_before: int | None
    flare: bool
    alerts: tuple[str, ...]


def round_facts(db: Database, clinic: ClinicRow, round_: RoundRow) -> list[MemberFacts]:
    """Facts about every member sharing with the clinic right now (withdrawn: left out)."""
    with db.engine.connect() as connection:
        sharing = connection.execute(
            select(members.c.user_id, identities.c.platform_user, members.c.label)
            .outerjoin(identities, and_(identities.c.user_id == members.c.user_id,
                                        identities.c.platform == clinic.platform))
            .where(members.c.clinic_id == clinic.id,
                   members.c.consent_given_at.is_not(None),
                   members.c.consent_withdrawn_at.is_(None))
            .order_by(members.c.user_id)
        ).all()
        facts = []
        for user_id, platform_user, label in sharing:
            counted = and_(sessions.c.user_id == user_id, sessions.c.status.in_(COUNTED))
            today = connection.execute(
                select(sessions.c.pain_before, sessions.c.flare)
                .where(counted, sessions.c.at >= round_.starts_at,
                       sessions.c.at < round_.closes_at)
                .order_by(sessions.c.at)
            ).all()
            before = connection.execute(
                select(sessions.c.pain_before)
                .where(counted, sessions.c.at < round_.starts_at)
                .order_by(sessions.c.at.desc()).limit(1)
            ).scalar_one_or_none()
            alerts = connection.execute(
                select(safety_events.c.level)
                .where(safety_events.c.user_id == user_id, safety_events.c.kind == "raised",
                       safety_events.c.at >= round_.starts_at,
                       safety_events.c.at < round_.closes_at)
                .order_by(safety_events.c.at)
            ).scalars().all()
            facts.append(MemberFacts(
                user_id, platform_user, label,
                pain_today=today[-1].pain_before if today else None,
                pain_before=before,
                flare=any(row.flare for row in today),
                alerts=tuple(alerts),
            ))
    return facts


# --- immediate alerts ----------------------------------------------------------------

#: The safety levels a clinic hears about at once (not only in the day's summary).
ALERTED_LEVELS = ("emergency", "see_doctor")


def _sharing(clinic_id: int) -> ColumnElement[bool]:
    return and_(members.c.clinic_id == clinic_id,
                members.c.consent_given_at.is_not(None),
                members.c.consent_withdrawn_at.is_(None))


def queue_alerts(connection: Connection, db: Database, user_id: int, raised_at: datetime,
                 level: str) -> None:
    """Owe an alert to every clinic the person shares with now (in the raising turn).

    Unique per clinic, person, time and level: queuing twice changes nothing.
    """
    if level not in ALERTED_LEVELS:
        return
    sharing_with = connection.execute(
        select(members.c.clinic_id)
        .where(members.c.user_id == user_id, members.c.consent_given_at.is_not(None),
               members.c.consent_withdrawn_at.is_(None))
    ).scalars().all()
    for clinic_id in sharing_with:
        connection.execute(
            db.insert_ignoring_duplicates(alerts).values(
                clinic_id=clinic_id, user_id=user_id, raised_at=raised_at, level=level)
        )


@dataclass(frozen=True, slots=True)
class AlertRow:
    """One owed alert, with where to post it and who it is about on that platform."""

    id: int
    clinic_id: int
    user_id: int
    raised_at: datetime
    level: str
    platform: str
    channel: str
    timezone: str
    platform_user: str | None  # None: they chat on another platform than the clinic's
    label: str | None  # how the clinic named them on their invite


def alert_rows() -> Select[Any]:
    """Alerts as :class:`AlertRow`: with the clinic's place and who it is about there."""
    return (
        select(alerts.c.id, alerts.c.clinic_id, alerts.c.user_id, alerts.c.raised_at,
               alerts.c.level, clinics.c.platform, clinics.c.channel, clinics.c.timezone,
               identities.c.platform_user, members.c.label)
        .join(clinics, clinics.c.id == alerts.c.clinic_id)
        .outerjoin(identities, and_(identities.c.user_id == alerts.c.user_id,
                                    identities.c.platform == clinics.c.platform))
        .outerjoin(members, and_(members.c.clinic_id == alerts.c.clinic_id,
                                 members.c.user_id == alerts.c.user_id))
    )


def claim_due_alerts(db: Database, now: datetime, platforms: tuple[str, ...],
                     limit: int = 50) -> list[AlertRow]:
    """Lease unposted alerts of clinics on ``platforms``, oldest first."""
    on_platforms = select(clinics.c.id).where(clinics.c.platform.in_(platforms))
    with db.transaction() as connection:
        candidates = (
            select(alerts.c.id)
            .where(alerts.c.posted_at.is_(None),
                   alerts.c.clinic_id.in_(on_platforms.scalar_subquery()),
                   or_(alerts.c.lease_until.is_(None), alerts.c.lease_until < now))
            .order_by(alerts.c.raised_at)
            .limit(limit)
        )
        if not db.sqlite:
            candidates = candidates.with_for_update(skip_locked=True)
        claimed = connection.execute(
            update(alerts)
            .where(alerts.c.id.in_(candidates.scalar_subquery()))
            .values(lease_until=now + CLAIM_LEASE)
            .returning(alerts.c.id)
        ).scalars().all()
        if not claimed:
            return []
        rows = connection.execute(
            alert_rows()
            .where(alerts.c.id.in_(claimed))
            .order_by(alerts.c.raised_at, alerts.c.id)
        ).all()
    return [AlertRow(*tuple(r)) for r in rows]


def still_sharing(db: Database, clinic_id: int, user_id: int) -> bool:
    """Whether the person still shares with the clinic (withdrawn since: no alert)."""
    with db.engine.connect() as connection:
        found = connection.execute(
            select(members.c.id).where(_sharing(clinic_id), members.c.user_id == user_id)
        ).first()
    return found is not None


# --- clinician commands (read only; only members sharing right now) ----------------------


@dataclass(frozen=True, slots=True)
class SharingMember:
    """A member sharing with the clinic now, and what names them (no names stored but labels)."""

    user_id: int
    platform_user: str | None  # None: they chat on another platform than the clinic's
    label: str | None  # how the clinic named them on their invite


@dataclass(frozen=True, slots=True)
class SessionFact:
    """One counted check-in of a sharing member."""

    user_id: int
    local_date: date
    pain_before: int
    pain_after: int | None
    flare: bool
    status: str


def sharing_sessions(db: Database, clinic: ClinicRow, since: datetime | None = None
                     ) -> tuple[list[SharingMember], list[SessionFact]]:
    """The clinic's sharing members and their check-ins, oldest first.

    Only this clinic's members who share right now, wherever they chat (a
    patient linked by invite may be on another platform than the clinic);
    ``since`` limits the check-ins.
    """
    with db.engine.connect() as connection:
        return _sharing_sessions(connection, clinic, since)


def export_sessions(connection: Connection, clinic: ClinicRow
                    ) -> tuple[list[SharingMember], list[SessionFact]]:
    """Every check-in shared with the clinic now, read in the caller's transaction."""
    return _sharing_sessions(connection, clinic, None)


def _sharing_sessions(connection: Connection, clinic: ClinicRow, since: datetime | None
                      ) -> tuple[list[SharingMember], list[SessionFact]]:
    sharing = [SharingMember(*tuple(r)) for r in connection.execute(
        select(members.c.user_id, identities.c.platform_user, members.c.label)
        .outerjoin(identities, and_(identities.c.user_id == members.c.user_id,
                                    identities.c.platform == clinic.platform))
        .where(_sharing(clinic.id))
        .order_by(members.c.user_id)
    )]
    who = [m.user_id for m in sharing]
    query = (
        select(sessions.c.user_id, sessions.c.local_date, sessions.c.pain_before,
               sessions.c.pain_after, sessions.c.flare, sessions.c.status)
        .where(sessions.c.user_id.in_(who), sessions.c.status.in_(COUNTED))
        .order_by(sessions.c.at, sessions.c.id)
    )
    if since is not None:
        query = query.where(sessions.c.at >= since)
    rows = connection.execute(query).all() if who else []
    facts = [SessionFact(r.user_id, r.local_date, r.pain_before, r.pain_after, bool(r.flare),
                         r.status) for r in rows]
    return sharing, facts
