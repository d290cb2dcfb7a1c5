"""The clinicians' commands: patients, one patient, export, invites, clinicians, settings, off.

Each is answered to the clinician who asked, alone (the slash command's
answer), after :class:`bot.slack.roles.Gate` checked their role. Each is
written in the audit log with who asked and, for one patient's history,
whose it was (a ``user_id``, never a name). Slack lookups (names) have a
budget: the answer comes within Slack's 3 seconds whatever the Web API does.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta

from bot.clinic_posts import member_scores, named
from bot.clock import Clock
from bot.settings import Settings
from bot.slack.events import PLATFORM, mentioned_user, person, slack_user
from bot.slack.people import LOOKUP_BUDGET, People, promptly
from bot.slack.roles import Allowed
from core.messages import OutgoingMessage
from flows import clinic as flows
from flows import clinic_reports as reports
from flows import texts
from flows.zones import zone
from storage import clinicians as roles
from storage import clinics as store
from storage import invites, outcomes
from storage.database import Database

log = logging.getLogger(__name__)

#: Longest patient name an invite keeps (what a summary line can carry).
MAX_LABEL = 64
#: Days of check-ins a clinician's patient list and history read.
HISTORY_DAYS = 60


async def names_of(people: People, users: Sequence[str]) -> dict[str, str]:
    """Display names of neutral Slack user ids, looked up now (unknown ones left out)."""
    found = await asyncio.gather(*(people.name(slack_user(u)) for u in users))
    return {u: name for u, name in zip(users, found, strict=True) if name is not None}


def place_text(clinic: store.ClinicRow) -> str:
    """Where the clinic's named details go, as the clinicians' answers say it."""
    R = texts.clinic_reports
    if clinic.details_channel is None:
        return R.PLACE_DMS
    return R.PLACE_CHANNEL.format(place=clinic.details_name or clinic.details_channel)


class ClinicianCommands:
    """What a clinician may ask of their clinic (the role was checked before)."""

    def __init__(self, db: Database, clock: Clock, people: People, settings: Settings) -> None:
        self.db = db
        self.clock = clock
        self.people = people
        self.settings = settings

    # --- reading ---------------------------------------------------------------------

    async def patients(self, allowed: Allowed) -> str:
        """Every sharing patient: check-ins over two weeks, pain direction, last check-in."""
        clinic = allowed.clinic
        patients = await self._patients(clinic)
        await self._audit(allowed, "clinic_viewed", "patients")
        today = self.clock.now().astimezone(zone(clinic.timezone)).date()
        return reports.patients_text([p for _, p in patients], today)

    async def patient(self, allowed: Allowed, args: Sequence[str]) -> str:
        """One sharing patient's recent check-ins, by list number or name."""
        patients = await self._patients(allowed.clinic)
        wanted = reports.find([p for _, p in patients], " ".join(args))
        if wanted is None:
            return texts.clinic_reports.NO_SUCH_PATIENT
        user_id = next(u for u, p in patients if p is wanted)
        await self._audit(allowed, "clinic_viewed", f"patient {user_id}", user_id=user_id)
        return reports.history_text(wanted)

    async def _patients(self, clinic: store.ClinicRow) -> list[tuple[int, reports.Patient]]:
        """Each sharing member (``user_id``, facts), named by the one rule (``member_name``)."""
        since = self.clock.now() - timedelta(days=HISTORY_DAYS)
        sharing, facts = await asyncio.to_thread(store.sharing_sessions, self.db, clinic, since)
        scores = await asyncio.to_thread(member_scores, self.db, sharing, since)
        return await named_patients(self.people, sharing, facts, scores)

    async def settings_text(self, allowed: Allowed) -> str:
        """The clinic's schedule, where named details go, how many clinicians."""
        R = texts.clinic_reports
        clinic = allowed.clinic
        count = len(await asyncio.to_thread(roles.current, self.db, clinic.id))
        calls = (R.SETTINGS_OFF if clinic.next_call_at is None else R.SETTINGS_CALLS.format(
            time=clinic.call_time, zone=clinic.timezone,
            hours=flows.hours_text(clinic.window_hours)))
        await self._audit(allowed, "clinic_viewed", "settings")
        return R.SETTINGS.format(clinic=clinic.name, calls=calls, place=place_text(clinic),
                                 count=count)

    # --- clinicians ------------------------------------------------------------------

    async def clinicians(self, allowed: Allowed, args: Sequence[str]) -> str:
        """``list``, ``add @name ...`` or ``remove @name ...``."""
        verb = args[0].lower() if args else "list"
        if verb == "list":
            return await self._list(allowed)
        if verb not in ("add", "remove"):
            return texts.clinic_reports.CLINICIANS_USAGE
        mentioned = [m for m in (mentioned_user(a) for a in args[1:]) if m is not None]
        if not mentioned or len(mentioned) != len(args) - 1:
            return texts.clinic_reports.CLINICIAN_WHO
        answers = []
        for user, handle in mentioned:
            change = self._add if verb == "add" else self._remove
            answers.append(await change(allowed, user, handle))
        return "\n".join(answers)

    async def _list(self, allowed: Allowed) -> str:
        R = texts.clinic_reports
        clinic = allowed.clinic
        current = await asyncio.to_thread(roles.current, self.db, clinic.id)
        await self._audit(allowed, "clinic_viewed", "clinicians")
        tz = zone(clinic.timezone)
        lines = [R.CLINICIANS_HEADER.format(clinic=clinic.name, place=place_text(clinic))]
        lines.extend(
            R.CLINICIAN_LINE.format(number=n, name=c.name or R.CLINICIAN_UNNAMED,
                                    since=c.added_at.astimezone(tz).strftime("%a %d %b")
                                    .replace(" 0", " "))
            for n, c in enumerate(current, start=1))
        lines.append(R.CLINICIANS_FOOTER)
        return "\n".join(lines)

    async def _add(self, allowed: Allowed, user: str, handle: str) -> str:
        R = texts.clinic_reports
        clinic = allowed.clinic
        if await promptly(self.people.is_bot(user)):
            return R.CLINICIAN_NOT_A_PERSON.format(name=handle or user)
        name = await promptly(self.people.name(user)) or handle or None
        shown = name or R.CLINICIAN_UNNAMED
        added = await asyncio.to_thread(self._grant, allowed, person(allowed.asker.team, user),
                                        name)
        if not added:
            return R.CLINICIAN_ALREADY.format(name=shown, clinic=clinic.name)
        log.info("clinic %d has a new clinician", clinic.id)
        return R.CLINICIAN_ADDED.format(name=shown, clinic=clinic.name)

    def _grant(self, allowed: Allowed, who: str, name: str | None) -> bool:
        """Grant, audit and tell the sharing patients, in one transaction."""
        clinic, now = allowed.clinic, self.clock.now()
        notice = OutgoingMessage(texts.clinic.NEW_CLINICIAN.format(
            clinic=clinic.name, name=name or texts.clinic_reports.CLINICIAN_UNNAMED))
        with self.db.transaction() as connection:
            if not roles.grant(connection, clinic.id, who, name, allowed.asker.person, now):
                return False
            roles.write_audit(connection, now, "clinician_added",
                              f"clinic {clinic.id}: {roles.actor(PLATFORM, who)} "
                              f"by {allowed.asker.actor}")
            roles.tell_sharing_patients(connection, clinic.id, notice, now)
        return True

    async def _remove(self, allowed: Allowed, user: str, handle: str) -> str:
        R = texts.clinic_reports
        clinic = allowed.clinic
        who = person(allowed.asker.team, user)
        current = {c.person: c.name for c in
                   await asyncio.to_thread(roles.current, self.db, clinic.id)}
        shown = current.get(who) or handle or R.CLINICIAN_UNNAMED
        outcome = await asyncio.to_thread(self._revoke, allowed, who)
        template = {"removed": R.CLINICIAN_REMOVED, "not_a_clinician": R.CLINICIAN_NOT_ONE,
                    "last": R.CLINICIAN_LAST}[outcome]
        return template.format(name=shown, clinic=clinic.name)

    def _revoke(self, allowed: Allowed, who: str) -> roles.Revoked:
        clinic, now = allowed.clinic, self.clock.now()
        with self.db.transaction() as connection:
            outcome = roles.revoke(connection, clinic.id, who, now)
            if outcome == "removed":
                roles.write_audit(connection, now, "clinician_removed",
                                  f"clinic {clinic.id}: {roles.actor(PLATFORM, who)} "
                                  f"by {allowed.asker.actor}")
        return outcome

    # --- invites and calls -------------------------------------------------------------

    async def invite(self, allowed: Allowed, args: Sequence[str]) -> str:
        """A new single-use invite code; ``args`` name the patient as the clinic will see them."""
        T = texts.clinic
        clinic = allowed.clinic
        days = self.settings.clinic_invite_days
        label = " ".join(args)[:MAX_LABEL]
        code = await asyncio.to_thread(invites.create, self.db, clinic.id, self.clock.now(),
                                       timedelta(days=days), label)
        await self._audit(allowed, "clinic_invite", "invite created")
        username = self.settings.telegram_bot_username.lstrip("@")
        telegram = (T.INVITE_TELEGRAM_LINK.format(username=username, code=code) if username
                    else T.INVITE_TELEGRAM_TYPED.format(code=code))
        log.info("clinic %d created an invite", clinic.id)
        naming = T.INVITE_NAMED.format(label=label) if label else T.INVITE_UNNAMED
        return T.INVITE_CREATED.format(clinic=clinic.name, days=days, telegram=telegram,
                                       code=code, naming=naming)

    async def off(self, allowed: Allowed) -> str:
        """No more calls; the clinic, its clinicians and what was shared stay."""
        await asyncio.to_thread(roles.stop, self.db, allowed.clinic.id, allowed.asker.person,
                                PLATFORM, self.clock.now())
        return texts.clinic.OFF_DONE.format(clinic=allowed.clinic.name)

    async def _audit(self, allowed: Allowed, kind: str, what: str,
                     user_id: int | None = None) -> None:
        detail = f"clinic {allowed.clinic.id}: {what} by {allowed.asker.actor}"

        def write() -> None:
            with self.db.transaction() as connection:
                roles.write_audit(connection, self.clock.now(), kind, detail, user_id)

        await asyncio.to_thread(write)


async def named_patients(people: People, sharing: Sequence[store.SharingMember],
                         facts: Sequence[store.SessionFact],
                         scores: Sequence[outcomes.Score] = (), *,
                         budget: float | None = LOOKUP_BUDGET
                         ) -> list[tuple[int, reports.Patient]]:
    """Each sharing member with their check-ins and answers, named by the one rule.

    ``budget=None`` for work that runs after Slack got its answer.

    Raises:
        SlackSlow: Slack did not give the names within ``budget`` seconds.

    """
    unlabelled = [m.platform_user for m in sharing
                  if not m.label and m.platform_user is not None]
    lookup = names_of(people, unlabelled)
    names = await (lookup if budget is None else promptly(lookup, budget))
    return list(zip([m.user_id for m in sharing], named(sharing, names, facts, scores),
                    strict=True))
