"""Clinic channels on Slack: the call button, the clinic dispatcher's poster, clinicians' DMs.

A press of the call's button is turned into the person's own event in their
DM with the app: the check-in (and, the first time, the consent-to-share
question) never happens in the channel. The daily call and the named details
(summaries, charts, alerts) are posted by :class:`bot.clinics.ClinicDispatcher`
through :class:`SlackChannelPoster`, which also tells the dispatcher whether a
channel holds only a clinic's clinicians.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection, Sequence

from bot.clinics import post_patiently
from bot.clock import Clock
from bot.delivery import DeliveryError
from bot.engine import TurnResult
from bot.service import BotService
from bot.slack.clinician_commands import named_patients, names_of
from bot.slack.events import PLATFORM, Press, slack_user
from bot.slack.people import People, SlackSlow, promptly
from bot.slack.roles import Allowed
from bot.slack.sender import SlackSender
from core.messages import Document, OutgoingMessage
from flows import clinic as flows
from flows import clinic_reports as reports
from flows import texts
from storage import clinicians as roles
from storage import clinics as store
from storage.database import Database
from storage.turns import stored_chat

log = logging.getLogger(__name__)


class SlackChannelPoster:
    """The clinic dispatcher's :class:`~bot.clinics.ChannelPoster` for Slack."""

    platform = PLATFORM

    def __init__(self, sender: SlackSender, people: People) -> None:
        self.sender = sender
        self.people = people

    async def post(self, channel: str, message: OutgoingMessage, *,
                   thread: str | None = None) -> str:
        """Post in the channel (or its thread); return the post's ``ts``."""
        return await self.sender.post(channel, message, thread=thread)

    async def names(self, users: Sequence[str]) -> dict[str, str]:
        """Display names of neutral Slack user ids, looked up now (unknown ones left out)."""
        return await names_of(self.people, users)

    async def clinicians_only(self, channel: str, clinicians: Collection[str]) -> bool:
        """Whether ``channel`` is private and every member is one of ``clinicians``.

        Asked of Slack every time; anything Slack cannot say counts as no.
        """
        try:
            facts = await self.people.channel(channel)
            if facts is None or not facts.private or facts.direct or not facts.member:
                return False
            team = next(iter(clinicians), ":").partition(":")[0]
            members = await self.people.members(channel)
        except DeliveryError as error:
            log.warning("who is in a clinicians' channel is not known: %s", error)
            return False
        return {f"{team}:{m}" for m in members} <= set(clinicians)

    async def dm(self, person: str) -> str:
        """The DM channel of a neutral person id (``<team>:<user>``).

        Raises:
            DeliveryError: Slack would not open it.

        """
        return await self.people.dm(slack_user(person))


class ClinicChannels:
    """The button side of clinic channels, and the clinicians' export."""

    def __init__(self, db: Database, clock: Clock, sender: SlackSender,
                 people: People) -> None:
        self.db = db
        self.clock = clock
        self.sender = sender
        self.people = people

    async def press(self, pressed: Press, service: BotService) -> TurnResult | None:
        """A member pressed a call button: their check-in opens in their DM.

        The button must belong to the clinic of the channel it was pressed in.
        """
        clinic_id = flows.joined_clinic(pressed.choice)
        if clinic_id is None:
            return None
        clinic = await asyncio.to_thread(store.get_clinic, self.db, clinic_id)
        if clinic is None or clinic.channel != pressed.channel or clinic.team != pressed.team:
            log.warning("a clinic button was pressed outside its clinic's channel")
            await asyncio.to_thread(self._refused, clinic_id, pressed)
            return None
        dm = await self.dm_of(pressed.user, pressed.person)
        if dm is None:
            return None
        result = await service.handle_then_deliver_later(pressed.event(dm))
        if not result.duplicate:
            await self.tell(pressed.channel, pressed.user, texts.slash.CHECKIN_IN_DM)
        return result

    def _refused(self, clinic_id: int, pressed: Press) -> None:
        """A call button where its clinic's call is not (a crafted press): audited."""
        with self.db.transaction() as connection:
            roles.write_audit(
                connection, self.clock.now(), "clinic_button_refused",
                f"clinic {clinic_id}: call pressed in {pressed.channel} by "
                f"{roles.actor(PLATFORM, pressed.person)}",
                roles.user_of(connection, PLATFORM, pressed.person))

    async def dm_of(self, user: str, person: str) -> str | None:
        """The person's DM with the app: asked of Slack within the budget, else as stored."""
        try:
            return await promptly(self.people.dm(user))
        except (SlackSlow, DeliveryError) as error:
            known = await asyncio.to_thread(stored_chat, self.db, PLATFORM, person)
            if known is None:
                log.warning("no slack DM for a press or command (%s)", type(error).__name__)
            return known

    async def tell(self, channel: str, user: str, text: str) -> None:
        """An ephemeral note in ``channel`` that only ``user`` sees (a courtesy: no retries)."""
        try:
            await promptly(self.sender.client.chat_postEphemeral(channel=channel, user=user,
                                                                 text=text))
        except Exception as error:  # noqa: BLE001 - a courtesy note; nothing depends on it
            log.info("ephemeral note not shown: %s", type(error).__name__)

    async def export(self, allowed: Allowed) -> None:
        """Every check-in shared with the clinic, as a CSV file in the clinician's DM.

        Runs after Slack got its answer (a large clinic takes a while). A file
        in the DM reaches the clinician alone, however long it is. The rows are
        audited as they are read; a refusal or a Retry-After that outlasts a few
        attempts is told to the clinician, who can ask again.
        """
        R = texts.clinic_reports
        clinic, asker = allowed.clinic, allowed.asker
        now = self.clock.now()
        sharing, facts = await asyncio.to_thread(store.export_sessions, self.db, clinic, now,
                                                 asker.actor)
        patients = [p for _, p in await named_patients(self.people, sharing, facts,
                                                       budget=None)]
        csv_file = Document(reports.export_csv(patients).encode(),
                            f"clinic-check-ins-{now.date().isoformat()}.csv",
                            R.EXPORT_TITLE.format(clinic=clinic.name), "text/csv")
        message = OutgoingMessage(R.EXPORT_INTRO.format(clinic=clinic.name, rows=len(facts)),
                                  documents=(csv_file,))
        try:
            await post_patiently(self.sender, None, await self.people.dm(asker.user), message)
        except DeliveryError as error:
            log.warning("clinic %d: export not delivered: %s", clinic.id, error)
            await self.tell(asker.channel, asker.user, R.EXPORT_FAILED)
            return
        log.info("clinic %d exported its shared check-ins", clinic.id)

