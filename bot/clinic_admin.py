"""``sciatica-bot clinics``: what an operator can do for clinics from the command line.

Clinics set up before clinician roles existed (revision ``0006_clinicians``)
have none, so their named details go nowhere and nobody may run their
clinician commands. An operator names the first clinician here (audited as
done from the command line); from then on the clinicians manage the role in
Slack themselves. Nobody is ever made a clinician by being in a channel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from storage import clinicians as roles
from storage.clinics import clinics
from storage.database import Database

OPERATOR = "the command line"


def list_clinics(db: Database, write: Callable[[str], None]) -> None:
    """One line per clinic: id, name, platform, calls on or off, where details go, clinicians."""
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(clinics.c.id, clinics.c.name, clinics.c.platform, clinics.c.next_call_at,
                   clinics.c.details_name).order_by(clinics.c.id)).all()
    if not rows:
        write("no clinics")
    for row in rows:
        count = len(roles.current(db, row.id))
        calls = "calls on" if row.next_call_at is not None else "calls off"
        details = row.details_name or "clinicians' DMs"
        write(f"{row.id}\t{row.name}\t{row.platform}\t{calls}\tdetails: {details}\t"
              f"clinicians: {count}")


def add_clinician(db: Database, clinic_id: int, person: str, name: str | None,
                  now: datetime) -> str:
    """Make ``person`` (``<team>:<user>`` on Slack) a clinician of the clinic; what happened.

    Raises:
        LookupError: there is no such clinic, or ``person`` is not shaped like a Slack id.

    """
    team, _, user = person.partition(":")
    if not (team.startswith("T") and user[:1] in ("U", "W") and person.isascii()):
        raise LookupError(f"{person!r} is not a Slack person (TEAM:USER, e.g. T012AB:U345CD)")
    with db.transaction() as connection:
        platform = connection.execute(
            select(clinics.c.platform).where(clinics.c.id == clinic_id)).scalar_one_or_none()
        if platform is None:
            raise LookupError(f"there is no clinic {clinic_id}")
        if not roles.grant(connection, clinic_id, person, name, OPERATOR, now):
            return f"{person} already is a clinician of clinic {clinic_id}"
        roles.write_audit(connection, now, "clinician_added",
                          f"clinic {clinic_id}: {roles.actor(platform, person)} by {OPERATOR}")
    return f"{person} is now a clinician of clinic {clinic_id}"
