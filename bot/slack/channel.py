"""Clinic channels on Slack: the call button, the clinicians' export, the dispatcher's poster.

A press of the call's button is turned into the person's own event in their
DM with the app: the check-in (and, the first time, the consent-to-share
question) never happens in the channel. The daily call and the named details
(summaries, charts, alerts) are queued by :class:`bot.clinics.ClinicDispatcher`
in the outbox; :class:`SlackChannelPoster` tells it how the workspace names
people and whether a channel holds only a clinic's clinicians.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection, Coroutine, Sequence
from typing import Any

from bot.clinic_posts import request
from bot.clock import Clock
from bot.delivery import Deliverer, DeliveryError
from bot.engine import TurnResult
from bot.service import BotService
from bot.slack.clinician_commands import names_of
from bot.slack.events import PLATFORM, Press, slack_user
from bot.slack.people import People, SlackSlow, promptly
from bot.slack.roles import Allowed
from bot.slack.sender import SlackSender
from core.messages import ClinicPostKind
from flows import clinic as flows
from flows import texts
from storage import clinic_queue
from storage import clinicians as roles
from storage import clinics as store
from storage.database import Database
from storage.turns import stored_chat

log = logging.getLogger(__name__)


class SlackChannelPoster:
    """The clinic dispatcher's :class:`~bot.clinics.ChannelPoster` for Slack."""

    platform = PLATFORM

    def __init__(self, people: People) -> None:
        self.people = people

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

    async def can_post(self, channel: str) -> bool:
        """Whether the app is still in ``channel`` (``True`` when Slack cannot say now)."""
        try:
            facts = await self.people.channel(channel)
        except DeliveryError:
            return True  # the outbox will try, and retry
        return facts is not None and facts.member


class ClinicChannels:
    """The button side of clinic channels, and the clinicians' export."""

    def __init__(self, db: Database, clock: Clock, sender: SlackSender,
                 people: People) -> None:
        self.db = db
        self.clock = clock
        self.sender = sender
        self.people = people
        #: Deliveries started after Slack got its answer (the adapter drains them).
        self.background: set[asyncio.Task[None]] = set()

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

    async def export(self, allowed: Allowed, deliverer: Deliverer) -> str:
        """Every check-in shared with the clinic, as a CSV file in the clinician's DM.

        The request is audited and queued in the outbox now; the file is made
        when it is sent, from what is shared then (a large clinic takes a
        while), and reaches the clinician alone, however long it is.
        """
        clinic, asker = allowed.clinic, allowed.asker
        dm = await self.dm_of(asker.user, asker.person)
        if dm is None:
            return texts.clinic_reports.SLACK_SLOW
        post = (None, PLATFORM, dm,
                request(ClinicPostKind.EXPORT, clinic.id, to=asker.person))
        queued = await asyncio.to_thread(clinic_queue.queue_export, self.db, clinic,
                                         asker.actor, post, self.clock.now())
        self._later(deliverer.deliver(queued))
        log.info("clinic %d: an export was asked for", clinic.id)
        return texts.clinic_reports.EXPORT_COMING

    def _later(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self.background.add(task)
        task.add_done_callback(self.background.discard)
