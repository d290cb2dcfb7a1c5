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
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import select

from bot import export
from bot.clock import Clock
from core.messages import Attachment, Document, Image, OutgoingMessage
from flows.context import Context
from flows.programme import programme_day
from flows.zones import zone
from storage import history, progress
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
            return replace(plain, image=progress_image(self.db, user_id, self.clock.now()))
        return replace(plain, documents=export_documents(self.db, user_id, self.clock.now()))

    def _exists(self, user_id: int) -> bool:
        with self.db.engine.connect() as connection:
            found = connection.execute(select(users.c.id).where(users.c.id == user_id)).first()
        return found is not None


def progress_image(db: Database, user_id: int, now: datetime) -> Image:
    """The person's progress chart as it stands now, its words naming today's programme day."""
    from bot import charts

    with db.engine.connect() as connection:
        days = progress.days_of(connection, user_id)
        raw = history.context_of(connection, user_id)
    return charts.progress_chart([
        charts.SessionPoint(d.day, d.local_date, d.pain_before, d.pain_after, d.flare, d.floss)
        for d in days
    ], _programme_today(raw, now))


def _programme_today(raw: str | None, now: datetime) -> int | None:
    """Today's programme day in the person's own zone, as the progress text counts it."""
    if raw is None:
        return None
    try:
        context = Context.model_validate_json(raw)
    except ValidationError:
        return None
    prog = context.programme
    if prog.first_day is None:
        return None
    return programme_day(prog, now.astimezone(zone(context.schedule.timezone)).date())


def export_documents(db: Database, user_id: int, now: datetime
                     ) -> tuple[Document, Document, Document]:
    """The person's export: a summary to read, check-ins for a spreadsheet, all data as JSON.

    The one place a data export is made (the turn that asked for it audited the request).
    """
    return export.documents(db, user_id, now)
