"""The clinic dispatcher: immediate alerts, daily check-in calls and their summaries.

Alerts owed to a clinic (queued by the turn that raised them) go first on
every run, claimed like the calls, so one is posted once within a worker
interval; an alert about someone who stopped sharing since is dropped.

Run from the worker loop. Each due clinic is claimed (a lease, ``SKIP
LOCKED`` on PostgreSQL), its day's round is created once (unique per
clinic and local date), the call is posted and its id stored; when a
round's window has closed its summary is posted as a reply in the call's
thread, once, with a small-multiples chart of the sharing members' pain
over the last :data:`TREND_DAYS` days. Posting goes through the platform's
:class:`ChannelPoster`, spaced by the same per-chat :class:`~bot.delivery.RateLimiter` the outbox
uses, and a platform's "wait" (429 ``Retry-After``) is honoured.

A call that is so late that its window already closed (the bot was down)
is skipped rather than posted. Posting is at least once: a worker that
dies between posting and recording leaves the lease to run out, and the
next one posts again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from bot import metrics
from bot.clock import Clock
from bot.delivery import IN_CALL_RETRIES, RateLimiter, RetryLater, Undeliverable, backoff
from core.messages import Alert, Image, OutgoingMessage
from flows import clinic as flows
from flows import texts
from storage import clinics as store
from storage import progress
from storage.database import Database

log = logging.getLogger(__name__)

#: Days of check-ins the summary's chart shows for each sharing member.
TREND_DAYS = 14


class Poster(Protocol):
    """What posts one message to a channel (or a thread in it)."""

    platform: str

    async def post(self, channel: str, message: OutgoingMessage, *,
                   thread: str | None = None) -> str:
        """Post ``message`` (in ``thread`` when given) and return the post's id.

        Raises :class:`~bot.delivery.RetryLater` or :class:`~bot.delivery.Undeliverable`
        like a :class:`~bot.delivery.Sender`.
        """
        ...


class ChannelPoster(Poster, Protocol):
    """What a platform provides to post in a team channel, and to name its people."""

    async def names(self, users: Sequence[str]) -> dict[str, str]:
        """How the team knows each platform user (never stored, never logged)."""
        ...


@runtime_checkable
class HasChannels(Protocol):
    """A platform that can host clinic team channels (an optional capability)."""

    def channel_poster(self) -> ChannelPoster:
        """The poster the clinic dispatcher uses for this platform."""
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
        """Posts that went out."""
        return self.alerts + self.calls + self.summaries


def member_name(facts: store.MemberFacts | store.AlertRow | store.SharingMember,
                names: Mapping[str, str]) -> str:
    """The invite's label, else the platform name (from ``names``), else a neutral stand-in.

    The one rule for naming a patient to a clinic: summaries, alerts and the
    clinicians' commands all use it.
    """
    if facts.label:
        return facts.label
    if facts.platform_user is not None and facts.platform_user in names:
        return names[facts.platform_user]
    return texts.clinic.UNNAMED_MEMBER.format(number=facts.user_id)


class ClinicDispatcher:
    """Posts due calls and summaries for the platforms it has posters for."""

    def __init__(self, db: Database, clock: Clock, posters: Iterable[ChannelPoster],
                 limiters: Mapping[str, RateLimiter] | None = None) -> None:
        self.db = db
        self.clock = clock
        self.posters = {p.platform: p for p in posters}
        self.limiters = dict(limiters or {})

    async def run_due(self) -> ClinicReport:
        """Post every call and summary that is due now."""
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

    async def _alert(self, alert: store.AlertRow) -> str:
        """Post one owed alert, unless the person stopped sharing since it was raised."""
        if not await asyncio.to_thread(store.still_sharing, self.db, alert.clinic_id,
                                       alert.user_id):
            await asyncio.to_thread(store.alert_posted, self.db, alert, self.clock.now(),
                                    posted=False)
            return "skipped"
        names = ({} if alert.label or alert.platform_user is None
                 else await self.posters[alert.platform].names([alert.platform_user]))
        message = flows.alert_message(member_name(alert, names), alert.level, alert.raised_at,
                                      alert.timezone)
        try:
            await self._post(alert.platform, alert.channel, message)
        except RetryLater as error:
            await asyncio.to_thread(store.release_alert, self.db, alert.id, self._later(error))
            return "deferred"
        except Undeliverable as error:
            log.warning("clinic %d channel refused an alert (%s)", alert.clinic_id, error)
            await asyncio.to_thread(store.alert_posted, self.db, alert, self.clock.now(),
                                    posted=False)
            return "skipped"
        await asyncio.to_thread(store.alert_posted, self.db, alert, self.clock.now(),
                                posted=True)
        log.info("clinic %d alert posted", alert.clinic_id)
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
            await asyncio.to_thread(store.call_posted, self.db, clinic.id, None, None, still_open)
            return "skipped"
        round_ = await asyncio.to_thread(
            store.open_round, self.db, clinic.id, win.local_date,
            starts_at=win.starts, call_at=win.call, closes_at=win.closes,
        )
        if round_.call_ts is not None:  # posted by a worker that died before releasing
            await asyncio.to_thread(store.call_posted, self.db, clinic.id, None, None, following)
            return "skipped"
        message = flows.call_message(clinic.id, win, clinic.timezone)
        try:
            ts = await self._post(clinic.platform, clinic.channel, message)
        except RetryLater as error:
            await asyncio.to_thread(store.release_clinic, self.db, clinic.id,
                                    self._later(error))
            return "deferred"
        except Undeliverable as error:
            log.warning("clinic %d channel refused the call (%s); calls stopped",
                        clinic.id, error)
            await asyncio.to_thread(store.call_posted, self.db, clinic.id, None, None, None)
            return "skipped"
        await asyncio.to_thread(store.call_posted, self.db, clinic.id, round_.id, ts, following)
        log.info("clinic %d call posted for %s", clinic.id, win.local_date.isoformat())
        return "calls"

    async def _summary(self, round_: store.RoundRow) -> str:
        clinic = await asyncio.to_thread(store.get_clinic, self.db, round_.clinic_id)
        if clinic is None or round_.call_ts is None:  # pragma: no cover - claimed rows have both
            return "skipped"
        facts = await asyncio.to_thread(store.round_facts, self.db, clinic, round_)
        names = await self.posters[clinic.platform].names(
            [f.platform_user for f in facts if f.platform_user is not None and not f.label])
        members = [
            flows.MemberDay(
                name=member_name(f, names), pain_today=f.pain_today,
                pain_before=f.pain_before, flare=f.flare,
                alerts=tuple(Alert(a) for a in f.alerts),
            )
            for f in facts
        ]
        win = flows.Window(round_.local_date, round_.starts_at, round_.call_at,
                           round_.closes_at)
        message = flows.summary(win, clinic.timezone, members)
        if facts:
            labels = {f.user_id: m.name for f, m in zip(facts, members, strict=True)}
            chart = await asyncio.to_thread(self._chart, clinic.id, labels, round_.closes_at)
            message = replace(message, image=chart)
        try:
            ts = await self._post(clinic.platform, clinic.channel, message,
                                  thread=round_.call_ts)
        except RetryLater as error:
            await asyncio.to_thread(store.release_round, self.db, round_.id, self._later(error))
            return "deferred"
        except Undeliverable as error:
            log.warning("clinic %d channel refused the summary (%s)", clinic.id, error)
            await asyncio.to_thread(store.summary_posted, self.db, round_.id, "")
            return "skipped"
        await asyncio.to_thread(store.summary_posted, self.db, round_.id, ts)
        log.info("clinic %d summary posted for %s (%d sharing)", clinic.id,
                 round_.local_date.isoformat(), len(members))
        return "summaries"

    def _chart(self, clinic_id: int, labels: Mapping[int, str], until: datetime) -> Image:
        """The members' directions as small multiples, made now and never stored."""
        from bot import charts

        with self.db.engine.connect() as connection:
            trends = progress.shared_trends(connection, clinic_id, list(labels),
                                            until - timedelta(days=TREND_DAYS))
        return charts.clinic_chart([
            charts.PatientTrend(labels[t.user_id], moves(t.pains), t.flares, t.reaches)
            for t in trends
        ])

    def _later(self, error: RetryLater) -> datetime:
        return self.clock.now() + timedelta(seconds=max(error.retry_after,
                                                        backoff(IN_CALL_RETRIES)))

    async def _post(self, platform: str, channel: str, message: OutgoingMessage, *,
                    thread: str | None = None) -> str:
        """Post with the platform's rate limit; wait out a few Retry-Afters, then give up."""
        return await post_patiently(self.posters[platform], self.limiters.get(platform),
                                    channel, message, thread=thread)


async def post_patiently(poster: Poster, limiter: RateLimiter | None, channel: str,
                         message: OutgoingMessage, *, thread: str | None = None) -> str:
    """Post at the limiter's pace; wait out a few Retry-Afters and faults, then give up.

    Raises:
        RetryLater: the platform still asked to wait after the last attempt.
        Undeliverable: the platform refused for good.

    """
    for attempt in range(1, IN_CALL_RETRIES + 1):
        if limiter is not None:
            await limiter.wait(channel)
        try:
            return await poster.post(channel, message, thread=thread)
        except RetryLater as error:
            if error.rate_limited:
                metrics.RATE_LIMITED.labels(poster.platform).inc()
            if limiter is not None:
                limiter.hold(channel if error.chat_wide else None, error.retry_after)
            if attempt == IN_CALL_RETRIES:
                raise
            if limiter is None or not error.retry_after:
                await asyncio.sleep(error.retry_after or backoff(attempt))
    raise AssertionError("the loop always returns or raises")  # pragma: no cover


def moves(pains: Sequence[int]) -> tuple[int, ...]:
    """Each check-in against the one before: +1 higher, -1 lower, 0 the same (first: 0).

    Only the direction of a patient's pain (less than ``texts.clinic.CLINIC_SEES`` allows).
    """
    return tuple(0 if i == 0 else (p > pains[i - 1]) - (p < pains[i - 1])
                 for i, p in enumerate(pains))
