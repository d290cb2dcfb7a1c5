"""What a clinician's commands show: the patient list, one patient's history, the CSV export.

Pure functions over plain facts; the adapter gathers the facts (only members
sharing with that clinic) and shows the text to the requester alone. The
outcome measures (where the pain reaches, the weekly and review questions)
are shown as scores only: an activity is "activity 1", never the person's
words for it (``texts.clinic.CLINIC_SEES``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flows import measures, texts
from flows.clinic import ARROWS, trend

T = texts.clinic_reports
OUT = texts.outcomes
ADHERENCE_DAYS = 14


@dataclass(frozen=True, slots=True)
class Day:
    """One check-in as the clinic may see it."""

    local_date: date
    pain_before: int
    pain_after: int | None
    flare: bool


@dataclass(frozen=True, slots=True)
class Scored:
    """One answer to an outcome question (see ``flows.records.OutcomeScored``)."""

    local_date: date
    measure: str
    item: str
    score: int
    occasion: str = ""


@dataclass(frozen=True, slots=True)
class Patient:
    """A sharing member: how the team knows them, their check-ins and answers, oldest first."""

    label: str
    days: tuple[Day, ...]
    scores: tuple[Scored, ...] = ()


def patients(members: Sequence[tuple[int, str]], days: Sequence[tuple[int, Day]],
             scores: Sequence[tuple[int, Scored]] = ()) -> list[Patient]:
    """Each member (user id, label) with their check-ins and answers, in the members' order."""
    return [
        Patient(label,
                tuple(d for who, d in days if who == user_id),
                tuple(s for who, s in scores if who == user_id))
        for user_id, label in members
    ]


def reach_by_day(scores: Sequence[Scored]) -> dict[date, int]:
    """How far down the pain reached on each day (the last answer of a day)."""
    return {s.local_date: s.score for s in scores if s.measure == "reach"}


def peg_by_day(scores: Sequence[Scored]) -> dict[date, float]:
    """The PEG score of each day its items were answered (two of three at least)."""
    answers: dict[date, dict[str, int]] = {}
    for s in scores:
        if s.measure == measures.PEG:
            answers.setdefault(s.local_date, {})[f"peg_{s.item}"] = s.score
    found = {day: measures.peg_score(given) for day, given in answers.items()}
    return {day: peg for day, peg in found.items() if peg is not None}


def _first_and_latest(values: Sequence[float]) -> tuple[str, str] | None:
    if not values:
        return None
    return f"{values[0]:g}", f"{values[-1]:g}"


def measures_lines(scores: Sequence[Scored]) -> list[str]:
    """The outcome measures at their first and latest answer, scores only."""
    lines: list[str] = []
    reach = list(reach_by_day(scores).values())
    if reach:
        lines.append(T.MEASURE_REACH.format(
            first=OUT.REACH_WORDS[measures.REACHES[reach[0]]],
            now=OUT.REACH_WORDS[measures.REACHES[reach[-1]]]))
    moves = [s.score for s in scores if s.measure == "movement"]
    if moves:
        lines.append(T.MEASURE_MOVEMENT.format(up=moves.count(measures.UP),
                                               same=moves.count(0),
                                               down=moves.count(measures.DOWN)))
    slots = sorted({s.item for s in scores if s.measure == "psfs"})
    for slot in slots:
        pair = _first_and_latest([s.score for s in scores
                                  if s.measure == "psfs" and s.item == slot])
        if pair:
            lines.append(T.MEASURE_ACTIVITY.format(slot=slot, first=pair[0], now=pair[1]))
    for name, values in (
            ("PEG", list(peg_by_day(scores).values())),
            ("back pain", [float(s.score) for s in scores if s.measure == measures.BACK_PAIN])):
        pair = _first_and_latest(values)
        if pair:
            lines.append(T.MEASURE_SCORE.format(name=name, first=pair[0], now=pair[1]))
    changes = [s.score for s in scores if s.measure == measures.PGIC]
    if changes:
        answer = measures.GLOBAL_CHANGES[changes[-1] - 1]
        lines.append(T.MEASURE_CHANGE.format(change=OUT.GLOBAL_CHANGE_LABELS[answer].lower()))
    return [T.MEASURES_HEADER, *lines] if lines else []


def _day(value: date) -> str:
    return value.strftime("%a %d %b").replace(" 0", " ")


def adherence(patient: Patient, today: date) -> int:
    """Days with a check-in among the last :data:`ADHERENCE_DAYS` (today included)."""
    first = today - timedelta(days=ADHERENCE_DAYS - 1)
    return len({d.local_date for d in patient.days if first <= d.local_date <= today})


def patients_text(patients: Sequence[Patient], today: date) -> str:
    """The numbered list: adherence, pain trend, last check-in."""
    if not patients:
        return T.NO_PATIENTS
    lines = [T.PATIENTS_HEADER.format(days=ADHERENCE_DAYS)]
    for number, patient in enumerate(patients, start=1):
        if patient.days:
            last = patient.days[-1]
            previous = patient.days[-2].pain_before if len(patient.days) > 1 else None
            arrow = ARROWS[trend(last.pain_before, previous)]
            seen = _day(last.local_date)
        else:
            arrow, seen = T.NO_VALUE, T.NEVER
        lines.append(T.PATIENT_LINE.format(
            number=number, label=patient.label, done=adherence(patient, today),
            days=ADHERENCE_DAYS, arrow=arrow, last=seen))
    lines.append(T.PATIENTS_FOOTER)
    return "\n".join(lines)


def find(patients: Sequence[Patient], wanted: str) -> Patient | None:
    """A patient by list number or by label (case and a leading @ ignored)."""
    wanted = wanted.strip().lstrip("@")
    if wanted.isdigit():
        index = int(wanted) - 1
        return patients[index] if 0 <= index < len(patients) else None
    matches = [p for p in patients if p.label.lower() == wanted.lower()]
    return matches[0] if len(matches) == 1 else None


def history_text(patient: Patient, limit: int = ADHERENCE_DAYS) -> str:
    """One patient's recent check-ins, newest first."""
    if not patient.days:
        return T.HISTORY_EMPTY.format(label=patient.label)
    lines = [T.HISTORY_HEADER.format(label=patient.label)]
    reach = reach_by_day(patient.scores)
    for day in reversed(patient.days[-limit:]):
        after = T.NO_VALUE if day.pain_after is None else str(day.pain_after)
        flare = T.FLARE_MARK if day.flare else ""
        line = T.HISTORY_LINE.format(day=_day(day.local_date), before=day.pain_before,
                                     after=after, flare=flare).rstrip()
        if day.local_date in reach:
            words = OUT.REACH_WORDS[measures.REACHES[reach[day.local_date]]]
            line += T.HISTORY_REACH.format(reach=words)
        lines.append(line)
    return "\n".join([*lines, *measures_lines(patient.scores)])


CSV_HEADER = ("patient", "date", "pain_before", "pain_after", "flare", "reach")


def export_csv(patients: Sequence[Patient]) -> str:
    """Every check-in of every sharing patient, one row each, with where the pain reached."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for patient in patients:
        reach = reach_by_day(patient.scores)
        for day in patient.days:
            level = reach.get(day.local_date)
            writer.writerow((patient.label, day.local_date.isoformat(), day.pain_before,
                             "" if day.pain_after is None else day.pain_after,
                             "yes" if day.flare else "no",
                             "" if level is None else measures.REACHES[level]))
    return out.getvalue()


MEASURES_CSV_HEADER = ("patient", "date", "measure", "item", "score", "occasion")


def measures_csv(patients: Sequence[Patient]) -> str | None:
    """Every answer to an outcome question, one row each (``None`` when there are none).

    An activity is its slot (``psfs``, item ``1``), never the person's words.
    """
    rows = [(p.label, s) for p in patients for s in p.scores]
    if not rows:
        return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MEASURES_CSV_HEADER)
    for label, s in rows:
        writer.writerow((label, s.local_date.isoformat(), s.measure, s.item, s.score,
                         s.occasion))
    return out.getvalue()
