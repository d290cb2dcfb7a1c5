"""The outcome measures and their rules (PROTOCOL.md section 5), as pure functions.

Where the pain reaches down the leg (daily), where it goes during the
press-ups or knee hugs (centralising or spreading), and the short validated
questionnaires: the Patient-Specific Functional Scale (PSFS), PEG, weekly
back pain and the Patient Global Impression of Change (PGIC). Everything
here reads and updates :class:`~flows.context.Outcomes`; the flows say
the words and write the records. ``docs/clinical-decisions.md`` gives the
sources and how each score is used.
"""

from __future__ import annotations

from datetime import date

from flows.context import Outcomes, ReachOnDay, Round

#: How far down the leg the pain reaches, nearest the back first; the index is the level.
REACHES = ("back_only", "buttock", "thigh", "below_knee", "foot")
#: Answers after the press-ups or knee hugs, by the button that gives them.
MOVEMENTS = {"done_up": -1, "done_same": 0, "done_down": 1}
UP, DOWN = -1, 1
#: Spreading "over several days": this many days running, each further down than at first.
SPREAD_DAYS = 3
#: Spreading down during the press-ups this many answered sessions running: see someone.
DOWN_SESSIONS = 2
WEEK_DAYS = 7
MAX_ACTIVITIES = 3
MAX_ACTIVITY_CHARS = 80

PEG_ITEMS = ("peg_pain", "peg_enjoyment", "peg_activity")
#: A PEG score is the mean of its three items; with one skipped, the mean of the other two.
PEG_MIN_ITEMS = 2
BACK_PAIN = "back_pain"
PGIC = "pgic"
#: The PGIC's seven answers in the order of its scores, 1 (very much better) to 7.
GLOBAL_CHANGES = (
    "very_much_better", "much_better", "little_better", "no_change", "little_worse",
    "much_worse", "very_much_worse",
)
#: Keys of the running first and latest scores (:attr:`Outcomes.first`).
PEG = "peg"


def psfs_item(slot: int) -> str:
    """The round item that rates the activity in ``slot`` (1-3)."""
    return f"psfs_{slot}"


def psfs_slot(item: str) -> int | None:
    """The activity slot a round item rates, or ``None`` for another item."""
    prefix, _, slot = item.partition("_")
    return int(slot) if prefix == "psfs" and slot.isdigit() else None


def stored_as(item: str) -> tuple[str, str]:
    """The ``(measure, item)`` a round item is stored under (see ``OutcomeScored``)."""
    slot = psfs_slot(item)
    if slot is not None:
        return "psfs", str(slot)
    if item in PEG_ITEMS:
        return PEG, item.removeprefix("peg_")
    return item, ""


# --- where the pain reaches -----------------------------------------------------------


def note_reach(outcomes: Outcomes, today: date, reach: int) -> bool:
    """Remember today's reach; ``True`` when it has now spread for :data:`SPREAD_DAYS` days.

    A second check-in on one day replaces that day's reach. The person is told
    once per spell of spreading (``spreading`` stays set until it ends).
    """
    if outcomes.first_reach is None:
        outcomes.first_reach = reach
    days = [d for d in outcomes.reach_days if d.on != today]
    outcomes.reach_days = [*days, ReachOnDay(on=today, reach=reach)][-SPREAD_DAYS:]
    now = is_spreading(outcomes)
    newly = now and not outcomes.spreading
    outcomes.spreading = now
    return newly


def is_spreading(outcomes: Outcomes) -> bool:
    """The pain reached further down than at the first check-in on each of the last 3 days."""
    first = outcomes.first_reach
    days = outcomes.reach_days
    return (first is not None and len(days) >= SPREAD_DAYS
            and all(d.reach > first for d in days[-SPREAD_DAYS:]))


def latest_reach(outcomes: Outcomes) -> int | None:
    """The reach of the last day it was given."""
    return outcomes.reach_days[-1].reach if outcomes.reach_days else None


# --- during the press-ups or knee hugs -------------------------------------------------


def note_movement(outcomes: Outcomes, today: date, move: int) -> bool:
    """Remember an answer; ``True`` when the pain spread down :data:`DOWN_SESSIONS` running.

    Spreading down stops the exercise for the rest of the local day.
    """
    outcomes.movements = [*outcomes.movements, move][-DOWN_SESSIONS:]
    if move == DOWN:
        outcomes.primary_stopped_on = today
    return (len(outcomes.movements) == DOWN_SESSIONS
            and all(m == DOWN for m in outcomes.movements))


def primary_stopped(outcomes: Outcomes, today: date) -> bool:
    """The press-ups (or knee hugs) are stopped for today: the pain spread down with them."""
    return outcomes.primary_stopped_on == today


# --- the weekly questions and the review's ------------------------------------------


def round_due(outcomes: Outcomes, today: date) -> bool:
    """A week (or more) since the last round of questions began, or none yet."""
    last = outcomes.last_round
    return last is None or (today - last).days >= WEEK_DAYS


def _psfs_items(outcomes: Outcomes) -> list[str]:
    return [psfs_item(slot) for slot in range(1, len(outcomes.activities) + 1)]


def weekly_items(outcomes: Outcomes, today: date) -> list[str]:
    """PEG and back pain; the activities too unless they were rated in the last six days."""
    items = [*PEG_ITEMS, BACK_PAIN]
    rated = outcomes.psfs_rated_on
    if rated is None or (today - rated).days >= WEEK_DAYS - 1:
        items += _psfs_items(outcomes)
    return items


def review_items(outcomes: Outcomes, today: date) -> list[str]:
    """The activities and the global change, after this week's questions if they are due."""
    weekly = [*PEG_ITEMS, BACK_PAIN] if round_due(outcomes, today) else []
    return [*weekly, *_psfs_items(outcomes), PGIC]


def begin_round(outcomes: Outcomes, today: date, purpose: str) -> Round:
    """Start this week's (or the review's) questions; they count as asked from now."""
    items = (review_items(outcomes, today) if purpose == "review"
             else weekly_items(outcomes, today))
    outcomes.round = Round(purpose="review" if purpose == "review" else "weekly", items=items,
                           first=outcomes.last_round is None)
    outcomes.last_round = today
    return outcomes.round


def note_score(outcomes: Outcomes, today: date, item: str, score: int) -> None:
    """Keep an answer of the round, and the first and latest score of its measure.

    PEG is kept once its three items are behind (:func:`next_item`, :func:`end_round`).
    """
    current = outcomes.round
    if current is not None:
        current.answers[item] = score
    if item in PEG_ITEMS:
        return
    if psfs_slot(item) is not None:
        outcomes.psfs_rated_on = today
    _keep(outcomes, item, float(score))


def current_item(outcomes: Outcomes) -> str | None:
    """The question the round is on, or ``None`` when it is over (or there is none)."""
    current = outcomes.round
    if current is None or current.index >= len(current.items):
        return None
    return current.items[current.index]


def next_item(outcomes: Outcomes) -> None:
    """On to the next question of the round (answered or skipped)."""
    current = outcomes.round
    if current is None:
        return
    current.index += 1
    if current_item(outcomes) not in PEG_ITEMS:
        _close_peg(outcomes, current)


def end_round(outcomes: Outcomes) -> Round | None:
    """The round is over (finished, or the rest skipped); returns it."""
    current = outcomes.round
    if current is not None:
        _close_peg(outcomes, current)
    outcomes.round = None
    return current


def _close_peg(outcomes: Outcomes, current: Round) -> None:
    if current.peg_kept:
        return
    peg = peg_score(current.answers)
    if peg is not None:
        current.peg_kept = True
        _keep(outcomes, PEG, peg)


def note_activity_rating(outcomes: Outcomes, today: date, slot: int, score: int) -> None:
    """A rating given when the activity was named, at set-up."""
    outcomes.psfs_rated_on = today
    _keep(outcomes, psfs_item(slot), float(score))


def _keep(outcomes: Outcomes, key: str, value: float) -> None:
    outcomes.first.setdefault(key, value)
    outcomes.latest[key] = value


def peg_score(answers: dict[str, int]) -> float | None:
    """Mean of the PEG items answered, once at least :data:`PEG_MIN_ITEMS` are (one decimal)."""
    given = [answers[i] for i in PEG_ITEMS if i in answers]
    if len(given) < PEG_MIN_ITEMS:
        return None
    return round(sum(given) / len(given), 1)


def change_score(answer: str) -> int:
    """The PGIC answer as its score, 1 (very much better) to 7 (very much worse)."""
    return GLOBAL_CHANGES.index(answer) + 1


def feels_worse(answer: str | None) -> bool:
    """The person said they are worse overall (PGIC 5-7)."""
    return answer is not None and change_score(answer) > GLOBAL_CHANGES.index("no_change") + 1
