"""The exercise programme's rules as pure functions (PROTOCOL.md section 3).

Which press-up variant, what today's nerve floss is, what counts as a
flare, how a finished session moves the programme on, and the six-week
review. No I/O; every input is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from core.messages import Exercise
from flows.context import Programme, Session

REVIEW_DAY = 42
TENSIONER_OFFER_DAY = 8
TENSIONER_SWITCH_DAY = 15
SLIDER_SESSIONS_AFTER_FLARE = 3
HIGH_PAIN = 7  # tips first, exercises better later (section 2)
TIPS_ABOVE = 5  # pain rule: above 5, tips first (section 3)
FLARE_FROM_AT_MOST = 5
FLARE_REACHES = 6
CLEARLY_BETTER_BY = 2
#: A first score this low cannot fall by CLEARLY_BETTER_BY in a way the review could see
#: (docs/clinical-decisions.md): staying at or below it counts as better.
LOW_START = 2

Note = Literal["", "offer", "switch", "back_to_slider"]
Reason = Literal["disc", "stenosis", "age_under_60", "age_60_plus"]


def choose_primary(age: int, bending_worse: str, standing_worse: str) -> tuple[Exercise, Reason]:
    """Press-ups or knee hugs, from the bending and standing answers, else by age."""
    if bending_worse == "yes" and standing_worse == "no":
        return Exercise.PRESSUP_EXTENSION, "disc"
    if standing_worse == "yes" and bending_worse == "no":
        return Exercise.KNEE_HUGS, "stenosis"
    if age < 60:
        return Exercise.PRESSUP_EXTENSION, "age_under_60"
    return Exercise.KNEE_HUGS, "age_60_plus"


def programme_day(programme: Programme, today: date) -> int:
    """Day number of the programme; day 1 is the day of the first session."""
    if programme.first_day is None:
        return 1
    return max(1, (today - programme.first_day).days + 1)


@dataclass(frozen=True, slots=True)
class FlossPlan:
    """Today's nerve floss and what to tell the person about it."""

    floss: Exercise
    note: Note


def plan_floss(programme: Programme, today: date) -> FlossPlan:
    """Slider days 1-7, the tensioner offered from day 8 and switched to at day 15."""
    day = programme_day(programme, today)
    flare_recently = any(programme.recent_flares[-3:])
    if programme.slider_sessions_left > 0:
        note: Note = (
            "back_to_slider" if programme.slider_sessions_left == SLIDER_SESSIONS_AFTER_FLARE
            else ""
        )
        return FlossPlan(Exercise.FLOSS_SLIDER, note)
    if day < TENSIONER_OFFER_DAY:
        # Whatever the phase: moving west across the date line makes day 8 day 7 again.
        return FlossPlan(Exercise.FLOSS_SLIDER, "")
    if programme.phase in ("tensioner", "maintenance"):
        return FlossPlan(
            Exercise.FLOSS_SLIDER if flare_recently else Exercise.FLOSS_TENSIONER, ""
        )
    if day >= TENSIONER_SWITCH_DAY and not flare_recently:
        return FlossPlan(Exercise.FLOSS_TENSIONER, "switch")
    if day >= TENSIONER_OFFER_DAY and not flare_recently:
        return FlossPlan(Exercise.FLOSS_SLIDER, "offer")
    return FlossPlan(Exercise.FLOSS_SLIDER, "")


def session_queue(primary: Exercise, floss: Exercise) -> list[Exercise]:
    """The day's exercises in order."""
    return [Exercise.HIP_RELEASE, primary, floss]


def is_flare(pain_before: int, pain_after: int) -> bool:
    """The pain rule: from 5 or less up to 6 or more is a flare."""
    return pain_before <= FLARE_FROM_AT_MOST and pain_after >= FLARE_REACHES


def tips_first(pain_before: int) -> bool:
    """Above 5, the relief tips come before the exercises."""
    return pain_before > TIPS_ABOVE


def count_checkin(programme: Programme, pain: int, today: date, after: int | None = None
                  ) -> None:
    """Update baseline, recent pains (before and ``after``) and streak for a check-in."""
    if programme.baseline_pain is None:
        programme.baseline_pain = pain
    programme.recent_pains = [*programme.recent_pains, pain][-3:]
    programme.recent_after = [*programme.recent_after, after][-3:]
    programme.checkins += 1
    last = programme.last_checkin
    if last == today:
        pass
    elif last is not None and last == today - timedelta(days=1):
        programme.streak += 1
    else:
        programme.streak = 1
    programme.last_checkin = today


def current_streak(programme: Programme, today: date) -> int:
    """The streak as it stands on ``today``: a day without a check-in since the last ends it."""
    last = programme.last_checkin
    if last is None or (today - last).days > 1:
        return 0
    return programme.streak


def recent_checkins(programme: Programme) -> list[tuple[int, int | None]]:
    """The last check-ins as (pain before, pain after or ``None``), oldest first.

    A context saved before pain after was kept has fewer afters than befores:
    the afters belong to the newest check-ins.
    """
    befores = programme.recent_pains
    afters = programme.recent_after[-len(befores):] if befores else []
    padded = [None] * (len(befores) - len(afters)) + list(afters)
    return list(zip(befores, padded, strict=True))


def finish_session(programme: Programme, session: Session, pain_after: int) -> bool:
    """Move the programme on after a completed exercise session; return whether it flared."""
    flare = is_flare(session.pain_before, pain_after)
    if programme.first_day is None:
        programme.first_day = session.local_date
    programme.sessions += 1
    programme.recent_flares = [*programme.recent_flares, flare][-3:]
    if session.floss == Exercise.FLOSS_TENSIONER and programme.phase == "slider":
        programme.phase = "tensioner"
    if flare and session.floss == Exercise.FLOSS_TENSIONER:
        programme.slider_sessions_left = SLIDER_SESSIONS_AFTER_FLARE
    elif session.floss == Exercise.FLOSS_SLIDER and programme.slider_sessions_left > 0:
        programme.slider_sessions_left -= 1
    return flare


def review_due(programme: Programme, today: date) -> bool:
    """Day 42 has come and the review has not run since.

    A review the person asked for earlier (``/review`` works at any time)
    does not stand in for the one at six weeks.
    """
    return (
        programme.first_day is not None
        and programme_day(programme, today) >= REVIEW_DAY
        and (programme.review_on is None
             or programme_day(programme, programme.review_on) < REVIEW_DAY)
    )


def before_review_day(programme: Programme, today: date) -> bool:
    """Day 42 has not come yet (or no exercise session has started the count)."""
    return programme.first_day is None or programme_day(programme, today) < REVIEW_DAY


def review_date(programme: Programme) -> date | None:
    """The local date of day 42, once day 1 is known."""
    if programme.first_day is None:
        return None
    return programme.first_day + timedelta(days=REVIEW_DAY - 1)


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """Result of comparing the start with the last three check-ins.

    ``stayed_low``: better only by the low-start rule (started at 2 or less
    and no higher now), so the words do not speak of pain coming down.
    """

    better: bool
    baseline: int
    recent_average: float
    stayed_low: bool = False


def review(programme: Programme) -> ReviewOutcome | None:
    """Better means at least 2 points lower on the average of the last 3 check-ins.

    Someone who started at 2 or less cannot show that (a baseline of 2 would
    need three check-ins at 0): for them, an average no higher than the start
    counts as better.
    """
    if programme.baseline_pain is None or not programme.recent_pains:
        return None
    recent = programme.recent_pains[-3:]
    average = sum(recent) / len(recent)
    baseline = programme.baseline_pain
    dropped = baseline - average >= CLEARLY_BETTER_BY
    stayed_low = not dropped and baseline <= LOW_START and average <= baseline
    return ReviewOutcome(dropped or stayed_low, baseline, round(average, 1), stayed_low)
