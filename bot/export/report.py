"""What a person's summary says, as data: sections of facts, lines, a table, a picture.

Built from the stored history (:mod:`storage.history`) and the saved context,
in the person's time zone. Rendering is elsewhere (:mod:`bot.export.page`,
:mod:`bot.export.spreadsheet`), so a section added here shows on the page
without touching the template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from pydantic import ValidationError

from bot import charts
from bot.export.columns import CHECKIN_COLUMNS, Column
from core.messages import Image
from flows import texts
from flows.context import Context
from flows.dates import long_date
from flows.programme import programme_day
from flows.zones import zone
from storage.history import Checkin, History
from storage.progress import DayScores

T = texts.export


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the page: headings and rows of cells, already worded."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the page; any of its parts may be empty."""

    title: str
    facts: tuple[tuple[str, str], ...] = ()  # (label, value)
    lines: tuple[str, ...] = ()
    table: Table | None = None
    image: Image | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """The whole summary: what the page shows and what the spreadsheet holds."""

    title: str
    intro: tuple[str, ...]
    sections: tuple[Section, ...]
    columns: tuple[Column, ...]
    checkins: tuple[Checkin, ...]


def build(history: History, days: Sequence[DayScores], now: datetime) -> Report:
    """The summary of ``history`` as of ``now``; ``days`` are the chart's points."""
    context = _context(history.context)
    tz = zone(context.schedule.timezone)
    today = now.astimezone(tz).date()
    prog = context.programme
    today_day = programme_day(prog, today) if prog.first_day is not None else None
    chart = charts.progress_chart(
        [charts.SessionPoint(d.day, d.local_date, d.pain_before, d.pain_after, d.flare, d.floss)
         for d in days], today_day)
    sections = (
        Section(T.OVERVIEW, facts=_overview(history, context, tz, today_day, days)),
        Section(T.CHART, image=chart),
        _checkins(history.checkins),
        _flares(history.checkins),
        _alerts(history, tz),
        *([_reviews(history, tz)] if history.reviews else []),
    )
    intro = (T.INTRO.format(made=_when(now, tz), zone=context.schedule.timezone),
             T.NOT_A_DOCTOR_NOTE, T.FILES_NOTE)
    return Report(T.TITLE, intro, sections, CHECKIN_COLUMNS, history.checkins)


def _context(raw: str | None) -> Context:
    if raw is None:
        return Context()
    try:
        return Context.model_validate_json(raw)
    except ValidationError:
        return Context()


def _when(at: datetime, tz: tzinfo) -> str:
    local = at.astimezone(tz)
    return f"{long_date(local.date(), year=True)}, {local:%H:%M}"


def _overview(history: History, context: Context, tz: tzinfo, today_day: int | None,
              days: Sequence[DayScores]) -> tuple[tuple[str, str], ...]:
    prog = context.programme
    facts = []
    if history.started is not None:
        facts.append((T.STARTED, long_date(history.started.astimezone(tz).date(), year=True)))
    facts.append((T.FIRST_SESSION, long_date(prog.first_day, year=True)
                  if prog.first_day is not None else T.NOT_YET))
    if today_day is not None:
        facts.append((T.TODAY, str(today_day)))
    facts.append((T.CHECKIN_COUNT, str(len(days))))
    if days:
        facts.append((T.PAIN_FIRST, str(days[0].pain_before)))
        facts.append((T.PAIN_LATEST, str(days[-1].pain_before)))
    if prog.primary is not None:
        facts.append((T.SECOND_EXERCISE, texts.exercises.NAMES[prog.primary]))
    if days:
        facts.append((T.FLOSS_PHASE, texts.menu.PHASES[prog.phase]))
    if context.safety.hold is not None and context.safety.since is not None:
        facts.append((T.PAUSED, T.PAUSED_VALUE.format(since=_when(context.safety.since, tz))))
    return tuple(facts)


def _checkins(checkins: Sequence[Checkin]) -> Section:
    if not checkins:
        return Section(T.CHECKINS, lines=(T.NO_CHECKINS,))
    table = Table(tuple(c.heading for c in CHECKIN_COLUMNS),
                  tuple(tuple(c.words(checkin) for c in CHECKIN_COLUMNS) for checkin in checkins))
    return Section(T.CHECKINS, table=table)


def _flares(checkins: Sequence[Checkin]) -> Section:
    lines = tuple(
        T.FLARE_LINE.format(when=long_date(c.local_date, year=True), before=c.pain_before,
                            after=c.pain_after)
        for c in checkins if c.flare)
    return Section(T.FLARES, lines=lines or (T.NO_FLARES,))


def _alerts(history: History, tz: tzinfo) -> Section:
    lines = []
    for entry in history.safety:
        when = _when(entry.at, tz)
        if entry.kind == "cleared":
            lines.append(T.ALERT_CLEARED.format(when=when))
        else:
            lines.append(T.ALERT_RAISED.format(
                when=when, level=T.ALERT_LEVELS.get(entry.level, entry.level),
                source=T.ALERT_SOURCES.get(entry.source, entry.source)))
    return Section(T.ALERTS, lines=tuple(lines) or (T.NO_ALERTS,))


def _reviews(history: History, tz: tzinfo) -> Section:
    return Section(T.REVIEWS, lines=tuple(
        T.REVIEW_LINE.format(when=_when(r.at, tz), result=T.REVIEW_RESULTS.get(r.result, r.result),
                             baseline=r.baseline, average=f"{r.recent_average:g}")
        for r in history.reviews))
