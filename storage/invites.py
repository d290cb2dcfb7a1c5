"""Clinic invite codes: created by a clinician, redeemed once by a patient.

Only the SHA-256 of a code is stored, so a leaked table gives nobody a
working code. Redemption is one conditional ``UPDATE`` inside the turn's
transaction: of two turns racing for a code, exactly one gets a row back.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Connection, insert, select, update

from storage.database import Database
from storage.models import Clinic, ClinicInvite

invites = ClinicInvite.__table__  # type: ignore[attr-defined]
clinics = Clinic.__table__  # type: ignore[attr-defined]

#: Why a code did not work (the flows word it kindly).
Refusal = Literal["unknown", "used", "expired"]
_CODE_BYTES = 18  # 24 URL-safe characters: within Telegram's 64-character start parameter


def new_code() -> str:
    """A fresh random code made of ``A-Za-z0-9_-`` only."""
    return secrets.token_urlsafe(_CODE_BYTES)


def code_hash(code: str) -> str:
    """What is stored for ``code``."""
    return hashlib.sha256(code.encode()).hexdigest()


def create(db: Database, clinic_id: int, now: datetime, lifetime: timedelta,
           label: str = "") -> str:
    """Store a new invite for the clinic and return its code (the only time it exists).

    ``label`` is how the clinic will name the person who uses it (optional).
    """
    code = new_code()
    with db.transaction() as connection:
        connection.execute(insert(invites).values(
            clinic_id=clinic_id, code_hash=code_hash(code), created_at=now,
            expires_at=now + lifetime, label=label or None))
    return code


def redeem(connection: Connection, code: str, user_id: int, now: datetime
           ) -> tuple[int, str, str] | Refusal:
    """Use the code for ``user_id``: the clinic's id, name and the person's label, or why not."""
    hashed = code_hash(code)
    used = connection.execute(
        update(invites)
        .where(invites.c.code_hash == hashed, invites.c.used_at.is_(None),
               invites.c.expires_at > now)
        .values(used_at=now, used_by=user_id)
        .returning(invites.c.clinic_id, invites.c.label)
    ).first()
    if used is not None:
        name = connection.execute(
            select(clinics.c.name).where(clinics.c.id == used.clinic_id)).scalar_one()
        return used.clinic_id, name, used.label or ""
    row = connection.execute(
        select(invites.c.used_at).where(invites.c.code_hash == hashed)).first()
    if row is None:
        return "unknown"
    return "used" if row.used_at is not None else "expired"
