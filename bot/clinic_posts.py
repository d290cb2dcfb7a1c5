"""Making a clinic post from its request, just before it is sent, from what is stored then.

The outbox holds a :class:`~core.messages.ClinicPost` (which clinic, which
round or alert, whose DM), never a name or a score. The platform's sender
asks :meth:`ClinicPosts.make` for the post when it is about to send it: a
patient who stopped sharing since is left out of the summary and the chart,
an alert about them is dropped, and a clinician whose role was taken away
since gets nothing. Names come from the platform then (``names``), and are
never stored. Making the same request twice makes the same post.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot.clock import Clock
from core.messages import Alert, ClinicPost, ClinicPostKind, Document, Image, OutgoingMessage
from flows import clinic as flows
from flows import clinic_reports as reports
from flows import texts
from storage import clinic_queue, outcomes, progress
from storage import clinicians as roles
from storage import clinics as store
from storage.database import Database

log = logging.getLogger(__name__)

#: Days of check-ins the summary's chart shows for each sharing member.
TREND_DAYS = 14
#: The placeholder text of a queued request (never shown: the sender makes the post).
PLACEHOLDER = "(clinic post)"

Names = Callable[[Sequence[str]], Awaitable[dict[str, str]]]


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


def request(kind: ClinicPostKind, clinic_id: int, ref: int = 0, *, to: str = "",
            moved: bool = False, alert: Alert | None = None) -> OutgoingMessage:
    """The outbox message that stands for a clinic post until it is sent.

    An alert's request carries its level, so the outbox treats it as the alert it is.
    """
    return OutgoingMessage(PLACEHOLDER, alert=alert,
                           clinic_post=ClinicPost(kind, clinic_id, ref, to, moved))


class ClinicPosts:
    """Makes clinic posts from requests, for one platform's sender."""

    def __init__(self, db: Database, clock: Clock, names: Names) -> None:
        self.db = db
        self.clock = clock
        self.names = names

    async def make(self, post: ClinicPost) -> OutgoingMessage | None:
        """The post to send now, or ``None`` when there is nothing to send any more."""
        clinic = await asyncio.to_thread(store.get_clinic, self.db, post.clinic_id)
        if clinic is None:
            return None
        if post.to and not await asyncio.to_thread(roles.is_clinician, self.db, clinic.id,
                                                   post.to):
            log.info("clinic %d: a post for someone no longer its clinician dropped", clinic.id)
            return None
        made: OutgoingMessage | None
        if post.kind is ClinicPostKind.ALERT:
            made = await self._alert(clinic, post.ref)
        elif post.kind is ClinicPostKind.EXPORT:
            made = await self._export(clinic)
        else:
            made = await self._round(clinic, post)
        if made is None or not post.moved:
            return made
        note = texts.clinic.MOVED_TO_DMS.format(place=clinic.details_name or "the channel",
                                                clinic=clinic.name)
        return replace(made, text=f"{made.text}\n{note}" if made.text else made.text)

    async def _alert(self, clinic: store.ClinicRow, alert_id: int) -> OutgoingMessage | None:
        alert = await asyncio.to_thread(clinic_queue.get_alert, self.db, alert_id)
        if alert is None or not await asyncio.to_thread(store.still_sharing, self.db,
                                                        clinic.id, alert.user_id):
            log.info("clinic %d: an alert about someone who stopped sharing dropped", clinic.id)
            return None
        names = ({} if alert.label or alert.platform_user is None
                 else await self.names([alert.platform_user]))
        return flows.alert_message(member_name(alert, names), clinic.name, alert.level,
                                   alert.raised_at, alert.timezone)

    async def _round(self, clinic: store.ClinicRow, post: ClinicPost) -> OutgoingMessage | None:
        round_ = await asyncio.to_thread(clinic_queue.get_round, self.db, post.ref)
        if round_ is None:
            return None
        facts = await asyncio.to_thread(store.round_facts, self.db, clinic, round_)
        names = await self.names(
            [f.platform_user for f in facts if f.platform_user is not None and not f.label])
        members = [
            flows.MemberDay(name=member_name(f, names), pain_today=f.pain_today,
                            pain_before=f.pain_before, flare=f.flare,
                            alerts=tuple(Alert(a) for a in f.alerts))
            for f in facts
        ]
        if post.kind is ClinicPostKind.SUMMARY:
            win = flows.Window(round_.local_date, round_.starts_at, round_.call_at,
                               round_.closes_at)
            return flows.summary(clinic.name, win, clinic.timezone, members)
        if not facts:
            return None  # everyone stopped sharing since: no chart
        labels = {f.user_id: m.name for f, m in zip(facts, members, strict=True)}
        chart = await asyncio.to_thread(self._chart, clinic.id, labels, round_.closes_at)
        return OutgoingMessage("", image=chart)

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

    async def _export(self, clinic: store.ClinicRow) -> OutgoingMessage:
        """Every check-in shared with the clinic now, as a CSV file (audited when asked)."""
        R = texts.clinic_reports
        sharing, facts = await asyncio.to_thread(store.sharing_sessions, self.db, clinic)
        unlabelled = [m.platform_user for m in sharing
                      if not m.label and m.platform_user is not None]
        names = await self.names(unlabelled)
        scores = await asyncio.to_thread(member_scores, self.db, sharing, None)
        patients = named(sharing, names, facts, scores)
        day = self.clock.now().date().isoformat()
        files = [Document(reports.export_csv(patients).encode(), f"clinic-check-ins-{day}.csv",
                          R.EXPORT_TITLE.format(clinic=clinic.name), "text/csv")]
        answers = reports.measures_csv(patients)
        if answers is not None:
            files.append(Document(answers.encode(), f"clinic-outcomes-{day}.csv",
                                  R.MEASURES_TITLE.format(clinic=clinic.name), "text/csv"))
        return OutgoingMessage(R.EXPORT_INTRO.format(clinic=clinic.name, rows=len(facts)),
                               documents=tuple(files))


def member_scores(db: Database, sharing: Sequence[store.SharingMember],
                  since: datetime | None) -> list[outcomes.Score]:
    """The sharing members' outcome answers: scores only, never an activity's name."""
    with db.engine.connect() as connection:
        return outcomes.scores_of(connection, [m.user_id for m in sharing], since)


def named(sharing: Sequence[store.SharingMember], names: Mapping[str, str],
          facts: Sequence[store.SessionFact], scores: Sequence[outcomes.Score] = ()
          ) -> list[reports.Patient]:
    """Each sharing member with their check-ins and answers, named by :func:`member_name`."""
    return reports.patients(
        [(m.user_id, member_name(m, names)) for m in sharing],
        [(f.user_id, reports.Day(f.local_date, f.pain_before, f.pain_after, f.flare))
         for f in facts],
        [(s.user_id, reports.Scored(s.local_date, s.measure, s.item, s.score, s.occasion))
         for s in scores],
    )


def moves(pains: Sequence[int]) -> tuple[int, ...]:
    """Each check-in against the one before: +1 higher, -1 lower, 0 the same (first: 0).

    Only the direction of a patient's pain (less than ``texts.clinic.CLINIC_SEES`` allows).
    """
    return tuple(0 if i == 0 else (p > pains[i - 1]) - (p < pains[i - 1])
                 for i, p in enumerate(pains))
