"""Turning one neutral message into the Bot API calls that show it.

Everything is sent in HTML parse mode, and every piece of text passes
through :func:`html.escape`, so a ``<`` or ``&`` in a message can neither
break the markup nor inject any. Telegram limits a text to 4096 and a
caption to 1024 characters (counted after the markup is parsed, in UTF-16
code units), so long texts are split on paragraph, then line, then word
boundaries; the inline keyboard always rides on the last part.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import text_split
from bot.telegram import callbacks
from core.messages import Alert, Choice, OutgoingMessage
from flows import texts

log = logging.getLogger(__name__)

#: Telegram's limits, after entity parsing.
MAX_TEXT = 4096
MAX_CAPTION = 1024

#: The bold first line of a message with an alert: what to do, before anything else.
ALERT_HEADINGS = {
    Alert.EMERGENCY: "🚨 Emergency — go to an emergency department now",
    Alert.SEE_DOCTOR: "⚠️ See a doctor before you exercise",
    Alert.SURGICAL_REVIEW: "⚠️ Medical review — please arrange one promptly",
}

#: Buttons share a row only while their labels are this short, at most three to a row.
_ROW_LABEL_CHARS = 24
_ROW_BUTTONS = 3


@dataclass(frozen=True, slots=True, eq=False)
class TextPart:
    """One ``sendMessage``: HTML text and, on the last part, the keyboard."""

    html: str
    keyboard: InlineKeyboardMarkup | None = None


@dataclass(frozen=True, slots=True, eq=False)
class PhotoPart:
    """One ``sendPhoto``: the picture with (the start of) its alt text as caption."""

    data: bytes
    filename: str
    caption_html: str
    keyboard: InlineKeyboardMarkup | None = None


@dataclass(frozen=True, slots=True, eq=False)
class DocumentPart:
    """One ``sendDocument``: a file with its title as caption."""

    data: bytes
    filename: str
    caption_html: str
    keyboard: InlineKeyboardMarkup | None = None


Part = TextPart | PhotoPart | DocumentPart


def render(message: OutgoingMessage) -> tuple[Part, ...]:
    """The calls that show ``message``, in order; empty if there is nothing to show.

    The text comes first (its first line the alert heading, if any), then
    the picture captioned with its alt text; alt text over the caption limit
    continues in a text message after the picture. Documents follow, one
    ``sendDocument`` each, captioned with their title.
    """
    body = message.text
    if not body.strip() and message.choices and message.image is None \
            and not message.documents:
        body = texts.common.PICK_ONE  # buttons need a message to hang on
    heading = ((message.heading or ALERT_HEADINGS[message.alert])
               if message.alert is not None else None)
    parts: list[Part] = []
    if heading is not None:
        body = f"{heading}\n\n{body}" if body.strip() else heading
    for chunk in split(body, MAX_TEXT):
        parts.append(TextPart(_escape_with_heading(chunk, heading)))
    if message.image is not None:
        alt = split(message.image.alt, MAX_CAPTION)
        extension = message.image.mime_type.rpartition("/")[2] or "png"
        parts.append(PhotoPart(message.image.data, f"picture.{extension}",
                               html.escape(alt[0], quote=False) if alt else ""))
        for chunk in split(" ".join(alt[1:]), MAX_TEXT):
            parts.append(TextPart(html.escape(chunk, quote=False)))
    for document in message.documents:
        title = split(document.title, MAX_CAPTION)
        parts.append(DocumentPart(document.data, document.filename,
                                  html.escape(title[0], quote=False) if title else ""))
    markup = keyboard(message.choices, message.reply_token)
    if markup is not None and parts:
        last = parts[-1]
        if isinstance(last, TextPart):
            parts[-1] = TextPart(last.html, markup)
        elif isinstance(last, PhotoPart):
            parts[-1] = PhotoPart(last.data, last.filename, last.caption_html, markup)
        else:
            parts[-1] = DocumentPart(last.data, last.filename, last.caption_html, markup)
    return tuple(parts)


def keyboard(choices: Sequence[Choice], token: str | None) -> InlineKeyboardMarkup | None:
    """The inline keyboard for ``choices``, each button carrying ``token`` and its id.

    A choice whose id cannot fit in callback data even without the token is
    left off (and logged); the person can still type its label or number.
    """
    buttons: list[InlineKeyboardButton] = []
    for choice in choices:
        data = callbacks.encode(token, choice.id)
        if data is None:
            log.warning("a choice id is too long for Telegram callback data; button left off")
            continue
        buttons.append(InlineKeyboardButton(choice.label, callback_data=data))
    if not buttons:
        return None
    return InlineKeyboardMarkup(_rows(buttons))


def _rows(buttons: list[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    """Short labels side by side (yes / no, times of day), long ones on rows of their own."""
    rows: list[list[InlineKeyboardButton]] = []
    for button in buttons:
        row = rows[-1] if rows else None
        width = sum(len(b.text) for b in row) if row else 0
        if (row is not None and len(row) < _ROW_BUTTONS
                and width + len(button.text) <= _ROW_LABEL_CHARS):
            row.append(button)
        else:
            rows.append([button])
    return rows


def _escape_with_heading(chunk: str, heading: str | None) -> str:
    if heading is not None and chunk.startswith(heading):
        rest = chunk[len(heading):]
        return f"<b>{html.escape(heading, quote=False)}</b>{html.escape(rest, quote=False)}"
    return html.escape(chunk, quote=False)


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def split(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` UTF-16 units (Telegram's measure)."""
    return text_split.split(text, limit, units)
