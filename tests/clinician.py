"""What a clinic's clinicians see, without Slack: the same facts and words as the commands.

The Slack commands (``/sciatica patient``, ``export``) are tested through
slack-bolt in ``tests/slack``; transcripts use this to show that a person's
outcome answers reach the clinicians' view, and only as the clinic may see them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clinic_posts import member_scores, named
from bot.slack.clinician_commands import HISTORY_DAYS
from flows import clinic_reports as reports
from storage import clinics
from storage.database import Database


def clinician_view(db: Database, now: datetime, args: list[str], clinic_id: int = 1) -> str:
    """``patient <number or name>`` or ``export`` (the CSV files' text) for clinic 1.

    The same reading and naming as the commands (:mod:`bot.clinic_posts`); no
    platform names, so an unlabelled patient is the numbered stand-in.
    """
    clinic = clinics.get_clinic(db, clinic_id)
    assert clinic is not None, f"no clinic {clinic_id}"
    since = None if args[0] == "export" else now - timedelta(days=HISTORY_DAYS)
    sharing, facts = clinics.sharing_sessions(db, clinic, since)
    patients = named(sharing, {}, facts, member_scores(db, sharing, since))
    if args[0] == "export":
        return "\n".join(t for t in (reports.export_csv(patients),
                                     reports.measures_csv(patients)) if t)
    found = reports.find(patients, " ".join(args[1:]))
    return reports.history_text(found) if found is not None else "no such patient"
