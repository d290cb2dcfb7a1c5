"""Who may run a clinician command: the clinic's clinicians, checked on every command.

Never channel membership: patients are in a clinic's call channel by
design. The clinic is the one whose call or clinicians' channel the command
was typed in; elsewhere (a DM with the app) the one clinic the person is a
clinician of. Every refusal says plainly who the command is for and is
written in the audit log with who asked (a platform id, never a name).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.clock import Clock
from bot.slack.events import PLATFORM, person
from flows import texts
from storage import clinicians as roles
from storage.clinics import ClinicRow
from storage.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Asker:
    """Who typed a command, and where."""

    team: str
    user: str
    channel: str

    @classmethod
    def of(cls, body: Mapping[str, Any]) -> Asker:
        """From a slash command's payload."""
        return cls(str(body["team_id"]), str(body["user_id"]), str(body["channel_id"]))

    @property
    def person(self) -> str:
        """The neutral id (``<team>:<user>``)."""
        return person(self.team, self.user)

    @property
    def in_channel(self) -> bool:
        """Typed in a public (C) or private (G) channel rather than a DM."""
        return self.channel[:1] in ("C", "G")

    @property
    def actor(self) -> str:
        """How the audit log names them."""
        return roles.actor(PLATFORM, self.person)


@dataclass(frozen=True, slots=True)
class Allowed:
    """A clinician of ``clinic`` asked."""

    clinic: ClinicRow
    asker: Asker


class Gate:
    """Checks the role for every clinician command, and audits each refusal."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def check(self, asker: Asker, command: str) -> Allowed | str:
        """The clinic ``asker`` may run ``command`` for, or the answer that refuses them."""
        return await asyncio.to_thread(self._check, asker, command)

    def _check(self, asker: Asker, command: str) -> Allowed | str:
        R = texts.clinic_reports
        here = (roles.clinic_of_channel(self.db, PLATFORM, asker.team, asker.channel)
                if asker.in_channel else None)
        if here is not None:
            if roles.is_clinician(self.db, here.id, asker.person):
                return Allowed(here, asker)
            self.refused(asker, command, here)
            return R.NOT_A_CLINICIAN.format(command=command, clinic=here.name)
        mine = [c for c in roles.clinics_of(self.db, PLATFORM, asker.person)
                if c.team == asker.team]
        if len(mine) == 1:
            return Allowed(mine[0], asker)
        if mine:
            return R.SEVERAL_CLINICS.format(clinics=", ".join(c.name for c in mine))
        self.refused(asker, command, None)
        return R.NOT_A_CLINICIAN_ANYWHERE.format(command=command)

    def refused(self, asker: Asker, command: str, clinic: ClinicRow | None) -> None:
        """Write the refusal in the audit log (who, which command, which clinic; no names)."""
        where = f"clinic {clinic.id}" if clinic is not None else "no clinic"
        with self.db.transaction() as connection:
            roles.write_audit(connection, self.clock.now(), "clinician_refused",
                              f"{where}: {command} by {asker.actor}",
                              roles.user_of(connection, PLATFORM, asker.person))
        log.info("a clinician command was refused to someone who is not a clinician there")
