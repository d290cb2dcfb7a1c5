"""What a clinician's commands show: the patient list, one patient's history, the CSV export.

Pure functions over plain facts; the adapter gathers the facts (only members
sharing with that clinic) and shows the text to the requester alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flows import texts
from flows.clinic import ARROWS, trend

T = texts.clinic_reports
ADHERENCE_DAYS = 14


@dataclass(frozen=True, slots=True)
class Day:
    """One check-in as the clinic may see it."""

    local_date: date
    pain_before: int
    pain_after: int | None
    flare: bool


@dataclass(frozen=True, slots=True)
class Patient:
    """A sharing member: how the team knows them and their check-ins, oldest first."""

    label: str
    days: tuple[Day, ...]


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
    for day in reversed(patient.days[-limit:]):
        after = T.NO_VALUE if day.pain_after is None else str(day.pain_after)
        flare = T.FLARE_MARK if day.flare else ""
        lines.append(T.HISTORY_LINE.format(day=_day(day.local_date), before=day.pain_before,
                                           after=after, flare=flare).rstrip())
    return "\n".join(lines)


CSV_HEADER = ("patient", "date", "pain_before", "pain_after", "flare")


def export_csv(patients: Sequence[Patient]) -> str:
    """Every check-in of every sharing patient, one row each."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for patient in patients:
        for day in patient.days:
            writer.writerow((patient.label, day.local_date.isoformat(), day.pain_before,
                             "" if day.pain_after is None else day.pain_after,
                             "yes" if day.flare else "no"))
    return out.getvalue()
