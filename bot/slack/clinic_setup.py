"""``/sciatica clinic setup``: a clinic's call channel, its schedule, where named details go.

``/sciatica clinic setup [HH:MM] [time zone] [window hours] [details #channel | details
here | details dm]`` typed in the channel for the daily call. Whoever sets a
clinic up is its first clinician; changing it later is for its clinicians.
Named details go to a private channel of the clinicians or to each one's
direct messages (the default): a public channel is refused with the reason,
since anyone in the workspace can read it. The call's channel itself never
gets a name, a score or an alert.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from bot.clock import Clock
from bot.delivery import DeliveryError
from bot.slack.events import PLATFORM, mentioned_channel, person
from bot.slack.people import ChannelFacts, People, SlackSlow, promptly
from bot.slack.roles import Asker
from core.messages import OutgoingMessage
from flows import clinic as flows
from flows import texts
from storage import clinicians as roles
from storage.clinics import ClinicRow
from storage.database import Database
from storage.turns import Queued

log = logging.getLogger(__name__)

_DMS = frozenset({"dm", "dms", "direct", "directly"})


@dataclass(frozen=True, slots=True)
class Details:
    """Where named details go: a private channel (id and name), or each clinician's DMs."""

    channel: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class SetupDone:
    """A clinic set up or changed: the answer for its clinician, the channel's note queued."""

    clinic: ClinicRow
    answer: str
    queued: list[Queued]


class ClinicSetup:
    """Checks where things may go, then creates or changes the clinic (and its first role)."""

    def __init__(self, db: Database, clock: Clock, people: People) -> None:
        self.db = db
        self.clock = clock
        self.people = people

    async def run(self, asker: Asker, args: Sequence[str]) -> SetupDone | str:
        """The set-up clinic and what to say, or the answer explaining why not.

        Raises:
            SlackSlow: Slack did not answer a lookup within the request's budget.
            DeliveryError: Slack failed a lookup for now.

        """
        T = texts.clinic
        if not asker.in_channel:
            return T.SETUP_ONLY_IN_CHANNEL
        owner = await asyncio.to_thread(roles.clinic_of_channel, self.db, PLATFORM,
                                        asker.team, asker.channel)
        if owner is not None and owner.channel != asker.channel:
            return T.SETUP_DETAILS_CHANNEL.format(clinic=owner.name)
        here = await promptly(self.people.channel(asker.channel))
        if here is None or not here.member:
            return T.SETUP_NOT_IN_CHANNEL
        schedule_args, details_args = _split(args)
        details = await self._details(here, details_args)
        if isinstance(details, str):
            return details
        default_zone = await promptly(self.people.timezone(asker.user)) or "UTC"
        setup = flows.parse_setup(schedule_args, default_zone)
        if isinstance(setup, str):
            return setup
        by_name = await promptly(self.people.name(asker.user))
        now = self.clock.now()
        schedule = roles.Schedule(
            name=f"#{here.name}", call_time=setup.call_time, timezone=setup.timezone,
            window_hours=setup.window_hours,
            next_call_at=flows.next_call(setup.call_time, setup.timezone, now),
            details_channel=details.channel if details else None,
            details_name=details.name if details else None, keep_details=details is None)
        note = OutgoingMessage(T.SETUP_DONE.format(
            time=setup.call_time, zone=setup.timezone,
            hours=flows.hours_text(setup.window_hours)))
        clinic, outcome, queued = await asyncio.to_thread(
            roles.set_up, self.db, platform=PLATFORM, team=asker.team, channel=asker.channel,
            schedule=schedule, by=asker.person, by_name=by_name, now=now, note=note)
        if outcome == "refused" and clinic is not None:
            log.info("clinic %d: a setup by someone not its clinician was refused", clinic.id)
            return texts.clinic_reports.NOT_A_CLINICIAN.format(command="clinic setup",
                                                               clinic=clinic.name)
        if outcome == "details_taken" or clinic is None:
            return T.SETUP_DETAILS_TAKEN
        log.info("clinic %d set up in a slack channel (%s)", clinic.id, outcome)
        role = (T.SETUP_ROLE_NEW if outcome == "created" else T.SETUP_ROLE_CHANGED)
        place = (T.PLACE_DMS if clinic.details_channel is None
                 else T.PLACE_CHANNEL.format(place=clinic.details_name))
        answer = T.SETUP_ANSWER.format(role=role.format(clinic=clinic.name), place=place,
                                       clinic=clinic.name)
        others = await self._others_in(clinic)
        if others:
            answer += "\n" + T.SETUP_DETAILS_OTHERS.format(
                place=clinic.details_name, clinic=clinic.name, count=others)
        return SetupDone(clinic, answer, queued)

    async def _others_in(self, clinic: ClinicRow) -> int:
        """How many in the clinicians' channel are not its clinicians (0 when unknown)."""
        if clinic.details_channel is None:
            return 0
        try:
            members = await promptly(self.people.members(clinic.details_channel))
        except (SlackSlow, DeliveryError):
            return 0
        current = {c.person for c in await asyncio.to_thread(roles.current, self.db, clinic.id)}
        return len({person(clinic.team, m) for m in members} - current)

    async def _details(self, here: ChannelFacts, args: Sequence[str]) -> Details | str | None:
        """Where named details go (``None``: not said), or why that place is refused."""
        T = texts.clinic
        if not args:
            return None
        if len(args) != 1:
            return T.SETUP_DETAILS_UNREADABLE
        word = args[0].lower()
        if word in _DMS:
            return Details(None, None)
        target = here
        if word != "here":
            mention = mentioned_channel(args[0])
            if mention is None:
                return T.SETUP_DETAILS_UNREADABLE
            found = await promptly(self.people.channel(mention[0]))
            if found is None or not found.member:
                return T.SETUP_DETAILS_NOT_FOUND
            target = found
        if target.direct:
            return T.SETUP_DETAILS_UNREADABLE
        if not target.private:
            return T.SETUP_PUBLIC_DETAILS.format(place=f"#{target.name}")
        return Details(target.id, f"#{target.name}")


def _split(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """The schedule's words, and what follows ``details``."""
    words = list(args)
    for index, word in enumerate(words):
        if word.lower() == "details":
            return words[:index], words[index + 1:]
    return words, []
