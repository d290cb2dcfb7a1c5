"""A person's export: a summary to read, their check-ins for a spreadsheet, and all of it as JSON.

Made at send time from what is stored then (:mod:`bot.attachments`), in three files:

* ``…-summary.html``: one page a person (or their clinician) reads: the overview, the
  chart with its words, every check-in, flare-ups, safety alerts and reviews
  (:mod:`bot.export.page`, a Jinja2 template);
* ``…-checkins.csv``: one row per check-in with plain column names, for a
  spreadsheet (:mod:`bot.export.spreadsheet`);
* ``….json``: every row stored about the person, for programs
  (:func:`storage.personal_data.export`).

The page and the spreadsheet read one :class:`~bot.export.report.Report`; a new
measure is a new :class:`~bot.export.columns.Column` (page and spreadsheet both
get it) or a new :class:`~bot.export.report.Section` (the page gets it).
"""

from __future__ import annotations

from datetime import datetime

from bot.export.page import html
from bot.export.report import Report, build
from bot.export.spreadsheet import checkins_csv
from core.messages import Document
from flows import texts
from storage import history, personal_data, progress
from storage.database import Database

__all__ = ["Report", "build", "documents"]


def documents(db: Database, user_id: int, now: datetime) -> tuple[Document, Document, Document]:
    """The summary page, the check-ins CSV and the complete JSON of ``user_id``, as of ``now``.

    Read only: the turn that asked for the export audited the request.
    """
    with db.engine.connect() as connection:
        exported = personal_data.export(connection, user_id, now)
        found = history.history_of(connection, user_id)
        days = progress.days_of(connection, user_id)
    report = build(found, days, now)
    stem = f"sciatica-bot-my-data-{now.date().isoformat()}"
    T = texts.export
    return (
        Document(html(report).encode(), f"{stem}-summary.html", T.SUMMARY_TITLE, "text/html"),
        Document(checkins_csv(report), f"{stem}-checkins.csv", T.CHECKINS_TITLE, "text/csv"),
        Document(exported.json_text.encode(), f"{stem}.json", T.JSON_TITLE, "application/json"),
    )
