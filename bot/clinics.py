"""The clinic dispatcher: immediate alerts, daily check-in calls and their summaries.

Alerts owed to a clinic (queued by the turn that raised them) go first on
every run, claimed like the calls, so one is queued once within a worker
interval.

Run from the worker loop. Each due clinic is claimed (a lease, ``SKIP
LOCKED`` on PostgreSQL); its day's round is opened and its call queued in
one transaction (unique per clinic and local date); when a round's window
has closed its summary, and a small-multiples chart of the sharing members'
pain as a post of its own, are queued to the clinicians' places. Every post
is an outbox row like any message (retries, ``Retry-After``, Slack's pace of
one a second per channel, nothing lost), handed to the :class:`~bot.delivery.
Deliverer` at once; named details are requests the platform's sender makes
into posts when it sends them (:mod:`bot.clinic_posts`).

Named details go only where only clinicians are (:meth:`ClinicDispatcher.places`):
the clinic's private clinicians' channel while the platform says no one else is
in it, otherwise each clinician's direct messages. The call's channel gets the
call and nothing about anyone.

A call that is so late that its window already closed (the bot was down)
is skipped rather than posted.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol, runtime_checkable

from bot.clinic_posts import member_name, request
from bot.clock import Clock
from bot.delivery import Deliverer, DeliveryError
from core.messages import Alert, ClinicPostKind
from flows import clinic as flows
from storage import clinic_queue
from storage import clinicians as roles
from storage import clinics as store
from storage.database import Database
from storage.turns import Destination, Queued

log = logging.getLogger(__name__)

__all__ = ["ChannelPoster", "ClinicDispatcher", "ClinicReport", "HasChannels", "Place",
           "member_name"]


class ChannelPoster(Protocol):
    """What a platform provides for clinics: names, and where only clinicians are."""

    platform: str

    async def names(self, users: Sequence[str]) -> dict[str, str]:
        """How the clinic knows each platform user (never stored, never logged)."""
        ...

    async def clinicians_only(self, channel: str, clinicians: Collection[str]) -> bool:
        """Whether ``channel`` is private and holds no one but ``clinicians`` (asked now)."""
        ...

    async def dm(self, person: str) -> str:
        """The direct-message chat of a platform person with the bot.

        Raises:
            DeliveryError: the platform would not open it.

        """
        ...

    async def can_post(self, channel: str) -> bool:
        """Whether the bot is still in ``channel`` (``True`` when the platform cannot say)."""
        ...


@runtime_checkable
class HasChannels(Protocol):
    """A platform that can host clinics (an optional capability)."""

    def channel_poster(self, db: Database, clock: Clock) -> ChannelPoster:
        """The clinic dispatcher's poster; it also makes the platform's sender make clinic posts."""
        ...


@dataclass(frozen=True, slots=True)
class ClinicReport:
    """What one run did (counts only)."""

    alerts: int = 0
    calls: int = 0
    summaries: int = 0
    skipped: int = 0
    deferred: int = 0

    @property
    def posted(self) -> int:
        """Posts queued (and handed to the deliverer)."""
        return self.alerts + self.calls + self.summaries


@dataclass(frozen=True, slots=True)
class Place:
    """Where named details go: a chat only clinicians read."""

    chat: str
    to: str = ""  # the clinician whose DM it is ("": the clinicians' channel)
    moved: bool = False  # the clinicians' channel had others in it: sent to a DM instead


class ClinicDispatcher:
    """Queues due alerts, calls and summaries for the platforms it has posters for."""

    def __init__(self, db: Database, clock: Clock, posters: Iterable[ChannelPoster], *,
                 deliverer: Deliverer | None = None) -> None:
        self.db = db
        self.clock = clock
        self.posters = {p.platform: p for p in posters}
        self.deliverer = deliverer

    async def run_due(self) -> ClinicReport:
        """Queue every alert, call and summary that is due now, and deliver them."""
        platforms = tuple(self.posters)
        counts = {"alerts": 0, "calls": 0, "summaries": 0, "skipped": 0, "deferred": 0}
        now = self.clock.now()
        for alert in await asyncio.to_thread(store.claim_due_alerts, self.db, now, platforms):
            counts[await self._alert(alert)] += 1
        now = self.clock.now()
        for clinic in await asyncio.to_thread(store.claim_due_calls, self.db, now, platforms):
            counts[await self._call(clinic)] += 1
        now = self.clock.now()
        for round_ in await asyncio.to_thread(store.claim_due_summaries, self.db, now,
                                              platforms):
            counts[await self._summary(round_)] += 1
        return ClinicReport(**counts)

    async def places(self, clinic: store.ClinicRow) -> list[Place]:
        """Where the clinic's named details go now: only ever where only clinicians are.

        The clinicians' private channel if the platform says it holds no one
        else; otherwise (or without one) each clinician's direct messages.
        """
        poster = self.posters[clinic.platform]
        people = [c.person for c in await asyncio.to_thread(roles.current, self.db, clinic.id)]
        if clinic.details_channel is not None and people and await poster.clinicians_only(
                clinic.details_channel, people):
            return [Place(clinic.details_channel)]
        moved = clinic.details_channel is not None
        if moved:
            log.warning("clinic %d: its clinicians' channel holds others; details go to DMs",
                        clinic.id)
        found = []
        for person in people:
            try:
                found.append(Place(await poster.dm(person), person, moved))
            except DeliveryError as error:
                log.warning("clinic %d: a clinician's DM could not be opened (%s)",
                            clinic.id, type(error).__name__)
        return found

    async def _alert(self, alert: store.AlertRow) -> str:
        """Queue one owed alert to the clinicians' places (made, or dropped, when sent)."""
        clinic = await asyncio.to_thread(store.get_clinic, self.db, alert.clinic_id)
        sharing = clinic is not None and await asyncio.to_thread(
            store.still_sharing, self.db, alert.clinic_id, alert.user_id)
        places = await self.places(clinic) if clinic is not None and sharing else []
        posts: list[Destination] = [
            (alert.user_id, alert.platform, place.chat,
             request(ClinicPostKind.ALERT, alert.clinic_id, alert.id, to=place.to,
                     moved=place.moved, alert=Alert(alert.level)))
            for place in places]
        queued = await asyncio.to_thread(clinic_queue.queue_alert, self.db, alert, posts,
                                         self.clock.now())
        await self._deliver(queued)
        if not queued:
            log.info("clinic %d: an alert was dropped (no longer shared, or no clinician)",
                     alert.clinic_id)
            return "skipped"
        log.info("clinic %d alert queued to %d place(s)", alert.clinic_id, len(queued))
        return "alerts"

    async def _call(self, clinic: store.ClinicRow) -> str:
        now = self.clock.now()
        due = clinic.next_call_at or now
        win = flows.window(due, clinic.timezone, clinic.window_hours)
        following = flows.next_call(clinic.call_time, clinic.timezone, max(due, now))
        if now >= win.closes:
            # The first call whose window is still open comes next (it may be due now).
            still_open = flows.next_call(clinic.call_time, clinic.timezone,
                                         now - timedelta(hours=clinic.window_hours))
            log.info("clinic %d call skipped: its window closed before it was sent", clinic.id)
            await asyncio.to_thread(store.skip_call, self.db, clinic.id, still_open)
            return "skipped"
        if not await self.posters[clinic.platform].can_post(clinic.channel):
            log.warning("clinic %d: the bot is no longer in its channel; calls stopped",
                        clinic.id)
            await asyncio.to_thread(store.skip_call, self.db, clinic.id, None)
            return "skipped"
        call = (None, clinic.platform, clinic.channel,
                flows.call_message(clinic.id, win, clinic.timezone))
        queued = await asyncio.to_thread(
            clinic_queue.queue_call, self.db, clinic.id, win.local_date, starts_at=win.starts,
            call_at=win.call, closes_at=win.closes, call=call, next_call_at=following, now=now)
        if not queued:  # queued by a worker that died before releasing the clinic
            return "skipped"
        await self._deliver(queued)
        log.info("clinic %d call queued for %s", clinic.id, win.local_date.isoformat())
        return "calls"

    async def _summary(self, round_: store.RoundRow) -> str:
        """The day's note and its chart, to the clinicians' places (never the call's channel)."""
        clinic = await asyncio.to_thread(store.get_clinic, self.db, round_.clinic_id)
        posts: list[Destination] = []
        places: list[Place] = []
        if clinic is not None:
            places = await self.places(clinic)
            sharing = await asyncio.to_thread(store.round_facts, self.db, clinic, round_)
            kinds = [ClinicPostKind.SUMMARY] + ([ClinicPostKind.CHART] if sharing else [])
            posts = [(None, clinic.platform, place.chat,
                      request(kind, clinic.id, round_.id, to=place.to, moved=place.moved))
                     for place in places
                     for kind in kinds]  # the chart a post of its own, a second later
        queued = await asyncio.to_thread(clinic_queue.queue_summary, self.db, round_.id, posts,
                                         self.clock.now())
        await self._deliver(queued)
        log.info("clinic %d summary for %s queued to %d place(s)", round_.clinic_id,
                 round_.local_date.isoformat(), len(places))
        return "summaries" if places else "skipped"

    async def _deliver(self, queued: list[Queued]) -> None:
        """Hand the rows to the deliverer now (without one, the outbox relay sends them)."""
        if self.deliverer is not None and queued:
            await self.deliverer.deliver(queued)
