"""Pictures and files the terminal chat receives: written to a folder, shown by path.

A terminal cannot show a PNG, so the chat writes each one (and each
document of an export) to a folder only the current user can read, and
prints its path with its alt text or title. The default folder is
``files/`` in the per-user data directory, next to the chat's database;
``sciatica-bot chat --files DIR`` picks another.

Each person's files go to a folder of their own inside it (named by a hash of
their chat, so no name shows in a path), and that folder is removed when the
goodbye of their ``/delete`` comes through: nothing the bot wrote for them is
left on disk.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from bot.attachments import Attachments
from bot.runtime import Runtime
from core.messages import OutgoingMessage
from storage import private
from storage.turns import ERASED_RECIPIENT, Queued


def default_folder() -> Path:
    """``files/`` in the per-user data directory."""
    return Path(user_data_dir("sciatica-bot", appauthor=False)) / "files"


@dataclass(frozen=True, slots=True)
class Saved:
    """One file written for the person: where, and what it is in words."""

    path: Path
    alt: str | None  # a picture's alt text
    title: str | None  # a document's title
    mime_type: str
    size: int


class Shelf:
    """Makes a message's attachment and writes its files; one per chat session."""

    def __init__(self, runtime: Runtime, folder: Path | None = None) -> None:
        self.attachments = Attachments(runtime.db, runtime.clock)
        self.folder = folder or default_folder()

    def receive(self, item: Queued) -> tuple[OutgoingMessage, list[Saved]]:
        """The message as sent, and the files written for it (none for plain text).

        The goodbye to someone just erased removes every file written for their chat.
        """
        if item.user_id == ERASED_RECIPIENT:
            self.forget(item.chat)
        message = self.attachments.resolve(item.user_id, item.message)
        saved = []
        if message.image is not None:
            extension = message.image.mime_type.rpartition("/")[2] or "png"
            path = self._write(item.chat, f"{item.outbox_id}-chart.{extension}",
                               message.image.data)
            saved.append(Saved(path, message.image.alt, None, message.image.mime_type,
                               len(message.image.data)))
        for document in message.documents:
            path = self._write(item.chat, f"{item.outbox_id}-{Path(document.filename).name}",
                               document.data)
            saved.append(Saved(path, None, document.title, document.mime_type,
                               len(document.data)))
        return message, saved

    def forget(self, chat: str) -> None:
        """Remove every file written for ``chat`` (idempotent)."""
        shutil.rmtree(self.person_folder(chat), ignore_errors=True)

    def person_folder(self, chat: str) -> Path:
        """Where the files of ``chat`` go."""
        return self.folder / f"person-{hashlib.sha256(chat.encode()).hexdigest()[:16]}"

    def _write(self, chat: str, name: str, data: bytes) -> Path:
        """Private to the user: the files hold health data."""
        return private.write(self.person_folder(chat) / name, data).resolve()
