"""What a clinic's clinicians see, without Slack: the same facts and words as the commands.

The Slack commands (``/sciatica patient``, ``export``) are tested through
slack-bolt in ``tests/slack``; transcripts use this to show that a person's
outcome answers reach the clinicians' view, and only as the clinic may see them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flows import clinic_reports as reports
from storage import clinics, outcomes
from storage.database import Database

HISTORY_DAYS = 60  # as bot/slack/channel.py reads for ``patient``


def clinician_view(db: Database, now: datetime, args: list[str], clinic_id: int = 1) -> str:
    """``patient <number or name>`` or ``export`` (the CSV files' text) for clinic 1."""
    clinic = clinics.get_clinic(db, clinic_id)
    assert clinic is not None, f"no clinic {clinic_id}"
    if args[0] == "export":
        sharing, facts = clinics.export_sessions(db, clinic, now)
        since = None
    else:
        since = now - timedelta(days=HISTORY_DAYS)
        sharing, facts = clinics.sharing_sessions(db, clinic, since)
    with db.engine.connect() as connection:
        scores = outcomes.scores_of(connection, [m.user_id for m in sharing], since)
    patients = reports.patients(
        [(m.user_id, m.label or m.platform_user or f"Patient {m.user_id}") for m in sharing],
        [(f.user_id, reports.Day(f.local_date, f.pain_before, f.pain_after, f.flare))
         for f in facts],
        [(s.user_id, reports.Scored(s.local_date, s.measure, s.item, s.score, s.occasion))
         for s in scores],
    )
    if args[0] == "export":
        return "\n".join(t for t in (reports.export_csv(patients),
                                     reports.measures_csv(patients)) if t)
    found = reports.find(patients, " ".join(args[1:]))
    return reports.history_text(found) if found is not None else "no such patient"
