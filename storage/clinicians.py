"""Clinicians: who a clinic trusts with named details, changed only by them, every change audited.

A role is checked against these rows on every clinician command and every
named post, never against channel membership (patients are in the call's
channel by design). Changes and their audit lines are written in one
transaction, so no change goes unrecorded and no refusal is lost.

Audit lines name no patient: a clinic by id, people by their neutral
platform id (``slack:<team>:<user>``), a viewed patient by ``user_id``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import ColumnElement, Connection, and_, insert, or_, select, update

from core.messages import OutgoingMessage
from storage.clinics import CLINIC_COLUMNS, ClinicRow, clinics, members, save_clinic_in
from storage.database import Database
from storage.models import Clinician
from storage.tables import audit, identities
from storage.turns import Queued, enqueue_many

clinicians = Clinician.__table__  # type: ignore[attr-defined]

#: Longest name kept for a clinician (how consent questions name them).
MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class ClinicianRow:
    """A current clinician of a clinic."""

    person: str  # neutral id on the clinic's platform (``<team>:<user>`` on Slack)
    name: str | None
    added_at: datetime


def actor(platform: str, person: str) -> str:
    """How an audit line names whoever acted (a platform id, never a name)."""
    return f"{platform}:{person}"


def write_audit(connection: Connection, now: datetime, kind: str, detail: str,
                user_id: int | None = None) -> None:
    """One audit line (``detail`` cut to the column's 255 characters)."""
    connection.execute(insert(audit).values(user_id=user_id, at=now, kind=kind,
                                            detail=detail[:255]))


def user_of(connection: Connection, platform: str, person: str) -> int | None:
    """The ``users.id`` of a platform person, if they ever talked to the bot."""
    value = connection.execute(
        select(identities.c.user_id).where(identities.c.platform == platform,
                                           identities.c.platform_user == person)
    ).scalar_one_or_none()
    return int(value) if value is not None else None


def _current(clinic_id: int) -> ColumnElement[bool]:
    return and_(clinicians.c.clinic_id == clinic_id, clinicians.c.removed_at.is_(None))


def current(db: Database, clinic_id: int) -> list[ClinicianRow]:
    """The clinic's clinicians now, in the order they were added."""
    with db.engine.connect() as connection:
        return current_in(connection, clinic_id)


def current_in(connection: Connection, clinic_id: int) -> list[ClinicianRow]:
    """:func:`current` inside the caller's transaction."""
    rows = connection.execute(
        select(clinicians.c.platform_user, clinicians.c.name, clinicians.c.added_at)
        .where(_current(clinic_id))
        .order_by(clinicians.c.added_at, clinicians.c.id)
    ).all()
    return [ClinicianRow(*row) for row in rows]


def audience(connection: Connection, clinic_id: int
             ) -> tuple[tuple[str | None, ...], str | None]:
    """The clinicians' names now, and their private channel (``None``: each one's DMs).

    Read in a turn's transaction, for the consent question.
    """
    place = connection.execute(
        select(clinics.c.details_channel, clinics.c.details_name)
        .where(clinics.c.id == clinic_id)
    ).first()
    names = tuple(c.name for c in current_in(connection, clinic_id))
    if place is None or place.details_channel is None:
        return names, None
    return names, place.details_name or place.details_channel


def is_clinician(db: Database, clinic_id: int, person: str) -> bool:
    """Whether ``person`` is one of the clinic's clinicians right now."""
    with db.engine.connect() as connection:
        return _is_clinician(connection, clinic_id, person)


def _is_clinician(connection: Connection, clinic_id: int, person: str) -> bool:
    return connection.execute(
        select(clinicians.c.id).where(_current(clinic_id),
                                      clinicians.c.platform_user == person)
    ).first() is not None


def clinics_of(db: Database, platform: str, person: str) -> list[ClinicRow]:
    """Every clinic on ``platform`` where ``person`` is a clinician now, oldest first."""
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(*CLINIC_COLUMNS)
            .join(clinicians, clinicians.c.clinic_id == clinics.c.id)
            .where(clinics.c.platform == platform, clinicians.c.platform_user == person,
                   clinicians.c.removed_at.is_(None))
            .order_by(clinics.c.id)
        ).all()
    return [ClinicRow(*row) for row in rows]


def clinic_of_channel(db: Database, platform: str, team: str, channel: str
                      ) -> ClinicRow | None:
    """The clinic whose call channel or clinicians' channel ``channel`` is."""
    with db.engine.connect() as connection:
        row = connection.execute(
            select(*CLINIC_COLUMNS)
            .where(clinics.c.platform == platform, clinics.c.team == team,
                   or_(clinics.c.channel == channel, clinics.c.details_channel == channel))
            .order_by(clinics.c.id)
        ).first()
    return ClinicRow(*row) if row is not None else None


def grant(connection: Connection, clinic_id: int, person: str, name: str | None, by: str,
          now: datetime) -> bool:
    """Make ``person`` a clinician (again); ``False`` if they already are one.

    The caller writes the audit line (it knows who asked and why).
    """
    name = (name or "").strip()[:MAX_NAME] or None
    if _is_clinician(connection, clinic_id, person):
        if name is not None:
            connection.execute(update(clinicians)
                               .where(_current(clinic_id), clinicians.c.platform_user == person)
                               .values(name=name))
        return False
    again = connection.execute(
        update(clinicians)
        .where(clinicians.c.clinic_id == clinic_id, clinicians.c.platform_user == person)
        .values(name=name, added_at=now, added_by=by, removed_at=None)
    ).rowcount
    if not again:
        connection.execute(insert(clinicians).values(
            clinic_id=clinic_id, platform_user=person, name=name, added_at=now, added_by=by))
    return True


Revoked = Literal["removed", "not_a_clinician", "last"]


def revoke(connection: Connection, clinic_id: int, person: str, now: datetime) -> Revoked:
    """Take the role away (the name is forgotten); never from the clinic's last clinician."""
    if not _is_clinician(connection, clinic_id, person):
        return "not_a_clinician"
    if len(current_in(connection, clinic_id)) == 1:
        return "last"
    connection.execute(
        update(clinicians)
        .where(_current(clinic_id), clinicians.c.platform_user == person)
        .values(removed_at=now, name=None)
    )
    return "removed"


@dataclass(frozen=True, slots=True)
class Schedule:
    """What ``clinic setup`` asks for (the adapter checked where details may go)."""

    name: str
    call_time: str
    timezone: str
    window_hours: int
    next_call_at: datetime
    details_channel: str | None
    details_name: str | None
    keep_details: bool  # nothing said about details: an existing clinic keeps its own


SetUp = Literal["created", "changed", "refused", "details_taken"]


def set_up(db: Database, *, platform: str, team: str, channel: str, schedule: Schedule,
           by: str, by_name: str | None, now: datetime, note: OutgoingMessage | None = None
           ) -> tuple[ClinicRow | None, SetUp, list[Queued]]:
    """Create a channel's clinic (its creator its first clinician) or change its settings.

    Changing an existing clinic is for its clinicians: anyone else is refused
    and the refusal audited, all in one transaction with the check. A
    clinicians' channel already used by another clinic is refused too. A
    ``note`` for the channel is queued in the outbox in the same transaction
    (leased to this process), so the clinic is never saved without it.
    """
    with db.transaction() as connection:
        existing = connection.execute(
            select(*CLINIC_COLUMNS).where(clinics.c.platform == platform,
                                           clinics.c.team == team, clinics.c.channel == channel)
        ).first()
        found = ClinicRow(*existing) if existing is not None else None
        who = actor(platform, by)
        if found is not None and not _is_clinician(connection, found.id, by):
            write_audit(connection, now, "clinician_refused",
                        f"clinic {found.id}: clinic setup by {who}",
                        user_of(connection, platform, by))
            return found, "refused", []
        details = (schedule.details_channel, schedule.details_name)
        if found is not None and schedule.keep_details:
            details = (found.details_channel, found.details_name)
        if details[0] is not None and _taken(connection, platform, team, details[0],
                                             found.id if found else None, channel):
            return found, "details_taken", []
        clinic = save_clinic_in(
            connection, name=schedule.name, platform=platform, team=team, channel=channel,
            call_time=schedule.call_time, timezone=schedule.timezone,
            window_hours=schedule.window_hours, next_call_at=schedule.next_call_at, now=now,
            details_channel=details[0], details_name=details[1])
        where = details[0] or "dm"
        queued = (enqueue_many(connection, [(None, platform, channel, note)], now)
                  if note is not None else [])
        if found is None:
            grant(connection, clinic.id, by, by_name, by, now)
            write_audit(connection, now, "clinic_set_up",
                        f"clinic {clinic.id} by {who}; details to {where}")
            write_audit(connection, now, "clinician_added",
                        f"clinic {clinic.id}: {who} by {who} (set it up)")
            return clinic, "created", queued
        write_audit(connection, now, "clinic_changed",
                    f"clinic {clinic.id}: {schedule.call_time} {schedule.timezone} "
                    f"{schedule.window_hours}h, details to {where}, by {who}")
        return clinic, "changed", queued


def _taken(connection: Connection, platform: str, team: str, details: str,
           clinic_id: int | None, own_channel: str) -> bool:
    """Whether ``details`` already is another clinic's call or clinicians' channel."""
    if details == own_channel:
        return False
    other = connection.execute(
        select(clinics.c.id).where(
            clinics.c.platform == platform, clinics.c.team == team,
            or_(clinics.c.channel == details, clinics.c.details_channel == details),
            *([clinics.c.id != clinic_id] if clinic_id is not None else []))
    ).first()
    return other is not None


def tell_sharing_patients(connection: Connection, clinic_id: int, message: OutgoingMessage,
                          now: datetime) -> int:
    """Queue ``message`` to every patient sharing with the clinic now, in their own chat.

    One chat each: the one on the clinic's platform if they have one there,
    else the one they used first. Left to the outbox relay (not leased), so
    a patient on another platform gets it from the process that serves it.
    """
    platform = connection.execute(
        select(clinics.c.platform).where(clinics.c.id == clinic_id)).scalar_one()
    rows = connection.execute(
        select(identities.c.user_id, identities.c.platform, identities.c.chat)
        .join(members, members.c.user_id == identities.c.user_id)
        .where(members.c.clinic_id == clinic_id, members.c.consent_given_at.is_not(None),
               members.c.consent_withdrawn_at.is_(None))
        .order_by(identities.c.user_id, identities.c.platform != platform, identities.c.id)
    ).all()
    chosen: dict[int, tuple[str, str]] = {}
    for user_id, on, chat in rows:
        chosen.setdefault(user_id, (on, chat))
    enqueue_many(connection, [(user_id, on, chat, message)
                              for user_id, (on, chat) in chosen.items()], now, leased=False)
    return len(chosen)


def stop(db: Database, clinic_id: int, by: str, platform: str, now: datetime) -> None:
    """No more calls for the clinic (its clinicians and records stay), audited."""
    with db.transaction() as connection:
        connection.execute(update(clinics).where(clinics.c.id == clinic_id)
                           .values(next_call_at=None, lease_until=None))
        write_audit(connection, now, "clinic_off",
                    f"clinic {clinic_id} by {actor(platform, by)}")
