"""Clinic team channels on Slack: setting a channel up, the call button, posting.

``/sciatica clinic setup [HH:MM] [time zone] [window hours]`` in a channel
creates (or reschedules) that channel's clinic, with the invoking person's
Slack time zone as the default zone. The daily call and the summary are
posted by :class:`bot.clinics.ClinicDispatcher` through
:class:`SlackChannelPoster`. A press of the call's button is turned into
the person's own event in their DM with the app: the check-in (and, the
first time, the consent-to-share question) never happens in the channel.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.clinics import member_name, post_patiently
from bot.clock import Clock
from bot.delivery import DeliveryError, Undeliverable
from bot.engine import TurnResult
from bot.service import BotService
from bot.settings import Settings
from bot.slack.events import PLATFORM, Press, slack_user
from bot.slack.people import People
from bot.slack.sender import SlackSender
from core.messages import Document, OutgoingMessage
from flows import clinic as flows
from flows import clinic_reports as reports
from flows import texts
from flows.zones import zone
from storage import clinics as store
from storage import invites, outcomes
from storage.database import Database

log = logging.getLogger(__name__)

#: Longest patient name an invite keeps (what a summary line can carry).
MAX_LABEL = 64

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
        return await _names(self.people, users)


async def _names(people: People, users: Sequence[str]) -> dict[str, str]:
    """Display names of neutral Slack user ids, looked up now (unknown ones left out)."""
    found = await asyncio.gather(*(people.name(slack_user(u)) for u in users))
    return {u: name for u, name in zip(users, found, strict=True) if name is not None}


def _is_channel(channel: str) -> bool:
    """Public (C) or private (G) channel; DMs (D) are not clinic channels."""
    return channel[:1] in ("C", "G")


class ClinicChannels:
    """The slash-command and button side of clinic channels."""

    def __init__(self, db: Database, clock: Clock, sender: SlackSender,
                 people: People, settings: Settings) -> None:
        self.db = db
        self.clock = clock
        self.sender = sender
        self.people = people
        self.settings = settings

    async def setup(self, body: Mapping[str, Any], args: Sequence[str]) -> str:
        """Create or reschedule the channel's clinic; return the reply to the invoker."""
        T = texts.clinic
        channel, team, user = str(body["channel_id"]), str(body["team_id"]), str(body["user_id"])
        if not _is_channel(channel):
            return T.SETUP_ONLY_IN_CHANNEL
        default_zone = await self.people.timezone(user) or "UTC"
        setup = flows.parse_setup(args, default_zone)
        if isinstance(setup, str):
            return setup
        now = self.clock.now()
        name = f"#{body.get('channel_name') or channel}"
        clinic = await asyncio.to_thread(
            store.save_clinic, self.db, name=name, platform=PLATFORM, team=team,
            channel=channel, call_time=setup.call_time, timezone=setup.timezone,
            window_hours=setup.window_hours,
            next_call_at=flows.next_call(setup.call_time, setup.timezone, now), now=now,
        )
        done = T.SETUP_DONE.format(time=setup.call_time, zone=setup.timezone,
                                   hours=setup.window_hours)
        try:
            await self.sender.post(channel, OutgoingMessage(done))
        except Undeliverable:
            await asyncio.to_thread(store.stop_calls, self.db, PLATFORM, team, channel)
            return T.SETUP_NOT_IN_CHANNEL
        log.info("clinic %d set up in a slack channel", clinic.id)
        return ""

    async def off(self, body: Mapping[str, Any]) -> str:
        """Stop the channel's calls; return the reply to the invoker."""
        stopped = await asyncio.to_thread(store.stop_calls, self.db, PLATFORM,
                                          str(body["team_id"]), str(body["channel_id"]))
        return texts.clinic.OFF_DONE if stopped else texts.clinic.NO_CLINIC_HERE

    async def invite(self, body: Mapping[str, Any], args: Sequence[str]) -> str:
        """A new invite code for the channel's clinic; the reply only the invoker sees.

        ``args`` name the patient as the team will see them (optional).
        """
        T = texts.clinic
        channel, team = str(body["channel_id"]), str(body["team_id"])
        if not _is_channel(channel):
            return T.SETUP_ONLY_IN_CHANNEL
        clinic = await asyncio.to_thread(store.clinic_in_channel, self.db, PLATFORM, team,
                                         channel)
        if clinic is None:
            return T.NO_CLINIC_HERE
        days = self.settings.clinic_invite_days
        label = " ".join(args)[:MAX_LABEL]
        code = await asyncio.to_thread(invites.create, self.db, clinic.id, self.clock.now(),
                                       timedelta(days=days), label)
        username = self.settings.telegram_bot_username.lstrip("@")
        telegram = (T.INVITE_TELEGRAM_LINK.format(username=username, code=code) if username
                    else T.INVITE_TELEGRAM_TYPED.format(code=code))
        log.info("clinic %d created an invite", clinic.id)
        naming = T.INVITE_NAMED.format(label=label) if label else T.INVITE_UNNAMED
        return T.INVITE_CREATED.format(clinic=clinic.name, days=days, telegram=telegram,
                                       code=code, naming=naming)

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
            return None
        try:
            dm = await self.people.dm(pressed.user)
        except DeliveryError as error:
            log.warning("could not open a slack DM for a clinic check-in: %s", error)
            return None
        result = await service.handle_then_deliver_later(pressed.event(dm))
        if not result.duplicate:
            await self._tell(pressed.channel, pressed.user, texts.slash.CHECKIN_IN_DM)
        return result

    async def _tell(self, channel: str, user: str, text: str) -> None:
        """An ephemeral note in ``channel`` that only ``user`` sees."""
        try:
            await self.sender.client.chat_postEphemeral(channel=channel, user=user, text=text)
        except Exception as error:  # noqa: BLE001 - a courtesy note; nothing depends on it
            log.info("ephemeral note not shown: %s", type(error).__name__)

    # --- clinician commands: answered to the requester only --------------------------

    async def report(self, body: Mapping[str, Any], kind: str, args: Sequence[str]) -> str:
        """``patients`` or ``patient <who>``, for a member of this clinic's channel."""
        clinic = await self.allowed_clinic(body)
        if isinstance(clinic, str):
            return clinic
        now = self.clock.now()
        since = now - timedelta(days=60)
        sharing, facts = await asyncio.to_thread(store.sharing_sessions, self.db, clinic, since)
        scores = await asyncio.to_thread(self._scores, sharing, since)
        patients = await self._named(sharing, facts, scores)
        if kind == "clinic_patients":
            today = now.astimezone(zone(clinic.timezone)).date()
            return reports.patients_text(patients, today)
        found = reports.find(patients, " ".join(args))
        return (reports.history_text(found) if found is not None
                else texts.clinic_reports.NO_SUCH_PATIENT)

    async def allowed_clinic(self, body: Mapping[str, Any]) -> store.ClinicRow | str:
        """The clinic of the command's channel if its invoker is a member; else the refusal."""
        R = texts.clinic_reports
        channel, team, user = str(body["channel_id"]), str(body["team_id"]), str(body["user_id"])
        clinic = (await asyncio.to_thread(store.clinic_in_channel, self.db, PLATFORM, team,
                                          channel) if _is_channel(channel) else None)
        if clinic is None:
            return R.NOT_A_CLINIC
        if not await self._in_channel(channel, user):
            log.info("clinic %d: a non-member asked for its patients; refused", clinic.id)
            return R.NOT_A_MEMBER
        return clinic

    async def export(self, clinic: store.ClinicRow, body: Mapping[str, Any]) -> None:
        """Every check-in shared with ``clinic``, as a CSV file in the requester's DM.

        Runs after Slack got its answer (a large clinic takes a while); the
        requester's membership was checked by :meth:`allowed_clinic`. A file
        in the DM reaches the requester alone, however long it is. The rows
        are audited as they are read; a refusal or a Retry-After that outlasts
        a few attempts is told to the requester, who can ask again.
        """
        R = texts.clinic_reports
        channel, user = str(body["channel_id"]), str(body["user_id"])
        now = self.clock.now()
        sharing, facts = await asyncio.to_thread(store.export_sessions, self.db, clinic, now)
        scores = await asyncio.to_thread(self._scores, sharing, None)
        patients = await self._named(sharing, facts, scores)
        files = [Document(reports.export_csv(patients).encode(),
                          f"clinic-check-ins-{now.date().isoformat()}.csv",
                          R.EXPORT_TITLE.format(clinic=clinic.name), "text/csv")]
        answers = reports.measures_csv(patients)
        if answers is not None:
            files.append(Document(answers.encode(),
                                  f"clinic-outcomes-{now.date().isoformat()}.csv",
                                  R.MEASURES_TITLE.format(clinic=clinic.name), "text/csv"))
        message = OutgoingMessage(R.EXPORT_INTRO.format(clinic=clinic.name, rows=len(facts)),
                                  documents=tuple(files))
        try:
            await post_patiently(self.sender, None, await self.people.dm(user), message)
        except DeliveryError as error:
            log.warning("clinic %d: export not delivered: %s", clinic.id, error)
            await self._tell(channel, user, R.EXPORT_FAILED)
            return
        log.info("clinic %d exported its shared check-ins", clinic.id)

    def _scores(self, sharing: Sequence[store.SharingMember], since: datetime | None
                ) -> list[outcomes.Score]:
        """The sharing members' outcome answers (scores only; never an activity's name)."""
        with self.db.engine.connect() as connection:
            return outcomes.scores_of(connection, [m.user_id for m in sharing], since)

    async def _named(self, sharing: Sequence[store.SharingMember],
                     facts: Sequence[store.SessionFact],
                     scores: Sequence[outcomes.Score]) -> list[reports.Patient]:
        """Each sharing member with their check-ins and answers, named by ``member_name``."""
        unlabelled = [m.platform_user for m in sharing
                      if not m.label and m.platform_user is not None]
        names = await _names(self.people, unlabelled)
        return reports.patients(
            [(m.user_id, member_name(m, names)) for m in sharing],
            [(f.user_id, reports.Day(f.local_date, f.pain_before, f.pain_after, f.flare))
             for f in facts],
            [(a.user_id, reports.Scored(a.local_date, a.measure, a.item, a.score, a.occasion))
             for a in scores],
        )

    async def _in_channel(self, channel: str, user: str) -> bool:
        """Whether ``user`` is a member of ``channel`` now (Slack's word, every time)."""
        cursor: str | None = None
        try:
            while True:
                answer = await self.sender.client.conversations_members(
                    channel=channel, cursor=cursor, limit=200)
                if user in (answer.get("members") or []):
                    return True
                cursor = (answer.get("response_metadata") or {}).get("next_cursor") or None
                if cursor is None:
                    return False
        except Exception as error:  # noqa: BLE001 - unknown membership is no membership
            log.warning("channel membership not known: %s", type(error).__name__)
            return False
