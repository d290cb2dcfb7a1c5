"""Making the files a message asks for, just before it is sent, from what is stored then.

Flows only name an :class:`~core.messages.Attachment`; the outbox keeps that
name, never a picture or a copy of someone's data. Whoever sends the
message (the deliverer, the terminal chat) calls :meth:`Attachments.resolve`
and hands the adapter an ordinary message with its image or documents.
matplotlib is imported on first use, so processes that never draw a chart
do not pay for it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import select

from bot.clock import Clock
from core.messages import Attachment, Document, Image, OutgoingMessage
from storage import outcomes, personal_data, progress
from storage.database import Database
from storage.tables import users


class Attachments:
    """Resolves attachment requests against the database, for the message's recipient."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def resolve(self, user_id: int | None, message: OutgoingMessage) -> OutgoingMessage:
        """``message`` with its attachment made (unchanged when it asks for none).

        A request whose recipient is not (or no longer) stored goes out as
        its text alone: there is nothing of theirs to attach.
        """
        if message.attachment is None:
            return message
        plain = replace(message, attachment=None)
        if user_id is None or not self._exists(user_id):
            return plain
        if message.attachment is Attachment.PROGRESS_CHART:
            return replace(plain, image=progress_image(self.db, user_id))
        return replace(plain, documents=export_documents(self.db, user_id, self.clock.now()))

    def _exists(self, user_id: int) -> bool:
        with self.db.engine.connect() as connection:
            found = connection.execute(select(users.c.id).where(users.c.id == user_id)).first()
        return found is not None


def progress_image(db: Database, user_id: int) -> Image:
    """The person's progress chart as it stands now (with the reach and activities given)."""
    from bot import charts

    with db.engine.connect() as connection:
        days = progress.days_of(connection, user_id)
        scores = outcomes.scores_of(connection, [user_id])
        names = outcomes.activities_of(connection, user_id)
    points = [
        charts.SessionPoint(d.day, d.local_date, d.pain_before, d.pain_after, d.flare, d.floss)
        for d in days
    ]
    if not days:
        return charts.progress_chart(points)
    first_day = days[0].local_date - timedelta(days=days[0].day - 1)

    def day_of(on: date) -> int:
        return max(0, (on - first_day).days + 1)

    reach = {s.local_date: s.score for s in scores if s.measure == "reach"}
    rated: dict[int, dict[int, int]] = {}
    for s in scores:
        if s.measure == "psfs" and s.item.isdigit():
            rated.setdefault(int(s.item), {})[day_of(s.local_date)] = s.score
    return charts.progress_chart(
        points,
        [charts.ReachPoint(day_of(on), level) for on, level in sorted(reach.items())],
        [charts.ActivityScores(names.get(slot, f"activity {slot}"), tuple(sorted(by_day.items())))
         for slot, by_day in sorted(rated.items())],
    )


def export_documents(db: Database, user_id: int, now: datetime) -> tuple[Document, Document]:
    """Everything stored about the person, as a JSON file and a CSV file.

    The one place a data export is made (the turn that asked for it audited the request).
    """
    with db.engine.connect() as connection:
        exported = personal_data.export(connection, user_id, now)
    stem = f"sciatica-bot-my-data-{now.date().isoformat()}"
    return (
        Document(exported.json_text.encode(), f"{stem}.json", "Your data (JSON)",
                 "application/json"),
        Document(exported.csv_text.encode(), f"{stem}.csv", "Your data (CSV, one value a row)",
                 "text/csv"),
    )
